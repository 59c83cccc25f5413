//! Document variables in the agreement reports (DESIGN §6): which documents
//! and values count, turned into the values [`super::variables`] scores.
//!
//! A coder has coded a variable in a document when their set holds a code
//! for it. Per variable, the units are the documents the coders being
//! compared have both (for the team: at least two of them) coded:
//! - single choice and free text are nominal, an ordinal scale is scored by
//!   the rank of its value in the scale (a value not on the scale is left
//!   out), a number is interval;
//! - a multiple-choice variable is one yes/no item per value, keyed
//!   `<variable>=<value>`; a coder who coded it and did not choose a value
//!   said "no" to it.
//!
//! Variables are reported in codebook order; codes for a variable the
//! codebook lacks are not scored (`validate` reports them).

use super::report::OrderedMap;
use super::variables::{Level, PairScore, Value, alpha, multi_choice_items, score_pairs};
use crate::model::{AnnotationSet, CodeValue, Codebook, VariableDef, VariableKind};
use serde::Serialize;

/// Krippendorff's alpha of one variable (or multiple-choice item) over all
/// coders at once.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TeamVariableReport {
    /// Alpha at the variable's level; `None` when undefined.
    pub alpha: Option<f64>,
}

/// The level of measurement of a variable of kind `kind`.
pub fn level(kind: VariableKind) -> Level {
    match kind {
        VariableKind::Single | VariableKind::Multiple | VariableKind::Text => Level::Nominal,
        VariableKind::Ordinal => Level::Ordinal,
        VariableKind::Number => Level::Interval,
    }
}

/// A coder's code for `var` as a value to score, if it is one.
fn value(var: &VariableDef, code: &CodeValue) -> Option<Value> {
    match (var.kind, code) {
        (VariableKind::Ordinal, CodeValue::Text(v)) => {
            var.values.iter().position(|x| x == v).map(Value::Rank)
        }
        (VariableKind::Number, CodeValue::Number(n)) => Some(Value::Number(*n)),
        (VariableKind::Single | VariableKind::Text, CodeValue::Text(v)) => {
            Some(Value::Label(v.clone()))
        }
        _ => None,
    }
}

/// The chosen values of a multiple-choice code.
fn chosen(code: &CodeValue) -> Vec<&str> {
    match code {
        CodeValue::Many(v) => v.iter().map(String::as_str).collect(),
        CodeValue::Text(v) => vec![v.as_str()],
        CodeValue::Number(_) => Vec::new(),
    }
}

/// Per variable, per document: the codes of the coders who coded it
/// (documents where fewer than two did are left out).
fn units<'a>(var: &VariableDef, docs: &[Vec<&'a AnnotationSet>]) -> Vec<Vec<&'a CodeValue>> {
    docs.iter()
        .map(|sets| {
            sets.iter()
                .filter_map(|s| s.codes.get(&var.name))
                .collect::<Vec<_>>()
        })
        .filter(|codes| codes.len() >= 2)
        .collect()
}

/// Scores each variable of `codebook` over `docs` (per document, the sets
/// of the coders being compared who annotated it), calling `score` with
/// the level and the units of values for each variable or item.
fn each_variable<T>(
    codebook: &Codebook,
    docs: &[Vec<&AnnotationSet>],
    mut score: impl FnMut(Level, Vec<Vec<Value>>) -> T,
) -> OrderedMap<T> {
    let mut out = Vec::new();
    for var in &codebook.variables {
        let units = units(var, docs);
        if var.kind == VariableKind::Multiple {
            let chosen: Vec<Vec<Vec<&str>>> = units
                .iter()
                .map(|codes| codes.iter().map(|c| chosen(c)).collect())
                .collect();
            for item in multi_choice_items(&var.name, &var.values, &chosen) {
                out.push((item.key, score(Level::Nominal, item.units)));
            }
        } else {
            let values: Vec<Vec<Value>> = units
                .iter()
                .map(|codes| codes.iter().filter_map(|c| value(var, c)).collect())
                .collect();
            out.push((var.name.clone(), score(level(var.kind), values)));
        }
    }
    OrderedMap(out)
}

