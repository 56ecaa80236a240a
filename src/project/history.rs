//! Undo, redo and the audit trail: the facade over the project-wide history (`store::history`).
//!
//! Every undoable gesture (`Store::write_undoable`) is one step; [`Project::undo`] takes back
//! the newest, [`Project::redo`] applies the newest undone one again (a redone coding keeps its
//! id and GUID), and both append an `undo` / `redo` entry to the change log, so the log stays a
//! complete account of who changed what, when. [`Project::history`] is that account, each entry
//! with the names of what it touched and whether it is undone now; it exports as CSV or JSON.
//! The core returns structured data (action, names); the front ends phrase it.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use super::{now, Project};
use crate::codebook;
use crate::store::history::{self, Direction, StepRow};
use crate::store::log::{self, LogRow};
use crate::{Error, Result};

/// One entry of the change log: the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub seq: i64,
    /// When, RFC 3339 in UTC.
    pub at: String,
    /// Who (the coder name of the handle that made it).
    pub actor: String,
    /// What was done: `code`, `uncode`, `create_code`, `rename_code`, `set_memo`, `undo`, ...
    pub action: String,
    /// The GUID (or, for file imports, the path) of what it was done to.
    pub subject: String,
    /// What it was done to, by name: a code as its key and name (`T08.6 Rapportering`) or its
    /// path, a document, an informant, an attribute (`key = value`), a rename as `old → new`.
    pub name: Option<String>,
    /// Where: the document of a coding, speaker or document attribute, the informant of an
    /// informant attribute.
    pub context: Option<String>,
    /// For `undo` and `redo`: the action of the gesture undone or redone (`name` and `context`
    /// are then that gesture's).
    pub step_action: Option<String>,
    /// Everything the log recorded, as JSON.
    pub detail: serde_json::Value,
    /// Whether the change is undone now.
    pub undone: bool,
}

/// One undoable step, described by its principal change (the last the gesture logged; a first
/// coding by a new coder also logs the coder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub name: Option<String>,
    pub context: Option<String>,
    /// How many change-log entries the step made.
    pub changes: usize,
}

/// What Ctrl+Z and Ctrl+Shift+Z would do now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UndoState {
    pub undo: Option<Step>,
    pub redo: Option<Step>,
}

/// A file format for [`Project::export_history`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryFormat {
    /// UTF-8 with a byte-order mark, `;`-separated (opens in a Norwegian Excel as it is).
    Csv,
    /// An array of [`Change`] objects, snake_case, as `tolk history --json` prints.
    Json,
}

impl Project {
    /// Takes back the newest undoable step. `Ok(None)` when there is nothing to undo. A step
    /// that a later non-undoable change (deleting a document, re-detecting turns) has overtaken
    /// leaves the history with [`Error::UndoConflict`]; nothing is changed then.
    pub fn undo(&mut self) -> Result<Option<Step>> {
        self.take_step(Direction::Undo)
    }

    /// Applies the newest undone step again, as it was (same ids and GUIDs). `Ok(None)` when
    /// there is nothing to redo (a new gesture after an undo drops what could be redone).
    pub fn redo(&mut self) -> Result<Option<Step>> {
        self.take_step(Direction::Redo)
    }

    /// What undo and redo would do now, for menus and tooltips.
    pub fn undo_state(&self) -> Result<UndoState> {
        let conn = self.store().conn();
        let describe = |direction| {
            history::next(conn, direction)?
                .map(|row| step(conn, &row))
                .transpose()
        };
        Ok(UndoState {
            undo: describe(Direction::Undo)?,
            redo: describe(Direction::Redo)?,
        })
    }

    /// Every change-log entry, oldest first, with names and whether it is undone now.
    pub fn history(&self) -> Result<Vec<Change>> {
        let conn = self.store().conn();
        let undone = undone_seqs(conn)?;
        log::rows(conn, 0, i64::MAX)?
            .iter()
            .map(|row| change(conn, row, &undone))
            .collect()
    }

    /// The newest `limit` entries, newest first, and how many the history has in all: what the
    /// history view shows, without reading a long history whole.
    pub fn recent_history(&self, limit: usize) -> Result<(Vec<Change>, usize)> {
        let conn = self.store().conn();
        let undone = undone_seqs(conn)?;
        let changes = log::newest(conn, limit)?
            .iter()
            .map(|row| change(conn, row, &undone))
            .collect::<Result<_>>()?;
        Ok((changes, log::count(conn)?))
    }

