//! `conll`: token-level IOB2 tags for the labels of one category (default
//! `Actor`), for sequence taggers:
//!
//! ```text
//! -DOCSTART-<TAB>O
//!
//! Maduro<TAB>B-Person
//! called<TAB>O
//! …
//! ```
//!
//! One block per document and coder, in project order: a `-DOCSTART-` line
//! and a blank line, then one `token<TAB>tag` line per token and a blank
//! line after every sentence. Tokens and sentences are those of
//! `text::tokenize` / `text::sentences`; a token is tagged when a span's
//! characters touch it (as for agreement, docs/formats.md, "Tokens and sentences").
//! A sentence break never falls inside a span of the category (then the
//! sentences on both sides are written as one), so every `I-X` follows a
//! `B-X` or `I-X` of the same span: the output is valid IOB2.
//!
//! IOB2 cannot express overlapping or nested spans. When spans of the
//! category share a token, the rule is: the span that starts first wins,
//! and of spans starting at the same token the longest wins (then the
//! lower span id); every span dropped this way is reported as a warning
//! naming the document, the coder, the dropped span and the span kept.

use super::context::{Ctx, Warnings};
use super::output::AtomicFile;
use super::units::DocBatch;
use super::{ExportError, FormatWriter};
use crate::model::{AnnotationSet, Span};
use crate::text::{CharIndex, Token, sentences, tokenize};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The category exported when none is given.
pub(super) const DEFAULT_CATEGORY: &str = "Actor";

/// Streams IOB2 blocks into a temporary file.
pub(super) struct Writer {
    out: AtomicFile,
    labels: HashSet<String>,
}

impl Writer {
    pub fn create(target: &Path, ctx: &Ctx, category: &str) -> Result<Writer, ExportError> {
        let cb = &ctx.project.codebook;
        let Some(cat) = cb.categories.iter().find(|c| c.name == category) else {
            let known: Vec<&str> = cb.categories.iter().map(|c| c.name.as_str()).collect();
            return Err(ExportError::UnknownCategory {
                name: category.to_string(),
                known: known.join(", "),
            });
        };
        Ok(Writer {
            out: AtomicFile::create(target)?,
            labels: cat.labels.iter().map(|l| l.name.clone()).collect(),
        })
    }
}

