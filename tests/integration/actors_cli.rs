//! `newscoder actors PROJECT list|add|import|export` (DESIGN §4): the
//! registry from and to CSV actor lists, all or nothing, idempotent.

use crate::util::{example_copy, newscoder, run_said, write};
use newscoder::store::ProjectDir;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `actors/` (backups too) with its bytes.
fn actors_folder(project: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(project.join("actors"))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// `newscoder actors PROJECT ARGS…`.
fn actors(project: &Path, args: &[&str]) -> (bool, String) {
    run_said(newscoder().arg("actors").arg(project).args(args))
}

#[test]
fn list_prints_a_table_and_json_of_the_designed_shape() {
    let (_tmp, p) = example_copy();
    let (ok, said) = actors(&p, &["list"]);
    assert!(ok, "{said}");
    let header = said.lines().next().unwrap();
    for column in ["id", "name", "kind", "aliases"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        said.lines()
            .any(|l| l.starts_with("01KDVDNA000000000000000001")
                && l.contains("Nicolas Maduro")
                && l.contains("person")
                && l.contains("Maduro | President Nicolas Maduro")),
        "{said}"
    );
    assert!(said.contains("41 actors"), "{said}");

    let list = write(
        p.parent().unwrap(),
        "attrs.csv",
        "name,kind,party,id\nNicolas Maduro,person,PSUV,Q57413\n",
    );
    let (ok, said) = actors(&p, &["import", list.to_str().unwrap()]);
    assert!(ok, "{said}");
    let out = newscoder()
        .arg("actors")
        .arg(&p)
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let list = json["actors"].as_array().unwrap();
    assert_eq!(json.as_object().unwrap().len(), 1);
    assert_eq!(list.len(), 41);
    for actor in list {
        assert_eq!(actor["id"].as_str().unwrap().len(), 26, "{actor}");
        assert!(
            actor["name"].is_string() && actor["aliases"].is_array(),
            "{actor}"
        );
        let kind = actor["kind"].as_str().unwrap();
        assert!(["person", "organization", "state", "group", "other"].contains(&kind));
    }
    let maduro = &list[0];
    assert_eq!(maduro["id"], "01KDVDNA000000000000000001");
    assert_eq!(maduro["name"], "Nicolas Maduro");
    assert_eq!(maduro["aliases"][1], "Maduro");
    // Attributes are further keys; one named like a fixed key does not
    // overwrite it.
    assert_eq!(maduro["party"], "PSUV");
    assert_eq!(maduro["extra_id"], "Q57413");
    assert!(
        text.contains("\"id\": \"01KDVDNA000000000000000001\",\n      \"name\""),
        "keys in the designed order: {text}"
    );
}

#[test]
fn add_creates_an_actor_and_a_known_name_merges_its_aliases() {
    let (_tmp, p) = example_copy();
    let before = actors_folder(&p);
    let project_ron = std::fs::read(p.join("project.ron")).unwrap();
    let (ok, said) = actors(
        &p,
        &[
            "add",
            "Diosdado Cabello",
            "--kind",
            "Person",
            "--alias",
            "Cabello",
        ],
    );
    assert!(ok && said.contains("added “Diosdado Cabello”"), "{said}");
    let after = actors_folder(&p);
    assert_eq!(after.len(), before.len() + 1);
    let dir = ProjectDir::open(&p).unwrap();
    let cabello = dir.project.actors.find_by_name("cabello").unwrap();
    assert_eq!(cabello.kind, newscoder::model::ActorKind::Person);
    assert_eq!(cabello.aliases, ["Cabello"]);

    // An alias already present: merged into that actor, no duplicate.
    let (ok, said) = actors(
        &p,
        &[
            "add",
            "maduro",
            "--kind",
            "person",
            "--alias",
            "el presidente",
            "--alias",
            "Maduro",
        ],
    );
    assert!(ok, "{said}");
    assert!(
        said.contains("merged into “Nicolas Maduro” (01KDVDNA000000000000000001)")
            && said.contains("“el presidente”"),
        "{said}"
    );
    let merged = actors_folder(&p);
    // One file changed (and got its backup); no actor was added.
    let changed: Vec<&String> = merged
        .iter()
        .filter(|(name, bytes)| after.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        changed,
        [
            "01KDVDNA000000000000000001.ron",
            "01KDVDNA000000000000000001.ron.bak"
        ]
    );
    let dir = ProjectDir::open(&p).unwrap();
    let maduro = dir.project.actors.find_by_name("el presidente").unwrap();
    assert_eq!(maduro.name, "Nicolas Maduro");
    assert_eq!(maduro.aliases.iter().filter(|a| *a == "Maduro").count(), 1);

    // The same again changes nothing, and says so.
    let (ok, said) = actors(
        &p,
        &[
            "add",
            "Maduro",
            "--kind",
            "person",
            "--alias",
            "el presidente",
        ],
    );
    assert!(ok && said.contains("nothing changed"), "{said}");
    assert_eq!(actors_folder(&p), merged);
    assert_eq!(std::fs::read(p.join("project.ron")).unwrap(), project_ron);
}

#[test]
fn an_unknown_kind_is_refused_with_the_list_of_kinds() {
    let (_tmp, p) = example_copy();
    let before = actors_folder(&p);
    let (ok, said) = actors(&p, &["add", "PSUV", "--kind", "party"]);
    assert!(!ok);
    assert!(
        said.contains("unknown kind “party”")
            && said.contains("person, organization, state, group, other"),
        "{said}"
    );
    assert_eq!(actors_folder(&p), before);
    // A name and alias of two different actors: refused, not guessed.
    let (ok, said) = actors(
        &p,
        &["add", "Trump", "--kind", "person", "--alias", "Putin"],
    );
    assert!(!ok);
    assert!(
        said.contains("cannot add “Trump”: its name and aliases call more than one actor")
            && said.contains("“Vladimir Putin” (01KDVDNA000000000000000004)"),
        "{said}"
    );
    assert_eq!(actors_folder(&p), before);
}

#[test]
fn importing_a_list_twice_changes_nothing() {
    let (tmp, p) = example_copy();
    // As Excel in much of Europe saves it: a byte-order mark, semicolons, CRLF.
    let list = write(
        tmp.path(),
        "politicians.csv",
        "\u{feff}Name;Kind;Aliases;Party\r\n\
         Diosdado Cabello;person;Cabello|DC;PSUV\r\n\
         Nicolas Maduro;person;El presidente;PSUV\r\n\
         ;;;\r\n\
         Primero Justicia;organization;PJ;\r\n",
    );
    let (ok, said) = actors(&p, &["import", list.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(
        said.contains("2 actors added, 1 extended, 0 unchanged"),
        "{said}"
    );
    assert!(said.contains("separated by semicolons"), "{said}");
    let dir = ProjectDir::open(&p).unwrap();
    assert_eq!(dir.project.actors.actors.len(), 43);
    let maduro = dir.project.actors.find_by_name("El presidente").unwrap();
    assert_eq!(maduro.attributes["Party"], "PSUV");
    assert_eq!(
        dir.project.actors.find_by_name("DC").unwrap().name,
        "Diosdado Cabello"
    );

    let once = actors_folder(&p);
    let project_ron = std::fs::read(p.join("project.ron")).unwrap();
    let (ok, said) = actors(&p, &["import", list.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(
        said.contains("0 actors added, 0 extended, 3 unchanged"),
        "{said}"
    );
    assert_eq!(actors_folder(&p), once);
    assert_eq!(std::fs::read(p.join("project.ron")).unwrap(), project_ron);

    // A different value for an attribute the project has is kept, and said.
    let other = write(tmp.path(), "other.csv", "name,party\nCabello,GPP\n");
    let (ok, said) = actors(&p, &["import", other.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(
        said.contains("other.csv:2: Party stays “PSUV” (the list says “GPP”)"),
        "{said}"
    );
}

#[test]
fn an_export_imports_back_without_any_change() {
    let (tmp, p) = example_copy();
    let list = write(
        tmp.path(),
        "in.csv",
        "name,kind,aliases,party,country\n\
         \"Cabello, Diosdado\",person,\"Cabello|\"\"el número dos\"\"\",PSUV,VE\n\
         Cuba,state,,,CU\n",
    );
    let (ok, said) = actors(&p, &["import", list.to_str().unwrap()]);
    assert!(ok, "{said}");
    let out = tmp.path().join("out.csv");
    let (ok, said) = actors(&p, &["export", out.to_str().unwrap()]);
    assert!(ok && said.contains("exported 42 actors"), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("name,kind,aliases,country,party\n"),
        "{text}"
    );
    assert!(
        text.contains("Cuba,state,Havana|the Cubans,CU,\n"),
        "{text}"
    );
    let before = actors_folder(&p);
    let (ok, said) = actors(&p, &["import", out.to_str().unwrap()]);
    assert!(ok, "{said}");
    assert!(
        said.contains("0 actors added, 0 extended, 42 unchanged"),
        "{said}"
    );
    assert!(!said.contains("note:"), "{said}");
    assert_eq!(actors_folder(&p), before);

    // Never over a project file.
    let own = p.join("actors").join("list.csv");
    let (ok, said) = actors(&p, &["export", own.to_str().unwrap()]);
    assert!(
        !ok && said.contains("one of the project's own files"),
        "{said}"
    );
    assert!(!own.exists());
    let (ok, _) = actors(&p, &["export", p.join("project.ron").to_str().unwrap()]);
    assert!(!ok);
    assert_eq!(actors_folder(&p), before);
}

#[test]
fn a_bad_row_names_file_and_line_and_nothing_is_written() {
    let (tmp, p) = example_copy();
    let before = actors_folder(&p);
    let list = write(
        tmp.path(),
        "bad.csv",
        "name,kind,aliases\n\
         Diosdado Cabello,person,Cabello\n\
         PSUV,party,\n\
         ,person,nobody\n",
    );
    let (ok, said) = actors(&p, &["import", list.to_str().unwrap()]);
    assert!(!ok);
    let shown = list.display().to_string();
    assert!(
        said.contains(&format!(
            "{shown}:3: unknown kind “party”; the kinds are person"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!("{shown}:4: the name is empty")),
        "{said}"
    );
    assert!(said.contains("nothing imported"), "{said}");
    // The good row before them was not added either.
    assert_eq!(actors_folder(&p), before);
    let ambiguous = write(tmp.path(), "amb.csv", "name,aliases\nTrump,Putin\n");
    let (ok, said) = actors(&p, &["import", ambiguous.to_str().unwrap()]);
    assert!(
        !ok && said.contains("amb.csv:2: its name and aliases call more than one actor"),
        "{said}"
    );
    assert_eq!(actors_folder(&p), before);
}
