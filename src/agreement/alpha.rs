//! Krippendorff's alpha for nominal data (Krippendorff 2004, ch. 11;
//! "Computing Krippendorff's alpha-reliability", 2011): one minus observed
//! over expected disagreement, both read off the coincidence matrix.
//!
//! With `n` pairable values, `o_ck` the coincidences and `n_c` the values of
//! each kind: alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, where
//! Σ_{c≠k} n_c·n_k = n² − Σ_c n_c².

use std::collections::HashMap;
use std::hash::Hash;

/// alpha from the sums of the coincidence matrix: `pairable` values `n`,
/// `mismatched` = Σ_{c≠k} o_ck and `squares` = Σ_c n_c². `None` when
/// expected disagreement is zero (fewer than two values, or only one kind
/// of value in all the data).
pub fn alpha_from_coincidences(pairable: u128, mismatched: u128, squares: u128) -> Option<f64> {
    alpha_from_scaled_coincidences(pairable, mismatched, 1, squares)
}

/// [`alpha_from_coincidences`] when the mismatched coincidences are
/// fractional (units coded by more than two coders weigh each pair
/// 1 / (m_u − 1)): `mismatched` is Σ_{c≠k} o_ck multiplied by `scale`, a
/// whole number that makes it one. With `scale` 1 this is exactly
/// [`alpha_from_coincidences`].
pub fn alpha_from_scaled_coincidences(
    pairable: u128,
    mismatched: u128,
    scale: u128,
    squares: u128,
) -> Option<f64> {
    let expected = pairable.checked_mul(pairable)?.checked_sub(squares)?;
    if pairable < 2 || expected == 0 || scale == 0 {
        return None;
    }
    let exact = (pairable - 1)
        .checked_mul(mismatched)
        .zip(expected.checked_mul(scale));
    if let Some((observed, expected)) = exact
        && observed <= i128::MAX as u128
        && expected <= i128::MAX as u128
    {
        return Some((expected as i128 - observed as i128) as f64 / expected as f64);
    }
    // Beyond 128 bits (an absurd corpus): the same ratio in floating point.
    let observed = (pairable - 1) as f64 * mismatched as f64 / scale as f64;
    Some(1.0 - observed / expected as f64)
}

/// Nominal alpha of yes/no values (e.g. "a span of this label covers the
/// token") for any number of coders, in exact integers: units are added in
/// runs of equal units, each coded by `coders` coders of whom `ones` said
/// yes. Units with fewer than two values are not pairable and are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BinaryUnits {
    /// Pairable values n.
    pairable: u128,
    /// The yes values among them.
    ones: u128,
    /// Index m − 2: Σ 2·yes·no over the units coded by m coders, the
    /// mismatched ordered pairs before their weight 1 / (m − 1).
    mismatched: Vec<u128>,
}

impl BinaryUnits {
    /// Adds `units` units, each coded by `coders` coders of whom `ones`
    /// said yes.
    pub fn add(&mut self, units: u64, coders: usize, ones: usize) {
        if coders < 2 || units == 0 {
            return;
        }
        let ones = ones.min(coders);
        let (n, m, k) = (u128::from(units), coders as u128, ones as u128);
        self.pairable += n * m;
        self.ones += n * k;
        if self.mismatched.len() < coders - 1 {
            self.mismatched.resize(coders - 1, 0);
        }
        self.mismatched[coders - 2] += n * 2 * k * (m - k);
    }

