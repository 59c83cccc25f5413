//! `export --out` and `agree --disagreements` write through what they are
//! given: a symlink's target, a FIFO, standard output (`-`); they never
//! replace it. Hidden temporary files of killed exports are cleaned up by
//! the next export into the same folder, unless a live export holds them.

use crate::util::{example_copy, newscoder, tempdir};
use std::path::Path;

fn export_to(project: &Path, out: &Path) -> std::process::Output {
    newscoder()
        .args(["export", "--format", "jsonl", "--coder", "alice", "--out"])
        .arg(out)
        .arg(project)
        .output()
        .unwrap()
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn export_writes_through_a_symlink() {
    let (_tmp, p) = example_copy();
    let dir = tempdir();
    let real = dir.path().join("data/real.jsonl");
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink("data/real.jsonl", &link).unwrap();
    ok(&export_to(&p, &link));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(
        written.starts_with('{') && written.contains("\"coder\":\"alice\""),
        "{written}"
    );
    // A link to a file that does not exist yet: created where it points.
    let dangling = dir.path().join("new.jsonl");
    std::os::unix::fs::symlink("data/fresh.jsonl", &dangling).unwrap();
    ok(&export_to(&p, &dangling));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("data/fresh.jsonl")).unwrap(),
        written
    );
}

#[cfg(unix)]
#[test]
fn export_streams_into_a_fifo_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let (_tmp, p) = example_copy();
    let dir = tempdir();
    let fifo = dir.path().join("pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = export_to(&p, &fifo);
    let is_fifo = std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo();
    assert!(is_fifo, "the FIFO was replaced by a file");
    ok(&out);
    let got = reader.join().unwrap();
    assert!(got.contains("\"coder\":\"alice\""), "{got}");
}

#[test]
fn export_to_dash_writes_to_standard_output() {
    let (_tmp, p) = example_copy();
    let out = export_to(&p, Path::new("-"));
    ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with('{') && stdout.contains("\"coder\":\"alice\""),
        "{stdout}"
    );
    assert!(!Path::new("-").exists());
    // The summary goes to standard error, not into the data.
    assert!(String::from_utf8_lossy(&out.stderr).contains("exported"));
    // `/dev/stdout` is written through too (never replaced), and stdout
    // then holds only the data.
    #[cfg(target_os = "linux")]
    {
        let out = export_to(&p, Path::new("/dev/stdout"));
        ok(&out);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.lines().all(|l| l.starts_with('{')), "{stdout}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("exported"));
        let meta = std::fs::symlink_metadata("/dev/stdout").unwrap();
        assert!(meta.file_type().is_symlink(), "/dev/stdout was replaced");
    }
    // Formats of two files or a folder cannot go to standard output.
    for format in ["csv", "brat"] {
        let out = newscoder()
            .args(["export", "--format", format, "--out", "-"])
            .arg(&p)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("give a"));
    }
}

#[cfg(unix)]
#[test]
fn stale_export_temporaries_are_removed_but_live_ones_kept() {
    use std::os::fd::AsRawFd;
    let (_tmp, p) = example_copy();
    let dir = tempdir();
    let stale = dir.path().join(".newscoder-export-Ab12Cd.tmp");
    std::fs::write(&stale, vec![b'x'; 4096]).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    // A live export holds a lock on its temporary file.
    let live = dir.path().join(".newscoder-export-Live99.tmp");
    let held = std::fs::File::create(&live).unwrap();
    held.set_modified(hour_ago).unwrap();
    assert_eq!(unsafe { libc::flock(held.as_raw_fd(), libc::LOCK_EX) }, 0);
    ok(&export_to(&p, &dir.path().join("out.jsonl")));
    assert!(!stale.exists(), "a killed export's temporary file is left");
    assert!(live.exists(), "a live export's temporary file was removed");
    drop(held);
}

#[cfg(unix)]
#[test]
fn agree_disagreements_write_through_a_symlink() {
    let (_tmp, p) = example_copy();
    let dir = tempdir();
    let real = dir.path().join("real.csv");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = newscoder()
        .args(["agree", "--coders", "alice", "bob", "--disagreements"])
        .arg(&link)
        .arg(&p)
        .output()
        .unwrap();
    ok(&out);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().contains("kind"));
    let stdout = newscoder()
        .args(["agree", "--coders", "alice", "bob", "--disagreements", "-"])
        .arg(&p)
        .output()
        .unwrap();
    ok(&stdout);
    assert!(!Path::new("-").exists());
}
