//! Word documents (`.docx`).

use super::{ImportError, Paragraph, ReadNotes};

pub(crate) fn paragraphs(bytes: &[u8], notes: &mut ReadNotes) -> Result<Vec<Paragraph>, ImportError> {
    let _ = (bytes, notes);
    todo!()
}
