//! Krippendorff's unitizing alpha, alpha_u, for one category (here: one
//! label) on a continuum (here: the characters of every shared document,
//! concatenated in project order).
//!
//! Each coder divides the continuum into units of the category and the gaps
//! between them. With `m` coders, continuum length `L`, and for every pair
//! of coders the distances δ between their intersecting segments —
//! two units: (b_g − b_h)² + (e_g − e_h)²; a unit lying inside the other
//! coder's gap: its length squared; anything else: 0 — the observed
//! disagreement is
//!
//! ```text
//! D_o = 2 / (m (m − 1) L²) · Σ_{coder pairs} Σ δ
//! ```
//!
//! and the expected disagreement, over all units u (all coders; N_c of
//! them) and all gaps g (all coders), is
//!
//! ```text
//! D_e = (2 / L) · Σ_u [ (N_c − 1) · l_u (l_u − 1) (2 l_u − 1) / 3
//!                       + l_u² · Σ_{g: l_g ≥ l_u} (l_g − l_u + 1) ]
//!       / ( m L (m L − 1) − Σ_u l_u (l_u − 1) )
//! ```
//!
//! alpha_u = 1 − D_o / D_e (Krippendorff 1995, "On the reliability of
//! unitizing continuous data"; 2004, "Measuring the reliability of
//! qualitative text analysis data"; the same quantity as DKPro Agreement's
//! `KrippendorffAlphaUnitizingAgreement`). It is `None` when D_e is zero —
//! in particular when no coder marked any unit.
//!
//! The method wants one coder's units of a category not to overlap, while
//! newscoder lets spans nest: a coder's intersecting spans of one label are
//! merged into their union first (touching spans stay separate units).
//! Everything is summed in exact integers; only the final ratio is floating
//! point.

/// Accumulates alpha_u of one category over documents, one at a time.
#[derive(Clone, Debug)]
pub struct AlphaU {
    coders: usize,
    /// Continuum length so far.
    length: u64,
    /// Σ δ over coder pairs.
    distance: u128,
    /// Lengths of every unit of every coder.
    units: Vec<u64>,
    /// Lengths of every gap of every coder, gaps running on across
    /// document boundaries.
    gaps: Vec<u64>,
    /// Per coder, the gap open at the end of the continuum so far.
    open_gap: Vec<u64>,
    /// Reused per document: merged units and segments per coder.
    merged: Vec<Vec<(u64, u64)>>,
}

impl AlphaU {
    /// An empty continuum for `coders` coders (at least two).
    pub fn new(coders: usize) -> AlphaU {
        AlphaU {
            coders,
            length: 0,
            distance: 0,
            units: Vec::new(),
            gaps: Vec::new(),
            open_gap: vec![0; coders],
            merged: vec![Vec::new(); coders],
        }
    }

    /// Appends a document of `len` characters to the continuum with each
    /// coder's units `[start, end)` in document offsets (any order; ranges
    /// are clipped to the document, empty ones ignored). `units` has one
    /// slice per coder.
    pub fn add_document(&mut self, len: usize, units: &[&[(usize, usize)]]) {
        let len = len as u64;
        for (c, merged) in self.merged.iter_mut().enumerate() {
            merged.clear();
            let Some(coder_units) = units.get(c) else {
                continue;
            };
            merged.extend(
                coder_units
                    .iter()
                    .map(|&(s, e)| (s as u64, (e as u64).min(len)))
                    .filter(|&(s, e)| s < e),
            );
            merge_intersecting(merged);
        }
        for r1 in 0..self.coders {
            for r2 in r1 + 1..self.coders {
                self.distance += pair_distance(&self.merged[r1], &self.merged[r2]);
            }
        }
        for (c, merged) in self.merged.iter().enumerate() {
            let mut cursor = 0;
            for &(s, e) in merged {
                let gap = self.open_gap[c] + (s - cursor);
                if gap > 0 {
                    self.gaps.push(gap);
                }
                self.open_gap[c] = 0;
                self.units.push(e - s);
                cursor = e;
            }
            self.open_gap[c] += len - cursor;
        }
        self.length += len;
    }

