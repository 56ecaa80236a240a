//! The theme report for an appendix, as DOCX or HTML: for one theme or every theme (the
//! top-level codes, each with its sub-codes), its definition, summary figures («5 av 7
//! informanter», coded share, the breakdown by an attribute), co-occurring codes, distinctive
//! words, the charts (PNG in DOCX, inline SVG in HTML), representative quotes cited with a
//! citation template, and memos. Built from [`Project::theme_summary`] and the core's charts into
//! a list of [`Block`]s that both writers render.

use std::path::Path;

use docx_rs::{Paragraph, Pic, Run};
use serde::Serialize;

use super::citation::CitationWarning;
use super::docx_style::{self as style, paragraph};
use super::excerpt_set::{ExportExcerpt, ExportOptions};
use super::{excerpts_docx, html, write_file};
use crate::analysis::numbers::{decimal, percent, thousands};
use crate::analysis::{CooccurrenceMode, SummaryOptions, ThemeSummary};
use crate::chart::{self, Bar, BarChart, BarUnit};
use crate::project::Project;
use crate::{Error, Result};

/// How wide a chart is printed, in cm, and at what resolution.
const CHART_CM: f32 = chart::DEFAULT_WIDTH_CM;
const CHART_DPI: u32 = chart::DEFAULT_DPI;
/// EMU (the unit of DOCX drawings) per cm.
const EMU_PER_CM: f64 = 360_000.0;
/// The most co-occurring codes, distinctive words and per-document bars shown.
const TOP_CODES: usize = 10;
const TOP_WORDS: usize = 15;
const TOP_DOCUMENTS: usize = 20;

/// A file format of the theme report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Docx,
    Html,
}

impl ReportFormat {
    /// `docx` or `html` (`htm` too), ignoring case.
    pub fn parse(name: &str) -> Option<ReportFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "docx" => Some(ReportFormat::Docx),
            "html" | "htm" => Some(ReportFormat::Html),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Docx => "docx",
            ReportFormat::Html => "html",
        }
    }
}

/// What a theme report covers and how it cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// One theme (a key, GUID or path); `None`: every top-level code that is not hidden and has
    /// excerpts, in codebook order.
    pub code: Option<String>,
    /// Count each theme's sub-codes as the theme.
    pub subcodes: bool,
    /// Break prevalence down by this attribute.
    pub by: Option<String>,
    pub mode: CooccurrenceMode,
    /// `KEY=VALUE` filters limiting the report's scope.
    pub scope: Vec<String>,
    /// Representative quotes per theme.
    pub quotes: usize,
    /// The citation template and quotation marks (the delimiter is unused).
    pub export: ExportOptions,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            code: None,
            subcodes: true,
            by: None,
            mode: CooccurrenceMode::Turns,
            scope: Vec::new(),
            quotes: 5,
            export: ExportOptions::default(),
        }
    }
}

/// What a report wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportOutcome {
    pub format: ReportFormat,
    /// The themes, as their labels (key, else path).
    pub themes: Vec<String>,
    pub charts: usize,
    pub quotes: usize,
    pub citation: String,
    pub citation_name: Option<String>,
    /// Groups of fewer than three informants the citation's fields single out.
    pub warnings: Vec<CitationWarning>,
}

/// A piece of a report, in order.
#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    /// A line under the title.
    Lead(String),
    Heading1(String),
    Heading2(String),
    Paragraph(String),
    /// A list, one line each.
    Items(Vec<String>),
    /// A chart: its SVG and its title (the caption and the image's description).
    Chart {
        svg: String,
        title: String,
    },
    /// A quote, cited, with its translation and memos.
    Quote(Box<ExportExcerpt>),
    /// A memo on the theme.
    Memo(String),
}

/// A report as blocks, with what it holds.
pub struct Report {
    pub blocks: Vec<Block>,
    /// The themes, as their labels (key, else path).
    pub themes: Vec<String>,
    pub charts: usize,
    pub quotes: usize,
    pub citation: super::citation::CitationCheck,
}

fn bar_chart(title: String, axis: &str, unit: BarUnit, max: Option<f64>, bars: Vec<Bar>) -> Block {
    let chart = BarChart {
        title: title.clone(),
        bars,
        axis_label: axis.to_owned(),
        unit,
        max,
    };
    Block::Chart {
        // Bar charts of counts and shares from the analysis cannot be refused.
        svg: chart.to_svg().expect("a bar chart of counts and shares"),
        title,
    }
}

