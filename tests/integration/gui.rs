//! The annotator window driven through egui_kittest against the real app
//! on a temporary copy of the example project: selecting and tagging by
//! shortcut and by palette, relabelling, attributes, linking, undo/redo,
//! saving and reloading, switching documents, search, the shortcut
//! overlay. Every run also checks that each input widget has a name.

#![cfg(feature = "gui")]

use crate::util;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::gui::NewscoderApp;
use newscoder::gui::document::DocView;
use newscoder::model::{Span, SpanId, Status};
use newscoder::session::settings::Settings;
use newscoder::store::ProjectDir;
use std::ops::Range;

use crate::util::app_harness as harness;

/// The app on a fresh copy of the example, coding as a new coder.
fn fresh(
    coder: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, NewscoderApp>,
) {
    let (tmp, root) = util::example_copy();
    let app = NewscoderApp::new_for_project(&root, coder).expect("the example opens");
    (tmp, root, harness(app))
}

fn doc<'a>(h: &'a Harness<'_, NewscoderApp>) -> &'a DocView {
    h.state().doc().expect("a document is open")
}

fn spans(h: &Harness<'_, NewscoderApp>) -> Vec<Span> {
    let s = h.state().session().expect("session");
    let d = doc(h);
    s.ws()
        .set(&d.key)
        .map(|x| x.spans.clone())
        .unwrap_or_default()
}

fn span(h: &Harness<'_, NewscoderApp>, id: SpanId) -> Span {
    spans(h)
        .into_iter()
        .find(|s| s.id == id)
        .expect("span exists")
}

/// Character range of the `nth` occurrence of `needle` in the open text.
fn find(h: &Harness<'_, NewscoderApp>, needle: &str, nth: usize) -> Range<usize> {
    let text = &doc(h).text;
    let (byte, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} is in the text"));
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

/// Screen position inside the first / last character of `range`.
fn ends(h: &Harness<'_, NewscoderApp>, range: Range<usize>) -> (Pos2, Pos2) {
    let first = doc(h).screen_pieces(range.start..range.start + 1);
    let last = doc(h).screen_pieces(range.end - 1..range.end);
    let (Some(a), Some(b)) = (first.first(), last.first()) else {
        panic!("{range:?} is not on screen");
    };
    (a.band.center(), b.band.center())
}

/// Drags from the middle of the first character to the last.
fn drag_select(h: &mut Harness<'_, NewscoderApp>, range: Range<usize>) {
    let (a, b) = ends(h, range);
    h.hover_at(a);
    h.run();
    h.drag_at(a);
    h.step();
    h.hover_at(a + (b - a) * 0.5 + Vec2::new(0.0, 1.0));
    h.step();
    h.hover_at(b);
    h.step();
    h.drop_at(b);
    h.run();
}

/// Clicks at `pos` (and lets the double-click window pass afterwards).
fn click_at(h: &mut Harness<'_, NewscoderApp>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    h.drag_at(pos);
    h.step();
    h.drop_at(pos);
    h.run();
    // Let the double-click window pass, so the next click is a new click.
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + 1.0);
    h.run();
}

fn press(h: &mut Harness<'_, NewscoderApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn selected(h: &Harness<'_, NewscoderApp>) -> Option<SpanId> {
    doc(h).selected_span
}

#[test]
fn first_run_asks_for_the_coder_then_opens_the_project() {
    let (_tmp, root) = util::example_copy();
    let mut h = harness(NewscoderApp::new(Settings::default(), Some(root.clone())));
    assert!(
        h.state().session().is_none(),
        "no project before the coder is known"
    );
    assert!(h.state().has_dialog());
    // Behind the question, the window says what it is about to open.
    h.get_by_label(&format!("Opening {}", root.display()));
    // The example's coders are offered; a new name can be typed too.
    h.get_by_role_and_label(Role::Button, "bob").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(h.state().settings().coder.as_deref(), Some("bob"));
    assert_eq!(
        h.state().settings().last_project.as_deref(),
        Some(root.as_path())
    );
    let s = h.state().session().expect("project open");
    assert_eq!(s.coder(), "bob");
    assert!(
        !spans(&h).is_empty(),
        "bob's annotations of the first document are shown"
    );
    assert!(h.query_by_label_contains("of 6 done").is_some());
}

