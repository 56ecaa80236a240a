//! Editing codings after they are made, and coding with a new code: re-assigning a coding to
//! another code (its GUID, coder and memo stay), moving its start and end (merging it with the
//! codings of the same code by the same coder it comes to overlap), extending it to whole turns,
//! in-vivo coding (a code named by the selection, made and applied in one gesture), plus what the
//! quick-code palette lists (the visible codes and the coder's recent ones). Each gesture is one
//! transaction through `Store::write_undoable` and logs what undo needs.

use std::collections::HashSet;

use super::codings::{check_span, coding_detail, insert_coding};
use super::{insert_code, now, Project};
use crate::codebook::tree::Tree;
use crate::codebook::{self, CodeSummary};
use crate::coding::{self, CodingView};
use crate::store::codings::{self, CodingRow};
use crate::store::memos::{self, TargetId};
use crate::store::{codes, documents, log, new_guid};
use crate::{text, Error, Result};

/// The most chars an in-vivo code name takes from the selection.
pub const IN_VIVO_MAX_CHARS: usize = 60;

/// The name of the top-level code in-vivo codes go under when no parent is chosen.
pub const IN_VIVO_PARENT: &str = "In vivo";

/// Where a code made while coding goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewCodePlace {
    /// Under this code (key, GUID or path).
    Under(String),
    /// At the top level.
    TopLevel,
    /// Under the top-level «In vivo» code, made on first use.
    InVivo,
}

/// What coding with a new code did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCodeCoding {
    /// The code applied.
    pub code: CodeSummary,
    /// False when a code of that name was already there and was reused.
    pub code_created: bool,
    pub coding: CodingView,
}

/// A coding after its span changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjusted {
    pub coding: CodingView,
    /// How many codings of the same code by the same coder it came to overlap and absorbed.
    pub merged: usize,
}

/// A code as the quick-code palette lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteCode {
    pub summary: CodeSummary,
    /// The bokmål definition, else the English one.
    pub definition: Option<String>,
}

/// An in-vivo code name from selected text: whitespace runs (line breaks too) become one
/// space, guillemets and surrounding quotes go, and a longer text is cut to
/// [`IN_VIVO_MAX_CHARS`] at the last word boundary that fits (mid-word only for one long word).
pub fn in_vivo_name(selection: &str) -> Result<String> {
    let words: Vec<&str> = selection
        .split(|c: char| c.is_whitespace() || c == '«' || c == '»')
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let trimmed =
        joined.trim_matches(|c: char| matches!(c, '"' | '\'' | '“' | '”' | '„' | '‘' | '’'));
    let mut name: String = trimmed.chars().take(IN_VIVO_MAX_CHARS).collect();
    if trimmed.chars().count() > IN_VIVO_MAX_CHARS {
        let next_is_space = trimmed.chars().nth(IN_VIVO_MAX_CHARS) == Some(' ');
        if !next_is_space {
            if let Some(cut) = name.rfind(' ') {
                name.truncate(cut);
            }
        }
    }
    codebook::normalize_name(&name).map_err(|_| {
        Error::Invalid("an in-vivo code needs a selection with words in it".to_owned())
    })
}

