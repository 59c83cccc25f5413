//! Messages an analyst can act on: where a duplicate is, which rule a name
//! breaks, what a too-deep file is, each OS error once, a BOM accepted, a
//! newscoder brat export folder explained.

use crate::util::{self, example_copy, newscoder, run_on, run_said, tempdir};
use std::path::Path;

/// Edits the example's `project.ron` with `edit`.
fn edit_project(p: &Path, edit: impl FnOnce(String) -> String) {
    let file = p.join("project.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, edit(text)).unwrap();
}

/// The line (1-based) of the `n`th line of `p`'s project.ron containing `needle`.
fn line_of(p: &Path, needle: &str, n: usize) -> usize {
    std::fs::read_to_string(p.join("project.ron"))
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(n - 1)
        .unwrap()
        .0
        + 1
}

#[test]
fn duplicates_are_reported_at_their_second_appearance() {
    // Format 1 kept actors in project.ron, where an id could repeat.
    let (_tmp, p) = util::format1_copy();
    edit_project(&p, |t| {
        t.replacen(
            "id: \"capitol-ledger-0502\"",
            "id: \"andes-tribune-0504\"",
            1,
        )
        .replacen("            id: 2,", "            id: 1,", 1)
        .replacen("(name: \"Organization\"", "(name: \"Person\"", 1)
    });
    let (ok, said) = run_on(&["validate"], &p);
    assert!(!ok);
    let doc = line_of(&p, "id: \"andes-tribune-0504\"", 2);
    let actor = line_of(&p, "            id: 1,", 2);
    let label = line_of(&p, "(name: \"Person\"", 2);
    for (line, what) in [
        (doc, "document id “andes-tribune-0504” appears twice"),
        (actor, "actor id 1 appears twice"),
        (label, "codebook: label “Person” appears twice"),
    ] {
        assert!(
            said.contains(&format!("project.ron:{line}:")),
            "{what} at {line}: {said}"
        );
        let at = said.find(what).unwrap_or_else(|| panic!("{what}: {said}"));
        let before = &said[..at];
        assert!(
            before
                .rsplit('\n')
                .next()
                .unwrap()
                .contains(&format!(":{line}:")),
            "{said}"
        );
    }
}

#[test]
fn unsafe_ids_say_which_rule_they_break_and_where() {
    let (_tmp, p) = example_copy();
    let long = "a".repeat(300);
    edit_project(&p, |t| {
        t.replacen("id: \"capitol-ledger-0502\"", &format!("id: \"{long}\""), 1)
            .replacen("id: \"andes-tribune-0504\"", "id: \"müller\"", 1)
            .replacen("id: \"caracas-libre-0505\"", "id: \"ab\0cd\"", 1)
    });
    let (ok, said) = run_on(&["validate"], &p);
    assert!(!ok);
    assert!(said.contains("300 characters long; at most 80"), "{said}");
    assert!(said.contains("the character “ü”"), "{said}");
    assert!(said.contains("U+0000"), "{said}");
    assert!(!said.contains("only letters, digits"), "{said}");
    let nul = line_of(&p, "ab\0cd", 1);
    assert!(
        said.contains(&format!("project.ron:{nul}:")),
        "NUL id at {nul}: {said}"
    );
    assert!(!said.contains(":1:1:"), "{said}");
}

#[test]
fn a_too_deep_file_is_explained_without_programmer_advice() {
    let (_tmp, p) = example_copy();
    let set = p.join("annotations/alice/andes-tribune-0504.ron");
    std::fs::write(
        &set,
        format!("(extra: {}{})", "[".repeat(500), "]".repeat(500)),
    )
    .unwrap();
    let (ok, said) = run_on(&["validate"], &p);
    assert!(!ok);
    assert!(said.contains("nested more than 64 levels deep"), "{said}");
    assert!(
        !said.contains("recursion_limit") && !said.contains("serde_stacker"),
        "{said}"
    );
}

#[test]
fn a_byte_order_mark_in_ron_is_accepted() {
    let (_tmp, p) = example_copy();
    edit_project(&p, |t| format!("\u{feff}{t}"));
    let set = p.join("annotations/alice/andes-tribune-0504.ron");
    let text = std::fs::read_to_string(&set).unwrap();
    std::fs::write(&set, format!("\u{feff}{text}")).unwrap();
    let (ok, said) = run_on(&["validate"], &p);
    assert!(ok, "{said}");
    let (ok, said) = run_on(&["stats"], &p);
    assert!(ok && said.contains("alice"), "{said}");
}

#[cfg(target_os = "linux")]
#[test]
fn os_errors_are_printed_once() {
    // A folder that cannot be created: /proc refuses new entries.
    let (ok, said) = run_on(&["new"], Path::new("/proc/newscoder-cannot-be-here"));
    assert!(!ok);
    // (It used to say “… (os error 2): No such file or directory (os error 2)”.)
    let os = std::io::Error::from_raw_os_error(libc::ENOENT).to_string();
    assert_eq!(said.matches(os.as_str()).count(), 1, "{said}");
}

#[test]
fn a_newscoder_brat_export_folder_is_explained() {
    let (_tmp, p) = example_copy();
    let out = tempdir();
    let brat = out.path().join("brat");
    newscoder()
        .args(["export", "--format", "brat", "--out"])
        .arg(&brat)
        .arg(&p)
        .assert()
        .success();
    let target = out.path().join("q");
    newscoder().arg("new").arg(&target).assert().success();
    let (ok, said) = run_said(
        newscoder()
            .args(["import", "--coder", "carol", "--format", "brat"])
            .arg(&target)
            .arg(&brat),
    );
    assert!(!ok);
    assert!(said.contains("one folder per coder"), "{said}");
    assert!(said.contains("alice/"), "{said}");
    // Importing the folder the message names works.
    newscoder()
        .args(["import", "--coder", "carol", "--format", "brat"])
        .arg(&target)
        .arg(brat.join("alice"))
        .assert()
        .success();
}
