//! Model predictions as suggestions: `import --suggestions` from the
//! command line (replacing earlier suggestions, comparable with `agree`),
//! and in the window: shown, stepped through, accepted and rejected by
//! key and by button, each undoable.

use crate::util;
use std::path::Path;

/// The first document of the project at `root`: id and text.
fn first_document(root: &Path) -> (String, String) {
    let dir = newscoder::store::ProjectDir::open(root).unwrap();
    let id = dir.project.documents[0].id.clone();
    let text = dir.read_text(&id).unwrap();
    (id, text)
}

/// Character range of the first occurrence of `needle` in `text`.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in text"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// A Prodigy-style line with the given spans of `text`.
fn prodigy_line(text: &str, spans: &[(&str, &str)]) -> String {
    let spans: Vec<serde_json::Value> = spans
        .iter()
        .map(|(needle, label)| {
            let (start, end) = find(text, needle);
            serde_json::json!({"start": start, "end": end, "label": label})
        })
        .collect();
    serde_json::json!({"text": text, "spans": spans}).to_string() + "\n"
}

fn suggestion_count(root: &Path, doc: &str) -> usize {
    let dir = newscoder::store::ProjectDir::open(root).unwrap();
    dir.load_set("suggestions", doc)
        .unwrap()
        .map(|s| s.spans.len())
        .unwrap_or(0)
}

