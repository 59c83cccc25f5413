//! The transactions behind the coding edits: tagging a selection,
//! relabelling, moving boundaries, attributes, notes, actors and links.
//! Each reads the workspace and returns a [`Transaction`] for
//! `Workspace::apply`, or a message saying why the edit makes no sense.

use crate::edit::{Edit, SetKey, Transaction, Workspace};
use crate::model::{Actor, ActorId, ActorKind, AnnotationSet, RoleArity, Span, SpanId, Status};
use std::ops::Range;

/// The set, or a message if it is not loaded.
fn loaded<'a>(ws: &'a Workspace, key: &SetKey) -> Result<&'a AnnotationSet, String> {
    ws.set(key).ok_or_else(|| {
        format!(
            "the annotations of {} on {} are not loaded",
            key.coder, key.document
        )
    })
}

/// Tags `range` with `label`; an actor label gets the registry actor whose
/// name or alias equals the text. Returns the transaction and the new id.
pub fn tag(
    ws: &Workspace,
    key: &SetKey,
    range: Range<usize>,
    label: &str,
    text: &str,
) -> Result<(Transaction, SpanId), String> {
    let set = loaded(ws, key)?;
    let def = ws
        .project()
        .codebook
        .label(label)
        .ok_or_else(|| format!("there is no label {label:?} in the codebook"))?;
    if let Some(same) = set
        .spans
        .iter()
        .find(|s| s.start == range.start && s.end == range.end && s.label == label)
    {
        return Err(format!(
            "this text is already tagged {label} (span {})",
            same.id
        ));
    }
    let id = set.next_span_id();
    let mut span = Span::new(id, range.start, range.end, label);
    if def.actor {
        span.actor = ws.project().actors.find_by_name(text).map(|a| a.id);
    }
    let tx = Transaction::single(
        format!("Tag {label}"),
        Edit::PutSpan {
            key: key.clone(),
            span,
        },
    );
    Ok((tx, id))
}

/// The span `id` changed by `change`, as a one-step transaction.
fn change_span(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    what: &str,
    change: impl FnOnce(&mut Span),
) -> Result<Transaction, String> {
    let set = loaded(ws, key)?;
    let mut span = set
        .span(id)
        .cloned()
        .ok_or_else(|| format!("no span {id}"))?;
    change(&mut span);
    Ok(Transaction::single(
        what,
        Edit::PutSpan {
            key: key.clone(),
            span,
        },
    ))
}

/// Gives span `id` the label `label`, keeping the attributes, links and
/// actor the new label allows and dropping links from other spans that
/// may not point to the new label. Also returns what was dropped (names of
/// attributes and roles, "actor", "N link(s) to it"), for the status line.
pub fn relabel(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    label: &str,
) -> Result<(Transaction, Vec<String>), String> {
    let set = loaded(ws, key)?;
    let cb = &ws.project().codebook;
    let def = cb
        .label(label)
        .ok_or_else(|| format!("there is no label {label:?} in the codebook"))?;
    let old = set.span(id).ok_or_else(|| format!("no span {id}"))?;
    if old.label == label {
        return Err(format!("the span is already a {label}"));
    }
    let mut span = old.clone();
    span.label = label.to_string();
    span.attrs
        .retain(|name, value| match def.attribute(name).map(|a| &a.kind) {
            Some(crate::model::AttributeKind::Closed(values)) => values.contains(value),
            Some(crate::model::AttributeKind::Free) => true,
            None => false,
        });
    for (role, targets) in span.links.iter_mut() {
        let fits = |t: &SpanId| {
            def.role(role)
                .zip(set.span(*t))
                .is_some_and(|(r, t)| r.targets.contains(&t.label))
        };
        targets.retain(fits);
        if def.role(role).is_some_and(|r| r.takes == RoleArity::One) {
            targets.truncate(1);
        }
    }
    span.links.retain(|_, targets| !targets.is_empty());
    if !def.actor {
        span.actor = None;
    }
    let mut dropped: Vec<String> = old
        .attrs
        .keys()
        .filter(|a| !span.attrs.contains_key(*a))
        .chain(
            old.links
                .iter()
                .filter(|(r, ts)| span.targets(r).len() < ts.len())
                .map(|(r, _)| r),
        )
        .cloned()
        .collect();
    if old.actor.is_some() && span.actor.is_none() {
        dropped.push("actor".into());
    }
    let mut incoming = 0;
    let mut edits = Vec::new();
    for other in &set.spans {
        let Some(other_def) = cb.label(&other.label) else {
            continue;
        };
        let refused: Vec<&String> = other
            .links
            .iter()
            .filter(|(role, ts)| {
                ts.contains(&id)
                    && other_def
                        .role(role)
                        .is_none_or(|r| !r.targets.iter().any(|x| x == label))
            })
            .map(|(role, _)| role)
            .collect();
        if !refused.is_empty() {
            incoming += refused.len();
            let mut o = other.clone();
            for role in &refused {
                o.remove_link(role, id);
            }
            edits.push(Edit::PutSpan {
                key: key.clone(),
                span: o,
            });
        }
    }
    edits.push(Edit::PutSpan {
        key: key.clone(),
        span,
    });
    if incoming > 0 {
        dropped.push(format!(
            "{incoming} link{} to it",
            if incoming == 1 { "" } else { "s" }
        ));
    }
    Ok((
        Transaction::new(format!("Relabel as {label}"), edits),
        dropped,
    ))
}

