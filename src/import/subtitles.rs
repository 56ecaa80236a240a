//! WebVTT and SRT from transcription tools: cues become `Speaker: text` paragraphs with their
//! start time, the speaker taken from voice tags or `Name:` prefixes, and consecutive cues of one
//! speaker merged when at most 2 s apart. Markup and cue numbers are dropped.

use std::sync::LazyLock;

use regex::Regex;

use super::{ImportError, Paragraph, SourceLabel};

/// Consecutive cues of one speaker merge when the next starts at most this long after the
/// previous one ends (conventions.md, "Data model").
const MERGE_GAP_MS: i64 = 2000;

/// `start --> end` with optional cue settings after. Hours are optional (VTT allows `mm:ss.ttt`)
/// and both `.` and `,` are accepted before the milliseconds, since tools mix up the two formats.
static TIMING: LazyLock<Regex> = LazyLock::new(|| {
    let time = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})";
    Regex::new(&format!(r"^\s*{time}\s*-->\s*{time}(?:\s.*)?$")).unwrap()
});

/// A VTT voice tag `<v Name>` or `<v.class Name>`; group 1 is the name.
static VOICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>").unwrap());

/// Markup inside cue text: `<i>`, `</b>`, `<c.yellow>`, `<lang nb>`, `<font color=…>`, inline
/// timestamps `<00:00:01.000>`, and SRT's ASS overrides `{\an8}`. A `<` not starting a tag (as
/// in SRT's "<3") stays.
static MARKUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]*>|<\d[\d:.,]*>|\{\\[^{}]*\}").unwrap());

/// One cue before merging.
#[derive(Debug)]
struct Cue {
    start_ms: u64,
    end_ms: u64,
    speaker: Option<String>,
    text: String,
}

/// The merged cues of a WebVTT file (`text` as decoded, any line ends).
pub(crate) fn vtt_paragraphs(text: &str) -> Result<Vec<Paragraph>, ImportError> {
    let corrupt = |reason: String| ImportError::Corrupt {
        format: "WebVTT",
        reason,
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let header = text.split(['\n', '\r']).next().unwrap_or("");
    let signature_ok = header
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !signature_ok {
        return Err(corrupt("it does not start with WEBVTT".into()));
    }
    let mut cues = Vec::new();
    for (i, block) in blocks(text).into_iter().enumerate() {
        let mut lines = block.lines.as_slice();
        let mut first_line = block.first_line;
        if i == 0 {
            // The header block; a file that starts its first cue without the blank line after
            // the header still has that cue read.
            match lines.iter().position(|l| l.contains("-->")) {
                Some(at) => {
                    lines = &lines[at..];
                    first_line += at;
                }
                None => continue,
            }
        }
        let keyword = lines[0].split([' ', '\t']).next().unwrap_or("");
        if matches!(keyword, "NOTE" | "STYLE" | "REGION") {
            continue;
        }
        // An optional cue identifier comes before the timing line.
        let timing_at = usize::from(!lines[0].contains("-->"));
        let Some(timing) = lines.get(timing_at) else {
            return Err(corrupt(format!(
                "line {first_line}: expected a cue timing line (00:00:01.000 --> \
                 00:00:04.000) after {:?}",
                lines[0]
            )));
        };
        let (start_ms, end_ms) = parse_timing(timing).ok_or_else(|| {
            corrupt(format!(
                "line {}: not a cue timing line (00:00:01.000 --> 00:00:04.000): {timing:?}",
                first_line + timing_at
            ))
        })?;
        cues.push(cue(start_ms, end_ms, &lines[timing_at + 1..], true));
    }
    Ok(merge(cues))
}

/// The merged cues of an SRT file (`text` as decoded, any line ends).
pub(crate) fn srt_paragraphs(text: &str) -> Result<Vec<Paragraph>, ImportError> {
    let corrupt = |line: usize, found: &str| ImportError::Corrupt {
        format: "SRT",
        reason: format!(
            "line {line}: expected a timing line like 00:00:01,000 --> 00:00:04,000, found \
             {found:?}"
        ),
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut cues: Vec<Cue> = Vec::new();
    for block in blocks(text) {
        let lines = block.lines.as_slice();
        let is_index = lines[0].trim().chars().all(|c| c.is_ascii_digit());
        let timing_at = if lines[0].contains("-->") {
            0
        } else if is_index {
            1
        } else if let Some(last) = cues.last_mut() {
            // No number and no timing: a blank line inside a cue's text split it, which
            // players tolerate, so the text belongs to the cue before.
            let more = cue(0, 0, lines, false).text;
            if !more.is_empty() {
                if !last.text.is_empty() {
                    last.text.push(' ');
                }
                last.text.push_str(&more);
            }
            continue;
        } else {
            return Err(corrupt(block.first_line, lines[0]));
        };
        let line_no = block.first_line + timing_at;
        let Some(timing) = lines.get(timing_at) else {
            return Err(corrupt(line_no, ""));
        };
        let (start_ms, end_ms) = parse_timing(timing).ok_or_else(|| corrupt(line_no, timing))?;
        cues.push(cue(start_ms, end_ms, &lines[timing_at + 1..], false));
    }
    Ok(merge(cues))
}

/// A run of non-blank lines and the 1-based number of its first line.
struct Block<'a> {
    first_line: usize,
    lines: Vec<&'a str>,
}

/// Splits text into blocks separated by blank (or whitespace-only) lines. Line ends may be
/// LF, CRLF or a lone CR: `decode` hands over the file's own line ends.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let lines = text.split('\n').flat_map(|l| {
        let l = l.strip_suffix('\r').unwrap_or(l);
        l.split('\r')
    });
    for (i, line) in lines.enumerate() {
        if line.trim().is_empty() {
            blocks.extend(current.take());
        } else {
            current
                .get_or_insert_with(|| Block {
                    first_line: i + 1,
                    lines: Vec::new(),
                })
                .lines
                .push(line);
        }
    }
    blocks.extend(current);
    blocks
}

