//! Reading one article file of any format: size and binary checks,
//! decoding, and the format's reader. Problems are collected, not fatal, so
//! the rest of a batch still imports.

use super::article::{Article, file_name, file_stem};
use super::csv_articles::read_csv_articles;
use super::decode::decode;
use super::error::InputProblem;
use super::format::Format;
use super::html::read_html;
use super::html_bounds::check_html_bounds;
use super::jsonl_articles::{read_jsonl_article_file, read_jsonl_articles};
use super::limits::{Limits, read_bounded};
use super::txt::{read_md, read_txt};
use std::path::Path;

/// What reading one file gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileRead {
    /// The articles read.
    pub articles: Vec<Article>,
    /// Files, lines or rows that could not be read.
    pub errors: Vec<InputProblem>,
    /// Things the user should know (e.g. a guessed encoding).
    pub warnings: Vec<InputProblem>,
}

/// Reads the articles of the file at `path`, in `format` or the one its
/// extension says.
pub fn read_article_file(path: &Path, format: Option<Format>, limits: &Limits) -> FileRead {
    let origin = path.display().to_string();
    let mut out = FileRead::default();
    let Some(format) = format.or_else(|| Format::from_path(path)) else {
        out.errors.push(InputProblem::new(
            origin,
            "cannot tell the format from the file name; use --format txt|md|html|jsonl|csv",
        ));
        return out;
    };
    let stem = file_stem(path);
    let mut read = if format == Format::Jsonl {
        // Line by line: JSON is UTF-8, and one bad line spoils only itself.
        read_jsonl_article_file(path, &origin, &stem, limits)
    } else {
        read_whole_file(path, format, &origin, &stem, limits)
    };
    let source = file_name(path);
    for a in &mut read.articles {
        a.meta.source_file = source.clone();
    }
    read
}

/// Reads a file of any format but JSON Lines: all of it, decoded.
fn read_whole_file(
    path: &Path,
    format: Format,
    origin: &str,
    stem: &str,
    limits: &Limits,
) -> FileRead {
    let mut out = FileRead::default();
    let max = if format.is_batch() {
        limits.batch_bytes
    } else {
        limits.article_bytes
    };
    let bytes = match read_bounded(path, max) {
        Ok(b) => b,
        Err(message) => {
            out.errors.push(InputProblem::new(origin, message));
            return out;
        }
    };
    if bytes.is_empty() {
        out.errors.push(InputProblem::new(origin, "is empty"));
        return out;
    }
    let decoded = match decode(&bytes, format == Format::Html) {
        Ok(d) => d,
        Err(message) => {
            out.errors.push(InputProblem::new(origin, message));
            return out;
        }
    };
    drop(bytes);
    if let Some(w) = decoded.warning() {
        out.warnings.push(InputProblem::new(origin, w));
    }
    if decoded.text.trim().is_empty() {
        out.errors
            .push(InputProblem::new(origin, "contains only whitespace"));
        return out;
    }
    let single = |mut article: Article| {
        article.origin = origin.to_string();
        article.id_hint = stem.to_string();
        article
    };
    let read = match format {
        Format::Txt => one(single(read_txt(decoded.text))),
        Format::Md => one(single(read_md(decoded.text))),
        Format::Html => {
            // Checked in one pass first: the parser is slow on absurd shapes.
            if let Err(message) = check_html_bounds(&decoded.text) {
                out.errors.push(InputProblem::new(origin, message));
                return out;
            }
            let article = single(read_html(&decoded.text));
            if article.text.trim().is_empty() {
                let mut r = FileRead::default();
                r.errors.push(InputProblem::new(
                    origin,
                    "has no text outside scripts, styles and navigation",
                ));
                r
            } else {
                one(article)
            }
        }
        Format::Csv => read_csv_articles(&decoded.text, origin, stem, limits.article_bytes),
        // (Read line by line by the caller; this is the same reading.)
        Format::Jsonl => read_jsonl_articles(&decoded.text, origin, stem, limits.article_bytes),
    };
    out.articles = read.articles;
    out.errors.extend(read.errors);
    out.warnings.extend(read.warnings);
    out
}

fn one(article: Article) -> FileRead {
    FileRead {
        articles: vec![article],
        ..FileRead::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8], limits: &Limits) -> FileRead {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        read_article_file(&p, None, limits)
    }

    fn only_error(r: &FileRead) -> String {
        assert!(r.articles.is_empty());
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        r.errors[0].to_string()
    }

    #[test]
    fn tricky_texts_keep_every_character() {
        let samples = [
            "Emoji 😀👍🏽 and flags 🇻🇪",
            "Combining: Jose\u{301} Mari\u{301}a, Ñ vs N\u{303}",
            "العربية: قال مادورو إن الانقلاب فشل",
            "עברית: גוואידו קרא לצבא",
            "中文：马杜罗说政变失败了。日本語のテキスト。",
        ];
        for s in samples {
            let r = read("a.txt", s.as_bytes(), &Limits::default());
            assert_eq!(r.articles.len(), 1);
            assert_eq!(r.articles[0].text, s);
            assert_eq!(r.articles[0].title, s);
            assert!(r.warnings.is_empty());
        }
    }

    #[test]
    fn bom_crlf_and_legacy_encodings() {
        let r = read(
            "a.txt",
            b"\xef\xbb\xbfHead\r\n\r\nBody\r\n",
            &Limits::default(),
        );
        assert_eq!(r.articles[0].text, "Head\n\nBody\n");
        assert_eq!(r.articles[0].meta.source_file, "a.txt");
        assert_eq!(r.articles[0].id_hint, "a");
        let r = read("w.txt", b"Caf\xe9 \x93quoted\x94", &Limits::default());
        assert_eq!(r.articles[0].text, "Café \u{201c}quoted\u{201d}");
        assert!(r.warnings[0].to_string().contains("w.txt"));
        assert!(r.warnings[0].to_string().contains("windows-1252"));
    }

    #[test]
    fn refuses_empty_binary_oversized_and_unknown() {
        let limits = Limits {
            article_bytes: 10,
            batch_bytes: 20,
        };
        assert!(only_error(&read("e.txt", b"", &limits)).contains("e.txt: is empty"));
        assert!(only_error(&read("s.txt", b" \n\t", &limits)).contains("only whitespace"));
        assert!(only_error(&read("b.txt", b"ab\0cd", &limits)).contains("binary"));
        assert!(only_error(&read("big.txt", &[b'a'; 11], &limits)).contains("too large"));
        assert_eq!(read("ok.txt", &[b'a'; 10], &limits).articles.len(), 1);
        assert_eq!(
            read("ok.jsonl", b"{\"text\":\"abc\"}", &limits)
                .articles
                .len(),
            1
        );
        assert!(only_error(&read("x.pdf", b"%PDF", &limits)).contains("--format"));
        assert!(
            only_error(&read("n.html", b"<script>x</script>", &Limits::default()))
                .contains("no text")
        );
    }
}
