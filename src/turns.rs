//! Speaker-turn recognition: from a document's paragraphs to its stored text, its preamble
//! (including a `Key: value` header block, whose keys become attributes) and its numbered turns.
//! Pure functions over [`Paragraph`]s; the rules are the ones issue 2 and `conventions.md` state.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::import::{ImportWarning, Paragraph};

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
    pub warnings: Vec<ImportWarning>,
}

/// Splits paragraphs into preamble and turns, with the built-in rules or `pattern`.
///
/// Choices where the rules leave room:
/// - `label_start_char` is the start of the turn's paragraph, leading whitespace included, so the
///   preamble and the turns tile the text without gaps and `preamble_end_char` equals the first
///   turn's `label_start_char`.
/// - A turn with no words at all has `start_char = end_char` at the end of its paragraph.
/// - With a pattern, a match whose `speaker` group is empty is not a turn (a speakerless turn
///   could not be attributed to anyone).
pub fn segment(paragraphs: &[Paragraph], pattern: Option<&SpeakerPattern>) -> Segmented {
    let mut text = String::with_capacity(paragraphs.iter().map(|p| p.text.len() + 1).sum());
    // Char offsets are tracked per paragraph so no count ever runs over the growing text.
    let mut para_start = Vec::with_capacity(paragraphs.len());
    let mut para_chars = Vec::with_capacity(paragraphs.len());
    let mut total_chars = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            text.push('\n');
            total_chars += 1;
        }
        text.push_str(&p.text);
        let n = p.text.chars().count();
        para_start.push(total_chars);
        para_chars.push(n);
        total_chars += n;
    }

    let (header, body_from) = header_block(paragraphs).unwrap_or_default();
    let body = &paragraphs[body_from..];
    let starts: Vec<Option<Start>> = match pattern {
        Some(pattern) => body
            .iter()
            .map(|p| pattern_start(&p.text, pattern))
            .collect(),
        None => builtin_starts(body),
    };

    let mut turns = Vec::new();
    let mut current: Option<OpenTurn> = None;
    for (offset, (p, start)) in body.iter().zip(starts).enumerate() {
        let i = body_from + offset;
        let base = para_start[i];
        // Chars of trailing whitespace are counted from the short tail, not the whole paragraph.
        let trimmed = p.text.trim_end();
        let words_end = base + para_chars[i] - p.text[trimmed.len()..].chars().count();
        match start {
            Some(start) => {
                if let Some(open) = current.take() {
                    turns.push(open.finish());
                }
                let words_at = base + p.text[..start.words_byte].chars().count();
                let has_words = start.words_byte < p.text.len();
                current = Some(OpenTurn {
                    speaker: start.speaker,
                    label_start_char: base,
                    words: has_words.then_some((words_at, words_end)),
                    empty_at: words_at,
                    time_ms: start.time_ms.or(p.time_ms),
                });
            }
            None => {
                let Some(open) = current.as_mut() else {
                    continue;
                };
                if trimmed.trim_start().is_empty() {
                    continue;
                }
                let lead = p.text.len() - p.text.trim_start().len();
                let first = base + p.text[..lead].chars().count();
                open.words = Some(match open.words {
                    Some((s, _)) => (s, words_end),
                    None => (first, words_end),
                });
            }
        }
    }
    if let Some(open) = current {
        turns.push(open.finish());
    }

    let mut warnings = Vec::new();
    if turns.is_empty() {
        warnings.push(match pattern {
            None => ImportWarning::NoSpeakerLabels,
            Some(p) => ImportWarning::PatternMatchedNothing {
                pattern: p.as_str().to_owned(),
            },
        });
    }
    Segmented {
        text,
        preamble_end_char: turns.first().map_or(total_chars, |t| t.label_start_char),
        turns,
        header,
        warnings,
    }
}

/// Whether a speaker label names an interviewer by default (I, F, M, Intervjuer, Intervjuar,
/// Moderator), case-insensitively.
pub fn is_interviewer_label(label: &str) -> bool {
    const INTERVIEWERS: [&str; 6] = ["i", "f", "m", "intervjuer", "intervjuar", "moderator"];
    let label = label.trim().to_lowercase();
    INTERVIEWERS.contains(&label.as_str())
}

const MAX_LABEL_WORDS: usize = 4;
const MAX_LABEL_CHARS: usize = 40;
/// Header keys get one word of slack over labels ("up to ~4 words"): a real header whose key is
/// rejected falls apart entirely, and its `Informant:`/`Intervjuer:` lines would become turns.
const MAX_KEY_WORDS: usize = 5;

/// Where a turn begins inside its paragraph.
struct Start {
    speaker: String,
    /// Byte offset in the paragraph where the words begin (its length when there are none).
    words_byte: usize,
    time_ms: Option<u64>,
}

struct OpenTurn {
    speaker: String,
    label_start_char: usize,
    /// First and end char of the turn's words so far, once it has any.
    words: Option<(usize, usize)>,
    /// Where a wordless turn sits.
    empty_at: usize,
    time_ms: Option<u64>,
}

impl OpenTurn {
    fn finish(self) -> Turn {
        let (start_char, end_char) = self.words.unwrap_or((self.empty_at, self.empty_at));
        Turn {
            speaker: self.speaker,
            label_start_char: self.label_start_char,
            start_char,
            end_char,
            time_ms: self.time_ms,
        }
    }
}

/// The header block at the top, if there is one: its attributes and the index of the first
/// paragraph after it (after the `---` that closes it, if any).
fn header_block(paragraphs: &[Paragraph]) -> Option<(Vec<(String, String)>, usize)> {
    let first = paragraphs.iter().position(|p| !p.text.trim().is_empty())?;
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut i = first;
    while let Some(kv) = paragraphs.get(i).and_then(header_line) {
        // `I: Hei.` right under the header is dialogue, not a field: the run has run into the
        // interview without the blank line that would end a header.
        if is_speaker_code(&kv.0) {
            return None;
        }
        attrs.push(kv);
        i += 1;
    }
    // An unterminated run (into dialogue, or to the end) is more likely labelled speech.
    let terminator = paragraphs.get(i)?;
    let body_from = if terminator.text.trim().is_empty() {
        i
    } else if is_rule(&terminator.text) {
        i + 1
    } else {
        return None;
    };
    if attrs.len() < 3 {
        return None;
    }
    let mut keys: Vec<&str> = attrs.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    Some((attrs, body_from))
}

