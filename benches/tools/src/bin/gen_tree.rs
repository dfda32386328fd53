//! Write a valid loginhelp guide tree with about N nodes to stdout:
//! `gen-tree N [ID]`. The tree is a chain: a question whose first option
//! leads to a fix, the fix's "not solved" leading to the next question, and
//! every question and fix also able to end at a shared outcome, so that every
//! node is reachable and can reach an outcome (the validator's rules).

use std::fmt::Write as _;
use std::io::Write as _;

fn main() {
    let mut args = std::env::args().skip(1);
    let nodes: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n >= 4)
        .unwrap_or_else(|| {
            eprintln!("usage: gen-tree N [ID]   (N >= 4 nodes)");
            std::process::exit(2)
        });
    let id = args.next().unwrap_or_else(|| "generated".to_owned());
    let mut out = String::with_capacity(nodes * 400);
    let _ = write!(
        out,
        "format = 1\nid = \"{id}\"\nreviewed = \"2026-01-01\"\nstart = \"q-0\"\n\
         name = {{ ja = \"生成\", en = \"Generated\" }}\n\
         summary = {{ ja = \"{nodes}ノードの木\", en = \"A tree of {nodes} nodes\" }}\n\n\
         [[source]]\ntitle = \"gen-tree\"\nref = \"benches/tools/src/bin/gen_tree.rs\"\n"
    );
    // Two outcome nodes; the rest alternate question, fix.
    let pairs = (nodes - 2) / 2;
    for i in 0..pairs {
        let next = if i + 1 < pairs {
            format!("q-{}", i + 1)
        } else {
            "support".to_owned()
        };
        let _ = write!(
            out,
            "\n[[node]]\nid = \"q-{i}\"\nkind = \"question\"\n\
             text = {{ ja = \"質問{i}ですか?\", en = \"Is it case {i}?\" }}\n\
             [[node.option]]\nid = \"yes\"\nlabel = {{ ja = \"はい\", en = \"Yes\" }}\nnext = \"fix-{i}\"\n\
             [[node.option]]\nid = \"no\"\nlabel = {{ ja = \"いいえ\", en = \"No\" }}\nnext = \"{next}\"\n\
             \n[[node]]\nid = \"fix-{i}\"\nkind = \"fix\"\n\
             title = {{ ja = \"対処{i}\", en = \"Fix {i}\" }}\n\
             solved = \"done\"\nunsolved = \"{next}\"\n\
             [[node.step]]\ntext = {{ ja = \"手順{i}を行います。\", en = \"Do step {i}.\" }}\n"
        );
    }
    out.push_str(
        "\n[[node]]\nid = \"support\"\nkind = \"escalation\"\n\
         title = { ja = \"サポートに連絡\", en = \"Contact support\" }\n\
         [[node.contact]]\nchannel = \"phone\"\nlabel = { ja = \"窓口\", en = \"Support line\" }\nphone = \"0120-000-000\"\n\
         \n[[node]]\nid = \"done\"\nkind = \"resolved\"\n\
         title = { ja = \"解決しました\", en = \"You are back in\" }\n",
    );
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).is_err() {
        std::process::exit(1);
    }
}