/// Start and end of a timing line, in milliseconds.
fn parse_timing(line: &str) -> Option<(u64, u64)> {
    let caps = TIMING.captures(line)?;
    let time = |first: usize| -> Option<u64> {
        let num = |i: usize| {
            caps.get(first + i)
                .map_or(Some(0), |m| m.as_str().parse().ok())
        };
        let (hours, minutes, seconds): (u64, u64, u64) = (num(0)?, num(1)?, num(2)?);
        if minutes >= 60 || seconds >= 60 {
            return None;
        }
        // "5" after the point is 500 ms, "05" is 50 ms.
        let fraction = caps.get(first + 3)?.as_str();
        let millis: u64 = format!("{fraction:0<3}").parse().ok()?;
        Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
    };
    Some((time(1)?, time(5)?))
}

/// A cue from its payload lines: the speaker (voice tag, `[Name]:` or `Name:` prefix) split
/// off, markup stripped, VTT character references decoded, lines joined with a space.
fn cue(start_ms: u64, end_ms: u64, payload: &[&str], vtt: bool) -> Cue {
    let raw = payload.join("\n");
    let voice = VOICE
        .captures_iter(&raw)
        .find_map(|c| c.get(1).map(|m| m.as_str().trim().to_owned()))
        .filter(|name| !name.is_empty());
    let stripped = MARKUP.replace_all(&raw, "");
    let decoded = if vtt {
        decode_references(&stripped)
    } else {
        stripped.into_owned()
    };
    let text = decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let (speaker, text) = match voice {
        Some(name) => (Some(name), text),
        None => match split_label(&text) {
            Some((name, rest)) => (Some(name.to_owned()), rest.to_owned()),
            None => (None, text),
        },
    };
    Cue {
        start_ms,
        end_ms,
        speaker,
        text,
    }
}

/// The character references WebVTT defines for cue text (plus the numeric and XML ones tools
/// also write). Hand-written: the set is small and fixed, and an unknown `&name;` must stay.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{A0}',
                "lrm" => '\u{200E}',
                "rlm" => '\u{200F}',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits a leading `[SPEAKER_00]: ` or `Name: ` label off cue text.
fn split_label(text: &str) -> Option<(&str, &str)> {
    if let Some(inner) = text.strip_prefix('[') {
        // Brackets alone are no label: "[latter]" is a sound; "[Kari]:" is a speaker.
        let end = inner.find("]:")?;
        let name = inner[..end].trim();
        return is_plausible_name(name, false).then(|| (name, inner[end + 2..].trim_start()));
    }
    let colon = text.find(':')?;
    let (name, rest) = (&text[..colon], &text[colon + 1..]);
    // "kl. 10:30" has no space after its colon.
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    is_plausible_name(name, true).then(|| (name.trim(), rest.trim_start()))
}

