//! Import as the desktop app does it: a preview that reads and parses files without writing
//! anything, and a batch import that can be cancelled between files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{
    collect_files, sha256_hex, FailedFile, ImportOptions, ImportProgress, ImportReport, Imported,
    Project, SkippedFile, SpeakerRole,
};
use crate::import::{self, Format, ImportError};
use crate::language::Language;
use crate::store::documents;
use crate::turns::{self, is_interviewer_label};
use crate::{Error, Result};

/// How many turns a preview quotes, and how many chars of each.
pub const PREVIEW_TURNS: usize = 3;
pub const PREVIEW_TURN_CHARS: usize = 160;

/// A speaker as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerPreview {
    pub label: String,
    /// Turns this speaker has.
    pub turns: usize,
    /// The role the import would give: interviewer labels by default, informant otherwise.
    pub role: SpeakerRole,
}

/// One of the first turns, quoted in the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnPreview {
    pub n: u32,
    pub speaker: String,
    /// The turn's words, cut at [`PREVIEW_TURN_CHARS`] chars (with `…` when cut).
    pub text: String,
    pub time_ms: Option<u64>,
}

/// What importing one file would do, found without writing anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePreview {
    pub path: PathBuf,
    /// The document name it would get (the file stem, ` (2)` on a clash).
    pub name: String,
    /// By extension; `None` for a file type Tolk does not import.
    pub format: Option<Format>,
    /// The language it would get (the option, or the guess); `None` when it cannot be read.
    pub language: Option<Language>,
    pub turns: usize,
    pub words: usize,
    /// Speakers in order of first appearance.
    pub speakers: Vec<SpeakerPreview>,
    /// Header attributes in the file's order (keys lower-cased as the importer stores them).
    pub attributes: Vec<(String, String)>,
    pub first_turns: Vec<TurnPreview>,
    pub normalized_chars: usize,
    pub warnings: Vec<crate::import::ImportWarning>,
    /// The document that already has these bytes (in the project, or earlier in this batch):
    /// the import would skip the file.
    pub duplicate_of: Option<String>,
    /// Why the file cannot be imported, as the import would report it.
    pub error: Option<String>,
    /// The reading error behind `error`, when that is the reason.
    pub import_error: Option<ImportError>,
}

impl FilePreview {
    fn empty(path: &Path, name: String) -> FilePreview {
        FilePreview {
            path: path.to_owned(),
            name,
            format: Format::from_file_name(&path.to_string_lossy()),
            language: None,
            turns: 0,
            words: 0,
            speakers: Vec::new(),
            attributes: Vec::new(),
            first_turns: Vec::new(),
            normalized_chars: 0,
            warnings: Vec::new(),
            duplicate_of: None,
            error: None,
            import_error: None,
        }
    }

    /// Whether the import would add a document for this file.
    pub fn importable(&self) -> bool {
        self.error.is_none() && self.duplicate_of.is_none()
    }
}

impl Project {
    /// Reads and parses files and folders (folders expand as in [`Project::import_paths`]) and
    /// says what importing them with `options` would do, file by file. Writes nothing.
    pub fn preview_import(
        &self,
        paths: &[PathBuf],
        options: &ImportOptions,
    ) -> Result<Vec<FilePreview>> {
        let conn = self.store.conn();
        let mut previews = Vec::new();
        // Names and contents earlier files of this batch would take.
        let mut batch_names: Vec<String> = Vec::new();
        let mut batch_hashes: HashMap<String, String> = HashMap::new();
        for path in paths {
            let mut files = Vec::new();
            if let Err(e) = collect_files(path, &mut files) {
                let mut preview = FilePreview::empty(path, file_stem_of(path));
                preview.error = Some(e.to_string());
                previews.push(preview);
                continue;
            }
            for file in files {
                let stem = file_stem_of(&file);
                let mut preview = FilePreview::empty(&file, stem.clone());
                let bytes = match std::fs::read(&file) {
                    Ok(bytes) => bytes,
                    Err(e) => {
                        preview.error = Some(Error::io(&file, e).to_string());
                        previews.push(preview);
                        continue;
                    }
                };
                let sha256 = sha256_hex(&bytes);
                if let Some(existing) = documents::name_by_hash(conn, &sha256)? {
                    preview.duplicate_of = Some(existing);
                } else if let Some(existing) = batch_hashes.get(&sha256) {
                    preview.duplicate_of = Some(existing.clone());
                }
                let file_name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match import::extract(&file_name, &bytes) {
                    Err(source) => {
                        preview.import_error = Some(source.clone());
                        preview.error = Some(
                            Error::Import {
                                path: file.clone(),
                                source,
                            }
                            .to_string(),
                        )
                    }
                    Ok(extracted) => fill(&mut preview, extracted, options),
                }
                if preview.importable() {
                    preview.name = unique_in_batch(conn, &stem, &batch_names)?;
                    batch_names.push(preview.name.clone());
                    batch_hashes.insert(sha256, preview.name.clone());
                }
                previews.push(preview);
            }
        }
        Ok(previews)
    }

