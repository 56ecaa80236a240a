//! The list of recently opened projects the start screen shows: a small JSON file in Tolk's
//! config dir, newest first, at most [`MAX_ENTRIES`] entries. Each entry keeps the project's
//! path, its name and when it was last opened; document counts are read from the project file
//! (read-only) each time the list is shown, so they are never stale. A project file that has
//! gone is listed as missing, not dropped, until the researcher removes it.
//!
//! The file is written atomically (a temp file beside it, then a rename), so a crash never
//! leaves half a list. A list that cannot be read (say, edited by hand into invalid JSON) is
//! treated as empty and replaced on the next write.

use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Result};

/// How many projects the list keeps; older ones fall off the end.
pub const MAX_ENTRIES: usize = 20;

/// The list file's name inside the config dir.
pub const FILE_NAME: &str = "recent-projects.json";

/// The env var that overrides the config dir (tests point it at a temp dir).
pub const CONFIG_DIR_ENV: &str = "TOLK_CONFIG_DIR";

/// Tolk's config dir: `$TOLK_CONFIG_DIR` if set, else the platform's config dir + `tolk`
/// (`~/.config/tolk` on Linux). Debug builds use a `dev` subdir there, so running a development
/// build never touches a researcher's real settings.
pub fn config_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let base = dirs::config_dir().ok_or_else(|| {
        Error::Invalid(format!(
            "no config directory on this system; set {CONFIG_DIR_ENV} to a directory"
        ))
    })?;
    let dir = base.join("tolk");
    Ok(if cfg!(debug_assertions) {
        dir.join("dev")
    } else {
        dir
    })
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentEntry {
    pub path: PathBuf,
    /// The file name without `.tolk`.
    pub name: String,
    /// RFC 3339, UTC.
    pub last_opened: String,
}

/// An entry as the start screen shows it, with what was read from the file just now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentProject {
    pub path: PathBuf,
    pub name: String,
    /// RFC 3339, UTC.
    pub last_opened: String,
    /// False if the file is gone (moved, deleted, on an unplugged disk).
    pub exists: bool,
    /// The number of documents, if the file could be read as a project.
    pub documents: Option<usize>,
    /// When the project last changed (RFC 3339, UTC), if known: the file's mtime, or its
    /// `-wal`'s if newer (an open project writes there).
    pub modified: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct RecentFile {
    version: u32,
    projects: Vec<RecentEntry>,
}

/// The recent-projects file at a given path.
#[derive(Debug, Clone)]
pub struct RecentList {
    file: PathBuf,
}

impl RecentList {
    /// The list in Tolk's config dir (see [`config_dir`]).
    pub fn default_location() -> Result<RecentList> {
        Ok(RecentList::at(config_dir()?.join(FILE_NAME)))
    }

    /// The list stored in `file` (created on the first write, with its directory).
    pub fn at(file: impl Into<PathBuf>) -> RecentList {
        RecentList { file: file.into() }
    }

    /// The list file's path.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The stored entries, newest first. A missing or unreadable file is an empty list.
    pub fn entries(&self) -> Vec<RecentEntry> {
        let Ok(text) = std::fs::read_to_string(&self.file) else {
            return Vec::new();
        };
        let mut entries = serde_json::from_str::<RecentFile>(&text)
            .map(|f| f.projects)
            .unwrap_or_default();
        sort_newest_first(&mut entries);
        entries.truncate(MAX_ENTRIES);
        entries
    }

    /// The entries with each file's state and document count, newest first.
    pub fn list(&self) -> Vec<RecentProject> {
        self.entries().into_iter().map(inspect).collect()
    }

    /// Records that `project` was opened now.
    pub fn record(&self, project: &Path) -> Result<()> {
        self.record_at(project, &now())
    }

    /// Records that `project` was opened at `when` (RFC 3339): it moves to the top, and the list
    /// is cut to [`MAX_ENTRIES`].
    pub fn record_at(&self, project: &Path, when: &str) -> Result<()> {
        let path = canonical(project);
        let mut entries = self.entries();
        entries.retain(|e| e.path != path);
        entries.insert(
            0,
            RecentEntry {
                name: project_name(&path),
                path,
                last_opened: when.to_owned(),
            },
        );
        sort_newest_first(&mut entries);
        entries.truncate(MAX_ENTRIES);
        self.write(entries)
    }

    /// Removes `project` from the list (the file itself is not touched). Returns whether it was
    /// there.
    pub fn forget(&self, project: &Path) -> Result<bool> {
        let path = canonical(project);
        let mut entries = self.entries();
        let before = entries.len();
        entries.retain(|e| e.path != path && e.path != project);
        if entries.len() == before {
            return Ok(false);
        }
        self.write(entries)?;
        Ok(true)
    }

