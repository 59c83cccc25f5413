//! Pairing two coders' spans: exact matching (same range) and overlap
//! matching (intersecting ranges, one-to-one, maximum number of pairs),
//! the latter a maximum bipartite matching found with Hopcroft–Karp.
//!
//! Which maximum matching is returned matters for the disagreement list and
//! adjudication (not for the figures): the search starts from a greedy
//! matching that prefers identical ranges and then the largest overlap, so
//! the pairs shown to a person are the natural ones.

/// A character range `[start, end)`.
pub type Range = (usize, usize);

/// Marks "no partner".
const FREE: usize = usize::MAX;

/// Pairs `(i, j)` of indices into `a` and `b` with identical ranges,
/// one-to-one (duplicates pair up as often as both sides have them).
pub fn exact_pairs(a: &[Range], b: &[Range]) -> Vec<(usize, usize)> {
    let mut ia: Vec<usize> = (0..a.len()).collect();
    let mut ib: Vec<usize> = (0..b.len()).collect();
    ia.sort_by_key(|&i| (a[i], i));
    ib.sort_by_key(|&j| (b[j], j));
    let (mut x, mut y) = (0, 0);
    let mut out = Vec::new();
    while x < ia.len() && y < ib.len() {
        match a[ia[x]].cmp(&b[ib[y]]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                out.push((ia[x], ib[y]));
                x += 1;
                y += 1;
            }
        }
    }
    out
}

/// A maximum one-to-one matching of intersecting ranges.
pub fn overlap_pairs(a: &[Range], b: &[Range]) -> Vec<(usize, usize)> {
    overlap_pairs_where(a, b, |_, _| true)
}

/// A maximum one-to-one matching of intersecting ranges `a[i]`, `b[j]` for
/// which `compatible(i, j)` also holds.
pub fn overlap_pairs_where(
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

/// The size of a maximum one-to-one matching of intersecting ranges (what
/// [`overlap_pairs`] returns, counted), in O(n log n) time and linear
/// memory: figures need only the count, and mutually overlapping spans
/// (a model's enumerated candidates) would make the explicit graph
/// quadratic (32,000 spans a side took 3.6 GB).
///
/// Greedy is exact here: take `a`'s ranges by increasing end and give each
/// the free intersecting range of `b` that ends first. If a maximum
/// matching pairs `a` with `m` and that first-ending `g` with `a'` (which
/// ends no earlier than `a`), swapping to `a`–`g`, `a'`–`m` keeps both
/// pairs intersecting: `m` starts before `a` ends, so before `a'` ends,
/// and ends no earlier than `g`, so after `a'` starts.
pub fn overlap_count(a: &[Range], b: &[Range]) -> usize {
    let nonempty = |r: &&Range| r.0 < r.1;
    let mut a: Vec<Range> = a.iter().filter(nonempty).copied().collect();
    let mut b: Vec<Range> = b.iter().filter(nonempty).copied().collect();
    a.sort_by_key(|r| r.1);
    b.sort_by_key(|r| r.0);
    // Ranges of `b` that start before the current `a` ends, by end.
    let mut open = std::collections::BTreeSet::new();
    let mut next = 0;
    let mut count = 0;
    for (s, e) in a {
        while next < b.len() && b[next].0 < e {
            open.insert((b[next].1, next));
            next += 1;
        }
        if let Some(&first) = open.range((s + 1, 0)..).next() {
            open.remove(&first);
            count += 1;
        }
    }
    count
}

/// [`overlap_count`] where a range of `a` may only pair with a range of
/// `b` of the same key (what `overlap_pairs_where(a, b, |i, j| ka[i] ==
/// kb[j])` returns, counted).
pub fn overlap_count_by_key<K: Eq + std::hash::Hash>(
    a: &[Range],
    ka: &[K],
    b: &[Range],
    kb: &[K],
) -> usize {
    let mut groups: std::collections::HashMap<&K, (Vec<Range>, Vec<Range>)> =
        std::collections::HashMap::new();
    for (r, k) in a.iter().zip(ka) {
        groups.entry(k).or_default().0.push(*r);
    }
    for (r, k) in b.iter().zip(kb) {
        if let Some(g) = groups.get_mut(k) {
            g.1.push(*r);
        }
    }
    groups.values().map(|(ga, gb)| overlap_count(ga, gb)).sum()
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

/// Pairs each range of `a`, in order, with its free neighbour that shares
/// the most characters, identical ranges first.
fn greedy_start(
    a: &[Range],
    b: &[Range],
    adj: &[Vec<usize>],
    pair_a: &mut [usize],
    pair_b: &mut [usize],
) {
    let shared = |x: Range, y: Range| x.1.min(y.1).saturating_sub(x.0.max(y.0));
    for round in [true, false] {
        for (i, neighbours) in adj.iter().enumerate() {
            if pair_a[i] != FREE {
                continue;
            }
            let best = neighbours
                .iter()
                .copied()
                .filter(|&j| pair_b[j] == FREE && (!round || a[i] == b[j]))
                .max_by_key(|&j| (shared(a[i], b[j]), std::cmp::Reverse(j)));
            if let Some(j) = best {
                pair_a[i] = j;
                pair_b[j] = i;
            }
        }
    }
}

/// Grows the matching `pair_a`/`pair_b` to a maximum one by shortest
/// augmenting paths, phase by phase (Hopcroft & Karp 1973). Matched
/// vertices stay matched; only their partners may change.
pub fn hopcroft_karp(adj: &[Vec<usize>], pair_a: &mut [usize], pair_b: &mut [usize]) {
    const INF: usize = usize::MAX;
    let n = adj.len();
    let mut dist = vec![INF; n];
    let mut next_edge = vec![0usize; n];
    let mut queue = Vec::with_capacity(n);
    loop {
        // Breadth-first layering from the free vertices of A.
        queue.clear();
        for u in 0..n {
            if pair_a[u] == FREE {
                dist[u] = 0;
                queue.push(u);
            } else {
                dist[u] = INF;
            }
        }
        let mut found = false;
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head];
            head += 1;
            for &v in &adj[u] {
                let w = pair_b[v];
                if w == FREE {
                    found = true;
                } else if dist[w] == INF {
                    dist[w] = dist[u] + 1;
                    queue.push(w);
                }
            }
        }
        if !found {
            return;
        }
        next_edge.iter_mut().for_each(|e| *e = 0);
        for root in 0..n {
            if pair_a[root] == FREE {
                augment(root, adj, &mut dist, &mut next_edge, pair_a, pair_b);
            }
        }
    }
}

