//! brat standoff's codec, shared by `import::brat` and `export::brat`:
//! the configuration file names, the normalisation database of actor
//! references, brat's storage form of names, and the escapes of attribute
//! values and notes. The mapping of the model onto brat lines is described
//! in `export::brat` and docs/formats.md.

use std::fmt::Write as _;

/// Name of the annotation configuration file.
pub const ANNOTATION_CONF: &str = "annotation.conf";
/// Name of the display configuration file.
pub const VISUAL_CONF: &str = "visual.conf";
/// The normalisation database name used in `N` lines.
pub const ACTOR_DB: &str = "newscoder";

/// brat's storage form of a type, role or attribute name: characters other
/// than ASCII letters, digits, `_` and `-` become `_`.
pub fn storage_form(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "_".to_string() } else { s }
}

/// Percent-encodes the characters brat cannot hold in an attribute value.
pub fn encode_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_whitespace() || matches!(c, '%' | '|' | ',') {
            let mut b = [0; 4];
            for byte in c.encode_utf8(&mut b).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Reverses [`encode_value`]; a `%` not followed by two hex digits, or
/// escapes that do not form UTF-8, are kept as they are.
pub fn decode_value(value: &str) -> String {
    if !value.contains('%') {
        return value.to_string();
    }
    let bytes = value.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = value.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| value.to_string())
}

/// Escapes a note for a single `.ann` line.
pub fn escape_note(note: &str) -> String {
    let mut out = String::with_capacity(note.len());
    for c in note.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Reverses [`escape_note`].
pub fn unescape_note(note: &str) -> String {
    let mut out = String::with_capacity(note.len());
    let mut chars = note.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_notes_round_trip() {
        for v in [
            "military or armed action",
            "50% | a,b",
            "tab\there",
            "ünï code",
            "%zz",
            "plain",
        ] {
            assert_eq!(decode_value(&encode_value(v)), v);
            assert!(!encode_value(v).contains(char::is_whitespace));
        }
        assert_eq!(encode_value("a b"), "a%20b");
        for n in ["two\nlines", "back\\slash\\n", "tab\t", ""] {
            assert_eq!(unescape_note(&escape_note(n)), n);
            assert!(!escape_note(n).contains(['\n', '\t']));
        }
        assert_eq!(storage_form("Armed group"), "Armed_group");
        assert_eq!(storage_form("Person"), "Person");
    }
}