impl Project {
    /// The theme report as blocks (see the module docs).
    pub fn theme_report(&self, options: &ReportOptions) -> Result<Report> {
        let summary_options = |code: String| SummaryOptions {
            code,
            subcodes: options.subcodes,
            by: options.by.clone(),
            mode: options.mode,
            scope: options.scope.clone(),
            quotes: options.quotes,
        };
        let citation = self.citation(options.export.citation.as_deref())?;
        let mut blocks = Vec::new();
        let summaries: Vec<ThemeSummary> = match &options.code {
            Some(code) => vec![self.theme_summary(&summary_options(code.clone()))?],
            None => {
                let mut list = Vec::new();
                for code in self.codes()?.iter().filter(|c| c.depth == 0 && !c.hidden) {
                    let s = self.theme_summary(&summary_options(code.guid.clone()))?;
                    if s.excerpts > 0 {
                        list.push(s);
                    }
                }
                list
            }
        };
        let title = match (&options.code, summaries.first()) {
            (Some(_), Some(s)) => format!("Temarapport: {}", theme_title(s)),
            _ => "Temarapport".to_owned(),
        };
        blocks.push(Block::Title(title));
        let mut lead = Vec::new();
        if let Some(s) = summaries.first() {
            lead.push(format!(
                "{} informanter i {} dokumenter",
                thousands(s.informants_total),
                thousands(s.documents_total)
            ));
        }
        if !options.scope.is_empty() {
            lead.push(format!("utvalg: {}", options.scope.join(", ")));
        }
        lead.push(format!("sitatmal: {}", citation.citation.template()));
        blocks.push(Block::Lead(lead.join(" · ")));

        if options.code.is_none() {
            blocks.push(Block::Heading1("Oversikt".to_owned()));
            if summaries.is_empty() {
                blocks.push(Block::Paragraph("Ingen temaer har utdrag ennå.".to_owned()));
            } else {
                let n = summaries[0].informants_total;
                let bars = summaries
                    .iter()
                    .map(|s| Bar {
                        label: chart::from_analysis::code_label(&s.code),
                        value: s.informants as f64,
                        note: Some(s.phrase.clone()),
                        color: Some(s.code.color.clone()),
                    })
                    .collect();
                blocks.push(bar_chart(
                    "Temaenes utbredelse".to_owned(),
                    "Informanter",
                    BarUnit::Count,
                    Some(n as f64),
                    bars,
                ));
            }
        }

        let mut quotes = 0;
        for s in &summaries {
            quotes += self.theme_blocks(s, options, &mut blocks)?;
        }
        let charts = blocks
            .iter()
            .filter(|b| matches!(b, Block::Chart { .. }))
            .count();
        Ok(Report {
            blocks,
            themes: summaries.iter().map(|s| s.code.label.clone()).collect(),
            charts,
            quotes,
            citation,
        })
    }

