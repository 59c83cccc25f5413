//! The window at 800×600, a small laptop screen: the text keeps a usable
//! width beside the side panels, each panel collapses by key to widen it,
//! the F1 overlay, the compare view and the overview fit inside the window
//! below the menu bar, the inspector's content stays clear of its scroll
//! bar, and the label palette does not move when the selection changes.

#![cfg(feature = "gui")]

use crate::util;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::gui::NewscoderApp;
use newscoder::gui::commands::Command;

const SMALL: (f32, f32) = (800.0, 600.0);

/// The app on a fresh copy of the example as alice, at `size`; one of
/// alice's Events has all three roles linked.
fn open(size: (f32, f32)) -> (tempfile::TempDir, Harness<'static, NewscoderApp>) {
    let (tmp, root) = util::example_copy();
    let file = root.join("annotations/alice/wire-military-unity.ron");
    let ron = std::fs::read_to_string(&file).unwrap();
    let two = r#"links: {"agent": [14], "place": [17]}"#;
    assert!(ron.contains(two), "the example's protest event");
    let three = r#"links: {"agent": [14], "patient": [18], "place": [17]}"#;
    std::fs::write(&file, ron.replace(two, three)).unwrap();
    let app = NewscoderApp::new_for_project(&root, "alice").expect("the example opens");
    (tmp, util::app_harness_sized(app, size))
}

fn window(size: (f32, f32)) -> Rect {
    Rect::from_min_max(pos2(0.0, 0.0), pos2(size.0, size.1))
}

/// The text view's visible area, as laid out in the last frame.
fn text_area(h: &Harness<'_, NewscoderApp>) -> Rect {
    h.state().doc().expect("a document is open").clip
}

fn press(h: &mut Harness<'_, NewscoderApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn command(h: &mut Harness<'_, NewscoderApp>, c: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, c);
    h.run();
}

/// Bottom of the menu bar (its File menu).
fn menu_bottom(h: &Harness<'_, NewscoderApp>) -> f32 {
    h.get_by_role_and_label(Role::Button, "File")
        .rect()
        .bottom()
}

fn assert_inside(what: &str, r: Rect, outer: Rect) {
    assert!(
        outer.expand(0.5).contains_rect(r),
        "{what} at {r:?} is outside {outer:?}"
    );
}

#[test]
fn at_800x600_the_text_keeps_a_usable_width_beside_the_panels() {
    let (_tmp, h) = open(SMALL);
    let text = text_area(&h);
    assert!(
        text.width() >= 380.0,
        "the text area is {} points wide",
        text.width()
    );
    // Between the panels, not under them.
    let labels = h.get_by_label("Labels").rect();
    assert!(
        text.right() <= labels.left(),
        "text {text:?} runs under the right panel at {labels:?}"
    );
    let documents = h
        .query_all_by_label("Documents")
        .next()
        .expect("the document list is shown")
        .rect();
    assert!(
        text.left() >= documents.right(),
        "text {text:?} runs under the document list at {documents:?}"
    );
    assert_inside("the text", text, window(SMALL));
}

#[test]
fn each_side_panel_collapses_by_key_and_comes_back() {
    let (_tmp, mut h) = open(SMALL);
    let both = text_area(&h).width();
    press(&mut h, Modifiers::NONE, Key::F9);
    assert_eq!(h.state().side_panels_shown(), (false, true));
    assert!(h.query_by_label("Documents").is_none());
    let one = text_area(&h).width();
    assert!(one > both + 100.0, "{one} after F9, {both} before");
    press(&mut h, Modifiers::NONE, Key::F10);
    assert_eq!(h.state().side_panels_shown(), (false, false));
    assert!(h.query_by_label("Labels").is_none());
    let none = text_area(&h).width();
    assert!(none > one + 100.0, "{none} after F10, {one} before");
    // The strip a collapsed panel leaves brings it back.
    h.get_by_role_and_label(Role::Button, "Show the document list")
        .click();
    h.run();
    press(&mut h, Modifiers::NONE, Key::F10);
    assert_eq!(h.state().side_panels_shown(), (true, true));
    assert!((text_area(&h).width() - both).abs() < 1.0);
}

#[test]
fn the_view_menu_collapses_the_panels() {
    let (_tmp, mut h) = open(SMALL);
    h.get_by_role_and_label(Role::Button, "View").click();
    h.run();
    // Menu entries are named with their shortcut.
    h.get_by_role_and_label(Role::Button, "Hide labels and inspector F10")
        .click();
    h.run();
    assert_eq!(h.state().side_panels_shown(), (true, false));
}

