//! The tokenizer of docs/formats.md, "Tokens and sentences" — maximal runs of alphanumeric characters,
//! and every other non-whitespace character on its own — plus sentence and
//! paragraph boundaries and word lookup for the window.

/// A token with its character range `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Tokens of `text` in order, with character offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut pos = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            run_start.get_or_insert(pos);
        } else {
            if let Some(s) = run_start.take() {
                tokens.push(Token { start: s, end: pos });
            }
            if !c.is_whitespace() {
                tokens.push(Token {
                    start: pos,
                    end: pos + 1,
                });
            }
        }
        pos += 1;
    }
    if let Some(s) = run_start {
        tokens.push(Token { start: s, end: pos });
    }
    tokens
}

/// Splits `tokens` of `text` into sentences: a sentence ends after a token
/// `.`, `!` or `?` (and any closing quotes or brackets right after it), or
/// where a line break separates two tokens. Returns index ranges into
/// `tokens`.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = tokens[i];
        let c = chars[t.start];
        let next = tokens.get(i + 1);
        let closes_after = next.is_some_and(|n| {
            n.start == t.end && matches!(chars[n.start], '"' | '\'' | ')' | ']' | '”' | '’' | '»')
        });
        let ends = (matches!(c, '.' | '!' | '?' | '。') && !closes_after)
            || (matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»')
                && i > 0
                && matches!(chars[tokens[i - 1].start], '.' | '!' | '?')
                && tokens[i - 1].end == t.start);
        let line_break = next.is_some_and(|n| chars[t.end..n.start].contains(&'\n'));
        if ends || line_break || next.is_none() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// Paragraphs of `text` as character ranges: the non-empty lines between
/// line breaks (articles are stored with one paragraph per line or with
/// blank lines between paragraphs; either way a line is the unit).
pub fn paragraphs(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for c in text.chars() {
        if c == '\n' {
            if pos > start {
                out.push(start..pos);
            }
            start = pos + 1;
        }
        pos += 1;
    }
    if pos > start {
        out.push(start..pos);
    }
    out
}

/// The word (alphanumeric run, allowing inner apostrophes and hyphens)
/// around character `pos` of `chars`, as a character range; `None` when
/// `pos` is not on a word character.
pub fn word_at(chars: &[char], pos: usize) -> Option<std::ops::Range<usize>> {
    let is_word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let joins = |i: usize| {
        chars.get(i).is_some_and(|c| matches!(c, '\'' | '’' | '-'))
            && i > 0
            && is_word(i - 1)
            && is_word(i + 1)
    };
    if !is_word(pos) {
        return None;
    }
    let mut start = pos;
    while start > 0 && (is_word(start - 1) || joins(start - 1)) {
        start -= 1;
    }
    let mut end = pos + 1;
    while end < chars.len() && (is_word(end) || joins(end)) {
        end += 1;
    }
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        tokenize(text)
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect()
    }

    #[test]
    fn tokens_follow_the_design_definition() {
        assert_eq!(
            texts("Maduro's US-backed \"puppet\", 50 países 👍"),
            [
                "Maduro", "'", "s", "US", "-", "backed", "\"", "puppet", "\"", ",", "50", "países",
                "👍"
            ]
        );
        assert_eq!(texts("  "), Vec::<String>::new());
        // A combining accent is not alphanumeric: it stands alone.
        assert_eq!(texts("e\u{301}"), ["e", "\u{301}"]);
    }

    #[test]
    fn sentences_split_on_terminators_and_lines() {
        let text = "He said \"go.\" Then left.\nNew line here";
        let toks = tokenize(text);
        let s = sentences(text, &toks);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0], 0..6);
    }

    #[test]
    fn paragraphs_skip_blank_lines() {
        assert_eq!(paragraphs("ab\n\ncd\n"), vec![0..2, 4..6]);
    }

    #[test]
    fn words_include_inner_apostrophes() {
        let chars: Vec<char> = "Guaido's plan".chars().collect();
        assert_eq!(word_at(&chars, 2), Some(0..8));
        assert_eq!(word_at(&chars, 8), None);
    }
}
