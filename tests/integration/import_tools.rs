//! Pre-annotated imports of files shaped like each tool's own output:
//! doccano's JSON array export, doccano relation extraction, Prodigy
//! `ner.teach` answers (accept / reject / ignore, several accepted answers
//! on one text), each exported again as `jsonl` and compared; and
//! `--skip-invalid`.

use crate::util::{newscoder, tempdir, write};
use newscoder::store::ProjectDir;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn new_project(root: &Path) -> PathBuf {
    let p = root.join("proj");
    newscoder().arg("new").arg(&p).assert().success();
    p
}

fn import(p: &Path, args: &[&str], files: &[&Path]) -> assert_cmd::assert::Assert {
    newscoder()
        .arg("import")
        .arg(p)
        .args(args)
        .args(files)
        .assert()
}

/// The `jsonl` export of `coder`, one JSON object per line, by text.
fn export_by_text(p: &Path, coder: &str) -> BTreeMap<String, Value> {
    let out = p.parent().unwrap().join(format!("{coder}.jsonl"));
    newscoder()
        .arg("export")
        .arg(p)
        .args(["--format", "jsonl", "--coder", coder, "--out"])
        .arg(&out)
        .assert()
        .success();
    std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["text"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

/// `[start, end, label]` triples, sorted.
fn triples(v: &Value) -> Vec<(u64, u64, String)> {
    let mut out: Vec<(u64, u64, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t[0].as_u64().unwrap(),
                t[1].as_u64().unwrap(),
                t[2].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_doccano_json_array_export_imports_and_exports_back_the_same() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    // doccano's JSON export: one array, pretty-printed, `label` triples or
    // `entities` triples, a meta object with values of every JSON type.
    let records = json!([
        {"id": 1, "text": "Maduro met Putin in Moscow.",
         "label": [[0, 6, "Person"], [11, 16, "Person"], [20, 26, "Place"]],
         "meta": {"source": "AP", "cats": ["flight"], "page": 3, "score": 0.5,
                  "extra": {"a": 1}, "reviewed": true, "note": "plain"},
         "Comments": []},
        {"id": 2, "text": "Guaido spoke in Caracas.",
         "entities": [[0, 6, "Person"], [16, 23, "Place"]], "Comments": []}
    ]);
    let file = write(
        tmp.path(),
        "doccano.json",
        serde_json::to_string_pretty(&records).unwrap(),
    );
    import(&p, &["--coder", "ann"], &[&file])
        .success()
        .stdout(contains("5 spans on 2 new"));
    let out = export_by_text(&p, "ann");
    for record in records.as_array().unwrap() {
        let line = &out[record["text"].as_str().unwrap()];
        let given = record.get("label").or(record.get("entities")).unwrap();
        assert_eq!(triples(&line["label"]), triples(given));
    }
    // Every meta value comes back as the JSON it was (source is the outlet).
    let meta = &out["Maduro met Putin in Moscow."]["meta"];
    assert_eq!(meta["outlet"], "AP");
    for key in ["cats", "page", "score", "extra", "reviewed", "note"] {
        assert_eq!(meta[key], records[0]["meta"][key], "{key}");
    }
    // And the export imports back unchanged.
    let again = p.parent().unwrap().join("ann.jsonl");
    import(&p, &["--coder", "ann", "--format", "jsonl"], &[&again])
        .success()
        .stdout(contains("(2 unchanged)"));
}

#[test]
fn doccano_relation_extraction_becomes_links_and_round_trips() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let line = json!({"id": 9, "text": "Google was founded by Larry Page and Sergey Brin.",
        "entities": [
            {"id": 10, "label": "ORG", "start_offset": 0, "end_offset": 6},
            {"id": 11, "label": "PER", "start_offset": 22, "end_offset": 32},
            {"id": 12, "label": "PER", "start_offset": 37, "end_offset": 48}],
        "relations": [
            {"id": 1, "from_id": 10, "to_id": 11, "type": "founded_by"},
            {"id": 2, "from_id": 10, "to_id": 12, "type": "founded_by"}],
        "Comments": []});
    let file = write(tmp.path(), "rel.jsonl", format!("{line}\n"));
    import(&p, &["--coder", "ann"], &[&file]).success();
    let out = export_by_text(&p, "ann");
    let exported = out.values().next().unwrap();
    let spans = exported["spans"].as_array().unwrap();
    let id_of = |text: &str| spans.iter().find(|s| s["text"] == text).unwrap()["id"].clone();
    let google = spans.iter().find(|s| s["text"] == "Google").unwrap();
    assert_eq!(
        google["links"]["founded_by"],
        json!([id_of("Larry Page"), id_of("Sergey Brin")])
    );
    // Into another project, from the export: the same spans and links.
    let q = tmp.path().join("other");
    newscoder().arg("new").arg(&q).assert().success();
    let file = p.parent().unwrap().join("ann.jsonl");
    import(&q, &["--coder", "ann"], &[&file]).success();
    let back = export_by_text(&q, "ann");
    let back = back.values().next().unwrap();
    assert_eq!(back["label"], exported["label"]);
    assert_eq!(back["spans"], exported["spans"]);
}

#[test]
fn prodigy_ner_teach_answers_merge_on_one_text() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let text = "Maduro met Putin in Moscow.";
    let task = |start: u64, end: u64, label: &str, answer: &str, score: f64| {
        json!({"text": text, "_input_hash": 101, "_task_hash": start,
               "tokens": [], "spans": [{"start": start, "end": end, "label": label,
               "text": &text[start as usize..end as usize], "score": score}],
               "meta": {"score": score, "pattern": 3}, "answer": answer,
               "_view_id": "ner"})
    };
    let lines = [
        task(0, 6, "PERSON", "accept", 0.9),
        task(0, 6, "GPE", "reject", 0.4),
        task(11, 16, "PERSON", "accept", 0.8),
        task(20, 26, "GPE", "ignore", 0.5),
        // ner.correct on the same text: one span twice, one new.
        json!({"text": text, "spans": [
            {"start": 0, "end": 6, "label": "PERSON"},
            {"start": 20, "end": 26, "label": "GPE"}], "answer": "accept"}),
        task(0, 6, "PERSON", "accept", 0.7),
    ];
    let mut content = String::new();
    for l in &lines {
        content.push_str(&l.to_string());
        content.push('\n');
    }
    content.push_str(
        &json!({"text": "Guaido spoke.", "spans": [{"start": 0, "end": 6, "label": "PERSON"}],
                "answer": "accept"})
        .to_string(),
    );
    let file = write(tmp.path(), "teach.jsonl", content);
    import(&p, &["--coder", "ann"], &[&file])
        .success()
        .stdout(contains(
            "Prodigy answers: 5 accept, 1 ignore, 1 reject (only accepted lines are imported)",
        ))
        .stdout(contains(
            "3 lines merged into the document of an earlier line with the same text",
        ))
        .stdout(contains("4 spans on 2 new"))
        .stderr(contains(
            "2 Prodigy answers other than \"accept\" left out (1 ignore, 1 reject)",
        ));
    let out = export_by_text(&p, "ann");
    assert_eq!(
        triples(&out[text]["label"]),
        [
            (0, 6, "PERSON".to_string()),
            (11, 16, "PERSON".to_string()),
            (20, 26, "GPE".to_string())
        ]
    );
    // The first accepted line's meta, numbers kept as numbers.
    assert_eq!(out[text]["meta"]["score"], json!(0.9));
    assert_eq!(out[text]["meta"]["pattern"], json!(3));
    let dir = ProjectDir::open(&p).unwrap();
    assert_eq!(dir.project.documents.len(), 2);
}

/// Four lines: 1 and 4 are good, 2 is not JSON, 3 has a span past the
/// text's end; 5 repeats line 1's text with other spans.
fn mixed_lines(dir: &Path) -> PathBuf {
    write(
        dir,
        "mixed.jsonl",
        concat!(
            r#"{"text": "Maduro spoke.", "label": [[0, 6, "Person"]]}"#,
            "\n",
            "{not json\n",
            r#"{"text": "Short.", "label": [[0, 60, "Person"]]}"#,
            "\n",
            r#"{"text": "Guaido spoke.", "label": [[0, 6, "Person"]]}"#,
            "\n",
            r#"{"text": "Maduro spoke.", "label": [[7, 12, "Event"]]}"#,
            "\n",
        ),
    )
}

#[test]
fn without_skip_invalid_nothing_is_imported_and_the_flag_is_named() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = mixed_lines(tmp.path());
    import(&p, &["--coder", "ann"], &[&file])
        .failure()
        .stderr(contains("mixed.jsonl:2: is not valid JSON"))
        .stderr(contains("mixed.jsonl:3: span #1 (0..60"))
        .stderr(contains(
            "2 lines or records are invalid; --skip-invalid imports the others",
        ));
    assert!(ProjectDir::open(&p).unwrap().project.documents.is_empty());
}

