//! `jsonl`: doccano-compatible sequence labelling, one line per document
//! and coder:
//!
//! ```json
//! {"id": "doc-1", "text": "…", "label": [[0, 6, "Person"]],
//!  "meta": {"title": "…", "outlet": "…", "date": "…", "author": "…",
//!           "url": "…", "source_file": "…", …extra},
//!  "coder": "alice", "status": "done",
//!  "codes": {"genre": "interview", "topics": ["protest"], "sources quoted": 3.0},
//!  "spans": [{"id": 1, "start": 0, "end": 6, "label": "Person", "text": "Maduro",
//!             "attributes": {}, "links": {"holder": [2, 5]},
//!             "actor": {"id": 1, "name": "Nicolás Maduro", "kind": "person"},
//!             "note": ""}]}
//! ```
//!
//! `label` is what doccano reads; `spans` carries everything else and is
//! what `newscoder import --format jsonl` reads back. `codes` holds the
//! coder's document codes by variable: a string (single choice, ordinal,
//! free text), a list of strings (multiple choice) or a number.

use super::context::{Ctx, Warnings};
use super::json_lines::JsonLines;
use super::units::DocBatch;
use super::{ExportError, FormatWriter};
use crate::model::{AnnotationSet, Metadata, Span};
use crate::text::CharIndex;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::path::{Path, PathBuf};

/// Streams one JSON object per line into a temporary file.
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
            warn_unknown_actors(ctx, doc, set, warnings);
            let line = Line {
                id: &doc.entry.id,
                text: &doc.text,
                label: Labels(&set.spans),
                meta: Meta {
                    title: &doc.entry.title,
                    meta: &doc.entry.meta,
                    extra: &[],
                },
                coder: &set.coder,
                status: set.status.as_str(),
                codes: &set.codes,
                spans: Spans {
                    spans: &set.spans,
                    index: &index,
                    ctx,
                },
            };
            self.out.line(&line)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _: &Ctx, _: &mut Warnings) -> Result<Vec<PathBuf>, ExportError> {
        self.out.finish()
    }
}

/// Warns once per span that points to an actor missing from the registry.
pub(super) fn warn_unknown_actors(
    ctx: &Ctx,
    doc: &DocBatch,
    set: &AnnotationSet,
    warnings: &mut Warnings,
) {
    for s in &set.spans {
        if let Some(id) = s.actor
            && ctx.actor(id).is_none()
        {
            warnings.push(format!(
                "{} ({}): span {} refers to actor {}, which is not in the registry",
                doc.entry.id, set.coder, s.id.0, id.0
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::as_json;

    #[test]
    fn only_compact_json_of_non_strings_is_written_as_json() {
        for text in ["[\"flight\"]", "3", "-2.5", "{\"a\":[1,2]}", "true"] {
            assert_eq!(as_json(text).unwrap().to_string(), text);
        }
        for text in [
            "03",
            "1e5",
            "[1, 2]",
            "\"x\"",
            "null",
            "flight",
            "",
            "2019-05-01",
        ] {
            assert!(as_json(text).is_none(), "{text}");
        }
    }
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    label: Labels<'a>,
    meta: Meta<'a>,
    coder: &'a str,
    status: &'a str,
    codes: &'a std::collections::BTreeMap<String, crate::model::CodeValue>,
    spans: Spans<'a>,
}

/// doccano's `[[start, end, "Label"], …]`.
struct Labels<'a>(&'a [Span]);

impl Serialize for Labels<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for span in self.0 {
            seq.serialize_element(&(span.start, span.end, &span.label))?;
        }
        seq.end()
    }
}

/// Document metadata as one flat JSON object: title, the fixed fields
/// (always present, possibly empty, so every line has the same columns),
/// then `extra` pairs and the free key/values. A free key that clashes with
/// a fixed one is written as `extra_<key>` rather than twice.
pub(super) struct Meta<'a> {
    pub title: &'a str,
    pub meta: &'a Metadata,
    /// Additional leading pairs (e.g. Prodigy's document id and coder).
    pub extra: &'a [(&'a str, &'a str)],
}

const FIXED_META: [&str; 6] = ["title", "outlet", "date", "author", "url", "source_file"];

impl Serialize for Meta<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.meta;
        let mut map = s.serialize_map(None)?;
        for (k, v) in self.extra {
            map.serialize_entry(k, v)?;
        }
        let fixed = [
            self.title,
            &m.outlet,
            &m.date,
            &m.author,
            &m.url,
            &m.source_file,
        ];
        for (k, v) in FIXED_META.iter().zip(fixed) {
            map.serialize_entry(k, v)?;
        }
        for (k, v) in &m.extra {
            let clashes =
                FIXED_META.contains(&k.as_str()) || self.extra.iter().any(|(e, _)| e == k);
            let v = ExtraValue(v);
            if clashes {
                map.serialize_entry(&format!("extra_{k}"), &v)?;
            } else {
                map.serialize_entry(k, &v)?;
            }
        }
        map.end()
    }
}

/// A free metadata value. An import from JSON keeps a value that is not a
/// string (`["flight"]`, `3`, `{"a": 1}`, `true`) as its compact JSON text
/// (metadata values are strings); such text is written back as that JSON
/// value, so the value round-trips. Only text exactly as that import
/// stores it counts: `03`, `1e5` or `[1, 2]` (with a space) stay strings.
struct ExtraValue<'a>(&'a str);

impl Serialize for ExtraValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match as_json(self.0) {
            Some(value) => value.serialize(s),
            None => s.serialize_str(self.0),
        }
    }
}

/// The JSON value `text` is the compact form of, if it is one other than
/// a string or null.
fn as_json(text: &str) -> Option<serde_json::Value> {
    let first = text.as_bytes().first()?;
    if !matches!(first, b'[' | b'{' | b'-' | b'0'..=b'9' | b't' | b'f') {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    // (Not `value != *text`: a `Value` equals a `str` only as a string.)
    let compact = serde_json::to_string(&value).ok()?;
    if value.is_string() || value.is_null() || compact != text {
        return None;
    }
    Some(value)
}

struct Spans<'a> {
    spans: &'a [Span],
    index: &'a CharIndex<'a>,
    ctx: &'a Ctx<'a>,
}

impl Serialize for Spans<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.spans.len()))?;
        for span in self.spans {
            seq.serialize_element(&JsonSpan {
                id: span.id.0,
                start: span.start,
                end: span.end,
                label: &span.label,
                text: self.index.slice(span.start, span.end).unwrap_or(""),
                attributes: &span.attrs,
                links: &span.links,
                actor: span.actor.map(|id| {
                    let actor = self.ctx.actor(id);
                    JsonActor {
                        id,
                        name: actor.map(|a| a.name.as_str()).unwrap_or(""),
                        kind: actor.map(|a| a.kind.as_str()),
                    }
                }),
                note: &span.note,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    id: u32,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    attributes: &'a std::collections::BTreeMap<String, String>,
    links: &'a std::collections::BTreeMap<String, Vec<crate::model::SpanId>>,
    actor: Option<JsonActor<'a>>,
    note: &'a str,
}

/// An actor reference; for an id the registry lacks (reported as a
/// warning) `name` is empty and `kind` null.
#[derive(Serialize)]
struct JsonActor<'a> {
    id: crate::model::ActorId,
    name: &'a str,
    kind: Option<&'a str>,
}