/// A single-line `Key: value` paragraph: the key lower-cased and trimmed, the value trimmed.
fn header_line(p: &Paragraph) -> Option<(String, String)> {
    if p.label.is_some() || p.text.contains('\n') {
        return None;
    }
    let line = p.text.trim();
    let (key, value) = line.split_once(':')?;
    // Markdown writes `**Rolle:** leder` or `**Rolle**: leder`; the stars are not the key.
    let (key, value) = if line.starts_with("**") {
        (key.trim_matches('*'), value.trim_start_matches('*'))
    } else {
        (key, value)
    };
    let key = key.trim();
    let words = key.split_whitespace().count();
    let plausible = (1..=MAX_KEY_WORDS).contains(&words)
        && key.chars().count() <= MAX_LABEL_CHARS
        && key.chars().any(char::is_alphabetic)
        && !key.contains(['[', ']', '?', '!', '"', '*']);
    plausible.then(|| (key.to_lowercase(), value.trim().to_owned()))
}

/// A `---` paragraph (a longer run of hyphens counts too).
fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3 && t.chars().all(|c| c == '-')
}

/// Built-in detection over the body: source labels always start turns; a written label does
/// when it is known or starts at least two body paragraphs.
fn builtin_starts(body: &[Paragraph]) -> Vec<Option<Start>> {
    let candidates: Vec<Option<(Start, String)>> = body
        .iter()
        .map(|p| {
            let start = match &p.label {
                Some(source) => source_start(p, source),
                None => written_label(&p.text, p.bold_prefix_chars)?,
            };
            let key = label_key(&start.speaker);
            Some((start, key))
        })
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, key) in candidates.iter().flatten() {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    let accepted: Vec<bool> = body
        .iter()
        .zip(&candidates)
        .map(|(p, c)| {
            c.as_ref().is_some_and(|(_, key)| {
                p.label.is_some() || is_known_label(key) || counts[key.as_str()] >= 2
            })
        })
        .collect();
    candidates
        .into_iter()
        .zip(accepted)
        .map(|(c, ok)| c.filter(|_| ok).map(|(s, _)| s))
        .collect()
}

fn source_start(p: &Paragraph, source: &crate::import::SourceLabel) -> Start {
    let at = crate::text::byte_of_char(&p.text, source.label_chars);
    Start {
        speaker: source.speaker.trim().to_owned(),
        words_byte: skip_ws(&p.text, at),
        time_ms: None,
    }
}

