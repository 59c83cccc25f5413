//! Unit tests of the workspace: invariants enforced, all-or-nothing
//! transactions, undo/redo, derived modified state, saving.

use super::*;
use crate::model::{Actor, ActorId, ActorKind, Span, SpanId, Status};
use crate::store::ProjectDir;
use crate::test_fixture::one_document;

fn workspace() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::new(one_document(tmp.path()));
    ws.load(&key()).unwrap();
    ws.save().unwrap();
    (tmp, ws)
}

fn key() -> SetKey {
    SetKey::new("alice", "d1")
}

fn put(span: Span) -> Transaction {
    Transaction::single("Tag", Edit::PutSpan { key: key(), span })
}

#[test]
fn invalid_spans_are_refused_and_change_nothing() {
    let (_t, mut ws) = workspace();
    for bad in [
        Span::new(SpanId(1), 5, 5, "Person"),
        Span::new(SpanId(1), 0, 100, "Person"),
        Span::new(SpanId(1), 0, 6, "NoSuchLabel"),
    ] {
        assert!(matches!(ws.apply(put(bad)), Err(EditError::Invalid(_))));
    }
    let mut with_actor = Span::new(SpanId(1), 0, 6, "Person");
    with_actor.actor = Some(ActorId(99));
    assert_eq!(
        ws.apply(put(with_actor)),
        Err(EditError::NoSuchActor(ActorId(99)))
    );
    assert!(ws.set(&key()).unwrap().spans.is_empty());
    assert!(!ws.is_modified());
}

#[test]
fn links_must_point_to_allowed_labels() {
    let (_t, mut ws) = workspace();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.apply(put(Span::new(SpanId(2), 22, 28, "Location")))
        .unwrap();
    let mut stance = Span::new(SpanId(3), 7, 28, "Stance");
    stance.add_link("holder", SpanId(2));
    assert!(
        ws.apply(put(stance.clone())).is_err(),
        "a Location cannot hold a stance"
    );
    stance.remove_link("holder", SpanId(2));
    stance.add_link("holder", SpanId(1));
    ws.apply(put(stance)).unwrap();
}

#[test]
fn failed_transaction_rolls_back_earlier_edits() {
    let (_t, mut ws) = workspace();
    let tx = Transaction::new(
        "Two",
        vec![
            Edit::PutSpan {
                key: key(),
                span: Span::new(SpanId(1), 0, 6, "Person"),
            },
            Edit::PutSpan {
                key: key(),
                span: Span::new(SpanId(2), 0, 99, "Person"),
            },
        ],
    );
    assert!(ws.apply(tx).is_err());
    assert!(ws.set(&key()).unwrap().spans.is_empty());
    assert!(ws.history().undo_label().is_none());
}

#[test]
fn undo_redo_and_saved_revision() {
    let (_t, mut ws) = workspace();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.apply(Transaction::single(
        "Done",
        Edit::SetStatus {
            key: key(),
            status: Status::Done,
        },
    ))
    .unwrap();
    assert!(ws.is_modified());
    ws.save().unwrap();
    assert!(!ws.is_modified());
    assert_eq!(ws.undo().unwrap().as_deref(), Some("Done"));
    assert!(ws.is_modified());
    // The tag started the set; undoing "Done" goes back to that.
    assert_eq!(ws.set(&key()).unwrap().status, Status::InProgress);
    assert_eq!(ws.redo().unwrap().as_deref(), Some("Done"));
    assert!(!ws.is_modified(), "back at the saved revision");
    assert_eq!(ws.undo().unwrap().as_deref(), Some("Done"));
    assert_eq!(ws.undo().unwrap().as_deref(), Some("Tag"));
    assert_eq!(ws.undo().unwrap(), None);
    assert!(ws.set(&key()).unwrap().spans.is_empty());
    assert_eq!(ws.set(&key()).unwrap().status, Status::NotStarted);
    // A new edit after undo drops the redo branch.
    ws.apply(put(Span::new(SpanId(5), 7, 12, "Stance")))
        .unwrap();
    assert_eq!(ws.redo().unwrap(), None);
}

#[test]
fn removing_a_span_removes_links_to_it_and_undo_restores_both() {
    let (_t, mut ws) = workspace();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    let mut stance = Span::new(SpanId(2), 7, 28, "Stance");
    stance.add_link("holder", SpanId(1));
    ws.apply(put(stance)).unwrap();
    let tx = ws.remove_span_tx(&key(), SpanId(1)).unwrap();
    ws.apply(tx).unwrap();
    let set = ws.set(&key()).unwrap();
    assert_eq!(set.spans.len(), 1);
    assert!(set.spans[0].links.is_empty());
    ws.undo().unwrap();
    let set = ws.set(&key()).unwrap();
    assert_eq!(set.span(SpanId(2)).unwrap().targets("holder"), &[SpanId(1)]);
}