    /// [`Project::import_paths`] that stops when `cancel` is set: it is checked before each
    /// file, files already imported stay (each is its own transaction) and the rest are listed
    /// in [`ImportReport::not_imported`].
    pub fn import_paths_cancellable(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> ImportReport {
        let mut report = ImportReport::default();
        let mut files = Vec::new();
        for path in paths {
            if let Err(e) = collect_files(path, &mut files) {
                report.failed.push(FailedFile {
                    path: path.clone(),
                    error: e.to_string(),
                    import_error: None,
                });
            }
        }
        let files: Vec<(PathBuf, ImportOptions)> =
            files.into_iter().map(|f| (f, options.clone())).collect();
        let rest = self.import_files_cancellable(&files, cancel, progress);
        report.imported = rest.imported;
        report.skipped.extend(rest.skipped);
        report.failed.extend(rest.failed);
        report.not_imported = rest.not_imported;
        report
    }

    /// Imports files (not folders), each with its own options (the app lets the researcher set
    /// a language per file). Stops between files when `cancel` is set; see
    /// [`Project::import_paths_cancellable`].
    pub fn import_files_cancellable(
        &mut self,
        files: &[(PathBuf, ImportOptions)],
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> ImportReport {
        let mut report = ImportReport::default();
        let total = files.len();
        for (i, (path, options)) in files.iter().enumerate() {
            if cancel.load(Ordering::SeqCst) {
                report.not_imported = files[i..].iter().map(|(p, _)| p.clone()).collect();
                break;
            }
            match self.import_path(path, options) {
                Ok(Imported::New(outcome)) => report.imported.push((path.clone(), outcome)),
                Ok(Imported::Duplicate(existing)) => report.skipped.push(SkippedFile {
                    path: path.clone(),
                    existing,
                }),
                Err(e) => report.failed.push(FailedFile {
                    path: path.clone(),
                    error: e.to_string(),
                    import_error: match e {
                        Error::Import { source, .. } => Some(source),
                        _ => None,
                    },
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
}

fn fill(preview: &mut FilePreview, extracted: import::Extracted, options: &ImportOptions) {
    let segmented = turns::segment(&extracted.paragraphs, options.speaker_pattern.as_ref());
    preview.format = Some(extracted.format);
    preview.language = Some(
        options
            .language
            .unwrap_or_else(|| Language::guess(&segmented.text)),
    );
    preview.turns = segmented.turns.len();
    preview.words = super::count_words(&segmented.text);
    preview.normalized_chars = extracted.normalized_chars;
    for turn in &segmented.turns {
        match preview
            .speakers
            .iter_mut()
            .find(|s| s.label == turn.speaker)
        {
            Some(s) => s.turns += 1,
            None => preview.speakers.push(SpeakerPreview {
                label: turn.speaker.clone(),
                turns: 1,
                role: if is_interviewer_label(&turn.speaker) {
                    SpeakerRole::Interviewer
                } else {
                    SpeakerRole::Informant
                },
            }),
        }
    }
    preview.first_turns = segmented
        .turns
        .iter()
        .take(PREVIEW_TURNS)
        .zip(1..)
        .map(|(turn, n)| {
            let words = crate::text::slice_chars(&segmented.text, turn.start_char, turn.end_char);
            TurnPreview {
                n,
                speaker: turn.speaker.clone(),
                text: shorten(words.trim(), PREVIEW_TURN_CHARS),
                time_ms: turn.time_ms,
            }
        })
        .collect();
    preview.attributes = segmented.header;
    preview.warnings = extracted.warnings;
    preview.warnings.extend(segmented.warnings);
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_owned(),
        Some((byte, _)) => format!("{}…", text[..byte].trim_end()),
    }
}

fn file_stem_of(path: &Path) -> String {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Path::new(&file_name)
        .file_stem()
        .map_or_else(|| file_name.clone(), |s| s.to_string_lossy().into_owned())
}

/// The name [`documents::unique_name`] would give once the earlier files of the batch are in.
fn unique_in_batch(conn: &rusqlite::Connection, stem: &str, batch: &[String]) -> Result<String> {
    let first = documents::unique_name(conn, stem)?;
    if !batch.contains(&first) {
        return Ok(first);
    }
    let taken: BTreeMap<&str, ()> = batch.iter().map(|n| (n.as_str(), ())).collect();
    let mut n = 2;
    loop {
        let candidate = format!("{stem} ({n})");
        if !taken.contains_key(candidate.as_str())
            && documents::unique_name(conn, &candidate)? == candidate
        {
            return Ok(candidate);
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_cuts_at_chars_not_bytes() {
        assert_eq!(shorten("æøå", 3), "æøå");
        assert_eq!(shorten("æøå ære", 4), "æøå…");
        assert_eq!(shorten("ab", 5), "ab");
    }
}