#[test]
fn tagging_by_shortcut_and_by_palette() {
    let (_tmp, _root, mut h) = fresh("carol");
    assert!(spans(&h).is_empty());
    // Drag over "icolas Madur": the selection snaps to whole words.
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name.start + 1..name.end - 1);
    assert_eq!(doc(&h).selection, Some(name.clone()));
    press(&mut h, Modifiers::NONE, Key::P);
    let all = spans(&h);
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].start, all[0].end, all[0].label.as_str()),
        (name.start, name.end, "Person")
    );
    assert!(all[0].actor.is_some(), "the registry knows Nicolas Maduro");
    assert_eq!(selected(&h), Some(all[0].id), "the new span is selected");
    assert_eq!(doc(&h).selection, None);
    let status = h
        .state()
        .session()
        .and_then(|s| s.ws().set(&doc(&h).key))
        .map(|s| s.status);
    assert_eq!(status, Some(Status::InProgress));

    // Double-click a word, then click a label in the palette.
    let word = find(&h, "military", 1);
    let (a, _) = ends(&h, word.clone());
    h.hover_at(a);
    h.run();
    for _ in 0..2 {
        h.drag_at(a);
        h.step();
        h.drop_at(a);
        h.step();
        h.hover_at(a);
        h.step();
    }
    h.run();
    assert_eq!(doc(&h).selection, Some(word.clone()));
    h.get_by_role_and_label(Role::Button, "Organization")
        .click();
    h.run();
    let org = spans(&h)
        .into_iter()
        .find(|s| s.label == "Organization")
        .expect("tagged by palette");
    assert_eq!(org.start..org.end, word);
    assert_eq!(selected(&h), Some(org.id));
}

#[test]
fn shift_arrows_extend_and_alt_arrows_move_boundaries() {
    let (_tmp, _root, mut h) = fresh("carol");
    let name = find(&h, "Nicolas Maduro", 0);
    let first = find(&h, "Nicolas", 0);
    drag_select(&mut h, first.clone());
    assert_eq!(doc(&h).selection, Some(first.clone()));
    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(doc(&h).selection, Some(name.clone()));
    press(&mut h, Modifiers::NONE, Key::P);
    let id = selected(&h).expect("tagged");
    // Alt+Shift+Left: end one word left; Alt+Left: start one word left.
    press(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(span(&h, id).end, first.end);
    press(&mut h, Modifiers::ALT, Key::ArrowLeft);
    let president = find(&h, "President Nicolas", 0);
    assert_eq!(span(&h, id).start, president.start);
    // Delete removes it; undo brings it back.
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(spans(&h).is_empty());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(spans(&h).len(), 1);
}

#[test]
fn relabel_and_set_an_attribute() {
    let (_tmp, _root, mut h) = fresh("carol");
    let words = find(&h, "called on his military", 0);
    drag_select(&mut h, words.clone());
    press(&mut h, Modifiers::NONE, Key::E);
    let id = selected(&h).expect("tagged as Event");
    assert_eq!(span(&h, id).label, "Event");
    // The label key with a span selected (and no text) changes its label.
    press(&mut h, Modifiers::NONE, Key::S);
    assert_eq!(span(&h, id).label, "Stance");
    assert_eq!(spans(&h).len(), 1, "relabelled, not a second span");
    // Closed attribute values are radio buttons in the inspector.
    h.get_by_role_and_label(Role::RadioButton, "oppose").click();
    h.run();
    assert_eq!(
        span(&h, id).attrs.get("polarity").map(String::as_str),
        Some("oppose")
    );
    let undo_label = h
        .state()
        .session()
        .and_then(|s| s.ws().history().undo_label().map(str::to_string));
    assert_eq!(undo_label.as_deref(), Some("Set polarity"));
    // Back to Event by key: the polarity cannot stay, and the status line
    // says so (undo brings it back).
    press(&mut h, Modifiers::NONE, Key::E);
    assert!(span(&h, id).attrs.is_empty());
    assert!(h.state().status().is_some_and(
        |s| s.text == "Relabelled as Event; dropped polarity (Ctrl+Z brings them back)"
    ));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        span(&h, id).attrs.get("polarity").map(String::as_str),
        Some("oppose")
    );
}

