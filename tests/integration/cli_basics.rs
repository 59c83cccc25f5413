//! `new`, `validate` and `stats` on the command line, including exit codes
//! and damaged projects.

use crate::util::{newscoder, tempdir, write};
use newscoder::model::*;
use newscoder::store::ProjectDir;
use newscoder::text::text_hash;
use predicates::prelude::*;
use std::path::Path;

/// A project with one document and one coder's two spans, made via the core.
fn small_project(root: &Path) {
    let text = "Maduro calls Guaido a puppet.";
    let mut dir = ProjectDir::create(root, "small", Codebook::default_media()).unwrap();
    dir.write_text("d1", text).unwrap();
    dir.project.documents.push(DocumentEntry {
        id: "d1".into(),
        title: "T".into(),
        meta: Metadata::default(),
        text_hash: text_hash(text),
        chars: text.chars().count(),
    });
    dir.add_coder("alice").unwrap();
    dir.save_project().unwrap();
    let mut set = AnnotationSet::new("d1", "alice");
    set.status = Status::Done;
    set.put(Span::new(SpanId(1), 0, 6, "Person"));
    set.put(Span::new(SpanId(2), 13, 19, "Person"));
    dir.save_set(&set).unwrap();
}

#[test]
fn new_creates_a_project_with_the_default_codebook() {
    let tmp = tempdir();
    let p = tmp.path().join("proj");
    newscoder()
        .args(["new"])
        .arg(&p)
        .args(["--name", "My study"])
        .assert()
        .success()
        .stdout(predicate::str::contains("My study"));
    let dir = ProjectDir::open(&p).unwrap();
    assert_eq!(dir.project.name, "My study");
    assert!(dir.project.codebook.label("Stance").is_some());
    assert!(p.join("documents").is_dir() && p.join("annotations").is_dir());
    // A second `new` in the same place refuses and leaves it alone.
    let before = std::fs::read(p.join("project.ron")).unwrap();
    newscoder()
        .arg("new")
        .arg(&p)
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read(p.join("project.ron")).unwrap(), before);
}

#[test]
fn new_with_a_custom_codebook_and_a_broken_one() {
    let tmp = tempdir();
    let cb = write(
        tmp.path(),
        "cb.ron",
        r##"(categories: [(name: "Frames", labels: [(name: "Conflict", color: "#ff0000", key: Some('f'))])])"##,
    );
    let p = tmp.path().join("proj");
    newscoder()
        .arg("new")
        .arg(&p)
        .arg("--codebook")
        .arg(&cb)
        .assert()
        .success();
    assert!(
        ProjectDir::open(&p)
            .unwrap()
            .project
            .codebook
            .label("Conflict")
            .is_some()
    );

    let bad = write(
        tmp.path(),
        "bad.ron",
        "(categories: [(name: \"F\", labels: [(name: 3)])])",
    );
    newscoder()
        .arg("new")
        .arg(tmp.path().join("proj2"))
        .arg("--codebook")
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.ron:1:"));
    assert!(!tmp.path().join("proj2/project.ron").exists());
}

#[test]
fn validate_accepts_a_sound_project() {
    let tmp = tempdir();
    small_project(tmp.path());
    newscoder()
        .arg("validate")
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems"));
}

#[test]
fn validate_lists_every_problem_with_positions_and_changes_nothing() {
    let tmp = tempdir();
    small_project(tmp.path());
    let ann = tmp.path().join("annotations/alice/d1.ron");
    let damaged = std::fs::read_to_string(&ann)
        .unwrap()
        .replace("end: 19, label: \"Person\"", "end: 999, label: \"Persn\"");
    std::fs::write(&ann, &damaged).unwrap();
    std::fs::write(tmp.path().join("documents/d1.txt"), "changed text").unwrap();
    write(
        tmp.path(),
        "annotations/bob/d1.ron",
        "(document: \"d1\", coder: \"bob\", spans: [(id: 1,, ])",
    );
    let out = newscoder()
        .arg("validate")
        .arg(tmp.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("d1.txt: text has changed"), "{out}");
    assert!(
        out.contains("alice/d1.ron:7:1: span 2: range 13..999"),
        "{out}"
    );
    assert!(out.contains("unknown label “Persn”"), "{out}");
    assert!(out.contains("bob/d1.ron:1:"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&ann).unwrap(),
        damaged,
        "validate never writes"
    );
}

