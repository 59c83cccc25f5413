//! Tokens for spaCy-style exports (`prodigy`): the words of
//! [`super::tokenize`] plus the whitespace between them, laid out as spaCy's
//! tokenizer lays it out, so that `Doc(words, spaces).text` is the text
//! itself, and split at given cut points so that every span boundary is a
//! token boundary.
//!
//! spaCy's rule (`Tokenizer.__call__`): one space (U+0020) directly after a
//! word is not a token but that word's `whitespace_` (`ws: true`); any other
//! whitespace — a second space, a line break, a tab, a no-break space,
//! leading whitespace — is a token of its own, one per run, with `ws: false`.
//! `"a  b"` is `a`(ws) `" "` `b`; `"a\n\nb"` is `a` `"\n\n"` `b`.

use super::tokenize;

/// One token of a spaCy `Doc`: characters `[start, end)`, and `ws` when one
/// space follows it (at `end`) that belongs to no token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocToken {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// One space follows the token (spaCy's `whitespace_`, Prodigy's `ws`).
    pub ws: bool,
}

/// The Doc tokens of `text`, split at every position in `starts` (span
/// starts) and `ends` (span ends) so that a span starting at a position has
/// a token starting there and a span ending at one has a token ending there.
/// Positions beyond the text are ignored. Concatenating each token's text
/// and a space where `ws` gives back `text` exactly.
pub fn doc_tokens(text: &str, starts: &[usize], ends: &[usize]) -> Vec<DocToken> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut is_start = vec![false; n + 1];
    let mut is_end = vec![false; n + 1];
    for &p in starts.iter().filter(|&&p| p <= n) {
        is_start[p] = true;
    }
    for &p in ends.iter().filter(|&&p| p <= n) {
        is_end[p] = true;
    }
    // Pieces: the words of `tokenize` and the whitespace runs between them,
    // which together cover the text; then cut at every span boundary.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for t in tokenize(text) {
        if t.start > pos {
            pieces.push((pos, t.start));
        }
        pieces.push((t.start, t.end));
        pos = t.end;
    }
    if n > pos {
        pieces.push((pos, n));
    }
    let mut out: Vec<DocToken> = Vec::with_capacity(pieces.len());
    for (start, end) in pieces {
        let mut a = start;
        if chars[a].is_whitespace() {
            // One space right after a word is that word's `ws`, unless a span
            // starts at the space or ends right after it.
            let after_word = out
                .last()
                .is_some_and(|t: &DocToken| t.end == a && !t.ws && !chars[t.start].is_whitespace());
            if after_word && chars[a] == ' ' && !is_start[a] && !is_end[a + 1] {
                if let Some(last) = out.last_mut() {
                    last.ws = true;
                }
                a += 1;
            }
        }
        let mut b = a;
        while b < end {
            b += 1;
            if b == end || is_start[b] || is_end[b] {
                out.push(DocToken {
                    start: a,
                    end: b,
                    ws: false,
                });
                a = b;
            }
        }
    }
    out
}

/// The first and last (inclusive) Doc tokens of the span `[start, end)`:
/// the token starting at `start` and the one ending at `end`. `None` when
/// the span is empty or its boundaries are not token boundaries (the tokens
/// were not cut at them).
pub fn doc_token_range(tokens: &[DocToken], start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    let first = tokens.binary_search_by_key(&start, |t| t.start).ok()?;
    let last = tokens.binary_search_by_key(&end, |t| t.end).ok()?;
    (first <= last).then_some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// spaCy's `Doc(words, spaces).text`.
    fn rebuild(text: &str, tokens: &[DocToken]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        for t in tokens {
            out.extend(&chars[t.start..t.end]);
            if t.ws {
                out.push(' ');
            }
        }
        out
    }

    fn words(text: &str, tokens: &[DocToken]) -> Vec<(String, bool)> {
        let chars: Vec<char> = text.chars().collect();
        tokens
            .iter()
            .map(|t| (chars[t.start..t.end].iter().collect(), t.ws))
            .collect()
    }

    fn w(list: &[(&str, bool)]) -> Vec<(String, bool)> {
        list.iter().map(|(s, b)| (s.to_string(), *b)).collect()
    }

    #[test]
    fn whitespace_is_laid_out_as_spacy_does() {
        let t = |s: &str| words(s, &doc_tokens(s, &[], &[]));
        assert_eq!(t("a b"), w(&[("a", true), ("b", false)]));
        assert_eq!(t("a  b"), w(&[("a", true), (" ", false), ("b", false)]));
        assert_eq!(
            t("a\n\nb"),
            w(&[("a", false), ("\n\n", false), ("b", false)])
        );
        assert_eq!(t("a \n b"), w(&[("a", true), ("\n ", false), ("b", false)]));
        assert_eq!(t("a\tb "), w(&[("a", false), ("\t", false), ("b", true)]));
        assert_eq!(t("a b  "), w(&[("a", true), ("b", true), (" ", false)]));
        assert_eq!(t("  a"), w(&[("  ", false), ("a", false)]));
        assert_eq!(
            t("a\u{a0}b"),
            w(&[("a", false), ("\u{a0}", false), ("b", false)])
        );
        assert_eq!(t(""), w(&[]));
        assert_eq!(t(" "), w(&[(" ", false)]));
    }

    #[test]
    fn span_boundaries_cut_tokens() {
        // "Venezuela" inside "Venezuelan", and a span taking the space after "is".
        let text = "Venezuelan is here";
        let toks = doc_tokens(text, &[0, 11], &[9, 14]);
        assert_eq!(
            words(text, &toks),
            w(&[
                ("Venezuela", false),
                ("n", true),
                ("is", false),
                (" ", false),
                ("here", false)
            ])
        );
        assert_eq!(doc_token_range(&toks, 0, 9), Some((0, 0)));
        assert_eq!(doc_token_range(&toks, 11, 14), Some((2, 3)));
        assert_eq!(rebuild(text, &toks), text);
        // A span starting at the space after a word.
        let toks = doc_tokens("a b", &[1], &[3]);
        assert_eq!(
            words("a b", &toks),
            w(&[("a", false), (" ", false), ("b", false)])
        );
    }

    const PIECES: &[&str] = &[
        "Maduro", "'s", " ", " ", "  ", "\n", "\n\n", "\t", ".", "\"", "é", "e\u{301}", "👍🏽",
        "U.S.", "\u{a0}", "50", "países", ",", " \n ", "Mr.",
    ];

    /// Random texts made of words, punctuation and every kind of whitespace,
    /// with random spans: the tokens rebuild the text, and each span's
    /// tokens cover exactly its characters.
    #[test]
    fn tokens_rebuild_the_text_and_cover_every_span_exactly() {
        let mut rng = Rng::new(12);
        for _ in 0..2000 {
            let (text, spans) = rng.text_and_ranges(PIECES, 14, 5);
            let starts: Vec<usize> = spans.iter().map(|s| s.0).collect();
            let ends: Vec<usize> = spans.iter().map(|s| s.1).collect();
            let toks = doc_tokens(&text, &starts, &ends);
            assert_eq!(rebuild(&text, &toks), text, "{text:?}");
            assert!(toks.iter().all(|t| t.start < t.end), "{text:?}");
            for &(a, b) in &spans {
                let (i, j) = doc_token_range(&toks, a, b)
                    .unwrap_or_else(|| panic!("span {a}..{b} of {text:?}: {toks:?}"));
                assert_eq!((toks[i].start, toks[j].end), (a, b), "{text:?}");
            }
        }
    }
}
