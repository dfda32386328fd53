//! The TOML parser's messages in Japanese. The `toml` crate (and serde
//! through it) words its errors in English only: "unknown field `nxet`,
//! expected one of `id`, `kind`", "invalid type: integer `3`, expected a
//! string", "invalid basic string, expected `\"`". The kinds recognised
//! from their shape become a Japanese sentence, the names and values they
//! quote kept as written; anything else becomes a Japanese lead sentence
//! with the parser's own words kept verbatim after it, so nothing of the
//! detail is lost.

/// The Japanese for a message of the TOML parser (its first line).
pub fn japanese(message: &str) -> String {
    serde_message(message)
        .or_else(|| parser_message(message))
        .unwrap_or_else(|| verbatim(message))
}

/// A message not recognised: a Japanese lead, then the parser's words.
fn verbatim(message: &str) -> String {
    format!("TOML として読めません(パーサーの説明: \"{message}\")")
}

/// The messages serde builds for a struct or a value of the wrong kind.
fn serde_message(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, rest) = quoted(rest)?;
        let allowed = if let Some(list) = rest.strip_prefix(", expected one of ") {
            format!("書けるキー: {}", list_ja(list)?)
        } else if let Some(one) = rest.strip_prefix(", expected ") {
            format!("書けるキー: {}", list_ja(one)?)
        } else if rest == ", there are no fields" {
            "ここにはキーを書けません".to_owned()
        } else {
            return None;
        };
        return Some(format!("キー {field} はここには書けません({allowed})"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, rest) = quoted(rest)?;
        let list = rest
            .strip_prefix(", expected one of ")
            .or_else(|| rest.strip_prefix(", expected "))?;
        return Some(format!(
            "{value} は使えない値です(使える値: {})",
            list_ja(list)?
        ));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let (field, rest) = quoted(rest)?;
        return rest
            .is_empty()
            .then(|| format!("キー {field} がありません"));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let (field, rest) = quoted(rest)?;
        return rest
            .is_empty()
            .then(|| format!("キー {field} が二度書かれています"));
    }
    for (prefix, lead) in [
        ("invalid type: ", "値の種類が違います"),
        ("invalid value: ", "値が正しくありません"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (found, expected) = rest.rsplit_once(", expected ")?;
            return Some(format!(
                "{lead}: {}が必要なところに{}が書かれています",
                expected_ja(expected),
                found_ja(found)
            ));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (length, expected) = rest.split_once(", expected ")?;
        length.parse::<usize>().ok()?;
        return Some(format!(
            "長さが違います: {}が必要なところに、長さ {length} のものが書かれています",
            expected_ja(expected)
        ));
    }
    None
}

/// A name in backquotes at the start of `s`, and what follows it.
fn quoted(s: &str) -> Option<(&str, &str)> {
    let inner = s.strip_prefix('`')?;
    let end = inner.find('`')? + 1;
    Some((&s[..=end], &s[end + 1..]))
}

/// "`a`, `b`, `c`" (names in backquotes) as "`a`、`b`、`c`".
fn list_ja(list: &str) -> Option<String> {
    let mut names = Vec::new();
    let mut rest = list;
    loop {
        let (name, after) = quoted(rest)?;
        names.push(name);
        if after.is_empty() {
            break;
        }
        rest = after
            .strip_prefix(", ")
            .or_else(|| after.strip_prefix(" or "))?;
    }
    Some(names.join("、"))
}

/// What serde says it found ("integer `3`", "string \"x\"", "map").
fn found_ja(found: &str) -> String {
    const KINDS: [(&str, &str); 13] = [
        ("boolean", "真偽値"),
        ("integer", "整数"),
        ("floating point", "小数"),
        ("character", "文字"),
        ("string", "文字列"),
        ("byte array", "バイト列"),
        ("unit value", "空の値"),
        ("Option value", "省略できる値"),
        ("newtype struct", "値"),
        ("sequence", "配列"),
        ("map", "テーブル"),
        ("enum", "列挙"),
        ("unit variant", "値"),
    ];
    for (en, ja) in KINDS {
        if let Some(rest) = found.strip_prefix(en) {
            if rest.is_empty() {
                return ja.to_owned();
            }
            if let Some(value) = rest.strip_prefix(' ') {
                return format!("{ja} {value} ");
            }
        }
    }
    format!("\"{found}\"")
}

/// What serde says was expected ("a string", "i64", "struct RawNode").
fn expected_ja(expected: &str) -> String {
    let kind = match expected {
        "a string" | "string" | "a borrowed string" => "文字列",
        "a boolean" | "bool" => "真偽値",
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
        | "isize" | "an integer" => "整数",
        "f32" | "f64" | "a float" => "数",
        "a sequence" | "a sequence of tables" | "an array" => "配列",
        "a map" | "a table" => "テーブル",
        "a character" | "char" => "文字",
        "a datetime" | "a TOML datetime" => "日時",
        s if s.starts_with("struct ") => "テーブル",
        s if s.starts_with("an array of length ") || s.starts_with("a tuple of size ") => {
            "決まった長さの配列"
        }
        _ => return format!("\"{expected}\" "),
    };
    kind.to_owned()
}