#[test]
fn save_writes_sets_and_project_that_reload_equal() {
    let (tmp, mut ws) = workspace();
    let mut s = Span::new(SpanId(1), 0, 6, "Person");
    s.actor = Some(ActorId(1));
    ws.apply(put(s)).unwrap();
    ws.apply(Transaction::single(
        "Add actor",
        Edit::PutActor(Actor {
            id: ActorId(2),
            name: "Juan Guaido".into(),
            kind: ActorKind::Person,
            aliases: vec![],
            attributes: Default::default(),
        }),
    ))
    .unwrap();
    ws.save().unwrap();
    let reopened = ProjectDir::open(tmp.path()).unwrap();
    assert_eq!(&reopened.project, ws.project());
    assert_eq!(
        reopened.load_set("alice", "d1").unwrap().as_ref(),
        ws.set(&key())
    );
}

#[test]
fn renaming_a_label_renames_spans_and_undo_restores() {
    let (_t, mut ws) = workspace();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    let mut cb = ws.project().codebook.clone();
    cb.label_mut("Person").unwrap().name = "Individual".into();
    for (_, l) in cb.clone().labels() {
        for (ri, r) in l.roles.iter().enumerate() {
            if r.targets.iter().any(|t| t == "Person") {
                let label = cb.label_mut(&l.name).unwrap();
                for t in &mut label.roles[ri].targets {
                    if t == "Person" {
                        *t = "Individual".into();
                    }
                }
            }
        }
    }
    ws.apply(Transaction::new(
        "Rename label",
        vec![
            Edit::SetCodebook(cb),
            Edit::RenameLabelInSpans {
                from: "Person".into(),
                to: "Individual".into(),
            },
        ],
    ))
    .unwrap();
    assert_eq!(ws.set(&key()).unwrap().spans[0].label, "Individual");
    ws.undo().unwrap();
    assert_eq!(ws.set(&key()).unwrap().spans[0].label, "Person");
    assert!(ws.project().codebook.label("Person").is_some());
}

#[test]
fn files_changed_by_someone_else_are_not_clobbered() {
    let (_t, mut ws) = workspace();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.save().unwrap();
    // Another window (same coder) saves its own version meanwhile.
    let mut theirs = ws.set(&key()).unwrap().clone();
    theirs.put(Span::new(SpanId(9), 13, 19, "Person"));
    ws.dir().save_set(&theirs).unwrap();
    ws.apply(put(Span::new(SpanId(2), 22, 28, "Location")))
        .unwrap();
    let err = ws.save().unwrap_err();
    let crate::store::StoreError::ChangedOnDisk { kept, .. } = err else {
        panic!("expected ChangedOnDisk, got {err:?}");
    };
    assert_eq!(
        ws.dir().load_set("alice", "d1").unwrap(),
        Some(theirs.clone()),
        "theirs untouched"
    );
    assert!(
        std::fs::read_to_string(&kept).unwrap().contains("Location"),
        "ours kept"
    );
    assert!(ws.is_modified());
    ws.reload_set(&key()).unwrap();
    assert_eq!(ws.set(&key()), Some(&theirs));
}

#[test]
fn unsaved_edits_survive_a_crash_and_come_back_as_one_undoable_step() {
    let (tmp, mut ws) = workspace();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.save().unwrap();
    ws.apply(put(Span::new(SpanId(2), 13, 19, "Person")))
        .unwrap();
    let mut stance = Span::new(SpanId(3), 7, 28, "Stance");
    stance.add_link("holder", SpanId(1));
    stance.add_link("target", SpanId(2));
    ws.apply(put(stance)).unwrap();
    let tx = ws.remove_span_tx(&key(), SpanId(1)).unwrap();
    ws.apply(tx).unwrap();
    assert_eq!(ws.write_recovery().unwrap(), 1);
    let expected = ws.set(&key()).unwrap().clone();
    drop(ws); // the crash: nothing saved

    let mut again = Workspace::new(ProjectDir::open(tmp.path()).unwrap());
    assert_eq!(again.recoverable(), vec![key()]);
    again.recover(&again.recoverable()).unwrap();
    assert_eq!(again.set(&key()), Some(&expected));
    assert!(again.is_modified());
    again.undo().unwrap();
    assert_eq!(
        again.set(&key()).unwrap().spans.len(),
        1,
        "undo returns to the saved state"
    );
    again.redo().unwrap();
    again.save().unwrap();
    assert!(
        again.recoverable().is_empty(),
        "a clean save removes the mirror"
    );
}

