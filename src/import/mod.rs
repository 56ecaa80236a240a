//! Reading transcript files into paragraphs. Each format module turns a file's bytes into
//! [`Paragraph`]s (the unit `conventions.md` defines per format) and knows nothing about turns,
//! SQLite or other formats. Everything here is pure: bytes in, paragraphs or an error out.

mod archive;
mod docx;
mod odt;
mod subtitles;
mod txt;

use unicode_normalization::UnicodeNormalization;

/// The file formats Tolk imports transcripts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Docx,
    Odt,
    Vtt,
    Srt,
}

impl Format {
    /// The format for a file name, by its extension (case-insensitive).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let ext = std::path::Path::new(name)
            .extension()?
            .to_str()?
            .to_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Txt,
            "md" | "markdown" => Format::Md,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "vtt" => Format::Vtt,
            "srt" => Format::Srt,
            _ => return None,
        })
    }

    /// The lower-case name used in the project file and in CLI output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Vtt => "vtt",
            Format::Srt => "srt",
        }
    }

    /// Parses [`Format::as_str`] output.
    pub fn parse(s: &str) -> Option<Format> {
        Format::from_file_name(&format!("x.{s}"))
    }
}

/// A speaker named by the file format itself (a VTT voice tag, an SRT `SPEAKER_00:` prefix, the
/// speaker cell of a docx table row), so turn recognition need not guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLabel {
    /// The speaker's name as written.
    pub speaker: String,
    /// How many chars at the start of the paragraph's text are the label (`"Kari: "` is 6).
    pub label_chars: usize,
}

/// One paragraph of a transcript: a line of `.txt`/`.md`, a `w:p` of docx, a `text:p`/`text:h`
/// of odt, one merged cue of VTT/SRT (stored as `Speaker: text`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, NFC; it contains `\n` only for explicit line breaks (`<w:br/>`).
    pub text: String,
    /// Chars of a leading bold run (docx/odt), 0 when there is none: a bold run may be a speaker
    /// label even without a colon.
    pub bold_prefix_chars: usize,
    /// A speaker the format states explicitly.
    pub label: Option<SourceLabel>,
    /// The start time the format states (VTT/SRT cues), in milliseconds.
    pub time_ms: Option<u64>,
}

impl Paragraph {
    /// A plain paragraph with nothing but text.
    pub fn plain(text: impl Into<String>) -> Self {
        Paragraph {
            text: text.into(),
            ..Paragraph::default()
        }
    }
}

/// What a format reader produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub format: Format,
    pub paragraphs: Vec<Paragraph>,
    /// How many chars normalisation (NFC, line endings) changed.
    pub normalized_chars: usize,
    /// Things the researcher should know that did not stop the import (e.g. the encoding guessed).
    pub warnings: Vec<ImportWarning>,
}

/// Something the researcher should know about a file that did not stop its import. Front ends
/// translate each kind themselves; `Display` is the English sentence the CLI prints (and
/// `tolk import --json` lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportWarning {
    /// No UTF-8 and no byte-order mark: the text was decoded as this legacy encoding (its
    /// WHATWG name, lower-cased, e.g. `windows-1252`), guessed from the bytes.
    EncodingGuessed { encoding: String },
    /// An odt file's `styles.xml` could not be read, so bold speaker labels may be missed;
    /// `detail` says what was wrong with it (a file-format detail, in English).
    StylesUnreadable { detail: String },
    /// Built-in recognition found no speaker label, so the whole text is preamble.
    NoSpeakerLabels,
    /// The researcher's speaker pattern matched no paragraph, so the whole text is preamble.
    PatternMatchedNothing { pattern: String },
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportWarning::EncodingGuessed { encoding } => {
                write!(f, "decoded as {encoding} (no UTF-8 or BOM found)")
            }
            ImportWarning::StylesUnreadable { .. } => {
                f.write_str("styles.xml could not be read, so bold speaker labels may be missed")
            }
            ImportWarning::NoSpeakerLabels => f.write_str(
                "no speaker labels were recognised, so the whole text is preamble; give a \
                 speaker pattern if the file has labels",
            ),
            ImportWarning::PatternMatchedNothing { pattern } => write!(
                f,
                "the speaker pattern {pattern:?} matched no paragraph, so the whole text is \
                 preamble"
            ),
        }
    }
}

