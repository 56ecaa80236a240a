//! What thematic analysis reads and keeps: lean reads of every turn, coding and attribute at
//! once (integer columns and short text only, never a document's text or bytes), and the
//! tables of migration `0008_analysis.sql`: quote choices and framework cells.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::Result;

/// The newest change-log sequence: analysis results read at this sequence stay valid until it
/// moves (every change is logged).
pub(crate) fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// A turn as analysis sees it.
pub(crate) struct TurnRow {
    pub document_id: i64,
    pub n: u32,
    pub speaker_id: i64,
    pub label_start_char: usize,
    pub start_char: usize,
    pub end_char: usize,
}

/// Every turn, in no particular order.
pub(crate) fn turns(conn: &Connection) -> Result<Vec<TurnRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT document_id, n, speaker_id, label_start_char, start_char, end_char FROM turn",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(TurnRow {
            document_id: r.get(0)?,
            n: r.get(1)?,
            speaker_id: r.get(2)?,
            label_start_char: r.get::<_, i64>(3)? as usize,
            start_char: r.get::<_, i64>(4)? as usize,
            end_char: r.get::<_, i64>(5)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A speaker label of a document, with its informant (none for interviewers).
pub(crate) struct SpeakerRow {
    pub id: i64,
    pub document_id: i64,
    pub label: String,
    pub informant_id: Option<i64>,
}

