//! `newscoder validate PROJECT`: list every problem, exit 1 if any.

use crate::store::validate_project;
use crate::wording::count;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    pub project: PathBuf,
}

/// Checks the project; never writes anything.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let problems = validate_project(&args.project);
    if problems.is_empty() {
        println!("{}: no problems found", args.project.display());
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        println!("{p}");
    }
    eprintln!(
        "{}: {} found",
        args.project.display(),
        count(problems.len(), "problem", "problems")
    );
    Ok(ExitCode::FAILURE)
}
