//! The session without a window: opening, switching coder and document,
//! the read-only rule, autosave timing, importing, and recovery.

use super::*;
use crate::agreement::fixture::two_coders;
use crate::edit::spans;
use crate::model::{SpanId, Status};

/// A session as `coder` on the two-coder fixture project.
fn open(root: &Path, coder: &str) -> Session {
    two_coders(root);
    Session::open(root, coder).unwrap()
}

/// A session that cannot write its lock (a folder stands where the lock
/// file goes), so it is read-only.
fn open_read_only(root: &Path) -> Session {
    two_coders(root);
    std::fs::create_dir_all(root.join("annotations").join("carol").join(".lock")).unwrap();
    Session::open(root, "carol").unwrap()
}

#[test]
fn opening_shows_the_first_document_with_the_coders_set() {
    let tmp = tempfile::tempdir().unwrap();
    let s = open(tmp.path(), "alice");
    let d = s.document().expect("a document is open");
    assert_eq!(d.key, SetKey::new("alice", "d"));
    assert_eq!(d.text, crate::agreement::fixture::TEXT);
    assert_eq!(s.ws().set(&d.key).unwrap().spans.len(), 4);
    assert!(s.holds_lock() && !s.is_read_only());
}

#[test]
fn every_opening_gets_a_new_serial_so_views_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = open(tmp.path(), "alice");
    let first = s.document().unwrap().serial;
    s.open_document("d").unwrap();
    let again = s.document().unwrap().serial;
    assert!(again > first, "reopening the same document is news too");
    s.set_coder("bob").unwrap();
    let d = s.document().unwrap();
    assert_eq!(
        d.key,
        SetKey::new("bob", "d"),
        "the same document, bob's set"
    );
    assert!(d.serial > again);
    assert!(s.set_coder("../x").is_err());
}

#[test]
fn edits_go_through_apply_and_undo() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = open(tmp.path(), "carol");
    let key = s.key().unwrap().clone();
    let (tx, id) = spans::tag(s.ws(), &key, 0..6, "Person", "Maduro").unwrap();
    s.apply(tx).unwrap();
    assert_eq!(id, SpanId(1));
    let set = s.ws().set(&key).unwrap();
    assert_eq!(set.status, Status::InProgress);
    assert!(s.ws().is_modified());
    assert_eq!(s.undo().unwrap().as_deref(), Some("Tag Person"));
    assert!(!s.ws().is_modified(), "back to what is saved");
    assert!(s.redo().unwrap().is_some());
    // carol's set only: her folder is what makes her a coder (project.ron
    // lists no coders, so coders on two machines never touch it).
    assert_eq!(s.save().unwrap(), 1);
    assert!(
        ProjectDir::open(tmp.path())
            .unwrap()
            .project
            .coders
            .contains(&"carol".to_string())
    );
    assert_eq!(s.save_pending().unwrap(), 0, "nothing left to write");
    let on_disk = ProjectDir::open(tmp.path())
        .unwrap()
        .load_set("carol", "d")
        .unwrap()
        .unwrap();
    assert_eq!(on_disk.spans.len(), 1);
}

#[test]
fn a_read_only_session_refuses_every_change_but_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = open_read_only(tmp.path());
    assert!(s.is_read_only());
    assert!(s.lock_error.is_some());
    let key = s.key().unwrap().clone();
    let tx = spans::set_status(&key, Status::Done);
    assert_eq!(s.apply(tx), Err(READ_ONLY.to_string()));
    assert_eq!(s.undo(), Err(READ_ONLY.to_string()));
    assert_eq!(s.redo(), Err(READ_ONLY.to_string()));
    assert_eq!(s.save(), Err(READ_ONLY.to_string()));
    assert_eq!(s.save_pending(), Ok(0), "nothing to save is not an error");
    let article = tmp.path().join("new.txt");
    std::fs::write(&article, "A new article about Caracas.").unwrap();
    assert_eq!(
        s.import_articles(&[article]).unwrap_err(),
        READ_ONLY.to_string()
    );
    assert_eq!(
        ProjectDir::open(tmp.path())
            .unwrap()
            .project
            .documents
            .len(),
        1
    );
    // Reading still works: other sets load, documents open.
    s.ensure_loaded(&SetKey::new("bob", "d")).unwrap();
    assert!(s.ws().set(&SetKey::new("bob", "d")).is_some());
    s.open_document("d").unwrap();
    assert!(
        !s.autosave_due(100.0),
        "a read-only session never autosaves"
    );
}

#[test]
fn autosave_waits_for_edits_to_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = open(tmp.path(), "alice");
    assert!(!s.autosave_due(0.0), "nothing changed");
    let key = s.key().unwrap().clone();
    s.apply(spans::set_status(&key, Status::InProgress))
        .unwrap();
    assert!(!s.autosave_due(10.0), "the clock starts at the edit");
    assert_eq!(
        s.autosave_in(10.0 + AUTOSAVE_DELAY / 2.0),
        Some(AUTOSAVE_DELAY / 2.0)
    );
    assert!(!s.autosave_due(10.0 + AUTOSAVE_DELAY / 2.0));
    assert!(s.autosave_due(10.0 + AUTOSAVE_DELAY));
    // The recovery mirror comes first, after a shorter rest.
    assert!(s.write_recovery_if_due(10.0 + RECOVERY_DELAY).unwrap());
    assert!(
        !s.write_recovery_if_due(10.0 + RECOVERY_DELAY + 1.0)
            .unwrap()
    );
}

