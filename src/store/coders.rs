//! The coder table: who makes codings (REFI-QDA users), one row per name.

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::codebook::Coder;
use crate::Result;

use super::new_guid;

/// The coder with this name, created if the project has none; says whether it was created.
pub(crate) fn get_or_create(tx: &Transaction, name: &str, now: &str) -> Result<(Coder, bool)> {
    if let Some(coder) = by_name(tx, name)? {
        return Ok((coder, false));
    }
    let coder = Coder {
        guid: new_guid(),
        name: name.to_owned(),
        created_at: now.to_owned(),
    };
    tx.execute(
        "INSERT INTO coder (guid, name, created_at) VALUES (?1, ?2, ?3)",
        (&coder.guid, &coder.name, &coder.created_at),
    )?;
    Ok((coder, true))
}

/// The coder with this name.
pub(crate) fn by_name(conn: &Connection, name: &str) -> Result<Option<Coder>> {
    Ok(conn
        .query_row(
            "SELECT guid, name, created_at FROM coder WHERE name = ?1",
            [name],
            |r| {
                Ok(Coder {
                    guid: r.get(0)?,
                    name: r.get(1)?,
                    created_at: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Every coder, in the order they were added.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Coder>> {
    let mut stmt = conn.prepare("SELECT guid, name, created_at FROM coder ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Coder {
                guid: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
