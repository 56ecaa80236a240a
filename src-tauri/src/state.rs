//! What the app keeps between commands.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandError;

/// The open project, if any. Commands lock it only inside `spawn_blocking`, never across `.await`.
#[derive(Default)]
pub struct AppState {
    pub project: Mutex<Option<tolk::Project>>,
}

/// Why the project named on the command line did not open; `current_project` reports it once.
#[derive(Default)]
pub struct StartupError(Mutex<Option<CommandError>>);

impl StartupError {
    pub fn set(&self, err: CommandError) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(err);
        }
    }

    /// The error, once.
    pub fn take(&self) -> Option<CommandError> {
        self.0.lock().ok()?.take()
    }
}

/// Debug-build test hook: `TOLK_TEST_DIALOG=path1;path2` answers the next file dialog with these
/// paths instead of showing it (see `conventions.md`). Always empty in release builds.
#[derive(Default)]
pub struct DialogHook(pub Mutex<Option<Vec<PathBuf>>>);

impl DialogHook {
    pub fn from_env() -> Self {
        let paths = if cfg!(debug_assertions) {
            std::env::var_os("TOLK_TEST_DIALOG").map(|v| {
                v.to_string_lossy()
                    .split(';')
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from)
                    .collect()
            })
        } else {
            None
        };
        DialogHook(Mutex::new(paths))
    }

    /// The canned answer, once.
    pub fn take(&self) -> Option<Vec<PathBuf>> {
        self.0.lock().ok()?.take()
    }

    /// The next canned path for a save dialog, leaving the rest for the save dialogs after it
    /// (a spec that saves several files answers each in turn): `None` without a hook,
    /// `Some(None)` when the hook answers with nothing (a cancel).
    pub fn take_next(&self) -> Option<Option<PathBuf>> {
        let mut slot = self.0.lock().ok()?;
        let paths = slot.as_mut()?;
        let next = (!paths.is_empty()).then(|| paths.remove(0));
        if paths.is_empty() {
            *slot = None;
        }
        Some(next)
    }
}

/// Runs `f` on the open project on a blocking thread.
pub async fn with_project<T, F>(app: AppHandle, f: F) -> Result<T, CommandError>
where
    T: Send + 'static,
    F: FnOnce(&mut tolk::Project) -> Result<T, CommandError> + Send + 'static,
{
    blocking(move || {
        let state = app.state::<AppState>();
        let mut guard = state.project.lock().map_err(CommandError::other)?;
        let project = guard.as_mut().ok_or_else(CommandError::no_project)?;
        f(project)
    })
    .await
}

/// Runs `f` on a blocking thread, so SQLite work never stalls the async runtime.
pub async fn blocking<T, F>(f: F) -> Result<T, CommandError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, CommandError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(CommandError::other)?
}

/// A save dialog offering `filters` (a name and its extensions, each) and suggesting
/// `file_name`. The debug-build dialog hook answers each save dialog with its next path.
/// `None` if the researcher cancels.
pub async fn pick_save_file(
    app: &AppHandle,
    filters: Vec<(&'static str, Vec<&'static str>)>,
    file_name: String,
) -> Result<Option<PathBuf>, CommandError> {
    if let Some(answer) = app.state::<DialogHook>().take_next() {
        return Ok(answer);
    }
    let app = app.clone();
    blocking(move || {
        let mut dialog = app.dialog().file().set_file_name(file_name);
        for (name, extensions) in &filters {
            dialog = dialog.add_filter(*name, extensions);
        }
        Ok(dialog.blocking_save_file().and_then(|p| p.into_path().ok()))
    })
    .await
}

/// A save dialog for one kind of file (`kind` names the filter, `ext` its extension),
/// suggesting `stem.ext`: the path with its extension, or `None` if the researcher cancels.
pub async fn pick_save_path(
    app: &AppHandle,
    kind: &'static str,
    ext: &'static str,
    stem: &str,
) -> Result<Option<PathBuf>, CommandError> {
    let picked = pick_save_file(app, vec![(kind, vec![ext])], format!("{stem}.{ext}")).await?;
    Ok(picked.map(|p| with_extension(p, ext)))
}

/// `path` with `.ext` appended unless it already ends so (any case): `Tillit` becomes
/// `Tillit.png`, `Tillit.v2` `Tillit.v2.png`.
pub fn with_extension(mut path: PathBuf, ext: &str) -> PathBuf {
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        path.as_mut_os_string().push(format!(".{ext}"));
    }
    path
}

/// Writes a file the researcher chose in a save dialog; a failure is the core's I/O error, which
/// names the file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CommandError> {
    std::fs::write(path, bytes).map_err(|e| {
        CommandError::from(tolk::Error::Io {
            path: path.to_path_buf(),
            source: e,
        })
    })
}
