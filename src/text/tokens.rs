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

/// Abbreviations whose full stop does not end a sentence (compared without
/// regard to case; the text before the stop must be exactly one of these).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "pres", "st", "jr", "sr", "u.s", "u.n", "u.k", "e.g", "i.e", "vs", "etc",
];

/// Whether the `.` at character `dot` closes an abbreviation or an initial
/// rather than a sentence: a letter or digit follows it directly, or the run of letters and inner dots written right
/// before it is one of [`ABBREVIATIONS`], or a single capital letter
/// ("Louis D. Boccardi", "U.S." ends in the initial "S").
fn abbreviation(chars: &[char], dot: usize) -> bool {
    if chars.get(dot) != Some(&'.') {
        return false;
    }
    // An inner stop: "e.g", "3.5", "example.com".
    if chars.get(dot + 1).is_some_and(|c| c.is_alphanumeric()) {
        return true;
    }
    let mut start = dot;
    while start > 0 && (chars[start - 1].is_alphabetic() || chars[start - 1] == '.') {
        start -= 1;
    }
    let word: String = chars[start..dot].iter().collect();
    let last_letter: Vec<char> = word.rsplit('.').next().unwrap_or("").chars().collect();
    (last_letter.len() == 1 && last_letter[0].is_uppercase())
        || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Splits `tokens` of `text` into sentences: a sentence ends after a token
/// `.`, `!` or `?` (and any closing quotes or brackets right after it), or
/// where a line break separates two tokens. A `.` after an abbreviation
/// (`Mr.`, `Gen.`, `U.S.`, `e.g.`, …), after a single capital letter (an
/// initial) or directly before a letter or digit (`3.5`) ends no sentence. Returns index ranges into `tokens`.
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
        let ends = (matches!(c, '.' | '!' | '?' | '。')
            && !closes_after
            && !abbreviation(&chars, t.start))
            || (matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»')
                && i > 0
                && matches!(chars[tokens[i - 1].start], '.' | '!' | '?')
                && !abbreviation(&chars, tokens[i - 1].start)
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

    fn sentence_texts(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(text);
        sentences(text, &toks)
            .into_iter()
            .map(|r| {
                chars[toks[r.start].start..toks[r.end - 1].end]
                    .iter()
                    .collect()
            })
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_end_no_sentence() {
        for text in [
            "Louis D. Boccardi said so.",
            "José A. Delgado said so.",
            "Mr. Putin said so.",
            "U.S. President Donald J. Trump said so.",
            "Gen. Vladimir Padrino said so.",
            "Talks with e.g. Mrs. May, Dr. No etc. went on.",
            "The U.N. Security Council met.",
        ] {
            assert_eq!(sentence_texts(text), [text], "{text}");
        }
        assert_eq!(
            sentence_texts("He met Mr. Putin. Then he left."),
            ["He met Mr. Putin.", "Then he left."]
        );
        // "US" without stops, a lower-case word and a number do end one.
        assert_eq!(
            sentence_texts("Back to the US. Then."),
            ["Back to the US.", "Then."]
        );
        assert_eq!(
            sentence_texts("It was a. Then 5. Then."),
            ["It was a.", "Then 5.", "Then."]
        );
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
