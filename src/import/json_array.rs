//! A `.json` file holding one JSON array of records (doccano's JSON
//! export), read one record at a time with the line each record starts on,
//! so that problems name a place in the file as JSON Lines problems do.

use super::jsonl_articles::json_error;
use super::limits::read_bounded;
use serde_json::Value;
use std::path::Path;

/// Calls `each(at, record)` for every element of the array in the file at
/// `path` (at most `max_bytes`, UTF-8 with or without a BOM); `at` is
/// `LINE (record N)`, the line the record starts on and its place in the
/// array, both from 1. An error is about the whole file, or about the
/// record where the JSON breaks off (the records before it have been
/// read; the ones after cannot be told apart).
pub fn each_record(
    path: &Path,
    max_bytes: u64,
    each: &mut dyn FnMut(&str, Value),
) -> Result<Option<String>, String> {
    let bytes = read_bounded(path, max_bytes)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        format!("is not valid UTF-8 (line {line}); JSON must be UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut pos = skip_ws(text, 0);
    if !text[pos..].starts_with('[') {
        return Err("does not start with [ (a JSON array of records)".into());
    }
    pos += 1;
    let mut line = 1 + text[..pos].matches('\n').count();
    let mut counted = pos;
    let mut record = 0usize;
    loop {
        pos = skip_ws(text, pos);
        if record == 0 && text[pos..].starts_with(']') {
            pos += 1;
            break;
        }
        record += 1;
        line += text[counted..pos].matches('\n').count();
        counted = pos;
        let at = format!("{line} (record {record})");
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => {
                pos += stream.byte_offset();
                each(&at, value);
            }
            Some(Err(e)) => {
                return Err(format!(
                    "line {}, record {record}: {}; the records after it cannot be read",
                    line + e.line() - 1,
                    json_error(&e)
                ));
            }
            None => return Err(format!("ends inside the array, before record {record}")),
        }
        pos = skip_ws(text, pos);
        match text[pos..].chars().next() {
            Some(',') => pos += 1,
            Some(']') => {
                pos += 1;
                break;
            }
            _ => {
                return Err(format!(
                    "record {record} (line {line}) is followed by neither , nor ]; the records after it cannot be read"
                ));
            }
        }
    }
    if skip_ws(text, pos) < text.len() {
        return Err("has more after the array's closing ]".into());
    }
    Ok(None)
}

fn skip_ws(text: &str, from: usize) -> usize {
    from + text[from..].len() - text[from..].trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (Vec<(String, Value)>, Result<Option<String>, String>);

    fn records(content: &str) -> Read {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        std::fs::write(&p, content).unwrap();
        let mut out = Vec::new();
        let r = each_record(&p, 1 << 20, &mut |at, v| out.push((at.to_string(), v)));
        (out, r)
    }

    #[test]
    fn records_with_their_lines() {
        let (got, r) = records("\u{feff}[\n  {\"a\": 1},\n  {\"b\":\n 2}, {\"c\": 3}\n]\n");
        assert_eq!(r, Ok(None));
        let at: Vec<&str> = got.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(at, ["2 (record 1)", "3 (record 2)", "4 (record 3)"]);
        assert_eq!(got[1].1["b"], 2);
        let (got, r) = records("[]");
        assert!(got.is_empty() && r.is_ok());
    }

    #[test]
    fn broken_json_names_the_record_and_keeps_those_before() {
        let (got, r) = records("[{\"a\": 1},\n{\"b\" 2}, {\"c\": 3}]");
        assert_eq!(got.len(), 1);
        let err = r.unwrap_err();
        assert!(
            err.starts_with("line 2, record 2: is not valid JSON"),
            "{err}"
        );
        let (_, r) = records("[{\"a\": 1} {\"b\": 2}]");
        assert!(r.unwrap_err().contains("neither , nor ]"));
        let (_, r) = records("[{\"a\": 1}] x");
        assert!(r.unwrap_err().contains("more after"));
    }
}
