//! Document codes in the window: the "Document codes" section beside the
//! text, set by mouse (a drop-down, checkboxes, a number field) and by
//! keyboard only ("Code the document"), undone, saved as `codes: {…}`,
//! refused in a read-only session, filtering the document list, and
//! visible at 800×600 with the text keeping its width.

#![cfg(feature = "gui")]

use crate::util;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::edit::SetKey;
use newscoder::gui::NewscoderApp;
use newscoder::gui::actions::Action;
use newscoder::model::CodeValue;
use newscoder::store::{LockHolder, to_ron};
use std::collections::BTreeMap;
use std::path::Path;

/// A copy of the example with every document code taken out, so each test
/// codes from nothing (the example's coders have coded every document).
fn uncoded_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = util::example_copy();
    let dir = newscoder::store::ProjectDir::open(&root).unwrap();
    for coder in dir.all_coders().unwrap() {
        for d in &dir.project.documents {
            if let Some(mut set) = dir.load_set(&coder, &d.id).unwrap() {
                set.codes.clear();
                dir.save_set(&set).unwrap();
            }
        }
    }
    (tmp, root)
}

fn open_sized(root: &Path, size: (f32, f32)) -> Harness<'static, NewscoderApp> {
    let app = NewscoderApp::new_for_project(root, "alice").expect("the example opens");
    util::app_harness_sized(app, size)
}

fn perform(h: &mut Harness<'_, NewscoderApp>, action: Action) {
    let ctx = h.ctx.clone();
    h.state_mut().perform(&ctx, action);
    h.run();
}

fn press(h: &mut Harness<'_, NewscoderApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn key(h: &Harness<'_, NewscoderApp>) -> SetKey {
    h.state().doc().expect("a document is open").key.clone()
}

/// The open document's codes of alice.
fn codes(h: &Harness<'_, NewscoderApp>) -> BTreeMap<String, CodeValue> {
    let key = key(h);
    h.state()
        .session()
        .and_then(|s| s.ws().set(&key))
        .map(|s| s.codes.clone())
        .unwrap_or_default()
}

fn text(v: &str) -> CodeValue {
    CodeValue::Text(v.to_string())
}

fn many(vs: &[&str]) -> CodeValue {
    CodeValue::Many(vs.iter().map(|v| v.to_string()).collect())
}

/// Opens variable `var`'s drop-down.
fn open_combo(h: &mut Harness<'_, NewscoderApp>, var: &str) {
    h.get_by_role_and_label(Role::ComboBox, var).click();
    h.run();
}

