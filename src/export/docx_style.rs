//! What every DOCX export shares (written with docx-rs): the styles, under the names Word knows
//! (`Title`, `heading 1`, `heading 2`, `Quote`, `Block Text`, which a Norwegian Word shows as
//! Tittel, Overskrift 1, Sitat, Blokktekst) plus `Translation` and `Memo`; paragraphs whose line
//! breaks stay line breaks; and packing to bytes.

use docx_rs::{
    BreakType, Docx, LineSpacing, Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType,
};

use crate::{Error, Result};

/// Style ids.
pub const TITLE: &str = "Title";
pub const HEADING_1: &str = "Heading1";
pub const HEADING_2: &str = "Heading2";
/// A quote shorter than the block-quote length.
pub const QUOTE: &str = "Quote";
/// A block quote.
pub const BLOCK: &str = "BlockText";
pub const TRANSLATION: &str = "Translation";
pub const MEMO: &str = "Memo";
/// A caption under a figure or table.
pub const CAPTION: &str = "Caption";

/// 0.5 inch in twentieths of a point.
const INDENT: i32 = 720;

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
}

/// An empty document with the export styles (11 pt body, spacing after paragraphs).
pub fn document() -> Docx {
    Docx::new()
        .default_size(22)
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri"))
        .default_line_spacing(LineSpacing::new().after(120))
        .add_style(paragraph_style(TITLE, "Title").size(40).bold())
        .add_style(
            paragraph_style(HEADING_1, "heading 1")
                .size(32)
                .bold()
                .outline_lvl(0)
                .line_spacing(LineSpacing::new().before(360).after(120)),
        )
        .add_style(
            paragraph_style(HEADING_2, "heading 2")
                .size(26)
                .bold()
                .outline_lvl(1)
                .line_spacing(LineSpacing::new().before(240).after(80)),
        )
        .add_style(paragraph_style(QUOTE, "Quote").italic().indent(
            Some(INDENT),
            None,
            Some(INDENT),
            None,
        ))
        .add_style(
            paragraph_style(BLOCK, "Block Text")
                .size(20)
                .indent(Some(INDENT * 2), None, Some(INDENT), None)
                .line_spacing(LineSpacing::new().before(120).after(240)),
        )
        .add_style(
            paragraph_style(TRANSLATION, "Translation")
                .italic()
                .color("555555")
                .indent(Some(INDENT * 2), None, Some(INDENT), None),
        )
        .add_style(
            paragraph_style(MEMO, "Memo")
                .size(18)
                .color("555555")
                .indent(
                    Some(INDENT),
                    Some(SpecialIndentType::FirstLine(0)),
                    None,
                    None,
                ),
        )
        .add_style(paragraph_style(CAPTION, "caption").size(18).italic())
}

/// A run of text whose line breaks become breaks.
pub fn run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// A paragraph of one run in a style.
pub fn paragraph(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(run(text))
}

/// The `.docx` file's bytes.
pub fn pack(docx: Docx) -> Result<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| Error::Invalid(format!("cannot write the Word document: {e}")))?;
    Ok(out.into_inner())
}
