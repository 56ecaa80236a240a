//! What the app keeps between commands.

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, Manager};

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
