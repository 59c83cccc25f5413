//! Model predictions as suggestions: they are stored as the annotation
//! sets of a reserved pseudo-coder, [`SUGGESTIONS_CODER`], so the agreement
//! report compares a coder with the model with no extra code
//! (`agree --coders alice suggestions`). This module finds the suggestions
//! a coder has not dealt with yet, and builds the undoable transactions
//! that accept them (copying them into the coder's set) or reject them
//! (removing them from the suggestions). Importing predictions is in
//! [`commit_suggestions`].

mod import;

pub use import::commit_suggestions;

use crate::edit::{Edit, SetKey, Transaction, remove_spans};
use crate::model::{AnnotationSet, Project, Span, SpanId};
use std::collections::{BTreeMap, BTreeSet};

/// The pseudo-coder whose annotation sets hold a model's predictions.
pub const SUGGESTIONS_CODER: &str = "suggestions";

/// Whether `coder` is the reserved suggestions pseudo-coder.
pub fn is_suggestions_coder(coder: &str) -> bool {
    coder == SUGGESTIONS_CODER
}

/// The suggestions of `suggested` that `coded` has no identical span for
/// (same start, end and label), in document order.
pub fn pending<'a>(suggested: &'a AnnotationSet, coded: &AnnotationSet) -> Vec<&'a Span> {
    suggested
        .spans
        .iter()
        .filter(|s| !has_identical(coded, s))
        .collect()
}

fn has_identical(set: &AnnotationSet, s: &Span) -> bool {
    set.spans
        .iter()
        .any(|c| c.start == s.start && c.end == s.end && c.label == s.label)
}

/// The span of `coded` identical to `s` (start, end, label), if any.
fn identical_id(coded: &AnnotationSet, s: &Span) -> Option<SpanId> {
    coded
        .spans
        .iter()
        .find(|c| c.start == s.start && c.end == s.end && c.label == s.label)
        .map(|c| c.id)
}

/// The edits that copy the suggestions `ids` of `suggested` into `coded`
/// (the coder's set, key `coder_key`) as new spans with fresh ids. Their
/// attributes and actor come along (the actor only if the registry has
/// it); a link comes along when its target is accepted in the same step or
/// already has an identical span in the coder's set. Ids the set does not
/// have, or that are already accepted, are skipped.
fn accept_edits(
    project: &Project,
    suggested: &AnnotationSet,
    coded: &AnnotationSet,
    coder_key: &SetKey,
    ids: &[SpanId],
) -> Vec<Edit> {
    let mut next = coded.next_span_id().0;
    let mut new_ids: BTreeMap<SpanId, SpanId> = BTreeMap::new();
    let mut chosen: Vec<&Span> = Vec::new();
    for id in ids {
        let Some(s) = suggested.span(*id) else {
            continue;
        };
        if has_identical(coded, s) || new_ids.contains_key(id) {
            continue;
        }
        new_ids.insert(s.id, SpanId(next));
        next += 1;
        chosen.push(s);
    }
    let target_of = |old: SpanId| {
        new_ids
            .get(&old)
            .copied()
            .or_else(|| suggested.span(old).and_then(|t| identical_id(coded, t)))
    };
    let mut edits = Vec::new();
    // Links may point to spans accepted in the same step: put every span
    // first, then the linked versions.
    let mut linked = Vec::new();
    for s in chosen {
        let mut span = Span::new(new_ids[&s.id], s.start, s.end, &s.label);
        span.attrs = s.attrs.clone();
        span.actor = s.actor.filter(|a| project.actors.get(*a).is_some());
        span.note = s.note.clone();
        let mut with_links = span.clone();
        for (role, t) in s.all_links() {
            if let Some(n) = target_of(t) {
                with_links.add_link(role, n);
            }
        }
        if !with_links.links.is_empty() {
            linked.push(with_links);
        }
        edits.push(Edit::PutSpan {
            key: coder_key.clone(),
            span,
        });
    }
    edits.extend(linked.into_iter().map(|span| Edit::PutSpan {
        key: coder_key.clone(),
        span,
    }));
    edits
}

/// The transaction accepting suggestion `id` into the coder's set, or
/// `None` if there is nothing to accept.
pub fn accept_tx(
    project: &Project,
    suggested: &AnnotationSet,
    coded: &AnnotationSet,
    coder_key: &SetKey,
    id: SpanId,
) -> Option<Transaction> {
    let label = suggested.span(id)?.label.clone();
    let edits = accept_edits(project, suggested, coded, coder_key, &[id]);
    (!edits.is_empty()).then(|| Transaction::new(format!("Accept suggested {label}"), edits))
}

/// The transaction accepting every pending suggestion labelled `label`.
pub fn accept_label_tx(
    project: &Project,
    suggested: &AnnotationSet,
    coded: &AnnotationSet,
    coder_key: &SetKey,
    label: &str,
) -> Option<Transaction> {
    let ids: Vec<SpanId> = pending(suggested, coded)
        .into_iter()
        .filter(|s| s.label == label)
        .map(|s| s.id)
        .collect();
    let edits = accept_edits(project, suggested, coded, coder_key, &ids);
    (!edits.is_empty())
        .then(|| Transaction::new(format!("Accept {} suggested {label}", ids.len()), edits))
}

/// The transaction rejecting suggestion `id`: it is removed from the
/// suggestions of the document (undo brings it back). Links of other
/// suggestions to it are dropped in the same step, so the set stays valid.
pub fn reject_tx(suggested: &AnnotationSet, id: SpanId) -> Option<Transaction> {
    let s = suggested.span(id)?;
    let key = SetKey::new(&suggested.coder, &suggested.document);
    let edits = remove_spans(&key, suggested, &BTreeSet::from([id])).into_edits();
    Some(Transaction::new(
        format!("Reject suggested {}", s.label),
        edits,
    ))
}

#[cfg(test)]
mod tests;
