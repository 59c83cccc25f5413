//! Actor registry changes: add, update (rename, kind, aliases), merge two
//! actors and delete one, with the mentions (spans pointing to an actor) of
//! the loaded sets kept consistent in the same transaction.

use crate::edit::{Edit, EditError, SetKey, Transaction, Workspace};
use crate::model::{Actor, ActorId, ActorKind, ActorRegistry};
use crate::wording::quoted;
use std::collections::HashMap;

/// How many spans of the loaded sets point to each actor.
pub fn actor_mention_counts(ws: &Workspace) -> HashMap<ActorId, usize> {
    let mut counts = HashMap::new();
    for set in ws.loaded_sets() {
        for a in set.spans.iter().filter_map(|s| s.actor) {
            *counts.entry(a).or_insert(0) += 1;
        }
    }
    counts
}

/// Adds an actor called `name`; refuses an empty name or one that is
/// already an actor's name or alias. Returns the new id with the transaction.
pub fn add_actor_tx(
    reg: &ActorRegistry,
    name: &str,
    kind: ActorKind,
) -> Result<(ActorId, Transaction), EditError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(EditError::Invalid("an actor needs a name".into()));
    }
    if let Some(a) = reg.find_by_name(name) {
        return Err(EditError::Invalid(format!(
            "{name} is already actor {}",
            quoted(&a.name),
            name = quoted(name)
        )));
    }
    let id = reg.next_id();
    let actor = Actor {
        id,
        ..Actor::new(name, kind)
    };
    Ok((
        id,
        Transaction::single(format!("Add actor {name}"), Edit::PutActor(actor)),
    ))
}

/// Replaces an actor's entry by `actor` (same id): rename, change kind, add
/// or remove aliases. Names are trimmed, empty and repeated aliases (or an
/// alias equal to the name) dropped, and a name or alias that belongs to
/// another actor refused, so that finding mentions stays unambiguous.
pub fn update_actor_tx(
    reg: &ActorRegistry,
    actor: Actor,
    what: &str,
) -> Result<Transaction, EditError> {
    if reg.get(actor.id).is_none() {
        return Err(EditError::NoSuchActor(actor.id));
    }
    let actor = tidy(actor)?;
    for surface in std::iter::once(&actor.name).chain(&actor.aliases) {
        if let Some(other) = reg.find_by_name(surface).filter(|o| o.id != actor.id) {
            return Err(EditError::Invalid(format!(
                "{surface} already refers to actor {}",
                quoted(&other.name),
                surface = quoted(surface)
            )));
        }
    }
    Ok(Transaction::single(what, Edit::PutActor(actor)))
}

/// Merges actor `other` into `keep`: every loaded span pointing to `other`
/// points to `keep`, `keep` gains `other`'s name and aliases as aliases, and
/// `other` is removed. Returns the transaction and how many spans it
/// re-points (load all sets first so that every coder's mentions follow).
pub fn merge_actors_tx(
    ws: &Workspace,
    keep: ActorId,
    other: ActorId,
) -> Result<(Transaction, usize), EditError> {
    if keep == other {
        return Err(EditError::Invalid(
            "an actor cannot be merged with itself".into(),
        ));
    }
    let reg = &ws.project().actors;
    let k = reg.get(keep).ok_or(EditError::NoSuchActor(keep))?;
    let o = reg.get(other).ok_or(EditError::NoSuchActor(other))?;
    let mut merged = k.clone();
    merged.aliases.push(o.name.clone());
    merged.aliases.extend(o.aliases.iter().cloned());
    let merged = tidy(merged)?;
    let mut edits = vec![Edit::PutActor(merged)];
    let mut moved = 0;
    for set in ws.loaded_sets() {
        for span in set.spans.iter().filter(|s| s.actor == Some(other)) {
            let mut span = span.clone();
            span.actor = Some(keep);
            moved += 1;
            edits.push(Edit::PutSpan {
                key: SetKey::new(&set.coder, &set.document),
                span,
            });
        }
    }
    edits.push(Edit::RemoveActor(other));
    let label = format!("Merge {} into {}", o.name, k.name);
    Ok((Transaction::new(label, edits), moved))
}

/// Deletes actor `id`; the loaded spans pointing to it keep their label but
/// lose the actor reference. Returns the transaction and how many spans it
/// unlinks.
pub fn delete_actor_tx(ws: &Workspace, id: ActorId) -> Result<(Transaction, usize), EditError> {
    let actor = ws
        .project()
        .actors
        .get(id)
        .ok_or(EditError::NoSuchActor(id))?;
    let mut edits = Vec::new();
    for set in ws.loaded_sets() {
        for span in set.spans.iter().filter(|s| s.actor == Some(id)) {
            let mut span = span.clone();
            span.actor = None;
            edits.push(Edit::PutSpan {
                key: SetKey::new(&set.coder, &set.document),
                span,
            });
        }
    }
    let unlinked = edits.len();
    edits.push(Edit::RemoveActor(id));
    Ok((
        Transaction::new(format!("Delete actor {}", actor.name), edits),
        unlinked,
    ))
}

/// Trims the name and aliases and drops empty or repeated aliases
/// (ignoring case), including one equal to the name.
fn tidy(mut actor: Actor) -> Result<Actor, EditError> {
    actor.name = actor.name.trim().to_string();
    if actor.name.is_empty() {
        return Err(EditError::Invalid("an actor needs a name".into()));
    }
    let mut seen = vec![actor.name.to_lowercase()];
    let mut aliases = Vec::new();
    for alias in actor.aliases {
        let alias = alias.trim().to_string();
        let lower = alias.to_lowercase();
        if !alias.is_empty() && !seen.contains(&lower) {
            seen.push(lower);
            aliases.push(alias);
        }
    }
    actor.aliases = aliases;
    Ok(actor)
}
