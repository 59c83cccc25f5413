//! Imports killed at random moments (issue 17, item 2): the project is
//! valid right after every kill (the next command finishes or undoes the
//! interrupted change), and importing again gives exactly what one
//! uninterrupted run gives — the same ids, no orphans.

use crate::util::{copy_dir, newscoder, run_on, run_said, tempdir, write};
use newscoder::synth::Rng;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every file of the project that a reader sees, with its content: the
/// index, texts and annotation sets (backups, locks and temporary files
/// left aside).
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if !(name.ends_with(".bak")
                || name == ".lock"
                || name.starts_with(".newscoder-write")
                || (name.starts_with(".newscoder-") && name.ends_with(".tmp")))
            {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// `n` pre-annotated documents, each with a few dozen spans, as JSONL.
fn annotated_input(dir: &Path, n: usize) -> PathBuf {
    let mut lines = Vec::new();
    for i in 0..n {
        let words: Vec<String> = (0..60).map(|w| format!("w{i:04}x{w:02}")).collect();
        let text = words.join(" ");
        let labels: Vec<String> = (0..40)
            .map(|w| {
                let start = w * 9; // every word is 8 characters and a space
                format!("[{start}, {}, \"Person\"]", start + 8)
            })
            .collect();
        lines.push(format!(
            r#"{{"id": "a{i:04}", "text": "{text}", "label": [{}]}}"#,
            labels.join(", ")
        ));
    }
    write(dir, "pre.jsonl", lines.join("\n"))
}

/// A new empty project at `root`.
fn new_project(root: &Path) -> PathBuf {
    let (ok, said) = run_said(newscoder().arg("new").arg(root));
    assert!(ok, "{said}");
    root.to_path_buf()
}

/// `n` article files.
fn article_inputs(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            write(
                dir,
                &format!("articles/a{i:04}.txt"),
                format!("Headline {i}\n\nBody of article {i}."),
            )
        })
        .collect()
}

/// Kills `import ARGS` at random moments in copies of `base`; after each
/// kill `validate` passes and a second run gives `expected`. Returns how
/// many kills interrupted a change under way.
fn kill_in_a_loop(base: &Path, args: &[String], rounds: usize, seed: u64) -> usize {
    let tmp = tempdir();
    let reference = tmp.path().join("reference");
    copy_dir(base, &reference);
    let started = Instant::now();
    let (ok, said) = run_said(newscoder().arg("import").arg(&reference).args(args));
    assert!(ok, "{said}");
    let full_run = started.elapsed();
    let expected = snapshot(&reference);
    let mut rng = Rng::new(seed);
    let mut interrupted = 0;
    for round in 0..rounds {
        let root = tmp.path().join(format!("round{round}"));
        copy_dir(base, &root);
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("newscoder"))
            .arg("import")
            .arg(&root)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere in a run's time; the writing is mostly in its second half.
        let at = full_run.as_millis() as u64 * (20 + rng.below(100) as u64) / 100;
        std::thread::sleep(Duration::from_millis(at));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if root.join(newscoder::store::INTENT_FILE).exists() {
            interrupted += 1;
        }
        // The next command finishes or undoes what the kill interrupted:
        // no annotations without their document, no orphaned texts.
        let (ok, said) = run_on(&["validate"], &root);
        assert!(ok, "round {round}, killed after {at} ms: {said}");
        assert!(!root.join(newscoder::store::INTENT_FILE).exists());
        let (ok, said) = run_said(newscoder().arg("import").arg(&root).args(args));
        assert!(ok, "round {round}: import again: {said}");
        let got = snapshot(&root);
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "round {round}, killed after {at} ms: other files than one uninterrupted run"
        );
        assert!(
            got == expected,
            "round {round}, killed after {at} ms: other content than one uninterrupted run"
        );
    }
    interrupted
}

#[test]
fn a_killed_pre_annotated_import_is_undone_and_redone_exactly() {
    let tmp = tempdir();
    let base = new_project(&tmp.path().join("base"));
    let input = annotated_input(tmp.path(), 300);
    let args = [
        "--coder".to_string(),
        "carol".to_string(),
        "--format".to_string(),
        "jsonl".to_string(),
        input.display().to_string(),
    ];
    let interrupted = kill_in_a_loop(&base, &args, 12, 17);
    // Some kills must have landed while files were being written, or the
    // test proved nothing (the window covers the whole run).
    assert!(interrupted > 0, "no kill interrupted a change");
}

#[test]
fn a_killed_article_import_leaves_no_texts_and_no_renamed_ids() {
    let tmp = tempdir();
    let base = new_project(&tmp.path().join("base"));
    let args: Vec<String> = article_inputs(tmp.path(), 300)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let interrupted = kill_in_a_loop(&base, &args, 12, 23);
    assert!(interrupted > 0, "no kill interrupted a change");
}

#[test]
fn validate_reports_texts_no_document_refers_to() {
    let tmp = tempdir();
    let root = new_project(&tmp.path().join("p"));
    write(&root, "documents/stray.txt", "left behind");
    let (ok, said) = run_on(&["validate"], &root);
    assert!(!ok, "{said}");
    assert!(
        said.contains("stray.txt") && said.contains("no document in project.ron refers to"),
        "{said}"
    );
}
