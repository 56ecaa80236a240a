//! Plain text and Markdown: finding a text file's encoding, and one paragraph per line.
//! [`decode`] is shared with the subtitle formats; Markdown only adds the leading `**bold**`
//! run that transcribers use for speaker labels.

use super::{ImportError, ImportWarning, Paragraph, ReadNotes};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a text file's bytes: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, or, failing
/// those, a legacy 8-bit encoding guessed by chardetng (reported in `notes.warnings`).
pub(crate) fn decode(bytes: &[u8], notes: &mut ReadNotes) -> Result<String, ImportError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return std::str::from_utf8(rest)
            .map(str::to_owned)
            .map_err(|e| ImportError::Corrupt {
                format: "text",
                reason: format!(
                    "it starts with a UTF-8 byte-order mark, but byte {} is not UTF-8",
                    e.valid_up_to() + UTF8_BOM.len()
                ),
            });
    }
    if bytes.starts_with(b"\xFF\xFE\0\0") {
        // Also a valid UTF-16LE start, but a NUL as the first char means UTF-32.
        return Err(ImportError::Corrupt {
            format: "text",
            reason: "it is UTF-32, which Tolk does not read; save it as UTF-8".into(),
        });
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        // Only the UTF-16 BOMs remain here; the UTF-8 one is handled above.
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
            .map(|text| text.into_owned())
            .ok_or_else(|| ImportError::Corrupt {
                format: "text",
                reason: format!(
                    "it starts with a {} byte-order mark but is not valid {0}",
                    encoding.name()
                ),
            });
    }
    if looks_binary(bytes) {
        return Err(ImportError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // Tolk's transcripts are Norwegian, so the `.no` hint makes chardetng prefer the Western
    // encodings for short or ambiguous files. For Latin text it answers windows-1252, never
    // ISO-8859-1: encoding_rs decodes 0x80–0x9F as `€ – “ ”` where ISO-8859-1 has invisible
    // C1 controls, and the other 224 bytes are the same, so ISO-8859-1 files decode right too.
    let encoding = detector.guess(Some(b"no"), chardetng::Utf8Detection::Deny);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    notes.warnings.push(ImportWarning::EncodingGuessed {
        encoding: encoding.name().to_lowercase(),
    });
    Ok(text.into_owned())
}

/// Whether BOM-less bytes are not text: any NUL (text encodings without a BOM never contain
/// one; UTF-16 without a BOM is refused too), or more than 10% C0 control bytes other than
/// the whitespace ones. A few stray controls (Word's 0x0B line break, a DOS 0x1A end marker)
/// still pass.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
        .count();
    controls * 10 > bytes.len()
}

/// One paragraph per line of the decoded, NFC, LF-normalised text. For plain text the lines
/// joined with `\n` are exactly that text; for Markdown (`markdown`) a leading `**bold**` or
/// `__bold__` run loses its markers and becomes the paragraph's `bold_prefix_chars`.
pub(crate) fn paragraphs(
    bytes: &[u8],
    notes: &mut ReadNotes,
    markdown: bool,
) -> Result<Vec<Paragraph>, ImportError> {
    let raw = decode(bytes, notes)?;
    let (text, changed) = crate::text::normalize(&raw);
    notes.normalized_chars += changed;
    Ok(text
        .split('\n')
        .map(|line| {
            if markdown {
                markdown_line(line)
            } else {
                Paragraph::plain(line)
            }
        })
        .collect())
}

/// A Markdown line whose leading bold run (after optional indentation) loses its markers:
/// `**Kari:** Hei` becomes `Kari: Hei` with 5 bold chars. Hand-written rather than a Markdown
/// parser because only this one construct matters and every other byte must stay as written.
fn markdown_line(line: &str) -> Paragraph {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    for marker in ["**", "__"] {
        let Some(rest) = body.strip_prefix(marker) else {
            continue;
        };
        let Some(end) = rest.find(marker) else {
            continue;
        };
        let bold = &rest[..end];
        // CommonMark: no whitespace just inside the markers, and `***` is bold italic, which
        // this doesn't try to unpick.
        let well_formed = !bold.is_empty()
            && !bold.starts_with(char::is_whitespace)
            && !bold.ends_with(char::is_whitespace)
            && !bold.starts_with(['*', '_']);
        if well_formed {
            return Paragraph {
                text: format!("{indent}{bold}{}", &rest[end + marker.len()..]),
                bold_prefix_chars: indent.chars().count() + bold.chars().count(),
                ..Paragraph::default()
            };
        }
    }
    Paragraph::plain(line)
}

#[cfg(test)]
mod tests {
    use super::super::{extract, Format};
    use super::*;
    use proptest::prelude::*;

