//! JSON Pointers (RFC 6901): how every finding says where in the document it is.

/// Appends one reference token to a pointer, escaping `~` and `/`.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Appends an array index to a pointer.
pub fn push_index(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}

/// The unescaped reference tokens of a pointer; `""` has none.
pub fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let p = push(&push_index("", 0), "a/b~c");
        assert_eq!(p, "/0/a~1b~0c");
        assert_eq!(tokens(&p).collect::<Vec<_>>(), vec!["0", "a/b~c"]);
        assert_eq!(tokens("").count(), 0);
    }
}