/// What a reader reports besides its paragraphs.
#[derive(Debug, Default)]
pub(crate) struct ReadNotes {
    pub warnings: Vec<ImportWarning>,
    /// Chars changed by normalisation (NFC, line endings) so far.
    pub normalized_chars: usize,
}

/// Why a file could not be read. The batch importer puts the file's path in front.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(
        "unsupported file type {0:?}: Tolk imports .txt, .md, .docx, .odt, .vtt and .srt files"
    )]
    Unsupported(String),
    #[error("the file is empty")]
    Empty,
    #[error("this is a binary file, not text (is it misnamed?)")]
    Binary,
    #[error("not a readable {format} file: {reason}")]
    Corrupt {
        format: &'static str,
        reason: String,
    },
    #[error(
        "refused: the {format} file would unpack to more than {limit_mb} MB, which no transcript \
         needs (a damaged or malicious file?)"
    )]
    TooLarge { format: &'static str, limit_mb: u64 },
    #[error("the file contains no text")]
    NoText,
}

/// Reads a file's bytes as the format its name says.
pub fn extract(file_name: &str, bytes: &[u8]) -> Result<Extracted, ImportError> {
    let format = Format::from_file_name(file_name).ok_or_else(|| {
        let ext = std::path::Path::new(file_name).extension().map_or_else(
            || "(none)".to_owned(),
            |e| format!(".{}", e.to_string_lossy()),
        );
        ImportError::Unsupported(ext)
    })?;
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut notes = ReadNotes::default();
    let raw = match format {
        Format::Txt | Format::Md => txt::paragraphs(bytes, &mut notes, format == Format::Md)?,
        Format::Docx => docx::paragraphs(bytes, &mut notes)?,
        Format::Odt => odt::paragraphs(bytes, &mut notes)?,
        Format::Vtt => subtitles::vtt_paragraphs(&txt::decode(bytes, &mut notes)?)?,
        Format::Srt => subtitles::srt_paragraphs(&txt::decode(bytes, &mut notes)?)?,
    };
    let paragraphs = raw
        .into_iter()
        .map(|p| normalize_paragraph(p, &mut notes.normalized_chars))
        .collect::<Vec<_>>();
    if paragraphs.iter().all(|p| p.text.trim().is_empty()) {
        return Err(ImportError::NoText);
    }
    Ok(Extracted {
        format,
        paragraphs,
        normalized_chars: notes.normalized_chars,
        warnings: notes.warnings,
    })
}

/// NFC-normalises a paragraph and remaps its prefix lengths. Readers hand over paragraphs with
/// line endings already made LF (a CR may still come from inside a docx run, and is mapped too). The prefix and the rest are
/// normalised separately so a label boundary never moves; the two halves are each NFC, and
/// their concatenation is NFC unless the rest starts with a combining mark, which no label
/// boundary in a real transcript does.
fn normalize_paragraph(mut p: Paragraph, changed: &mut usize) -> Paragraph {
    let remap = |text: &str, prefix_chars: usize| -> (String, usize) {
        let split = crate::text::byte_of_char(text, prefix_chars);
        let head: String = text[..split].nfc().collect();
        let tail: String = text[split..].nfc().collect();
        let head_len = head.chars().count();
        (head + &tail, head_len)
    };
    let before = p.text.chars().count();
    let cr = p.text.matches('\r').count();
    if cr > 0 {
        p.text = p.text.replace("\r\n", "\n").replace('\r', "\n");
    }
    let (text, bold) = remap(&p.text, p.bold_prefix_chars);
    p.bold_prefix_chars = bold;
    if let Some(label) = p.label.as_mut() {
        let (_, label_len) = remap(&p.text, label.label_chars);
        label.label_chars = label_len;
        label.speaker = label.speaker.nfc().collect();
    }
    *changed += cr + before.abs_diff(text.chars().count()).saturating_sub(cr);
    p.text = text;
    p
}
