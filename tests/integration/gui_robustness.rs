//! The window never loses or clobbers work, driven through egui_kittest
//! against the real app on a temporary copy of the example project: the
//! coder's lock (read-only / open anyway / cancel, moved on coder switch,
//! released on close), crash recovery (restore / discard), files changed on
//! disk by someone else, restoring earlier versions from the File menu,
//! damaged annotation and project files, and saves that fail.

#![cfg(feature = "gui")]

use crate::util;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::edit::SetKey;
use newscoder::gui::NewscoderApp;
use newscoder::gui::actions::Action;
use newscoder::gui::commands::Command;
use newscoder::gui::modal::TitledText;
use newscoder::model::Status;
use newscoder::store::{LockHolder, to_ron};
use std::path::{Path, PathBuf};

use crate::util::app_harness as harness;

fn open(root: &Path, coder: &str) -> Harness<'static, NewscoderApp> {
    harness(NewscoderApp::new_for_project(root, coder).expect("the example opens"))
}

fn perform(h: &mut Harness<'_, NewscoderApp>, action: Action) {
    let ctx = h.ctx.clone();
    h.state_mut().perform(&ctx, action);
    h.run();
}

fn command(h: &mut Harness<'_, NewscoderApp>, c: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, c);
    h.run();
}

/// Lets `secs` of (egui) time pass.
fn wait(h: &mut Harness<'_, NewscoderApp>, secs: f64) {
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + secs);
    h.run();
}

fn current_key(h: &Harness<'_, NewscoderApp>) -> SetKey {
    h.state()
        .doc()
        .map(|d| d.key.clone())
        .expect("a document is open")
}

fn status_of(h: &Harness<'_, NewscoderApp>, key: &SetKey) -> Option<Status> {
    h.state()
        .session()
        .and_then(|s| s.ws().set(key))
        .map(|s| s.status)
}

