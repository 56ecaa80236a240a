//! The project facade: one method per thing a researcher does to a project. It owns the SQLite
//! store and keeps imports, turns, informants, attributes and the codebook consistent; the CLI
//! and the desktop shell call nothing else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::codebook::template;
use crate::codebook::tree::Tree;
use crate::codebook::{self, CodeBlock, CodeData, CodeDetail, CodeSummary, CodebookReport, Coder};
use crate::import::{self, Format};
use crate::language::Language;
use crate::store::attributes::{self, Owner};
use crate::store::documents::{self, NewDocument};
use crate::store::{coders, codes, informants, log, new_guid, Store};
use crate::turns::{self, SpeakerPattern};
use crate::{attribute_csv, collate, Error, Result};

// `codebook` names the core module here, so the facade's codebook file gets another name.
#[path = "project/codebook.rs"]
mod codebook_facade;
mod coding_edit;
mod codings;
mod excerpt_counts;
pub(crate) mod excerpts;
mod history;
mod import_flow;
mod search;
mod search_coding;
pub use codebook_facade::{CodeCoding, CodeEdit, CodeMerge};
pub use coding_edit::{Adjusted, NewCodeCoding, NewCodePlace, PaletteCode};
pub use codings::CodeDeletion;
pub use excerpt_counts::ExcerptCounts;
pub use excerpts::{Excerpt, ExcerptQuery};
pub use history::{history_csv, Change, HistoryFormat, Step, UndoState};
pub use import_flow::{FilePreview, SpeakerPreview, TurnPreview};
pub use search::{IndexReport, SearchHit, SearchRequest, SearchResults};
pub use search_coding::{HitExtent, HitsCoded, SavedSearch};

/// How to import files.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Overrides built-in turn recognition.
    pub speaker_pattern: Option<SpeakerPattern>,
    /// Sets the language instead of guessing it.
    pub language: Option<Language>,
}

/// A speaker's role in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerRole {
    Interviewer,
    Informant,
}

/// One row of the document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    pub guid: String,
    pub name: String,
    /// The path the document was imported from.
    pub source: String,
    pub format: Format,
    pub language: Language,
    pub words: usize,
    pub turns: usize,
    /// Speaker labels in order of first appearance.
    pub speakers: Vec<String>,
    /// How many distinct informants speak in the document.
    pub informants: usize,
    pub attributes: BTreeMap<String, String>,
    /// When it was imported, RFC 3339.
    pub imported_at: String,
}

/// A turn as shown and cited: numbered from 1 in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnView {
    pub n: u32,
    pub speaker: String,
    pub role: SpeakerRole,
    /// The informant's name, for informant turns.
    pub informant: Option<String>,
    pub label_start_char: usize,
    pub start_char: usize,
    pub end_char: usize,
    pub time_ms: Option<u64>,
}

/// A whole document: its text and turns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentView {
    pub guid: String,
    pub name: String,
    pub format: Format,
    pub language: Language,
    /// The stored text (NFC, LF) all offsets refer to.
    pub text: String,
    pub preamble_end_char: usize,
    pub turns: Vec<TurnView>,
    pub attributes: BTreeMap<String, String>,
}

impl DocumentView {
    /// A turn's words, without label and timestamp.
    pub fn turn_text(&self, turn: &TurnView) -> &str {
        crate::text::slice_chars(&self.text, turn.start_char, turn.end_char)
    }
}

/// The result of importing one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    pub name: String,
    pub guid: String,
    pub format: Format,
    pub language: Language,
    pub turns: usize,
    pub speakers: Vec<String>,
    pub attributes: BTreeMap<String, String>,
    pub normalized_chars: usize,
    pub warnings: Vec<crate::import::ImportWarning>,
}

/// An informant: a non-interviewer speaker, possibly merged across documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InformantSummary {
    pub guid: String,
    pub name: String,
    /// `document/label` for each speaker this informant is.
    pub speakers: Vec<String>,
    pub documents: Vec<String>,
    pub attributes: BTreeMap<String, String>,
}

/// An open project file.
pub struct Project {
    path: PathBuf,
    store: Store,
    actor: String,
    /// The search index last opened, with the change-log sequence it was checked at.
    search_index: search::OpenIndex,
    /// What thematic analysis read last, kept while the project is unchanged.
    analysis: crate::analysis::Cache,
}

impl Project {
    /// The project file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store, for facade methods kept in their own modules (`memo`).
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Thematic analysis's cache.
    pub(crate) fn analysis_cache(&self) -> &crate::analysis::Cache {
        &self.analysis
    }

    /// The store, to write through.
    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Who the change log names for changes made through this handle.
    pub fn actor(&self) -> &str {
        &self.actor
    }
}

/// A file the batch import skipped because the project already holds the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    pub path: PathBuf,
    /// The name of the document that has the same content.
    pub existing: String,
}

/// A file the batch import could not import, with a message naming the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedFile {
    pub path: PathBuf,
    pub error: String,
    /// Why the file could not be read, when that was the reason (so a UI can explain it in
    /// its own language).
    pub import_error: Option<import::ImportError>,
}

