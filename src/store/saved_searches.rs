//! The saved-search table (`saved_search`, migration `0006_saved_searches.sql`).

use rusqlite::{Connection, Transaction};

use crate::Result;

/// A saved search as stored. `code` is a code GUID, set exactly when `scope` is `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SavedSearchRow {
    pub id: i64,
    pub guid: String,
    pub name: String,
    pub query: String,
    pub scope: String,
    pub code: Option<String>,
    pub filters: Vec<String>,
    pub created_at: String,
}

/// Every saved search, in insertion order (the facade sorts by name).
pub(crate) fn all(conn: &Connection) -> Result<Vec<SavedSearchRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, guid, name, query, scope, code, filters, created_at FROM saved_search
         ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let filters: String = r.get(6)?;
            Ok(SavedSearchRow {
                id: r.get(0)?,
                guid: r.get(1)?,
                name: r.get(2)?,
                query: r.get(3)?,
                scope: r.get(4)?,
                code: r.get(5)?,
                // Always written by `insert` from a list of strings.
                filters: serde_json::from_str(&filters).unwrap_or_default(),
                created_at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Inserts a saved search; returns its row id.
pub(crate) fn insert(tx: &Transaction, s: &SavedSearchRow) -> Result<i64> {
    tx.execute(
        "INSERT INTO saved_search (guid, name, query, scope, code, filters, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            &s.guid,
            &s.name,
            &s.query,
            &s.scope,
            &s.code,
            serde_json::to_string(&s.filters).expect("strings serialise"),
            &s.created_at,
        ),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Deletes one saved search.
pub(crate) fn delete(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM saved_search WHERE id = ?1", [id])?;
    Ok(())
}
