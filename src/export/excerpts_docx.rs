//! The coded excerpts as a Word document: a title, what was retrieved, then a section (style
//! `heading 1`) per code with each quote in the `Quote` style, cited, in the chosen marks, or,
//! from 40 words, in the `Block Text` style without marks and with the citation after it; the
//! translation (`Translation`) and the codings' memos (`Memo`) below each quote.

use docx_rs::{Docx, Paragraph, Run};

use super::docx_style::{self as style, paragraph, run};
use super::excerpt_set::{ExcerptSet, ExportExcerpt};
use crate::Result;

/// The document's bytes.
pub fn write(set: &ExcerptSet) -> Result<Vec<u8>> {
    let mut doc = style::document().add_paragraph(paragraph(
        style::TITLE,
        &format!("Kodede utdrag: {}", set.title),
    ));
    doc = doc.add_paragraph(Paragraph::new().add_run(run(&summary(set))));
    for section in &set.sections {
        doc = doc.add_paragraph(paragraph(style::HEADING_1, &section.heading));
        for &i in &section.excerpts {
            doc = quote(doc, &set.excerpts[i]);
        }
    }
    style::pack(doc)
}

/// The line under the title: how many excerpts, the filters and the citation template.
pub fn summary(set: &ExcerptSet) -> String {
    let mut parts = vec![format!("{} utdrag", set.excerpts.len())];
    if !set.filters.is_empty() {
        parts.push(format!("filtre: {}", set.filters.join(", ")));
    }
    parts.push(format!("sitatmal: {}", set.citation.citation.template()));
    parts.join(" · ")
}

/// Adds one excerpt: its quote, translation and memo.
pub(crate) fn quote(doc: Docx, e: &ExportExcerpt) -> Docx {
    let p = if e.block {
        Paragraph::new()
            .style(style::BLOCK)
            .add_run(run(&e.quote))
            .add_run(Run::new().add_text(format!(" {}", e.reference)))
    } else {
        Paragraph::new().style(style::QUOTE).add_run(run(&e.cited))
    };
    let mut doc = doc.add_paragraph(p);
    if let Some(t) = &e.translation {
        doc = doc.add_paragraph(paragraph(style::TRANSLATION, t));
    }
    if let Some(m) = &e.memo {
        doc = doc.add_paragraph(paragraph(style::MEMO, &format!("Memo: {m}")));
    }
    doc
}
