//! All integration tests in one binary (one link, shared helpers).

mod util;

mod agree;
mod agree_team;
mod cli_basics;
mod cli_text;
mod crash_safety;
mod example_project;
mod export;
mod gui;
mod gui_files;
mod gui_first_run;
mod gui_panels;
mod gui_robustness;
mod gui_small;
mod gui_text;
mod import;
mod overview;
mod store_roundtrip;
mod suggestions;
