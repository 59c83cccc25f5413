//! Pairing: exact pairs, maximum overlap matchings (against brute force),
//! the listing against the reference (the pairing before clusters), and
//! mutually overlapping spans without the graph of all overlaps.

use super::reference;
use super::*;

/// Checks that `p` pairs indices one-to-one and only intersecting ranges.
fn assert_matching(a: &[Range], b: &[Range], p: &[(usize, usize)]) {
    let mut seen_a = std::collections::HashSet::new();
    let mut seen_b = std::collections::HashSet::new();
    for &(i, j) in p {
        assert!(seen_a.insert(i) && seen_b.insert(j), "{i}–{j} twice");
        assert!(a[i].0 < b[j].1 && b[j].0 < a[i].1, "{i}–{j} do not overlap");
        assert!(
            a[i].0 < a[i].1 && b[j].0 < b[j].1,
            "{i}–{j}: an empty range"
        );
    }
}

#[test]
fn exact_pairs_duplicates_once_each() {
    let a = [(0, 3), (5, 8), (5, 8), (10, 12)];
    let b = [(5, 8), (0, 3), (10, 13)];
    let mut p = exact_pairs(&a, &b);
    p.sort();
    assert_eq!(p, vec![(0, 1), (1, 0)]);
}

#[test]
fn greedy_is_not_enough_but_the_matching_is_maximum() {
    // A0 overlaps B0 a little and B1 a lot; A1 only overlaps B1.
    let a = [(0, 10), (11, 12)];
    let b = [(0, 2), (5, 12)];
    let mut p = overlap_pairs(&a, &b);
    p.sort();
    assert_eq!(p, vec![(0, 0), (1, 1)]);
}

#[test]
fn overlap_is_one_to_one() {
    // One long span of A against three short ones of B: one pair.
    assert_eq!(
        overlap_pairs(&[(0, 30)], &[(0, 5), (10, 15), (20, 25)]).len(),
        1
    );
    // Touching is not intersecting.
    assert!(overlap_pairs(&[(0, 5)], &[(5, 9)]).is_empty());
    assert!(overlap_pairs(&[], &[(5, 9)]).is_empty());
    // Empty and reversed ranges pair with nothing.
    assert!(overlap_pairs(&[(3, 3), (6, 2)], &[(0, 9)]).is_empty());
}

#[test]
fn prefers_identical_ranges() {
    let a = [(0, 10)];
    let b = [(0, 20), (0, 10)];
    assert_eq!(overlap_pairs(&a, &b), vec![(0, 1)]);
}

#[test]
fn the_reference_honours_its_compatibility_filter() {
    let a = [(0, 10), (20, 30)];
    let b = [(0, 10), (20, 30)];
    let p = reference::overlap_pairs_where(&a, &b, |i, j| i != j);
    assert!(p.is_empty());
}

#[test]
fn long_augmenting_chain() {
    // Every A_i overlaps B_i by one character and B_{i+1} by five, so
    // the greedy start pairs A_i with B_{i+1} and leaves the last A
    // free: only a path through the whole chain fixes it. One cluster,
    // far under its budget: the natural pairs, as before.
    let n = 2000;
    let a: Vec<Range> = (0..n).map(|i| (10 * i + 5, 10 * i + 15)).collect();
    let b: Vec<Range> = (0..n).map(|i| (10 * i, 10 * i + 6)).collect();
    let p = overlap_pairs(&a, &b);
    assert_eq!(p.len(), n);
    assert_eq!(p, reference::overlap_pairs(&a, &b));
}

#[test]
fn a_span_over_the_whole_text_keeps_the_natural_pairs() {
    // One coder marked the whole text as well (a frame, a genre): every
    // span joins one cluster, each overlapping pair is still cheap.
    let n = 3000;
    let mut a: Vec<Range> = (0..n).map(|i| (10 * i, 10 * i + 4)).collect();
    a.push((0, 10 * n));
    let b: Vec<Range> = (0..n).map(|i| (10 * i + 1, 10 * i + 6)).collect();
    assert_eq!(clusters(&a, &b).len(), 1);
    assert!(intersecting_pairs(&a, &b) <= edge_budget(a.len() + b.len()));
    let p = overlap_pairs(&a, &b);
    assert_eq!(p, reference::overlap_pairs(&a, &b));
    assert_eq!(p.len(), n);
}

#[test]
fn clusters_are_cut_where_no_overlap_crosses() {
    // A0 and B0 overlap; A1 touches A0 and B0 without overlapping them
    // and overlaps B1 as A2 does; B2 is alone (no cluster: nothing pairs),
    // so is the empty A3.
    let a = [(0, 5), (5, 12), (14, 20), (30, 30)];
    let b = [(3, 5), (11, 15), (40, 50)];
    assert_eq!(
        clusters(&a, &b),
        vec![(vec![0], vec![0]), (vec![1, 2], vec![1])]
    );
    assert_eq!(intersecting_pairs(&a, &b), 3);
}

#[test]
fn counting_needs_no_graph_of_all_overlaps() {
    // 20,000 spans a side, every one overlapping every other: the
    // explicit graph would hold 400 million edges.
    let n = 20_000;
    let a: Vec<Range> = (0..n).map(|i| (i, 2 * n + i)).collect();
    let b: Vec<Range> = (0..n).map(|i| (n + i, 3 * n)).collect();
    assert_eq!(overlap_count(&a, &b), n);
    // Empty ranges never pair, touching is not intersecting.
    assert_eq!(overlap_count(&[(3, 3), (0, 5)], &[(3, 3), (5, 9)]), 0);
    let same = vec![0u8; n];
    assert_eq!(overlap_count_by_key(&a, &same, &b, &same), n);
}