#[test]
fn codes_set_by_mouse_are_undoable_and_saved_as_codes() {
    let (_tmp, root) = uncoded_copy();
    let mut h = open_sized(&root, (1280.0, 800.0));
    assert!(codes(&h).is_empty(), "the example has no codes yet");
    // Single choice: pick from the drop-down.
    open_combo(&mut h, "genre");
    h.get_by_label("opinion or commentary").click();
    h.run();
    assert_eq!(codes(&h).get("genre"), Some(&text("opinion or commentary")));
    // Multiple choice: tick two values (the drop-down stays open).
    open_combo(&mut h, "topics");
    h.get_by_role_and_label(Role::CheckBox, "protest").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "economy and sanctions")
        .click();
    h.run();
    assert_eq!(
        codes(&h).get("topics"),
        Some(&many(&["economy and sanctions", "protest"]))
    );
    press(&mut h, Key::Escape);
    // Number: type into the field, Enter keeps it; letters are dropped.
    h.get_by_role_and_label(Role::TextInput, "sources quoted")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "sources quoted")
        .type_text("4x");
    h.run();
    press(&mut h, Key::Enter);
    assert_eq!(
        codes(&h).get("sources quoted"),
        Some(&CodeValue::Number(4.0))
    );
    assert_eq!(codes(&h).len(), 3);
    // Undo takes back the number, then the second tick.
    perform(&mut h, Action::Undo);
    assert_eq!(codes(&h).get("sources quoted"), None);
    perform(&mut h, Action::Undo);
    assert_eq!(codes(&h).get("topics"), Some(&many(&["protest"])));
    perform(&mut h, Action::Redo);
    perform(&mut h, Action::Save);
    let k = key(&h);
    let file = root
        .join("annotations/alice")
        .join(format!("{}.ron", k.document));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("codes: {"), "{saved}");
    assert!(
        saved.contains(r#""genre": "opinion or commentary""#),
        "{saved}"
    );
    assert!(
        saved.contains(r#""topics": ["economy and sanctions", "protest"]"#),
        "{saved}"
    );
    util::assert_idle(&mut h, "after coding by mouse");
}

#[test]
fn the_document_is_coded_by_keyboard_only() {
    let (_tmp, root) = uncoded_copy();
    let mut h = open_sized(&root, (1280.0, 800.0));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run();
    // genre: the second value.
    press(&mut h, Key::Num2);
    press(&mut h, Key::Tab);
    // main topic: Down from nothing picks the first, Down again the second.
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Tab);
    // topics: tick the first and the third value, both keys in one frame.
    h.key_press(Key::Num1);
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(
        codes(&h).get("topics"),
        Some(&many(&[
            "domestic politics",
            "foreign relations and diplomacy"
        ]))
    );
    press(&mut h, Key::Tab);
    // tone: the fourth value, then back up one.
    press(&mut h, Key::Num4);
    press(&mut h, Key::ArrowUp);
    // Shift+Tab goes back to topics; Delete clears it.
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    press(&mut h, Key::Delete);
    press(&mut h, Key::Tab);
    press(&mut h, Key::Tab);
    press(&mut h, Key::Tab);
    // sources quoted: its field has the keyboard.
    h.event(egui::Event::Text("7".into()));
    h.run();
    press(&mut h, Key::Tab);
    press(&mut h, Key::Escape);
    let c = codes(&h);
    assert_eq!(c.get("genre"), Some(&text("analysis or background")));
    assert_eq!(c.get("main topic"), Some(&text("military and security")));
    assert_eq!(c.get("topics"), None, "cleared by Delete");
    assert_eq!(
        c.get("tone towards the government"),
        Some(&text("neutral or balanced"))
    );
    assert_eq!(c.get("sources quoted"), Some(&CodeValue::Number(7.0)));
    // Coding by keyboard has ended: Delete is the text's again.
    let spans = h
        .state()
        .session()
        .and_then(|s| s.ws().set(&key(&h)))
        .map(|s| s.spans.len());
    press(&mut h, Key::Delete);
    assert_eq!(codes(&h), c);
    assert_eq!(
        h.state()
            .session()
            .and_then(|s| s.ws().set(&key(&h)))
            .map(|s| s.spans.len()),
        spans
    );
    // Undo restores, step by step: first the number.
    perform(&mut h, Action::Undo);
    assert_eq!(codes(&h).get("sources quoted"), None);
    perform(&mut h, Action::Save);
    util::assert_idle(&mut h, "after coding by keyboard");
}

#[test]
fn a_read_only_session_cannot_change_codes() {
    let (_tmp, root) = uncoded_copy();
    let holder = LockHolder {
        pid: 4242,
        host: "other-machine".into(),
        since: 1_700_000_000,
    };
    let lock = root.join("annotations/alice/.lock");
    std::fs::write(&lock, to_ron(&holder, 1, &lock).unwrap()).unwrap();
    let mut h = open_sized(&root, (1280.0, 800.0));
    h.get_by_role_and_label(Role::Button, "Open read-only")
        .click();
    h.run();
    assert!(h.state().session().is_some_and(|s| s.is_read_only()));
    // The drop-down is disabled: clicking it opens nothing.
    open_combo(&mut h, "genre");
    assert!(h.query_by_label("opinion or commentary").is_none());
    // Nor does the keyboard change anything.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run();
    press(&mut h, Key::Num1);
    assert!(codes(&h).is_empty());
}

#[test]
fn the_document_list_filters_by_a_code_of_the_coder() {
    let (_tmp, root) = uncoded_copy();
    let mut h = open_sized(&root, (1280.0, 800.0));
    let first = key(&h).document;
    open_combo(&mut h, "genre");
    h.get_by_label("opinion or commentary").click();
    h.run();
    let all = h
        .state()
        .session()
        .map(|s| s.ws().project().documents.len())
        .unwrap();
    assert!(all >= 2);
    let title = |h: &Harness<'_, NewscoderApp>, id: &str| {
        h.state()
            .session()
            .and_then(|s| s.ws().project().document(id).map(|d| d.title.clone()))
            .unwrap()
    };
    let first_title = title(&h, &first);
    h.get_by_role_and_label(Role::ComboBox, "Code").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "genre").click();
    h.run();
    // "not coded yet" first: every document but the coded one.
    let rows = |h: &Harness<'_, NewscoderApp>| {
        h.state()
            .session()
            .unwrap()
            .ws()
            .project()
            .documents
            .iter()
            .filter(|d| h.query_by_role_and_label(Role::Button, &d.title).is_some())
            .count()
    };
    assert_eq!(rows(&h), all - 1);
    assert!(
        h.query_by_role_and_label(Role::Button, &first_title)
            .is_none()
    );
    h.get_by_role_and_label(Role::ComboBox, "is").click();
    h.run();
    h.get_by_label("= opinion or commentary").click();
    h.run();
    assert_eq!(rows(&h), 1);
    assert!(
        h.query_by_role_and_label(Role::Button, &first_title)
            .is_some()
    );
    h.get_by_role_and_label(Role::ComboBox, "is").click();
    h.run();
    h.get_by_label("= news report").click();
    h.run();
    assert_eq!(rows(&h), 0);
    h.get_by_label("No document matches the filter.");
}