/// The two-coder figures per variable over `docs` (each coder's set of a
/// document both annotated).
pub fn two_coders(
    codebook: &Codebook,
    docs: &[(&AnnotationSet, &AnnotationSet)],
) -> OrderedMap<PairScore> {
    let docs: Vec<Vec<&AnnotationSet>> = docs.iter().map(|(a, b)| vec![*a, *b]).collect();
    each_variable(codebook, &docs, |level, units| {
        let pairs: Vec<(Value, Value)> = units
            .into_iter()
            .filter_map(|u| match <[Value; 2]>::try_from(u) {
                Ok([a, b]) => Some((a, b)),
                Err(_) => None,
            })
            .collect();
        score_pairs(level, &pairs)
    })
}

/// Alpha per variable over all coders at once (`docs`: per document, the
/// sets of the coders who annotated it).
pub fn all_coders(
    codebook: &Codebook,
    docs: &[Vec<&AnnotationSet>],
) -> OrderedMap<TeamVariableReport> {
    each_variable(codebook, docs, |level, units| TeamVariableReport {
        alpha: alpha(level, &units),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(codes: &[(&str, CodeValue)]) -> AnnotationSet {
        let mut s = AnnotationSet::new("d", "c");
        for (k, v) in codes {
            s.codes.insert(k.to_string(), v.clone());
        }
        s
    }

    fn text(v: &str) -> CodeValue {
        CodeValue::Text(v.into())
    }

    #[test]
    fn each_kind_is_scored_at_its_level_over_documents_both_coded() {
        let cb = Codebook::default_media();
        let tone = "tone towards the government";
        let a = [
            set(&[("genre", text("news report")), (tone, text("negative"))]),
            set(&[
                ("genre", text("opinion or commentary")),
                (tone, text("very negative")),
            ]),
            set(&[("genre", text("news report"))]),
            set(&[(
                "topics",
                CodeValue::Many(vec!["protest".into(), "military and security".into()]),
            )]),
        ];
        let b = [
            set(&[("genre", text("news report")), (tone, text("negative"))]),
            set(&[("genre", text("news report")), (tone, text("negative"))]),
            // Not coded by B: not a unit.
            set(&[]),
            set(&[("topics", CodeValue::Many(vec!["protest".into()]))]),
        ];
        let docs: Vec<(&AnnotationSet, &AnnotationSet)> = a.iter().zip(&b).collect();
        let r = two_coders(&cb, &docs);
        let genre = r.get("genre").unwrap();
        assert_eq!((genre.pairs, genre.level), (2, Level::Nominal));
        assert_eq!(genre.percent, Some(0.5));
        let tone = r.get(tone).unwrap();
        assert_eq!((tone.pairs, tone.level), (2, Level::Ordinal));
        let protest = r.get("topics=protest").unwrap();
        assert_eq!((protest.pairs, protest.percent), (1, Some(1.0)));
        let military = r.get("topics=military and security").unwrap();
        assert_eq!((military.pairs, military.percent), (1, Some(0.0)));
        assert_eq!(r.get("sources quoted").unwrap().pairs, 0);
        assert_eq!(r.get("sources quoted").unwrap().kappa, None);
        // Codebook order, multiple choice expanded where it stands.
        let keys: Vec<&str> = r.iter().map(|(k, _)| k).collect();
        assert_eq!(keys[0], "genre");
        assert!(keys[2].starts_with("topics="));
    }

    #[test]
    fn all_coders_alpha_equals_the_pair_alpha_for_two() {
        let cb = Codebook::default_media();
        let n = |x: f64| CodeValue::Number(x);
        let a = [
            set(&[("sources quoted", n(3.0))]),
            set(&[("sources quoted", n(1.0))]),
            set(&[("sources quoted", n(4.0))]),
        ];
        let b = [
            set(&[("sources quoted", n(3.0))]),
            set(&[("sources quoted", n(2.0))]),
            set(&[("sources quoted", n(5.0))]),
        ];
        let pairs: Vec<(&AnnotationSet, &AnnotationSet)> = a.iter().zip(&b).collect();
        let team: Vec<Vec<&AnnotationSet>> = a.iter().zip(&b).map(|(x, y)| vec![x, y]).collect();
        let two = two_coders(&cb, &pairs);
        let all = all_coders(&cb, &team);
        let (p, t) = (
            two.get("sources quoted").unwrap(),
            all.get("sources quoted").unwrap(),
        );
        assert_eq!(p.level, Level::Interval);
        assert!(p.alpha.is_some());
        assert_eq!(p.alpha, t.alpha);
    }
}
