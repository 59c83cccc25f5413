//! Batches of articles as JSON Lines: one object per line with a `text`
//! and optional `id`, `title`, `date`, `outlet`, `author`, `url`; other keys
//! (and a doccano-style `meta` object) are kept as metadata. A bad line is
//! reported with its number and the rest of the file still imports.

use super::article::{Article, put_field};
use super::decode::normalize_newlines;
use super::error::InputProblem;
use super::jsonl_lines::{Line, LineLimits, each_line};
use super::limits::{Limits, MAX_LINE_BYTES, too_large};
use super::read::FileRead;
use serde_json::{Map, Value};
use std::path::Path;

/// Keys that hold annotations, which an article import leaves out.
const ANNOTATION_KEYS: [&str; 4] = ["label", "spans", "entities", "relations"];

/// Reads the articles of a JSON Lines file's decoded contents. `name` is
/// the file name (for origins and ids); no article may exceed `max_bytes`.
pub fn read_jsonl_articles(content: &str, name: &str, stem: &str, max_bytes: u64) -> FileRead {
    let mut reader = ArticleLines::new(name, stem, max_bytes);
    for (i, line) in content.lines().enumerate() {
        reader.line(i + 1, Ok(line));
    }
    reader.out
}

/// Reads the articles of the JSON Lines file at `path` line by line (see
/// [`each_line`]): a line that is not UTF-8, too long or not an article is
/// reported with its number, and the rest of the file still imports.
pub fn read_jsonl_article_file(path: &Path, name: &str, stem: &str, limits: &Limits) -> FileRead {
    let mut reader = ArticleLines::new(name, stem, limits.article_bytes);
    let line_limits = LineLimits {
        file_bytes: limits.batch_bytes,
        line_bytes: MAX_LINE_BYTES,
    };
    match each_line(path, line_limits, &mut |n, line| reader.line(n, line)) {
        Ok(warning) => {
            if let Some(w) = warning {
                reader.out.warnings.insert(0, InputProblem::new(name, w));
            }
            if reader.lines == 0 {
                reader.out.errors.push(InputProblem::new(name, "is empty"));
            } else if !reader.any_content {
                reader
                    .out
                    .errors
                    .push(InputProblem::new(name, "contains only whitespace"));
            }
        }
        Err(message) => {
            reader.out.articles.clear();
            reader.out.errors = vec![InputProblem::new(name, message)];
        }
    }
    reader.out
}

/// The articles of a file, read one line at a time.
struct ArticleLines<'a> {
    name: &'a str,
    stem: &'a str,
    max_bytes: u64,
    warned_annotations: bool,
    /// How many lines were read.
    lines: usize,
    /// Whether any line was not blank.
    any_content: bool,
    out: FileRead,
}

impl<'a> ArticleLines<'a> {
    fn new(name: &'a str, stem: &'a str, max_bytes: u64) -> ArticleLines<'a> {
        ArticleLines {
            name,
            stem,
            max_bytes,
            warned_annotations: false,
            lines: 0,
            any_content: false,
            out: FileRead::default(),
        }
    }

    /// Reads line number `number`.
    fn line(&mut self, number: usize, line: Line<'_>) {
        self.lines += 1;
        let origin = format!("{}:{number}", self.name);
        let line = match line {
            Ok(l) if l.trim().is_empty() => return,
            Ok(l) => l,
            Err(message) => {
                self.any_content = true;
                self.out.errors.push(InputProblem::new(origin, message));
                return;
            }
        };
        self.any_content = true;
        let obj = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(obj)) => obj,
            Ok(_) => {
                self.out
                    .errors
                    .push(InputProblem::new(origin, "is not a JSON object"));
                return;
            }
            Err(e) => {
                self.out
                    .errors
                    .push(InputProblem::new(origin, json_error(&e)));
                return;
            }
        };
        if !self.warned_annotations && has_annotations(&obj) {
            self.warned_annotations = true;
            self.out.warnings.push(InputProblem::new(
                origin.clone(),
                "carries annotations; only the articles are imported (use --coder NAME to import annotations)",
            ));
        }
        match article_from_object(obj, &origin, self.max_bytes) {
            Ok(mut article) => {
                if article.id_hint.is_empty() {
                    article.id_hint = format!("{}-{number}", self.stem);
                }
                self.out.articles.push(article);
            }
            Err(message) => self.out.errors.push(InputProblem::new(origin, message)),
        }
    }
}

