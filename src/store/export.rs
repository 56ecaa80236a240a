//! The export tables (migration `0009_export.sql`): saved citation templates, a coding's English
//! translation and its omitted sub-ranges; and the lean reads an export needs beyond retrieval's
//! (every attribute, speakers with their informants, the codings and notes of one document).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::Result;

/// A saved citation template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CitationRow {
    pub id: i64,
    pub guid: String,
    pub name: String,
    pub template: String,
    pub created_at: String,
}

/// Every saved citation template, in id order.
pub(crate) fn citations(conn: &Connection) -> Result<Vec<CitationRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, guid, name, template, created_at FROM citation_template ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CitationRow {
            id: r.get(0)?,
            guid: r.get(1)?,
            name: r.get(2)?,
            template: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_citation(tx: &Transaction, row: &CitationRow) -> Result<()> {
    tx.execute(
        "INSERT INTO citation_template (guid, name, template, created_at) VALUES (?1, ?2, ?3, ?4)",
        (&row.guid, &row.name, &row.template, &row.created_at),
    )?;
    Ok(())
}

pub(crate) fn delete_citation(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM citation_template WHERE id = ?1", [id])?;
    Ok(())
}

/// A coding's translation.
pub(crate) fn translation(conn: &Connection, coding_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT text FROM coding_translation WHERE coding_id = ?1",
            [coding_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Sets (or with `None` removes) a coding's translation.
pub(crate) fn set_translation(tx: &Transaction, coding_id: i64, text: Option<&str>) -> Result<()> {
    match text {
        Some(text) => tx.execute(
            "INSERT INTO coding_translation (coding_id, text) VALUES (?1, ?2) \
             ON CONFLICT (coding_id) DO UPDATE SET text = excluded.text",
            (coding_id, text),
        )?,
        None => tx.execute(
            "DELETE FROM coding_translation WHERE coding_id = ?1",
            [coding_id],
        )?,
    };
    Ok(())
}

/// A coding's omitted ranges, in order.
pub(crate) fn omissions(conn: &Connection, coding_id: i64) -> Result<Vec<(usize, usize)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start_char, end_char FROM coding_omission WHERE coding_id = ?1 \
         ORDER BY start_char",
    )?;
    let rows = stmt.query_map([coding_id], |r| {
        Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a coding's omitted ranges (already sorted and merged).
pub(crate) fn replace_omissions(
    tx: &Transaction,
    coding_id: i64,
    ranges: &[(usize, usize)],
) -> Result<()> {
    tx.execute(
        "DELETE FROM coding_omission WHERE coding_id = ?1",
        [coding_id],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO coding_omission (coding_id, start_char, end_char) VALUES (?1, ?2, ?3)",
    )?;
    for &(start, end) in ranges {
        stmt.execute((coding_id, start as i64, end as i64))?;
    }
    Ok(())
}

/// Every document's and every informant's attributes, by id.
pub(crate) type AllAttributes = (
    HashMap<i64, BTreeMap<String, String>>,
    HashMap<i64, BTreeMap<String, String>>,
);

/// Every attribute of every document and informant (small tables, read whole).
pub(crate) fn all_attributes(conn: &Connection) -> Result<AllAttributes> {
    let read = |sql: &str| -> Result<HashMap<i64, BTreeMap<String, String>>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut out: HashMap<i64, BTreeMap<String, String>> = HashMap::new();
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })? {
            let (id, key, value) = row?;
            out.entry(id).or_default().insert(key, value);
        }
        Ok(out)
    };
    Ok((
        read("SELECT document_id, key, value FROM document_attribute")?,
        read("SELECT informant_id, key, value FROM informant_attribute")?,
    ))
}

/// Every attribute key in the project, on documents or informants.
pub(crate) fn attribute_keys(conn: &Connection) -> Result<BTreeSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key FROM document_attribute UNION SELECT key FROM informant_attribute",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An informant speaker: the document it speaks in, its label and its informant.
pub(crate) struct InformantSpeaker {
    pub document_id: i64,
    pub label: String,
    pub informant_id: i64,
    pub informant: String,
}

/// Every informant speaker, in document and speaker order.
pub(crate) fn informant_speakers(conn: &Connection) -> Result<Vec<InformantSpeaker>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.document_id, s.label, i.id, i.name FROM speaker s \
         JOIN informant i ON i.id = s.informant_id ORDER BY s.document_id, s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(InformantSpeaker {
            document_id: r.get(0)?,
            label: r.get(1)?,
            informant_id: r.get(2)?,
            informant: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A coding of one document with what an export adds to it.
pub(crate) struct NotedCoding {
    pub id: i64,
    pub guid: String,
    pub code_id: i64,
    pub coder: String,
    pub start_char: usize,
    pub end_char: usize,
    pub translation: Option<String>,
    pub memo: Option<String>,
    pub omissions: Vec<(usize, usize)>,
}

/// A document's codings (in id order) with their translations, memos and omitted ranges.
pub(crate) fn noted_codings(conn: &Connection, document_id: i64) -> Result<Vec<NotedCoding>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.guid, c.code_id, k.name, c.start_char, c.end_char, t.text, m.text \
         FROM coding c JOIN coder k ON k.id = c.coder_id \
         LEFT JOIN coding_translation t ON t.coding_id = c.id \
         LEFT JOIN memo m ON m.coding_id = c.id \
         WHERE c.document_id = ?1 ORDER BY c.id",
    )?;
    let mut list: Vec<NotedCoding> = stmt
        .query_map([document_id], |r| {
            Ok(NotedCoding {
                id: r.get(0)?,
                guid: r.get(1)?,
                code_id: r.get(2)?,
                coder: r.get(3)?,
                start_char: r.get::<_, i64>(4)? as usize,
                end_char: r.get::<_, i64>(5)? as usize,
                translation: r.get(6)?,
                memo: r.get(7)?,
                omissions: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT o.coding_id, o.start_char, o.end_char FROM coding_omission o \
         JOIN coding c ON c.id = o.coding_id WHERE c.document_id = ?1 \
         ORDER BY o.coding_id, o.start_char",
    )?;
    let mut by_coding: HashMap<i64, Vec<(usize, usize)>> = HashMap::new();
    for row in stmt.query_map([document_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)? as usize,
            r.get::<_, i64>(2)? as usize,
        ))
    })? {
        let (id, start, end) = row?;
        by_coding.entry(id).or_default().push((start, end));
    }
    for c in &mut list {
        if let Some(ranges) = by_coding.remove(&c.id) {
            c.omissions = ranges;
        }
    }
    Ok(list)
}
