//! All integration tests in one binary (one link, shared helpers).

mod util;

mod actors_cli;
mod agree;
mod agree_team;
mod cli_basics;
mod cli_concurrent;
mod cli_encoding;
mod cli_export_targets;
mod cli_hostile_files;
mod cli_killed_import;
mod cli_messages;
mod cli_one_project;
mod cli_restore;
mod cli_text;
mod crash_safety;
mod example_project;
mod export;
mod gui;
mod gui_codes;
mod gui_files;
mod gui_first_run;
mod gui_journal;
mod gui_merge;
mod gui_panels;
mod gui_robustness;
mod gui_small;
mod gui_text;
mod import;
mod import_links_codes;
mod merge;
mod migration;
mod overview;
mod store_roundtrip;
mod suggestions;
mod team_git;
