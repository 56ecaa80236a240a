//! Word documents (`.docx`): the paragraphs of `word/document.xml` as Word displays them, with
//! tracked changes accepted, the leading bold run measured, and two-column speaker | text tables
//! read as labelled paragraphs. Also home to what odt shares: [`ParagraphBuilder`],
//! [`table_row`] and [`xml_text_of`].

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::{archive, ImportError, Paragraph, ReadNotes, SourceLabel};

const DOCUMENT: &str = "word/document.xml";
/// WordprocessingML, transitional and strict.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC: [&str; 1] = ["http://schemas.openxmlformats.org/markup-compatibility/2006"];

/// The paragraphs of a docx file's main document part.
pub(crate) fn paragraphs(
    bytes: &[u8],
    _notes: &mut ReadNotes,
) -> Result<Vec<Paragraph>, ImportError> {
    let xml = archive::read_xml_entry(bytes, DOCUMENT, "docx")?;
    let mut reader = NsReader::from_str(&xml);
    let mut doc = Document::default();
    let mut depth = 0usize;
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok(resolved) => resolved,
            Err(e) => return Err(not_xml(&e, reader.error_position())),
        };
        let tag = match &event {
            Event::Start(e) | Event::Empty(e) => Tag::of(&ns, e.local_name().as_ref()),
            Event::End(e) => Tag::of(&ns, e.local_name().as_ref()),
            _ => Tag::Other,
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                doc.start(tag, &e);
            }
            Event::Empty(e) => {
                doc.start(tag, &e);
                doc.end(tag);
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                doc.end(tag);
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if doc.in_text() => {
                let text =
                    xml_text_of(&event).map_err(|e| not_xml(&e, reader.buffer_position()))?;
                doc.text(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(truncated("docx", DOCUMENT));
    }
    Ok(doc.body.out)
}

fn not_xml(e: &quick_xml::Error, at: u64) -> ImportError {
    ImportError::Corrupt {
        format: "docx",
        reason: format!("{DOCUMENT} is not well-formed XML ({e}, at byte {at})"),
    }
}

/// The WordprocessingML elements the reader acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    R,
    T,
    Tab,
    Br,
    Cr,
    NoBreakHyphen,
    RPr,
    PPr,
    Bold,
    Del,
    /// Content that never shows: deleted or moved-away text, field codes, old formatting.
    Hidden,
    Tbl,
    Tr,
    Tc,
    AlternateContent,
    /// `mc:Choice` or `mc:Fallback`: alternative renderings of the same content.
    Alternative,
    Other,
}

impl Tag {
    fn of(ns: &ResolveResult, local: &str) -> Tag {
        if in_namespace(ns, &W, "w") {
            match local {
                "p" => Tag::P,
                "r" => Tag::R,
                "t" => Tag::T,
                "tab" | "ptab" => Tag::Tab,
                "br" => Tag::Br,
                "cr" => Tag::Cr,
                "noBreakHyphen" => Tag::NoBreakHyphen,
                "rPr" => Tag::RPr,
                "pPr" => Tag::PPr,
                "b" | "bCs" => Tag::Bold,
                "del" => Tag::Del,
                "moveFrom" | "delText" | "instrText" | "delInstrText" | "rPrChange" => Tag::Hidden,
                "tbl" => Tag::Tbl,
                "tr" => Tag::Tr,
                "tc" => Tag::Tc,
                _ => Tag::Other,
            }
        } else if in_namespace(ns, &MC, "mc") {
            match local {
                "AlternateContent" => Tag::AlternateContent,
                "Choice" | "Fallback" => Tag::Alternative,
                _ => Tag::Other,
            }
        } else {
            Tag::Other
        }
    }
}

