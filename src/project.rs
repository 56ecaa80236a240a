//! The project facade: one method per thing a researcher does to a project. It owns the SQLite
//! store and keeps imports, turns, informants and attributes consistent; the CLI and the desktop
//! shell call nothing else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::import::{self, Format};
use crate::language::Language;
use crate::store::attributes::{self, Owner};
use crate::store::documents::{self, NewDocument};
use crate::store::{informants, log, new_guid, Store};
use crate::turns::{self, SpeakerPattern};
use crate::{attribute_csv, collate, Error, Result};

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
    pub warnings: Vec<String>,
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
}

impl Project {
    /// The project file's path.
    pub fn path(&self) -> &Path {
        &self.path
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
}

/// What a batch import did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: Vec<(PathBuf, ImportOutcome)>,
    pub skipped: Vec<SkippedFile>,
    pub failed: Vec<FailedFile>,
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
        let mut report = ImportReport::default();
        let mut files = Vec::new();
        for path in paths {
            if let Err(e) = collect_files(path, &mut files) {
                report.failed.push(FailedFile {
                    path: path.clone(),
                    error: e.to_string(),
                });
            }
        }
        let total = files.len();
        for (i, path) in files.iter().enumerate() {
            match self.import_path(path, options) {
                Ok(Imported::New(outcome)) => report.imported.push((path.clone(), outcome)),
                Ok(Imported::Duplicate(existing)) => report.skipped.push(SkippedFile {
                    path: path.clone(),
                    existing,
                }),
                Err(e) => report.failed.push(FailedFile {
                    path: path.clone(),
                    error: e.to_string(),
                }),
            }
            progress(ImportProgress {
                done: i + 1,
                total,
                path,
            });
        }
        report
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
        let turns = documents::turns(conn, id)?
            .into_iter()
            .map(|t| TurnView {
                n: t.n,
                speaker: t.speaker,
                role: t.role,
                informant: t.informant,
                label_start_char: t.label_start_char,
                start_char: t.start_char,
                end_char: t.end_char,
                time_ms: t.time_ms,
            })
            .collect();
        Ok(DocumentView {
            attributes: attributes::get(conn, Owner::Document(id))?,
            guid: row.guid,
            name: row.name,
            format: row.format,
            language: row.language,
            text: row.text,
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
        self.store.write(|tx| {
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
        self.store.write(|tx| {
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
        self.store.write(|tx| {
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
        debug_assert_eq!(segmented.text, row.text, "re-extraction is deterministic");
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
        self.store.write(|tx| {
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
        self.store.write(|tx| {
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

fn normalize_value(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    value.trim().nfc().collect()
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a current UTC time formats as RFC 3339")
}

/// The OS user name, which coders and the change log use until the researcher sets a name.
fn default_actor() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}
