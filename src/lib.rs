//! newscoder: hand-code news coverage — tag actors, stances and events in
//! articles, save them as RON project folders, export datasets and compare
//! coders.
//!
//! The core modules (`model`, `text`, `store`, `formats`, `import`, `actor_list`,
//! `export`, `agreement`, `edit`, `stats`, `suggestions`, `overview`, `rng`,
//! `synth`, `wording`) know nothing of the window or the command line; `cli` and `gui`
//! sit on top of them, and `gui` is the only module that knows egui. The
//! module table, one edit's path from key press to file and the invariants
//! are in `docs/ARCHITECTURE.md`; every file format in `docs/formats.md`.

#![warn(missing_docs)]

pub mod actor_list;
pub mod agreement;
pub mod cli;
pub mod edit;
pub mod export;
pub mod formats;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod merge;
pub mod model;
pub mod overview;
pub mod rng;
pub mod session;
pub mod stats;
pub mod store;
pub mod suggestions;
pub mod synth;
#[cfg(test)]
pub(crate) mod test_fixture;
pub mod text;
pub mod wording;
