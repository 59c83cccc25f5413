//! The codebook editor and the actor panel driven through egui_kittest
//! against a real workspace on a temporary project: every action a panel
//! returns is performed the way the app does it, and the results are read
//! back from the workspace (and undone).
#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newscoder::edit::{Edit, SetKey, Transaction, Workspace};
use newscoder::gui::panels::{ActorPanel, CodebookEditor, Jump, PanelAction};
use newscoder::model::{
    Actor, ActorId, ActorKind, Codebook, DocumentEntry, Metadata, Span, SpanId,
};
use newscoder::session::Session;
use newscoder::store::ProjectDir;
use newscoder::text::text_hash;

const D1: &str =
    "Nicolas Maduro calls Guaido a puppet. Maduro spoke in Caracas. Later Maduro left.";
const D2: &str = "Guaido said Maduro must go.";

/// A project with documents d1 and d2 and actors Nicolas Maduro (a1, alias
/// Maduro), Juan Guaido (a2) and President Maduro (a3). alice tagged
/// "Nicolas Maduro" in d1 (Person, a1) and a stance it holds; bob tagged
/// "Maduro" in d2 (Person, a1). Everything is saved, and the returned
/// workspace has loaded nothing: the panels must ask for the sets.
/// The project on disk: alice and bob coded d1 and d2 (alice's Person and
/// Stance in d1, bob's Person in d2).
fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    let mut dir = ProjectDir::create(&root, "panels", Codebook::default_media()).unwrap();
    for (id, text) in [("d1", D1), ("d2", D2)] {
        dir.write_text(id, text).unwrap();
        dir.project.documents.push(DocumentEntry {
            id: id.into(),
            title: format!("Article {id}"),
            meta: Metadata::default(),
            text_hash: text_hash(text),
            chars: text.chars().count(),
        });
    }
    for (id, name, aliases) in [
        (1, "Nicolas Maduro", vec!["Maduro"]),
        (2, "Juan Guaido", vec!["Guaido"]),
        (3, "President Maduro", vec![]),
    ] {
        dir.project.actors.put(Actor {
            id: ActorId(id),
            name: name.into(),
            kind: ActorKind::Person,
            aliases: aliases.into_iter().map(String::from).collect(),
            attributes: Default::default(),
        });
    }
    dir.save_project().unwrap();
    let mut ws = Workspace::new(dir);
    for (coder, doc) in [
        ("alice", "d1"),
        ("alice", "d2"),
        ("bob", "d1"),
        ("bob", "d2"),
    ] {
        ws.load(&SetKey::new(coder, doc)).unwrap();
    }
    let mut person = Span::new(SpanId(1), 0, 14, "Person");
    person.actor = Some(ActorId(1));
    let mut stance = Span::new(SpanId(2), 15, 36, "Stance");
    stance.add_link("holder", SpanId(1));
    stance.attrs.insert("polarity".into(), "oppose".into());
    let mut bob = Span::new(SpanId(1), 12, 18, "Person");
    bob.actor = Some(ActorId(1));
    ws.apply(Transaction::new(
        "setup",
        vec![
            Edit::PutSpan {
                key: SetKey::new("alice", "d1"),
                span: person,
            },
            Edit::PutSpan {
                key: SetKey::new("alice", "d1"),
                span: stance,
            },
            Edit::PutSpan {
                key: SetKey::new("bob", "d2"),
                span: bob,
            },
        ],
    ))
    .unwrap();
    ws.save().unwrap();
    (tmp, root)
}

/// What the test app holds: the workspace, the panels, and the outcome of
/// the last action.
struct App {
    session: Session,
    codebook: CodebookEditor,
    actors: ActorPanel,
    /// Which panel to show.
    show_actors: bool,
    coder: String,
    document: Option<String>,
    /// Navigation requested by the last action.
    jump: Option<Jump>,
    /// Error of the last action.
    error: Option<String>,
}

