//! Document, speaker and turn tables: a document's text (the row's last column, so the others
//! are read without walking it), its original bytes (table `document_original`, read only to
//! re-detect turns), and its turns as char ranges with their speakers.

use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::import::Format;
use crate::language::Language;
use crate::project::{SpeakerRole, TurnView};
use crate::turns::{is_interviewer_label, Turn};
use crate::{Error, Result};

use super::{informants, new_guid};

/// A document to insert.
pub(crate) struct NewDocument<'a> {
    pub guid: &'a str,
    pub name: &'a str,
    pub source_path: &'a str,
    pub format: Format,
    pub language: Language,
    pub original: &'a [u8],
    pub sha256: &'a str,
    pub text: &'a str,
    pub preamble_end_char: usize,
    pub words: usize,
    pub speaker_pattern: Option<&'a str>,
    pub imported_at: &'a str,
}

/// A stored document row, without its original bytes.
pub(crate) struct DocumentRow {
    pub id: i64,
    pub guid: String,
    pub name: String,
    pub source_path: String,
    pub format: Format,
    pub language: Language,
    pub preamble_end_char: usize,
    pub words: usize,
    pub imported_at: String,
}

/// Inserts a document row; returns its id.
pub(crate) fn insert(tx: &Transaction, doc: &NewDocument) -> Result<i64> {
    tx.execute(
        "INSERT INTO document (guid, name, source_path, format, language, content_sha256, \
         text, preamble_end_char, words, speaker_pattern, imported_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            doc.guid,
            doc.name,
            doc.source_path,
            doc.format.as_str(),
            doc.language.code(),
            doc.sha256,
            doc.text,
            doc.preamble_end_char as i64,
            doc.words as i64,
            doc.speaker_pattern,
            doc.imported_at,
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO document_original (document_id, original) VALUES (?1, ?2)",
        rusqlite::params![id, doc.original],
    )?;
    Ok(id)
}

/// The name of the document with this content hash, if the project has it.
pub(crate) fn name_by_hash(conn: &Connection, sha256: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM document WHERE content_sha256 = ?1",
            [sha256],
            |r| r.get(0),
        )
        .optional()?)
}

