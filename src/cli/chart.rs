//! `tolk chart`: a chart of the project's thematic analysis as SVG or PNG, drawn by the core's
//! `chart` module from the analysis API through `chart::from_analysis`, as the app and reports
//! draw it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tolk::analysis::{Columns, CooccurrenceMode, MatrixMeasure, MatrixOptions, SummaryOptions};
use tolk::chart::{self, from_analysis};
use tolk::Project;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    /// Bars: informants per top-level code (or per sub-code of --code), «X av N informanter».
    Prevalence,
    /// Codes × documents or × an attribute's values (--cols), counted in --measure.
    Heatmap,
    /// Codes × codes: how often codes occur together (--mode), codes with excerpts only.
    Cooccurrence,
    /// Codes with excerpts as circles, linked by co-occurrence (--mode).
    ThemeMap,
}

/// Draw a chart of the analysis: prevalence bars, a heatmap, a co-occurrence heatmap or a theme
/// map, as SVG (labels as outlines, no fonts needed) or PNG for print (-o decides by extension).
#[derive(clap::Args)]
pub struct ChartArgs {
    project: PathBuf,
    #[arg(value_enum)]
    kind: Kind,
    /// prevalence and heatmap: the code whose sub-codes are the rows (else the top-level codes),
    /// each counted with its own sub-codes; cooccurrence and theme-map: only this code and its
    /// sub-codes.
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// heatmap: the columns, `documents` or `attribute:NAME`.
    #[arg(long, value_name = "COLUMNS", default_value = "documents")]
    cols: String,
    /// heatmap: what the cells count.
    #[arg(long, value_parser = ["excerpts", "informants"], default_value = "excerpts")]
    measure: String,
    /// cooccurrence and theme-map: codes occur together in one turn, or where their codings
    /// overlap.
    #[arg(long, value_parser = ["turns", "overlap"], default_value = "turns")]
    mode: String,
    /// PNG: the printed width.
    #[arg(long, value_name = "CM", default_value_t = chart::DEFAULT_WIDTH_CM)]
    width_cm: f32,
    /// PNG: the resolution, recorded in the file.
    #[arg(long, default_value_t = chart::DEFAULT_DPI)]
    dpi: u32,
    /// FILE.svg or FILE.png.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

impl ChartArgs {
    fn measure_nb(&self) -> &'static str {
        if self.measure == "informants" {
            "informanter"
        } else {
            "utdrag"
        }
    }
}

enum Format {
    Svg,
    Png,
}

pub fn run(args: &ChartArgs) -> Result<()> {
    let format = match args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Format::Svg,
        Some("png") => Format::Png,
        _ => bail!(
            "{}: the chart's file must end in .svg or .png",
            args.output.display()
        ),
    };
    let project = Project::open(&args.project)?;
    let svg = draw(&project, args)?;
    project.close()?;
    let bytes = match format {
        Format::Svg => svg.into_bytes(),
        Format::Png => chart::to_png(&svg, args.width_cm, args.dpi)?,
    };
    write(&args.output, &bytes)?;
    match format {
        Format::Svg => println!("wrote {}", args.output.display()),
        Format::Png => println!(
            "wrote {} ({} cm wide at {} dpi)",
            args.output.display(),
            args.width_cm,
            args.dpi
        ),
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes)
        .with_context(|| format!("{}: could not write the chart", path.display()))
}

