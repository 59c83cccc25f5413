//! Lines with the same text that differ only in their document codes are
//! one document: Prodigy's binary text classification (`textcat.teach`)
//! writes one line per text and label, each accepted line saying one label
//! applies. Their codes are merged, so the text is imported once with every
//! accepted label. Lines whose spans or codes disagree otherwise are left
//! as they are (the commit then reports the conflict).

use super::annotated::{AnnotatedDoc, ForeignCode};
use crate::model::CodeValue;
use std::collections::{BTreeMap, HashMap};

/// Merges into the first of them every later document with the same text,
/// the same spans and codes that can be merged (see [`merge_codes`]).
pub fn merge_same_text(docs: &mut Vec<AnnotatedDoc>) {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut kept: Vec<AnnotatedDoc> = Vec::with_capacity(docs.len());
    for doc in docs.drain(..) {
        if let Some(&i) = first.get(&doc.text) {
            let earlier = &mut kept[i];
            if earlier.spans == doc.spans
                && earlier.status == doc.status
                && let Some(codes) = merge_codes(&earlier.codes, &doc.codes)
            {
                earlier.codes = codes;
                continue;
            }
        } else {
            first.insert(doc.text.clone(), kept.len());
        }
        kept.push(doc);
    }
    *docs = kept;
}

/// The codes of both, or `None` if a variable has different values that
/// are not both choices from a list (spaCy `cats`, Prodigy answers).
fn merge_codes(
    a: &BTreeMap<String, ForeignCode>,
    b: &BTreeMap<String, ForeignCode>,
) -> Option<BTreeMap<String, ForeignCode>> {
    let mut out = a.clone();
    for (name, code) in b {
        match out.get_mut(name) {
            None => {
                out.insert(name.clone(), code.clone());
            }
            Some(old) if old.value == code.value => {
                for o in &code.options {
                    if !old.options.contains(o) {
                        old.options.push(o.clone());
                    }
                }
            }
            Some(old) => {
                let (CodeValue::Many(x), CodeValue::Many(y)) = (&old.value, &code.value) else {
                    return None;
                };
                if !(old.chosen_from && code.chosen_from) {
                    return None;
                }
                let mut all: Vec<String> = x.iter().chain(y).cloned().collect();
                all.sort();
                all.dedup();
                old.value = CodeValue::Many(all);
                for o in &code.options {
                    if !old.options.contains(o) {
                        old.options.push(o.clone());
                    }
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, code: Option<ForeignCode>) -> AnnotatedDoc {
        AnnotatedDoc {
            text: text.into(),
            codes: code
                .map(|c| [("category".to_string(), c)].into_iter().collect())
                .unwrap_or_default(),
            ..AnnotatedDoc::default()
        }
    }

    fn chosen(v: &str) -> ForeignCode {
        ForeignCode {
            value: CodeValue::Many(vec![v.into()]),
            chosen_from: true,
            options: vec![v.into()],
        }
    }

    #[test]
    fn binary_answers_on_one_text_merge() {
        let mut docs = vec![
            doc("a", Some(chosen("SPORTS"))),
            doc("b", Some(chosen("POLITICS"))),
            doc("a", Some(chosen("POSITIVE"))),
            doc("a", None),
        ];
        merge_same_text(&mut docs);
        assert_eq!(docs.len(), 2);
        let code = &docs[0].codes["category"];
        assert_eq!(
            code.value,
            CodeValue::Many(vec!["POSITIVE".into(), "SPORTS".into()])
        );
        assert_eq!(code.options, ["SPORTS", "POSITIVE"]);
    }

    #[test]
    fn different_plain_values_stay_apart() {
        let plain = |v: &str| ForeignCode::plain(CodeValue::Text(v.into()));
        let mut docs = vec![doc("a", Some(plain("x"))), doc("a", Some(plain("y")))];
        merge_same_text(&mut docs);
        assert_eq!(docs.len(), 2, "the commit reports the conflict");
    }
}