#[test]
fn the_shortcut_overlay_fits_a_small_window() {
    let (_tmp, mut h) = open(SMALL);
    press(&mut h, Modifiers::NONE, Key::F1);
    // The heading comes first; the overlay also lists the F1 action.
    let title = h
        .query_all_by_label("Keyboard shortcuts")
        .next()
        .expect("the overlay is shown");
    let close = h.get_by_role_and_label(Role::Button, "Close");
    let below_menu = Rect::from_min_max(pos2(0.0, menu_bottom(&h)), pos2(SMALL.0, SMALL.1));
    assert_inside("the overlay's title", title.rect(), below_menu);
    assert_inside("the overlay's Close button", close.rect(), below_menu);
    close.click();
    h.run();
    assert!(h.query_by_role_and_label(Role::Button, "Close").is_none());
}

#[test]
fn the_compare_view_keeps_its_adjudication_buttons_on_screen() {
    let (_tmp, mut h) = open(SMALL);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    for name in [
        "Take A (alice)",
        "Take B (bob)",
        "Take both",
        "Take neither",
        "Edit in gold",
        "Done editing",
    ] {
        let button = h.get_by_role_and_label(Role::Button, name);
        assert_inside(name, button.rect(), window(SMALL));
    }
    // The figures fold away above the document, which gets the width.
    let fold = h.get_by_label("Agreement figures").rect();
    assert!(fold.bottom() <= h.get_by_label("Take both").rect().top());
    let a = h.get_by_label("A: alice").rect();
    let b = h.get_by_label("B: bob").rect();
    assert!(a.width() > 300.0 && b.left() > a.left(), "{a:?} {b:?}");
}

#[test]
fn on_a_narrower_window_the_compare_panes_stack() {
    let size = (640.0, 600.0);
    let (_tmp, mut h) = open(size);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    let button = h.get_by_role_and_label(Role::Button, "Take both");
    assert_inside("Take both", button.rect(), window(size));
    let a = h.get_by_label("A: alice").rect();
    let b = h.get_by_label("B: bob").rect();
    assert!(b.top() > a.bottom(), "A {a:?} and B {b:?} are not stacked");
}

#[test]
fn the_overview_stays_below_the_menu_bar_and_inside_the_window() {
    let (_tmp, mut h) = open(SMALL);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    let rect = h.get_by_role_and_label(Role::Window, "Overview").rect();
    assert!(
        rect.top() >= menu_bottom(&h),
        "the overview at {rect:?} covers the menu bar"
    );
    assert_inside("the overview", rect, window(SMALL));
    // The menus stay usable with the overview open.
    h.get_by_role_and_label(Role::Button, "View").click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "Hide document list F9")
            .is_some()
    );
}

#[test]
fn the_other_windows_fit_a_small_window_below_the_menu_bar() {
    let (_tmp, mut h) = open(SMALL);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    press(&mut h, Modifiers::COMMAND, Key::B);
    press(&mut h, Modifiers::COMMAND, Key::K);
    press(&mut h, Modifiers::COMMAND, Key::E);
    command(&mut h, Command::ShowBackups(None));
    let menu = menu_bottom(&h);
    for title in [
        "Actor network",
        "Codebook",
        "Actors",
        "Export",
        "Restore earlier version",
    ] {
        let rect = h.get_by_role_and_label(Role::Window, title).rect();
        assert!(
            rect.top() >= menu,
            "{title} at {rect:?} covers the menu bar"
        );
        assert_inside(title, rect, window(SMALL));
    }
}

/// Selects, in some document, an Event span with all three roles linked
/// (opening that document).
fn select_event_with_three_links(h: &mut Harness<'_, NewscoderApp>) {
    let docs: Vec<String> = h
        .state()
        .session()
        .unwrap()
        .ws()
        .project()
        .documents
        .iter()
        .map(|d| d.id.clone())
        .collect();
    for id in docs {
        command(h, Command::OpenDocument(id));
        let s = h.state().session().unwrap();
        let d = h.state().doc().unwrap();
        let found = s.ws().set(&d.key).and_then(|set| {
            set.spans
                .iter()
                .find(|x| x.label == "Event" && x.links.len() == 3)
                .map(|x| x.id)
        });
        if let Some(span) = found {
            command(h, Command::SelectSpan(Some(span)));
            return;
        }
    }
    panic!("the example has an Event with three links");
}

#[test]
fn the_inspector_content_stays_clear_of_its_scroll_bar() {
    for size in [SMALL, (1280.0, 800.0)] {
        let (_tmp, mut h) = open(size);
        select_event_with_three_links(&mut h);
        // The panel's frame margin and the floating scroll bar (10 points)
        // take the rightmost points of the window.
        let limit = size.0 - 8.0 - 10.0;
        let note = h
            .get_by_role_and_label(Role::MultilineTextInput, "Note")
            .rect();
        assert!(note.right() <= limit, "the note box {note:?} at {size:?}");
        for role in ["agent", "patient", "place"] {
            let name = format!("Link {role}");
            let r = h.get_by_role_and_label(Role::Button, &name).rect();
            assert!(r.right() <= limit, "{name} at {r:?}, window {size:?}");
        }
    }
}

