//! The whole report on hand-computed examples, and its properties on random
//! data: identical sets agree perfectly (or the figure is undefined),
//! swapping the coders swaps precision and recall and changes nothing
//! symmetric, and every figure stays within its range.

use super::*;
use crate::model::{ActorId, AnnotationSet, Codebook, Span, SpanId, Status};
use proptest::prelude::*;

const TEXT: &str = "Maduro calls Guaido a puppet.";

fn span(id: u32, start: usize, end: usize, label: &str) -> Span {
    Span::new(SpanId(id), start, end, label)
}

fn with_actor(mut s: Span, a: u32) -> Span {
    s.actor = Some(ActorId(a.into()));
    s
}

fn stance(id: u32, start: usize, end: usize, holder: u32, target: u32) -> Span {
    let mut s = span(id, start, end, "Stance");
    s.attrs.insert("polarity".into(), "oppose".into());
    s.add_link("holder", SpanId(holder));
    s.add_link("target", SpanId(target));
    s
}

fn set(coder: &str, spans: Vec<Span>) -> AnnotationSet {
    let mut s = AnnotationSet::new("d1", coder);
    s.status = Status::Done;
    s.spans = spans;
    s.sort();
    s
}

fn input(docs: Vec<(String, AnnotationSet, AnnotationSet)>) -> AgreementInput {
    AgreementInput {
        coders: ["a".into(), "b".into()],
        codebook: Codebook::default_media(),
        documents: docs
            .into_iter()
            .enumerate()
            .map(|(i, (text, a, b))| DocPair {
                id: format!("d{i}"),
                text,
                a,
                b,
            })
            .collect(),
    }
}

fn close(x: Option<f64>, want: f64) {
    let x = x.expect("defined");
    assert!((x - want).abs() < 1e-9, "{x} != {want}");
}

/// Tokens: Maduro calls Guaido a puppet . — A marks "Guaido", B "Guaido a".
pub(super) fn example() -> AgreementInput {
    let a = set(
        "a",
        vec![
            with_actor(span(1, 0, 6, "Person"), 1),
            with_actor(span(2, 13, 19, "Person"), 2),
            stance(3, 7, 28, 1, 2),
        ],
    );
    let b = set(
        "b",
        vec![
            with_actor(span(1, 0, 6, "Person"), 1),
            with_actor(span(2, 13, 21, "Person"), 2),
            stance(3, 7, 28, 1, 2),
        ],
    );
    input(vec![(TEXT.to_string(), a, b)])
}

#[test]
fn hand_computed_report() {
    let r = compute(&example(), ReportOptions { per_document: true });
    assert_eq!(r.documents, 1);
    let p = r.labels.get("Person").unwrap();
    assert_eq!((p.a_spans, p.b_spans), (2, 2));
    assert_eq!(p.exact, MatchFigures::new(1, 2, 2));
    close(p.exact.f1, 0.5);
    close(p.overlap.f1, 1.0);
    // 6 tokens; A covers {0, 2}, B {0, 2, 3}: p_o = 5/6, p_e = 1/2.
    close(p.token_kappa, 2.0 / 3.0);
    // n = 12, five 1s and seven 0s, two mismatched coincidences.
    close(p.token_alpha, 1.0 - 11.0 * 2.0 / (144.0 - 25.0 - 49.0));
    // L = 29; Σδ = 0 + (19 − 21)² = 4; units 6, 6, 6, 8; gaps 7, 10, 7, 8:
    // num = 3·(3·6·5·11/3 + 36·12) + (3·8·7·15/3 + 64·4) = 3382,
    // den = 58·57 − (3·30 + 56) = 3160; alpha_u = 1 − 4·3160 / (2·29·3382).
    close(p.alpha_u, 1.0 - 4.0 * 3160.0 / (2.0 * 29.0 * 3382.0));

    let s = r.labels.get("Stance").unwrap();
    close(s.exact.f1, 1.0);
    close(s.token_kappa, 1.0);
    assert_eq!(s.alpha_u, Some(1.0));
    // Labels nobody used: counts 0, figures undefined.
    let e = r.labels.get("Event").unwrap();
    assert_eq!(
        (e.a_spans, e.exact.f1, e.token_kappa, e.alpha_u),
        (0, None, None, None)
    );

    close(r.micro.exact.precision, 2.0 / 3.0);
    close(r.micro.overlap.f1, 1.0);
    close(r.categories.get("Actor").unwrap().token_kappa, 2.0 / 3.0);
    close(r.categories.get("Stance").unwrap().token_kappa, 1.0);
    assert_eq!(r.categories.get("Event").unwrap().token_kappa, None);
    // One matched stance pair, both "oppose": one value, kappa undefined.
    let pol = r.attributes.get("Stance.polarity").unwrap();
    assert_eq!((pol.pairs, pol.kappa), (1, None));
    assert_eq!((r.actors.pairs, r.actors.same), (1, 1));
    close(r.actors.share, 1.0);
    // The stances agree: same polarity, holder actor 1, target actor 2.
    assert_eq!(r.statements.figures.matches, 1);
    close(r.statements.figures.f1, 1.0);
    assert_eq!(r.events.figures.f1, None);
    assert_eq!((r.network.a_edges, r.network.common), (1, 1));
    close(r.network.jaccard, 1.0);
    let d = r.per_document.as_ref().unwrap().get("d0").unwrap();
    assert_eq!((d.a_spans, d.exact.matches, d.disagreements), (3, 2, 1));
}

