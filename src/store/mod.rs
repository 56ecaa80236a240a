//! The SQLite project file: opening, pragmas, schema migrations and the one way to write.
//!
//! A project is one file. It runs in WAL mode with foreign keys on; closing checkpoints the WAL
//! so the `.tolk` file alone holds everything. Every change goes through [`Store::write`], one
//! transaction per user action, so a crash leaves the project as it was before that action.
//!
//! How to change the schema: add `migrations/NNNN_slug.sql` and list it in [`MIGRATIONS`]. Never
//! edit a shipped migration. The version lives in `PRAGMA user_version`; a file newer than this
//! build is refused before anything is written.

pub(crate) mod analysis;
pub(crate) mod attributes;
pub(crate) mod coders;
pub(crate) mod codes;
pub(crate) mod codings;
pub(crate) mod documents;
pub(crate) mod export;
pub(crate) mod history;
pub(crate) mod informants;
pub(crate) mod log;
pub(crate) mod memos;
pub(crate) mod retrieval;
pub(crate) mod saved_searches;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::{Error, Result};

/// The schema migrations, in order; migration `i` brings a file to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_codebook.sql"),
    include_str!("migrations/0003_codings.sql"),
    include_str!("migrations/0004_memos.sql"),
    include_str!("migrations/0005_history.sql"),
    include_str!("migrations/0006_saved_searches.sql"),
    include_str!("migrations/0007_document_text.sql"),
    include_str!("migrations/0008_analysis.sql"),
    include_str!("migrations/0009_export.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// `PRAGMA application_id` of Tolk projects ("TOLK" in ASCII), so other SQLite files are told
/// apart from projects.
pub(crate) const APPLICATION_ID: i32 = 0x544F_4C4B;

/// An open project database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Creates a new project file; fails if `path` exists.
    pub fn create(path: &Path, project_guid: &str, now: &str) -> Result<Store> {
        if path.exists() {
            return Err(Error::ProjectExists {
                path: path.to_owned(),
            });
        }
        let conn = Connection::open(path).map_err(|e| not_a_project(path, e))?;
        let mut store = Store::configure(conn, path)?;
        store
            .conn
            .pragma_update(None, "application_id", APPLICATION_ID)?;
        store.migrate()?;
        store.write(|tx| {
            tx.execute(
                "INSERT INTO project (id, guid, created_at) VALUES (1, ?1, ?2)",
                (project_guid, now),
            )?;
            Ok(())
        })?;
        Ok(store)
    }

    /// Opens an existing project file, upgrading an older schema; refuses files from a newer
    /// Tolk and files that are not projects, leaving them untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such project file"),
            ));
        }
        // Look before touching: a read-only connection cannot change the file (not even its
        // journal mode), so a project from a newer Tolk stays byte-identical.
        {
            let ro = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| not_a_project(path, e))?;
            let app_id: i32 = ro
                .pragma_query_value(None, "application_id", |r| r.get(0))
                .map_err(|e| not_a_project(path, e))?;
            if app_id != APPLICATION_ID {
                return Err(Error::NotAProject {
                    path: path.to_owned(),
                    reason: "it is not a file Tolk wrote".to_owned(),
                });
            }
            let found: u32 = ro.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if found > SCHEMA_VERSION {
                return Err(Error::ProjectTooNew {
                    path: path.to_owned(),
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
        }
        let conn = Connection::open(path).map_err(|e| not_a_project(path, e))?;
        let mut store = Store::configure(conn, path)?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(conn: Connection, path: &Path) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", true)?;
        let mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
        debug_assert_eq!(mode, "wal");
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Reads through a memory map: a document's text spans many overflow pages, and search
        // and excerpt retrieval read many texts; mapped pages skip a read and a copy each.
        // (SQLite caps this at its compile-time maximum and falls back to reads.)
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // A leftover WAL from a crash is folded back in at once.
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    fn migrate(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as u32 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The project file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction: all of it is saved, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`Store::write`], for a researcher's gesture that undo can take back (codings, codes,
    /// memos, attributes, informants). Imports and deletions use `write`: they are logged and
    /// confirmed, not undone. A SQLite session records what `f` changes in the data tables; if
    /// anything, that changeset becomes one step of the undo history in the same transaction
    /// (see [`history`]).
    pub fn write_undoable<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        // The session borrows the connection for as long as it records, so the transaction is
        // opened over a shared borrow; nothing else uses the connection meanwhile.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let recorder = history::Recorder::start(&tx)?;
        let value = f(&tx)?;
        recorder.finish(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Folds the WAL into the main file and closes, so the `.tolk` file alone holds everything.
    pub fn close(self) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        self.conn.close().map_err(|(_, e)| Error::Sqlite(e))
    }

    /// The project's GUID.
    pub fn project_guid(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT guid FROM project WHERE id = 1", [], |r| r.get(0))?)
    }
}

fn not_a_project(path: &Path, e: rusqlite::Error) -> Error {
    Error::NotAProject {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// A new random GUID in the REFI-QDA form (upper-case hex with dashes).
pub fn new_guid() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string().to_uppercase()
}
