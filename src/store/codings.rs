//! The coding table: spans of a document's text tagged with a code by one coder.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::Result;

/// A stored coding with its coder's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodingRow {
    pub id: i64,
    pub guid: String,
    pub document_id: i64,
    pub code_id: i64,
    pub coder_id: i64,
    pub coder: String,
    pub coder_guid: String,
    pub start_char: usize,
    pub end_char: usize,
    pub rule: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str = "c.id, c.guid, c.document_id, c.code_id, c.coder_id, k.name, k.guid, \
     c.start_char, c.end_char, c.rule, c.created_at";

fn row(r: &rusqlite::Row) -> rusqlite::Result<CodingRow> {
    Ok(CodingRow {
        id: r.get(0)?,
        guid: r.get(1)?,
        document_id: r.get(2)?,
        code_id: r.get(3)?,
        coder_id: r.get(4)?,
        coder: r.get(5)?,
        coder_guid: r.get(6)?,
        start_char: r.get::<_, i64>(7)? as usize,
        end_char: r.get::<_, i64>(8)? as usize,
        rule: r.get(9)?,
        created_at: r.get(10)?,
    })
}

fn select(where_order: &str) -> String {
    format!("SELECT {COLUMNS} FROM coding c JOIN coder k ON k.id = c.coder_id {where_order}")
}

/// A new coding's fields.
pub(crate) struct NewCoding<'a> {
    pub guid: &'a str,
    pub document_id: i64,
    pub code_id: i64,
    pub coder_id: i64,
    pub start_char: usize,
    pub end_char: usize,
    pub rule: Option<&'a str>,
    pub created_at: &'a str,
}

