//! Small helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The `newscoder` binary as a command.
pub fn newscoder() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("newscoder")
        .expect("the newscoder binary is built by cargo test")
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

/// Writes `contents` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, contents).unwrap();
    p
}