/// 1–4 words, at most 40 chars, with a letter, no sentence punctuation. An unbracketed name
/// must also have every word capitalised (`Kari`, `IP1`, `SPEAKER_00`, `Informant 2`): spoken
/// text like "jeg sa: nei" or "Han sa: nei" has colons too.
fn is_plausible_name(name: &str, capitalised: bool) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && name.chars().count() <= 40
        && name.chars().any(char::is_alphabetic)
        && !name.contains(['.', '!', '?', '…', ','])
        && (!capitalised
            || words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            }))
}

/// Merges consecutive cues of one speaker at most [`MERGE_GAP_MS`] apart and makes paragraphs.
fn merge(cues: Vec<Cue>) -> Vec<Paragraph> {
    let mut merged: Vec<Cue> = Vec::new();
    for cue in cues.into_iter().filter(|c| !c.text.is_empty()) {
        if let Some(last) = merged.last_mut() {
            // Overlapping cues give a negative gap, which merges too.
            let gap = cue.start_ms as i64 - last.end_ms as i64;
            if cue.speaker.is_some() && cue.speaker == last.speaker && gap <= MERGE_GAP_MS {
                last.text.push(' ');
                last.text.push_str(&cue.text);
                last.end_ms = last.end_ms.max(cue.end_ms);
                continue;
            }
        }
        merged.push(cue);
    }
    merged
        .into_iter()
        .map(|cue| match cue.speaker {
            Some(speaker) => {
                let label = format!("{speaker}: ");
                Paragraph {
                    label: Some(SourceLabel {
                        label_chars: label.chars().count(),
                        speaker,
                    }),
                    text: label + &cue.text,
                    time_ms: Some(cue.start_ms),
                    ..Paragraph::default()
                }
            }
            None => Paragraph {
                text: cue.text,
                time_ms: Some(cue.start_ms),
                ..Paragraph::default()
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{extract, Format};
    use super::*;

    fn labelled(speaker: &str, text: &str, time_ms: u64) -> Paragraph {
        let label = format!("{speaker}: ");
        Paragraph {
            label: Some(SourceLabel {
                speaker: speaker.into(),
                label_chars: label.chars().count(),
            }),
            text: label + text,
            time_ms: Some(time_ms),
            ..Paragraph::default()
        }
    }

    fn unlabelled(text: &str, time_ms: u64) -> Paragraph {
        Paragraph {
            text: text.into(),
            time_ms: Some(time_ms),
            ..Paragraph::default()
        }
    }

    #[test]
    fn vtt_needs_its_signature() {
        for text in [
            "",
            "WEBVTTX\n",
            "1\n00:00:01.000 --> 00:00:02.000\nhei\n",
            " WEBVTT",
        ] {
            assert_eq!(
                vtt_paragraphs(text),
                Err(ImportError::Corrupt {
                    format: "WebVTT",
                    reason: "it does not start with WEBVTT".into()
                }),
                "{text:?}"
            );
        }
        assert_eq!(vtt_paragraphs("\u{FEFF}WEBVTT - intervju 3\n"), Ok(vec![]));
    }

    #[test]
    fn vtt_cues_with_voices_ids_and_short_timestamps() {
        let vtt = "WEBVTT\nKind: captions\n\nNOTE laget av Whisper\nflere linjer\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:fred\n\nintro-1\n00:00:01.000 --> 00:00:04.000 align:start position:10%\n<v Intervjuer>Hvordan var <i>det</i>?</v>\n\n00:05.500 --> 00:07.250\n<v.loud Kari Nordmann>Det var <b>fint</b>,\nsyns jeg.\n\n01:00:00.000 --> 01:00:01.000\n<v Ola>Siste ord\n";
        assert_eq!(
            vtt_paragraphs(vtt).unwrap(),
            [
                labelled("Intervjuer", "Hvordan var det?", 1000),
                // 00:05.500 = 5 s + 500 ms; the two payload lines are joined with a space.
                labelled("Kari Nordmann", "Det var fint, syns jeg.", 5500),
                // 01:00:00.000 = 3600 s; the closing </v> is optional.
                labelled("Ola", "Siste ord", 3_600_000),
            ]
        );
    }

    #[test]
    fn vtt_name_prefix_markup_and_references() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nKari: <c.yellow>Ja</c> &amp; <lang nb>nei</lang> &lt;3&gt;&nbsp;&lrm;ok <00:00:01.500>takk\n\n00:00:10.000 --> 00:00:11.000\nVi møttes kl. 10:30, og jeg sa: hei &foo; &\n\n00:00:20.000 --> 00:00:21.000\n[SPEAKER_01]: Hallo\n\n00:00:30.000 --> 00:00:31.000\n[latter] Ja\n";
        assert_eq!(
            vtt_paragraphs(vtt).unwrap(),
            [
                labelled("Kari", "Ja & nei <3>\u{A0}\u{200E}ok takk", 1000),
                // "kl. 10:30" has no space after its colon; "jeg sa" is not capitalised.
                unlabelled("Vi møttes kl. 10:30, og jeg sa: hei &foo; &", 10_000),
                labelled("SPEAKER_01", "Hallo", 20_000),
                unlabelled("[latter] Ja", 30_000),
            ]
        );
    }

    #[test]
    fn vtt_bad_timing_names_the_line() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhei\n\nid\n00:00:61.000 --> 00:00:62.000\nnei\n";
        // Line 7 holds the timing (seconds 61 are out of range).
        assert_eq!(
            vtt_paragraphs(vtt),
            Err(ImportError::Corrupt {
                format: "WebVTT",
                reason: "line 7: not a cue timing line (00:00:01.000 --> 00:00:04.000): \
                         \"00:00:61.000 --> 00:00:62.000\""
                    .into()
            })
        );
        let missing = "WEBVTT\n\nbare tekst\n";
        assert!(matches!(
            vtt_paragraphs(missing),
            Err(ImportError::Corrupt { reason, .. }) if reason.starts_with("line 3:")
        ));
    }

    #[test]
    fn vtt_with_old_mac_line_ends() {
        let vtt = "WEBVTT\r\r00:00:01.000 --> 00:00:02.000\r<v Kari>hei\r";
        assert_eq!(
            vtt_paragraphs(vtt).unwrap(),
            [labelled("Kari", "hei", 1000)]
        );
    }

    #[test]
    fn vtt_without_blank_line_after_header_and_with_crlf() {
        let vtt = "WEBVTT\r\n00:00:01.000 --> 00:00:02.000\r\n<v Kari>hei\r\n\r\n00:00:02.500 --> 00:00:03.000\r\n<v Kari>du\r\n";
        // Gap 2500 − 2000 = 500 ms ≤ 2000: one merged cue.
        assert_eq!(
            vtt_paragraphs(vtt).unwrap(),
            [labelled("Kari", "hei du", 1000)]
        );
    }

    #[test]
    fn merging_uses_the_two_second_gap() {
        let vtt = "WEBVTT

00:00:00.000 --> 00:00:01.000
<v A>en

00:00:03.000 --> 00:00:04.000
<v A>to

00:00:06.001 --> 00:00:07.000
<v A>tre

00:00:07.500 --> 00:00:08.000
<v B>fire

00:00:08.000 --> 00:00:09.000
uten taler

00:00:09.000 --> 00:00:10.000
uten taler igjen

00:00:10.000 --> 00:00:11.000
<v B>fem
";
        assert_eq!(
            vtt_paragraphs(vtt).unwrap(),
            [
                // "to": 3000 − 1000 = 2000 ≤ 2000, merges.
                labelled("A", "en to", 0),
                // "tre": 6001 − 4000 = 2001 > 2000, a new paragraph.
                labelled("A", "tre", 6001),
                labelled("B", "fire", 7500),
                // Cues without a speaker never merge, not even with each other.
                unlabelled("uten taler", 8000),
                unlabelled("uten taler igjen", 9000),
                // B again, but an unlabelled cue came between.
                labelled("B", "fem", 10_000),
            ]
        );
    }

    #[test]
    fn srt_speakers_markup_and_optional_numbers() {
        let srt = "1\n00:00:01,000 --> 00:00:03,500\nSPEAKER_00: Hvordan <i>gikk</i> det?\n\n2\n00:00:04,000 --> 00:00:05,000\n[SPEAKER_01]: {\\an8}Bra.\n\n00:00:09,000 --> 00:00:10,000\n<v Kari>Og <font color=\"red\">du</font>?</v>\n\n4\n00:00:20,000 --> 00:00:21,000\nIngen taler her <3 &amp;\nto linjer\n";
        assert_eq!(
            srt_paragraphs(srt).unwrap(),
            [
                labelled("SPEAKER_00", "Hvordan gikk det?", 1000),
                labelled("SPEAKER_01", "Bra.", 4000),
                labelled("Kari", "Og du?", 9000),
                // SRT has no character references: "&amp;" stays as written.
                unlabelled("Ingen taler her <3 &amp; to linjer", 20_000),
            ]
        );
    }

    #[test]
    fn srt_merges_same_speaker() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nKari: Jeg\n\n2\n00:00:03,999 --> 00:00:05,000\nKari: tror det.\n\n3\n00:00:05,100 --> 00:00:06,000\nOla: Ja.\n";
        // 3999 − 2000 = 1999 ≤ 2000: Kari's two cues merge; the label is not repeated.
        assert_eq!(
            srt_paragraphs(srt).unwrap(),
            [
                labelled("Kari", "Jeg tror det.", 1000),
                labelled("Ola", "Ja.", 5100)
            ]
        );
    }

    #[test]
    fn srt_bad_timing_names_the_line() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nhei\n\n2\n00:00:03 --> 00:00:04\nnei\n";
        assert_eq!(
            srt_paragraphs(srt),
            Err(ImportError::Corrupt {
                format: "SRT",
                reason: "line 6: expected a timing line like 00:00:01,000 --> 00:00:04,000, \
                         found \"00:00:03 --> 00:00:04\""
                    .into()
            })
        );
        // A number followed by text instead of a timing line.
        let srt = "1\nhei\n";
        assert!(matches!(
            srt_paragraphs(srt),
            Err(ImportError::Corrupt { reason, .. }) if reason.starts_with("line 2:")
        ));
        // Text before any cue.
        assert!(matches!(
            srt_paragraphs("hei\n"),
            Err(ImportError::Corrupt { reason, .. }) if reason.starts_with("line 1:")
        ));
    }

    #[test]
    fn srt_blank_line_inside_a_cue_continues_it() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nKari: første del\n\nandre del\n\n2\n00:00:03,000 --> 00:00:04,000\nOla: ja\n";
        assert_eq!(
            srt_paragraphs(srt).unwrap(),
            [
                labelled("Kari", "første del andre del", 1000),
                labelled("Ola", "ja", 3000)
            ]
        );
    }

    #[test]
    fn timing_arithmetic() {
        // 1 h 2 min 3 s 45 ms = (3600 + 120 + 3) s = 3723 s → 3_723_045 ms.
        assert_eq!(
            parse_timing("01:02:03,045 --> 01:02:04.5"),
            Some((3_723_045, 3_724_500))
        );
        assert_eq!(
            parse_timing("00:00:01.000-->00:00:02.000"),
            Some((1000, 2000))
        );
        assert_eq!(parse_timing("00:60:00.000 --> 00:61:00.000"), None);
        assert_eq!(parse_timing("00:00:01.000 -> 00:00:02.000"), None);
    }

    #[test]
    fn through_extract_with_utf16_bom_crlf_emoji_and_combining_marks() {
        let srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\nA\u{30a}se: bl\u{e5}b\u{e6}r 😀\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(srt.encode_utf16().flat_map(u16::to_le_bytes));
        let extracted = extract("intervju.srt", &bytes).unwrap();
        assert_eq!(extracted.format, Format::Srt);
        // "A\u{30a}se" (4 chars) is "Åse" (3) after NFC: the label "Åse: " is 5 chars.
        assert_eq!(extracted.paragraphs, [labelled("Åse", "blåbær 😀", 1000)]);
        assert_eq!(extracted.normalized_chars, 1);

        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Kari>Hei på deg\n";
        let extracted = extract("x.vtt", vtt.as_bytes()).unwrap();
        assert_eq!(extracted.paragraphs, [labelled("Kari", "Hei på deg", 1000)]);
    }
}
