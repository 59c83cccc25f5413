//! The streaming loop every export shares: for each document in project
//! order, load the selected coders' annotation sets, keep those the options
//! select, read the text only if something is left, check that the text is
//! the one the offsets were made on, hand the batch to the writer and drop
//! it. Loading runs ahead on other cores by a bounded window.

use super::ExportError;
use super::context::Ctx;
use crate::model::{AnnotationSet, DocumentEntry, Status};
use crate::store::ProjectDir;
use crate::text::char_len;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// One document and the annotation sets exported for it.
pub(crate) struct DocBatch<'a> {
    /// The document's index entry (id, title, metadata).
    pub entry: &'a DocumentEntry,
    /// Its text, exactly as stored.
    pub text: String,
    /// Length of the text in characters.
    pub chars: usize,
    /// The exported sets, in the order of `Ctx::coders`.
    pub sets: Vec<AnnotationSet>,
    /// Every selected coder's status on this document (in the order of
    /// `Ctx::coders`), `None` where the coder has no annotation file,
    /// whether or not the set passed the `done_only` filter.
    pub statuses: Vec<Option<Status>>,
}

/// Calls `f` for every document with at least one exported set, in
/// project order, then `progress(done, total)` after each document of the
/// project.
///
/// Parsing the annotation files costs more than writing any format, so on
/// a machine with more than one core, loader threads (one per further core,
/// up to [`MAX_LOADERS`]) read ahead while this thread writes. They never
/// get more than a small window of documents ahead, so memory stays flat
/// however large the project is.
pub(crate) fn for_each_document(
    dir: &ProjectDir,
    ctx: &Ctx,
    done_only: bool,
    progress: &mut dyn FnMut(usize, usize),
    mut f: impl FnMut(&DocBatch) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let docs = &dir.project.documents;
    let total = docs.len();
    progress(0, total);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    // This thread writes; the other cores load.
    let loaders = cores.saturating_sub(1).min(MAX_LOADERS);
    if loaders == 0 || total < 2 {
        for (i, entry) in docs.iter().enumerate() {
            if let Some(batch) = load(dir, &ctx.coders, entry, done_only)? {
                f(&batch)?;
            }
            progress(i + 1, total);
        }
        return Ok(());
    }
    let window = loaders * 4;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many documents the writer has consumed; loaders wait on it.
    let consumed = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, Loaded)>();
    std::thread::scope(|scope| {
        for _ in 0..loaders {
            let tx = tx.clone();
            let (next, stop, consumed) = (&next, &stop, &consumed);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    {
                        let mut done = consumed.0.lock().unwrap_or_else(PoisonError::into_inner);
                        while i >= *done + window && !stop.load(Ordering::Relaxed) {
                            done = consumed
                                .1
                                .wait(done)
                                .unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let loaded = load(dir, &ctx.coders, &docs[i], done_only);
                    if tx.send((i, loaded)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, Loaded> = BTreeMap::new();
        let mut write = || -> Result<(), ExportError> {
            for want in 0..total {
                let loaded = loop {
                    if let Some(l) = pending.remove(&want) {
                        break l;
                    }
                    match rx.recv() {
                        Ok((i, l)) => {
                            pending.insert(i, l);
                        }
                        // Every loader has stopped: only after `stop`,
                        // which is only set below.
                        Err(_) => return Ok(()),
                    }
                };
                if let Some(batch) = loaded? {
                    f(&batch)?;
                }
                *consumed.0.lock().unwrap_or_else(PoisonError::into_inner) = want + 1;
                consumed.1.notify_all();
                progress(want + 1, total);
            }
            Ok(())
        };
        let result = write();
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
            // Take the lock so no loader misses the wake-up between its
            // check of `stop` and its wait.
            drop(consumed.0.lock().unwrap_or_else(PoisonError::into_inner));
            consumed.1.notify_all();
        }
        result
    })
}

/// Loader threads at most: reading is spread over cores, but beyond a few
/// the writer cannot keep up anyway.
const MAX_LOADERS: usize = 4;

/// One document's batch, `None` if no set is exported for it.
type Loaded<'a> = Result<Option<DocBatch<'a>>, ExportError>;

/// Reads one document's selected sets and, if any is exported, its text.
fn load<'a>(
    dir: &ProjectDir,
    coders: &[String],
    entry: &'a DocumentEntry,
    done_only: bool,
) -> Loaded<'a> {
    let mut sets = Vec::new();
    let mut statuses = Vec::with_capacity(coders.len());
    for coder in coders {
        let set = dir.load_set(coder, &entry.id)?;
        statuses.push(set.as_ref().map(|s| s.status));
        if let Some(set) = set
            && (!done_only || set.status == Status::Done)
        {
            sets.push(set);
        }
    }
    if sets.is_empty() {
        return Ok(None);
    }
    let text = dir.read_checked_text(entry)?;
    let chars = char_len(&text);
    for set in &mut sets {
        dir.check_ranges(set, chars)?;
        // Files are written sorted, but a hand-edited or merged one may
        // not be; every format promises a stable order.
        if !set
            .spans
            .windows(2)
            .all(|w| w[0].sort_key() <= w[1].sort_key())
        {
            set.sort();
        }
    }
    Ok(Some(DocBatch {
        entry,
        text,
        chars,
        sets,
        statuses,
    }))
}
