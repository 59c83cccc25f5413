//! The `newscoder export` command line: every format, errors on stderr
//! with a non-zero exit, and nothing written (or overwritten) on failure.

use super::fixture;
use crate::util::{newscoder, tempdir, write};
use predicates::str::contains;
use std::path::Path;

/// Every entry of a folder, sorted, for "nothing was written" checks.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_format_from_the_command_line() {
    let tmp = tempdir();
    let project = tmp.path().join("p");
    fixture(&project);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for (format, name) in [
        ("jsonl", "a.jsonl"),
        ("prodigy", "a.prodigy.jsonl"),
        ("conll", "a.conll"),
        ("csv", "spans.csv"),
        ("brat", "brat"),
        ("graphml", "a.graphml"),
        ("network-csv", "edges.csv"),
    ] {
        let run = newscoder()
            .arg("export")
            .arg(&project)
            .args(["--format", format, "--out"])
            .arg(out.join(name))
            .assert()
            .success()
            .stdout(contains(
                "exported 2 documents (3 annotation sets, 24 spans)",
            ));
        assert!(out.join(name).exists(), "{format}");
        // CoNLL has no coder column: mixing coders is said, not silent.
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
        assert_eq!(
            stderr.contains(
                "conll without --coder holds one block per document and coder (alice, bob)"
            ),
            format == "conll",
            "{format}: {stderr}"
        );
    }
    assert!(out.join("spans.documents.csv").is_file());
    assert_eq!(
        listing(&out),
        [
            "a.conll",
            "a.graphml",
            "a.jsonl",
            "a.prodigy.jsonl",
            "brat",
            "edges.csv",
            "spans.codes.csv",
            "spans.csv",
            "spans.documents.csv"
        ],
        "no temporary files are left behind"
    );
    newscoder()
        .arg("export")
        .arg(&project)
        .args([
            "--format",
            "conll",
            "--category",
            "Event",
            "--coder",
            "alice",
            "--done-only",
            "--out",
        ])
        .arg(out.join("events.conll"))
        .assert()
        .success()
        .stdout(contains("exported 2 documents (2 annotation sets"));
    newscoder()
        .arg("export")
        .arg(&project)
        .args(["--format", "conll", "--out"])
        .arg(out.join("overlap.conll"))
        .assert()
        .success()
        .stderr(contains(
            "warning: d1 (bob): span 1 (0..6, Person) overlaps span 2",
        ));
}

#[test]
fn errors_exit_non_zero_and_leave_the_target_alone() {
    let tmp = tempdir();
    let project = tmp.path().join("p");
    fixture(&project);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let old = write(&out, "keep.conll", "previous export\n");
    let fail = |args: &[&str], target: &Path, message: &str| {
        newscoder()
            .arg("export")
            .arg(&project)
            .args(args)
            .arg("--out")
            .arg(target)
            .assert()
            .failure()
            .stderr(contains(message));
    };
    fail(
        &["--format", "jsonl", "--coder", "zoe"],
        &out.join("x.jsonl"),
        "unknown coder “zoe” (coders of this project: alice, bob)",
    );
    fail(
        &["--format", "conll", "--category", "Nope"],
        &old,
        "unknown category “Nope”",
    );
    fail(
        &["--format", "csv", "--category", "Actor"],
        &out.join("x.csv"),
        "--category applies only to --format conll",
    );
    fail(
        &["--format", "xml"],
        &out.join("x.xml"),
        "unknown format “xml”",
    );
    fail(
        &["--format", "jsonl"],
        &tmp.path().join("missing/x.jsonl"),
        "does not exist",
    );
    fail(&["--format", "jsonl"], &out, "is a folder");
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "previous export\n");
    assert_eq!(listing(&out), ["keep.conll"]);

    // A folder of other files is never replaced by a brat export...
    let other = out.join("mine");
    write(&other, "notes.md", "my notes");
    fail(&["--format", "brat"], &other, "holds other files");
    assert_eq!(listing(&other), ["notes.md"]);
    // ...but an earlier brat export is.
    for _ in 0..2 {
        newscoder()
            .arg("export")
            .arg(&project)
            .args(["--format", "brat", "--coder", "alice", "--out"])
            .arg(out.join("brat"))
            .assert()
            .success();
    }
    assert!(listing(&out.join("brat")).contains(&"d1.ann".to_string()));

    // The project's own files are never an export's target, however named.
    let own = std::fs::read(project.join("project.ron")).unwrap();
    fail(
        &["--format", "csv"],
        &project.join("project.ron"),
        "is one of the project's own files",
    );
    fail(
        &["--format", "jsonl"],
        &project.join("documents/../documents/d1.txt"),
        "is one of the project's own files",
    );
    fail(
        &["--format", "csv"],
        &project.join("annotations/alice/new.csv"),
        "is one of the project's own files",
    );
    assert_eq!(std::fs::read(project.join("project.ron")).unwrap(), own);
    // Beside them, in the project folder, is fine.
    newscoder()
        .arg("export")
        .arg(&project)
        .args(["--format", "jsonl", "--out"])
        .arg(project.join("exported.jsonl"))
        .assert()
        .success();

    newscoder()
        .arg("export")
        .arg(tmp.path().join("no-project"))
        .args(["--format", "jsonl", "--out"])
        .arg(out.join("y.jsonl"))
        .assert()
        .failure()
        .stderr(contains("not a newscoder project"));
}