#[test]
fn validate_and_stats_refuse_a_folder_that_is_not_a_project() {
    let tmp = tempdir();
    newscoder()
        .arg("validate")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not a newscoder project"));
    newscoder()
        .arg("stats")
        .arg(tmp.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a newscoder project"));
}

#[test]
fn stats_json_has_the_contract_shape() {
    let tmp = tempdir();
    small_project(tmp.path());
    let out = newscoder()
        .args(["stats", "--json"])
        .arg(tmp.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["documents"], 1);
    assert_eq!(v["coders"]["alice"]["spans"], 2);
    assert_eq!(v["coders"]["alice"]["labels"]["Person"], 2);
    assert_eq!(v["coders"]["alice"]["status"]["done"], 1);
    assert_eq!(v["coders"]["alice"]["status"]["not_started"], 0);
    assert_eq!(v["labels"]["Person"], 2);
    newscoder()
        .arg("stats")
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("alice: 2 spans"));
    // The table: labels in codebook order, then one line per document.
    let out = newscoder()
        .arg("stats")
        .arg(crate::util::example_project())
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let at = |s: &str| table.find(s).unwrap_or_else(|| panic!("{s:?} in {table}"));
    assert!(at("  Person ") < at("  Organization ") && at("  Organization ") < at("  Stance "));
    assert!(table.contains("per document (spans, status):"));
    assert!(table.contains("caracas-libre-0505"));
    assert!(table.contains(" in progress"));
}

#[test]
fn unknown_subcommands_and_missing_arguments_fail() {
    newscoder().arg("frobnicate").arg("x").assert().failure();
    newscoder().arg("validate").assert().failure();
    // A lone word that is no folder is a mistyped subcommand, not a
    // project to open in an empty window.
    newscoder()
        .arg("valdate")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "valdate: no such project folder; did you mean the subcommand `validate`?",
        ));
    newscoder()
        .args(["gui", "no-such-folder"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no-such-folder: no such project folder (see --help)",
        ));
}

#[test]
fn restore_lists_and_restores_earlier_versions() {
    let tmp = tempdir();
    small_project(tmp.path());
    newscoder()
        .arg("restore")
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("project.ron.bak"));
    let before = std::fs::read_to_string(tmp.path().join("project.ron")).unwrap();
    // The earlier project.ron predates the document: alice's file on it is
    // now an orphan, which restore says at once.
    newscoder()
        .arg("restore")
        .arg(tmp.path())
        .arg("project.ron.bak")
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: the project now has"));
    let after = std::fs::read_to_string(tmp.path().join("project.ron")).unwrap();
    assert_ne!(before, after);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("project.ron.bak")).unwrap(),
        before
    );
    // Restoring again swaps back, and all is well.
    newscoder()
        .arg("restore")
        .arg(tmp.path())
        .arg("project.ron")
        .assert()
        .success()
        .stderr("");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("project.ron")).unwrap(),
        before
    );
    newscoder()
        .arg("restore")
        .arg(tmp.path())
        .arg("../../etc/passwd")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no such backup"));
}

#[cfg(unix)]
#[test]
fn non_utf8_paths_work_and_are_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempdir();
    let project = tmp.path().join(std::ffi::OsStr::from_bytes(b"proj\xff"));
    newscoder().arg("new").arg(&project).assert().success();
    let article = tmp.path().join(std::ffi::OsStr::from_bytes(b"art\xe9.txt"));
    std::fs::write(&article, "Title\n\nBody text.").unwrap();
    newscoder()
        .arg("import")
        .arg(&project)
        .arg(&article)
        .assert()
        .success()
        .stdout(predicate::str::contains("art\u{fffd}.txt"));
    let dir = ProjectDir::open(&project).unwrap();
    assert_eq!(dir.project.documents[0].id, "art");
    newscoder().arg("validate").arg(&project).assert().success();
}
