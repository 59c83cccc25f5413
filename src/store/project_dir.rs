//! An open project folder: the parsed `project.ron` and actor registry plus
//! lazy access to document texts and annotation files.

use super::{StoreError, from_ron, to_ron, write_atomic, write_with_backup};
use crate::model::{
    Actor, ActorId, AnnotationSet, Codebook, FORMAT_VERSION, Project, RoleArity, is_safe_name,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Name of the project index file.
pub const PROJECT_FILE: &str = "project.ron";
/// Folder of the actor registry, one file per actor.
pub const ACTORS_DIR: &str = "actors";
/// Folder of document texts.
pub const DOCUMENTS_DIR: &str = "documents";
/// Folder of per-coder annotation folders.
pub const ANNOTATIONS_DIR: &str = "annotations";
/// Folder of adjudication decision logs.
pub const ADJUDICATION_DIR: &str = "adjudication";
/// Folder mirroring unsaved edits for crash recovery.
pub const RECOVERY_DIR: &str = ".recovery";

/// The entries of a project folder that newscoder writes itself: nothing
/// else (an export, a disagreement table) may be written over them.
const OWN_ENTRIES: [&str; 9] = [
    PROJECT_FILE,
    ACTORS_DIR,
    super::migrate::BACKUP_DIR_PREFIX,
    super::WRITE_LOCK_FILE,
    super::INTENT_FILE,
    DOCUMENTS_DIR,
    ANNOTATIONS_DIR,
    ADJUDICATION_DIR,
    RECOVERY_DIR,
];

/// Files larger than this are refused before reading: no sane project file
/// comes near it, and reading it could exhaust memory.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A project folder with its index loaded. Document texts and annotation
/// sets are read only when asked for.
#[derive(Debug, Clone)]
pub struct ProjectDir {
    root: PathBuf,
    /// The project: `project.ron`, the actors of `actors/`, the coders of
    /// `annotations/`.
    pub project: Project,
    /// The format version the project was written in, when older than
    /// this build's: it is migrated by the next save
    /// ([`ProjectDir::migrate_if_needed`]).
    pub(super) migrate_from: Option<u32>,
    /// The actors as last read from or written to `actors/`, so a save
    /// writes only the actors that changed (and removes the removed ones).
    pub(super) saved_actors: BTreeMap<ActorId, Actor>,
}

/// Whether `path` (existing or not, relative to the working folder or
/// absolute, through symlinks) is one of the files the project at `root`
/// keeps: `project.ron` and its backup, or anything under `documents/`,
/// `annotations/`, `adjudication/` or `.recovery/`.
pub fn is_project_file(root: &Path, path: &Path) -> bool {
    let (Some(root), Some(path)) = (resolve(root), resolve(path)) else {
        return false;
    };
    let Ok(inside) = path.strip_prefix(&root) else {
        return false;
    };
    let Some(first) = inside.components().next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    OWN_ENTRIES.iter().any(|own| {
        first == *own
            || (*own == PROJECT_FILE && first.starts_with(PROJECT_FILE))
            || (*own == super::migrate::BACKUP_DIR_PREFIX && first.starts_with(own))
    })
}

/// `path` made absolute with symlinks resolved as far as it exists; the
/// part that does not exist yet is appended as written.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    // Not there (yet): drop `.` and fold `..` by name, then resolve what
    // exists of it.
    let mut absolute = PathBuf::new();
    for c in std::path::absolute(path).ok()?.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                absolute.pop();
            }
            c => absolute.push(c),
        }
    }
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Some(rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c)));
        }
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
}

impl ProjectDir {
    /// Whether `path` is one of this project's own files (see
    /// [`is_project_file`]).
    pub fn owns(&self, path: &Path) -> bool {
        is_project_file(&self.root, path)
    }

