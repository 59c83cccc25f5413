//! Document-variable agreement against textbook values and against an
//! independent, brute-force computation of alpha from all value pairs.

use super::*;
use proptest::prelude::*;

fn close(x: Option<f64>, want: f64, tol: f64) {
    let x = x.expect("defined");
    assert!((x - want).abs() <= tol, "{x} is not within {tol} of {want}");
}

fn label(s: &str) -> Value {
    Value::Label(s.to_string())
}

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": four
/// observers (rows A–D), twelve units, values 1–5, `0` missing.
const RELIABILITY_DATA: [[usize; 12]; 4] = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
    [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
];

/// The reliability data as units, each value made by `make`.
fn textbook_units(make: impl Fn(usize) -> Value) -> Vec<Vec<Value>> {
    (0..12)
        .map(|u| {
            RELIABILITY_DATA
                .iter()
                .map(|row| row[u])
                .filter(|&v| v != 0)
                .map(&make)
                .collect()
        })
        .collect()
}

#[test]
fn krippendorff_2011_nominal_ordinal_interval() {
    let nominal = textbook_units(|v| label(&v.to_string()));
    close(alpha(Level::Nominal, &nominal), 0.743, 0.0005);
    let ranks = textbook_units(Value::Rank);
    close(alpha(Level::Ordinal, &ranks), 0.815, 0.0005);
    let numbers = textbook_units(|v| Value::Number(v as f64));
    close(alpha(Level::Interval, &numbers), 0.849, 0.0005);
    // Ranks at the interval level count as their numbers.
    assert_eq!(
        alpha(Level::Interval, &ranks),
        alpha(Level::Interval, &numbers)
    );
    // Numbers at the ordinal level are ordered by value.
    close(alpha(Level::Ordinal, &numbers), 0.815, 0.0005);
}

#[test]
fn ordinal_ranks_that_never_occur_contribute_nothing() {
    // The same data on a scale of 20 values of which only five are used:
    // only the order and the frequencies matter.
    let spread = textbook_units(|v| Value::Rank([0, 2, 3, 9, 10, 19][v]));
    let dense = textbook_units(Value::Rank);
    let (a, b) = (
        alpha(Level::Ordinal, &spread).expect("defined"),
        alpha(Level::Ordinal, &dense).expect("defined"),
    );
    assert!((a - b).abs() < 1e-12, "{a} vs {b}");
}

#[test]
fn cohen_kappa_textbook_two_by_two() {
    // 50 documents: 20 both yes, 5 only A, 10 only B, 15 both no.
    // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = 0.4.
    // alpha: n = 100, 55 yes and 45 no, 30 mismatched coincidences:
    // 1 − 99·30 / (100² − 55² − 45²) = 1 − 2970 / 4950 = 0.4.
    let mut pairs = Vec::new();
    for (a, b, n) in [
        ("yes", "yes", 20),
        ("yes", "no", 5),
        ("no", "yes", 10),
        ("no", "no", 15),
    ] {
        pairs.extend(std::iter::repeat_n((label(a), label(b)), n));
    }
    let s = score_pairs(Level::Nominal, &pairs);
    assert_eq!(s.pairs, 50);
    close(s.percent, 0.7, 1e-12);
    close(s.kappa, 0.4, 1e-12);
    close(s.alpha, 0.4, 1e-12);
    assert_eq!(s.level, Level::Nominal);
}

#[test]
fn undefined_figures_are_none() {
    let same = vec![(label("news"), label("news")); 4];
    let s = score_pairs(Level::Nominal, &same);
    assert_eq!(
        s,
        PairScore {
            pairs: 4,
            percent: Some(1.0),
            kappa: None,
            alpha: None,
            level: Level::Nominal
        }
    );
    for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
        let s = score_pairs(level, &[]);
        assert_eq!(
            s,
            PairScore {
                pairs: 0,
                percent: None,
                kappa: None,
                alpha: None,
                level
            }
        );
        assert_eq!(alpha(level, &[]), None);
        // One value per unit: nothing is pairable.
        assert_eq!(
            alpha(level, &[vec![Value::Rank(1)], vec![Value::Rank(2)]]),
            None
        );
    }
    let ranks = vec![(Value::Rank(2), Value::Rank(2)); 3];
    assert_eq!(score_pairs(Level::Ordinal, &ranks).alpha, None);
    let numbers = vec![(Value::Number(1.5), Value::Number(1.5)); 3];
    assert_eq!(score_pairs(Level::Interval, &numbers).alpha, None);
}

#[test]
fn perfect_agreement_with_variation_is_one() {
    for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
        let pairs: Vec<(Value, Value)> = [1, 2, 3, 2]
            .iter()
            .map(|&r| (Value::Rank(r), Value::Rank(r)))
            .collect();
        let s = score_pairs(level, &pairs);
        assert_eq!(
            (s.percent, s.kappa, s.alpha),
            (Some(1.0), Some(1.0), Some(1.0))
        );
    }
}

