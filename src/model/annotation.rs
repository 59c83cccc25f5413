//! One coder's annotations of one document: spans with labels, attributes,
//! links and actor references, the document codes, and the coder's progress
//! status.

use super::{ActorId, SpanId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far a coder has got with a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Status {
    /// Not looked at yet.
    #[default]
    NotStarted,
    /// Being coded.
    InProgress,
    /// Finished.
    Done,
}

impl Status {
    /// All statuses in workflow order.
    pub const ALL: [Status; 3] = [Status::NotStarted, Status::InProgress, Status::Done];

    /// snake_case name used by the CLI and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
        }
    }

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Done => "done",
        }
    }
}

/// A labelled character range `[start, end)` of a document's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Unique within its annotation set; links refer to it.
    pub id: SpanId,
    /// First character (inclusive), counted in Unicode scalar values.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Label name from the codebook.
    pub label: String,
    /// Attribute values by attribute name.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_map::deserialize"
    )]
    pub attrs: BTreeMap<String, String>,
    /// Links by role name to other spans of the same set: each role's
    /// targets sorted by id, without repeats, never empty (a role with no
    /// target is left out). At most one where the codebook's role takes
    /// one. Format version 1 wrote a single id per role; it is read as a
    /// list of one.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::links::deserialize"
    )]
    pub links: BTreeMap<String, Vec<SpanId>>,
    /// The registry actor this mention refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorId>,
    /// Free-text note by the coder.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Span {
    /// A bare span with a label and nothing else.
    pub fn new(id: SpanId, start: usize, end: usize, label: &str) -> Span {
        Span {
            id,
            start,
            end,
            label: label.to_string(),
            attrs: BTreeMap::new(),
            links: BTreeMap::new(),
            actor: None,
            note: String::new(),
        }
    }

    /// Whether the two spans share at least one character.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The order spans are kept and written in: start, end, label, id.
    pub fn sort_key(&self) -> (usize, usize, &str, SpanId) {
        (self.start, self.end, &self.label, self.id)
    }

    /// The targets linked in `role` (empty if none).
    pub fn targets(&self, role: &str) -> &[SpanId] {
        self.links.get(role).map_or(&[], Vec::as_slice)
    }

    /// Every link as (role, target), roles in name order.
    pub fn all_links(&self) -> impl Iterator<Item = (&str, SpanId)> {
        self.links
            .iter()
            .flat_map(|(role, ts)| ts.iter().map(move |t| (role.as_str(), *t)))
    }

    /// Adds `target` to `role`'s targets (kept sorted, without repeats).
    pub fn add_link(&mut self, role: &str, target: SpanId) {
        let ts = self.links.entry(role.to_string()).or_default();
        if let Err(at) = ts.binary_search(&target) {
            ts.insert(at, target);
        }
    }

    /// Removes `target` from `role`; drops the role when nothing is left.
    /// Returns whether it was there.
    pub fn remove_link(&mut self, role: &str, target: SpanId) -> bool {
        let Some(ts) = self.links.get_mut(role) else {
            return false;
        };
        let before = ts.len();
        ts.retain(|t| *t != target);
        let removed = ts.len() != before;
        if ts.is_empty() {
            self.links.remove(role);
        }
        removed
    }

    /// Removes every link to `target`, in any role.
    pub fn unlink(&mut self, target: SpanId) {
        for ts in self.links.values_mut() {
            ts.retain(|t| *t != target);
        }
        self.links.retain(|_, ts| !ts.is_empty());
    }
}

/// A coder's value for one document variable: a choice or free text, the
/// values of a multiple choice, or a number. Numbers are finite (a NaN is
/// refused where values come in), which is what makes equality total.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CodeValue {
    /// A number (a variable of kind number).
    Number(f64),
    /// One value: a single choice, an ordinal scale's value, free text.
    Text(String),
    /// The values chosen of a multiple choice, sorted, without repeats.
    Many(Vec<String>),
}

impl Eq for CodeValue {}

impl CodeValue {
    /// The value as written in tables (`a|b` for several values).
    pub fn display(&self) -> String {
        match self {
            CodeValue::Number(n) => n.to_string(),
            CodeValue::Text(t) => t.clone(),
            CodeValue::Many(v) => v.join("|"),
        }
    }

    /// Each single value: one for text and numbers, each chosen value of a
    /// multiple choice.
    pub fn values(&self) -> Vec<String> {
        match self {
            CodeValue::Many(v) => v.clone(),
            other => vec![other.display()],
        }
    }
}

/// One coder's spans on one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnotationSet {
    /// Document id.
    pub document: String,
    /// Coder name.
    pub coder: String,
    /// Progress.
    #[serde(default)]
    pub status: Status,
    /// Document codes by variable name (see the codebook's variables).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_map::deserialize"
    )]
    pub codes: BTreeMap<String, CodeValue>,
    /// Spans ordered by [`Span::sort_key`].
    #[serde(default)]
    pub spans: Vec<Span>,
}

impl AnnotationSet {
    /// An empty, not-started set.
    pub fn new(document: &str, coder: &str) -> AnnotationSet {
        AnnotationSet {
            document: document.to_string(),
            coder: coder.to_string(),
            status: Status::NotStarted,
            codes: BTreeMap::new(),
            spans: Vec::new(),
        }
    }

    /// The span with id `id`.
    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// An id no span of this set has.
    pub fn next_span_id(&self) -> SpanId {
        SpanId(self.spans.iter().map(|s| s.id.0 + 1).max().unwrap_or(1))
    }

    /// Inserts a span keeping the stable order. Replaces a span with the
    /// same id and returns it.
    pub fn put(&mut self, span: Span) -> Option<Span> {
        let old = self.remove(span.id);
        let at = self
            .spans
            .partition_point(|s| s.sort_key() < span.sort_key());
        self.spans.insert(at, span);
        old
    }

    /// Removes and returns the span with id `id`.
    pub fn remove(&mut self, id: SpanId) -> Option<Span> {
        let i = self.spans.iter().position(|s| s.id == id)?;
        Some(self.spans.remove(i))
    }

    /// Restores the stable order after bulk changes.
    pub fn sort(&mut self) {
        self.spans.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// Spans linking to `id`, with the role they use.
    pub fn links_to(&self, id: SpanId) -> impl Iterator<Item = (&Span, &str)> {
        self.spans.iter().flat_map(move |s| {
            s.links
                .iter()
                .filter(move |(_, ts)| ts.contains(&id))
                .map(move |(r, _)| (s, r.as_str()))
        })
    }
}
