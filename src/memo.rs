//! Memos: the researcher's notes on the project, a document, a code or a single coding, one memo
//! per target. Setting a memo is one transaction and one change-log entry that keeps the previous
//! text (so it can be undone); empty text deletes the memo. A memo goes with its document, code
//! or coding. Memos list with a kind filter and a case-insensitive search, and export as Markdown.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::codebook::tree::Tree;
use crate::store::memos::{self, MemoRow, TargetId};
use crate::store::{codes, documents, log, new_guid};
use crate::{collate, Project, Result};

/// What a memo is on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum MemoKind {
    Project,
    Document,
    Code,
    Coding,
}

impl MemoKind {
    /// Every kind, in the order lists and the Markdown export use.
    pub const ALL: [MemoKind; 4] = [
        MemoKind::Project,
        MemoKind::Document,
        MemoKind::Code,
        MemoKind::Coding,
    ];

    /// `project`, `document`, `code` or `coding` (as stored and in CLI JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            MemoKind::Project => "project",
            MemoKind::Document => "document",
            MemoKind::Code => "code",
            MemoKind::Coding => "coding",
        }
    }

    /// The kind named by [`MemoKind::as_str`]'s text, ignoring case.
    pub fn parse(text: &str) -> Option<MemoKind> {
        MemoKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The heading of this kind's section in the Markdown export (bokmål).
    pub fn heading_nb(self) -> &'static str {
        match self {
            MemoKind::Project => "Prosjekt",
            MemoKind::Document => "Dokumenter",
            MemoKind::Code => "Koder",
            MemoKind::Coding => "Kodinger",
        }
    }
}

/// What a memo is on, as a researcher names it: a document by name or GUID, a code by key, GUID
/// or path, a coding by GUID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoTarget {
    Project,
    Document(String),
    Code(String),
    Coding(String),
}

impl MemoTarget {
    pub fn kind(&self) -> MemoKind {
        match self {
            MemoTarget::Project => MemoKind::Project,
            MemoTarget::Document(_) => MemoKind::Document,
            MemoTarget::Code(_) => MemoKind::Code,
            MemoTarget::Coding(_) => MemoKind::Coding,
        }
    }
}

/// A memo with what it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memo {
    pub guid: String,
    pub kind: MemoKind,
    /// The GUID of the project, document, code or coding it is on.
    pub target_guid: String,
    /// What it is on, for a list or a heading: `Prosjekt`, the document's name, the code's key
    /// and path (`T02.4 Tillit/Kommune`, or the path alone), or a coding's `document · tur n`.
    pub target: String,
    pub title: Option<String>,
    /// NFC, LF line endings, as written otherwise.
    pub text: String,
    /// Who last wrote it (the coder name the change log names).
    pub author: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

/// One row of the memo browser: the whole memo (memos are short enough to list in full).
pub type MemoSummary = Memo;

/// Which memos [`Project::memos`] lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoFilter {
    /// Only memos of this kind.
    pub kind: Option<MemoKind>,
    /// Only memos whose text or title contains this, ignoring case (after NFC).
    pub search: Option<String>,
}

/// The label of a project memo's target.
pub const PROJECT_LABEL: &str = "Prosjekt";