/// A stance towards "his military" and the "US" at once: a role that takes
/// several spans gets each by Ctrl+2 and a click, shows each in the
/// inspector with its own ×, and undo takes one step back at a time.
#[test]
fn a_role_takes_several_spans_by_keyboard_and_mouse() {
    let (_tmp, _root, mut h) = fresh("carol");
    let mut states = Vec::new();
    for (name, key) in [("his military", Key::O), ("US", Key::C)] {
        let r = find(&h, name, 0);
        drag_select(&mut h, r.clone());
        press(&mut h, Modifiers::NONE, key);
        states.push((r, selected(&h).expect("an actor mention")));
    }
    let words = find(&h, "called on", 0);
    drag_select(&mut h, words);
    press(&mut h, Modifiers::NONE, Key::S);
    let stance = selected(&h).expect("stance");
    for (range, _) in &states {
        press(&mut h, Modifiers::COMMAND, Key::Num2);
        assert_eq!(doc(&h).linking.as_deref(), Some("target"));
        let (p, _) = ends(&h, range.clone());
        click_at(&mut h, p);
        assert_eq!(selected(&h), Some(stance), "the stance stays selected");
    }
    let mut both = vec![states[0].1, states[1].1];
    both.sort();
    assert_eq!(span(&h, stance).targets("target"), both.as_slice());
    // Each target is listed with its own remove button.
    h.get_by_role_and_label(Role::Button, "Remove target link to his military");
    h.get_by_role_and_label(Role::Button, "Remove target link to US")
        .click();
    h.run();
    assert_eq!(span(&h, stance).targets("target"), &[states[0].1]);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(span(&h, stance).targets("target"), both.as_slice());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(span(&h, stance).targets("target"), &[states[0].1]);
}

#[test]
fn link_a_stance_to_its_holder() {
    let (_tmp, _root, mut h) = fresh("carol");
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name.clone());
    press(&mut h, Modifiers::NONE, Key::P);
    let person = selected(&h).expect("person");
    let day = find(&h, "Saturday", 0);
    drag_select(&mut h, day.clone());
    press(&mut h, Modifiers::NONE, Key::L);
    assert_eq!(span(&h, selected(&h).expect("location")).label, "Location");
    let words = find(&h, "called on his military", 0);
    drag_select(&mut h, words.clone());
    press(&mut h, Modifiers::NONE, Key::S);
    let stance = selected(&h).expect("stance");

    h.get_by_role_and_label(Role::Button, "Link holder").click();
    h.run();
    assert_eq!(doc(&h).linking.as_deref(), Some("holder"));
    // A Location may not hold a stance: clicking it links nothing.
    let (p, _) = ends(&h, day);
    click_at(&mut h, p);
    assert!(span(&h, stance).links.is_empty());
    assert_eq!(
        doc(&h).linking.as_deref(),
        Some("holder"),
        "still waiting for a valid target"
    );
    let (p, _) = ends(&h, name);
    click_at(&mut h, p);
    assert_eq!(span(&h, stance).targets("holder"), &[person]);
    assert_eq!(doc(&h).linking, None);
    assert_eq!(selected(&h), Some(stance), "the stance stays selected");
    // The link can be removed from the inspector.
    h.get_by_role_and_label(Role::Button, "Remove holder link to Nicolas Maduro")
        .click();
    h.run();
    assert!(span(&h, stance).links.is_empty());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(span(&h, stance).targets("holder"), &[person]);
}

#[test]
fn undo_and_redo_by_every_shortcut_and_the_edit_menu() {
    let (_tmp, _root, mut h) = fresh("carol");
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name);
    press(&mut h, Modifiers::NONE, Key::P);
    assert_eq!(spans(&h).len(), 1);
    assert!(h.state().window_title().contains("unsaved"));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(spans(&h).is_empty());
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(spans(&h).len(), 1);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(spans(&h).len(), 1);
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Undo Tag Person").click();
    h.run();
    assert!(spans(&h).is_empty());
}

