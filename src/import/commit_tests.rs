//! Tests of `commit_annotated`: placement, codebook growth, actors, links,
//! refusing to clobber a coder's work, and writing nothing on error.

use super::annotated::{AnnotatedDoc, ForeignActor, ForeignSpan};
use super::commit::commit_annotated;
use super::error::ImportError;
use super::report::Placement;
use crate::model::{Actor, ActorId, ActorKind, Status};
use crate::store::ProjectDir;
use crate::test_fixture::{TEXT, empty_project};

fn project() -> (tempfile::TempDir, ProjectDir) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = empty_project(&tmp.path().join("p"));
    (tmp, dir)
}

fn span(key: &str, start: usize, end: usize, label: &str) -> ForeignSpan {
    ForeignSpan::new(key, start, end, label)
}

fn doc(origin: &str, text: &str, spans: Vec<ForeignSpan>) -> AnnotatedDoc {
    AnnotatedDoc {
        origin: origin.into(),
        text: text.into(),
        spans,
        ..AnnotatedDoc::default()
    }
}

fn stance_doc() -> AnnotatedDoc {
    let mut maduro = span("m", 0, 6, "Person");
    maduro.actor = Some(ForeignActor {
        id: Some(crate::model::ActorId(99)),
        name: "Nicolas Maduro".into(),
        kind: Some("person".into()),
    });
    let mut guaido = span("g", 13, 19, "Person");
    guaido.actor = Some(ForeignActor {
        name: "guaidó".into(),
        ..ForeignActor::default()
    });
    let mut stance = span("s", 7, 28, "Stance");
    stance.add_link("holder", "m");
    stance.add_link("target", "g");
    stance.attrs.insert("polarity".into(), "oppose".into());
    let mut d = doc(
        "x.jsonl:1",
        TEXT,
        vec![maduro, guaido, stance, span("t", 22, 28, "Insult")],
    );
    d.id = Some("Story One".into());
    d
}

#[test]
fn adds_document_labels_actors_and_links() {
    let (_tmp, mut dir) = project();
    dir.project.actors.put(Actor {
        id: ActorId(1),
        name: "Juan Guaidó".into(),
        kind: ActorKind::Person,
        aliases: vec!["Guaidó".into()],
        attributes: Default::default(),
    });
    dir.save_project().unwrap();
    let report = commit_annotated(&mut dir, "alice", vec![stance_doc()]).unwrap();
    assert_eq!(report.added_labels, ["Insult"]);
    assert_eq!(report.added_actors, ["Nicolas Maduro"]);
    assert!(report.coder_added);
    assert_eq!(report.documents[0].placement, Placement::Added);
    assert_eq!(report.documents[0].document, "story-one");

    let dir = ProjectDir::open(dir.root()).unwrap();
    assert_eq!(dir.project.codebook.category_of("Insult"), Some("Imported"));
    assert_eq!(dir.project.coders, ["alice"]);
    assert_eq!(dir.read_text("story-one").unwrap(), TEXT);
    let set = dir.load_set("alice", "story-one").unwrap().unwrap();
    assert_eq!(set.status, Status::InProgress);
    let stance = set.spans.iter().find(|s| s.label == "Stance").unwrap();
    let holder = set.span(stance.links["holder"][0]).unwrap();
    assert_eq!((holder.start, holder.end), (0, 6));
    let guaido = set.spans.iter().find(|s| s.start == 13).unwrap();
    assert_eq!(guaido.actor, Some(ActorId(1)), "matched by alias");
    let new = holder.actor.expect("an actor");
    assert!(
        new != ActorId(1) && new != ActorId(99),
        "new actor, not the foreign id 99"
    );
    assert_eq!(dir.project.actors.get(new).unwrap().kind, ActorKind::Person);
    assert!(dir.actor_path(new).is_file(), "in actors/<id>.ron");
    assert!(crate::store::validate_project(dir.root()).is_empty());
}

#[test]
fn attaches_by_text_and_refuses_to_clobber() {
    let (_tmp, mut dir) = project();
    let mut first = stance_doc();
    first.spans.truncate(1);
    commit_annotated(&mut dir, "alice", vec![first.clone()]).unwrap();

    // Same text, another coder: attached to the same document.
    let report = commit_annotated(&mut dir, "bob", vec![stance_doc()]).unwrap();
    assert_eq!(report.documents[0].placement, Placement::Attached);
    assert_eq!(dir.project.documents.len(), 1);

    // Same spans again: unchanged, not an error.
    let report = commit_annotated(&mut dir, "alice", vec![first]).unwrap();
    assert_eq!(report.documents[0].placement, Placement::Unchanged);

    // Different spans for a coder who already has some: refused.
    let err = commit_annotated(&mut dir, "alice", vec![stance_doc()]).unwrap_err();
    let ImportError::Invalid(problems) = err else {
        panic!("expected input problems")
    };
    assert!(
        problems[0]
            .to_string()
            .contains("already has 1 span by coder “alice”"),
        "{problems:?}"
    );
    assert_eq!(
        dir.load_set("alice", "story-one")
            .unwrap()
            .unwrap()
            .spans
            .len(),
        1
    );
}

#[test]
fn an_empty_set_is_replaced() {
    let (_tmp, mut dir) = project();
    commit_annotated(&mut dir, "alice", vec![doc("a:1", TEXT, vec![])]).unwrap();
    let id = dir.project.documents[0].id.clone();
    // A line without spans is the coder's "nothing to tag": coded, so
    // agreement compares it with the other coder.
    assert_eq!(
        dir.load_set("alice", &id).unwrap().unwrap().status,
        Status::InProgress
    );
    let report = commit_annotated(
        &mut dir,
        "alice",
        vec![doc("a:1", TEXT, vec![span("1", 0, 6, "Person")])],
    )
    .unwrap();
    assert_eq!(report.documents[0].placement, Placement::Attached);
    assert_eq!(dir.load_set("alice", &id).unwrap().unwrap().spans.len(), 1);
}