#[test]
fn import_suggestions_replaces_earlier_ones_and_agree_compares_with_them() {
    let (tmp, root) = util::example_copy();
    let (id, text) = first_document(&root);
    let docs_before = newscoder::store::ProjectDir::open(&root)
        .unwrap()
        .project
        .documents
        .len();
    let word = text
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() > 3)
        .unwrap()
        .to_string();
    let file = util::write(
        tmp.path(),
        "pred.jsonl",
        prodigy_line(&text, &[(word.as_str(), "Person")]),
    );
    util::newscoder()
        .args(["import"])
        .arg(&root)
        .args(["--suggestions", "--format", "prodigy"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(suggestion_count(&root, &id), 1);
    let after = newscoder::store::ProjectDir::open(&root).unwrap();
    assert_eq!(
        after.project.documents.len(),
        docs_before,
        "matched by text"
    );

    // The model ran again: its suggestions replace the earlier ones.
    let file = util::write(
        tmp.path(),
        "pred2.jsonl",
        prodigy_line(
            &text,
            &[(word.as_str(), "Organization"), (word.as_str(), "Person")],
        ),
    );
    util::newscoder()
        .args(["import"])
        .arg(&root)
        .args(["--suggestions", "--format", "jsonl"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(suggestion_count(&root, &id), 2);
    // The earlier predictions are the backup, restorable like any file.
    let set = root.join(format!("annotations/suggestions/{id}.ron"));
    let backup = std::fs::read_to_string(set.with_extension("ron.bak")).unwrap();
    let earlier: newscoder::model::AnnotationSet =
        newscoder::store::from_ron(&set, &backup).unwrap();
    assert_eq!(earlier.spans.len(), 1);

    let out = util::newscoder()
        .args(["agree"])
        .arg(&root)
        .args(["--coders", "alice", "suggestions", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        report["coders"],
        serde_json::json!(["alice", "suggestions"])
    );
    assert_eq!(report["labels"]["Person"]["b_spans"], 1);
}

#[test]
fn import_suggestions_refuses_other_formats_and_a_coder() {
    let (tmp, root) = util::example_copy();
    let file = util::write(tmp.path(), "x.ann", "T1\tPerson 0 3\tabc\n");
    util::newscoder()
        .args(["import"])
        .arg(&root)
        .args(["--suggestions", "--format", "brat"])
        .arg(&file)
        .assert()
        .failure();
    util::newscoder()
        .args(["import"])
        .arg(&root)
        .args(["--suggestions", "--coder", "bob"])
        .arg(&file)
        .assert()
        .failure();
    // The pseudo-coder's name is not a coder's to import as.
    let line = util::write(tmp.path(), "x.jsonl", r#"{"text": "abc", "label": []}"#);
    util::newscoder()
        .args(["import"])
        .arg(&root)
        .args(["--coder", "suggestions", "--format", "jsonl"])
        .arg(&line)
        .assert()
        .failure()
        .stderr(predicates::str::contains("import them with --suggestions"));
}

#[cfg(feature = "gui")]
mod window {
    use super::*;
    use egui::accesskit::Role;
    use egui::{Key, Modifiers};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use newscoder::edit::SetKey;
    use newscoder::gui::NewscoderApp;

    use crate::util::app_harness as harness;

    fn open_doc(h: &Harness<'_, NewscoderApp>) -> (SetKey, String) {
        let d = h.state().doc().unwrap();
        (d.key.clone(), d.text.clone())
    }

    fn count(h: &Harness<'_, NewscoderApp>, key: &SetKey) -> usize {
        let ws = &h.state().session().unwrap().ws();
        ws.set(key).map(|s| s.spans.len()).unwrap_or(0)
    }

    fn press(h: &mut Harness<'_, NewscoderApp>, modifiers: Modifiers, key: Key) {
        h.key_press_modifiers(modifiers, key);
        h.run();
    }

    fn words(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.len() > 4 && !out.iter().any(|o| o == w) {
                out.push(w.to_string());
            }
        }
        out
    }

    #[test]
    fn suggestions_are_accepted_and_rejected_by_key_and_button_with_undo() {
        let (tmp, root) = util::example_copy();
        let app = NewscoderApp::new_for_project(&root, "carol").unwrap();
        let mut h = harness(app);
        let (key, text) = open_doc(&h);
        let w = words(&text);
        let file = util::write(
            tmp.path(),
            "pred.jsonl",
            prodigy_line(
                &text,
                &[
                    (&w[0], "Person"),
                    (&w[1], "Organization"),
                    (&w[2], "Person"),
                ],
            ),
        );
        h.state_mut().import_suggestion_paths(&[file]);
        h.run();
        let sugg = SetKey::new("suggestions", &key.document);
        assert_eq!(count(&h, &sugg), 3);
        assert!(
            h.query_by_label_contains("3 suggestions from the model")
                .is_some()
        );
        // The pseudo-coder is not offered as a coder.
        h.get_by_label_contains("Coder: ").click();
        h.run();
        assert!(
            h.query_by_role_and_label(Role::Button, "suggestions")
                .is_none()
        );
        press(&mut h, Modifiers::NONE, Key::Escape);

        // Select the first suggestion and accept it with Enter.
        press(&mut h, Modifiers::NONE, Key::CloseBracket);
        press(&mut h, Modifiers::NONE, Key::Enter);
        assert_eq!(count(&h, &key), 1);
        let ws = &h.state().session().unwrap().ws();
        let s = &ws.set(&key).unwrap().spans[0];
        assert_eq!(s.label, "Person");
        assert_eq!((s.start, s.end), find(&text, &w[0]));
        assert!(
            h.query_by_label_contains("2 suggestions from the model")
                .is_some()
        );
        // Undo takes the accepted span away again.
        press(&mut h, Modifiers::COMMAND, Key::Z);
        assert_eq!(count(&h, &key), 0);
        assert!(
            h.query_by_label_contains("3 suggestions from the model")
                .is_some()
        );

        // Reject the selected (first) one with N: gone from the suggestions.
        press(&mut h, Modifiers::NONE, Key::CloseBracket);
        press(&mut h, Modifiers::NONE, Key::N);
        assert_eq!(count(&h, &sugg), 2);
        assert_eq!(count(&h, &key), 0);
        press(&mut h, Modifiers::COMMAND, Key::Z);
        assert_eq!(count(&h, &sugg), 3);

        // Accept every Person suggestion of the document at once.
        h.get_by_role_and_label(Role::Button, "Accept all Person (2)")
            .click();
        h.run();
        assert_eq!(count(&h, &key), 2);
        assert!(
            h.query_by_label_contains("1 suggestion from the model")
                .is_some()
        );
        press(&mut h, Modifiers::COMMAND, Key::Z);
        assert_eq!(count(&h, &key), 0);
    }
}