#[test]
fn save_reload_and_find_the_span_again() {
    let (_tmp, root, mut h) = fresh("carol");
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name.clone());
    press(&mut h, Modifiers::NONE, Key::P);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().window_title().contains("unsaved"));
    let doc_id = doc(&h).key.document.clone();
    let on_disk = ProjectDir::open(&root)
        .unwrap()
        .load_set("carol", &doc_id)
        .unwrap()
        .expect("saved");
    assert_eq!(
        (on_disk.spans[0].start, on_disk.spans[0].end),
        (name.start, name.end)
    );

    let mut again = harness(NewscoderApp::new_for_project(&root, "carol").unwrap());
    assert_eq!(doc(&again).key.document, doc_id);
    let reloaded = spans(&again);
    assert_eq!(reloaded.len(), 1);
    assert_eq!(reloaded[0].label, "Person");
    // "." selects the next span, which shows it in the inspector.
    press(&mut again, Modifiers::NONE, Key::Period);
    assert_eq!(selected(&again), Some(reloaded[0].id));
    assert!(
        again
            .query_all_by_label_contains("Nicolas Maduro")
            .next()
            .is_some()
    );
}

#[test]
fn autosave_writes_a_few_seconds_after_the_last_edit() {
    let (_tmp, root, mut h) = fresh("carol");
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name);
    press(&mut h, Modifiers::NONE, Key::P);
    let doc_id = doc(&h).key.document.clone();
    let path = ProjectDir::open(&root)
        .unwrap()
        .set_path("carol", &doc_id)
        .unwrap();
    assert!(!path.exists(), "not saved at once");
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + 10.0);
    h.run();
    assert!(path.exists(), "autosaved");
    assert!(!h.state().window_title().contains("unsaved"));
}

#[test]
fn switch_documents_by_shortcut_and_by_list() {
    let (_tmp, root, mut h) = fresh("carol");
    let first = doc(&h).key.document.clone();
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name);
    press(&mut h, Modifiers::NONE, Key::P);
    press(&mut h, Modifiers::ALT, Key::ArrowDown);
    let second = doc(&h).key.document.clone();
    assert_ne!(first, second);
    // Switching saved the first document's work.
    assert!(
        ProjectDir::open(&root)
            .unwrap()
            .load_set("carol", &first)
            .unwrap()
            .is_some()
    );
    press(&mut h, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(doc(&h).key.document, first);
    assert_eq!(spans(&h).len(), 1);
    h.get_by_role_and_label(
        Role::Button,
        "Lima Group seeks Cuba's help to end Venezuelan crisis",
    )
    .click();
    h.run();
    assert_eq!(doc(&h).key.document, "andes-tribune-0504");
    // Ctrl+D marks it done; the list's progress follows.
    press(&mut h, Modifiers::COMMAND, Key::D);
    assert!(h.query_by_label_contains("1 of 6 done").is_some());
}

#[test]
fn a_search_match_can_be_tagged() {
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::COMMAND, Key::F);
    let field = h.get_by_label("Find:");
    field.type_text("saturday");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let want = find(&h, "Saturday", 0);
    assert_eq!(doc(&h).selection, Some(want.clone()));
    assert!(h.query_by_label_contains("1 of").is_some());
    // The bar, hint and all, stays inside the centre: it must not widen
    // the panel and push the text under the inspector.
    let bar_right = h.get_by_label("Close find bar").rect().right();
    let inspector_left = h.get_by_label("Labels").rect().left();
    assert!(
        bar_right < inspector_left,
        "{bar_right} vs {inspector_left}"
    );
    // Esc leaves the field; the match stays selected for a label key.
    press(&mut h, Modifiers::NONE, Key::Escape);
    press(&mut h, Modifiers::NONE, Key::E);
    let all = spans(&h);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].start, all[0].end), (want.start, want.end));
}