    /// alpha; `None` when undefined (no pairable values, or all of one
    /// kind).
    pub fn alpha(&self) -> Option<f64> {
        // Weights 1 / (m − 1) brought to one denominator: lcm(1, …, m − 1).
        let scale = (1..=self.mismatched.len() as u128).fold(1, |acc, d| acc / gcd(acc, d) * d);
        let mismatched = self
            .mismatched
            .iter()
            .enumerate()
            .map(|(i, &x)| x * (scale / (i as u128 + 1)))
            .sum();
        let zeros = self.pairable - self.ones;
        let squares = self.ones * self.ones + zeros * zeros;
        alpha_from_scaled_coincidences(self.pairable, mismatched, scale, squares)
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// alpha for any number of coders with missing values: each unit lists the
/// values it received (a missing value is simply absent). Units with fewer
/// than two values are not pairable and are ignored, as the method says.
pub fn alpha_nominal<V: Eq + Hash>(units: &[Vec<V>]) -> Option<f64> {
    // Coincidences are fractional (each pair weighs 1 / (m_u − 1)), so this
    // general form works in floating point; the two-coder tables of the
    // report use the exact integer form above.
    let mut per_value: HashMap<&V, f64> = HashMap::new();
    let mut mismatched = 0.0;
    let mut pairable = 0.0;
    for unit in units {
        let m = unit.len();
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m - 1) as f64;
        for (i, a) in unit.iter().enumerate() {
            *per_value.entry(a).or_default() += 1.0;
            for (j, b) in unit.iter().enumerate() {
                if i != j && a != b {
                    mismatched += weight;
                }
            }
        }
        pairable += m as f64;
    }
    let squares: f64 = per_value.values().map(|v| v * v).sum();
    let expected = pairable * pairable - squares;
    if pairable < 2.0 || expected <= 0.0 {
        return None;
    }
    Some(1.0 - (pairable - 1.0) * mismatched / expected)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn close(x: Option<f64>, want: f64, tol: f64) {
        let x = x.expect("defined");
        assert!((x - want).abs() <= tol, "{x} is not within {tol} of {want}");
    }

    fn two_coders<V: Clone>(a: &[V], b: &[V]) -> Vec<Vec<V>> {
        a.iter()
            .zip(b)
            .map(|(x, y)| vec![x.clone(), y.clone()])
            .collect()
    }

    #[test]
    fn krippendorff_binary_two_observers() {
        // Krippendorff (2004: 224) / (2011) example A: alpha = 0.095.
        let a = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        let b = [0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        close(alpha_nominal(&two_coders(&a, &b)), 0.095, 0.001);
        // Same data through the integer form: n = 20, 8 mismatched
        // coincidences, 14 zeros and 6 ones.
        close(
            alpha_from_coincidences(20, 8, 14 * 14 + 6 * 6),
            0.095,
            0.001,
        );
    }

    #[test]
    fn krippendorff_nominal_several_values() {
        // Krippendorff (2004: 227): alpha = 0.734.
        let a = ["a", "a", "b", "b", "b", "b", "b", "c", "c", "c", "c", "c"];
        let b = ["a", "b", "b", "b", "b", "b", "c", "c", "c", "c", "c", "c"];
        close(alpha_nominal(&two_coders(&a, &b)), 0.734, 0.001);
    }

    /// Krippendorff (2004: 230) / (2011) example C: four observers, twelve
    /// units, nominal values, some missing.
    pub(crate) const EXAMPLE_C: [[Option<&str>; 4]; 12] = [
        [Some("B"), Some("B"), None, Some("B")],
        [Some("L"), Some("L"), Some("P"), Some("L")],
        [Some("P"), Some("P"), Some("P"), Some("P")],
        [Some("P"), Some("P"), Some("P"), Some("P")],
        [Some("L"), Some("L"), Some("L"), Some("L")],
        [Some("B"), Some("L"), Some("P"), Some("C")],
        [Some("C"), Some("C"), Some("C"), Some("C")],
        [Some("B"), Some("B"), Some("L"), Some("B")],
        [Some("L"), Some("L"), Some("L"), Some("L")],
        [None, Some("F"), Some("F"), Some("F")],
        [None, None, Some("B"), Some("B")],
        [None, None, Some("P"), None],
    ];

    #[test]
    fn krippendorff_four_observers_missing_values() {
        // Nominal: alpha = 0.743.
        let rows = EXAMPLE_C;
        let units: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().flatten().copied().collect())
            .collect();
        close(alpha_nominal(&units), 0.743, 0.001);
    }

    /// The Krippendorff (2011) example C reduced to yes/no: "is the value
    /// P?", given to [`BinaryUnits`] unit by unit, equals the general form.
    #[test]
    fn binary_units_match_the_general_form_with_missing_values() {
        let units: Vec<Vec<u8>> = EXAMPLE_C
            .iter()
            .map(|r| r.iter().flatten().map(|v| u8::from(*v == "P")).collect())
            .collect();
        let mut b = BinaryUnits::default();
        for u in &units {
            b.add(1, u.len(), u.iter().filter(|&&x| x == 1).count());
        }
        let general = alpha_nominal(&units).expect("defined");
        let exact = b.alpha().expect("defined");
        assert!((general - exact).abs() < 1e-12, "{general} vs {exact}");
        // By hand: n = 40 pairable values (unit 12 has one value only), 10
        // of them P; units 2 and 6 (four values, one P) each contribute
        // 2·1·3 / (4 − 1) = 2 mismatched coincidences, so Σ o_ck = 4 and
        // alpha = 1 − 39·4 / (2·10·30) = 0.74.
        assert!((exact - 0.74).abs() < 1e-12, "{exact}");
    }

    #[test]
    fn binary_units_of_two_coders_are_the_integer_form() {
        // Example A again as runs of equal units: one unit both yes, five
        // both no, four where the observers differ.
        let mut b = BinaryUnits::default();
        b.add(1, 2, 2); // 1 1
        b.add(5, 2, 0); // 0 0
        b.add(4, 2, 1); // disagreements
        assert_eq!(b.alpha(), alpha_from_coincidences(20, 8, 14 * 14 + 6 * 6));
        assert_eq!(BinaryUnits::default().alpha(), None);
        let mut lone = BinaryUnits::default();
        lone.add(10, 1, 1);
        assert_eq!(lone, BinaryUnits::default(), "one value is not pairable");
    }

    #[test]
    fn undefined_without_variation() {
        assert_eq!(alpha_nominal(&two_coders(&[1, 1, 1], &[1, 1, 1])), None);
        assert_eq!(alpha_nominal::<u8>(&[]), None);
        assert_eq!(alpha_from_coincidences(0, 0, 0), None);
        assert_eq!(alpha_from_coincidences(6, 0, 36), None);
        assert_eq!(alpha_from_coincidences(4, 0, 8), Some(1.0));
    }
}
