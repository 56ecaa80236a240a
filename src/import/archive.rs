//! Reading single entries of the zip containers docx and odt are made of. Entries are unpacked
//! into memory only (nothing touches the disk, so entry names can't traverse paths), and never
//! past [`LIMIT`] bytes, so a zip bomb is refused instead of exhausting memory.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::ImportError;

/// The most any one entry may unpack to. A 300-page transcript's `document.xml` is a few MB;
/// 64 MiB leaves room for heavy formatting while still refusing bombs quickly.
const LIMIT: u64 = 64 * 1024 * 1024;

/// The bytes of entry `name` of the zip archive `bytes`; `format` names the file type in errors.
pub(crate) fn read_entry(
    bytes: &[u8],
    name: &str,
    format: &'static str,
) -> Result<Vec<u8>, ImportError> {
    read_optional_entry(bytes, name, format)?.ok_or_else(|| ImportError::Corrupt {
        format,
        reason: format!("no {name}: is this really {}?", what_it_should_be(format)),
    })
}

/// Like [`read_entry`], but a missing entry is `None` rather than an error (for parts such as
/// odt's `styles.xml` that only refine the result).
pub(crate) fn read_optional_entry(
    bytes: &[u8],
    name: &str,
    format: &'static str,
) -> Result<Option<Vec<u8>>, ImportError> {
    let mut archive = open(bytes, format)?;
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(e, name, format)),
    };
    // The declared size is only a claim, but when it already exceeds the limit there's no point
    // in unpacking anything.
    if file.size() > LIMIT {
        return Err(too_large(format));
    }
    // `size()` is at most LIMIT here, so trusting it for the allocation is bounded.
    let mut out = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
    // The headers may understate the size (the classic bomb trick). zip 9 already stops at the
    // declared size, but the `take` keeps our own bound independent of that.
    let read = (&mut file).take(LIMIT + 1).read_to_end(&mut out);
    match read {
        Ok(_) if out.len() as u64 > LIMIT => Err(too_large(format)),
        Ok(_) => Ok(Some(out)),
        Err(e) if unpacks_past_declared_size(&e) => Err(too_large(format)),
        Err(e) => Err(ImportError::Corrupt {
            format,
            reason: format!("{name} in the zip archive is damaged ({e})"),
        }),
    }
}

/// Reads an XML entry as text: UTF-8 (with or without BOM) or UTF-16 with BOM, which are the
/// encodings both OOXML and ODF allow.
pub(crate) fn read_xml_entry(
    bytes: &[u8],
    name: &str,
    format: &'static str,
) -> Result<String, ImportError> {
    xml_text(read_entry(bytes, name, format)?, name, format)
}

/// Decodes the bytes of an XML part (see [`read_xml_entry`]).
pub(crate) fn xml_text(
    bytes: Vec<u8>,
    name: &str,
    format: &'static str,
) -> Result<String, ImportError> {
    let bad = || ImportError::Corrupt {
        format,
        reason: format!("{name} is not valid UTF-8 or UTF-16 text"),
    };
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
            .map(|text| text.into_owned())
            .ok_or_else(bad);
    }
    String::from_utf8(bytes).map_err(|_| bad())
}

fn open<'a>(
    bytes: &'a [u8],
    format: &'static str,
) -> Result<ZipArchive<Cursor<&'a [u8]>>, ImportError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        let reason = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            // The OLE container: Word 97–2003 files, and also password-protected docx files.
            "it is an old Word 97–2003 (.doc) file or a password-protected document; save it \
             as an unprotected .docx or .odt"
                .to_owned()
        } else if !bytes.starts_with(b"PK") {
            format!(
                "it is not a zip archive (a .{format} file is a zip of XML files): is the file \
                 misnamed?"
            )
        } else {
            format!("the zip archive is truncated or damaged ({e})")
        };
        ImportError::Corrupt { format, reason }
    })
}