/// Moves span `id` to `range`.
pub fn resize(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    range: Range<usize>,
) -> Result<Transaction, String> {
    change_span(ws, key, id, "Change span boundaries", |s| {
        s.start = range.start;
        s.end = range.end;
    })
}

/// Sets (or with `None` clears) attribute `name` of span `id`.
pub fn set_attribute(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    name: &str,
    value: Option<String>,
) -> Result<Transaction, String> {
    change_span(ws, key, id, &format!("Set {name}"), |s| match value {
        Some(v) if !v.trim().is_empty() => {
            s.attrs.insert(name.to_string(), v);
        }
        _ => {
            s.attrs.remove(name);
        }
    })
}

/// Sets the note of span `id`.
pub fn set_note(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    note: String,
) -> Result<Transaction, String> {
    change_span(ws, key, id, "Edit note", |s| s.note = note)
}

/// Points span `id` to `actor` (or to none).
pub fn set_actor(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    actor: Option<ActorId>,
) -> Result<Transaction, String> {
    let what = match actor.and_then(|a| ws.project().actors.get(a)) {
        Some(a) => format!("Refer to {}", a.name),
        None => "Clear actor".to_string(),
    };
    change_span(ws, key, id, &what, |s| s.actor = actor)
}

/// Adds an actor named after the span's text (of the kind its label
/// suggests) and points the span to it, in one step.
pub fn new_actor_from_span(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    text: &str,
) -> Result<Transaction, String> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err("the span has no text to name an actor after".into());
    }
    if let Some(existing) = ws.project().actors.find_by_name(&name) {
        return Err(format!("{name:?} is already the actor {:?}", existing.name));
    }
    let set = loaded(ws, key)?;
    let span = set.span(id).ok_or_else(|| format!("no span {id}"))?;
    let actor = Actor {
        id: ws.project().actors.next_id(),
        ..Actor::new(&name, ActorKind::for_label(&span.label))
    };
    let mut s = span.clone();
    s.actor = Some(actor.id);
    Ok(Transaction::new(
        format!("New actor {name}"),
        vec![
            Edit::PutActor(actor),
            Edit::PutSpan {
                key: key.clone(),
                span: s,
            },
        ],
    ))
}

/// Links span `id` to `target` in `role`: added to the role's targets
/// where the role takes many spans, replacing its target where it takes
/// one. `None` removes every link of the role.
pub fn set_link(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    role: &str,
    target: Option<SpanId>,
) -> Result<Transaction, String> {
    let what = match target {
        Some(_) => format!("Link {role}"),
        None => format!("Unlink {role}"),
    };
    let takes = loaded(ws, key)?
        .span(id)
        .and_then(|s| ws.project().codebook.label(&s.label))
        .and_then(|l| l.role(role))
        .map_or(RoleArity::One, |r| r.takes);
    change_span(ws, key, id, &what, |s| match target {
        Some(t) => {
            if takes == RoleArity::One {
                s.links.remove(role);
            }
            s.add_link(role, t);
        }
        None => {
            s.links.remove(role);
        }
    })
}

/// Removes the link from span `id` to `target` in `role`, keeping the
/// role's other targets.
pub fn remove_link(
    ws: &Workspace,
    key: &SetKey,
    id: SpanId,
    role: &str,
    target: SpanId,
) -> Result<Transaction, String> {
    change_span(ws, key, id, &format!("Unlink {role}"), |s| {
        s.remove_link(role, target);
    })
}

/// Whether a link in `role` of span `id` may point to `target`.
pub fn may_link(
    ws: &Workspace,
    set: &AnnotationSet,
    id: SpanId,
    role: &str,
    target: SpanId,
) -> bool {
    let cb = &ws.project().codebook;
    let (Some(from), Some(to)) = (set.span(id), set.span(target)) else {
        return false;
    };
    id != target
        && cb
            .label(&from.label)
            .and_then(|l| l.role(role))
            .is_some_and(|r| r.targets.contains(&to.label))
}

