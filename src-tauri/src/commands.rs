//! Tauri commands: each one translates a request into one `Project` call and the result into a
//! DTO. No business rules live here.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::dto::RecentProject;
use crate::dto::{DeleteSummary, Document, DocumentSummary, ProjectInfo};
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

/// Renames a document; names are unique in the project. Returns the name as stored (trimmed).
#[tauri::command]
pub async fn rename_document(
    app: AppHandle,
    guid: String,
    new_name: String,
) -> Result<String, CommandError> {
    with_project(app, move |p| Ok(p.rename_document(&guid, &new_name)?)).await
}

/// What deleting a document would remove, for the confirmation. Deletes nothing.
#[tauri::command]
pub async fn delete_preview(app: AppHandle, guid: String) -> Result<DeleteSummary, CommandError> {
    with_project(app, move |p| Ok(p.delete_preview(&guid)?.into())).await
}

/// Deletes a document with its turns, speakers, attributes and lone informants (logged, not
/// undoable).
#[tauri::command]
pub async fn delete_document(app: AppHandle, guid: String) -> Result<DeleteSummary, CommandError> {
    with_project(app, move |p| Ok(p.delete_document(&guid)?.into())).await
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
    let mut project = tolk::Project::open(&path)?;
    crate::memos::apply_coder_preference(&mut project);
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
    remember(&path);
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&format!("{} · Tolk", info.name));
    }
    Ok(info)
}

/// The recent-projects list, newest first, with each file's document count read now. Missing
/// files are listed (`exists: false`) until the researcher removes them.
#[tauri::command]
pub async fn recent_projects() -> Result<Vec<RecentProject>, CommandError> {
    blocking(|| {
        let list = tolk::recent::RecentList::default_location()?;
        Ok(list.list().into_iter().map(RecentProject::from).collect())
    })
    .await
}

/// Removes a project from the recent list (the file is not touched); returns the new list.
#[tauri::command]
pub async fn forget_recent(path: String) -> Result<Vec<RecentProject>, CommandError> {
    blocking(move || {
        let list = tolk::recent::RecentList::default_location()?;
        list.forget(std::path::Path::new(&path))?;
        Ok(list.list().into_iter().map(RecentProject::from).collect())
    })
    .await
}

/// Asks where to save a new project (adding `.tolk` if the name lacks it), creates it with the
/// built-in codebook (`"bentzen"`) or none (`"none"`), opens it and records it as recent.
/// Returns `null` if the researcher cancels. An existing file is never overwritten.
#[tauri::command]
pub async fn create_project(
    app: AppHandle,
    codebook: String,
    file_name: Option<String>,
) -> Result<Option<ProjectInfo>, CommandError> {
    let codebook: Option<&'static str> = match codebook.as_str() {
        "bentzen" => Some("bentzen"),
        "none" => None,
        other => return Err(CommandError::other(format!("unknown codebook {other:?}"))),
    };
    let Some(path) = pick_save_path(&app, file_name).await? else {
        return Ok(None);
    };
    blocking(move || {
        tolk::Project::create_with_codebook(&path, codebook)?.close()?;
        open_into_state(&app, path).map(Some)
    })
    .await
}

/// Closes the open project (back to the start screen). Closing when none is open does nothing.
#[tauri::command]
pub async fn close_project(app: AppHandle) -> Result<(), CommandError> {
    blocking(move || {
        let previous = {
            let state = app.state::<AppState>();
            let mut guard = state.project.lock().map_err(CommandError::other)?;
            guard.take()
        };
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.set_title("Tolk");
        }
        match previous {
            Some(project) => Ok(project.close()?),
            None => Ok(()),
        }
    })
    .await
}

/// A save dialog for a new project file; the debug-build dialog hook answers it like an open
/// dialog (its first path).
async fn pick_save_path(
    app: &AppHandle,
    file_name: Option<String>,
) -> Result<Option<PathBuf>, CommandError> {
    let picked = if let Some(paths) = app.state::<DialogHook>().take() {
        paths.into_iter().next()
    } else {
        let app = app.clone();
        blocking(move || {
            let mut dialog = app.dialog().file().add_filter("Tolk", &["tolk"]);
            if let Some(name) = file_name.filter(|n| !n.trim().is_empty()) {
                dialog = dialog.set_file_name(
                    with_tolk_extension(PathBuf::from(name))
                        .display()
                        .to_string(),
                );
            }
            Ok(dialog.blocking_save_file().and_then(|p| p.into_path().ok()))
        })
        .await?
    };
    Ok(picked.map(with_tolk_extension))
}

/// `path` with `.tolk` appended unless it already ends so (any case): `Tillit 2025.v2` becomes
/// `Tillit 2025.v2.tolk`.
fn with_tolk_extension(path: PathBuf) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tolk"));
    if has {
        return path;
    }
    let mut name = path.clone().into_os_string();
    name.push(".tolk");
    PathBuf::from(name)
}

/// Records an opened project in the recent list. A failure is logged, never fatal: the
/// project is open either way.
fn remember(path: &std::path::Path) {
    let result = tolk::recent::RecentList::default_location().and_then(|list| list.record(path));
    if let Err(err) = result {
        eprintln!("tolk: could not update the recent-projects list: {err}");
    }
}

#[cfg(test)]
mod recent_tests {
    use super::*;

    #[test]
    fn new_project_paths_end_in_tolk() {
        let cases = [
            ("/d/Tillit 2025", "/d/Tillit 2025.tolk"),
            ("/d/Tillit 2025.tolk", "/d/Tillit 2025.tolk"),
            ("/d/Tillit.TOLK", "/d/Tillit.TOLK"),
            ("/d/Tillit 2025.v2", "/d/Tillit 2025.v2.tolk"),
        ];
        for (given, expected) in cases {
            assert_eq!(
                with_tolk_extension(PathBuf::from(given)),
                PathBuf::from(expected)
            );
        }
    }
}
