//! Unit tests of the recipes: each transaction does what it says over every
//! loaded set, keeps the sets valid, and one undo restores everything.

use super::*;
use crate::edit::{Edit, EditError, SetKey, Transaction, Workspace, all_sets_loaded};
use crate::model::{
    Actor, ActorId, ActorKind, AttributeKind, Codebook, Span, SpanId, validate_set,
};
use crate::store::ProjectDir;
use crate::test_fixture::{add_document, empty_project, maduro};

const D1: &str = "Nicolas Maduro calls Guaido a puppet. Maduro spoke in Caracas.";
const D2: &str = "Guaido said Maduro must go.";

/// A project with two documents, two coders and actors Maduro (a1) and
/// Guaido (a2); alice has tagged "Nicolas Maduro" (Person, a1) and a
/// stance held by it, bob has tagged "Maduro" in d2 (Person, a1).
fn workspace() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = empty_project(tmp.path());
    for (id, text) in [("d1", D1), ("d2", D2)] {
        add_document(&mut dir, id, id, text);
    }
    dir.project.actors.put(maduro(&["Maduro"]));
    dir.project.actors.put(Actor {
        id: ActorId(2),
        name: "Juan Guaido".into(),
        kind: ActorKind::Person,
        aliases: vec!["Guaido".into()],
        attributes: Default::default(),
    });
    dir.save_project().unwrap();
    let mut ws = Workspace::new(dir);
    for coder in ["alice", "bob"] {
        for doc in ["d1", "d2"] {
            ws.load(&SetKey::new(coder, doc)).unwrap();
        }
    }
    let mut person = Span::new(SpanId(1), 0, 14, "Person");
    person.actor = Some(ActorId(1));
    let mut stance = Span::new(SpanId(2), 15, 36, "Stance");
    stance.add_link("holder", SpanId(1));
    stance.attrs.insert("polarity".into(), "oppose".into());
    let mut bob = Span::new(SpanId(1), 12, 18, "Person");
    bob.actor = Some(ActorId(1));
    ws.apply(Transaction::new(
        "setup",
        vec![
            Edit::PutSpan {
                key: SetKey::new("alice", "d1"),
                span: person,
            },
            Edit::PutSpan {
                key: SetKey::new("alice", "d1"),
                span: stance,
            },
            Edit::PutSpan {
                key: SetKey::new("bob", "d2"),
                span: bob,
            },
        ],
    ))
    .unwrap();
    ws.save().unwrap();
    (tmp, ws)
}

fn spans(ws: &Workspace, coder: &str, doc: &str) -> Vec<Span> {
    ws.set(&SetKey::new(coder, doc)).unwrap().spans.clone()
}

/// Every loaded set is valid against the current project.
fn assert_all_valid(ws: &Workspace) {
    for set in ws.loaded_sets() {
        let chars = ws.project().document(&set.document).unwrap().chars;
        let problems = validate_set(ws.project(), chars, set);
        assert!(
            problems.is_empty(),
            "{}/{}: {problems:?}",
            set.coder,
            set.document
        );
    }
}

/// Snapshot of everything a recipe can change.
fn snapshot(ws: &Workspace) -> (Codebook, Vec<Actor>, Vec<Vec<Span>>) {
    (
        ws.project().codebook.clone(),
        ws.project().actors.actors.clone(),
        ws.loaded_sets().map(|s| s.spans.clone()).collect(),
    )
}

#[test]
fn loading_all_sets_reaches_every_coder() {
    let (_t, ws) = workspace();
    let mut fresh = Workspace::new(ProjectDir::open(ws.dir().root()).unwrap());
    assert!(!all_sets_loaded(&fresh));
    assert!(fresh.load_all_sets().is_empty());
    assert!(all_sets_loaded(&fresh));
    assert_eq!(fresh.loaded_sets().count(), 4);
    assert_eq!(label_span_counts(&fresh).get("Person"), Some(&2));
}