#[test]
fn at_800x600_the_codes_show_beside_a_usable_text() {
    let (_tmp, root) = uncoded_copy();
    let mut h = open_sized(&root, (800.0, 600.0));
    let text = h.state().doc().expect("a document is open").clip;
    assert!(text.width() >= 380.0, "text {text:?}");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    for var in ["genre", "main topic", "topics", "sources quoted"] {
        let r = h.get_by_label(var).rect();
        assert!(window.contains_rect(r), "{var} at {r:?}");
        assert!(r.left() >= text.right(), "{var} at {r:?} overlaps the text");
    }
    // A variable's description shows on hover.
    h.get_by_role_and_label(Role::ComboBox, "genre").hover();
    // Past the tooltip's delay.
    for _ in 0..30 {
        h.step();
    }
    h.run();
    h.get_by_label_contains("The article's form: a news report tells what happened");
    // Esc in a field takes back what was typed.
    h.get_by_role_and_label(Role::TextInput, "sources quoted")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "sources quoted")
        .type_text("12");
    h.run();
    press(&mut h, Key::Escape);
    assert_eq!(codes(&h).get("sources quoted"), None);
    // Coding by keyboard shows the values of the active variable.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    h.run();
    h.get_by_label("1 news report");
    util::assert_idle(&mut h, "coding by keyboard at 800×600");
}

#[test]
fn the_codebook_editor_adds_and_deletes_variables_and_their_codes_with_one_undo() {
    let (_tmp, root) = uncoded_copy();
    let mut h = open_sized(&root, (1280.0, 800.0));
    open_combo(&mut h, "genre");
    h.get_by_label("opinion or commentary").click();
    h.run();
    perform(&mut h, Action::ShowCodebook);
    let variables = |h: &Harness<'_, NewscoderApp>| -> Vec<String> {
        h.state()
            .session()
            .unwrap()
            .ws()
            .project()
            .codebook
            .variables
            .iter()
            .map(|v| v.name.clone())
            .collect()
    };
    // Add a free-text variable; it shows among the document codes.
    h.get_by_label("New variable name").scroll_to_me();
    h.run();
    h.get_by_label("New variable name").click();
    h.run();
    h.get_by_label("New variable name").type_text("frame");
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Kind").click();
    h.run();
    h.get_by_label("free text").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add variable")
        .click();
    h.run();
    assert_eq!(variables(&h).last().map(String::as_str), Some("frame"));
    let frame = h
        .state()
        .session()
        .unwrap()
        .ws()
        .project()
        .codebook
        .variable("frame")
        .cloned();
    assert_eq!(
        frame.map(|v| v.kind),
        Some(newscoder::model::VariableKind::Text)
    );
    h.get_by_role_and_label(Role::TextInput, "frame");
    // Deleting a variable in use asks first, with the number of codes.
    h.get_by_label("Variable genre").scroll_to_me();
    h.run();
    h.get_by_label("Variable genre").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Rename variable");
    h.get_by_role_and_label(Role::Button, "Delete variable")
        .click();
    h.run();
    h.get_by_label_contains("clears or trims 1 document code");
    assert!(variables(&h).contains(&"genre".to_string()), "not yet");
    h.get_by_role_and_label(Role::Button, "Apply change")
        .click();
    h.run();
    assert!(!variables(&h).contains(&"genre".to_string()));
    assert_eq!(codes(&h).get("genre"), None);
    // One undo brings back both the variable and the code.
    perform(&mut h, Action::Undo);
    assert!(variables(&h).contains(&"genre".to_string()));
    assert_eq!(codes(&h).get("genre"), Some(&text("opinion or commentary")));
}

/// Writes codes into coders' annotation files of the example: (coder,
/// document index, variable, value).
fn write_codes(root: &Path, codes: &[(&str, usize, &str, CodeValue)]) {
    let dir = newscoder::store::ProjectDir::open(root).unwrap();
    for (coder, doc, var, value) in codes {
        let id = &dir.project.documents[*doc].id;
        let mut set = dir
            .load_set(coder, id)
            .unwrap()
            .unwrap_or_else(|| newscoder::model::AnnotationSet::new(id, coder));
        set.codes.insert(var.to_string(), value.clone());
        let path = root
            .join("annotations")
            .join(coder)
            .join(format!("{id}.ron"));
        std::fs::write(&path, to_ron(&set, 2, &path).unwrap()).unwrap();
    }
}

