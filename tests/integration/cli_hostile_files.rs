//! Files that are not what they seem: a FIFO, a link to `/dev/zero` or to a
//! file outside the project in place of a project file, a web page nested
//! 200,000 levels deep. Every command refuses them before reading, with
//! the file named, and ends.

use crate::util::{example_copy, newscoder, run_on, run_said, tempdir, write};
use std::path::Path;

const DOC: &str = "andes-tribune-0504";

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[cfg(unix)]
/// `stats` reads only annotation files, the others also texts.
fn every_reading_command_refuses(p: &Path, file: &str, why: &str) {
    let out = tempdir();
    let csv = out.path().join("x.jsonl");
    let commands: [&[&str]; 4] = [
        &["validate"],
        &["stats"],
        &[
            "export",
            "--format",
            "jsonl",
            "--out",
            csv.to_str().unwrap(),
        ],
        &["agree", "--coders", "alice", "bob"],
    ];
    for args in commands {
        if args == ["stats"] && file.ends_with(".txt") {
            continue;
        }
        let (ok, said) = run_on(args, p);
        assert!(!ok, "{args:?} accepted {file}: {said}");
        assert!(said.contains(file), "{args:?}: {said}");
        assert!(said.contains(why), "{args:?}: {said}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_a_document_or_annotation_file_blocks_nothing() {
    let (_tmp, p) = example_copy();
    let doc = p.join("documents").join(format!("{DOC}.txt"));
    mkfifo(&doc);
    every_reading_command_refuses(&p, &format!("{DOC}.txt"), "not a regular file");
    let (_tmp, p) = example_copy();
    let set = p.join("annotations/alice").join(format!("{DOC}.ron"));
    mkfifo(&set);
    every_reading_command_refuses(&p, &format!("{DOC}.ron"), "not a regular file");
}

#[cfg(unix)]
#[test]
fn links_to_dev_zero_or_outside_files_are_refused_by_every_command() {
    let (_tmp, p) = example_copy();
    let doc = p.join("documents").join(format!("{DOC}.txt"));
    std::fs::remove_file(&doc).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &doc).unwrap();
    every_reading_command_refuses(&p, &format!("{DOC}.txt"), "symbolic link");
    // A link to a file outside: its content is never read or quoted.
    let (_tmp, p) = example_copy();
    let outside = tempdir();
    let secret = write(outside.path(), "secret.ron", "topsecret_token (x: 1)");
    let set = p.join("annotations/alice").join(format!("{DOC}.ron"));
    std::fs::remove_file(&set).unwrap();
    std::os::unix::fs::symlink(&secret, &set).unwrap();
    let (ok, said) = run_on(&["validate"], &p);
    assert!(!ok);
    assert!(said.contains("symbolic link"), "{said}");
    assert!(
        !said.contains("topsecret"),
        "validate leaked the target: {said}"
    );
    every_reading_command_refuses(&p, &format!("{DOC}.ron"), "symbolic link");
}

#[cfg(unix)]
#[test]
fn import_refuses_a_fifo_or_device_given_as_input() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    newscoder().arg("new").arg(&p).assert().success();
    let fifo = tmp.path().join("in.txt");
    mkfifo(&fifo);
    let zero = tmp.path().join("zero.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let (_, said) = run_said(newscoder().arg("import").arg(&p).args([&fifo, &zero]));
    assert!(said.contains("in.txt: is not a regular file"), "{said}");
    assert!(said.contains("zero.jsonl: is not a regular file"), "{said}");
}

#[test]
fn a_page_nested_200000_levels_deep_is_refused_at_once() {
    let tmp = tempdir();
    let p = tmp.path().join("p");
    newscoder().arg("new").arg(&p).assert().success();
    let n = 200_000;
    let deep = write(
        tmp.path(),
        "deep.html",
        format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    );
    let mixed = write(tmp.path(), "mixed.html", "<div><span><b>".repeat(n / 3));
    let fine = write(
        tmp.path(),
        "fine.html",
        format!(
            "<html><body>{}Real text{}</body></html>",
            "<div>".repeat(500),
            "</div>".repeat(500)
        ),
    );
    let (_, said) = run_said(
        newscoder()
            .arg("import")
            .arg(&p)
            .args([&deep, &mixed, &fine]),
    );
    assert!(
        said.contains("deep.html: is nested more than 1000 elements deep"),
        "{said}"
    );
    assert!(
        said.contains("mixed.html: is nested more than 1000"),
        "{said}"
    );
    assert!(said.contains("imported 1 document"), "{said}");
}