/// Inserts a coding; returns its id.
pub(crate) fn insert(tx: &Transaction, c: &NewCoding) -> Result<i64> {
    tx.execute(
        "INSERT INTO coding (guid, document_id, code_id, coder_id, start_char, end_char, rule, \
         created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            c.guid,
            c.document_id,
            c.code_id,
            c.coder_id,
            c.start_char as i64,
            c.end_char as i64,
            c.rule,
            c.created_at,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The coding with this id.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<CodingRow> {
    Ok(conn.query_row(&select("WHERE c.id = ?1"), [id], row)?)
}

/// The coding with this GUID (any case).
pub(crate) fn by_guid(conn: &Connection, guid: &str) -> Result<Option<CodingRow>> {
    Ok(conn
        .query_row(&select("WHERE c.guid = upper(?1)"), [guid.trim()], row)
        .optional()?)
}

/// The coding of exactly this document, code, coder and span.
pub(crate) fn find(
    conn: &Connection,
    document_id: i64,
    code_id: i64,
    coder_id: i64,
    start_char: usize,
    end_char: usize,
) -> Result<Option<CodingRow>> {
    Ok(conn
        .query_row(
            &select(
                "WHERE c.document_id = ?1 AND c.code_id = ?2 AND c.coder_id = ?3 \
                 AND c.start_char = ?4 AND c.end_char = ?5",
            ),
            rusqlite::params![
                document_id,
                code_id,
                coder_id,
                start_char as i64,
                end_char as i64
            ],
            row,
        )
        .optional()?)
}

/// A document's codings in document order (start, then end, then when they were made).
pub(crate) fn for_document(conn: &Connection, document_id: i64) -> Result<Vec<CodingRow>> {
    let mut stmt = conn.prepare_cached(&select(
        "WHERE c.document_id = ?1 ORDER BY c.start_char, c.end_char, c.id",
    ))?;
    let rows = stmt.query_map([document_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The codings of these codes, by document and start.
pub(crate) fn for_codes(conn: &Connection, code_ids: &[i64]) -> Result<Vec<CodingRow>> {
    if code_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Integers only, so listing them inline is safe.
    let list: Vec<String> = code_ids.iter().map(i64::to_string).collect();
    let mut stmt = conn.prepare(&select(&format!(
        "WHERE c.code_id IN ({}) ORDER BY c.document_id, c.start_char, c.end_char, c.id",
        list.join(",")
    )))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes one coding.
pub(crate) fn delete(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM coding WHERE id = ?1", [id])?;
    Ok(())
}

/// Deletes the codings of these codes; returns how many went.
pub(crate) fn delete_for_codes(tx: &Transaction, code_ids: &[i64]) -> Result<usize> {
    let mut stmt = tx.prepare("DELETE FROM coding WHERE code_id = ?1")?;
    let mut deleted = 0;
    for id in code_ids {
        deleted += stmt.execute([id])?;
    }
    Ok(deleted)
}

/// Number of codings of a document.
pub(crate) fn count_for_document(conn: &Connection, document_id: i64) -> Result<usize> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM coding WHERE document_id = ?1",
        [document_id],
        |r| r.get::<_, i64>(0),
    )? as usize)
}

/// Per code id: its codings, counting the same span of the same document once however many
/// coders made it.
pub(crate) fn counts(conn: &Connection) -> Result<HashMap<i64, usize>> {
    let mut stmt = conn.prepare(
        "SELECT code_id, COUNT(*) FROM (SELECT DISTINCT code_id, document_id, start_char, \
         end_char FROM coding) GROUP BY code_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The codings of these codes as change-log entries: everything needed to make each again with
/// its GUID (document, code and coder by GUID, span, rule, when).
pub(crate) fn log_entries(conn: &Connection, code_ids: &[i64]) -> Result<Vec<serde_json::Value>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.guid, d.guid, o.guid, k.guid, k.name, c.start_char, c.end_char, c.rule, \
         c.created_at FROM coding c JOIN document d ON d.id = c.document_id \
         JOIN code o ON o.id = c.code_id JOIN coder k ON k.id = c.coder_id \
         WHERE c.code_id = ?1 ORDER BY c.id",
    )?;
    let mut out = Vec::new();
    for id in code_ids {
        let rows = stmt.query_map([id], |r| {
            Ok(serde_json::json!({
                "guid": r.get::<_, String>(0)?, "document": r.get::<_, String>(1)?,
                "code": r.get::<_, String>(2)?, "coder": r.get::<_, String>(3)?,
                "coder_name": r.get::<_, String>(4)?,
                "start_char": r.get::<_, i64>(5)?, "end_char": r.get::<_, i64>(6)?,
                "rule": r.get::<_, Option<String>>(7)?, "created_at": r.get::<_, String>(8)?,
            }))
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

/// Gives a coding another code (its GUID, coder, span and memo stay).
pub(crate) fn set_code(tx: &Transaction, id: i64, code_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE coding SET code_id = ?1 WHERE id = ?2",
        [code_id, id],
    )?;
    Ok(())
}

/// Moves a coding's start and end.
pub(crate) fn set_span(
    tx: &Transaction,
    id: i64,
    start_char: usize,
    end_char: usize,
) -> Result<()> {
    tx.execute(
        "UPDATE coding SET start_char = ?1, end_char = ?2 WHERE id = ?3",
        rusqlite::params![start_char as i64, end_char as i64, id],
    )?;
    Ok(())
}

/// The codings of `c`'s document, code and coder, other than `c`, that share at least one char
/// with `start..end`.
pub(crate) fn overlapping_same(
    conn: &Connection,
    c: &CodingRow,
    start_char: usize,
    end_char: usize,
) -> Result<Vec<CodingRow>> {
    let mut stmt = conn.prepare_cached(&select(
        "WHERE c.document_id = ?1 AND c.code_id = ?2 AND c.coder_id = ?3 AND c.id <> ?4 \
         AND c.start_char < ?5 AND c.end_char > ?6 ORDER BY c.start_char, c.id",
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![
            c.document_id,
            c.code_id,
            c.coder_id,
            c.id,
            end_char as i64,
            start_char as i64
        ],
        row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
