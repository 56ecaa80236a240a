//! OpenDocument text (`.odt`): the `text:p`/`text:h` paragraphs of `content.xml` as a word
//! processor shows them (ODF whitespace rules applied, tracked deletions, notes and comments left
//! out), with the leading bold run resolved through the document's styles.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::docx::{attr, in_namespace, truncated, xml_text_of, Body, ParagraphBuilder};
use super::{archive, ImportError, ImportWarning, Paragraph, ReadNotes};

const CONTENT: &str = "content.xml";
const STYLES: &str = "styles.xml";
const TEXT: [&str; 1] = ["urn:oasis:names:tc:opendocument:xmlns:text:1.0"];
const OFFICE: [&str; 1] = ["urn:oasis:names:tc:opendocument:xmlns:office:1.0"];
const STYLE: [&str; 1] = ["urn:oasis:names:tc:opendocument:xmlns:style:1.0"];
const TABLE: [&str; 1] = ["urn:oasis:names:tc:opendocument:xmlns:table:1.0"];
const SVG: [&str; 1] = ["urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"];

/// `text:c` is a count the file states; a tiny file must not make us allocate gigabytes.
const MAX_SPACES: usize = 1000;

/// The paragraphs of an odt file's `content.xml`; a missing or damaged `styles.xml` only costs
/// bold detection (and a warning).
pub(crate) fn paragraphs(
    bytes: &[u8],
    notes: &mut ReadNotes,
) -> Result<Vec<Paragraph>, ImportError> {
    let content = match archive::read_xml_entry(bytes, CONTENT, "odt") {
        Err(ImportError::Corrupt { .. }) if is_encrypted(bytes) => return Err(encrypted()),
        other => other?,
    };
    let mut styles = Styles::default();
    // Named styles only refine bold detection: a damaged styles.xml costs a warning, not the
    // import.
    let named = archive::read_optional_entry(bytes, STYLES, "odt")
        .ok()
        .flatten()
        .map(|xml| archive::xml_text(xml, STYLES, "odt"));
    let unreadable = match named {
        Some(Ok(xml)) => styles
            .read(&xml, "styles", false)
            .err()
            .map(|(e, at)| format!("{STYLES} is not well-formed XML ({e}, at byte {at})")),
        Some(Err(e)) => Some(e.to_string()),
        None => None,
    };
    if let Some(detail) = unreadable {
        notes
            .warnings
            .push(ImportWarning::StylesUnreadable { detail });
    }
    styles
        .read(&content, "automatic-styles", true)
        .map_err(|(e, at)| not_xml(&e, at))
        .and_then(|()| read_body(&content, &styles))
        .map_err(|e| if is_encrypted(bytes) { encrypted() } else { e })
}

fn not_xml(e: &quick_xml::Error, at: u64) -> ImportError {
    ImportError::Corrupt {
        format: "odt",
        reason: format!("{CONTENT} is not well-formed XML ({e}, at byte {at})"),
    }
}

/// An encrypted ODF package is a normal zip whose parts are encrypted by ODF itself, which the
/// manifest records; without this check the user would only hear "not well-formed XML".
fn is_encrypted(bytes: &[u8]) -> bool {
    let manifest = archive::read_optional_entry(bytes, "META-INF/manifest.xml", "odt");
    matches!(manifest, Ok(Some(m)) if m.windows(15).any(|w| w == b"encryption-data"))
}

fn encrypted() -> ImportError {
    ImportError::Corrupt {
        format: "odt",
        reason: "the document is password-protected; save a copy without a password".into(),
    }
}

type XmlError = (quick_xml::Error, u64);

/// The bold-relevant part of every style: `(family, name)` → its parent and font weight.
#[derive(Debug, Default)]
struct Styles {
    /// `office:automatic-styles` of content.xml, looked up first.
    automatic: HashMap<(String, String), Style>,
    /// `office:styles` of styles.xml.
    named: HashMap<(String, String), Style>,
}

