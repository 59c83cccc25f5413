//! Applying commands after the frame: every data change goes through the
//! session (and so through `Workspace::apply` and the history); view state
//! (selection, search, linking) is changed here too, so the views stay
//! plain drawing code.

use super::NewscoderApp;
use crate::edit::spans as span_edits;
use crate::gui::actions::Action;
use crate::gui::commands::Command;
use crate::gui::dialogs::CoderDialog;
use crate::gui::doc_list;
use crate::gui::document::DocView;
use crate::gui::file_requests::PickRequest;
use crate::gui::modal::{Modal, TitledText};
use crate::model::{SpanId, Status};
use crate::session::compare::{Adjudicated, CompareState, GoldEdit};
use std::ops::Range;

impl NewscoderApp {
    /// Runs an action as if its shortcut was pressed (tests, benches).
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        self.run_command(ctx, Command::Run(action));
    }

    /// Applies a command as if a view had returned it (tests, scripts).
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        self.run_command(ctx, command);
    }

    /// Applies one command.
    pub(super) fn run_command(&mut self, ctx: &egui::Context, cmd: Command) {
        self.dispatch(ctx, cmd);
        // The text view follows the document the session has open.
        self.sync_doc();
    }

    fn dispatch(&mut self, ctx: &egui::Context, cmd: Command) {
        if self.session.as_ref().is_some_and(|s| s.is_read_only()) && cmd.changes_data() {
            self.set_status(format!("Not changed: {}", crate::session::READ_ONLY), true);
            return;
        }
        match cmd {
            Command::Run(a) => self.run_action(ctx, a),
            Command::Adjudicate(what) => self.adjudicate(what),
            Command::OpenDocument(id) => self.open_document(&id),
            Command::Tag(label) => self.tag(&label),
            Command::Apply(tx) => {
                let what = tx.label.clone();
                if let Some(s) = &mut self.session
                    && let Err(e) = s.apply(tx)
                {
                    self.set_status(format!("{what} refused: {e}"), true);
                }
            }
            Command::SelectSpan(id) => self.select_span(id),
            Command::SelectText(r) => {
                if let Some(d) = self.doc.as_mut() {
                    d.select_text(r);
                }
            }
            Command::Resize { id, range } => {
                if let Some(s) = &mut self.session
                    && let Some(d) = &self.doc
                {
                    let result =
                        span_edits::resize(s.ws(), &d.key, id, range).and_then(|tx| s.apply(tx));
                    if let Err(e) = result {
                        self.set_status(e, true);
                    }
                }
            }
            Command::StartLink(role) => self.start_link(role),
            Command::Link { role, target } => self.link(&role, target),
            Command::OpenProject(p) => self.open_project(&p),
            Command::EditGold(edit) => self.edit_gold(edit),
            Command::SetCoder(c) => self.set_coder(&c),
            Command::Panel(action) => {
                if let Some(s) = &mut self.session {
                    match action.perform(s) {
                        Ok(None) => {}
                        Ok(Some(jump)) => self.jump(jump),
                        Err(e) => self.set_status(e, true),
                    }
                }
            }
            Command::Status(text) => self.set_status(text, false),
            Command::Error(text) => self.set_status(text, true),
            Command::PickFile(request) => self.request_file(ctx, request),
            Command::Picked { purpose, paths } => self.picked(ctx, purpose, paths),
            Command::DropFiles(paths) => self.dropped(paths),
            Command::OwnFileChooser(on) => {
                self.settings.own_file_chooser = on;
                self.set_status(
                    if on {
                        "Files are picked with the window's own chooser"
                    } else {
                        "Files are picked with the system's dialog where one can be shown"
                    },
                    false,
                );
            }
            Command::ShowBackups(only) => {
                if let Some(s) = &self.session {
                    let root = s.root();
                    self.backups.open(&root, only);
                }
            }
        }
    }

    /// Restores `backup` over its file, then reopens the project so every
    /// view shows the restored content. Pending edits are saved first (a
    /// restore must not be mixed with unsaved work).
    pub(super) fn restore_backup(&mut self, backup: &crate::store::Backup) {
        let Some(s) = &mut self.session else {
            return;
        };
        if let Err(e) = s.save_pending() {
            self.show_error("Could not save before restoring", e);
            return;
        }
        let root = s.root();
        let document = s.document_on_screen().map(str::to_string);
        match crate::store::restore_backup(&root, &backup.backup) {
            Ok(_) => {
                // Drop the session (and its lock) and read everything again.
                self.session = None;
                self.open_project(&root);
                if let Some(id) = document {
                    self.open_document(&id);
                }
                self.set_status(
                    format!(
                        "Restored {} from {}",
                        backup.file.display(),
                        backup.backup.display()
                    ),
                    false,
                );
            }
            Err(e) => self.show_error("Could not restore", e.to_string()),
        }
    }

    fn doc_mut(&mut self) -> Option<&mut crate::gui::document::DocView> {
        self.doc.as_mut()
    }

    fn open_document(&mut self, id: &str) {
        let Some(s) = &mut self.session else {
            return;
        };
        let result = s.open_document(id);
        self.sync_doc();
        match result {
            Err(e) => self.set_status(e, true),
            Ok(()) => {
                if let Some(b) = self.session.as_ref().and_then(|s| s.broken.as_ref()) {
                    let first = b.error.lines().next().unwrap_or_default().to_string();
                    self.set_status(format!("Cannot show these annotations: {first}"), true);
                }
            }
        }
    }

    /// Shows the place a panel or chart pointed at. Another coder's span
    /// is shown at its place in our own coding, as a selection: a jump must
    /// never quietly make the next key edit someone else's annotations.
    fn jump(&mut self, jump: crate::gui::panels::Jump) {
        let Some(s) = &self.session else {
            return;
        };
        let theirs = jump.coder != s.coder();
        let me = s.coder().to_string();
        // The text is where the jump goes: leave the compare view if it is up.
        self.compare = None;
        self.open_document(&jump.document);
        match (jump.span, jump.range) {
            (Some(id), _) if !theirs => self.select_span(Some(id)),
            (_, Some((a, b))) => {
                if let Some(d) = self.doc.as_mut() {
                    d.select_text(a..b);
                }
            }
            _ => {}
        }
        if theirs {
            let coder = &jump.coder;
            self.set_status(
                format!(
                    "That is {coder}'s span, shown selected in your ({me}'s) \
                     coding; switch coder (top right) to edit {coder}'s"
                ),
                false,
            );
        }
    }

    /// The session and the text view's document, when one is open.
    fn open_doc(&mut self) -> Option<(&mut crate::session::Session, &mut DocView)> {
        Some((self.session.as_mut()?, self.doc.as_mut()?))
    }

    /// Performs a decision taken in the compare view.
    fn adjudicate(&mut self, what: crate::session::compare::Adjudicate) {
        let (Some(view), Some(s)) = (&mut self.compare, &mut self.session) else {
            return;
        };
        match view.perform(s, what) {
            Ok(Adjudicated::Done(text)) => self.set_status(text, false),
            Ok(Adjudicated::EditGold(edit)) => self.edit_gold(edit),
            // The view shows the message beside the decision.
            Err(_) => {}
        }
    }

    /// Leaves the compare view to edit the gold set by hand.
    fn edit_gold(&mut self, edit: GoldEdit) {
        self.compare = None;
        if self
            .session
            .as_ref()
            .is_some_and(|s| s.coder() != edit.coder)
        {
            self.set_coder(&edit.coder);
        }
        self.open_document(&edit.document);
        if let Some(d) = self.doc.as_mut() {
            d.select_text(edit.range);
        }
    }

    pub(super) fn set_coder(&mut self, coder: &str) {
        self.close_modal(|m| matches!(m, Modal::CoderName(_)));
        self.settings.coder = Some(coder.to_string());
        if let Some(p) = self.pending_project.take() {
            self.open_project(&p);
            return;
        }
        let Some(s) = &mut self.session else {
            return;
        };
        if let Err(e) = s.save_pending() {
            self.show_error("Could not save before switching coder", e);
            return;
        }
        let previous = s.coder().to_string();
        match s.set_coder(coder) {
            Ok(()) => {
                self.set_status(format!("Coding as {coder}"), false);
                self.after_open(Some(previous));
            }
            Err(e) => self.set_status(e, true),
        }
    }

    /// Tags the text selection with `label`, or relabels the selected span.
    fn tag(&mut self, label: &str) {
        let Some((s, d)) = self.open_doc() else {
            return;
        };
        if let Some(range) = d.selection.clone() {
            let text = d.slice(range.clone());
            let result = span_edits::tag(s.ws(), &d.key, range.clone(), label, &text);
            match result.and_then(|(tx, id)| s.apply(tx).map(|()| id)) {
                Ok(id) => {
                    d.select_span(id, range);
                    d.scroll_to = None;
                    let actor = s
                        .ws()
                        .set(&d.key)
                        .and_then(|set| set.span(id))
                        .and_then(|sp| sp.actor)
                        .and_then(|a| s.ws().project().actors.get(a))
                        .map(|a| a.name.clone());
                    let msg = match actor {
                        Some(a) => format!("Tagged {label}, actor {a}"),
                        None => format!("Tagged {label}"),
                    };
                    self.set_status(msg, false);
                }
                Err(e) => self.set_status(e, true),
            }
        } else if let Some(id) = d.selected_span {
            match span_edits::relabel(s.ws(), &d.key, id, label)
                .and_then(|(tx, dropped)| s.apply(tx).map(|()| dropped))
            {
                Ok(dropped) if dropped.is_empty() => {
                    self.set_status(format!("Relabelled as {label}"), false)
                }
                // Said plainly: a stray key should not lose coding unseen.
                Ok(dropped) => self.set_status(
                    format!(
                        "Relabelled as {label}; dropped {} (Ctrl+Z brings them back)",
                        dropped.join(", ")
                    ),
                    false,
                ),
                Err(e) => self.set_status(e, true),
            }
        } else {
            self.set_status(
                "Select some text first (drag, or double-click a word)",
                false,
            );
        }
    }

    fn select_span(&mut self, id: Option<SpanId>) {
        let Some((s, d)) = self.open_doc() else {
            return;
        };
        match id.and_then(|id| s.ws().set(&d.key).and_then(|set| set.span(id))) {
            Some(span) => d.select_span(span.id, span.start..span.end),
            None => d.clear_selection(),
        }
    }

    fn start_link(&mut self, role: String) {
        let Some(d) = self.doc.as_mut() else {
            return;
        };
        if d.selected_span.is_none() {
            return;
        }
        d.linking = Some(role.clone());
        self.set_status(
            format!(
                "Click the {role} in the text (only allowed spans can be picked) · Esc cancels"
            ),
            false,
        );
    }

    fn link(&mut self, role: &str, target: SpanId) {
        let Some((s, d)) = self.open_doc() else {
            return;
        };
        let Some(from) = d.selected_span else {
            return;
        };
        let ok = s
            .ws()
            .set(&d.key)
            .is_some_and(|set| span_edits::may_link(s.ws(), set, from, role, target));
        if !ok {
            self.set_status(format!("That span cannot be the {role}"), true);
            return;
        }
        let result = span_edits::set_link(s.ws(), &d.key, from, role, Some(target))
            .and_then(|tx| s.apply(tx));
        d.linking = None;
        match result {
            Ok(()) => self.set_status(format!("Linked {role}"), false),
            Err(e) => self.set_status(e, true),
        }
    }

    /// Applies one action.
    pub(super) fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::NewProject => self.request_file(ctx, PickRequest::new_project()),
            Action::OpenProject => self.request_file(ctx, PickRequest::open_project()),
            Action::ImportArticles => {
                if self.session.is_none() {
                    self.set_status("Open or create a project first", true);
                } else {
                    self.request_file(ctx, PickRequest::import_articles());
                }
            }
            Action::Export => {
                // The export reads the files: write pending edits first.
                if let Some(s) = &mut self.session {
                    match s.save() {
                        Ok(_) => self.export_window.open(),
                        Err(e) => self.show_error("Could not save before exporting", e),
                    }
                }
            }
            Action::Save => {
                if let Some(s) = &mut self.session {
                    match s.save() {
                        Ok(n) => self.set_status(format!("Saved ({n} file(s) written)"), false),
                        Err(e) if s.conflict.is_some() => {
                            // The conflict dialog asks; show it again.
                            self.conflict_later = None;
                            self.set_status(e, true);
                        }
                        Err(e) => self.show_error("Could not save", e),
                    }
                }
            }
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::Undo | Action::Redo => self.undo_redo(action == Action::Undo),
            Action::Find => {
                if let Some(d) = self.doc.as_mut() {
                    d.search.open = true;
                    d.search.focus = true;
                    if let Some(sel) = d.selection.clone().filter(|r| r.len() < 80) {
                        d.search.query = d.slice(sel);
                    }
                }
            }
            Action::FindNext | Action::FindPrevious => self.find_step(action == Action::FindNext),
            Action::PreviousDocument | Action::NextDocument => {
                self.step_document(action == Action::NextDocument)
            }
            Action::ToggleDone => self.toggle_done(),
            Action::CodeDocument => self.code_document(),
            Action::DeleteSpan => self.delete_span(),
            Action::Cancel => {
                // Esc closes what is on top: the shortcut overlay, then the
                // topmost window, then (in the text) linking, the selection
                // and the find bar, one per press.
                if std::mem::take(&mut self.show_shortcuts) || self.close_topmost_window(ctx) {
                    return;
                }
                if let Some(d) = self.doc.as_mut()
                    && d.linking.take().is_none()
                {
                    let on_match = d.search.open
                        && d.selection.is_some()
                        && d.search.current.and_then(|i| d.search.matches.get(i))
                            == d.selection.as_ref();
                    if on_match {
                        // Esc after Next/Previous: close the bar and keep
                        // the match selected for a label key.
                        d.search.open = false;
                    } else if d.selection.is_some() || d.selected_span.is_some() {
                        d.clear_selection();
                    } else {
                        d.search.open = false;
                    }
                }
                self.show_shortcuts = false;
            }
            Action::ExtendLeft | Action::ExtendRight => {
                let right = action == Action::ExtendRight;
                let on_span = self
                    .doc_mut()
                    .is_some_and(|d| d.selection.is_none() && d.selected_span.is_some());
                if on_span {
                    // A selected span is extended itself: turning it into a
                    // plain selection made the next label key add a second,
                    // overlapping span.
                    self.reshape_span(|words, r| words.extend(r, right));
                } else if let Some(d) = self.doc.as_mut()
                    && let Some(sel) = d.selection.clone()
                    && let Some(r) = d.words.extend(&sel, right)
                {
                    d.select_text(r);
                }
            }
            Action::StartEarlier | Action::StartLater | Action::EndEarlier | Action::EndLater => {
                self.move_boundary(action)
            }
            Action::LinkRole(n) => {
                let role = self.session.as_ref().and_then(|s| {
                    let d = self.doc.as_ref()?;
                    let span = s.ws().set(&d.key)?.span(d.selected_span?)?;
                    let label = s.ws().project().codebook.label(&span.label)?;
                    label.roles.get(n as usize).map(|r| r.name.clone())
                });
                match role {
                    Some(r) => self.start_link(r),
                    None => self.set_status("The selected span has no such role", false),
                }
            }
            Action::NextSpan | Action::PreviousSpan => self.step_span(action == Action::NextSpan),
            Action::SwitchCoder => {
                let known = self
                    .session
                    .as_ref()
                    .map(|s| s.ws().project().coders.clone())
                    .unwrap_or_default();
                self.modals.push(Modal::CoderName(CoderDialog {
                    known,
                    ..CoderDialog::default()
                }));
            }
            Action::ShowCodebook => self.show_codebook = !self.show_codebook,
            Action::ShowActors => self.show_actors = !self.show_actors,
            Action::ImportSuggestions => {
                if self.session.is_none() {
                    self.set_status("Open or create a project first", true);
                } else {
                    self.request_file(ctx, PickRequest::import_suggestions());
                }
            }
            Action::MergeCopy => {
                if self.session.is_none() {
                    self.set_status("Open or create a project first", true);
                } else {
                    self.request_file(ctx, PickRequest::merge_copy());
                }
            }
            Action::RestoreEarlier => self.run(ctx, Command::ShowBackups(None)),
            Action::ShowOverview => self.overview.open = !self.overview.open,
            Action::ShowNetwork => self.overview.network.open = !self.overview.network.open,
            Action::ShowShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Action::ToggleDocuments | Action::ToggleInspector => self.toggle_panel(action),
            Action::ShowGuide => self.show_guide = !self.show_guide,
            Action::CompareCoders => {
                if self.compare.take().is_none()
                    && let Some(s) = &self.session
                {
                    let mut view = CompareState::new(s.coder());
                    let coders = &s.ws().project().coders;
                    if let [a, b, ..] = coders.as_slice() {
                        view.set_coders(a, b);
                    }
                    self.compare = Some(view);
                }
            }
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(s) = &mut self.session else {
            return;
        };
        let result = if undo { s.undo() } else { s.redo() };
        let verb = if undo { "Undid" } else { "Redid" };
        match result {
            Ok(Some(label)) => {
                if let Some(d) = &mut self.doc
                    && let Some(id) = d.selected_span
                    && s.ws().set(&d.key).and_then(|set| set.span(id)).is_none()
                {
                    d.selected_span = None;
                }
                self.set_status(format!("{verb} {label}"), false);
            }
            Ok(None) => self.set_status(
                if undo {
                    "Nothing to undo"
                } else {
                    "Nothing to redo"
                },
                false,
            ),
            Err(e) => self.set_status(e, true),
        }
    }

    fn find_step(&mut self, forward: bool) {
        let Some(d) = self.doc.as_mut() else {
            return;
        };
        d.search.open = true;
        d.search.update(&d.text);
        let from = d
            .selection
            .as_ref()
            .map(|r| if forward { r.end } else { r.start })
            .unwrap_or(0);
        match d.search.step(forward, from) {
            Some(r) => d.select_text(r),
            None => {
                let msg = if d.search.query.trim().is_empty() {
                    "Type something to find"
                } else {
                    "No matches"
                };
                self.set_status(msg, false);
            }
        }
    }

    fn step_document(&mut self, forward: bool) {
        let Some(s) = &self.session else {
            return;
        };
        let ids = doc_list::filtered_ids(s.ws(), s.coder(), &self.doc_list);
        let current = s
            .document_on_screen()
            .and_then(|id| ids.iter().position(|i| i == id));
        let next = match (current, forward) {
            (Some(i), true) => ids.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| ids.get(i)),
            (None, _) => ids.first(),
        };
        match next.cloned() {
            Some(id) => self.open_document(&id),
            None => self.set_status(
                if forward {
                    "This is the last document"
                } else {
                    "This is the first document"
                },
                false,
            ),
        }
    }

    /// Starts coding the document's variables by keyboard (the right
    /// panel is shown for it).
    fn code_document(&mut self) {
        let Some(s) = &self.session else {
            return;
        };
        if self.doc.is_none() {
            return;
        }
        if s.ws().project().codebook.variables.is_empty() {
            self.set_status(
                "The codebook has no document variables (add them in View › Codebook…)",
                true,
            );
            return;
        }
        self.show_inspector = true;
        self.doc_codes.start(0);
        self.set_status(
            "Coding the document: Tab next variable · Up/Down or 1–9 choose · Delete clears · Esc ends",
            false,
        );
    }

    fn toggle_done(&mut self) {
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(key) = s.key().cloned() else {
            return;
        };
        let status = match s.ws().set(&key).map(|x| x.status) {
            Some(Status::Done) => Status::InProgress,
            _ => Status::Done,
        };
        match s.apply(span_edits::set_status(&key, status)) {
            Ok(()) => self.set_status(format!("Marked {}", status.label()), false),
            Err(e) => self.set_status(e, true),
        }
    }

    fn delete_span(&mut self) {
        let Some((s, d)) = self.open_doc() else {
            return;
        };
        let Some(id) = d.selected_span else {
            return;
        };
        match s.ws().remove_span_tx(&d.key, id) {
            Ok(tx) => {
                let what = tx.label.clone();
                match s.apply(tx) {
                    Ok(()) => {
                        d.clear_selection();
                        self.set_status(format!("{what} — Ctrl+Z brings it back"), false);
                    }
                    Err(e) => self.set_status(e.to_string(), true),
                }
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    fn move_boundary(&mut self, action: Action) {
        let moved = |words: &crate::session::words::Words, r: &Range<usize>| match action {
            Action::StartEarlier => words.move_start(r, true),
            Action::StartLater => words.move_start(r, false),
            Action::EndEarlier => words.move_end(r, true),
            _ => words.move_end(r, false),
        };
        if self.doc.as_ref().is_some_and(|d| d.selected_span.is_some()) {
            self.reshape_span(moved);
        } else if let Some(d) = self.doc.as_mut()
            && let Some(sel) = d.selection.clone()
            && let Some(r) = moved(&d.words, &sel)
        {
            d.select_text(r);
        }
    }

    /// Gives the selected span the range `reshape` makes of its own (one
    /// undoable edit), and says what it became.
    fn reshape_span(
        &mut self,
        reshape: impl Fn(&crate::session::words::Words, &Range<usize>) -> Option<Range<usize>>,
    ) {
        let Some((s, d)) = self.open_doc() else {
            return;
        };
        let Some(id) = d.selected_span else {
            return;
        };
        let Some(span) = s.ws().set(&d.key).and_then(|set| set.span(id)) else {
            return;
        };
        let Some(r) = reshape(&d.words, &(span.start..span.end)) else {
            self.set_status("The span cannot move further that way", false);
            return;
        };
        let label = span.label.clone();
        let text = d.slice(r.clone());
        match span_edits::resize(s.ws(), &d.key, id, r).and_then(|tx| s.apply(tx)) {
            Ok(()) => self.set_status(format!("{label} span now “{}”", short(&text)), false),
            Err(e) => self.set_status(e, true),
        }
    }

    fn step_span(&mut self, forward: bool) {
        let Some((s, d)) = self.open_doc() else {
            return;
        };
        let Some(set) = s.ws().set(&d.key) else {
            return;
        };
        let spans = &set.spans;
        if spans.is_empty() {
            return;
        }
        let pos = d
            .selected_span
            .and_then(|id| spans.iter().position(|x| x.id == id));
        let from = d.selection.as_ref().map(|r| r.start);
        let i = match (pos, forward) {
            (Some(i), true) => (i + 1) % spans.len(),
            (Some(i), false) => (i + spans.len() - 1) % spans.len(),
            (None, true) => spans
                .partition_point(|x| Some(x.start) < from.or(Some(0)))
                .min(spans.len() - 1),
            (None, false) => spans
                .partition_point(|x| Some(x.start) < from)
                .saturating_sub(1),
        };
        let sp = &spans[i];
        d.select_span(sp.id, sp.start..sp.end);
    }

    /// Imports a model's predictions from JSONL files as suggestions: the
    /// session is saved, the predictions committed, and the project opened
    /// again so every view sees them.
    pub fn import_suggestion_paths(&mut self, paths: &[std::path::PathBuf]) {
        let Some(s) = &mut self.session else {
            return;
        };
        let document = self.doc.as_ref().map(|d| d.key.document.clone());
        let root = s.root();
        let result = s.import_suggestions(paths);
        match result {
            Ok(report) => {
                // Read everything again so every view sees the suggestions.
                if !self.reopen_project(&root, document) {
                    return;
                }
                self.set_status(format!("Suggestions: {}", report.summary()), false);
            }
            Err(e) => self.show_error("Import of suggestions failed", e),
        }
    }

    /// Imports article files into the open project and shows what happened
    /// (the window's File › Import articles… after the file dialog).
    pub fn import_paths(&mut self, paths: &[std::path::PathBuf]) {
        let Some(s) = &mut self.session else {
            return;
        };
        match s.import_articles(paths) {
            Ok(crate::session::ArticlesImported { report, problems }) => {
                let mut text = format!("{}.\n", report.summary());
                if !report.imported.is_empty() {
                    text.push_str("\nImported:\n");
                    for d in &report.imported {
                        text.push_str(&format!("  • {} ({})\n", d.title, d.origin));
                    }
                }
                let (dups, refused): (Vec<_>, Vec<_>) =
                    report.skipped.iter().partition(|s| s.is_duplicate());
                if !dups.is_empty() {
                    text.push_str("\nSkipped (already there):\n");
                    for sk in dups {
                        text.push_str(&format!("  • {sk}\n"));
                    }
                }
                if !refused.is_empty() {
                    text.push_str("\nRefused:\n");
                    for sk in refused {
                        text.push_str(&format!("  • {sk}\n"));
                    }
                }
                if paths.iter().any(|p| is_json(p)) {
                    text.push_str(
                        "\nJSON Lines files are imported as articles (their text only); \
                         spans or predictions in them are not read. A model's predictions: \
                         File › Import suggestions…; a coder's annotations: \
                         `newscoder import --coder NAME`.\n",
                    );
                }
                if !report.warnings.is_empty() {
                    text.push_str("\nWarnings:\n");
                    for w in &report.warnings {
                        text.push_str(&format!("  • {w}\n"));
                    }
                }
                for e in problems {
                    text.push_str(&format!("\nProblem: {e}\n"));
                }
                self.set_status(report.summary(), report.all_failed());
                let title = if report.imported.is_empty() {
                    "Nothing imported"
                } else {
                    "Import finished"
                };
                self.modals.push(Modal::Report(TitledText {
                    title: title.into(),
                    text,
                }));
            }
            Err(e) => self.show_error("Import failed", e.to_string()),
        }
    }
}

/// Whether `path` is a JSON or JSON Lines file (which may hold
/// annotations the article import does not read).
fn is_json(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["jsonl", "ndjson", "json"]
            .iter()
            .any(|j| e.eq_ignore_ascii_case(j))
    })
}

/// `text` cut to a length a status line can show.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{cut}…")
}
