//! Removing spans together with every link to or from them: the one place
//! that knows in which order such edits stay valid when applied and when
//! undone.

use super::{Edit, SetKey};
use crate::model::{AnnotationSet, SpanId};
use std::collections::BTreeSet;

/// The edits that delete some spans of one set, in two phases that must be
/// applied in this order (other edits may go between them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpanRemoval {
    /// Puts every span that links to a removed span, or is one and has
    /// links, without those links. Undone last, so every target exists again
    /// by then whatever the links between the removed spans.
    pub unlink: Vec<Edit>,
    /// Removes the spans.
    pub remove: Vec<Edit>,
}

impl SpanRemoval {
    /// Both phases in order, for a transaction that does nothing else.
    pub fn into_edits(self) -> Vec<Edit> {
        let mut edits = self.unlink;
        edits.extend(self.remove);
        edits
    }
}

/// The edits that remove the spans `ids` of `set` (stored under `key`) and
/// every link pointing to them. Ids the set does not hold are ignored; the
/// edits follow the order of the set's spans.
pub fn remove_spans(key: &SetKey, set: &AnnotationSet, ids: &BTreeSet<SpanId>) -> SpanRemoval {
    let mut out = SpanRemoval::default();
    for span in &set.spans {
        let removed = ids.contains(&span.id);
        let mut bare = span.clone();
        if removed {
            bare.links.clear();
        } else {
            for id in ids {
                bare.unlink(*id);
            }
        }
        if bare != *span {
            out.unlink.push(Edit::PutSpan {
                key: key.clone(),
                span: bare,
            });
        }
        if removed {
            out.remove.push(Edit::RemoveSpan {
                key: key.clone(),
                id: span.id,
            });
        }
    }
    out
}
