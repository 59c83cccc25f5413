//! Unit tests of suggestions: which are pending, and accepting and
//! rejecting them through the workspace, with undo; replacing imports.

use super::*;
use crate::edit::Workspace;
use crate::import::{AnnotatedDoc, ForeignSpan};
use crate::model::{Span, SpanId};
use crate::store::ProjectDir;
use crate::test_fixture::{TEXT, one_document};

fn project_dir(tmp: &tempfile::TempDir) -> ProjectDir {
    one_document(tmp.path())
}

fn suggested() -> AnnotationSet {
    let mut set = AnnotationSet::new("d1", SUGGESTIONS_CODER);
    set.put(Span::new(SpanId(1), 0, 6, "Person"));
    set.put(Span::new(SpanId(2), 13, 19, "Person"));
    let mut stance = Span::new(SpanId(3), 7, 28, "Stance");
    stance.attrs.insert("polarity".into(), "oppose".into());
    stance.add_link("holder", SpanId(1));
    stance.add_link("target", SpanId(2));
    set.put(stance);
    set
}

fn workspace(tmp: &tempfile::TempDir) -> Workspace {
    let dir = project_dir(tmp);
    dir.save_set(&suggested()).unwrap();
    let mut ws = Workspace::new(dir);
    ws.load(&alice()).unwrap();
    ws.load(&sugg()).unwrap();
    ws
}

fn alice() -> SetKey {
    SetKey::new("alice", "d1")
}

fn sugg() -> SetKey {
    SetKey::new(SUGGESTIONS_CODER, "d1")
}

#[test]
fn pending_leaves_out_spans_the_coder_has_identically() {
    let s = suggested();
    let mut coded = AnnotationSet::new("d1", "alice");
    coded.put(Span::new(SpanId(7), 0, 6, "Person"));
    coded.put(Span::new(SpanId(8), 13, 18, "Person"));
    let ids: Vec<SpanId> = pending(&s, &coded).iter().map(|x| x.id).collect();
    assert_eq!(ids, vec![SpanId(3), SpanId(2)]);
}

#[test]
fn accept_copies_the_span_with_attributes_and_undo_removes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = workspace(&tmp);
    let tx = accept_tx(
        ws.project(),
        ws.set(&sugg()).unwrap(),
        ws.set(&alice()).unwrap(),
        &alice(),
        SpanId(3),
    )
    .unwrap();
    assert_eq!(tx.label, "Accept suggested Stance");
    ws.apply(tx).unwrap();
    let set = ws.set(&alice()).unwrap();
    assert_eq!(set.spans.len(), 1);
    let s = &set.spans[0];
    assert_eq!((s.start, s.end, s.label.as_str()), (7, 28, "Stance"));
    assert_eq!(s.attrs["polarity"], "oppose");
    // Its holder and target were not accepted: no links.
    assert!(s.links.is_empty());
    assert_eq!(ws.set(&sugg()).unwrap().spans.len(), 3);
    let pend = pending(ws.set(&sugg()).unwrap(), ws.set(&alice()).unwrap());
    assert_eq!(pend.len(), 2);
    ws.undo().unwrap();
    assert!(ws.set(&alice()).unwrap().spans.is_empty());
}

#[test]
fn accept_all_of_a_label_then_links_follow_accepted_targets() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = workspace(&tmp);
    let tx = accept_label_tx(
        ws.project(),
        ws.set(&sugg()).unwrap(),
        ws.set(&alice()).unwrap(),
        &alice(),
        "Person",
    )
    .unwrap();
    assert_eq!(tx.label, "Accept 2 suggested Person");
    ws.apply(tx).unwrap();
    assert_eq!(ws.set(&alice()).unwrap().spans.len(), 2);
    // Nothing left to accept for Person.
    assert!(
        accept_label_tx(
            ws.project(),
            ws.set(&sugg()).unwrap(),
            ws.set(&alice()).unwrap(),
            &alice(),
            "Person"
        )
        .is_none()
    );
    let tx = accept_tx(
        ws.project(),
        ws.set(&sugg()).unwrap(),
        ws.set(&alice()).unwrap(),
        &alice(),
        SpanId(3),
    )
    .unwrap();
    ws.apply(tx).unwrap();
    let set = ws.set(&alice()).unwrap();
    let stance = set.spans.iter().find(|s| s.label == "Stance").unwrap();
    let holder = set.span(stance.links["holder"][0]).unwrap();
    let target = set.span(stance.links["target"][0]).unwrap();
    assert_eq!((holder.start, target.start), (0, 13));
}

#[test]
fn reject_removes_the_suggestion_and_its_incoming_links_undoably() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = workspace(&tmp);
    let tx = reject_tx(ws.set(&sugg()).unwrap(), SpanId(1)).unwrap();
    ws.apply(tx).unwrap();
    let set = ws.set(&sugg()).unwrap();
    assert!(set.span(SpanId(1)).is_none());
    assert!(!set.span(SpanId(3)).unwrap().links.contains_key("holder"));
    ws.undo().unwrap();
    assert_eq!(ws.set(&sugg()).unwrap(), &suggested());
}

fn doc(spans: &[(usize, usize, &str)]) -> AnnotatedDoc {
    AnnotatedDoc {
        origin: "p.jsonl:1".into(),
        text: TEXT.into(),
        spans: spans
            .iter()
            .enumerate()
            .map(|(i, (a, b, l))| ForeignSpan {
                key: i.to_string(),
                start: *a,
                end: *b,
                label: l.to_string(),
                ..ForeignSpan::default()
            })
            .collect(),
        ..AnnotatedDoc::default()
    }
}

#[test]
fn a_new_import_replaces_earlier_suggestions_and_a_failed_one_keeps_them() {
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = project_dir(&tmp);
    commit_suggestions(&mut dir, vec![doc(&[(0, 6, "Person")])]).unwrap();
    let set = dir.load_set(SUGGESTIONS_CODER, "d1").unwrap().unwrap();
    assert_eq!(set.spans.len(), 1);
    assert_eq!(dir.project.documents.len(), 1);
    commit_suggestions(&mut dir, vec![doc(&[(13, 19, "Person"), (0, 6, "Person")])]).unwrap();
    let set = dir.load_set(SUGGESTIONS_CODER, "d1").unwrap().unwrap();
    assert_eq!(set.spans.len(), 2);
    // Out of range: refused, and the two suggestions stay.
    assert!(commit_suggestions(&mut dir, vec![doc(&[(0, 600, "Person")])]).is_err());
    let set = dir.load_set(SUGGESTIONS_CODER, "d1").unwrap().unwrap();
    assert_eq!(set.spans.len(), 2);
}
