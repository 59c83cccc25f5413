//! `newscoder agree`: exit codes, the JSON shape of docs/formats.md, "Agreement", the
//! readable table, the disagreements CSV, and the bundled example project.

use crate::util::{example_project, newscoder, tempdir};
use newscoder::model::*;
use newscoder::store::ProjectDir;
use newscoder::text::text_hash;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

const TEXT: &str = "Maduro calls Guaido a puppet. Troops march in Caracas.";

/// Adds document `id` (titled like its id) with `text` to `dir`'s list
/// and writes its text.
pub(crate) fn add_document(dir: &mut ProjectDir, id: &str, text: &str) {
    dir.write_text(id, text).unwrap();
    dir.project.documents.push(DocumentEntry {
        id: id.into(),
        title: id.into(),
        meta: Metadata::default(),
        text_hash: text_hash(text),
        chars: text.chars().count(),
    });
}

fn save(dir: &ProjectDir, coder: &str, doc: &str, status: Status, spans: Vec<Span>) {
    let mut set = AnnotationSet::new(doc, coder);
    set.status = status;
    for s in spans {
        set.put(s);
    }
    dir.save_set(&set).unwrap();
}

fn person(id: u32, start: usize, end: usize) -> Span {
    Span::new(SpanId(id), start, end, "Person")
}

/// Three documents: d1 coded by both, d2 only by alice (bob's file is
/// empty and not started), d3 by nobody.
fn project(root: &Path) {
    let mut dir = ProjectDir::create(root, "agree", Codebook::default_media()).unwrap();
    for id in ["d1", "d2", "d3"] {
        add_document(&mut dir, id, TEXT);
    }
    dir.add_coder("alice").unwrap();
    dir.add_coder("bob").unwrap();
    dir.add_coder("carol").unwrap();
    dir.save_project().unwrap();
    let mut stance = Span::new(SpanId(3), 7, 28, "Stance");
    stance.attrs.insert("polarity".into(), "oppose".into());
    let mut loc = Span::new(SpanId(4), 46, 53, "Location");
    loc.note = "the capital".into();
    save(
        &dir,
        "alice",
        "d1",
        Status::Done,
        vec![person(1, 0, 6), person(2, 13, 19), stance.clone(), loc],
    );
    let mut stance_b = stance;
    stance_b.attrs.insert("polarity".into(), "support".into());
    save(
        &dir,
        "bob",
        "d1",
        Status::InProgress,
        vec![
            person(1, 0, 6),
            person(2, 13, 21),
            stance_b,
            Span::new(SpanId(5), 46, 53, "State"),
        ],
    );
    save(&dir, "alice", "d2", Status::Done, vec![person(1, 0, 6)]);
    save(&dir, "bob", "d2", Status::NotStarted, vec![]);
}

fn agree_json(root: &Path, extra: &[&str]) -> Value {
    let out = newscoder()
        .arg("agree")
        .arg(root)
        .args(["--coders", "alice", "bob", "--json"])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("--json prints one JSON object")
}

#[test]
fn json_has_the_design_shape_and_the_figures() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    let v = agree_json(&root, &[]);
    assert_eq!(v["coders"], serde_json::json!(["alice", "bob"]));
    // d2 is not started and empty for bob; d3 has no files.
    assert_eq!(v["documents"], 1);
    let person = &v["labels"]["Person"];
    assert_eq!(person["a_spans"], 2);
    assert_eq!(person["exact"]["matches"], 1);
    assert_eq!(person["exact"]["precision"], 0.5);
    assert_eq!(person["overlap"]["f1"], 1.0);
    for key in ["token_kappa", "token_alpha", "alpha_u"] {
        assert!(person[key].is_f64(), "{key}");
    }
    assert!(v["labels"]["Event"]["token_kappa"].is_null());
    assert_eq!(v["micro"]["exact"]["matches"], 2);
    assert!(v["categories"]["Actor"]["token_kappa"].is_f64());
    assert_eq!(v["attributes"]["Stance.polarity"]["pairs"], 1);
    // One pair, oppose vs support: p_o = 0 and p_e = 0, so kappa is 0.
    assert_eq!(v["attributes"]["Stance.polarity"]["kappa"], 0.0);
    // No topic on either side: one value only, kappa undefined.
    assert!(v["attributes"]["Stance.topic"]["kappa"].is_null());
    for key in ["actors", "statements", "events", "network"] {
        assert!(v[key].is_object(), "{key}");
    }
    assert_eq!(v["statements"]["a"], 1);
    assert_eq!(v["statements"]["matches"], 0);
    assert!(v.get("per_document").is_none());
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 11, "{keys:?}");
    assert!(v["variables"].is_object());
}

