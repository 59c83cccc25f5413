//! Bounds on a web page's shape, checked in one linear pass before the
//! page is parsed. The HTML parser (html5ever) looks through the whole
//! stack of open elements for many tags, and through all earlier attributes
//! for each attribute, so absurd nesting (200,000 `<div>`s) or a tag with
//! half a million attributes takes minutes to hours, though the file is
//! well under the size limit. No real article comes near these bounds
//! (browsers stop nesting at 512 levels).

/// Deepest nesting of elements accepted.
pub const MAX_HTML_DEPTH: usize = 1000;
/// Most attributes accepted on one tag.
pub const MAX_HTML_ATTRIBUTES: usize = 1000;

/// Elements that never have content (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose end tag may be left out: the next sibling closes them, so
/// they do not nest by themselves (their containers, counted, do).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "rb",
    "rt", "rtc", "rp", "html", "head", "body", "caption", "colgroup",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Checks `source` against the bounds; the error says which was passed.
/// The depth counted is an estimate from start and end tags (an end tag
/// closes the latest open element of its name, as the parser does), in
/// time linear in the page.
pub fn check_html_bounds(source: &str) -> Result<(), String> {
    let bytes = source.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    let mut i = 0;
    while let Some(at) = memchr(b'<', bytes, i) {
        i = at + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if matches!(bytes.get(i), Some(b'!' | b'?')) {
                i = memchr(b'>', bytes, i).map_or(bytes.len(), |e| e + 1);
            }
            continue;
        }
        let name_end = (name_start..bytes.len())
            .find(|&j| !(bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b':')))
            .unwrap_or(bytes.len());
        let name = source[name_start..name_end].to_ascii_lowercase();
        let (end, attributes, self_closed) = tag_end(bytes, name_end);
        i = end;
        if attributes > MAX_HTML_ATTRIBUTES {
            return Err(format!(
                "has a <{name}> tag with {attributes} attributes (more than {MAX_HTML_ATTRIBUTES}); \
                 this is not an article page"
            ));
        }
        if closing {
            // Close the latest open element of this name, if there is one;
            // elements are popped once each, so this stays linear.
            if counts.get(&name).is_some_and(|&n| n > 0) {
                while let Some(top) = open.pop() {
                    if let Some(n) = counts.get_mut(&top) {
                        *n -= 1;
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            i = raw_text_end(bytes, i, &name);
            continue;
        }
        if self_closed || VOID.contains(&name.as_str()) {
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&name.as_str()) {
            continue;
        }
        *counts.entry(name.clone()).or_default() += 1;
        open.push(name);
        if open.len() > MAX_HTML_DEPTH {
            return Err(format!(
                "is nested more than {MAX_HTML_DEPTH} elements deep; no article page is \
                 (remove the nesting or save the text as .txt)"
            ));
        }
    }
    Ok(())
}

/// Where a tag that started before `from` ends (after its `>`), how many
/// attributes it has, and whether it ends with `/>`. Quoted values may
/// hold `>`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, usize, bool) {
    let mut attributes = 0;
    let mut in_name = false;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (i + 1, attributes, bytes[i - 1] == b'/'),
            b'"' | b'\'' => {
                let quote = bytes[i];
                i = memchr(quote, bytes, i + 1).map_or(bytes.len(), |e| e + 1);
                in_name = false;
                continue;
            }
            b'=' => in_name = false,
            c if c.is_ascii_whitespace() || c == b'/' => in_name = false,
            _ => {
                if !in_name && bytes[i - 1] != b'=' {
                    attributes += 1;
                }
                in_name = true;
            }
        }
        i += 1;
    }
    (bytes.len(), attributes, false)
}

/// Where the raw text of a `name` element that starts at `from` ends.
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(at) = find(bytes, i, b"</") {
        let after = at + 2;
        let candidate = bytes.get(after..after + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return after;
        }
        i = after;
    }
    bytes.len()
}

fn memchr(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + from)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_pages_pass() {
        let page = r#"<!DOCTYPE html><html lang="es"><head><title>a > b</title>
            <meta charset="utf-8"><script>if (a < b && "</div>") {}</script></head>
            <body><div class="x" data-y='1>2'><p>One<p>Two<ul><li>a<li>b</ul>
            <img src="x.png" alt="<div>"><br/><!-- <div><div> --></div></body></html>"#;
        assert_eq!(check_html_bounds(page), Ok(()));
        let nested = format!("{}x{}", "<div>".repeat(900), "</div>".repeat(900));
        assert_eq!(check_html_bounds(&nested), Ok(()));
        // Unclosed paragraphs and list items do not nest.
        assert_eq!(check_html_bounds(&"<p>para".repeat(5000)), Ok(()));
    }

    #[test]
    fn absurd_nesting_and_attribute_counts_are_refused() {
        let deep = "<div><span><b>".repeat(400);
        assert!(
            check_html_bounds(&deep)
                .unwrap_err()
                .contains("1000 elements deep")
        );
        // Closed as it goes: never deep.
        assert_eq!(check_html_bounds(&"<div>x</div>".repeat(5000)), Ok(()));
        // An end tag of an element that is not open closes nothing.
        let odd = format!("{}{}", "<div>".repeat(600), "</span>".repeat(600));
        assert_eq!(check_html_bounds(&odd), Ok(()));
        let attrs: String = (0..1200).map(|i| format!(" a{i}=\"1\"")).collect();
        let err = check_html_bounds(&format!("<p{attrs}>x</p>")).unwrap_err();
        assert!(err.contains("1200 attributes"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_checked_without_panicking(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<", ">", "</", "/>", "<!--", "-->", "<!", "<?", "\"", "'", "=", " ", "a",
                    "div", "script", "p", "é", "x=1", "</script", "\n",
                ]),
                0..60,
            )
        ) {
            let _ = check_html_bounds(&parts.concat());
        }
    }
}