/// Labels compare case-insensitively and regardless of how many spaces separate their words.
fn label_key(label: &str) -> String {
    let mut key = String::with_capacity(label.len());
    for (i, word) in label.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// I, F, M, IP, IP<n>, Informant, Informant <n>, Intervjuer, Intervjuar, Moderator,
/// Deltaker <n>, SPEAKER_<nn>, Speaker <n>; `key` is already lower-cased.
fn is_known_label(key: &str) -> bool {
    const BARE: [&str; 8] = [
        "i",
        "f",
        "m",
        "ip",
        "informant",
        "intervjuer",
        "intervjuar",
        "moderator",
    ];
    const NUMBERED: [&str; 4] = ["ip", "informant", "deltaker", "speaker"];
    if BARE.contains(&key) {
        return true;
    }
    NUMBERED.iter().any(|prefix| {
        key.strip_prefix(prefix).is_some_and(|rest| {
            // Transcribers write `IP1`, `IP 1`, `SPEAKER_01` and `Speaker 1` interchangeably.
            let digits = rest.strip_prefix([' ', '_']).unwrap_or(rest);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// Known labels no header would use as a field name (`Informant:` and `Intervjuer:` are
/// header fields as often as labels; `I:` and `IP1:` are only ever speakers).
fn is_speaker_code(key: &str) -> bool {
    is_known_label(key)
        && !key.starts_with("in")
        && !key.starts_with("deltaker")
        && key != "moderator"
}

/// A label written in the paragraph: a bold leading run if it qualifies, else `Label:`.
fn written_label(text: &str, bold_prefix_chars: usize) -> Option<Start> {
    if bold_prefix_chars > 0 {
        if let Some(start) = bold_label(text, bold_prefix_chars) {
            return Some(start);
        }
    }
    colon_label(text)
}

/// `[ts] Label [ts]: [ts] words`, each timestamp optional, the label optionally in `**`.
fn colon_label(s: &str) -> Option<Start> {
    let mut p = skip_ws(s, 0);
    let mut time = None;
    if let Some((end, ms)) = timestamp_at(s, p) {
        time = Some(ms);
        p = skip_ws(s, end);
    }
    let starred = s[p..].starts_with("**");
    if starred {
        p += 2;
    }
    let (label_start, label_end) = label_words(s, p)?;
    p = skip_hspace(s, label_end);
    let mut closed = false;
    if starred && s[p..].starts_with("**") {
        closed = true;
        p = skip_hspace(s, p + 2);
    }
    if let Some((end, ms)) = timestamp_at(s, p) {
        time = time.or(Some(ms));
        p = skip_hspace(s, end);
    }
    if !s[p..].starts_with(':') {
        return None;
    }
    let before = s[..p].chars().next_back();
    let after = s[p + 1..].chars().next();
    // `https://…` and clock times like `kl 10:30` have a colon but no speaker.
    if after == Some('/')
        || (before.is_some_and(|c| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit()))
    {
        return None;
    }
    p += 1;
    if starred && !closed {
        if !s[p..].starts_with("**") {
            return None;
        }
        p += 2;
    }
    Some(finish_start(s, p, &s[label_start..label_end], time))
}

/// A docx/odt bold leading run that is a label (with an optional timestamp) and nothing more;
/// its colon may be inside the run, right after it, or missing.
fn bold_label(s: &str, bold_prefix_chars: usize) -> Option<Start> {
    let bold_end = crate::text::byte_of_char(s, bold_prefix_chars);
    let b = &s[..bold_end];
    let mut p = skip_ws(b, 0);
    let mut time = None;
    if let Some((end, ms)) = timestamp_at(b, p) {
        time = Some(ms);
        p = skip_ws(b, end);
    }
    let (label_start, label_end) = label_words(b, p)?;
    p = skip_hspace(b, label_end);
    if let Some((end, ms)) = timestamp_at(b, p) {
        time = time.or(Some(ms));
        p = skip_hspace(b, end);
    }
    let mut colon = b[p..].starts_with(':');
    if colon {
        p += 1;
    }
    if skip_ws(b, p) != b.len() {
        return None;
    }
    // A run that stops inside a word (`**Kar**i`) is emphasis, not a label.
    let ends_in_word = b.chars().next_back().is_some_and(is_word_char);
    if !colon && ends_in_word && s[bold_end..].chars().next().is_some_and(is_word_char) {
        return None;
    }
    let mut words_from = bold_end;
    if !colon {
        let q = skip_hspace(s, bold_end);
        colon = s[q..].starts_with(':');
        if colon {
            words_from = q + 1;
        }
    }
    Some(finish_start(
        s,
        words_from,
        &b[label_start..label_end],
        time,
    ))
}

/// The start of a turn once its label and colon are consumed: whitespace and a timestamp after
/// the colon are not words.
fn finish_start(s: &str, from: usize, label: &str, mut time: Option<u64>) -> Start {
    let mut p = skip_ws(s, from);
    if let Some((end, ms)) = timestamp_at(s, p) {
        time = time.or(Some(ms));
        p = skip_ws(s, end);
    }
    Start {
        speaker: label.trim().to_owned(),
        words_byte: p,
        time_ms: time,
    }
}

/// One to four words starting at `p`, separated by spaces; returns the label's byte range.
fn label_words(s: &str, p: usize) -> Option<(usize, usize)> {
    let mut pos = p;
    let mut words = 0;
    let mut end = p;
    loop {
        // `IP1 00:01:02:` — the digits are a timestamp, not a second word of the label.
        if words > 0 && timestamp_at(s, pos).is_some() {
            break;
        }
        let mut word_end = pos;
        let mut has_alnum = false;
        for (i, c) in s[pos..].char_indices() {
            if !is_word_char(c) {
                break;
            }
            has_alnum |= c.is_alphanumeric();
            word_end = pos + i + c.len_utf8();
        }
        if !has_alnum {
            break;
        }
        words += 1;
        if words > MAX_LABEL_WORDS {
            return None;
        }
        end = word_end;
        let next = skip_hspace(s, word_end);
        if next == word_end || !s[next..].chars().next().is_some_and(is_word_char) {
            break;
        }
        pos = next;
    }
    let label = &s[p..end];
    let fits = words > 0
        && label.chars().any(char::is_alphabetic)
        && label.chars().count() <= MAX_LABEL_CHARS;
    fits.then_some((p, end))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '_' | '.' | '-' | '\'' | '’' | '‐')
        || unicode_normalization::char::is_combining_mark(c)
}

fn skip_ws(s: &str, from: usize) -> usize {
    s.len() - s[from..].trim_start().len()
}

fn skip_hspace(s: &str, from: usize) -> usize {
    s.len() - s[from..].trim_start_matches([' ', '\t', '\u{a0}']).len()
}

/// `[00:01:02]`, `[01:02]`, `(01:02)`, `(00:01:02)` (fractions allowed inside the brackets) or a
/// bare `00:01:02`.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\[[ \t]*(?P<b>\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?)[ \t]*\]|\([ \t]*(?P<p>\d{1,3}(?::\d{2}){1,2}(?:[.,]\d{1,3})?)[ \t]*\)|(?P<bare>\d{1,2}:\d{2}:\d{2}))",
    )
    .expect("the timestamp regex is valid")
});

/// A timestamp at byte `pos`: where it ends and its time in milliseconds.
fn timestamp_at(s: &str, pos: usize) -> Option<(usize, u64)> {
    let rest = &s[pos..];
    // Most paragraphs start with a letter: skip the regex for them.
    if !rest.starts_with(['[', '(']) && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let caps = TIMESTAMP.captures(rest)?;
    let end = caps.get(0)?.end();
    if caps.name("bare").is_some() {
        // A bare time must stand alone: `00:01:02 I:` yes, `00:01:02:03` or `10:30:45x` no.
        let mut after = rest[end..].chars();
        let ok = match after.next() {
            None => true,
            Some(':') => !after.next().is_some_and(|c| c.is_ascii_digit()),
            Some(c) => c.is_whitespace(),
        };
        if !ok {
            return None;
        }
    }
    let body = caps.name("b").or(caps.name("p")).or(caps.name("bare"))?;
    Some((pos + end, parse_time(body.as_str())?))
}

/// `h:m:s` or `m:s` with an optional `.5`/`,500` fraction, brackets allowed around it.
fn parse_time(raw: &str) -> Option<u64> {
    let t = raw
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')'])
        .trim();
    let (clock, fraction) = match t.find(['.', ',']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mut parts = [0u64; 3];
    let mut n = 0;
    for part in clock.split(':') {
        let valid = !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit());
        if !valid || n == 3 {
            return None;
        }
        parts[n] = part.parse().ok()?;
        n += 1;
    }
    let (h, m, sec) = match n {
        2 => (0, parts[0], parts[1]),
        // Minutes past 59 are fine in `m:s` (a 75-minute interview) but not next to hours.
        3 if parts[1] < 60 => (parts[0], parts[1], parts[2]),
        _ => return None,
    };
    if sec >= 60 {
        return None;
    }
    let millis = match fraction {
        None => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            // `.5` is 500 ms: pad to three digits, drop anything finer than a millisecond.
            f.bytes()
                .chain(std::iter::repeat(b'0'))
                .take(3)
                .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'))
        }
        Some(_) => return None,
    };
    Some(((h * 60 + m) * 60 + sec) * 1000 + millis)
}