impl FormatWriter for Writer {
    fn document(
        &mut self,
        _: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        let index = CharIndex::new(&doc.text);
        let tokens = tokenize(&doc.text);
        let sents = sentences(&doc.text, &tokens);
        for set in &doc.sets {
            let tags = tags_for(set, &tokens, &self.labels, &doc.entry.id, warnings);
            let ranges = set
                .spans
                .iter()
                .filter(|s| self.labels.contains(&s.label))
                .filter_map(|s| token_range(&tokens, s.start, s.end));
            let sents = join_over(&sents, ranges);
            let w = self.out.writer();
            let res = write_block(w, &index, &tokens, &sents, &tags);
            res.map_err(|e| self.out.err(e))?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _: &Ctx, _: &mut Warnings) -> Result<Vec<PathBuf>, ExportError> {
        Ok(vec![self.out.commit()?])
    }
}

/// The first and last token (inclusive) that `[start, end)` touches.
fn token_range(tokens: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = tokens.partition_point(|t| t.end <= start);
    let after = tokens.partition_point(|t| t.start < end);
    (first < after).then(|| (first, after - 1))
}

/// `sents` with every break that falls inside one of the token `ranges`
/// (first and last token, inclusive) removed: the sentences on both sides
/// become one, so a span never straddles a blank line and IOB2 stays valid.
fn join_over(
    sents: &[std::ops::Range<usize>],
    ranges: impl Iterator<Item = (usize, usize)>,
) -> Vec<std::ops::Range<usize>> {
    // `inside[i]`: tokens i and i + 1 belong to one span.
    let len = sents.last().map_or(0, |s| s.end);
    let mut inside = vec![false; len];
    for (a, b) in ranges {
        for flag in inside.iter_mut().take(b.min(len)).skip(a) {
            *flag = true;
        }
    }
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(sents.len());
    for s in sents {
        match out.last_mut() {
            Some(prev) if prev.end > 0 && inside[prev.end - 1] => prev.end = s.end,
            _ => out.push(s.clone()),
        }
    }
    out
}

/// A token's tag: outside, or the beginning / inside of a span's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag<'a> {
    O,
    B(&'a str),
    I(&'a str),
}

fn write_block(
    w: &mut impl Write,
    index: &CharIndex,
    tokens: &[Token],
    sents: &[std::ops::Range<usize>],
    tags: &[Tag],
) -> std::io::Result<()> {
    w.write_all(b"-DOCSTART-\tO\n\n")?;
    for sent in sents {
        for i in sent.clone() {
            let t = tokens[i];
            w.write_all(index.slice(t.start, t.end).unwrap_or("").as_bytes())?;
            match tags[i] {
                Tag::O => w.write_all(b"\tO\n")?,
                Tag::B(l) => {
                    w.write_all(b"\tB-")?;
                    w.write_all(l.as_bytes())?;
                    w.write_all(b"\n")?;
                }
                Tag::I(l) => {
                    w.write_all(b"\tI-")?;
                    w.write_all(l.as_bytes())?;
                    w.write_all(b"\n")?;
                }
            }
        }
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Tags every token from the set's spans of the category, applying the
/// overlap rule of the module documentation.
fn tags_for<'a>(
    set: &'a AnnotationSet,
    tokens: &[Token],
    labels: &HashSet<String>,
    doc: &str,
    warnings: &mut Warnings,
) -> Vec<Tag<'a>> {
    let mut candidates: Vec<(&Span, usize, usize)> = Vec::new();
    for s in set.spans.iter().filter(|s| labels.contains(&s.label)) {
        match token_range(tokens, s.start, s.end) {
            Some((a, b)) => candidates.push((s, a, b)),
            None => warnings.push(format!(
                "{doc} ({}): span {} ({}..{}, {}) covers no token and is left out of the CoNLL export",
                set.coder, s.id.0, s.start, s.end, s.label
            )),
        }
    }
    candidates.sort_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)).then(x.0.id.cmp(&y.0.id)));
    let mut tags = vec![Tag::O; tokens.len()];
    // Which kept span owns each tagged token, to name it in warnings.
    let mut owner: Vec<Option<&Span>> = vec![None; tokens.len()];
    for (span, a, b) in candidates {
        if let Some(kept) = (a..=b).find_map(|i| owner[i]) {
            warnings.push(format!(
                "{doc} ({}): span {} ({}..{}, {}) overlaps span {} ({}..{}, {}) in the CoNLL export; kept span {}, dropped span {}",
                set.coder,
                span.id.0,
                span.start,
                span.end,
                span.label,
                kept.id.0,
                kept.start,
                kept.end,
                kept.label,
                kept.id.0,
                span.id.0
            ));
            continue;
        }
        for i in a..=b {
            tags[i] = if i == a {
                Tag::B(&span.label)
            } else {
                Tag::I(&span.label)
            };
            owner[i] = Some(span);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SpanId;

    #[test]
    fn token_ranges_are_inclusive_and_touching() {
        let toks = tokenize("Maduro 's army");
        assert_eq!(token_range(&toks, 0, 6), Some((0, 0)));
        assert_eq!(token_range(&toks, 2, 9), Some((0, 2)));
        assert_eq!(token_range(&toks, 6, 7), None);
        assert_eq!(token_range(&toks, 10, 14), Some((3, 3)));
    }

    #[test]
    fn earliest_then_longest_span_wins() {
        let text = "the president Nicolas Maduro spoke";
        let tokens = tokenize(text);
        let mut set = AnnotationSet::new("d", "c");
        set.spans = vec![
            Span::new(SpanId(1), 14, 28, "Person"),
            Span::new(SpanId(2), 22, 28, "Person"),
            Span::new(SpanId(3), 0, 13, "Group"),
        ];
        let labels: HashSet<String> = ["Person".to_string(), "Group".to_string()].into();
        let mut w = Warnings::default();
        let tags = tags_for(&set, &tokens, &labels, "d", &mut w);
        assert_eq!(
            tags,
            vec![
                Tag::B("Group"),
                Tag::I("Group"),
                Tag::B("Person"),
                Tag::I("Person"),
                Tag::O
            ]
        );
        let (list, _) = w.into_parts();
        assert_eq!(list.len(), 1);
        assert!(
            list[0].contains("kept span 1, dropped span 2"),
            "{}",
            list[0]
        );
    }

    /// Runs the writer's steps on one set and returns the written block.
    fn export(text: &str, spans: &[(usize, usize, &str)]) -> (String, usize) {
        let tokens = tokenize(text);
        let mut set = AnnotationSet::new("d", "c");
        for (i, &(a, b, l)) in spans.iter().enumerate() {
            set.spans.push(Span::new(SpanId(i as u32 + 1), a, b, l));
        }
        let labels: HashSet<String> = ["Person".to_string(), "Group".to_string()].into();
        let mut w = Warnings::default();
        let tags = tags_for(&set, &tokens, &labels, "d", &mut w);
        let ranges = set
            .spans
            .iter()
            .filter(|s| labels.contains(&s.label))
            .filter_map(|s| token_range(&tokens, s.start, s.end));
        let sents = join_over(&sentences(text, &tokens), ranges);
        let mut out = Vec::new();
        write_block(&mut out, &CharIndex::new(text), &tokens, &sents, &tags).unwrap();
        (String::from_utf8(out).unwrap(), sents.len())
    }

    /// Entities of IOB2 sentences as seqeval reads them: `strict` (IOB2
    /// mode: only `B-X` opens an entity, a stray `I-X` is dropped) or lenient
    /// (the default, conlleval: an `I-X` after anything but `B-X`/`I-X` opens
    /// one). Valid IOB2 is exactly when both agree.
    fn entities(block: &str, strict: bool) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, String)> = None;
        let mut pos = 0;
        let close = |open: &mut Option<(usize, String)>, out: &mut Vec<_>, end: usize| {
            if let Some((a, l)) = open.take() {
                out.push((a, end, l));
            }
        };
        for line in block.lines().skip(2) {
            let tag = line.rsplit('\t').next().unwrap_or("");
            if line.is_empty() {
                close(&mut open, &mut out, pos);
                continue;
            }
            if let Some(l) = tag.strip_prefix("B-") {
                close(&mut open, &mut out, pos);
                open = Some((pos, l.to_string()));
            } else if let Some(l) = tag.strip_prefix("I-") {
                let continues = open.as_ref().is_some_and(|(_, o)| o == l);
                if !continues {
                    close(&mut open, &mut out, pos);
                    if !strict {
                        open = Some((pos, l.to_string()));
                    }
                }
            } else {
                close(&mut open, &mut out, pos);
            }
            pos += 1;
        }
        close(&mut open, &mut out, pos);
        out
    }

    fn tags(block: &str) -> Vec<&str> {
        block
            .lines()
            .skip(2)
            .map(|l| l.rsplit('\t').next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn no_sentence_break_inside_a_span() {
        let cases = [
            ("Louis D. Boccardi spoke.", "Louis D. Boccardi"),
            ("José A. Delgado spoke.", "José A. Delgado"),
            ("We met Mr. Putin today.", "Mr. Putin"),
            (
                "So said U.S. President Donald J. Trump today.",
                "U.S. President Donald J. Trump",
            ),
            ("Then Gen. Vladimir Padrino spoke.", "Gen. Vladimir Padrino"),
            (
                "The Unión de Estibadores. Camioneros went on strike.",
                "Unión de Estibadores. Camioneros",
            ),
            (
                "Two lines: the Party of\nthe Left spoke.",
                "Party of\nthe Left",
            ),
        ];
        for (text, name) in cases {
            let a = text.find(name).map(|b| text[..b].chars().count()).unwrap();
            let b = a + name.chars().count();
            let (block, n) = export(text, &[(a, b, "Person")]);
            assert_eq!(n, 1, "{text}: {block}");
            assert_eq!(entities(&block, true), entities(&block, false), "{block}");
            assert_eq!(entities(&block, true).len(), 1, "{block}");
        }
        // Breaks outside spans stay.
        let (block, n) = export("Mr. Putin spoke. Then Mr. Trump left.", &[(0, 9, "Person")]);
        assert_eq!(n, 2, "{block}");
        assert_eq!(tags(&block)[..3], ["B-Person", "I-Person", "I-Person"]);
    }

    const PIECES: &[&str] = &[
        "Maduro", "D", "Mr", "U.S", ".", ". ", "!", " ", "\n", "\n\n", "\"", "said", "e\u{301}",
        "👍", "A.", "de", ",",
    ];

    /// Random texts and spans (overlapping ones too): the output is always
    /// valid IOB2 (seqeval reads the same entities strictly and leniently),
    /// and every kept span is one entity.
    #[test]
    fn output_is_always_valid_iob2() {
        let mut rng = crate::rng::Rng::new(2);
        for _ in 0..2000 {
            let (text, ranges) = rng.text_and_ranges(PIECES, 16, 5);
            let spans: Vec<(usize, usize, &str)> = ranges
                .into_iter()
                .map(|(a, b)| (a, b, ["Person", "Group", "Other"][rng.below(3)]))
                .collect();
            let (block, _) = export(&text, &spans);
            let strict = entities(&block, true);
            assert_eq!(
                strict,
                entities(&block, false),
                "{text:?} {spans:?}\n{block}"
            );
            for (i, t) in tags(&block).iter().enumerate() {
                if let Some(l) = t.strip_prefix("I-") {
                    let prev = tags(&block)[i - 1];
                    assert!(prev == format!("B-{l}") || prev == *t, "{block}");
                }
            }
        }
    }
}