/// What a batch import did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: Vec<(PathBuf, ImportOutcome)>,
    pub skipped: Vec<SkippedFile>,
    pub failed: Vec<FailedFile>,
    /// Files left out because the import was cancelled (see
    /// [`Project::import_paths_cancellable`]).
    pub not_imported: Vec<PathBuf>,
}

/// Progress of a batch import, reported after each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress<'a> {
    pub done: usize,
    pub total: usize,
    pub path: &'a Path,
}

/// What an attributes CSV did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvReport {
    /// Whether the rows named informants (an `informant` column) rather than documents.
    pub informants: bool,
    /// Rows applied.
    pub rows: usize,
    /// Attribute values set.
    pub values: usize,
    /// Row names that matched no document or informant, skipped.
    pub unknown: Vec<String>,
}

/// What deleting a document removes (or would remove, for [`Project::delete_preview`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeleteSummary {
    pub turns: usize,
    /// Speaker labels of the document, interviewers included.
    pub speakers: usize,
    /// Informants who speak only in this document: they go with it.
    pub informants_removed: usize,
    /// The document's attributes plus those of the informants that go.
    pub attribute_count: usize,
}

/// What merging two informants did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeReport {
    pub into: String,
    pub from: String,
    /// Attributes both had with different values: `(key, kept, dropped)`.
    pub conflicts: Vec<(String, String, String)>,
}

enum Imported {
    New(ImportOutcome),
    Duplicate(String),
}

impl Project {
    /// Creates a new, empty project file at `path` (which must not exist).
    pub fn create(path: &Path) -> Result<Project> {
        let store = Store::create(path, &new_guid(), &now())?;
        Ok(Project::with_store(path, store))
    }

    /// Opens a project file.
    pub fn open(path: &Path) -> Result<Project> {
        let store = Store::open(path)?;
        Ok(Project::with_store(path, store))
    }

    fn with_store(path: &Path, store: Store) -> Project {
        Project {
            path: path.to_owned(),
            store,
            actor: default_actor(),
            search_index: Default::default(),
            analysis: Default::default(),
        }
    }

    /// Saves everything into the project file itself and closes it.
    pub fn close(self) -> Result<()> {
        self.store.close()
    }

    /// The project's GUID.
    pub fn guid(&self) -> Result<String> {
        self.store.project_guid()
    }

