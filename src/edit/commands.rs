//! The edit commands and transactions.

use crate::model::{Actor, ActorId, CodeValue, Codebook, Span, SpanId, Status};
use crate::wording::quoted;
use serde::{Deserialize, Serialize};

/// Identifies one annotation set: a coder's annotations of a document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SetKey {
    /// Coder name.
    pub coder: String,
    /// Document id.
    pub document: String,
}

impl SetKey {
    /// The key of `coder`'s set for `document`.
    pub fn new(coder: &str, document: &str) -> SetKey {
        SetKey {
            coder: coder.to_string(),
            document: document.to_string(),
        }
    }
}

/// One primitive change. Applying it yields the edit that undoes it.
/// Serialised as a record of the edit journal (see `edit::journal`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Insert a span, or replace the span with the same id.
    PutSpan {
        /// Which set.
        key: SetKey,
        /// The new span.
        span: Span,
    },
    /// Remove a span.
    RemoveSpan {
        /// Which set.
        key: SetKey,
        /// Which span.
        id: SpanId,
    },
    /// Change a set's status.
    SetStatus {
        /// Which set.
        key: SetKey,
        /// New status.
        status: Status,
    },
    /// Set (or, with `None`, clear) a set's code for a document variable.
    SetCode {
        /// Which set.
        key: SetKey,
        /// Variable name from the codebook.
        variable: String,
        /// The new value.
        value: Option<CodeValue>,
    },
    /// Insert an actor, or replace the actor with the same id.
    PutActor(Actor),
    /// Remove an actor from the registry.
    RemoveActor(ActorId),
    /// Replace the whole codebook.
    SetCodebook(Codebook),
    /// Rename a label in every annotation set of the project: the workspace
    /// loads the sets not loaded yet first (the codebook itself is changed
    /// by a `SetCodebook` in the same transaction).
    RenameLabelInSpans {
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
}

/// A named group of edits that is done and undone as one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    /// What the user did, e.g. "Tag Person" (shown as "Undo Tag Person").
    pub label: String,
    /// The edits in the order they are applied.
    pub edits: Vec<Edit>,
}

impl Transaction {
    /// A transaction of the given edits.
    pub fn new(label: impl Into<String>, edits: Vec<Edit>) -> Transaction {
        Transaction {
            label: label.into(),
            edits,
        }
    }

    /// A transaction of a single edit.
    pub fn single(label: impl Into<String>, edit: Edit) -> Transaction {
        Transaction::new(label, vec![edit])
    }
}

/// Why an edit was refused. A refused transaction changes nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The set is not loaded into the workspace.
    #[error(
        "the annotations of {} on document {} are not loaded",
        quoted(.coder),
        quoted(.document)
    )]
    SetNotLoaded {
        /// Coder.
        coder: String,
        /// Document.
        document: String,
    },
    /// No span with that id.
    #[error("no span {0} in this document")]
    NoSuchSpan(SpanId),
    /// No actor with that id.
    #[error("no actor {0} in the registry")]
    NoSuchActor(ActorId),
    /// The result would break an invariant of the model.
    #[error("{0}")]
    Invalid(String),
    /// The edit must reach every annotation set, and one could not be read.
    #[error("the change must reach every annotation set, and one cannot be read: {0}")]
    Unreachable(String),
}