#[test]
fn the_overview_charts_a_variable_per_coder_as_counted_from_the_files() {
    let (_tmp, root) = uncoded_copy();
    write_codes(
        &root,
        &[
            ("alice", 0, "topics", many(&["other", "protest"])),
            ("alice", 1, "topics", many(&["protest"])),
            ("alice", 2, "topics", many(&["economy and sanctions"])),
            ("bob", 0, "topics", many(&["protest"])),
            (
                "bob",
                1,
                "topics",
                many(&["economy and sanctions", "protest"]),
            ),
            ("alice", 0, "sources quoted", CodeValue::Number(3.0)),
            ("bob", 0, "sources quoted", CodeValue::Number(3.0)),
            ("bob", 1, "sources quoted", CodeValue::Number(5.0)),
        ],
    );
    // The independent count: each value ticked, per coder, from the files.
    let dir = newscoder::store::ProjectDir::open(&root).unwrap();
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for coder in ["alice", "bob"] {
        for d in &dir.project.documents {
            let Some(set) = dir.load_set(coder, &d.id).unwrap() else {
                continue;
            };
            if let Some(CodeValue::Many(vs)) = set.codes.get("topics") {
                for v in vs {
                    *expected.entry((v.clone(), coder.to_string())).or_default() += 1;
                }
            }
        }
    }
    assert_eq!(expected.values().sum::<usize>(), 7);
    let app = NewscoderApp::new_for_project(&root, "alice").unwrap();
    let mut h = util::app_harness_sized(app, (1280.0, 900.0));
    h.state_mut().overview_mut().filter.source = newscoder::overview::filter::Source::AllSummed;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Variable")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Variable").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "topics").click();
    h.run();
    h.get_by_label_contains("topics: 5 documents coded; all coders summed");
    for ((value, coder), n) in &expected {
        let name = format!("{value}: {coder} {n}");
        assert!(h.query_by_label(&name).is_some(), "bar {name} is drawn");
    }
    // The chart has no other bar: the core's figures from the files give
    // exactly the independent count.
    let sets: Vec<newscoder::model::AnnotationSet> = ["alice", "bob"]
        .iter()
        .flat_map(|c| {
            dir.project
                .documents
                .iter()
                .filter_map(|d| dir.load_set(c, &d.id).unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    let index = newscoder::overview::index::OverviewIndex::build(&dir.project, &sets);
    let filter = newscoder::overview::filter::Filter {
        source: newscoder::overview::filter::Source::AllSummed,
        ..Default::default()
    };
    let chart = newscoder::overview::figures::Figures::new(&index, &dir.project, &filter)
        .variable_chart("topics");
    let mut counted: BTreeMap<(String, String), usize> = BTreeMap::new();
    for b in &chart.bars {
        for seg in &b.segments {
            counted.insert(
                (b.label.clone(), chart.series[seg.series].clone()),
                seg.value,
            );
        }
    }
    assert_eq!(counted, expected);
    // Only alice's own codes under the default source (no gold set here).
    h.state_mut().overview_mut().filter.source =
        newscoder::overview::filter::Source::Preferred("alice".into());
    h.run();
    assert!(h.query_by_label("protest: alice 2").is_some());
    assert!(h.query_by_label("protest: bob 2").is_none());
    // A bar lists the documents coded so.
    h.get_by_label("protest: alice 2").click();
    h.run();
    let listed: Vec<String> = h
        .state_mut()
        .overview_mut()
        .picked
        .as_ref()
        .unwrap()
        .hits
        .iter()
        .map(|hit| hit.document.clone())
        .collect();
    let first_two: Vec<String> = dir.project.documents[..2]
        .iter()
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(listed, first_two);
    // Numbers: each value a bar.
    h.get_by_role_and_label(Role::ComboBox, "Variable").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "sources quoted")
        .click();
    h.run();
    assert!(h.query_by_label("3: alice 1").is_some());
}

#[test]
fn a_variables_key_starts_coding_it_by_keyboard() {
    let (_tmp, root) = uncoded_copy();
    let mut h = open_sized(&root, (1280.0, 800.0));
    let mut cb = h.state().session().unwrap().ws().project().codebook.clone();
    let tone = cb
        .variables
        .iter_mut()
        .find(|v| v.name == "tone towards the government")
        .unwrap();
    tone.key = Some('t');
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        newscoder::gui::commands::Command::Apply(newscoder::edit::Transaction::single(
            "Key",
            newscoder::edit::Edit::SetCodebook(cb),
        )),
    );
    h.run();
    press(&mut h, Key::T);
    press(&mut h, Key::Num2);
    press(&mut h, Key::Escape);
    assert_eq!(
        codes(&h).get("tone towards the government"),
        Some(&text("negative"))
    );
}
