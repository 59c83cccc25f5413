//! Agreement on document variables (docs/formats.md, "Agreement"; DESIGN
//! §6): per variable, over the documents the coders coded, percent
//! agreement, Cohen's kappa and Krippendorff's alpha at the variable's level
//! of measurement. A pure computation on values; which documents and coders
//! count is the caller's business.
//!
//! Krippendorff's alpha (Krippendorff 2004, ch. 11; "Computing
//! Krippendorff's Alpha-Reliability", 2011) is 1 − D_o / D_e read off the
//! coincidence matrix: with `n` pairable values, `o_ck` the coincidences
//! (each unit of `m` values adds 1 / (m − 1) for every ordered pair of its
//! values from different coders) and `n_c` the pairable values of kind `c`,
//! alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
//! The metric δ² is 0/1 for nominal data; (c − k)² for interval data; and
//! for ordinal data (Σ_{g=c..k} n_g − (n_c + n_k) / 2)², which equals
//! (t_k − t_c)² with t_c = Σ_{g<c} n_g + n_c / 2 — the ordinal metric is the
//! interval metric on those mid-ranks, and this module computes it so.
//! Ranks that never occur have n_g = 0 and contribute nothing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::alpha::alpha_nominal;
use super::kappa::Contingency;

/// A variable's level of measurement, which chooses alpha's metric.
/// Choices and free text are nominal, ordinal scales ordinal, numbers
/// interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Values are equal or not (single and multiple choice, free text).
    Nominal,
    /// Values are ordered (ordinal scales).
    Ordinal,
    /// Values are numbers whose differences mean something.
    Interval,
}

impl Level {
    /// "nominal", "ordinal" or "interval", as in the JSON report.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Nominal => "nominal",
            Level::Ordinal => "ordinal",
            Level::Interval => "interval",
        }
    }
}

/// One coder's value of a variable in one document.
///
/// At the ordinal level values are ordered by their number (`Rank` by index,
/// `Number` by value); at the interval level `Rank(r)` counts as the number
/// r. A `Label` has neither order nor distance, so alpha at the ordinal or
/// interval level over data with a label is `None`. A `Number` that is not
/// finite is no value: it is left out (and a pair holding one is no pair).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A choice or a free text (nominal).
    Label(String),
    /// The index of an ordinal scale's value in the scale's order.
    Rank(usize),
    /// A number (numeric variables).
    Number(f64),
}

impl Value {
    /// The value's number for the ordinal and interval metrics.
    fn position(&self) -> Option<f64> {
        match self {
            Value::Label(_) => None,
            Value::Rank(r) => Some(*r as f64),
            Value::Number(x) => Some(*x),
        }
    }

    /// Whether the value takes part at all (finite numbers only).
    fn usable(&self) -> bool {
        !matches!(self, Value::Number(x) if !x.is_finite())
    }

    /// The value as a category for equality, kappa and nominal alpha.
    fn key(&self) -> Key<'_> {
        match self {
            Value::Label(s) => Key::Label(s),
            Value::Rank(r) => Key::Rank(*r),
            // 0.0 and −0.0 are the same number.
            Value::Number(x) => Key::Number((x + 0.0).to_bits()),
        }
    }
}

/// A value as a hashable category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key<'a> {
    Label(&'a str),
    Rank(usize),
    Number(u64),
}

/// Two coders' agreement on one variable (or one value of a multiple-choice
/// variable), the `"variables"` entry of the JSON report.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PairScore {
    /// Documents both coders gave a value.
    pub pairs: usize,
    /// Share of the pairs with equal values, as a fraction from 0 to 1 (not
    /// a percentage, like every other figure of the report); `None` without
    /// pairs.
    pub percent: Option<f64>,
    /// Cohen's kappa over the values seen, each value a category (also at
    /// the ordinal and interval levels: unweighted kappa); `None` when
    /// chance agreement is 1 or there are no pairs.
    pub kappa: Option<f64>,
    /// Krippendorff's alpha at `level`; `None` when undefined (no variation,
    /// no pairs, or a label at the ordinal or interval level).
    pub alpha: Option<f64>,
    /// The level alpha was computed at.
    pub level: Level,
}

/// Scores two coders on one variable: `pairs` holds, per document both
/// coded, (A's value, B's value).
pub fn score_pairs(level: Level, pairs: &[(Value, Value)]) -> PairScore {
    let pairs: Vec<&(Value, Value)> = pairs
        .iter()
        .filter(|(a, b)| a.usable() && b.usable())
        .collect();
    let mut table = Contingency::new();
    let mut agreed = 0usize;
    for (a, b) in &pairs {
        let (a, b) = (a.key(), b.key());
        agreed += usize::from(a == b);
        table.add(a, b, 1);
    }
    let units: Vec<Vec<Value>> = pairs
        .iter()
        .map(|(a, b)| vec![a.clone(), b.clone()])
        .collect();
    PairScore {
        pairs: pairs.len(),
        percent: (!pairs.is_empty()).then(|| agreed as f64 / pairs.len() as f64),
        kappa: table.cohen_kappa(),
        alpha: alpha(level, &units),
        level,
    }
}