    /// Who the change log names for changes made through this handle.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        self.actor = actor.into();
    }

    /// Imports files and folders (recursively; hidden files are passed over). Each file is
    /// imported in its own transaction: a file that fails is reported and the rest go on; a file
    /// whose bytes the project already holds is skipped.
    pub fn import_paths(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> ImportReport {
        let never = std::sync::atomic::AtomicBool::new(false);
        self.import_paths_cancellable(paths, options, &never, progress)
    }

    fn import_path(&mut self, path: &Path, options: &ImportOptions) -> Result<Imported> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.import_document(&file_name, &source.to_string_lossy(), &bytes, options)
            .map_err(|e| match e {
                Error::Import { source, .. } => Error::Import {
                    path: path.to_owned(),
                    source,
                },
                other => other,
            })
    }

    /// Imports one file's bytes; `file_name` gives the format (by extension) and the document
    /// name (its stem). Fails on a file the project already has.
    pub fn import_bytes(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<ImportOutcome> {
        match self.import_document(file_name, file_name, bytes, options)? {
            Imported::New(outcome) => Ok(outcome),
            Imported::Duplicate(existing) => Err(Error::Invalid(format!(
                "{file_name}: already in the project as {existing:?}"
            ))),
        }
    }

    fn import_document(
        &mut self,
        file_name: &str,
        source: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<Imported> {
        let sha256 = sha256_hex(bytes);
        if let Some(existing) = documents::name_by_hash(self.store.conn(), &sha256)? {
            return Ok(Imported::Duplicate(existing));
        }
        let extracted = import::extract(file_name, bytes).map_err(|source| Error::Import {
            path: PathBuf::from(file_name),
            source,
        })?;
        let segmented = turns::segment(&extracted.paragraphs, options.speaker_pattern.as_ref());
        let language = options
            .language
            .unwrap_or_else(|| Language::guess(&segmented.text));
        let stem = Path::new(file_name).file_stem().map_or_else(
            || file_name.to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let guid = new_guid();
        let at = now();
        let actor = self.actor.clone();
        let name = self.store.write(|tx| {
            let name = documents::unique_name(tx, &stem)?;
            let id = documents::insert(
                tx,
                &NewDocument {
                    guid: &guid,
                    name: &name,
                    source_path: source,
                    format: extracted.format,
                    language,
                    original: bytes,
                    sha256: &sha256,
                    text: &segmented.text,
                    preamble_end_char: segmented.preamble_end_char,
                    words: count_words(&segmented.text),
                    speaker_pattern: options.speaker_pattern.as_ref().map(|p| p.as_str()),
                    imported_at: &at,
                },
            )?;
            documents::replace_turns(tx, id, &name, &segmented.turns)?;
            for (key, value) in &segmented.header {
                attributes::set(tx, Owner::Document(id), key, value)?;
            }
            log::append(
                tx,
                &at,
                &actor,
                "import_document",
                &guid,
                &serde_json::json!({ "name": name, "source": source, "turns": segmented.turns.len() }),
            )?;
            Ok(name)
        })?;
        let mut speakers: Vec<String> = Vec::new();
        for turn in &segmented.turns {
            if !speakers.contains(&turn.speaker) {
                speakers.push(turn.speaker.clone());
            }
        }
        let mut warnings = extracted.warnings;
        warnings.extend(segmented.warnings);
        Ok(Imported::New(ImportOutcome {
            name,
            guid,
            format: extracted.format,
            language,
            turns: segmented.turns.len(),
            speakers,
            attributes: segmented.header.into_iter().collect(),
            normalized_chars: extracted.normalized_chars,
            warnings,
        }))
    }

    /// Every document, in Norwegian order of name.
    pub fn documents(&self) -> Result<Vec<DocumentSummary>> {
        let conn = self.store.conn();
        let mut list = documents::all(conn)?
            .into_iter()
            .map(|row| {
                let (speakers, informants) = documents::speaker_labels(conn, row.id)?;
                Ok(DocumentSummary {
                    turns: documents::turn_count(conn, row.id)?,
                    attributes: attributes::get(conn, Owner::Document(row.id))?,
                    guid: row.guid,
                    name: row.name,
                    source: row.source_path,
                    format: row.format,
                    language: row.language,
                    words: row.words,
                    speakers,
                    informants,
                    imported_at: row.imported_at,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        collate::sort_by_key(&mut list, |d| &d.name);
        Ok(list)
    }

    /// One document with its text and turns, by name or GUID.
    pub fn document(&self, name_or_guid: &str) -> Result<DocumentView> {
        let conn = self.store.conn();
        let id = documents::resolve(conn, name_or_guid)?;
        let row = documents::get(conn, id)?;
        let turns = documents::turns(conn, id)?;
        Ok(DocumentView {
            attributes: attributes::get(conn, Owner::Document(id))?,
            guid: row.guid,
            name: row.name,
            format: row.format,
            language: row.language,
            text: documents::text(conn, id)?,
            preamble_end_char: row.preamble_end_char,
            turns,
        })
    }

    /// Sets one attribute of a document. Keys are lower-cased; values are kept as written.
    pub fn set_document_attribute(&mut self, document: &str, key: &str, value: &str) -> Result<()> {
        let id = documents::resolve(self.store.conn(), document)?;
        let guid = documents::get(self.store.conn(), id)?.guid;
        self.set_attribute(Owner::Document(id), &guid, key, value)
    }

    /// Sets one attribute of an informant.
    pub fn set_informant_attribute(
        &mut self,
        informant: &str,
        key: &str,
        value: &str,
    ) -> Result<()> {
        let (id, _) = informants::resolve(self.store.conn(), informant)?;
        let guid = self.informant_guid(id)?;
        self.set_attribute(Owner::Informant(id), &guid, key, value)
    }

    fn informant_guid(&self, id: i64) -> Result<String> {
        Ok(self
            .store
            .conn()
            .query_row("SELECT guid FROM informant WHERE id = ?1", [id], |r| {
                r.get(0)
            })?)
    }

    fn set_attribute(&mut self, owner: Owner, guid: &str, key: &str, value: &str) -> Result<()> {
        let key = attribute_key(key)?;
        let value = normalize_value(value);
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let previous = attributes::set(tx, owner, &key, &value)?;
            log::append(
                tx,
                &at,
                &actor,
                "set_attribute",
                guid,
                &serde_json::json!({ "key": key, "value": value, "previous": previous }),
            )?;
            Ok(())
        })
    }

    /// Removes one attribute of a document. Returns whether it had one (only then is the change
    /// logged).
    pub fn remove_document_attribute(&mut self, document: &str, key: &str) -> Result<bool> {
        let id = documents::resolve(self.store.conn(), document)?;
        let guid = documents::get(self.store.conn(), id)?.guid;
        self.remove_attribute(Owner::Document(id), &guid, key)
    }

    /// Removes one attribute of an informant. Returns whether it had one.
    pub fn remove_informant_attribute(&mut self, informant: &str, key: &str) -> Result<bool> {
        let (id, _) = informants::resolve(self.store.conn(), informant)?;
        let guid = self.informant_guid(id)?;
        self.remove_attribute(Owner::Informant(id), &guid, key)
    }

    fn remove_attribute(&mut self, owner: Owner, guid: &str, key: &str) -> Result<bool> {
        let key = attribute_key(key)?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let Some(previous) = attributes::remove(tx, owner, &key)? else {
                return Ok(false);
            };
            log::append(
                tx,
                &at,
                &actor,
                "remove_attribute",
                guid,
                &serde_json::json!({ "key": key, "previous": previous }),
            )?;
            Ok(true)
        })
    }

    /// Reads attributes from a CSV file (`;` or `,`, UTF-8 or Windows-1252). The first column
    /// names the document, or an `informant` column names the informant; the other columns are
    /// attributes. Rows naming something the project lacks are reported and skipped. All rows
    /// are applied in one transaction.
    pub fn import_attributes_csv(&mut self, path: &Path) -> Result<CsvReport> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let table = attribute_csv::parse(&bytes).map_err(|reason| Error::Csv {
            path: path.to_owned(),
            reason,
        })?;
        let (at, actor) = (now(), self.actor.clone());
        let source = path.display().to_string();
        self.store.write_undoable(|tx| {
            let mut report = CsvReport {
                informants: table.informants,
                ..CsvReport::default()
            };
            for row in &table.rows {
                let owner = if table.informants {
                    informants::resolve(tx, &row.name).map(|(id, _)| Owner::Informant(id))
                } else {
                    documents::resolve(tx, &row.name).map(Owner::Document)
                };
                let owner = match owner {
                    Ok(owner) => owner,
                    Err(Error::UnknownDocument(name) | Error::UnknownInformant(name)) => {
                        report.unknown.push(name);
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                for (key, value) in table.keys.iter().zip(&row.values) {
                    if !value.is_empty() {
                        attributes::set(tx, owner, key, value)?;
                        report.values += 1;
                    }
                }
                report.rows += 1;
            }
            log::append(
                tx,
                &at,
                &actor,
                "import_attributes",
                &source,
                &serde_json::json!({ "rows": report.rows, "values": report.values,
                                     "unknown": report.unknown }),
            )?;
            Ok(report)
        })
    }

    /// Every informant, in Norwegian order of name.
    pub fn informants(&self) -> Result<Vec<InformantSummary>> {
        let conn = self.store.conn();
        let mut list = informants::all(conn)?
            .into_iter()
            .map(|row| {
                let mut documents: Vec<String> = Vec::new();
                for (doc, _) in &row.speakers {
                    if !documents.contains(doc) {
                        documents.push(doc.clone());
                    }
                }
                Ok(InformantSummary {
                    attributes: attributes::get(conn, Owner::Informant(row.id))?,
                    guid: row.guid,
                    name: row.name,
                    speakers: row
                        .speakers
                        .iter()
                        .map(|(d, l)| format!("{d}/{l}"))
                        .collect(),
                    documents,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        collate::sort_by_key(&mut list, |i| &i.name);
        Ok(list)
    }

    /// Merges informant `from` into `into`: `from`'s speakers become `into`'s, and `from`'s
    /// attributes are kept where `into` lacks them (conflicts keep `into`'s value and are
    /// reported).
    pub fn merge_informants(&mut self, into: &str, from: &str) -> Result<MergeReport> {
        let conn = self.store.conn();
        let (into_id, into_name) = informants::resolve(conn, into)?;
        let (from_id, from_name) = informants::resolve(conn, from)?;
        if into_id == from_id {
            return Err(Error::Invalid(format!(
                "cannot merge informant {into_name:?} with itself"
            )));
        }
        let kept = attributes::get(conn, Owner::Informant(into_id))?;
        let incoming = attributes::get(conn, Owner::Informant(from_id))?;
        let (into_guid, from_guid) = (self.informant_guid(into_id)?, self.informant_guid(from_id)?);
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let mut conflicts = Vec::new();
            for (key, value) in &incoming {
                match kept.get(key) {
                    None => {
                        attributes::set(tx, Owner::Informant(into_id), key, value)?;
                    }
                    Some(existing) if existing != value => {
                        conflicts.push((key.clone(), existing.clone(), value.clone()));
                    }
                    Some(_) => {}
                }
            }
            informants::merge(tx, into_id, from_id)?;
            log::append(
                tx,
                &at,
                &actor,
                "merge_informants",
                &into_guid,
                &serde_json::json!({ "from": from_guid, "from_name": from_name,
                                     "from_attributes": incoming }),
            )?;
            Ok(MergeReport {
                into: into_name,
                from: from_name,
                conflicts,
            })
        })
    }

    /// Recognises a document's turns again from its original bytes, with `pattern` or the
    /// built-in rules. The text is unchanged, so offsets elsewhere stay valid. Returns the new
    /// number of turns.
    pub fn redetect_turns(
        &mut self,
        document: &str,
        pattern: Option<&SpeakerPattern>,
    ) -> Result<usize> {
        let conn = self.store.conn();
        let id = documents::resolve(conn, document)?;
        let row = documents::get(conn, id)?;
        let (original, _) = documents::original(conn, id)?;
        let file_name = format!("{}.{}", row.name, row.format.as_str());
        let extracted = import::extract(&file_name, &original).map_err(|source| Error::Import {
            path: PathBuf::from(&file_name),
            source,
        })?;
        let segmented = turns::segment(&extracted.paragraphs, pattern);
        // Codings and turns point into the stored text; if this version of Tolk reads the
        // original file differently, new turns would point into another text. Refuse rather
        // than let offsets drift.
        if segmented.text != documents::text(conn, id)? {
            return Err(Error::Invalid(format!(
                "cannot re-detect the turns of {:?}: this version of Tolk reads its original file \
                 into a different text than the one stored at import",
                row.name
            )));
        }
        let (at, actor) = (now(), self.actor.clone());
        self.store.write(|tx| {
            tx.execute(
                "UPDATE document SET preamble_end_char = ?1, speaker_pattern = ?2 WHERE id = ?3",
                (
                    segmented.preamble_end_char as i64,
                    pattern.map(|p| p.as_str()),
                    id,
                ),
            )?;
            documents::replace_turns(tx, id, &row.name, &segmented.turns)?;
            log::append(
                tx,
                &at,
                &actor,
                "redetect_turns",
                &row.guid,
                &serde_json::json!({ "pattern": pattern.map(|p| p.as_str()),
                                     "turns": segmented.turns.len() }),
            )?;
            Ok(segmented.turns.len())
        })
    }

    /// Renames a speaker of a document; renaming onto another speaker's label merges the two.
    /// Returns whether it was a merge.
    pub fn rename_speaker(&mut self, document: &str, old: &str, new: &str) -> Result<bool> {
        let new = new.trim();
        if new.is_empty() {
            return Err(Error::Invalid("a speaker label cannot be empty".to_owned()));
        }
        let id = documents::resolve(self.store.conn(), document)?;
        let row = documents::get(self.store.conn(), id)?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let merged = documents::rename_speaker(tx, id, &row.name, old, new)?;
            log::append(
                tx,
                &at,
                &actor,
                if merged {
                    "merge_speakers"
                } else {
                    "rename_speaker"
                },
                &row.guid,
                &serde_json::json!({ "from": old, "to": new }),
            )?;
            Ok(merged)
        })
    }

    /// Marks a speaker of a document as interviewer or informant.
    pub fn set_speaker_role(
        &mut self,
        document: &str,
        label: &str,
        role: SpeakerRole,
    ) -> Result<()> {
        let id = documents::resolve(self.store.conn(), document)?;
        let row = documents::get(self.store.conn(), id)?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            documents::set_speaker_role(tx, id, &row.name, label, role)?;
            log::append(
                tx,
                &at,
                &actor,
                "set_speaker_role",
                &row.guid,
                &serde_json::json!({ "speaker": label, "role": role }),
            )?;
            Ok(())
        })
    }

    /// Renames a document (name or GUID). Names are trimmed, NFC and unique in the project: a
    /// clash is an error naming the other document. Informants still carrying their default
    /// name (`old/label`) follow to `new/label`. Returns the new name.
    pub fn rename_document(&mut self, document: &str, new_name: &str) -> Result<String> {
        let name = normalize_value(new_name);
        if name.is_empty() {
            return Err(Error::Invalid("a document name cannot be empty".to_owned()));
        }
        let conn = self.store.conn();
        let id = documents::resolve(conn, document)?;
        let row = documents::get(conn, id)?;
        if row.name == name {
            return Ok(name);
        }
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            if documents::unique_name(tx, &name)? != name {
                return Err(Error::Invalid(format!(
                    "there is already a document named {name:?}; document names must be unique"
                )));
            }
            let informants = documents::rename(tx, id, &row.name, &name)?;
            log::append(
                tx,
                &at,
                &actor,
                "rename_document",
                &row.guid,
                &serde_json::json!({ "from": row.name, "to": name,
                                     "informants_renamed": informants }),
            )?;
            Ok(())
        })?;
        Ok(name)
    }

    /// What deleting a document (name or GUID) would remove, without deleting anything.
    pub fn delete_preview(&self, document: &str) -> Result<DeleteSummary> {
        let id = documents::resolve(self.store.conn(), document)?;
        Ok(delete_summary(documents::delete_counts(
            self.store.conn(),
            id,
        )?))
    }

    /// Deletes a document (name or GUID) in one transaction: its text, original bytes, turns,
    /// speakers and attributes, and the informants who spoke only in it. Logged with the
    /// document's name and GUID; not undoable.
    pub fn delete_document(&mut self, document: &str) -> Result<DeleteSummary> {
        let id = documents::resolve(self.store.conn(), document)?;
        let row = documents::get(self.store.conn(), id)?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write(|tx| {
            let summary = delete_summary(documents::delete_counts(tx, id)?);
            documents::delete(tx, id)?;
            log::append(
                tx,
                &at,
                &actor,
                "delete_document",
                &row.guid,
                &serde_json::json!({
                    "name": row.name, "guid": row.guid, "source": row.source_path,
                    "turns": summary.turns, "speakers": summary.speakers,
                    "informants_removed": summary.informants_removed,
                    "attribute_count": summary.attribute_count,
                }),
            )?;
            Ok(summary)
        })
    }
}

