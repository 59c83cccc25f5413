//! Two newscoder processes writing one project at once (issue 17, item 1):
//! both imports land, nothing is lost or orphaned; an import as a coder
//! whose window is open is refused.

use crate::util::{newscoder, run_on, run_said, tempdir, write};
use newscoder::store::{CoderLock, LockOutcome, ProjectDir};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A new empty project in `tmp`.
fn new_project(tmp: &Path) -> PathBuf {
    let root = tmp.join("p");
    let (ok, said) = run_said(newscoder().arg("new").arg(&root));
    assert!(ok, "{said}");
    root
}

/// Starts `newscoder import PROJECT ARGS…` without waiting for it.
fn spawn_import(root: &Path, args: &[String]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("newscoder"))
        .arg("import")
        .arg(root)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newscoder starts")
}

fn finish(child: Child, what: &str) {
    let out = child.wait_with_output().expect("newscoder ends");
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Files in `dir` with extension `ext`.
fn count_files(dir: &Path, ext: &str) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
            .count()
    })
}

/// Every text in `documents/` is in `project.ron` and the other way round,
/// and `validate` finds nothing.
fn assert_consistent(root: &Path, documents: usize) {
    let dir = ProjectDir::open(root).unwrap();
    assert_eq!(
        dir.project.documents.len(),
        documents,
        "documents in project.ron"
    );
    assert_eq!(
        count_files(&root.join("documents"), "txt"),
        documents,
        "texts in documents/"
    );
    let (ok, said) = run_on(&["validate"], root);
    assert!(ok, "validate: {said}");
}

#[test]
fn two_article_imports_at_once_both_land() {
    let tmp = tempdir();
    let root = new_project(tmp.path());
    let rounds = 10;
    let per_side = 12;
    for round in 0..rounds {
        let mut children = Vec::new();
        for side in ["a", "b"] {
            let files: Vec<String> = (0..per_side)
                .map(|i| {
                    let name = format!("in/{side}{round:02}{i:02}.txt");
                    let text = format!("Article {side} {round} {i}\n\nBody of {side}-{round}-{i}.");
                    write(tmp.path(), &name, text).display().to_string()
                })
                .collect();
            children.push(spawn_import(&root, &files));
        }
        for (i, child) in children.into_iter().enumerate() {
            finish(child, &format!("round {round}, import {i}"));
        }
    }
    // It used to keep only the last writer's batch in project.ron, leaving
    // the other's texts orphaned.
    assert_consistent(&root, rounds * per_side * 2);
}

/// One pre-annotated JSONL line: a text unique to coder and round, with a
/// Person span.
fn annotated_line(coder: &str, round: usize, i: usize) -> String {
    format!(
        r#"{{"id": "{coder}-{round}-{i}", "text": "Maduro spoke ({coder} {round} {i}).", "label": [[0, 6, "Person"]]}}"#
    )
}

#[test]
fn two_coders_importing_at_once_keep_both_coders_sets() {
    let tmp = tempdir();
    let root = new_project(tmp.path());
    let rounds = 10;
    let per_side = 5;
    let coders = ["carol", "dave"];
    for round in 0..rounds {
        let children: Vec<Child> = coders
            .iter()
            .map(|coder| {
                let lines: Vec<String> = (0..per_side)
                    .map(|i| annotated_line(coder, round, i))
                    .collect();
                let file = write(
                    tmp.path(),
                    &format!("in/{coder}{round}.jsonl"),
                    lines.join("\n"),
                );
                let args = [
                    "--coder".to_string(),
                    coder.to_string(),
                    file.display().to_string(),
                ];
                spawn_import(&root, &args)
            })
            .collect();
        for (child, coder) in children.into_iter().zip(coders) {
            finish(child, &format!("round {round}, {coder}"));
        }
    }
    assert_consistent(&root, rounds * per_side * 2);
    let dir = ProjectDir::open(&root).unwrap();
    for coder in coders {
        assert!(
            dir.project.coders.iter().any(|c| c == coder),
            "{coder} listed"
        );
        assert_eq!(
            count_files(&root.join("annotations").join(coder), "ron"),
            rounds * per_side,
            "{coder}'s sets"
        );
        for d in dir
            .project
            .documents
            .iter()
            .filter(|d| d.id.starts_with(coder))
        {
            let set = dir.load_set(coder, &d.id).unwrap();
            assert_eq!(set.map(|s| s.spans.len()), Some(1), "{coder} on {}", d.id);
        }
    }
}

/// `newscoder import PROJECT --coder CODER FILE`, as [`run_said`].
fn import_as(root: &Path, coder: &str, file: &Path) -> (bool, String) {
    run_said(
        newscoder()
            .args(["import", "--coder", coder])
            .arg(root)
            .arg(file),
    )
}

#[test]
fn an_import_as_a_coder_whose_window_is_open_is_refused() {
    let tmp = tempdir();
    let root = new_project(tmp.path());
    let file = write(tmp.path(), "alice.jsonl", annotated_line("alice", 0, 0));
    // This test process stands for a window open as alice.
    let LockOutcome::Acquired(window) = CoderLock::acquire(&root, "alice").unwrap() else {
        panic!("the lock is free");
    };
    let (ok, said) = import_as(&root, "alice", &file);
    assert!(!ok, "{said}");
    assert!(
        said.contains("open for editing in process") && said.contains("close the project there"),
        "{said}"
    );
    assert!(
        ProjectDir::open(&root)
            .unwrap()
            .project
            .documents
            .is_empty()
    );
    // Another coder is not held up, and leaves no folder of alice's.
    let (ok, said) = import_as(&root, "bob", &file);
    assert!(ok, "{said}");
    drop(window);
    let (ok, said) = import_as(&root, "alice", &file);
    assert!(ok, "{said}");
    assert!(!root.join("annotations/alice/.lock").exists());
    assert!(root.join("annotations/alice/alice-0-0.ron").exists());
}

#[test]
fn a_coder_lock_taken_by_an_import_that_fails_leaves_no_folder() {
    let tmp = tempdir();
    let root = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "bad.jsonl",
        r#"{"text": "x", "label": [[0, 9, "Person"]]}"#,
    );
    let (ok, said) = import_as(&root, "erin", &file);
    assert!(!ok, "{said}");
    assert!(!root.join("annotations/erin").exists(), "{said}");
}
