//! Export for papers: excerpts written as DOCX, XLSX, CSV, Markdown and HTML and read back with
//! reader libraries (zip + quick-xml for DOCX, calamine for XLSX, csv), citation templates and
//! their k-anonymity warnings, translations and omitted ranges (undoable), the codebook as DOCX
//! and CSV both ways, the CLI, and a smoke test through headless LibreOffice.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use serde_json::Value;
use tolk::export::{CharRange, ExportFormat, ExportOptions, QuoteMarks};
use tolk::project::ExcerptQuery;
use tolk::{ImportOptions, Project};

use crate::util::{stdout, tolk, TempProject};

/// 40 words (count_words: runs of letters and digits): a block quote.
const LONG: &str = "Kontroll handler om at noen hele tiden sjekker hva vi gjør, og da mister vi \
lysten til å ta ansvar selv, for når alt skal rapporteres i flere systemer blir det lite tid \
igjen til brukerne, og det merker vi.";

/// 39 words: still a quote in running text.
const SHORTER: &str =
    "Når lederen stoler på oss, tør vi å prøve nye ting i hverdagen, og vi sier fra \
når noe går galt, fordi vi vet at ingen blir straffet for ærlige feil som vi lærer av sammen \
etterpå i gruppa.";

const ESCAPED: &str = "Vi stoler på «ledelsen» & <naboene>.";
const FRIHET: &str = "Frihet betyr at ingen ser meg over skulderen.";
const TILLIT: &str = "Tillit er å få frihet og ansvar på jobben.";
const TRANSLATION: &str = "Trust is being given freedom and responsibility at work.";
const MEMO: &str = "Viktig for kapittel 3 – «kontroll».";

/// Five interviews, one informant each (`<document>/IP1`), with header attributes:
///
/// | document     | rolle       | kommune                         | dato       |
/// |--------------|-------------|---------------------------------|------------|
/// | leder-bodø   | enhetsleder | Bodø                            | 05.09.2024 |
/// | leder-tromsø | enhetsleder | Tromsø                          | 2024-09-12 |
/// | ansatt-1     | ansatt      | Tromsø (its informant: Bodø)    | 20.09.2024 |
/// | ansatt-2     | ansatt      | Bodø                            |            |
/// | østre        | ansatt      | Bodø                            |            |
///
/// (A header block needs three lines, so ansatt-2 and østre have none; their attributes are set
/// on the document.)
///
/// Codes Tillit, Tillit/Frihet, Kontroll. Codings (kari unless named), each a whole turn:
///
/// | coding | document     | turn | code          | text      | notes                        |
/// |--------|--------------|------|---------------|-----------|------------------------------|
/// | c1     | leder-bodø   | 2    | Tillit        | TILLIT    | also by ola; translation; «å få » left out |
/// | c2     | leder-bodø   | 4    | Kontroll      | LONG      | memo                         |
/// | c3     | leder-tromsø | 2    | Tillit        | SHORTER   |                              |
/// | c4     | ansatt-1     | 2    | Tillit        | ESCAPED   |                              |
/// | c5     | østre        | 2    | Tillit/Frihet | FRIHET    |                              |
struct Fixture {
    t: TempProject,
    c1: String,
    c2: String,
}

/// An interview: a header block with rolle, kommune and dato when it has a dato, then four
/// turns.
fn interview(rolle: &str, kommune: &str, dato: Option<&str>, turn2: &str, turn4: &str) -> String {
    let header = dato
        .map(|d| format!("Rolle: {rolle}\nKommune: {kommune}\nDato: {d}\n\n"))
        .unwrap_or_default();
    format!("{header}I: Hva betyr tillit for deg?\nIP1: {turn2}\nI: Og kontroll?\nIP1: {turn4}\n")
}

fn fixture() -> Fixture {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    let docs = [
        (
            "leder-bodø.txt",
            interview("enhetsleder", "Bodø", Some("05.09.2024"), TILLIT, LONG),
        ),
        (
            "leder-tromsø.txt",
            interview("enhetsleder", "Tromsø", Some("2024-09-12"), SHORTER, "Ja."),
        ),
        (
            "ansatt-1.txt",
            interview("ansatt", "Tromsø", Some("20.09.2024"), ESCAPED, "Nei."),
        ),
        (
            "ansatt-2.txt",
            interview("ansatt", "Bodø", None, "Det varierer.", "Kanskje."),
        ),
        (
            "østre.txt",
            interview("ansatt", "Bodø", None, FRIHET, "Vet ikke."),
        ),
    ];
    for (name, text) in &docs {
        p.import_bytes(name, text.as_bytes(), &ImportOptions::default())
            .unwrap();
    }
    p.set_informant_attribute("ansatt-1/IP1", "kommune", "Bodø")
        .unwrap();
    for doc in ["ansatt-2", "østre"] {
        p.set_document_attribute(doc, "rolle", "ansatt").unwrap();
        p.set_document_attribute(doc, "kommune", "Bodø").unwrap();
    }
    p.create_code(None, "Tillit", None).unwrap();
    p.create_code(Some("Tillit"), "Frihet", None).unwrap();
    p.create_code(None, "Kontroll", None).unwrap();
    let c1 = p.code_turn("leder-bodø", "Tillit", 2, None).unwrap().guid;
    p.code_turn("leder-bodø", "Tillit", 2, Some("ola")).unwrap();
    let c2 = p.code_turn("leder-bodø", "Kontroll", 4, None).unwrap().guid;
    p.code_turn("leder-tromsø", "Tillit", 2, None).unwrap();
    p.code_turn("ansatt-1", "Tillit", 2, None).unwrap();
    p.code_turn("østre", "Tillit/Frihet", 2, None).unwrap();

    // leder-bodø's text: "Rolle: enhetsleder\n" 19 + "Kommune: Bodø\n" 14 +
    // "Dato: 05.09.2024\n" 17 + "\n" 1 = 51; "I: Hva betyr tillit for deg?\n" 3 + 25 + 1 = 29 → the
    // IP1 label at 80, its words at 85; TILLIT is 42 chars: 85..127. "Tillit er " is 10 chars,
    // so "å få " is 95..100.
    let doc = p.document("leder-bodø").unwrap();
    assert_eq!((doc.turns[1].start_char, doc.turns[1].end_char), (85, 127));
    assert_eq!(tolk::text::slice_chars(&doc.text, 95, 100), "å få ");
    p.set_translation(&c1, TRANSLATION).unwrap();
    p.set_omissions(&c1, &[CharRange::new(95, 100)]).unwrap();
    p.set_memo(tolk::MemoTarget::Coding(c2.clone()), MEMO)
        .unwrap();
    p.close().unwrap();
    Fixture { t, c1, c2 }
}

