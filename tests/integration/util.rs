//! Small helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The `newscoder` binary as a command.
pub fn newscoder() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("newscoder")
        .expect("the newscoder binary is built by cargo test")
}

/// Runs `cmd` (waiting at most a minute, so a hung command fails the test
/// instead of hanging the suite) and returns whether it succeeded and its
/// standard output followed by its standard error.
pub fn run_said(cmd: &mut assert_cmd::Command) -> (bool, String) {
    let out = cmd
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("newscoder runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

/// `newscoder ARGS… PROJECT`, as [`run_said`].
pub fn run_on(args: &[&str], project: &Path) -> (bool, String) {
    run_said(newscoder().args(args).arg(project))
}

/// A new temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("can create a temporary folder")
}

/// The bundled example project.
pub fn example_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/venezuela")
}

/// Copies the folder `from` to `to` recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the example project in a fresh temporary folder.
pub fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let dst = tmp.path().join("example");
    copy_dir(&example_project(), &dst);
    (tmp, dst)
}

/// A copy of the bundled example as format version 1 wrote it (kept in
/// `tests/fixtures/format-1/`), in a temporary folder.
pub fn format1_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let dst = tmp.path().join("example-v1");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-1/venezuela"),
        &dst,
    );
    (tmp, dst)
}

/// Writes `contents` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, contents).unwrap();
    p
}

/// A kittest harness around the real window `app` at `size` (width,
/// height), with the window's style and short steps (two clicks can make a
/// double-click), run until the app goes idle. `run()` panics when the app
/// keeps asking for repaints, so every harness also checks that the window
/// settles.
#[cfg(feature = "gui")]
pub fn app_harness_sized(
    app: newscoder::gui::NewscoderApp,
    size: (f32, f32),
) -> egui_kittest::Harness<'static, newscoder::gui::NewscoderApp> {
    app_harness_with(app, size, |b| b)
}

/// [`app_harness_sized`] with `adjust` applied to the builder first (e.g.
/// `allow_missing_glyphs` for scripts the test fonts lack).
#[cfg(feature = "gui")]
pub fn app_harness_with(
    app: newscoder::gui::NewscoderApp,
    size: (f32, f32),
    adjust: impl FnOnce(
        egui_kittest::HarnessBuilder<newscoder::gui::NewscoderApp>,
    ) -> egui_kittest::HarnessBuilder<newscoder::gui::NewscoderApp>,
) -> egui_kittest::Harness<'static, newscoder::gui::NewscoderApp> {
    let builder = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(size.0, size.1))
        .with_step_dt(1.0 / 30.0)
        .with_max_steps(400)
        .with_context_setup(newscoder::gui::style::apply);
    let mut h = adjust(builder).build_ui_state(
        |ui, app: &mut newscoder::gui::NewscoderApp| app.window_ui(ui),
        app,
    );
    h.run();
    h
}

/// [`app_harness_sized`] at the window's default size, 1280×800.
#[cfg(feature = "gui")]
pub fn app_harness(
    app: newscoder::gui::NewscoderApp,
) -> egui_kittest::Harness<'static, newscoder::gui::NewscoderApp> {
    app_harness_sized(app, (1280.0, 800.0))
}

/// Runs `h` until it settles, then one more frame without input, and
/// asserts that the window asks for no repaint at all: an idle window must
/// cost no CPU. Also asserts that the idle frame does not interrupt the
/// input method: on X11 each interruption makes the platform send events
/// back, which wake the window for another frame, and so on (the freeze of
/// the welcome dialog, invisible to a harness that only counts repaint
/// requests). `what` names the state in the failure message.
#[cfg(feature = "gui")]
pub fn assert_idle(h: &mut egui_kittest::Harness<'_, newscoder::gui::NewscoderApp>, what: &str) {
    h.run();
    h.step();
    let delay = h
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.repaint_delay);
    assert_eq!(
        delay,
        Some(std::time::Duration::MAX),
        "{what}: the idle window still asks for a repaint"
    );
    let interrupts = h
        .output()
        .platform_output
        .ime
        .as_ref()
        .is_some_and(|ime| ime.should_interrupt_composition);
    assert!(
        !interrupts,
        "{what}: an idle frame interrupts the input method (a focus request every frame?)"
    );
}