/// After stepping with the Next button (the field has lost the keyboard),
/// Esc closes the find bar and keeps the match for a label key.
#[test]
fn a_match_stepped_to_by_button_can_be_tagged_after_esc() {
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Find:").type_text("saturday");
    h.run();
    h.get_by_label("Next match").click();
    h.run();
    let want = find(&h, "Saturday", 0);
    assert_eq!(doc(&h).selection, Some(want.clone()));
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!doc(&h).search.open, "the bar closed");
    assert_eq!(doc(&h).selection, Some(want.clone()), "the match stays");
    press(&mut h, Modifiers::NONE, Key::E);
    let all = spans(&h);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].start, all[0].end), (want.start, want.end));
}

#[test]
fn clicking_spans_selects_and_cycles_through_nested_ones() {
    let (_tmp, _root, mut h) = fresh("carol");
    let outer = find(&h, "President Nicolas Maduro", 0);
    let inner = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, outer);
    press(&mut h, Modifiers::NONE, Key::P);
    let big = selected(&h).unwrap();
    drag_select(&mut h, inner.clone());
    press(&mut h, Modifiers::NONE, Key::P);
    let small = selected(&h).unwrap();
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(selected(&h), None);
    let (p, _) = ends(&h, inner);
    click_at(&mut h, p);
    assert_eq!(selected(&h), Some(small), "the smallest span first");
    click_at(&mut h, p);
    assert_eq!(selected(&h), Some(big), "again: the span around it");
}

#[test]
fn f1_shows_every_shortcut() {
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_some());
    assert!(h.query_by_label_contains("Tag as Stance").is_some());
    assert!(h.query_all_by_label("Undo").next().is_some());
    // The keys the compare view and the suggestions handle themselves.
    assert!(h.query_by_label("take both").is_some());
    assert!(h.query_by_label("accept the selected suggestion").is_some());
    h.get_by_role_and_label(Role::Button, "Close").click();
    h.run();
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_none());
}

#[test]
fn the_next_start_shows_the_document_left_on_screen() {
    let (_tmp, root) = util::example_copy();
    let settings = Settings {
        coder: Some("carol".into()),
        last_project: Some(root.clone()),
        last_document: Some("moscow-wire-0503".into()),
        ..Settings::default()
    };
    let h = harness(NewscoderApp::new(settings, None));
    assert_eq!(doc(&h).key.document, "moscow-wire-0503");
    // Another project's document is not looked for.
    let (_tmp2, other) = util::example_copy();
    let settings = Settings {
        coder: Some("carol".into()),
        last_project: Some(root),
        last_document: Some("moscow-wire-0503".into()),
        ..Settings::default()
    };
    let h = harness(NewscoderApp::new(settings, Some(other)));
    assert_ne!(doc(&h).key.document, "moscow-wire-0503");
}

#[test]
fn a_project_that_cannot_be_opened_is_reported_in_the_window() {
    let tmp = util::tempdir();
    let settings = Settings {
        coder: Some("carol".into()),
        ..Settings::default()
    };
    let h = harness(NewscoderApp::new(
        settings,
        Some(tmp.path().join("missing")),
    ));
    assert!(h.state().session().is_none());
    assert!(h.query_by_label("Could not open the project").is_some());
    assert!(h.state().status().is_some_and(|s| s.error));
}

#[test]
fn importing_articles_adds_documents_and_reports() {
    let (_tmp, root, mut h) = fresh("carol");
    let dir = util::tempdir();
    let a = util::write(
        dir.path(),
        "new.txt",
        "Protest in Valencia\n\nThousands marched in Valencia on Sunday.\n",
    );
    let dup = root.join("documents/wire-military-unity.txt");
    h.state_mut().import_paths(&[a, dup]);
    h.run();
    let s = h.state().session().unwrap();
    assert_eq!(s.ws().project().documents.len(), 7);
    assert!(h.query_all_by_label("Import finished").next().is_some());
    assert!(
        h.query_all_by_label_contains("imported 1 document")
            .next()
            .is_some()
    );
    assert!(
        !h.state().window_title().contains("unsaved"),
        "the import is saved"
    );
}

