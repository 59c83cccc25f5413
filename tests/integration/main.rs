//! All integration tests in one binary (one link, shared helpers).

mod util;

mod cli_basics;
mod example_project;
mod store_roundtrip;
