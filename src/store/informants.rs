//! The informant table: people who were interviewed, each the informant of one or more speakers.

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::{Error, Result};

use super::new_guid;

/// Creates an informant; a taken name gets ` (2)`, ` (3)` … Returns its id.
pub(crate) fn create(tx: &Transaction, name: &str) -> Result<i64> {
    let mut candidate = name.to_owned();
    let mut n = 2;
    while tx
        .query_row(
            "SELECT 1 FROM informant WHERE name = ?1",
            [&candidate],
            |_| Ok(()),
        )
        .optional()?
        .is_some()
    {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    tx.execute(
        "INSERT INTO informant (guid, name) VALUES (?1, ?2)",
        (new_guid(), &candidate),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Removes informants no speaker refers to any more (their attributes go with them).
pub(crate) fn delete_orphans(tx: &Transaction) -> Result<usize> {
    Ok(tx.execute(
        "DELETE FROM informant WHERE id NOT IN \
         (SELECT informant_id FROM speaker WHERE informant_id IS NOT NULL)",
        [],
    )?)
}

/// The id and name of the informant with this name or GUID.
pub(crate) fn resolve(conn: &Connection, name_or_guid: &str) -> Result<(i64, String)> {
    conn.query_row(
        "SELECT id, name FROM informant WHERE name = ?1 OR guid = upper(?1)",
        [name_or_guid],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::UnknownInformant(name_or_guid.to_owned()))
}

/// An informant with the speakers and documents it covers.
pub(crate) struct InformantRow {
    pub id: i64,
    pub guid: String,
    pub name: String,
    /// `(document, label)` pairs in document order.
    pub speakers: Vec<(String, String)>,
}

/// Every informant.
pub(crate) fn all(conn: &Connection) -> Result<Vec<InformantRow>> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.guid, i.name, d.name, s.label FROM informant i \
         JOIN speaker s ON s.informant_id = i.id JOIN document d ON d.id = s.document_id \
         ORDER BY i.id, d.id, s.id",
    )?;
    let mut rows: Vec<InformantRow> = Vec::new();
    let mut query = stmt.query([])?;
    while let Some(r) = query.next()? {
        let id: i64 = r.get(0)?;
        let speaker = (r.get(3)?, r.get(4)?);
        match rows.last_mut() {
            Some(last) if last.id == id => last.speakers.push(speaker),
            _ => rows.push(InformantRow {
                id,
                guid: r.get(1)?,
                name: r.get(2)?,
                speakers: vec![speaker],
            }),
        }
    }
    Ok(rows)
}

/// Moves every speaker (and framework cell) of `from` to `into` and deletes `from`.
pub(crate) fn merge(tx: &Transaction, into: i64, from: i64) -> Result<()> {
    super::analysis::move_framework_cells(tx, into, from)?;
    tx.execute(
        "UPDATE speaker SET informant_id = ?1 WHERE informant_id = ?2",
        (into, from),
    )?;
    tx.execute("DELETE FROM informant WHERE id = ?1", [from])?;
    Ok(())
}
