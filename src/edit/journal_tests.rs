//! Unit tests of the edit journal: every step is on disk when the call
//! returns, a crash's journal comes back through the recovery offer, a
//! torn last record is ignored, a save empties it.

use super::journal::read_records;
use super::*;
use crate::model::{Span, SpanId, Status};
use crate::store::ProjectDir;
use crate::test_fixture::one_document;
use std::path::{Path, PathBuf};

fn key() -> SetKey {
    SetKey::new("alice", "d1")
}

fn put(span: Span) -> Transaction {
    Transaction::single("Tag", Edit::PutSpan { key: key(), span })
}

/// A saved one-document project with alice journaling.
fn journaling() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::new(one_document(tmp.path()));
    ws.load(&key()).unwrap();
    ws.save().unwrap();
    ws.journal_to("alice");
    (tmp, ws)
}

fn journal_file(root: &Path) -> PathBuf {
    root.join(RECOVERY_DIR).join("alice").join(JOURNAL_FILE)
}

/// What the next session finds: the journal settled into mirrors, and the
/// sets offered for recovery.
fn reopen(root: &Path) -> (Workspace, usize) {
    let mut ws = Workspace::new(ProjectDir::open(root).unwrap());
    let replayed = ws.settle_journal("alice").unwrap();
    (ws, replayed)
}

#[test]
fn each_step_is_journaled_before_apply_returns_and_comes_back_after_a_crash() {
    let (tmp, mut ws) = journaling();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    let one = read_records(&std::fs::read(journal_file(tmp.path())).unwrap());
    assert_eq!(one.len(), 1, "on disk as soon as apply returned");
    assert_eq!(
        one[0].edits.last(),
        Some(&Edit::SetStatus {
            key: key(),
            status: Status::InProgress
        }),
        "recorded as applied, the status it started included"
    );
    let mut stance = Span::new(SpanId(3), 7, 28, "Stance");
    ws.apply(put(Span::new(SpanId(2), 13, 19, "Person")))
        .unwrap();
    stance.add_link("holder", SpanId(1));
    stance.add_link("target", SpanId(2));
    stance.note = "a note\nover two lines".into();
    ws.apply(put(stance)).unwrap();
    let tx = ws.remove_span_tx(&key(), SpanId(1)).unwrap();
    ws.apply(tx).unwrap();
    let expected = ws.set(&key()).unwrap().clone();
    drop(ws); // the crash: no mirror written, nothing saved

    let (mut again, replayed) = reopen(tmp.path());
    assert_eq!(replayed, 4);
    assert!(
        !journal_file(tmp.path()).exists(),
        "settled into the mirror"
    );
    assert_eq!(again.recoverable(), vec![key()]);
    again.recover(&again.recoverable()).unwrap();
    assert_eq!(again.set(&key()), Some(&expected));
    assert_eq!(again.history().undo_label(), Some("Recover unsaved edits"));
    again.undo().unwrap();
    assert!(again.set(&key()).unwrap().spans.is_empty(), "one step");
}

