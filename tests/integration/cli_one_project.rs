//! Every command sees the same project: a key written twice in a RON map
//! is refused by all of them with its place, and a coder listed twice is
//! one coder.

use crate::util::{self, example_copy, newscoder, run_on, tempdir};

#[test]
fn a_map_key_written_twice_is_refused_with_its_place_by_every_command() {
    let (_tmp, p) = example_copy();
    let set = p.join("annotations/alice/andes-tribune-0504.ron");
    let text = std::fs::read_to_string(&set).unwrap();
    let twice = text.replacen(
        r#"attrs: {"polarity": "support"}"#,
        r#"attrs: {"polarity": "support", "polarity": "oppose"}"#,
        1,
    );
    assert_ne!(twice, text);
    let line = twice
        .lines()
        .position(|l| l.contains(r#""polarity": "oppose""#))
        .unwrap()
        + 1;
    std::fs::write(&set, twice).unwrap();
    let out = tempdir();
    let jsonl = out.path().join("x.jsonl");
    for args in [
        &["validate"][..],
        &["stats"],
        &[
            "export",
            "--format",
            "jsonl",
            "--out",
            jsonl.to_str().unwrap(),
        ],
        &["agree", "--coders", "alice", "bob"],
    ] {
        let (ok, said) = run_on(args, &p);
        assert!(!ok, "{args:?} accepted it: {said}");
        assert!(
            said.contains(&format!("andes-tribune-0504.ron:{line}:")),
            "{args:?}: {said}"
        );
        assert!(
            said.contains("“polarity” is written twice"),
            "{args:?}: {said}"
        );
    }
}

#[test]
fn a_coder_listed_twice_is_one_coder() {
    // Format 1 listed coders in project.ron, where one could repeat.
    let (_tmp, p) = util::format1_copy();
    let out = tempdir();
    let export = |name: &str| {
        let file = out.path().join(name);
        newscoder()
            .args(["export", "--format", "jsonl", "--out"])
            .arg(&file)
            .arg(&p)
            .assert()
            .success();
        std::fs::read_to_string(file).unwrap().lines().count()
    };
    let once = export("once.jsonl");
    let file = p.join("project.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "        \"bob\",\n",
            "        \"bob\",\n        \"alice\",\n",
            1,
        ),
    )
    .unwrap();
    assert_eq!(export("twice.jsonl"), once, "export rows doubled");
    let (ok, said) = run_on(&["validate"], &p);
    assert!(!ok);
    assert!(
        said.contains("project.ron:386:9: coder “alice” is listed twice"),
        "{said}"
    );
    let (_, stats) = run_on(&["stats"], &p);
    assert_eq!(stats.matches("alice:").count(), 1, "{stats}");
}

/// `ALICE` and `alice` are one folder on macOS and Windows: every command
/// takes a known coder's name in any case as that coder, and `validate`
/// reports two folders that differ only in case.
#[test]
fn coder_names_differing_only_in_case_are_one_coder() {
    let (_tmp, p) = example_copy();
    let out = tempdir();
    let export = |coder: &str, name: &str| {
        let file = out.path().join(name);
        newscoder()
            .args(["export", "--format", "jsonl", "--coder", coder, "--out"])
            .arg(&file)
            .arg(&p)
            .assert()
            .success();
        std::fs::read_to_string(file).unwrap()
    };
    assert_eq!(
        export("ALICE", "upper.jsonl"),
        export("alice", "lower.jsonl")
    );
    let json = |a: &str, b: &str| {
        let out = newscoder()
            .args(["agree", "--json", "--coders", a, b])
            .arg(&p)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["labels"].clone()
    };
    assert_eq!(json("Alice", "BOB"), json("alice", "bob"));
    // The window's session takes the project's spelling too.
    let s = newscoder::session::Session::open(&p, "ALICE").unwrap();
    assert_eq!(s.coder(), "alice");
    drop(s);
    assert!(!p.join("annotations/ALICE").exists());
    // Two folders that differ only in case (possible on Linux) are reported.
    std::fs::create_dir_all(p.join("annotations/Bob")).unwrap();
    let (ok, said) = run_on(&["validate"], &p);
    assert!(!ok);
    assert!(said.contains("differ only in case"), "{said}");
}
