//! The codebook as CSV, both ways: columns `key;path;name_nb;name_en;color;definition_nb;
//! definition_en;inclusion;exclusion;anchor`, one row per code in tree order, UTF-8 with a
//! byte-order mark, `;`-separated; several anchor examples in one cell, one per line.
//!
//! Import reads the same columns (UTF-8 or Windows-1252, `;` or `,`, columns in any order; only
//! `key` or `path` is required, a missing column leaves that field as it is) as one undoable
//! step. Each row finds its code by key, else by path: a code found is updated (a blank cell
//! clears an optional text; a blank name or colour keeps the old one) and keeps its place; a code
//! not found is created at its path, with missing parents created on the way, and with the
//! row's key if no other code has it. The report says what was created and what changed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::table::{Cell, Table};
use crate::attribute_csv;
use crate::codebook::tree::Tree;
use crate::codebook::{self, split_path, CodeData};
use crate::project::{normalize_value, now, Project};
use crate::store::{codes, log};
use crate::{Error, Result};

/// The columns, in order.
pub const COLUMNS: [&str; 10] = [
    "key",
    "path",
    "name_nb",
    "name_en",
    "color",
    "definition_nb",
    "definition_en",
    "inclusion",
    "exclusion",
    "anchor",
];

/// What importing a codebook CSV did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CodebookCsvReport {
    /// Paths of the codes created (parents created on the way included), in file order.
    pub created: Vec<String>,
    /// Codes changed: their path and the fields that changed.
    pub updated: Vec<(String, Vec<String>)>,
    /// Rows whose code was already as the row says.
    pub unchanged: usize,
}

/// The codebook as a table with [`COLUMNS`].
fn table(tree: &Tree) -> Table {
    let rows = tree
        .order()
        .into_iter()
        .map(|i| {
            let d = &tree.row(i).data;
            let text = |s: &str| Cell::Text(s.to_owned());
            let optional = |s: &Option<String>| text(s.as_deref().unwrap_or(""));
            vec![
                optional(&d.key),
                text(&tree.path(i)),
                text(&d.name_nb),
                optional(&d.name_en),
                text(&d.color),
                text(&d.definition_nb),
                optional(&d.definition_en),
                text(&d.inclusion),
                text(&d.exclusion),
                text(&d.anchors.join("\n")),
            ]
        })
        .collect();
    Table {
        header: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        rows,
    }
}

/// One row of an imported file: each column present, by name.
struct Row {
    line: usize,
    fields: BTreeMap<&'static str, String>,
}

impl Row {
    fn get(&self, column: &str) -> Option<&str> {
        self.fields.get(column).map(String::as_str)
    }
}