#[test]
fn a_torn_last_record_is_ignored() {
    let (tmp, mut ws) = journaling();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    let after_first = ws.set(&key()).unwrap().clone();
    ws.apply(put(Span::new(SpanId(2), 13, 19, "Person")))
        .unwrap();
    drop(ws);
    // Killed in the middle of writing the second record: every cut of it
    // leaves the first one, and recovery works.
    let path = journal_file(tmp.path());
    let whole = std::fs::read(&path).unwrap();
    let first_len = whole.iter().position(|&b| b == b'\n').unwrap() + 1;
    for cut in [first_len + 1, first_len + 20, whole.len() - 1] {
        // Each round starts from the crash: no mirror, the cut journal.
        let _ = std::fs::remove_dir_all(tmp.path().join(RECOVERY_DIR).join("alice"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &whole[..cut]).unwrap();
        let (mut again, replayed) = reopen(tmp.path());
        assert_eq!(replayed, 1, "cut at {cut}");
        again.recover(&again.recoverable()).unwrap();
        assert_eq!(again.set(&key()), Some(&after_first), "cut at {cut}");
    }
    // A session that appends to a journal with a torn tail (one that
    // could not be settled) cuts the tail off first.
    let (tmp, mut ws) = journaling();
    let path = journal_file(tmp.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &whole[..first_len + 20]).unwrap();
    ws.apply(put(Span::new(SpanId(5), 22, 28, "Location")))
        .unwrap();
    let records = read_records(&std::fs::read(&path).unwrap());
    assert_eq!(records.len(), 2, "the torn tail does not hide the new step");
}

#[test]
fn undo_and_redo_are_journaled() {
    let (tmp, mut ws) = journaling();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.apply(put(Span::new(SpanId(2), 13, 19, "Person")))
        .unwrap();
    ws.undo().unwrap();
    let undone = ws.set(&key()).unwrap().clone();
    assert_eq!(undone.spans.len(), 1);
    drop(ws);
    let (mut again, replayed) = reopen(tmp.path());
    assert_eq!(replayed, 3);
    again.recover(&again.recoverable()).unwrap();
    assert_eq!(again.set(&key()), Some(&undone), "the undo is kept");

    let (tmp, mut ws) = journaling();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.undo().unwrap();
    ws.redo().unwrap();
    let redone = ws.set(&key()).unwrap().clone();
    drop(ws);
    let (mut again, replayed) = reopen(tmp.path());
    assert_eq!(replayed, 3);
    again.recover(&again.recoverable()).unwrap();
    assert_eq!(again.set(&key()), Some(&redone), "the redo is kept");
}

#[test]
fn saving_empties_the_journal_and_later_steps_start_it_again() {
    let (tmp, mut ws) = journaling();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    assert!(journal_file(tmp.path()).exists());
    ws.save().unwrap();
    assert!(
        !journal_file(tmp.path()).exists(),
        "saved: nothing to recover"
    );
    let (again, replayed) = reopen(tmp.path());
    assert_eq!(replayed, 0);
    assert!(again.recoverable().is_empty());
    ws.apply(put(Span::new(SpanId(2), 13, 19, "Person")))
        .unwrap();
    let expected = ws.set(&key()).unwrap().clone();
    drop(ws);
    let (mut again, replayed) = reopen(tmp.path());
    assert_eq!(replayed, 1, "only the step after the save");
    again.recover(&again.recoverable()).unwrap();
    assert_eq!(again.set(&key()), Some(&expected));
}

#[test]
fn the_journal_is_replayed_on_top_of_an_older_mirror() {
    let (tmp, mut ws) = journaling();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.write_recovery().unwrap(); // the mirror a second later
    ws.apply(put(Span::new(SpanId(2), 13, 19, "Person")))
        .unwrap();
    let tx = ws.remove_span_tx(&key(), SpanId(1)).unwrap();
    ws.apply(tx).unwrap();
    let expected = ws.set(&key()).unwrap().clone();
    drop(ws);
    let (mut again, _) = reopen(tmp.path());
    again.recover(&again.recoverable()).unwrap();
    assert_eq!(again.set(&key()), Some(&expected));
}

#[test]
fn discarding_removes_the_journal_and_the_next_step_starts_a_new_one() {
    let (tmp, mut ws) = journaling();
    ws.apply(put(Span::new(SpanId(1), 0, 6, "Person"))).unwrap();
    ws.discard_recovery("alice");
    assert!(!journal_file(tmp.path()).exists());
    ws.apply(put(Span::new(SpanId(2), 13, 19, "Person")))
        .unwrap();
    let records = read_records(&std::fs::read(journal_file(tmp.path())).unwrap());
    assert_eq!(
        records.len(),
        1,
        "appended to a new file, not a removed one"
    );
}
