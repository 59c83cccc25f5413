//! `restore` is safe at every instant: whenever it is killed, both the
//! version being restored and the version it replaces are still in the
//! project folder, under a name `restore` lists.

use crate::util::{newscoder, run_said, tempdir, write};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

/// The contents of `project.ron` and of every version of it beside it.
fn versions(root: &Path) -> BTreeSet<Vec<u8>> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("project.ron") && e.file_type().unwrap().is_file()
        })
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect()
}

#[test]
fn a_killed_restore_never_loses_either_version() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    newscoder().arg("new").arg(&p).assert().success();
    let article = write(tmp.path(), "a.txt", "Title\n\nBody of the article.\n");
    let (imported, said) = run_said(newscoder().arg("import").arg(&p).arg(&article));
    assert!(imported, "{said}");
    let both = versions(&p);
    assert_eq!(both.len(), 2, "project.ron and its .bak differ");
    let bin = assert_cmd::cargo::cargo_bin("newscoder");
    // How long one restore takes here, to spread the kills over it.
    let started = std::time::Instant::now();
    newscoder()
        .arg("restore")
        .arg(&p)
        .arg("project.ron.bak")
        .assert()
        .success();
    let span = started.elapsed().as_micros().max(1000) as u64;
    for i in 0..150u64 {
        let mut child = std::process::Command::new(&bin)
            .arg("restore")
            .arg(&p)
            .arg("project.ron")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(i * 7919 % span));
        let _ = child.kill();
        let _ = child.wait();
        let now = versions(&p);
        assert!(
            both.is_subset(&now),
            "kill {i}: a version of project.ron was lost ({} versions left)",
            now.len()
        );
    }
    // Whatever the kills left, the project opens and both versions can
    // still be restored. (Which version is current is up to the kills:
    // with the one from before the import, `validate` rightly reports the
    // imported text that no document refers to, so it is not asked here.)
    newscoder().arg("stats").arg(&p).assert().success();
    let listed = newscoder().arg("restore").arg(&p).output().unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("project.ron.bak"));
}
