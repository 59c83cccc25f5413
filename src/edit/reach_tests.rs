//! Tests of the invariants the workspace enforces by itself: edits that
//! must reach every set load them or are refused, sets are loaded through
//! one path, and a refused edit marks nothing for saving.

use super::*;
use crate::model::{AnnotationSet, Span, SpanId};
use crate::store::ProjectDir;
use crate::suggestions::SUGGESTIONS_CODER;
use crate::test_fixture::{DOC, one_document};

/// A project whose sets of alice, bob and the suggestions each hold a
/// Person span saved on disk, and a workspace on it with nothing loaded.
fn unloaded() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = one_document(tmp.path());
    for coder in ["alice", "bob", SUGGESTIONS_CODER] {
        let mut set = AnnotationSet::new(DOC, coder);
        set.put(Span::new(SpanId(1), 0, 6, "Person"));
        let mut stance = Span::new(SpanId(2), 7, 28, "Stance");
        stance.add_link("holder", SpanId(1));
        set.put(stance);
        dir.save_set(&set).unwrap();
    }
    dir.add_coder("alice").unwrap();
    dir.save_project().unwrap();
    let ws = Workspace::new(ProjectDir::open(tmp.path()).unwrap());
    (tmp, ws)
}

/// The labels of `coder`'s spans as read back from disk.
fn labels_on_disk(root: &std::path::Path, coder: &str) -> Vec<String> {
    let dir = ProjectDir::open(root).unwrap();
    let set = dir.load_set_or_new(coder, DOC).unwrap();
    set.spans.iter().map(|s| s.label.clone()).collect()
}

#[test]
fn a_label_rename_reaches_sets_nobody_loaded() {
    let (tmp, mut ws) = unloaded();
    assert_eq!(ws.loaded_sets().count(), 0);
    let tx = rename_label_tx(&ws.project().codebook, "Person", "Individual").unwrap();
    ws.apply(tx).unwrap();
    ws.save().unwrap();
    for coder in ["alice", "bob", SUGGESTIONS_CODER] {
        let mut labels = labels_on_disk(tmp.path(), coder);
        labels.sort();
        assert_eq!(labels, ["Individual", "Stance"], "{coder}");
    }
    ws.undo().unwrap();
    ws.save().unwrap();
    assert!(labels_on_disk(tmp.path(), "bob").contains(&"Person".to_string()));
}

#[test]
fn a_codebook_change_computed_over_too_few_sets_is_refused() {
    let (tmp, mut ws) = unloaded();
    let before = ws.project().codebook.clone();
    // Computed with nothing loaded: it removes no span.
    let change = delete_label(&ws, "Person").unwrap();
    assert_eq!(change.removed, 0);
    let err = ws.apply(change.tx).unwrap_err();
    assert!(err.to_string().contains("6 spans"), "{err}");
    assert_eq!(ws.project().codebook, before);
    assert!(!ws.is_modified());
    assert_eq!(ws.save().unwrap(), 0, "nothing to write");
    assert_eq!(labels_on_disk(tmp.path(), "bob").len(), 2);
    // The workspace loaded every set to check; computed again, it applies.
    let change = delete_label(&ws, "Person").unwrap();
    assert_eq!(change.removed, 3);
    ws.apply(change.tx).unwrap();
    ws.save().unwrap();
    for coder in ["alice", "bob", SUGGESTIONS_CODER] {
        assert_eq!(labels_on_disk(tmp.path(), coder), ["Stance"], "{coder}");
    }
}

#[test]
fn a_codebook_change_that_takes_nothing_away_loads_nothing() {
    let (_tmp, mut ws) = unloaded();
    let mut cb = ws.project().codebook.clone();
    cb.label_mut("Person").unwrap().color = crate::model::Color([1, 2, 3]);
    let change = change_codebook(&ws, cb, "Recolour").unwrap();
    ws.apply(change.tx).unwrap();
    assert_eq!(ws.loaded_sets().count(), 0);
}

#[test]
fn an_edit_of_a_set_not_loaded_is_refused_and_marks_nothing() {
    let (_tmp, mut ws) = unloaded();
    let key = SetKey::new("alice", DOC);
    let err = ws
        .apply(Transaction::single(
            "Tag",
            Edit::PutSpan {
                key: key.clone(),
                span: Span::new(SpanId(9), 13, 19, "Person"),
            },
        ))
        .unwrap_err();
    assert!(matches!(err, EditError::SetNotLoaded { .. }));
    assert!(ws.dirty_sets.is_empty());
    assert_eq!(ws.write_recovery().unwrap(), 0);
    let err = ws
        .apply(Transaction::single(
            "Done",
            Edit::SetStatus {
                key,
                status: crate::model::Status::Done,
            },
        ))
        .unwrap_err();
    assert!(matches!(err, EditError::SetNotLoaded { .. }));
    assert!(ws.dirty_sets.is_empty());
}

