//! Web pages: the main text extracted with a real HTML parser (html5ever
//! via scraper). Scripts, styles, navigation, headers, footers, asides and
//! forms are dropped; block elements become paragraph breaks; whitespace is
//! normalised; `<article>`/`<main>` are preferred when present. Title and
//! metadata come from the page's head. Nothing is ever fetched.

use super::article::{Article, clip_title, first_line_title, put_field};
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg",
    "iframe", "object", "embed", "canvas", "button", "select", "textarea", "head", "dialog",
    "menu",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "caption",
    "body",
    "center",
];

/// An article from a web page's decoded contents.
pub fn read_html(source: &str) -> Article {
    let page = Html::parse_document(source);
    let mut article = Article::default();
    read_head(&page, &mut article);
    let root = content_root(&page);
    article.text = extract_text(root);
    if article.title.is_empty() {
        article.title = first_text(&page, "h1").unwrap_or_else(|| first_line_title(&article.text));
    }
    article
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the built-in CSS selectors are valid")
}

fn first_text(page: &Html, css: &str) -> Option<String> {
    page.select(&selector(css))
        .map(|e| clip_title(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// Title, metadata and canonical address from the page's head.
fn read_head(page: &Html, article: &mut Article) {
    let mut og_title = None;
    let mut date: Option<(usize, String)> = None;
    let mut og_url = None;
    for meta in page.select(&selector("meta")) {
        let el = meta.value();
        let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        // Lower rank wins: the Open Graph date is the most reliable.
        const DATE_KEYS: [&str; 7] = [
            "article:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "dc.date",
            "dcterms.date",
        ];
        if let Some(rank) = DATE_KEYS.iter().position(|k| *k == key) {
            if date.as_ref().is_none_or(|(r, _)| rank < *r) {
                date = Some((rank, content.to_string()));
            }
            continue;
        }
        match key.as_str() {
            "author" | "article:author" | "dc.creator" if article.meta.author.is_empty() => {
                article.meta.author = content.to_string();
            }
            "og:site_name" => article.meta.outlet = content.to_string(),
            "og:title" => og_title = Some(clip_title(content)),
            "og:url" => og_url = Some(content.to_string()),
            "description" | "og:description" => {
                put_field(article, "description", content.to_string());
            }
            _ => {}
        }
    }
    if let Some((_, d)) = date {
        article.meta.date = d;
    }
    let canonical = page
        .select(&selector("link[rel=canonical]"))
        .filter_map(|l| l.value().attr("href"))
        .map(str::trim)
        .find(|h| !h.is_empty());
    if let Some(url) = canonical.map(str::to_string).or(og_url) {
        article.meta.url = url;
    }
    if let Some(lang) = page.root_element().value().attr("lang") {
        put_field(article, "language", lang.to_string());
    }
    article.title = first_text(page, "title").or(og_title).unwrap_or_default();
}

/// The element holding the article: the `<article>` with the most text,
/// else `<main>`, else `<body>`, else the whole page.
fn content_root(page: &Html) -> ElementRef<'_> {
    let text_len = |e: &ElementRef| e.text().map(str::len).sum::<usize>();
    page.select(&selector("article"))
        .max_by_key(text_len)
        .filter(|e| text_len(e) > 0)
        .or_else(|| page.select(&selector("main, [role=main]")).next())
        .or_else(|| page.select(&selector("body")).next())
        .unwrap_or_else(|| page.root_element())
}

/// Whether an element's content is left out of the text.
fn dropped(el: &scraper::node::Element) -> bool {
    DROPPED.contains(&el.name())
        || el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
}

/// The visible text under `root`, one paragraph per block element. Walks
/// the tree without recursion, so absurdly deep pages cannot overflow the
/// stack.
fn extract_text(root: ElementRef<'_>) -> String {
    let mut out = Paragraphs::default();
    let start = *root;
    let mut node = start;
    'walk: loop {
        // Enter `node`.
        let mut descend = true;
        match node.value() {
            Node::Text(t) => out.push_text(t),
            Node::Element(el) if dropped(el) => descend = false,
            Node::Element(el) => match el.name() {
                "br" => out.line_break(),
                "td" | "th" => out.push_text(" "),
                name if BLOCKS.contains(&name) => out.flush(),
                _ => {}
            },
            _ => {}
        }
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        // Leave `node` and every ancestor that has no next sibling.
        loop {
            if let Node::Element(el) = node.value()
                && BLOCKS.contains(&el.name())
                && !dropped(el)
            {
                out.flush();
            }
            if node.id() == start.id() {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    out.finish()
}

/// Collects text into paragraphs with whitespace collapsed.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            // Zero-width no-break spaces (stray BOMs) and zero-width spaces
            // are common in scraped pages; as text they would only hide in
            // the stored article and shift offsets invisibly.
            if c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}') {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        let kept = self.current.trim_end_matches(' ').len();
        self.current.truncate(kept);
        self.current.push('\n');
    }

    fn flush(&mut self) {
        let lines: Vec<&str> = self
            .current
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.done.push(lines.join("\n"));
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.flush();
        self.done.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_byte_order_marks_do_not_reach_the_text() {
        // Found by fuzzing (fuzz/fuzz_targets/article_import.rs).
        let a = read_html("<html><body><p>\u{feff}Text\u{200b} here</p></body></html>");
        assert_eq!(a.text, "Text here");
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
        <title>Guaido calls for uprising | Example News</title>
        <meta property="og:site_name" content="Example News">
        <meta name="author" content="Jane Doe">
        <meta name="date" content="2019-05-02">
        <meta property="article:published_time" content="2019-05-01T10:00:00Z">
        <link rel="canonical" href="https://example.com/a/1">
        <style>p { color: red }</style>
        <script>var tracking = "do not keep";</script>
        </head><body>
        <nav><a href="/">Home</a> | <a href="/world">World</a></nav>
        <header>Site banner</header>
        <article>
          <h1>Guaido calls   for uprising</h1>
          <p>Opposition leader <b>Juan Guaido</b>
             called on the military.</p>
          <p>Maduro said the plot failed.<br>He thanked the army.</p>
          <script>alert("no")</script>
          <aside>Related news: something else</aside>
          <ul><li>First &amp; point</li><li>Second</li></ul>
        </article>
        <footer>Copyright</footer>
        </body></html>"#;

    #[test]
    fn extracts_main_text_and_metadata() {
        let a = read_html(PAGE);
        assert_eq!(a.title, "Guaido calls for uprising | Example News");
        assert_eq!(
            a.text,
            "Guaido calls for uprising\n\nOpposition leader Juan Guaido called on the military.\n\n\
             Maduro said the plot failed.\nHe thanked the army.\n\nFirst & point\n\nSecond"
        );
        assert_eq!(a.meta.outlet, "Example News");
        assert_eq!(a.meta.author, "Jane Doe");
        assert_eq!(a.meta.date, "2019-05-01T10:00:00Z");
        assert_eq!(a.meta.url, "https://example.com/a/1");
        assert_eq!(a.meta.extra["language"], "en");
        for gone in [
            "tracking",
            "Home",
            "banner",
            "Related",
            "Copyright",
            "color",
        ] {
            assert!(!a.text.contains(gone), "{gone} should be dropped");
        }
    }

    #[test]
    fn without_article_uses_body_and_h1_title() {
        let a =
            read_html("<body><h1>Headline</h1><div>One</div><div>Two <i>words</i></div></body>");
        assert_eq!(a.title, "Headline");
        assert_eq!(a.text, "Headline\n\nOne\n\nTwo words");
    }

    #[test]
    fn og_title_when_no_title_element() {
        let a =
            read_html(r#"<head><meta property="og:title" content="OG headline"></head><p>x</p>"#);
        assert_eq!(a.title, "OG headline");
    }

    #[test]
    fn deeply_nested_pages_do_not_overflow() {
        let page = format!("{}deep{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        assert_eq!(read_html(&page).text, "deep");
    }
}