    /// Adds one theme's blocks; returns how many quotes.
    fn theme_blocks(
        &self,
        s: &ThemeSummary,
        options: &ReportOptions,
        blocks: &mut Vec<Block>,
    ) -> Result<usize> {
        blocks.push(Block::Heading1(theme_title(s)));
        if !s.definition.is_empty() {
            blocks.push(Block::Paragraph(s.definition.clone()));
        }

        blocks.push(Block::Heading2("Utbredelse".to_owned()));
        let words: usize = s.coded_share.iter().map(|d| d.informant_words).sum();
        let coded: usize = s.coded_share.iter().map(|d| d.coded_words).sum();
        let share = if words == 0 {
            0.0
        } else {
            coded as f64 / words as f64
        };
        blocks.push(Block::Items(vec![
            format!(
                "{} utdrag i {} av {} dokumenter, fra {}",
                thousands(s.excerpts),
                thousands(s.documents),
                thousands(s.documents_total),
                s.phrase
            ),
            format!(
                "{} av informantenes ord kodet ({} av {})",
                percent(share),
                thousands(coded),
                thousands(words)
            ),
        ]));
        match &s.by {
            Some(by) if !s.groups.is_empty() => {
                blocks.push(Block::Heading2(format!("Etter {by}")));
                blocks.push(Block::Items(
                    s.groups
                        .iter()
                        .map(|g| {
                            format!(
                                "{}: {} ({} utdrag)",
                                g.label,
                                g.phrase,
                                thousands(g.excerpts)
                            )
                        })
                        .collect(),
                ));
                let bars = s
                    .groups
                    .iter()
                    .map(|g| Bar {
                        label: g.label.clone(),
                        value: share_of(g.informants, g.informants_total),
                        note: Some(g.phrase.clone()),
                        color: Some(s.code.color.clone()),
                    })
                    .collect();
                blocks.push(bar_chart(
                    format!("{}: andel informanter etter {by}", theme_title(s)),
                    "Andel av informantene i gruppen",
                    BarUnit::Share,
                    Some(1.0),
                    bars,
                ));
            }
            _ => {
                let mut shares: Vec<_> =
                    s.coded_share.iter().filter(|d| d.coded_words > 0).collect();
                shares.sort_by(|a, b| b.share.total_cmp(&a.share));
                shares.truncate(TOP_DOCUMENTS);
                if !shares.is_empty() {
                    let bars = shares
                        .iter()
                        .map(|d| Bar {
                            label: d.document.clone(),
                            value: d.share,
                            note: None,
                            color: Some(s.code.color.clone()),
                        })
                        .collect();
                    blocks.push(bar_chart(
                        format!("{}: kodet andel av informantenes ord", theme_title(s)),
                        "Andel av informantenes ord",
                        BarUnit::Share,
                        None,
                        bars,
                    ));
                }
            }
        }

        blocks.push(Block::Heading2("Forekommer sammen med".to_owned()));
        let top: Vec<_> = s.cooccurring.iter().take(TOP_CODES).collect();
        if top.is_empty() {
            blocks.push(Block::Paragraph("Ingen andre koder.".to_owned()));
        } else {
            let unit = match s.cooccurrence_mode {
                CooccurrenceMode::Turns => "taleturer",
                CooccurrenceMode::Overlap => "overlapp",
            };
            blocks.push(Block::Items(
                top.iter()
                    .map(|c| {
                        format!(
                            "{}: {} {unit}, Jaccard {}",
                            chart::from_analysis::code_label(&c.code),
                            thousands(c.count),
                            decimal(c.jaccard, 2)
                        )
                    })
                    .collect(),
            ));
            let bars = top
                .iter()
                .map(|c| Bar {
                    label: chart::from_analysis::code_label(&c.code),
                    value: c.count as f64,
                    note: None,
                    color: Some(c.code.color.clone()),
                })
                .collect();
            let axis = match s.cooccurrence_mode {
                CooccurrenceMode::Turns => "Taleturer med begge kodene",
                CooccurrenceMode::Overlap => "Steder der kodingene overlapper",
            };
            blocks.push(bar_chart(
                format!("{}: koder som forekommer sammen med temaet", theme_title(s)),
                axis,
                BarUnit::Count,
                None,
                bars,
            ));
        }

        blocks.push(Block::Heading2("Typiske ord".to_owned()));
        if s.distinctive_words.is_empty() {
            blocks.push(Block::Paragraph(
                "Ingen ord skiller seg ut (G² ≥ 10,83, minst 5 ganger).".to_owned(),
            ));
        } else {
            blocks.push(Block::Items(
                s.distinctive_words
                    .iter()
                    .take(TOP_WORDS)
                    .map(|w| {
                        format!(
                            "{}: {} ganger (ellers {}), G² {}",
                            w.word,
                            thousands(w.count),
                            thousands(w.other_count),
                            decimal(w.g2, 1)
                        )
                    })
                    .collect(),
            ));
        }

        blocks.push(Block::Heading2("Sitater".to_owned()));
        let set = self.excerpt_set(&s.excerpt_query(), &options.export)?;
        let mut shown = 0;
        for q in &s.quotes {
            let found = set.excerpts.iter().find(|e| {
                e.document_guid == q.document_guid
                    && e.start_char == q.start_char
                    && e.end_char == q.end_char
            });
            if let Some(e) = found {
                blocks.push(Block::Quote(Box::new(e.clone())));
                shown += 1;
            }
        }
        if shown == 0 {
            blocks.push(Block::Paragraph("Ingen sitater.".to_owned()));
        }

        if let Some(memo) = &s.memo {
            blocks.push(Block::Heading2("Memo".to_owned()));
            blocks.push(Block::Memo(memo.clone()));
        }
        Ok(shown)
    }

    /// Writes the theme report to `path` in `format`; returns what it holds, with the
    /// citation's warnings for the caller to show.
    pub fn export_report(
        &self,
        options: &ReportOptions,
        format: ReportFormat,
        path: &Path,
    ) -> Result<ReportOutcome> {
        let report = self.theme_report(options)?;
        let bytes = match format {
            ReportFormat::Docx => docx(&report.blocks)?,
            ReportFormat::Html => render_html(&report.blocks).into_bytes(),
        };
        write_file(path, &bytes)?;
        Ok(ReportOutcome {
            format,
            themes: report.themes,
            charts: report.charts,
            quotes: report.quotes,
            citation: report.citation.citation.template().to_owned(),
            citation_name: report.citation.name,
            warnings: report.citation.warnings,
        })
    }
}

