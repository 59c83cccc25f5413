//! Export -> import reproduces spans, labels, attributes, links (several per
//! role), actors, notes and document codes exactly: the fixture through
//! jsonl, prodigy and brat into a fresh project (with the same codebook, or
//! one without the variables), and random spans and codes on random texts
//! through the jsonl, prodigy and brat parsers (proptest).

use super::{add_doc, fixture, run_export, save_coded};
use crate::util::tempdir;
use newscoder::export::Format;
use newscoder::import::brat::{parse_brat, read_brat};
use newscoder::import::{
    AnnotatedBatch, ForeignSpan, commit_annotated, fit_codes, parse_jsonl_annotated,
    read_jsonl_annotated,
};
use newscoder::model::{
    AnnotationSet, CodeValue, Codebook, Metadata, Span, SpanId, Status, VariableDef, VariableKind,
};
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

/// Every document's codes for `coder`, keyed by text hash.
fn codes_by_text(dir: &ProjectDir, coder: &str) -> BTreeMap<String, BTreeMap<String, CodeValue>> {
    dir.project
        .documents
        .iter()
        .filter_map(|d| {
            let set = dir.load_set(coder, &d.id).unwrap()?;
            Some((d.text_hash.clone(), set.codes))
        })
        .collect()
}

#[test]
fn codes_come_back_exactly_through_jsonl_and_prodigy() {
    let tmp = tempdir();
    let src = fixture(&tmp.path().join("src"));
    for coder in ["alice", "bob"] {
        for format in [Format::Jsonl, Format::Prodigy] {
            let out = tmp.path().join(format!("{coder}.{format}.jsonl"));
            run_export(&src, format, &out, Some(coder));
            let root = tmp.path().join(format!("dst-{coder}-{format}"));
            let mut dst = fresh_like(&root, &src);
            let batch = read_jsonl_annotated(&[out], "carol").unwrap();
            let report = commit_annotated(&mut dst, "carol", batch.docs).unwrap();
            assert!(
                report.codebook_changes.is_empty(),
                "{coder} {format}: {:?}",
                report.codebook_changes
            );
            let dst = ProjectDir::open(dst.root()).unwrap();
            assert_eq!(
                codes_by_text(&dst, "carol"),
                codes_by_text(&src, coder),
                "{coder} {format}"
            );
            // Prodigy has no attributes, actors or notes; every link comes
            // back through both.
            let shape = |d: &ProjectDir, c: &str| -> BTreeMap<String, Vec<_>> {
                sets_by_text(d, c)
                    .into_iter()
                    .map(|(k, spans)| {
                        let spans: Vec<_> = spans
                            .into_iter()
                            .map(|(a, b, l, _, links, _, _)| (a, b, l, links))
                            .collect();
                        (k, spans)
                    })
                    .collect()
            };
            assert_eq!(shape(&dst, "carol"), shape(&src, coder), "{coder} {format}");
            if format == Format::Jsonl {
                assert_eq!(sets_by_text(&dst, "carol"), sets_by_text(&src, coder));
            }
        }
    }
}