#[test]
fn brat_and_jsonl_import_back_from_the_command_line() {
    let tmp = tempdir();
    let project = tmp.path().join("p");
    fixture(&project);
    newscoder()
        .arg("export")
        .arg(&project)
        .args(["--format", "brat", "--out"])
        .arg(tmp.path().join("brat"))
        .assert()
        .success();
    newscoder()
        .arg("export")
        .arg(&project)
        .args(["--format", "jsonl", "--coder", "bob", "--out"])
        .arg(tmp.path().join("bob.jsonl"))
        .assert()
        .success();
    let fresh = tmp.path().join("fresh");
    newscoder().arg("new").arg(&fresh).assert().success();
    newscoder()
        .arg("import")
        .arg(&fresh)
        .args(["--coder", "alice", "--format", "brat"])
        .arg(tmp.path().join("brat/alice"))
        .assert()
        .success()
        .stdout(contains("coder alice: 20 spans on 2 new"));
    newscoder()
        .arg("import")
        .arg(&fresh)
        .args(["--coder", "bob"])
        .arg(tmp.path().join("bob.jsonl"))
        .assert()
        .success()
        .stdout(contains("coder bob: 4 spans on 0 new and 1 existing"));
    newscoder().arg("validate").arg(&fresh).assert().success();
}

#[test]
fn broken_project_files_stop_the_export_and_name_the_file() {
    let tmp = tempdir();
    let project = tmp.path().join("p");
    fixture(&project);
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let run = |message: &str| {
        newscoder()
            .arg("export")
            .arg(&project)
            .args(["--format", "jsonl", "--out"])
            .arg(out.join("x.jsonl"))
            .assert()
            .failure()
            .stderr(contains(message));
        assert!(listing(&out).is_empty(), "nothing is written");
    };
    // An annotation file that does not parse: its path, line and column.
    let set = project.join("annotations/bob/d1.ron");
    let good = std::fs::read_to_string(&set).unwrap();
    std::fs::write(&set, good.replacen("spans: [", "spans: [ oops", 1)).unwrap();
    run("annotations/bob/d1.ron:");
    std::fs::write(&set, &good).unwrap();
    // A text changed after import: its offsets no longer hold.
    let text = project.join("documents/d2.txt");
    let original = std::fs::read_to_string(&text).unwrap();
    std::fs::write(&text, format!("x{original}")).unwrap();
    run("documents/d2.txt: text has changed since import");
}