    /// Writes the audit trail to `path`; returns how many entries were written.
    pub fn export_history(&self, path: &Path, format: HistoryFormat) -> Result<usize> {
        let changes = self.history()?;
        let bytes = match format {
            HistoryFormat::Csv => history_csv(&changes).into_bytes(),
            HistoryFormat::Json => {
                let mut json = serde_json::to_string_pretty(&changes)
                    .map_err(|e| Error::Invalid(format!("cannot write the history: {e}")))?;
                json.push('\n');
                json.into_bytes()
            }
        };
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))?;
        Ok(changes.len())
    }

    fn take_step(&mut self, direction: Direction) -> Result<Option<Step>> {
        let Some(row) = history::next(self.store().conn(), direction)? else {
            return Ok(None);
        };
        let step = step(self.store().conn(), &row)?;
        let (at, actor) = (now(), self.actor().to_owned());
        let action = match direction {
            Direction::Undo => "undo",
            Direction::Redo => "redo",
        };
        let subject = log::rows(self.store().conn(), row.last_seq, row.last_seq)?
            .pop()
            .map(|r| r.subject)
            .unwrap_or_default();
        let applied = self.store_mut().write(|tx| {
            if !history::apply(tx, row.id, direction)? {
                history::drop_step(tx, row.id)?;
                return Ok(false);
            }
            log::append(
                tx,
                &at,
                &actor,
                action,
                &subject,
                &serde_json::json!({
                    "step": row.id, "first_seq": row.first_seq, "last_seq": row.last_seq,
                    "action": step.action, "name": step.name, "context": step.context,
                }),
            )?;
            Ok(true)
        })?;
        if applied {
            Ok(Some(step))
        } else {
            Err(Error::UndoConflict {
                verb: action,
                step: step.describe(),
            })
        }
    }
}

/// The CSV export: UTF-8 with a byte-order mark, `;`-separated, one row per change.
pub fn history_csv(changes: &[Change]) -> String {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let header = [
        "seq", "at", "actor", "action", "name", "context", "undone", "subject", "detail",
    ];
    // Writing to a Vec cannot fail.
    out.write_record(header).expect("write to memory");
    for c in changes {
        let action = match &c.step_action {
            Some(undone) => format!("{} {undone}", c.action),
            None => c.action.clone(),
        };
        out.write_record([
            c.seq.to_string().as_str(),
            &c.at,
            &c.actor,
            &action,
            c.name.as_deref().unwrap_or(""),
            c.context.as_deref().unwrap_or(""),
            if c.undone { "yes" } else { "no" },
            &c.subject,
            &c.detail.to_string(),
        ])
        .expect("write to memory");
    }
    let bytes = out.into_inner().expect("flush to memory");
    format!(
        "\u{feff}{}",
        String::from_utf8(bytes).expect("CSV of strings is UTF-8")
    )
}

impl Step {
    /// The step in English for messages and the CLI: `code "T08.6 Rapportering" (Int. 03)`.
    pub fn describe(&self) -> String {
        describe(&self.action, self.name.as_deref(), self.context.as_deref())
    }
}

impl Change {
    /// The change in English for the CLI: `rename_code "A → B"`, `undo code "T02" (Int. 1)`.
    pub fn describe(&self) -> String {
        let action = match &self.step_action {
            Some(step) => format!("{} {step}", self.action),
            None => self.action.clone(),
        };
        describe(&action, self.name.as_deref(), self.context.as_deref())
    }
}

fn describe(action: &str, name: Option<&str>, context: Option<&str>) -> String {
    let mut out = action.to_owned();
    if let Some(name) = name {
        out.push_str(&format!(" {name:?}"));
    }
    if let Some(context) = context {
        out.push_str(&format!(" ({context})"));
    }
    out
}

fn step(conn: &rusqlite::Connection, row: &StepRow) -> Result<Step> {
    let rows = log::rows(conn, row.first_seq, row.last_seq)?;
    let Some(last) = rows.last() else {
        // Every undoable gesture logs what it did; a step without entries would be a gesture
        // that did not. It stays undoable, named only by its kind.
        return Ok(Step {
            id: row.id,
            at: String::new(),
            actor: String::new(),
            action: "change".to_owned(),
            name: None,
            context: None,
            changes: 0,
        });
    };
    let principal = change(conn, last, &HashSet::new())?;
    Ok(Step {
        id: row.id,
        at: principal.at,
        actor: principal.actor,
        action: principal.action,
        name: principal.name,
        context: principal.context,
        changes: rows.len(),
    })
}

