//! What crosses the boundary to the UI. Each DTO is built from a core type, says its offset unit
//! in its field names (UTF-16 code units, what JavaScript strings index by) and exports its
//! TypeScript type to `ui/src/lib/api/bindings/` when `cargo test -p tolk-app` runs.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

/// The open project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProjectInfo {
    pub path: String,
    /// The file name without `.tolk`.
    pub name: String,
}

impl ProjectInfo {
    pub fn from_path(path: &Path) -> Self {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        ProjectInfo {
            path: path.display().to_string(),
            name,
        }
    }
}

/// One row of the document list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentSummary {
    pub guid: String,
    pub name: String,
    /// The path the document was imported from.
    pub source: String,
    /// `txt`, `md`, `docx`, `odt`, `vtt` or `srt`.
    pub format: String,
    /// `nb`, `nn`, `da`, `sv` or `en`.
    pub language: String,
    pub words: usize,
    pub turns: usize,
    /// Speaker labels in order of first appearance.
    pub speakers: Vec<String>,
    pub informants: usize,
    pub attributes: BTreeMap<String, String>,
    /// RFC 3339.
    pub imported_at: String,
}

impl From<&tolk::project::DocumentSummary> for DocumentSummary {
    fn from(d: &tolk::project::DocumentSummary) -> Self {
        DocumentSummary {
            guid: d.guid.clone(),
            name: d.name.clone(),
            source: d.source.clone(),
            format: d.format.as_str().to_owned(),
            language: d.language.code().to_owned(),
            words: d.words,
            turns: d.turns,
            speakers: d.speakers.clone(),
            informants: d.informants,
            attributes: d.attributes.clone(),
            imported_at: d.imported_at.clone(),
        }
    }
}

/// What deleting a document removes (or would remove): the confirmation says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeleteSummary {
    pub turns: usize,
    /// Speaker labels, interviewers included.
    pub speakers: usize,
    /// Informants who speak only in this document.
    pub informants_removed: usize,
    /// The document's attributes plus those of the informants that go.
    pub attribute_count: usize,
}

impl From<tolk::project::DeleteSummary> for DeleteSummary {
    fn from(s: tolk::project::DeleteSummary) -> Self {
        DeleteSummary {
            turns: s.turns,
            speakers: s.speakers,
            informants_removed: s.informants_removed,
            attribute_count: s.attribute_count,
        }
    }
}

/// A project on the start screen's recent list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecentProject {
    pub path: String,
    /// The file name without `.tolk`.
    pub name: String,
    /// When Tolk last opened it (RFC 3339, UTC).
    pub last_opened: String,
    /// False if the file is gone; the entry stays until the researcher removes it.
    pub exists: bool,
    /// Documents in the project, if the file could be read.
    pub documents: Option<u32>,
    /// When the file last changed (RFC 3339, UTC), if known.
    pub modified: Option<String>,
}

impl From<tolk::recent::RecentProject> for RecentProject {
    fn from(p: tolk::recent::RecentProject) -> Self {
        RecentProject {
            path: p.path.display().to_string(),
            name: p.name,
            last_opened: p.last_opened,
            exists: p.exists,
            documents: p.documents.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
            modified: p.modified,
        }
    }
}

/// A speaker's role in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum SpeakerRole {
    Interviewer,
    Informant,
}

impl From<tolk::project::SpeakerRole> for SpeakerRole {
    fn from(role: tolk::project::SpeakerRole) -> Self {
        match role {
            tolk::project::SpeakerRole::Interviewer => SpeakerRole::Interviewer,
            tolk::project::SpeakerRole::Informant => SpeakerRole::Informant,
        }
    }
}

/// A speaker turn. Offsets are UTF-16 code units into the document's text; `text` is the turn's
/// words (without label and timestamp), so the UI never has to slice the text itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Turn {
    /// Numbered from 1 in document order.
    pub n: u32,
    pub speaker: String,
    pub role: SpeakerRole,
    pub informant: Option<String>,
    pub label_start_utf16: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub time_ms: Option<u64>,
    pub text: String,
}

/// A whole document as the transcript view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Document {
    pub guid: String,
    pub name: String,
    pub format: String,
    pub language: String,
    /// The text before the first turn (header lines, notes); may be empty.
    pub preamble: String,
    pub preamble_end_utf16: usize,
    pub turns: Vec<Turn>,
    pub attributes: BTreeMap<String, String>,
}

impl From<&tolk::project::DocumentView> for Document {
    fn from(d: &tolk::project::DocumentView) -> Self {
        let mut cursor = Utf16Cursor::new(&d.text);
        let preamble_end_utf16 = cursor.utf16_of(d.preamble_end_char);
        let turns = d
            .turns
            .iter()
            .map(|t| Turn {
                n: t.n,
                speaker: t.speaker.clone(),
                role: t.role.into(),
                informant: t.informant.clone(),
                label_start_utf16: cursor.utf16_of(t.label_start_char),
                start_utf16: cursor.utf16_of(t.start_char),
                end_utf16: cursor.utf16_of(t.end_char),
                time_ms: t.time_ms,
                text: d.turn_text(t).to_owned(),
            })
            .collect();
        Document {
            guid: d.guid.clone(),
            name: d.name.clone(),
            format: d.format.as_str().to_owned(),
            language: d.language.code().to_owned(),
            preamble: tolk::text::slice_chars(&d.text, 0, d.preamble_end_char).to_owned(),
            preamble_end_utf16,
            turns,
            attributes: d.attributes.clone(),
        }
    }
}

/// Converts char offsets to UTF-16 offsets in one pass when they come in ascending order (turns
/// do), instead of rescanning the text from the start for each one.
pub(crate) struct Utf16Cursor<'a> {
    text: &'a str,
    char_pos: usize,
    byte_pos: usize,
    utf16_pos: usize,
}

impl<'a> Utf16Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            char_pos: 0,
            byte_pos: 0,
            utf16_pos: 0,
        }
    }

    pub(crate) fn utf16_of(&mut self, char_pos: usize) -> usize {
        if char_pos < self.char_pos {
            return tolk::text::utf16_of_char(self.text, char_pos);
        }
        let rest = &self.text[self.byte_pos..];
        let delta = char_pos - self.char_pos;
        self.utf16_pos += tolk::text::utf16_of_char(rest, delta);
        self.byte_pos += tolk::text::byte_of_char(rest, delta);
        self.char_pos = char_pos;
        self.utf16_pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_agrees_with_the_core_conversion_for_ascending_and_descending_offsets() {
        // "å" is one UTF-16 unit, "😀" two; the core's conversion is the reference.
        let text = "Å se 😀 på\nI: 😀 ja\nIP1: nei";
        let n = text.chars().count();
        let mut cursor = Utf16Cursor::new(text);
        for pos in (0..=n).chain((0..=n).rev()) {
            assert_eq!(
                cursor.utf16_of(pos),
                tolk::text::utf16_of_char(text, pos),
                "{pos}"
            );
        }
    }

    #[test]
    fn project_name_is_the_file_stem() {
        let info = ProjectInfo::from_path(Path::new("/tmp/x/Tillit 2025.tolk"));
        assert_eq!(info.name, "Tillit 2025");
        assert_eq!(info.path, "/tmp/x/Tillit 2025.tolk");
    }
}