#[test]
fn labels_have_no_order_or_distance() {
    let pairs = [(label("a"), label("b")), (label("b"), label("b"))];
    let s = score_pairs(Level::Ordinal, &pairs);
    assert_eq!(s.alpha, None);
    assert_eq!(s.pairs, 2);
    close(s.percent, 0.5, 1e-12);
    assert_eq!(s.kappa, Some(0.0));
    assert_eq!(score_pairs(Level::Interval, &pairs).alpha, None);
}

#[test]
fn numbers_that_are_not_finite_are_no_values() {
    let pairs = [
        (Value::Number(1.0), Value::Number(2.0)),
        (Value::Number(f64::NAN), Value::Number(2.0)),
        (Value::Number(3.0), Value::Number(f64::INFINITY)),
        (Value::Number(4.0), Value::Number(4.0)),
    ];
    let s = score_pairs(Level::Interval, &pairs);
    let kept = score_pairs(Level::Interval, &[pairs[0].clone(), pairs[3].clone()]);
    assert_eq!(s, kept);
    assert_eq!(s.pairs, 2);
    // −0.0 and 0.0 are the same number.
    let zero = score_pairs(Level::Nominal, &[(Value::Number(-0.0), Value::Number(0.0))]);
    assert_eq!(zero.percent, Some(1.0));
}

#[test]
fn interval_keeps_the_digits_of_large_numbers() {
    // Large numbers with a small spread: the same alpha as near zero.
    let near = textbook_units(|v| Value::Number(v as f64));
    let far = textbook_units(|v| Value::Number(1e9 + v as f64));
    let (a, b) = (
        alpha(Level::Interval, &near).expect("defined"),
        alpha(Level::Interval, &far).expect("defined"),
    );
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

#[test]
fn score_serializes_as_the_report_says() {
    let s = PairScore {
        pairs: 3,
        percent: Some(0.5),
        kappa: None,
        alpha: Some(0.25),
        level: Level::Ordinal,
    };
    assert_eq!(
        serde_json::to_string(&s).expect("serializes"),
        r#"{"pairs":3,"percent":0.5,"kappa":null,"alpha":0.25,"level":"ordinal"}"#
    );
    for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
        assert_eq!(
            serde_json::to_value(level).expect("serializes"),
            serde_json::Value::String(level.as_str().to_string())
        );
    }
}

#[test]
fn multiple_choice_is_one_yes_no_item_per_value() {
    let values = ["economy", "politics", "sports"];
    // Three documents: two coders each, then one coder only.
    let docs = vec![
        vec![vec!["economy", "politics"], vec!["politics"]],
        vec![vec![], vec!["crime"]],
        vec![vec!["economy"]],
    ];
    let items = multi_choice_items("topic", &values, &docs);
    let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "topic=economy",
            "topic=politics",
            "topic=sports",
            "topic=crime"
        ]
    );
    let (yes, no) = (label(YES), label(NO));
    assert_eq!(items[0].value, "economy");
    assert_eq!(
        items[0].units,
        vec![
            vec![yes.clone(), no.clone()],
            vec![no.clone(), no.clone()],
            vec![yes.clone()]
        ]
    );
    assert_eq!(
        items[0].pairs(),
        vec![(yes.clone(), no.clone()), (no.clone(), no.clone())]
    );
    assert_eq!(items[3].units[1], vec![no.clone(), yes.clone()]);
    // politics: both yes, then both no: perfect agreement.
    let s = score_pairs(Level::Nominal, &items[1].pairs());
    assert_eq!(
        (s.pairs, s.percent, s.kappa, s.alpha),
        (2, Some(1.0), Some(1.0), Some(1.0))
    );
    // sports: nobody chose it: no variation, kappa and alpha undefined.
    let s = score_pairs(Level::Nominal, &items[2].pairs());
    assert_eq!(
        (s.pairs, s.percent, s.kappa, s.alpha),
        (2, Some(1.0), None, None)
    );
    // A value listed twice is one item.
    assert_eq!(multi_choice_items("t", &["a", "a"], &[]).len(), 1);
}

// ---- independent computation ----

/// δ² between two values at `level`, literally as Krippendorff writes it;
/// `counts` are the pairable values' frequencies in order (ordinal only).
fn delta2(level: Level, a: f64, b: f64, counts: &[(f64, f64)]) -> f64 {
    match level {
        Level::Nominal => f64::from(u8::from(a != b)),
        Level::Interval => (a - b) * (a - b),
        Level::Ordinal => {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let n = |x: f64| counts.iter().find(|c| c.0 == x).map_or(0.0, |c| c.1);
            let between: f64 = counts
                .iter()
                .filter(|c| c.0 >= lo && c.0 <= hi)
                .map(|c| c.1)
                .sum();
            (between - (n(lo) + n(hi)) / 2.0).powi(2)
        }
    }
}

