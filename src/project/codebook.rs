//! The facade for reshaping the codebook: merging one code into another, splitting chosen codings
//! off into a new code, editing a code's content, and listing a code's codings (for choosing what
//! to split). Like the other codebook methods in `project.rs`, each change is one undoable
//! transaction and one change-log entry whose detail names the codes (GUID, key, name, path) and
//! everything needed to take the change back.

use std::collections::HashSet;

use super::{normalize_value, now, refuse_sibling_clash, Project};
use crate::codebook::tree::Tree;
use crate::codebook::{self, CodeData, CodeDetail};
use crate::coding;
use crate::store::{codes, codings, documents, log};
use crate::{Error, Result};

/// What merging code A into code B did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeMerge {
    /// A's codings that now belong to B.
    pub codings_moved: usize,
    /// A's codings B already had exactly (same document, span and coder): removed, counted once.
    pub codings_collapsed: usize,
    /// A's children, now under B.
    pub children_moved: usize,
    /// Children whose name B already had among its children, renamed `Name (2)`, `Name (3)`, …:
    /// `(old name, new name)`.
    pub renamed: Vec<(String, String)>,
}

/// Changes to a code's content; `None` leaves a field as it is. Empty optional texts (`name_en`,
/// `definition_en`) clear them. The template's source note, the key and the rules cannot be
/// edited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeEdit {
    pub name_nb: Option<String>,
    pub name_en: Option<String>,
    pub color: Option<String>,
    pub definition_nb: Option<String>,
    pub definition_en: Option<String>,
    pub inclusion: Option<String>,
    pub exclusion: Option<String>,
    /// Replaces the anchor examples; blank ones are dropped.
    pub anchors: Option<Vec<String>>,
}

/// One coding of a code, with what a researcher needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeCoding {
    pub guid: String,
    pub document: String,
    pub document_guid: String,
    pub coder: String,
    /// The turn the coding starts in (`None` in the preamble).
    pub turn: Option<u32>,
    pub start_char: usize,
    pub end_char: usize,
    /// Exactly the chars of the span.
    pub text: String,
}

/// A note as stored: NFC, with surrounding whitespace trimmed (line breaks inside are kept).
fn note(text: &str) -> String {
    normalize_value(text)
}

/// An optional text: `None` when blank.
fn optional(text: &str) -> Option<String> {
    Some(note(text)).filter(|t| !t.is_empty())
}

/// `name`, or `name (2)`, `name (3)`, … : the first that `taken` does not hold (compared like
/// sibling names).
fn free_name(name: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(&codebook::name_key(name)) {
        return name.to_owned();
    }
    (2..)
        .map(|n| format!("{name} ({n})"))
        .find(|candidate| !taken.contains(&codebook::name_key(candidate)))
        .expect("some number is free")
}

