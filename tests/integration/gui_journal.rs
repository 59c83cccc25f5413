//! The last second of work: a span tagged in the real window and lost to a
//! SIGKILL a few milliseconds later (long before the recovery mirror, a
//! second after the edit, or autosave) is offered back by the next window,
//! from the edit journal. A child process (this test binary re-running
//! itself with an environment variable, as `crash_safety.rs` does) tags the
//! span and is killed; the parent reopens the project.

#![cfg(feature = "gui")]

use crate::util;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::edit::{JOURNAL_FILE, RECOVERY_DIR, SetKey};
use newscoder::gui::NewscoderApp;
use newscoder::gui::commands::Command;
use newscoder::store::ProjectDir;
use std::ops::Range;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "NEWSCODER_JOURNAL_CHILD_DIR";
/// Marker the child writes once the span is tagged.
const READY: &str = "child-has-tagged";
const DOC: &str = "caracas-libre-0505";
const LABEL: &str = "Event";

fn key() -> SetKey {
    SetKey::new("alice", DOC)
}

fn command(h: &mut Harness<'_, NewscoderApp>, c: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, c);
    h.run();
}

/// Whether `alice`'s set in `h` holds a `LABEL` span over `range`.
fn has_span(h: &Harness<'_, NewscoderApp>, range: &Range<usize>) -> bool {
    h.state()
        .session()
        .and_then(|s| s.ws().set(&key()))
        .is_some_and(|set| {
            set.spans
                .iter()
                .any(|s| s.label == LABEL && (s.start..s.end) == *range)
        })
}

/// Opens `root` as alice in the real window and tags “Saturday” in `DOC`
/// the way a click and a key press do; returns the window and the range.
fn tag_saturday(root: &Path) -> (Harness<'static, NewscoderApp>, Range<usize>) {
    let mut h = util::app_harness(NewscoderApp::new_for_project(root, "alice").unwrap());
    command(&mut h, Command::OpenDocument(DOC.into()));
    let text = &h.state().session().unwrap().document().unwrap().text;
    let byte = text.find("Saturday").expect("the example says Saturday");
    let start = text[..byte].chars().count();
    let range = start..start + "Saturday".chars().count();
    assert!(!has_span(&h, &range));
    command(&mut h, Command::SelectText(range.clone()));
    command(&mut h, Command::Tag(LABEL.into()));
    assert!(has_span(&h, &range), "tagged");
    (h, range)
}

/// Entry point of the child process (run by the test below with
/// `CHILD_ENV` set): tags the span, tells the parent, and waits to be
/// killed. Without the variable it checks that the step is journaled by
/// the time the frame that made it ends.
#[test]
fn journal_child() {
    let Ok(root) = std::env::var(CHILD_ENV) else {
        let (_tmp, root) = util::example_copy();
        let (_h, _) = tag_saturday(&root);
        let journal = root.join(RECOVERY_DIR).join("alice").join(JOURNAL_FILE);
        let written = std::fs::read_to_string(&journal).expect("journaled at once");
        assert!(written.contains(LABEL) && written.ends_with('\n'));
        return;
    };
    let root = Path::new(&root);
    let (_h, _) = tag_saturday(root);
    std::fs::write(root.join(READY), b"").unwrap();
    loop {
        std::thread::sleep(Duration::from_secs(60));
    }
}

#[test]
fn a_span_tagged_just_before_a_kill_is_offered_back() {
    let (_tmp, root) = util::example_copy();
    let mut child = Process::new(std::env::current_exe().unwrap())
        .args([
            "gui_journal::journal_child",
            "--exact",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(CHILD_ENV, &root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let ready = root.join(READY);
    let waited = Instant::now();
    while !ready.exists() && waited.elapsed() < Duration::from_secs(180) {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap(); // SIGKILL, within a millisecond or two
    let status = child.wait().unwrap();
    assert!(ready.exists(), "the child tagged the span ({status})");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "killed, not exited");
    }
    // Nothing but the journal was on disk: not saved, not mirrored.
    let mirror = root
        .join(RECOVERY_DIR)
        .join("alice")
        .join(format!("{DOC}.ron"));
    assert!(!mirror.exists(), "killed before the mirror was due");
    let dir = ProjectDir::open(&root).unwrap();
    let saved = dir.load_set("alice", DOC).unwrap().unwrap();
    let text = dir.read_text(DOC).unwrap();
    let start = text[..text.find("Saturday").unwrap()].chars().count();
    let range = start..start + "Saturday".len();

    let mut h = util::app_harness(NewscoderApp::new_for_project(&root, "alice").unwrap());
    assert_eq!(h.state().recovery_offer().map(<[_]>::len), Some(1));
    h.get_by_label_contains(
        "Unsaved edits from a session that ended unexpectedly were found for 1 document",
    );
    let set = h.state().session().unwrap().ws().set(&key()).unwrap();
    assert_eq!(set, &saved, "not restored before the user says so");
    assert!(!has_span(&h, &range));
    h.get_by_role_and_label(Role::Button, "Restore").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert!(has_span(&h, &range), "the span is back");
    assert_eq!(
        h.state().session().unwrap().ws().history().undo_label(),
        Some("Recover unsaved edits"),
        "one undoable step"
    );
}