/// Whether a resolved element name is in one of `uris`. A file that uses the customary prefix
/// without declaring it (which Word would refuse, but scripts do write) is read as intended
/// rather than silently yielding no text.
pub(super) fn in_namespace(ns: &ResolveResult, uris: &[&str], usual_prefix: &str) -> bool {
    match ns {
        ResolveResult::Bound(bound) => uris.contains(&bound.as_ref()),
        ResolveResult::Unknown(prefix) => prefix == usual_prefix,
        ResolveResult::Unbound => false,
    }
}

/// The character data of a text-like event: text, CDATA, or an entity or character reference.
/// An undeclared entity is kept as written rather than failing the whole document.
pub(super) fn xml_text_of<'a>(event: &'a Event<'a>) -> Result<Cow<'a, str>, quick_xml::Error> {
    Ok(match event {
        Event::Text(t) => t.xml10_content(),
        Event::CData(t) => t.xml10_content(),
        Event::GeneralRef(r) => match r.resolve_char_ref()? {
            Some(c) => Cow::Owned(c.to_string()),
            None => {
                let name = r.xml10_content();
                match quick_xml::escape::resolve_xml_entity(&name) {
                    Some(s) => Cow::Borrowed(s),
                    None => Cow::Owned(format!("&{name};")),
                }
            }
        },
        _ => Cow::Borrowed(""),
    })
}

/// The reader's state while walking `document.xml`.
#[derive(Default)]
struct Document {
    body: Body,
    /// Open paragraphs; more than one when a text box sits inside a paragraph.
    paragraphs: Vec<ParagraphBuilder>,
    /// For each open `mc:AlternateContent`, whether one alternative has been read already.
    alternatives: Vec<bool>,
    /// Depth inside an element whose content is dropped.
    hidden: usize,
    /// Depth inside a `w:pPr`, which only matters for a deleted paragraph mark.
    paragraph_props: usize,
    /// Depth inside a run's `w:rPr`, which only matters for bold.
    run_props: usize,
    in_t: bool,
}

impl Document {
    fn in_text(&self) -> bool {
        self.in_t && self.hidden == 0 && self.paragraph_props == 0 && self.run_props == 0
    }

    fn start(&mut self, tag: Tag, e: &BytesStart) {
        if self.hidden > 0 {
            self.hidden += 1;
            return;
        }
        if self.paragraph_props > 0 {
            self.paragraph_props += 1;
            // Only `w:pPr/w:rPr/w:del` can be here: the paragraph mark itself was deleted.
            if tag == Tag::Del {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.mark_deleted = true;
                }
            }
            return;
        }
        if self.run_props > 0 {
            match tag {
                Tag::Hidden => self.hidden = 1,
                Tag::Bold => {
                    if let Some(p) = self.paragraphs.last_mut() {
                        p.run_bold = is_on(e);
                    }
                    self.run_props += 1;
                }
                _ => self.run_props += 1,
            }
            return;
        }
        match tag {
            Tag::Del | Tag::Hidden => self.hidden = 1,
            Tag::PPr => self.paragraph_props = 1,
            Tag::RPr => self.run_props = 1,
            Tag::P => self.paragraphs.push(ParagraphBuilder::default()),
            Tag::R => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.run_bold = false;
                }
            }
            Tag::T => self.in_t = true,
            Tag::Tab => self.text("\t"),
            // Page and column breaks are layout, not content: as '\n' they would put a blank
            // line before a speaker label that follows a page break.
            Tag::Br if !matches!(attr(e, "type").as_deref(), Some("page" | "column")) => {
                self.text("\n")
            }
            Tag::Cr => self.text("\n"),
            Tag::NoBreakHyphen => self.text("-"),
            Tag::Tbl => self.body.start_table(),
            Tag::Tr => self.body.start_row(),
            Tag::Tc => self.body.start_cell(),
            Tag::AlternateContent => self.alternatives.push(false),
            Tag::Alternative => match self.alternatives.last_mut() {
                Some(taken) if *taken => self.hidden = 1,
                Some(taken) => *taken = true,
                None => {}
            },
            Tag::Br | Tag::Bold | Tag::Other => {}
        }
    }

    fn end(&mut self, tag: Tag) {
        if self.hidden > 0 {
            self.hidden -= 1;
            return;
        }
        if self.paragraph_props > 0 {
            self.paragraph_props -= 1;
            return;
        }
        if self.run_props > 0 {
            self.run_props -= 1;
            return;
        }
        match tag {
            Tag::P => {
                if let Some(p) = self.paragraphs.pop() {
                    // A deleted paragraph mark with all its text deleted too is a deleted line:
                    // it should vanish, not leave an empty paragraph behind.
                    if !(p.mark_deleted && p.is_empty()) {
                        self.body.emit(p.finish());
                    }
                }
            }
            Tag::T => self.in_t = false,
            Tag::Tc => self.body.end_cell(),
            Tag::Tr => self.body.end_row(),
            Tag::Tbl => self.body.end_table(),
            Tag::AlternateContent => {
                self.alternatives.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            let bold = p.run_bold;
            p.push(s, bold);
        }
    }
}