#[test]
fn loading_twice_keeps_the_loaded_set_and_its_changes() {
    let (_tmp, mut ws) = unloaded();
    let fresh = SetKey::new("carol", DOC);
    assert!(ws.load(&fresh).unwrap().spans.is_empty());
    assert!(
        !ws.is_modified(),
        "looking at a new coder's set changes nothing"
    );
    assert_eq!(ws.save().unwrap(), 0);
    let key = SetKey::new("alice", DOC);
    assert_eq!(ws.load(&key).unwrap().spans.len(), 2);
    let tx = ws.remove_span_tx(&key, SpanId(1)).unwrap();
    ws.apply(tx).unwrap();
    assert_eq!(ws.load(&key).unwrap().spans.len(), 1, "not read again");
    assert_eq!(ws.load(&key).unwrap().spans.len(), 1);
}

#[test]
fn removing_spans_unlinks_both_ways_and_undoes_in_any_order() {
    let (_tmp, mut ws) = unloaded();
    let key = SetKey::new("alice", DOC);
    let set = ws.load(&key).unwrap().clone();
    let before = set.clone();
    for ids in [vec![SpanId(1)], vec![SpanId(2)], vec![SpanId(1), SpanId(2)]] {
        let ids: std::collections::BTreeSet<SpanId> = ids.into_iter().collect();
        let removal = remove_spans(&key, &set, &ids);
        assert_eq!(removal.remove.len(), ids.len());
        ws.apply(Transaction::new("Delete", removal.into_edits()))
            .unwrap();
        let now = ws.set(&key).unwrap();
        assert!(now.spans.iter().all(|s| !ids.contains(&s.id)));
        assert!(
            now.spans
                .iter()
                .all(|s| s.links.values().flatten().all(|t| !ids.contains(t)))
        );
        ws.undo().unwrap();
        assert_eq!(ws.set(&key), Some(&before));
    }
}

#[test]
fn dropping_a_variable_value_or_taking_many_away_reaches_unloaded_sets() {
    let (tmp, mut ws) = unloaded();
    // bob coded the genre on disk; nothing is loaded.
    let dir = ProjectDir::open(tmp.path()).unwrap();
    let mut set = dir.load_set("bob", DOC).unwrap().unwrap();
    set.codes.insert(
        "genre".into(),
        crate::model::CodeValue::Text("interview".into()),
    );
    dir.save_set(&set).unwrap();
    assert_eq!(ws.loaded_sets().count(), 0);
    // A bare codebook change that drops "interview" would leave bob's code
    // invalid on disk: it is refused, nothing changed.
    let mut cb = ws.project().codebook.clone();
    let genre = cb.variables.iter_mut().find(|v| v.name == "genre").unwrap();
    genre.values.retain(|v| v != "interview");
    let err = ws
        .apply(Transaction::single("Drop a value", Edit::SetCodebook(cb)))
        .unwrap_err();
    assert!(err.to_string().contains("no longer fit"), "{err}");
    assert!(
        ws.loaded_sets().count() > 0,
        "every set was loaded to check"
    );
    // So is a role that took many spans made to take one while a set links
    // two (alice's stance gets a second holder first).
    let key = SetKey::new("alice", DOC);
    let mut stance = ws.set(&key).unwrap().span(SpanId(2)).unwrap().clone();
    ws.apply(Transaction::single(
        "Person",
        Edit::PutSpan {
            key: key.clone(),
            span: Span::new(SpanId(3), 22, 28, "Person"),
        },
    ))
    .unwrap();
    stance.add_link("holder", SpanId(3));
    ws.apply(Transaction::single(
        "Second holder",
        Edit::PutSpan { key, span: stance },
    ))
    .unwrap();
    let mut cb = ws.project().codebook.clone();
    cb.label_mut("Stance").unwrap().roles[0].takes = crate::model::RoleArity::One;
    assert!(
        ws.apply(Transaction::single("One holder", Edit::SetCodebook(cb)))
            .is_err()
    );
}