#[test]
fn per_document_and_disagreements_file() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let csv_path = tmp.path().join("out/dis.csv");
    let v = agree_json(
        &root,
        &[
            "--per-document",
            "--disagreements",
            csv_path.to_str().unwrap(),
        ],
    );
    let d1 = &v["per_document"]["d1"];
    assert_eq!(d1["a_spans"], 4);
    assert_eq!(d1["disagreements"], 3);
    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let kinds: Vec<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
    assert_eq!(
        kinds,
        ["attribute_differs", "boundary_differs", "label_differs"]
    );

    // Never over a project file, never into a folder that is not there.
    let set = root.join("annotations/alice/d1.ron");
    let before = std::fs::read(&set).unwrap();
    for (target, message) in [
        (set.clone(), "is one of the project's own files"),
        (tmp.path().join("nowhere/dis.csv"), "no such folder"),
    ] {
        newscoder()
            .arg("agree")
            .arg(&root)
            .args(["--coders", "alice", "bob", "--disagreements"])
            .arg(&target)
            .assert()
            .failure()
            .stderr(predicates::str::contains(message));
    }
    assert_eq!(std::fs::read(&set).unwrap(), before);
    assert!(!tmp.path().join("nowhere").exists());
}

#[test]
fn readable_table_by_default() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "alice", "bob", "--per-document"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Agreement of alice (A) and bob (B) on 1 document")
                .and(predicate::str::contains("exact F1"))
                .and(predicate::str::contains("alpha_u"))
                .and(predicate::str::contains("Person"))
                .and(predicate::str::contains("statements:"))
                .and(predicate::str::contains("network:"))
                .and(predicate::str::contains("disagreements")),
        );
}

#[test]
fn unknown_coder_is_an_error() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "alice", "zoe"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("unknown coder “zoe”")
                .and(predicate::str::contains("alice, bob, carol")),
        );
}

#[test]
fn coders_without_shared_documents_is_an_error() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "alice", "carol", "--json"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "have not both annotated any document",
        ));
}

#[test]
fn empty_project_and_same_coder_are_errors() {
    let tmp = tempdir();
    let root = tmp.path().join("empty");
    ProjectDir::create(&root, "empty", Codebook::default_media()).unwrap();
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "a", "b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no documents"));
    let root = tmp.path().join("p");
    project(&root);
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "bob", "bob"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("given twice"));
    newscoder()
        .arg("agree")
        .arg(tmp.path().join("missing"))
        .args(["--coders", "a", "b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a newscoder project"));
}

#[test]
fn unreadable_annotation_file_names_the_file() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    std::fs::write(
        root.join("annotations/bob/d1.ron"),
        "(document: \"d1\", spans: [",
    )
    .unwrap();
    let csv_path = tmp.path().join("dis.csv");
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "alice", "bob", "--disagreements"])
        .arg(&csv_path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("d1.ron:1:"));
    assert!(
        !csv_path.exists(),
        "nothing is written when the report fails"
    );
}