/// Whether an on/off property such as `<w:b/>` or `<w:b w:val="false"/>` is on.
fn is_on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// An attribute's value by local name (`w:val` → `"val"`): WordprocessingML elements carry
/// only attributes of their own namespace.
pub(super) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

/// Where finished paragraphs go: the innermost open table cell, or the document. Tables are
/// resolved row by row with [`table_row`].
#[derive(Debug, Default)]
pub(super) struct Body {
    pub(super) out: Vec<Paragraph>,
    tables: Vec<Table>,
}

#[derive(Debug, Default)]
struct Table {
    rows_done: usize,
    row: Option<Vec<Vec<Paragraph>>>,
    cell: Option<Vec<Paragraph>>,
}

impl Body {
    pub(super) fn emit(&mut self, p: Paragraph) {
        match self.tables.iter_mut().rev().find_map(|t| t.cell.as_mut()) {
            Some(cell) => cell.push(p),
            None => self.out.push(p),
        }
    }

    pub(super) fn start_table(&mut self) {
        self.tables.push(Table::default());
    }

    pub(super) fn start_row(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.row = Some(Vec::new());
        }
    }

    pub(super) fn start_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.cell = Some(Vec::new());
        }
    }

    pub(super) fn end_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if let (Some(row), Some(cell)) = (t.row.as_mut(), t.cell.take()) {
                row.push(cell);
            }
        }
    }

    pub(super) fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let first_row = t.rows_done == 0;
        t.rows_done += 1;
        if let Some(cells) = t.row.take() {
            // The row's own table has no open cell now, so these go to the enclosing one.
            for p in table_row(cells, first_row) {
                self.emit(p);
            }
        }
    }

    pub(super) fn end_table(&mut self) {
        self.tables.pop();
    }
}

/// Builds one paragraph from text pushed run by run, measuring the leading bold run.
#[derive(Debug, Default)]
pub(super) struct ParagraphBuilder {
    text: String,
    chars: usize,
    lead: Lead,
    bold_chars: usize,
    /// Whether the current docx run is bold.
    run_bold: bool,
    /// docx: the paragraph mark is a tracked deletion.
    mark_deleted: bool,
}

/// Where the paragraph stands with respect to its leading bold run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// Nothing but whitespace so far.
    #[default]
    Start,
    /// Inside the leading bold run.
    Bold,
    /// Past it (or there was none).
    Done,
}