    /// Creates a new project in `root` (which may exist but must not hold a
    /// project yet) and writes its `project.ron`.
    pub fn create(root: &Path, name: &str, codebook: Codebook) -> Result<ProjectDir, StoreError> {
        let file = root.join(PROJECT_FILE);
        if file.exists() {
            return Err(StoreError::AlreadyExists {
                path: root.to_path_buf(),
            });
        }
        for sub in [DOCUMENTS_DIR, ANNOTATIONS_DIR, ACTORS_DIR] {
            let d = root.join(sub);
            std::fs::create_dir_all(&d).map_err(|e| StoreError::io(&d, e))?;
        }
        let mut dir = ProjectDir {
            root: root.to_path_buf(),
            project: Project::new(name, codebook),
            migrate_from: None,
            saved_actors: BTreeMap::new(),
        };
        dir.save_project()?;
        write_gitignore(root)?;
        Ok(dir)
    }

    /// Opens the project in `root`, reading only `project.ron`. A document
    /// id or coder name that could lead outside the folder is refused, with
    /// its line and column.
    pub fn open(root: &Path) -> Result<ProjectDir, StoreError> {
        super::finish_interrupted_change(root);
        let (dir, mut unsafe_names) = ProjectDir::open_listing_unsafe_names(root)?;
        if unsafe_names.is_empty() {
            Ok(dir)
        } else {
            Err(unsafe_names.swap_remove(0))
        }
    }

    /// Reads `project.ron` like [`ProjectDir::open`] but returns every
    /// unsafe document id and coder name (as positioned errors) beside the
    /// project instead of refusing it. Only for reporting: the project must
    /// not be used while the list is not empty.
    pub fn open_listing_unsafe_names(
        root: &Path,
    ) -> Result<(ProjectDir, Vec<StoreError>), StoreError> {
        let file = root.join(PROJECT_FILE);
        if !file.is_file() {
            return Err(StoreError::NotAProject {
                path: root.to_path_buf(),
            });
        }
        let text = read_project_file(&file)?;
        let mut project: Project =
            from_ron(&file, &text).map_err(|e| newer_version(&file, &text, e))?;
        if project.format_version > FORMAT_VERSION {
            return Err(StoreError::NewerFormat {
                path: file,
                found: project.format_version,
                supported: FORMAT_VERSION,
            });
        }
        let migrate_from =
            (project.format_version < FORMAT_VERSION).then_some(project.format_version);
        let mut saved_actors = BTreeMap::new();
        if migrate_from.is_some() {
            // Format 1 had no arity: every role held one link. A role that
            // takes many also takes one, and the analyst now needs many
            // ("the United States and Canada recognized Guaidó").
            for cat in &mut project.codebook.categories {
                for label in &mut cat.labels {
                    for role in &mut label.roles {
                        role.takes = RoleArity::Many;
                    }
                }
            }
        } else {
            project.actors = crate::model::ActorRegistry::default();
            for actor in read_actors(root)? {
                saved_actors.insert(actor.id, actor.clone());
                project.actors.put(actor);
            }
            project.coders.clear();
        }
        let mut unsafe_names = Vec::new();
        let mut flag = |what: &str, name: &str, after: &str| {
            if is_safe_name(name) {
                return;
            }
            let (line, col) = position_of_name(&text, name, after);
            unsafe_names.push(StoreError::Parse {
                path: file.clone(),
                line,
                col,
                message: format!("{what} {}", StoreError::UnsafeName { name: name.into() }),
            });
        };
        for doc in &project.documents {
            flag("document id", &doc.id, "id: ");
        }
        for coder in &project.coders {
            flag("coder", coder, "coders:");
        }
        let mut dir = ProjectDir {
            root: root.to_path_buf(),
            project,
            migrate_from,
            saved_actors,
        };
        for coder in dir.coders_on_disk()? {
            dir.project.add_coder(&coder);
        }
        Ok((dir, unsafe_names))
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Path of `project.ron`.
    pub fn project_file(&self) -> PathBuf {
        self.root.join(PROJECT_FILE)
    }

    /// Reads the project again, for a change made under the project's
    /// [`super::WriteLock`]: another process may have changed it since it
    /// was opened, and the change must build on what is there now.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        *self = ProjectDir::open(&self.root)?;
        Ok(())
    }