fn has_annotations(obj: &Map<String, Value>) -> bool {
    ANNOTATION_KEYS.iter().any(|k| {
        obj.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty())
    })
}

/// One line's object as an article; the error says what is wrong with it.
fn article_from_object(
    obj: Map<String, Value>,
    origin: &str,
    max_bytes: u64,
) -> Result<Article, String> {
    let mut article = Article {
        origin: origin.to_string(),
        ..Article::default()
    };
    let mut text = None;
    for (key, value) in obj {
        match key.as_str() {
            "text" => match value {
                Value::String(s) => text = Some(s),
                _ => return Err("\"text\" is not a string".into()),
            },
            "meta" => {
                if let Value::Object(meta) = value {
                    for (k, v) in meta {
                        if let Some(v) = stringify(v) {
                            put_field(&mut article, &k, v);
                        }
                    }
                }
            }
            k if ANNOTATION_KEYS.contains(&k) => {}
            _ => {
                if let Some(v) = stringify(value) {
                    put_field(&mut article, &key, v);
                }
            }
        }
    }
    let text = text.ok_or("has no \"text\"")?;
    if text.len() as u64 > max_bytes {
        return Err(format!("text {}", too_large(text.len() as u64, max_bytes)));
    }
    let text = normalize_newlines(&text);
    if text.trim().is_empty() {
        return Err("\"text\" is empty".into());
    }
    article.settle_title(&text);
    article.text = text;
    Ok(article)
}

/// A JSON parse error of one line, without serde's "line 1" (the caller
/// names the file's line).
pub fn json_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    format!("is not valid JSON (column {}): {message}", e.column())
}

/// A JSON value as metadata text: strings as they are, other values as
/// JSON; `null` as nothing.
pub fn stringify(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_articles_with_metadata_and_reports_bad_lines() {
        let content = concat!(
            r#"{"id": 7, "text": "Maduro spoke.\r\nMore.", "outlet": "AP", "date": "2019-05-01", "section": "world", "tags": ["a","b"]}"#,
            "\n\n",
            "{not json}\n",
            r#"{"title": "T", "text": "Body"}"#,
            "\n",
            r#"{"title": "no text"}"#,
            "\n",
            r#"{"text": "Doccano", "label": [[0, 7, "X"]], "meta": {"author": "Ann"}}"#,
            "\n"
        );
        let r = read_jsonl_articles(content, "b.jsonl", "b", 1000);
        assert_eq!(r.articles.len(), 3);
        let a = &r.articles[0];
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.text, "Maduro spoke.\nMore.");
        assert_eq!(a.title, "Maduro spoke.");
        assert_eq!(a.meta.outlet, "AP");
        assert_eq!(a.meta.extra["section"], "world");
        assert_eq!(a.meta.extra["tags"], r#"["a","b"]"#);
        assert_eq!(r.articles[1].id_hint, "T");
        assert_eq!(r.articles[2].meta.author, "Ann");
        assert_eq!(r.articles[2].id_hint, "b-6");
        let errs: Vec<String> = r.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].starts_with("b.jsonl:3: is not valid JSON"),
            "{errs:?}"
        );
        assert!(
            errs[1].starts_with("b.jsonl:5: has no \"text\""),
            "{errs:?}"
        );
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].origin.ends_with(":6"));
    }

    #[test]
    fn oversized_article_line_is_refused() {
        let line = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}", "x".repeat(50));
        let r = read_jsonl_articles(&line, "b.jsonl", "b", 20);
        assert_eq!(r.articles.len(), 1);
        assert!(r.errors[0].to_string().contains("too large"));
    }
}