/// The parser's own messages: a description and, after ", expected ",
/// what would have been valid there.
fn parser_message(message: &str) -> Option<String> {
    let (description, expected) = match message.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (message, None),
    };
    let lead = description_ja(description)?;
    // "expected nothing": the value should have ended here.
    let Some(expected) = expected.filter(|e| *e != "nothing") else {
        return Some(lead.to_owned());
    };
    let items: Vec<String> = split_expected(expected)
        .into_iter()
        .map(expected_item_ja)
        .collect();
    let items = items.join("、");
    // A space after a literal in backquotes, none after Japanese.
    let space = if items.ends_with(|c: char| c.is_ascii()) {
        " "
    } else {
        ""
    };
    Some(format!("{lead}({items}{space}が必要です)"))
}

/// The items of an "expected" list: literals in backquotes (which may
/// hold a comma) and descriptions, separated by ", ".
fn split_expected(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut rest = list;
    while !rest.is_empty() {
        let end = if let Some(literal) = rest.strip_prefix('`') {
            // A literal: up to its closing backquote (a literal backquote
            // is written '`').
            literal.find('`').map_or(rest.len(), |i| i + 2)
        } else {
            rest.find(", ").unwrap_or(rest.len())
        };
        if end > 0 {
            items.push(&rest[..end]);
        }
        // Either an item was taken or `rest` starts with ", ": it shrinks.
        rest = rest[end..].strip_prefix(", ").unwrap_or(&rest[end..]);
    }
    items
}

fn expected_item_ja(item: &str) -> String {
    let ja = match item {
        "newline" => "改行",
        "etc" => "ほか",
        "key" => "キー",
        "value" => "値",
        "numbers" | "digits" => "数字",
        "letters" => "英字",
        "string" => "文字列",
        "boolean" => "真偽値",
        "date-time" => "日時",
        "float" => "小数",
        "integer" => "整数",
        "hexadecimal" => "16 進数",
        "octal" => "8 進数",
        "binary" => "2 進数",
        "literal string" => "リテラル文字列",
        "basic string" => "基本文字列",
        "multi-line basic string" => "複数行の基本文字列",
        "unicode hexadecimal value" => "16 進数の Unicode 値",
        "printable characters" | "characters" => "表示できる文字",
        "non-single-quote visible characters" => "`'` 以外の表示できる文字",
        "non-single-quote characters" => "`'` 以外の文字",
        "non-double-quote visible characters" => "`\"` 以外の表示できる文字",
        "'`'" => "`` ` ``",
        s if s.starts_with('`') => return s.to_owned(),
        s => return format!("\"{s}\""),
    };
    ja.to_owned()
}

