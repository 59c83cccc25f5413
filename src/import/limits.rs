//! Size limits and the checks that refuse files which are not article text
//! (binary files, empty files, files too large to be articles), before any
//! of their content is used.

use std::io::Read;
use std::path::Path;

/// Largest single article file (and largest single article in a batch).
pub const MAX_ARTICLE_BYTES: u64 = 20 * 1024 * 1024;
/// Largest batch file (jsonl, csv): many articles, but still bounded so a
/// wrong file cannot exhaust memory.
pub const MAX_BATCH_BYTES: u64 = 512 * 1024 * 1024;

/// Longest line of a JSON Lines file (an article with its annotations):
/// a longer line is refused as it is read, before it is all in memory.
pub const MAX_LINE_BYTES: u64 = 64 * 1024 * 1024;

/// The size limits an import works with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest article, in bytes.
    pub article_bytes: u64,
    /// Largest batch file, in bytes.
    pub batch_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            article_bytes: MAX_ARTICLE_BYTES,
            batch_bytes: MAX_BATCH_BYTES,
        }
    }
}

/// Reads a whole file of at most `max` bytes. The message of an error says
/// what is wrong, without the path (the caller adds it).
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    // The file may grow between the size check and the read; never read
    // more than one byte past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file (a symlink to one is
/// fine); a folder, FIFO, device or socket is refused before anything is
/// read from it (see [`crate::store::open_plain`]).
pub fn open_regular(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), String> {
    crate::store::open_plain(path, true).map_err(|e| os_message(&e))
}

/// An OS error as a message, without Rust's "(os error N)" suffix.
pub fn os_message(e: &std::io::Error) -> String {
    let full = e.to_string();
    match full.rsplit_once(" (os error ") {
        Some((m, _)) => m.to_string(),
        None => full,
    }
}

/// The message for an input over a size limit.
pub fn too_large(len: u64, max: u64) -> String {
    format!(
        "is too large ({}; the limit is {})",
        human_size(len),
        human_size(max)
    )
}

/// Why `bytes` are not text, if they are not: NUL bytes, or mostly control
/// characters. UTF-16 (which has NUL bytes) must be recognised by its BOM
/// before this is asked.
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Some(format!(
            "looks like a binary file (NUL byte at offset {at}), not text"
        ));
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    // Real text has next to no control characters; a tenth is far beyond
    // what stray form feeds or escape codes explain.
    if !sample.is_empty() && control * 10 > sample.len() {
        return Some("looks like a binary file (mostly control characters), not text".into());
    }
    None
}

/// A size in bytes for people: `20.0 MiB`, `512 bytes`.
pub fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KIB * KIB {
        format!("{:.1} MiB", b / (KIB * KIB))
    } else if b >= KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_but_accepts_text() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_some());
        assert!(binary_reason(&[1, 2, 3, 4, 5, 6, 7, 8, b'a']).is_some());
        assert!(binary_reason("Caf\u{e9} \u{1f600}\n\tok\x0c".as_bytes()).is_none());
        assert!(binary_reason(b"Caf\xe9 \x93quoted\x94").is_none());
    }

    #[test]
    fn reads_up_to_the_limit_and_refuses_beyond() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, vec![b'a'; 100]).unwrap();
        assert_eq!(read_bounded(&p, 100).unwrap().len(), 100);
        let err = read_bounded(&p, 99).unwrap_err();
        assert!(err.contains("too large"), "{err}");
        assert!(
            read_bounded(dir.path(), 100)
                .unwrap_err()
                .contains("folder")
        );
        assert_eq!(human_size(20 * 1024 * 1024), "20.0 MiB");
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_links_to_them_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = read_bounded(&link, u64::MAX).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        let fifo = dir.path().join("fifo.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        // Would block forever if the FIFO were opened as a file.
        let err = read_bounded(&fifo, 100).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        let missing = read_bounded(&dir.path().join("none"), 100).unwrap_err();
        assert!(!missing.contains("os error"), "{missing}");
    }
}