fn parse(bytes: &[u8]) -> std::result::Result<Vec<Row>, String> {
    let text = attribute_csv::decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(attribute_csv::delimiter(&text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let columns: Vec<(usize, &'static str)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| COLUMNS.iter().find(|c| *c == h).map(|c| (i, *c)))
        .collect();
    if !columns.iter().any(|(_, c)| *c == "key" || *c == "path") {
        return Err(format!(
            "the header row needs a key or a path column (the columns are {})",
            COLUMNS.join(";")
        ));
    }
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = record.map_err(|e| format!("row {line}: {e}"))?;
        let fields: BTreeMap<&'static str, String> = columns
            .iter()
            .map(|&(i, c)| {
                let raw = record.get(i).unwrap_or_default().replace("\r\n", "\n");
                (c, normalize_value(&raw))
            })
            .collect();
        let row = Row { line, fields };
        if row.get("key").unwrap_or_default().is_empty()
            && row.get("path").unwrap_or_default().is_empty()
        {
            continue;
        }
        rows.push(row);
    }
    Ok(rows)
}

/// A code's content as JSON fields, to compare and log.
fn fields(d: &CodeData) -> serde_json::Map<String, serde_json::Value> {
    let serde_json::Value::Object(map) = serde_json::json!({
        "name_nb": d.name_nb, "name_en": d.name_en, "color": d.color,
        "definition_nb": d.definition_nb, "definition_en": d.definition_en,
        "inclusion": d.inclusion, "exclusion": d.exclusion, "anchors": d.anchors,
    }) else {
        unreachable!("a JSON object literal")
    };
    map
}

/// `data` with the row's cells applied.
fn apply(row: &Row, data: &CodeData) -> Result<CodeData> {
    let mut new = data.clone();
    let optional = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    for (column, value) in &row.fields {
        match *column {
            "name_nb" if !value.is_empty() => new.name_nb = codebook::normalize_name(value)?,
            "color" if !value.is_empty() => new.color = codebook::parse_color(value)?,
            "name_en" => new.name_en = optional(value),
            "definition_nb" => new.definition_nb = value.clone(),
            "definition_en" => new.definition_en = optional(value),
            "inclusion" => new.inclusion = value.clone(),
            "exclusion" => new.exclusion = value.clone(),
            "anchor" => {
                new.anchors = value
                    .lines()
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            _ => {}
        }
    }
    Ok(new)
}

/// The codebook as CSV and back.
impl Project {
    /// Writes the codebook as CSV (see the module docs); returns how many codes were written.
    pub fn export_codebook_csv(&self, path: &Path) -> Result<usize> {
        let rows = codes::all(self.store().conn())?;
        let table = table(&Tree::new(&rows));
        super::write_file(path, &super::csv::table_bytes(&table, b';'))?;
        Ok(table.rows.len())
    }

    /// Reads a codebook CSV (see the module docs) as one undoable step: codes created are
    /// logged `create_code`, codes changed `edit_code` with each changed field's old and new
    /// value. A row that fails (a name taken among its siblings, a colour that is not one)
    /// fails the import, naming the file and row, and nothing is changed.
    pub fn import_codebook_csv(&mut self, path: &Path) -> Result<CodebookCsvReport> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let rows = parse(&bytes).map_err(|reason| Error::Csv {
            path: path.to_owned(),
            reason,
        })?;
        let (at, actor) = (now(), self.actor().to_owned());
        self.store_mut()
            .write_undoable(|tx| {
                let mut report = CodebookCsvReport::default();
                for row in &rows {
                    import_row(tx, (&at, &actor), row, &mut report)
                        .map_err(|e| Error::Invalid(format!("row {}: {e}", row.line)))?;
                }
                Ok(report)
            })
            .map_err(|e| match e {
                Error::Invalid(reason) => Error::Csv {
                    path: path.to_owned(),
                    reason,
                },
                other => other,
            })
    }
}

fn import_row(
    tx: &rusqlite::Transaction,
    (at, actor): (&str, &str),
    row: &Row,
    report: &mut CodebookCsvReport,
) -> Result<()> {
    let all = codes::all(tx)?;
    let tree = Tree::new(&all);
    let key = row.get("key").filter(|k| !k.is_empty());
    let path = row.get("path").filter(|p| !p.is_empty());
    let by_key = key.and_then(|k| {
        all.iter().position(|r| {
            r.data
                .key
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(k))
        })
    });
    let found = by_key.or_else(|| path.and_then(|p| tree.resolve(p).ok()));
    let Some(i) = found else {
        let path = path.ok_or_else(|| {
            Error::Invalid(format!(
                "no code has the key {:?}; give a path to create it",
                key.unwrap_or_default()
            ))
        })?;
        return create(tx, (at, actor), row, key, path, report);
    };
    let old = &all[i].data;
    let new = apply(row, old)?;
    if new.name_nb != old.name_nb {
        if let Some(clash) = tree.sibling_named(tree.parent(i), &new.name_nb, Some(i)) {
            return Err(Error::Invalid(format!(
                "cannot rename {} to {:?}: its sibling {} has that name",
                tree.describe(i),
                new.name_nb,
                tree.describe(clash)
            )));
        }
    }
    let (before, after) = (fields(old), fields(&new));
    let changed: Vec<String> = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    if changed.is_empty() {
        report.unchanged += 1;
        return Ok(());
    }
    codes::update_content(tx, all[i].id, &new)?;
    let pick = |m: &serde_json::Map<String, serde_json::Value>| -> serde_json::Value {
        changed.iter().map(|k| (k.clone(), m[k].clone())).collect()
    };
    log::append(
        tx,
        at,
        actor,
        "edit_code",
        &all[i].guid,
        &serde_json::json!({
            "key": old.key, "name": new.name_nb, "path": tree.path(i),
            "from": pick(&before), "to": pick(&after), "source": "csv",
        }),
    )?;
    report.updated.push((tree.path(i), changed));
    Ok(())
}

/// Creates the code at `path` (and any missing parent) with the row's content.
fn create(
    tx: &rusqlite::Transaction,
    (at, actor): (&str, &str),
    row: &Row,
    key: Option<&str>,
    path: &str,
    report: &mut CodebookCsvReport,
) -> Result<()> {
    let segments = split_path(path);
    let mut parent: Option<i64> = None;
    for (depth, segment) in segments.iter().enumerate() {
        let all = codes::all(tx)?;
        let tree = Tree::new(&all);
        let parent_index = parent.map(|id| tree.index(id).expect("created or found above"));
        let last = depth + 1 == segments.len();
        if let Some(existing) = tree.sibling_named(parent_index, segment, None) {
            if last {
                return Err(Error::Invalid(format!(
                    "{} already exists at {path:?}",
                    tree.describe(existing)
                )));
            }
            parent = Some(all[existing].id);
            continue;
        }
        let color = codebook::default_color(
            parent_index.map(|p| all[p].data.color.as_str()),
            tree.children(None).len(),
        );
        let mut data = CodeData {
            name_nb: codebook::normalize_name(segment)?,
            color,
            ..CodeData::default()
        };
        if last {
            data = apply(row, &data)?;
            let taken = |k: &str| {
                all.iter().any(|r| {
                    r.data
                        .key
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(k))
                })
            };
            data.key = key.filter(|k| !taken(k)).map(str::to_owned);
            if tree
                .sibling_named(parent_index, &data.name_nb, None)
                .is_some()
            {
                return Err(Error::Invalid(format!(
                    "the name {:?} is taken among the siblings at {path:?}",
                    data.name_nb
                )));
            }
        }
        let position = tree.children(parent_index).len();
        let (id, guid) = codes::insert(tx, parent, position, &data, at)?;
        let created_path = match parent_index {
            Some(p) => format!(
                "{}/{}",
                tree.path(p),
                codebook::escape_segment(&data.name_nb)
            ),
            None => codebook::escape_segment(&data.name_nb),
        };
        log::append(
            tx,
            at,
            actor,
            "create_code",
            &guid,
            &serde_json::json!({
                "name": data.name_nb, "key": data.key, "color": data.color,
                "position": position, "parent": parent_index.map(|p| &all[p].guid),
                "source": "csv",
            }),
        )?;
        report.created.push(created_path);
        parent = Some(id);
    }
    Ok(())
}
