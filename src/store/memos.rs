//! The memo table: one memo per project, document, code or coding (see `0004_memos.sql`).

use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use crate::memo::MemoKind;
use crate::Result;

/// What a memo is on, by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetId {
    Project,
    Document(i64),
    Code(i64),
    Coding(i64),
}

impl TargetId {
    pub(crate) fn kind(self) -> MemoKind {
        match self {
            TargetId::Project => MemoKind::Project,
            TargetId::Document(_) => MemoKind::Document,
            TargetId::Code(_) => MemoKind::Code,
            TargetId::Coding(_) => MemoKind::Coding,
        }
    }

    /// `(document_id, code_id, coding_id)`: the one that matches the kind is set.
    fn columns(self) -> (Option<i64>, Option<i64>, Option<i64>) {
        match self {
            TargetId::Project => (None, None, None),
            TargetId::Document(id) => (Some(id), None, None),
            TargetId::Code(id) => (None, Some(id), None),
            TargetId::Coding(id) => (None, None, Some(id)),
        }
    }
}

/// A stored memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MemoRow {
    pub id: i64,
    pub guid: String,
    pub target: TargetId,
    pub title: Option<String>,
    pub text: String,
    pub author: String,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str =
    "id, guid, kind, document_id, code_id, coding_id, title, text, author, created_at, updated_at";

fn row(r: &Row) -> rusqlite::Result<MemoRow> {
    let kind: String = r.get(2)?;
    let target = match kind.as_str() {
        "document" => TargetId::Document(r.get(3)?),
        "code" => TargetId::Code(r.get(4)?),
        "coding" => TargetId::Coding(r.get(5)?),
        _ => TargetId::Project,
    };
    Ok(MemoRow {
        id: r.get(0)?,
        guid: r.get(1)?,
        target,
        title: r.get(6)?,
        text: r.get(7)?,
        author: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// The memo on `target`, if it has one.
pub(crate) fn get(conn: &Connection, target: TargetId) -> Result<Option<MemoRow>> {
    let (document, code, coding) = target.columns();
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM memo WHERE kind = ?1 AND document_id IS ?2 \
                 AND code_id IS ?3 AND coding_id IS ?4"
            ),
            (target.kind().as_str(), document, code, coding),
            row,
        )
        .optional()?)
}

/// Every memo, in the order they were written.
pub(crate) fn all(conn: &Connection) -> Result<Vec<MemoRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM memo ORDER BY id"))?;
    let rows = stmt.query_map([], row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Writes a new memo on `target` (which has none).
pub(crate) fn insert(
    tx: &Transaction,
    guid: &str,
    target: TargetId,
    text: &str,
    author: &str,
    now: &str,
) -> Result<()> {
    let (document, code, coding) = target.columns();
    tx.execute(
        "INSERT INTO memo (guid, kind, document_id, code_id, coding_id, text, author, \
         created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        (
            guid,
            target.kind().as_str(),
            document,
            code,
            coding,
            text,
            author,
            now,
        ),
    )?;
    Ok(())
}

/// Replaces a memo's text, naming who changed it and when.
pub(crate) fn update(tx: &Transaction, id: i64, text: &str, author: &str, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE memo SET text = ?1, author = ?2, updated_at = ?3 WHERE id = ?4",
        (text, author, now, id),
    )?;
    Ok(())
}

/// Deletes a memo.
pub(crate) fn delete(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM memo WHERE id = ?1", [id])?;
    Ok(())
}

/// The memos deleting these codes takes with them (on the codes and on their codings), for the
/// change log, so the deletion can be undone: `{memo, kind, target, title, text, author,
/// created_at, updated_at}` with `target` the code's or coding's GUID.
pub(crate) fn log_entries_for_codes(
    conn: &Connection,
    code_ids: &[i64],
) -> Result<Vec<serde_json::Value>> {
    let mut stmt = conn.prepare(
        "SELECT m.guid, m.kind, coalesce(k.guid, c.guid), m.title, m.text, m.author, \
         m.created_at, m.updated_at FROM memo m \
         LEFT JOIN code k ON k.id = m.code_id \
         LEFT JOIN coding c ON c.id = m.coding_id \
         WHERE m.code_id = ?1 OR c.code_id = ?1 ORDER BY m.id",
    )?;
    let mut entries = Vec::new();
    for &id in code_ids {
        let rows = stmt.query_map([id], |r| {
            Ok(serde_json::json!({
                "memo": r.get::<_, String>(0)?, "kind": r.get::<_, String>(1)?,
                "target": r.get::<_, String>(2)?, "title": r.get::<_, Option<String>>(3)?,
                "text": r.get::<_, String>(4)?, "author": r.get::<_, String>(5)?,
                "created_at": r.get::<_, String>(6)?, "updated_at": r.get::<_, String>(7)?,
            }))
        })?;
        for row in rows {
            entries.push(row?);
        }
    }
    Ok(entries)
}