    fn decoded(bytes: &[u8]) -> (Result<String, ImportError>, Vec<ImportWarning>) {
        let mut notes = ReadNotes::default();
        let text = decode(bytes, &mut notes);
        (text, notes.warnings)
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let text = "Kari: Blåbær og rødgrøt 😀";
        assert_eq!(decoded(text.as_bytes()), (Ok(text.to_owned()), vec![]));
        let with_bom = [UTF8_BOM, text.as_bytes()].concat();
        assert_eq!(decoded(&with_bom), (Ok(text.to_owned()), vec![]));
    }

    #[test]
    fn utf8_bom_with_bad_bytes_is_corrupt() {
        // "hei" then 0xE5 (Latin-1 å), which is not UTF-8: byte 3 of the body, 6 of the file.
        let (result, _) = decoded(b"\xEF\xBB\xBFhei\xE5");
        assert_eq!(
            result,
            Err(ImportError::Corrupt {
                format: "text",
                reason: "it starts with a UTF-8 byte-order mark, but byte 6 is not UTF-8".into()
            })
        );
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let text = "Ærlig talt, Åse: «ja» 😀\r\nNei.";
        for big_endian in [false, true] {
            assert_eq!(
                decoded(&utf16(text, big_endian)),
                (Ok(text.to_owned()), vec![])
            );
        }
    }

    #[test]
    fn utf16_le_bytes_are_what_we_think() {
        // Pin the test helper: 'å' is U+00E5 → E5 00 in LE; '😀' is D83D DE00 → 3D D8 00 DE.
        assert_eq!(
            utf16("å😀", false),
            [0xFF, 0xFE, 0xE5, 0x00, 0x3D, 0xD8, 0x00, 0xDE]
        );
    }

    #[test]
    fn malformed_utf16_is_corrupt() {
        // A lone high surrogate (D83D with no low surrogate after it).
        let lone = [0xFF, 0xFE, b'h', 0, 0x3D, 0xD8, b'i', 0];
        assert!(matches!(
            decoded(&lone).0,
            Err(ImportError::Corrupt { format: "text", .. })
        ));
        // An odd number of bytes after the BOM.
        let odd = [0xFE, 0xFF, 0, b'h', 0];
        let (result, _) = decoded(&odd);
        assert_eq!(
            result,
            Err(ImportError::Corrupt {
                format: "text",
                reason: "it starts with a UTF-16BE byte-order mark but is not valid UTF-16BE"
                    .into()
            })
        );
    }

    #[test]
    fn utf32_is_named() {
        let (result, _) = decoded(b"\xFF\xFE\0\0h\0\0\0");
        assert!(
            matches!(result, Err(ImportError::Corrupt { reason, .. }) if reason.contains("UTF-32"))
        );
    }

    #[test]
    fn nul_or_many_controls_is_binary() {
        assert_eq!(decoded(b"PK\x03\x04\x14\0\0\0").0, Err(ImportError::Binary));
        // UTF-16 without a BOM has NULs too.
        assert_eq!(decoded(b"h\0e\0i\0").0, Err(ImportError::Binary));
        // 3 control bytes in 12: 3 * 10 = 30 > 12.
        assert_eq!(
            decoded(b"\x01\x02\x03abcdefghi").0,
            Err(ImportError::Binary)
        );
    }

    #[test]
    fn a_few_controls_are_still_text() {
        // 1 control byte (0x1A) in 20: 1 * 10 = 10, not > 20.
        let bytes = b"Kari: hei\nOla: ja\x1A\x0B";
        assert_eq!(decoded(bytes).0.unwrap(), "Kari: hei\nOla: ja\x1A\x0B");
    }

    #[test]
    fn windows_1252_keeps_dash_quotes_euro_and_aeoeaa() {
        // "Intervjuer: Hva koster blåbærsyltetøy – «omtrent 40 €», sa Åse?" in Windows-1252:
        // – is 0x96, « » are 0xAB 0xBB, € is 0x80, å 0xE5, æ 0xE6, ø 0xF8, Å 0xC5.
        let bytes =
            b"Intervjuer: Hva koster bl\xE5b\xE6rsyltet\xF8y \x96 \xABomtrent 40 \x80\xBB, \
                      sa \xC5se? Informant: Det vet jeg ikke, men det er s\xF8tt og godt.";
        let (text, warnings) = decoded(bytes);
        assert_eq!(
            text.unwrap(),
            "Intervjuer: Hva koster blåbærsyltetøy – «omtrent 40 €», sa Åse? Informant: Det vet \
             jeg ikke, men det er søtt og godt."
        );
        assert_eq!(
            warnings,
            [ImportWarning::EncodingGuessed {
                encoding: "windows-1252".into()
            }]
        );
        assert_eq!(
            warnings[0].to_string(),
            "decoded as windows-1252 (no UTF-8 or BOM found)"
        );
    }

