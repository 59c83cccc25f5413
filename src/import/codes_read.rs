//! Document codes in the JSONL dialects newscoder reads:
//!
//! - `"codes": {"<variable>": value}` (newscoder's `jsonl` and `prodigy`
//!   exports): a string, a list of strings or a number;
//! - spaCy / Prodigy `"cats": {"<key>": score}`: a key `<variable>=<value>`
//!   (newscoder's `prodigy` export) is a value of that variable, any other
//!   key a value of the variable [`PLAIN_VARIABLE`]; a score of 0.5 or more
//!   means chosen; `"cats"` as a list of strings (doccano's intent detection
//!   and slot filling) is a multiple choice of [`PLAIN_VARIABLE`];
//! - Prodigy choice answers, `"options": [{"id": …}]` + `"accept": [ids]`,
//!   and Prodigy binary text classification, `"label": "SPORTS"` on an
//!   accepted line without spans: values of [`PLAIN_VARIABLE`];
//! - doccano text classification, `"label": ["positive", "sports"]` (a list
//!   of strings rather than `[start, end, label]` triples): a multiple
//!   choice of [`PLAIN_VARIABLE`].
//!
//! Where a line gives a variable in several of these ways, the first in
//! this list wins.

use super::annotated::ForeignCode;
use crate::model::CodeValue;
use crate::wording::quoted;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The variable that labels of a whole document go to when the source does
/// not name one (doccano and Prodigy text classification have one set of
/// labels per project).
pub const PLAIN_VARIABLE: &str = "category";

/// The codes of one JSON line; problems go to `errors`.
pub fn read_codes(
    obj: &Map<String, Value>,
    errors: &mut Vec<String>,
) -> BTreeMap<String, ForeignCode> {
    let mut out = BTreeMap::new();
    match obj.get("codes") {
        None | Some(Value::Null) => {}
        Some(Value::Object(codes)) => {
            for (name, v) in codes {
                match code_value(v) {
                    Ok(Some(value)) => {
                        out.insert(name.clone(), ForeignCode::plain(value));
                    }
                    Ok(None) => {}
                    Err(e) => errors.push(format!("code {}: {e}", quoted(name))),
                }
            }
        }
        Some(_) => errors.push("\"codes\" is not an object".into()),
    }
    let mut add = |name: String, code: ForeignCode| {
        out.entry(name).or_insert(code);
    };
    match obj.get("cats") {
        None | Some(Value::Null) => {}
        Some(Value::Object(cats)) => {
            for (name, code) in cats_codes(cats, errors) {
                add(name, code);
            }
        }
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
            let labels = items.iter().filter_map(Value::as_str).map(str::to_string);
            add(
                PLAIN_VARIABLE.to_string(),
                ForeignCode::plain(CodeValue::Many(sorted(labels.collect()))),
            );
        }
        Some(_) => errors.push("\"cats\" is neither an object nor a list of labels".into()),
    }
    if let Some(code) = accepted_options(obj, errors) {
        add(PLAIN_VARIABLE.to_string(), code);
    }
    let has_spans = ["spans", "entities"].iter().any(|k| {
        obj.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    });
    match obj.get("label") {
        Some(Value::String(label)) if !label.trim().is_empty() && !has_spans => add(
            PLAIN_VARIABLE.to_string(),
            ForeignCode {
                value: CodeValue::Many(vec![label.clone()]),
                chosen_from: true,
                options: vec![label.clone()],
            },
        ),
        Some(Value::Array(items)) => {
            let labels: Vec<String> = items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect();
            if !labels.is_empty() {
                add(
                    PLAIN_VARIABLE.to_string(),
                    ForeignCode::plain(CodeValue::Many(sorted(labels))),
                );
            }
        }
        _ => {}
    }
    out
}

/// A `codes` value: `None` for null.
fn code_value(v: &Value) -> Result<Option<CodeValue>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(CodeValue::Text(s.clone()))),
        Value::Number(n) => match n.as_f64().filter(|x| x.is_finite()) {
            Some(x) => Ok(Some(CodeValue::Number(x))),
            None => Err(format!("{n} is not a finite number")),
        },
        Value::Array(items) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                match item.as_str() {
                    Some(s) => values.push(s.to_string()),
                    None => return Err(format!("{item} in the list is not a string")),
                }
            }
            Ok(Some(CodeValue::Many(sorted(values))))
        }
        other => Err(format!(
            "{other} is neither a string, a list of strings nor a number"
        )),
    }
}

/// The variables of spaCy `cats`, each with its chosen values.
fn cats_codes(
    cats: &Map<String, Value>,
    errors: &mut Vec<String>,
) -> BTreeMap<String, ForeignCode> {
    let mut out: BTreeMap<String, ForeignCode> = BTreeMap::new();
    for (key, score) in cats {
        let Some(score) = score.as_f64() else {
            errors.push(format!(
                "cats {}: the score {score} is not a number",
                quoted(key)
            ));
            continue;
        };
        let (variable, value) = match key.split_once('=') {
            Some((var, value)) if !var.is_empty() => (var, value),
            _ => (PLAIN_VARIABLE, key.as_str()),
        };
        let code = out.entry(variable.to_string()).or_insert(ForeignCode {
            value: CodeValue::Many(Vec::new()),
            chosen_from: true,
            options: Vec::new(),
        });
        code.options.push(value.to_string());
        if score >= 0.5
            && let CodeValue::Many(chosen) = &mut code.value
        {
            chosen.push(value.to_string());
        }
    }
    for code in out.values_mut() {
        if let CodeValue::Many(chosen) = &mut code.value {
            *chosen = sorted(std::mem::take(chosen));
        }
    }
    out
}

