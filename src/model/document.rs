//! A document's entry in the project index: id, title, metadata and the hash
//! of its text. The text itself lives in `documents/<id>.txt`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Bibliographic facts about an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Metadata {
    /// Publishing outlet, e.g. "Reuters".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlet: String,
    /// Publication date, ideally ISO `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Author(s).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Where the article was published.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The file it was imported from (file name only, for provenance).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_file: String,
    /// Any other key/value pairs the source carried.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_map::deserialize"
    )]
    pub extra: BTreeMap<String, String>,
}

/// One document of the project index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// Stable, filesystem-safe id; the text is `documents/<id>.txt`.
    pub id: String,
    /// Headline or title.
    pub title: String,
    /// Outlet, date and other metadata.
    #[serde(default)]
    pub meta: Metadata,
    /// SHA-256 of the text (hex), to detect drift.
    pub text_hash: String,
    /// Length of the text in characters.
    pub chars: usize,
}