/// Memos.
impl Project {
    /// Sets the memo on `target` to `text` (NFC, LF line endings; leading blank lines and
    /// trailing whitespace dropped), creating it if the target has none. Empty (or blank) text
    /// deletes the memo. One transaction, logged as `set_memo` or `delete_memo` with the memo's
    /// GUID, the target and the previous text. Setting the same text again changes nothing and
    /// logs nothing. Returns the memo as it now is (`None` once deleted).
    pub fn set_memo(&mut self, target: MemoTarget, text: &str) -> Result<Option<Memo>> {
        let text = normalize_text(text);
        let (at, actor) = (crate::project::now(), self.actor().to_owned());
        let guid = self.store_mut().write_undoable(|tx| {
            let (id, target_guid) = resolve(tx, &target)?;
            let existing = memos::get(tx, id)?;
            let kind = id.kind().as_str();
            match (existing, text.is_empty()) {
                (None, true) => Ok(None),
                (Some(old), true) => {
                    memos::delete(tx, old.id)?;
                    log::append(
                        tx,
                        &at,
                        &actor,
                        "delete_memo",
                        &target_guid,
                        &serde_json::json!({
                            "memo": old.guid, "kind": kind, "target": target_guid,
                            "previous": old.text, "previous_title": old.title,
                            "previous_author": old.author,
                            "previous_created_at": old.created_at,
                            "previous_updated_at": old.updated_at,
                        }),
                    )?;
                    Ok(None)
                }
                (Some(old), false) if old.text == text => Ok(Some(old.guid)),
                (Some(old), false) => {
                    memos::update(tx, old.id, &text, &actor, &at)?;
                    log::append(
                        tx,
                        &at,
                        &actor,
                        "set_memo",
                        &target_guid,
                        &serde_json::json!({
                            "memo": old.guid, "kind": kind, "target": target_guid,
                            "text": text, "previous": old.text,
                            "previous_author": old.author,
                            "previous_updated_at": old.updated_at,
                        }),
                    )?;
                    Ok(Some(old.guid))
                }
                (None, false) => {
                    let guid = new_guid();
                    memos::insert(tx, &guid, id, &text, &actor, &at)?;
                    log::append(
                        tx,
                        &at,
                        &actor,
                        "set_memo",
                        &target_guid,
                        &serde_json::json!({
                            "memo": guid, "kind": kind, "target": target_guid,
                            "text": text, "previous": null,
                        }),
                    )?;
                    Ok(Some(guid))
                }
            }
        })?;
        match guid {
            Some(_) => self.memo(target),
            None => Ok(None),
        }
    }

    /// The memo on `target`, if it has one. Fails if the target does not exist.
    pub fn memo(&self, target: MemoTarget) -> Result<Option<Memo>> {
        let conn = self.store().conn();
        let (id, _) = resolve(conn, &target)?;
        let Some(row) = memos::get(conn, id)? else {
            return Ok(None);
        };
        // The target was just resolved, so it has a label.
        Ok(Labels::load(conn)?.memo(row))
    }

    /// The memos `filter` lets through, by kind (project, documents, codes, codings), then in
    /// Norwegian order of what they are on.
    pub fn memos(&self, filter: &MemoFilter) -> Result<Vec<MemoSummary>> {
        let conn = self.store().conn();
        let labels = Labels::load(conn)?;
        let needle = filter.search.as_deref().map(fold).filter(|s| !s.is_empty());
        let mut list: Vec<Memo> = memos::all(conn)?
            .into_iter()
            .filter(|row| filter.kind.is_none_or(|k| row.target.kind() == k))
            .filter_map(|row| labels.memo(row))
            .filter(|memo| {
                needle.as_deref().is_none_or(|n| {
                    fold(&memo.text).contains(n)
                        || memo.title.as_deref().is_some_and(|t| fold(t).contains(n))
                })
            })
            .collect();
        // Stable sorts: by label within kind, ties in the order they were written.
        collate::sort_by_key(&mut list, |m| &m.target);
        list.sort_by_key(|m| m.kind);
        Ok(list)
    }

    /// Every memo as one Markdown document: a section per kind (`## Prosjekt`, `## Dokumenter`,
    /// `## Koder`, `## Kodinger`, empty ones left out), a `###` heading per memo naming what it
    /// is on, a line with its author and dates (dd.mm.yyyy, UTC), then its text as written.
    /// Headings and the author line are Markdown-escaped; in the text only lines that would
    /// become headings of the export (`#…`, `===`, `---`) get a backslash.
    pub fn export_memos_markdown(&self) -> Result<String> {
        let list = self.memos(&MemoFilter::default())?;
        Ok(render_markdown(&list))
    }
}

