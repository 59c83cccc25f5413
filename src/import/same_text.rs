//! Lines with the same text that differ only in their document codes are
//! one document: Prodigy's binary text classification (`textcat.teach`)
//! writes one line per text and label, each accepted line saying one label
//! applies. Their codes are merged, so the text is imported once with every
//! accepted label. Prodigy's accepted answers (`"answer": "accept"`) on
//! one text are one document whatever their spans (`ner.teach` writes one
//! line per suggested span): its spans are the union of theirs, a span
//! given by several (same start, end and label) once. Other lines whose
//! spans or codes disagree are left as they are (the commit then reports
//! the conflict).

use super::annotated::{AnnotatedDoc, ForeignCode, ForeignSpan};
use crate::model::CodeValue;
use std::collections::{BTreeMap, HashMap};

/// Merges into the first of them every later document with the same text,
/// the same spans (or both accepted Prodigy answers) and codes that can be
/// merged (see [`merge_codes`]); returns how many were merged.
pub fn merge_same_text(docs: &mut Vec<AnnotatedDoc>) -> usize {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut kept: Vec<AnnotatedDoc> = Vec::with_capacity(docs.len());
    let mut merged = 0;
    for doc in docs.drain(..) {
        if let Some(&i) = first.get(&doc.text) {
            let earlier = &mut kept[i];
            let answers = earlier.accepted_answer && doc.accepted_answer;
            if (answers || earlier.spans == doc.spans)
                && earlier.status == doc.status
                && let Some(codes) = merge_codes(&earlier.codes, &doc.codes)
            {
                earlier.codes = codes;
                if answers {
                    union_spans(&mut earlier.spans, doc.spans);
                }
                earlier.merged.push(doc.origin);
                merged += 1;
                continue;
            }
        } else {
            first.insert(doc.text.clone(), kept.len());
        }
        kept.push(doc);
    }
    *docs = kept;
    merged
}

/// Adds to `spans` those of `more` it lacks (by start, end and label),
/// with keys of their own; links of `more` are mapped onto the spans they
/// now are, and added to those already there.
fn union_spans(spans: &mut Vec<ForeignSpan>, more: Vec<ForeignSpan>) {
    let mut keys: HashMap<String, String> = HashMap::new();
    let mut incoming = Vec::new();
    for s in more {
        let same = spans
            .iter()
            .find(|k| (k.start, k.end, &k.label) == (s.start, s.end, &s.label));
        let key = match same {
            Some(k) => k.key.clone(),
            None => {
                let mut key = s.key.clone();
                let mut n = 2;
                while spans.iter().any(|k| k.key == key) || keys.values().any(|k| *k == key) {
                    key = format!("{}~{n}", s.key);
                    n += 1;
                }
                key
            }
        };
        keys.insert(s.key.clone(), key.clone());
        incoming.push((key, same.is_some(), s));
    }
    for (key, existed, mut s) in incoming {
        let links: Vec<(String, String)> = s
            .all_links()
            .filter_map(|(r, t)| Some((r.to_string(), keys.get(t)?.clone())))
            .collect();
        s.links.clear();
        let target = if existed {
            match spans.iter_mut().find(|k| k.key == key) {
                Some(k) => k,
                None => continue,
            }
        } else {
            s.key = key;
            spans.push(s);
            match spans.last_mut() {
                Some(k) => k,
                None => continue,
            }
        };
        for (role, to) in links {
            target.add_link(&role, &to);
        }
    }
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

    fn span(key: &str, start: usize, end: usize, label: &str) -> ForeignSpan {
        ForeignSpan::new(key, start, end, label)
    }

    #[test]
    fn accepted_answers_on_one_text_are_the_union_of_their_spans() {
        let answer = |origin: &str, spans: Vec<ForeignSpan>| AnnotatedDoc {
            origin: origin.into(),
            text: "Maduro met Putin.".into(),
            spans,
            accepted_answer: true,
            ..AnnotatedDoc::default()
        };
        let mut stance = span("#2", 6, 9, "Stance");
        stance.add_link("holder", "#1");
        let mut docs = vec![
            answer("p:1", vec![span("#1", 0, 6, "Person")]),
            answer("p:2", vec![span("#1", 11, 16, "Person")]),
            answer("p:3", vec![span("#1", 0, 6, "Person"), stance]),
            // Not a Prodigy answer: stays apart (the commit reports it).
            doc("Maduro met Putin.", None),
        ];
        assert_eq!(merge_same_text(&mut docs), 2);
        assert_eq!(docs.len(), 2);
        let got: Vec<(&str, usize, usize, &str)> = docs[0]
            .spans
            .iter()
            .map(|s| (s.key.as_str(), s.start, s.end, s.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("#1", 0, 6, "Person"),
                ("#1~2", 11, 16, "Person"),
                ("#2", 6, 9, "Stance")
            ]
        );
        // The link of line 3 goes to line 1's Maduro, the same span.
        assert_eq!(docs[0].spans[2].links["holder"], ["#1"]);
        assert_eq!(docs[0].merged, ["p:2", "p:3"]);
    }

    #[test]
    fn different_plain_values_stay_apart() {
        let plain = |v: &str| ForeignCode::plain(CodeValue::Text(v.into()));
        let mut docs = vec![doc("a", Some(plain("x"))), doc("a", Some(plain("y")))];
        merge_same_text(&mut docs);
        assert_eq!(docs.len(), 2, "the commit reports the conflict");
    }
}
