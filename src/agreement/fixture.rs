//! The two-coder document the adjudication tests and the compare view's
//! tests share: alice and bob agree on Maduro and disagree on Guaido's
//! boundary, the stance's polarity and target, a Group only alice marked
//! and a Location only bob marked (5 disagreements).

use crate::edit::{SetKey, Workspace};
use crate::model::{ActorId, AnnotationSet, Span, SpanId, Status};
use crate::test_fixture::{add_document, empty_project, maduro};
use std::path::Path;

/// The document's text (id `d`).
pub const TEXT: &str = "Maduro calls Guaido a puppet; troops march in Caracas.";

/// A span with no attributes or links.
pub fn span(id: u32, start: usize, end: usize, label: &str) -> Span {
    Span::new(SpanId(id), start, end, label)
}

/// A project in `root` with alice's and bob's sets of `d` saved, and a
/// workspace on it with those and an empty `gold` set loaded.
pub fn two_coders(root: &Path) -> Workspace {
    let mut dir = empty_project(root);
    add_document(&mut dir, "d", "Puppet", TEXT);
    dir.project.actors.put(maduro(&[]));
    dir.add_coder("alice").unwrap();
    dir.add_coder("bob").unwrap();
    dir.save_project().unwrap();
    let mut maduro = span(1, 0, 6, "Person");
    maduro.actor = Some(ActorId(1));
    let mut maduro_b = maduro.clone();
    maduro_b.id = SpanId(11);
    let mut stance_a = span(3, 7, 28, "Stance");
    stance_a.attrs.insert("polarity".into(), "oppose".into());
    stance_a.add_link("holder", SpanId(1));
    stance_a.add_link("target", SpanId(2));
    let mut stance_b = span(13, 7, 28, "Stance");
    stance_b.attrs.insert("polarity".into(), "support".into());
    stance_b.add_link("holder", SpanId(11));
    for (coder, spans) in [
        (
            "alice",
            vec![
                maduro,
                span(2, 13, 19, "Person"),
                stance_a,
                span(4, 30, 36, "Group"),
            ],
        ),
        (
            "bob",
            vec![
                maduro_b,
                span(12, 13, 21, "Person"),
                stance_b,
                span(15, 47, 54, "Location"),
            ],
        ),
    ] {
        let mut set = AnnotationSet::new("d", coder);
        set.status = Status::Done;
        for s in spans {
            set.put(s);
        }
        dir.save_set(&set).unwrap();
    }
    let mut ws = Workspace::new(dir);
    for c in ["alice", "bob", "gold"] {
        ws.load(&SetKey::new(c, "d")).unwrap();
    }
    ws
}
