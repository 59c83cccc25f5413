//! One coder's annotations of one document: spans with labels, attributes,
//! links and actor references, and the coder's progress status.

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
    /// Links by role name to another span of the same set.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_map::deserialize"
    )]
    pub links: BTreeMap<String, SpanId>,
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
                .filter(move |(_, t)| **t == id)
                .map(move |(r, _)| (s, r.as_str()))
        })
    }
}
