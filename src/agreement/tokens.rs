//! Token coverage (docs/formats.md, "Agreement"): a token is covered by a span when their
//! character ranges intersect. Spans become ranges of token indices, and
//! coverage counts come from unions and intersections of those ranges, so
//! the cost follows the number of spans, not the number of tokens.

use crate::text::Token;

/// A range `[first, last + 1)` of token indices.
pub type TokenRange = (usize, usize);

/// The tokens (by index) whose characters intersect `[start, end)`; empty
/// when none does.
pub fn token_range(tokens: &[Token], start: usize, end: usize) -> TokenRange {
    if start >= end {
        return (0, 0);
    }
    let first = tokens.partition_point(|t| t.end <= start);
    let last = tokens.partition_point(|t| t.start < end);
    if first >= last { (0, 0) } else { (first, last) }
}

/// [`token_range`] for many spans in order of their start: walks forward
/// through the tokens instead of searching from scratch, which is what a
/// set sorted by start (as sets are stored) costs least with. Any order is
/// still answered correctly.
#[derive(Clone, Debug)]
pub struct TokenCursor<'t> {
    tokens: &'t [Token],
    /// Number of tokens ending at or before the last start asked for.
    first: usize,
}

impl<'t> TokenCursor<'t> {
    /// A cursor at the start of `tokens`.
    pub fn new(tokens: &'t [Token]) -> TokenCursor<'t> {
        TokenCursor { tokens, first: 0 }
    }

    /// The tokens whose characters intersect `[start, end)`.
    pub fn range(&mut self, start: usize, end: usize) -> TokenRange {
        let toks = self.tokens;
        if start >= end {
            return (0, 0);
        }
        if self.first > 0 && toks[self.first - 1].end > start {
            // An earlier start than the last one: search afresh.
            self.first = toks.partition_point(|t| t.end <= start);
        }
        // Starts of neighbouring spans are close: step, then search if far.
        let mut steps = 0;
        while self.first < toks.len() && toks[self.first].end <= start {
            self.first += 1;
            steps += 1;
            if steps == 16 {
                self.first += toks[self.first..].partition_point(|t| t.end <= start);
                break;
            }
        }
        let first = self.first;
        let mut last = first;
        while last < toks.len() && toks[last].start < end {
            last += 1;
            if last - first == 16 {
                last += toks[last..].partition_point(|t| t.start < end);
                break;
            }
        }
        if first >= last { (0, 0) } else { (first, last) }
    }
}

/// Sorts ranges and merges those that overlap or touch, dropping empty
/// ones: the set of covered tokens as disjoint runs.
pub fn union(ranges: &mut Vec<TokenRange>) {
    ranges.retain(|r| r.0 < r.1);
    ranges.sort_unstable();
    let mut out = 0;
    for i in 0..ranges.len() {
        let (s, e) = ranges[i];
        if out > 0 && s <= ranges[out - 1].1 {
            ranges[out - 1].1 = ranges[out - 1].1.max(e);
        } else {
            ranges[out] = (s, e);
            out += 1;
        }
    }
    ranges.truncate(out);
}

/// Number of tokens in disjoint runs.
pub fn total(runs: &[TokenRange]) -> usize {
    runs.iter().map(|(s, e)| e - s).sum()
}

/// Number of tokens in both sets of disjoint, sorted runs.
pub fn intersection(a: &[TokenRange], b: &[TokenRange]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let lo = a[i].0.max(b[j].0);
        let hi = a[i].1.min(b[j].1);
        n += hi.saturating_sub(lo);
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn spans_cover_the_tokens_they_touch() {
        // "Maduro's US-backed puppet": Maduro ' s US - backed puppet
        let toks = tokenize("Maduro's US-backed puppet");
        assert_eq!(token_range(&toks, 0, 6), (0, 1));
        // A span ending inside "backed" still covers it.
        assert_eq!(token_range(&toks, 9, 14), (3, 6));
        // Whitespace only: no token.
        assert_eq!(token_range(&toks, 8, 9), (0, 0));
        assert_eq!(token_range(&toks, 3, 3), (0, 0));
        assert_eq!(token_range(&toks, 20, 200), (6, 7));
    }

    #[test]
    fn cursor_agrees_with_search_in_any_order() {
        let text = "a bb ccc, dd. e ".repeat(40);
        let toks = tokenize(&text);
        let n = text.chars().count();
        let mut cursor = TokenCursor::new(&toks);
        let mut queries: Vec<(usize, usize)> = (0..n)
            .step_by(3)
            .map(|s| (s, (s + 1 + s % 90).min(n + 5)))
            .collect();
        queries.extend([(50, 40), (0, 1), (n, n + 1), (600, 601), (3, 500), (2, 2)]);
        for (s, e) in queries {
            assert_eq!(cursor.range(s, e), token_range(&toks, s, e), "{s}..{e}");
        }
    }

    #[test]
    fn unions_and_intersections() {
        let mut a = vec![(5, 7), (0, 2), (1, 3), (3, 4), (9, 9)];
        union(&mut a);
        assert_eq!(a, vec![(0, 4), (5, 7)]);
        assert_eq!(total(&a), 6);
        let mut b = vec![(2, 6)];
        union(&mut b);
        assert_eq!(intersection(&a, &b), 3);
        assert_eq!(intersection(&b, &a), 3);
        assert_eq!(intersection(&a, &[]), 0);
    }
}