    /// Observed disagreement D_o; `None` for an empty continuum.
    pub fn observed(&self) -> Option<f64> {
        let l = self.length as f64;
        let m = self.coders as f64;
        (self.length > 0 && self.coders > 1)
            .then(|| 2.0 * self.distance as f64 / (m * (m - 1.0) * l * l))
    }

    /// Expected disagreement D_e as (numerator, denominator) of
    /// `D_e = 2 · num / (L · den)`, both exact.
    fn expected_parts(&self) -> (u128, u128) {
        let mut gaps = self.gaps.clone();
        for &g in &self.open_gap {
            if g > 0 {
                gaps.push(g);
            }
        }
        gaps.sort_unstable();
        // suffix[i] = Σ gaps[i..]
        let mut suffix = vec![0u128; gaps.len() + 1];
        for i in (0..gaps.len()).rev() {
            suffix[i] = suffix[i + 1] + u128::from(gaps[i]);
        }
        let mut units = self.units.clone();
        units.sort_unstable();
        let n_c = units.len() as u128;
        let mut num: u128 = 0;
        let mut squared: u128 = 0;
        let mut i = 0;
        while i < units.len() {
            let l = units[i];
            let run = units[i..].iter().take_while(|&&x| x == l).count() as u128;
            let lw = u128::from(l);
            let within = n_c.saturating_sub(1) * (lw * (lw - 1) * (2 * lw - 1) / 3);
            let from = gaps.partition_point(|&g| g < l);
            let count = (gaps.len() - from) as u128;
            let fits = suffix[from] - (lw - 1) * count;
            num += run * (within + lw * lw * fits);
            squared += run * lw * (lw - 1);
            i += run as usize;
        }
        let ml = self.coders as u128 * u128::from(self.length);
        let den = (ml * ml.saturating_sub(1)).saturating_sub(squared);
        (num, den)
    }

    /// Expected disagreement D_e; `None` for an empty continuum.
    pub fn expected(&self) -> Option<f64> {
        let (num, den) = self.expected_parts();
        (self.length > 0 && den > 0).then(|| 2.0 * num as f64 / (self.length as f64 * den as f64))
    }

    /// alpha_u = 1 − D_o / D_e; `None` when D_e is zero (no units at all,
    /// or nothing could be placed differently by chance).
    pub fn alpha(&self) -> Option<f64> {
        let (num, den) = self.expected_parts();
        if num == 0 || den == 0 || self.length == 0 || self.coders < 2 {
            return None;
        }
        if self.distance == 0 {
            return Some(1.0);
        }
        // D_o / D_e = [2 Σδ / (m (m − 1) L²)] / [2 num / (L den)]
        //           = Σδ · den / (m (m − 1) · L · num)
        let m = self.coders as f64;
        let ratio =
            (self.distance as f64 * den as f64) / (m * (m - 1.0) * self.length as f64 * num as f64);
        Some(1.0 - ratio)
    }
}

/// Sorts ranges and merges those that share a character.
fn merge_intersecting(ranges: &mut Vec<(u64, u64)>) {
    ranges.sort_unstable();
    let mut out = 0;
    for i in 0..ranges.len() {
        let (s, e) = ranges[i];
        if out > 0 && s < ranges[out - 1].1 {
            ranges[out - 1].1 = ranges[out - 1].1.max(e);
        } else {
            ranges[out] = (s, e);
            out += 1;
        }
    }
    ranges.truncate(out);
}