fn draw(p: &Project, args: &ChartArgs) -> Result<String> {
    let mode = CooccurrenceMode::parse(&args.mode).context("--mode is turns or overlap")?;
    let svg = match args.kind {
        Kind::Prevalence => {
            let (rows, name) = rows(p, args.code.as_deref())?;
            let frequencies = p.code_frequencies(true)?;
            let chosen: Vec<_> = rows
                .iter()
                .filter_map(|g| frequencies.iter().find(|f| &f.code.guid == g))
                .cloned()
                .collect();
            let total = informants_total(p, args.code.as_deref())?;
            let title = match name {
                Some(name) => format!("«{name}»: informanter per underkode"),
                None => "Informanter per tema".to_string(),
            };
            from_analysis::prevalence_chart(&title, &chosen, total).to_svg()?
        }
        Kind::Heatmap => {
            let columns =
                Columns::parse(&args.cols).context("--cols is documents or attribute:NAME")?;
            let measure = MatrixMeasure::parse(&args.measure)
                .context("--measure is excerpts or informants")?;
            let (codes, name) = rows(p, args.code.as_deref())?;
            let across = match &columns {
                Columns::Documents => "dokumenter".to_string(),
                Columns::Attribute(name) => name.clone(),
            };
            let options = MatrixOptions {
                codes,
                subcodes: true,
                columns,
                measure,
                scope: vec![],
            };
            let matrix = p.code_matrix(&options)?;
            let title = match name {
                Some(name) => format!("«{name}»: underkoder × {across} ({})", args.measure_nb()),
                None => format!("Temaer × {across} ({})", args.measure_nb()),
            };
            from_analysis::matrix_heatmap(&title, &matrix, None).to_svg()?
        }
        Kind::Cooccurrence => {
            let codes = coded_family(p, args.code.as_deref())?;
            let guids: Vec<String> = codes.iter().map(|f| f.code.guid.clone()).collect();
            let matrix = p.cooccurrence_matrix(mode)?;
            from_analysis::matrix_heatmap(
                &family_title(p, args.code.as_deref(), "Samforekomst")?,
                &matrix,
                Some(&guids),
            )
            .to_svg()?
        }
        Kind::ThemeMap => {
            let codes = coded_family(p, args.code.as_deref())?;
            let matrix = p.cooccurrence_matrix(mode)?;
            from_analysis::theme_map(
                &family_title(p, args.code.as_deref(), "Temakart")?,
                &codes,
                &matrix,
            )
            .to_svg()?
        }
    };
    Ok(svg)
}

/// The rows of prevalence bars and heatmaps: `code`'s sub-codes, else the top-level codes (hidden
/// families left out), as GUIDs; and `code`'s name.
fn rows(p: &Project, code: Option<&str>) -> Result<(Vec<String>, Option<String>)> {
    let codes = p.codes()?;
    let parent = code.map(|code| p.resolve_code(code)).transpose()?;
    let rows: Vec<String> = codes
        .into_iter()
        .filter(|c| !c.hidden)
        .filter(|c| match &parent {
            Some(parent) => c.parent.as_deref() == Some(parent.guid.as_str()),
            None => c.depth == 0,
        })
        .map(|c| c.guid)
        .collect();
    if let (Some(parent), true) = (&parent, rows.is_empty()) {
        bail!(
            "«{}» has no sub-codes: leave out --code to chart the top-level codes",
            parent.name
        );
    }
    Ok((rows, parent.map(|p| p.name)))
}

/// N for «X av N informanter»: the informants in scope as the theme's summary counts them, or
/// every informant of the project.
fn informants_total(p: &Project, code: Option<&str>) -> Result<usize> {
    Ok(match code {
        Some(code) => {
            let options = SummaryOptions {
                code: code.to_string(),
                subcodes: true,
                quotes: 0,
                ..SummaryOptions::default()
            };
            p.theme_summary(&options)?.informants_total
        }
        None => p.informants()?.len(),
    })
}

/// The frequencies (each code alone) of `code` and its sub-codes, or of every code shown in the
/// codebook (hidden families left out), keeping those with excerpts.
fn coded_family(p: &Project, code: Option<&str>) -> Result<Vec<tolk::analysis::CodeFrequency>> {
    let mut family: Option<HashSet<String>> = None;
    if let Some(code) = code {
        let top = p.resolve_code(code)?;
        let mut set = HashSet::from([top.guid]);
        // Tree order puts a parent before its children.
        for c in p.codes()? {
            if c.parent.as_ref().is_some_and(|parent| set.contains(parent)) {
                set.insert(c.guid);
            }
        }
        family = Some(set);
    }
    Ok(p.code_frequencies(false)?
        .into_iter()
        .filter(|f| match &family {
            Some(set) => set.contains(&f.code.guid),
            None => !f.code.hidden,
        })
        .filter(|f| f.excerpts > 0)
        .collect())
}

fn family_title(p: &Project, code: Option<&str>, what: &str) -> Result<String> {
    Ok(match code {
        Some(code) => format!("{what}: «{}» med underkoder", p.resolve_code(code)?.name),
        None => format!("{what}: alle kodede koder"),
    })
}
