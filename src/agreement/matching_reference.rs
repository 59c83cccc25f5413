//! The pairing as it was before clusters: the graph of all overlapping
//! pairs built at once, the greedy start, Hopcroft–Karp. Quadratic in
//! memory for mutually overlapping spans; kept as the reference the
//! listing must equal (tests only).

use super::{FREE, Range, greedy_start, hopcroft_karp};

/// A maximum one-to-one matching of intersecting ranges (the old
/// `overlap_pairs`).
pub(crate) fn overlap_pairs(a: &[Range], b: &[Range]) -> Vec<(usize, usize)> {
    overlap_pairs_where(a, b, |_, _| true)
}

/// A maximum one-to-one matching of intersecting ranges `a[i]`, `b[j]` for
/// which `compatible(i, j)` also holds.
pub(crate) fn overlap_pairs_where(
    a: &[Range],
    b: &[Range],
    compatible: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let adj = intersections(a, b, &compatible);
    let mut pair_a = vec![FREE; a.len()];
    let mut pair_b = vec![FREE; b.len()];
    greedy_start(a, b, &adj, &mut pair_a, &mut pair_b);
    hopcroft_karp(&adj, &mut pair_a, &mut pair_b);
    pair_a
        .iter()
        .enumerate()
        .filter(|&(_, &j)| j != FREE)
        .map(|(i, &j)| (i, j))
        .collect()
}

/// For each range of `a`, the compatible ranges of `b` it intersects.
fn intersections(
    a: &[Range],
    b: &[Range],
    compatible: &impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..b.len()).collect();
    order.sort_by_key(|&j| b[j]);
    // reach[k] = the furthest end among order[..=k]: scanning backwards can
    // stop once nothing earlier reaches the range.
    let mut reach = Vec::with_capacity(order.len());
    let mut furthest = 0;
    for &j in &order {
        furthest = furthest.max(b[j].1);
        reach.push(furthest);
    }
    a.iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            let mut out = Vec::new();
            let hi = order.partition_point(|&j| b[j].0 < e);
            for k in (0..hi).rev() {
                if reach[k] <= s {
                    break;
                }
                let j = order[k];
                if b[j].1 > s && b[j].0 < b[j].1 && s < e && compatible(i, j) {
                    out.push(j);
                }
            }
            out
        })
        .collect()
}