#[test]
fn any_problem_writes_nothing() {
    let (_tmp, mut dir) = project();
    let before = std::fs::read(dir.project_file()).unwrap();
    let good = stance_doc();
    let bad = doc("x.jsonl:2", "Short", vec![span("1", 0, 40, "Person")]);
    let err = commit_annotated(&mut dir, "alice", vec![good, bad]).unwrap_err();
    assert!(
        err.to_string()
            .contains("x.jsonl:2: span 1 (0..40 “Person”): offsets out of range"),
        "{err}"
    );
    assert_eq!(std::fs::read(dir.project_file()).unwrap(), before);
    assert!(dir.project.documents.is_empty());
    assert!(!dir.root().join("annotations/alice").exists());
    assert_eq!(
        std::fs::read_dir(dir.root().join("documents"))
            .unwrap()
            .count(),
        0
    );
    assert!(commit_annotated(&mut dir, "../evil", vec![stance_doc()]).is_err());
    assert!(commit_annotated(&mut dir, "alice", vec![]).is_err());
}

#[test]
fn same_text_twice_in_a_batch() {
    let (_tmp, mut dir) = project();
    let a = doc("f:1", TEXT, vec![span("1", 0, 6, "Person")]);
    let report = commit_annotated(&mut dir, "alice", vec![a.clone(), a.clone()]).unwrap();
    assert_eq!(report.documents[1].placement, Placement::Unchanged);
    let mut b = a.clone();
    b.origin = "f:2".into();
    b.spans[0].label = "State".into();
    let (_tmp2, mut fresh) = project();
    let err = commit_annotated(&mut fresh, "alice", vec![a, b]).unwrap_err();
    assert!(
        err.to_string()
            .contains("f:2: same text as f:1, but with different annotations"),
        "{err}"
    );
}

#[test]
fn an_import_without_codes_keeps_the_coders_codes() {
    use super::annotated::ForeignCode;
    use crate::model::CodeValue;
    let (_tmp, mut dir) = project();
    let genre = |v: &str| {
        [(
            "genre".to_string(),
            ForeignCode::plain(CodeValue::Text(v.into())),
        )]
        .into_iter()
        .collect()
    };
    // The coder coded the genre only (as in the window).
    let mut coded = doc("a:1", TEXT, vec![]);
    coded.codes = genre("interview");
    commit_annotated(&mut dir, "alice", vec![coded.clone()]).unwrap();
    let id = dir.project.documents[0].id.clone();

    // Spans from a format without codes (brat): added, the codes kept.
    let spans = doc("b.ann", TEXT, vec![span("T1", 0, 6, "Person")]);
    let report = commit_annotated(&mut dir, "alice", vec![spans.clone()]).unwrap();
    assert_eq!(report.documents[0].placement, Placement::Attached);
    let set = dir.load_set("alice", &id).unwrap().unwrap();
    assert_eq!(set.spans.len(), 1);
    assert_eq!(set.codes["genre"], CodeValue::Text("interview".into()));

    // The same spans again, still without codes: unchanged.
    let report = commit_annotated(&mut dir, "alice", vec![spans.clone()]).unwrap();
    assert_eq!(report.documents[0].placement, Placement::Unchanged);

    // Other codes for a coder who has some: refused, nothing changed.
    let mut other = spans;
    other.codes = genre("other");
    let err = commit_annotated(&mut dir, "alice", vec![other]).unwrap_err();
    assert!(
        err.to_string()
            .contains("already has 1 span and 1 code by coder “alice”"),
        "{err}"
    );
    let set = dir.load_set("alice", &id).unwrap().unwrap();
    assert_eq!(set.codes["genre"], CodeValue::Text("interview".into()));
}

#[test]
fn skipping_leaves_out_a_conflicting_document_and_the_lines_merged_into_it() {
    use super::annotated::OnInvalid;
    use super::commit::commit_annotated_with;
    let (_tmp, mut dir) = project();
    let mut first = stance_doc();
    first.spans.truncate(1);
    commit_annotated(&mut dir, "alice", vec![first]).unwrap();
    // The coder already has other spans on this text: left out, with the
    // line merged into it; the other document comes in, and only its
    // label is added to the codebook.
    let mut conflicting = stance_doc();
    conflicting.origin = "p.jsonl:1".into();
    conflicting.merged = vec!["p.jsonl:3".into()];
    let other = doc(
        "p.jsonl:2",
        "Another story entirely.",
        vec![span("1", 0, 7, "Newcomer")],
    );
    let report = commit_annotated_with(
        &mut dir,
        "alice",
        vec![conflicting, other],
        false,
        OnInvalid::Skip,
    )
    .unwrap();
    let skipped: Vec<String> = report.skipped.iter().map(|p| p.to_string()).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].starts_with("p.jsonl:1: document"), "{skipped:?}");
    assert_eq!(
        skipped[1],
        "p.jsonl:3: merged with p.jsonl:1 (same text), left out with it"
    );
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.documents[0].origin, "p.jsonl:2");
    assert_eq!(report.added_labels, ["Newcomer"]);
    assert_eq!(dir.project.documents.len(), 2);
    // Both lines count.
    assert!(report.summary().ends_with("; skipped 2 invalid records"));
}
