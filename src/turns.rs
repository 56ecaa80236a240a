//! Speaker-turn recognition: from a document's paragraphs to its stored text, its preamble
//! (including a `Key: value` header block, whose keys become attributes) and its numbered turns.
//! Pure functions over [`Paragraph`]s; the rules are the ones issue 2 and `conventions.md` state.

use regex::Regex;

use crate::import::Paragraph;

/// A researcher's override of turn recognition: a regex with a named group `speaker` (and
/// optionally `time`), matched at the start of each paragraph.
#[derive(Debug, Clone)]
pub struct SpeakerPattern {
    regex: Regex,
}

impl SpeakerPattern {
    /// Compiles a pattern; fails (as a usage error) when the regex is invalid or has no
    /// `speaker` group.
    pub fn new(pattern: &str) -> crate::Result<Self> {
        let invalid = |reason: String| crate::Error::InvalidPattern {
            pattern: pattern.to_owned(),
            reason,
        };
        let regex = Regex::new(pattern).map_err(|e| invalid(e.to_string()))?;
        if !regex.capture_names().any(|n| n == Some("speaker")) {
            return Err(invalid("it needs a named group (?P<speaker>…)".to_owned()));
        }
        Ok(SpeakerPattern { regex })
    }

    /// The pattern as the researcher wrote it.
    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }

    /// The compiled regex.
    pub fn regex(&self) -> &Regex {
        &self.regex
    }
}

/// One speaker turn. Offsets are chars into [`Segmented::text`], end exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The speaker label as written (trimmed), e.g. `IP1`, `Intervjuer`, `Kari Nordmann`.
    pub speaker: String,
    /// Where the turn's paragraph starts: its timestamp or label.
    pub label_start_char: usize,
    /// Where the turn's words start, after label and timestamp.
    pub start_char: usize,
    /// Where the turn's words end (trailing whitespace and blank paragraphs excluded).
    pub end_char: usize,
    /// The turn's timestamp in milliseconds, if it had one.
    pub time_ms: Option<u64>,
}

/// A document split into preamble and turns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segmented {
    /// The stored text: the paragraphs joined with `\n`.
    pub text: String,
    /// Chars before the first turn (header block and any other preamble); the text's length
    /// when there are no turns.
    pub preamble_end_char: usize,
    /// The turns in document order (numbered from 1 by position).
    pub turns: Vec<Turn>,
    /// Header attributes in order of appearance: lower-cased key, trimmed value.
    pub header: Vec<(String, String)>,
    /// Things the researcher should know, e.g. that no speaker labels were found.
    pub warnings: Vec<String>,
}

/// Splits paragraphs into preamble and turns, with the built-in rules or `pattern`.
pub fn segment(paragraphs: &[Paragraph], pattern: Option<&SpeakerPattern>) -> Segmented {
    let _ = (paragraphs, pattern);
    todo!("turn recognition")
}

/// Whether a speaker label names an interviewer by default (I, F, M, Intervjuer, Intervjuar,
/// Moderator), case-insensitively.
pub fn is_interviewer_label(label: &str) -> bool {
    const INTERVIEWERS: [&str; 6] = ["i", "f", "m", "intervjuer", "intervjuar", "moderator"];
    let label = label.trim().to_lowercase();
    INTERVIEWERS.contains(&label.as_str())
}