/// Σ δ over the intersecting segments of two coders on one document,
/// without listing the gaps: a unit lies inside the other coder's gap
/// exactly when it intersects none of the other coder's units, and two
/// gaps are never at a distance.
fn pair_distance(a: &[(u64, u64)], b: &[(u64, u64)]) -> u128 {
    let (mut i, mut j) = (0, 0);
    let (mut hit_a, mut hit_b) = (false, false);
    let mut total: u128 = 0;
    while i < a.len() && j < b.len() {
        let ((s1, e1), (s2, e2)) = (a[i], b[j]);
        if s1 < e2 && s2 < e1 {
            total += sq(s1.abs_diff(s2)) + sq(e1.abs_diff(e2));
            hit_a = true;
            hit_b = true;
        }
        let (done_a, done_b) = (e1 <= e2, e2 <= e1);
        if done_a {
            if !hit_a {
                total += sq(e1 - s1);
            }
            i += 1;
            hit_a = false;
        }
        if done_b {
            if !hit_b {
                total += sq(e2 - s2);
            }
            j += 1;
            hit_b = false;
        }
    }
    for (k, &(s, e)) in a.iter().enumerate().skip(i) {
        if !(k == i && hit_a) {
            total += sq(e - s);
        }
    }
    for (k, &(s, e)) in b.iter().enumerate().skip(j) {
        if !(k == j && hit_b) {
            total += sq(e - s);
        }
    }
    total
}