fn share_of(count: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

/// A theme as a heading: key and name, else its name.
fn theme_title(s: &ThemeSummary) -> String {
    chart::from_analysis::code_label(&s.code)
}

/// A PNG's size in pixels, from its IHDR chunk, which every PNG has at bytes 16..24 (width,
/// height, big-endian); reading eight bytes needs no image decoder.
fn png_size(png: &[u8]) -> Result<(u32, u32)> {
    let field = |at: usize| {
        png.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    match (png.get(12..16), field(16), field(20)) {
        (Some(b"IHDR"), Some(w), Some(h)) if w > 0 && h > 0 => Ok((w, h)),
        _ => Err(Error::Invalid(
            "a chart was not drawn as a PNG image".to_owned(),
        )),
    }
}

/// A chart's caption: `Figur N. title`, numbered in order.
fn caption(n: usize, title: &str) -> String {
    format!("Figur {n}. {title}")
}

/// The report as a Word document: charts as PNG, 16 cm wide, each with a numbered caption.
pub fn docx(blocks: &[Block]) -> Result<Vec<u8>> {
    let mut doc = style::document();
    let mut figures = 0;
    for block in blocks {
        doc = match block {
            Block::Title(t) => doc.add_paragraph(paragraph(style::TITLE, t)),
            Block::Lead(t) | Block::Paragraph(t) => {
                doc.add_paragraph(Paragraph::new().add_run(style::run(t)))
            }
            Block::Heading1(t) => doc.add_paragraph(paragraph(style::HEADING_1, t)),
            Block::Heading2(t) => doc.add_paragraph(paragraph(style::HEADING_2, t)),
            Block::Items(items) => items.iter().fold(doc, |doc, item| {
                doc.add_paragraph(Paragraph::new().add_run(style::run(&format!("– {item}"))))
            }),
            Block::Chart { svg, title } => {
                let png = chart::to_png(svg, CHART_CM, CHART_DPI)?;
                let (w, h) = png_size(&png)?;
                let width = f64::from(CHART_CM) * EMU_PER_CM;
                let height = width * f64::from(h) / f64::from(w);
                let pic = Pic::new_with_dimensions(png, w, h).size(width as u32, height as u32);
                figures += 1;
                doc.add_paragraph(Paragraph::new().add_run(Run::new().add_image(pic)))
                    .add_paragraph(paragraph(style::CAPTION, &caption(figures, title)))
            }
            Block::Quote(e) => excerpts_docx::quote(doc, e),
            Block::Memo(m) => doc.add_paragraph(paragraph(style::MEMO, m)),
        };
    }
    style::pack(doc)
}

/// The report as a standalone HTML page: charts as inline SVG in figures with numbered captions.
pub fn render_html(blocks: &[Block]) -> String {
    let mut title = String::new();
    let mut body = String::new();
    let mut figures = 0;
    for block in blocks {
        match block {
            Block::Title(t) => {
                title = t.clone();
                body.push_str(&format!("<h1>{}</h1>\n", html::text(t)));
            }
            Block::Lead(t) => {
                body.push_str(&format!("<p class=\"summary\">{}</p>\n", html::text(t)))
            }
            Block::Heading1(t) => body.push_str(&format!("<h2>{}</h2>\n", html::text(t))),
            Block::Heading2(t) => body.push_str(&format!("<h3>{}</h3>\n", html::text(t))),
            Block::Paragraph(t) => body.push_str(&format!("<p>{}</p>\n", html::text(t))),
            Block::Items(items) => {
                body.push_str("<ul>\n");
                for item in items {
                    body.push_str(&format!("<li>{}</li>\n", html::text(item)));
                }
                body.push_str("</ul>\n");
            }
            // The core draws the SVG: shapes and glyph outlines, no script or external reference.
            Block::Chart { svg, title } => {
                figures += 1;
                body.push_str(&format!(
                    "<figure>{svg}<figcaption>{}</figcaption></figure>\n",
                    html::text(&caption(figures, title))
                ));
            }
            Block::Quote(e) => body.push_str(&html::excerpt(e)),
            Block::Memo(m) => body.push_str(&format!("<p class=\"memo\">{}</p>\n", html::text(m))),
        }
    }
    html::page(&title, &body)
}
