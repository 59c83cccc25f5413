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
//!
//! IOB2 cannot express overlapping or nested spans. When spans of the
//! category share a token, the rule is: the span that starts first wins,
//! and of spans starting at the same token the longest wins (then the
//! lower span id); every span dropped this way is reported as a warning
//! naming the document, the coder, the dropped span and the span kept.

use super::context::{Ctx, Warnings};
use super::output::AtomicFile;
use super::prodigy::token_range;
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
}
