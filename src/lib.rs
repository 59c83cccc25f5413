//! newscoder: hand-code news coverage — tag actors, stances and events in
//! articles, save them as RON project folders, export datasets and compare
//! coders.
//!
//! The core modules (`model`, `text`, `store`, `import`, `edit`) know nothing
//! of the window or the command line; `gui` and `cli` are thin layers on top.

pub mod agreement;
pub mod cli;
pub mod edit;
pub mod export;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod model;
pub mod overview;
pub mod stats;
pub mod store;
pub mod suggestions;
pub mod synth;
pub mod text;
pub mod wording;