    /// The format version the project is written in, when it is older than
    /// this build's and will be migrated by the next save.
    pub fn migrating_from(&self) -> Option<u32> {
        self.migrate_from
    }

    /// Writes the actors that changed (removing the files of removed ones),
    /// then `project.ron`, each atomically with its backup. A project of an
    /// earlier format is first migrated.
    pub fn save_project(&mut self) -> Result<(), StoreError> {
        self.migrate_if_needed()?;
        for (path, text) in self.actor_changes()? {
            match text {
                Some(text) => write_with_backup(&path, text.as_bytes())?,
                None => match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(StoreError::io(&path, e)),
                },
            }
        }
        self.actors_saved();
        let text = self.project_text()?;
        let path = self.project_file();
        // Unchanged bytes are not written again: no new backup, no new
        // modification time for a synchronised folder to copy.
        if super::read_plain(&path).ok().as_deref() != Some(text.as_bytes()) {
            write_with_backup(&path, text.as_bytes())?;
        }
        Ok(())
    }

    /// `project.ron` as [`ProjectDir::save_project`] would write it.
    pub fn project_text(&self) -> Result<String, StoreError> {
        to_ron(&self.project, 5, &self.project_file())
    }

    /// Path of actor `id`'s file.
    pub fn actor_path(&self, id: ActorId) -> PathBuf {
        self.root.join(ACTORS_DIR).join(format!("{id}.ron"))
    }

    /// The actor files a save must write (`Some(text)`) or remove (`None`):
    /// those that differ from what was last read or written.
    pub fn actor_changes(&self) -> Result<Vec<(PathBuf, Option<String>)>, StoreError> {
        let mut out = Vec::new();
        for actor in &self.project.actors.actors {
            if self.saved_actors.get(&actor.id) != Some(actor) {
                let path = self.actor_path(actor.id);
                self.ensure_inside(&path)?;
                out.push((path.clone(), Some(to_ron(actor, 2, &path)?)));
            }
        }
        for id in self.saved_actors.keys() {
            if self.project.actors.get(*id).is_none() {
                let path = self.actor_path(*id);
                self.ensure_inside(&path)?;
                out.push((path, None));
            }
        }
        Ok(out)
    }

    /// Records the registry as written (after [`ProjectDir::actor_changes`]
    /// were carried out).
    pub fn actors_saved(&mut self) {
        self.saved_actors = self
            .project
            .actors
            .actors
            .iter()
            .map(|a| (a.id, a.clone()))
            .collect();
    }

    /// Path of document `id`'s text; refuses unsafe ids.
    pub fn text_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_name(id)?;
        Ok(self.root.join(DOCUMENTS_DIR).join(format!("{id}.txt")))
    }

    /// Reads document `id`'s text.
    pub fn read_text(&self, id: &str) -> Result<String, StoreError> {
        let path = self.text_path(id)?;
        self.ensure_inside(&path)?;
        let text = read_project_file(&path)?;
        Ok(text)
    }

    /// Writes the text of a newly imported document. Texts never change
    /// after import, so an existing file is only accepted if identical.
    pub fn write_text(&self, id: &str, text: &str) -> Result<(), StoreError> {
        let path = self.text_path(id)?;
        self.ensure_inside(&path)?;
        if let Ok(existing) = super::read_plain(&path) {
            if existing == text.as_bytes() {
                return Ok(());
            }
            return Err(StoreError::Invalid {
                path,
                message: "a different text is already stored under this document id".into(),
            });
        }
        write_atomic(&path, text.as_bytes())
    }

    /// Path of `coder`'s annotation file for document `doc`.
    pub fn set_path(&self, coder: &str, doc: &str) -> Result<PathBuf, StoreError> {
        check_name(coder)?;
        check_name(doc)?;
        Ok(self
            .root
            .join(ANNOTATIONS_DIR)
            .join(coder)
            .join(format!("{doc}.ron")))
    }

    /// Reads `coder`'s annotations of `doc`; `None` if the coder has not
    /// saved any for it yet.
    pub fn load_set(&self, coder: &str, doc: &str) -> Result<Option<AnnotationSet>, StoreError> {
        let path = self.set_path(coder, doc)?;
        self.ensure_inside(&path)?;
        if !path.exists() {
            return Ok(None);
        }
        let text = read_project_file(&path)?;
        let mut set: AnnotationSet = match super::fast_set::parse_annotation_set(&text) {
            Some(set) => set,
            None => from_ron(&path, &text)?,
        };
        // The file's location is authoritative; a copied file must not
        // masquerade as another document or coder.
        set.document = doc.to_string();
        set.coder = coder.to_string();
        Ok(Some(set))
    }

    /// Reads `coder`'s annotations of `doc`, or an empty set.
    pub fn load_set_or_new(&self, coder: &str, doc: &str) -> Result<AnnotationSet, StoreError> {
        Ok(self
            .load_set(coder, doc)?
            .unwrap_or_else(|| AnnotationSet::new(doc, coder)))
    }

    /// Writes an annotation set atomically, spans in their stable order.
    pub fn save_set(&self, set: &AnnotationSet) -> Result<(), StoreError> {
        let (path, text) = self.set_file(set)?;
        write_with_backup(&path, text.as_bytes())
    }

    /// Where an annotation set is stored and what [`ProjectDir::save_set`]
    /// writes there (spans in their stable order).
    pub fn set_file(&self, set: &AnnotationSet) -> Result<(PathBuf, String), StoreError> {
        let path = self.set_path(&set.coder, &set.document)?;
        self.ensure_inside(&path)?;
        let text = if set
            .spans
            .windows(2)
            .all(|w| w[0].sort_key() <= w[1].sort_key())
        {
            to_ron(set, 2, &path)?
        } else {
            let mut sorted = set.clone();
            sorted.sort();
            to_ron(&sorted, 2, &path)?
        };
        Ok((path, text))
    }

    /// Refuses a path below the root that passes through a symbolic link
    /// (e.g. `annotations/alice` linked to a folder elsewhere), so reads
    /// and writes stay inside the project folder.
    pub fn ensure_inside(&self, path: &Path) -> Result<(), StoreError> {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return Err(StoreError::Invalid {
                path: path.to_path_buf(),
                message: "lies outside the project folder".into(),
            });
        };
        let mut at = self.root.clone();
        for part in rel.components() {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(StoreError::Invalid {
                        path: at,
                        message:
                            "is a symbolic link; project files must stay inside the project folder"
                                .into(),
                    });
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Ok(())
    }

    /// The project's own spelling of coder `given`: a known coder whose
    /// name differs from it only in case (`ALICE` for `alice`) is the same
    /// coder — on macOS and Windows they would be one folder — so its
    /// spelling is used; an unknown name is returned as given.
    pub fn coder_spelling(&self, given: &str) -> String {
        let known = self.all_coders().unwrap_or_default();
        if known.iter().any(|c| c == given) {
            return given.to_string();
        }
        known
            .into_iter()
            .find(|c| c.eq_ignore_ascii_case(given))
            .unwrap_or_else(|| given.to_string())
    }

    /// Adds `coder` to the project: creates `annotations/<coder>/`, the
    /// folder that makes a coder (DESIGN §2).
    pub fn add_coder(&mut self, coder: &str) -> Result<(), StoreError> {
        check_name(coder)?;
        let folder = self.root.join(ANNOTATIONS_DIR).join(coder);
        self.ensure_inside(&folder)?;
        std::fs::create_dir_all(&folder).map_err(|e| StoreError::io(&folder, e))?;
        self.project.add_coder(coder);
        Ok(())
    }

    /// Coders that have an annotation folder, whether or not `project.ron`
    /// lists them (folders may be merged in from another machine).
    pub fn coders_on_disk(&self) -> Result<Vec<String>, StoreError> {
        let dir = self.root.join(ANNOTATIONS_DIR);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| StoreError::io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_safe_name(&name) && entry.path().is_dir() {
                out.push(name);
            }
        }
        out.sort();
        Ok(out)
    }

    /// Every coder of the project: those known to it (the folders found when
    /// it was opened, coders added since) followed by any others found on
    /// disk now. A coder listed twice (format 1's `project.ron`) counts once.
    pub fn all_coders(&self) -> Result<Vec<String>, StoreError> {
        let mut coders: Vec<String> = Vec::new();
        for c in self
            .project
            .coders
            .iter()
            .cloned()
            .chain(self.coders_on_disk()?)
        {
            if !coders.contains(&c) {
                coders.push(c);
            }
        }
        Ok(coders)
    }
}