/// Depth-first search along the layers from `root` (iterative, so long
/// paths cannot overflow the stack); flips the path when it ends at a free
/// vertex of B.
fn augment(
    root: usize,
    adj: &[Vec<usize>],
    dist: &mut [usize],
    next_edge: &mut [usize],
    pair_a: &mut [usize],
    pair_b: &mut [usize],
) -> bool {
    let mut stack = vec![root];
    while let Some(&u) = stack.last() {
        if next_edge[u] >= adj[u].len() {
            dist[u] = usize::MAX;
            stack.pop();
            continue;
        }
        let v = adj[u][next_edge[u]];
        next_edge[u] += 1;
        let w = pair_b[v];
        if w == FREE {
            for &x in &stack {
                let chosen = adj[x][next_edge[x] - 1];
                pair_a[x] = chosen;
                pair_b[chosen] = x;
            }
            return true;
        }
        if dist[w] == dist[u].saturating_add(1) {
            stack.push(w);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn prefers_identical_ranges() {
        let a = [(0, 10)];
        let b = [(0, 20), (0, 10)];
        assert_eq!(overlap_pairs(&a, &b), vec![(0, 1)]);
    }

    #[test]
    fn compatibility_filter_applies() {
        let a = [(0, 10), (20, 30)];
        let b = [(0, 10), (20, 30)];
        let p = overlap_pairs_where(&a, &b, |i, j| i != j);
        assert!(p.is_empty());
    }

    #[test]
    fn long_augmenting_chain() {
        // Every A_i overlaps B_i by one character and B_{i+1} by five, so
        // the greedy start pairs A_i with B_{i+1} and leaves the last A
        // free: only a path through the whole chain fixes it.
        let n = 2000;
        let a: Vec<Range> = (0..n).map(|i| (10 * i + 5, 10 * i + 15)).collect();
        let b: Vec<Range> = (0..n).map(|i| (10 * i, 10 * i + 6)).collect();
        assert_eq!(overlap_pairs(&a, &b).len(), n);
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
                overlap_pairs_where(&a, &b, |i, j| ka[i] == kb[j]).len()
            );
            let mut seen_a = std::collections::HashSet::new();
            let mut seen_b = std::collections::HashSet::new();
            for &(i, j) in &p {
                proptest::prop_assert!(seen_a.insert(i) && seen_b.insert(j));
                proptest::prop_assert!(a[i].0 < b[j].1 && b[j].0 < a[i].1);
            }
        }
    }
}
