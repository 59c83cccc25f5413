//! Batches of articles as a table: a `text` column plus metadata columns
//! (`id`, `title`, `date`, `outlet`, `author`, `url`); other columns are kept
//! as metadata. Comma, semicolon and tab separators are recognised from the
//! header line. A bad row is reported with its number and the rest still
//! imports.

use super::article::{Article, put_field};
use super::decode::normalize_newlines;
use super::error::InputProblem;
use super::limits::too_large;
use super::read::FileRead;

/// Reads the articles of a CSV file's decoded contents. `name` is the file
/// name (for origins and ids); no article may exceed `max_bytes`.
pub fn read_csv_articles(content: &str, name: &str, stem: &str, max_bytes: u64) -> FileRead {
    let mut out = FileRead::default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(content))
        .has_headers(true)
        .from_reader(content.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            out.errors.push(InputProblem::new(
                name,
                format!("cannot read the header row: {e}"),
            ));
            return out;
        }
    };
    let Some(text_col) = headers.iter().position(|h| h.eq_ignore_ascii_case("text")) else {
        out.errors.push(InputProblem::new(
            name,
            format!("has no \"text\" column (columns: {})", headers.join(", ")),
        ));
        return out;
    };
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                let origin = format!("{name}: row {row} (line {line})");
                out.errors.push(InputProblem::new(origin, e.to_string()));
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let origin = format!("{name}: row {row} (line {line})");
        match article_from_record(&headers, text_col, &record, &origin, max_bytes) {
            Ok(mut article) => {
                if article.id_hint.is_empty() {
                    article.id_hint = format!("{stem}-{row}");
                }
                out.articles.push(article);
            }
            Err(message) => out.errors.push(InputProblem::new(origin, message)),
        }
    }
    out
}

fn article_from_record(
    headers: &[String],
    text_col: usize,
    record: &csv::StringRecord,
    origin: &str,
    max_bytes: u64,
) -> Result<Article, String> {
    let mut article = Article {
        origin: origin.to_string(),
        ..Article::default()
    };
    let raw = record.get(text_col).unwrap_or("");
    if raw.len() as u64 > max_bytes {
        return Err(format!("text {}", too_large(raw.len() as u64, max_bytes)));
    }
    let text = normalize_newlines(raw);
    if text.trim().is_empty() {
        return Err("the \"text\" cell is empty".into());
    }
    for (col, value) in record.iter().enumerate() {
        if col != text_col
            && let Some(key) = headers.get(col).filter(|h| !h.is_empty())
        {
            put_field(&mut article, key, value.to_string());
        }
    }
    article.settle_title(&text);
    article.text = text;
    Ok(article)
}

/// The separator the header line uses most: `,`, `;` or tab.
fn sniff_delimiter(content: &str) -> u8 {
    let header = content.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (header.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_with_metadata_and_reports_bad_rows() {
        let content = "id,title,Text,outlet,section\n\
                       a1,First,\"Body one,\r\nwith comma\",Reuters,world\n\
                       a2,Second,,AP,x\n\
                       a3,Third,too,many,cells,here\n\
                       ,,Untitled body,,\n";
        let r = read_csv_articles(content, "t.csv", "t", 1000);
        assert_eq!(r.articles.len(), 2, "{:?}", r.errors);
        let a = &r.articles[0];
        assert_eq!(a.id.as_deref(), Some("a1"));
        assert_eq!(a.title, "First");
        assert_eq!(a.text, "Body one,\nwith comma");
        assert_eq!(a.meta.outlet, "Reuters");
        assert_eq!(a.meta.extra["section"], "world");
        assert_eq!(r.articles[1].title, "Untitled body");
        assert_eq!(r.articles[1].id_hint, "t-4");
        let errs: Vec<String> = r.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].starts_with("t.csv: row 2 (line 4): the \"text\" cell is empty"),
            "{errs:?}"
        );
        assert!(errs[1].starts_with("t.csv: row 3 (line 5)"), "{errs:?}");
    }

    #[test]
    fn semicolons_and_missing_text_column() {
        let r = read_csv_articles("title;text\nA;Body\n", "s.csv", "s", 100);
        assert_eq!(r.articles[0].text, "Body");
        let r = read_csv_articles("title,body\nA,B\n", "n.csv", "n", 100);
        assert!(r.articles.is_empty());
        assert!(r.errors[0].to_string().contains("no \"text\" column"));
    }
}
