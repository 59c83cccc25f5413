//! Two-coder contingency tables and Cohen's kappa (Cohen 1960), computed
//! in exact integer arithmetic so that "chance agreement is 1" is detected
//! exactly and reported as undefined rather than as a rounding artefact.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// A small, fast, non-cryptographic hasher for the tables (keys come from
/// our own data, so there is no hash-flooding concern, and the category
/// table is filled once per text segment of a large corpus).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let tail = chunks
            .remainder()
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        self.write_u64(tail ^ ((bytes.len() as u64) << 56));
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Hash maps keyed by our own small keys.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// How often each (value of A, value of B) pair occurred.
#[derive(Clone, Debug)]
pub struct Contingency<K: Eq + Hash> {
    cells: FastMap<(K, K), u64>,
}

impl<K: Eq + Hash> Default for Contingency<K> {
    fn default() -> Self {
        Contingency {
            cells: FastMap::default(),
        }
    }
}

impl<K: Eq + Hash + Clone> Contingency<K> {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `n` items coded `a` by A and `b` by B.
    pub fn add(&mut self, a: K, b: K, n: u64) {
        if n > 0 {
            *self.cells.entry((a, b)).or_default() += n;
        }
    }

    /// Total number of items.
    pub fn total(&self) -> u64 {
        self.cells.values().sum()
    }

    /// The marginals: (items per value for A, items per value for B, items
    /// on the diagonal).
    pub fn marginals(&self) -> (FastMap<K, u64>, FastMap<K, u64>, u64) {
        let mut rows: FastMap<K, u64> = FastMap::default();
        let mut cols: FastMap<K, u64> = FastMap::default();
        let mut diag = 0;
        for ((a, b), &n) in &self.cells {
            *rows.entry(a.clone()).or_default() += n;
            *cols.entry(b.clone()).or_default() += n;
            if a == b {
                diag += n;
            }
        }
        (rows, cols, diag)
    }

    /// Cohen's kappa, `None` when undefined (no items, or chance agreement
    /// is 1 because both coders used one and the same value throughout).
    pub fn cohen_kappa(&self) -> Option<f64> {
        let (rows, cols, diag) = self.marginals();
        let n = u128::from(self.total());
        let chance: u128 = rows
            .iter()
            .map(|(k, &r)| u128::from(r) * u128::from(cols.get(k).copied().unwrap_or(0)))
            .sum();
        kappa_from_counts(n, u128::from(diag), chance)
    }

    /// Krippendorff's alpha (nominal) treating every item as a unit coded
    /// by both coders (no missing values).
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        let (rows, cols, diag) = self.marginals();
        let mut per_value: FastMap<&K, u128> = FastMap::default();
        for (k, &r) in &rows {
            *per_value.entry(k).or_default() += u128::from(r);
        }
        for (k, &c) in &cols {
            *per_value.entry(k).or_default() += u128::from(c);
        }
        let pairable = 2 * u128::from(self.total());
        let squares: u128 = per_value.values().map(|v| v * v).sum();
        let mismatched = 2 * (u128::from(self.total()) - u128::from(diag));
        super::alpha::alpha_from_coincidences(pairable, mismatched, squares)
    }
}

/// kappa = (N·diag − Σ rᵢcᵢ) / (N² − Σ rᵢcᵢ) = (pₒ − pₑ) / (1 − pₑ), exactly;
/// `None` when the denominator is zero.
pub fn kappa_from_counts(n: u128, diag: u128, chance: u128) -> Option<f64> {
    let den = n * n;
    if den <= chance {
        return None;
    }
    let num = (n * diag) as i128 - chance as i128;
    Some(num as f64 / (den - chance) as f64)
}

/// A 2×2 table of binary codings: items both coded 1, only A, only B, and
/// neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Binary {
    /// Both 1.
    pub both: u64,
    /// A 1, B 0.
    pub only_a: u64,
    /// A 0, B 1.
    pub only_b: u64,
    /// Both 0.
    pub neither: u64,
}

impl Binary {
    /// The table as a contingency table over `bool`.
    pub fn to_contingency(self) -> Contingency<bool> {
        let mut t = Contingency::new();
        t.add(true, true, self.both);
        t.add(true, false, self.only_a);
        t.add(false, true, self.only_b);
        t.add(false, false, self.neither);
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cells: &[(u32, u32, u64)]) -> Contingency<u32> {
        let mut t = Contingency::new();
        for &(a, b, n) in cells {
            t.add(a, b, n);
        }
        t
    }

    fn close(x: Option<f64>, want: f64, tol: f64) {
        let x = x.expect("defined");
        assert!((x - want).abs() <= tol, "{x} is not within {tol} of {want}");
    }

    #[test]
    fn cohen_1960_second_example() {
        // Cohen (1960: 45): p_o = .70, p_e = .41, kappa = .492.
        let t = table(&[
            (1, 1, 88),
            (1, 2, 14),
            (1, 3, 18),
            (2, 1, 10),
            (2, 2, 40),
            (2, 3, 10),
            (3, 1, 2),
            (3, 2, 6),
            (3, 3, 12),
        ]);
        close(t.cohen_kappa(), 0.492, 0.001);
    }

    #[test]
    fn cohen_1960_first_example() {
        // Cohen (1960: 37): p_o = .29, p_e = .35, so kappa is negative.
        let t = table(&[
            (1, 1, 25),
            (1, 2, 12),
            (1, 3, 3),
            (2, 1, 13),
            (2, 2, 2),
            (2, 3, 15),
            (3, 1, 12),
            (3, 2, 16),
            (3, 3, 2),
        ]);
        let po = 0.29;
        let pe = (40.0 * 50.0 + 30.0 * 30.0 + 30.0 * 20.0) / 10000.0;
        close(t.cohen_kappa(), (po - pe) / (1.0 - pe), 1e-9);
    }

    #[test]
    fn krippendorff_2004_kappa_differs_from_pi() {
        // Krippendorff (2004: 246), the asymmetric table: kappa = .258.
        let t = table(&[
            (1, 1, 12),
            (1, 2, 18),
            (1, 3, 18),
            (2, 2, 14),
            (2, 3, 18),
            (3, 3, 20),
        ]);
        close(t.cohen_kappa(), 0.258, 0.001);
    }

    #[test]
    fn hand_computed_binary_table() {
        // 10 tokens: 3 both, 1 only A, 2 only B, 4 neither.
        // p_o = 0.7; p_e = 0.4·0.5 + 0.6·0.5 = 0.5; kappa = 0.4.
        let t = Binary {
            both: 3,
            only_a: 1,
            only_b: 2,
            neither: 4,
        }
        .to_contingency();
        close(t.cohen_kappa(), 0.4, 1e-12);
    }

    #[test]
    fn undefined_when_chance_agreement_is_one() {
        assert_eq!(table(&[(1, 1, 24)]).cohen_kappa(), None);
        assert_eq!(table(&[]).cohen_kappa(), None);
        // Perfect agreement with two values is 1, exactly.
        assert_eq!(table(&[(1, 1, 3), (2, 2, 5)]).cohen_kappa(), Some(1.0));
    }
}
