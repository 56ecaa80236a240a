//! Memos and coders from the desktop: read and write the memo on the project, a document, a
//! code or a coding; list memos for the memo browser; export them as Markdown through a save
//! dialog; list coders and choose the name to code as (a preference, default the OS user name).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use tolk::preferences::PreferencesFile;
use tolk::{MemoFilter, MemoKind, MemoTarget};

use crate::error::CommandError;
use crate::state::{blocking, pick_save_file, with_project, write_file, AppState};

/// What a memo is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MemoTargetKind {
    Project,
    Document,
    Code,
    Coding,
}

impl From<MemoKind> for MemoTargetKind {
    fn from(k: MemoKind) -> Self {
        match k {
            MemoKind::Project => MemoTargetKind::Project,
            MemoKind::Document => MemoTargetKind::Document,
            MemoKind::Code => MemoTargetKind::Code,
            MemoKind::Coding => MemoTargetKind::Coding,
        }
    }
}

impl From<MemoTargetKind> for MemoKind {
    fn from(k: MemoTargetKind) -> Self {
        match k {
            MemoTargetKind::Project => MemoKind::Project,
            MemoTargetKind::Document => MemoKind::Document,
            MemoTargetKind::Code => MemoKind::Code,
            MemoTargetKind::Coding => MemoKind::Coding,
        }
    }
}

/// A memo's target: the kind and the document, code or coding (its GUID; a document may also be
/// named, a code given by key or path). `id` is ignored for the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MemoTargetRef {
    pub kind: MemoTargetKind,
    pub id: Option<String>,
}

impl MemoTargetRef {
    fn to_core(&self) -> Result<MemoTarget, CommandError> {
        let id = || {
            self.id
                .clone()
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| {
                    CommandError::other(format!("a {:?} memo needs a target", self.kind))
                })
        };
        Ok(match self.kind {
            MemoTargetKind::Project => MemoTarget::Project,
            MemoTargetKind::Document => MemoTarget::Document(id()?),
            MemoTargetKind::Code => MemoTarget::Code(id()?),
            MemoTargetKind::Coding => MemoTarget::Coding(id()?),
        })
    }
}

/// Where a coding memo's coding is: enough for the browser to open the transcript there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MemoPlace {
    pub document_guid: String,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

/// A memo with what it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MemoItem {
    pub guid: String,
    pub kind: MemoTargetKind,
    /// The GUID of the project, document, code or coding.
    pub target_guid: String,
    /// What it is on: `Prosjekt`, a document's name, a code's key and path, `Int. 03 · tur 12`.
    pub target: String,
    pub text: String,
    /// Who last wrote it.
    pub author: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// For a coding memo: where the coding is (null for other kinds).
    pub place: Option<MemoPlace>,
}

fn item(p: &tolk::Project, m: tolk::Memo) -> Result<MemoItem, CommandError> {
    let place = if m.kind == MemoKind::Coding {
        let coding = p.coding(&m.target_guid)?;
        let text = p.document(&coding.document_guid)?.text;
        Some(MemoPlace {
            start_utf16: tolk::text::utf16_of_char(&text, coding.start_char),
            end_utf16: tolk::text::utf16_of_char(&text, coding.end_char),
            document_guid: coding.document_guid,
        })
    } else {
        None
    };
    Ok(MemoItem {
        guid: m.guid,
        kind: m.kind.into(),
        target_guid: m.target_guid,
        target: m.target,
        text: m.text,
        author: m.author,
        created_at: m.created_at,
        updated_at: m.updated_at,
        place,
    })
}

/// The memo on a target, or null if it has none.
#[tauri::command]
pub async fn get_memo(
    app: AppHandle,
    target: MemoTargetRef,
) -> Result<Option<MemoItem>, CommandError> {
    with_project(app, move |p| {
        p.memo(target.to_core()?)?.map(|m| item(p, m)).transpose()
    })
    .await
}

/// Sets the memo on a target (one undoable step); empty text deletes it. Returns the memo as it
/// now is (null once deleted).
#[tauri::command]
pub async fn set_memo(
    app: AppHandle,
    target: MemoTargetRef,
    text: String,
) -> Result<Option<MemoItem>, CommandError> {
    with_project(app, move |p| {
        p.set_memo(target.to_core()?, &text)?
            .map(|m| item(p, m))
            .transpose()
    })
    .await
}