/// Prodigy's choice interface: the ids of `accept` among `options`.
fn accepted_options(obj: &Map<String, Value>, errors: &mut Vec<String>) -> Option<ForeignCode> {
    let Some(Value::Array(options)) = obj.get("options") else {
        return None;
    };
    let id = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let mut offered = Vec::new();
    for (i, o) in options.iter().enumerate() {
        match o.get("id").and_then(id) {
            Some(o) => offered.push(o),
            None => errors.push(format!("option {} has no \"id\"", i + 1)),
        }
    }
    let accepted: Vec<String> = match obj.get("accept") {
        Some(Value::Array(ids)) => ids.iter().filter_map(id).collect(),
        _ => Vec::new(),
    };
    Some(ForeignCode {
        value: CodeValue::Many(sorted(accepted)),
        chosen_from: true,
        options: offered,
    })
}

fn sorted(mut values: Vec<String>) -> Vec<String> {
    values.sort();
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> (BTreeMap<String, ForeignCode>, Vec<String>) {
        let obj: Map<String, Value> = serde_json::from_str(line).unwrap();
        let mut errors = Vec::new();
        let codes = read_codes(&obj, &mut errors);
        (codes, errors)
    }

    fn many(v: &[&str]) -> CodeValue {
        CodeValue::Many(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn our_codes_and_cats() {
        let (codes, errors) = read(
            r#"{"codes": {"genre": "interview", "topics": ["protest", "economy"], "sources quoted": 3, "x": null},
                "cats": {"genre=news": 1.0, "tone=negative": 0.0, "tone=positive": 1.0, "POSITIVE": 0.9, "NEGATIVE": 0.1}}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            codes["genre"].value,
            CodeValue::Text("interview".into()),
            "codes win"
        );
        assert_eq!(codes["topics"].value, many(&["economy", "protest"]));
        assert_eq!(codes["sources quoted"].value, CodeValue::Number(3.0));
        assert!(!codes.contains_key("x"));
        assert_eq!(codes["tone"].value, many(&["positive"]));
        assert!(codes["tone"].chosen_from);
        assert_eq!(codes["tone"].options, ["negative", "positive"]);
        assert_eq!(codes[PLAIN_VARIABLE].value, many(&["POSITIVE"]));
    }

    #[test]
    fn doccano_labels_and_prodigy_choices() {
        let (codes, errors) =
            read(r#"{"text": "t", "label": ["sports", "positive", [0, 1, "X"]]}"#);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(codes[PLAIN_VARIABLE].value, many(&["positive", "sports"]));
        assert!(!codes[PLAIN_VARIABLE].chosen_from);
        let (codes, errors) = read(
            r#"{"text": "t", "options": [{"id": "SPORTS", "text": "Sports"}, {"id": "POLITICS", "text": "Politics"}], "accept": ["POLITICS"], "answer": "accept"}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(codes[PLAIN_VARIABLE].value, many(&["POLITICS"]));
        assert_eq!(codes[PLAIN_VARIABLE].options, ["SPORTS", "POLITICS"]);
        let (codes, _) = read(r#"{"text": "t", "label": "SPORTS", "answer": "accept"}"#);
        assert_eq!(codes[PLAIN_VARIABLE].value, many(&["SPORTS"]));
        // A label beside spans is not the document's.
        let (codes, _) = read(
            r#"{"text": "t", "label": "PERSON", "spans": [{"start": 0, "end": 1, "label": "PERSON"}]}"#,
        );
        assert!(codes.is_empty());
        // doccano's intent detection and slot filling.
        let (codes, errors) = read(
            r#"{"text": "wake me at 7", "entities": [[11, 12, "TIME"]], "cats": ["alarm", "alarm"]}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(codes[PLAIN_VARIABLE].value, many(&["alarm"]));
    }

    #[test]
    fn bad_codes_are_named() {
        let (_, errors) = read(r#"{"codes": {"a": {"b": 1}, "c": [1]}, "cats": {"d": "yes"}}"#);
        let all = errors.join("\n");
        assert!(all.contains("code “a”: {\"b\":1} is neither"), "{all}");
        assert!(
            all.contains("code “c”: 1 in the list is not a string"),
            "{all}"
        );
        assert!(
            all.contains("cats “d”: the score \"yes\" is not a number"),
            "{all}"
        );
        let (_, errors) = read(r#"{"cats": [1, 2]}"#);
        assert_eq!(
            errors,
            ["\"cats\" is neither an object nor a list of labels"]
        );
    }
}
