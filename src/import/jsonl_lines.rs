//! The lines of a JSON Lines file, read one at a time. JSON is UTF-8, so
//! each line is checked on its own: a line that is not valid UTF-8 is
//! reported with its number and never makes the whole file decode as
//! another encoding (which would change every accent elsewhere, and move
//! pre-annotated offsets onto other characters). A file that says it is
//! UTF-16 or UTF-32 (by its BOM or its NUL bytes) is decoded as such,
//! strictly. A line longer than the limit is refused as it is read, before
//! it is all in memory.

use super::decode::sniff_wide;
use super::limits::{binary_reason, human_size, open_regular, os_message, too_large};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The limits of one JSON Lines file.
#[derive(Clone, Copy, Debug)]
pub struct LineLimits {
    /// Largest file.
    pub file_bytes: u64,
    /// Longest line.
    pub line_bytes: u64,
}

/// What is read of one line: its text, or why it cannot be read.
pub type Line<'a> = Result<&'a str, String>;

/// Calls `each(number, line)` for every line of the file at `path`
/// (numbered from 1; the line ending and a leading BOM removed). An error
/// is about the whole file (missing, not a regular file, too large,
/// binary, damaged UTF-16); a warning says which wide encoding was read.
pub fn each_line(
    path: &Path,
    limits: LineLimits,
    each: &mut dyn FnMut(usize, Line<'_>),
) -> Result<Option<String>, String> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limits.file_bytes {
        return Err(too_large(meta.len(), limits.file_bytes));
    }
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let head = reader.fill_buf().map_err(|e| os_message(&e))?;
    if let Some((wide, bom)) = sniff_wide(head) {
        return wide_lines(reader, limits, each, wide, bom).map(Some);
    }
    if let Some(reason) = binary_reason(head) {
        return Err(reason);
    }
    let mut buf = Vec::new();
    let (mut number, mut total) = (0usize, 0u64);
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(limits.line_bytes + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| os_message(&e))?;
        if n == 0 {
            return Ok(None);
        }
        number += 1;
        total += n as u64;
        if buf.last() != Some(&b'\n') && buf.len() as u64 > limits.line_bytes {
            total += skip_line(&mut reader)?;
            each(number, Err(too_long(limits.line_bytes)));
        } else {
            let line = trim_line(&buf, number == 1);
            each(
                number,
                std::str::from_utf8(line).map_err(|e| not_utf8(line, &e)),
            );
        }
        // The file may grow while it is read.
        if total > limits.file_bytes {
            return Err(too_large(total, limits.file_bytes));
        }
    }
}

/// Reads past the rest of an over-long line without keeping it; returns
/// how many bytes that was.
fn skip_line(reader: &mut impl BufRead) -> Result<u64, String> {
    let mut skipped = 0u64;
    loop {
        let chunk = reader.fill_buf().map_err(|e| os_message(&e))?;
        if chunk.is_empty() {
            return Ok(skipped);
        }
        let (used, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        reader.consume(used);
        skipped += used as u64;
        if done {
            return Ok(skipped);
        }
    }
}

/// A line without its ending (LF or CRLF) and, on the first line, without
/// a UTF-8 BOM.
fn trim_line(buf: &[u8], first: bool) -> &[u8] {
    let mut line = buf.strip_suffix(b"\n").unwrap_or(buf);
    line = line.strip_suffix(b"\r").unwrap_or(line);
    if first {
        line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    }
    line
}

fn too_long(max: u64) -> String {
    format!(
        "is too long (over {}); one line holds one document",
        human_size(max)
    )
}

/// Names the first byte that is not UTF-8 and its column (in characters).
fn not_utf8(line: &[u8], e: &std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let column = String::from_utf8_lossy(&line[..at]).chars().count() + 1;
    format!(
        "is not valid UTF-8 (byte 0x{:02X} at column {column}); JSON must be UTF-8: \
         save the file as UTF-8 and import it again",
        line[at]
    )
}

/// A UTF-16 or UTF-32 file: decoded as a whole (it is at most the file
/// limit), refused if any unit is malformed, then split into lines.
fn wide_lines(
    mut reader: BufReader<std::fs::File>,
    limits: LineLimits,
    each: &mut dyn FnMut(usize, Line<'_>),
    wide: super::decode::Wide,
    bom: usize,
) -> Result<String, String> {
    let mut bytes = Vec::new();
    (&mut reader)
        .take(limits.file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| os_message(&e))?;
    if bytes.len() as u64 > limits.file_bytes {
        return Err(too_large(bytes.len() as u64, limits.file_bytes));
    }
    let (text, lossy) = wide.decode(&bytes[bom.min(bytes.len())..]);
    drop(bytes);
    if lossy {
        return Err(format!(
            "looks like {} but is not valid {0} throughout",
            wide.name()
        ));
    }
    let body = text.strip_suffix('\n').unwrap_or(&text);
    for (i, line) in body.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = if i == 0 {
            line.strip_prefix('\u{feff}').unwrap_or(line)
        } else {
            line
        };
        if line.len() as u64 > limits.line_bytes {
            each(i + 1, Err(too_long(limits.line_bytes)));
        } else {
            each(i + 1, Ok(line));
        }
    }
    Ok(format!("not UTF-8; decoded as {}", wide.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = Vec<(usize, Result<String, String>)>;

    fn lines(bytes: &[u8], line_bytes: u64) -> Result<Read, String> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, bytes).unwrap();
        let mut out = Vec::new();
        let limits = LineLimits {
            file_bytes: 1 << 20,
            line_bytes,
        };
        each_line(&p, limits, &mut |n, l| out.push((n, l.map(str::to_string))))?;
        Ok(out)
    }

    #[test]
    fn a_stray_byte_spoils_only_its_own_line() {
        let got = lines(
            b"\xef\xbb\xbf{\"a\": \"caf\xc3\xa9\"}\r\n{\"b\": \"x\xa0y\"}\n{}",
            100,
        )
        .unwrap();
        assert_eq!(got[0], (1, Ok("{\"a\": \"café\"}".to_string())));
        let err = got[1].1.clone().unwrap_err();
        assert!(err.contains("byte 0xA0 at column 9"), "{err}");
        assert_eq!(got[2], (3, Ok("{}".to_string())));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn an_over_long_line_is_refused_and_the_next_one_read() {
        let mut bytes = vec![b'x'; 1000];
        bytes.extend_from_slice(b"\n{}\n");
        let got = lines(&bytes, 100).unwrap();
        assert!(got[0].1.clone().unwrap_err().contains("too long"));
        assert_eq!(got[1], (2, Ok("{}".to_string())));
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn utf16_and_utf32_lines() {
        let text = "{\"t\": \"é\"}\r\n{}\n";
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf32 = vec![0xff, 0xfe, 0, 0];
        utf32.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        for bytes in [utf16, utf32] {
            let got = lines(&bytes, 100).unwrap();
            assert_eq!(
                got,
                vec![
                    (1, Ok("{\"t\": \"é\"}".to_string())),
                    (2, Ok("{}".to_string()))
                ]
            );
        }
        assert!(
            lines(b"\0\0\0\0\x01\x02", 100)
                .unwrap_err()
                .contains("binary")
        );
    }
}
