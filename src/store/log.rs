//! The change log table: one row per change, in order.

use rusqlite::Transaction;

use crate::Result;

/// Appends one change to the log and returns its sequence number.
pub(crate) fn append(
    tx: &Transaction,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &serde_json::Value,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO change_log (at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        (at, actor, action, subject, detail.to_string()),
    )?;
    Ok(tx.last_insert_rowid())
}
