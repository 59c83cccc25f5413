//! How messages show user text and counts, for the command line, the
//! window and every error the core builds for people to read.
//!
//! Rust's `{:?}` is for programmers: it escapes every combining mark
//! (a Hindi title becomes `"व\u{947}न\u{947}…"`), so messages use
//! [`quoted`] for titles, names and values, and [`count`] for "1 document"
//! / "2 documents".

use std::fmt::{self, Display, Write};

/// A piece of user text shown between “ ” in a message; see [`quoted`].
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a>(&'a str);

/// Shows `text` as text, between “ ”: every letter, mark and script as it is;
/// only what would make the message unreadable or misleading is written as a
/// visible escape: control characters (`\n`, `\t`, `\r`, `\0`, others as
/// `\u{1b}`), line and paragraph separators, and the bidi embedding,
/// override and isolate controls, which would reorder the rest of the line.
///
/// Right-to-left marks (U+200E, U+200F, U+061C) and zero-width joiners stay:
/// real Arabic, Hebrew and Indic text needs them and they reorder nothing
/// beyond their neighbours.
///
/// ```
/// use newscoder::wording::quoted;
/// assert_eq!(quoted("वेनेज़ुएला").to_string(), "“वेनेज़ुएला”");
/// assert_eq!(quoted("a\nb").to_string(), "“a\\nb”");
/// ```
pub fn quoted(text: &str) -> Quoted<'_> {
    Quoted(text)
}

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // In a table (`{:<20}`) pad the whole quoted text.
        if f.width().is_some() {
            let mut shown = String::new();
            write_quoted(&mut shown, self.0)?;
            return f.pad(&shown);
        }
        write_quoted(f, self.0)
    }
}

/// Writes `text` between “ ” with the escapes [`quoted`] describes.
fn write_quoted(out: &mut impl Write, text: &str) -> fmt::Result {
    out.write_char('“')?;
    let mut rest = text;
    // Write runs of plain text at once; escape the rare characters.
    while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
        out.write_str(&rest[..at])?;
        match c {
            '\n' => out.write_str("\\n")?,
            '\t' => out.write_str("\\t")?,
            '\r' => out.write_str("\\r")?,
            '\0' => out.write_str("\\0")?,
            other => write!(out, "\\u{{{:x}}}", other as u32)?,
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.write_str(rest)?;
    out.write_char('”')
}

/// Whether `c` is shown as an escape by [`quoted`].
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // line and paragraph separators
            '\u{2028}' | '\u{2029}'
            // LRE, RLE, PDF, LRO, RLO
            | '\u{202A}'..='\u{202E}'
            // LRI, RLI, FSI, PDI
            | '\u{2066}'..='\u{2069}'
        )
}

/// A number with its noun in the right form; see [`count`].
#[derive(Clone, Copy, Debug)]
pub struct Count<'a> {
    n: usize,
    one: &'a str,
    many: &'a str,
}

/// "1 document", "0 documents", "2 documents": `n` followed by `one` when
/// `n` is 1 and by `many` otherwise.
///
/// Both forms are given whole (not a suffix) so that irregular nouns read
/// right: `count(n, "match", "matches")`, `count(n, "person", "people")`.
///
/// ```
/// use newscoder::wording::count;
/// assert_eq!(count(1, "document", "documents").to_string(), "1 document");
/// assert_eq!(count(3, "document", "documents").to_string(), "3 documents");
/// ```
pub fn count<'a>(n: usize, one: &'a str, many: &'a str) -> Count<'a> {
    Count { n, one, many }
}

impl Display for Count<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.n == 1 { self.one } else { self.many };
        if f.width().is_some() {
            return f.pad(&format!("{} {noun}", self.n));
        }
        write!(f, "{} {noun}", self.n)
    }
}

/// `s` on one line (runs of white space become one space), shortened to
/// `max` characters with an ellipsis.
pub fn excerpt(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut out: String = one_line.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_with_combining_marks_is_printed_as_it_is() {
        let title = "वेनेज़ुएला की सेना में एकता";
        let shown = quoted(title).to_string();
        assert_eq!(shown, format!("“{title}”"));
        assert!(!shown.contains("\\u{"));
    }

    #[test]
    fn arabic_hebrew_and_their_marks_stay_text() {
        for text in [
            "وحدة الجيش الفنزويلي",
            "אחדות הצבא",
            "a\u{200f}b",
            "क्\u{200d}ष",
        ] {
            assert_eq!(quoted(text).to_string(), format!("“{text}”"));
        }
    }

    #[test]
    fn control_characters_are_shown_as_visible_escapes() {
        assert_eq!(quoted("one\ntwo").to_string(), "“one\\ntwo”");
        assert_eq!(quoted("a\tb\r\0").to_string(), "“a\\tb\\r\\0”");
        assert_eq!(quoted("bell\u{7}").to_string(), "“bell\\u{7}”");
        assert_eq!(quoted("x\u{85}y").to_string(), "“x\\u{85}y”");
        assert_eq!(quoted("line\u{2028}sep").to_string(), "“line\\u{2028}sep”");
    }

    #[test]
    fn bidi_overrides_and_isolates_cannot_reorder_the_message() {
        // "Trojan source": an RLO would show "txt.exe" as "exe.txt".
        assert_eq!(
            quoted("abc\u{202e}txt.exe").to_string(),
            "“abc\\u{202e}txt.exe”"
        );
        assert_eq!(
            quoted("\u{2067}x\u{2069}").to_string(),
            "“\\u{2067}x\\u{2069}”"
        );
        assert_eq!(quoted("\u{202a}").to_string(), "“\\u{202a}”");
    }

    #[test]
    fn quotes_inside_and_empty_text() {
        assert_eq!(quoted("").to_string(), "“”");
        assert_eq!(quoted("say \"no\"").to_string(), "“say \"no\"”");
        assert_eq!(quoted("C:\\dir").to_string(), "“C:\\dir”");
    }

    #[test]
    fn counts_take_the_singular_only_for_one() {
        let docs = |n| count(n, "document", "documents").to_string();
        assert_eq!(docs(0), "0 documents");
        assert_eq!(docs(1), "1 document");
        assert_eq!(docs(2), "2 documents");
        assert_eq!(docs(1_000), "1000 documents");
        assert_eq!(count(1, "match", "matches").to_string(), "1 match");
        assert_eq!(count(2, "person", "people").to_string(), "2 people");
    }

    #[test]
    fn both_helpers_work_inside_format_strings() {
        let msg = format!(
            "imported {} into {}",
            count(1, "document", "documents"),
            quoted("study")
        );
        assert_eq!(msg, "imported 1 document into “study”");
        let row = format!("[{:>9}|{:<8}]", count(1, "pair", "pairs"), quoted("ab"));
        assert_eq!(row, "[   1 pair|“ab”    ]");
    }
}