/// What a project folder's `.gitignore` lists: the files of one machine
/// (backups, locks, crash-recovery mirrors, changes under way), which a
/// team sharing the project through git must not commit — two coders'
/// `project.ron.bak` would conflict where their `project.ron` does not.
pub const GITIGNORE: &str = "\
# Written by newscoder: files of one machine, not the project's data.
*.bak
*.mine-*
.lock
.recovery/
.newscoder-write.lock
.newscoder-intent.ron
.newscoder-*.tmp
";

/// Writes the project's `.gitignore` unless there is one.
pub(super) fn write_gitignore(root: &Path) -> Result<(), StoreError> {
    let path = root.join(".gitignore");
    if path.exists() {
        return Ok(());
    }
    write_atomic(&path, GITIGNORE.as_bytes())
}

/// Reads every actor of `actors/` (format version 2 on). A file that does
/// not parse is an error naming it with line and column (a git merge
/// conflict in an actor, say); a file whose id differs from its name is
/// refused, as two files would then claim one actor.
fn read_actors(root: &Path) -> Result<Vec<Actor>, StoreError> {
    let dir = root.join(ACTORS_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(&dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(&dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Backups, temporary files and hidden files are not actors.
        let Some(stem) = name.strip_suffix(".ron") else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let text = read_project_file(&path)?;
        let actor: Actor = from_ron(&path, &text)?;
        if ActorId::parse(stem) != Some(actor.id) || stem != actor.id.to_string() {
            return Err(StoreError::Invalid {
                path,
                message: format!(
                    "holds actor {}, but its name says {stem}; an actor's file is named after its id",
                    actor.id
                ),
            });
        }
        out.push(actor);
    }
    Ok(out)
}

/// A fingerprint of a file's current content (SHA-256 of its bytes), or
/// `None` if it does not exist; used to notice changes made by someone else.
pub fn fingerprint(path: &Path) -> Result<Option<String>, StoreError> {
    match super::read_plain(path) {
        Ok(bytes) => Ok(Some(crate::text::bytes_hash(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// 1-based line and column (in characters) of `needle` in `text`: its first
/// occurrence directly after `after` (`id: "x"`), else after the first
/// `after` (`coders: [ … "x"`), else anywhere; (1, 1) if not found (an
/// escaped form the search does not know).
fn position_of(text: &str, needle: &str, after: &str) -> (usize, usize) {
    let offset = text
        .find(&format!("{after}{needle}"))
        .map(|i| i + after.len())
        .or_else(|| {
            let start = text.find(after).unwrap_or(0);
            text[start..].find(needle).map(|i| start + i)
        })
        .unwrap_or(0);
    line_col(text, offset)
}

/// Where the string `name` is written in `text` after `after`: as escaped
/// in RON (`"a\u{0}b"`, `"a\0b"`), as written raw, or else where its
/// printable beginning is (a NUL or other control character may be written
/// in several ways).
fn position_of_name(text: &str, name: &str, after: &str) -> (usize, usize) {
    let printable: String = name.chars().take_while(|c| !c.is_control()).collect();
    let needles = [
        format!("{name:?}"),
        format!("\"{}\"", name.escape_default()),
        format!("\"{name}\""),
        format!("\"{printable}"),
    ];
    needles
        .iter()
        .find(|n| text.contains(n.as_str()))
        .map_or((1, 1), |n| position_of(text, n, after))
}

/// 1-based line and column (in characters) of the byte `offset` of `text`.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Refuses names that could leave the folder they are joined to.
fn check_name(name: &str) -> Result<(), StoreError> {
    if is_safe_name(name) {
        Ok(())
    } else {
        Err(StoreError::UnsafeName {
            name: name.to_string(),
        })
    }
}

/// Reads a UTF-8 project file, refusing symlinks (they could point outside
/// the project), FIFOs and devices (they could block or never end) and
/// files too large to be ours. Every command reads project files through
/// this.
pub fn read_project_file(path: &Path) -> Result<String, StoreError> {
    let (file, meta) = super::open_plain(path, false).map_err(|e| StoreError::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            message: format!(
                "is {} MiB, larger than any project file should be",
                meta.len() >> 20
            ),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow after the check: never read past the limit.
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_FILE_BYTES), &mut bytes)
        .map_err(|e| StoreError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| StoreError::Invalid {
        path: path.to_path_buf(),
        message: format!("is not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })
}

/// When `project.ron` fails to parse, a newer format version is the more
/// useful explanation, if the file declares one.
fn newer_version(path: &Path, text: &str, err: StoreError) -> StoreError {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        format_version: u32,
    }
    match ron::Options::default().from_str::<VersionOnly>(text) {
        Ok(v) if v.format_version > FORMAT_VERSION => StoreError::NewerFormat {
            path: path.to_path_buf(),
            found: v.format_version,
            supported: FORMAT_VERSION,
        },
        _ => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_project_tells_git_to_leave_one_machine_s_files_alone() {
        let tmp = tempfile::tempdir().unwrap();
        ProjectDir::create(tmp.path(), "p", Codebook::default_media()).unwrap();
        let ignore = std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap();
        for pattern in ["*.bak", ".recovery/", ".newscoder-write.lock", ".lock"] {
            assert!(ignore.lines().any(|l| l == pattern), "{pattern}");
        }
        // A .gitignore of the user's own is kept.
        std::fs::write(tmp.path().join(".gitignore"), "mine\n").unwrap();
        write_gitignore(tmp.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap(),
            "mine\n"
        );
    }

    #[test]
    fn own_files_are_recognised_by_any_path_that_leads_to_them() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("p");
        std::fs::create_dir_all(root.join("annotations/alice")).unwrap();
        std::fs::write(root.join(PROJECT_FILE), "x").unwrap();
        let owned = |p: &Path| is_project_file(&root, p);
        assert!(owned(&root.join("project.ron")));
        assert!(owned(&root.join("project.ron.bak")));
        assert!(owned(&root.join("annotations/alice/not-yet.ron")));
        assert!(owned(&root.join("annotations/../documents/new/x.txt")));
        assert!(owned(&root.join("adjudication/gold/d1.ron")));
        assert!(owned(&root.join(".recovery/x")));
        assert!(owned(&root.join("documents/none/../../project.ron")));
        assert!(!owned(&root.join("exports/spans.csv")));
        assert!(!owned(&root.join("spans.csv")));
        assert!(!owned(&tmp.path().join("elsewhere.csv")));
        assert!(!owned(&root));
        #[cfg(unix)]
        {
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(&root, &link).unwrap();
            assert!(owned(&link.join("project.ron")));
            assert!(owned(&link.join("annotations/bob/y.ron")));
        }
    }
}