/// The codebook: codes nested to any depth, built-in and imported templates, and coders. Every
/// change is one transaction and one change-log entry. A code argument is a key (`T06.4`), a
/// GUID, or a path of bokmål names from the top (`Parent/Child`, `\/` for a `/` in a name).
impl Project {
    /// Creates a new project file with a built-in codebook (`Some("bentzen")`) or none. If the
    /// codebook cannot be added, no file is left behind.
    pub fn create_with_codebook(path: &Path, codebook: Option<&str>) -> Result<Project> {
        if let Some(name) = codebook {
            codebook::builtin(name)?;
        }
        let mut project = Project::create(path)?;
        if let Some(name) = codebook {
            // The codebook a project starts with is part of creating it, not a step to undo.
            let added = project
                .add_builtin_codebook(name)
                .and_then(|_| project.store.write(crate::store::history::forget));
            if let Err(e) = added {
                let _ = project.close();
                let _ = std::fs::remove_file(path);
                return Err(e);
            }
        }
        Ok(project)
    }

    /// Adds a built-in codebook (`bentzen`). Adding it again merges by key: codes the project
    /// already has are left as the researcher made them (renamed, moved, recoloured, hidden), and
    /// only template codes it lacks (say, ones the researcher deleted) come back.
    pub fn add_builtin_codebook(&mut self, name: &str) -> Result<CodebookReport> {
        let template = template::parse(codebook::builtin(name)?, name)?;
        self.merge_codebook(&template, "add_codebook", name)
    }