/// A custom pattern's match at byte 0 of the paragraph.
fn pattern_start(text: &str, pattern: &SpeakerPattern) -> Option<Start> {
    let caps = pattern.regex().captures(text)?;
    let whole = caps.get(0)?;
    if whole.start() != 0 {
        return None;
    }
    let speaker = caps.name("speaker")?.as_str().trim();
    if speaker.is_empty() {
        return None;
    }
    Some(Start {
        speaker: speaker.to_owned(),
        words_byte: skip_ws(text, whole.end()),
        time_ms: caps.name("time").and_then(|t| parse_time(t.as_str())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::SourceLabel;
    use crate::text::slice_chars;
    use proptest::prelude::*;

    fn seg(lines: &[&str]) -> Segmented {
        let paragraphs: Vec<Paragraph> = lines.iter().map(|l| Paragraph::plain(*l)).collect();
        segment(&paragraphs, None)
    }

    fn with_pattern(lines: &[&str], pattern: &str) -> Segmented {
        let paragraphs: Vec<Paragraph> = lines.iter().map(|l| Paragraph::plain(*l)).collect();
        segment(&paragraphs, Some(&SpeakerPattern::new(pattern).unwrap()))
    }

    fn words<'a>(s: &'a Segmented, t: &Turn) -> &'a str {
        slice_chars(&s.text, t.start_char, t.end_char)
    }

    fn speakers(s: &Segmented) -> Vec<&str> {
        s.turns.iter().map(|t| t.speaker.as_str()).collect()
    }

    fn bold(text: &str, bold_prefix_chars: usize) -> Paragraph {
        Paragraph {
            text: text.to_owned(),
            bold_prefix_chars,
            ..Paragraph::default()
        }
    }

    const NO_LABELS: &str = "no speaker labels were recognised, so the whole text is preamble; \
                             give a speaker pattern if the file has labels";

    #[test]
    fn generated_corpus_shape() {
        let s = seg(&[
            "Prosjekt: Tillitsbasert ledelse i kommunesektoren", // 49 chars
            "Intervju nr.: 001",                                 // 17
            "Informant: IP1 (pseudonym: Berit)",                 // 33
            "Rolle: sykehjemsleder, administrasjonen",           // 39
            "",
            "---", // 3
            "",
            "[00:00:02] I: Ok. Hva ville det vært?", // 37
            "",
            "[00:00:13] IP1: Jeg mener systemet.", // 35
            "",
            "[00:00:56] I: Kan du fortelle litt om budsjettet?", // 49
        ]);
        assert_eq!(
            s.header,
            vec![
                (
                    "prosjekt".into(),
                    "Tillitsbasert ledelse i kommunesektoren".into()
                ),
                ("intervju nr.".into(), "001".into()),
                ("informant".into(), "IP1 (pseudonym: Berit)".into()),
                ("rolle".into(), "sykehjemsleder, administrasjonen".into()),
            ]
        );
        // 49 + 17 + 33 + 39 + 0 + 3 + 0 = 141 chars in 7 lines, each followed by '\n': 148.
        assert_eq!(s.preamble_end_char, 148);
        assert_eq!(speakers(&s), ["I", "IP1", "I"]);
        let t = &s.turns;
        // "[00:00:02] I: " is 14 chars; the line is 37.
        assert_eq!(
            (t[0].label_start_char, t[0].start_char, t[0].end_char),
            (148, 162, 185)
        );
        // 185 + '\n' + "" + '\n' = 187; "[00:00:13] IP1: " is 16.
        assert_eq!(
            (t[1].label_start_char, t[1].start_char, t[1].end_char),
            (187, 203, 222)
        );
        // 222 + 2 = 224; 224 + 14 = 238; 224 + 49 = 273, the text's length.
        assert_eq!(
            (t[2].label_start_char, t[2].start_char, t[2].end_char),
            (224, 238, 273)
        );
        assert_eq!(s.text.chars().count(), 273);
        assert_eq!(words(&s, &t[0]), "Ok. Hva ville det vært?");
        assert_eq!(words(&s, &t[1]), "Jeg mener systemet.");
        // 2 s, 13 s, 56 s.
        assert_eq!(
            t.iter().map(|t| t.time_ms).collect::<Vec<_>>(),
            [Some(2_000), Some(13_000), Some(56_000)]
        );
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn header_keys_are_not_turns_even_when_they_are_known_labels() {
        // Document 2 of the corpus: `Informant` is a header key and the informant's label.
        let s = seg(&[
            "Informant: IP2 (pseudonym: Solveig)",
            "Intervjuer: Håkon",
            "Dato: 25.01.2022",
            "",
            "---",
            "",
            "[00:00:11] I: Kan du gi et eksempel?",
            "",
            "[00:00:17] Informant: Jeg tror det.",
        ]);
        assert_eq!(s.header.len(), 3);
        assert_eq!(s.header[1], ("intervjuer".into(), "Håkon".into()));
        assert_eq!(speakers(&s), ["I", "Informant"]);
        assert_eq!(words(&s, &s.turns[1]), "Jeg tror det.");
    }

    #[test]
    fn header_after_leading_blanks_and_values_with_colons() {
        let s = seg(&[
            "",
            "  ",
            "Rolle : enhetsleder ",
            "Varighet: 00:02:19",
            "Transkribert av: [navn]",
            "",
            "I: Hei.",
        ]);
        assert_eq!(
            s.header,
            vec![
                ("rolle".into(), "enhetsleder".into()),
                ("varighet".into(), "00:02:19".into()),
                ("transkribert av".into(), "[navn]".into()),
            ]
        );
        // 0 + 2 + 20 + 18 + 23 + 0 = 63 chars in 6 lines plus 6 '\n' = 69.
        assert_eq!(s.preamble_end_char, 69);
    }

    #[test]
    fn header_with_duplicate_keys_is_not_a_header() {
        let s = seg(&[
            "Rolle: leder",
            "Dato: 2024",
            "rolle: rådgiver",
            "",
            "I: Hei.",
        ]);
        assert!(s.header.is_empty());
        // No header, so the lines are body text: `Rolle` starts two body paragraphs (case
        // aside) and so is a speaker; `Dato` once is text continuing the first `Rolle` turn.
        assert_eq!(speakers(&s), ["Rolle", "rolle", "I"]);
        assert_eq!(s.preamble_end_char, 0);
        assert_eq!(words(&s, &s.turns[0]), "leder\nDato: 2024");
    }

    #[test]
    fn unterminated_header_is_not_a_header() {
        let lines = [
            "Rolle: leder",
            "Kommune: Bodø",
            "Dato: 2024",
            "I: Hei.",
            "IP1: Hallo.",
        ];
        let s = seg(&lines);
        assert!(s.header.is_empty());
        // The three lines are unrepeated unknown labels, so preamble: 12 + 13 + 10 + 3 '\n' = 38.
        assert_eq!(s.preamble_end_char, 38);
        assert_eq!(speakers(&s), ["I", "IP1"]);

        // A blank line after the dialogue does not make the run a header: `I:` is no field.
        let mut more = lines.to_vec();
        more.extend(["", "I: Mer?"]);
        let s = seg(&more);
        assert!(s.header.is_empty());
        assert_eq!(speakers(&s), ["I", "IP1", "I"]);
        assert_eq!(s.preamble_end_char, 38);

        // Running to the end of the document is no terminator either.
        let s = seg(&lines[..3]);
        assert!(s.header.is_empty());
        assert!(s.turns.is_empty());
        assert_eq!(s.preamble_end_char, 38 - 1);
        assert_eq!(s.warnings, [ImportWarning::NoSpeakerLabels]);
    }

    #[test]
    fn two_header_lines_are_not_a_header() {
        let s = seg(&["Rolle: leder", "Dato: 2024", "", "I: Hei."]);
        assert!(s.header.is_empty());
        assert_eq!(speakers(&s), ["I"]);
    }

    #[test]
    fn header_keys_do_not_count_toward_repetition() {
        let s = seg(&[
            "Kari: intervjuer",
            "Dato: 2024",
            "Sted: Bodø",
            "---",
            "I: Hei.",
            "Kari: Dette sa jeg bare én gang.",
        ]);
        assert_eq!(s.header.len(), 3);
        assert_eq!(speakers(&s), ["I"]);
        assert_eq!(
            words(&s, &s.turns[0]),
            "Hei.\nKari: Dette sa jeg bare én gang."
        );
    }

    #[test]
    fn timestamps_before_the_label() {
        // (line, expected ms): 1 min 2 s = 62 000 ms; 1 h 2 min 3 s = 3 723 000 ms.
        let cases = [
            ("[00:01:02] I: ord", 62_000),
            ("[01:02] I: ord", 62_000),
            ("00:01:02 I: ord", 62_000),
            ("(01:02) I: ord", 62_000),
            ("(00:01:02) I: ord", 62_000),
            ("[00:01:02.5] I: ord", 62_500),
            ("[00:01:02,500] I: ord", 62_500),
            ("[01:02.25] I: ord", 62_250),
            ("[1:02:03] I: ord", 3_723_000),
            ("  [00:01:02]I:ord", 62_000),
        ];
        for (line, ms) in cases {
            let s = seg(&[line]);
            assert_eq!(speakers(&s), ["I"], "{line}");
            let t = &s.turns[0];
            assert_eq!(t.time_ms, Some(ms), "{line}");
            assert_eq!(words(&s, t), "ord", "{line}");
            assert_eq!(t.label_start_char, 0, "{line}");
            // The words are the last 3 chars of the line.
            assert_eq!(t.start_char, line.chars().count() - 3, "{line}");
        }
    }

    #[test]
    fn timestamps_after_the_label() {
        let cases = [
            ("IP1 [00:01:02]: ord", 62_000),
            ("IP1: [00:01:02] ord", 62_000),
            ("IP1 (01:02): ord", 62_000),
            ("IP1 (00:01:02.5): ord", 62_500),
            ("IP1 00:01:02: ord", 62_000),
            ("IP1: 00:01:02 ord", 62_000),
        ];
        for (line, ms) in cases {
            let s = seg(&[line]);
            assert_eq!(speakers(&s), ["IP1"], "{line}");
            assert_eq!(s.turns[0].time_ms, Some(ms), "{line}");
            assert_eq!(words(&s, &s.turns[0]), "ord", "{line}");
        }
    }

    #[test]
    fn invalid_timestamps_are_not_consumed() {
        // 99 seconds is no time, and `[` cannot start a label.
        let s = seg(&["[00:99] I: ord"]);
        assert!(s.turns.is_empty());
        let s = seg(&["I: [00:99] ord"]);
        assert_eq!(words(&s, &s.turns[0]), "[00:99] ord");
        assert_eq!(s.turns[0].time_ms, None);
    }

    #[test]
    fn timestamp_digits_and_clock_times_are_never_labels() {
        let s = seg(&[
            "00:01:02 hei",
            "00:01:02 hei",
            "Kl 10:30 møttes vi",
            "Kl 10:30 igjen",
        ]);
        assert!(s.turns.is_empty());
        let s = seg(&["https://example.org", "https://example.org/a"]);
        assert!(s.turns.is_empty());
    }

    #[test]
    fn known_labels_start_turns_on_their_own() {
        for label in [
            "I",
            "f",
            "M",
            "IP",
            "IP12",
            "ip 3",
            "Informant",
            "Informant 2",
            "Intervjuer",
            "intervjuar",
            "MODERATOR",
            "Deltaker 4",
            "SPEAKER_01",
            "Speaker 2",
        ] {
            let line = format!("{label}: ja");
            let s = seg(&[&line]);
            assert_eq!(speakers(&s), [label], "{line}");
        }
        for unknown in ["Deltaker", "Speaker", "IPx", "Kari"] {
            let line = format!("{unknown}: ja");
            assert!(seg(&[&line]).turns.is_empty(), "{line}");
        }
    }

    #[test]
    fn unknown_labels_need_two_paragraphs() {
        let s = seg(&[
            "I: Hva tenker du?",
            "Kari Nordmann: Tja.",
            "I: Og så?",
            "kari nordmann: Nei.",
        ]);
        assert_eq!(speakers(&s), ["I", "Kari Nordmann", "I", "kari nordmann"]);

        let s = seg(&[
            "I: Hva tenker du?",
            "Kari Nordmann: Tja.",
            "Det var sånn: vi ventet.",
        ]);
        assert_eq!(speakers(&s), ["I"]);
        assert_eq!(
            words(&s, &s.turns[0]),
            "Hva tenker du?\nKari Nordmann: Tja.\nDet var sånn: vi ventet."
        );
    }

    #[test]
    fn repeated_sentence_starts_do_become_turns() {
        let s = seg(&["Det var sånn: først.", "Det var sånn: så."]);
        assert_eq!(speakers(&s), ["Det var sånn", "Det var sånn"]);
        // Five words before the colon are never a label.
        let s = seg(&["Dette er en lang setning: a", "Dette er en lang setning: b"]);
        assert!(s.turns.is_empty());
    }

    #[test]
    fn label_only_paragraphs() {
        let s = seg(&["I:", "", "  Hva tenker du?  ", "", "IP1:", "   "]);
        assert_eq!(speakers(&s), ["I", "IP1"]);
        let (a, b) = (&s.turns[0], &s.turns[1]);
        // Lines: "I:" 0..2, "" 3..3, "  Hva tenker du?  " 4..22, "" 23..23, "IP1:" 24..28.
        assert_eq!((a.label_start_char, a.start_char, a.end_char), (0, 6, 20));
        assert_eq!(words(&s, a), "Hva tenker du?");
        // No words at all: an empty range at the end of the label paragraph.
        assert_eq!((b.label_start_char, b.start_char, b.end_char), (24, 28, 28));
    }

    #[test]
    fn continuation_paragraphs_belong_to_the_turn() {
        let s = seg(&["I: Hei.", "Fortsatt.", "", "Mer.", "", "IP1: Ja.", "", ""]);
        assert_eq!(speakers(&s), ["I", "IP1"]);
        // "I: Hei." 0..7, "Fortsatt." 8..17, "" 18, "Mer." 19..23: words 3..23.
        assert_eq!((s.turns[0].start_char, s.turns[0].end_char), (3, 23));
        assert_eq!(words(&s, &s.turns[0]), "Hei.\nFortsatt.\n\nMer.");
        // "" 24, "IP1: Ja." 25..33; trailing blank paragraphs excluded.
        assert_eq!(
            (s.turns[1].label_start_char, s.turns[1].start_char),
            (25, 30)
        );
        assert_eq!(s.turns[1].end_char, 33);
    }

    #[test]
    fn preamble_without_header() {
        let s = seg(&["Notater fra intervjuet", "", "I: Hei."]);
        assert!(s.header.is_empty());
        // 22 + '\n' + 0 + '\n' = 24.
        assert_eq!(s.preamble_end_char, 24);
        assert_eq!(slice_chars(&s.text, 0, 24), "Notater fra intervjuet\n\n");
    }

    #[test]
    fn bold_labels_without_colon() {
        let paragraphs = [
            bold("Intervjuer Hva tenker du?", 10),
            bold("Kari Nordmann Jeg vet ikke.", 13),
            bold("Intervjuer  Og så?", 11),
            bold("Kari Nordmann: Nei.", 14),
            bold("IP1: Ja.", 3),
        ];
        let s = segment(&paragraphs, None);
        assert_eq!(
            speakers(&s),
            [
                "Intervjuer",
                "Kari Nordmann",
                "Intervjuer",
                "Kari Nordmann",
                "IP1"
            ]
        );
        assert_eq!(words(&s, &s.turns[0]), "Hva tenker du?");
        // Paragraph 2 starts at 25 + 1 = 26; its words at 26 + 14 = 40.
        assert_eq!(s.turns[1].start_char, 40);
        assert_eq!(words(&s, &s.turns[2]), "Og så?");
        assert_eq!(words(&s, &s.turns[3]), "Nei.");
        // The colon right after the bold run is consumed.
        assert_eq!(words(&s, &s.turns[4]), "Ja.");
    }

    #[test]
    fn focus_group_docx_shape() {
        // The shape of fixtures/transcripts/gruppe-tromso.docx: bold labels without a colon,
        // one with the colon inside the run, a bold first word that is no label, a `<w:br/>`.
        let paragraphs = [
            Paragraph::plain("Prosjekt: Tillitsbasert ledelse i kommunesektoren"), // 49
            Paragraph::plain("Kommune: Tromsø"),                                   // 15
            Paragraph::plain("Dato: 22.05.2024"),                                  // 16
            Paragraph::plain("Type: Fokusgruppe"),                                 // 17
            Paragraph::plain(""),
            bold("Moderator Velkommen.", 9),
            bold("Deltaker 1 Vi satte opp tre mål.\n1.\tFærre skjema", 10),
            bold("Deltaker 2: Hos oss er det rapportering.", 11),
            bold("Ikke alt var bedre før.", 4),
            bold("Moderator Takk.", 9),
        ];
        let s = segment(&paragraphs, None);
        assert_eq!(s.header.len(), 4);
        assert_eq!(s.header[3], ("type".into(), "Fokusgruppe".into()));
        // 49 + 15 + 16 + 17 + 0 = 97 chars in 5 lines + 5 '\n' = 102.
        assert_eq!(s.preamble_end_char, 102);
        assert_eq!(
            speakers(&s),
            ["Moderator", "Deltaker 1", "Deltaker 2", "Moderator"]
        );
        assert_eq!(words(&s, &s.turns[0]), "Velkommen.");
        assert_eq!(
            words(&s, &s.turns[1]),
            "Vi satte opp tre mål.\n1.\tFærre skjema"
        );
        assert_eq!(
            words(&s, &s.turns[2]),
            "Hos oss er det rapportering.\nIkke alt var bedre før."
        );
    }

    #[test]
    fn bold_runs_that_are_not_labels() {
        let paragraphs = [
            bold("Kari sa det.", 3),                     // stops inside a word
            bold("Dette er en lang setning og mer", 24), // five words
            bold("Kari sa det.", 3),
            bold("Dette er en lang setning og mer", 24),
        ];
        let s = segment(&paragraphs, None);
        assert!(s.turns.is_empty());
    }

    #[test]
    fn markdown_bold_labels() {
        let s = seg(&["**I:** Hei.", "**IP1**: Ja.", "**Merk: dette** er viktig"]);
        assert_eq!(speakers(&s), ["I", "IP1"]);
        assert_eq!(words(&s, &s.turns[0]), "Hei.");
        assert_eq!(words(&s, &s.turns[1]), "Ja.\n**Merk: dette** er viktig");
    }

    #[test]
    fn source_labels_always_start_turns() {
        let cue = |speaker: &str, text: &str, ms: u64| Paragraph {
            text: format!("{speaker}: {text}"),
            label: Some(SourceLabel {
                speaker: speaker.to_owned(),
                label_chars: speaker.chars().count() + 2,
            }),
            time_ms: Some(ms),
            ..Paragraph::default()
        };
        let paragraphs = [
            cue("Kari", "Hei.", 1_500),
            Paragraph::plain("Fortsatt."),
            cue("Ola Nordmann", "Ja.", 4_000),
        ];
        let s = segment(&paragraphs, None);
        assert_eq!(speakers(&s), ["Kari", "Ola Nordmann"]);
        // "Kari: Hei." 0..10, "Fortsatt." 11..20.
        assert_eq!((s.turns[0].start_char, s.turns[0].end_char), (6, 20));
        assert_eq!(s.turns[0].time_ms, Some(1_500));
        // "Ola Nordmann: Ja." starts at 21; words at 21 + 14 = 35.
        assert_eq!(s.turns[1].start_char, 35);
        assert_eq!(s.turns[1].time_ms, Some(4_000));
        assert_eq!(s.preamble_end_char, 0);
    }

    #[test]
    fn written_timestamp_wins_over_paragraph_time() {
        let p = Paragraph {
            time_ms: Some(9_000),
            ..Paragraph::plain("[00:00:02] I: Hei.")
        };
        let q = Paragraph {
            time_ms: Some(9_000),
            ..Paragraph::plain("I: Hei.")
        };
        let s = segment(&[p, q], None);
        assert_eq!(s.turns[0].time_ms, Some(2_000));
        assert_eq!(s.turns[1].time_ms, Some(9_000));
    }

    #[test]
    fn custom_pattern_with_time() {
        let s = with_pattern(
            &[
                "Rolle: leder",
                "Dato: 2024",
                "Sted: Bodø",
                "",
                "KARI | 00:01:02 | Hei.",
                "I: dette er ikke en tur her",
                " OLA | 00:02 | ikke på byte 0",
                "OLA | 00:02 | Ja.",
            ],
            r"(?P<speaker>[A-ZÆØÅ]+) \| (?P<time>[^|]+) \|",
        );
        assert_eq!(s.header.len(), 3);
        assert_eq!(speakers(&s), ["KARI", "OLA"]);
        assert_eq!(s.turns[0].time_ms, Some(62_000));
        assert_eq!(s.turns[1].time_ms, Some(2_000));
        assert_eq!(
            words(&s, &s.turns[0]),
            "Hei.\nI: dette er ikke en tur her\n OLA | 00:02 | ikke på byte 0"
        );
        // 12 + 10 + 10 + 0 = 32 chars in 4 lines + 4 '\n' = 36.
        assert_eq!(s.preamble_end_char, 36);
        assert_eq!(s.turns[0].start_char, 36 + 18);
    }

    #[test]
    fn custom_pattern_without_time_and_header_lines() {
        // A pattern that would match header lines too: the header block still comes first.
        let s = with_pattern(
            &[
                "Rolle: leder",
                "Dato: 2024",
                "Sted: Bodø",
                "---",
                "Kari: Hei.",
                "Ola: Ja.",
            ],
            r"(?P<speaker>\w+):",
        );
        assert_eq!(speakers(&s), ["Kari", "Ola"]);
        assert_eq!(s.turns[0].time_ms, None);
        assert_eq!(words(&s, &s.turns[1]), "Ja.");
    }

    #[test]
    fn custom_pattern_replaces_source_labels() {
        let p = Paragraph {
            text: "Kari: Hei.".into(),
            label: Some(SourceLabel {
                speaker: "Kari".into(),
                label_chars: 6,
            }),
            ..Paragraph::default()
        };
        let pattern = SpeakerPattern::new(r">> (?P<speaker>\w+)").unwrap();
        let s = segment(&[p.clone(), Paragraph::plain(">> Ola Ja.")], Some(&pattern));
        assert_eq!(speakers(&s), ["Ola"]);
        assert_eq!(s.preamble_end_char, 11);
        assert_eq!(speakers(&segment(&[p], None)), ["Kari"]);
    }

    #[test]
    fn custom_pattern_that_never_matches() {
        let s = with_pattern(&["I: Hei.", "IP1: Ja."], r"^SPK (?P<speaker>\d+)");
        assert!(s.turns.is_empty());
        // "I: Hei." 7 + '\n' + "IP1: Ja." 8 = 16.
        assert_eq!(s.preamble_end_char, 16);
        assert_eq!(
            s.warnings,
            [ImportWarning::PatternMatchedNothing {
                pattern: r"^SPK (?P<speaker>\d+)".into()
            }]
        );
        assert_eq!(
            s.warnings[0].to_string(),
            r#"the speaker pattern "^SPK (?P<speaker>\\d+)" matched no paragraph, so the whole text is preamble"#
        );
    }

    #[test]
    fn no_labels_warns() {
        let s = seg(&["Bare tekst.", "Mer tekst."]);
        assert_eq!(s.preamble_end_char, 22);
        assert_eq!(s.warnings, [ImportWarning::NoSpeakerLabels]);
        // The CLI prints (and `--json` lists) the English sentence.
        assert_eq!(s.warnings[0].to_string(), NO_LABELS);
        let s = segment(&[], None);
        assert_eq!((s.text.as_str(), s.preamble_end_char), ("", 0));
        assert_eq!(s.warnings, [ImportWarning::NoSpeakerLabels]);
    }

    #[test]
    fn norwegian_letters_emoji_and_combining_marks_count_as_chars() {
        let s = seg(&[
            "😀 notat 😀",          // 9 chars (each emoji is one char, four bytes)
            "Ørjan: Hei 😀 på deg", // 19
            "Jose\u{301}: ja",      // 9: the accent is its own char
            "Ørjan: 😀",            // 8
            "Jose\u{301}: re\u{301}",
            "😀 I: an emoji before a label makes it text",
        ]);
        assert_eq!(
            speakers(&s),
            ["Ørjan", "Jose\u{301}", "Ørjan", "Jose\u{301}"]
        );
        // 9 + '\n' = 10.
        assert_eq!(s.preamble_end_char, 10);
        let t = &s.turns;
        // "Ørjan: " is 7 chars: 10 + 7 = 17; 10 + 19 = 29.
        assert_eq!(
            (t[0].label_start_char, t[0].start_char, t[0].end_char),
            (10, 17, 29)
        );
        assert_eq!(words(&s, &t[0]), "Hei 😀 på deg");
        // 29 + 1 = 30; "José: " is 7 chars: 37; 30 + 9 = 39.
        assert_eq!(
            (t[1].label_start_char, t[1].start_char, t[1].end_char),
            (30, 37, 39)
        );
        assert_eq!(slice_chars(&s.text, 30, 37), "Jose\u{301}: ");
        // 39 + 1 = 40; 40 + 7 = 47; 40 + 8 = 48.
        assert_eq!(
            (t[2].label_start_char, t[2].start_char, t[2].end_char),
            (40, 47, 48)
        );
        assert_eq!(words(&s, &t[2]), "😀");
        assert_eq!(
            words(&s, &t[3]),
            "re\u{301}\n😀 I: an emoji before a label makes it text"
        );
    }

    #[test]
    fn parse_time_accepts_pattern_captures() {
        assert_eq!(parse_time(" [00:01:02] "), Some(62_000));
        assert_eq!(parse_time("1:02:03.456789"), Some(3_723_456));
        assert_eq!(parse_time("75:30"), Some(4_530_000)); // 75 * 60 + 30 = 4530 s
        assert_eq!(parse_time("1:75:30"), None);
        assert_eq!(parse_time("12"), None);
        assert_eq!(parse_time("a:b"), None);
    }

    #[test]
    fn interviewer_labels() {
        assert!(is_interviewer_label(" intervjuar "));
        assert!(!is_interviewer_label("IP1"));
    }

    fn paragraph_strategy() -> impl Strategy<Value = Paragraph> {
        let piece = prop::sample::select(vec![
            "I:",
            "IP1:",
            "Kari:",
            "Ørjan:",
            "Det var sånn:",
            "[00:01:02]",
            "(01:02)",
            "00:01:02",
            "**",
            "---",
            "ord",
            "😀",
            "e\u{301}",
            " ",
            "  ",
            "\t",
            "\n",
            ":",
            "Rolle: x",
            "https://",
        ]);
        (
            prop::collection::vec(piece, 0..8),
            0usize..6,
            prop::option::of((prop::sample::select(vec!["Kari", "SPEAKER_00"]), 0usize..8)),
            prop::option::of(0u64..100_000),
        )
            .prop_map(|(pieces, bold, label, time_ms)| {
                let text = pieces.concat();
                let n = text.chars().count();
                Paragraph {
                    bold_prefix_chars: bold.min(n),
                    label: label.map(|(speaker, chars)| SourceLabel {
                        speaker: speaker.to_owned(),
                        label_chars: chars.min(n),
                    }),
                    time_ms,
                    text,
                }
            })
    }

    proptest! {
        #[test]
        fn invariants_hold_for_arbitrary_paragraphs(
            paragraphs in prop::collection::vec(paragraph_strategy(), 0..12),
            use_pattern in any::<bool>(),
        ) {
            let pattern = SpeakerPattern::new(r"(?P<speaker>[A-Za-z]+)(?: (?P<time>\d\d:\d\d))?:")
                .unwrap();
            let s = segment(&paragraphs, use_pattern.then_some(&pattern));
            let joined: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
            prop_assert_eq!(&s.text, &joined.join("\n"));
            let len = s.text.chars().count();
            prop_assert!(s.preamble_end_char <= len);
            if let Some(first) = s.turns.first() {
                prop_assert!(s.preamble_end_char <= first.label_start_char);
            } else {
                prop_assert_eq!(s.preamble_end_char, len);
            }
            for (i, t) in s.turns.iter().enumerate() {
                prop_assert!(t.label_start_char <= t.start_char);
                prop_assert!(t.start_char <= t.end_char);
                prop_assert!(t.end_char <= len);
                prop_assert!(!t.speaker.is_empty());
                let w = slice_chars(&s.text, t.start_char, t.end_char);
                prop_assert_eq!(w, w.trim());
                if let Some(next) = s.turns.get(i + 1) {
                    prop_assert!(t.end_char <= next.label_start_char);
                    prop_assert!(t.label_start_char < next.label_start_char);
                }
            }
        }
    }
}