#[derive(Debug, Default)]
struct Style {
    parent: Option<String>,
    bold: Option<bool>,
}

impl Styles {
    /// Collects the `style:style` children of `office:{container}` in `xml`.
    fn read(&mut self, xml: &str, container: &str, automatic: bool) -> Result<(), XmlError> {
        let map = if automatic {
            &mut self.automatic
        } else {
            &mut self.named
        };
        let mut reader = NsReader::from_str(xml);
        let mut inside = 0usize;
        let mut current: Option<(String, String)> = None;
        loop {
            let (ns, event) = match reader.read_resolved_event() {
                Ok(resolved) => resolved,
                Err(e) => return Err((e, reader.error_position())),
            };
            match &event {
                Event::Start(e) | Event::Empty(e) => {
                    let local = e.local_name();
                    let local = local.as_ref();
                    let is_start = matches!(event, Event::Start(_));
                    if inside > 0 {
                        if is_start {
                            inside += 1;
                        }
                        if in_namespace(&ns, &STYLE, "style") && local == "style" {
                            let key = (
                                attr(e, "family").unwrap_or_default(),
                                attr(e, "name").unwrap_or_default(),
                            );
                            let style = Style {
                                parent: attr(e, "parent-style-name"),
                                bold: None,
                            };
                            map.insert(key.clone(), style);
                            current = is_start.then_some(key);
                        } else if in_namespace(&ns, &STYLE, "style") && local == "text-properties" {
                            if let (Some(key), Some(weight)) = (&current, attr(e, "font-weight")) {
                                if let Some(style) = map.get_mut(key) {
                                    style.bold = Some(is_bold_weight(&weight));
                                }
                            }
                        }
                    } else if is_start && in_namespace(&ns, &OFFICE, "office") && local == container
                    {
                        inside = 1;
                    }
                }
                Event::End(e) if inside > 0 => {
                    inside -= 1;
                    if e.local_name().as_ref() == "style" {
                        current = None;
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// Whether a style makes text bold, following `style:parent-style-name` (from automatic to
    /// named styles and up their chain); `None` when nothing along the chain says.
    fn bold(&self, family: &str, name: &str) -> Option<bool> {
        let mut name = name.to_owned();
        // A bound, because style chains in a file can be cyclic.
        for _ in 0..16 {
            let key = (family.to_owned(), name);
            let style = self.automatic.get(&key).or_else(|| self.named.get(&key))?;
            if style.bold.is_some() {
                return style.bold;
            }
            name = style.parent.clone()?;
        }
        None
    }
}

/// `fo:font-weight`: `bold`, `normal`, or a CSS weight 100–900 where 600 and up look bold.
fn is_bold_weight(weight: &str) -> bool {
    weight == "bold" || weight.parse::<u32>().is_ok_and(|w| w >= 600)
}

/// The ODF elements the body reader acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// `text:p` or `text:h`.
    P,
    /// `text:span` or `text:a`: inline content with its own text style.
    Span,
    S,
    Tab,
    LineBreak,
    /// Content that is not body text: tracked deletions, notes, comments, alt text, index
    /// templates.
    Hidden,
    Table,
    Row,
    Cell,
    Other,
}

impl Tag {
    fn of(ns: &ResolveResult, local: &str) -> Tag {
        if in_namespace(ns, &TEXT, "text") {
            match local {
                "p" | "h" => Tag::P,
                "span" | "a" => Tag::Span,
                "s" => Tag::S,
                "tab" => Tag::Tab,
                "line-break" => Tag::LineBreak,
                "tracked-changes" | "note" | "note-body" => Tag::Hidden,
                // e.g. text:table-of-content-source: the template, not the generated index.
                _ if local.ends_with("-source") => Tag::Hidden,
                _ => Tag::Other,
            }
        } else if in_namespace(ns, &TABLE, "table") {
            match local {
                "table" => Tag::Table,
                "table-row" => Tag::Row,
                "table-cell" | "covered-table-cell" => Tag::Cell,
                _ => Tag::Other,
            }
        } else if (in_namespace(ns, &OFFICE, "office") && local == "annotation")
            || (in_namespace(ns, &SVG, "svg") && matches!(local, "title" | "desc"))
        {
            Tag::Hidden
        } else {
            Tag::Other
        }
    }
}

/// A paragraph being read, with the bold state of each open span.
struct OpenParagraph {
    builder: ParagraphBuilder,
    /// Bold of the paragraph (first) and of each open span inside it.
    bold: Vec<bool>,
    /// Collapsed XML whitespace waiting for the next char (ODF §6.1.2: runs of space, tab and
    /// newline in character data are one space, and none at a paragraph's start or end).
    pending_space: bool,
}

impl OpenParagraph {
    fn bold(&self) -> bool {
        self.bold.last().copied().unwrap_or(false)
    }

    /// Character data, with whitespace collapsed.
    fn text(&mut self, s: &str) {
        let bold = self.bold();
        let mut chunk = String::new();
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                // Also none right after a `text:line-break`.
                let last = chunk.chars().next_back().or(self.builder.last_char());
                self.pending_space |= last.is_some_and(|c| c != '\n');
            } else {
                if std::mem::take(&mut self.pending_space) {
                    chunk.push(' ');
                }
                chunk.push(c);
            }
        }
        self.builder.push(&chunk, bold);
    }

    /// Text from an element (`text:s`, `text:tab`, `text:line-break`), which never collapses.
    fn literal(&mut self, s: &str) {
        let bold = self.bold();
        if std::mem::take(&mut self.pending_space) {
            self.builder.push(" ", bold);
        }
        self.builder.push(s, bold);
    }
}

fn read_body(xml: &str, styles: &Styles) -> Result<Vec<Paragraph>, ImportError> {
    let mut reader = NsReader::from_str(xml);
    let mut body = Body::default();
    let mut open: Vec<OpenParagraph> = Vec::new();
    let mut hidden = 0usize;
    let mut depth = 0usize;
    let style_bold = |e: &BytesStart, family: &str| {
        attr(e, "style-name").and_then(|name| styles.bold(family, &name))
    };
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
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if hidden > 0 {
            match event {
                Event::Start(_) => hidden += 1,
                Event::End(_) => hidden -= 1,
                _ => {}
            }
            continue;
        }
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match tag {
                Tag::Hidden if !empty => hidden = 1,
                Tag::P => {
                    let p = OpenParagraph {
                        builder: ParagraphBuilder::default(),
                        bold: vec![style_bold(&e, "paragraph").unwrap_or(false)],
                        pending_space: false,
                    };
                    if empty {
                        body.emit(p.builder.finish());
                    } else {
                        open.push(p);
                    }
                }
                Tag::Span if !empty => {
                    if let Some(p) = open.last_mut() {
                        let bold = style_bold(&e, "text").unwrap_or(p.bold());
                        p.bold.push(bold);
                    }
                }
                Tag::S => {
                    if let Some(p) = open.last_mut() {
                        let count = attr(&e, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        p.literal(&" ".repeat(usize::min(count, MAX_SPACES)));
                    }
                }
                Tag::Tab => {
                    if let Some(p) = open.last_mut() {
                        p.literal("\t");
                    }
                }
                Tag::LineBreak => {
                    if let Some(p) = open.last_mut() {
                        p.literal("\n");
                    }
                }
                Tag::Table if !empty => body.start_table(),
                Tag::Row if !empty => body.start_row(),
                Tag::Cell => {
                    body.start_cell();
                    if empty {
                        body.end_cell();
                    }
                }
                _ => {}
            },
            Event::End(_) => match tag {
                Tag::P => {
                    if let Some(p) = open.pop() {
                        body.emit(p.builder.finish());
                    }
                }
                Tag::Span => {
                    if let Some(p) = open.last_mut() {
                        // The paragraph's own entry stays.
                        if p.bold.len() > 1 {
                            p.bold.pop();
                        }
                    }
                }
                Tag::Table => body.end_table(),
                Tag::Row => body.end_row(),
                Tag::Cell => body.end_cell(),
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                if let Some(p) = open.last_mut() {
                    let text =
                        xml_text_of(&event).map_err(|e| not_xml(&e, reader.buffer_position()))?;
                    p.text(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(truncated("odt", CONTENT));
    }
    Ok(body.out)
}

#[cfg(test)]
mod tests {
    use super::super::{archive::tests::zip_of, extract, Format, SourceLabel};
    use super::*;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3""#;

    /// Automatic styles used by the tests: P1/T1 bold, T2 explicitly normal, P2 inherits from
    /// the named style "Fet" (bold in styles.xml), P3 from "Standard".
    const AUTOMATIC: &str = r#"<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>
        <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
        <style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="normal"/></style:style>
        <style:style style:name="T3" style:family="text"><style:text-properties fo:font-weight="700"/></style:style>
        <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Fet"/>
        <style:style style:name="P3" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-style="italic"/></style:style>"#;

    fn odt_with(text: &str, styles_xml: Option<&str>) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}><office:automatic-styles>{AUTOMATIC}</office:automatic-styles><office:body><office:text><text:sequence-decls/>{text}</office:text></office:body></office:document-content>"#
        );
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ];
        let styles = styles_xml.map(|s| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}><office:styles>{s}</office:styles><office:automatic-styles><style:style style:name="P2" style:family="paragraph"><style:text-properties fo:font-weight="normal"/></style:style></office:automatic-styles></office:document-styles>"#
            )
        });
        if let Some(s) = &styles {
            entries.push(("styles.xml", s.as_bytes()));
        }
        zip_of(&entries)
    }

    fn odt(text: &str) -> Vec<u8> {
        odt_with(text, None)
    }

    fn read(text: &str) -> Vec<Paragraph> {
        paragraphs(&odt(text), &mut ReadNotes::default()).unwrap()
    }

    fn texts(text: &str) -> Vec<String> {
        read(text).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        let text = r#"<text:h text:outline-level="1">Intervju 3</text:h><text:p text:style-name="P3">Kari: Blåbær og rødgrøt 😀</text:p><text:p/><text:list><text:list-item><text:p>Punkt én</text:p></text:list-item><text:list-item><text:list><text:list-item><text:p>Under&amp;punkt</text:p></text:list-item></text:list></text:list-item></text:list>"#;
        assert_eq!(
            texts(text),
            [
                "Intervju 3",
                "Kari: Blåbær og rødgrøt 😀",
                "",
                "Punkt én",
                "Under&punkt"
            ]
        );
    }

    #[test]
    fn spaces_tabs_and_line_breaks() {
        let text =
            r#"<text:p>a<text:s/>b<text:s text:c="3"/>c<text:tab/>d<text:line-break/>e</text:p>"#;
        // <text:s/> is 1 space, text:c="3" is 3.
        assert_eq!(texts(text), ["a b   c\td\ne"]);
    }

    #[test]
    fn xml_whitespace_collapses() {
        let text = "<text:p>\n    Kari:   hei\n    <text:span>du</text:span>\n  </text:p><text:p>a <text:s/>b</text:p>";
        // Leading and trailing whitespace goes; the run inside is one space. In the second
        // paragraph the collapsed space and the explicit one are both kept.
        assert_eq!(texts(text), ["Kari: hei du", "a  b"]);
    }

    #[test]
    fn spans_and_links_are_included() {
        let text = r#"<text:p>Se <text:span text:style-name="T2">nav<text:span>.no</text:span></text:span> og <text:a xlink:href="https://x" xmlns:xlink="http://www.w3.org/1999/xlink">lenken</text:a>.</text:p>"#;
        assert_eq!(texts(text), ["Se nav.no og lenken."]);
    }

    #[test]
    fn hidden_content_is_left_out() {
        let text = r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>A</dc:creator></office:change-info><text:p>slettet tekst</text:p></text:deletion></text:changed-region></text:tracked-changes>
            <text:p>Jeg bor<text:change text:change-id="c1"/> i Molde<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Fotnote</text:p></text:note-body></text:note>.<office:annotation><dc:creator>B</dc:creator><text:p>En kommentar</text:p></office:annotation></text:p>
            <text:p><draw:frame><svg:title>Alt-tekst</svg:title><svg:desc>Beskrivelse</svg:desc></draw:frame>Bilde</text:p>"#;
        assert_eq!(texts(text), ["Jeg bor i Molde.", "Bilde"]);
    }

    #[test]
    fn bold_from_span_and_paragraph_styles() {
        let text = r#"<text:p><text:span text:style-name="T1">Kari:</text:span> Hei</text:p>
            <text:p text:style-name="P1">Helt fet</text:p>
            <text:p text:style-name="P1"><text:span text:style-name="T2">Ikke</text:span> fet</text:p>
            <text:p>  <text:span text:style-name="T3">Åse</text:span>: nei</text:p>
            <text:p>Ola <text:span text:style-name="T1">sa</text:span></text:p>
            <text:p><text:span text:style-name="T1">Intervjuer</text:span><text:span text:style-name="T3">:</text:span> Ja</text:p>"#;
        let got: Vec<(String, usize)> = read(text)
            .into_iter()
            .map(|p| (p.text, p.bold_prefix_chars))
            .collect();
        assert_eq!(
            got,
            [
                ("Kari: Hei".to_owned(), 5),
                ("Helt fet".to_owned(), 8),
                // The span overrides the paragraph: "Ikke" is normal.
                ("Ikke fet".to_owned(), 0),
                // Leading XML whitespace is dropped, so "Åse" starts the paragraph: 3.
                ("Åse: nei".to_owned(), 3),
                ("Ola sa".to_owned(), 0),
                // "Intervjuer" (10) + ":" (1) = 11; weight 700 counts as bold.
                ("Intervjuer: Ja".to_owned(), 11),
            ]
        );
    }

    #[test]
    fn bold_through_a_named_parent_style() {
        let named = r#"<style:style style:name="Fet" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="Standard" style:family="paragraph"/><style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>"#;
        let text = r#"<text:p text:style-name="P2">Kari: ja</text:p><text:p text:style-name="P3">Ola: nei</text:p><text:p><text:span text:style-name="Strong_20_Emphasis">Åse:</text:span> kanskje</text:p>"#;
        let got: Vec<usize> = paragraphs(&odt_with(text, Some(named)), &mut ReadNotes::default())
            .unwrap()
            .iter()
            .map(|p| p.bold_prefix_chars)
            .collect();
        // P2 → Fet (bold), all 8 chars; P3 → Standard (nothing); the span's named style: 4.
        // styles.xml's own automatic P2 (normal) applies to headers only and must not win.
        assert_eq!(got, [8, 0, 4]);
    }

    #[test]
    fn unreadable_styles_cost_only_a_warning() {
        let text = r#"<text:p>Kari: ja</text:p>"#;
        let mut notes = ReadNotes::default();
        // An unclosed element in office:styles: styles.xml is not well-formed.
        let bytes = odt_with(text, Some(r#"<style:style style:name="Fet">"#));
        let got = paragraphs(&bytes, &mut notes).unwrap();
        assert_eq!(got[0].text, "Kari: ja");
        let [ImportWarning::StylesUnreadable { detail }] = &notes.warnings[..] else {
            panic!("{:?}", notes.warnings);
        };
        assert!(
            detail.starts_with("styles.xml is not well-formed XML"),
            "{detail}"
        );
        assert_eq!(
            notes.warnings[0].to_string(),
            "styles.xml could not be read, so bold speaker labels may be missed"
        );

        let mut notes = ReadNotes::default();
        paragraphs(&odt_with(text, Some("")), &mut notes).unwrap();
        assert!(notes.warnings.is_empty());
    }

    #[test]
    fn speaker_text_table_rows_become_labelled_paragraphs() {
        let cell = |t: &str| {
            format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>")
        };
        let row =
            |a: &str, b: &str| format!("<table:table-row>{}{}</table:table-row>", cell(a), cell(b));
        let text = format!(
            r#"<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/><table:table-header-rows>{}</table:table-header-rows>{}<table:table-row>{}<table:table-cell><text:p>Ja.</text:p><text:p>Helt sikkert.</text:p></table:table-cell></table:table-row><table:table-row>{}<table:covered-table-cell/>{}</table:table-row></table:table>"#,
            row("Speaker", "Text"),
            row("Intervjuer", "Hvordan gikk det?"),
            cell("Informant 2"),
            cell("x"),
            cell("y"),
        );
        let got = read(&text);
        assert_eq!(
            got,
            [
                Paragraph {
                    text: "Intervjuer: Hvordan gikk det?".into(),
                    // "Intervjuer: " = 12 chars.
                    label: Some(SourceLabel {
                        speaker: "Intervjuer".into(),
                        label_chars: 12
                    }),
                    ..Paragraph::default()
                },
                Paragraph {
                    text: "Informant 2: Ja. Helt sikkert.".into(),
                    // "Informant 2: " = 11 + 2 = 13 chars.
                    label: Some(SourceLabel {
                        speaker: "Informant 2".into(),
                        label_chars: 13
                    }),
                    ..Paragraph::default()
                },
                // Three cells (one covered): each cell's paragraphs as they are.
                Paragraph::plain("x"),
                Paragraph::plain("y"),
            ]
        );
    }

    #[test]
    fn bad_xml_is_corrupt() {
        for content in [
            format!("<office:document-content {NS}><office:body><office:text><text:p>a</text:h></office:text></office:body></office:document-content>"),
            format!("<office:document-content {NS}><office:body><office:text><text:p>avbrutt"),
        ] {
            let zip = zip_of(&[("content.xml", content.as_bytes())]);
            let result = paragraphs(&zip, &mut ReadNotes::default());
            assert!(
                matches!(&result, Err(ImportError::Corrupt { format: "odt", reason }) if reason.contains("content.xml")),
                "{result:?}"
            );
        }
    }

    #[test]
    fn encrypted_document_is_named() {
        let manifest = br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>"#;
        let zip = zip_of(&[
            ("content.xml", &[0x8F, 0x12, 0xFE, 0x00, 0x41][..]),
            ("META-INF/manifest.xml", &manifest[..]),
        ]);
        assert_eq!(
            paragraphs(&zip, &mut ReadNotes::default()),
            Err(ImportError::Corrupt {
                format: "odt",
                reason: "the document is password-protected; save a copy without a password".into()
            })
        );
    }

    #[test]
    fn missing_content_xml_says_so() {
        let zip = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(
            extract("x.odt", &zip).unwrap_err(),
            ImportError::Corrupt {
                format: "odt",
                reason: "no content.xml: is this really an OpenDocument text document?".into()
            }
        );
    }

    #[test]
    fn huge_space_count_is_capped() {
        let got = texts(r#"<text:p>a<text:s text:c="4000000000"/>b</text:p>"#);
        assert_eq!(got[0].chars().count(), 1 + MAX_SPACES + 1);
    }

    #[test]
    fn through_extract_with_combining_marks() {
        // "A" + U+030A is "Å" after NFC: the bold "A\u{30a}se:" (5 chars) becomes 4.
        let text = "<text:p><text:span text:style-name=\"T1\">A\u{30a}se:</text:span> bl&#229;b&#230;r 😀</text:p>";
        let extracted = extract("intervju.odt", &odt(text)).unwrap();
        assert_eq!(extracted.format, Format::Odt);
        assert_eq!(
            extracted.paragraphs,
            [Paragraph {
                text: "Åse: blåbær 😀".into(),
                bold_prefix_chars: 4,
                ..Paragraph::default()
            }]
        );
        assert_eq!(extracted.normalized_chars, 1);
    }
}