impl ParagraphBuilder {
    pub(super) fn push(&mut self, s: &str, bold: bool) {
        if s.is_empty() {
            return;
        }
        self.text.push_str(s);
        self.chars += s.chars().count();
        match self.lead {
            Lead::Start | Lead::Bold if bold => {
                self.lead = Lead::Bold;
                self.bold_chars = self.chars;
            }
            Lead::Start if s.chars().all(char::is_whitespace) => {}
            _ => self.lead = Lead::Done,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The last char pushed, if any.
    pub(super) fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    pub(super) fn finish(self) -> Paragraph {
        // A bold run of nothing but whitespace is no label.
        let has_bold_text = self
            .text
            .chars()
            .take(self.bold_chars)
            .any(|c| !c.is_whitespace());
        Paragraph {
            bold_prefix_chars: if has_bold_text { self.bold_chars } else { 0 },
            text: self.text,
            ..Paragraph::default()
        }
    }
}

/// The paragraphs of one table row. A row of exactly two cells whose first cell is a plausible
/// speaker label becomes one labelled paragraph `"{speaker}: {text}"` (a first row that is just
/// the column headings is dropped); any other row gives each cell's paragraphs in order.
pub(super) fn table_row(cells: Vec<Vec<Paragraph>>, first_row: bool) -> Vec<Paragraph> {
    if let [speaker_cell, text_cell] = cells.as_slice() {
        let speaker = cell_text(speaker_cell);
        let speaker = speaker.trim_end_matches(':').trim_end();
        let text = cell_text(text_cell);
        if first_row && is_heading_row(speaker, &text) {
            return Vec::new();
        }
        if is_plausible_label(speaker) {
            let label = format!("{speaker}: ");
            return vec![Paragraph {
                label: Some(SourceLabel {
                    speaker: speaker.to_owned(),
                    label_chars: label.chars().count(),
                }),
                text: label + &text,
                ..Paragraph::default()
            }];
        }
    }
    cells.into_iter().flatten().collect()
}

/// A cell's paragraphs joined with spaces, empty ones left out.
fn cell_text(cell: &[Paragraph]) -> String {
    cell.iter()
        .map(|p| p.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// 1–4 words, at most 40 chars, at least one letter (so a time like `00:01:23` is not a
/// speaker), and not ending like a sentence.
fn is_plausible_label(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=4).contains(&words)
        && s.chars().count() <= 40
        && s.chars().any(char::is_alphabetic)
        && !s.ends_with(['.', '!', '?', '…'])
}

fn is_heading_row(speaker: &str, text: &str) -> bool {
    const SPEAKER: [&str; 10] = [
        "taler",
        "talar",
        "speaker",
        "person",
        "navn",
        "namn",
        "name",
        "deltaker",
        "deltakar",
        "informant",
    ];
    const TEXT: [&str; 9] = [
        "tekst",
        "text",
        "utsagn",
        "ytring",
        "transkripsjon",
        "transcript",
        "transcription",
        "innhold",
        "content",
    ];
    let is = |s: &str, words: &[&str]| words.contains(&s.to_lowercase().as_str());
    is(speaker, &SPEAKER) && is(text.trim_end_matches(':'), &TEXT)
}

/// The error for an XML part that ends inside an element, as a cut-off file does.
pub(super) fn truncated(format: &'static str, part: &str) -> ImportError {
    ImportError::Corrupt {
        format,
        reason: format!("{part} ends in the middle of an element (truncated?)"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{archive::tests::zip_of, extract, Format};
    use super::*;

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

    /// A minimal docx whose body is `body`.
    fn docx(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" mc:Ignorable="wps"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        zip_of(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("word/document.xml", document.as_bytes()),
        ])
    }

    fn read(body: &str) -> Vec<Paragraph> {
        paragraphs(&docx(body), &mut ReadNotes::default()).unwrap()
    }

    fn texts(body: &str) -> Vec<String> {
        read(body).into_iter().map(|p| p.text).collect()
    }

    /// (text, bold_prefix_chars) of each paragraph.
    fn bold(body: &str) -> Vec<(String, usize)> {
        read(body)
            .into_iter()
            .map(|p| (p.text, p.bold_prefix_chars))
            .collect()
    }

    #[test]
    fn paragraphs_and_runs_with_aeoeaa_and_emoji() {
        let body = r#"<w:p><w:r><w:t>Kari: Blåbær</w:t></w:r><w:r><w:t xml:space="preserve"> og rødgrøt 😀</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:r><w:t>Ærlig &amp; åpen &#x2013; &lt;ja&gt;</w:t></w:r></w:p>"#;
        assert_eq!(
            texts(body),
            ["Kari: Blåbær og rødgrøt 😀", "", "Ærlig & åpen – <ja>"]
        );
    }

    #[test]
    fn tab_break_and_carriage_return() {
        let body = r#"<w:p><w:r><w:t>Kari:</w:t><w:tab/><w:t>linje en</w:t><w:br/><w:t>linje to</w:t><w:cr/><w:t>tre</w:t><w:br w:type="page"/><w:t>fire-</w:t><w:noBreakHyphen/><w:t>fem</w:t></w:r></w:p>"#;
        // The page break adds nothing; the no-break hyphen is a plain '-'.
        assert_eq!(texts(body), ["Kari:\tlinje en\nlinje to\ntrefire--fem"]);
    }

    #[test]
    fn hyperlink_text_is_included() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Se </w:t></w:r><w:hyperlink r:id="rId4"><w:r><w:t>nav.no</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>"#;
        assert_eq!(texts(body), ["Se nav.no."]);
    }

    #[test]
    fn tracked_changes_show_as_accepted() {
        let body = r#"<w:p>
            <w:r><w:t xml:space="preserve">Jeg bor i </w:t></w:r>
            <w:del w:id="1" w:author="A"><w:r><w:delText>Bergen</w:delText></w:r><w:r><w:t>Voss</w:t></w:r></w:del>
            <w:ins w:id="2" w:author="A"><w:r><w:t>Molde</w:t></w:r></w:ins>
            <w:moveFrom w:id="3" w:author="A"><w:r><w:t> nå</w:t></w:r></w:moveFrom>
            <w:r><w:t>.</w:t></w:r>
            <w:moveTo w:id="4" w:author="A"><w:r><w:t xml:space="preserve"> Før også</w:t></w:r></w:moveTo>
        </w:p>"#;
        assert_eq!(texts(body), ["Jeg bor i Molde. Før også"]);
    }

    #[test]
    fn a_deleted_line_vanishes() {
        let body = r#"<w:p><w:r><w:t>Kari: hei</w:t></w:r></w:p>
            <w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr><w:del w:id="2" w:author="A"><w:r><w:delText>Ola: slettet</w:delText></w:r></w:del></w:p>
            <w:p><w:r><w:t>Ola: ja</w:t></w:r></w:p>"#;
        assert_eq!(texts(body), ["Kari: hei", "Ola: ja"]);
    }

    #[test]
    fn field_codes_are_skipped_but_their_results_kept() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Side </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
        assert_eq!(texts(body), ["Side 3"]);
    }

    #[test]
    fn alternate_content_is_read_once() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Før </w:t></w:r><w:r><mc:AlternateContent>
            <mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Tekstboks</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Tekstboks</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
        </mc:AlternateContent></w:r><w:r><w:t>etter</w:t></w:r></w:p>"#;
        // The text box paragraph ends first, so it comes before the paragraph around it.
        assert_eq!(texts(body), ["Tekstboks", "Før etter"]);
    }

