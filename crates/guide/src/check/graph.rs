//! The tree as a graph: every node reachable from the start, and from
//! every node an outcome (dead loops found with an iterative Kosaraju, so
//! that a 100k-node chain cannot overflow the stack).

use std::collections::VecDeque;
use std::ops::Range;

use super::checker::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::model::*;
use crate::said;

impl Checker {
    /// Reachability from `start`, and from every node to an outcome.
    pub(super) fn graph(&mut self, nodes: &[Node], start: NodeIndex, spans: &[Range<usize>]) {
        let targets: Vec<Vec<NodeIndex>> = nodes.iter().map(Node::targets).collect();

        let mut reached = vec![false; nodes.len()];
        let mut queue = VecDeque::from([start]);
        reached[start] = true;
        while let Some(i) = queue.pop_front() {
            for &t in &targets[i] {
                if !reached[t] {
                    reached[t] = true;
                    queue.push_back(t);
                }
            }
        }
        for (i, node) in nodes.iter().enumerate() {
            if !reached[i] {
                self.report(
                    Diagnostic::new(
                        Code::Unreachable,
                        Some(spans[i].clone()),
                        said!(
                            "node `{}` cannot be reached from the start",
                            "ノード `{}` には開始ノードからたどり着けません",
                            node.id
                        ),
                    )
                    .hint(said!(
                        "link to it from an option, or remove it",
                        "どれかの選択肢からつなぐか、取り除いてください"
                    )),
                );
            }
        }

        let mut sources: Vec<Vec<NodeIndex>> = vec![Vec::new(); nodes.len()];
        for (i, ts) in targets.iter().enumerate() {
            for &t in ts {
                sources[t].push(i);
            }
        }
        let mut ends = vec![false; nodes.len()];
        let mut queue: VecDeque<NodeIndex> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind().is_outcome())
            .map(|(i, _)| i)
            .collect();
        for &i in &queue {
            ends[i] = true;
        }
        while let Some(i) = queue.pop_front() {
            for &s in &sources[i] {
                if !ends[s] {
                    ends[s] = true;
                    queue.push_back(s);
                }
            }
        }
        if ends.iter().all(|&e| e) {
            return;
        }
        // Every node that cannot end leads only to nodes that cannot end, so
        // it either sits on a loop with no way out or leads into one.
        let trapped = strongly_connected(&targets, &ends);
        let mut on_loop = vec![false; nodes.len()];
        for component in trapped {
            let is_loop = component.len() > 1 || targets[component[0]].contains(&component[0]);
            if !is_loop {
                continue;
            }
            for &i in &component {
                on_loop[i] = true;
            }
            let first = *component.iter().min().unwrap_or(&component[0]);
            let mut ids: Vec<&str> = component.iter().map(|&i| &*nodes[i].id).collect();
            ids.sort();
            let listed = match ids.len() {
                0..=12 => Text::new(ids.join("、"), ids.join(", ")),
                n => Text::new(
                    format!("{} ほか {} 個", ids[..10].join("、"), n - 10),
                    format!("{} and {} more", ids[..10].join(", "), n - 10),
                ),
            };
            let (listed_en, listed_ja) = (&listed.en, &listed.ja);
            self.report(
                Diagnostic::new(
                    Code::DeadLoop,
                    Some(spans[first].clone()),
                    said!(
                        "these nodes lead only to each other: {listed_en}",
                        "これらのノードは互いの間を行き来するだけです: {listed_ja}"
                    ),
                )
                .hint(said!(
                    "give one of them an option that leads to an outcome",
                    "どれか 1 つに、結末へ進む選択肢を加えてください"
                )),
            );
        }
        for (i, node) in nodes.iter().enumerate() {
            if !ends[i] && !on_loop[i] {
                self.report(
                    Diagnostic::new(
                        Code::NoOutcome,
                        Some(spans[i].clone()),
                        said!(
                            "no outcome can be reached from node `{}`",
                            "ノード `{}` からはどの結末にもたどり着けません",
                            node.id
                        ),
                    )
                    .hint(said!(
                        "every path must end in a resolved, escalation or end node",
                        "どの道筋も resolved、escalation、end のどれかのノードで終わる必要があります"
                    )),
                );
            }
        }
    }
}

/// Strongly connected components of the nodes not marked in `skip`
/// (iterative Kosaraju, so a 100k-node chain cannot overflow the stack).
fn strongly_connected(targets: &[Vec<NodeIndex>], skip: &[bool]) -> Vec<Vec<NodeIndex>> {
    let n = targets.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = skip.to_vec();
    for root in 0..n {
        if visited[root] {
            continue;
        }
        visited[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next_child)) = stack.pop() {
            if let Some(&child) = targets[node].get(next_child) {
                stack.push((node, next_child + 1));
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
    for (i, ts) in targets.iter().enumerate() {
        if skip[i] {
            continue;
        }
        for &t in ts {
            if !skip[t] {
                reverse[t].push(i);
            }
        }
    }
    let mut assigned = skip.to_vec();
    let mut components = Vec::new();
    for &root in order.iter().rev() {
        if assigned[root] {
            continue;
        }
        assigned[root] = true;
        let mut component = vec![root];
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &s in &reverse[node] {
                if !assigned[s] {
                    assigned[s] = true;
                    component.push(s);
                    stack.push(s);
                }
            }
        }
        components.push(component);
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_find_loops() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3
        let targets = vec![vec![1], vec![2], vec![1], vec![3]];
        let mut comps = strongly_connected(&targets, &[false; 4]);
        for c in &mut comps {
            c.sort();
        }
        comps.sort();
        assert_eq!(comps, vec![vec![0], vec![1, 2], vec![3]]);
    }
}