#[test]
fn codebook_and_actor_windows_open_from_the_view_menu_and_shortcuts() {
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert!(h.query_all_by_label("Codebook").next().is_some());
    press(&mut h, Modifiers::COMMAND, Key::K);
    assert!(h.query_all_by_label("Actors").next().is_some());
    // Opening them loaded every coder's sets, so their counts are complete.
    let s = h.state().session().unwrap();
    assert!(newscoder::edit::all_sets_loaded(s.ws()));
    press(&mut h, Modifiers::COMMAND, Key::B);
    press(&mut h, Modifiers::COMMAND, Key::K);
    assert!(h.query_all_by_label("Codebook").next().is_none());
}

#[test]
fn dragging_an_edge_of_the_selected_span_moves_it() {
    let (_tmp, _root, mut h) = fresh("carol");
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name.clone());
    press(&mut h, Modifiers::NONE, Key::P);
    let id = selected(&h).expect("tagged");
    let piece = doc(&h).screen_pieces(name.clone())[0];
    let edge = piece.band.right_center() + Vec2::new(-1.0, 0.0);
    let day = find(&h, "Saturday", 0);
    let (_, target) = ends(&h, day.clone());
    h.hover_at(edge);
    h.run();
    h.drag_at(edge);
    h.step();
    h.hover_at(edge + Vec2::new(20.0, 0.0));
    h.step();
    h.hover_at(target);
    h.step();
    h.drop_at(target);
    h.run();
    let s = span(&h, id);
    assert_eq!((s.start, s.end), (name.start, day.end));
    assert_eq!(
        doc(&h).selection,
        None,
        "an edge drag is not a text selection"
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(span(&h, id).end, name.end);
}

#[test]
fn actor_mention_suggestions_are_shown_and_accepted_through_the_history() {
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::COMMAND, Key::K);
    assert!(h.state().actors_shown());
    let maduro = {
        let s = h.state().session().unwrap();
        s.ws()
            .project()
            .actors
            .find_by_name("Nicolas Maduro")
            .unwrap()
            .id
    };
    h.state_mut()
        .actor_panel_mut()
        .find_mentions(maduro, newscoder::gui::panels::MentionScope::Document);
    h.run();
    let first = h.state_mut().actor_panel_mut().suggestions()[0].clone();
    let found = h.state_mut().actor_panel_mut().suggestions().len();
    assert!(found >= 2, "Maduro is mentioned several times");
    // "Show in text" selects the occurrence in the text view (the button
    // sits in a scrolled list of the window: bring it into view first).
    let show = format!("Show mention 1 at {}", first.start);
    h.get_by_label(&show).scroll_to_me();
    h.run();
    h.get_by_label(&show).click();
    h.run();
    assert_eq!(doc(&h).selection, Some(first.start..first.end));
    assert!(spans(&h).is_empty(), "nothing is tagged without accepting");
    h.get_by_role_and_label(Role::Button, "Accept all").click();
    h.run();
    let tagged = spans(&h);
    assert_eq!(tagged.len(), found);
    assert!(tagged.iter().all(|s| s.actor == Some(maduro)));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(spans(&h).is_empty(), "one undo step takes them all back");
}

#[test]
fn export_saves_pending_edits_then_opens_the_export_window() {
    let (_tmp, root, mut h) = fresh("carol");
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, name);
    press(&mut h, Modifiers::NONE, Key::P);
    assert!(h.state().window_title().contains("unsaved"));
    press(&mut h, Modifiers::COMMAND, Key::E);
    assert!(h.state().export_shown());
    assert!(
        !h.state().window_title().contains("unsaved"),
        "saved first: the export reads the files"
    );
    let doc_id = doc(&h).key.document.clone();
    assert!(
        ProjectDir::open(&root)
            .unwrap()
            .load_set("carol", &doc_id)
            .unwrap()
            .is_some()
    );
}

#[test]
fn compare_view_replaces_the_coding_view_and_comes_back() {
    let (_tmp, _root, mut h) = fresh("alice");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    assert!(h.query_all_by_label("Compare coders").next().is_some());
    assert!(
        h.query_all_by_label("Documents").next().is_none(),
        "the document list makes room"
    );
    // Label keys belong to the compare view now: nothing is tagged.
    let before = spans(&h).len();
    press(&mut h, Modifiers::NONE, Key::P);
    assert_eq!(spans(&h).len(), before);
    h.get_by_role_and_label(Role::Button, "Back to coding")
        .click();
    h.run();
    assert!(h.query_all_by_label("Documents").next().is_some());
}

