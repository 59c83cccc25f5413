//! `newscoder import PROJECT FILE... [--format F] [--coder NAME]`: articles,
//! or with `--coder` pre-annotated documents and that coder's annotations.

use crate::import::{
    AnnotatedBatch, AnnotatedReport, Format, ImportError, ImportReport, OnInvalid, Placement,
    commit_annotated_with, import_articles, read_jsonl_annotated_with, records_affected,
};
use crate::model::{is_safe_name, safe_name};
use crate::store::{CoderLock, LockOutcome, ProjectDir};
use crate::wording::{count, quoted};
use anyhow::bail;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Articles: every readable file is imported; files that are binary, empty, too large
(20 MiB per article) or malformed are skipped with a message, and so are texts the
project already has. Exit status 0 if anything could be read, 1 if every file failed.

Pre-annotated (--coder): all or nothing. Any problem in any line (file and line are
named) means exit status 1 and nothing is written; with --skip-invalid the valid
lines or records are imported and each one left out is listed on stderr as
FILE:LINE: reason (exit status 0). A document whose text is already
in the project gets the annotations; labels the codebook lacks are added to the
category `Imported`.")]
pub struct Args {
    /// The project folder.
    pub project: PathBuf,
    /// Files to import.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Format of the files (default: from each file's extension). Articles:
    /// txt, md, html, jsonl, csv (with a `text` column). Pre-annotated, with
    /// --coder: jsonl (doccano, Prodigy or newscoder's own export) or brat
    /// (folders or .ann files with their .txt).
    #[arg(long)]
    pub format: Option<String>,
    /// Import pre-annotated documents, as this coder's annotations.
    #[arg(long)]
    pub coder: Option<String>,
    /// Import a model's predictions as suggestions (the reserved coder
    /// `suggestions`, replacing its earlier suggestions of those
    /// documents); --format jsonl or prodigy.
    #[arg(long, conflicts_with = "coder")]
    pub suggestions: bool,
    /// With --coder or --suggestions: import the valid lines or records,
    /// list each one left out on stderr as FILE:LINE: reason, exit 0.
    #[arg(long)]
    pub skip_invalid: bool,
}

impl Args {
    fn on_invalid(&self) -> OnInvalid {
        if self.skip_invalid {
            OnInvalid::Skip
        } else {
            OnInvalid::Refuse
        }
    }
}

/// An error of a pre-annotated import: with invalid input, how many lines
/// or records are bad and that `--skip-invalid` imports the others.
fn with_hint(e: ImportError) -> anyhow::Error {
    match &e {
        ImportError::Invalid(problems) => {
            // Problems of the whole import (no documents at all, a bad
            // coder name) are not skipped lines.
            let n = records_affected(problems)
                - ["input", "coder"]
                    .iter()
                    .filter(|o| problems.iter().any(|p| p.origin == **o))
                    .count();
            if n == 0 {
                return e.into();
            }
            anyhow::anyhow!(
                "{e}\n{} invalid; --skip-invalid imports the others and lists these on stderr",
                count(n, "line or record is", "lines or records are")
            )
        }
        ImportError::Store(_) => e.into(),
    }
}

/// Runs the import.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut dir = ProjectDir::open(&args.project)?;
    if args.suggestions {
        return run_suggestions(&mut dir, &args);
    }
    match &args.coder {
        Some(coder) => run_annotated(&mut dir, &args, coder),
        None => run_articles(&mut dir, &args),
    }
}