/// `stem`, or `stem (2)`, `stem (3)` … whichever is free: document names are unique.
pub(crate) fn unique_name(conn: &Connection, stem: &str) -> Result<String> {
    let taken = |name: &str| -> Result<bool> {
        Ok(conn
            .query_row("SELECT 1 FROM document WHERE name = ?1", [name], |_| Ok(()))
            .optional()?
            .is_some())
    };
    if !taken(stem)? {
        return Ok(stem.to_owned());
    }
    let mut n = 2;
    loop {
        let candidate = format!("{stem} ({n})");
        if !taken(&candidate)? {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// The id of the document with this name or GUID.
pub(crate) fn resolve(conn: &Connection, name_or_guid: &str) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM document WHERE name = ?1 OR guid = upper(?1)",
        [name_or_guid],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::UnknownDocument(name_or_guid.to_owned()))
}

// The text is not among them: lists and lookups by name never need it, and reading every
// transcript's text to list 1,000 documents costs more than everything else together. (It is
// the row's last column, so these are read without walking its overflow pages.)
const DOCUMENT_COLUMNS: &str = "id, guid, name, source_path, format, language, \
                                preamble_end_char, words, imported_at";

fn document_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentRow> {
    let format: String = r.get(4)?;
    let language: String = r.get(5)?;
    Ok(DocumentRow {
        id: r.get(0)?,
        guid: r.get(1)?,
        name: r.get(2)?,
        source_path: r.get(3)?,
        // The CHECK constraints in the schema keep both columns to known values.
        format: Format::parse(&format).unwrap_or(Format::Txt),
        language: Language::parse(&language).unwrap_or_default(),
        preamble_end_char: r.get::<_, i64>(6)? as usize,
        words: r.get::<_, i64>(7)? as usize,
        imported_at: r.get(8)?,
    })
}

/// A document's stored text (NFC, LF), which every offset refers to.
pub(crate) fn text(conn: &Connection, id: i64) -> Result<String> {
    Ok(
        conn.query_row("SELECT text FROM document WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// The length of a document's text in chars (SQLite's `length()` counts characters of text
/// values), without reading the text.
pub(crate) fn text_chars(conn: &Connection, id: i64) -> Result<usize> {
    Ok(conn.query_row(
        "SELECT length(text) FROM document WHERE id = ?1",
        [id],
        |r| r.get::<_, i64>(0),
    )? as usize)
}

/// One document.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<DocumentRow> {
    Ok(conn.query_row(
        &format!("SELECT {DOCUMENT_COLUMNS} FROM document WHERE id = ?1"),
        [id],
        document_row,
    )?)
}

/// Every document, in insertion order.
pub(crate) fn all(conn: &Connection) -> Result<Vec<DocumentRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DOCUMENT_COLUMNS} FROM document ORDER BY id"
    ))?;
    let rows = stmt.query_map([], document_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A document's original bytes and the speaker pattern it was imported with.
pub(crate) fn original(conn: &Connection, id: i64) -> Result<(Vec<u8>, Option<String>)> {
    Ok(conn.query_row(
        "SELECT o.original, d.speaker_pattern FROM document d \
         JOIN document_original o ON o.document_id = d.id WHERE d.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The columns and joins that read turns with their speakers, for [`turn_row`]; the caller adds
/// `WHERE` and `ORDER BY`.
pub(crate) const TURN_SELECT: &str =
    "SELECT t.document_id, t.n, s.label, s.role, i.name, t.label_start_char, t.start_char, \
     t.end_char, t.time_ms FROM turn t JOIN speaker s ON s.id = t.speaker_id \
     LEFT JOIN informant i ON i.id = s.informant_id";

/// One row of [`TURN_SELECT`]: the document id and the turn.
pub(crate) fn turn_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, TurnView)> {
    let role: String = r.get(3)?;
    Ok((
        r.get(0)?,
        TurnView {
            n: r.get(1)?,
            speaker: r.get(2)?,
            role: if role == "interviewer" {
                SpeakerRole::Interviewer
            } else {
                SpeakerRole::Informant
            },
            informant: r.get(4)?,
            label_start_char: r.get::<_, i64>(5)? as usize,
            start_char: r.get::<_, i64>(6)? as usize,
            end_char: r.get::<_, i64>(7)? as usize,
            time_ms: r.get::<_, Option<i64>>(8)?.map(|t| t as u64),
        },
    ))
}

/// The turns of a document, in order.
pub(crate) fn turns(conn: &Connection, document_id: i64) -> Result<Vec<TurnView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{TURN_SELECT} WHERE t.document_id = ?1 ORDER BY t.n"
    ))?;
    let rows = stmt.query_map([document_id], |r| turn_row(r).map(|(_, turn)| turn))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Speaker labels of a document in order of first appearance, with their informant counts.
pub(crate) fn speaker_labels(conn: &Connection, document_id: i64) -> Result<(Vec<String>, usize)> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.label, s.informant_id FROM speaker s \
         JOIN (SELECT speaker_id, MIN(n) AS first FROM turn WHERE document_id = ?1 \
               GROUP BY speaker_id) f ON f.speaker_id = s.id ORDER BY f.first",
    )?;
    let rows = stmt.query_map([document_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })?;
    let mut labels = Vec::new();
    let mut informants = std::collections::BTreeSet::new();
    for row in rows {
        let (label, informant) = row?;
        labels.push(label);
        informants.extend(informant);
    }
    Ok((labels, informants.len()))
}

/// Number of turns of a document.
pub(crate) fn turn_count(conn: &Connection, document_id: i64) -> Result<usize> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM turn WHERE document_id = ?1",
        [document_id],
        |r| r.get::<_, i64>(0),
    )? as usize)
}