/// The Markdown export of `memos` (already in order).
pub fn render_markdown(memos: &[Memo]) -> String {
    let mut out = String::from("# Memoer\n");
    for kind in MemoKind::ALL {
        let section: Vec<&Memo> = memos.iter().filter(|m| m.kind == kind).collect();
        if section.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n", kind.heading_nb()));
        for memo in section {
            let heading = match &memo.title {
                Some(title) => format!("{} – {}", memo.target, title),
                None => memo.target.clone(),
            };
            out.push_str(&format!("\n### {}\n\n", escape_inline(&heading)));
            let (created, updated) = (date_nb(&memo.created_at), date_nb(&memo.updated_at));
            let dates = if created == updated {
                created
            } else {
                format!("{created}, endret {updated}")
            };
            out.push_str(&format!("*{} · {dates}*\n\n", escape_inline(&memo.author)));
            for line in memo.text.lines() {
                out.push_str(&escape_block_line(line));
                out.push('\n');
            }
        }
    }
    out
}

/// Backslash-escapes the characters that would start emphasis, code, links, HTML, tables or a
/// closing heading sequence in inline Markdown.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// A memo text line, with a backslash before it if it would otherwise be an ATX heading or a
/// setext underline (and so change the export's outline).
fn escape_block_line(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line[indent..].trim_end();
    let heading = indent <= 3
        && (rest.starts_with('#')
            || (!rest.is_empty()
                && (rest.chars().all(|c| c == '=') || rest.chars().all(|c| c == '-'))));
    if heading {
        format!("{}\\{}", &line[..indent], &line[indent..])
    } else {
        line.to_owned()
    }
}

/// `dd.mm.yyyy` of an RFC 3339 time (the text itself if it is not one).
pub fn date_nb(rfc3339: &str) -> String {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .map(|t| format!("{:02}.{:02}.{:04}", t.day(), u8::from(t.month()), t.year()))
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// Memo text as stored: NFC, LF line endings, no leading blank lines or trailing whitespace.
pub(crate) fn normalize_text(text: &str) -> String {
    let text: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfc()
        .collect();
    let text = text.trim_end();
    let start = text
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| {
            text[..i].rfind('\n').map_or(0, |nl| nl + 1)
        });
    text[start..].to_owned()
}

/// Lower-cased NFC, for case-insensitive search.
fn fold(text: &str) -> String {
    text.nfc().collect::<String>().to_lowercase()
}

/// The row id and GUID of what `target` names; fails naming it if the project lacks it.
fn resolve(conn: &rusqlite::Connection, target: &MemoTarget) -> Result<(TargetId, String)> {
    match target {
        MemoTarget::Project => Ok((
            TargetId::Project,
            conn.query_row("SELECT guid FROM project WHERE id = 1", [], |r| r.get(0))?,
        )),
        MemoTarget::Document(name) => {
            let id = documents::resolve(conn, name)?;
            Ok((TargetId::Document(id), documents::get(conn, id)?.guid))
        }
        MemoTarget::Code(code) => {
            let rows = codes::all(conn)?;
            let i = Tree::new(&rows).resolve(code)?;
            Ok((TargetId::Code(rows[i].id), rows[i].guid.clone()))
        }
        MemoTarget::Coding(guid) => {
            let (id, guid) = codings::resolve(conn, guid)?;
            Ok((TargetId::Coding(id), guid))
        }
    }
}

/// What each memo target is called, loaded once for a list.
struct Labels {
    project: String,
    documents: HashMap<i64, (String, String)>,
    codes: HashMap<i64, (String, String)>,
    codings: HashMap<i64, (String, String)>,
}