#[test]
fn spans_export_refuses_are_refused_by_agree_too() {
    // A reversed span, an empty one and one past the text: `export`
    // refuses them; `agree` used to score them. Both coders and three
    // coders, the same refusal naming the file.
    for bad in [person(9, 6, 0), person(9, 3, 3), person(9, 40, 4000)] {
        let tmp = tempdir();
        let root = tmp.path().join("p");
        project(&root);
        let dir = ProjectDir::open(&root).unwrap();
        save(&dir, "bob", "d1", Status::Done, vec![person(1, 0, 6), bad]);
        for coders in [&["alice", "bob"][..], &["alice", "bob", "carol"]] {
            newscoder()
                .arg("agree")
                .arg(&root)
                .arg("--coders")
                .args(coders)
                .assert()
                .code(1)
                .stderr(predicate::str::contains("bob"))
                .stderr(predicate::str::contains("d1.ron: span 9 has range"))
                .stderr(predicate::str::contains("outside the text"));
        }
    }
    // A text changed after import: offsets would land elsewhere.
    let tmp = tempdir();
    let root = tmp.path().join("p");
    project(&root);
    std::fs::write(root.join("documents/d1.txt"), "Something else entirely.").unwrap();
    newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "alice", "bob"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("text has changed since import"));
}

#[test]
fn example_project_alice_and_bob() {
    let tmp = tempdir();
    let csv_path = tmp.path().join("dis.csv");
    let v = agree_json(
        &example_project(),
        &[
            "--per-document",
            "--disagreements",
            csv_path.to_str().unwrap(),
        ],
    );
    let docs = v["documents"].as_u64().unwrap();
    assert!(docs >= 1);
    assert_eq!(v["per_document"].as_object().unwrap().len() as u64, docs);
    let f1 = v["micro"]["exact"]["f1"].as_f64().unwrap();
    assert!(
        f1 > 0.0 && f1 < 1.0,
        "the coders agree on most spans, not all: {f1}"
    );
    for (name, l) in v["labels"].as_object().unwrap() {
        for key in ["token_kappa", "token_alpha", "alpha_u"] {
            if let Some(x) = l[key].as_f64() {
                assert!(x <= 1.0 && x.is_finite(), "{name}.{key} = {x}");
            }
        }
    }
    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let kinds: std::collections::BTreeSet<String> =
        r.records().map(|x| x.unwrap()[0].to_string()).collect();
    assert!(kinds.len() >= 4, "several kinds of disagreement: {kinds:?}");
}

/// A pre-annotated line with an empty label list is that coder's "nothing
/// to tag": the other coder's spans on it are misses, not ignored.
#[test]
fn an_imported_line_without_labels_is_compared() {
    let tmp = tempdir();
    let root = tmp.path().join("p");
    newscoder().arg("new").arg(&root).assert().success();
    let one = "Maduro spoke in Caracas.";
    let two = "Guaido called for protests.";
    let carol = crate::util::write(
        tmp.path(),
        "carol.jsonl",
        format!(
            "{{\"text\": \"{one}\", \"label\": [[0, 6, \"Person\"]]}}\n\
             {{\"text\": \"{two}\", \"label\": [[0, 6, \"Person\"]]}}\n"
        ),
    );
    let zoe = crate::util::write(
        tmp.path(),
        "zoe.jsonl",
        format!(
            "{{\"text\": \"{one}\", \"label\": [[0, 6, \"Person\"]]}}\n\
             {{\"text\": \"{two}\", \"label\": []}}\n"
        ),
    );
    for (coder, file) in [("carol", &carol), ("zoe", &zoe)] {
        newscoder()
            .arg("import")
            .arg(&root)
            .args(["--coder", coder, "--format", "jsonl"])
            .arg(file)
            .assert()
            .success();
    }
    let out = newscoder()
        .arg("agree")
        .arg(&root)
        .args(["--coders", "carol", "zoe", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["documents"], 2, "{v}");
    assert_eq!(v["labels"]["Person"]["a_spans"], 2);
    assert_eq!(v["labels"]["Person"]["b_spans"], 1);
}
