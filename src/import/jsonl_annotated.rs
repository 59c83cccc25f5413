//! Pre-annotated documents from JSON Lines: doccano (`label` triples or
//! `entities`), Prodigy (`spans`, `relations`) and newscoder's own `jsonl`
//! export (`spans` with ids, attributes, links, actor and note, plus
//! `coder` and `status`). When a line has both `label` and `spans`, the
//! richer `spans` is used. Lines with the same text that differ only in
//! their codes (Prodigy's binary text classification) are merged
//! (`same_text`). Document codes are read by `codes_read`
//! (`codes`, `cats`, Prodigy `accept`, doccano labels that are strings). Every problem of every line is collected, with
//! file and line number; any problem means nothing is imported.

use super::annotated::{AnnotatedBatch, AnnotatedDoc, OnInvalid};
use super::article::{Article, put_field};
use super::check_docs::check_docs;
use super::codes_read::read_codes;
use super::decode::{map_offset, normalize_with_map};
use super::error::{ImportError, InputProblem};
use super::json_array::each_record;
use super::jsonl_articles::{json_error, stringify};
use super::jsonl_lines::{Line, LineLimits, each_line};
use super::jsonl_spans::{ReadSpan, apply_relations, doccano_entities, doccano_labels, rich_spans};
use super::limits::{MAX_BATCH_BYTES, MAX_LINE_BYTES, human_size};
use super::same_text::merge_same_text;
use crate::model::Status;
use crate::text::char_slice;
use crate::wording::{count, quoted};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Reads pre-annotated JSONL files for `coder`. All or nothing: any
/// problem in any line is an error listing every problem found. Each line
/// must be UTF-8 on its own (see [`each_line`]): the texts are exactly
/// those the offsets were made on. A file whose content starts with `[` is
/// one JSON array of such records (doccano's JSON export).
pub fn read_jsonl_annotated(paths: &[PathBuf], coder: &str) -> Result<AnnotatedBatch, ImportError> {
    read_jsonl_annotated_with(paths, coder, OnInvalid::Refuse)
}

/// [`read_jsonl_annotated`], or with [`OnInvalid::Skip`] every invalid
/// line or record left out, its problems in `AnnotatedBatch::skipped`.
pub fn read_jsonl_annotated_with(
    paths: &[PathBuf],
    coder: &str,
    on_invalid: OnInvalid,
) -> Result<AnnotatedBatch, ImportError> {
    read_jsonl_annotated_within(paths, coder, MAX_BATCH_BYTES, on_invalid)
}