/// Sets the coder's status of the document.
pub fn set_status(key: &SetKey, status: Status) -> Transaction {
    let what = match status {
        Status::Done => "Mark done",
        Status::InProgress => "Mark in progress",
        Status::NotStarted => "Mark not started",
    };
    Transaction::single(
        what,
        Edit::SetStatus {
            key: key.clone(),
            status,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture;

    const TEXT: &str = "Maduro calls Guaido a puppet in Caracas.";

    fn ws() -> (tempfile::TempDir, Workspace, SetKey) {
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = test_fixture::empty_project(tmp.path());
        test_fixture::add_document(&mut dir, "d", "T", TEXT);
        dir.project.actors.put(test_fixture::maduro(&["Maduro"]));
        let mut ws = Workspace::new(dir);
        let key = SetKey::new("alice", "d");
        ws.load(&key).unwrap();
        (tmp, ws, key)
    }

    #[test]
    fn tagging_links_known_actors_and_starts_progress() {
        let (_t, mut ws, key) = ws();
        let (tx, id) = tag(&ws, &key, 0..6, "Person", "Maduro").unwrap();
        ws.apply(tx).unwrap();
        let set = ws.set(&key).unwrap();
        assert_eq!(set.span(id).unwrap().actor, Some(ActorId(1)));
        assert_eq!(set.status, Status::InProgress);
        assert!(
            tag(&ws, &key, 0..6, "Person", "Maduro").is_err(),
            "no duplicates"
        );
    }

    #[test]
    fn relabelling_drops_what_the_new_label_does_not_allow() {
        let (_t, mut ws, key) = ws();
        let (tx, person) = tag(&ws, &key, 0..6, "Person", "Maduro").unwrap();
        ws.apply(tx).unwrap();
        let (tx, stance) = tag(&ws, &key, 7..28, "Stance", "calls Guaido a puppet").unwrap();
        ws.apply(tx).unwrap();
        ws.apply(set_link(&ws, &key, stance, "holder", Some(person)).unwrap())
            .unwrap();
        ws.apply(set_attribute(&ws, &key, stance, "polarity", Some("oppose".into())).unwrap())
            .unwrap();
        // A Location may not hold a stance: the stance loses its holder.
        let (tx, dropped) = relabel(&ws, &key, person, "Location").unwrap();
        assert_eq!(dropped, ["actor", "1 link to it"]);
        ws.apply(tx).unwrap();
        let set = ws.set(&key).unwrap();
        assert!(set.span(stance).unwrap().links.is_empty());
        assert_eq!(set.span(person).unwrap().actor, None);
        // An Event keeps no Stance attribute.
        let (tx, dropped) = relabel(&ws, &key, stance, "Event").unwrap();
        assert_eq!(dropped, ["polarity"]);
        ws.apply(tx).unwrap();
        assert!(ws.set(&key).unwrap().span(stance).unwrap().attrs.is_empty());
        ws.undo().unwrap();
        ws.undo().unwrap();
        let set = ws.set(&key).unwrap();
        assert_eq!(set.span(stance).unwrap().targets("holder"), &[person]);
    }

    #[test]
    fn new_actor_from_span_is_one_step() {
        let (_t, mut ws, key) = ws();
        let (tx, id) = tag(&ws, &key, 13..19, "Person", "Guaido").unwrap();
        ws.apply(tx).unwrap();
        ws.apply(new_actor_from_span(&ws, &key, id, "Guaido").unwrap())
            .unwrap();
        let actor = ws.project().actors.find_by_name("Guaido").unwrap().id;
        assert_eq!(ws.set(&key).unwrap().span(id).unwrap().actor, Some(actor));
        ws.undo().unwrap();
        assert!(ws.project().actors.find_by_name("Guaido").is_none());
        assert!(
            new_actor_from_span(&ws, &key, id, "Maduro").is_err(),
            "exists as alias"
        );
    }

    #[test]
    fn links_are_only_allowed_to_permitted_labels() {
        let (_t, mut ws, key) = ws();
        let (tx, place) = tag(&ws, &key, 32..39, "Location", "Caracas").unwrap();
        ws.apply(tx).unwrap();
        let (tx, person) = tag(&ws, &key, 0..6, "Person", "Maduro").unwrap();
        ws.apply(tx).unwrap();
        let (tx, stance) = tag(&ws, &key, 7..28, "Stance", "x").unwrap();
        ws.apply(tx).unwrap();
        let set = ws.set(&key).unwrap();
        assert!(may_link(&ws, set, stance, "holder", person));
        assert!(!may_link(&ws, set, stance, "holder", place));
        assert!(!may_link(&ws, set, stance, "holder", stance));
        assert!(!may_link(&ws, set, stance, "nonsense", person));
    }
}
