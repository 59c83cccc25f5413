//! The listing with pairs chosen cluster by cluster equals the listing
//! with the reference pairing (the graph of all overlaps) on small random
//! documents, and mutually overlapping spans are listed without that
//! graph.

use super::*;
use crate::agreement::matching::{overlap_count, reference};

const TEXT: &str = "Maduro calls Guaido a US-backed puppet; troops march in Caracas. \
                    The army stays loyal, says the minister, while crowds gather again.";

/// A set of document `d` from (start, length, label, polarity) tuples,
/// sorted as stored or left in the given order.
fn set_of(raw: &[(usize, usize, usize, usize)], first_id: u32, sorted: bool) -> AnnotationSet {
    let labels = ["Person", "Group", "Stance"];
    let mut s = AnnotationSet::new("d", "c");
    for (k, &(start, len, label, polarity)) in raw.iter().enumerate() {
        let mut span = Span::new(
            SpanId(first_id + k as u32),
            start,
            start + len,
            labels[label],
        );
        if polarity > 0 {
            let value = if polarity == 1 { "support" } else { "oppose" };
            span.attrs.insert("polarity".into(), value.into());
        }
        s.spans.push(span);
    }
    if sorted {
        s.sort();
    }
    s
}

fn raw_spans() -> impl proptest::strategy::Strategy<Value = Vec<(usize, usize, usize, usize)>> {
    proptest::collection::vec((0usize..60, 0usize..9, 0usize..3, 0usize..3), 0..14)
}

proptest::proptest! {
    #[test]
    fn listing_equals_the_old_listing(
        a in raw_spans(),
        b in raw_spans(),
        sorted in proptest::bool::ANY,
    ) {
        let (a, b) = (set_of(&a, 1, sorted), set_of(&b, 100, sorted));
        let actors = ActorRegistry::default();
        let new = compare_sets_named("d", TEXT, &a, &b, &actors);
        let old = compare_with("d", TEXT, &a, &b, &actors, reference::overlap_pairs);
        proptest::prop_assert_eq!(new, old);
    }
}

#[test]
fn mutually_overlapping_candidates_are_listed_without_the_graph_of_overlaps() {
    // 32,000 spans a side, every one overlapping every other (they all
    // cover characters 56..60, a model's candidate spans around one
    // mention), of two labels: the graph of all overlaps would hold about
    // a billion pairs.
    let n = 32_000;
    let text: String = TEXT.chars().take(120).collect();
    let spans = |range: &dyn Fn(usize) -> (usize, usize), person: &dyn Fn(usize) -> bool, first| {
        let mut s = AnnotationSet::new("d", "c");
        s.spans = (0..n)
            .map(|i| {
                let (start, end) = range(i);
                let label = if person(i) { "Person" } else { "Group" };
                Span::new(SpanId(first + i as u32), start, end, label)
            })
            .collect();
        s.sort();
        s
    };
    let a = spans(&|i| (i % 50, 102 + i % 17), &|i| i % 2 == 0, 1);
    let b = spans(&|i| (10 + i % 47, 60 + i % 53), &|i| i % 3 == 0, 100_000);
    let c = compare_sets("d", &text, &a, &b);

    let count = |kind| c.disagreements.iter().filter(|d| d.kind == kind).count();
    // Everything pairs: 16,000 Person spans of A against 10,667 of B,
    // 16,000 Group spans against 21,333, and the 5,333 left on each side
    // across labels.
    assert_eq!(count(DisagreementKind::MissingInA), 0);
    assert_eq!(count(DisagreementKind::MissingInB), 0);
    assert_eq!(count(DisagreementKind::LabelDiffers), 5_333);
    assert_eq!(count(DisagreementKind::AttributeDiffers), 0);
    assert_eq!(count(DisagreementKind::LinkDiffers), 0);
    assert_eq!(
        c.agreed.len() + count(DisagreementKind::BoundaryDiffers),
        10_667 + 16_000
    );
    assert!(!c.agreed.is_empty(), "identical ranges agree");
    // Each span is listed once, beside a span it overlaps.
    let mut seen_a = std::collections::HashSet::new();
    let mut seen_b = std::collections::HashSet::new();
    for &(x, y) in &c.agreed {
        assert!(seen_a.insert(x) && seen_b.insert(y));
    }
    for d in &c.disagreements {
        let (x, y) = (d.a.as_ref().unwrap(), d.b.as_ref().unwrap());
        assert!(seen_a.insert(x.id) && seen_b.insert(y.id));
        assert!(x.start < y.end && y.start < x.end);
        if d.kind == DisagreementKind::BoundaryDiffers {
            assert_eq!(x.label, y.label);
        }
    }
    assert_eq!((seen_a.len(), seen_b.len()), (n, n));
    assert!(
        c.disagreements
            .windows(2)
            .all(|w| w[0].start() <= w[1].start())
    );
    // The figures count the same pairs.
    let ranges =
        |s: &AnnotationSet| -> Vec<Range> { s.spans.iter().map(|x| (x.start, x.end)).collect() };
    assert_eq!(overlap_count(&ranges(&a), &ranges(&b)), n);
}
