//! Identifiers: numeric ids for spans, collision-free ids for actors, and filesystem-safe names
//! for documents and coders (they become file and folder names).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies a span within one annotation set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SpanId(pub u32);

/// Identifies an actor of the project's registry: a ULID (48 bits of
/// creation time in milliseconds, 80 random bits), written as its 26
/// Crockford base-32 characters. Two machines creating actors independently
/// never produce the same id (DESIGN §2), and ids sort by creation time.
///
/// Format version 1 numbered actors 1, 2, 3…; those numbers are read as the
/// ULIDs with the same value (`38` is `00000000000000000000000016`), so an
/// old annotation file still points to its migrated actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub u128);

impl ActorId {
    /// A new id, unique across machines.
    pub fn generate() -> ActorId {
        ActorId(ulid::Ulid::new().0)
    }

    /// Parses the 26-character form (any case), or a format-1 number.
    pub fn parse(text: &str) -> Option<ActorId> {
        let text = text.trim();
        if !text.is_empty() && text.len() <= 10 && text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse::<u128>().ok().map(ActorId);
        }
        if text.len() != ulid::ULID_LEN {
            return None;
        }
        ulid::Ulid::from_string(text).ok().map(|u| ActorId(u.0))
    }
}

impl Serialize for ActorId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ActorId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ActorId, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = ActorId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an actor id (26 characters, like \"01JD3M6V8Q2R4T6W8Y0A2C4E6G\")")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ActorId, E> {
                ActorId::parse(v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ActorId, E> {
                Ok(ActorId(u128::from(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ActorId, E> {
                u64::try_from(v)
                    .map(|v| ActorId(u128::from(v)))
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl fmt::Display for SpanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0)
    }
}

impl fmt::Display for ActorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", ulid::Ulid(self.0))
    }
}

/// Longest name we accept for a document id or a coder; keeps paths well
/// inside every filesystem's limits.
const MAX_NAME_CHARS: usize = 80;

/// Whether `name` can be used as-is as a single path component inside the
/// project folder: ASCII letters, digits, `-`, `_` and `.`, not starting with
/// a dot, not empty, not too long. This is the only gate between names that
/// come from files or arguments and the filesystem.
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_CHARS
        && !name.starts_with('.')
        && !name.ends_with('.')
        && !is_windows_device(name)
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Why `name` is not a safe name (see [`is_safe_name`]), for a person:
/// the first rule it breaks, or `None` if it is safe.
pub fn unsafe_name_reason(name: &str) -> Option<String> {
    if is_safe_name(name) {
        return None;
    }
    const ALLOWED: &str = "only ASCII letters, digits, '-', '_' and '.' are allowed";
    if name.is_empty() {
        return Some("it is empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        let shown = if c.is_control() || c.is_whitespace() {
            format!("U+{:04X}", c as u32)
        } else {
            format!("“{c}” (U+{:04X})", c as u32)
        };
        return Some(format!("it contains the character {shown}; {ALLOWED}"));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Some(format!(
            "it is {chars} characters long; at most {MAX_NAME_CHARS} are allowed"
        ));
    }
    if name.starts_with('.') || name.ends_with('.') {
        return Some("it starts or ends with a dot".into());
    }
    Some("Windows reserves it for a device (like con, nul, com1)".into())
}

/// Whether Windows reserves the name for a device (`con`, `nul.txt`,
/// `COM1`, …): a project copied to Windows could not hold such a file.
fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

/// Turns any string into a safe name (see [`is_safe_name`]): lower-cased,
/// runs of other characters become `-`, accents are dropped rather than
/// mangled where they decompose to ASCII letters. Returns `fallback` when
/// nothing usable is left.
pub fn safe_name(raw: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_dash = false;
    for c in raw.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() || c == '_' {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
        if out.len() >= MAX_NAME_CHARS {
            break;
        }
    }
    if out.is_empty() {
        fallback.to_string()
    } else if is_windows_device(&out) {
        out + "_"
    } else {
        out
    }
}

/// Maps common Latin letters with diacritics to their base letter, so that
/// "Nicolás Maduro" becomes "nicolas-maduro" rather than "nicol-s-maduro".
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn unsafe_names_are_explained_by_the_rule_they_break() {
        let long = "a".repeat(300);
        assert!(
            unsafe_name_reason(&long)
                .unwrap()
                .contains("300 characters long")
        );
        let umlaut = unsafe_name_reason("müller").unwrap();
        assert!(umlaut.contains("“ü” (U+00FC)"), "{umlaut}");
        assert!(unsafe_name_reason("a\0b").unwrap().contains("U+0000"));
        assert!(unsafe_name_reason("../x").unwrap().contains("“/”"));
        assert!(unsafe_name_reason(".x").unwrap().contains("dot"));
        assert!(unsafe_name_reason("nul.txt").unwrap().contains("Windows"));
        assert!(unsafe_name_reason("").unwrap().contains("empty"));
        assert_eq!(unsafe_name_reason("alice_2"), None);
    }

    use super::*;

    #[test]
    fn safe_names_reject_traversal_and_odd_characters() {
        for bad in [
            "", "..", "../x", "a/b", "a\\b", ".hidden", "/abs", "a b", "é",
            // Windows device names and a trailing dot (Windows drops it).
            "con", "NUL", "aux.txt", "com1", "LPT9.ron", "doc.",
        ] {
            assert!(!is_safe_name(bad), "{bad:?} should be unsafe");
        }
        for good in [
            "doc-1",
            "alice",
            "reuters_2019.05.04",
            "A1",
            "com0",
            "com10",
            "console",
            "nulls",
        ] {
            assert!(is_safe_name(good), "{good:?} should be safe");
        }
    }

    #[test]
    fn safe_name_folds_and_dashes() {
        assert_eq!(safe_name("Nicolás Maduro!", "x"), "nicolas-maduro");
        assert_eq!(safe_name("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(safe_name("中文", "doc"), "doc");
        assert_eq!(safe_name("CON", "doc"), "con_");
        assert!(is_safe_name(&safe_name("Lpt1", "doc")));
        assert!(is_safe_name(&safe_name(&"x".repeat(500), "d")));
    }
}
