//! `newscoder restore PROJECT [FILE]`: list earlier versions of project
//! files, or put one back.

use crate::store::{list_backups, restore_backup};
use crate::wording::count;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `restore`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project folder.
    pub project: PathBuf,
    /// The backup to restore (as listed, e.g. `annotations/alice/doc-1.ron.bak`),
    /// or the file whose backup to restore (e.g. `project.ron`). Without it,
    /// the backups are listed.
    pub file: Option<PathBuf>,
}

/// Lists or restores.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Some(file) = args.file else {
        let backups = list_backups(&args.project);
        if backups.is_empty() {
            println!("{}: no earlier versions kept yet", args.project.display());
        }
        for b in backups {
            let age = b
                .modified
                .and_then(|m| m.elapsed().ok())
                .map(|d| format!("{} min ago", d.as_secs() / 60))
                .unwrap_or_else(|| "unknown age".into());
            println!("{}\t{}\t({age})", b.backup.display(), b.file.display());
        }
        return Ok(ExitCode::SUCCESS);
    };
    // Not while an import or a window's save writes the same project.
    let _lock = match args.project.join(crate::store::PROJECT_FILE).is_file() {
        true => Some(crate::store::WriteLock::acquire(&args.project)?),
        false => None,
    };
    let restored = restore_backup(&args.project, &file)?;
    println!(
        "restored {} (the version it replaced is now its .bak)",
        restored.display()
    );
    // An older project.ron may not know documents or coders added since:
    // say so now rather than at the next open.
    let problems = crate::store::validate_project(&args.project);
    if !problems.is_empty() {
        eprintln!(
            "warning: the project now has {}, e.g. {}; run `newscoder validate`, \
             or restore the same file again to undo",
            count(problems.len(), "problem", "problems"),
            problems[0]
        );
    }
    Ok(ExitCode::SUCCESS)
}