#[test]
fn codes_of_variables_a_project_lacks_add_them_typed() {
    let tmp = tempdir();
    let src = fixture(&tmp.path().join("src"));
    for format in [Format::Jsonl, Format::Prodigy] {
        let out = tmp.path().join(format!("alice.{format}.jsonl"));
        run_export(&src, format, &out, Some("alice"));
        let mut cb = src.project.codebook.clone();
        cb.variables.clear();
        let mut dst =
            ProjectDir::create(&tmp.path().join(format!("dst-{format}")), "x", cb).unwrap();
        let batch = read_jsonl_annotated(&[out], "alice").unwrap();
        let report = commit_annotated(&mut dst, "alice", batch.docs).unwrap();
        let dst = ProjectDir::open(dst.root()).unwrap();
        assert_eq!(
            codes_by_text(&dst, "alice"),
            codes_by_text(&src, "alice"),
            "{format}"
        );
        let kind = |name: &str| dst.project.codebook.variable(name).unwrap().kind;
        assert_eq!(kind("genre"), VariableKind::Single, "{format}");
        assert_eq!(kind("topics"), VariableKind::Multiple, "{format}");
        assert_eq!(kind("sources quoted"), VariableKind::Number, "{format}");
        let said = report.codebook_changes.join("\n");
        assert!(
            said.contains("new document variable “sources quoted” (number)"),
            "{format}: {said}"
        );
        if format == Format::Prodigy {
            // cats list every value of the variable, chosen or not (in
            // the order of their keys).
            let values = |d: &ProjectDir| {
                let mut v = d.project.codebook.variable("genre").unwrap().values.clone();
                v.sort();
                v
            };
            assert_eq!(values(&dst), values(&src));
        }
    }
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
                prop::collection::vec((0..8usize, 0..8usize), 0..12),
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
            // Often several targets in one role: a span links in one role
            // per label, whatever it points to.
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

/// The default codebook with a free-text variable too.
fn codebook_with_every_kind() -> Codebook {
    let mut cb = Codebook::default_media();
    cb.variables.push(VariableDef {
        name: "headline = frame".into(),
        kind: VariableKind::Text,
        values: Vec::new(),
        key: None,
        description: String::new(),
    });
    cb
}

const NUMBERS: [f64; 6] = [0.0, 3.0, 2.5, -1.25, 1e12, 0.1];

/// Random codes for the variables of [`codebook_with_every_kind`]: per
/// variable maybe none, else a value chosen by the number drawn.
fn arb_codes() -> impl Strategy<Value = Vec<(&'static str, CodeValue)>> {
    prop::collection::vec(prop::option::of(any::<u16>()), 7).prop_map(|draws| {
        let cb = codebook_with_every_kind();
        let mut out = Vec::new();
        for (var, draw) in cb.variables.iter().zip(draws) {
            let Some(d) = draw else { continue };
            let d = d as usize;
            let value = match var.kind {
                VariableKind::Single | VariableKind::Ordinal => {
                    CodeValue::Text(var.values[d % var.values.len()].clone())
                }
                VariableKind::Multiple => CodeValue::Many(
                    var.values
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| d & (1 << i) != 0)
                        .map(|(_, v)| v.clone())
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                ),
                VariableKind::Number => CodeValue::Number(NUMBERS[d % NUMBERS.len()]),
                VariableKind::Text => CodeValue::Text(FREE[d % FREE.len()].into()),
            };
            let name: &'static str = match var.name.as_str() {
                "genre" => "genre",
                "main topic" => "main topic",
                "topics" => "topics",
                "tone towards the government" => "tone towards the government",
                "government quoted" => "government quoted",
                "sources quoted" => "sources quoted",
                _ => "headline = frame",
            };
            out.push((name, value));
        }
        out
    })
}

/// The codes of the one document of `content` (a jsonl or prodigy export),
/// as the import fits them to `cb`.
fn codes_read_back(content: &str, cb: &Codebook) -> Result<BTreeMap<String, CodeValue>, String> {
    let mut batch = AnnotatedBatch::default();
    let mut problems = Vec::new();
    parse_jsonl_annotated(content, "x.jsonl", "c", &mut batch, &mut problems);
    if !problems.is_empty() {
        return Err(format!("{problems:?}"));
    }
    let mut errors = Vec::new();
    let codes = fit_codes(cb, &batch.docs[0], &mut errors);
    if errors.is_empty() {
        Ok(codes)
    } else {
        Err(format!("{errors:?}"))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_spans_survive_jsonl_and_brat((text, spans) in arb_doc(), codes in arb_codes()) {
        let tmp = tempdir();
        let mut dir = ProjectDir::create(&tmp.path().join("p"), "prop", codebook_with_every_kind()).unwrap();
        dir.project.actors.put(newscoder::model::Actor {
            id: newscoder::model::ActorId(1),
            name: "Actor \"one\"\tx".into(),
            kind: Default::default(),
            aliases: Vec::new(),
            attributes: Default::default(),
        });
        add_doc(&mut dir, "doc", "doc", Metadata::default(), &text);
        save_coded(&mut dir, "c", "doc", Status::Done, spans, &codes);
        let set = dir.load_set("c", "doc").unwrap().unwrap();
        let spans = set.spans;
        let cb = &dir.project.codebook;

        run_export(&dir, Format::Jsonl, &tmp.path().join("x.jsonl"), Some("c"));
        let content = std::fs::read_to_string(tmp.path().join("x.jsonl")).unwrap();
        let mut batch = AnnotatedBatch::default();
        let mut problems = Vec::new();
        parse_jsonl_annotated(&content, "x.jsonl", "c", &mut batch, &mut problems);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(&batch.docs[0].text, &text);
        prop_assert_eq!(foreign_canon(&batch.docs[0].spans), model_canon(&spans));
        let back = codes_read_back(&content, cb).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&back, &set.codes, "jsonl codes");

        run_export(&dir, Format::Prodigy, &tmp.path().join("p.jsonl"), Some("c"));
        let content = std::fs::read_to_string(tmp.path().join("p.jsonl")).unwrap();
        let back = codes_read_back(&content, cb).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&back, &set.codes, "prodigy cats and codes");

        run_export(&dir, Format::Brat, &tmp.path().join("brat"), Some("c"));
        let raw = std::fs::read_to_string(tmp.path().join("brat/doc.txt")).unwrap();
        let ann = std::fs::read_to_string(tmp.path().join("brat/doc.ann")).unwrap();
        let (brat_text, brat_spans) = parse_brat(&raw, &ann, "doc.ann", Some(&dir.project.codebook), &mut Vec::new())
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