#[test]
fn saving_removes_only_the_saved_sets_mirror() {
    let (tmp, mut ws) = workspace();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.write_recovery().unwrap();
    // Another coder's window has unsaved edits mirrored too.
    let other = tmp.path().join(RECOVERY_DIR).join("bob/d1.ron");
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    std::fs::write(&other, "(document: \"d1\", coder: \"bob\")").unwrap();
    ws.save().unwrap();
    assert!(!tmp.path().join(RECOVERY_DIR).join("alice/d1.ron").exists());
    assert!(other.exists(), "bob's mirror is not ours to remove");
    ws.discard_recovery("bob");
    assert!(!other.exists());
}

#[test]
fn unsaved_registry_and_codebook_edits_are_recovered_too() {
    let (tmp, mut ws) = workspace();
    ws.apply(Transaction::single(
        "Add actor",
        Edit::PutActor(Actor {
            id: ActorId(2),
            name: "Juan Guaido".into(),
            kind: ActorKind::Person,
            aliases: vec![],
            attributes: Default::default(),
        }),
    ))
    .unwrap();
    let mut cb = ws.project().codebook.clone();
    cb.label_mut("Person").unwrap().key = Some('x');
    ws.apply(Transaction::single("Key", Edit::SetCodebook(cb.clone())))
        .unwrap();
    let mut s = Span::new(SpanId(1), 13, 19, "Person");
    s.actor = Some(ActorId(2));
    ws.apply(put(s)).unwrap();
    ws.write_recovery().unwrap();
    drop(ws); // crash

    let mut again = Workspace::new(ProjectDir::open(tmp.path()).unwrap());
    assert!(again.recoverable_project());
    let keys = again.recoverable();
    again.recover(&keys).unwrap();
    assert_eq!(
        again
            .project()
            .actors
            .get(ActorId(2))
            .map(|a| a.name.as_str()),
        Some("Juan Guaido")
    );
    assert_eq!(again.project().codebook, cb);
    assert_eq!(again.set(&key()).unwrap().spans[0].actor, Some(ActorId(2)));
    again.undo().unwrap();
    assert!(
        again.project().actors.get(ActorId(2)).is_none(),
        "one undoable step"
    );
    again.redo().unwrap();
    again.save().unwrap();
    assert!(!again.recoverable_project());
}

/// Whatever puts the first span into a not-started set (tagging, accepting
/// a suggestion or a mention, adjudicating into gold) starts it; a
/// transaction that sets a status itself keeps that status.
#[test]
fn the_first_span_puts_a_set_in_progress() {
    let (_t, mut ws) = workspace();
    ws.load(&key()).unwrap();
    assert_eq!(ws.set(&key()).unwrap().status, Status::NotStarted);
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    assert_eq!(ws.set(&key()).unwrap().status, Status::InProgress);
    ws.undo().unwrap();
    assert_eq!(ws.set(&key()).unwrap().status, Status::NotStarted);
    let done = Transaction::new(
        "Import and finish",
        vec![
            Edit::PutSpan {
                key: key(),
                span: Span::new(SpanId(1), 0, 6, "Person"),
            },
            Edit::SetStatus {
                key: key(),
                status: Status::Done,
            },
        ],
    );
    ws.apply(done).unwrap();
    assert_eq!(ws.set(&key()).unwrap().status, Status::Done);
}

/// Opening a set as a new coder leaves nothing unsaved; the coder joins
/// `project.ron` with their first saved set.
#[test]
fn a_new_coder_joins_the_project_with_the_first_save() {
    let (_t, mut ws) = workspace();
    let dana = SetKey::new("dana", "d1");
    ws.load(&dana).unwrap();
    assert!(!ws.is_modified(), "looking is not editing");
    assert!(!ws.project().coders.contains(&"dana".to_string()));
    ws.apply(Transaction::single(
        "Tag",
        Edit::PutSpan {
            key: dana.clone(),
            span: Span::new(SpanId(1), 0, 6, "Person"),
        },
    ))
    .unwrap();
    ws.save().unwrap();
    assert!(ws.project().coders.contains(&"dana".to_string()));
    let on_disk = ProjectDir::open(ws.dir().root()).unwrap();
    assert!(on_disk.project.coders.contains(&"dana".to_string()));
}