    #[test]
    fn iso_8859_1_text_decodes_the_same() {
        // Without bytes 0x80–0x9F, ISO-8859-1 and Windows-1252 agree; 0xE6 0xF8 0xE5 = æ ø å.
        let bytes = b"Jeg liker \xE6bler, r\xF8dgr\xF8t og bl\xE5b\xE6r. \xABJa\xBB, sa hun.";
        let (text, warnings) = decoded(bytes);
        assert_eq!(
            text.unwrap(),
            "Jeg liker æbler, rødgrøt og blåbær. «Ja», sa hun."
        );
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn byte_0x96_is_a_dash_not_a_c1_control() {
        let (text, _) = decoded(b"1990\x962000 p\xE5 \xF8ya");
        let text = text.unwrap();
        assert!(text.contains('\u{2013}'), "{text:?}");
        assert!(!text.contains('\u{96}'), "{text:?}");
    }

    #[test]
    fn lines_become_paragraphs_and_crlf_is_counted() {
        let mut notes = ReadNotes::default();
        let paragraphs = paragraphs(b"Kari: hei\r\n\r\nOla: ja\r\n", &mut notes, false).unwrap();
        // Splitting "Kari: hei\n\nOla: ja\n" on '\n' keeps the empty line and the empty tail.
        assert_eq!(texts(&paragraphs), ["Kari: hei", "", "Ola: ja", ""]);
        assert!(paragraphs
            .iter()
            .all(|p| *p == Paragraph::plain(p.text.clone())));
        // Three CRs removed.
        assert_eq!(notes.normalized_chars, 3);
    }

    #[test]
    fn lone_cr_lines_split_too() {
        let mut notes = ReadNotes::default();
        let paragraphs = paragraphs(b"a\rb", &mut notes, false).unwrap();
        assert_eq!(texts(&paragraphs), ["a", "b"]);
        assert_eq!(notes.normalized_chars, 1);
    }

    #[test]
    fn combining_ring_composes_through_extract() {
        // "a" + U+030A COMBINING RING ABOVE is 2 chars; NFC makes it 1 ("å"): 1 change.
        let extracted = extract("x.txt", "Kari: a\u{30a}pen 😀\nOla: ja".as_bytes()).unwrap();
        assert_eq!(extracted.format, Format::Txt);
        assert_eq!(texts(&extracted.paragraphs), ["Kari: åpen 😀", "Ola: ja"]);
        assert_eq!(extracted.normalized_chars, 1);
        assert!(extracted.warnings.is_empty());
    }

    #[test]
    fn legacy_encoding_warning_reaches_extract() {
        let extracted = extract("x.txt", b"Kari: bl\xE5b\xE6r og r\xF8dgr\xF8t").unwrap();
        assert_eq!(texts(&extracted.paragraphs), ["Kari: blåbær og rødgrøt"]);
        assert_eq!(
            extracted.warnings,
            [ImportWarning::EncodingGuessed {
                encoding: "windows-1252".into()
            }]
        );
    }

    #[test]
    fn markdown_bold_labels_lose_their_markers() {
        let md = "**Kari:** Hei\n**IP1**: ja\n__I__: Hva?\n  **Åse:** hm\nvanlig **fet** tekst";
        let extracted = extract("x.md", md.as_bytes()).unwrap();
        let got: Vec<(&str, usize)> = extracted
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.bold_prefix_chars))
            .collect();
        assert_eq!(
            got,
            [
                ("Kari: Hei", 5), // "Kari:" = 5 chars
                ("IP1: ja", 3),   // "IP1" = 3
                ("I: Hva?", 1),   // "I" = 1
                ("  Åse: hm", 6), // 2 spaces + "Åse:" (4 chars, 5 bytes) = 6
                ("vanlig **fet** tekst", 0),
            ]
        );
    }

    #[test]
    fn markdown_lines_that_are_not_bold_runs_stay_as_written() {
        let mut notes = ReadNotes::default();
        let md = "**ikke lukket\n** mellomrom**\n***fet kursiv***\n****\n__init__.py";
        let paragraphs = paragraphs(md.as_bytes(), &mut notes, true).unwrap();
        assert_eq!(
            texts(&paragraphs),
            [
                "**ikke lukket",
                "** mellomrom**",
                "***fet kursiv***",
                "****",
                "init.py"
            ]
        );
        // CommonMark renders `__init__.py` with a bold "init" too.
        assert_eq!(paragraphs[4].bold_prefix_chars, 4);
    }

    #[test]
    fn txt_keeps_markdown_markers() {
        let extracted = extract("x.txt", b"**Kari:** Hei").unwrap();
        assert_eq!(extracted.paragraphs, [Paragraph::plain("**Kari:** Hei")]);
    }

    proptest! {
        #[test]
        fn plain_lines_join_back_to_the_normalised_text(
            s in "[a-zæøåÆØÅ😀\u{30a}\u{301} :*\r\n]{0,60}"
        ) {
            let mut notes = ReadNotes::default();
            let paragraphs = paragraphs(s.as_bytes(), &mut notes, false).unwrap();
            let joined = texts(&paragraphs).join("\n");
            let (normalised, changed) = crate::text::normalize(&s);
            prop_assert_eq!(joined, normalised);
            prop_assert_eq!(notes.normalized_chars, changed);
        }
    }
}