/// Replaces a document's turns. Speakers whose labels remain keep their GUID, role and
/// informant (with its merges and attributes); new labels get a speaker, and a new informant
/// unless the label names an interviewer; speakers left without turns are removed, and so are
/// informants left without speakers.
pub(crate) fn replace_turns(
    tx: &Transaction,
    document_id: i64,
    document_name: &str,
    turns: &[Turn],
) -> Result<()> {
    tx.execute("DELETE FROM turn WHERE document_id = ?1", [document_id])?;
    let mut speaker_ids = std::collections::HashMap::new();
    let mut insert_turn = tx.prepare_cached(
        "INSERT INTO turn (guid, document_id, n, speaker_id, label_start_char, start_char, \
         end_char, time_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, turn) in turns.iter().enumerate() {
        let speaker_id = match speaker_ids.get(&turn.speaker) {
            Some(&id) => id,
            None => {
                let id = ensure_speaker(tx, document_id, document_name, &turn.speaker)?;
                speaker_ids.insert(turn.speaker.clone(), id);
                id
            }
        };
        insert_turn.execute(rusqlite::params![
            new_guid(),
            document_id,
            i as i64 + 1,
            speaker_id,
            turn.label_start_char as i64,
            turn.start_char as i64,
            turn.end_char as i64,
            turn.time_ms.map(|t| t as i64),
        ])?;
    }
    tx.execute(
        "DELETE FROM speaker WHERE document_id = ?1 \
         AND id NOT IN (SELECT speaker_id FROM turn WHERE document_id = ?1)",
        [document_id],
    )?;
    informants::delete_orphans(tx)?;
    Ok(())
}

