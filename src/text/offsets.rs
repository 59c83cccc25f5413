//! Conversion between character offsets (what spans use) and byte offsets
//! (what Rust strings use).

/// Number of characters (Unicode scalar values) in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The characters `[start, end)` of `s`, or `None` if the range does not fit.
pub fn char_slice(s: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let idx = CharIndex::new(s);
    let a = idx.byte(start)?;
    let b = idx.byte(end)?;
    s.get(a..b)
}

/// Byte positions of every `STRIDE`-th character, so that converting an
/// offset costs at most `STRIDE` steps instead of a walk from the start.
/// ASCII-only texts need no table at all.
#[derive(Clone, Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<usize>,
    chars: usize,
}

// Small enough that a lookup walks a few characters (exports slice every
// span), large enough that the table stays a fraction of the text.
const STRIDE: usize = 16;

impl<'a> CharIndex<'a> {
    /// Builds the index in one pass over `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex {
                text,
                ascii: true,
                checkpoints: Vec::new(),
                chars: text.len(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            chars += 1;
        }
        CharIndex {
            text,
            ascii: false,
            checkpoints,
            chars,
        }
    }

    /// Length of the text in characters.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Byte offset of character offset `ch` (`ch == chars()` gives the text
    /// length); `None` past the end.
    pub fn byte(&self, ch: usize) -> Option<usize> {
        if ch > self.chars {
            return None;
        }
        if self.ascii || ch == self.chars {
            return Some(if self.ascii { ch } else { self.text.len() });
        }
        let base = self.checkpoints[ch / STRIDE];
        let skip = ch % STRIDE;
        self.text[base..]
            .char_indices()
            .nth(skip)
            .map(|(b, _)| base + b)
    }

    /// Character offset of byte offset `byte`, which must lie on a character
    /// boundary.
    pub fn char_of_byte(&self, byte: usize) -> Option<usize> {
        if !self.text.is_char_boundary(byte) {
            return None;
        }
        if self.ascii {
            return Some(byte);
        }
        let block = self.checkpoints.partition_point(|&b| b <= byte) - 1;
        let base = self.checkpoints[block];
        Some(block * STRIDE + self.text[base..byte].chars().count())
    }

    /// The characters `[start, end)`.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        self.text.get(self.byte(start)?..self.byte(end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways_on_mixed_scripts() {
        let text = "Maduro 👍 e\u{301} 中文 مرحبا ".repeat(40);
        let idx = CharIndex::new(&text);
        assert_eq!(idx.chars(), text.chars().count());
        for (ch, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.byte(ch), Some(byte));
            assert_eq!(idx.char_of_byte(byte), Some(ch));
        }
        assert_eq!(idx.byte(idx.chars()), Some(text.len()));
        assert_eq!(idx.byte(idx.chars() + 1), None);
        assert_eq!(char_slice("a👍b", 1, 2), Some("👍"));
        assert_eq!(char_slice("ab", 1, 3), None);
    }
}
