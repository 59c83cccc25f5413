//! RON serialisation in the project's house style (pretty, one span per
//! line) and parsing that reports the file, line and column.

use super::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Nesting deeper than this is rejected before it can exhaust the stack.
const RECURSION_LIMIT: usize = 64;

/// Pretty RON: nested structures up to `depth` levels get their own lines,
/// deeper ones are written inline (so an annotation file has one span per
/// line and stays compact and diffable).
pub fn to_ron<T: Serialize>(value: &T, depth: usize, path: &Path) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(depth)
        .struct_names(false)
        .indentor("    ");
    ron::ser::to_string_pretty(value, config)
        .map(|s| s + "\n")
        .map_err(|e| StoreError::Invalid {
            path: path.to_path_buf(),
            message: format!("cannot be written as RON: {e}"),
        })
}

/// Parses `text` (read from `path`) as RON.
pub fn from_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, StoreError> {
    // A byte-order mark (some editors add one) is not part of the RON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str(text)
        .map_err(|e| {
            let (line, col) = (e.span.start.line, e.span.start.col);
            let mut message = match e.code {
                // ron's own text tells programmers to raise the limit.
                ron::Error::ExceededRecursionLimit => format!(
                    "nested more than {RECURSION_LIMIT} levels deep; no project file is, so \
                     this one is damaged or was not written by newscoder"
                ),
                ref code => code.to_string(),
            };
            if nothing_after(text, e.span.end.line, e.span.end.col) {
                // "Expected colon" at the very end means a cut-off file.
                message.push_str(" (the file ends here: was it cut short?)");
            }
            StoreError::Parse {
                path: path.to_path_buf(),
                line,
                col,
                message,
            }
        })
}

/// Whether only whitespace follows the 1-based `line`:`col` of `text`.
fn nothing_after(text: &str, line: usize, col: usize) -> bool {
    let Some(rest_of_line) = text.split('\n').nth(line.saturating_sub(1)) else {
        return true;
    };
    let here = rest_of_line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(rest_of_line.len(), |(i, _)| i);
    let later: usize = text
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum();
    text[(later + here).min(text.len())..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_off_file_is_called_so_and_other_errors_are_not() {
        let path = Path::new("a.ron");
        let full = "(\n    name: \"x\",\n    n: 3,\n)\n";
        let cut = &full[..full.find("n: 3").unwrap() + 1];
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            name: String,
            n: u32,
        }
        let err = from_ron::<T>(path, cut).unwrap_err().to_string();
        assert!(err.contains("was it cut short?"), "{err}");
        assert!(err.starts_with("a.ron:3:"), "{err}");
        let wrong = full.replace("3", "\"three\"");
        let err = from_ron::<T>(path, &wrong).unwrap_err().to_string();
        assert!(!err.contains("cut short"), "{err}");
        assert!(from_ron::<T>(path, full).is_ok());
        // A BOM is accepted.
        assert!(from_ron::<T>(path, &format!("\u{feff}{full}")).is_ok());
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let err = from_ron::<ron::Value>(path, &deep).unwrap_err().to_string();
        assert!(err.contains("nested more than 64 levels deep"), "{err}");
        assert!(
            !err.contains("recursion_limit") && !err.contains("serde_stacker"),
            "{err}"
        );
    }
}