    #[test]
    fn properties_contribute_no_text() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr><w:t>Hei</w:t></w:r></w:p>"#;
        // The tab stop in pPr is no tab character, and the paragraph mark's bold no bold run.
        assert_eq!(bold(body), [("Hei".to_owned(), 0)]);
    }

    #[test]
    fn leading_bold_run_is_measured() {
        let b = |t: &str| {
            format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{t}</w:t></w:r>"#)
        };
        let plain = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
        let body = [
            format!("<w:p>{}{}</w:p>", b("Kari:"), plain(" Hei")),
            // Two bold runs in a row: "Intervjuer" (10) + ":" (1) = 11.
            format!("<w:p>{}{}{}</w:p>", b("Intervjuer"), b(":"), plain(" Ja")),
            // Leading whitespace, then bold: 2 + "Åse" (3) = 5.
            format!("<w:p>{}{}{}</w:p>", plain("  "), b("Åse"), plain(" nei")),
            // Bold later in the paragraph is no prefix.
            format!("<w:p>{}{}</w:p>", plain("Ola "), b("sa")),
            // Bold whitespace alone is no prefix.
            format!("<w:p>{}{}</w:p>", b(" "), plain("tekst")),
        ]
        .concat();
        assert_eq!(
            bold(&body),
            [
                ("Kari: Hei".to_owned(), 5),
                ("Intervjuer: Ja".to_owned(), 11),
                ("  Åse nei".to_owned(), 5),
                ("Ola sa".to_owned(), 0),
                (" tekst".to_owned(), 0),
            ]
        );
    }

    #[test]
    fn bold_off_values_and_complex_script_bold() {
        let run = |props: &str, t: &str| {
            format!(
                r#"<w:p><w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{t}</w:t></w:r><w:r><w:t> x</w:t></w:r></w:p>"#
            )
        };
        let body = [
            run(r#"<w:b w:val="0"/>"#, "a"),
            run(r#"<w:b w:val="false"/>"#, "b"),
            run(r#"<w:b w:val="off"/>"#, "c"),
            run(r#"<w:b w:val="1"/>"#, "dd"),
            run(r#"<w:b w:val="true"/>"#, "eee"),
            run(r#"<w:bCs/>"#, "ffff"),
            // A formatting change: the run *was* bold, and is not any more.
            run(
                r#"<w:rPrChange w:id="1" w:author="A"><w:rPr><w:b/></w:rPr></w:rPrChange>"#,
                "g",
            ),
        ]
        .concat();
        let got: Vec<usize> = read(&body).iter().map(|p| p.bold_prefix_chars).collect();
        assert_eq!(got, [0, 0, 0, 2, 3, 4, 0]);
    }

    fn row(cells: &[&str]) -> String {
        let cells: String = cells
            .iter()
            .map(|c| {
                let paragraphs: String = c
                    .split('|')
                    .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
                    .collect();
                format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\"/></w:tcPr>{paragraphs}</w:tc>")
            })
            .collect();
        format!("<w:tr>{cells}</w:tr>")
    }

    fn table(rows: &[&[&str]]) -> String {
        let rows: String = rows.iter().map(|r| row(r)).collect();
        format!("<w:tbl><w:tblPr/><w:tblGrid/>{rows}</w:tbl>")
    }

    #[test]
    fn speaker_text_table_rows_become_labelled_paragraphs() {
        let body = table(&[
            &["Taler", "Tekst"],
            &["Intervjuer", "Hvordan var det?"],
            // Several paragraphs in the text cell are joined with a space.
            &["IP 1:", "Det var fint.|Veldig fint."],
        ]);
        let got = read(&body);
        assert_eq!(
            got,
            [
                Paragraph {
                    text: "Intervjuer: Hvordan var det?".into(),
                    // "Intervjuer: " = 10 + 2 = 12 chars.
                    label: Some(SourceLabel {
                        speaker: "Intervjuer".into(),
                        label_chars: 12
                    }),
                    ..Paragraph::default()
                },
                Paragraph {
                    text: "IP 1: Det var fint. Veldig fint.".into(),
                    // The cell's trailing colon is not part of the name; "IP 1: " = 6.
                    label: Some(SourceLabel {
                        speaker: "IP 1".into(),
                        label_chars: 6
                    }),
                    ..Paragraph::default()
                },
            ]
        );
    }

    #[test]
    fn other_tables_give_each_cell_paragraph() {
        let body = table(&[
            &["00:01:23", "Kari sa hei."],
            &["Dette er en hel setning.", "Ja"],
            &["Tid", "Taler", "Tekst"],
            &["Fem ord er for mange", "nei"],
        ]);
        assert_eq!(
            texts(&body),
            [
                "00:01:23",
                "Kari sa hei.",
                "Dette er en hel setning.",
                "Ja",
                "Tid",
                "Taler",
                "Tekst",
                "Fem ord er for mange",
                "nei"
            ]
        );
    }

    #[test]
    fn heading_row_is_only_dropped_first() {
        let body = table(&[&["Kari", "hei"], &["Speaker", "Text"]]);
        let got: Vec<_> = read(&body).into_iter().map(|p| p.text).collect();
        assert_eq!(got, ["Kari: hei", "Speaker: Text"]);
    }

    #[test]
    fn nested_table_stays_inside_its_cell() {
        let inner = table(&[&["a", "b", "c"]]);
        let body = format!(
            "<w:p><w:r><w:t>Før</w:t></w:r></w:p><w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>e</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        );
        assert_eq!(texts(&body), ["Før", "a", "b", "c", "", "d", "e"]);
    }

    #[test]
    fn bad_xml_is_corrupt() {
        for document in [
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p></w:r></w:body></w:document>",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>avbrutt",
        ] {
            let zip = zip_of(&[("word/document.xml", document.as_bytes())]);
            let result = paragraphs(&zip, &mut ReadNotes::default());
            assert!(
                matches!(&result, Err(ImportError::Corrupt { format: "docx", reason }) if reason.contains("word/document.xml")),
                "{result:?}"
            );
        }
    }

    #[test]
    fn entities_from_a_doctype_are_never_expanded() {
        // A "billion laughs" document: expanding &lol2; would multiply the text. Only the five
        // XML entities and character references are resolved; others stay as written.
        let document = r#"<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2; &amp;</w:t></w:r></w:p></w:body></w:document>"#;
        let zip = zip_of(&[("word/document.xml", document.as_bytes())]);
        let got = paragraphs(&zip, &mut ReadNotes::default()).unwrap();
        assert_eq!(got, [Paragraph::plain("&lol2; &")]);
    }

    #[test]
    fn missing_document_xml_says_so() {
        let zip = zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes())]);
        assert_eq!(
            extract("x.docx", &zip).unwrap_err(),
            ImportError::Corrupt {
                format: "docx",
                reason: "no word/document.xml: is this really a Word document?".into()
            }
        );
    }

    #[test]
    fn undeclared_w_prefix_is_still_read() {
        let document =
            "<w:document><w:body><w:p><w:r><w:t>Hei</w:t></w:r></w:p></w:body></w:document>";
        let zip = zip_of(&[("word/document.xml", document.as_bytes())]);
        let got = paragraphs(&zip, &mut ReadNotes::default()).unwrap();
        assert_eq!(got, [Paragraph::plain("Hei")]);
    }

    #[test]
    fn through_extract_with_combining_marks() {
        // "a" + U+030A in a bold label: NFC makes "Åse" of "A\u{30a}se", 4 chars → 3.
        let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>A&#x30A;se:</w:t></w:r><w:r><w:t xml:space="preserve"> bl&#xE5;b&#xE6;r 😀</w:t></w:r></w:p><w:p><w:r><w:t>Ola: ja</w:t></w:r></w:p>"#;
        let extracted = extract("x.docx", &docx(body)).unwrap();
        assert_eq!(extracted.format, Format::Docx);
        assert_eq!(
            extracted.paragraphs,
            [
                Paragraph {
                    text: "Åse: blåbær 😀".into(),
                    // "A\u{30a}se:" was 5 chars bold; "Åse:" is 4.
                    bold_prefix_chars: 4,
                    ..Paragraph::default()
                },
                Paragraph::plain("Ola: ja"),
            ]
        );
        assert_eq!(extracted.normalized_chars, 1);
    }
}
