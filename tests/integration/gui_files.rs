//! File actions in the window without a system file dialog: files dropped
//! on the window (egui's `RawInput::dropped_files`) and the window's own
//! file chooser opened by File › Import articles… (Ctrl+I), Open project…
//! (Ctrl+O), New project… and Export…. Apps made for tests never use the
//! system dialog, so these run the same everywhere. Every harness run also
//! checks the window goes idle afterwards.

#![cfg(feature = "gui")]

use crate::util;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newscoder::gui::NewscoderApp;
use newscoder::gui::modal::TitledText;
use newscoder::model::Codebook;
use newscoder::session::settings::Settings;
use newscoder::store::ProjectDir;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file dropped on the window, as the windowing backend hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// A new, empty project `study` (as `newscoder new` makes it) in a temp
/// folder, with a folder `articles` beside it.
fn new_project() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = util::tempdir();
    let root = tmp.path().join("study");
    ProjectDir::create(&root, "study", Codebook::default_media()).unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    (tmp, root, articles)
}

/// The window on `root` coding as alice, its file chooser starting in
/// `folder` (the most recent folder).
fn window(root: &Path, folder: &Path) -> Harness<'static, NewscoderApp> {
    let settings = Settings {
        coder: Some("alice".into()),
        recent_folders: vec![folder.to_path_buf()],
        ..Settings::default()
    };
    let h = util::app_harness(NewscoderApp::new(settings, Some(root.to_path_buf())));
    assert!(h.state().session().is_some(), "{:?}", h.state().status());
    h
}

fn drop_files(h: &mut Harness<'_, NewscoderApp>, paths: &[PathBuf]) {
    for p in paths {
        h.input_mut()
            .dropped_files
            .push(Arc::new(Dropped(p.clone())));
    }
    h.run();
}

fn press(h: &mut Harness<'_, NewscoderApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn titles(h: &Harness<'_, NewscoderApp>) -> Vec<String> {
    let s = h.state().session().unwrap();
    s.ws()
        .project()
        .documents
        .iter()
        .map(|d| d.title.clone())
        .collect()
}

fn close_report(h: &mut Harness<'_, NewscoderApp>) {
    h.get_by_role_and_label(Role::Button, "OK").click();
    h.run();
    assert!(!h.state().has_dialog());
}

/// The chooser's path field.
fn type_path(h: &mut Harness<'_, NewscoderApp>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(text);
    h.run();
}

#[test]
fn dropped_articles_are_imported_with_a_report_and_listed() {
    let (_tmp, root, articles) = new_project();
    let a = util::write(
        &articles,
        "military.txt",
        "Military unity questioned\n\nThe army met on Saturday.",
    );
    let b = util::write(
        &articles,
        "talks.md",
        "Talks resume in Oslo\n\nBoth sides sent delegations.",
    );
    let mut h = window(&root, &articles);
    // While files hover, a hint is drawn (egui repaints while they do).
    h.input_mut().hovered_files.push(egui::HoveredFile {
        path: Some(a.clone()),
        ..Default::default()
    });
    h.step();
    h.step();
    h.input_mut().hovered_files.clear();
    drop_files(&mut h, &[a.clone(), b]);
    assert_eq!(
        titles(&h),
        ["Military unity questioned", "Talks resume in Oslo"]
    );
    h.get_by_label("Import finished");
    h.get_by_label_contains("Imported:");
    h.get_by_label_contains(&format!("Military unity questioned ({})", a.display()));
    close_report(&mut h);
    // Listed, and the first one is on screen.
    h.get_by_label_contains("Talks resume in Oslo");
    assert!(h.state().doc().is_some());
    // Saved: the project on disk has them.
    let dir = ProjectDir::open(&root).unwrap();
    assert_eq!(dir.project.documents.len(), 2);
}

#[test]
fn dropping_a_duplicate_reports_it_skipped() {
    let (_tmp, root, articles) = new_project();
    let a = util::write(&articles, "one.txt", "Headline\n\nBody one.");
    let copy = util::write(&articles, "copy.txt", "Headline\n\nBody one.");
    let mut h = window(&root, &articles);
    drop_files(&mut h, std::slice::from_ref(&a));
    close_report(&mut h);
    drop_files(&mut h, &[copy]);
    assert_eq!(titles(&h).len(), 1);
    h.get_by_label("Nothing imported");
    h.get_by_label_contains("Skipped (already there)");
    h.get_by_label_contains("copy.txt: same text as document");
    let status = h.state().status().unwrap();
    assert!(
        status.text.contains("skipped 1 duplicate"),
        "{}",
        status.text
    );
    assert!(!status.error, "a duplicate is no failure");
}

#[test]
fn dropping_a_binary_file_reports_it_refused_with_the_reason() {
    let (_tmp, root, articles) = new_project();
    let bad = util::write(&articles, "scan.txt", b"\0\x01\x02\0\0binary\0");
    let mut h = window(&root, &articles);
    drop_files(&mut h, &[bad]);
    assert!(titles(&h).is_empty());
    h.get_by_label("Nothing imported");
    h.get_by_label_contains("Refused");
    // The file, then why.
    h.get_by_label_contains("scan.txt: looks like a binary file (NUL byte at offset 0)");
    let status = h.state().status().unwrap();
    assert!(status.error, "all files failed: {status:?}");
    assert!(status.text.contains("refused 1"), "{}", status.text);
}