impl Project {
    /// Merges code `from` into code `into`: every coding of `from` moves to `into`, except that a
    /// coding `into` already has exactly (same document, span and coder) is kept once; `from`'s
    /// children (with their families) move under `into`, after its own children (in `from`'s
    /// place when `from` is a child of `into`), a child whose name `into` already has among its
    /// children being renamed `Name (2)`; the memo on `from` moves to `into` (appended to
    /// `into`'s memo if it has one; the same for the memos on collapsed codings); then `from` is
    /// removed. Refuses to merge a code into itself or into a code inside its own family.
    pub fn merge_codes(&mut self, from: &str, into: &str) -> Result<CodeMerge> {
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let a = tree.resolve(from)?;
            let b = tree.resolve(into)?;
            if tree.is_in_family(b, a) {
                let why = if a == b {
                    "a code cannot be merged with itself".to_owned()
                } else {
                    format!("{} lies inside it", tree.describe(b))
                };
                return Err(Error::Invalid(format!(
                    "cannot merge {} into {}: {why}",
                    tree.describe(a),
                    tree.describe(b)
                )));
            }
            let (a_id, b_id) = (rows[a].id, rows[b].id);

            // The children: into `from`'s place when it is a child of `into`, else at the end.
            let moving = tree.children(Some(a)).to_vec();
            let mut taken: HashSet<String> = tree
                .children(Some(b))
                .iter()
                .filter(|&&c| c != a)
                .map(|&c| codebook::name_key(&rows[c].data.name_nb))
                .collect();
            let mut renamed = Vec::new();
            let mut children_log = Vec::new();
            for &c in &moving {
                let name = &rows[c].data.name_nb;
                let free = free_name(name, &taken);
                if &free != name {
                    codes::rename(tx, rows[c].id, &free)?;
                    renamed.push((name.clone(), free.clone()));
                }
                taken.insert(codebook::name_key(&free));
                children_log.push(serde_json::json!({
                    "guid": rows[c].guid, "key": rows[c].data.key, "name": name,
                    "renamed_to": (&free != name).then_some(&free),
                    "position": rows[c].position,
                }));
            }
            let moving_ids: Vec<i64> = moving.iter().map(|&c| rows[c].id).collect();
            let mut b_children: Vec<i64> = Vec::new();
            for &c in tree.children(Some(b)) {
                if c == a {
                    b_children.extend(&moving_ids);
                } else {
                    b_children.push(rows[c].id);
                }
            }
            if tree.parent(a) != Some(b) {
                b_children.extend(&moving_ids);
                let a_parent = tree.parent(a);
                let rest: Vec<i64> = tree
                    .children(a_parent)
                    .iter()
                    .filter(|&&c| c != a)
                    .map(|&c| rows[c].id)
                    .collect();
                codes::place(tx, a_parent.map(|p| rows[p].id), &rest)?;
            }
            codes::place(tx, Some(b_id), &b_children)?;

            let moved = codes::move_codings(tx, a_id, b_id, &at)?;
            codes::delete_family(tx, &[a_id])?;
            let data = &rows[a].data;
            log::append(
                tx,
                &at,
                &actor,
                "merge_code",
                &rows[a].guid,
                &serde_json::json!({
                    "from": {
                        "guid": rows[a].guid, "key": data.key, "name": data.name_nb,
                        "path": tree.path(a),
                        "parent": tree.parent(a).map(|p| &rows[p].guid),
                        "position": rows[a].position, "created_at": rows[a].created_at,
                        "name_en": data.name_en, "color": data.color,
                        "definition_nb": data.definition_nb, "definition_en": data.definition_en,
                        "inclusion": data.inclusion, "exclusion": data.exclusion,
                        "anchors": data.anchors, "source_note": data.source_note,
                        "rules": data.rules, "block": data.block, "hidden": data.hidden,
                    },
                    "into": {
                        "guid": rows[b].guid, "key": rows[b].data.key,
                        "name": rows[b].data.name_nb, "path": tree.path(b),
                    },
                    "codings_moved": moved.moved,
                    "codings_collapsed": moved.collapsed.iter().map(|c| serde_json::json!({
                        "removed": c.removed, "kept": c.kept,
                    })).collect::<Vec<_>>(),
                    "children": children_log,
                    "memos": moved.memos,
                    "into_memos_before": moved.into_memos,
                }),
            )?;
            Ok(CodeMerge {
                codings_moved: moved.moved.len(),
                codings_collapsed: moved.collapsed.len(),
                children_moved: moving.len(),
                renamed,
            })
        })
    }

    /// Splits a code: the chosen codings (by GUID; each must be a coding of `code`) move to a new
    /// code named `name`, created as a **sibling** right after `code`, in its colour, so the two
    /// halves sit side by side at the same level (move the new one under the old with
    /// [`Project::move_code`] to make it a sub-code). The name must be free among the siblings.
    /// Memos on the moved codings go with them. Returns the new code's GUID.
    pub fn split_code(&mut self, code: &str, codings: &[String], name: &str) -> Result<String> {
        let name = codebook::normalize_name(name)?;
        let mut chosen: Vec<String> = Vec::new();
        for guid in codings {
            let guid = guid.trim().to_uppercase();
            if !guid.is_empty() && !chosen.contains(&guid) {
                chosen.push(guid);
            }
        }
        if chosen.is_empty() {
            return Err(Error::Invalid(
                "choose at least one coding to move to the new code".to_owned(),
            ));
        }
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let i = tree.resolve(code)?;
            let parent = tree.parent(i);
            refuse_sibling_clash(&tree, parent, &name, None)?;
            let data = CodeData {
                name_nb: name.clone(),
                color: rows[i].data.color.clone(),
                ..CodeData::default()
            };
            let parent_id = parent.map(|p| rows[p].id);
            let position = rows[i].position + 1;
            let (new_id, guid) = codes::insert(tx, parent_id, position, &data, &at)?;
            let mut siblings: Vec<i64> =
                tree.children(parent).iter().map(|&c| rows[c].id).collect();
            let at_index = siblings
                .iter()
                .position(|&id| id == rows[i].id)
                .expect("a code is among its parent's children")
                + 1;
            siblings.insert(at_index, new_id);
            codes::place(tx, parent_id, &siblings)?;
            codes::reassign_codings(tx, rows[i].id, new_id, &chosen)?;
            log::append(
                tx,
                &at,
                &actor,
                "split_code",
                &guid,
                &serde_json::json!({
                    "from": { "guid": rows[i].guid, "key": rows[i].data.key,
                              "name": rows[i].data.name_nb, "path": tree.path(i) },
                    "guid": guid, "name": name, "color": data.color,
                    "parent": parent.map(|p| &rows[p].guid), "position": at_index,
                    "codings": chosen,
                }),
            )?;
            Ok(guid)
        })
    }

    /// Edits a code's names, colour, definitions, inclusion and exclusion notes and anchor
    /// examples (see [`CodeEdit`]). A new bokmål name must be free among its siblings. Logged
    /// with each changed field's old and new value; an edit that changes nothing is not logged.
    pub fn edit_code(&mut self, code: &str, edit: &CodeEdit) -> Result<()> {
        let name = edit
            .name_nb
            .as_deref()
            .map(codebook::normalize_name)
            .transpose()?;
        let color = edit
            .color
            .as_deref()
            .map(codebook::parse_color)
            .transpose()?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let i = tree.resolve(code)?;
            let old = &rows[i].data;
            let mut new = old.clone();
            if let Some(name) = &name {
                refuse_sibling_clash(&tree, tree.parent(i), name, Some(i))?;
                new.name_nb = name.clone();
            }
            if let Some(text) = &edit.name_en {
                new.name_en = optional(text);
            }
            if let Some(color) = &color {
                new.color = color.clone();
            }
            if let Some(text) = &edit.definition_nb {
                new.definition_nb = note(text);
            }
            if let Some(text) = &edit.definition_en {
                new.definition_en = optional(text);
            }
            if let Some(text) = &edit.inclusion {
                new.inclusion = note(text);
            }
            if let Some(text) = &edit.exclusion {
                new.exclusion = note(text);
            }
            if let Some(anchors) = &edit.anchors {
                new.anchors = anchors
                    .iter()
                    .map(|a| note(a))
                    .filter(|a| !a.is_empty())
                    .collect();
            }
            if &new == old {
                return Ok(());
            }
            let (mut before, mut after) = (serde_json::Map::new(), serde_json::Map::new());
            let mut changed = |field: &str, o: serde_json::Value, n: serde_json::Value| {
                if o != n {
                    before.insert(field.to_owned(), o);
                    after.insert(field.to_owned(), n);
                }
            };
            use serde_json::json;
            changed("name_nb", json!(old.name_nb), json!(new.name_nb));
            changed("name_en", json!(old.name_en), json!(new.name_en));
            changed("color", json!(old.color), json!(new.color));
            changed(
                "definition_nb",
                json!(old.definition_nb),
                json!(new.definition_nb),
            );
            changed(
                "definition_en",
                json!(old.definition_en),
                json!(new.definition_en),
            );
            changed("inclusion", json!(old.inclusion), json!(new.inclusion));
            changed("exclusion", json!(old.exclusion), json!(new.exclusion));
            changed("anchors", json!(old.anchors), json!(new.anchors));
            codes::update_content(tx, rows[i].id, &new)?;
            log::append(
                tx,
                &at,
                &actor,
                "edit_code",
                &rows[i].guid,
                &json!({
                    "key": old.key, "name": new.name_nb, "path": tree.path(i),
                    "from": before, "to": after,
                }),
            )?;
            Ok(())
        })
    }

    /// Every code with everything about it, in tree order (depth-first, siblings by position):
    /// what the codebook pane shows, definitions included.
    pub fn code_details(&self) -> Result<Vec<CodeDetail>> {
        let rows = codes::all(self.store.conn())?;
        let tree = Tree::new(&rows);
        Ok(tree
            .order()
            .into_iter()
            .map(|i| CodeDetail {
                summary: tree.summary(i),
                data: rows[i].data.clone(),
                created_at: rows[i].created_at.clone(),
            })
            .collect())
    }

    /// A code's own codings (not its sub-codes'), every coder's, in document order (documents by
    /// id, then start), each with its document, coder, turn and text: what the split dialog lists.
    pub fn code_codings(&self, code: &str) -> Result<Vec<CodeCoding>> {
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let id = rows[tree.resolve(code)?].id;
        let mut out = Vec::new();
        let mut current: Option<LoadedDocument> = None;
        for c in codings::for_codes(conn, &[id])? {
            if current.as_ref().is_none_or(|d| d.id != c.document_id) {
                current = Some(LoadedDocument::load(conn, c.document_id)?);
            }
            let doc = current.as_ref().expect("loaded above");
            let end = c.end_char.min(doc.chars.len());
            out.push(CodeCoding {
                guid: c.guid,
                document: doc.row.name.clone(),
                document_guid: doc.row.guid.clone(),
                coder: c.coder,
                turn: coding::turn_at(&doc.label_starts, c.start_char).map(|t| doc.numbers[t]),
                start_char: c.start_char,
                end_char: c.end_char,
                text: doc.chars[c.start_char.min(end)..end].iter().collect(),
            });
        }
        Ok(out)
    }
}

/// A document's name, turns and text, read once for all of its codings in a listing.
struct LoadedDocument {
    id: i64,
    row: documents::DocumentRow,
    /// Turn numbers and label starts, in order.
    numbers: Vec<u32>,
    label_starts: Vec<usize>,
    chars: Vec<char>,
}

impl LoadedDocument {
    fn load(conn: &rusqlite::Connection, id: i64) -> Result<LoadedDocument> {
        let turns = documents::turns(conn, id)?;
        Ok(LoadedDocument {
            id,
            row: documents::get(conn, id)?,
            numbers: turns.iter().map(|t| t.n).collect(),
            label_starts: turns.iter().map(|t| t.label_start_char).collect(),
            chars: documents::text(conn, id)?.chars().collect(),
        })
    }
}