/// The descriptions `toml_parser` and `toml` give, in Japanese.
fn description_ja(description: &str) -> Option<&'static str> {
    Some(match description {
        "duplicate key" => "同じキーが二度書かれています",
        "invalid basic string" => "文字列が正しく閉じられていません",
        "invalid literal string" => "リテラル文字列が正しく閉じられていません",
        "invalid multi-line basic string" => "複数行の文字列が正しく閉じられていません",
        "invalid multi-line literal string" => "複数行のリテラル文字列が正しく閉じられていません",
        "invalid string" => "文字列が正しくありません",
        "unclosed array" => "配列が閉じられていません",
        "unclosed inline table" => "インラインのテーブルが閉じられていません",
        "unclosed table" => "テーブルの見出しが閉じられていません",
        "unclosed array table" => "配列テーブルの見出しが閉じられていません",
        "missing comma between array elements" => "配列の要素の間にコンマがありません",
        "missing comma between key-value pairs" => "キーと値の組の間にコンマがありません",
        "missing assignment between key-value pairs" => "キーと値の間に `=` がありません",
        "missing key for inline table element" => "インラインのテーブルの要素にキーがありません",
        "missing inline table opening" => "インラインのテーブルの始まりがありません",
        "missing array opening" => "配列の始まりがありません",
        "missing opening quote" => "始まりの引用符がありません",
        "missing escaped value" => "エスケープした文字がありません",
        "missing value" => "値がありません",
        "missing value for key" => "キーに値がありません",
        "missing table open" => "テーブルの見出しの始まりがありません",
        "missing comment start" => "コメントの始まりがありません",
        "key with no value" => "キーに値がありません",
        "invalid unquoted key" => "引用符のないキーに使えない文字があります",
        "invalid key" => "キーが正しくありません",
        "invalid key-value pair" => "キーと値の組が正しくありません",
        "invalid value" => "値が正しくありません",
        "invalid table" => "テーブルが正しくありません",
        "invalid octal number" => "8 進数が正しくありません",
        "invalid mantissa" => "数の仮数部が正しくありません",
        "invalid escape sequence" => "エスケープが正しくありません",
        "invalid unicode escape" => "Unicode のエスケープが正しくありません",
        "unexpected leading zero" => "数の先頭に余分な 0 があります",
        "unexpected sign" => "ここに符号は書けません",
        "unexpected key or value" => "ここにキーや値は書けません",
        "unexpected content" => "ここに書けないものがあります",
        "unexpected content between comment and newline" => {
            "コメントと改行の間に書けないものがあります"
        }
        "unexpected `=` in array" => "配列の中に `=` は書けません",
        "keys cannot be multi-line literal strings" => "キーに複数行のリテラル文字列は使えません",
        "keys cannot be multi-line basic strings" => "キーに複数行の文字列は使えません",
        "trailing" => "余分なものが続いています",
        "`_` may only go between digits" => "`_` は数字と数字の間にしか書けません",
        "carriage return must be followed by newline" => "CR のあとには改行が必要です",
        "extra `=`" => "`=` が余分です",
        "extra assignment between key-value pairs" => "キーと値の組の間に余分な `=` があります",
        "extra comma in array" => "配列に余分なコンマがあります",
        "extra comma in inline table" => "インラインのテーブルに余分なコンマがあります",
        "integers with a radix cannot be signed" => "基数を指定した整数に符号は付けられません",
        "invalid comment character" => "コメントに使えない文字があります",
        "invalid inline table element" => "インラインのテーブルの要素が正しくありません",
        "radix must be lowercase" => "基数の接頭辞は小文字で書きます",
        "redundant integer number prefix" => "整数の接頭辞が余分です",
        "redundant numeric sign" => "数の符号が余分です",
        "string values must be quoted" => "文字列の値は引用符で囲んでください",
        "too few unicode value digits" => "Unicode のエスケープの桁が足りません",
        "unquoted keys cannot be empty" => "引用符のないキーは空にできません",
        "invalid boolean" => "真偽値が正しくありません",
        "invalid date-time" => "日時が正しくありません",
        "invalid float" => "小数が正しくありません",
        "invalid integer number" => "整数が正しくありません",
        "invalid hexadecimal number" => "16 進数が正しくありません",
        "invalid binary number" => "2 進数が正しくありません",
        "integer number overflowed" => "整数が大きすぎます",
        "floating-point number overflowed" => "小数が大きすぎます",
        "u64 value was too large" => "値が大きすぎます",
        "expected empty array" => "空の配列が必要です",
        "expected empty table" => "空のテーブルが必要です",
        "wanted string or table" => "文字列かテーブルが必要です",
        "value is missing" => "値がありません",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_shapes_become_sentences() {
        assert_eq!(
            japanese("unknown field `nxet`, expected one of `id`, `kind`, `next`"),
            "キー `nxet` はここには書けません(書けるキー: `id`、`kind`、`next`)"
        );
        assert_eq!(
            japanese("unknown field `x`, expected `node`"),
            "キー `x` はここには書けません(書けるキー: `node`)"
        );
        assert_eq!(
            japanese("invalid type: integer `3`, expected a string"),
            "値の種類が違います: 文字列が必要なところに整数 `3` が書かれています"
        );
        assert_eq!(
            japanese("invalid type: string \"a\", expected struct RawTextParts"),
            "値の種類が違います: テーブルが必要なところに文字列 \"a\" が書かれています"
        );
        assert_eq!(japanese("missing field `id`"), "キー `id` がありません");
        assert_eq!(japanese("duplicate key"), "同じキーが二度書かれています");
        assert_eq!(
            japanese("invalid basic string, expected `\"`"),
            "文字列が正しく閉じられていません(`\"` が必要です)"
        );
        assert_eq!(
            japanese("missing comma between array elements, expected `,`"),
            "配列の要素の間にコンマがありません(`,` が必要です)"
        );
        assert_eq!(
            japanese("missing assignment between key-value pairs, expected `=`"),
            "キーと値の間に `=` がありません(`=` が必要です)"
        );
        assert_eq!(
            japanese("unclosed inline table, expected `}`, `,`"),
            "インラインのテーブルが閉じられていません(`}`、`,` が必要です)"
        );
    }

    #[test]
    fn anything_else_keeps_the_parser_words() {
        for odd in [
            "",
            "something new went wrong",
            "unknown field `a",
            "unknown field `a`, expected one of `b",
            "invalid length x, expected y",
            "`",
            ", expected ",
        ] {
            let ja = japanese(odd);
            assert!(ja.contains(odd), "{odd:?} -> {ja}");
            assert!(ja.starts_with("TOML として読めません"), "{odd:?} -> {ja}");
        }
        // A known description with an unknown expectation keeps it quoted.
        assert_eq!(
            japanese("invalid key, expected something else"),
            "キーが正しくありません(\"something else\" が必要です)"
        );
    }
}
