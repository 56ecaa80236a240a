//! Heatmaps of a matrix (codes × documents, codes × attribute values, code × code): one cell per
//! value on a sequential blue scale from zero to the largest value, row labels on the left,
//! column labels slanted above, a legend below.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::font::{text_width, widest};
use super::number::format_value;
use super::svg::{n, Anchor, Svg, TextStyle};
use super::{check_value, draw_title, LABEL_SIZE, MARGIN, MUTED, SMALL_SIZE, WIDTH};
use crate::{Error, Result};

/// A matrix drawn as coloured cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    pub title: String,
    pub row_labels: Vec<String>,
    pub col_labels: Vec<String>,
    /// `values[row][col]`, zero or more.
    pub values: Vec<Vec<f64>>,
    /// Written in the cells where they fit (e.g. «5» or «45 %»); the values when `None`. An empty
    /// string leaves a cell blank (e.g. the diagonal of a co-occurrence matrix).
    #[serde(default)]
    pub cell_labels: Option<Vec<Vec<String>>>,
    /// What the colours measure, e.g. «Informanter».
    pub legend: String,
}

/// ColorBrewer's 9-class «Blues» (Cynthia Brewer, Apache-2.0): light for few, dark for many,
/// readable in greyscale print.
const BLUES: [[u8; 3]; 9] = [
    [0xf7, 0xfb, 0xff],
    [0xde, 0xeb, 0xf7],
    [0xc6, 0xdb, 0xef],
    [0x9e, 0xca, 0xe1],
    [0x6b, 0xae, 0xd6],
    [0x42, 0x92, 0xc6],
    [0x21, 0x71, 0xb5],
    [0x08, 0x51, 0x9c],
    [0x08, 0x30, 0x6b],
];

/// The colour for `t` in 0..=1, between the scale's stops.
fn color(t: f64) -> String {
    let t = t.clamp(0.0, 1.0) * (BLUES.len() - 1) as f64;
    let i = (t.floor() as usize).min(BLUES.len() - 2);
    let f = t - i as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (BLUES[i], BLUES[i + 1]);
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a[0], b[0]),
        mix(a[1], b[1]),
        mix(a[2], b[2])
    )
}

/// Labels in the darker half of the scale are white.
fn ink(t: f64) -> &'static str {
    if t > 0.55 {
        "#ffffff"
    } else {
        "#1a1a1a"
    }
}

/// Row labels get at most this much room; longer ones are cut with «…».
const ROW_LABEL_MAX: f64 = 240.0;
/// Column labels, slanted at 45°, at most this long.
const COL_LABEL_MAX: f64 = 150.0;
/// Above this many cells the colours alone show the values.
const MAX_NUMBERED_CELLS: usize = 1200;
const COS45: f64 = std::f64::consts::FRAC_1_SQRT_2;

