//! Attribute tables: `KEY = VALUE` text pairs on documents and on informants.

use std::collections::BTreeMap;

use rusqlite::{Connection, Transaction};

use crate::Result;

/// Whose attributes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    Document(i64),
    Informant(i64),
}

impl Owner {
    fn table_and_id(self) -> (&'static str, &'static str, i64) {
        match self {
            Owner::Document(id) => ("document_attribute", "document_id", id),
            Owner::Informant(id) => ("informant_attribute", "informant_id", id),
        }
    }
}

/// Sets (inserts or replaces) one attribute; returns the previous value.
pub(crate) fn set(
    tx: &Transaction,
    owner: Owner,
    key: &str,
    value: &str,
) -> Result<Option<String>> {
    let previous = get(tx, owner)?.remove(key);
    let (table, column, id) = owner.table_and_id();
    tx.execute(
        &format!("INSERT OR REPLACE INTO {table} ({column}, key, value) VALUES (?1, ?2, ?3)"),
        (id, key, value),
    )?;
    Ok(previous)
}

/// All attributes of one owner.
pub(crate) fn get(conn: &Connection, owner: Owner) -> Result<BTreeMap<String, String>> {
    let (table, column, id) = owner.table_and_id();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT key, value FROM {table} WHERE {column} = ?1"
    ))?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes one attribute; returns the value it had (`None` if the owner lacked it).
pub(crate) fn remove(tx: &Transaction, owner: Owner, key: &str) -> Result<Option<String>> {
    let previous = get(tx, owner)?.remove(key);
    let (table, column, id) = owner.table_and_id();
    tx.execute(
        &format!("DELETE FROM {table} WHERE {column} = ?1 AND key = ?2"),
        (id, key),
    )?;
    Ok(previous)
}
