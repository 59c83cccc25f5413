//! The span lists of the JSONL dialects newscoder reads: newscoder's own
//! `spans` (ids, attributes, links, actor, note), Prodigy `spans`, doccano
//! `label` triples and doccano `entities`, plus doccano and Prodigy
//! `relations`, all turned into [`ForeignSpan`]s over the raw text.

use super::annotated::{ForeignActor, ForeignSpan};
use super::jsonl_articles::stringify;
use crate::wording::quoted;
use serde_json::{Map, Value};

/// A span as read, with the text the source says it covers, if it says.
pub struct ReadSpan {
    /// The span.
    pub span: ForeignSpan,
    /// The covered text according to the source, to check the offsets.
    pub text: Option<String>,
}

/// Reads a `spans` array (newscoder or Prodigy style).
pub fn rich_spans(items: &[Value], errors: &mut Vec<String>) -> Vec<ReadSpan> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("span {}", i + 1);
        let Some(obj) = item.as_object() else {
            errors.push(format!("{what} is not an object"));
            continue;
        };
        match rich_span(obj, i, &what) {
            Ok(s) => out.push(s),
            Err(e) => errors.push(e),
        }
    }
    out
}

fn rich_span(obj: &Map<String, Value>, index: usize, what: &str) -> Result<ReadSpan, String> {
    let mut span = ForeignSpan {
        key: key_of(obj.get("id"), index),
        start: offset(obj.get("start"), what, "start")?,
        end: offset(obj.get("end"), what, "end")?,
        label: string(obj.get("label"), what, "label")?,
        ..ForeignSpan::default()
    };
    if let Some(attrs) = obj.get("attributes").or_else(|| obj.get("attrs")) {
        let Value::Object(attrs) = attrs else {
            return Err(format!("{what}: \"attributes\" is not an object"));
        };
        for (k, v) in attrs {
            if let Some(v) = stringify(v.clone()) {
                span.attrs.insert(k.clone(), v);
            }
        }
    }
    if let Some(links) = obj.get("links") {
        let Value::Object(links) = links else {
            return Err(format!("{what}: \"links\" is not an object"));
        };
        for (role, target) in links {
            match target {
                Value::String(_) | Value::Number(_) => {
                    span.add_link(role, &key_of(Some(target), usize::MAX));
                }
                // Format 2 exports: a list of span ids per role.
                Value::Array(targets)
                    if targets
                        .iter()
                        .all(|t| matches!(t, Value::String(_) | Value::Number(_))) =>
                {
                    for t in targets {
                        span.add_link(role, &key_of(Some(t), usize::MAX));
                    }
                }
                Value::Null => {}
                _ => {
                    return Err(format!(
                        "{what}: link {role} is not a span id",
                        role = quoted(role)
                    ));
                }
            }
        }
    }
    span.actor = match obj.get("actor") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(ForeignActor {
            name: name.clone(),
            ..ForeignActor::default()
        }),
        Some(Value::Object(a)) => Some(ForeignActor {
            id: match a.get("id") {
                Some(Value::String(id)) => crate::model::ActorId::parse(id),
                Some(Value::Number(n)) => n.as_u64().map(|n| crate::model::ActorId(n.into())),
                _ => None,
            },
            name: string(a.get("name"), what, "actor name")?,
            kind: a.get("kind").and_then(Value::as_str).map(str::to_string),
        }),
        Some(_) => return Err(format!("{what}: \"actor\" is neither an object nor a name")),
    };
    if let Some(note) = obj.get("note").and_then(Value::as_str) {
        span.note = note.to_string();
    }
    let text = obj.get("text").and_then(Value::as_str).map(str::to_string);
    Ok(ReadSpan { span, text })
}

/// Reads a doccano `label` array of `[start, end, "Label"]` triples.
/// Document-level labels (plain strings) are not spans: they are codes
/// (see `import::codes_read`).
pub fn doccano_labels(items: &[Value], errors: &mut Vec<String>) -> Vec<ReadSpan> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("label {}", i + 1);
        match item {
            Value::String(_) => {}
            Value::Array(triple) if triple.len() == 3 => match triple_span(triple, i, &what) {
                Ok(span) => out.push(span),
                Err(e) => errors.push(e),
            },
            _ => errors.push(format!("{what} is not a [start, end, \"Label\"] triple")),
        }
    }
    out
}

