//! The common shape of an article read from any format, before it is given
//! an id and added to a project, and the metadata keys the formats share.

use crate::model::Metadata;

/// Longest title kept; a "first line" can be a whole unbroken article.
const MAX_TITLE_CHARS: usize = 200;

/// An article as read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Where it came from, for messages (`file.txt`, `batch.jsonl:3`).
    pub origin: String,
    /// The id the source gave it.
    pub id: Option<String>,
    /// What a document id is made from when the source gives none (file
    /// name, or title for rows of a batch).
    pub id_hint: String,
    /// Headline.
    pub title: String,
    /// The text (no BOM, LF line endings).
    pub text: String,
    /// Outlet, date, author, url, source file and other keys.
    pub meta: Metadata,
}

/// Stores `value` under the metadata key `key`: the known keys go to their
/// field (`id` and `title` are returned to the caller as such), others to
/// `extra`. Keys are matched case-insensitively.
pub fn put_field(article: &mut Article, key: &str, value: String) {
    let value = value.trim().to_string();
    if value.is_empty() {
        return;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "id" => article.id = Some(value),
        "title" | "headline" => article.title = clip_title(&value),
        "date" => article.meta.date = value,
        "outlet" | "source" => article.meta.outlet = value,
        "author" | "authors" | "byline" => article.meta.author = value,
        "url" | "link" => article.meta.url = value,
        _ => {
            article.meta.extra.insert(key.trim().to_string(), value);
        }
    }
}

impl Article {
    /// Settles the title of an article read from a batch (CSV, JSON lines)
    /// whose text is `text`: with no title given, the first line of the text
    /// is the title; a given title is also what the document id is made of
    /// when the source gives no id.
    pub fn settle_title(&mut self, text: &str) {
        if self.title.is_empty() {
            self.title = first_line_title(text);
        } else {
            self.id_hint = self.title.clone();
        }
    }
}

/// The title of a document: `given` cleaned up ([`clip_title`]) if it has
/// any text, else the first line of `text` ([`first_line_title`]).
pub fn title_or_first_line(given: Option<&str>, text: &str) -> String {
    match given.map(clip_title).filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => first_line_title(text),
    }
}

/// The first non-empty line of `text`, trimmed and clipped, as a title.
pub fn first_line_title(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(clip_title)
        .unwrap_or_default()
}

/// `title` with runs of whitespace collapsed, clipped to a sane length.
pub fn clip_title(title: &str) -> String {
    let collapsed = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_TITLE_CHARS {
        return collapsed;
    }
    let mut out: String = collapsed.chars().take(MAX_TITLE_CHARS - 1).collect();
    out.push('…');
    out
}

/// The file name of `path` for messages and provenance.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The file name of `path` without its extension, for document ids.
pub fn file_stem(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_go_to_metadata_or_extra() {
        let mut a = Article::default();
        put_field(&mut a, "Outlet", "Reuters ".into());
        put_field(&mut a, "section", "World".into());
        put_field(&mut a, "date", "  ".into());
        put_field(&mut a, "id", "r-1".into());
        assert_eq!(a.meta.outlet, "Reuters");
        assert_eq!(a.meta.extra["section"], "World");
        assert_eq!(a.meta.date, "");
        assert_eq!(a.id.as_deref(), Some("r-1"));
    }

    #[test]
    fn titles_are_first_lines_clipped() {
        assert_eq!(
            first_line_title("\n\n  Maduro  speaks \nbody"),
            "Maduro speaks"
        );
        let long = "x".repeat(1000);
        assert_eq!(first_line_title(&long).chars().count(), MAX_TITLE_CHARS);
        assert_eq!(first_line_title(""), "");
    }

    #[test]
    fn a_given_title_is_cleaned_and_a_missing_one_is_the_first_line() {
        let text = "\n  Headline   here \nbody";
        assert_eq!(title_or_first_line(None, text), "Headline here");
        assert_eq!(title_or_first_line(Some("  "), text), "Headline here");
        assert_eq!(title_or_first_line(Some(" A \t B "), text), "A B");
        let mut a = Article::default();
        a.settle_title(text);
        assert_eq!(
            (a.title.as_str(), a.id_hint.as_str()),
            ("Headline here", "")
        );
        let mut b = Article {
            title: "Given".into(),
            ..Article::default()
        };
        b.settle_title(text);
        assert_eq!((b.title.as_str(), b.id_hint.as_str()), ("Given", "Given"));
    }
}
