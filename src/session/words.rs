//! Word units of a document — words as `text::word_at` sees them (with
//! inner apostrophes and hyphens) and every other non-space character on
//! its own — and the selection arithmetic built on them: snapping a drag to
//! whole words and moving a boundary by one word.

use std::ops::Range;

/// The units of a text, in order, as character ranges.
#[derive(Clone, Debug, Default)]
pub struct Words {
    units: Vec<Range<usize>>,
}

impl Words {
    /// Splits `chars` into units in one pass.
    pub fn new(chars: &[char]) -> Words {
        let mut units = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            let unit = crate::text::word_at(chars, i).unwrap_or(i..i + 1);
            i = unit.end.max(i + 1);
            units.push(unit);
        }
        Words { units }
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether the text has no units (only whitespace).
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The unit containing character `pos`.
    pub fn unit_at(&self, pos: usize) -> Option<Range<usize>> {
        let i = self.units.partition_point(|u| u.end <= pos);
        self.units.get(i).filter(|u| u.start <= pos).cloned()
    }

    /// `[start, end)` grown to whole units and shrunk past surrounding
    /// whitespace; `None` if no unit lies inside.
    pub fn snap(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let (start, end) = (start.min(end), start.max(end));
        // First unit that ends after `start`, last unit that starts before `end`.
        let first = self.units.partition_point(|u| u.end <= start);
        let last = self.units.partition_point(|u| u.start < end);
        if first >= last {
            return None;
        }
        Some(self.units[first].start..self.units[last - 1].end)
    }

    /// The start of the last unit starting before `pos`.
    pub fn prev_start(&self, pos: usize) -> Option<usize> {
        let i = self.units.partition_point(|u| u.start < pos);
        i.checked_sub(1).map(|i| self.units[i].start)
    }

    /// The start of the first unit starting after `pos`.
    pub fn next_start(&self, pos: usize) -> Option<usize> {
        let i = self.units.partition_point(|u| u.start <= pos);
        self.units.get(i).map(|u| u.start)
    }

    /// The end of the last unit ending before `pos`.
    pub fn prev_end(&self, pos: usize) -> Option<usize> {
        let i = self.units.partition_point(|u| u.end < pos);
        i.checked_sub(1).map(|i| self.units[i].end)
    }

    /// The end of the first unit ending after `pos`.
    pub fn next_end(&self, pos: usize) -> Option<usize> {
        let i = self.units.partition_point(|u| u.end <= pos);
        self.units.get(i).map(|u| u.end)
    }

    /// A range with its start moved one unit left (`earlier`) or right;
    /// `None` if that would leave the text or empty the range.
    pub fn move_start(&self, r: &Range<usize>, earlier: bool) -> Option<Range<usize>> {
        let s = if earlier {
            self.prev_start(r.start)?
        } else {
            self.next_start(r.start)?
        };
        (s < r.end).then_some(s..r.end)
    }

    /// A range with its end moved one unit left (`earlier`) or right.
    pub fn move_end(&self, r: &Range<usize>, earlier: bool) -> Option<Range<usize>> {
        let e = if earlier {
            self.prev_end(r.end)?
        } else {
            self.next_end(r.end)?
        };
        (e > r.start).then_some(r.start..e)
    }

    /// A text selection extended one unit to the right, or shrunk one unit
    /// from the right — and once it is a single unit, grown to the left.
    pub fn extend(&self, r: &Range<usize>, right: bool) -> Option<Range<usize>> {
        if right {
            return self.move_end(r, false);
        }
        self.move_end(r, true).or_else(|| self.move_start(r, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> (Vec<char>, Words) {
        let chars: Vec<char> = s.chars().collect();
        let w = Words::new(&chars);
        (chars, w)
    }

    #[test]
    fn units_keep_inner_apostrophes_and_split_punctuation() {
        let (chars, w) = words("Guaido's \"plan\", said Maduro.");
        let texts: Vec<String> = w
            .units
            .iter()
            .map(|u| chars[u.clone()].iter().collect())
            .collect();
        assert_eq!(
            texts,
            ["Guaido's", "\"", "plan", "\"", ",", "said", "Maduro", "."]
        );
    }

    #[test]
    fn snapping_grows_to_words_and_drops_spaces() {
        let (_, w) = words("Maduro calls Guaido a puppet");
        assert_eq!(w.snap(2, 9), Some(0..12));
        assert_eq!(w.snap(9, 2), Some(0..12));
        assert_eq!(w.snap(6, 7), None, "only a space");
        assert_eq!(w.snap(6, 8), Some(7..12));
        assert_eq!(w.snap(0, 100), Some(0..28));
    }

    #[test]
    fn boundaries_move_by_one_word() {
        let (_, w) = words("Maduro calls Guaido a puppet");
        let r = 7..12; // "calls"
        assert_eq!(w.move_start(&r, true), Some(0..12));
        assert_eq!(w.move_start(&r, false), None);
        assert_eq!(w.move_end(&r, false), Some(7..19));
        assert_eq!(w.move_end(&(7..19), true), Some(7..12));
        assert_eq!(w.extend(&r, false), Some(0..12));
        assert_eq!(w.extend(&(0..19), false), Some(0..12));
        assert_eq!(w.unit_at(8), Some(7..12));
        assert_eq!(w.unit_at(6), None);
    }

    #[test]
    fn selection_crosses_line_breaks() {
        let (_, w) = words("first line\nsecond line");
        assert_eq!(w.snap(7, 14), Some(6..17));
    }
}
