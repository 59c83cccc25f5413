//! Token kappa per category (docs/formats.md, "Agreement"): each token's value is the
//! sorted, `+`-joined set of the category's labels covering it, or `O`.
//!
//! Rather than visiting every token, a sweep over the spans' token ranges
//! finds the stretches where both coders' label sets stay the same and
//! counts each stretch once; tokens outside every stretch are (`O`, `O`).

use super::kappa::{Contingency, FastMap};
use super::tokens::TokenRange;

/// A label set, interned: 0 is the empty set (`O`).
type SetId = u32;

/// Accumulates the contingency table of one category over documents.
#[derive(Clone, Debug)]
pub struct CategoryTally {
    /// Label sets of label numbers below 64, as bit masks, and their ids.
    masks: FastMap<u64, SetId>,
    /// Other label sets (sorted label numbers) and their ids.
    sets: FastMap<Vec<u32>, SetId>,
    /// Label sets seen so far, the empty one included.
    distinct: SetId,
    table: Contingency<SetId>,
    /// Tokens counted in the table so far.
    counted: u64,
    /// Tokens of all documents so far.
    tokens: u64,
    /// Reused per document.
    events: Vec<(usize, bool, u32, i32)>,
}

impl Default for CategoryTally {
    fn default() -> Self {
        CategoryTally {
            masks: FastMap::default(),
            sets: FastMap::default(),
            distinct: 1,
            table: Contingency::new(),
            counted: 0,
            tokens: 0,
            events: Vec::new(),
        }
    }
}

impl CategoryTally {
    /// Adds one document of `tokens` tokens, given each coder's spans of
    /// this category as (label number, token range). Label numbers only
    /// need to be distinct per label; small ones (the label's position in
    /// its category) are fastest.
    pub fn add_document(
        &mut self,
        tokens: usize,
        a: &[(u32, TokenRange)],
        b: &[(u32, TokenRange)],
    ) {
        self.tokens += tokens as u64;
        if a.is_empty() && b.is_empty() {
            return;
        }
        self.events.clear();
        for (is_b, spans) in [(false, a), (true, b)] {
            for &(label, (s, e)) in spans {
                if s < e {
                    self.events.push((s, is_b, label, 1));
                    self.events.push((e, is_b, label, -1));
                }
            }
        }
        self.events.sort_unstable();
        // Active labels with their number of covering spans, per coder.
        let mut active: [Vec<(u32, i32)>; 2] = [Vec::new(), Vec::new()];
        let mut current: [SetId; 2] = [0, 0];
        let mut pos = 0;
        let mut k = 0;
        while k < self.events.len() {
            let at = self.events[k].0;
            if at > pos && (current[0] != 0 || current[1] != 0) {
                let n = (at - pos) as u64;
                self.table.add(current[0], current[1], n);
                self.counted += n;
            }
            pos = at;
            let mut changed = [false, false];
            while k < self.events.len() && self.events[k].0 == at {
                let (_, is_b, label, delta) = self.events[k];
                let side = &mut active[usize::from(is_b)];
                match side.iter_mut().find(|(l, _)| *l == label) {
                    Some(entry) => entry.1 += delta,
                    None => side.push((label, delta)),
                }
                side.retain(|&(_, n)| n > 0);
                changed[usize::from(is_b)] = true;
                k += 1;
            }
            for c in 0..2 {
                if changed[c] {
                    current[c] = self.intern(&active[c]);
                }
            }
        }
    }

    fn intern(&mut self, active: &[(u32, i32)]) -> SetId {
        if active.is_empty() {
            return 0;
        }
        // Categories rarely have more than a handful of labels: a bit mask
        // identifies the set without sorting or allocating.
        if active.iter().all(|&(l, _)| l < 64) {
            let mask = active.iter().fold(0u64, |m, &(l, _)| m | 1 << l);
            if let Some(&id) = self.masks.get(&mask) {
                return id;
            }
            let id = self.fresh();
            self.masks.insert(mask, id);
            return id;
        }
        let mut labels: Vec<u32> = active.iter().map(|&(l, _)| l).collect();
        labels.sort_unstable();
        if let Some(&id) = self.sets.get(&labels) {
            return id;
        }
        let id = self.fresh();
        self.sets.insert(labels, id);
        id
    }

    fn fresh(&mut self) -> SetId {
        let id = self.distinct;
        self.distinct += 1;
        id
    }

    /// Cohen's kappa over every token of the documents added.
    pub fn kappa(&self) -> Option<f64> {
        let mut table = self.table.clone();
        table.add(0, 0, self.tokens.saturating_sub(self.counted));
        table.cohen_kappa()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::kappa::Contingency;
    use proptest::prop_oneof;

    /// The same table built token by token.
    fn naive(tokens: usize, a: &[(u32, TokenRange)], b: &[(u32, TokenRange)]) -> Option<f64> {
        let value = |spans: &[(u32, TokenRange)], t: usize| {
            let mut v: Vec<u32> = spans
                .iter()
                .filter(|(_, (s, e))| *s <= t && t < *e)
                .map(|(l, _)| *l)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut table = Contingency::new();
        for t in 0..tokens {
            table.add(value(a, t), value(b, t), 1);
        }
        table.cohen_kappa()
    }

    #[test]
    fn hand_computed_category_table() {
        // 10 tokens. A: label 1 on 0..3, label 2 on 2..4 (token 2 is "1+2").
        // B: label 1 on 0..2, label 2 on 5..6.
        let a = [(1, (0, 3)), (2, (2, 4))];
        let b = [(1, (0, 2)), (2, (5, 6))];
        let mut t = CategoryTally::default();
        t.add_document(10, &a, &b);
        // Pairs: (1,1)x2, (1+2,O), (2,O), (O,O)x5 … (O,2) at 5: 10 tokens.
        // A: 1:2, 1+2:1, 2:1, O:6; B: 1:2, 2:1, O:7.
        // p_o = (2 + 5) / 10; p_e = (2·2 + 1·1 + 6·7) / 100 = 0.47.
        let want = (0.7 - 0.47) / (1.0 - 0.47);
        assert!((t.kappa().unwrap() - want).abs() < 1e-12);
        assert_eq!(t.kappa(), naive(10, &a, &b));
    }

    #[test]
    fn nothing_marked_is_undefined() {
        let mut t = CategoryTally::default();
        t.add_document(10, &[], &[]);
        assert_eq!(t.kappa(), None);
    }

    proptest::proptest! {
        #[test]
        fn sweep_equals_token_by_token(
            a in proptest::collection::vec((prop_oneof![0u32..3, 62u32..67], 0usize..12, 0usize..5), 0..6),
            b in proptest::collection::vec((prop_oneof![0u32..3, 62u32..67], 0usize..12, 0usize..5), 0..6),
        ) {
            let a: Vec<(u32, TokenRange)> = a.into_iter().map(|(l, s, n)| (l, (s, (s + n).min(15)))).collect();
            let b: Vec<(u32, TokenRange)> = b.into_iter().map(|(l, s, n)| (l, (s, (s + n).min(15)))).collect();
            let mut t = CategoryTally::default();
            t.add_document(15, &a, &b);
            let (x, y) = (t.kappa(), naive(15, &a, &b));
            match (x, y) {
                (Some(x), Some(y)) => proptest::prop_assert!((x - y).abs() < 1e-12),
                _ => proptest::prop_assert_eq!(x, y),
            }
        }
    }
}