impl App {
    fn new(session: Session, show_actors: bool) -> App {
        App {
            session,
            codebook: CodebookEditor::new(),
            actors: ActorPanel::new(),
            show_actors,
            coder: "alice".into(),
            document: Some("d1".into()),
            jump: None,
            error: None,
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui) {
        let action = if self.show_actors {
            self.actors
                .ui(ui, self.session.ws(), &self.coder, self.document.as_deref())
        } else {
            self.codebook.ui(ui, self.session.ws())
        };
        if let Some(action) = action {
            self.perform(action);
        }
    }

    /// Performs an action as the app does after the frame.
    fn perform(&mut self, action: PanelAction) {
        match action.perform(&mut self.session) {
            Ok(None) => {}
            Ok(jump) => self.jump = jump,
            Err(e) => self.error = Some(e),
        }
    }

    fn codebook(&self) -> &Codebook {
        &self.session.ws().project().codebook
    }

    fn spans(&self, coder: &str, doc: &str) -> Vec<Span> {
        self.session
            .ws()
            .set(&SetKey::new(coder, doc))
            .map(|s| s.spans.clone())
            .unwrap_or_default()
    }
}

/// The panel on the project in `root`, in a session coding as alice.
fn harness(root: &std::path::Path, show_actors: bool) -> Harness<'static, App> {
    let session = Session::open(root, "alice").unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1100.0, 1400.0))
        .build_ui_state(
            |ui, app: &mut App| app.ui(ui),
            App::new(session, show_actors),
        );
    h.run();
    h
}

#[test]
fn the_panels_load_every_coders_annotations_first() {
    let (_t, root) = project();
    let session = Session::open(&root, "alice").unwrap();
    assert_eq!(session.ws().loaded_sets().count(), 2, "alice's own");
    drop(session);
    let h = harness(&root, false);
    assert_eq!(h.state().session.ws().loaded_sets().count(), 4);
    assert!(h.state().error.is_none());
    assert!(h.query_by_label("Label Person").is_some());
}

#[test]
fn renaming_a_label_renames_every_coders_spans_and_undo_restores() {
    let (_t, root) = project();
    let mut h = harness(&root, false);
    h.get_by_label("Label Person").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Name")
        .set_text_value_accesskit("Individual");
    h.run();
    h.get_by_label("Rename label").click();
    h.run();
    let app = h.state();
    assert!(app.error.is_none(), "{:?}", app.error);
    let cb = &app.codebook();
    assert!(cb.label("Person").is_none() && cb.label("Individual").is_some());
    let holder = &cb.label("Stance").unwrap().role("holder").unwrap().targets;
    assert!(
        holder.contains(&"Individual".to_string()),
        "role targets follow the rename"
    );
    assert_eq!(app.spans("alice", "d1")[0].label, "Individual");
    assert_eq!(
        app.spans("bob", "d2")[0].label,
        "Individual",
        "a set that was not open is renamed too"
    );
    assert!(
        h.query_by_label("Label Individual").is_some(),
        "the list shows the new name"
    );

    h.state_mut().session.undo().unwrap();
    h.run();
    let app = h.state();
    assert!(app.codebook().label("Person").is_some());
    assert_eq!(app.spans("bob", "d2")[0].label, "Person");
}

#[test]
fn a_conflicting_shortcut_key_is_refused_with_a_message() {
    let (_t, root) = project();
    let mut h = harness(&root, false);
    h.get_by_label("Label Location").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Shortcut key")
        .set_text_value_accesskit("p");
    h.run();
    h.get_by_label("Set key").click();
    h.run();
    let app = h.state();
    let message = app.codebook.message().unwrap_or_default();
    assert!(
        message.contains("already the shortcut of \"Person\""),
        "{message}"
    );
    assert!(
        h.query_by_label_contains("already the shortcut of")
            .is_some(),
        "the message is shown"
    );
    assert_eq!(app.codebook().label("Location").unwrap().key, Some('l'));
    assert!(
        app.session.ws().history().undo_label().is_none(),
        "nothing was applied"
    );

    h.get_by_role_and_label(Role::TextInput, "Shortcut key")
        .set_text_value_accesskit("x");
    h.run();
    h.get_by_label("Set key").click();
    h.run();
    assert_eq!(
        h.state().codebook().label("Location").unwrap().key,
        Some('x')
    );
}

#[test]
fn deleting_a_label_in_use_asks_with_the_count_and_undo_restores_the_spans() {
    let (_t, root) = project();
    let mut h = harness(&root, false);
    h.get_by_label("Label Person").click();
    h.run();
    h.get_by_label("Delete label…").click();
    h.run();
    assert!(
        h.query_by_label_contains("It is used by 2 spans").is_some(),
        "the question gives the number of spans over all coders"
    );
    assert!(
        h.state().codebook().label("Person").is_some(),
        "nothing happens before the answer"
    );

    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label_contains("It is used by").is_none());
    assert!(h.state().codebook().label("Person").is_some());

    h.get_by_label("Delete label…").click();
    h.run();
    h.get_by_label("Delete label and 2 spans").click();
    h.run();
    let app = h.state();
    assert!(app.codebook().label("Person").is_none());
    assert!(app.spans("bob", "d2").is_empty());
    let alice = app.spans("alice", "d1");
    assert_eq!(alice.len(), 1, "only the stance is left");
    assert!(alice[0].links.is_empty(), "it lost its holder");

    h.state_mut().session.undo().unwrap();
    h.run();
    let app = h.state();
    assert_eq!(app.spans("alice", "d1").len(), 2);
    assert_eq!(app.spans("alice", "d1")[1].targets("holder"), &[SpanId(1)]);
    assert_eq!(app.spans("bob", "d2").len(), 1);
}

