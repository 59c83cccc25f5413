//! newscoder: hand-code news coverage — tag actors, stances and events in
//! articles, save them as RON project folders, export datasets and compare
//! coders.
//!
//! The core modules (`model`, `text`, `store`, `import`, `edit`) know nothing
//! of the window or the command line; `gui` and `cli` are thin layers on top.

pub mod model;
pub mod text;
pub mod store;
pub mod edit;
pub mod stats;
pub mod agreement;
pub mod synth;
pub mod import;
pub mod export;
pub mod cli;
#[cfg(feature = "gui")]
pub mod gui;