/// Tillit with its sub-codes, OR Kontroll: every coding above.
fn query() -> ExcerptQuery {
    ExcerptQuery {
        code: "Tillit".to_owned(),
        ops: vec![(tolk::coding::retrieve::Op::Or, "Kontroll".to_owned())],
        subcodes: true,
        ..ExcerptQuery::default()
    }
}

fn export(f: &Fixture, format: ExportFormat, options: &ExportOptions) -> PathBuf {
    let path = f.t.dir.path().join(format!("utdrag.{}", format.as_str()));
    let p = f.t.open();
    let outcome = p.export_excerpts(&query(), format, options, &path).unwrap();
    p.close().unwrap();
    assert_eq!((outcome.excerpts, outcome.codes), (5, 3));
    path
}

/// A zip member's text.
fn zip_text(path: &Path, member: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(member)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn zip_names(path: &Path) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect()
}

/// An attribute's value by its qualified name.
fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// Each paragraph of `word/document.xml` (table cells included) as (style id, text), line
/// breaks as `\n`.
fn docx_paragraphs(path: &Path) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let xml = zip_text(path, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                current = Some((String::new(), String::new()));
            }
            Event::End(e) if e.name().as_ref() == "w:p" => out.extend(current.take()),
            Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                if let Some(p) = current.as_mut() {
                    p.0 = attr(&e, "w:val").unwrap();
                }
            }
            Event::Empty(e) if e.name().as_ref() == "w:br" => {
                if let Some(p) = current.as_mut() {
                    p.1.push('\n');
                }
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text => {
                current.as_mut().unwrap().1.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let c = quick_xml::escape::resolve_xml_entity(&name).unwrap();
                current.as_mut().unwrap().1.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// `styleId → name` of `word/styles.xml`.
fn docx_styles(path: &Path) -> BTreeMap<String, String> {
    use quick_xml::events::Event;
    let xml = zip_text(path, "word/styles.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = BTreeMap::new();
    let mut id = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:style" => {
                id = attr(&e, "w:styleId");
            }
            Event::Empty(e) if e.name().as_ref() == "w:name" => {
                if let Some(id) = id.take() {
                    out.insert(id, attr(&e, "w:val").unwrap());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn pair(style: &str, text: &str) -> (String, String) {
    (style.to_owned(), text.to_owned())
}

#[test]
fn docx_has_a_section_per_code_and_quotes_in_their_styles() {
    let f = fixture();
    let path = export(&f, ExportFormat::Docx, &ExportOptions::default());
    // The default template is `anonym` («…» ({rolle})) since the project has `rolle`. Sections in
    // codebook order: Tillit (ansatt-1, leder-bodø, leder-tromsø in Norwegian document order),
    // Tillit / Frihet (østre), Kontroll (leder-bodø). LONG has 40 words: a block quote, without
    // marks, the reference after it; SHORTER has 39: a quote.
    assert_eq!(
        docx_paragraphs(&path),
        [
            pair(
                "Title",
                "Kodede utdrag: Tillit OR Kontroll (med underkoder)"
            ),
            pair("", "5 utdrag · sitatmal: «…» ({rolle})"),
            pair("Heading1", "Tillit"),
            pair("Quote", &format!("«{ESCAPED}» (ansatt)")),
            pair(
                "Quote",
                "«Tillit er (…)frihet og ansvar på jobben.» (enhetsleder)"
            ),
            pair("Translation", TRANSLATION),
            pair("Quote", &format!("«{SHORTER}» (enhetsleder)")),
            pair("Heading1", "Tillit / Frihet"),
            pair("Quote", &format!("«{FRIHET}» (ansatt)")),
            pair("Heading1", "Kontroll"),
            pair("BlockText", &format!("{LONG} (enhetsleder)")),
            pair("Memo", &format!("Memo: {MEMO}")),
        ]
    );
    let styles = docx_styles(&path);
    assert_eq!(styles["Quote"], "Quote");
    assert_eq!(styles["BlockText"], "Block Text");
    assert_eq!(styles["Heading1"], "heading 1");
    assert_eq!(styles["Translation"], "Translation");
}

#[test]
fn plain_marks_and_a_literal_template() {
    let f = fixture();
    let options = ExportOptions {
        citation: Some("«…» ({rolle}, {kommune}, {date:dd.mm.yy}, tur {turn})".to_owned()),
        quotes: QuoteMarks::Plain,
        delimiter: None,
    };
    let path = export(&f, ExportFormat::Docx, &options);
    let paragraphs = docx_paragraphs(&path);
    // ansatt-1: the informant's kommune (Bodø) wins over the document's (Tromsø); its dato
    // 20.09.2024 as dd.mm.yy; leder-tromsø's ISO 2024-09-12 likewise; østre has no dato: –.
    assert_eq!(
        paragraphs[3],
        pair(
            "Quote",
            &format!("{ESCAPED} (ansatt, Bodø, 20.09.24, tur 2)")
        )
    );
    assert_eq!(
        paragraphs[6],
        pair(
            "Quote",
            &format!("{SHORTER} (enhetsleder, Tromsø, 12.09.24, tur 2)")
        )
    );
    assert_eq!(
        paragraphs[8],
        pair("Quote", &format!("{FRIHET} (ansatt, Bodø, –, tur 2)"))
    );
}

/// A sheet's rows as text (numbers as integers).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(n) => format!("{n}"),
                    Data::Int(n) => n.to_string(),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

#[test]
fn xlsx_has_a_row_per_excerpt_and_code_presence_per_document() {
    let f = fixture();
    let path = export(&f, ExportFormat::Xlsx, &ExportOptions::default());
    let rows = sheet(&path, "Utdrag");
    assert_eq!(
        rows[0],
        [
            "code_level_1",
            "code_level_2",
            "code_key",
            "document",
            "speaker",
            "informant",
            "dato",
            "kommune",
            "rolle",
            "turn",
            "timestamp",
            "start_char",
            "end_char",
            "text",
            "translation",
            "memo",
            "coders",
            "citation"
        ]
    );
    // Offsets: every interview's turn 2 starts where leder-bodø's does less what its header
    // lacks or adds. leder-bodø: 85..127 (see the fixture). ansatt-1: "Rolle: ansatt\n" is 5
    // shorter than "Rolle: enhetsleder\n", "Kommune: Tromsø\n" 2 longer than "Kommune: Bodø\n",
    // dato as long: 85 − 5 + 2 = 82, ESCAPED 36 chars: 82..118. leder-tromsø: "Dato: 2024-09-12\n"
    // is as long as "Dato: 05.09.2024\n", Tromsø +2: 87; SHORTER is 189 chars: 87..276. østre
    // has no header: "I: Hva betyr tillit for deg?\n" 29 + "IP1: " 5 = 34, FRIHET 45 chars:
    // 34..79. leder-bodø turn 4: 127 +
    // "\nI: Og kontroll?\n" 17 + "IP1: " 5 = 149, LONG 206 chars: 149..355.
    assert_eq!(
        [ESCAPED, SHORTER, FRIHET, LONG].map(|s| s.chars().count()),
        [36, 189, 45, 206]
    );
    let expect = |cells: &[&str]| cells.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let escaped_row = expect(&[
        "Tillit",
        "",
        "",
        "ansatt-1",
        "IP1",
        "ansatt-1/IP1",
        "20.09.2024",
        "Bodø",
        "ansatt",
        "2",
        "",
        "82",
        "118",
        ESCAPED,
        "",
        "",
        "kari",
        "(ansatt)",
    ]);
    let tillit_row = expect(&[
        "Tillit",
        "",
        "",
        "leder-bodø",
        "IP1",
        "leder-bodø/IP1",
        "05.09.2024",
        "Bodø",
        "enhetsleder",
        "2",
        "",
        "85",
        "127",
        "Tillit er (…)frihet og ansvar på jobben.",
        TRANSLATION,
        "",
        "kari, ola",
        "(enhetsleder)",
    ]);
    let long_row = expect(&[
        "Kontroll",
        "",
        "",
        "leder-bodø",
        "IP1",
        "leder-bodø/IP1",
        "05.09.2024",
        "Bodø",
        "enhetsleder",
        "4",
        "",
        "149",
        "355",
        LONG,
        "",
        MEMO,
        "kari",
        "(enhetsleder)",
    ]);
    let shorter_row = expect(&[
        "Tillit",
        "",
        "",
        "leder-tromsø",
        "IP1",
        "leder-tromsø/IP1",
        "2024-09-12",
        "Tromsø",
        "enhetsleder",
        "2",
        "",
        "87",
        "276",
        SHORTER,
        "",
        "",
        "kari",
        "(enhetsleder)",
    ]);
    let frihet_row = expect(&[
        "Tillit",
        "Frihet",
        "",
        "østre",
        "IP1",
        "østre/IP1",
        "",
        "Bodø",
        "ansatt",
        "2",
        "",
        "34",
        "79",
        FRIHET,
        "",
        "",
        "kari",
        "(ansatt)",
    ]);
    // Rows in document order (ansatt-1, leder-bodø's two by start, leder-tromsø, østre).
    assert_eq!(
        rows[1..],
        [escaped_row, tillit_row, long_row, shorter_row, frihet_row]
    );

    // Presence: every document (ansatt-2 has none), Norwegian order (østre last).
    assert_eq!(
        sheet(&path, "Koder per dokument"),
        [
            expect(&["document", "Tillit", "Tillit / Frihet", "Kontroll"]),
            expect(&["ansatt-1", "1", "0", "0"]),
            expect(&["ansatt-2", "0", "0", "0"]),
            expect(&["leder-bodø", "1", "0", "1"]),
            expect(&["leder-tromsø", "1", "0", "0"]),
            expect(&["østre", "0", "1", "0"]),
        ]
    );
}

#[test]
fn csv_markdown_and_html() {
    let f = fixture();
    let csv_path = export(&f, ExportFormat::Csv, &ExportOptions::default());
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("code_level_1;code_level_2;code_key;document;"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5);
    // The 14th column is the text: ESCAPED, unchanged (CSV quotes nothing here but `;`-free).
    assert_eq!(&records[0][13], ESCAPED);
    assert_eq!(&records[1][13], "Tillit er (…)frihet og ansvar på jobben.");

    let md = std::fs::read_to_string(export(
        &f,
        ExportFormat::Markdown,
        &ExportOptions::default(),
    ))
    .unwrap();
    assert!(md.starts_with("# Kodede utdrag: Tillit OR Kontroll (med underkoder)\n"));
    assert!(md.contains("\n## Tillit / Frihet\n"));
    // `&`, `<` and `>` are escaped; «» are not markup.
    assert!(
        md.contains("> «Vi stoler på «ledelsen» \\& \\<naboene\\>.» (ansatt)\n"),
        "{md}"
    );
    assert!(md.contains(&format!("> *{TRANSLATION}*\n")), "{md}");
    // The block quote: no marks, the reference on its own line.
    assert!(
        md.contains(&format!("> {LONG}\n>\n> — (enhetsleder)\n")),
        "{md}"
    );

    let html =
        std::fs::read_to_string(export(&f, ExportFormat::Html, &ExportOptions::default())).unwrap();
    assert!(html.contains("«Vi stoler på «ledelsen» &amp; &lt;naboene&gt;.» (ansatt)"));
    assert!(!html.contains("<naboene>"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    assert!(html.contains("<blockquote class=\"block\">"));
    assert!(html.contains(&format!(
        "<p class=\"translation\" lang=\"en\">{TRANSLATION}</p>"
    )));
}

#[test]
fn citation_templates_name_unknown_fields_and_warn_on_small_groups() {
    let f = fixture();
    let mut p = f.t.open();
    // By rolle: enhetsleder is leder-bodø/IP1 and leder-tromsø/IP1 (2 < 3); ansatt is three.
    let check = p.citation(Some("anonym")).unwrap();
    assert_eq!(check.warnings.len(), 1);
    assert_eq!(
        check.warnings[0].values,
        [("rolle".to_owned(), "enhetsleder".to_owned())]
    );
    assert_eq!(
        check.warnings[0].informants,
        ["leder-bodø/IP1", "leder-tromsø/IP1"]
    );
    // By rolle and kommune: enhetsleder+Bodø (1), enhetsleder+Tromsø (1); ansatt+Bodø is
    // three because ansatt-1/IP1's own kommune (Bodø) wins over its document's (Tromsø).
    let check = p.citation(Some("«…» ({rolle}, {kommune})")).unwrap();
    let groups: Vec<String> = check.warnings.iter().map(|w| w.describe()).collect();
    assert_eq!(
        groups,
        [
            "rolle=enhetsleder, kommune=Bodø identifies 1 informant (leder-bodø/IP1)",
            "rolle=enhetsleder, kommune=Tromsø identifies 1 informant (leder-tromsø/IP1)",
        ]
    );
    // Turn and time say nothing about who spoke: no warnings.
    assert!(p
        .citation(Some("«…» (tur {turn}, {time})"))
        .unwrap()
        .warnings
        .is_empty());

    let err = p.citation(Some("«…» ({fylke})")).unwrap_err();
    assert!(
        matches!(&err, tolk::Error::UnknownCitationField { field, .. } if field == "fylke"),
        "{err}"
    );
    let err = p.citation(Some("finnes-ikke")).unwrap_err();
    assert!(err.to_string().contains("finnes-ikke"), "{err}");

    // Saved templates: listed after the built-ins, by name; undoable.
    p.save_citation_template("sted", "«…» ({kommune})").unwrap();
    assert!(p.save_citation_template("anonym", "{rolle}").is_err());
    assert!(p.save_citation_template("feil", "«…» ({fylke})").is_err());
    let names: Vec<String> = p
        .citation_templates()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["anonym", "rolle-dato", "sted"]);
    assert_eq!(
        p.citation(Some("STED")).unwrap().name.as_deref(),
        Some("sted")
    );
    p.undo().unwrap().unwrap();
    assert_eq!(p.citation_templates().unwrap().len(), 2);
    p.redo().unwrap().unwrap();
    let gone = p.delete_citation_template("sted").unwrap();
    assert_eq!(gone.template, "«…» ({kommune})");
    assert!(p.delete_citation_template("anonym").is_err());
    p.close().unwrap();
}

#[test]
fn translations_and_omissions_are_undoable_steps() {
    let f = fixture();
    let mut p = f.t.open();
    let notes = p.coding_notes(&f.c1).unwrap();
    assert_eq!(notes.translation.as_deref(), Some(TRANSLATION));
    assert_eq!(notes.omissions, [CharRange::new(95, 100)]);

    // Another range touching the first merges with it: 95..100 + 100..107 = 95..107.
    let merged = p
        .set_omissions(&f.c1, &[CharRange::new(95, 100), CharRange::new(100, 107)])
        .unwrap();
    assert_eq!(merged, [CharRange::new(95, 107)]);
    // Outside the coding (85..127), or all of it: refused.
    assert!(p.set_omissions(&f.c1, &[CharRange::new(80, 90)]).is_err());
    assert!(p.set_omissions(&f.c1, &[CharRange::new(85, 127)]).is_err());
    p.undo().unwrap().unwrap();
    assert_eq!(
        p.coding_notes(&f.c1).unwrap().omissions,
        [CharRange::new(95, 100)]
    );

    p.set_translation(&f.c1, "  ").unwrap();
    assert_eq!(p.coding_notes(&f.c1).unwrap().translation, None);
    let step = p.undo().unwrap().unwrap();
    assert_eq!(step.action, "delete_translation");
    assert_eq!(step.name.as_deref(), Some("Tillit"));
    assert_eq!(step.context.as_deref(), Some("leder-bodø"));
    assert_eq!(
        p.coding_notes(&f.c1).unwrap().translation.as_deref(),
        Some(TRANSLATION)
    );
    // They go with their coding.
    p.uncode(&f.c1).unwrap();
    assert!(p.coding_notes(&f.c1).is_err());
    p.undo().unwrap().unwrap();
    assert_eq!(
        p.coding_notes(&f.c1).unwrap().translation.as_deref(),
        Some(TRANSLATION)
    );
    assert!(p.coding_notes(&f.c2).unwrap().translation.is_none());
    p.close().unwrap();
}

#[test]
fn codebook_csv_exports_imports_and_reports() {
    let f = fixture();
    let mut p = f.t.open();
    p.edit_code(
        "Tillit",
        &tolk::project::CodeEdit {
            definition_nb: Some("Å stole på; «tro»".to_owned()),
            anchors: Some(vec![
                "Vi stoler på dem".to_owned(),
                "Tillit er alt".to_owned(),
            ]),
            ..Default::default()
        },
    )
    .unwrap();
    let csv_path = f.t.dir.path().join("kodebok.csv");
    assert_eq!(p.export_codebook_csv(&csv_path).unwrap(), 3);
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let default_color = p.resolve_code("Tillit").unwrap().color;
    let kontroll_color = p.resolve_code("Kontroll").unwrap().color;
    // A cell with `;` or a line break is quoted; anchors one per line inside one cell.
    assert_eq!(
        text,
        format!(
            "\u{feff}key;path;name_nb;name_en;color;definition_nb;definition_en;inclusion;\
             exclusion;anchor\n\
             ;Tillit;Tillit;;{default_color};\"Å stole på; «tro»\";;;;\"Vi stoler på dem\n\
             Tillit er alt\"\n\
             ;Tillit/Frihet;Frihet;;{default_color};;;;;\n\
             ;Kontroll;Kontroll;;{kontroll_color};;;;;\n"
        )
    );

    // Into a new project: the same tree and content.
    let other = TempProject::new();
    let mut q = other.open();
    let report = q.import_codebook_csv(&csv_path).unwrap();
    assert_eq!(report.created, ["Tillit", "Tillit/Frihet", "Kontroll"]);
    assert_eq!(
        q.code_detail("Tillit").unwrap().data.anchors,
        ["Vi stoler på dem", "Tillit er alt"]
    );
    assert_eq!(
        q.code_detail("Tillit").unwrap().data.definition_nb,
        "Å stole på; «tro»"
    );
    q.close().unwrap();

    // Edited by hand (Windows-1252, commas): a new definition for Kontroll, a new code with a
    // key under a parent that does not exist yet.
    let edited = b"key,path,name_nb,definition_nb\n\
                   ,Kontroll,Kontroll,Styring ovenfra\n\
                   T99,Ny/Overv\xE5king,Overv\xE5king,Kameraer\n";
    let edited_path = f.t.dir.path().join("endret.csv");
    std::fs::write(&edited_path, edited).unwrap();
    let report = p.import_codebook_csv(&edited_path).unwrap();
    assert_eq!(report.created, ["Ny", "Ny/Overvåking"]);
    assert_eq!(
        report.updated,
        [("Kontroll".to_owned(), vec!["definition_nb".to_owned()])]
    );
    assert_eq!(report.unchanged, 0);
    let new = p.resolve_code("T99").unwrap();
    assert_eq!(new.path, "Ny/Overvåking");
    // One step: undo takes all of it back.
    p.undo().unwrap().unwrap();
    assert!(p.resolve_code("T99").is_err());
    assert!(p.resolve_code("Ny").is_err());
    assert_eq!(p.code_detail("Kontroll").unwrap().data.definition_nb, "");

    // A clash fails the whole import and names the row.
    std::fs::write(
        &edited_path,
        "path;name_nb\nKontroll;Kontroll\nTillit/Frihet;FRIHET\nKontroll;Tillit\n",
    )
    .unwrap();
    let err = p.import_codebook_csv(&edited_path).unwrap_err().to_string();
    assert!(err.contains("row 4"), "{err}");
    assert!(err.contains("endret.csv"), "{err}");
    assert!(
        p.resolve_code("Tillit/Frihet").is_ok(),
        "row 3's rename was taken back too"
    );
    assert_eq!(p.resolve_code("Tillit/Frihet").unwrap().name, "Frihet");
    p.close().unwrap();
}

#[test]
fn codebook_docx_is_a_table_with_counts() {
    let f = fixture();
    let p = f.t.open();
    let path = f.t.dir.path().join("kodebok.docx");
    assert_eq!(p.export_codebook_docx(&path).unwrap(), 3);
    p.close().unwrap();
    let texts: Vec<String> = docx_paragraphs(&path).into_iter().map(|(_, t)| t).collect();
    // Header cells, then each code's six cells: Tillit has 3 codings (c1, counted once though
    // both kari and ola made it, c3, c4), Frihet 1 (c5), Kontroll 1 (c2).
    let expected: Vec<&str> = vec![
        "Kodebok",
        "Kode",
        "Definisjon",
        "Inkludering",
        "Ekskludering",
        "Ankereksempler",
        "Kodinger",
        "Tillit",
        "",
        "",
        "",
        "",
        "3",
        "Frihet",
        "",
        "",
        "",
        "",
        "1",
        "Kontroll",
        "",
        "",
        "",
        "",
        "1",
    ];
    assert_eq!(texts, expected);
}

#[test]
fn the_cli_exports_checks_citations_translates_and_omits() {
    let f = fixture();
    let cache = f.t.dir.path().join("cache");
    let out = f.t.dir.path().join("cli.csv");
    let run = tolk(
        &[
            &"export",
            &f.t.path,
            &"--code",
            &"Tillit",
            &"--subcodes",
            &"--or",
            &"Kontroll",
            &"--where",
            &"rolle=enhetsleder",
            &"-o",
            &out,
            &"--delimiter",
            &",",
            &"--citation",
            &"«…» ({rolle}, {kommune})",
            &"--json",
        ],
        &cache,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: Value = serde_json::from_str(&stdout(&run)).unwrap();
    // rolle=enhetsleder leaves c1, c2 (leder-bodø) and c3 (leder-tromsø): 3 excerpts of 2 codes.
    assert_eq!(json["excerpts"], 3);
    assert_eq!(json["codes"], 2);
    assert_eq!(json["format"], "csv");
    assert_eq!(json["citation"], "«…» ({rolle}, {kommune})");
    assert_eq!(json["citation_name"], Value::Null);
    assert_eq!(
        json["warnings"][0],
        serde_json::json!({
            "values": [{"field": "rolle", "value": "enhetsleder"},
                       {"field": "kommune", "value": "Bodø"}],
            "informants": ["leder-bodø/IP1"],
        })
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("rolle=enhetsleder, kommune=Tromsø identifies 1 informant"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    // No sub-code among them: one level column.
    assert!(
        text.starts_with("\u{feff}code_level_1,code_key,document,"),
        "{text}"
    );
    // The citation holds a comma, so it is quoted.
    assert!(text.contains(",\"(enhetsleder, Bodø)\"\n"), "{text}");

    // The format from the extension; --format wins.
    let docx = f.t.dir.path().join("cli.docx");
    let run = tolk(
        &[&"export", &f.t.path, &"--code", &"Kontroll", &"-o", &docx],
        &cache,
    );
    assert!(run.status.success());
    assert_eq!(
        docx_paragraphs(&docx)[3],
        pair("BlockText", &format!("{LONG} (enhetsleder)"))
    );

    let run = tolk(
        &[
            &"export",
            &f.t.path,
            &"--code",
            &"Tillit",
            &"-o",
            &out,
            &"--citation",
            &"«…» {fylke}",
        ],
        &cache,
    );
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("{fylke}"));

    let run = tolk(
        &[
            &"citations",
            &f.t.path,
            &"save",
            &"sted",
            &"«…» ({kommune})",
        ],
        &cache,
    );
    assert!(run.status.success());
    let list = json_of(&[&"citations", &f.t.path, &"--json"], &cache);
    assert_eq!(
        list,
        serde_json::json!([
            {"name": "anonym", "template": "«…» ({rolle})", "builtin": true},
            {"name": "rolle-dato", "template": "«…» (Intervju {date:dd.mm.yy})", "builtin": true},
            {"name": "sted", "template": "«…» ({kommune})", "builtin": false},
        ])
    );

    let translated = json_of(
        &[
            &"translate",
            &f.t.path,
            &"--coding",
            &f.c2,
            &"--text",
            &"Control is…",
            &"--json",
        ],
        &cache,
    );
    assert_eq!(
        translated,
        serde_json::json!({"coding": f.c2, "translation": "Control is…"})
    );
    // LONG starts at 149; "Kontroll handler om at noen " is 8 + 1 + 7 + 1 + 2 + 1 + 2 + 1 + 4 + 1 =
    // 28 chars, and "hele tiden " 11: leave out 177..188.
    let omitted = json_of(
        &[
            &"omit",
            &f.t.path,
            &"--coding",
            &f.c2,
            &"177",
            &"188",
            &"--json",
        ],
        &cache,
    );
    assert_eq!(
        omitted,
        serde_json::json!({"coding": f.c2,
                           "omissions": [{"start_char": 177, "end_char": 188}]})
    );
    let p = Project::open(&f.t.path).unwrap();
    let set = p.excerpt_set(
        &ExcerptQuery {
            code: "Kontroll".to_owned(),
            ..Default::default()
        },
        &ExportOptions::default(),
    );
    p.close().unwrap();
    let set = set.unwrap();
    assert!(set.excerpts[0]
        .quote
        .starts_with("Kontroll handler om at noen (…)sjekker hva"));
    assert_eq!(set.excerpts[0].translation.as_deref(), Some("Control is…"));
    let run = tolk(
        &[&"omit", &f.t.path, &"--coding", &f.c2, &"--clear"],
        &cache,
    );
    assert!(run.status.success());
    assert!(stdout(&run).contains("nothing of coding"));
}

#[test]
fn the_cli_codebook_export_by_extension_and_csv_import() {
    let f = fixture();
    let cache = f.t.dir.path().join("cache");
    for ext in ["docx", "csv", "json"] {
        let file = f.t.dir.path().join(format!("kodebok.{ext}"));
        let run = tolk(&[&"codebook", &f.t.path, &"export", &file], &cache);
        assert!(run.status.success());
        assert_eq!(
            stdout(&run),
            format!("exported 3 codes to {}\n", file.display())
        );
    }
    assert!(
        zip_names(&f.t.dir.path().join("kodebok.docx")).contains(&"word/document.xml".to_owned())
    );
    let csv = f.t.dir.path().join("ny.csv");
    std::fs::write(&csv, "key;path;color\n;Kontroll;#00FF00\n;Ny;\n").unwrap();
    let run = tolk(&[&"codebook", &f.t.path, &"import", &csv], &cache);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        stdout(&run),
        format!(
            "{}: created 1 codes, updated 1, 0 unchanged\n  created \"Ny\"\n  updated \
             \"Kontroll\": color\n",
            csv.display()
        )
    );
}

/// Runs the CLI, which must succeed, and reads its stdout as JSON.
fn json_of(args: &[&dyn AsRef<std::ffi::OsStr>], cache: &Path) -> Value {
    let run = tolk(args, cache);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_str(&stdout(&run)).unwrap()
}

/// A tool on PATH; the smoke test fails (never skips) without it, naming the package.
fn need(tool: &str, package: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(tool))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| {
            panic!("{tool} is missing: install the Debian package {package} (make deps)")
        })
}

/// Converts `files` to PDF with headless LibreOffice (a private profile in `dir`) and returns
/// each PDF's text.
fn through_libreoffice(dir: &Path, files: &[PathBuf]) -> Vec<String> {
    let soffice = need(
        "soffice",
        "libreoffice-writer-nogui and libreoffice-calc-nogui",
    );
    let pdftotext = need("pdftotext", "poppler-utils");
    let home = dir.join("lo-home");
    let pdf_dir = dir.join("pdf");
    std::fs::create_dir_all(&home).unwrap();
    // Each file under its own name: LibreOffice names a PDF after its input's stem.
    let inputs: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let copy = dir.join(format!(
                "lo-{i}.{}",
                f.extension().unwrap().to_string_lossy()
            ));
            std::fs::copy(f, &copy).unwrap();
            copy
        })
        .collect();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        home.join("profile").display()
    );
    let out = std::process::Command::new(soffice)
        .env("HOME", &home)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&pdf_dir)
        .args(&inputs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    inputs
        .iter()
        .map(|f| {
            let pdf = pdf_dir.join(f.with_extension("pdf").file_name().unwrap());
            let out = std::process::Command::new(&pdftotext)
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            assert!(out.status.success(), "pdftotext {}", pdf.display());
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
}

#[test]
fn libreoffice_opens_every_docx_and_xlsx() {
    let f = fixture();
    let dir = f.t.dir.path();
    let docx = export(&f, ExportFormat::Docx, &ExportOptions::default());
    let xlsx = export(&f, ExportFormat::Xlsx, &ExportOptions::default());
    let codebook = dir.join("kodebok.docx");
    let report = dir.join("rapport.docx");
    let p = f.t.open();
    p.export_codebook_docx(&codebook).unwrap();
    p.export_report(
        &tolk::export::ReportOptions::default(),
        tolk::export::ReportFormat::Docx,
        &report,
    )
    .unwrap();
    p.close().unwrap();
    let texts = through_libreoffice(dir, &[docx, xlsx, codebook, report]);
    // pdftotext breaks lines where the PDF does; compare with whitespace folded.
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (docx_text, xlsx_text, codebook_text) = (fold(&texts[0]), fold(&texts[1]), fold(&texts[2]));
    assert!(
        docx_text.contains("Kodede utdrag: Tillit OR Kontroll"),
        "{docx_text}"
    );
    assert!(
        docx_text.contains("«Tillit er (…)frihet og ansvar på jobben.» (enhetsleder)"),
        "{docx_text}"
    );
    assert!(
        docx_text.contains(&fold(&format!("{LONG} (enhetsleder)"))),
        "{docx_text}"
    );
    assert!(
        docx_text.contains("«Vi stoler på «ledelsen» & <naboene>.» (ansatt)"),
        "{docx_text}"
    );
    assert!(xlsx_text.contains("leder-tromsø/IP1"), "{xlsx_text}");
    assert!(xlsx_text.contains("østre"), "{xlsx_text}");
    assert!(codebook_text.contains("Kodebok"), "{codebook_text}");
    assert!(codebook_text.contains("Ankereksempler"), "{codebook_text}");
    let report_text = fold(&texts[3]);
    assert!(report_text.contains("Temarapport"), "{report_text}");
    assert!(report_text.contains("Temaenes utbredelse"), "{report_text}");
    assert!(
        report_text.contains("«Tillit er (…)frihet og ansvar på jobben.» (enhetsleder)"),
        "{report_text}"
    );
}

#[test]
fn the_builtin_codebook_round_trips_through_csv() {
    let dir = tempfile::tempdir().unwrap();
    let a = Project::create_with_codebook(&dir.path().join("a.tolk"), Some("bentzen")).unwrap();
    let csv_path = dir.path().join("bentzen.csv");
    let n = a.export_codebook_csv(&csv_path).unwrap();
    assert_eq!(n, a.codes().unwrap().len());
    let mut b = Project::create(&dir.path().join("b.tolk")).unwrap();
    let report = b.import_codebook_csv(&csv_path).unwrap();
    assert_eq!(report.created.len(), n);
    assert!(report.updated.is_empty());
    // What the CSV carries is the same, code by code in tree order; importing it again changes
    // nothing.
    let carried = |p: &Project| -> Vec<(Option<String>, String, Vec<String>)> {
        p.code_details()
            .unwrap()
            .into_iter()
            .map(|c| {
                let d = c.data;
                (
                    d.key,
                    c.summary.path,
                    vec![
                        d.name_nb,
                        d.name_en.unwrap_or_default(),
                        d.color,
                        d.definition_nb,
                        d.definition_en.unwrap_or_default(),
                        d.inclusion,
                        d.exclusion,
                        d.anchors.join("\n"),
                    ],
                )
            })
            .collect()
    };
    assert_eq!(carried(&a), carried(&b));
    let again = b.import_codebook_csv(&csv_path).unwrap();
    assert_eq!(
        (again.created.len(), again.updated.len(), again.unchanged),
        (0, 0, n)
    );
    a.close().unwrap();
    b.close().unwrap();
}

#[test]
fn the_cli_checks_a_citation_in_json() {
    let f = fixture();
    let cache = f.t.dir.path().join("cache");
    // {date:dd.mm.yy} per informant: leder-bodø 05.09.24, leder-tromsø 12.09.24, ansatt-1
    // 20.09.24, ansatt-2 and østre none (–, together two): every group is smaller than three.
    let json = json_of(
        &[&"citations", &f.t.path, &"check", &"rolle-dato", &"--json"],
        &cache,
    );
    assert_eq!(json["name"], "rolle-dato");
    assert_eq!(json["template"], "«…» (Intervju {date:dd.mm.yy})");
    assert_eq!(json["fields"], serde_json::json!(["date:dd.mm.yy"]));
    let groups: Vec<(String, Vec<String>)> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["values"][0]["value"].as_str().unwrap().to_owned(),
                w["informants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let group = |v: &str, names: &[&str]| {
        (
            v.to_owned(),
            names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        groups,
        // In Norwegian order of their descriptions: punctuation (–) before digits.
        [
            group("–", &["ansatt-2/IP1", "østre/IP1"]),
            group("05.09.24", &["leder-bodø/IP1"]),
            group("12.09.24", &["leder-tromsø/IP1"]),
            group("20.09.24", &["ansatt-1/IP1"]),
        ]
    );
}

/// The fixture with a memo on Tillit.
fn report_fixture() -> Fixture {
    let f = fixture();
    let mut p = f.t.open();
    p.set_memo(
        tolk::MemoTarget::Code("Tillit".to_owned()),
        "Sentralt tema – «tillit».",
    )
    .unwrap();
    p.close().unwrap();
    f
}

#[test]
fn a_theme_report_in_docx_has_figures_a_chart_quotes_and_the_memo() {
    let f = report_fixture();
    let cache = f.t.dir.path().join("cache");
    let out = f.t.dir.path().join("rapport.docx");
    let json = json_of(
        &[
            &"report", &f.t.path, &"--code", &"Tillit", &"--by", &"rolle", &"-o", &out, &"--json",
        ],
        &cache,
    );
    // One chart (prevalence by rolle; Tillit shares no turn with Kontroll) and the theme's four
    // distinct spans as quotes (five asked for).
    assert_eq!(
        json,
        serde_json::json!({
            "file": out, "format": "docx", "themes": ["Tillit"], "charts": 1, "quotes": 4,
            "citation": "«…» ({rolle})", "citation_name": "anonym",
            "warnings": [{"values": [{"field": "rolle", "value": "enhetsleder"}],
                          "informants": ["leder-bodø/IP1", "leder-tromsø/IP1"]}],
        })
    );
    let media: Vec<String> = zip_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert_eq!(media.len(), 1, "{media:?}");
    assert!(media[0].ends_with(".png"));
    let png = {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut bytes = Vec::new();
        archive
            .by_name(&media[0])
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        bytes
    };
    // 16 cm at 300 dpi: 16 / 2.54 × 300 = 1889.76 → 1890 px wide.
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1890);

    let paragraphs = docx_paragraphs(&out);
    let texts: Vec<&str> = paragraphs.iter().map(|(_, t)| t.as_str()).collect();
    // Tillit with Frihet: c1 (kari and ola, once), c3, c4, c5: 4 excerpts in 4 of 5 documents
    // from 4 of 5 informants. Informant words (letters and digits runs; turns 2 and 4):
    // leder-bodø 9 + 40, leder-tromsø 39 + 1, ansatt-1 5 + 1, ansatt-2 2 + 1, østre 8 + 2 =
    // 108; coded 9 + 39 + 5 + 0 + 8 = 61; 61 / 108 = 56,48 %.
    // By rolle (Norwegian order): ansatt: ansatt-1 and østre of three; enhetsleder: both of two.
    let expected_start = [
        pair("Title", "Temarapport: Tillit"),
        pair("", "5 informanter i 5 dokumenter · sitatmal: «…» ({rolle})"),
        pair("Heading1", "Tillit"),
        pair("Heading2", "Utbredelse"),
        pair("", "– 4 utdrag i 4 av 5 dokumenter, fra 4 av 5 informanter"),
        pair("", "– 56,5\u{a0}% av informantenes ord kodet (61 av 108)"),
        pair("Heading2", "Etter rolle"),
        pair("", "– ansatt: 2 av 3 informanter (2 utdrag)"),
        pair("", "– enhetsleder: 2 av 2 informanter (2 utdrag)"),
        pair("", ""),
        pair("Caption", "Figur 1. Tillit: andel informanter etter rolle"),
        pair("Heading2", "Forekommer sammen med"),
        pair("", "Ingen andre koder."),
        pair("Heading2", "Typiske ord"),
        pair("", "Ingen ord skiller seg ut (G² ≥ 10,83, minst 5 ganger)."),
        pair("Heading2", "Sitater"),
    ];
    assert_eq!(
        paragraphs[..expected_start.len()],
        expected_start,
        "{texts:#?}"
    );
    // The quotes, in the analysis's order (closeness to the theme), cited like the export.
    let mut quotes: Vec<(String, String)> = paragraphs[expected_start.len()..]
        .iter()
        .filter(|(s, _)| s == "Quote" || s == "BlockText")
        .cloned()
        .collect();
    quotes.sort();
    let mut expected_quotes = vec![
        pair("Quote", &format!("«{ESCAPED}» (ansatt)")),
        pair(
            "Quote",
            "«Tillit er (…)frihet og ansvar på jobben.» (enhetsleder)",
        ),
        pair("Quote", &format!("«{SHORTER}» (enhetsleder)")),
        pair("Quote", &format!("«{FRIHET}» (ansatt)")),
    ];
    expected_quotes.sort();
    assert_eq!(quotes, expected_quotes);
    assert!(paragraphs.contains(&pair("Translation", TRANSLATION)));
    assert_eq!(
        paragraphs[paragraphs.len() - 2..],
        [
            pair("Heading2", "Memo"),
            pair("Memo", "Sentralt tema – «tillit»."),
        ]
    );
}

#[test]
fn a_report_on_every_theme_in_html_has_inline_charts_and_escaped_text() {
    let f = report_fixture();
    let p = f.t.open();
    let out = f.t.dir.path().join("rapport.html");
    let outcome = p
        .export_report(
            &tolk::export::ReportOptions::default(),
            tolk::export::ReportFormat::Html,
            &out,
        )
        .unwrap();
    p.close().unwrap();
    // Both top-level codes have excerpts: Tillit (with Frihet) and Kontroll. Charts: the
    // overview, then each theme's coded share per document.
    assert_eq!(outcome.themes, ["Tillit", "Kontroll"]);
    assert_eq!(outcome.charts, 3);
    // Tillit's four spans and Kontroll's one.
    assert_eq!(outcome.quotes, 5);
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(html.matches("<figure><svg ").count(), 3);
    for caption in [
        "Figur 1. Temaenes utbredelse",
        "Figur 2. Tillit: kodet andel av informantenes ord",
        "Figur 3. Kontroll: kodet andel av informantenes ord",
    ] {
        assert!(
            html.contains(&format!("<figcaption>{caption}</figcaption>")),
            "{caption}"
        );
    }
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("&lt;naboene&gt;"));
    assert!(!html.contains("<naboene>"));
    assert!(html.contains(&format!(
        "<blockquote class=\"block\"><p>{LONG} <span class=\"reference\">(enhetsleder)</span></p></blockquote>"
    )));
    assert!(html.contains("<p class=\"memo\">Sentralt tema – «tillit».</p>"));
    // The SVGs draw text as outlines: no <text> element, nothing fetched.
    assert!(!html.contains("<text"));
    assert!(!html.contains("href="));
}