    /// Writes the list atomically (see [`write_atomically`]).
    fn write(&self, projects: Vec<RecentEntry>) -> Result<()> {
        let body = serde_json::to_string_pretty(&RecentFile {
            version: 1,
            projects,
        })
        .map_err(|e| Error::Invalid(format!("cannot write the recent-projects list: {e}")))?;
        write_atomically(&self.file, &body)
    }
}

/// Writes `body` and a final newline to `file` atomically: a temp file in the same dir (created
/// if missing), synced, then renamed over it, so a crash never leaves half a file.
pub(crate) fn write_atomically(file: &Path, body: &str) -> Result<()> {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| FILE_NAME.to_owned()),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(body.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, file)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(file, e));
    }
    Ok(())
}

/// The project's name as the UI shows it: the file name without `.tolk`.
pub fn project_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The absolute, symlink-free path if the file exists; else the path made absolute.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_owned()))
}

/// Newest first; entries whose time cannot be parsed go last, in their stored order.
fn sort_newest_first(entries: &mut [RecentEntry]) {
    entries.sort_by_key(|e| {
        std::cmp::Reverse(
            OffsetDateTime::parse(&e.last_opened, &Rfc3339)
                .map(|t| t.unix_timestamp_nanos())
                .unwrap_or(i128::MIN),
        )
    });
}

fn inspect(entry: RecentEntry) -> RecentProject {
    let meta = std::fs::metadata(&entry.path).ok().filter(|m| m.is_file());
    let modified = meta
        .as_ref()
        .and_then(|m| last_change(&entry.path, m))
        .and_then(|t| OffsetDateTime::from(t).format(&Rfc3339).ok());
    let documents = meta.as_ref().and_then(|_| count_documents(&entry.path));
    RecentProject {
        exists: meta.is_some(),
        documents,
        modified,
        path: entry.path,
        name: entry.name,
        last_opened: entry.last_opened,
    }
}

/// When a project last changed: the file's mtime, or its `-wal`'s if that is newer (an open
/// project writes to the `-wal`, and the file itself only changes at a checkpoint).
fn last_change(path: &Path, meta: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    let file = meta.modified().ok();
    let wal = std::fs::metadata(wal_path(path))
        .ok()
        .filter(|m| m.is_file())
        .and_then(|m| m.modified().ok());
    file.max(wal)
}

/// The `-wal` file SQLite keeps beside a project.
fn wal_path(path: &Path) -> PathBuf {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    PathBuf::from(wal)
}

/// The number of documents in a project file, read without changing it; `None` if the file is
/// not a readable Tolk project.
///
/// A closed project is one file (Tolk checkpoints on close), so it is read as immutable: SQLite
/// then creates no `-wal`/`-shm` files beside it. If a `-wal` is there (the project is open
/// somewhere, or Tolk crashed), a plain read-only connection reads through it instead.
pub fn count_documents(path: &Path) -> Option<usize> {
    let conn = if wal_path(path).exists() {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else {
        Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
    .ok()?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .ok()?;
    if app_id != crate::store::APPLICATION_ID {
        return None;
    }
    let n: i64 = conn
        .query_row("SELECT count(*) FROM document", [], |r| r.get(0))
        .ok()?;
    usize::try_from(n).ok()
}

/// `file:` URI for `path` with `immutable=1`; bytes outside the URI-safe set are %-escaped.
fn immutable_uri(path: &Path) -> String {
    use std::fmt::Write as _;
    let text = path.to_string_lossy();
    let text = if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    };
    let mut uri = String::from("file:");
    // A Windows drive path (C:/…) needs a leading slash: file:/C:/….
    if text.as_bytes().get(1) == Some(&b':') {
        uri.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .expect("a current UTC time formats as RFC 3339")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_a_uri_cannot_hold() {
        assert_eq!(
            immutable_uri(Path::new("/tmp/Tillit 2025#2?.tolk")),
            "file:/tmp/Tillit%202025%232%3F.tolk?immutable=1"
        );
        assert_eq!(
            immutable_uri(Path::new("/d/Bodø.tolk")),
            "file:/d/Bod%C3%B8.tolk?immutable=1"
        );
    }

    #[test]
    fn newest_first_and_unparsable_times_last() {
        let e = |p: &str, t: &str| RecentEntry {
            path: PathBuf::from(p),
            name: p.to_owned(),
            last_opened: t.to_owned(),
        };
        let mut entries = vec![
            e("a", "2026-01-01T10:00:00Z"),
            e("b", "garbage"),
            e("c", "2026-03-01T10:00:00+01:00"),
            e("d", "2026-03-01T10:00:00Z"),
        ];
        sort_newest_first(&mut entries);
        // 10:00Z is later than 10:00+01:00 (= 09:00Z).
        let order: Vec<_> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(order, ["d", "c", "a", "b"]);
    }
}