impl Heatmap {
    /// The heatmap as an SVG document.
    pub fn to_svg(&self) -> Result<String> {
        self.check()?;
        if self.row_labels.is_empty() || self.col_labels.is_empty() {
            return super::empty(&self.title);
        }
        let (rows, cols) = (self.row_labels.len(), self.col_labels.len());
        let max = self.values.iter().flatten().copied().fold(0.0, f64::max);

        let row_label_width = widest(
            self.row_labels.iter().map(String::as_str),
            LABEL_SIZE,
            ROW_LABEL_MAX,
        );
        let col_label_length = widest(
            self.col_labels.iter().map(String::as_str),
            LABEL_SIZE,
            COL_LABEL_MAX,
        );
        // A slanted label reaches up and to the right by its length × cos 45°.
        let col_label_reach = col_label_length * COS45 + LABEL_SIZE;
        let x0 = MARGIN + row_label_width + 8.0;
        let room = WIDTH - x0 - MARGIN - col_label_reach;
        let cell_w = (room / cols as f64).clamp(18.0, 64.0);
        let cell_h = if rows <= 40 { 24.0 } else { 16.0 };
        // Numbers in the cells only while they can be read: big enough cells, and not so many
        // that the outlines of thousands of numbers swell the file (147 × 147 would be 30 MB).
        let numbered = cell_h >= 24.0 && cell_w >= 24.0 && rows * cols <= MAX_NUMBERED_CELLS;
        let width = (x0 + cell_w * cols as f64 + col_label_reach + MARGIN).max(WIDTH);

        let mut svg = Svg::new();
        let y0 = draw_title(&mut svg, &self.title, width) + col_label_reach;
        let labels = self.cell_labels.as_ref();
        for (r, row) in self.values.iter().enumerate() {
            let y = y0 + cell_h * r as f64;
            let style = TextStyle::new(LABEL_SIZE, Anchor::End);
            svg.text(
                x0 - 8.0,
                y + cell_h / 2.0 + LABEL_SIZE * 0.35,
                &self.row_labels[r],
                style,
                Some(row_label_width),
            );
            for (c, &value) in row.iter().enumerate() {
                let x = x0 + cell_w * c as f64;
                let t = if max > 0.0 { value / max } else { 0.0 };
                // A 1-unit white gap between cells: the background showing, not a stroke to draw.
                svg.rect(x + 0.5, y + 0.5, cell_w - 1.0, cell_h - 1.0, &color(t), "");
                let label = labels.map_or_else(|| format_value(value, 2), |l| l[r][c].clone());
                if numbered && !label.is_empty() && text_width(&label, SMALL_SIZE) <= cell_w - 4.0 {
                    let style = TextStyle {
                        fill: ink(t),
                        ..TextStyle::new(SMALL_SIZE, Anchor::Middle)
                    };
                    svg.text(
                        x + cell_w / 2.0,
                        y + cell_h / 2.0 + SMALL_SIZE * 0.35,
                        &label,
                        style,
                        None,
                    );
                }
            }
        }
        for (c, label) in self.col_labels.iter().enumerate() {
            let x = x0 + cell_w * (c as f64 + 0.5) + LABEL_SIZE * 0.35;
            let style = TextStyle {
                rotate: -45.0,
                ..TextStyle::new(LABEL_SIZE, Anchor::Start)
            };
            svg.text(x, y0 - 6.0, label, style, Some(COL_LABEL_MAX));
        }
        let bottom = y0 + cell_h * rows as f64;
        let legend_bottom = legend(&mut svg, x0, bottom + 22.0, max, &self.legend);
        svg.finish(width, legend_bottom + MARGIN, &self.title)
    }

    fn check(&self) -> Result<()> {
        let (rows, cols) = (self.row_labels.len(), self.col_labels.len());
        let shape = |name: &str, lens: Vec<usize>| {
            if lens.len() != rows || lens.iter().any(|&l| l != cols) {
                Err(Error::Invalid(format!(
                    "the heatmap «{}» has {rows} rows and {cols} columns, but its {name} do not",
                    self.title
                )))
            } else {
                Ok(())
            }
        };
        shape("values", self.values.iter().map(Vec::len).collect())?;
        if let Some(labels) = &self.cell_labels {
            shape("cell labels", labels.iter().map(Vec::len).collect())?;
        }
        for (r, row) in self.values.iter().enumerate() {
            for (c, &value) in row.iter().enumerate() {
                check_value(
                    value,
                    &format!(
                        "The cell «{}» × «{}»",
                        self.row_labels[r], self.col_labels[c]
                    ),
                )?;
            }
        }
        Ok(())
    }
}

