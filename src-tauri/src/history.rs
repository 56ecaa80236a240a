//! Undo, redo and the history (audit trail) from the desktop: Ctrl+Z / Ctrl+Shift+Z, the
//! Prosjekt menu's «Angre …» / «Gjør om …» items, the Historikk tab and its CSV / JSON export
//! through a save dialog. The core returns actions and names; the UI phrases them.

use std::path::PathBuf;

use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

use tolk::project::{Change, HistoryFormat, Step};

use crate::error::CommandError;
use crate::state::{pick_save_file, with_project};

/// One undoable step, named by its principal change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryStep {
    #[ts(type = "number")]
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// `code`, `uncode`, `create_code`, `rename_code`, `set_memo`, ... (the UI's verb).
    pub action: String,
    /// What it was done to: a code's key and name, a document, `old → new`, `key = value`.
    pub name: Option<String>,
    /// Where: a coding's document, an attribute's document or informant.
    pub context: Option<String>,
    /// How many change-log entries the step made.
    pub changes: usize,
}

impl From<Step> for HistoryStep {
    fn from(s: Step) -> Self {
        HistoryStep {
            id: s.id,
            at: s.at,
            actor: s.actor,
            action: s.action,
            name: s.name,
            context: s.context,
            changes: s.changes,
        }
    }
}

/// What Ctrl+Z and Ctrl+Shift+Z would do now (null: nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UndoState {
    pub undo: Option<HistoryStep>,
    pub redo: Option<HistoryStep>,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub action: String,
    pub name: Option<String>,
    pub context: Option<String>,
    /// For `undo` / `redo`: the action undone or redone.
    pub step_action: Option<String>,
    /// Whether the change is undone now.
    pub undone: bool,
}

impl From<Change> for HistoryEntry {
    fn from(c: Change) -> Self {
        HistoryEntry {
            seq: c.seq,
            at: c.at,
            actor: c.actor,
            action: c.action,
            name: c.name,
            context: c.context,
            step_action: c.step_action,
            undone: c.undone,
        }
    }
}

/// Takes back the newest step; null when there is nothing to undo.
#[tauri::command]
pub async fn undo(app: AppHandle) -> Result<Option<HistoryStep>, CommandError> {
    with_project(app, |p| Ok(p.undo()?.map(Into::into))).await
}

/// Applies the newest undone step again; null when there is nothing to redo.
#[tauri::command]
pub async fn redo(app: AppHandle) -> Result<Option<HistoryStep>, CommandError> {
    with_project(app, |p| Ok(p.redo()?.map(Into::into))).await
}

/// What undo and redo would do now.
#[tauri::command]
pub async fn undo_state(app: AppHandle) -> Result<UndoState, CommandError> {
    with_project(app, |p| {
        let state = p.undo_state()?;
        Ok(UndoState {
            undo: state.undo.map(Into::into),
            redo: state.redo.map(Into::into),
        })
    })
    .await
}

/// The newest changes of the history, newest first, and how many it has in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryPage {
    pub entries: Vec<HistoryEntry>,
    pub total: usize,
}

/// The newest `limit` changes, newest first, with the total (the history view pages).
#[tauri::command]
pub async fn history(app: AppHandle, limit: usize) -> Result<HistoryPage, CommandError> {
    with_project(app, move |p| {
        let (changes, total) = p.recent_history(limit)?;
        Ok(HistoryPage {
            entries: changes.into_iter().map(Into::into).collect(),
            total,
        })
    })
    .await
}

/// Asks where to save the history and writes it: JSON if the name ends in `.json`, else CSV
/// (UTF-8 with BOM, `;`, `.csv` added). Returns the path, or null if the researcher cancels.
#[tauri::command]
pub async fn export_history(app: AppHandle) -> Result<Option<String>, CommandError> {
    let picked = pick_save_file(
        &app,
        vec![("CSV", vec!["csv"]), ("JSON", vec!["json"])],
        "historikk.csv".into(),
    )
    .await?;
    let Some((path, format)) = picked.map(export_target) else {
        return Ok(None);
    };
    with_project(app, move |p| {
        p.export_history(&path, format)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// The file and format for a chosen path: `.json` (any case) is JSON; anything else is CSV,
/// with `.csv` appended unless it is there.
fn export_target(path: PathBuf) -> (PathBuf, HistoryFormat) {
    match path.extension().map(|e| e.to_ascii_lowercase()) {
        Some(e) if e == "json" => (path, HistoryFormat::Json),
        Some(e) if e == "csv" => (path, HistoryFormat::Csv),
        _ => {
            let mut name = path.into_os_string();
            name.push(".csv");
            (PathBuf::from(name), HistoryFormat::Csv)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format() {
        for (given, expected, format) in [
            ("/d/historikk", "/d/historikk.csv", HistoryFormat::Csv),
            ("/d/historikk.CSV", "/d/historikk.CSV", HistoryFormat::Csv),
            ("/d/logg.Json", "/d/logg.Json", HistoryFormat::Json),
            ("/d/logg.2026", "/d/logg.2026.csv", HistoryFormat::Csv),
        ] {
            assert_eq!(
                export_target(PathBuf::from(given)),
                (PathBuf::from(expected), format)
            );
        }
    }
}
