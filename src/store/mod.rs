//! The SQLite project file.

/// An open project database.
pub struct Store {
    #[allow(dead_code)]
    conn: rusqlite::Connection,
}