/// The colour scale as a bar with 0, half and the largest value under it, the legend's text
/// before it; returns the bottom.
fn legend(svg: &mut Svg, x: f64, y: f64, max: f64, text: &str) -> f64 {
    let style = TextStyle {
        fill: MUTED,
        ..TextStyle::new(LABEL_SIZE, Anchor::Start)
    };
    svg.text(x, y + 10.0, text, style, Some(240.0));
    let bar_x = x + text_width(text, LABEL_SIZE).min(240.0) + 12.0;
    let (bar_w, bar_h) = (180.0, 10.0);
    let mut stops = String::new();
    for (i, _) in BLUES.iter().enumerate() {
        let t = i as f64 / (BLUES.len() - 1) as f64;
        let _ = write!(
            stops,
            r#"<stop offset="{}" stop-color="{}"/>"#,
            n(t),
            color(t)
        );
    }
    svg.push(&format!(
        r#"<defs><linearGradient id="scale" x1="0" x2="1" y1="0" y2="0">{stops}</linearGradient></defs>"#
    ));
    svg.rect(
        bar_x,
        y + 1.0,
        bar_w,
        bar_h,
        "url(#scale)",
        r##" stroke="#bdbdbd" stroke-width="0.5""##,
    );
    let tick = TextStyle {
        fill: MUTED,
        ..TextStyle::new(SMALL_SIZE, Anchor::Middle)
    };
    for (t, value) in [(0.0, 0.0), (0.5, max / 2.0), (1.0, max)] {
        svg.text(
            bar_x + bar_w * t,
            y + bar_h + 15.0,
            &format_value(value, 2),
            tick,
            None,
        );
    }
    y + bar_h + 18.0
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::{filled, label_titles, parse_back};
    use super::*;

    fn matrix() -> Heatmap {
        Heatmap {
            title: "Koder × kommune".into(),
            row_labels: vec!["Tillit".into(), "Kontroll & styring".into()],
            col_labels: vec![
                "Bodø".into(),
                "Tromsø".into(),
                "Ålesund kommune, helse- og omsorgstjenesten".into(),
            ],
            values: vec![vec![4.0, 0.0, 2.0], vec![1.0, 3.0, 0.0]],
            cell_labels: None,
            legend: "Informanter".into(),
        }
    }

    #[test]
    fn the_scale_runs_from_light_to_dark() {
        assert_eq!(color(0.0), "#f7fbff");
        assert_eq!(color(1.0), "#08306b");
        // Halfway is the fifth stop exactly: 0.5 × 8 = 4.
        assert_eq!(color(0.5), "#6baed6");
        // A sixteenth of the way is halfway between the first two stops:
        // (0xf7 + 0xde) / 2 = 234.5 → 235 = 0xeb; (0xfb + 0xeb) / 2 = 0xf3; (0xff + 0xf7) / 2 = 0xfb.
        assert_eq!(color(1.0 / 16.0), "#ebf3fb");
    }

    #[test]
    fn cells_are_coloured_by_value_and_long_labels_cut_with_a_title() {
        let svg = matrix().to_svg().unwrap();
        let tree = parse_back(&svg);
        // The largest value (4) is the darkest cell, and 2 of 4 is the middle colour.
        assert_eq!(filled(&tree, &["#08306b"]).len(), 1);
        assert_eq!(filled(&tree, &["#6baed6"]).len(), 1);
        // Two zero cells in the lightest colour, plus the legend's gradient is no plain fill.
        assert_eq!(filled(&tree, &["#f7fbff"]).len(), 2);
        assert_eq!(
            label_titles(&svg),
            ["Ålesund kommune, helse- og omsorgstjenesten"]
        );
        assert!(svg.contains("Koder × kommune</title>"));
    }

    #[test]
    fn a_matrix_of_the_wrong_shape_is_refused() {
        let mut m = matrix();
        m.values[1].pop();
        assert!(matches!(m.to_svg(), Err(Error::Invalid(_))));
        let mut m = matrix();
        m.cell_labels = Some(vec![vec!["1".into(); 3]]);
        assert!(matches!(m.to_svg(), Err(Error::Invalid(_))));
        let mut m = matrix();
        m.values[0][0] = -1.0;
        assert!(matches!(m.to_svg(), Err(Error::Invalid(_))));
    }

    #[test]
    fn same_input_same_bytes() {
        assert_eq!(matrix().to_svg().unwrap(), matrix().to_svg().unwrap());
    }
}
