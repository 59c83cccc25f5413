//! The `newscoder` binary: parses the command line and hands over to the
//! window or to one subcommand.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newscoder: error: {}", newscoder::cli::error_message(&err));
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = newscoder::cli::Cli::parse();
    newscoder::cli::dispatch(cli)
}

/// Rust ignores SIGPIPE, so `newscoder stats p | head` would panic on the
/// closed pipe; a command-line tool should simply stop, as `cat` does.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; sets
    // the signal disposition to the default, which is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