#[test]
fn imported_articles_are_saved_and_shown_when_none_was_open() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    ProjectDir::create(&root, "p", crate::model::Codebook::default_media()).unwrap();
    let mut s = Session::open(&root, "alice").unwrap();
    assert!(s.document().is_none());
    let article = tmp.path().join("talks.txt");
    std::fs::write(&article, "Talks resume in Oslo\n\nThe two delegations met.").unwrap();
    let done = s.import_articles(std::slice::from_ref(&article)).unwrap();
    assert_eq!(done.report.imported.len(), 1);
    assert!(done.problems.is_empty(), "{:?}", done.problems);
    let id = &done.report.imported[0].id;
    assert_eq!(
        s.document().map(|d| d.key.document.as_str()),
        Some(id.as_str())
    );
    let reread = ProjectDir::open(&root).unwrap();
    assert_eq!(reread.project.documents.len(), 1);
    // Importing the same file again adds nothing.
    let again = s.import_articles(&[article]).unwrap();
    assert!(again.report.imported.is_empty());
}

#[test]
fn a_crashed_sessions_edits_are_offered_and_recovered() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let mut s = open(tmp.path(), "alice");
        let key = s.key().unwrap().clone();
        s.apply(spans::set_status(&key, Status::InProgress))
            .unwrap();
        s.autosave_due(0.0);
        assert!(s.write_recovery_if_due(RECOVERY_DELAY).unwrap());
        // Dropped without saving, as a crash would leave it.
    }
    let mut s = Session::open(tmp.path(), "alice").unwrap();
    let keys = s.recoverable();
    assert_eq!(keys, vec![SetKey::new("alice", "d")]);
    let before = s.document().unwrap().serial;
    s.recover(&keys).unwrap();
    assert_eq!(s.ws().set(&keys[0]).unwrap().status, Status::InProgress);
    assert!(s.document().unwrap().serial > before, "the view is rebuilt");
    // Reopening the document wrote the recovered edits; one undo takes
    // them back.
    let on_disk = ProjectDir::open(tmp.path())
        .unwrap()
        .load_set("alice", "d")
        .unwrap();
    assert_eq!(on_disk.map(|x| x.status), Some(Status::InProgress));
    assert!(s.ws().history().undo_label().is_some());
}

/// The last second of work: an edit is journaled before `apply` returns,
/// so a crash at once (no mirror written, nothing saved) loses nothing,
/// and the journal is gone once the edits are saved.
#[test]
fn an_edit_lost_before_the_mirror_is_offered_from_the_journal() {
    let tmp = tempfile::tempdir().unwrap();
    let key = SetKey::new("carol", "d");
    let edited = {
        let mut s = open(tmp.path(), "carol");
        let (tx, _) = spans::tag(s.ws(), &key, 0..6, "Person", "Maduro").unwrap();
        s.apply(tx).unwrap();
        s.ws().set(&key).unwrap().clone()
        // Dropped at once, as a crash would leave it.
    };
    let mut s = Session::open(tmp.path(), "carol").unwrap();
    assert_eq!(s.recoverable(), vec![key.clone()]);
    s.recover(std::slice::from_ref(&key)).unwrap();
    assert_eq!(s.ws().set(&key), Some(&edited));
    s.save().unwrap();
    let journal = tmp
        .path()
        .join(crate::store::RECOVERY_DIR)
        .join("carol")
        .join(crate::edit::JOURNAL_FILE);
    assert!(!journal.exists(), "saved: the journal is emptied");
    drop(s);
    let s = Session::open(tmp.path(), "carol").unwrap();
    assert!(s.recoverable().is_empty());
}

#[test]
fn a_text_changed_since_import_does_not_open() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = open(tmp.path(), "alice");
    // Someone edits the stored text: the offsets would point elsewhere.
    let path = tmp.path().join("documents/d.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("Breaking: {text}")).unwrap();
    let err = s.open_document("d").unwrap_err();
    assert!(err.contains("changed since import"), "{err}");
    assert_eq!(s.broken.as_ref().map(|b| b.id.as_str()), Some("d"));
    // Opening the project still works; the document is reported, not shown
    // with its spans misplaced.
    let again = Session::open(tmp.path(), "bob").unwrap();
    assert!(again.document().is_none());
    assert!(
        again
            .broken
            .as_ref()
            .unwrap()
            .error
            .contains("changed since import")
    );
}

#[test]
fn a_merge_is_previewed_read_only_but_applied_only_where_the_session_may_write() {
    let tmp = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    two_coders(other.path());
    // The other copy has a coder this project lacks.
    let from = other.path().join("annotations/alice/d.ron");
    let dave = other.path().join("annotations/dave");
    std::fs::create_dir_all(&dave).unwrap();
    std::fs::copy(&from, dave.join("d.ron")).unwrap();

    let mut s = open_read_only(tmp.path());
    let report = s.preview_merge(other.path()).unwrap();
    assert_eq!(report.summary(), "1 set copied");
    assert_eq!(s.merge_copy(other.path()), Err(READ_ONLY.to_string()));
    assert!(!tmp.path().join("annotations/dave").exists());
    drop(s);

    let mut s = Session::open(tmp.path(), "bob").unwrap();
    let report = s.merge_copy(other.path()).unwrap();
    assert_eq!(report.summary(), "1 set copied");
    let dir = ProjectDir::open(tmp.path()).unwrap();
    assert!(dir.load_set("dave", "d").unwrap().is_some());
}