fn ensure_speaker(
    tx: &Transaction,
    document_id: i64,
    document_name: &str,
    label: &str,
) -> Result<i64> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM speaker WHERE document_id = ?1 AND label = ?2",
            (document_id, label),
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let (role, informant_id) = if is_interviewer_label(label) {
        ("interviewer", None)
    } else {
        let name = format!("{document_name}/{label}");
        ("informant", Some(informants::create(tx, &name)?))
    };
    tx.execute(
        "INSERT INTO speaker (guid, document_id, label, role, informant_id) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        (new_guid(), document_id, label, role, informant_id),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Renames a speaker of a document. When `new` is already a speaker of the document, the two
/// become one (turns move to `new`). Returns whether it was a merge.
pub(crate) fn rename_speaker(
    tx: &Transaction,
    document_id: i64,
    document_name: &str,
    old: &str,
    new: &str,
) -> Result<bool> {
    let find = |label: &str| -> Result<Option<(i64, Option<i64>)>> {
        Ok(tx
            .query_row(
                "SELECT id, informant_id FROM speaker WHERE document_id = ?1 AND label = ?2",
                (document_id, label),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    };
    let (old_id, old_informant) = find(old)?.ok_or_else(|| Error::UnknownSpeaker {
        document: document_name.to_owned(),
        speaker: old.to_owned(),
    })?;
    if let Some((new_id, _)) = find(new)? {
        tx.execute(
            "UPDATE turn SET speaker_id = ?1 WHERE speaker_id = ?2",
            (new_id, old_id),
        )?;
        tx.execute("DELETE FROM speaker WHERE id = ?1", [old_id])?;
        informants::delete_orphans(tx)?;
        return Ok(true);
    }
    tx.execute("UPDATE speaker SET label = ?1 WHERE id = ?2", (new, old_id))?;
    // An informant still carrying its default name follows the label.
    if let Some(informant_id) = old_informant {
        let default_name = format!("{document_name}/{old}");
        let renamed = format!("{document_name}/{new}");
        tx.execute(
            "UPDATE informant SET name = ?1 WHERE id = ?2 AND name = ?3 \
             AND NOT EXISTS (SELECT 1 FROM informant WHERE name = ?1)",
            (renamed, informant_id, default_name),
        )?;
    }
    Ok(false)
}

/// Marks a speaker as interviewer (no informant) or informant (with a new informant).
pub(crate) fn set_speaker_role(
    tx: &Transaction,
    document_id: i64,
    document_name: &str,
    label: &str,
    role: SpeakerRole,
) -> Result<()> {
    let speaker: Option<(i64, Option<i64>)> = tx
        .query_row(
            "SELECT id, informant_id FROM speaker WHERE document_id = ?1 AND label = ?2",
            (document_id, label),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, informant) = speaker.ok_or_else(|| Error::UnknownSpeaker {
        document: document_name.to_owned(),
        speaker: label.to_owned(),
    })?;
    match (role, informant) {
        (SpeakerRole::Interviewer, Some(_)) => {
            tx.execute(
                "UPDATE speaker SET role = 'interviewer', informant_id = NULL WHERE id = ?1",
                [id],
            )?;
            informants::delete_orphans(tx)?;
        }
        (SpeakerRole::Informant, None) => {
            let informant_id = informants::create(tx, &format!("{document_name}/{label}"))?;
            tx.execute(
                "UPDATE speaker SET role = 'informant', informant_id = ?1 WHERE id = ?2",
                (informant_id, id),
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Renames a document row. Informants still carrying a default name of the old document
/// (`old/label` for one of its speakers) follow to `new/label`, unless that name is taken.
/// Returns how many informants were renamed.
pub(crate) fn rename(tx: &Transaction, document_id: i64, old: &str, new: &str) -> Result<usize> {
    tx.execute(
        "UPDATE document SET name = ?1 WHERE id = ?2",
        (new, document_id),
    )?;
    let mut stmt = tx.prepare_cached(
        "SELECT s.label, s.informant_id FROM speaker s \
         WHERE s.document_id = ?1 AND s.informant_id IS NOT NULL ORDER BY s.id",
    )?;
    let speakers = stmt
        .query_map([document_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut renamed = 0;
    for (label, informant_id) in speakers {
        renamed += tx.execute(
            "UPDATE informant SET name = ?1 WHERE id = ?2 AND name = ?3 \
             AND NOT EXISTS (SELECT 1 FROM informant WHERE name = ?1)",
            (
                format!("{new}/{label}"),
                informant_id,
                format!("{old}/{label}"),
            ),
        )?;
    }
    Ok(renamed)
}

/// What deleting a document takes with it.
pub(crate) struct DeleteCounts {
    pub turns: usize,
    pub speakers: usize,
    /// Informants whose every speaker is in this document: they go with it.
    pub informants_removed: usize,
    /// The document's attributes plus those of the informants that go.
    pub attribute_count: usize,
}

/// Counts what [`delete`] would remove, without changing anything.
pub(crate) fn delete_counts(conn: &Connection, document_id: i64) -> Result<DeleteCounts> {
    let count = |sql: &str| -> Result<usize> {
        Ok(conn.query_row(sql, [document_id], |r| r.get::<_, i64>(0))? as usize)
    };
    // Informants with a speaker here and none in any other document.
    const LONE_INFORMANTS: &str = "SELECT DISTINCT s.informant_id FROM speaker s \
         WHERE s.document_id = ?1 AND s.informant_id IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM speaker o WHERE o.informant_id = s.informant_id \
                         AND o.document_id <> ?1)";
    let informants_removed = count(&format!("SELECT COUNT(*) FROM ({LONE_INFORMANTS})"))?;
    let attribute_count = count("SELECT COUNT(*) FROM document_attribute WHERE document_id = ?1")?
        + count(&format!(
            "SELECT COUNT(*) FROM informant_attribute WHERE informant_id IN ({LONE_INFORMANTS})"
        ))?;
    Ok(DeleteCounts {
        turns: count("SELECT COUNT(*) FROM turn WHERE document_id = ?1")?,
        speakers: count("SELECT COUNT(*) FROM speaker WHERE document_id = ?1")?,
        informants_removed,
        attribute_count,
    })
}

/// Deletes a document with its turns, speakers and attributes, and the informants left without
/// speakers (with their attributes).
pub(crate) fn delete(tx: &Transaction, document_id: i64) -> Result<()> {
    tx.execute("DELETE FROM turn WHERE document_id = ?1", [document_id])?;
    tx.execute("DELETE FROM speaker WHERE document_id = ?1", [document_id])?;
    tx.execute(
        "DELETE FROM document_attribute WHERE document_id = ?1",
        [document_id],
    )?;
    tx.execute("DELETE FROM document WHERE id = ?1", [document_id])?;
    informants::delete_orphans(tx)?;
    Ok(())
}