#[test]
fn skip_invalid_imports_the_valid_lines_and_lists_the_others() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = mixed_lines(tmp.path());
    let shown = file.display().to_string();
    import(&p, &["--coder", "ann", "--skip-invalid"], &[&file])
        .success()
        .stderr(contains(format!("skipped: {shown}:2: is not valid JSON")))
        .stderr(contains(format!("skipped: {shown}:3: span #1 (0..60")))
        .stderr(contains(format!(
            "skipped: {shown}:5: same text as {shown}:1, but with different annotations"
        )))
        .stderr(contains(format!("{shown}:1:")).not())
        .stdout(contains("2 spans on 2 new"))
        .stdout(contains("; skipped 3 invalid records"));
    let dir = ProjectDir::open(&p).unwrap();
    let titles: Vec<&str> = dir
        .project
        .documents
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles, ["Maduro spoke.", "Guaido spoke."]);
}

#[test]
fn skip_invalid_names_records_of_a_json_array_and_brat_documents() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "export.json",
        "[\n  {\"text\": \"Maduro spoke.\", \"label\": [[0, 6, \"Person\"]]},\n  \
         {\"text\": \"Short.\", \"label\": [[3, 2, \"Person\"]]}\n]\n",
    );
    let shown = file.display().to_string();
    import(&p, &["--coder", "ann"], &[&file])
        .failure()
        .stderr(contains(format!("{shown}:3 (record 2): span #1 (3..2")));
    import(&p, &["--coder", "ann", "--skip-invalid"], &[&file])
        .success()
        .stderr(contains(format!("skipped: {shown}:3 (record 2): span #1")))
        .stdout(contains("1 span on 1 new"));
    let dir = ProjectDir::open(&p).unwrap();
    assert_eq!(dir.project.documents[0].meta.source_file, "export.json");

    // brat: a document with a bad line is left out whole.
    let brat = tmp.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    write(&brat, "a.txt", "Putin spoke.");
    write(&brat, "a.ann", "T1\tPerson 0 5\tPutin\n");
    write(&brat, "b.txt", "Trump spoke.");
    write(&brat, "b.ann", "T1\tPerson 0 5\tTrump\nX9 nonsense\n");
    import(
        &p,
        &["--coder", "bob", "--format", "brat", "--skip-invalid"],
        &[&brat],
    )
    .success()
    .stderr(contains("b.ann:2:"))
    .stdout(contains("1 span on 1 new"))
    .stdout(contains("skipped 1 invalid record"));
    assert_eq!(ProjectDir::open(&p).unwrap().project.documents.len(), 2);
}

#[test]
fn suggestions_skip_invalid_lines_too() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "model.jsonl",
        concat!(
            r#"{"text": "Maduro spoke.", "spans": [{"start": 0, "end": 6, "label": "Person"}]}"#,
            "\n",
            r#"{"text": "Short.", "spans": [{"start": 0, "end": 99, "label": "Person"}]}"#,
            "\n",
        ),
    );
    import(&p, &["--suggestions"], &[&file])
        .failure()
        .stderr(contains("1 line or record is invalid; --skip-invalid"));
    import(&p, &["--suggestions", "--skip-invalid"], &[&file])
        .success()
        .stderr(contains("model.jsonl:2: span #1 (0..99"))
        .stdout(contains("coder suggestions: 1 span on 1 new"))
        .stdout(contains("; skipped 1 invalid record"));
}
