//! The command-line contract of docs/formats.md, "Command line": one file per subcommand, each
//! parsing its arguments, calling the core and printing the result.

mod actors;
mod agree;
mod agree_team;
mod export;
mod import;
mod merge;
mod new;
mod restore;
mod stats;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// newscoder: hand-code news coverage.
#[derive(Debug, Parser)]
#[command(name = "newscoder", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project folder to open in the window.
    pub project: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the window (default: last project, else the bundled example).
    Gui {
        /// Project folder to open.
        project: Option<PathBuf>,
    },
    /// Create a new project folder.
    New(new::Args),
    /// Add articles, or with --coder pre-annotated documents and their annotations.
    Import(import::Args),
    /// Write a dataset: jsonl, prodigy, conll, csv, brat, graphml or network-csv.
    Export(export::Args),
    /// Agreement between two coders (figures per label, beyond-span figures, disagreements)
    /// or more (alpha over all of them, every pair, their mean).
    Agree(agree::Args),
    /// The actor registry: list it, add an actor, import or export a CSV actor list.
    Actors(actors::Args),
    /// Bring another copy's coders, actors, documents and codebook additions in.
    Merge(merge::Args),
    /// Check every file of a project; exit 1 with a list of problems.
    Validate(validate::Args),
    /// Counts per coder, label, document and status.
    Stats(stats::Args),
    /// List earlier versions of project files, or restore one.
    Restore(restore::Args),
}

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            if let Some(p) = &cli.project {
                check_project_argument(p)?;
            }
            open_window(cli.project)
        }
        Some(Command::Gui { project }) => {
            let project = project.or(cli.project);
            if let Some(p) = &project {
                check_project_argument(p)?;
            }
            open_window(project)
        }
        Some(Command::New(args)) => new::run(args),
        Some(Command::Import(args)) => import::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Agree(args)) => agree::run(args),
        Some(Command::Actors(args)) => actors::run(args),
        Some(Command::Merge(args)) => merge::run(args),
        Some(Command::Validate(args)) => validate::run(args),
        Some(Command::Stats(args)) => stats::run(args),
        Some(Command::Restore(args)) => restore::run(args),
    }
}

/// A bare argument names the project to open: one that does not exist is
/// more likely a mistyped subcommand (`newscoder valdate p`) than a wish
/// to see an empty window, so say so instead of opening one.
fn check_project_argument(path: &std::path::Path) -> anyhow::Result<()> {
    if path.exists() {
        return Ok(());
    }
    let typed = path.to_string_lossy();
    let closest = <Command as clap::Subcommand>::augment_subcommands(clap::Command::new("x"))
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .map(|name| (strsim::levenshtein(&typed, &name), name))
        .min();
    match closest {
        Some((distance, name)) if distance <= 2 => anyhow::bail!(
            "{typed}: no such project folder; did you mean the subcommand `{name}`? (see --help)"
        ),
        _ => anyhow::bail!("{typed}: no such project folder (see --help)"),
    }
}

#[cfg(feature = "gui")]
fn open_window(project: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    crate::gui::run(project)
}

#[cfg(not(feature = "gui"))]
fn open_window(_project: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this newscoder was built without the window (feature `gui`); use a subcommand, see --help"
    )
}

/// Whether output written to `path` lands on standard output (`-`, or a
/// name for the same file, pipe or terminal such as `/dev/stdout`): then
/// the command's own messages go to standard error, not into the data.
pub(crate) fn is_standard_output(path: &std::path::Path) -> bool {
    if path == std::path::Path::new("-") {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let same =
            |a: &std::fs::Metadata, b: &std::fs::Metadata| a.dev() == b.dev() && a.ino() == b.ino();
        if let (Ok(out), Ok(stdout)) = (std::fs::metadata(path), std::fs::metadata("/dev/stdout")) {
            return same(&out, &stdout);
        }
    }
    false
}

/// A command's error as printed: each cause once. (A store error already
/// ends with the OS's words, which are also its cause; printing the chain
/// gave “No space left on device (os error 28): No space left on device
/// (os error 28)”.)
pub fn error_message(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !out.contains(&cause) {
            out.push_str(": ");
            out.push_str(&cause);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_printed_once() {
        let full = std::io::Error::from_raw_os_error(28);
        let err = anyhow::Error::from(crate::store::StoreError::io("p/project.ron", full));
        let message = error_message(&err);
        let said = std::io::Error::from_raw_os_error(28).to_string();
        assert_eq!(message.matches(&said).count(), 1, "{message}");
        assert!(message.starts_with("p/project.ron: "), "{message}");
        let wrapped = anyhow::anyhow!("inner").context("outer");
        assert_eq!(error_message(&wrapped), "outer: inner");
    }

    #[test]
    fn a_bare_path_opens_the_window_and_subcommands_still_parse() {
        let cli = Cli::try_parse_from(["newscoder", "my-project"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(
            cli.project.as_deref(),
            Some(std::path::Path::new("my-project"))
        );
        let cli = Cli::try_parse_from(["newscoder", "validate", "p"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Validate(_))));
        let cli = Cli::try_parse_from(["newscoder", "gui", "p"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Gui { project: Some(_) })
        ));
    }
}