/// Every speaker.
pub(crate) fn speakers(conn: &Connection) -> Result<Vec<SpeakerRow>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, document_id, label, informant_id FROM speaker")?;
    let rows = stmt.query_map([], |r| {
        Ok(SpeakerRow {
            id: r.get(0)?,
            document_id: r.get(1)?,
            label: r.get(2)?,
            informant_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every informant: `(id, guid, name)`.
pub(crate) fn informants(conn: &Connection) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, guid, name FROM informant")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every document's (`informants: false`) or informant's attributes, by owner id.
pub(crate) fn attributes(
    conn: &Connection,
    informants: bool,
) -> Result<BTreeMap<i64, BTreeMap<String, String>>> {
    let sql = if informants {
        "SELECT informant_id, key, value FROM informant_attribute"
    } else {
        "SELECT document_id, key, value FROM document_attribute"
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut out: BTreeMap<i64, BTreeMap<String, String>> = BTreeMap::new();
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })? {
        let (owner, key, value) = row?;
        out.entry(owner).or_default().insert(key, value);
    }
    Ok(out)
}

/// A coding as analysis sees it (the coder does not matter: identical spans count once).
pub(crate) struct CodingRow {
    pub id: i64,
    pub guid: String,
    pub document_id: i64,
    pub code_id: i64,
    pub start_char: usize,
    pub end_char: usize,
}

/// Every coding, oldest first.
pub(crate) fn codings(conn: &Connection) -> Result<Vec<CodingRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, guid, document_id, code_id, start_char, end_char FROM coding ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CodingRow {
            id: r.get(0)?,
            guid: r.get(1)?,
            document_id: r.get(2)?,
            code_id: r.get(3)?,
            start_char: r.get::<_, i64>(4)? as usize,
            end_char: r.get::<_, i64>(5)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stored quote choice with where its coding is.
pub(crate) struct QuoteChoiceRow {
    pub coding_guid: String,
    pub pinned: bool,
    pub document_id: i64,
    pub start_char: usize,
    pub end_char: usize,
}

/// The quote choices for a code: pins in their order, then exclusions.
pub(crate) fn quote_choices(conn: &Connection, code_id: i64) -> Result<Vec<QuoteChoiceRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.guid, q.choice = 'pinned', g.document_id, g.start_char, g.end_char
         FROM quote_choice q JOIN coding g ON g.id = q.coding_id
         WHERE q.code_id = ?1 ORDER BY q.choice DESC, q.position, q.coding_id",
    )?;
    let rows = stmt.query_map([code_id], |r| {
        Ok(QuoteChoiceRow {
            coding_guid: r.get(0)?,
            pinned: r.get(1)?,
            document_id: r.get(2)?,
            start_char: r.get::<_, i64>(3)? as usize,
            end_char: r.get::<_, i64>(4)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The choice stored for one code and coding (`Some(true)`: pinned, `Some(false)`: excluded).
pub(crate) fn quote_choice(tx: &Connection, code_id: i64, coding_id: i64) -> Result<Option<bool>> {
    Ok(tx
        .query_row(
            "SELECT choice = 'pinned' FROM quote_choice WHERE code_id = ?1 AND coding_id = ?2",
            [code_id, coding_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Stores a choice (replacing any), a pin after the code's other pins.
pub(crate) fn set_quote_choice(
    tx: &Transaction,
    code_id: i64,
    coding_id: i64,
    pinned: bool,
) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO quote_choice (code_id, coding_id, choice, position)
         VALUES (?1, ?2, ?3,
                 (SELECT coalesce(max(position), -1) + 1 FROM quote_choice WHERE code_id = ?1))",
        (
            code_id,
            coding_id,
            if pinned { "pinned" } else { "excluded" },
        ),
    )?;
    Ok(())
}

/// Drops a choice; returns whether there was one.
pub(crate) fn clear_quote_choice(tx: &Transaction, code_id: i64, coding_id: i64) -> Result<bool> {
    Ok(tx.execute(
        "DELETE FROM quote_choice WHERE code_id = ?1 AND coding_id = ?2",
        [code_id, coding_id],
    )? > 0)
}

/// A framework cell as stored.
pub(crate) struct CellRow {
    pub informant_id: i64,
    pub code_id: i64,
    pub text: String,
    pub author: String,
    pub updated_at: String,
}

/// Every framework cell.
pub(crate) fn framework_cells(conn: &Connection) -> Result<Vec<CellRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT informant_id, code_id, text, author, updated_at FROM framework_cell",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CellRow {
            informant_id: r.get(0)?,
            code_id: r.get(1)?,
            text: r.get(2)?,
            author: r.get(3)?,
            updated_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The text of one cell.
pub(crate) fn framework_cell(
    conn: &Connection,
    informant_id: i64,
    code_id: i64,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT text FROM framework_cell WHERE informant_id = ?1 AND code_id = ?2",
            [informant_id, code_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Writes one cell; empty `text` deletes it.
pub(crate) fn set_framework_cell(
    tx: &Transaction,
    (informant_id, code_id): (i64, i64),
    text: &str,
    author: &str,
    at: &str,
) -> Result<()> {
    if text.is_empty() {
        tx.execute(
            "DELETE FROM framework_cell WHERE informant_id = ?1 AND code_id = ?2",
            [informant_id, code_id],
        )?;
    } else {
        tx.execute(
            "INSERT OR REPLACE INTO framework_cell (informant_id, code_id, text, author, \
             updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            (informant_id, code_id, text, author, at),
        )?;
    }
    Ok(())
}

/// Before informant `from` is merged into `into`: its framework cells become `into`'s; where
/// both have a cell for a code, the texts are joined with a blank line (nothing is lost).
pub(crate) fn move_framework_cells(tx: &Transaction, into: i64, from: i64) -> Result<()> {
    tx.execute(
        "UPDATE framework_cell SET text = text || char(10) || char(10) ||
             (SELECT f.text FROM framework_cell f
              WHERE f.informant_id = ?2 AND f.code_id = framework_cell.code_id)
         WHERE informant_id = ?1
           AND code_id IN (SELECT code_id FROM framework_cell WHERE informant_id = ?2)",
        [into, from],
    )?;
    tx.execute(
        "DELETE FROM framework_cell WHERE informant_id = ?2
           AND code_id IN (SELECT code_id FROM framework_cell WHERE informant_id = ?1)",
        [into, from],
    )?;
    tx.execute(
        "UPDATE framework_cell SET informant_id = ?1 WHERE informant_id = ?2",
        [into, from],
    )?;
    Ok(())
}