fn sq(x: u64) -> u128 {
    u128::from(x) * u128::from(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(x: Option<f64>, want: f64, tol: f64) {
        let x = x.expect("defined");
        assert!((x - want).abs() <= tol, "{x} is not within {tol} of {want}");
    }

    /// (offset, length) pairs, as the literature and DKPro write them.
    fn units(list: &[(usize, usize)], stretch: usize) -> Vec<(usize, usize)> {
        list.iter()
            .map(|&(o, l)| (o * stretch, (o + l) * stretch))
            .collect()
    }

    fn two(len: usize, a: &[(usize, usize)], b: &[(usize, usize)]) -> AlphaU {
        let mut u = AlphaU::new(2);
        u.add_document(len, &[a, b]);
        u
    }

    #[test]
    fn krippendorff_2004_worked_example() {
        // Krippendorff (2004: 254): continuum 150..450, two observers,
        // categories c and k (shifted to start at 0).
        let c = two(
            300,
            &units(&[(75, 70), (220, 30)], 1),
            &units(&[(70, 80), (205, 20), (250, 20)], 1),
        );
        close(c.observed(), 0.0144, 0.0001);
        close(c.expected(), 0.0532, 0.0001);
        close(c.alpha(), 0.7286, 0.0001);
        let k_units = units(&[(30, 60), (150, 50)], 1);
        let k = two(300, &k_units, &k_units);
        close(k.observed(), 0.0, 1e-12);
        close(k.expected(), 0.0490, 0.0001);
        assert_eq!(k.alpha(), Some(1.0));
    }

    /// Krippendorff (1995: 57): four pairs of observers on 24 positions.
    fn example_1995(category: char, stretch: usize) -> AlphaU {
        type Units = &'static [(usize, usize)];
        let (a, b): (Units, Units) = match category {
            'A' => (&[(2, 8), (14, 6)], &[(4, 4), (15, 2)]),
            'B' => (
                &[(0, 18)],
                &[(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)],
            ),
            'C' => (
                &[(2, 6), (10, 2), (14, 4), (20, 2)],
                &[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)],
            ),
            _ => (
                &[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
                &[(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)],
            ),
        };
        two(24 * stretch, &units(a, stretch), &units(b, stretch))
    }

    #[test]
    fn krippendorff_1995_observed_disagreement() {
        close(example_1995('A', 1).observed(), 0.03125, 0.00001);
        close(example_1995('B', 1).observed(), 2.26736, 0.00001);
        close(example_1995('C', 1).observed(), 0.02777, 0.00001);
        close(example_1995('D', 1).observed(), 0.38715, 0.00001);
    }

    #[test]
    fn krippendorff_1995_expected_disagreement_and_alpha() {
        // The published D_e assume a (nearly) continuous scale; DKPro
        // reproduces them by stretching the example 50,000-fold.
        let s = 1_200_000 / 24;
        let figures = [
            ('A', 0.06990, 0.553),
            ('B', 1.17731, -0.926),
            ('C', 0.08642, 0.679),
            ('D', 0.41445, 0.066),
        ];
        for (cat, de, alpha) in figures {
            let u = example_1995(cat, s);
            close(u.expected(), de, 0.005);
            close(u.alpha(), alpha, 0.02);
        }
        // Stretching does not change the observed disagreement.
        close(example_1995('C', s).observed(), 0.02777, 0.00001);
    }

    #[test]
    fn dkpro_small_example() {
        // r0: -11111111-   r1: --1-1-1---
        let u = two(10, &[(1, 9)], &[(2, 3), (4, 5), (6, 7)]);
        close(u.observed(), 0.9100, 0.0001);
        close(u.expected(), 0.5351, 0.0001);
        close(u.alpha(), -0.7003, 0.0001);
    }

    #[test]
    fn single_unit_three_coders_is_zero() {
        // DKPro's test: one coder of three marks one character of 20.
        let mut u = AlphaU::new(3);
        u.add_document(20, &[&[(0, 1)], &[], &[]]);
        close(u.alpha(), 0.0, 1e-9);
    }

    #[test]
    fn empty_and_identical() {
        assert_eq!(two(20, &[], &[]).alpha(), None);
        assert_eq!(AlphaU::new(2).alpha(), None);
        assert_eq!(two(20, &[(3, 7)], &[(3, 7)]).alpha(), Some(1.0));
    }

    #[test]
    fn concatenating_documents_joins_gaps() {
        // Two documents of 10: units at the end of the first and the start
        // of the second. Concatenated, that is one continuum of 20.
        let mut split = AlphaU::new(2);
        split.add_document(10, &[&[(2, 4)], &[(2, 5)]]);
        split.add_document(10, &[&[(6, 8)], &[(6, 8)]]);
        let whole = two(20, &[(2, 4), (16, 18)], &[(2, 5), (16, 18)]);
        assert_eq!(split.observed(), whole.observed());
        assert_eq!(split.expected(), whole.expected());
        assert_eq!(split.alpha(), whole.alpha());
    }

    /// δ summed the way the method states it: over every pair of
    /// intersecting segments, gaps listed explicitly.
    fn by_segments(len: u64, a: &[(u64, u64)], b: &[(u64, u64)]) -> u128 {
        let segments = |units: &[(u64, u64)]| {
            let mut out = Vec::new();
            let mut cursor = 0;
            for &(s, e) in units {
                if s > cursor {
                    out.push((cursor, s, false));
                }
                out.push((s, e, true));
                cursor = e;
            }
            if cursor < len {
                out.push((cursor, len, false));
            }
            out
        };
        let mut total = 0;
        for &(gs, ge, gu) in &segments(a) {
            for &(hs, he, hu) in &segments(b) {
                if gs >= he || hs >= ge {
                    continue;
                }
                total += match (gu, hu) {
                    (true, true) => sq(gs.abs_diff(hs)) + sq(ge.abs_diff(he)),
                    (true, false) if hs <= gs && ge <= he => sq(ge - gs),
                    (false, true) if gs <= hs && he <= ge => sq(he - hs),
                    _ => 0,
                };
            }
        }
        total
    }

    proptest::proptest! {
        #[test]
        fn distance_equals_the_segment_definition(
            a in proptest::collection::vec((0u64..40, 1u64..9), 0..6),
            b in proptest::collection::vec((0u64..40, 1u64..9), 0..6),
        ) {
            let mut a: Vec<(u64, u64)> = a.into_iter().map(|(s, l)| (s, s + l)).collect();
            let mut b: Vec<(u64, u64)> = b.into_iter().map(|(s, l)| (s, s + l)).collect();
            merge_intersecting(&mut a);
            merge_intersecting(&mut b);
            proptest::prop_assert_eq!(pair_distance(&a, &b), by_segments(50, &a, &b));
        }
    }

    #[test]
    fn nested_spans_are_merged() {
        let nested = two(30, &[(2, 10), (4, 6)], &[(2, 10)]);
        assert_eq!(nested.alpha(), Some(1.0));
        let mut v = vec![(5, 9), (1, 3), (3, 4), (2, 6)];
        merge_intersecting(&mut v);
        assert_eq!(v, vec![(1, 9)]);
        let mut touching = vec![(1, 3), (3, 4)];
        merge_intersecting(&mut touching);
        assert_eq!(touching, vec![(1, 3), (3, 4)]);
    }
}
