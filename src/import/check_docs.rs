//! The checks every pre-annotated document must pass before anything is
//! written: a text, spans inside it (in characters) with start < end and a
//! label, unique span keys, links to spans that exist.

use super::annotated::AnnotatedDoc;
use super::error::InputProblem;
use super::limits::{MAX_ARTICLE_BYTES, too_large};
use crate::text::char_len;
use crate::wording::{count, quoted};
use std::collections::HashSet;

/// Every problem of `docs`, each naming the document's origin.
pub fn check_docs(docs: &[AnnotatedDoc]) -> Vec<InputProblem> {
    let mut problems = Vec::new();
    for doc in docs {
        for message in check_doc(doc) {
            problems.push(InputProblem::new(doc.origin.clone(), message));
        }
    }
    problems
}

fn check_doc(doc: &AnnotatedDoc) -> Vec<String> {
    let mut out = Vec::new();
    if doc.text.len() as u64 > MAX_ARTICLE_BYTES {
        out.push(format!(
            "text {}",
            too_large(doc.text.len() as u64, MAX_ARTICLE_BYTES)
        ));
        return out;
    }
    if doc.text.trim().is_empty() {
        out.push("text is empty".into());
    }
    let chars = char_len(&doc.text);
    let mut keys = HashSet::new();
    for s in &doc.spans {
        if !keys.insert(s.key.as_str()) {
            out.push(format!("two spans have the id {}", quoted(&s.key)));
        }
    }
    for s in &doc.spans {
        let what = format!(
            "span {} ({}..{} {})",
            s.key,
            s.start,
            s.end,
            quoted(&s.label)
        );
        if s.label.trim().is_empty() {
            out.push(format!("{what}: has no label"));
        }
        if s.start >= s.end {
            out.push(format!("{what}: start must be less than end"));
        }
        if s.end > chars {
            out.push(format!(
                "{what}: offsets out of range, the text has {}",
                count(chars, "character", "characters")
            ));
        }
        for (role, target) in s.all_links() {
            if role.trim().is_empty() {
                out.push(format!("{what}: a link has no role"));
            }
            if !keys.contains(target) {
                out.push(format!(
                    "{what}: link {role} points to unknown span {target}",
                    role = quoted(role),
                    target = quoted(target)
                ));
            }
        }
        if s.attrs.keys().any(|k| k.trim().is_empty()) {
            out.push(format!("{what}: an attribute has no name"));
        }
        if let Some(actor) = &s.actor
            && actor.name.trim().is_empty()
        {
            out.push(format!("{what}: its actor has no name"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::annotated::ForeignSpan;

    fn span(key: &str, start: usize, end: usize, label: &str) -> ForeignSpan {
        ForeignSpan::new(key, start, end, label)
    }

    #[test]
    fn reports_every_problem_with_origin() {
        let mut bad_link = span("3", 0, 2, "Stance");
        bad_link.add_link("holder", "9");
        let doc = AnnotatedDoc {
            origin: "f.jsonl:4".into(),
            text: "héllo".into(),
            spans: vec![
                span("1", 0, 6, "X"),
                span("2", 3, 3, ""),
                bad_link,
                span("1", 0, 1, "Y"),
            ],
            ..AnnotatedDoc::default()
        };
        let problems: Vec<String> = check_docs(&[doc]).iter().map(|p| p.to_string()).collect();
        assert!(
            problems.iter().all(|p| p.starts_with("f.jsonl:4: ")),
            "{problems:?}"
        );
        let all = problems.join("\n");
        for needle in [
            "two spans have the id “1”",
            "out of range, the text has 5",
            "has no label",
            "start must be less",
            "unknown span “9”",
        ] {
            assert!(all.contains(needle), "{needle} missing in {all}");
        }
    }
}
