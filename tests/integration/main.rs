//! All integration tests in one binary (one link, shared helpers).

mod util;

mod agree;
mod cli_basics;
mod crash_safety;
mod import;
mod example_project;
mod export;
mod gui;
mod gui_panels;
mod store_roundtrip;
