//! File › Merge another copy… in the window: the folder is picked in the
//! window's chooser (tests never use the system dialog), every decision is
//! shown, and Merge applies it (Cancel writes nothing).

#![cfg(feature = "gui")]

use crate::merge::{tree, two_copies};
use crate::util;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::gui::NewscoderApp;
use newscoder::session::settings::Settings;
use newscoder::store::ProjectDir;
use std::path::Path;

/// The window on `root` coding as alice.
fn window(root: &Path) -> Harness<'static, NewscoderApp> {
    let settings = Settings {
        coder: Some("alice".into()),
        recent_folders: vec![root.parent().unwrap().to_path_buf()],
        ..Settings::default()
    };
    let h = util::app_harness(NewscoderApp::new(settings, Some(root.to_path_buf())));
    assert!(h.state().session().is_some(), "{:?}", h.state().status());
    h
}

/// File › Merge another copy…, then `typed` added to the chooser's path
/// (which starts as the folder holding the copy picked last, or the
/// project's).
fn pick_other(h: &mut Harness<'_, NewscoderApp>, typed: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Merge another copy…").click();
    h.run();
    assert!(
        h.state().file_picking().chooser().is_some(),
        "the window's chooser opens"
    );
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(typed);
    h.run();
    h.get_by_role_and_label(Role::Button, "Preview merge")
        .click();
    h.run();
    assert!(
        h.state().file_picking().chooser().is_none(),
        "chooser still open: {:?}",
        h.state()
            .file_picking()
            .chooser()
            .and_then(|c| c.message().map(|m| m.0.to_string())),
    );
}

#[test]
fn merge_another_copy_previews_every_decision_and_merges_on_request() {
    let (_tmp, a, _b) = two_copies();
    let mut h = window(&a);
    let before = tree(&a);
    // The chooser starts in the folder holding both copies.
    pick_other(&mut h, "copy-b");
    let preview = h
        .state()
        .merge_preview()
        .unwrap_or_else(|| {
            panic!(
                "no preview: {:?} {:?}",
                h.state().status(),
                h.state().error_dialog()
            )
        })
        .clone();
    let text = preview.lines.join("\n");
    assert!(
        text.contains("CONFLICT alice/wire-military-unity"),
        "{text}"
    );
    assert!(text.contains("copied dave/wire-military-unity"), "{text}");
    // Shown in the window, as the command line prints it.
    h.get_by_label_contains("copied dave/wire-military-unity");
    assert_eq!(tree(&a), before, "a preview writes nothing");

    h.get_by_role_and_label(Role::Button, "Merge").click();
    h.run();
    assert!(
        h.state().merge_preview().is_none(),
        "{:?} {:?}",
        h.state().status(),
        h.state().error_dialog()
    );
    let status = h.state().status().expect("a status line").text.clone();
    assert!(status.starts_with("Merged "), "{status}");
    assert!(status.contains("alice with alice_other"), "{status}");
    // The session sees what came in.
    let s = h.state().session().unwrap();
    assert!(s.ws().project().document("only-in-b").is_some());
    assert!(
        s.ws()
            .project()
            .actors
            .find_by_name("Vladimir Padrino")
            .is_some()
    );
    let dir = ProjectDir::open(&a).unwrap();
    assert!(
        dir.load_set("dave", "wire-military-unity")
            .unwrap()
            .is_some()
    );
    assert!(
        dir.load_set("alice_other", "wire-military-unity")
            .unwrap()
            .is_some()
    );
}

#[test]
fn cancel_writes_nothing_and_a_refusal_is_shown() {
    let (_tmp, a, b) = two_copies();
    let mut h = window(&a);
    let before = tree(&a);
    pick_other(&mut h, "copy-b");
    assert!(h.state().merge_preview().is_some());
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(!h.state().has_dialog());
    assert_eq!(tree(&a), before);

    // A contradicting codebook change: refused, with both values named.
    let mut dir = ProjectDir::open(&b).unwrap();
    dir.project.codebook.label_mut("Person").unwrap().color = newscoder::model::Color([1, 2, 3]);
    dir.save_project().unwrap();
    // A project folder is remembered by where it lies: the chooser starts
    // beside the copy picked last again.
    pick_other(&mut h, "copy-b");
    let error = h
        .state()
        .error_dialog()
        .expect("the refusal is shown")
        .clone();
    assert!(error.text.contains("label “Person”"), "{}", error.text);
    assert!(error.text.contains("#010203"), "{}", error.text);
    assert_eq!(tree(&a), before);
}
