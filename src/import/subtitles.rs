//! WebVTT and SRT from transcription tools.

use super::{ImportError, Paragraph};

pub(crate) fn vtt_paragraphs(text: &str) -> Result<Vec<Paragraph>, ImportError> {
    let _ = text;
    todo!()
}

pub(crate) fn srt_paragraphs(text: &str) -> Result<Vec<Paragraph>, ImportError> {
    let _ = text;
    todo!()
}