    /// Imports a codebook file in the `tolk-codebook` JSON format, merging like
    /// [`Project::add_builtin_codebook`]: codes with a key the project has, and codes without a
    /// key whose name the project has under the same parent, are kept; the rest are added.
    pub fn import_codebook_json(&mut self, path: &Path) -> Result<CodebookReport> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut template = template::parse(&text, &path.display().to_string())?;
        if template.id.trim().is_empty() {
            template.id = file_stem(path);
        }
        self.merge_codebook(&template, "import_codebook", &path.display().to_string())
            .map_err(|e| match e {
                Error::Invalid(reason) if !reason.starts_with(&path.display().to_string()) => {
                    Error::Invalid(format!("{}: {reason}", path.display()))
                }
                other => other,
            })
    }

    fn merge_codebook(
        &mut self,
        template: &template::Template,
        action: &str,
        source: &str,
    ) -> Result<CodebookReport> {
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let report = codes::merge_template(tx, template, &at)?;
            log::append(
                tx,
                &at,
                &actor,
                action,
                &template.id,
                &serde_json::json!({ "source": source, "added": report.added,
                                     "kept": report.kept, "blocks_added": report.blocks_added }),
            )?;
            Ok(report)
        })
    }

    /// Writes the project's codebook to `path` in the `tolk-codebook` JSON format: every code in
    /// tree order with its key, names, colour, definitions, anchors, notes and rules, the blocks,
    /// and the top-level rules of the first template the project got (a project without one is
    /// named after its file). Importing the file into a new project gives the same tree. Returns
    /// how many codes were written.
    pub fn export_codebook_json(&self, path: &Path) -> Result<usize> {
        let conn = self.store.conn();
        let rows = codes::all(conn)?;
        let tree = Tree::new(&rows);
        let order = tree.order();
        let mut index_of = vec![0; rows.len()];
        for (n, &i) in order.iter().enumerate() {
            index_of[i] = n;
        }
        let template_rows: Vec<template::TemplateRow> = order
            .iter()
            .map(|&i| template::TemplateRow {
                parent: tree.parent(i).map(|p| index_of[p]),
                data: rows[i].data.clone(),
            })
            .collect();
        let header = codes::templates(conn)?
            .into_iter()
            .next()
            .map(|t| (t.template_id, t.name, t.meta));
        let blocks = codes::blocks(conn)?;
        let file = template::export(
            &template::ExportSource {
                header,
                blocks: &blocks,
                rows: &template_rows,
            },
            &file_stem(&self.path),
        );
        let mut json = serde_json::to_string_pretty(&file)
            .map_err(|e| Error::Invalid(format!("cannot write the codebook as JSON: {e}")))?;
        json.push('\n');
        std::fs::write(path, json).map_err(|e| Error::io(path, e))?;
        Ok(template_rows.len())
    }

    /// Every code in tree order: depth-first, siblings by position.
    pub fn codes(&self) -> Result<Vec<CodeSummary>> {
        let rows = codes::all(self.store.conn())?;
        let tree = Tree::new(&rows);
        Ok(tree.order().into_iter().map(|i| tree.summary(i)).collect())
    }

    /// The template blocks (A–F for Bentzen's), in order: groupings of themes, not codes.
    pub fn code_blocks(&self) -> Result<Vec<CodeBlock>> {
        codes::blocks(self.store.conn())
    }

    /// The code a key, GUID or path names.
    pub fn resolve_code(&self, code: &str) -> Result<CodeSummary> {
        let rows = codes::all(self.store.conn())?;
        let tree = Tree::new(&rows);
        Ok(tree.summary(tree.resolve(code)?))
    }

    /// One code with its definitions, notes, anchors, source note and rules.
    pub fn code_detail(&self, code: &str) -> Result<CodeDetail> {
        let rows = codes::all(self.store.conn())?;
        let tree = Tree::new(&rows);
        let i = tree.resolve(code)?;
        Ok(CodeDetail {
            summary: tree.summary(i),
            data: rows[i].data.clone(),
            created_at: rows[i].created_at.clone(),
        })
    }

    /// Creates a code at the end of `parent`'s children (or of the top level), with `color` or
    /// its parent's colour (a top-level code gets the next palette colour). Names are unique
    /// among siblings, compared case-insensitively. Returns the new code's GUID.
    pub fn create_code(
        &mut self,
        parent: Option<&str>,
        name_nb: &str,
        color: Option<&str>,
    ) -> Result<String> {
        let name = codebook::normalize_name(name_nb)?;
        let color = color.map(codebook::parse_color).transpose()?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let parent = parent.map(|p| tree.resolve(p)).transpose()?;
            let (_, guid) = insert_code(tx, (&at, &actor), &tree, parent, &name, color)?;
            Ok(guid)
        })
    }

    /// Renames a code (its bokmål name); its key, if any, stays.
    pub fn rename_code(&mut self, code: &str, name_nb: &str) -> Result<()> {
        let name = codebook::normalize_name(name_nb)?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let i = tree.resolve(code)?;
            refuse_sibling_clash(&tree, tree.parent(i), &name, Some(i))?;
            codes::rename(tx, rows[i].id, &name)?;
            log::append(
                tx,
                &at,
                &actor,
                "rename_code",
                &rows[i].guid,
                &serde_json::json!({ "from": rows[i].data.name_nb, "to": name }),
            )?;
            Ok(())
        })
    }

    /// Sets a code's colour (`#RRGGBB`).
    pub fn set_code_color(&mut self, code: &str, color: &str) -> Result<()> {
        let color = codebook::parse_color(color)?;
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let i = Tree::new(&rows).resolve(code)?;
            codes::set_color(tx, rows[i].id, &color)?;
            log::append(
                tx,
                &at,
                &actor,
                "set_code_color",
                &rows[i].guid,
                &serde_json::json!({ "from": rows[i].data.color, "to": color }),
            )?;
            Ok(())
        })
    }

    /// Moves a code with its descendants under `new_parent` (`None`: the top level) at
    /// `position` among its new siblings (`None` or past the end: last). Also reorders, when
    /// the parent stays. Refuses to move a code under itself or its own descendant, and onto a
    /// sibling's name.
    pub fn move_code(
        &mut self,
        code: &str,
        new_parent: Option<&str>,
        position: Option<usize>,
    ) -> Result<()> {
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let i = tree.resolve(code)?;
            let parent = new_parent.map(|p| tree.resolve(p)).transpose()?;
            if let Some(p) = parent {
                if tree.is_in_family(p, i) {
                    let why = if p == i {
                        "a code cannot be its own parent".to_owned()
                    } else {
                        format!("{} lies inside it", tree.describe(p))
                    };
                    return Err(Error::Invalid(format!(
                        "cannot move {} under {}: {why}",
                        tree.describe(i),
                        tree.describe(p)
                    )));
                }
            }
            refuse_sibling_clash(&tree, parent, &rows[i].data.name_nb, Some(i))?;
            let old_parent = tree.parent(i);
            let ids_of = |list: &[usize]| -> Vec<i64> {
                list.iter()
                    .filter(|&&c| c != i)
                    .map(|&c| rows[c].id)
                    .collect()
            };
            let mut siblings = ids_of(tree.children(parent));
            let to = position.unwrap_or(siblings.len()).min(siblings.len());
            siblings.insert(to, rows[i].id);
            if old_parent != parent {
                let old = ids_of(tree.children(old_parent));
                codes::place(tx, old_parent.map(|p| rows[p].id), &old)?;
            }
            codes::place(tx, parent.map(|p| rows[p].id), &siblings)?;
            log::append(
                tx,
                &at,
                &actor,
                "move_code",
                &rows[i].guid,
                &serde_json::json!({
                    "from_parent": old_parent.map(|p| &rows[p].guid),
                    "from_position": rows[i].position,
                    "to_parent": parent.map(|p| &rows[p].guid),
                    "to_position": to,
                }),
            )?;
            Ok(())
        })
    }

    /// Switches a family (a code and its descendants) off (`hidden`) or on again: hidden codes
    /// leave the tree and the palette, but nothing is deleted. Returns how many codes the family
    /// has.
    pub fn set_family_hidden(&mut self, code: &str, hidden: bool) -> Result<usize> {
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let i = tree.resolve(code)?;
            codes::set_hidden(tx, rows[i].id, hidden)?;
            let family = tree.family(i).len();
            log::append(
                tx,
                &at,
                &actor,
                if hidden {
                    "hide_code_family"
                } else {
                    "show_code_family"
                },
                &rows[i].guid,
                &serde_json::json!({ "previous": rows[i].data.hidden, "codes": family }),
            )?;
            Ok(family)
        })
    }

    /// Deletes a code and all its descendants, with their codings (each logged, so the deletion
    /// can be undone later). Returns how many codes and codings went.
    pub fn delete_code(&mut self, code: &str) -> Result<CodeDeletion> {
        let (at, actor) = (now(), self.actor.clone());
        self.store.write_undoable(|tx| {
            let rows = codes::all(tx)?;
            let tree = Tree::new(&rows);
            let i = tree.resolve(code)?;
            let family = tree.family(i);
            let ids: Vec<i64> = family.iter().map(|&c| rows[c].id).collect();
            let codings = crate::store::codings::log_entries(tx, &ids)?;
            let memos = crate::store::memos::log_entries_for_codes(tx, &ids)?;
            let codings_deleted = crate::store::codings::delete_for_codes(tx, &ids)?;
            let deleted = codes::delete_family(tx, &ids)?;
            let parent = tree.parent(i);
            let rest: Vec<i64> = tree
                .children(parent)
                .iter()
                .filter(|&&c| c != i)
                .map(|&c| rows[c].id)
                .collect();
            codes::place(tx, parent.map(|p| rows[p].id), &rest)?;
            log::append(
                tx,
                &at,
                &actor,
                "delete_code",
                &rows[i].guid,
                &serde_json::json!({
                    "path": tree.path(i),
                    "key": rows[i].data.key,
                    "deleted": family.iter().map(|&c| serde_json::json!({
                        "guid": rows[c].guid, "key": rows[c].data.key,
                        "name": rows[c].data.name_nb,
                    })).collect::<Vec<_>>(),
                    "codings": codings,
                    "memos": memos,
                }),
            )?;
            Ok(CodeDeletion {
                codes: deleted,
                codings: codings_deleted,
            })
        })
    }

    /// The coder of this name, created if the project has none yet.
    pub fn coder(&mut self, name: &str) -> Result<Coder> {
        let name = normalize_value(name);
        if name.is_empty() {
            return Err(Error::Invalid("a coder needs a name".to_owned()));
        }
        if let Some(coder) = coders::by_name(self.store.conn(), &name)? {
            return Ok(coder);
        }
        let (at, actor) = (now(), self.actor.clone());
        self.store.write(|tx| {
            let (coder, created) = coders::get_or_create(tx, &name, &at)?;
            if created {
                log::append(
                    tx,
                    &at,
                    &actor,
                    "create_coder",
                    &coder.guid,
                    &serde_json::json!({ "name": coder.name }),
                )?;
            }
            Ok(coder)
        })
    }

    /// The coder this handle codes as: named like the change log's actor (the OS user name
    /// unless [`Project::set_actor`] was called), created on first use.
    pub fn current_coder(&mut self) -> Result<Coder> {
        let actor = self.actor.clone();
        self.coder(&actor)
    }

    /// Every coder, in the order they were added.
    pub fn coders(&self) -> Result<Vec<Coder>> {
        coders::all(self.store.conn())
    }
}

