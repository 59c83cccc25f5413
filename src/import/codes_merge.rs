//! Fitting imported document codes to the codebook's variables: a variable
//! the codebook lacks is added, typed from the values seen (DESIGN §4: a
//! string makes a single choice with the values seen, a list of strings a
//! multiple choice, a number a number); a value a choice variable lacks is
//! added to its list. Every change is reported, never silent. Then each
//! document's codes are fitted to their variable's kind.

use super::annotated::{AnnotatedDoc, ForeignCode};
use crate::model::{CodeValue, Codebook, VariableDef, VariableKind};
use crate::wording::quoted;
use std::collections::BTreeMap;

/// Adds to `cb` the variables and choice values that `docs` use and it
/// lacks, describing each change in `changes`.
pub fn merge_variables(cb: &mut Codebook, docs: &[AnnotatedDoc], changes: &mut Vec<String>) {
    // Every variable's codes, variables in order of first use.
    let mut order: Vec<&str> = Vec::new();
    let mut seen: BTreeMap<&str, Vec<&ForeignCode>> = BTreeMap::new();
    for doc in docs {
        for (name, code) in &doc.codes {
            let codes = seen.entry(name.as_str()).or_default();
            if codes.is_empty() {
                order.push(name.as_str());
            }
            codes.push(code);
        }
    }
    for name in order {
        let codes = &seen[name];
        match cb.variables.iter_mut().find(|v| v.name == name) {
            None => {
                let var = new_variable(name, codes);
                changes.push(describe_new(&var));
                cb.variables.push(var);
            }
            Some(var) if var.kind.has_values() => {
                for code in codes {
                    for value in code.value.values() {
                        if !var.values.contains(&value) {
                            changes.push(format!(
                                "document variable {} gets the new value {}",
                                quoted(&var.name),
                                quoted(&value)
                            ));
                            var.values.push(value);
                        }
                    }
                }
            }
            Some(_) => {}
        }
    }
}