#[test]
fn attribute_values_and_role_targets_are_edited_with_the_spans_following() {
    let (_t, root) = project();
    let mut h = harness(&root, false);
    h.get_by_label("Label Stance").click();
    h.run();
    h.get_by_label("Rename value oppose").click();
    h.run();
    h.get_by_label("New name for value oppose")
        .set_text_value_accesskit("against");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(
        h.state().spans("alice", "d1")[1]
            .attrs
            .get("polarity")
            .map(String::as_str),
        Some("against")
    );

    h.get_by_label("New value of polarity")
        .set_text_value_accesskit("mixed");
    h.run();
    h.get_by_label("Add value to polarity").click();
    h.run();
    let polarity = format!(
        "{:?}",
        h.state()
            .codebook()
            .label("Stance")
            .unwrap()
            .attribute("polarity")
            .unwrap()
            .kind
    );
    assert!(polarity.contains("mixed"), "{polarity}");

    // Unchecking Person as a holder target would drop alice's link: asked first.
    h.get_by_label("holder may point to Person").click();
    h.run();
    assert!(h.query_by_label_contains("changes 1 span").is_some());
    h.get_by_label("Apply change").click();
    h.run();
    let app = h.state();
    assert!(app.spans("alice", "d1")[1].links.is_empty());
    let holder = &app
        .session
        .ws()
        .project()
        .codebook
        .label("Stance")
        .unwrap()
        .role("holder")
        .unwrap()
        .targets;
    assert!(!holder.contains(&"Person".to_string()));
}

#[test]
fn merging_two_actors_repoints_every_mention_and_undo_restores() {
    let (_t, root) = project();
    let mut h = harness(&root, true);
    h.get_by_label("Actor President Maduro").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Merge with")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Nicolas Maduro")
        .click();
    h.run();
    h.get_by_label("Merge…").click();
    h.run();
    assert!(
        h.query_by_label_contains("2 mentions (all coders) will point to")
            .is_some()
    );
    h.get_by_role_and_label(Role::Button, "Merge").click();
    h.run();
    let app = h.state();
    assert!(app.error.is_none(), "{:?}", app.error);
    let reg = &app.session.ws().project().actors;
    assert!(reg.get(ActorId(1)).is_none());
    assert_eq!(
        reg.get(ActorId(3)).unwrap().aliases,
        ["Nicolas Maduro", "Maduro"]
    );
    assert_eq!(app.spans("alice", "d1")[0].actor, Some(ActorId(3)));
    assert_eq!(app.spans("bob", "d2")[0].actor, Some(ActorId(3)));
    assert!(h.query_by_label("Actor Nicolas Maduro").is_none());

    h.state_mut().session.undo().unwrap();
    h.run();
    let app = h.state();
    assert!(app.session.ws().project().actors.get(ActorId(1)).is_some());
    assert_eq!(app.spans("bob", "d2")[0].actor, Some(ActorId(1)));
    assert!(
        app.session
            .ws()
            .project()
            .actors
            .get(ActorId(3))
            .unwrap()
            .aliases
            .is_empty()
    );
}

#[test]
fn adding_an_actor_and_an_alias() {
    let (_t, root) = project();
    let mut h = harness(&root, true);
    h.get_by_label("New actor name")
        .set_text_value_accesskit("Vladimir Putin");
    h.run();
    h.get_by_label("Add actor").click();
    h.run();
    h.get_by_label("New alias")
        .set_text_value_accesskit("Putin");
    h.run();
    h.get_by_label("Add alias").click();
    h.run();
    let app = h.state();
    let putin = app
        .session
        .ws()
        .project()
        .actors
        .find_by_name("putin")
        .unwrap();
    assert_eq!(
        (putin.name.as_str(), putin.kind),
        ("Vladimir Putin", ActorKind::Person)
    );
    assert_eq!(putin.aliases, ["Putin"]);

    h.get_by_label("New alias")
        .set_text_value_accesskit("Maduro");
    h.run();
    h.get_by_label("Add alias").click();
    h.run();
    let message = h.state().actors.message().unwrap_or_default();
    assert!(message.contains("already refers to actor"), "{message}");
}