fn delete_summary(counts: documents::DeleteCounts) -> DeleteSummary {
    DeleteSummary {
        turns: counts.turns,
        speakers: counts.speakers,
        informants_removed: counts.informants_removed,
        attribute_count: counts.attribute_count,
    }
}

/// Fails when `parent` (`None`: the top level) has a child other than `except` named `name`.
/// Inserts a code named `name` (normalised) at the end of `parent`'s children, with `color` or
/// its parent's (a top-level code gets the next palette colour), and logs `create_code`. Inside
/// a gesture's transaction (`create_code`, in-vivo coding); returns the new code's id and GUID.
pub(crate) fn insert_code(
    tx: &rusqlite::Transaction,
    (at, actor): (&str, &str),
    tree: &Tree,
    parent: Option<usize>,
    name: &str,
    color: Option<String>,
) -> Result<(i64, String)> {
    refuse_sibling_clash(tree, parent, name, None)?;
    let color = color.unwrap_or_else(|| {
        codebook::default_color(
            parent.map(|p| tree.row(p).data.color.as_str()),
            tree.children(None).len(),
        )
    });
    let position = tree.children(parent).len();
    let data = CodeData {
        name_nb: name.to_owned(),
        color: color.clone(),
        ..CodeData::default()
    };
    let parent_id = parent.map(|p| tree.row(p).id);
    let (id, guid) = codes::insert(tx, parent_id, position, &data, at)?;
    log::append(
        tx,
        at,
        actor,
        "create_code",
        &guid,
        &serde_json::json!({ "name": name, "color": color, "position": position,
                             "parent": parent.map(|p| &tree.row(p).guid) }),
    )?;
    Ok((id, guid))
}