#[test]
fn renaming_a_label_renames_spans_and_role_targets_and_undoes() {
    let (_t, mut ws) = workspace();
    let before = snapshot(&ws);
    let tx = rename_label_tx(&ws.project().codebook, "Person", "Individual").unwrap();
    ws.apply(tx).unwrap();
    let cb = &ws.project().codebook;
    assert!(cb.label("Person").is_none() && cb.label("Individual").is_some());
    assert!(
        cb.label("Stance")
            .unwrap()
            .role("holder")
            .unwrap()
            .targets
            .contains(&"Individual".to_string())
    );
    assert_eq!(cb.revision, before.0.revision + 1);
    assert_eq!(spans(&ws, "alice", "d1")[0].label, "Individual");
    assert_eq!(spans(&ws, "bob", "d2")[0].label, "Individual");
    assert_all_valid(&ws);
    ws.undo().unwrap();
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn renaming_a_label_refuses_clashes_and_empty_names() {
    let (_t, ws) = workspace();
    let cb = &ws.project().codebook;
    for (from, to) in [
        ("Person", "Stance"),
        ("Person", "  "),
        ("Nope", "X"),
        ("Person", "Person"),
    ] {
        assert!(
            matches!(rename_label_tx(cb, from, to), Err(EditError::Invalid(_))),
            "{from} -> {to}"
        );
    }
}

#[test]
fn deleting_a_label_removes_its_spans_and_links_to_them_and_undoes() {
    let (_t, mut ws) = workspace();
    let before = snapshot(&ws);
    let change = delete_label(&ws, "Person").unwrap();
    assert_eq!(
        (change.removed, change.changed),
        (2, 1),
        "two Person spans, one stance linked"
    );
    assert!(change.touches_spans());
    ws.apply(change.tx).unwrap();
    assert!(ws.project().codebook.label("Person").is_none());
    let holder = &ws
        .project()
        .codebook
        .label("Stance")
        .unwrap()
        .role("holder")
        .unwrap()
        .targets;
    assert!(!holder.contains(&"Person".to_string()));
    let alice = spans(&ws, "alice", "d1");
    assert_eq!(alice.len(), 1);
    assert!(alice[0].links.is_empty(), "the stance lost its holder");
    assert_eq!(
        alice[0].attrs.get("polarity").map(String::as_str),
        Some("oppose")
    );
    assert!(spans(&ws, "bob", "d2").is_empty());
    assert_all_valid(&ws);
    ws.undo().unwrap();
    assert_eq!(snapshot(&ws), before);
    ws.redo().unwrap();
    assert!(spans(&ws, "bob", "d2").is_empty());
}

#[test]
fn deleting_a_link_target_label_unlinks_and_undoes() {
    let (_t, mut ws) = workspace();
    let key = SetKey::new("alice", "d2");
    let mut a = Span::new(SpanId(1), 0, 6, "Stance");
    let mut b = Span::new(SpanId(2), 7, 11, "Stance");
    let holder = Span::new(SpanId(3), 12, 18, "Person");
    let event = Span::new(SpanId(4), 19, 26, "Event");
    a.add_link("target", SpanId(4));
    b.add_link("target", SpanId(4));
    b.add_link("holder", SpanId(3));
    ws.apply(Transaction::new(
        "setup",
        [holder, event, a, b]
            .into_iter()
            .map(|span| Edit::PutSpan {
                key: key.clone(),
                span,
            })
            .collect(),
    ))
    .unwrap();
    let before = snapshot(&ws);
    let change = delete_label(&ws, "Event").unwrap();
    assert_eq!((change.removed, change.changed), (1, 2));
    ws.apply(change.tx).unwrap();
    assert_all_valid(&ws);
    let b_after = spans(&ws, "alice", "d2")
        .into_iter()
        .find(|s| s.id == SpanId(2))
        .unwrap();
    assert_eq!(b_after.links.len(), 1, "the holder link survives");
    ws.undo().unwrap();
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn a_codebook_change_that_drops_values_trims_spans_and_undoes() {
    let (_t, mut ws) = workspace();
    let before = snapshot(&ws);
    let mut cb = ws.project().codebook.clone();
    let stance = cb.label_mut("Stance").unwrap();
    stance.attributes[0].kind = AttributeKind::Closed(vec!["support".into(), "neutral".into()]);
    stance.roles.retain(|r| r.name != "holder");
    let change = change_codebook(&ws, cb, "Edit Stance").unwrap();
    assert_eq!((change.removed, change.changed), (0, 1));
    ws.apply(change.tx).unwrap();
    let stance = &spans(&ws, "alice", "d1")[1];
    assert!(stance.attrs.is_empty() && stance.links.is_empty());
    assert_all_valid(&ws);
    ws.undo().unwrap();
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn a_plain_codebook_change_touches_no_span_and_conflicting_keys_are_refused() {
    let (_t, ws) = workspace();
    let mut cb = ws.project().codebook.clone();
    cb.label_mut("Location").unwrap().color = crate::model::Color([1, 2, 3]);
    let change = change_codebook(&ws, cb.clone(), "Recolour").unwrap();
    assert!(!change.touches_spans());
    assert_eq!(change.tx.edits.len(), 1);
    cb.label_mut("Location").unwrap().key = Some('P');
    let err = change_codebook(&ws, cb, "Key").unwrap_err();
    assert!(err.to_string().contains("used twice"), "{err}");
}

#[test]
fn renaming_values_attributes_and_roles_follows_in_spans_and_undoes() {
    let (_t, mut ws) = workspace();
    let before = snapshot(&ws);
    let c = rename_attribute_value(&ws, "Stance", "polarity", "oppose", "against").unwrap();
    assert_eq!(c.changed, 1);
    ws.apply(c.tx).unwrap();
    let c = rename_attribute(&ws, "Stance", "polarity", "direction").unwrap();
    ws.apply(c.tx).unwrap();
    let c = rename_role(&ws, "Stance", "holder", "source").unwrap();
    ws.apply(c.tx).unwrap();
    let stance = &spans(&ws, "alice", "d1")[1];
    assert_eq!(
        stance.attrs.get("direction").map(String::as_str),
        Some("against")
    );
    assert_eq!(stance.targets("source"), &[SpanId(1)]);
    assert_all_valid(&ws);
    for _ in 0..3 {
        ws.undo().unwrap();
    }
    assert_eq!(snapshot(&ws), before);
    assert!(rename_attribute_value(&ws, "Stance", "polarity", "oppose", "support").is_err());
    assert!(rename_attribute_value(&ws, "Stance", "topic", "a", "b").is_err());
    assert!(rename_role(&ws, "Stance", "holder", "target").is_err());
}

#[test]
fn adding_and_updating_actors_refuses_ambiguous_names() {
    let (_t, ws) = workspace();
    let reg = &ws.project().actors;
    let (id, tx) = add_actor_tx(reg, " Donald Trump ", ActorKind::Person).unwrap();
    assert!(reg.get(id).is_none(), "a new id");
    assert_eq!(id.to_string().len(), 26, "a ULID");
    assert!(matches!(&tx.edits[0], Edit::PutActor(a) if a.name == "Donald Trump"));
    assert!(add_actor_tx(reg, "maduro", ActorKind::Person).is_err());
    assert!(add_actor_tx(reg, "", ActorKind::Person).is_err());
    let mut guaido = reg.get(ActorId(2)).unwrap().clone();
    guaido.aliases.push("Maduro".into());
    assert!(update_actor_tx(reg, guaido.clone(), "Alias").is_err());
    guaido.aliases = vec![
        " Guaido ".into(),
        "guaido".into(),
        "".into(),
        "juan guaido".into(),
        "Guaidó".into(),
    ];
    let tx = update_actor_tx(reg, guaido, "Alias").unwrap();
    assert!(matches!(&tx.edits[0], Edit::PutActor(a) if a.aliases == ["Guaido", "Guaidó"]));
}

#[test]
fn merging_actors_repoints_every_mention_and_undoes() {
    let (_t, mut ws) = workspace();
    let (new, add) =
        add_actor_tx(&ws.project().actors, "President Maduro", ActorKind::Person).unwrap();
    ws.apply(add).unwrap();
    let before = snapshot(&ws);
    let (tx, moved) = merge_actors_tx(&ws, new, ActorId(1)).unwrap();
    assert_eq!(moved, 2);
    ws.apply(tx).unwrap();
    let reg = &ws.project().actors;
    assert!(reg.get(ActorId(1)).is_none());
    assert_eq!(reg.get(new).unwrap().aliases, ["Nicolas Maduro", "Maduro"]);
    assert_eq!(spans(&ws, "alice", "d1")[0].actor, Some(new));
    assert_eq!(spans(&ws, "bob", "d2")[0].actor, Some(new));
    assert_eq!(actor_mention_counts(&ws).get(&new), Some(&2));
    assert_all_valid(&ws);
    ws.undo().unwrap();
    assert_eq!(snapshot(&ws), before);
    assert!(merge_actors_tx(&ws, ActorId(1), ActorId(1)).is_err());
    assert!(merge_actors_tx(&ws, ActorId(1), ActorId(9)).is_err());
}

#[test]
fn deleting_an_actor_unlinks_its_mentions() {
    let (_t, mut ws) = workspace();
    let (tx, unlinked) = delete_actor_tx(&ws, ActorId(1)).unwrap();
    assert_eq!(unlinked, 2);
    ws.apply(tx).unwrap();
    assert!(
        ws.loaded_sets()
            .flat_map(|s| &s.spans)
            .all(|s| s.actor.is_none())
    );
    assert_eq!(spans(&ws, "bob", "d2").len(), 1, "the span itself stays");
    assert_all_valid(&ws);
}

#[test]
fn finding_mentions_skips_covered_occurrences_and_prefers_long_names() {
    let (_t, ws) = workspace();
    let maduro = ws.project().actors.get(ActorId(1)).unwrap();
    let cb = &ws.project().codebook;
    let alice = ws.set(&SetKey::new("alice", "d1"));
    let found = find_mentions(D1, "d1", maduro, alice, cb);
    assert_eq!(
        found.len(),
        1,
        "'Nicolas Maduro' is tagged already: {found:?}"
    );
    assert_eq!(
        (found[0].start, found[0].end, found[0].matched.as_str()),
        (38, 44, "Maduro")
    );
    assert_eq!(found[0].before, "Nicolas Maduro calls Guaido a puppet. ");
    assert!(found[0].after.starts_with(" spoke in Caracas."));
    let untagged = find_mentions(D1, "d1", maduro, None, cb);
    assert_eq!(
        untagged
            .iter()
            .map(|s| (s.start, s.end))
            .collect::<Vec<_>>(),
        [(0, 14), (38, 44)],
        "the full name wins over its alias"
    );
    let guaido = ws.project().actors.get(ActorId(2)).unwrap();
    let bob = ws.set(&SetKey::new("bob", "d2"));
    assert_eq!(find_mentions(D2, "d2", guaido, bob, cb).len(), 1);
    let found = find_mentions(D2, "d2", maduro, bob, cb);
    assert!(found.is_empty(), "bob tagged Maduro in d2");
}

#[test]
fn accepting_mentions_creates_actor_spans_once_and_undoes() {
    let (_t, mut ws) = workspace();
    let maduro = ws.project().actors.get(ActorId(1)).unwrap().clone();
    assert_eq!(mention_label(&ws, &maduro).as_deref(), Some("Person"));
    let key = SetKey::new("bob", "d1");
    let found = find_mentions(D1, "d1", &maduro, ws.set(&key), &ws.project().codebook);
    assert_eq!(found.len(), 2);
    let before = snapshot(&ws);
    let tx = accept_mentions_tx(&ws, "bob", "Person", &found).unwrap();
    assert_eq!(tx.label, "Accept 2 mentions");
    ws.apply(tx).unwrap();
    let bob = spans(&ws, "bob", "d1");
    assert_eq!(bob.len(), 2);
    assert!(
        bob.iter()
            .all(|s| s.actor == Some(ActorId(1)) && s.label == "Person")
    );
    assert_ne!(bob[0].id, bob[1].id);
    assert_all_valid(&ws);
    assert!(
        accept_mentions_tx(&ws, "bob", "Person", &found).is_err(),
        "already accepted"
    );
    ws.undo().unwrap();
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn accepting_a_mention_of_an_untagged_actor_span_sets_its_actor() {
    let (_t, mut ws) = workspace();
    let key = SetKey::new("bob", "d1");
    ws.apply(Transaction::single(
        "Tag",
        Edit::PutSpan {
            key: key.clone(),
            span: Span::new(SpanId(7), 38, 44, "Organization"),
        },
    ))
    .unwrap();
    let maduro = ws.project().actors.get(ActorId(1)).unwrap().clone();
    let found = find_mentions(D1, "d1", &maduro, ws.set(&key), &ws.project().codebook);
    let hit = found.iter().find(|s| s.start == 38).unwrap();
    assert_eq!(hit.existing, Some(SpanId(7)));
    ws.apply(accept_mentions_tx(&ws, "bob", "Person", std::slice::from_ref(hit)).unwrap())
        .unwrap();
    let bob = spans(&ws, "bob", "d1");
    assert_eq!(bob.len(), 1);
    assert_eq!(
        (bob[0].id, bob[0].label.as_str(), bob[0].actor),
        (SpanId(7), "Organization", Some(ActorId(1)))
    );
}

#[test]
fn mention_label_falls_back_to_the_kind() {
    let (_t, ws) = workspace();
    let russia = Actor {
        id: ActorId(9),
        name: "Russia".into(),
        kind: ActorKind::State,
        aliases: vec![],
        attributes: Default::default(),
    };
    assert_eq!(mention_label(&ws, &russia).as_deref(), Some("State"));
    let other = Actor {
        kind: ActorKind::Other,
        ..russia
    };
    assert_eq!(
        mention_label(&ws, &other).as_deref(),
        Some("Person"),
        "first actor label"
    );
}

/// The workspace with variables `genre` (single: news, opinion),
/// `topics` (multiple: war, economy, aid) and `sources` (number), and
/// alice's codes on d1 and bob's on d2.
fn coded_workspace() -> (tempfile::TempDir, Workspace) {
    use crate::model::{CodeValue, VariableDef, VariableKind};
    let (t, mut ws) = workspace();
    let mut cb = ws.project().codebook.clone();
    let var = |name: &str, kind, values: &[&str]| VariableDef {
        name: name.into(),
        kind,
        values: values.iter().map(|v| v.to_string()).collect(),
        key: None,
        description: String::new(),
    };
    cb.variables = vec![
        var("genre", VariableKind::Single, &["news", "opinion"]),
        var("topics", VariableKind::Multiple, &["aid", "economy", "war"]),
        var("sources", VariableKind::Number, &[]),
    ];
    ws.apply(Transaction::single("vars", Edit::SetCodebook(cb)))
        .unwrap();
    let code = |coder: &str, doc: &str, var: &str, value: CodeValue| Edit::SetCode {
        key: SetKey::new(coder, doc),
        variable: var.into(),
        value: Some(value),
    };
    let many = |vs: &[&str]| CodeValue::Many(vs.iter().map(|v| v.to_string()).collect());
    ws.apply(Transaction::new(
        "codes",
        vec![
            code("alice", "d1", "genre", CodeValue::Text("opinion".into())),
            code("alice", "d1", "topics", many(&["economy", "war"])),
            code("alice", "d1", "sources", CodeValue::Number(2.0)),
            code("bob", "d2", "topics", many(&["war"])),
        ],
    ))
    .unwrap();
    (t, ws)
}

fn all_codes(ws: &Workspace) -> Vec<std::collections::BTreeMap<String, crate::model::CodeValue>> {
    ws.loaded_sets().map(|s| s.codes.clone()).collect()
}

#[test]
fn removing_a_variable_or_a_value_clears_or_trims_codes_and_undoes() {
    use crate::model::CodeValue;
    let (_t, mut ws) = coded_workspace();
    let before = (ws.project().codebook.clone(), all_codes(&ws));
    let mut cb = ws.project().codebook.clone();
    cb.variables.retain(|v| v.name != "genre");
    cb.variables[0].values.retain(|v| v != "war");
    let change = change_codebook(&ws, cb, "Edit variables").unwrap();
    // genre of alice; topics of alice (trimmed) and of bob (cleared).
    assert_eq!(change.codes_lost, 3);
    assert!(change.touches_spans());
    ws.apply(change.tx).unwrap();
    assert_all_valid(&ws);
    let alice = ws.set(&SetKey::new("alice", "d1")).unwrap();
    assert_eq!(alice.codes.get("genre"), None);
    assert_eq!(
        alice.codes.get("topics"),
        Some(&CodeValue::Many(vec!["economy".into()]))
    );
    assert_eq!(alice.codes.get("sources"), Some(&CodeValue::Number(2.0)));
    let bob = ws.set(&SetKey::new("bob", "d2")).unwrap();
    assert!(bob.codes.is_empty());
    ws.undo().unwrap();
    assert_eq!((ws.project().codebook.clone(), all_codes(&ws)), before);
}

#[test]
fn renaming_a_variable_or_a_value_carries_the_codes_along() {
    use crate::model::CodeValue;
    let (_t, mut ws) = coded_workspace();
    let before = all_codes(&ws);
    let change = rename_variable(&ws, "topics", "themes").unwrap();
    assert_eq!(change.codes_lost, 0);
    ws.apply(change.tx).unwrap();
    let change = rename_variable_value(&ws, "themes", "war", "armed conflict").unwrap();
    ws.apply(change.tx).unwrap();
    assert_all_valid(&ws);
    let alice = ws.set(&SetKey::new("alice", "d1")).unwrap();
    assert_eq!(alice.codes.get("topics"), None);
    assert_eq!(
        alice.codes.get("themes"),
        Some(&CodeValue::Many(vec![
            "armed conflict".into(),
            "economy".into()
        ]))
    );
    assert!(rename_variable(&ws, "themes", "genre").is_err(), "taken");
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(all_codes(&ws), before);
}

#[test]
fn a_kind_change_keeps_what_still_fits() {
    use crate::model::{CodeValue, VariableKind};
    let (_t, mut ws) = coded_workspace();
    let mut cb = ws.project().codebook.clone();
    cb.variables[0].kind = VariableKind::Multiple;
    cb.variables[2].kind = VariableKind::Text;
    let change = change_codebook(&ws, cb, "Kinds").unwrap();
    ws.apply(change.tx).unwrap();
    assert_all_valid(&ws);
    let alice = ws.set(&SetKey::new("alice", "d1")).unwrap();
    assert_eq!(
        alice.codes.get("genre"),
        Some(&CodeValue::Many(vec!["opinion".into()]))
    );
    assert_eq!(
        alice.codes.get("sources"),
        Some(&CodeValue::Text("2".into()))
    );
}