#[test]
fn dropping_a_project_folder_opens_it() {
    let (_tmp, root, articles) = new_project();
    let other = articles.parent().unwrap().join("other");
    ProjectDir::create(&other, "other", Codebook::default_media()).unwrap();
    let mut h = window(&root, &articles);
    drop_files(&mut h, std::slice::from_ref(&other));
    let s = h.state().session().unwrap();
    assert_eq!(s.root(), other);
    assert_eq!(s.ws().project().name, "other");
}

#[test]
fn dropping_articles_with_no_project_open_says_what_to_do() {
    let tmp = util::tempdir();
    let a = util::write(tmp.path(), "a.txt", "Headline\n\nBody.");
    let settings = Settings {
        coder: Some("alice".into()),
        ..Settings::default()
    };
    // A project that cannot be opened leaves the window without one.
    let missing = tmp.path().join("gone");
    let mut h = util::app_harness(NewscoderApp::new(settings, Some(missing)));
    assert!(h.state().session().is_none());
    close_report(&mut h);
    drop_files(&mut h, &[a]);
    let TitledText { title, text } = h.state().error_dialog().unwrap().clone();
    assert!(title.contains("no project is open"), "{title}");
    assert!(text.contains("a.txt") && text.contains("File › Open project…"));
}

#[test]
fn ctrl_i_opens_the_window_chooser_and_imports_the_typed_file() {
    let (_tmp, root, articles) = new_project();
    util::write(&articles, "military.txt", "Military unity\n\nThe army met.");
    let mut h = window(&root, &articles);
    press(&mut h, Modifiers::COMMAND, Key::I);
    let chooser = h.state().file_picking().chooser().expect("chooser open");
    assert_eq!(chooser.dir(), articles);
    h.get_by_label("Import articles");
    // The article is listed; typing its name and Enter imports it.
    h.get_by_label("military.txt");
    type_path(&mut h, "mil");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(
        h.state().file_picking().chooser().unwrap().path_text(),
        articles.join("military.txt").display().to_string(),
        "Tab completes the name"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().file_picking().chooser().is_none());
    assert_eq!(titles(&h), ["Military unity"]);
    h.get_by_label("Import finished");
    // The folder is remembered for the next pick.
    assert_eq!(h.state().settings().recent_folders[0], articles);
}

#[test]
fn several_files_are_picked_in_the_list_and_imported() {
    let (_tmp, root, articles) = new_project();
    util::write(&articles, "a.txt", "First\n\nOne.");
    util::write(&articles, "b.txt", "Second\n\nTwo.");
    util::write(&articles, "notes.pdf", "not offered");
    let mut h = window(&root, &articles);
    press(&mut h, Modifiers::COMMAND, Key::I);
    // Only article types are listed by default.
    assert!(h.query_by_label("notes.pdf").is_none());
    h.get_by_label("a.txt").click();
    h.run();
    h.get_by_label("b.txt").click_modifiers(Modifiers::COMMAND);
    h.run();
    h.get_by_label("2 files selected");
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run();
    assert_eq!(titles(&h), ["First", "Second"]);
    close_report(&mut h);
    // One file clicked in the list, then Enter.
    util::write(&articles, "c.txt", "Third\n\nThree.");
    press(&mut h, Modifiers::COMMAND, Key::I);
    h.get_by_label("c.txt").click();
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(titles(&h), ["First", "Second", "Third"]);
}

#[test]
fn esc_closes_the_chooser_without_doing_anything() {
    let (_tmp, root, articles) = new_project();
    util::write(&articles, "a.txt", "First\n\nOne.");
    let mut h = window(&root, &articles);
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(h.state().file_picking().chooser().is_some());
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().file_picking().chooser().is_none());
    assert!(titles(&h).is_empty());
    assert!(!h.state().has_dialog());
}

#[test]
fn ctrl_o_opens_the_project_typed_and_refuses_a_folder_without_one() {
    let (_tmp, root, articles) = new_project();
    let parent = articles.parent().unwrap().to_path_buf();
    let other = parent.join("other");
    ProjectDir::create(&other, "other", Codebook::default_media()).unwrap();
    let mut h = window(&root, &parent);
    // A folder that is no project: said, naming it.
    press(&mut h, Modifiers::COMMAND, Key::O);
    type_path(&mut h, "articles");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let TitledText { title, text } = h.state().error_dialog().unwrap().clone();
    assert_eq!(title, "Not a newscoder project");
    assert!(text.contains(&articles.display().to_string()), "{text}");
    close_report(&mut h);
    // The chooser starts where the folder picked last lies; relative
    // paths work.
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert_eq!(h.state().file_picking().chooser().unwrap().dir(), parent);
    type_path(&mut h, "articles/../other");
    h.get_by_role_and_label(Role::Button, "Open project")
        .click();
    h.run();
    assert_eq!(h.state().session().unwrap().root(), other);
}

