//! Plain-text and Markdown articles: the text is kept exactly as written;
//! the title is the first non-empty line (for Markdown without its leading
//! `#` marks).

use super::article::{Article, clip_title, first_line_title};

/// An article from a plain-text file's decoded contents.
pub fn read_txt(text: String) -> Article {
    Article {
        title: first_line_title(&text),
        text,
        ..Article::default()
    }
}

/// An article from a Markdown file's decoded contents. The stored text
/// keeps its markup: offsets must refer to what the file says.
pub fn read_md(text: String) -> Article {
    let first = first_line_title(&text);
    let title = match first.trim_start_matches('#') {
        rest if rest.len() < first.len() && (rest.starts_with(' ') || rest.is_empty()) => {
            clip_title(rest.trim_end_matches('#'))
        }
        _ => first.clone(),
    };
    Article {
        title,
        text,
        ..Article::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_title_is_first_line_and_text_kept() {
        let a = read_txt("\n  Headline here\n\nBody.".into());
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.text, "\n  Headline here\n\nBody.");
    }

    #[test]
    fn md_title_loses_hashes_but_text_keeps_them() {
        let a = read_md("# Guaido calls for *uprising* #\n\nBody **bold**.".into());
        assert_eq!(a.title, "Guaido calls for *uprising*");
        assert!(a.text.starts_with("# Guaido"));
        assert_eq!(read_md("## Sub".into()).title, "Sub");
        assert_eq!(read_md("#hashtag news".into()).title, "#hashtag news");
    }
}