fn run_articles(dir: &mut ProjectDir, args: &Args) -> anyhow::Result<ExitCode> {
    let format = match args.format.as_deref() {
        None => None,
        Some(name) => match Format::from_name(name) {
            Some(f) => Some(f),
            None if name.eq_ignore_ascii_case("brat") => {
                bail!("brat files carry annotations; import them with --coder NAME --format brat")
            }
            None => bail!(
                "unknown article format {name}; use txt, md, html, jsonl or csv",
                name = quoted(name)
            ),
        },
    };
    if args.skip_invalid {
        bail!(
            "--skip-invalid is for pre-annotated imports (--coder or --suggestions); an article \
             import already skips what it cannot read"
        );
    }
    let report = import_articles(dir, &args.files, format)?;
    print_article_report(&report);
    if report.all_failed() {
        eprintln!("newscoder: error: no file could be imported");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_article_report(report: &ImportReport) {
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for s in &report.skipped {
        eprintln!("skipped: {s}");
    }
    for d in &report.imported {
        println!("  + {}  {}  ({})", d.id, quoted(&d.title), d.origin);
    }
    println!("{}", report.summary());
}

fn run_annotated(dir: &mut ProjectDir, args: &Args, coder: &str) -> anyhow::Result<ExitCode> {
    if crate::suggestions::is_suggestions_coder(coder) {
        bail!(
            "the coder name {coder} is kept for a model's predictions; import them with --suggestions",
            coder = quoted(coder)
        );
    }
    let coder = if is_safe_name(coder) {
        coder.to_string()
    } else {
        let safe = safe_name(coder, "coder");
        eprintln!(
            "note: coder name {coder} is stored as {safe} (it names a folder)",
            coder = quoted(coder),
            safe = quoted(&safe)
        );
        safe
    };
    let spelled = dir.coder_spelling(&coder);
    let coder = if spelled != coder {
        eprintln!(
            "note: {} is the project's coder {} (names differing only in case are one folder on macOS and Windows)",
            quoted(&coder),
            quoted(&spelled)
        );
        spelled
    } else {
        coder
    };
    let format = match &args.format {
        Some(f) => f.trim().to_ascii_lowercase(),
        None => format_from_extensions(&args.files)?,
    };
    // One arm per reader of pre-annotated data; each returns an
    // AnnotatedBatch (or every problem found) for commit_annotated.
    let batch: Result<AnnotatedBatch, ImportError> = match format.as_str() {
        "jsonl" | "ndjson" | "json" => {
            read_jsonl_annotated_with(&args.files, &coder, args.on_invalid())
        }
        "brat" | "ann" => {
            if let Some(hint) = per_coder_brat_folders(&args.files) {
                bail!(hint);
            }
            crate::import::brat::read_brat_with(
                &args.files,
                Some(&dir.project.codebook),
                args.on_invalid(),
            )
        }
        other => {
            bail!(
                "unknown format {other} for pre-annotated import; use --format jsonl or brat",
                other = quoted(other)
            )
        }
    };
    let batch = batch.map_err(with_hint)?;
    let _coder_lock = lock_coder(dir.root(), &coder)?;
    commit_batch(dir, &coder, batch, false, args.on_invalid())
}

/// Commits what was read and prints the outcome: warnings, the lines or
/// records left out (with `--skip-invalid`), Prodigy answers, documents.
fn commit_batch(
    dir: &mut ProjectDir,
    coder: &str,
    mut batch: AnnotatedBatch,
    replace: bool,
    on_invalid: OnInvalid,
) -> anyhow::Result<ExitCode> {
    for w in &batch.warnings {
        eprintln!("warning: {w}");
    }
    print_answers(&batch);
    let docs = std::mem::take(&mut batch.docs);
    let result = if docs.is_empty() && !batch.skipped.is_empty() {
        for p in &batch.skipped {
            eprintln!("skipped: {p}");
        }
        bail!(
            "nothing to import: all {} invalid",
            count(
                records_affected(&batch.skipped),
                "line or record is",
                "lines or records are"
            )
        );
    } else {
        commit_annotated_with(dir, coder, docs, replace, on_invalid)
    };
    let mut report = result.map_err(with_hint)?;
    let mut skipped = std::mem::take(&mut batch.skipped);
    skipped.append(&mut report.skipped);
    report.skipped = skipped;
    print_annotated_report(&report);
    Ok(ExitCode::SUCCESS)
}

/// How many lines had each Prodigy answer, and how many accepted lines
/// joined another with the same text.
fn print_answers(batch: &AnnotatedBatch) {
    if !batch.answers.is_empty() {
        let each: Vec<String> = batch
            .answers
            .iter()
            .map(|(a, n)| format!("{n} {a}"))
            .collect();
        println!(
            "Prodigy answers: {} (only accepted lines are imported)",
            each.join(", ")
        );
    }
    if batch.merged_lines > 0 {
        println!(
            "{} merged into the document of an earlier line with the same text",
            count(batch.merged_lines, "line", "lines")
        );
    }
}

/// Takes `coder`'s lock for the import, as a window does for its coder, so
/// that a window open as that coder is not written under (it would
/// overwrite the import, or the import its unsaved work), and a window
/// opened meanwhile is told that the coder is busy.
fn lock_coder(root: &Path, coder: &str) -> anyhow::Result<CoderLockGuard> {
    let folder = root.join(crate::store::ANNOTATIONS_DIR).join(coder);
    let existed = folder.exists();
    let lock = match CoderLock::acquire(root, coder)? {
        LockOutcome::Acquired(lock) => lock,
        LockOutcome::HeldBy(holder) => bail!(
            "the annotations of coder {coder} are open for editing in {holder} (a newscoder \
             window); importing now could overwrite that work or be overwritten by it: close \
             the project there, then import again",
            coder = quoted(coder)
        ),
    };
    Ok(CoderLockGuard {
        lock: Some(lock),
        new_folder: (!existed).then_some(folder),
    })
}

/// A coder's lock held by an import; on release, the coder's folder is
/// removed again if the lock alone created it (an empty folder would count
/// as a coder).
struct CoderLockGuard {
    lock: Option<CoderLock>,
    new_folder: Option<PathBuf>,
}

impl Drop for CoderLockGuard {
    fn drop(&mut self) {
        drop(self.lock.take());
        if let Some(folder) = &self.new_folder {
            // Only succeeds when empty: an import that wrote keeps it.
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// A folder given to a brat import that holds no `.txt` itself but
/// subfolders that do, as newscoder's brat export writes (one per coder):
/// the message says which subfolders to import.
fn per_coder_brat_folders(paths: &[PathBuf]) -> Option<String> {
    let has_txt = |dir: &Path| {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
    };
    for dir in paths.iter().filter(|p| p.is_dir()) {
        if has_txt(dir) {
            continue;
        }
        let mut subfolders: Vec<String> = std::fs::read_dir(dir)
            .ok()?
            .flatten()
            .filter(|e| e.path().is_dir() && has_txt(&e.path()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        subfolders.sort();
        let first = subfolders.first()?;
        return Some(format!(
            "{dir} holds no brat documents itself, but its folders {list} do (newscoder's brat \
             export keeps one folder per coder); import one coder's folder at a time, e.g. \
             --coder {first} --format brat {example}",
            dir = dir.display(),
            list = subfolders
                .iter()
                .map(|s| format!("{s}/"))
                .collect::<Vec<_>>()
                .join(", "),
            example = dir.join(first).display()
        ));
    }
    None
}

fn run_suggestions(dir: &mut ProjectDir, args: &Args) -> anyhow::Result<ExitCode> {
    use crate::suggestions::SUGGESTIONS_CODER;
    let format = match &args.format {
        Some(f) => f.trim().to_ascii_lowercase(),
        None => format_from_extensions(&args.files)?,
    };
    if !matches!(format.as_str(), "jsonl" | "ndjson" | "json" | "prodigy") {
        bail!(
            "unknown format {format} for suggestions; use --format jsonl or prodigy",
            format = quoted(&format)
        );
    }
    let batch = read_jsonl_annotated_with(&args.files, SUGGESTIONS_CODER, args.on_invalid())
        .map_err(with_hint)?;
    commit_batch(dir, SUGGESTIONS_CODER, batch, true, args.on_invalid())
}

/// The format all `files` share: by extension, or `brat` for folders and
/// `.ann`/`.txt` pairs.
fn format_from_extensions(files: &[PathBuf]) -> anyhow::Result<String> {
    let kind = |p: &Path| {
        if p.is_dir() {
            return Some("brat".to_string());
        }
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ann" | "txt" => "brat".to_string(),
            _ => ext,
        })
    };
    let Some(first) = files.first().and_then(|p| kind(p)) else {
        bail!("cannot tell the format of the files from their names; give --format");
    };
    if let Some(other) = files.iter().find(|p| kind(p).as_deref() != Some(&first)) {
        bail!(
            "{} is not in the same format ({first}) as the first file; give --format",
            other.display()
        );
    }
    Ok(first)
}

fn print_annotated_report(report: &AnnotatedReport) {
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for p in &report.skipped {
        eprintln!("skipped: {p}");
    }
    if report.coder_added {
        println!("new coder: {}", report.coder);
    }
    if !report.added_labels.is_empty() {
        println!(
            "added to the codebook (category Imported): {}",
            report.added_labels.join(", ")
        );
    }
    for change in &report.codebook_changes {
        println!("codebook: {change}");
    }
    if !report.added_actors.is_empty() {
        println!("new actors: {}", report.added_actors.join(", "));
    }
    for d in &report.documents {
        let how = match d.placement {
            Placement::Added => "new document",
            Placement::Attached => "attached to existing document",
            Placement::Unchanged => "already there, unchanged",
        };
        println!(
            "  {} -> {}: {} ({how})",
            d.origin,
            d.document,
            count(d.spans, "span", "spans")
        );
    }
    println!("{}", report.summary());
}
