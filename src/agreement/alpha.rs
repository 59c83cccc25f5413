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
    let expected = (pairable * pairable).checked_sub(squares)?;
    if pairable < 2 || expected == 0 {
        return None;
    }
    let observed = (pairable - 1) * mismatched;
    Some((expected as i128 - observed as i128) as f64 / expected as f64)
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
mod tests {
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

    #[test]
    fn krippendorff_four_observers_missing_values() {
        // Krippendorff (2004: 230) / (2011) example C, nominal: alpha = 0.743.
        let rows: [[Option<&str>; 4]; 12] = [
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
        let units: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().flatten().copied().collect())
            .collect();
        close(alpha_nominal(&units), 0.743, 0.001);
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
