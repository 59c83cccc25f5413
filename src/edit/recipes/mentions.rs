//! "Find mentions": occurrences of an actor's name and aliases that a coder
//! has not annotated yet, offered as suggestions the coder accepts or
//! rejects; accepting turns them into actor spans through a transaction.

use crate::edit::{Edit, EditError, SetKey, Transaction, Workspace};
use crate::model::{Actor, ActorId, ActorKind, AnnotationSet, Codebook, Span};
use crate::text::{char_slice, find_all};
use crate::wording::quoted;
use std::collections::HashMap;

/// Characters of context shown on each side of a suggested mention.
const CONTEXT_CHARS: usize = 40;

/// One unannotated occurrence of an actor's name or alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionSuggestion {
    /// Document id.
    pub document: String,
    /// First character of the occurrence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The actor it would refer to.
    pub actor: ActorId,
    /// An actor span with exactly this range but no actor yet: accepting
    /// sets its actor instead of adding a second span.
    pub existing: Option<crate::model::SpanId>,
    /// Text before the occurrence (on one line, may be cut).
    pub before: String,
    /// The occurrence as written.
    pub matched: String,
    /// Text after the occurrence.
    pub after: String,
}

/// Every whole-word occurrence (ignoring case) of `actor`'s name or aliases
/// in `text` that `set` (the coder's annotations of `document`, if any)
/// does not already cover: an occurrence overlapping a span that points to
/// this actor is covered; one overlapping an actor span that points to
/// another actor is left alone (the coder decided otherwise). Where names
/// overlap ("Nicolas Maduro" and "Maduro") the longest occurrence wins.
pub fn find_mentions(
    text: &str,
    document: &str,
    actor: &Actor,
    set: Option<&AnnotationSet>,
    cb: &Codebook,
) -> Vec<MentionSuggestion> {
    let mut hits: Vec<std::ops::Range<usize>> = std::iter::once(&actor.name)
        .chain(&actor.aliases)
        .flat_map(|n| find_all(text, n.trim(), true))
        .collect();
    hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<std::ops::Range<usize>> = Vec::new();
    for r in hits {
        match kept.last() {
            Some(last) if r.start < last.end => {
                if r.end - r.start > last.end - last.start {
                    kept.pop();
                    kept.push(r);
                }
            }
            _ => kept.push(r),
        }
    }
    let spans: &[Span] = set.map(|s| s.spans.as_slice()).unwrap_or(&[]);
    let is_actor_label = |s: &Span| cb.label(&s.label).is_some_and(|l| l.actor);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    kept.into_iter()
        .filter(|r| {
            !spans.iter().any(|s| {
                s.start < r.end
                    && r.start < s.end
                    && (s.actor == Some(actor.id) || (s.actor.is_some() && is_actor_label(s)))
            })
        })
        .map(|r| {
            let existing = spans
                .iter()
                .find(|s| {
                    s.start == r.start && s.end == r.end && s.actor.is_none() && is_actor_label(s)
                })
                .map(|s| s.id);
            let piece = |a: usize, b: usize| one_line(char_slice(text, a, b).unwrap_or(""));
            let from = r.start.saturating_sub(CONTEXT_CHARS);
            let to = (r.end + CONTEXT_CHARS).min(chars.len());
            MentionSuggestion {
                document: document.to_string(),
                start: r.start,
                end: r.end,
                actor: actor.id,
                existing,
                before: piece(from, r.start),
                matched: piece(r.start, r.end),
                after: piece(r.end, to),
            }
        })
        .collect()
}

/// The label a new mention of `actor` gets: the most frequent label of its
/// mentions in the loaded sets, else the actor label named after its kind
/// (Person, Organization, State, Group), else the first actor label of the
/// codebook. `None` when the codebook has no actor label at all.
pub fn mention_label(ws: &Workspace, actor: &Actor) -> Option<String> {
    let cb = &ws.project().codebook;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for set in ws.loaded_sets() {
        for s in set.spans.iter().filter(|s| s.actor == Some(actor.id)) {
            if cb.label(&s.label).is_some() {
                *counts.entry(s.label.as_str()).or_insert(0) += 1;
            }
        }
    }
    if let Some((label, _)) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
    {
        return Some(label.to_string());
    }
    let by_kind = match actor.kind {
        ActorKind::Person => Some("Person"),
        ActorKind::Organization => Some("Organization"),
        ActorKind::State => Some("State"),
        ActorKind::Group => Some("Group"),
        ActorKind::Other => None,
    };
    if let Some(name) = by_kind
        && cb.label(name).is_some()
    {
        return Some(name.to_string());
    }
    cb.labels()
        .find(|(_, l)| l.actor)
        .map(|(_, l)| l.name.clone())
}

/// The transaction that accepts `suggestions` for `coder`: each becomes a
/// span of `label` pointing to its actor (or, for an existing span without
/// actor, gets the actor). The sets of the suggested documents must be
/// loaded. Suggestions that the set covers by now (e.g. accepted twice) are
/// skipped; a transaction with nothing left to do is refused.
pub fn accept_mentions_tx(
    ws: &Workspace,
    coder: &str,
    label: &str,
    suggestions: &[MentionSuggestion],
) -> Result<Transaction, EditError> {
    let cb = &ws.project().codebook;
    if cb.label(label).is_none() {
        return Err(EditError::Invalid(format!(
            "there is no label {label}",
            label = quoted(label)
        )));
    }
    let mut edits = Vec::new();
    let mut next_ids: HashMap<&str, u32> = HashMap::new();
    let mut taken: Vec<(&str, usize, usize)> = Vec::new();
    for sug in suggestions {
        let key = SetKey::new(coder, &sug.document);
        let set = ws.set(&key).ok_or_else(|| EditError::SetNotLoaded {
            coder: coder.to_string(),
            document: sug.document.clone(),
        })?;
        let covered = set
            .spans
            .iter()
            .any(|s| s.actor == Some(sug.actor) && s.start < sug.end && sug.start < s.end)
            || taken
                .iter()
                .any(|(d, a, b)| *d == sug.document && *a < sug.end && sug.start < *b);
        if covered {
            continue;
        }
        taken.push((&sug.document, sug.start, sug.end));
        let existing = sug
            .existing
            .and_then(|id| set.span(id))
            .filter(|s| s.start == sug.start && s.end == sug.end && s.actor.is_none());
        let span = match existing {
            Some(s) => {
                let mut s = s.clone();
                s.actor = Some(sug.actor);
                s
            }
            None => {
                let next = next_ids
                    .entry(&sug.document)
                    .or_insert(set.next_span_id().0);
                let id = crate::model::SpanId(*next);
                *next += 1;
                let mut s = Span::new(id, sug.start, sug.end, label);
                s.actor = Some(sug.actor);
                s
            }
        };
        edits.push(Edit::PutSpan { key, span });
    }
    if edits.is_empty() {
        return Err(EditError::Invalid(
            "nothing left to accept: these mentions are annotated already".into(),
        ));
    }
    let what = match edits.len() {
        1 => "Accept mention".to_string(),
        n => format!("Accept {n} mentions"),
    };
    Ok(Transaction::new(what, edits))
}

/// `s` with line breaks and tabs turned into spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}