#[test]
fn listing_needs_no_graph_of_all_overlaps() {
    // 32,000 spans a side (a model's candidates), every one overlapping
    // every other: 1,024 million overlapping pairs, one cluster far over
    // its budget, paired by end.
    let n = 32_000;
    let a: Vec<Range> = (0..n).map(|i| (i, 2 * n + i)).collect();
    let b: Vec<Range> = (0..n).map(|i| (n + i, 3 * n - i % 7)).collect();
    assert_eq!(clusters(&a, &b).len(), 1);
    assert_eq!(intersecting_pairs(&a, &b), n * n);
    let p = overlap_pairs(&a, &b);
    assert_eq!(p.len(), n);
    assert!(
        p.windows(2).all(|w| w[0].0 < w[1].0),
        "ordered by A's index"
    );
    assert_matching(&a, &b, &p);
}

/// Brute force: the size of a maximum matching by trying everything.
fn brute(a: &[Range], b: &[Range]) -> usize {
    fn go(i: usize, a: &[Range], b: &[Range], used: &mut Vec<bool>) -> usize {
        if i == a.len() {
            return 0;
        }
        let mut best = go(i + 1, a, b, used);
        for j in 0..b.len() {
            if !used[j] && a[i].0 < b[j].1 && b[j].0 < a[i].1 {
                used[j] = true;
                best = best.max(1 + go(i + 1, a, b, used));
                used[j] = false;
            }
        }
        best
    }
    go(0, a, b, &mut vec![false; b.len()])
}

/// Ranges from start, length and whether to reverse them (length 0 gives
/// an empty range).
fn ranges(raw: Vec<(usize, usize, bool)>) -> Vec<Range> {
    raw.into_iter()
        .map(|(s, l, rev)| if rev { (s + l, s) } else { (s, s + l) })
        .collect()
}

fn raw_ranges(
    starts: usize,
    most: usize,
) -> impl proptest::strategy::Strategy<Value = Vec<(usize, usize, bool)>> {
    proptest::collection::vec(
        (0..starts, 0usize..10, proptest::bool::weighted(0.05)),
        0..most,
    )
}

proptest::proptest! {
    #[test]
    fn matches_brute_force(
        a in proptest::collection::vec((0usize..30, 1usize..8), 0..7),
        b in proptest::collection::vec((0usize..30, 1usize..8), 0..7),
    ) {
        let a: Vec<Range> = a.into_iter().map(|(s, l)| (s, s + l)).collect();
        let b: Vec<Range> = b.into_iter().map(|(s, l)| (s, s + l)).collect();
        let p = overlap_pairs(&a, &b);
        proptest::prop_assert_eq!(p.len(), brute(&a, &b));
        proptest::prop_assert_eq!(overlap_count(&a, &b), p.len());
        // By key: the same as the filtered matching.
        let ka: Vec<usize> = (0..a.len()).map(|i| i % 2).collect();
        let kb: Vec<usize> = (0..b.len()).map(|j| j % 3 % 2).collect();
        proptest::prop_assert_eq!(
            overlap_count_by_key(&a, &ka, &b, &kb),
            reference::overlap_pairs_where(&a, &b, |i, j| ka[i] == kb[j]).len()
        );
        assert_matching(&a, &b, &p);
    }

    /// Under the budget (always, for inputs this small), the listing is
    /// the reference's, pair for pair and in the same order.
    #[test]
    fn listing_equals_the_reference(a in raw_ranges(60, 16), b in raw_ranges(60, 16)) {
        let (a, b) = (ranges(a), ranges(b));
        proptest::prop_assert_eq!(overlap_pairs(&a, &b), reference::overlap_pairs(&a, &b));
        // Whatever the cut into clusters, a budget nothing exceeds gives
        // the same.
        proptest::prop_assert_eq!(
            overlap_pairs_within(&a, &b, |_| usize::MAX),
            reference::overlap_pairs(&a, &b)
        );
    }

    /// Over the budget (forced), the pairs may be others but as many.
    #[test]
    fn over_the_budget_as_many_pairs(a in raw_ranges(30, 10), b in raw_ranges(30, 10)) {
        let (a, b) = (ranges(a), ranges(b));
        let p = overlap_pairs_within(&a, &b, |_| 0);
        assert_matching(&a, &b, &p);
        proptest::prop_assert!(p.windows(2).all(|w| w[0].0 < w[1].0));
        proptest::prop_assert_eq!(p.len(), reference::overlap_pairs(&a, &b).len());
        proptest::prop_assert_eq!(p.len(), overlap_count(&a, &b));
        // The count of overlapping pairs is the reference graph's size.
        let ra: Vec<Range> = a.iter().copied().filter(|r| r.0 < r.1).collect();
        let edges = ra
            .iter()
            .map(|x| b.iter().filter(|y| y.0 < y.1 && x.0 < y.1 && y.0 < x.1).count())
            .sum::<usize>();
        proptest::prop_assert_eq!(intersecting_pairs(&a, &b), edges);
    }
}