/// Krippendorff's alpha at `level` for any number of coders with missing
/// values: each unit (document) lists the values its coders gave. Units with
/// fewer than two values are not pairable and are ignored. `None` when
/// undefined: no pairable values, no variation among them, or a label at the
/// ordinal or interval level.
pub fn alpha(level: Level, units: &[Vec<Value>]) -> Option<f64> {
    let units: Vec<Vec<&Value>> = units
        .iter()
        .map(|u| u.iter().filter(|v| v.usable()).collect::<Vec<_>>())
        .filter(|u| u.len() >= 2)
        .collect();
    match level {
        Level::Nominal => {
            let keys: Vec<Vec<Key>> = units
                .iter()
                .map(|u| u.iter().map(|v| v.key()).collect())
                .collect();
            alpha_nominal(&keys)
        }
        Level::Ordinal | Level::Interval => {
            let positions = units
                .iter()
                .map(|u| u.iter().map(|v| v.position()).collect::<Option<Vec<f64>>>())
                .collect::<Option<Vec<Vec<f64>>>>()?;
            let positions = match level {
                Level::Ordinal => mid_ranks(&positions),
                _ => positions,
            };
            alpha_squared_difference(&positions)
        }
    }
}

/// The ordinal metric's mid-ranks: every value replaced by t_c = Σ_{g<c}
/// n_g + n_c / 2 over the pairable values' frequencies n_g.
fn mid_ranks(units: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut counts: BTreeMap<u64, (f64, f64)> = BTreeMap::new();
    for x in units.iter().flatten() {
        counts.entry(order_key(*x)).or_insert((0.0, 0.0)).0 += 1.0;
    }
    let mut below = 0.0;
    for (n, t) in counts.values_mut() {
        *t = below + *n / 2.0;
        below += *n;
    }
    units
        .iter()
        .map(|u| u.iter().map(|x| counts[&order_key(*x)].1).collect())
        .collect()
}

/// A key that sorts finite numbers by value (−0.0 as 0.0).
fn order_key(x: f64) -> u64 {
    let bits = (x + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// alpha with δ²_ck = (c − k)² over pairable units (two values or more).
fn alpha_squared_difference(units: &[Vec<f64>]) -> Option<f64> {
    let n: f64 = units.iter().map(|u| u.len() as f64).sum();
    if n < 2.0 {
        return None;
    }
    // Σ o_ck δ²: every ordered pair of a unit's values weighs 1 / (m − 1).
    let observed: f64 = units
        .iter()
        .map(|u| {
            let sum: f64 = u
                .iter()
                .flat_map(|a| u.iter().map(move |b| (a - b) * (a - b)))
                .sum();
            sum / (u.len() - 1) as f64
        })
        .sum();
    // Σ n_c n_k (c − k)² = 2n Σ (x − mean)² over all pairable values,
    // centred so that large numbers with little spread keep their digits.
    let mean = units.iter().flatten().sum::<f64>() / n;
    let expected = 2.0
        * n
        * units
            .iter()
            .flatten()
            .map(|x| (x - mean).powi(2))
            .sum::<f64>();
    if expected <= 0.0 || !expected.is_finite() || !observed.is_finite() {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

/// Value given to a multiple-choice item when the coder chose the value.
pub const YES: &str = "yes";
/// Value given to a multiple-choice item when the coder did not.
pub const NO: &str = "no";

/// One value of a multiple-choice variable scored as a yes/no item.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceItem {
    /// `<variable>=<value>`, the item's key in the report.
    pub key: String,
    /// The value the item asks about.
    pub value: String,
    /// Per document, in the order given, each coder's [`YES`] or [`NO`]
    /// label, in the coders' order.
    pub units: Vec<Vec<Value>>,
}

impl ChoiceItem {
    /// The units as two coders' pairs (for [`score_pairs`]): units of
    /// exactly two values; others are not two coders' pairs and are left
    /// out.
    pub fn pairs(&self) -> Vec<(Value, Value)> {
        self.units
            .iter()
            .filter_map(|u| match u.as_slice() {
                [a, b] => Some((a.clone(), b.clone())),
                _ => None,
            })
            .collect()
    }
}

/// Turns a multiple-choice variable into one nominal yes/no item per value:
/// `docs` holds, per document, the values each coder who coded the
/// document chose (an empty list: the coder chose none, which is "no" to
/// every value). Items come in the order of `values`, then any chosen value
/// the list lacks (sorted), so that a disagreement on it is not hidden.
pub fn multi_choice_items<V: AsRef<str>>(
    variable: &str,
    values: &[V],
    docs: &[Vec<Vec<&str>>],
) -> Vec<ChoiceItem> {
    let mut order: Vec<&str> = Vec::new();
    for v in values {
        if !order.contains(&v.as_ref()) {
            order.push(v.as_ref());
        }
    }
    let mut extra: Vec<&str> = docs
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|v| !order.contains(v))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    order.extend(extra);
    order
        .into_iter()
        .map(|value| ChoiceItem {
            key: format!("{variable}={value}"),
            value: value.to_string(),
            units: docs
                .iter()
                .map(|coders| {
                    coders
                        .iter()
                        .map(|chosen| {
                            let said = if chosen.contains(&value) { YES } else { NO };
                            Value::Label(said.to_string())
                        })
                        .collect()
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
#[path = "variables_tests.rs"]
mod tests;
