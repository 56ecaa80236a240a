//! The codebook tables: `code`, `code_block` and `codebook_template`. The tree rules (names
//! unique among siblings, no cycles, compact positions) are kept by the facade with
//! `codebook::tree`; this module reads and writes rows, and merges a template into a project.

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::Value;

use crate::codebook::template::{Localized, Template, TemplateMeta};
use crate::codebook::tree::{describe, Tree};
use crate::codebook::{name_key, CodeBlock, CodeData, CodeRow, CodebookReport};
use crate::{Error, Result};

use super::new_guid;

const CODE_COLUMNS: &str = "id, guid, parent_id, position, created_at, key, name_nb, name_en, \
     color, definition_nb, definition_en, inclusion, exclusion, anchors, source_note, rules, \
     block, hidden";

fn code_row(r: &rusqlite::Row) -> rusqlite::Result<CodeRow> {
    let anchors: String = r.get(13)?;
    let rules: String = r.get(15)?;
    Ok(CodeRow {
        id: r.get(0)?,
        guid: r.get(1)?,
        parent_id: r.get(2)?,
        position: r.get::<_, i64>(3)? as usize,
        created_at: r.get(4)?,
        data: CodeData {
            key: r.get(5)?,
            name_nb: r.get(6)?,
            name_en: r.get(7)?,
            color: r.get(8)?,
            definition_nb: r.get(9)?,
            definition_en: r.get(10)?,
            inclusion: r.get(11)?,
            exclusion: r.get(12)?,
            // The CHECK constraints keep both columns valid JSON of the right shape.
            anchors: serde_json::from_str(&anchors).unwrap_or_default(),
            source_note: r.get(14)?,
            rules: serde_json::from_str(&rules).unwrap_or_default(),
            block: r.get(16)?,
            hidden: r.get(17)?,
        },
    })
}

/// Every code, in id order.
pub(crate) fn all(conn: &Connection) -> Result<Vec<CodeRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {CODE_COLUMNS} FROM code ORDER BY id"))?;
    let rows = stmt.query_map([], code_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Inserts a code; returns its id and GUID.
pub(crate) fn insert(
    tx: &Transaction,
    parent_id: Option<i64>,
    position: usize,
    data: &CodeData,
    now: &str,
) -> Result<(i64, String)> {
    let guid = new_guid();
    tx.execute(
        "INSERT INTO code (guid, parent_id, position, key, name_nb, name_en, color, \
         definition_nb, definition_en, inclusion, exclusion, anchors, source_note, rules, block, \
         hidden, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        rusqlite::params![
            guid,
            parent_id,
            position as i64,
            data.key,
            data.name_nb,
            data.name_en,
            data.color,
            data.definition_nb,
            data.definition_en,
            data.inclusion,
            data.exclusion,
            serde_json::to_string(&data.anchors).expect("strings serialise"),
            data.source_note,
            Value::Object(data.rules.clone()).to_string(),
            data.block,
            data.hidden,
            now,
        ],
    )?;
    Ok((tx.last_insert_rowid(), guid))
}

/// Sets a code's bokmål name.
pub(crate) fn rename(tx: &Transaction, id: i64, name: &str) -> Result<()> {
    tx.execute("UPDATE code SET name_nb = ?1 WHERE id = ?2", (name, id))?;
    Ok(())
}

/// Sets a code's colour.
pub(crate) fn set_color(tx: &Transaction, id: i64, color: &str) -> Result<()> {
    tx.execute("UPDATE code SET color = ?1 WHERE id = ?2", (color, id))?;
    Ok(())
}

/// Switches the family a code heads off (`true`) or on.
pub(crate) fn set_hidden(tx: &Transaction, id: i64, hidden: bool) -> Result<()> {
    tx.execute("UPDATE code SET hidden = ?1 WHERE id = ?2", (hidden, id))?;
    Ok(())
}

/// Gives the codes `ids` the parent `parent_id` and the positions 0, 1, … in that order.
pub(crate) fn place(tx: &Transaction, parent_id: Option<i64>, ids: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare("UPDATE code SET parent_id = ?1, position = ?2 WHERE id = ?3")?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute((parent_id, position as i64, id))?;
    }
    Ok(())
}