fn zip_error(e: ZipError, name: &str, format: &'static str) -> ImportError {
    let reason = match e {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            format!("{name} is password-protected")
        }
        ZipError::CompressionMethodNotSupported(method) => format!(
            "{name} uses zip compression method {method}, which Tolk can't unpack (only \
             deflate and stored are supported)"
        ),
        other => format!("{name} can't be read from the zip archive ({other})"),
    };
    ImportError::Corrupt { format, reason }
}

/// Whether a read failed because the entry produced more bytes than its header declared.
/// zip 9 reports that as an `InvalidData` I/O error with only a message to tell it from other
/// damage; a test (`understated_bomb_is_refused`) pins this, so a change in zip shows up there.
fn unpacks_past_declared_size(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::InvalidData
        && e.to_string()
            .contains("larger than its declared uncompressed size")
}

fn too_large(format: &'static str) -> ImportError {
    ImportError::TooLarge {
        format,
        limit_mb: LIMIT / (1024 * 1024),
    }
}

fn what_it_should_be(format: &str) -> String {
    match format {
        "docx" => "a Word document".to_owned(),
        "odt" => "an OpenDocument text document".to_owned(),
        other => format!("a .{other} file"),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Write;
    use std::time::{Duration, Instant};
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    /// Builds an in-memory zip with the given entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(data).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    /// Just past [`LIMIT`]: enough to be refused, small enough to deflate quickly in a debug
    /// build. The multi-gigabyte case is covered by patching the declared size upwards.
    const BOMB_MIB: usize = 72;

    /// A docx-shaped zip whose `word/document.xml` is BOMB_MIB MiB of zeros, written 1 MiB at a
    /// time so the test never holds the uncompressed data; built once and shared.
    fn bomb() -> Vec<u8> {
        static BOMB: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        BOMB.get_or_init(|| {
            let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
            let options =
                SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
            writer.start_file("[Content_Types].xml", options).unwrap();
            writer.write_all(b"<Types/>").unwrap();
            writer.start_file("word/document.xml", options).unwrap();
            let chunk = vec![0u8; 1024 * 1024];
            for _ in 0..BOMB_MIB {
                writer.write_all(&chunk).unwrap();
            }
            writer.finish().unwrap().into_inner()
        })
        .clone()
    }

    /// Overwrites the uncompressed-size field of every local and central-directory header of
    /// `name` with `size`, as a bomb that lies about its size would.
    fn set_declared_size(zip: &mut [u8], name: &str, size: u32) -> usize {
        // (signature, offset of the uncompressed size, offset of the name length, header length)
        const LOCAL: ([u8; 4], usize, usize, usize) = ([b'P', b'K', 3, 4], 22, 26, 30);
        const CENTRAL: ([u8; 4], usize, usize, usize) = ([b'P', b'K', 1, 2], 24, 28, 46);
        let mut patched = 0;
        for (sig, size_at, name_len_at, header_len) in [LOCAL, CENTRAL] {
            let mut i = 0;
            while i + header_len <= zip.len() {
                if zip[i..i + 4] == sig {
                    let n = u16::from_le_bytes([zip[i + name_len_at], zip[i + name_len_at + 1]]);
                    let start = i + header_len;
                    if zip.get(start..start + usize::from(n)) == Some(name.as_bytes()) {
                        zip[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
                        patched += 1;
                    }
                }
                i += 1;
            }
        }
        patched
    }

    #[test]
    fn reads_an_entry() {
        let zip = zip_of(&[
            ("a.txt", b"hei"),
            ("word/document.xml", "blåbær 😀".as_bytes()),
        ]);
        assert_eq!(
            read_entry(&zip, "word/document.xml", "docx").unwrap(),
            "blåbær 😀".as_bytes()
        );
    }

    #[test]
    fn missing_entry_says_what_the_file_should_be() {
        let zip = zip_of(&[("a.txt", b"hei")]);
        assert_eq!(
            read_entry(&zip, "word/document.xml", "docx"),
            Err(ImportError::Corrupt {
                format: "docx",
                reason: "no word/document.xml: is this really a Word document?".into()
            })
        );
        assert_eq!(read_optional_entry(&zip, "styles.xml", "odt"), Ok(None));
    }

    #[test]
    fn not_a_zip_is_corrupt() {
        let Err(ImportError::Corrupt { format, reason }) =
            read_entry(b"Kari: hei\n", "content.xml", "odt")
        else {
            panic!("plain text must not open as a zip");
        };
        assert_eq!(format, "odt");
        assert!(reason.contains("not a zip archive"), "{reason}");
    }

    #[test]
    fn old_word_file_is_named() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(512, 0);
        let Err(ImportError::Corrupt { reason, .. }) =
            read_entry(&ole, "word/document.xml", "docx")
        else {
            panic!("an OLE file must not open as a zip");
        };
        assert!(reason.contains("97–2003"), "{reason}");
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        let zip = zip_of(&[("word/document.xml", "x".repeat(5000).as_bytes())]);
        // Cutting off the end removes the central directory the reader starts from.
        let cut = &zip[..zip.len() / 2];
        let Err(ImportError::Corrupt { reason, .. }) = read_entry(cut, "word/document.xml", "docx")
        else {
            panic!("a truncated zip must be refused");
        };
        assert!(reason.contains("truncated or damaged"), "{reason}");
    }

    #[test]
    fn damaged_entry_data_is_corrupt() {
        let text = "Kari: blåbær ".repeat(400);
        let mut zip = zip_of(&[("word/document.xml", text.as_bytes())]);
        // The data starts after the 30-byte local header and the 17-byte name; flipping bytes
        // in the middle of the deflate stream breaks either the stream or the CRC.
        for b in &mut zip[60..80] {
            *b ^= 0xFF;
        }
        assert!(matches!(
            read_entry(&zip, "word/document.xml", "docx"),
            Err(ImportError::Corrupt { format: "docx", .. })
        ));
    }

    #[test]
    fn bomb_with_honest_sizes_is_refused_up_front() {
        let zip = bomb();
        // 72 MiB of zeros deflate to a few hundred KiB: this is what makes it a bomb.
        assert!(zip.len() < 1024 * 1024, "bomb is {} bytes", zip.len());
        let start = Instant::now();
        let result = read_entry(&zip, "word/document.xml", "docx");
        let elapsed = start.elapsed();
        assert_eq!(
            result,
            Err(ImportError::TooLarge {
                format: "docx",
                limit_mb: 64
            })
        );
        assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    }

    #[test]
    fn multi_gigabyte_declared_size_is_refused_without_unpacking() {
        let mut zip = bomb();
        // 0xF000_0000 bytes = 3840 MiB: below the 0xFFFF_FFFF that would mean "see zip64".
        assert_eq!(
            set_declared_size(&mut zip, "word/document.xml", 0xF000_0000),
            2
        );
        let start = Instant::now();
        let result = read_entry(&zip, "word/document.xml", "docx");
        let elapsed = start.elapsed();
        assert_eq!(
            result,
            Err(ImportError::TooLarge {
                format: "docx",
                limit_mb: 64
            })
        );
        assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    }

    #[test]
    fn understated_bomb_is_refused() {
        let mut zip = bomb();
        // One local header and one central-directory header name the entry.
        assert_eq!(set_declared_size(&mut zip, "word/document.xml", 1000), 2);
        let start = Instant::now();
        let result = read_entry(&zip, "word/document.xml", "docx");
        let elapsed = start.elapsed();
        assert_eq!(
            result,
            Err(ImportError::TooLarge {
                format: "docx",
                limit_mb: 64
            })
        );
        assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    }

    #[test]
    fn xml_text_accepts_utf8_bom_and_utf16() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<a>ø😀</a>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(xml_text(utf16, "c.xml", "odt").unwrap(), "<a>ø😀</a>");
        let bom = [&[0xEF, 0xBB, 0xBF][..], "<a>å</a>".as_bytes()].concat();
        assert_eq!(xml_text(bom, "c.xml", "odt").unwrap(), "<a>å</a>");
        assert!(matches!(
            xml_text(vec![b'<', 0xFF, b'>'], "c.xml", "odt"),
            Err(ImportError::Corrupt { format: "odt", .. })
        ));
    }
}
