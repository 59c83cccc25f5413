//! Export -> import reproduces spans, labels, attributes, links, actors and
//! notes exactly: the fixture through jsonl and brat into a fresh project
//! (with the same codebook), and random spans on random texts through the
//! jsonl and brat parsers (proptest).

use super::{add_doc, fixture, run_export, save};
use crate::util::tempdir;
use newscoder::export::Format;
use newscoder::import::brat::{parse_brat, read_brat};
use newscoder::import::{
    AnnotatedBatch, ForeignSpan, commit_annotated, parse_jsonl_annotated, read_jsonl_annotated,
};
use newscoder::model::{AnnotationSet, Codebook, Metadata, Span, SpanId, Status};
use newscoder::store::ProjectDir;
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A span with its links resolved to the (start, end, label) they point to
/// and its actor by name, so sets compare across projects and ids.
type Canon = (
    usize,
    usize,
    String,
    BTreeMap<String, String>,
    BTreeMap<String, Vec<(usize, usize, String)>>,
    Option<String>,
    String,
);

fn canon(dir: &ProjectDir, set: &AnnotationSet) -> Vec<Canon> {
    let by_id: HashMap<SpanId, &Span> = set.spans.iter().map(|s| (s.id, s)).collect();
    let mut out: Vec<Canon> = set
        .spans
        .iter()
        .map(|s| {
            let links = s
                .links
                .iter()
                .map(|(r, ts)| {
                    let mut ts: Vec<(usize, usize, String)> = ts
                        .iter()
                        .map(|t| {
                            let t = by_id[t];
                            (t.start, t.end, t.label.clone())
                        })
                        .collect();
                    ts.sort();
                    (r.clone(), ts)
                })
                .collect();
            let actor = s
                .actor
                .and_then(|a| dir.project.actors.get(a))
                .map(|a| a.name.clone());
            (
                s.start,
                s.end,
                s.label.clone(),
                s.attrs.clone(),
                links,
                actor,
                s.note.clone(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every document's canonical set for `coder`, keyed by text hash.
fn sets_by_text(dir: &ProjectDir, coder: &str) -> BTreeMap<String, Vec<Canon>> {
    dir.project
        .documents
        .iter()
        .filter_map(|d| {
            let set = dir.load_set(coder, &d.id).unwrap()?;
            Some((d.text_hash.clone(), canon(dir, &set)))
        })
        .collect()
}

fn fresh_like(root: &Path, dir: &ProjectDir) -> ProjectDir {
    ProjectDir::create(root, "fresh", dir.project.codebook.clone()).unwrap()
}

#[test]
fn jsonl_export_imports_back_exactly() {
    let tmp = tempdir();
    let src = fixture(&tmp.path().join("src"));
    let out = tmp.path().join("alice.jsonl");
    run_export(&src, Format::Jsonl, &out, Some("alice"));
    let mut dst = fresh_like(&tmp.path().join("dst"), &src);
    let batch = read_jsonl_annotated(&[out], "carol").unwrap();
    commit_annotated(&mut dst, "carol", batch.docs).unwrap();
    let dst = ProjectDir::open(dst.root()).unwrap();
    assert_eq!(sets_by_text(&dst, "carol"), sets_by_text(&src, "alice"));
    assert_eq!(
        dst.project.codebook, src.project.codebook,
        "nothing had to be added"
    );
    // The status travels too.
    let d1 = dst
        .project
        .documents
        .iter()
        .find(|d| d.title == "Maduro rejects Guaidó")
        .unwrap();
    assert_eq!(
        dst.load_set("carol", &d1.id).unwrap().unwrap().status,
        Status::Done
    );
}

#[test]
fn brat_export_imports_back_exactly() {
    let tmp = tempdir();
    let src = fixture(&tmp.path().join("src"));
    let out = tmp.path().join("brat");
    run_export(&src, Format::Brat, &out, Some("alice"));
    let mut dst = fresh_like(&tmp.path().join("dst"), &src);
    let batch = read_brat(&[out], Some(&dst.project.codebook)).unwrap();
    commit_annotated(&mut dst, "carol", batch.docs).unwrap();
    let dst = ProjectDir::open(dst.root()).unwrap();
    assert_eq!(sets_by_text(&dst, "carol"), sets_by_text(&src, "alice"));
    assert_eq!(
        dst.project.codebook, src.project.codebook,
        "storage-form names mapped back"
    );
}

#[test]
fn brat_export_of_every_coder_imports_per_coder_folder() {
    let tmp = tempdir();
    let src = fixture(&tmp.path().join("src"));
    let out = tmp.path().join("brat");
    run_export(&src, Format::Brat, &out, None);
    for coder in ["alice", "bob"] {
        let mut dst = fresh_like(&tmp.path().join(format!("dst-{coder}")), &src);
        let batch = read_brat(&[out.join(coder)], Some(&dst.project.codebook)).unwrap();
        commit_annotated(&mut dst, coder, batch.docs).unwrap();
        let dst = ProjectDir::open(dst.root()).unwrap();
        assert_eq!(
            sets_by_text(&dst, coder),
            sets_by_text(&src, coder),
            "{coder}"
        );
    }
}

/// Text pieces that stress offsets: multi-byte, astral, combining,
/// right-to-left, line breaks, tabs and characters brat escapes.
const PIECES: [&str; 14] = [
    "a", "Maduro", " ", "\n", "\t", "é", "e\u{301}", "👍🏽", "中文", "שלום", "%", "|", ",", "\\",
];
const LABELS: [&str; 5] = ["Person", "State", "Stance", "Event", "Location"];
const FREE: [&str; 6] = ["", "x", "two words", "50% | a,b", "tab\there", "ünï\ncode"];

fn arb_doc() -> impl Strategy<Value = (String, Vec<Span>)> {
    prop::collection::vec(0..PIECES.len(), 1..40)
        .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect::<String>())
        .prop_flat_map(|text| {
            let n = text.chars().count();
            let span = (
                0..n,
                1..=n,
                0..LABELS.len(),
                0..FREE.len(),
                0..FREE.len(),
                any::<bool>(),
            );
            (
                Just(text),
                prop::collection::vec(span, 0..8),
                prop::collection::vec((0..8usize, 0..8usize), 0..6),
            )
        })
        .prop_map(|(text, raw, links)| {
            let mut spans: Vec<Span> = Vec::new();
            for (a, len, l, topic, note, actor) in raw {
                let n = text.chars().count();
                let (start, end) = (a.min(n - 1), (a + len).min(n));
                let mut s = Span::new(SpanId(spans.len() as u32 + 1), start, end, LABELS[l]);
                if !FREE[topic].is_empty() {
                    s.attrs.insert("topic".into(), FREE[topic].into());
                }
                s.note = FREE[note].into();
                if actor {
                    s.actor = Some(newscoder::model::ActorId(1));
                }
                spans.push(s);
            }
            let count = spans.len();
            for (from, to) in links {
                if from < count && to < count {
                    let role = if spans[from].label == "Event" {
                        "agent"
                    } else {
                        "target"
                    };
                    let target = spans[to].id;
                    spans[from].add_link(role, target);
                }
            }
            (text, spans)
        })
}

/// Start, end, label, attributes, links by target position, actor id and
/// note: what a span read back must reproduce.
type Flat = (
    usize,
    usize,
    String,
    BTreeMap<String, String>,
    BTreeMap<String, Vec<usize>>,
    Option<u128>,
    String,
);

/// The fields a ForeignSpan must reproduce, links by target position.
fn foreign_canon(spans: &[ForeignSpan]) -> Vec<Flat> {
    let pos: HashMap<&str, usize> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), i))
        .collect();
    spans
        .iter()
        .map(|s| {
            let links = s
                .links
                .iter()
                .map(|(r, ks)| {
                    let mut ps: Vec<usize> = ks.iter().map(|k| pos[k.as_str()]).collect();
                    ps.sort();
                    (r.clone(), ps)
                })
                .collect();
            (
                s.start,
                s.end,
                s.label.clone(),
                s.attrs.clone(),
                links,
                s.actor.as_ref().and_then(|a| a.id).map(|a| a.0),
                s.note.clone(),
            )
        })
        .collect()
}

fn model_canon(spans: &[Span]) -> Vec<Flat> {
    let pos: HashMap<SpanId, usize> = spans.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    spans
        .iter()
        .map(|s| {
            let links = s
                .links
                .iter()
                .map(|(r, ts)| {
                    let mut ps: Vec<usize> = ts.iter().map(|t| pos[t]).collect();
                    ps.sort();
                    (r.clone(), ps)
                })
                .collect();
            (
                s.start,
                s.end,
                s.label.clone(),
                s.attrs.clone(),
                links,
                s.actor.map(|a| a.0),
                s.note.clone(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_spans_survive_jsonl_and_brat((text, spans) in arb_doc()) {
        let tmp = tempdir();
        let mut dir = ProjectDir::create(&tmp.path().join("p"), "prop", Codebook::default_media()).unwrap();
        dir.project.actors.put(newscoder::model::Actor {
            id: newscoder::model::ActorId(1),
            name: "Actor \"one\"\tx".into(),
            kind: Default::default(),
            aliases: Vec::new(),
            attributes: Default::default(),
        });
        add_doc(&mut dir, "doc", "doc", Metadata::default(), &text);
        save(&mut dir, "c", "doc", Status::Done, spans);
        let spans = dir.load_set("c", "doc").unwrap().unwrap().spans;

        run_export(&dir, Format::Jsonl, &tmp.path().join("x.jsonl"), Some("c"));
        let content = std::fs::read_to_string(tmp.path().join("x.jsonl")).unwrap();
        let mut batch = AnnotatedBatch::default();
        let mut problems = Vec::new();
        parse_jsonl_annotated(&content, "x.jsonl", "c", &mut batch, &mut problems);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(&batch.docs[0].text, &text);
        prop_assert_eq!(foreign_canon(&batch.docs[0].spans), model_canon(&spans));

        run_export(&dir, Format::Brat, &tmp.path().join("brat"), Some("c"));
        let raw = std::fs::read_to_string(tmp.path().join("brat/doc.txt")).unwrap();
        let ann = std::fs::read_to_string(tmp.path().join("brat/doc.ann")).unwrap();
        let (brat_text, brat_spans) = parse_brat(&raw, &ann, "doc.ann", Some(&dir.project.codebook))
            .map_err(|p| TestCaseError::fail(format!("{p:?}\n{ann}")))?;
        prop_assert_eq!(&brat_text, &text);
        // brat cannot mark line breaks: a span of nothing but line breaks
        // (and links to it) is left out, and line breaks at either end of
        // a span are dropped, each with a warning.
        let chars: Vec<char> = text.chars().collect();
        let kept: Vec<Span> = {
            let marks = |s: &Span| chars[s.start..s.end].iter().any(|c| *c != '\n');
            let dropped: Vec<SpanId> = spans.iter().filter(|s| !marks(s)).map(|s| s.id).collect();
            spans
                .iter()
                .filter(|s| marks(s))
                .cloned()
                .map(|mut s| {
                    for t in &dropped {
                        s.unlink(*t);
                    }
                    while chars[s.start] == '\n' {
                        s.start += 1;
                    }
                    while chars[s.end - 1] == '\n' {
                        s.end -= 1;
                    }
                    s
                })
                .collect()
        };
        prop_assert_eq!(foreign_canon(&brat_spans), model_canon(&kept));
    }
}
