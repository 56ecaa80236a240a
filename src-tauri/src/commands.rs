//! Tauri commands: each one translates a request into one `Project` call and the result into a
//! DTO. No business rules live here.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::dto::{Document, DocumentSummary, ProjectInfo};
use crate::error::CommandError;
use crate::state::{blocking, with_project, AppState, DialogHook, StartupError};

/// The open project, or `null`. Fails once with the reason if the project named on the command
/// line could not be opened.
#[tauri::command]
pub async fn current_project(app: AppHandle) -> Result<Option<ProjectInfo>, CommandError> {
    if let Some(err) = app.state::<StartupError>().take() {
        return Err(err);
    }
    blocking(move || {
        let state = app.state::<AppState>();
        let guard = state.project.lock().map_err(CommandError::other)?;
        Ok(guard.as_ref().map(|p| ProjectInfo::from_path(p.path())))
    })
    .await
}

/// Opens a project file, closing the one that was open.
#[tauri::command]
pub async fn open_project(app: AppHandle, path: String) -> Result<ProjectInfo, CommandError> {
    blocking(move || open_into_state(&app, PathBuf::from(path))).await
}

/// The open project's documents, in Norwegian order.
#[tauri::command]
pub async fn list_documents(app: AppHandle) -> Result<Vec<DocumentSummary>, CommandError> {
    with_project(app, |p| {
        Ok(p.documents()?.iter().map(DocumentSummary::from).collect())
    })
    .await
}

/// One document with its turns.
#[tauri::command]
pub async fn get_document(app: AppHandle, guid: String) -> Result<Document, CommandError> {
    with_project(app, move |p| Ok(Document::from(&p.document(&guid)?))).await
}

/// Asks for a project file to open (`.tolk`). Returns `null` if the researcher cancels.
#[tauri::command]
pub async fn pick_project_file(app: AppHandle) -> Result<Option<String>, CommandError> {
    if let Some(paths) = app.state::<DialogHook>().take() {
        return Ok(paths.first().map(|p| p.display().to_string()));
    }
    blocking(move || {
        let picked = app
            .dialog()
            .file()
            .add_filter("Tolk", &["tolk"])
            .blocking_pick_file();
        Ok(picked
            .and_then(|p| p.into_path().ok())
            .map(|p| p.display().to_string()))
    })
    .await
}

/// Opens `path`, swaps it into the state and closes the previous project. Blocking.
pub fn open_into_state(app: &AppHandle, path: PathBuf) -> Result<ProjectInfo, CommandError> {
    let project = tolk::Project::open(&path)?;
    let info = ProjectInfo::from_path(project.path());
    let previous = {
        let state = app.state::<AppState>();
        let mut guard = state.project.lock().map_err(CommandError::other)?;
        guard.replace(project)
    };
    if let Some(previous) = previous {
        if let Err(err) = previous.close() {
            eprintln!("tolk: closing the previous project failed: {err}");
        }
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&format!("{} · Tolk", info.name));
    }
    Ok(info)
}
