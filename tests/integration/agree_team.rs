//! `newscoder agree` with more than two coders: the all-coder alpha, the
//! pairwise table and its mean, in JSON and as text; errors.

use crate::util::{newscoder, tempdir};
use newscoder::model::*;
use newscoder::store::ProjectDir;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

/// Tokens: Maduro calls Guaido a puppet . Troops march in Caracas . (11)
const TEXT: &str = "Maduro calls Guaido a puppet. Troops march in Caracas.";

fn person(id: u32, start: usize, end: usize) -> Span {
    Span::new(SpanId(id), start, end, "Person")
}

/// d1 coded by alice, bob and carol; d2 by alice and bob; d3 by carol
/// only; dave and erin have coded nothing.
fn project(root: &Path) {
    let mut dir = ProjectDir::create(root, "team", Codebook::default_media()).unwrap();
    for id in ["d1", "d2", "d3"] {
        crate::agree::add_document(&mut dir, id, TEXT);
    }
    for c in ["alice", "bob", "carol", "dave", "erin"] {
        dir.add_coder(c).unwrap();
    }
    dir.save_project().unwrap();
    let sets: [(&str, &str, Vec<Span>); 6] = [
        ("alice", "d1", vec![person(1, 0, 6), person(2, 13, 19)]),
        ("bob", "d1", vec![person(1, 0, 6), person(2, 13, 21)]),
        ("carol", "d1", vec![person(1, 0, 6)]),
        ("alice", "d2", vec![person(1, 0, 6)]),
        ("bob", "d2", vec![person(1, 0, 6)]),
        ("carol", "d3", vec![person(1, 0, 6)]),
    ];
    for (coder, doc, spans) in sets {
        let mut set = AnnotationSet::new(doc, coder);
        set.status = Status::Done;
        for s in spans {
            set.put(s);
        }
        dir.save_set(&set).unwrap();
    }
}

fn agree(root: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    newscoder().arg("agree").arg(root).args(args).assert()
}

fn close(v: &Value, want: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((x - want).abs() < 1e-9, "{x} != {want}");
}

#[test]
fn three_coders_json_has_all_pairs_and_mean() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    let out = agree(&root, &["--coders", "alice", "bob", "carol", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["all", "coders", "mean", "pairs"]);
    assert_eq!(v["coders"], serde_json::json!(["alice", "bob", "carol"]));
    // d3 has one coder only; d1 has all three.
    assert_eq!(v["all"]["documents"], 2);
    assert_eq!(v["all"]["complete_documents"], 1);
    // Person over 22 + 33 token values: on d1 Maduro 3 of 3 yes, Guaido 2
    // of 3, "a" 1 of 3 (bob's span reaches it); on d2 Maduro 2 of 2. n = 55,
    // 8 yes; mismatched 2 + 2, so alpha = 1 − 54·4 / (2·8·47) = 67/94.
    let p = &v["all"]["labels"]["Person"];
    close(&p["token_alpha"], 67.0 / 94.0);
    let alpha_u = p["alpha_u"].as_f64().unwrap();
    assert!(alpha_u < 1.0 && alpha_u > 0.0, "{alpha_u}");
    assert!(v["all"]["labels"]["Event"]["token_alpha"].is_null());
    let pairs = v["pairs"].as_array().unwrap();
    let coders: Vec<&Value> = pairs.iter().map(|p| &p["coders"]).collect();
    assert_eq!(
        coders,
        [
            &serde_json::json!(["alice", "bob"]),
            &serde_json::json!(["alice", "carol"]),
            &serde_json::json!(["bob", "carol"]),
        ]
    );
    // Each pair is a full two-coder report.
    assert_eq!(pairs[0]["documents"], 2);
    assert_eq!(pairs[1]["documents"], 1);
    assert_eq!(pairs[0]["micro"]["exact"]["matches"], 2);
    close(&pairs[0]["micro"]["exact"]["f1"], 2.0 / 3.0);
    close(&pairs[0]["micro"]["overlap"]["f1"], 1.0);
    assert!(pairs[2]["labels"]["Person"]["token_kappa"].is_f64());
    assert!(pairs[2]["network"].is_object());
    // Exact F1 2/3 for every pair; overlap 1, 2/3, 2/3.
    close(&v["mean"]["exact_f1"], 2.0 / 3.0);
    close(&v["mean"]["overlap_f1"], 7.0 / 9.0);
}

#[test]
fn three_coders_readable_table() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    agree(&root, &["--coders", "alice", "bob", "carol"])
        .success()
        .stdout(
            predicate::str::contains(
                "Agreement of alice, bob and carol on 2 documents annotated by at least two \
                 of them (1 by all)",
            )
            .and(predicate::str::contains(
                "Krippendorff's alpha over all 3 coders",
            ))
            .and(predicate::str::is_match(r"Person\s+0\.713\s").unwrap())
            .and(predicate::str::is_match(r"alice – carol\s+1\s+0\.667\s+0\.667").unwrap())
            .and(predicate::str::is_match(r"mean of pairs\s+0\.667\s+0\.778").unwrap())
            .and(predicate::str::contains("token κ per label and pair")),
        );
    // --per-document adds each pair's full report.
    agree(
        &root,
        &["--coders", "alice", "bob", "carol", "--per-document"],
    )
    .success()
    .stdout(
        predicate::str::contains("Agreement of bob (A) and carol (B) on 1 document")
            .and(predicate::str::contains("disagreements")),
    );
}

#[test]
fn two_coders_keep_the_two_coder_shape() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    let out = agree(&root, &["--coders", "alice", "bob", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["coders"], serde_json::json!(["alice", "bob"]));
    assert!(v.get("pairs").is_none() && v["labels"]["Person"].is_object());
}

#[test]
fn team_errors() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    agree(&root, &["--coders", "alice", "bob", "zoe"])
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("unknown coder “zoe”"));
    agree(&root, &["--coders", "alice", "bob", "alice"])
        .code(1)
        .stderr(predicate::str::contains("“alice” was given twice"));
    agree(&root, &["--coders", "carol", "dave", "erin"])
        .code(1)
        .stderr(predicate::str::contains(
            "no document has been annotated by at least two of carol, dave, erin",
        ));
    let csv = tmp.path().join("dis.csv");
    agree(
        &root,
        &["--coders", "alice", "bob", "carol", "--disagreements"],
    )
    .code(2);
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "alice", "bob", "carol", "--disagreements"])
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("give exactly two names"));
    assert!(!csv.exists());
    agree(&root, &["--coders", "alice"])
        .code(2)
        .stderr(predicate::str::contains("--coders"));
}

#[test]
fn the_project_may_follow_the_coders() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    for coders in [&["alice", "bob"][..], &["alice", "bob", "carol"]] {
        let out = newscoder()
            .arg("agree")
            .arg("--coders")
            .args(coders)
            .arg(&root)
            .arg("--json")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["coders"], serde_json::json!(coders));
    }
    newscoder()
        .args(["agree", "--coders", "alice", "bob", "carol"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no project folder given"));
}