#[test]
fn found_mentions_are_accepted_or_rejected_one_by_one_and_never_tagged_silently() {
    let (_t, root) = project();
    let mut h = harness(&root, true);
    h.get_by_label("Actor Nicolas Maduro").click();
    h.run();
    h.get_by_label("In this document").click();
    h.run();
    let found: Vec<(usize, usize)> = h
        .state()
        .actors
        .suggestions()
        .iter()
        .map(|s| (s.start, s.end))
        .collect();
    assert_eq!(
        found,
        [(38, 44), (69, 75)],
        "the tagged 'Nicolas Maduro' is not offered"
    );
    assert_eq!(
        h.state().spans("alice", "d1").len(),
        2,
        "finding tags nothing"
    );

    h.get_by_label("Accept mention 1 at 38").click();
    h.run();
    let app = h.state();
    let spans = app.spans("alice", "d1");
    let added: Vec<&Span> = spans.iter().filter(|s| s.start == 38).collect();
    assert_eq!(added.len(), 1);
    assert_eq!(
        (added[0].end, added[0].label.as_str(), added[0].actor),
        (44, "Person", Some(ActorId(1)))
    );
    assert_eq!(app.actors.suggestions().len(), 1);

    h.get_by_label("Reject mention 1 at 69").click();
    h.run();
    assert!(h.state().actors.suggestions().is_empty());
    assert_eq!(
        h.state().spans("alice", "d1").len(),
        3,
        "rejecting tags nothing"
    );
    assert!(
        h.query_by_label_contains("No untagged mention left")
            .is_some()
    );

    h.get_by_label("In this document").click();
    h.run();
    assert!(
        h.state().actors.suggestions().is_empty(),
        "a rejected mention is not offered again"
    );

    h.state_mut().session.undo().unwrap();
    h.run();
    assert_eq!(
        h.state().spans("alice", "d1").len(),
        2,
        "undo removes the accepted span"
    );
}

#[test]
fn mentions_across_the_project_are_accepted_all_at_once_and_can_be_shown() {
    let (_t, root) = project();
    let mut h = harness(&root, true);
    h.state_mut().coder = "bob".into();
    h.get_by_label("Actor Nicolas Maduro").click();
    h.run();
    h.get_by_label("In the whole project").click();
    h.run();
    let docs: Vec<String> = h
        .state()
        .actors
        .suggestions()
        .iter()
        .map(|s| s.document.clone())
        .collect();
    assert_eq!(docs, ["d1", "d1", "d1"], "bob tagged Maduro in d2 already");

    h.get_by_label("Show mention 2 at 38").click();
    h.run();
    assert!(matches!(&h.state().jump,
        Some(Jump { coder, document, range: Some((38, 44)), .. }) if coder == "bob" && document == "d1"));

    h.get_by_label("Accept all").click();
    h.run();
    let app = h.state();
    let bob = app.spans("bob", "d1");
    assert_eq!(bob.len(), 3);
    assert!(
        bob.iter()
            .all(|s| s.actor == Some(ActorId(1)) && s.label == "Person")
    );
    assert_eq!(
        app.session.ws().history().undo_label(),
        Some("Accept 3 mentions")
    );
    assert!(app.actors.suggestions().is_empty());
}

#[test]
fn categories_and_labels_are_added_and_reordered() {
    let (_t, root) = project();
    let mut h = harness(&root, false);
    h.get_by_label("New category name")
        .set_text_value_accesskit("Frame");
    h.run();
    h.get_by_label("Add category").click();
    h.run();
    h.get_by_label("New label name")
        .set_text_value_accesskit("Blame");
    h.run();
    h.get_by_label("Add label").click();
    h.run();
    let cb = h.state().codebook().clone();
    assert_eq!(
        cb.category_of("Blame"),
        Some("Frame"),
        "a new label goes to the category just added"
    );

    h.get_by_label("Label Organization").click();
    h.run();
    h.get_by_label("Move up").click();
    h.run();
    let names: Vec<String> = h.state().codebook().categories[0]
        .labels
        .iter()
        .map(|l| l.name.clone())
        .collect();
    assert_eq!(names[..2], ["Organization", "Person"]);
    assert_eq!(
        h.state().session.ws().history().undo_label(),
        Some("Move label Organization")
    );
    assert_eq!(h.state().codebook().revision, cb.revision + 1);
}
