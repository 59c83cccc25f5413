//! The `newscoder` binary: parses the command line and hands over to the
//! window or to one subcommand.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newscoder: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = newscoder::cli::Cli::parse();
    newscoder::cli::dispatch(cli)
}