#[test]
fn the_palette_stays_put_when_the_selection_changes() {
    for size in [SMALL, (1280.0, 800.0)] {
        let (_tmp, mut h) = open(size);
        let place = |h: &Harness<'_, NewscoderApp>| {
            (
                h.get_by_label("Labels").rect(),
                h.get_by_role_and_label(Role::Button, "Location").rect(),
            )
        };
        let idle = place(&h);
        command(&mut h, Command::SelectText(0..5));
        let text = place(&h);
        select_event_with_three_links(&mut h);
        let span = place(&h);
        assert_eq!(idle, text, "at {size:?}");
        assert_eq!(text, span, "at {size:?}");
    }
}

#[test]
fn the_palette_shows_the_keys_as_typed() {
    let (_tmp, mut h) = open(SMALL);
    // The example's keys are lower case: "Person" is tagged with p.
    h.get_by_role_and_label(Role::Button, "Person").hover();
    // Past the tooltip's delay.
    for _ in 0..30 {
        h.step();
    }
    h.run();
    assert!(h.query_by_label_contains("— key p").is_some());
    assert!(h.query_by_label_contains("— key P").is_none());
}

#[test]
fn panels_squeezed_by_a_small_window_widen_again_when_it_grows() {
    let (_tmp, mut h) = open(SMALL);
    let small = text_area(&h).width();
    let labels_small = h.get_by_label("Labels").rect().left();
    h.set_size(egui::vec2(1366.0, 768.0));
    h.run();
    // Back to their usual widths (290 and 330), not kept at the squeezed ones.
    let labels_wide = h.get_by_label("Labels").rect().left();
    assert!(
        1366.0 - labels_wide > 800.0 - labels_small + 80.0,
        "the right panel stays squeezed: {labels_small} at 800, {labels_wide} at 1366"
    );
    let documents = h
        .query_all_by_label("Documents")
        .next()
        .expect("the document list is shown")
        .rect();
    let text = text_area(&h);
    assert!(
        text.left() >= documents.right() && text.left() > 280.0,
        "{text:?}"
    );
    assert!(text.width() > small + 300.0);
}

#[test]
fn found_mentions_show_under_their_buttons_and_an_alias_moves_nothing() {
    let (_tmp, mut h) = open(SMALL);
    press(&mut h, Modifiers::COMMAND, Key::K);
    // The window's title names it; no second "Actors" heading inside.
    assert_eq!(h.query_all_by_label("Actors").count(), 1);
    h.get_by_label("Actor Nicolas Maduro").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "In the whole project")
        .click();
    h.run();
    let window = h.get_by_role_and_label(Role::Window, "Actors").rect();
    let accept = h.get_by_role_and_label(Role::Button, "Accept all").rect();
    assert_inside("Accept all", accept, window);
    let delete = h
        .get_by_role_and_label(Role::Button, "Delete actor…")
        .rect();
    assert!(
        accept.bottom() < delete.top(),
        "the suggestions {accept:?} come after “Delete actor…” {delete:?}"
    );

    h.get_by_role_and_label(Role::Button, "Reject all").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Close suggestions")
        .click();
    h.run();

    // A new actor without aliases: its first alias adds a line to the list.
    h.get_by_label("New actor name").focus();
    h.get_by_label("New actor name").type_text("Test Person");
    h.run();
    h.get_by_role_and_label(Role::Button, "Add actor").click();
    h.run();
    // Listed alone, so the list is short and could grow.
    h.get_by_label("Search actors").focus();
    h.get_by_label("Search actors").type_text("Test");
    h.run();
    let place = |h: &Harness<'_, NewscoderApp>| {
        (
            h.get_by_role_and_label(Role::Button, "Add alias").rect(),
            h.get_by_role_and_label(Role::Button, "In this document")
                .rect(),
        )
    };
    h.get_by_role_and_label(Role::Button, "Add alias")
        .scroll_to_me();
    h.run();
    let before = place(&h);
    assert_inside("Add alias", before.0, window);
    h.get_by_label("New alias").focus();
    h.get_by_label("New alias").type_text("TP");
    h.run();
    h.get_by_role_and_label(Role::Button, "Add alias").click();
    h.run();
    let s = h.state().session().unwrap();
    let actor = s.ws().project().actors.find_by_name("Test Person").unwrap();
    assert_eq!(actor.aliases, vec!["TP".to_string()]);
    assert_eq!(place(&h), before, "the layout moved after adding an alias");
}