#[test]
fn new_project_creates_the_folder_typed_and_opens_it() {
    let (_tmp, root, articles) = new_project();
    let parent = articles.parent().unwrap().to_path_buf();
    let mut h = window(&root, &parent);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("New project…").click();
    h.run();
    h.get_by_label("New project");
    type_path(&mut h, "fresh");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let fresh = parent.join("fresh");
    assert!(fresh.join("project.ron").is_file());
    let s = h.state().session().unwrap();
    assert_eq!(s.root(), fresh);
    let status = h.state().status().unwrap();
    assert!(status.text.starts_with("Created fresh"), "{status:?}");
}

/// Runs frames until the export running in the background has written
/// `target` (at most a few seconds).
fn wait_for_file(h: &mut Harness<'_, NewscoderApp>, target: &std::path::Path) {
    for _ in 0..200 {
        if target.is_file() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
}

/// File › Export…, as its shortcut would.
fn open_export(h: &mut Harness<'_, NewscoderApp>) {
    let ctx = h.ctx.clone();
    h.state_mut()
        .perform(&ctx, newscoder::gui::actions::Action::Export);
    h.run();
}

#[test]
fn export_asks_for_the_file_in_the_window_and_writes_it() {
    // The example has coded documents to export.
    let (tmp, root) = util::example_copy();
    let mut h = window(&root, tmp.path());
    open_export(&mut h);
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run();
    let chooser = h.state().file_picking().chooser().expect("chooser open");
    let proposed = chooser.path_text().to_string();
    // Proposed beside the project folder, named after the project.
    let beside = tmp.path().join("venezuela");
    assert!(
        proposed.starts_with(&beside.display().to_string()),
        "{proposed}"
    );
    assert!(proposed.ends_with(".jsonl"), "{proposed}");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.state().file_picking().chooser().is_none());
    let target = PathBuf::from(proposed);
    wait_for_file(&mut h, &target);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.lines().count() > 1, "{text}");
    assert!(text.contains("\"spans\""), "{text}");
}

#[test]
fn an_xlsx_workbook_is_exported_from_the_window() {
    let (tmp, root) = util::example_copy();
    let mut h = window(&root, tmp.path());
    open_export(&mut h);
    h.get_by_label("Format").click();
    h.run();
    h.get_by_label_contains("xlsx — Excel workbook").click();
    h.run();
    assert!(
        h.query_by_label_contains("cells are data, never formulas")
            .is_some(),
        "the hint says what the format writes"
    );
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run();
    let proposed = h
        .state()
        .file_picking()
        .chooser()
        .expect("chooser open")
        .path_text()
        .to_string();
    assert!(proposed.ends_with(".xlsx"), "{proposed}");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let target = PathBuf::from(proposed);
    wait_for_file(&mut h, &target);
    let bytes = std::fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip archive (xlsx)");
}

#[test]
fn a_chart_is_saved_as_svg_through_the_window_chooser() {
    let (tmp, root) = util::example_copy();
    let mut h = window(&root, tmp.path());
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    // The first chart's button: coding progress.
    h.get_all_by_label("SVG").next().unwrap().click();
    h.run();
    let chooser = h.state().file_picking().chooser().expect("chooser open");
    assert_eq!(chooser.request().title, "Save plot");
    assert_eq!(chooser.dir(), tmp.path());
    press(&mut h, Modifiers::NONE, Key::Enter);
    let target = tmp.path().join("progress.svg");
    let svg = std::fs::read_to_string(&target).unwrap();
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"), "{svg}");
    let status = h.state().status().unwrap();
    assert_eq!(status.text, format!("Saved {}", target.display()));
}

#[test]
fn a_dropped_jsonl_is_imported_as_articles_and_the_report_says_so() {
    let (_tmp, root, articles) = new_project();
    let lines = util::write(
        &articles,
        "batch.jsonl",
        "{\"id\":\"a\",\"text\":\"Coup attempt fails\",\"label\":[[0,4,\"Event\"]]}\n",
    );
    let mut h = window(&root, &articles);
    drop_files(&mut h, &[lines]);
    assert_eq!(titles(&h).len(), 1);
    h.get_by_label_contains("JSON Lines files are imported as articles");
    let s = h.state().session().unwrap();
    let key = s.key().unwrap();
    assert!(
        s.ws().set(key).is_none_or(|set| set.spans.is_empty()),
        "no spans come with an article import"
    );
}

#[test]
fn the_own_chooser_setting_is_switched_in_the_file_menu() {
    let (_tmp, root, articles) = new_project();
    let mut h = window(&root, &articles);
    assert!(!h.state().settings().own_file_chooser);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Use the window's own file chooser").click();
    h.run();
    assert!(
        h.state().settings().own_file_chooser,
        "persisted setting on"
    );
    // And with it, Ctrl+I opens the window's chooser.
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(h.state().file_picking().chooser().is_some());
}