impl Labels {
    fn load(conn: &rusqlite::Connection) -> Result<Labels> {
        let documents = documents::all(conn)?
            .into_iter()
            .map(|d| (d.id, (d.guid, d.name)))
            .collect();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let codes = (0..rows.len())
            .map(|i| {
                let path = tree.path(i);
                let label = match &rows[i].data.key {
                    Some(key) => format!("{key} {path}"),
                    None => path,
                };
                (rows[i].id, (rows[i].guid.clone(), label))
            })
            .collect();
        Ok(Labels {
            project: conn.query_row("SELECT guid FROM project WHERE id = 1", [], |r| r.get(0))?,
            documents,
            codes,
            codings: codings::labels(conn)?,
        })
    }

    /// The memo with its target's GUID and label (`None` if the target is unknown).
    fn memo(&self, row: MemoRow) -> Option<Memo> {
        let (target_guid, target) = match row.target {
            TargetId::Project => (self.project.clone(), PROJECT_LABEL.to_owned()),
            TargetId::Document(id) => self.documents.get(&id)?.clone(),
            TargetId::Code(id) => self.codes.get(&id)?.clone(),
            TargetId::Coding(id) => self.codings.get(&id)?.clone(),
        };
        Some(Memo {
            guid: row.guid,
            kind: row.target.kind(),
            target_guid,
            target,
            title: row.title,
            text: row.text,
            author: row.author,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Codings as memo targets.
mod codings {
    use std::collections::HashMap;

    use rusqlite::{Connection, OptionalExtension};

    use crate::{Error, Result};

    /// The label of a coding: its document and the number of the turn its start lies in.
    const LABELS: &str = "SELECT c.id, c.guid, d.name, \
         (SELECT t.n FROM turn t WHERE t.document_id = c.document_id \
            AND t.label_start_char <= c.start_char ORDER BY t.n DESC LIMIT 1) \
         FROM coding c JOIN document d ON d.id = c.document_id";

    pub(super) fn resolve(conn: &Connection, guid: &str) -> Result<(i64, String)> {
        conn.query_row(
            "SELECT id, guid FROM coding WHERE guid = upper(?1)",
            [guid.trim()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::Invalid(format!("no coding {guid:?} in this project")))
    }

    pub(super) fn labels(conn: &Connection) -> Result<HashMap<i64, (String, String)>> {
        let mut stmt = conn.prepare(LABELS)?;
        let rows = stmt
            .query_map([], |r| {
                let name: String = r.get(2)?;
                let turn: Option<i64> = r.get(3)?;
                let label = match turn {
                    Some(n) => format!("{name} · tur {n}"),
                    None => format!("{name} · innledning"),
                };
                Ok((r.get(0)?, (r.get(1)?, label)))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_nfc_with_lf_and_trimmed_at_the_ends_only() {
        assert_eq!(
            normalize_text("\n\r\n  a\u{30A}\r\n\r\n  b  \n\n"),
            "  å\n\n  b"
        );
        assert_eq!(normalize_text(" \n\t\n"), "");
    }

    #[test]
    fn headings_in_memo_text_are_escaped_and_other_lines_kept() {
        assert_eq!(escape_block_line("# Tillit"), "\\# Tillit");
        assert_eq!(escape_block_line("   ## x"), "   \\## x");
        assert_eq!(escape_block_line("---"), "\\---");
        assert_eq!(escape_block_line("=="), "\\==");
        assert_eq!(escape_block_line("    # code"), "    # code");
        assert_eq!(escape_block_line("Tema #1 *viktig*"), "Tema #1 *viktig*");
        assert_eq!(escape_inline("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
    }

    #[test]
    fn dates_are_day_month_year() {
        assert_eq!(date_nb("2026-03-07T09:05:00Z"), "07.03.2026");
        assert_eq!(date_nb("i går"), "i går");
    }

    #[test]
    fn kinds_round_trip() {
        for kind in MemoKind::ALL {
            assert_eq!(MemoKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MemoKind::parse("Coding"), Some(MemoKind::Coding));
        assert_eq!(MemoKind::parse("kode"), None);
    }
}
