//! A newcomer's first contact with the window, on their own project (made
//! with `newscoder new` and `import`, so it has no coders yet) rather than
//! the example: the welcome dialog takes a typed name by keyboard and the
//! article shows; and in every state the window can reach, it goes idle
//! (asks for no repaint) once nothing changes.

#![cfg(feature = "gui")]

use crate::util;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::gui::NewscoderApp;
use newscoder::session::settings::Settings;
use std::path::{Path, PathBuf};

/// `newscoder new study` and `newscoder import study <sample article>`,
/// as the newcomer did: a project without any coder.
fn own_project(tmp: &Path) -> PathBuf {
    let root = tmp.join("study");
    util::newscoder()
        .args(["new"])
        .arg(&root)
        .assert()
        .success();
    let article = util::write(
        tmp,
        "military-unity.txt",
        "Maduro appears with troops\n\nVenezuelan President Nicolas Maduro called for military unity on Saturday.\n",
    );
    util::newscoder()
        .arg("import")
        .arg(&root)
        .arg(&article)
        .assert()
        .success();
    root
}

/// The window as a first start makes it: no saved coder, the project
/// named on the command line.
fn first_start(root: &Path) -> Harness<'static, NewscoderApp> {
    let app = NewscoderApp::new(Settings::default(), Some(root.to_path_buf()));
    util::app_harness(app)
}

/// Steps the harness until nothing asks for a repaint; panics (through
/// kittest's step limit) if the window never settles.
fn settles(h: &mut Harness<'_, NewscoderApp>) {
    h.run();
}

#[test]
fn a_name_typed_in_the_welcome_dialog_opens_the_own_project() {
    let tmp = util::tempdir();
    let root = own_project(tmp.path());
    let mut h = first_start(&root);
    assert!(h.query_by_label("Welcome to newscoder").is_some());
    // The name field has the keyboard without a click: typing reaches it.
    h.get_by_label("Your name (letters, digits, - _ .)")
        .type_text("carol");
    settles(&mut h);
    h.key_press(Key::Enter);
    settles(&mut h);
    let s = h.state().session().expect("the project opened");
    assert_eq!(s.coder(), "carol");
    let d = h.state().doc().expect("the imported article is on screen");
    assert!(d.text.contains("Nicolas Maduro"));
    assert!(!h.state().has_dialog());
}

#[test]
fn the_welcome_dialog_takes_a_click_in_the_field_then_a_name() {
    let tmp = util::tempdir();
    let root = own_project(tmp.path());
    let mut h = first_start(&root);
    let field = h.get_by_label("Your name (letters, digits, - _ .)");
    field.click();
    settles(&mut h);
    h.get_by_label("Your name (letters, digits, - _ .)")
        .type_text("dave");
    settles(&mut h);
    h.get_by_label("Start coding").click();
    settles(&mut h);
    assert_eq!(h.state().session().expect("opened").coder(), "dave");
}

#[test]
fn the_welcome_dialog_is_idle_while_the_window_has_no_focus() {
    // A window opened behind another one, or under a bare X server, is not
    // focused: the dialog must still settle and not fight for the keyboard.
    let tmp = util::tempdir();
    let root = own_project(tmp.path());
    let app = NewscoderApp::new(Settings::default(), Some(root.clone()));
    let mut h = util::app_harness(app);
    h.input_mut().focused = false;
    util::assert_idle(&mut h, "welcome dialog, window unfocused");
    h.input_mut().focused = true;
    util::assert_idle(&mut h, "welcome dialog, window focused again");
    h.get_by_label("Your name (letters, digits, - _ .)")
        .type_text("erin");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().session().expect("opened").coder(), "erin");
}

#[test]
fn the_welcome_dialog_is_idle_while_nobody_types() {
    let tmp = util::tempdir();
    let root = own_project(tmp.path());
    let mut h = first_start(&root);
    // Many frames with no input: every one must settle at once.
    for _ in 0..20 {
        h.step();
        settles(&mut h);
    }
    assert!(h.query_by_label("Welcome to newscoder").is_some());
}

#[test]
fn the_window_goes_idle_in_every_state() {
    use newscoder::gui::actions::Action;
    let tmp = util::tempdir();
    let root = own_project(tmp.path());
    let mut h = first_start(&root);
    util::assert_idle(&mut h, "welcome dialog");
    h.get_by_label("Your name (letters, digits, - _ .)")
        .type_text("carol");
    h.key_press(Key::Enter);
    util::assert_idle(&mut h, "coding a fresh project");

    let (_tmp, example) = util::example_copy();
    let mut h = util::app_harness(NewscoderApp::new_for_project(&example, "alice").unwrap());
    util::assert_idle(&mut h, "coding the example");
    let states = [
        (Action::ShowShortcuts, "F1 overlay"),
        (Action::ShowCodebook, "codebook editor"),
        (Action::ShowActors, "actor registry"),
        (Action::Export, "export window"),
        (Action::ShowOverview, "overview"),
        (Action::ShowNetwork, "actor network"),
        (Action::CompareCoders, "compare view"),
        (Action::SwitchCoder, "switch-coder dialog"),
        (Action::Find, "find bar"),
        (Action::ShowGuide, "guide"),
        (Action::ImportArticles, "the window's file chooser"),
        (Action::ToggleDocuments, "document list folded"),
        (Action::ToggleInspector, "inspector folded"),
    ];
    for (action, what) in states {
        let ctx = h.ctx.clone();
        h.state_mut().perform(&ctx, action);
        util::assert_idle(&mut h, what);
        // The same with the window in the background.
        h.input_mut().focused = false;
        util::assert_idle(&mut h, &format!("{what}, window unfocused"));
        h.input_mut().focused = true;
        // Toggle it off again where the action is a toggle; Esc closes
        // what is left.
        h.key_press(Key::Escape);
        h.run();
    }
}