/// A `[start, end, "Label"]` triple, the `index`-th of its list.
fn triple_span(triple: &[Value], index: usize, what: &str) -> Result<ReadSpan, String> {
    let span = ForeignSpan {
        key: key_of(None, index),
        start: offset(triple.first(), what, "start")?,
        end: offset(triple.get(1), what, "end")?,
        label: string(triple.get(2), what, "label")?,
        ..ForeignSpan::default()
    };
    Ok(ReadSpan { span, text: None })
}

/// Reads a doccano `entities` array (`id`, `start_offset`, `end_offset`,
/// `label`; or `[start, end, "Label"]` triples, as doccano's intent
/// detection and slot filling writes them).
pub fn doccano_entities(items: &[Value], errors: &mut Vec<String>) -> Vec<ReadSpan> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let what = format!("entity {}", i + 1);
        if let Value::Array(triple) = item
            && triple.len() == 3
        {
            match triple_span(triple, i, &what) {
                Ok(span) => out.push(span),
                Err(e) => errors.push(e),
            }
            continue;
        }
        let Some(obj) = item.as_object() else {
            errors.push(format!(
                "{what} is neither an object nor a [start, end, \"Label\"] triple"
            ));
            continue;
        };
        let span = (|| {
            Ok::<_, String>(ForeignSpan {
                key: key_of(obj.get("id"), i),
                start: offset(obj.get("start_offset"), &what, "start_offset")?,
                end: offset(obj.get("end_offset"), &what, "end_offset")?,
                label: string(obj.get("label"), &what, "label")?,
                ..ForeignSpan::default()
            })
        })();
        match span {
            Ok(span) => out.push(ReadSpan { span, text: None }),
            Err(e) => errors.push(e),
        }
    }
    out
}

/// Turns `relations` (doccano `from_id`/`to_id`/`type`, or Prodigy
/// `head_span`/`child_span`/`label`) into links of the head span.
pub fn apply_relations(items: &[Value], spans: &mut [ReadSpan], errors: &mut Vec<String>) {
    for (i, item) in items.iter().enumerate() {
        let what = format!("relation {}", i + 1);
        let Some(obj) = item.as_object() else {
            errors.push(format!("{what} is not an object"));
            continue;
        };
        let ends = if obj.contains_key("from_id") {
            relation_ends_doccano(obj, &what)
        } else {
            relation_ends_prodigy(obj, spans, &what)
        };
        let (from, to, role) = match ends {
            Ok(e) => e,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let Some(head) = spans.iter_mut().find(|s| s.span.key == from) else {
            errors.push(format!(
                "{what}: no span with id {from}",
                from = quoted(&from)
            ));
            continue;
        };
        head.span.add_link(&role, &to);
    }
}

fn relation_ends_doccano(
    obj: &Map<String, Value>,
    what: &str,
) -> Result<(String, String, String), String> {
    let from = key_of(obj.get("from_id"), usize::MAX);
    let to = key_of(obj.get("to_id"), usize::MAX);
    let role = string(obj.get("type"), what, "type")?;
    Ok((from, to, role))
}

fn relation_ends_prodigy(
    obj: &Map<String, Value>,
    spans: &[ReadSpan],
    what: &str,
) -> Result<(String, String, String), String> {
    let find = |field: &str| -> Result<String, String> {
        let s = obj
            .get(field)
            .and_then(Value::as_object)
            .ok_or_else(|| format!("{what}: has neither from_id/to_id nor {field}"))?;
        let start = offset(s.get("start"), what, "start")?;
        let end = offset(s.get("end"), what, "end")?;
        let label = s.get("label").and_then(Value::as_str);
        spans
            .iter()
            .find(|r| {
                r.span.start == start
                    && r.span.end == end
                    && label.is_none_or(|l| l == r.span.label)
            })
            .map(|r| r.span.key.clone())
            .ok_or_else(|| format!("{what}: {field} {start}..{end} matches no span"))
    };
    let role = string(obj.get("label"), what, "label")?;
    Ok((find("head_span")?, find("child_span")?, role))
}

/// A span key from an id value (string or number), or from the position
/// when there is none.
fn key_of(id: Option<&Value>, index: usize) -> String {
    match id {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("#{}", index.wrapping_add(1)),
    }
}

fn offset(v: Option<&Value>, what: &str, field: &str) -> Result<usize, String> {
    let v = v.ok_or_else(|| format!("{what}: has no \"{field}\""))?;
    v.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| {
            format!(
                "{what}: \"{field}\" is {v}, not a character offset (a whole number, 0 or more)"
            )
        })
}

fn string(v: Option<&Value>, what: &str, field: &str) -> Result<String, String> {
    match v {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(format!("{what}: \"{field}\" is {other}, not a string")),
        None => Err(format!("{what}: has no \"{field}\"")),
    }
}
