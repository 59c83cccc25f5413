//! Reads an actor list from CSV: a header row, then one actor per row.
//!
//! - Columns `name` (required), `kind` (optional; an empty cell or no
//!   column means "not given", which a new actor takes as `other`) and
//!   `aliases` (`|`-separated); every other named column is an attribute.
//!   Column names are matched ignoring case and surrounding spaces; a name
//!   used twice is an error.
//! - Bytes are decoded as the article import does: a UTF-8 byte-order mark
//!   is dropped, UTF-16 (Excel's "Unicode text") and legacy encodings
//!   (Windows-1252 from an older Excel) are recognised and said so in a
//!   warning.
//! - The separator is the one that makes the header have a `name` column:
//!   `,`, `;` (Excel in much of Europe) or tab; should several, the one
//!   giving the most columns. This is unambiguous because `name` must be a
//!   whole header cell.
//! - Rows that are entirely empty are skipped. Problems are collected for
//!   every row, each as `FILE:LINE: reason`; one problem means nothing is
//!   imported.

use super::merge::ListedActor;
use super::{parse_kind, split_aliases};
use crate::import::InputProblem;
use crate::wording::quoted;

/// A CSV actor list, read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActorCsv {
    /// The actors with the line each starts on (1-based).
    pub rows: Vec<(usize, ListedActor)>,
    /// Things worth saying that are not errors (how the file was decoded,
    /// the separator if it was not a comma, a missing `kind` column).
    pub warnings: Vec<String>,
}

