//! Plain text and Markdown: encoding detection and one paragraph per line.

use super::{ImportError, Paragraph, ReadNotes};

/// Decodes a text file's bytes (UTF-8 with or without BOM, UTF-16 LE/BE with BOM, legacy 8-bit).
pub(crate) fn decode(bytes: &[u8], notes: &mut ReadNotes) -> Result<String, ImportError> {
    let _ = (bytes, notes);
    todo!()
}

/// One paragraph per line of the decoded, LF-normalised text.
pub(crate) fn paragraphs(bytes: &[u8], notes: &mut ReadNotes) -> Result<Vec<Paragraph>, ImportError> {
    let _ = (bytes, notes);
    todo!()
}
