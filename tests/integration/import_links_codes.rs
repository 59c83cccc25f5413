//! Imports of other tools' real-shaped data with several links in one role
//! (brat events with `Theme`, `Theme2`, repeated `R` lines, doccano's
//! "founded by two people", Prodigy relations with two heads or two
//! children) and with codes of the whole document (doccano text
//! classification, Prodigy choice answers, spaCy `cats`).

use crate::util::{newscoder, tempdir, write};
use newscoder::model::{AnnotationSet, CodeValue, RoleArity, SpanId, VariableKind};
use newscoder::store::ProjectDir;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::path::{Path, PathBuf};

fn new_project(root: &Path) -> PathBuf {
    let p = root.join("proj");
    newscoder().arg("new").arg(&p).assert().success();
    p
}

/// The only set of `coder` in the project.
fn only_set(p: &Path, coder: &str) -> AnnotationSet {
    let dir = ProjectDir::open(p).unwrap();
    assert_eq!(dir.project.documents.len(), 1);
    dir.load_set(coder, &dir.project.documents[0].id)
        .unwrap()
        .unwrap()
}

/// The texts a span's links in `role` point to, sorted.
fn targets(p: &Path, set: &AnnotationSet, from: &str, role: &str) -> Vec<String> {
    let dir = ProjectDir::open(p).unwrap();
    let text = dir.read_text(&set.document).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let covered = |id: &SpanId| -> String {
        let s = set.spans.iter().find(|s| s.id == *id).unwrap();
        chars[s.start..s.end].iter().collect()
    };
    let span = set
        .spans
        .iter()
        .find(|s| covered(&s.id) == from)
        .unwrap_or_else(|| panic!("no span on {from}"));
    let mut out: Vec<String> = span.targets(role).iter().map(covered).collect();
    out.sort();
    out
}

fn import(p: &Path, format: &str, file: &Path) -> assert_cmd::assert::Assert {
    newscoder()
        .arg("import")
        .arg(p)
        .args(["--coder", "ann", "--format", format])
        .arg(file)
        .assert()
}

#[test]
fn a_brat_event_with_two_themes_and_repeated_relations_keeps_every_link() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let folder = tmp.path().join("bionlp");
    std::fs::create_dir(&folder).unwrap();
    write(
        &folder,
        "PMID-1.txt",
        "IL-4 and IL-13 bind to the receptor complex, which activates STAT6.\n",
    );
    write(
        &folder,
        "PMID-1.ann",
        concat!(
            "T1\tProtein 0 4\tIL-4\n",
            "T2\tProtein 9 14\tIL-13\n",
            "T3\tBinding 15 19\tbind\n",
            "T4\tComplex 27 43\treceptor complex\n",
            "T5\tPositive_regulation 51 60\tactivates\n",
            "T6\tProtein 61 66\tSTAT6\n",
            "E1\tBinding:T3 Theme:T1 Theme2:T2 Site:T4\n",
            "E2\tPositive_regulation:T5 Theme:T6 Cause:E1\n",
            "R1\tPart-of Arg1:T4 Arg2:T1\n",
            "R2\tPart-of Arg1:T4 Arg2:T2\n",
        ),
    );
    import(&p, "brat", &folder)
        .success()
        .stdout(contains("new role “Theme” pointing to “Protein”"))
        .stdout(contains("new role “Part-of” pointing to “Protein”"));
    let set = only_set(&p, "ann");
    assert_eq!(targets(&p, &set, "bind", "Theme"), ["IL-13", "IL-4"]);
    assert_eq!(targets(&p, &set, "bind", "Site"), ["receptor complex"]);
    assert_eq!(
        targets(&p, &set, "receptor complex", "Part-of"),
        ["IL-13", "IL-4"]
    );
    assert_eq!(targets(&p, &set, "activates", "Cause"), ["bind"]);
    let dir = ProjectDir::open(&p).unwrap();
    let binding = dir.project.codebook.label("Binding").unwrap();
    assert_eq!(binding.role("Theme").unwrap().takes, RoleArity::Many);
    assert!(binding.role("Theme2").is_none(), "Theme2 is Theme");
    newscoder().arg("validate").arg(&p).assert().success();
}

