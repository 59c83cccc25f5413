//! The command line shows text as text (no Rust debug escapes) and counts
//! in words ("1 document", not "1 documents").

use crate::util::{newscoder, tempdir, write};

const HINDI: &str = "वेनेज़ुएला की सेना में एकता";
const ARABIC: &str = "وحدة الجيش الفنزويلي";

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("newscoder runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

fn new_project(root: &std::path::Path) {
    newscoder().arg("new").arg(root).assert().success();
}

#[test]
fn import_prints_hindi_and_arabic_titles_as_text() {
    let tmp = tempdir();
    let p = tmp.path().join("study");
    new_project(&p);
    let files = tmp.path().join("in");
    std::fs::create_dir(&files).unwrap();
    let hindi = write(
        &files,
        "hindi.txt",
        format!("{HINDI}\n\nसेना ने राष्ट्रपति का समर्थन किया।\n"),
    );
    let arabic = write(
        &files,
        "arabic.txt",
        format!("{ARABIC}\n\nأعلن الجيش دعمه للرئيس.\n"),
    );
    let out = stdout_of(newscoder().arg("import").arg(&p).arg(&hindi).arg(&arabic));
    assert!(out.contains(&format!("“{HINDI}”")), "{out}");
    assert!(out.contains(&format!("“{ARABIC}”")), "{out}");
    assert!(!out.contains("\\u{"), "no debug escapes: {out}");
    assert!(
        out.contains("imported 2 documents, skipped 0 duplicates"),
        "{out}"
    );

    // Importing one of them again: the duplicate is counted in the singular.
    let out = newscoder()
        .arg("import")
        .arg(&p)
        .arg(&hindi)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("imported 0 documents, skipped 1 duplicate, refused 0, 0 warnings"),
        "{stdout}"
    );
}

#[test]
fn one_document_one_set_one_span_are_counted_in_the_singular() {
    let tmp = tempdir();
    let p = tmp.path().join("study");
    new_project(&p);
    let file = write(
        tmp.path(),
        "one.jsonl",
        format!(r#"{{"text": "{HINDI}", "label": [[0, 10, "Person"]]}}"#),
    );
    let out = stdout_of(
        newscoder()
            .arg("import")
            .arg(&p)
            .args(["--coder", "alice"])
            .arg(&file),
    );
    assert!(
        out.contains("coder alice: 1 span on 1 new and 0 existing documents"),
        "{out}"
    );

    let out = stdout_of(newscoder().arg("stats").arg(&p));
    assert!(out.starts_with("study: 1 document\n"), "{out}");
    assert!(out.contains("alice: 1 span;"), "{out}");

    let csv = tmp.path().join("out.csv");
    let out = stdout_of(
        newscoder()
            .arg("export")
            .arg(&p)
            .args(["--format", "csv", "--out"])
            .arg(&csv),
    );
    assert!(
        out.starts_with("exported 1 document (1 annotation set, 1 span)"),
        "{out}"
    );
}

#[test]
fn a_coder_name_with_a_newline_is_shown_escaped_not_broken() {
    let tmp = tempdir();
    let p = tmp.path().join("study");
    new_project(&p);
    let out = newscoder()
        .args(["import"])
        .arg(&p)
        .args(["--coder", "ali\nce", "--format", "jsonl"])
        .arg(write(
            tmp.path(),
            "a.jsonl",
            r#"{"text": "Maduro spoke.", "label": [[0, 6, "Person"]]}"#,
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // The note names the coder on one line, the newline visible as \n.
    assert!(
        stderr.contains("coder name “ali\\nce” is stored as"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("1 span (new document)"), "{stdout}");
}