fn refuse_sibling_clash(
    tree: &Tree,
    parent: Option<usize>,
    name: &str,
    except: Option<usize>,
) -> Result<()> {
    match tree.sibling_named(parent, name, except) {
        None => Ok(()),
        Some(clash) => {
            let place = parent.map_or_else(
                || "at the top level".to_owned(),
                |p| format!("under {}", tree.describe(p)),
            );
            Err(Error::Invalid(format!(
                "there is already a code {} {place}; names must differ among siblings \
                 (ignoring case)",
                tree.describe(clash)
            )))
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "codebook".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Files below `path` in a stable order; hidden files and folders are passed over.
fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        files.push(path.to_owned());
        return Ok(());
    }
    let mut entries = std::fs::read_dir(path)
        .map_err(|e| Error::io(path, e))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|e| Error::io(path, e))?;
    entries.retain(|p| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    });
    entries.sort_by(|a, b| collate::compare(&a.to_string_lossy(), &b.to_string_lossy()));
    for entry in entries {
        collect_files(&entry, files)?;
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Words as a researcher counts them: runs of letters and digits (a hyphen or apostrophe inside
/// a word keeps it one word).
pub fn count_words(text: &str) -> usize {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn attribute_key(key: &str) -> Result<String> {
    let key = normalize_value(key).to_lowercase();
    if key.is_empty() {
        return Err(Error::Invalid("an attribute needs a name".to_owned()));
    }
    Ok(key)
}

pub(crate) fn normalize_value(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    value.trim().nfc().collect()
}

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a current UTC time formats as RFC 3339")
}

/// The OS user name, which coders and the change log use until the researcher sets a name.
pub fn default_actor() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}