#[test]
fn doccano_founded_by_two_people_imports_both_relations() {
    // doccano's own relation-extraction example.
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "doccano.jsonl",
        concat!(
            r#"{"id": 1, "text": "Google was founded on September 4, 1998, by Larry Page and Sergey Brin.", "entities": [{"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"}, {"id": 1, "start_offset": 22, "end_offset": 39, "label": "DATE"}, {"id": 2, "start_offset": 44, "end_offset": 54, "label": "PERSON"}, {"id": 3, "start_offset": 59, "end_offset": 70, "label": "PERSON"}], "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "foundedAt"}, {"id": 1, "from_id": 0, "to_id": 2, "type": "foundedBy"}, {"id": 2, "from_id": 0, "to_id": 3, "type": "foundedBy"}]}"#,
            "\n"
        ),
    );
    import(&p, "jsonl", &file)
        .success()
        .stdout(contains("4 spans on 1 new"))
        .stdout(contains("already links").not());
    let set = only_set(&p, "ann");
    assert_eq!(
        targets(&p, &set, "Google", "foundedBy"),
        ["Larry Page", "Sergey Brin"]
    );
    assert_eq!(
        targets(&p, &set, "Google", "foundedAt"),
        ["September 4, 1998"]
    );
    newscoder().arg("validate").arg(&p).assert().success();
}

#[test]
fn prodigy_relations_with_two_heads_or_two_children_and_a_role_that_took_one() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    // The project's stance holder takes one span: the import makes it take
    // several, and says so.
    let mut dir = ProjectDir::open(&p).unwrap();
    let stance = dir.project.codebook.label_mut("Stance").unwrap();
    stance
        .roles
        .iter_mut()
        .find(|r| r.name == "holder")
        .unwrap()
        .takes = RoleArity::One;
    dir.save_project().unwrap();
    let span = |s: usize, e: usize, label: &str, t: usize| {
        format!(
            r#"{{"start": {s}, "end": {e}, "label": "{label}", "token_start": {t}, "token_end": {t}}}"#
        )
    };
    let (russia, china, condemned, sanctions) = (
        span(0, 6, "State", 0),
        span(11, 16, "State", 2),
        span(17, 26, "Stance", 3),
        span(31, 40, "Event", 5),
    );
    let rel = |head: &str, h: usize, child: &str, c: usize, label: &str| {
        format!(
            r#"{{"head": {h}, "child": {c}, "head_span": {head}, "child_span": {child}, "label": "{label}"}}"#
        )
    };
    let line = format!(
        r#"{{"text": "Russia and China condemned the sanctions.", "spans": [{russia}, {china}, {condemned}, {sanctions}], "relations": [{}, {}, {}, {}, {}], "answer": "accept"}}"#,
        rel(&condemned, 3, &russia, 0, "holder"),
        rel(&condemned, 3, &china, 2, "holder"),
        rel(&condemned, 3, &sanctions, 5, "target"),
        rel(&russia, 0, &sanctions, 5, "opposes"),
        rel(&china, 2, &sanctions, 5, "opposes"),
    );
    let file = write(tmp.path(), "prodigy.jsonl", line + "\n");
    import(&p, "jsonl", &file).success().stdout(contains(
        "label “Stance”: role “holder” now takes several spans",
    ));
    let set = only_set(&p, "ann");
    assert_eq!(
        targets(&p, &set, "condemned", "holder"),
        ["China", "Russia"]
    );
    assert_eq!(targets(&p, &set, "condemned", "target"), ["sanctions"]);
    assert_eq!(targets(&p, &set, "Russia", "opposes"), ["sanctions"]);
    assert_eq!(targets(&p, &set, "China", "opposes"), ["sanctions"]);
    let dir = ProjectDir::open(&p).unwrap();
    let holder = dir.project.codebook.label("Stance").unwrap().role("holder");
    assert_eq!(holder.unwrap().takes, RoleArity::Many);
    newscoder().arg("validate").arg(&p).assert().success();
}

#[test]
fn doccano_text_classification_labels_become_a_multiple_choice() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "doccano.jsonl",
        concat!(
            r#"{"id": 1, "text": "The national team won the cup.", "label": ["sports", "positive"]}"#,
            "\n",
            r#"{"id": 2, "text": "Prices rose again in March.", "label": ["negative"]}"#,
            "\n",
        ),
    );
    import(&p, "jsonl", &file)
        .success()
        .stdout(contains(
            "codebook: new document variable “category” (multiple choice: “positive”, “sports”, “negative”)",
        ))
        .stderr(contains("left out").not());
    let dir = ProjectDir::open(&p).unwrap();
    let var = dir.project.codebook.variable("category").unwrap();
    assert_eq!(var.kind, VariableKind::Multiple);
    let set = dir.load_set("ann", "1").unwrap().unwrap();
    assert_eq!(
        set.codes["category"],
        CodeValue::Many(vec!["positive".into(), "sports".into()])
    );
    let set = dir.load_set("ann", "2").unwrap().unwrap();
    assert_eq!(
        set.codes["category"],
        CodeValue::Many(vec!["negative".into()])
    );
    newscoder().arg("validate").arg(&p).assert().success();
}

