//! Lean reads for coded-excerpt retrieval, which may touch tens of thousands of codings across
//! every document: only the integer columns a query needs, names looked up once in small maps,
//! and a document's text only when an excerpt is cut from it.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::Result;

/// A document's id, GUID and name.
pub(crate) struct DocName {
    pub id: i64,
    pub guid: String,
    pub name: String,
}

/// Every document's id, GUID and name, in insertion order.
pub(crate) fn doc_names(conn: &Connection) -> Result<Vec<DocName>> {
    let mut stmt = conn.prepare_cached("SELECT id, guid, name FROM document ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(DocName {
            id: r.get(0)?,
            guid: r.get(1)?,
            name: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A coding as retrieval sees it: where, which code, whose.
pub(crate) struct Span {
    pub document_id: i64,
    pub code_id: i64,
    pub coder_id: i64,
    pub start_char: usize,
    pub end_char: usize,
}

/// The codings of these codes, in no particular order (retrieval sorts them itself).
pub(crate) fn spans_for_codes(conn: &Connection, code_ids: &[i64]) -> Result<Vec<Span>> {
    if code_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Integers only, so listing them inline is safe.
    let list: Vec<String> = code_ids.iter().map(i64::to_string).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT document_id, code_id, coder_id, start_char, end_char FROM coding \
         WHERE code_id IN ({})",
        list.join(",")
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(Span {
            document_id: r.get(0)?,
            code_id: r.get(1)?,
            coder_id: r.get(2)?,
            start_char: r.get::<_, i64>(3)? as usize,
            end_char: r.get::<_, i64>(4)? as usize,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Coder names by id.
pub(crate) fn coder_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM coder")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A speaker label with its informant's id (none for interviewers).
pub(crate) struct SpeakerInfo {
    pub label: String,
    pub informant_id: Option<i64>,
}

/// Every speaker by id.
pub(crate) fn speakers(conn: &Connection) -> Result<HashMap<i64, SpeakerInfo>> {
    let mut stmt = conn.prepare_cached("SELECT id, label, informant_id FROM speaker")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            SpeakerInfo {
                label: r.get(1)?,
                informant_id: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A turn as retrieval sees it.
pub(crate) struct TurnStart {
    pub n: u32,
    pub speaker_id: i64,
    pub label_start_char: usize,
    pub time_ms: Option<u64>,
}

/// A document's turns in order.
pub(crate) fn turn_starts(conn: &Connection, document_id: i64) -> Result<Vec<TurnStart>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n, speaker_id, label_start_char, time_ms FROM turn WHERE document_id = ?1 \
         ORDER BY n",
    )?;
    let rows = stmt.query_map([document_id], |r| {
        Ok(TurnStart {
            n: r.get(0)?,
            speaker_id: r.get(1)?,
            label_start_char: r.get::<_, i64>(2)? as usize,
            time_ms: r.get::<_, Option<i64>>(3)?.map(|t| t as u64),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Calls `f` with a document's stored text as bytes (valid UTF-8, NFC, LF), borrowed from the
/// row so a long text is not copied or validated as a whole.
pub(crate) fn with_text<T>(
    conn: &Connection,
    document_id: i64,
    f: impl FnOnce(&[u8]) -> T,
) -> Result<T> {
    let mut stmt = conn.prepare_cached("SELECT text FROM document WHERE id = ?1")?;
    Ok(stmt.query_row([document_id], |r| Ok(f(r.get_ref(0)?.as_bytes()?)))?)
}

/// Every document's turns in order, by document id: one scan of the table, cheaper than a query
/// per document once a result spans many of them.
pub(crate) fn all_turn_starts(conn: &Connection) -> Result<HashMap<i64, Vec<TurnStart>>> {
    let mut stmt = conn
        .prepare_cached("SELECT document_id, n, speaker_id, label_start_char, time_ms FROM turn")?;
    let mut out: HashMap<i64, Vec<TurnStart>> = HashMap::new();
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            TurnStart {
                n: r.get(1)?,
                speaker_id: r.get(2)?,
                label_start_char: r.get::<_, i64>(3)? as usize,
                time_ms: r.get::<_, Option<i64>>(4)?.map(|t| t as u64),
            },
        ))
    })? {
        let (doc, turn) = row?;
        out.entry(doc).or_default().push(turn);
    }
    // Rows come in table order; a document's turns were inserted in order, but re-detected
    // turns need not be, so each list is sorted (already sorted lists cost one pass).
    for turns in out.values_mut() {
        turns.sort_by_key(|t| t.n);
    }
    Ok(out)
}
