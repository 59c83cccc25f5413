//! `prodigy`: Prodigy / spaCy task format, one line per document and coder:
//!
//! ```json
//! {"text": "…",
//!  "tokens": [{"text": "Maduro", "start": 0, "end": 6, "id": 0, "ws": true}, …],
//!  "spans": [{"start": 0, "end": 6, "label": "Person", "token_start": 0, "token_end": 0, "text": "Maduro"}],
//!  "relations": [{"head": 4, "child": 0, "label": "holder",
//!                 "head_span": {…}, "child_span": {…}}],
//!  "cats": {"genre=interview": 1.0, "genre=news report": 0.0, …},
//!  "codes": {"sources quoted": 3.0},
//!  "meta": {"id": "doc-1", "coder": "alice", "status": "done", "title": "…", …}}
//! ```
//!
//! Tokens are spaCy Doc tokens ([`crate::text::doc_tokens`]): the words of
//! docs/formats.md, "Tokens and sentences", plus whitespace laid out as
//! spaCy's tokenizer does (`ws` is one following space; any other whitespace
//! is a token of its own), cut at every span boundary of the document's
//! sets, so `Doc(words, spaces).text == text` and `doc.char_span(start, end)`
//! finds every span. A span's `token_start`/`token_end` are its first and
//! last (inclusive) tokens. As in Prodigy's
//! relations interface, `head` and `child` are the indices of the LAST token
//! of the head and child spans; the head is the span holding the link, the
//! child the span it points to, and the label is the role; a span with
//! several links in one role has one relation per link.
//!
//! Document codes of choice variables (single, multiple, ordinal) are
//! spaCy's `cats`: each value of a coded variable has the key
//! `<variable>=<value>`, 1.0 if chosen, else 0.0 (see [`super::codes`]).
//! Numbers, free text and variables the codebook lacks go to `codes`,
//! shaped as in the `jsonl` export; both keys are always present.

use super::context::{Ctx, Warnings};
use super::json_lines::JsonLines;
use super::jsonl::Meta;
use super::units::DocBatch;
use super::{ExportError, FormatWriter};
use crate::model::{Span, SpanId};
use crate::text::{CharIndex, DocToken, doc_token_range, doc_tokens};
use crate::wording::quoted;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Streams Prodigy tasks into a temporary file.
pub(super) struct Writer {
    out: JsonLines,
}

impl Writer {
    pub fn create(target: &Path) -> Result<Writer, ExportError> {
        Ok(Writer {
            out: JsonLines::create(target)?,
        })
    }
}

impl FormatWriter for Writer {
    fn document(
        &mut self,
        ctx: &Ctx,
        doc: &DocBatch,
        warnings: &mut Warnings,
    ) -> Result<(), ExportError> {
        let index = CharIndex::new(&doc.text);
        for set in &doc.sets {
            // Cut at this set's span boundaries only: each line is its own
            // Doc, and another coder's spans must not change this one's tokens.
            let starts: Vec<usize> = set.spans.iter().map(|s| s.start).collect();
            let ends: Vec<usize> = set.spans.iter().map(|s| s.end).collect();
            let tokens = doc_tokens(&doc.text, &starts, &ends);
            let json_tokens: Vec<JsonToken> = tokens
                .iter()
                .enumerate()
                .map(|(i, t)| JsonToken {
                    text: index.slice(t.start, t.end).unwrap_or(""),
                    start: t.start,
                    end: t.end,
                    id: i,
                    ws: t.ws,
                })
                .collect();
            let mut spans = Vec::with_capacity(set.spans.len());
            let mut by_id: HashMap<SpanId, JsonSpan> = HashMap::with_capacity(set.spans.len());
            for s in &set.spans {
                match json_span(s, &tokens, &index) {
                    Some(js) => {
                        by_id.insert(s.id, js.clone());
                        spans.push(js);
                    }
                    None => warnings.push(format!(
                        "{} ({}): span {} ({}..{}, {}) is empty or lies outside the text and is left out of the Prodigy export",
                        doc.entry.id, set.coder, s.id.0, s.start, s.end, s.label
                    )),
                }
            }
            let mut relations = Vec::new();
            for s in &set.spans {
                let Some(head) = by_id.get(&s.id) else {
                    continue;
                };
                for (role, target) in s.all_links() {
                    match by_id.get(&target) {
                        Some(child) => relations.push(Relation {
                            head: head.token_end,
                            child: child.token_end,
                            label: role,
                            head_span: head.clone(),
                            child_span: child.clone(),
                        }),
                        None => warnings.push(format!(
                            "{} ({}): link {role} of span {} points to span {}, which is missing or left out; relation left out",
                            doc.entry.id, set.coder, s.id.0, target.0, role = quoted(role)
                        )),
                    }
                }
            }
            let extra = [
                ("id", doc.entry.id.as_str()),
                ("coder", set.coder.as_str()),
                ("status", set.status.as_str()),
            ];
            let cb = &ctx.project.codebook;
            let task = Task {
                text: &doc.text,
                tokens: &json_tokens,
                spans: &spans,
                relations: &relations,
                cats: super::codes::cats(cb, set),
                codes: super::codes::codes_beside_cats(cb, set),
                meta: Meta {
                    title: &doc.entry.title,
                    meta: &doc.entry.meta,
                    extra: &extra,
                },
            };
            self.out.line(&task)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _: &Ctx, _: &mut Warnings) -> Result<Vec<PathBuf>, ExportError> {
        self.out.finish()
    }
}

fn json_span<'a>(s: &'a Span, tokens: &[DocToken], index: &CharIndex<'a>) -> Option<JsonSpan<'a>> {
    let (token_start, token_end) = doc_token_range(tokens, s.start, s.end)?;
    Some(JsonSpan {
        start: s.start,
        end: s.end,
        label: &s.label,
        token_start,
        token_end,
        text: index.slice(s.start, s.end).unwrap_or(""),
    })
}

#[derive(Serialize)]
struct Task<'a> {
    text: &'a str,
    tokens: &'a [JsonToken<'a>],
    spans: &'a [JsonSpan<'a>],
    relations: &'a [Relation<'a>],
    cats: std::collections::BTreeMap<String, f64>,
    codes: std::collections::BTreeMap<&'a str, &'a crate::model::CodeValue>,
    meta: Meta<'a>,
}

#[derive(Serialize)]
struct JsonToken<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    id: usize,
    ws: bool,
}

#[derive(Serialize, Clone)]
struct JsonSpan<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    token_start: usize,
    token_end: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct Relation<'a> {
    head: usize,
    child: usize,
    label: &'a str,
    head_span: JsonSpan<'a>,
    child_span: JsonSpan<'a>,
}