#[test]
fn prodigy_choices_and_cats_fill_new_and_existing_variables() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "textcat.jsonl",
        concat!(
            r#"{"text": "Parliament passed the budget.", "options": [{"id": "POLITICS", "text": "Politics"}, {"id": "SPORTS", "text": "Sports"}], "accept": ["POLITICS"], "answer": "accept"}"#,
            "\n",
            r#"{"text": "The match ended in a draw.", "cats": {"POLITICS": 0.0, "SPORTS": 1.0, "genre=news report": 1.0, "genre=interview": 0.0, "genre=satire": 0.0, "topics=protest": 1.0, "topics=other": 1.0}}"#,
            "\n",
            r#"{"text": "A rejected example.", "options": [{"id": "SPORTS"}], "accept": ["SPORTS"], "answer": "reject"}"#,
            "\n",
        ),
    );
    import(&p, "jsonl", &file)
        .success()
        .stdout(contains(
            "codebook: new document variable “category” (single choice: “POLITICS”, “SPORTS”)",
        ))
        .stdout(contains("codebook: document variable “genre” gets the new value").not());
    let dir = ProjectDir::open(&p).unwrap();
    let var = dir.project.codebook.variable("category").unwrap();
    assert_eq!(var.kind, VariableKind::Single);
    let codes: Vec<_> = dir
        .project
        .documents
        .iter()
        .map(|d| dir.load_set("ann", &d.id).unwrap().unwrap().codes)
        .collect();
    assert_eq!(codes.len(), 2);
    assert_eq!(codes[0]["category"], CodeValue::Text("POLITICS".into()));
    assert_eq!(codes[1]["category"], CodeValue::Text("SPORTS".into()));
    assert_eq!(codes[1]["genre"], CodeValue::Text("news report".into()));
    assert_eq!(
        codes[1]["topics"],
        CodeValue::Many(vec!["other".into(), "protest".into()])
    );
    newscoder().arg("validate").arg(&p).assert().success();
}

#[test]
fn a_chosen_value_the_variable_lacks_is_added_and_reported() {
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "ours.jsonl",
        concat!(
            r#"{"id": "a", "text": "Satire about the army.", "codes": {"genre": "satire", "sources quoted": 0}}"#,
            "\n"
        ),
    );
    import(&p, "jsonl", &file).success().stdout(contains(
        "codebook: document variable “genre” gets the new value “satire”",
    ));
    let set = only_set(&p, "ann");
    assert_eq!(set.codes["genre"], CodeValue::Text("satire".into()));
    assert_eq!(set.codes["sources quoted"], CodeValue::Number(0.0));
    // A code that cannot fit its variable refuses the import, naming it.
    let bad = write(
        tmp.path(),
        "bad.jsonl",
        r#"{"id": "b", "text": "Another text.", "codes": {"genre": ["news report", "interview"]}}"#,
    );
    newscoder()
        .arg("import")
        .arg(&p)
        .args(["--coder", "ann", "--format", "jsonl"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(contains(
            "bad.jsonl:1: variable “genre” is a single choice and takes one value, but 2 were given",
        ));
}

#[test]
fn prodigy_binary_answers_on_one_text_become_one_document() {
    // textcat.teach: one line per text and label.
    let tmp = tempdir();
    let p = new_project(tmp.path());
    let file = write(
        tmp.path(),
        "teach.jsonl",
        concat!(
            r#"{"text": "The minister resigned after the match.", "label": "POLITICS", "answer": "accept"}"#,
            "\n",
            r#"{"text": "The minister resigned after the match.", "label": "SPORTS", "answer": "accept"}"#,
            "\n",
            r#"{"text": "The minister resigned after the match.", "label": "ECONOMY", "answer": "reject"}"#,
            "\n",
            r#"{"text": "Stocks fell.", "label": "ECONOMY", "answer": "accept"}"#,
            "\n",
        ),
    );
    import(&p, "jsonl", &file)
        .success()
        .stdout(contains(
            "codebook: new document variable “category” (multiple choice: “POLITICS”, “SPORTS”, “ECONOMY”)",
        ))
        .stdout(contains("on 2 new"));
    let dir = ProjectDir::open(&p).unwrap();
    let codes: Vec<_> = dir
        .project
        .documents
        .iter()
        .map(|d| dir.load_set("ann", &d.id).unwrap().unwrap().codes)
        .collect();
    assert_eq!(
        codes[0]["category"],
        CodeValue::Many(vec!["POLITICS".into(), "SPORTS".into()])
    );
    assert_eq!(
        codes[1]["category"],
        CodeValue::Many(vec!["ECONOMY".into()])
    );
    newscoder().arg("validate").arg(&p).assert().success();
}
