//! A quick pre-scan of TOML text, with no knowledge of guides: how deep
//! arrays and tables nest (so that a hostile file is refused before the
//! parser recurses), and where the `[[node]]` header lines are (so that a
//! large file can be parsed a section at a time and `list` reads only the
//! part before the first node). Strings and comments are skipped exactly.

/// The index just past the string that starts at `i` (a `"` or `'`): basic
/// or literal, one-line or multi-line. An unterminated one-line string ends
/// at its line's end, a multi-line one at the end of the text.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    let q = bytes[i];
    if bytes[i..].starts_with(&[q, q, q]) {
        i += 3;
        while i < bytes.len() && !bytes[i..].starts_with(&[q, q, q]) {
            i += if q == b'"' && bytes[i] == b'\\' { 2 } else { 1 };
        }
        i += 3;
        // Up to two more quotes belong to the text: `'''a''''` is "a'".
        for _ in 0..2 {
            if bytes.get(i) == Some(&q) {
                i += 1;
            }
        }
    } else {
        i += 1;
        while i < bytes.len() && bytes[i] != q && bytes[i] != b'\n' {
            i += if q == b'"' && bytes[i] == b'\\' && bytes.get(i + 1) != Some(&b'\n') {
                2
            } else {
                1
            };
        }
        if bytes.get(i) == Some(&q) {
            i += 1;
        }
    }
    i.min(bytes.len())
}

/// If a table header (`[a.b]` or `[[a.b]]`) starts at `i`, the index just
/// past it. A value bracket at the start of a line (`[[1, 2]]` inside a
/// multi-line array, or `[[[[`…) is not a header: a key must follow.
fn skip_header(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let double = bytes.get(j) == Some(&b'[');
    if double {
        j += 1;
    }
    while matches!(bytes.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    let key_start = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'"' | b'\'');
    if !bytes.get(j).is_some_and(|&b| key_start(b)) {
        return None;
    }
    while j < bytes.len() {
        match bytes[j] {
            b'"' | b'\'' => j = skip_string(bytes, j),
            b']' => {
                j += 1;
                if double && bytes.get(j) == Some(&b']') {
                    j += 1;
                }
                return Some(j);
            }
            b'\n' | b'[' | b'{' => return Some(j),
            _ => j += 1,
        }
    }
    Some(j)
}

/// Where the nesting of `[` and `{` (outside strings, comments and table
/// headers) first goes deeper than `limit`, found with a cheap scan before
/// the real parser sees the text. The parser has a depth guard of its own
/// (reported as LH014 too); this scan gives the clearer message and
/// position, and keeps deep input away from the parser altogether.
pub(crate) fn nesting_beyond(src: &str, limit: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                line_start = false;
                continue;
            }
            b'[' if line_start => {
                if let Some(end) = skip_header(bytes, i) {
                    i = end;
                    line_start = false;
                    continue;
                }
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    None
}

/// The byte offsets of the lines that are a plain `[[node]]` header at the
/// top level of the document (not inside a string or a value); only the
/// first with `first_only`.
pub(crate) fn node_header_lines(src: &str, first_only: bool) -> Vec<usize> {
    let bytes = src.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                line_start = false;
            }
            b'[' if line_start && depth == 0 => {
                let line = src[..i].rfind('\n').map_or(0, |n| n + 1);
                let end = src[i..].find('\n').map_or(src.len(), |n| i + n);
                if is_node_header(&src[i..end]) {
                    found.push(line);
                    if first_only {
                        break;
                    }
                }
                i = skip_header(bytes, i).unwrap_or(i + 1);
                line_start = false;
            }
            b'[' | b'{' => {
                depth += 1;
                line_start = false;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                line_start = false;
                i += 1;
            }
            _ => {
                line_start = false;
                i += 1;
            }
        }
    }
    found
}

/// Is this line (from its `[`) exactly `[[node]]`, give or take spaces and a
/// comment?
fn is_node_header(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("[[") else {
        return false;
    };
    let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix("node") else {
        return false;
    };
    let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix("]]") else {
        return false;
    };
    let rest = rest.trim_matches([' ', '\t', '\r']);
    rest.is_empty() || rest.starts_with('#')
}

/// The part of a tree file before its first `[[node]]`: the service header,
/// links and sources. The registry reads only this to list a service.
pub fn header_part(src: &str) -> &str {
    match node_header_lines(src, true).first() {
        Some(&at) => &src[..at],
        None => src,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::MAX_NESTING;

    #[test]
    fn nesting_scan_ignores_headers_and_strings() {
        assert_eq!(nesting_beyond("[[node.option]]\nx = \"[[[[[[\"\n", 2), None);
        assert_eq!(nesting_beyond("x = [[[1]]]\n", 2), Some(6));
        assert_eq!(nesting_beyond("x = { a = { b = 1 } }\n", 2), None);
        assert_eq!(nesting_beyond("# [[[[[[\nx = '''[[[['''\n", 2), None);
    }
    #[test]
    fn nesting_scan_sees_through_tricks() {
        // A line of brackets inside a multi-line array is not a header.
        let deep = format!("x = [\n{}{}\n]\n", "[".repeat(40), "]".repeat(40));
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        // Quotes closing a multi-line string do not open a new one.
        let deep = format!("x = ['''a'''', {}{}]\n", "[".repeat(40), "]".repeat(40));
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        let deep = format!(
            "x = [\"\"\"a\"\"\"\", {}{}]\n",
            "[".repeat(40),
            "]".repeat(40)
        );
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        // A header followed by more text on its line.
        let deep = format!("[a] x = {}\n", "[".repeat(40));
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        assert_eq!(nesting_beyond("[ \"a]\" ]\n[[ 'b' ]]\n", 0), None);
    }
    #[test]
    fn header_part_stops_at_the_first_node() {
        let src =
            "id = \"a\"\nx = \"\"\"\n[[node]]\n\"\"\"\n[[ node ]] # n\nid = \"b\"\n[[node]]\n";
        assert_eq!(
            header_part(src),
            "id = \"a\"\nx = \"\"\"\n[[node]]\n\"\"\"\n"
        );
        assert_eq!(node_header_lines(src, false).len(), 2);
        assert_eq!(header_part("id = 1\n"), "id = 1\n");
    }
}