/// Reads `bytes`, the contents of the file `file` (named in messages).
pub fn read_actor_csv(bytes: &[u8], file: &str) -> Result<ActorCsv, Vec<InputProblem>> {
    let problem =
        |line: usize, message: String| InputProblem::new(format!("{file}:{line}"), message);
    let decoded = crate::import::decode(bytes, false)
        .map_err(|reason| vec![InputProblem::new(file, reason)])?;
    let mut out = ActorCsv::default();
    if let Some(w) = decoded.warning() {
        out.warnings.push(format!("{file}: {w}"));
    }
    let content = decoded.text;
    if content.trim().is_empty() {
        return Err(vec![InputProblem::new(
            file,
            "is empty; an actor list needs a header row with a “name” column",
        )]);
    }
    let Some((delimiter, headers)) = pick_delimiter(&content) else {
        let first = content.lines().next().unwrap_or("");
        return Err(vec![problem(
            1,
            format!(
                "the header row has no “name” column (it reads {}); the columns are name, kind, aliases and any others",
                quoted(&crate::wording::excerpt(first, 80))
            ),
        )]);
    };
    if delimiter != b',' {
        let shown = if delimiter == b'\t' {
            "tabs"
        } else {
            "semicolons"
        };
        out.warnings
            .push(format!("{file}: columns are separated by {shown}"));
    }
    let mut problems = Vec::new();
    let column = |wanted: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(wanted));
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].iter().any(|x| x.eq_ignore_ascii_case(h)) {
            problems.push(problem(
                1,
                format!("the column {} appears twice", quoted(h)),
            ));
        }
    }
    let (Some(name_col), kind_col, alias_col) = (column("name"), column("kind"), column("aliases"))
    else {
        return Err(vec![problem(
            1,
            "the header row has no “name” column".into(),
        )]);
    };
    if kind_col.is_none() {
        out.warnings.push(format!(
            "{file}: no “kind” column; new actors are of kind other"
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(content.as_bytes());
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(problem(line, e.to_string()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        match row_actor(&headers, name_col, kind_col, alias_col, &record) {
            Ok(actor) => out.rows.push((line, actor)),
            Err(message) => problems.push(problem(line, message)),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The separator under which the header row has a `name` column, with the
/// header's cells (trimmed).
fn pick_delimiter(content: &str) -> Option<(u8, Vec<String>)> {
    [b',', b';', b'\t']
        .into_iter()
        .filter_map(|d| {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(d)
                .has_headers(true)
                .flexible(true)
                .from_reader(content.as_bytes());
            let headers: Vec<String> = reader
                .headers()
                .ok()?
                .iter()
                .map(|h| h.trim().to_string())
                .collect();
            headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case("name"))
                .then_some((d, headers))
        })
        // The first of the most columns: a comma wins a tie.
        .rev()
        .max_by_key(|(_, headers)| headers.len())
}

/// The actor of one (non-empty) row.
fn row_actor(
    headers: &[String],
    name_col: usize,
    kind_col: Option<usize>,
    alias_col: Option<usize>,
    record: &csv::StringRecord,
) -> Result<ListedActor, String> {
    if record.len() > headers.len()
        && record
            .iter()
            .skip(headers.len())
            .any(|c| !c.trim().is_empty())
    {
        return Err(format!(
            "has {} cells, but the header has {} columns",
            record.len(),
            headers.len()
        ));
    }
    let cell = |col: usize| record.get(col).unwrap_or("").trim();
    let name = cell(name_col);
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    let kind = match kind_col.map(cell).filter(|k| !k.is_empty()) {
        Some(k) => Some(parse_kind(k)?),
        None => None,
    };
    let mut actor = ListedActor {
        name: name.to_string(),
        kind,
        aliases: alias_col
            .map(|c| split_aliases(cell(c)))
            .unwrap_or_default(),
        ..ListedActor::default()
    };
    for (col, header) in headers.iter().enumerate() {
        if col == name_col || Some(col) == kind_col || Some(col) == alias_col {
            continue;
        }
        let value = cell(col);
        if value.is_empty() {
            continue;
        }
        if header.is_empty() {
            return Err(format!(
                "column {} holds {} but has no name in the header row",
                col + 1,
                quoted(value)
            ));
        }
        actor.attributes.insert(header.clone(), value.to_string());
    }
    Ok(actor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;

    fn problems(bytes: &[u8]) -> Vec<String> {
        read_actor_csv(bytes, "l.csv")
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn reads_names_kinds_aliases_and_attribute_columns_in_any_case() {
        let csv = "Name,KIND, Aliases ,Party,country\n\
                   Nicolás Maduro,Person,Maduro|el presidente,PSUV,\n\
                   \n\
                   ,,,,\n\
                   Venezuela,state,,,VE\n";
        let read = read_actor_csv(csv.as_bytes(), "l.csv").unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert_eq!(read.rows.len(), 2);
        let (line, maduro) = &read.rows[0];
        assert_eq!(*line, 2);
        assert_eq!(maduro.kind, Some(ActorKind::Person));
        assert_eq!(maduro.aliases, ["Maduro", "el presidente"]);
        assert_eq!(maduro.attributes.len(), 1);
        assert_eq!(maduro.attributes["Party"], "PSUV");
        let (line, ve) = &read.rows[1];
        assert_eq!(*line, 5);
        assert_eq!(ve.attributes["country"], "VE");
    }

    #[test]
    fn a_bom_semicolons_and_windows_1252_from_excel() {
        let mut bytes =
            b"\xef\xbb\xbfname;kind;party\r\nL\xc3\xb3pez, Leopoldo;person;VP\r\n".to_vec();
        let read = read_actor_csv(&bytes, "l.csv").unwrap();
        assert_eq!(read.rows[0].1.name, "López, Leopoldo");
        assert_eq!(read.rows[0].1.attributes["party"], "VP");
        assert_eq!(
            read.warnings,
            ["l.csv: columns are separated by semicolons"]
        );
        bytes = b"name;kind\nL\xf3pez;person\n".to_vec();
        let read = read_actor_csv(&bytes, "l.csv").unwrap();
        assert_eq!(read.rows[0].1.name, "López");
        assert!(
            read.warnings.iter().any(|w| w.contains("not UTF-8")),
            "{:?}",
            read.warnings
        );
    }

    #[test]
    fn a_missing_kind_column_is_said_and_leaves_the_kind_open() {
        let read = read_actor_csv(b"name\nCuba\n", "l.csv").unwrap();
        assert_eq!(read.rows[0].1.kind, None);
        assert!(
            read.warnings[0].contains("no “kind” column"),
            "{:?}",
            read.warnings
        );
    }

    #[test]
    fn every_bad_row_is_named_with_file_and_line() {
        let p = problems(b"name,kind,aliases,\nA,party,,\n,person,x,\nB,person,,oops\n");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("l.csv:2: unknown kind “party”"), "{p:?}");
        assert_eq!(p[1], "l.csv:3: the name is empty");
        assert!(p[2].starts_with("l.csv:4: column 4 holds “oops”"), "{p:?}");
        assert!(
            problems(b"title,kind\nA,person\n")[0]
                .starts_with("l.csv:1: the header row has no “name” column")
        );
        assert!(problems(b"name,Name\nA,B\n")[0].contains("appears twice"));
        assert!(problems(b"name,kind\nA,person,x\n")[0].starts_with("l.csv:2: has 3 cells"));
        assert!(problems(b"")[0].contains("is empty"));
    }
}
