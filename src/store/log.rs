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

/// One change-log entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LogRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: serde_json::Value,
}

/// The entries with `from <= seq <= to`, in order.
pub(crate) fn rows(conn: &rusqlite::Connection, from: i64, to: i64) -> Result<Vec<LogRow>> {
    query(
        conn,
        "SELECT seq, at, actor, action, subject, detail FROM change_log
         WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq",
        [from, to],
    )
}

/// The newest `limit` entries, newest first.
pub(crate) fn newest(conn: &rusqlite::Connection, limit: usize) -> Result<Vec<LogRow>> {
    query(
        conn,
        "SELECT seq, at, actor, action, subject, detail FROM change_log
         ORDER BY seq DESC LIMIT ?1",
        [i64::try_from(limit).unwrap_or(i64::MAX)],
    )
}

/// The entries of these actions, in order.
pub(crate) fn of_actions(conn: &rusqlite::Connection, actions: [&str; 2]) -> Result<Vec<LogRow>> {
    query(
        conn,
        "SELECT seq, at, actor, action, subject, detail FROM change_log
         WHERE action IN (?1, ?2) ORDER BY seq",
        actions,
    )
}

/// How many entries the log has.
pub(crate) fn count(conn: &rusqlite::Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

fn query(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<LogRow>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, |r| {
            let detail: String = r.get(5)?;
            Ok(LogRow {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                // Every detail is written by `append` from a JSON value.
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