impl Project {
    /// Gives a coding (by GUID) another code (key, GUID or path); its GUID, coder, span and memo
    /// stay. Refused if the same coder already coded exactly this span with that code. Logged
    /// as `reassign_coding` with both codes.
    pub fn reassign_coding(&mut self, coding_guid: &str, code: &str) -> Result<CodingView> {
        let row = self.coding_row(coding_guid)?;
        let before = self.coding_view(&row)?;
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let to = tree.resolve(code)?;
        let to_row = tree.row(to);
        if to_row.id == row.code_id {
            return Ok(before);
        }
        if codings::find(
            conn,
            row.document_id,
            to_row.id,
            row.coder_id,
            row.start_char,
            row.end_char,
        )?
        .is_some()
        {
            return Err(Error::Invalid(format!(
                "{} already has this span of {:?} coded by {}; remove this coding instead",
                tree.describe(to),
                before.document,
                before.coder
            )));
        }
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            codings::set_code(tx, row.id, to_row.id)?;
            let mut detail = coding_detail(&before);
            detail["to_code"] = to_row.guid.clone().into();
            detail["to_code_key"] = to_row.data.key.clone().into();
            detail["to_code_path"] = tree.path(to).into();
            log::append(tx, &at, &actor, "reassign_coding", &before.guid, &detail)?;
            Ok(())
        })?;
        self.coding_view(&codings::get(self.store.conn(), row.id)?)
    }

    /// Moves a coding's start and end (char offsets, end exclusive). If it comes to overlap
    /// codings of the same code by the same coder, they merge into it (the union of the spans;
    /// their memos are appended to its memo) and `merged` says how many. Logged as
    /// `adjust_coding` (from and to), with an `uncode` entry for each coding merged away.
    pub fn adjust_coding(
        &mut self,
        coding_guid: &str,
        start_char: usize,
        end_char: usize,
    ) -> Result<Adjusted> {
        let row = self.coding_row(coding_guid)?;
        let conn = self.store.conn();
        let doc = documents::get(conn, row.document_id)?;
        check_span(conn, &doc, start_char, end_char)?;
        let absorbed = codings::overlapping_same(conn, &row, start_char, end_char)?;
        let start = absorbed
            .iter()
            .map(|c| c.start_char)
            .fold(start_char, usize::min);
        let end = absorbed
            .iter()
            .map(|c| c.end_char)
            .fold(end_char, usize::max);
        let before = self.coding_view(&row)?;
        let absorbed_views = absorbed
            .iter()
            .map(|c| self.coding_view(c))
            .collect::<Result<Vec<_>>>()?;
        if absorbed.is_empty() && (start, end) == (row.start_char, row.end_char) {
            return Ok(Adjusted {
                coding: before,
                merged: 0,
            });
        }
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let mut memo_texts = Vec::new();
            for (c, v) in absorbed.iter().zip(&absorbed_views) {
                let memo = memos::get(tx, TargetId::Coding(c.id))?;
                let mut detail = coding_detail(v);
                detail["merged_into"] = before.guid.clone().into();
                if let Some(m) = &memo {
                    detail["memo"] = serde_json::json!({
                        "memo": m.guid, "text": m.text, "title": m.title, "author": m.author,
                        "created_at": m.created_at, "updated_at": m.updated_at,
                    });
                    memo_texts.push(m.text.clone());
                }
                codings::delete(tx, c.id)?;
                log::append(tx, &at, &actor, "uncode", &v.guid, &detail)?;
            }
            // The adjustment is logged last: the history names a step by its last entry.
            if !memo_texts.is_empty() {
                merge_memos(tx, (&at, &actor), &row, &before.guid, &memo_texts)?;
            }
            codings::set_span(tx, row.id, start, end)?;
            let mut detail = coding_detail(&before);
            detail["to_start_char"] = start.into();
            detail["to_end_char"] = end.into();
            detail["merged"] = absorbed_views
                .iter()
                .map(|v| v.guid.clone())
                .collect::<Vec<_>>()
                .into();
            log::append(tx, &at, &actor, "adjust_coding", &before.guid, &detail)?;
            Ok(())
        })?;
        Ok(Adjusted {
            coding: self.coding_view(&codings::get(self.store.conn(), row.id)?)?,
            merged: absorbed.len(),
        })
    }

    /// Extends a coding to the whole of every turn it falls in (from the first one's words to
    /// the last one's end), merging as [`Project::adjust_coding`] does.
    pub fn extend_coding_to_turns(&mut self, coding_guid: &str) -> Result<Adjusted> {
        let row = self.coding_row(coding_guid)?;
        let turns = documents::turns(self.store.conn(), row.document_id)?;
        let label_starts: Vec<usize> = turns.iter().map(|t| t.label_start_char).collect();
        let range = coding::turns_in(&label_starts, row.start_char, row.end_char);
        let (Some(first), Some(last)) = (turns[range.clone()].first(), turns[range].last()) else {
            return Err(Error::Invalid(
                "this coding lies in the document's preamble, which has no turns".to_owned(),
            ));
        };
        let start = row.start_char.min(first.start_char);
        let end = row.end_char.max(last.end_char);
        self.adjust_coding(coding_guid, start, end)
    }

    /// Codes `start_char..end_char` of a document with a code made for it, in one gesture:
    /// named `name`, or in vivo by the selected text itself (see [`in_vivo_name`]), placed at
    /// `place`. A code of that name already there (names compare ignoring case) is reused.
    /// Logged as `create_code` (when made) and `code`, in one transaction.
    pub fn code_with_new_code(
        &mut self,
        document: &str,
        start_char: usize,
        end_char: usize,
        name: Option<&str>,
        place: &NewCodePlace,
        coder: Option<&str>,
    ) -> Result<NewCodeCoding> {
        let coder = self.coder_name(coder)?;
        let conn = self.store.conn();
        let doc = documents::get(conn, documents::resolve(conn, document)?)?;
        check_span(conn, &doc, start_char, end_char)?;
        let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => codebook::normalize_name(n)?,
            None => {
                let text = documents::text(conn, doc.id)?;
                in_vivo_name(text::slice_chars(&text, start_char, end_char))?
            }
        };
        let (at, actor) = (now(), self.actor.clone());
        let span = (start_char, end_char);
        let (code_guid, created, coding_id) = self.store.write_undoable(|tx| {
            let stamp = (at.as_str(), actor.as_str());
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let parent_id = match place {
                NewCodePlace::Under(code) => Some(tree.row(tree.resolve(code)?).id),
                NewCodePlace::TopLevel => None,
                NewCodePlace::InVivo => {
                    Some(match tree.sibling_named(None, IN_VIVO_PARENT, None) {
                        Some(p) => tree.row(p).id,
                        None => insert_code(tx, stamp, &tree, None, IN_VIVO_PARENT, None)?.0,
                    })
                }
            };
            // Read the tree again after each insert, so the next step sees the new code.
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let parent = parent_id.map(|id| tree.index(id).expect("the parent exists"));
            let (code_id, created) = match tree.sibling_named(parent, &name, None) {
                Some(existing) => (tree.row(existing).id, false),
                None => (insert_code(tx, stamp, &tree, parent, &name, None)?.0, true),
            };
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let code = tree.index(code_id).expect("the code exists");
            let coding = insert_coding(tx, stamp, &doc, &tree, code, &coder, span)?;
            Ok((tree.row(code).guid.clone(), created, coding))
        })?;
        let coding = self.coding_view(&codings::get(self.store.conn(), coding_id)?)?;
        Ok(NewCodeCoding {
            code: self.resolve_code(&code_guid)?,
            code_created: created,
            coding,
        })
    }

    /// The codes the quick-code palette offers: every code not switched off, in tree order.
    pub fn palette_codes(&self) -> Result<Vec<PaletteCode>> {
        let rows = codes::all(self.store.conn())?;
        let tree = Tree::new(&rows);
        Ok(tree
            .order()
            .into_iter()
            .map(|i| (i, tree.summary(i)))
            .filter(|(_, s)| !s.hidden)
            .map(|(i, summary)| {
                let data = &tree.row(i).data;
                PaletteCode {
                    summary,
                    definition: Some(data.definition_nb.clone())
                        .filter(|d| !d.is_empty())
                        .or_else(|| data.definition_en.clone())
                        .filter(|d| !d.is_empty()),
                }
            })
            .collect())
    }

    /// The GUIDs of the codes the current coder applied most recently (by coding or re-assigning,
    /// as the change log records it), newest first, at most `limit`; codes since deleted or
    /// switched off are left out. Read from the project file, so the list survives restarts and
    /// follows the coder, not the machine.
    pub fn recent_codes(&self, limit: usize) -> Result<Vec<String>> {
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let visible: HashSet<String> = tree
            .order()
            .into_iter()
            .map(|i| tree.summary(i))
            .filter(|s| !s.hidden)
            .map(|s| s.guid)
            .collect();
        // The newest entries are enough: a coder's recent codes sit near the end of the log.
        let mut stmt = conn.prepare(
            "SELECT action, detail FROM change_log WHERE actor = ?1 \
             AND action IN ('code', 'reassign_coding') ORDER BY seq DESC LIMIT 2000",
        )?;
        let entries = stmt.query_map([&self.actor], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out: Vec<String> = Vec::new();
        for entry in entries {
            let (action, detail) = entry?;
            let detail: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
            let field = if action == "reassign_coding" {
                "to_code"
            } else {
                "code"
            };
            let Some(guid) = detail[field].as_str() else {
                continue;
            };
            if visible.contains(guid) && !out.iter().any(|g| g == guid) {
                out.push(guid.to_owned());
                if out.len() == limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// The GUIDs of a document's codings that have a memo (the stripes mark them).
    pub fn codings_with_memo(&self, document: &str) -> Result<HashSet<String>> {
        let conn = self.store.conn();
        let doc_id = documents::resolve(conn, document)?;
        let mut stmt = conn.prepare_cached(
            "SELECT c.guid FROM memo m JOIN coding c ON c.id = m.coding_id \
             WHERE c.document_id = ?1",
        )?;
        let guids = stmt.query_map([doc_id], |r| r.get(0))?;
        Ok(guids.collect::<rusqlite::Result<_>>()?)
    }

    /// One coding by GUID, as the margin stripes show it.
    pub fn coding(&self, coding_guid: &str) -> Result<CodingView> {
        self.coding_view(&self.coding_row(coding_guid)?)
    }

    fn coding_row(&self, coding_guid: &str) -> Result<CodingRow> {
        codings::by_guid(self.store.conn(), coding_guid)?
            .ok_or_else(|| Error::Invalid(format!("no coding {coding_guid:?} in this project")))
    }
}

/// Appends the memos of codings merged into `kept` to its memo (made if it has none), logged as
/// `set_memo` with the previous text.
fn merge_memos(
    tx: &rusqlite::Transaction,
    (at, actor): (&str, &str),
    kept: &CodingRow,
    kept_guid: &str,
    texts: &[String],
) -> Result<()> {
    let target = TargetId::Coding(kept.id);
    let existing = memos::get(tx, target)?;
    let mut parts: Vec<&str> = existing.iter().map(|m| m.text.as_str()).collect();
    parts.extend(texts.iter().map(String::as_str));
    let text = parts.join("\n\n");
    let (guid, previous) = match &existing {
        Some(m) => {
            memos::update(tx, m.id, &text, actor, at)?;
            (m.guid.clone(), Some(m.text.clone()))
        }
        None => {
            let guid = new_guid();
            memos::insert(tx, &guid, target, &text, actor, at)?;
            (guid, None)
        }
    };
    log::append(
        tx,
        at,
        actor,
        "set_memo",
        kept_guid,
        &serde_json::json!({
            "memo": guid, "kind": "coding", "target": kept_guid,
            "text": text, "previous": previous,
        }),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_vivo_names_are_trimmed_unquoted_and_cut_at_a_word() {
        assert_eq!(
            in_vivo_name("  «vi stoler på»\n naboene ").unwrap(),
            "vi stoler på naboene"
        );
        assert_eq!(in_vivo_name("“sånn er det”").unwrap(), "sånn er det");
        // 13 words of 4 chars + spaces: "ordn " × 13 = 65 chars; the cut at 60 falls inside the
        // 13th word, so the name keeps 12 words = 12 × 5 − 1 = 59 chars.
        let long = vec!["ordn"; 13].join(" ");
        let name = in_vivo_name(&long).unwrap();
        assert_eq!(name.chars().count(), 59);
        assert!(name.ends_with("ordn"));
        // One long word is cut mid-word.
        assert_eq!(in_vivo_name(&"æ".repeat(80)).unwrap().chars().count(), 60);
        assert!(in_vivo_name(" «» ").is_err());
    }
}
