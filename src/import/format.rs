//! The article formats newscoder reads, and how a file's format is told
//! from its name.

use std::path::Path;

/// A format of article files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text; the first non-empty line is the title.
    Txt,
    /// Markdown; like text, with a leading `# ` dropped from the title.
    Md,
    /// A web page; the main text is extracted.
    Html,
    /// One article per line as a JSON object with a `text` key.
    Jsonl,
    /// A table with a `text` column.
    Csv,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 5] = [
        Format::Txt,
        Format::Md,
        Format::Html,
        Format::Jsonl,
        Format::Csv,
    ];

    /// The name used by `--format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }

    /// The format named `name` (case-insensitive; common aliases accepted).
    pub fn from_name(name: &str) -> Option<Format> {
        match name
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase()
            .as_str()
        {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The format a file's extension says, if it says one.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }

    /// Whether one file holds many articles (and so gets a larger size
    /// limit, with each article checked on its own).
    pub fn is_batch(self) -> bool {
        matches!(self, Format::Jsonl | Format::Csv)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names_and_paths() {
        assert_eq!(Format::from_path(Path::new("a/b.HTM")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("x.markdown")), Some(Format::Md));
        assert_eq!(
            Format::from_path(Path::new("x.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(Format::from_path(Path::new("noext")), None);
        assert_eq!(Format::from_name("pdf"), None);
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.as_str()), Some(f));
        }
    }
}