/// alpha = 1 − D_o / D_e with D_o the mean disagreement within units (each
/// pair weighted 1 / (m − 1), over n) and D_e the mean disagreement over
/// every pair of two different pairable values anywhere, by enumerating
/// the pairs — no coincidence matrix.
fn brute_alpha(level: Level, units: &[Vec<f64>]) -> Option<f64> {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    let all: Vec<f64> = pairable.iter().flat_map(|u| u.iter().copied()).collect();
    let n = all.len() as f64;
    let mut counts: Vec<(f64, f64)> = Vec::new();
    for &x in &all {
        match counts.iter_mut().find(|c| c.0 == x) {
            Some(c) => c.1 += 1.0,
            None => counts.push((x, 1.0)),
        }
    }
    let mut d_o = 0.0;
    for u in &pairable {
        for i in 0..u.len() {
            for j in 0..u.len() {
                if i != j {
                    d_o += delta2(level, u[i], u[j], &counts) / (u.len() - 1) as f64;
                }
            }
        }
    }
    d_o /= n;
    let mut d_e = 0.0;
    for i in 0..all.len() {
        for j in 0..all.len() {
            if i != j {
                d_e += delta2(level, all[i], all[j], &counts);
            }
        }
    }
    d_e /= n * (n - 1.0);
    (d_e > 0.0).then(|| 1.0 - d_o / d_e)
}

fn to_values(level: Level, units: &[Vec<u8>]) -> Vec<Vec<Value>> {
    units
        .iter()
        .map(|u| {
            u.iter()
                .map(|&x| match level {
                    Level::Nominal => label(&format!("v{x}")),
                    Level::Ordinal => Value::Rank(usize::from(x)),
                    Level::Interval => Value::Number(f64::from(x) * 0.25 - 1.0),
                })
                .collect()
        })
        .collect()
}

fn to_numbers(level: Level, units: &[Vec<u8>]) -> Vec<Vec<f64>> {
    units
        .iter()
        .map(|u| {
            u.iter()
                .map(|&x| match level {
                    Level::Interval => f64::from(x) * 0.25 - 1.0,
                    _ => f64::from(x),
                })
                .collect()
        })
        .collect()
}

fn agree(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn alpha_equals_the_brute_force_computation(
        units in prop::collection::vec(prop::collection::vec(0u8..6, 0..5), 0..14),
    ) {
        for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
            let module = alpha(level, &to_values(level, &units));
            let brute = brute_alpha(level, &to_numbers(level, &units));
            prop_assert!(agree(module, brute), "{level:?}: {module:?} vs {brute:?}");
        }
    }

    #[test]
    fn two_coders_match_the_brute_force_and_kappa_by_hand(
        pairs in prop::collection::vec((0u8..4, 0u8..4), 0..30),
    ) {
        let units: Vec<Vec<u8>> = pairs.iter().map(|&(a, b)| vec![a, b]).collect();
        for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
            let values: Vec<(Value, Value)> = to_values(level, &units)
                .into_iter()
                .map(|u| (u[0].clone(), u[1].clone()))
                .collect();
            let s = score_pairs(level, &values);
            prop_assert_eq!(s.pairs, pairs.len());
            prop_assert!(agree(s.alpha, brute_alpha(level, &to_numbers(level, &units))));
            // kappa = (p_o − p_e) / (1 − p_e) from the marginals.
            let n = pairs.len() as f64;
            let p_o = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
            let p_e: f64 = (0u8..4)
                .map(|c| {
                    let ra = pairs.iter().filter(|p| p.0 == c).count() as f64;
                    let rb = pairs.iter().filter(|p| p.1 == c).count() as f64;
                    ra * rb / (n * n)
                })
                .sum();
            let kappa = (n > 0.0 && p_e < 1.0).then(|| (p_o - p_e) / (1.0 - p_e));
            prop_assert!(agree(s.kappa, kappa), "{:?} vs {:?}", s.kappa, kappa);
            prop_assert!(agree(s.percent, (n > 0.0).then_some(p_o)));
        }
    }

    #[test]
    fn ordinal_alpha_depends_only_on_order(
        units in prop::collection::vec(prop::collection::vec(0u8..6, 0..5), 0..14),
        gaps in prop::collection::vec(1usize..5, 6),
    ) {
        // Any strictly increasing relabelling of the ranks.
        let relabel: Vec<usize> = gaps.iter().scan(0, |s, g| { *s += g; Some(*s) }).collect();
        let moved: Vec<Vec<Value>> = units
            .iter()
            .map(|u| u.iter().map(|&x| Value::Rank(relabel[usize::from(x)])).collect())
            .collect();
        let a = alpha(Level::Ordinal, &moved);
        let b = alpha(Level::Ordinal, &to_values(Level::Ordinal, &units));
        prop_assert!(agree(a, b), "{a:?} vs {b:?}");
    }
}
