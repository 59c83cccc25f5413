//! Crash safety, proven: a child process saves a large annotation set and
//! `project.ron` over and over and is killed (SIGKILL) at random moments;
//! every file on disk must then parse and equal either the old or the new
//! content — never a torn mix.

use newscoder::model::{AnnotationSet, Project};
use newscoder::store::ProjectDir;
use newscoder::synth::Rng;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const CHILD_ENV: &str = "NEWSCODER_CRASH_CHILD_DIR";
/// Marker the child writes once it is saving in a loop.
const READY: &str = "child-is-saving";

/// Two versions of a large set and of the project, alternated by the child.
fn versions(dir: &ProjectDir) -> ([AnnotationSet; 2], [Project; 2]) {
    let doc = &dir.project.documents[0];
    let mut rng = Rng::new(7);
    let mut a = AnnotationSet::new(&doc.id, "alice");
    a.spans = newscoder::synth::spans_for(&mut rng, doc.chars, 20_000);
    a.sort();
    let mut b = a.clone();
    b.spans.truncate(12_000);
    for s in &mut b.spans {
        s.note = "second version".into();
    }
    // The child reopens a project that may hold either version already:
    // derive both from the same base.
    let mut p1 = dir.project.clone();
    p1.name = "synthetic".into();
    p1.actors.actors[0].aliases.retain(|a| a.len() < 100);
    let mut p2 = p1.clone();
    p2.name = "renamed while saving".into();
    p2.actors.actors[0].aliases.push("x".repeat(5_000));
    ([a, b], [p1, p2])
}

fn make_project(root: &Path) -> ProjectDir {
    newscoder::synth::write_project(root, 1, 60_000, 10, &["alice"]).expect("project")
}

/// Entry point of the child process (run by the test below with
/// `CHILD_ENV` set): saves alternating versions until killed. Without the
/// variable it saves each version once and checks the round trip.
#[test]
fn child_saver() {
    let Ok(root) = std::env::var(CHILD_ENV) else {
        let tmp = tempfile::tempdir().unwrap();
        let mut dir = make_project(tmp.path());
        let (sets, projects) = versions(&dir);
        for (set, project) in sets.iter().zip(projects) {
            dir.save_set(set).unwrap();
            dir.project = project.clone();
            dir.save_project().unwrap();
            assert_eq!(
                dir.load_set("alice", &set.document).unwrap().as_ref(),
                Some(set)
            );
            assert_eq!(ProjectDir::open(tmp.path()).unwrap().project, project);
        }
        return;
    };
    let mut dir = ProjectDir::open(Path::new(&root)).unwrap();
    let (sets, projects) = versions(&dir);
    for i in 0.. {
        dir.save_set(&sets[i % 2]).unwrap();
        dir.project = projects[i % 2].clone();
        dir.save_project().unwrap();
        if i == 1 {
            // Both versions written once: tell the parent the loop runs.
            std::fs::write(Path::new(&root).join(READY), b"").unwrap();
        }
    }
}

#[test]
fn killing_a_save_never_leaves_a_torn_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = make_project(tmp.path());
    let (sets, projects) = versions(&dir);
    dir.save_set(&sets[0]).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng::new(99);
    let mut seen = [false; 2];
    // How long after the child is ready to kill it, at most. On a loaded
    // machine one save can take longer than the whole window, so every
    // kill would hit the same version; the window widens until both
    // versions have been caught (the kill stays random within it).
    let mut window_ms = 60;
    for round in 0..25 {
        let mut child = Command::new(&exe)
            .args([
                "crash_safety::child_saver",
                "--exact",
                "--test-threads=1",
                "--nocapture",
            ])
            .env(CHILD_ENV, tmp.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the child is in its save loop (start-up time varies a
        // lot on a loaded machine), then kill it at a random moment.
        let ready = tmp.path().join(READY);
        let waited = std::time::Instant::now();
        while !ready.exists() && waited.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(rng.below(window_ms) as u64));
        child.kill().unwrap(); // SIGKILL on Unix
        let _ = std::fs::remove_file(&ready);
        child.wait().unwrap();
        let reopened = ProjectDir::open(tmp.path())
            .unwrap_or_else(|e| panic!("round {round}: project.ron torn: {e}"));
        // project.ron and each actor file are saved one after the other,
        // each atomically: each is one version or the other, whole.
        assert!(
            projects.iter().any(|p| p.name == reopened.project.name
                && p.codebook == reopened.project.codebook
                && p.documents == reopened.project.documents),
            "round {round}: project.ron is neither version"
        );
        assert!(
            projects
                .iter()
                .any(|p| p.actors.actors[0] == reopened.project.actors.actors[0]),
            "round {round}: the actor file is neither version"
        );
        let set = reopened
            .load_set("alice", &sets[0].document)
            .unwrap_or_else(|e| panic!("round {round}: annotation file torn: {e}"))
            .unwrap();
        let which = sets.iter().position(|s| *s == set);
        assert!(
            which.is_some(),
            "round {round}: annotation file is neither version"
        );
        seen[which.unwrap_or(0)] = true;
        if round >= 2 && seen != [true, true] {
            window_ms = (window_ms * 2).min(4000);
        }
    }
    // The kills landed while the child was saving, not before it started.
    assert_eq!(
        seen,
        [true, true],
        "the child never got to save both versions"
    );
}