#[test]
fn json_has_the_design_shape() {
    let v = serde_json::to_value(compute(&example(), ReportOptions::default())).unwrap();
    assert_eq!(v["coders"], serde_json::json!(["a", "b"]));
    assert_eq!(v["documents"], 1);
    for key in [
        "a_spans",
        "b_spans",
        "exact",
        "overlap",
        "token_kappa",
        "token_alpha",
        "alpha_u",
    ] {
        assert!(v["labels"]["Person"].get(key).is_some(), "{key}");
    }
    for key in ["matches", "precision", "recall", "f1"] {
        assert!(v["labels"]["Person"]["exact"].get(key).is_some());
        assert!(v["micro"]["overlap"].get(key).is_some());
    }
    assert!(v["categories"]["Actor"].get("token_kappa").is_some());
    assert_eq!(v["attributes"]["Stance.polarity"]["pairs"], 1);
    assert!(v["attributes"]["Stance.polarity"]["kappa"].is_null());
    assert!(v["labels"]["Event"]["alpha_u"].is_null());
    for key in ["actors", "statements", "events", "network"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert!(v.get("per_document").is_none());
}

#[test]
fn a_span_covering_part_of_a_token_covers_the_token() {
    // "Guai" covers the token "Guaido".
    let a = set("a", vec![span(1, 13, 17, "Person")]);
    let b = set("b", vec![span(1, 13, 19, "Person")]);
    let r = compute(&input(vec![(TEXT.into(), a, b)]), ReportOptions::default());
    let p = r.labels.get("Person").unwrap();
    close(p.token_kappa, 1.0);
    assert_eq!(p.exact.matches, 0);
    assert_eq!(p.overlap.matches, 1);
    assert!(p.alpha_u.unwrap() < 1.0);
}

#[test]
fn labels_outside_the_codebook_are_scored_like_the_others() {
    let doc = |a: Vec<Span>, b: Vec<Span>| (TEXT.to_string(), set("a", a), set("b", b));
    let docs = vec![
        doc(vec![span(1, 0, 6, "Person")], vec![span(1, 0, 6, "Person")]),
        doc(vec![span(1, 13, 19, "Zeta")], vec![span(1, 13, 21, "Zeta")]),
        doc(vec![span(1, 0, 6, "Alpha")], vec![]),
    ];
    let unknown = compute(&input(docs.clone()), ReportOptions::default());
    let names: Vec<&str> = unknown.labels.iter().map(|(k, _)| k).collect();
    assert_eq!(&names[names.len() - 2..], ["Alpha", "Zeta"]);
    let mut known = input(docs);
    known.codebook.ensure_label(
        "Other",
        crate::model::Label::plain("Zeta", crate::model::Color([0, 0, 0])),
    );
    let known = compute(&known, ReportOptions::default());
    let (x, y) = (
        unknown.labels.get("Zeta").unwrap(),
        known.labels.get("Zeta").unwrap(),
    );
    assert_eq!(
        (x.alpha_u, x.token_kappa, x.overlap),
        (y.alpha_u, y.token_kappa, y.overlap)
    );
    assert!(x.alpha_u.is_some());
}

// ---- properties ---------------------------------------------------------

const LABELS: [&str; 4] = ["Person", "State", "Stance", "Event"];
const WORDS: [&str; 6] = ["Maduro", "armed", "forces", "Caracas", "—", "calls"];

fn arb_span() -> impl Strategy<Value = (usize, usize, usize, u8, Option<u32>)> {
    (
        0usize..60,
        1usize..12,
        0usize..4,
        0u8..3,
        proptest::option::of(1u32..4),
    )
}

fn build(
    spans: &[(usize, usize, usize, u8, Option<u32>)],
    coder: &str,
    len: usize,
) -> AnnotationSet {
    let mut out = Vec::new();
    for (k, &(start, l, label, attr, actor)) in spans.iter().enumerate() {
        let start = start.min(len - 1);
        let end = (start + l).min(len);
        let mut s = span(k as u32 + 1, start, end, LABELS[label]);
        if LABELS[label] == "Stance" {
            s.attrs.insert(
                "polarity".into(),
                ["support", "oppose", "neutral"][attr as usize].into(),
            );
            if k > 0 {
                s.add_link("holder", SpanId(k as u32));
                s.add_link("target", SpanId(1));
            }
        } else if LABELS[label] == "Event" {
            s.attrs.insert(
                "type".into(),
                ["protest", "other", "sanction"][attr as usize].into(),
            );
        } else {
            s.actor = actor.map(|a| ActorId(a.into()));
        }
        out.push(s);
    }
    set(coder, out)
}

pub(super) fn arb_input() -> impl Strategy<Value = AgreementInput> {
    let doc = (
        proptest::collection::vec(0usize..WORDS.len(), 5..25),
        proptest::collection::vec(arb_span(), 0..8),
        proptest::collection::vec(arb_span(), 0..8),
    );
    proptest::collection::vec(doc, 1..4).prop_map(|docs| {
        input(
            docs.into_iter()
                .map(|(words, a, b)| {
                    let text: String = words
                        .iter()
                        .map(|&w| WORDS[w])
                        .collect::<Vec<_>>()
                        .join(" ");
                    let len = text.chars().count();
                    let (sa, sb) = (build(&a, "a", len), build(&b, "b", len));
                    (text, sa, sb)
                })
                .collect(),
        )
    })
}

fn swapped(i: &AgreementInput) -> AgreementInput {
    let mut s = i.clone();
    s.coders.swap(0, 1);
    for d in &mut s.documents {
        std::mem::swap(&mut d.a, &mut d.b);
    }
    s
}

fn same(x: Option<f64>, y: Option<f64>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

fn one_or_null(x: Option<f64>) -> bool {
    x.is_none_or(|x| (x - 1.0).abs() < 1e-12)
}

fn in_range(x: Option<f64>, lo: f64, hi: f64) -> bool {
    x.is_none_or(|x| x.is_finite() && x >= lo - 1e-12 && x <= hi + 1e-12)
}

fn all_match_figures(r: &AgreementReport) -> Vec<MatchFigures> {
    let mut v = vec![
        r.micro.exact,
        r.micro.overlap,
        r.statements.figures,
        r.events.figures,
    ];
    for (_, l) in r.labels.iter() {
        v.push(l.exact);
        v.push(l.overlap);
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn identical_sets_agree_perfectly(mut i in arb_input()) {
        for d in &mut i.documents {
            d.b = d.a.clone();
        }
        let r = compute(&i, ReportOptions { per_document: true });
        for f in all_match_figures(&r) {
            prop_assert!(one_or_null(f.precision) && one_or_null(f.recall) && one_or_null(f.f1));
        }
        for (_, l) in r.labels.iter() {
            prop_assert!(one_or_null(l.token_kappa) && one_or_null(l.token_alpha) && one_or_null(l.alpha_u));
        }
        for (_, c) in r.categories.iter() {
            prop_assert!(one_or_null(c.token_kappa));
        }
        for (_, a) in r.attributes.iter() {
            prop_assert!(one_or_null(a.kappa));
        }
        prop_assert!(one_or_null(r.actors.share) && one_or_null(r.actors.kappa));
        prop_assert!(one_or_null(r.network.jaccard) && one_or_null(r.network.f1));
        for (_, d) in r.per_document.as_ref().unwrap().iter() {
            prop_assert_eq!(d.disagreements, 0);
        }
    }

    #[test]
    fn swapping_coders_swaps_precision_and_recall(i in arb_input()) {
        let r = compute(&i, ReportOptions::default());
        let s = compute(&swapped(&i), ReportOptions::default());
        for (f, g) in all_match_figures(&r).into_iter().zip(all_match_figures(&s)) {
            prop_assert_eq!(f.matches, g.matches);
            prop_assert!(same(f.precision, g.recall) && same(f.recall, g.precision) && same(f.f1, g.f1));
        }
        for ((_, l), (_, m)) in r.labels.iter().zip(s.labels.iter()) {
            prop_assert_eq!((l.a_spans, l.b_spans), (m.b_spans, m.a_spans));
            prop_assert!(same(l.token_kappa, m.token_kappa), "kappa {:?} {:?}", l.token_kappa, m.token_kappa);
            prop_assert!(same(l.token_alpha, m.token_alpha));
            prop_assert!(same(l.alpha_u, m.alpha_u), "alpha_u {:?} {:?}", l.alpha_u, m.alpha_u);
        }
        for ((_, c), (_, d)) in r.categories.iter().zip(s.categories.iter()) {
            prop_assert!(same(c.token_kappa, d.token_kappa));
        }
        for ((_, a), (_, b)) in r.attributes.iter().zip(s.attributes.iter()) {
            prop_assert_eq!(a.pairs, b.pairs);
            prop_assert!(same(a.kappa, b.kappa));
        }
        prop_assert!(same(r.actors.kappa, s.actors.kappa) && same(r.actors.share, s.actors.share));
        prop_assert!(same(r.network.jaccard, s.network.jaccard) && same(r.network.f1, s.network.f1));
    }

    #[test]
    fn figures_stay_in_range(i in arb_input()) {
        let r = compute(&i, ReportOptions::default());
        for f in all_match_figures(&r) {
            prop_assert!(in_range(f.precision, 0.0, 1.0) && in_range(f.recall, 0.0, 1.0) && in_range(f.f1, 0.0, 1.0));
        }
        for (_, l) in r.labels.iter() {
            prop_assert!(in_range(l.token_kappa, -1.0, 1.0));
            prop_assert!(in_range(l.token_alpha, -1.0, 1.0));
            prop_assert!(in_range(l.alpha_u, f64::MIN, 1.0));
            prop_assert!(l.exact.matches <= l.overlap.matches);
        }
        for (_, c) in r.categories.iter() {
            prop_assert!(in_range(c.token_kappa, -1.0, 1.0));
        }
        for (_, a) in r.attributes.iter() {
            prop_assert!(in_range(a.kappa, -1.0, 1.0));
        }
        prop_assert!(in_range(r.actors.kappa, -1.0, 1.0) && in_range(r.actors.share, 0.0, 1.0));
        prop_assert!(in_range(r.network.jaccard, 0.0, 1.0) && in_range(r.network.f1, 0.0, 1.0));
        let json = serde_json::to_string(&r).unwrap();
        prop_assert!(!json.contains("NaN") && !json.contains("inf"));
    }
}