fn status_text(h: &Harness<'_, NewscoderApp>) -> String {
    h.state()
        .status()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn set_file(root: &Path, key: &SetKey) -> PathBuf {
    root.join("annotations")
        .join(&key.coder)
        .join(format!("{}.ron", key.document))
}

fn lock_file(root: &Path, coder: &str) -> PathBuf {
    root.join("annotations").join(coder).join(".lock")
}

/// A lock held by a process on another machine (always respected).
fn foreign_lock(root: &Path, coder: &str) -> String {
    let holder = LockHolder {
        pid: 4242,
        host: "other-machine".into(),
        since: 1_700_000_000,
    };
    let path = lock_file(root, coder);
    let text = to_ron(&holder, 1, &path).unwrap();
    std::fs::write(&path, &text).unwrap();
    text
}

fn document_ids(h: &Harness<'_, NewscoderApp>) -> Vec<String> {
    h.state()
        .session()
        .map(|s| {
            s.ws()
                .project()
                .documents
                .iter()
                .map(|d| d.id.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_coder_open_elsewhere_is_warned_and_read_only_refuses_edits_and_saving() {
    let (_tmp, root) = util::example_copy();
    let theirs = foreign_lock(&root, "alice");
    let mut h = open(&root, "alice");
    assert!(h.state().lock_prompt().is_some());
    assert!(h.state().has_dialog());
    h.get_by_label_contains(
        "Alice's annotations are open in process 4242 on other-machine since 2023-11-14 22:13 UTC; opening them twice can overwrite work",
    );
    h.get_by_role_and_label(Role::Button, "Open read-only")
        .click();
    h.run();
    assert!(!h.state().has_dialog());
    assert!(h.state().window_title().contains("(read-only)"));
    let key = current_key(&h);
    let before = status_of(&h, &key);
    let file_before = std::fs::read(set_file(&root, &key)).unwrap();
    perform(&mut h, Action::ToggleDone);
    assert_eq!(status_of(&h, &key), before, "the edit is refused");
    assert!(status_text(&h).contains("read-only"), "{}", status_text(&h));
    perform(&mut h, Action::Save);
    wait(&mut h, 10.0);
    assert_eq!(std::fs::read(set_file(&root, &key)).unwrap(), file_before);
    assert_eq!(
        std::fs::read_to_string(lock_file(&root, "alice")).unwrap(),
        theirs,
        "their lock is left alone"
    );
    drop(h);
    assert_eq!(
        std::fs::read_to_string(lock_file(&root, "alice")).unwrap(),
        theirs,
        "closing a read-only window does not remove their lock"
    );
}

#[test]
fn open_anyway_takes_the_lock_over_and_cancel_closes_the_project() {
    let (_tmp, root) = util::example_copy();
    foreign_lock(&root, "alice");
    let mut h = open(&root, "alice");
    h.get_by_role_and_label(Role::Button, "Open anyway").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert!(!h.state().window_title().contains("read-only"));
    let lock = std::fs::read_to_string(lock_file(&root, "alice")).unwrap();
    assert!(
        lock.contains(&format!("pid: {}", std::process::id())),
        "{lock}"
    );
    let key = current_key(&h);
    let before = status_of(&h, &key);
    perform(&mut h, Action::ToggleDone);
    assert_ne!(status_of(&h, &key), before, "edits work after taking over");
    drop(h);
    assert!(
        !lock_file(&root, "alice").exists(),
        "closing releases the lock"
    );

    foreign_lock(&root, "alice");
    let mut h = open(&root, "alice");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(h.state().session().is_none(), "cancel does not open it");
    assert!(!h.state().has_dialog());
}

#[test]
fn the_lock_follows_the_coder_and_is_released_on_close_and_project_switch() {
    let (_tmp, root) = util::example_copy();
    let (_tmp2, other) = util::example_copy();
    let mut h = open(&root, "alice");
    assert!(lock_file(&root, "alice").exists());
    command(&mut h, Command::SetCoder("bob".into()));
    assert!(!lock_file(&root, "alice").exists(), "alice's lock released");
    assert!(lock_file(&root, "bob").exists(), "bob's lock taken");
    // bob is open elsewhere: switching to him asks; Cancel goes back.
    command(&mut h, Command::SetCoder("alice".into()));
    foreign_lock(&root, "bob");
    command(&mut h, Command::SetCoder("bob".into()));
    assert!(h.state().lock_prompt().is_some());
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert_eq!(h.state().session().map(|s| s.coder()), Some("alice"));
    assert!(lock_file(&root, "alice").exists());
    assert!(!h.state().window_title().contains("read-only"));
    // Reopening the same project keeps the lock; another project moves it.
    command(&mut h, Command::OpenProject(root.clone()));
    assert!(lock_file(&root, "alice").exists());
    command(&mut h, Command::OpenProject(other.clone()));
    assert!(!lock_file(&root, "alice").exists());
    assert!(lock_file(&other, "alice").exists());
    drop(h);
    assert!(!lock_file(&other, "alice").exists());
}

#[test]
fn unsaved_edits_of_a_crashed_window_are_offered_back_and_undoable() {
    let (_tmp, root) = util::example_copy();
    let mut h = open(&root, "alice");
    let key = current_key(&h);
    let saved = status_of(&h, &key);
    perform(&mut h, Action::ToggleDone);
    let edited = status_of(&h, &key);
    assert_ne!(edited, saved);
    let mirror = root
        .join(".recovery/alice")
        .join(format!("{}.ron", key.document));
    wait(&mut h, 0.3);
    assert!(!mirror.exists(), "not mirrored on every frame");
    wait(&mut h, 1.2);
    assert!(mirror.exists(), "mirrored a second after the edit");
    // Undone back to the saved state: the mirror goes; redone: it is back.
    perform(&mut h, Action::Undo);
    wait(&mut h, 1.5);
    assert!(!mirror.exists(), "no edits to recover once undone");
    perform(&mut h, Action::Redo);
    wait(&mut h, 1.5);
    assert!(mirror.exists());
    // The window dies before autosave (no drop: no save, lock left behind).
    std::mem::forget(h);

    let mut h = open(&root, "alice");
    assert_eq!(h.state().recovery_offer().map(<[_]>::len), Some(1));
    h.get_by_label_contains(
        "Unsaved edits from a session that ended unexpectedly were found for 1 document",
    );
    assert_eq!(status_of(&h, &key), saved);
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(status_of(&h, &key), edited, "the edit is back");
    // (Autosave may have written it by now: it is an ordinary edit.)
    let s = h.state().session().unwrap();
    assert_eq!(
        s.ws().history().undo_label(),
        Some("Recover unsaved edits"),
        "one undoable step"
    );
    perform(&mut h, Action::Undo);
    assert_eq!(status_of(&h, &key), saved);
}

#[test]
fn discarding_recovered_edits_removes_them() {
    let (_tmp, root) = util::example_copy();
    let mut h = open(&root, "alice");
    let key = current_key(&h);
    let saved = status_of(&h, &key);
    perform(&mut h, Action::ToggleDone);
    wait(&mut h, 1.5);
    std::mem::forget(h);
    let mut h = open(&root, "alice");
    h.get_by_role_and_label(Role::Button, "Discard").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(status_of(&h, &key), saved);
    assert!(!root.join(".recovery/alice").exists());
    drop(h);
    let h = open(&root, "alice");
    assert!(h.state().recovery_offer().is_none(), "not offered again");
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_and_their_version_can_be_loaded() {
    let (_tmp, root) = util::example_copy();
    let mut h = open(&root, "alice");
    let key = current_key(&h);
    let saved = status_of(&h, &key);
    perform(&mut h, Action::ToggleDone);
    let edited = status_of(&h, &key).unwrap();
    // Someone else rewrites the file meanwhile.
    let path = set_file(&root, &key);
    let mut theirs = std::fs::read_to_string(&path).unwrap();
    theirs.push_str("\n// edited elsewhere\n");
    std::fs::write(&path, &theirs).unwrap();
    perform(&mut h, Action::Save);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "not clobbered"
    );
    let conflict = h
        .state()
        .session()
        .and_then(|s| s.conflict.clone())
        .expect("conflict noticed");
    assert!(conflict.kept.exists());
    h.get_by_label_contains(&format!("{} was changed on disk", path.display()));
    h.get_by_label_contains(&format!(
        "Your version was kept as {}",
        conflict.kept.display()
    ));
    // Autosave does not retry (and write more copies) while undecided.
    wait(&mut h, 10.0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    h.get_by_role_and_label(Role::Button, "Load their version")
        .click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(status_of(&h, &key), saved, "their version is shown");
    assert!(!h.state().session().unwrap().ws().is_modified());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    let mine = std::fs::read_to_string(&conflict.kept).unwrap();
    assert!(mine.contains(&format!("status: {edited:?}")), "{mine}");
}

#[test]
fn earlier_versions_are_restored_from_the_file_menu() {
    let (_tmp, root) = util::example_copy();
    let mut h = open(&root, "alice");
    let key = current_key(&h);
    let path = set_file(&root, &key);
    let original = std::fs::read(&path).unwrap();
    let saved = status_of(&h, &key);
    perform(&mut h, Action::ToggleDone);
    perform(&mut h, Action::Save);
    let edited = status_of(&h, &key);
    assert_ne!(std::fs::read(&path).unwrap(), original);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Restore earlier version…").click();
    h.run();
    let rel = path.strip_prefix(&root).unwrap().to_path_buf();
    let rows = h.state().backups_window().listed().to_vec();
    let row = rows
        .iter()
        .position(|b| b.file == rel)
        .expect("the saved file's backup is listed");
    h.get_all_by_label("Restore…").nth(row).unwrap().click();
    h.run();
    h.get_by_label_contains("will be replaced by");
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    assert_eq!(std::fs::read(&path).unwrap(), original);
    assert_eq!(
        status_of(&h, &key),
        saved,
        "the window shows the restored file"
    );
    assert_eq!(current_key(&h), key);
    assert!(
        status_text(&h).starts_with("Restored"),
        "{}",
        status_text(&h)
    );
    // The restore itself can be undone the same way.
    let again = newscoder::store::list_backups(&root);
    let b = again.iter().find(|b| b.file == rel).unwrap();
    let text = std::fs::read_to_string(root.join(&b.backup)).unwrap();
    assert!(text.contains(&format!("{:?}", edited.unwrap())));
}

#[test]
fn a_damaged_annotation_file_is_shown_kept_and_can_be_restored() {
    let (_tmp, root) = util::example_copy();
    let h = open(&root, "alice");
    let ids = document_ids(&h);
    drop(h);
    let broken = SetKey::new("alice", &ids[1]);
    let path = set_file(&root, &broken);
    let good = std::fs::read(&path).unwrap();
    std::fs::write(
        root.join("annotations/alice")
            .join(format!("{}.ron.bak", ids[1])),
        &good,
    )
    .unwrap();
    let damaged = b"(\n    document: \"x\",\n    spans: [ (id: oops ]\n".to_vec();
    std::fs::write(&path, &damaged).unwrap();

    let mut h = open(&root, "alice");
    command(&mut h, Command::OpenDocument(ids[1].clone()));
    let b = h
        .state()
        .session()
        .and_then(|s| s.broken.clone())
        .expect("shown as damaged");
    assert!(b.error.contains(&path.display().to_string()), "{}", b.error);
    assert!(b.error.contains(":3:"), "line and column: {}", b.error);
    h.get_by_label_contains("This document's annotations cannot be read");
    h.get_by_label(&b.error);
    // No edit reaches it; other documents work and save.
    perform(&mut h, Action::ToggleDone);
    command(&mut h, Command::OpenDocument(ids[2].clone()));
    let other = current_key(&h);
    let before = status_of(&h, &other);
    perform(&mut h, Action::ToggleDone);
    assert_ne!(status_of(&h, &other), before);
    perform(&mut h, Action::Save);
    assert!(!h.state().session().unwrap().ws().is_modified());
    wait(&mut h, 5.0);
    assert_eq!(std::fs::read(&path).unwrap(), damaged, "never overwritten");

    // Back to it, and restore the kept version from the banner.
    command(&mut h, Command::OpenDocument(ids[1].clone()));
    h.get_by_role_and_label(Role::Button, "Restore earlier version…")
        .click();
    h.run();
    assert_eq!(h.state().backups_window().listed().len(), 1);
    h.get_by_label("Restore…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    assert_eq!(std::fs::read(&path).unwrap(), good);
    assert_eq!(current_key(&h), broken, "the document opens now");
    assert!(h.state().session().unwrap().broken.is_none());
}

#[test]
fn a_project_that_fails_to_open_leaves_the_window_usable() {
    let (_tmp, root) = util::example_copy();
    let bad = util::tempdir();
    util::write(
        bad.path(),
        "project.ron",
        "(\n  name: \"x\",\n  documents: [ oops\n",
    );
    let mut h = open(&root, "alice");
    command(&mut h, Command::OpenProject(bad.path().to_path_buf()));
    let TitledText { title, text } = h.state().error_dialog().cloned().expect("error shown");
    assert_eq!(title, "Could not open the project");
    assert!(text.contains("project.ron:3:"), "{text}");
    h.get_by_label_contains("project.ron:3:");
    h.get_by_role_and_label(Role::Button, "OK").click();
    h.run();
    let s = h.state().session().expect("the open project stays open");
    assert_eq!(s.root(), root);
    assert!(h.state().doc().is_some());

    // Started on the bad project: no project, but a working window.
    let settings = newscoder::session::settings::Settings {
        coder: Some("alice".into()),
        ..Default::default()
    };
    let mut h = harness(NewscoderApp::new(settings, Some(bad.path().to_path_buf())));
    assert!(h.state().session().is_none());
    h.get_by_role_and_label(Role::Button, "OK").click();
    h.run();
    h.get_by_label("No project open");
    command(&mut h, Command::OpenProject(root.clone()));
    assert!(h.state().session().is_some());
}

#[test]
fn a_failing_save_keeps_the_edits_and_closing_asks() {
    let (_tmp, root) = util::example_copy();
    let mut h = open(&root, "alice");
    let key = current_key(&h);
    perform(&mut h, Action::ToggleDone);
    let edited = status_of(&h, &key);
    // The coder's folder becomes a file: every write into it fails.
    let folder = root.join("annotations/alice");
    let keep = util::tempdir();
    util::copy_dir(&folder, keep.path());
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, "not a folder").unwrap();
    wait(&mut h, 3.5);
    let st = h.state().status().cloned().expect("status");
    assert!(st.error, "{}", st.text);
    assert!(st.text.contains("Autosave failed"), "{}", st.text);
    assert!(st.text.contains("annotations/alice"), "{}", st.text);
    assert!(h.state().session().unwrap().ws().is_modified());
    assert!(h.state().window_title().contains("unsaved"));
    assert_eq!(status_of(&h, &key), edited, "nothing lost");

    perform(&mut h, Action::Save);
    let title = h
        .state()
        .error_dialog()
        .cloned()
        .expect("error shown")
        .title;
    assert_eq!(title, "Could not save");
    h.get_by_role_and_label(Role::Button, "OK").click();
    h.run();

    // Closing: the save fails again, so the window asks instead.
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert!(h.state().close_failed().is_some());
    h.get_by_label("Changes could not be saved");
    h.get_by_role_and_label(Role::Button, "Keep the window open")
        .click();
    h.run();
    assert!(h.state().close_failed().is_none());
    assert_eq!(status_of(&h, &key), edited);
    // Fixed: the next save writes the edits.
    std::fs::remove_file(&folder).unwrap();
    util::copy_dir(keep.path(), &folder);
    perform(&mut h, Action::Save);
    assert!(!h.state().session().unwrap().ws().is_modified());
    let written = std::fs::read_to_string(set_file(&root, &key)).unwrap();
    assert!(
        written.contains(&format!("status: {:?}", edited.unwrap())),
        "{written}"
    );
}

#[test]
fn a_damaged_project_file_with_a_kept_version_is_offered_for_restore() {
    let (_tmp, root) = util::example_copy();
    let (_tmp2, elsewhere) = util::example_copy();
    let project = root.join("project.ron");
    std::fs::copy(&project, root.join("project.ron.bak")).unwrap();
    let damaged = "(\n  name: \"broken\",\n  documents: [ oops\n";
    std::fs::write(&project, damaged).unwrap();
    let mut h = open(&elsewhere, "alice");
    command(&mut h, Command::OpenProject(root.clone()));
    assert_eq!(h.state().project_restore_offer(), Some(root.as_path()));
    // The dialog shows the folder, then the error with line and column.
    h.get_by_label_contains(&format!("{}\n\n{}:3:", root.display(), project.display()));
    h.get_by_label_contains("An earlier version of project.ron is kept");
    // Leaving it keeps the open project and the damaged file.
    h.get_by_role_and_label(Role::Button, "Leave it").click();
    h.run();
    assert_eq!(
        h.state().session().map(|s| s.root()),
        Some(elsewhere.clone())
    );
    assert_eq!(std::fs::read_to_string(&project).unwrap(), damaged);
    // Asked again, restoring opens it; the damaged one becomes the backup.
    command(&mut h, Command::OpenProject(root.clone()));
    h.get_by_role_and_label(Role::Button, "Restore earlier version")
        .click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(h.state().session().map(|s| s.root()), Some(root.clone()));
    assert_eq!(
        std::fs::read_to_string(root.join("project.ron.bak")).unwrap(),
        damaged
    );
}

#[test]
fn a_lock_that_cannot_be_written_opens_the_project_read_only() {
    let (_tmp, root) = util::example_copy();
    // A folder where the lock file should be: writing it fails.
    std::fs::create_dir(lock_file(&root, "alice")).unwrap();
    let mut h = open(&root, "alice");
    let s = h.state().session().expect("the project still opens");
    assert!(s.is_read_only());
    assert!(h.state().doc().is_some(), "and can be read");
    assert!(h.state().window_title().contains("(read-only)"));
    assert!(
        status_text(&h).contains("the lock could not be written"),
        "{}",
        status_text(&h)
    );
    let key = current_key(&h);
    let file = std::fs::read(set_file(&root, &key)).unwrap();
    perform(&mut h, Action::ToggleDone);
    perform(&mut h, Action::Save);
    assert_eq!(std::fs::read(set_file(&root, &key)).unwrap(), file);
}

#[test]
fn a_project_file_changed_on_disk_is_kept_and_the_project_reread() {
    let (_tmp, root) = util::example_copy();
    let mut h = open(&root, "alice");
    let mut codebook = h.state().session().unwrap().ws().project().codebook.clone();
    codebook.revision += 1;
    command(
        &mut h,
        Command::Apply(newscoder::edit::Transaction::single(
            "Edit codebook",
            newscoder::edit::Edit::SetCodebook(codebook),
        )),
    );
    let project = root.join("project.ron");
    let mut theirs = std::fs::read_to_string(&project).unwrap();
    theirs.push_str("\n// edited elsewhere\n");
    std::fs::write(&project, &theirs).unwrap();
    perform(&mut h, Action::Save);
    let conflict = h
        .state()
        .session()
        .and_then(|s| s.conflict.clone())
        .expect("conflict noticed");
    assert_eq!(conflict.path, project);
    h.get_by_role_and_label(Role::Button, "Load their version")
        .click();
    h.run();
    assert!(!h.state().has_dialog());
    let s = h.state().session().expect("reopened");
    assert!(!s.ws().is_modified());
    assert_eq!(std::fs::read_to_string(&project).unwrap(), theirs);
    assert!(conflict.kept.exists(), "our version is kept");
    assert!(lock_file(&root, "alice").exists(), "still locked");
}

#[test]
fn unsaved_actor_registry_edits_are_offered_back_after_a_crash() {
    let (_tmp, root) = util::example_copy();
    let mut h = open(&root, "alice");
    let before = h.state().session().unwrap().ws().project().actors.clone();
    let id = before.next_id();
    {
        let s = h.state_mut().session_mut().unwrap();
        let tx = newscoder::edit::Transaction::single(
            "Add actor",
            newscoder::edit::Edit::PutActor(newscoder::model::Actor {
                id,
                name: "Elliott Abrams".into(),
                kind: newscoder::model::ActorKind::Person,
                aliases: vec![],
                attributes: Default::default(),
            }),
        );
        s.apply(tx).unwrap();
    }
    h.run(); // the frame that notices the edit
    wait(&mut h, 1.5);
    assert!(
        root.join(".recovery/project.ron").exists(),
        "registry mirrored"
    );
    std::mem::forget(h); // the crash: no save

    let mut h = open(&root, "alice");
    assert!(h.state().recovery_offer().is_some());
    h.get_by_label_contains("codebook or the actor registry");
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    let s = h.state().session().unwrap();
    assert_eq!(
        s.ws().project().actors.get(id).map(|a| a.name.as_str()),
        Some("Elliott Abrams")
    );
}
