//! Document codes in the exports: spaCy-style `cats` for the choice
//! variables (Prodigy), the codes `cats` cannot hold, and the rows of the
//! tidy codes table (`csv`, `xlsx`).

use crate::model::{AnnotationSet, CodeValue, Codebook, VariableKind};
use std::collections::BTreeMap;

/// Whether a variable of this kind is written as `cats`.
fn is_choice(kind: VariableKind) -> bool {
    matches!(
        kind,
        VariableKind::Single | VariableKind::Multiple | VariableKind::Ordinal
    )
}

/// spaCy's `cats` for the set's coded choice variables: every value of
/// such a variable gets the key `<variable>=<value>`, 1.0 if chosen and
/// 0.0 if not. A chosen value the codebook does not list still gets its
/// key (1.0). Variables the set has no code for get no keys at all, so an
/// uncoded variable is not mistaken for "none of these".
pub(super) fn cats(cb: &Codebook, set: &AnnotationSet) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for (name, value) in &set.codes {
        let Some(var) = cb.variable(name).filter(|v| is_choice(v.kind)) else {
            continue;
        };
        let chosen = match value {
            CodeValue::Number(_) => continue,
            other => other.values(),
        };
        for v in &var.values {
            let yes = if chosen.contains(v) { 1.0 } else { 0.0 };
            out.insert(cat_key(name, v), yes);
        }
        for v in chosen.iter().filter(|c| !var.values.contains(c)) {
            out.insert(cat_key(name, v), 1.0);
        }
    }
    out
}

/// The `cats` key of one value of a variable.
pub(crate) fn cat_key(variable: &str, value: &str) -> String {
    format!("{variable}={value}")
}

/// The codes `cats` does not carry: numbers, free text, and variables the
/// codebook does not have.
pub(super) fn codes_beside_cats<'a>(
    cb: &Codebook,
    set: &'a AnnotationSet,
) -> BTreeMap<&'a str, &'a CodeValue> {
    set.codes
        .iter()
        .filter(|(name, value)| {
            let in_cats = cb.variable(name).is_some_and(|v| is_choice(v.kind))
                && !matches!(value, CodeValue::Number(_));
            !in_cats
        })
        .map(|(k, v)| (k.as_str(), v))
        .collect()
}

/// One value of the tidy codes table.
pub(super) enum Cell<'a> {
    /// A number (a variable of kind number).
    Number(f64),
    /// A choice or free text.
    Text(&'a str),
}

/// The (variable, value) rows of the set's codes: one per value, one per
/// chosen value of a multiple choice (none where none is chosen).
pub(super) fn code_rows(set: &AnnotationSet) -> Vec<(&str, Cell<'_>)> {
    let mut out = Vec::new();
    for (name, value) in &set.codes {
        match value {
            CodeValue::Number(n) => out.push((name.as_str(), Cell::Number(*n))),
            CodeValue::Text(t) => out.push((name.as_str(), Cell::Text(t))),
            CodeValue::Many(vs) => out.extend(vs.iter().map(|v| (name.as_str(), Cell::Text(v)))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> AnnotationSet {
        let mut set = AnnotationSet::new("d", "c");
        set.codes
            .insert("genre".into(), CodeValue::Text("interview".into()));
        set.codes.insert(
            "topics".into(),
            CodeValue::Many(vec!["protest".into(), "zzz".into()]),
        );
        set.codes
            .insert("sources quoted".into(), CodeValue::Number(3.0));
        set.codes
            .insert("unknown".into(), CodeValue::Text("x".into()));
        set
    }

    #[test]
    fn cats_hold_every_value_of_coded_choice_variables() {
        let cb = Codebook::default_media();
        let cats = cats(&cb, &set());
        let genre = cb.variable("genre").unwrap();
        for v in &genre.values {
            let want = if v == "interview" { 1.0 } else { 0.0 };
            assert_eq!(cats[&cat_key("genre", v)], want);
        }
        assert_eq!(cats["topics=protest"], 1.0);
        assert_eq!(cats["topics=zzz"], 1.0, "a value the codebook lacks");
        assert!(!cats.keys().any(|k| k.starts_with("main topic=")));
        assert!(!cats.keys().any(|k| k.starts_with("sources quoted=")));
        let s = set();
        let rest = codes_beside_cats(&cb, &s);
        assert_eq!(
            rest.keys().copied().collect::<Vec<_>>(),
            ["sources quoted", "unknown"]
        );
    }

    #[test]
    fn rows_are_tidy() {
        let s = set();
        let rows: Vec<String> = code_rows(&s)
            .into_iter()
            .map(|(k, v)| match v {
                Cell::Number(n) => format!("{k}:{n}"),
                Cell::Text(t) => format!("{k}:{t}"),
            })
            .collect();
        assert_eq!(
            rows,
            [
                "genre:interview",
                "sources quoted:3",
                "topics:protest",
                "topics:zzz",
                "unknown:x"
            ]
        );
    }
}
