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
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str(text)
        .map_err(|e| StoreError::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
}