/// [`read_jsonl_annotated_with`] reading at most `batch_bytes` over all
/// files (what is read is held until the commit).
fn read_jsonl_annotated_within(
    paths: &[PathBuf],
    coder: &str,
    batch_bytes: u64,
    on_invalid: OnInvalid,
) -> Result<AnnotatedBatch, ImportError> {
    let mut batch = AnnotatedBatch::default();
    let mut problems = Vec::new();
    let mut left = batch_bytes;
    for path in paths {
        let origin = path.display().to_string();
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size > left && left < batch_bytes {
            problems.push(InputProblem::new(
                origin,
                format!(
                    "with the files before it, over the {} one import reads; import it in another run",
                    human_size(batch_bytes)
                ),
            ));
            continue;
        }
        left = left.saturating_sub(size);
        let limits = LineLimits {
            file_bytes: batch_bytes,
            line_bytes: MAX_LINE_BYTES,
        };
        let before = batch.docs.len();
        let problems_before = problems.len();
        let mut lines = AnnotatedLines::new(&origin, coder, &mut batch, &mut problems);
        let read = if is_json_array(path) {
            each_record(path, batch_bytes, &mut |at, record| {
                lines.record(at, record)
            })
        } else {
            each_line(path, limits, &mut |n, line| lines.line(n, line))
        };
        let left_out = lines.finish();
        match read {
            Ok(Some(w)) => batch.warnings.push(InputProblem::new(origin.clone(), w)),
            Ok(None) => {}
            Err(message) => {
                problems.push(InputProblem::new(origin, message));
                continue;
            }
        }
        if left_out.values().sum::<usize>() > 0 {
            batch.warnings.push(InputProblem::new(
                origin.clone(),
                format!(
                    "{} left out ({})",
                    count(
                        left_out.values().sum(),
                        "Prodigy answer other than \"accept\"",
                        "Prodigy answers other than \"accept\""
                    ),
                    left_out
                        .iter()
                        .map(|(a, n)| format!("{n} {a}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        if batch.docs.len() == before && problems.len() == problems_before {
            let message = match left_out.values().sum::<usize>() {
                0 => "has no documents".to_string(),
                n => format!(
                    "has no documents: all {n} lines are Prodigy answers other than \"accept\""
                ),
            };
            problems.push(InputProblem::new(origin, message));
        }
    }
    if on_invalid == OnInvalid::Skip {
        // Each doc is checked on its own before lines merge, so that one
        // bad line never takes the lines of the same text with it.
        problems.extend(check_docs(&batch.docs));
        let bad: std::collections::HashSet<&str> =
            problems.iter().map(|p| p.origin.as_str()).collect();
        batch.docs.retain(|d| !bad.contains(d.origin.as_str()));
        batch.skipped.append(&mut problems);
    }
    batch.merged_lines = merge_same_text(&mut batch.docs);
    // (When skipping, the commit checks the merged documents and leaves
    // out any that fail.)
    if on_invalid == OnInvalid::Refuse {
        problems.extend(check_docs(&batch.docs));
    }
    if problems.is_empty() {
        Ok(batch)
    } else {
        Err(ImportError::Invalid(problems))
    }
}

/// Whether the file at `path` holds one JSON array (its first character
/// other than a BOM and white space is `[`) rather than JSON lines.
fn is_json_array(path: &std::path::Path) -> bool {
    use std::io::Read;
    let Ok((file, _)) = super::limits::open_regular(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(4096);
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'[')
}

/// Reads the lines of one decoded file (`name` is used in origins) into
/// `batch`, adding what is wrong to `problems`; returns how many lines
/// were left out as Prodigy answers other than "accept".
pub fn parse_jsonl_annotated(
    content: &str,
    name: &str,
    coder: &str,
    batch: &mut AnnotatedBatch,
    problems: &mut Vec<InputProblem>,
) -> usize {
    let mut lines = AnnotatedLines::new(name, coder, batch, problems);
    for (i, line) in content.lines().enumerate() {
        lines.line(i + 1, Ok(line));
    }
    lines.finish().values().sum()
}

/// The documents of one file, read one line (or array record) at a time.
struct AnnotatedLines<'a> {
    name: &'a str,
    coder: &'a str,
    batch: &'a mut AnnotatedBatch,
    problems: &'a mut Vec<InputProblem>,
    other_coders: Vec<String>,
    left_out: BTreeMap<String, usize>,
}

impl<'a> AnnotatedLines<'a> {
    fn new(
        name: &'a str,
        coder: &'a str,
        batch: &'a mut AnnotatedBatch,
        problems: &'a mut Vec<InputProblem>,
    ) -> AnnotatedLines<'a> {
        AnnotatedLines {
            name,
            coder,
            batch,
            problems,
            other_coders: Vec::new(),
            left_out: BTreeMap::new(),
        }
    }

    /// Reads line number `number`.
    fn line(&mut self, number: usize, line: Line<'_>) {
        let origin = format!("{}:{number}", self.name);
        let line = match line {
            Ok(l) if l.trim().is_empty() => return,
            Ok(l) => l,
            Err(message) => {
                self.problems.push(InputProblem::new(origin, message));
                return;
            }
        };
        match serde_json::from_str::<Value>(line) {
            Ok(value) => self.value(origin, value),
            Err(e) => self
                .problems
                .push(InputProblem::new(origin, json_error(&e))),
        }
    }

    /// Reads one record of a JSON array: `at` is where it is (see
    /// [`each_record`]).
    fn record(&mut self, at: &str, value: Value) {
        self.value(format!("{}:{at}", self.name), value);
    }

    /// Reads one line's or record's value.
    fn value(&mut self, origin: String, value: Value) {
        let Value::Object(obj) = value else {
            self.problems
                .push(InputProblem::new(origin, "is not a JSON object"));
            return;
        };
        let answer = obj
            .get("answer")
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(answer) = &answer {
            *self.batch.answers.entry(answer.clone()).or_default() += 1;
            if answer != "accept" {
                *self.left_out.entry(answer.clone()).or_default() += 1;
                return;
            }
        }
        if let Some(c) = obj.get("coder").and_then(Value::as_str)
            && c != self.coder
            && !self.other_coders.iter().any(|o| o == c)
        {
            self.other_coders.push(c.to_string());
            self.batch.warnings.push(InputProblem::new(
                origin.clone(),
                format!(
                    "was coded by {c}; imported as coder {coder}",
                    c = quoted(c),
                    coder = quoted(self.coder)
                ),
            ));
        }
        let mut errors = Vec::new();
        let doc = parse_line(obj, &origin, &mut errors);
        self.problems.extend(
            errors
                .into_iter()
                .map(|e| InputProblem::new(origin.clone(), e)),
        );
        if let Some(mut doc) = doc {
            doc.accepted_answer = answer.as_deref() == Some("accept");
            self.batch.docs.push(doc);
        }
    }

    /// Returns how many lines were left out, by Prodigy answer other than
    /// "accept".
    fn finish(self) -> BTreeMap<String, usize> {
        self.left_out
    }
}

/// One line as a document, offsets moved onto the normalised text.
fn parse_line(
    obj: Map<String, Value>,
    origin: &str,
    errors: &mut Vec<String>,
) -> Option<AnnotatedDoc> {
    let Some(raw) = obj.get("text").and_then(Value::as_str) else {
        errors.push("has no \"text\" string".into());
        return None;
    };
    let mut spans = match (obj.get("spans"), obj.get("label"), obj.get("entities")) {
        (Some(Value::Array(items)), _, _) => rich_spans(items, errors),
        (_, Some(Value::Array(items)), _) => doccano_labels(items, errors),
        (_, _, Some(Value::Array(items))) => doccano_entities(items, errors),
        // A string `label` is Prodigy's binary text classification: a code.
        (
            None | Some(Value::Null),
            None | Some(Value::Null) | Some(Value::String(_)),
            None | Some(Value::Null),
        ) => Vec::new(),
        _ => {
            errors.push("\"spans\", \"label\" or \"entities\" is not a list".into());
            Vec::new()
        }
    };
    if let Some(Value::Array(items)) = obj.get("relations") {
        apply_relations(items, &mut spans, errors);
    }
    check_span_texts(raw, &spans, errors);
    let (text, map) = normalize_with_map(raw);
    let mut doc = AnnotatedDoc {
        origin: origin.to_string(),
        text,
        ..AnnotatedDoc::default()
    };
    read_meta(&obj, &mut doc);
    doc.codes = read_codes(&obj, errors);
    doc.status = match obj.get("status") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_str().and_then(parse_status) {
            Some(s) => Some(s),
            None => {
                errors.push(format!(
                    "\"status\" is {v}; expected \"not_started\", \"in_progress\" or \"done\""
                ));
                None
            }
        },
    };
    doc.spans = spans
        .into_iter()
        .map(|r| {
            let mut s = r.span;
            s.start = map_offset(map.as_deref(), s.start);
            s.end = map_offset(map.as_deref(), s.end);
            s
        })
        .collect();
    Some(doc)
}

/// Where a span says which text it covers, the offsets must give exactly
/// that text.
fn check_span_texts(raw: &str, spans: &[ReadSpan], errors: &mut Vec<String>) {
    for r in spans {
        let (Some(said), Some(found)) = (&r.text, char_slice(raw, r.span.start, r.span.end)) else {
            continue;
        };
        if said != found {
            errors.push(format!(
                "span {} ({}..{} {}): says it covers {said} but the text there is {found}",
                r.span.key,
                r.span.start,
                r.span.end,
                quoted(&r.span.label),
                said = quoted(said),
                found = quoted(found)
            ));
        }
    }
}

/// Id, title and metadata from the line's top level and its `meta` object.
fn read_meta(obj: &Map<String, Value>, doc: &mut AnnotatedDoc) {
    let mut fields = Article::default();
    if let Some(Value::Object(meta)) = obj.get("meta") {
        for (k, v) in meta {
            if let Some(v) = stringify(v.clone()) {
                put_field(&mut fields, k, v);
            }
        }
    }
    for key in ["id", "title", "date", "outlet", "author", "url"] {
        if let Some(v) = obj.get(key).cloned().and_then(stringify) {
            put_field(&mut fields, key, v);
        }
    }
    doc.id = fields.id;
    doc.title = Some(fields.title).filter(|t| !t.is_empty());
    doc.meta = fields.meta;
}

fn parse_status(s: &str) -> Option<Status> {
    let norm: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Status::ALL
        .into_iter()
        .find(|st| st.as_str().replace('_', "") == norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(content: &str) -> (AnnotatedBatch, Vec<String>) {
        let mut batch = AnnotatedBatch::default();
        let mut problems = Vec::new();
        parse_jsonl_annotated(content, "a.jsonl", "alice", &mut batch, &mut problems);
        problems.extend(check_docs(&batch.docs));
        (batch, problems.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn doccano_prodigy_and_entities() {
        let content = concat!(
            r#"{"id": 3, "text": "Maduro met Putin.", "label": [[0, 6, "Person"], [11, 16, "Leader"]], "meta": {"outlet": "AP", "section": "x"}}"#,
            "\n",
            r#"{"text": "Guaido spoke.", "spans": [{"start": 0, "end": 6, "label": "Person", "text": "Guaido", "token_start": 0}], "answer": "accept"}"#,
            "\n",
            r#"{"text": "Rejected.", "spans": [], "answer": "reject"}"#,
            "\n",
            r#"{"text": "Trump tweeted.", "entities": [{"id": 9, "start_offset": 0, "end_offset": 5, "label": "Person"}], "relations": []}"#,
            "\n"
        );
        let (batch, problems) = parse(content);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(batch.docs.len(), 3);
        let d = &batch.docs[0];
        assert_eq!(d.origin, "a.jsonl:1");
        assert_eq!(d.id.as_deref(), Some("3"));
        assert_eq!(d.meta.outlet, "AP");
        assert_eq!(d.meta.extra["section"], "x");
        assert_eq!(
            (d.spans[1].start, d.spans[1].end, d.spans[1].label.as_str()),
            (11, 16, "Leader")
        );
        assert_eq!(batch.docs[2].spans[0].key, "9");
        assert_eq!(batch.answers["reject"], 1);
        assert_eq!(batch.answers["accept"], 1);
    }

    #[test]
    fn newscoder_export_shape_with_links_actor_and_crlf() {
        let line = r#"{"id": "d1", "text": "Head\r\nMaduro calls Guaido a puppet.", "coder": "bob", "status": "done",
            "label": [[6, 12, "Person"]],
            "spans": [
              {"id": 1, "start": 6, "end": 12, "label": "Person", "text": "Maduro", "actor": {"id": 4, "name": "Nicolas Maduro", "kind": "person"}},
              {"id": 2, "start": 19, "end": 25, "label": "Person", "actor": null},
              {"id": 3, "start": 13, "end": 35, "label": "Stance", "attributes": {"polarity": "oppose"}, "links": {"holder": 1, "target": 2}, "note": "insult"}
            ]}"#;
        let (batch, problems) = parse(&line.replace('\n', " "));
        assert!(problems.is_empty(), "{problems:?}");
        let d = &batch.docs[0];
        assert_eq!(d.text, "Head\nMaduro calls Guaido a puppet.");
        assert_eq!(d.status, Some(Status::Done));
        assert_eq!(d.spans.len(), 3, "spans wins over label");
        // One CR dropped before them: offsets move back by one.
        assert_eq!((d.spans[0].start, d.spans[0].end), (5, 11));
        assert_eq!(char_slice(&d.text, 5, 11), Some("Maduro"));
        assert_eq!(
            d.spans[0].actor.as_ref().unwrap().id,
            Some(crate::model::ActorId(4))
        );
        assert_eq!(d.spans[2].links["holder"], ["1"]);
        assert_eq!(d.spans[2].attrs["polarity"], "oppose");
        assert_eq!(d.spans[2].note, "insult");
        assert!(batch.warnings[0].to_string().contains("“bob”"));
    }

    #[test]
    fn prodigy_relations_become_links() {
        let line = r#"{"text": "Maduro accused Guaido.", "spans": [{"start":0,"end":6,"label":"Person"},{"start":15,"end":21,"label":"Person"},{"start":7,"end":14,"label":"Stance"}], "relations": [{"head": 2, "child": 0, "label": "holder", "head_span": {"start":7,"end":14,"label":"Stance"}, "child_span": {"start":0,"end":6,"label":"Person"}}]}"#;
        let (batch, problems) = parse(line);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(batch.docs[0].spans[2].links["holder"], ["#1"]);
    }

    #[test]
    fn document_labels_are_codes_beside_the_spans() {
        use crate::model::CodeValue;
        let content = concat!(
            r#"{"text": "wake me at 7", "entities": [[11, 12, "TIME"]], "cats": ["alarm"]}"#,
            "\n",
            r#"{"text": "Great game.", "label": ["positive", "sports"]}"#,
            "\n",
            r#"{"text": "Maduro spoke.", "label": [[0, 6, "Person"]], "codes": {"genre": "interview"}}"#,
            "\n"
        );
        let (batch, problems) = parse(content);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
        let [intent, textcat, ours] = &batch.docs[..] else {
            panic!("{:?}", batch.docs)
        };
        assert_eq!((intent.spans[0].start, intent.spans[0].end), (11, 12));
        assert_eq!(
            intent.codes["category"].value,
            CodeValue::Many(vec!["alarm".into()])
        );
        assert!(textcat.spans.is_empty());
        assert_eq!(
            textcat.codes["category"].value,
            CodeValue::Many(vec!["positive".into(), "sports".into()])
        );
        assert_eq!(ours.spans.len(), 1);
        assert_eq!(
            ours.codes["genre"].value,
            CodeValue::Text("interview".into())
        );
    }

    #[test]
    fn the_batch_limit_bounds_all_files_together() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..3)
            .map(|i| {
                let p = dir.path().join(format!("{i}.jsonl"));
                let line = format!("{{\"text\": \"Text number {i} {}\"}}\n", "x".repeat(60));
                std::fs::write(&p, line).unwrap();
                p
            })
            .collect();
        assert_eq!(
            read_jsonl_annotated_within(&paths, "c", 1000, OnInvalid::Refuse)
                .unwrap()
                .docs
                .len(),
            3
        );
        let err = read_jsonl_annotated_within(&paths, "c", 200, OnInvalid::Refuse)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("2.jsonl: with the files before it, over the 200 bytes"),
            "{err}"
        );
        assert!(!err.contains("1.jsonl"), "{err}");
    }

    #[test]
    fn problems_name_the_line() {
        let content = concat!(
            r#"{"text": "Short", "label": [[0, 50, "Person"]]}"#,
            "\n",
            r#"{"text": "Short", "label": [[-1, 2, "Person"], ["x"]]}"#,
            "\n",
            "not json\n",
            r#"{"text": "Maduro", "spans": [{"start": 0, "end": 6, "label": "Person", "text": "Guaido"}], "status": "finished"}"#,
            "\n"
        );
        let (_, problems) = parse(content);
        let all = problems.join("\n");
        assert!(
            all.contains("a.jsonl:1: span #1 (0..50 “Person”): offsets out of range"),
            "{all}"
        );
        assert!(all.contains("a.jsonl:2: label 1: \"start\" is -1"), "{all}");
        assert!(all.contains("a.jsonl:3: is not valid JSON"), "{all}");
        assert!(
            all.contains("a.jsonl:4: span #1 (0..6 “Person”): says it covers “Guaido”"),
            "{all}"
        );
        assert!(
            all.contains("a.jsonl:4: \"status\" is \"finished\""),
            "{all}"
        );
    }
}