/// The memos of one kind (null: all) whose text contains `search` (ignoring case), by kind and
/// then in Norwegian order of what they are on.
#[tauri::command]
pub async fn list_memos(
    app: AppHandle,
    kind: Option<MemoTargetKind>,
    search: Option<String>,
) -> Result<Vec<MemoItem>, CommandError> {
    with_project(app, move |p| {
        let filter = MemoFilter {
            kind: kind.map(Into::into),
            search: search.filter(|s| !s.trim().is_empty()),
        };
        p.memos(&filter)?.into_iter().map(|m| item(p, m)).collect()
    })
    .await
}

/// Asks where to save every memo as Markdown and writes the file. Returns its path, or null if
/// the researcher cancels.
#[tauri::command]
pub async fn export_memos(app: AppHandle) -> Result<Option<String>, CommandError> {
    let picked = pick_save_file(&app, vec![("Markdown", vec!["md"])], "memoer.md".into()).await?;
    let Some(path) = picked.map(with_md_extension) else {
        return Ok(None);
    };
    with_project(app, move |p| {
        let markdown = p.export_memos_markdown()?;
        write_file(&path, markdown.as_bytes())?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// `path` with `.md` appended unless it already ends in `.md` or `.markdown` (any case).
fn with_md_extension(path: PathBuf) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if has {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".md");
    PathBuf::from(name)
}

/// The coders of the open project and who codes now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CoderInfo {
    /// Every coder who has coded in this project, in the order they were added.
    pub coders: Vec<String>,
    /// The name new codings are made as: the preference, else the OS user name.
    pub current: String,
}

/// The coder name the preferences choose, if any.
fn preferred_coder() -> Option<String> {
    PreferencesFile::default_location()
        .ok()
        .and_then(|f| f.load().coder)
}

/// Makes an opened project code as the preferred coder (the OS user name if none is set).
pub fn apply_coder_preference(project: &mut tolk::Project) {
    if let Some(name) = preferred_coder() {
        project.set_actor(name);
    }
}

fn coder_info(p: &tolk::Project) -> Result<CoderInfo, CommandError> {
    Ok(CoderInfo {
        coders: p.coders()?.into_iter().map(|c| c.name).collect(),
        current: p.actor().to_owned(),
    })
}

/// The project's coders and the current one.
#[tauri::command]
pub async fn list_coders(app: AppHandle) -> Result<CoderInfo, CommandError> {
    with_project(app, |p| coder_info(p)).await
}

/// «Jeg koder som …»: stores the name as a preference (empty: back to the OS user name) and
/// codes as it from now on, in this project and the ones opened later.
#[tauri::command]
pub async fn set_current_coder(app: AppHandle, name: String) -> Result<CoderInfo, CommandError> {
    blocking(move || {
        let prefs = PreferencesFile::default_location()?.set_coder(&name)?;
        let state = app.state::<AppState>();
        let mut guard = state.project.lock().map_err(CommandError::other)?;
        let project = guard.as_mut().ok_or_else(CommandError::no_project)?;
        match prefs.coder {
            Some(name) => project.set_actor(name),
            None => project.set_actor(tolk::project::default_actor()),
        }
        coder_info(project)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_paths_end_in_md() {
        for (given, expected) in [
            ("/d/memoer", "/d/memoer.md"),
            ("/d/memoer.md", "/d/memoer.md"),
            ("/d/Memoer.MARKDOWN", "/d/Memoer.MARKDOWN"),
            ("/d/memoer.2025", "/d/memoer.2025.md"),
        ] {
            assert_eq!(
                with_md_extension(PathBuf::from(given)),
                PathBuf::from(expected)
            );
        }
    }

    #[test]
    fn memo_targets_need_an_id_except_the_project() {
        let project = MemoTargetRef {
            kind: MemoTargetKind::Project,
            id: None,
        };
        assert_eq!(project.to_core().unwrap(), MemoTarget::Project);
        let code = MemoTargetRef {
            kind: MemoTargetKind::Code,
            id: Some("T01".into()),
        };
        assert_eq!(code.to_core().unwrap(), MemoTarget::Code("T01".into()));
        let blank = MemoTargetRef {
            kind: MemoTargetKind::Document,
            id: Some(" ".into()),
        };
        assert!(blank.to_core().is_err());
    }
}