/// The entries undone now: those of every step whose latest `undo` / `redo` entry is an undo.
fn undone_seqs(conn: &rusqlite::Connection) -> Result<HashSet<i64>> {
    let mut undone = HashSet::new();
    for row in log::of_actions(conn, ["undo", "redo"])? {
        if let Some((first, last)) = step_range(&row) {
            for seq in first..=last {
                if row.action == "undo" {
                    undone.insert(seq);
                } else {
                    undone.remove(&seq);
                }
            }
        }
    }
    Ok(undone)
}

/// The seq range an `undo` or `redo` entry took back or applied again.
fn step_range(row: &LogRow) -> Option<(i64, i64)> {
    Some((
        row.detail.get("first_seq")?.as_i64()?,
        row.detail.get("last_seq")?.as_i64()?,
    ))
}

fn change(conn: &rusqlite::Connection, row: &LogRow, undone: &HashSet<i64>) -> Result<Change> {
    let d = &row.detail;
    let text = |key: &str| d.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let renamed = || Some(format!("{} → {}", text("from")?, text("to")?));
    let mut step_action = None;
    let (name, context) = match row.action.as_str() {
        "undo" | "redo" => {
            step_action = text("action");
            (text("name"), text("context"))
        }
        "rename_code" | "rename_document" => (renamed(), None),
        // The subject is the speaker's document.
        "rename_speaker" | "merge_speakers" => (renamed(), name_of(conn, &row.subject)?),
        "delete_code" => (code_label(text("key"), text("path")), None),
        "set_attribute" => (
            Some(format!(
                "{} = {}",
                text("key").unwrap_or_default(),
                text("value").unwrap_or_default()
            )),
            name_of(conn, &row.subject)?,
        ),
        "remove_attribute" => (text("key"), name_of(conn, &row.subject)?),
        "set_speaker_role" => (text("speaker"), name_of(conn, &row.subject)?),
        "merge_informants" => {
            let into = name_of(conn, &row.subject)?.unwrap_or_else(|| row.subject.clone());
            (
                Some(format!(
                    "{} → {into}",
                    text("from_name").unwrap_or_default()
                )),
                None,
            )
        }
        "set_memo" | "delete_memo" => match text("target") {
            Some(target) => (name_of(conn, &target)?, None),
            None => (None, None),
        },
        "set_framework_cell" => (
            code_label(text("code_key"), text("code_path")),
            text("informant"),
        ),
        "import_attributes" | "add_codebook" | "import_codebook" => {
            (Some(row.subject.clone()), None)
        }
        _ => {
            let name = match code_label(text("code_key"), text("code_path")) {
                Some(code) => Some(code),
                None => match text("name") {
                    Some(name) => Some(name),
                    None => name_of(conn, &row.subject)?,
                },
            };
            (name, text("document_name"))
        }
    };
    Ok(Change {
        seq: row.seq,
        at: row.at.clone(),
        actor: row.actor.clone(),
        action: row.action.clone(),
        subject: row.subject.clone(),
        name,
        context,
        step_action,
        detail: row.detail.clone(),
        undone: undone.contains(&row.seq),
    })
}

/// A code as people name it: key and name (`T08.6 Rapportering`), or its path if it has no key.
fn code_label(key: Option<String>, path: Option<String>) -> Option<String> {
    let path = path?;
    Some(match key {
        Some(key) => {
            let name = codebook::split_path(&path).pop().unwrap_or_default();
            format!("{key} {name}")
        }
        None => path,
    })
}

/// The current name of the code, document, informant or coding (its code) with this GUID.
fn name_of(conn: &rusqlite::Connection, guid: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT coalesce(key || ' ', '') || name_nb FROM code WHERE guid = ?1
             UNION ALL SELECT name FROM document WHERE guid = ?1
             UNION ALL SELECT name FROM informant WHERE guid = ?1
             UNION ALL SELECT coalesce(c.key || ' ', '') || c.name_nb
                 FROM coding g JOIN code c ON c.id = g.code_id WHERE g.guid = ?1
             LIMIT 1",
            [guid],
            |r| r.get(0),
        )
        .optional()?)
}