/// Deletes codes, given a family in depth-first order (children are deleted before parents).
pub(crate) fn delete_family(tx: &Transaction, ids: &[i64]) -> Result<usize> {
    let mut stmt = tx.prepare("DELETE FROM code WHERE id = ?1")?;
    let mut deleted = 0;
    for id in ids.iter().rev() {
        deleted += stmt.execute([id])?;
    }
    Ok(deleted)
}

/// The blocks, in order.
pub(crate) fn blocks(conn: &Connection) -> Result<Vec<CodeBlock>> {
    let mut stmt =
        conn.prepare("SELECT letter, name_nb, name_en FROM code_block ORDER BY position, id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(CodeBlock {
                letter: r.get(0)?,
                name_nb: r.get(1)?,
                name_en: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A template added to the project: its id, name and top-level rules.
pub(crate) struct TemplateRow {
    pub template_id: String,
    pub name: Localized,
    pub meta: TemplateMeta,
}

/// The templates, in the order they were added.
pub(crate) fn templates(conn: &Connection) -> Result<Vec<TemplateRow>> {
    let mut stmt = conn
        .prepare("SELECT template_id, name_nb, name_en, meta FROM codebook_template ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            let meta: String = r.get(3)?;
            Ok(TemplateRow {
                template_id: r.get(0)?,
                name: Localized {
                    nb: r.get(1)?,
                    en: r.get(2)?,
                },
                meta: serde_json::from_str(&meta).unwrap_or_default(),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds a template's blocks and the codes the project lacks, in one transaction (the caller's).
///
/// A code of the template is already there when the project has a code with its key, or (for a
/// code without a key) a code of the same name under the same parent; such codes are left as
/// they are, with whatever the researcher changed, and their missing children are added under
/// them. New codes go after their existing siblings. A new code whose name clashes with an
/// existing sibling, or a block letter the project has with another name, fails the whole merge
/// with a message naming the clash. The template's rules are stored the first time its id is
/// added.
pub(crate) fn merge_template(
    tx: &Transaction,
    template: &Template,
    now: &str,
) -> Result<CodebookReport> {
    let rows = template.rows()?;
    let mut report = CodebookReport {
        template: template.id.clone(),
        ..CodebookReport::default()
    };

    let known = tx
        .query_row(
            "SELECT 1 FROM codebook_template WHERE template_id = ?1",
            [&template.id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !known {
        tx.execute(
            "INSERT INTO codebook_template (guid, template_id, name_nb, name_en, meta, added_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (
                new_guid(),
                &template.id,
                &template.name.nb,
                &template.name.en,
                Value::Object(template.meta_json()).to_string(),
                now,
            ),
        )?;
    }

    let existing_blocks = blocks(tx)?;
    for block in template.code_blocks()? {
        match existing_blocks.iter().find(|b| b.letter == block.letter) {
            Some(b) if name_key(&b.name_nb) == name_key(&block.name_nb) => {}
            Some(b) => {
                return Err(Error::Invalid(format!(
                    "block {} is {:?} in this project but {:?} in the codebook; change the \
                     block's letter in the file before importing it",
                    block.letter, b.name_nb, block.name_nb
                )))
            }
            None => {
                let position = existing_blocks.len() + report.blocks_added;
                tx.execute(
                    "INSERT INTO code_block (guid, letter, name_nb, name_en, position) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    (
                        new_guid(),
                        &block.letter,
                        &block.name_nb,
                        &block.name_en,
                        position as i64,
                    ),
                )?;
                report.blocks_added += 1;
            }
        }
    }

    let mut existing = all(tx)?;
    // The project code each template row stands for, by row index.
    let mut ids: Vec<i64> = Vec::with_capacity(rows.len());
    for row in &rows {
        let parent_id = row.parent.map(|p| ids[p]);
        let tree = Tree::new(&existing);
        let parent = parent_id.and_then(|id| tree.index(id));
        let by_key = row.data.key.as_deref().and_then(|key| {
            existing
                .iter()
                .position(|c| c.data.key.as_deref() == Some(key))
        });
        let by_name = || {
            tree.sibling_named(parent, &row.data.name_nb, None)
                .filter(|_| row.data.key.is_none())
        };
        if let Some(i) = by_key.or_else(by_name) {
            ids.push(existing[i].id);
            report.kept += 1;
            continue;
        }
        if let Some(clash) = tree.sibling_named(parent, &row.data.name_nb, None) {
            let under = parent.map_or_else(
                || "at the top".to_owned(),
                |p| format!("under {}", tree.describe(p)),
            );
            return Err(Error::Invalid(format!(
                "cannot add {}: {under} there is already a code {}; rename it first",
                describe(&row.data.name_nb, row.data.key.as_deref()),
                tree.describe(clash)
            )));
        }
        let position = tree.children(parent).len();
        let (id, guid) = insert(tx, parent_id, position, &row.data, now)?;
        existing.push(CodeRow {
            id,
            guid,
            parent_id,
            position,
            created_at: now.to_owned(),
            data: row.data.clone(),
        });
        ids.push(id);
        report.added += 1;
    }
    Ok(report)
}

/// Writes a code's editable content: names, definitions, notes, anchors and colour. The key,
/// source note, rules, block and hidden switch are left as they are.
pub(crate) fn update_content(tx: &Transaction, id: i64, data: &CodeData) -> Result<()> {
    tx.execute(
        "UPDATE code SET name_nb = ?1, name_en = ?2, definition_nb = ?3, definition_en = ?4, \
         inclusion = ?5, exclusion = ?6, anchors = ?7, color = ?8 WHERE id = ?9",
        rusqlite::params![
            data.name_nb,
            data.name_en,
            data.definition_nb,
            data.definition_en,
            data.inclusion,
            data.exclusion,
            serde_json::to_string(&data.anchors).expect("strings serialise"),
            data.color,
            id,
        ],
    )?;
    Ok(())
}

/// A coding of the merged-away code that duplicated one of the code it merged into (same
/// document, span and coder): it was removed, and its memo (if any) went to the kept one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Collapsed {
    pub removed: serde_json::Value,
    /// The GUID of the coding that stays.
    pub kept: String,
}

/// What moving a code's codings and memo onto another code did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct MovedCodings {
    /// GUIDs of the codings that now belong to the other code.
    pub moved: Vec<String>,
    pub collapsed: Vec<Collapsed>,
    /// The memos on the merged code or on its collapsed codings, as they were (see
    /// `memos::log_entries_for_codes`), and the kept targets' memo texts before the merge.
    pub memos: Vec<serde_json::Value>,
    pub into_memos: Vec<serde_json::Value>,
}

/// Puts a memo onto `to_*` (a code or coding row): moved when the target has none, else its
/// text is appended to the target's memo after a blank line, so no note is lost. `column` is
/// `code_id` or `coding_id`.
fn carry_memo(tx: &Transaction, column: &str, from: i64, to: i64, now: &str) -> Result<()> {
    let source: Option<(i64, String)> = tx
        .query_row(
            &format!("SELECT id, text FROM memo WHERE {column} = ?1"),
            [from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((memo_id, text)) = source else {
        return Ok(());
    };
    let target: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM memo WHERE {column} = ?1"),
            [to],
            |r| r.get(0),
        )
        .optional()?;
    match target {
        None => {
            tx.execute(
                &format!("UPDATE memo SET {column} = ?1 WHERE id = ?2"),
                (to, memo_id),
            )?;
        }
        Some(target_id) => {
            tx.execute(
                "UPDATE memo SET text = text || char(10) || char(10) || ?1, updated_at = ?2 \
                 WHERE id = ?3",
                (&text, now, target_id),
            )?;
            tx.execute("DELETE FROM memo WHERE id = ?1", [memo_id])?;
        }
    }
    Ok(())
}

/// The text of the memo on each of these codes or codings (`column`: `code_id` or `coding_id`),
/// for the change log: `{target, text}` by GUID.
fn memo_texts(tx: &Transaction, column: &str, table: &str, ids: &[i64]) -> Result<Vec<Value>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT t.guid, m.text FROM memo m JOIN {table} t ON t.id = m.{column} WHERE m.{column} = ?1"
    ))?;
    let mut out = Vec::new();
    for id in ids {
        if let Some((guid, text)) = stmt
            .query_row([id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
        {
            out.push(serde_json::json!({ "target": guid, "text": text }));
        }
    }
    Ok(out)
}

/// Moves every coding of code `from` to code `into`. A coding `into` already has exactly (same
/// document, span and coder) is not duplicated: `from`'s copy is removed and its memo carried
/// to the kept one. The memo on `from` itself is carried to `into` the same way.
pub(crate) fn move_codings(
    tx: &Transaction,
    from: i64,
    into: i64,
    now: &str,
) -> Result<MovedCodings> {
    let memos = super::memos::log_entries_for_codes(tx, &[from])?;
    let mut stmt = tx.prepare(
        "SELECT a.id, b.id, b.guid, a.guid, d.guid, k.guid, k.name, a.start_char, a.end_char, \
         a.rule, a.created_at FROM coding a \
         JOIN coding b ON b.code_id = ?2 AND b.document_id = a.document_id \
           AND b.coder_id = a.coder_id AND b.start_char = a.start_char AND b.end_char = a.end_char \
         JOIN document d ON d.id = a.document_id JOIN coder k ON k.id = a.coder_id \
         WHERE a.code_id = ?1 ORDER BY a.id",
    )?;
    let pairs: Vec<(i64, i64, Collapsed)> = stmt
        .query_map((from, into), |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                Collapsed {
                    kept: r.get(2)?,
                    removed: serde_json::json!({
                        "guid": r.get::<_, String>(3)?, "document": r.get::<_, String>(4)?,
                        "coder": r.get::<_, String>(5)?, "coder_name": r.get::<_, String>(6)?,
                        "start_char": r.get::<_, i64>(7)?, "end_char": r.get::<_, i64>(8)?,
                        "rule": r.get::<_, Option<String>>(9)?,
                        "created_at": r.get::<_, String>(10)?,
                    }),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let kept_ids: Vec<i64> = pairs.iter().map(|(_, kept, _)| *kept).collect();
    let mut into_memos = memo_texts(tx, "code_id", "code", &[into])?;
    into_memos.extend(memo_texts(tx, "coding_id", "coding", &kept_ids)?);
    let mut collapsed = Vec::with_capacity(pairs.len());
    for (removed, kept, entry) in pairs {
        carry_memo(tx, "coding_id", removed, kept, now)?;
        tx.execute("DELETE FROM coding WHERE id = ?1", [removed])?;
        collapsed.push(entry);
    }
    let moved: Vec<String> = tx
        .prepare("SELECT guid FROM coding WHERE code_id = ?1 ORDER BY id")?
        .query_map([from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute(
        "UPDATE coding SET code_id = ?1 WHERE code_id = ?2",
        (into, from),
    )?;
    carry_memo(tx, "code_id", from, into, now)?;
    Ok(MovedCodings {
        moved,
        collapsed,
        memos,
        into_memos,
    })
}

/// Gives the codings with these GUIDs to code `into`; each must belong to code `from`. Returns
/// how many moved; a GUID that is not a coding of `from` fails with its GUID named.
pub(crate) fn reassign_codings(
    tx: &Transaction,
    from: i64,
    into: i64,
    guids: &[String],
) -> Result<usize> {
    let mut stmt =
        tx.prepare("UPDATE coding SET code_id = ?1 WHERE guid = upper(?2) AND code_id = ?3")?;
    for guid in guids {
        if stmt.execute((into, guid.trim(), from))? != 1 {
            return Err(Error::Invalid(format!(
                "{guid:?} is not a coding of the code being split; pick codings of that code"
            )));
        }
    }
    Ok(guids.len())
}