#[test]
fn shift_right_on_a_fresh_span_extends_it_instead_of_adding_another() {
    let (_tmp, _root, mut h) = fresh("carol");
    let first = find(&h, "Nicolas", 0);
    let name = find(&h, "Nicolas Maduro", 0);
    drag_select(&mut h, first.clone());
    press(&mut h, Modifiers::NONE, Key::P);
    let id = selected(&h).expect("tagged");
    press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(selected(&h), Some(id), "the span stays selected");
    assert_eq!(doc(&h).selection, None, "no plain selection beside it");
    assert_eq!(
        (span(&h, id).start, span(&h, id).end),
        (name.start, name.end)
    );
    assert!(status(&h).contains("Nicolas Maduro"), "{}", status(&h));
    // The label key now goes to that span: still one span.
    press(&mut h, Modifiers::NONE, Key::P);
    assert_eq!(spans(&h).len(), 1);
    // Shift+Left takes the word back; one undo step each.
    press(&mut h, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(span(&h, id).end, first.end);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(span(&h, id).end, name.end);
}

fn status(h: &Harness<'_, NewscoderApp>) -> String {
    h.state()
        .status()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_status_line_reports_every_edit_and_a_done_document() {
    let (_tmp, _root, mut h) = fresh("carol");
    let word = find(&h, "Maduro", 0);
    drag_select(&mut h, word.clone());
    press(&mut h, Modifiers::NONE, Key::P);
    let id = selected(&h).expect("tagged");
    // Saved by hand: the line says so.
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(status(&h).starts_with("Saved"), "{}", status(&h));
    // A resize by dragging an edge says nothing itself; the line must not
    // keep saying "Saved".
    let wider = find(&h, "Nicolas Maduro", 0);
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        newscoder::gui::commands::Command::Resize {
            id,
            range: wider.clone(),
        },
    );
    h.run();
    assert!(!status(&h).starts_with("Saved"), "{}", status(&h));
    assert!(status(&h).contains("Ctrl+Z"), "{}", status(&h));
    // Marked done, then edited: said so.
    press(&mut h, Modifiers::COMMAND, Key::D);
    assert!(!status(&h).contains("marked done ("), "{}", status(&h));
    press(&mut h, Modifiers::NONE, Key::O);
    assert!(status(&h).contains("marked done"), "{}", status(&h));
}

#[test]
fn esc_closes_the_find_bar_from_its_field() {
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Find:").type_text("saturday");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(doc(&h).search.open);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!doc(&h).search.open, "one Esc in the field closes the bar");
}

#[test]
fn esc_closes_the_topmost_window_then_the_next() {
    use newscoder::gui::windows::Floating;
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    assert_eq!(h.state().open_windows(), [Floating::Overview]);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.state().open_windows().is_empty(),
        "Esc closed the overview"
    );
    press(&mut h, Modifiers::COMMAND, Key::B);
    press(&mut h, Modifiers::COMMAND, Key::K);
    assert_eq!(
        h.state().open_windows(),
        [Floating::Codebook, Floating::Actors]
    );
    // The actor registry opened last, so it is on top.
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().open_windows(), [Floating::Codebook]);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().open_windows().is_empty());
}

#[test]
fn esc_closes_the_coder_menu() {
    let (_tmp, _root, mut h) = fresh("carol");
    h.get_by_label("Coder: carol").click();
    h.run();
    assert!(
        h.query_by_label("Another coder…").is_some(),
        "the menu is open"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_label("Another coder…").is_none(),
        "Esc closed it"
    );
    assert!(!h.state().has_dialog());
}

#[test]
fn esc_over_the_compare_view_closes_the_window_on_top() {
    use newscoder::gui::windows::Floating;
    let (_tmp, _root, mut h) = fresh("carol");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    press(&mut h, Modifiers::NONE, Key::F2);
    assert_eq!(h.state().open_windows(), [Floating::Guide]);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().open_windows().is_empty(), "Esc closed the guide");
    assert!(
        h.query_by_label("Back to coding").is_some(),
        "the compare view stays"
    );
}