/// A variable typed from its codes.
fn new_variable(name: &str, codes: &[&ForeignCode]) -> VariableDef {
    let all_numbers = codes
        .iter()
        .all(|c| matches!(c.value, CodeValue::Number(_)));
    let several = codes.iter().any(|c| match &c.value {
        CodeValue::Many(vs) => !c.chosen_from || vs.len() > 1,
        _ => false,
    });
    let kind = if all_numbers {
        VariableKind::Number
    } else if several {
        VariableKind::Multiple
    } else {
        VariableKind::Single
    };
    let mut values: Vec<String> = Vec::new();
    if kind.has_values() {
        for code in codes {
            for v in code.options.iter().cloned().chain(code.value.values()) {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
    }
    VariableDef {
        name: name.to_string(),
        kind,
        values,
        key: None,
        description: String::new(),
    }
}

fn describe_new(var: &VariableDef) -> String {
    let values = if var.values.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = var.values.iter().map(|v| quoted(v).to_string()).collect();
        format!(": {}", list.join(", "))
    };
    format!(
        "new document variable {} ({}{values})",
        quoted(&var.name),
        var.kind.label()
    )
}

/// The document's codes fitted to the codebook's variables (after
/// [`merge_variables`]); what does not fit goes to `errors`. A chosen-from
/// list with nothing chosen for a variable of one value is no code.
pub fn fit_codes(
    cb: &Codebook,
    doc: &AnnotatedDoc,
    errors: &mut Vec<String>,
) -> BTreeMap<String, CodeValue> {
    let mut out = BTreeMap::new();
    for (name, code) in &doc.codes {
        let Some(var) = cb.variable(name) else {
            errors.push(format!(
                "codes variable {} that the codebook does not have",
                quoted(name)
            ));
            continue;
        };
        match fit(var, &code.value) {
            Ok(Some(v)) => {
                out.insert(name.clone(), v);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    out
}

/// `value` as a value of `var`'s kind.
fn fit(var: &VariableDef, value: &CodeValue) -> Result<Option<CodeValue>, String> {
    let name = quoted(&var.name);
    let one = |value: &CodeValue| -> Result<Option<String>, String> {
        match value {
            CodeValue::Text(t) => Ok(Some(t.clone())),
            CodeValue::Number(n) => Ok(Some(n.to_string())),
            CodeValue::Many(vs) => match vs.as_slice() {
                [] => Ok(None),
                [v] => Ok(Some(v.clone())),
                _ => Err(format!(
                    "variable {name} is a {} and takes one value, but {} were given ({})",
                    var.kind.label(),
                    vs.len(),
                    vs.join(", ")
                )),
            },
        }
    };
    Ok(match var.kind {
        VariableKind::Single | VariableKind::Ordinal | VariableKind::Text => {
            one(value)?.map(CodeValue::Text)
        }
        VariableKind::Multiple => Some(CodeValue::Many(value.values()).normalized()),
        VariableKind::Number => match value {
            CodeValue::Number(n) => Some(CodeValue::Number(*n)),
            other => match one(other)? {
                None => None,
                Some(t) => match t.trim().parse::<f64>() {
                    Ok(n) if n.is_finite() => Some(CodeValue::Number(n)),
                    _ => {
                        return Err(format!(
                            "variable {name} is a number, and {} is not one",
                            quoted(&t)
                        ));
                    }
                },
            },
        },
    })
}

/// Sorting and deduplicating the values of a multiple choice.
trait Normalized {
    fn normalized(self) -> Self;
}

impl Normalized for CodeValue {
    fn normalized(self) -> CodeValue {
        match self {
            CodeValue::Many(mut vs) => {
                vs.sort();
                vs.dedup();
                CodeValue::Many(vs)
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate_codebook;

    fn doc(codes: &[(&str, ForeignCode)]) -> AnnotatedDoc {
        AnnotatedDoc {
            codes: codes
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            ..AnnotatedDoc::default()
        }
    }

    fn text(s: &str) -> ForeignCode {
        ForeignCode::plain(CodeValue::Text(s.into()))
    }

    fn many(v: &[&str]) -> CodeValue {
        CodeValue::Many(v.iter().map(|s| s.to_string()).collect())
    }

    fn chosen(v: &[&str], options: &[&str]) -> ForeignCode {
        ForeignCode {
            value: many(v),
            chosen_from: true,
            options: options.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn new_variables_are_typed_from_their_values() {
        let mut cb = Codebook::default_media();
        let docs = [
            doc(&[
                ("frame", text("conflict")),
                ("labels", ForeignCode::plain(many(&["a"]))),
                ("words", ForeignCode::plain(CodeValue::Number(120.0))),
                ("sentiment", chosen(&["pos"], &["neg", "pos"])),
                ("genre", text("satire")),
                ("sources quoted", text("2")),
            ]),
            doc(&[
                ("frame", text("economic")),
                ("words", ForeignCode::plain(CodeValue::Number(80.5))),
                ("sentiment", chosen(&[], &["neg", "pos"])),
            ]),
        ];
        let mut changes = Vec::new();
        merge_variables(&mut cb, &docs, &mut changes);
        let frame = cb.variable("frame").unwrap();
        assert_eq!(frame.kind, VariableKind::Single);
        assert_eq!(frame.values, ["conflict", "economic"]);
        assert_eq!(cb.variable("labels").unwrap().kind, VariableKind::Multiple);
        assert_eq!(cb.variable("words").unwrap().kind, VariableKind::Number);
        let sentiment = cb.variable("sentiment").unwrap();
        assert_eq!(sentiment.kind, VariableKind::Single);
        assert_eq!(sentiment.values, ["neg", "pos"]);
        assert!(
            cb.variable("genre")
                .unwrap()
                .values
                .contains(&"satire".to_string())
        );
        assert_eq!(changes.len(), 5, "{changes:?}");
        assert!(
            changes[0]
                .contains("new document variable “frame” (single choice: “conflict”, “economic”)"),
            "{changes:?}"
        );
        assert!(
            changes
                .iter()
                .any(|c| c.contains("“genre” gets the new value “satire”"))
        );
        assert!(
            validate_codebook(&cb).is_empty(),
            "{:?}",
            validate_codebook(&cb)
        );

        let mut errors = Vec::new();
        let fitted = fit_codes(&cb, &docs[0], &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(fitted["sentiment"], CodeValue::Text("pos".into()));
        assert_eq!(fitted["sources quoted"], CodeValue::Number(2.0));
        assert_eq!(fitted["labels"], many(&["a"]));
        let fitted = fit_codes(&cb, &docs[1], &mut errors);
        assert!(!fitted.contains_key("sentiment"), "nothing chosen: no code");
    }

    #[test]
    fn codes_that_do_not_fit_are_refused() {
        let cb = Codebook::default_media();
        let mut errors = Vec::new();
        fit_codes(
            &cb,
            &doc(&[
                ("genre", ForeignCode::plain(many(&["interview", "other"]))),
                ("sources quoted", text("many")),
                ("nope", text("x")),
            ]),
            &mut errors,
        );
        let all = errors.join("\n");
        assert!(
            all.contains("“genre” is a single choice and takes one value, but 2"),
            "{all}"
        );
        assert!(
            all.contains("“sources quoted” is a number, and “many” is not one"),
            "{all}"
        );
        assert!(
            all.contains("“nope” that the codebook does not have"),
            "{all}"
        );
    }
}
