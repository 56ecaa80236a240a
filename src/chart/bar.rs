//! Horizontal prevalence bars: one bar per code, its label on the left, its note («5 av 7») at
//! the bar's end, a value axis with light grid lines below.

use serde::{Deserialize, Serialize};

use super::font::widest;
use super::number::{format_percent, format_value};
use super::svg::{Anchor, Svg, TextStyle};
use super::{
    check_value, draw_title, fill, ticks, GRID, LABEL_SIZE, MARGIN, MUTED, SMALL_SIZE, WIDTH,
};
use crate::Result;

/// What the bars' values are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BarUnit {
    /// Counts (informants, documents, excerpts): the axis counts in whole steps.
    #[default]
    Count,
    /// Shares from 0 to 1: the axis shows per cent.
    Share,
}

/// A horizontal bar chart, bars drawn in the given order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
    /// Under the axis, e.g. «Informanter».
    pub axis_label: String,
    #[serde(default)]
    pub unit: BarUnit,
    /// The axis' end, e.g. N informants so a bar's length is its share of N; the largest value
    /// (or 1 for shares) when `None`.
    #[serde(default)]
    pub max: Option<f64>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Written after the bar, e.g. «5 av 7»; the formatted value when `None`.
    #[serde(default)]
    pub note: Option<String>,
    /// `#RRGGBB`, e.g. the code's colour.
    #[serde(default)]
    pub color: Option<String>,
}

const ROW: f64 = 28.0;
const BAR: f64 = 18.0;
const GAP: f64 = 8.0;

impl BarChart {
    /// The chart as an SVG document.
    pub fn to_svg(&self) -> Result<String> {
        if self.bars.is_empty() {
            return super::empty(&self.title);
        }
        for bar in &self.bars {
            check_value(bar.value, &format!("The bar «{}»", bar.label))?;
        }
        let largest = self.bars.iter().map(|b| b.value).fold(0.0, f64::max);
        let max = match (self.max, self.unit) {
            (Some(max), _) => max.max(largest),
            (None, BarUnit::Share) => largest.max(1.0),
            (None, BarUnit::Count) => largest,
        };
        let notes: Vec<String> = self
            .bars
            .iter()
            .map(|b| b.note.clone().unwrap_or_else(|| self.format(b.value)))
            .collect();

        let label_style = TextStyle::new(LABEL_SIZE, Anchor::End);
        let label_width = widest(
            self.bars.iter().map(|b| b.label.as_str()),
            LABEL_SIZE,
            WIDTH * 0.38,
        );
        let note_width = widest(notes.iter().map(String::as_str), LABEL_SIZE, 160.0);
        let x0 = MARGIN + label_width + GAP;
        let span = WIDTH - MARGIN - note_width - GAP - x0;
        let scale = |v: f64| if max > 0.0 { v / max * span } else { 0.0 };

        let mut svg = Svg::new();
        let top = draw_title(&mut svg, &self.title, WIDTH);
        let bottom = top + ROW * self.bars.len() as f64;
        let ticks = ticks(max, self.unit == BarUnit::Count);
        for &t in &ticks {
            let x = x0 + scale(t);
            svg.line((x, top), (x, bottom), GRID, 1.0);
            let style = TextStyle {
                fill: MUTED,
                ..TextStyle::new(SMALL_SIZE, Anchor::Middle)
            };
            svg.text(x, bottom + 16.0, &self.format(t), style, None);
        }
        for (i, (bar, note)) in self.bars.iter().zip(&notes).enumerate() {
            let y = top + ROW * i as f64;
            let baseline = y + ROW / 2.0 + LABEL_SIZE * 0.35;
            svg.text(
                x0 - GAP,
                baseline,
                &bar.label,
                label_style,
                Some(label_width),
            );
            let length = scale(bar.value);
            svg.rect(
                x0,
                y + (ROW - BAR) / 2.0,
                length,
                BAR,
                &fill(bar.color.as_deref())?,
                "",
            );
            svg.text(
                x0 + length + 6.0,
                baseline,
                note,
                TextStyle::new(LABEL_SIZE, Anchor::Start),
                Some(note_width),
            );
        }
        svg.line((x0, top), (x0, bottom), "#8c8c8c", 1.0);
        let axis_style = TextStyle {
            fill: MUTED,
            ..TextStyle::new(LABEL_SIZE, Anchor::Middle)
        };
        svg.text(
            x0 + span / 2.0,
            bottom + 38.0,
            &self.axis_label,
            axis_style,
            Some(span),
        );
        svg.finish(WIDTH, bottom + 38.0 + MARGIN, &self.title)
    }

    fn format(&self, value: f64) -> String {
        match self.unit {
            BarUnit::Count => format_value(value, 1),
            BarUnit::Share => format_percent(value, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::{filled, label_titles, parse_back};
    use super::*;

    fn prevalence() -> BarChart {
        BarChart {
            title: "Tillit «i praksis» & <kontroll>".into(),
            bars: vec![
                Bar { label: "Relasjonell tillit".into(), value: 5.0, note: Some("5 av 7".into()), color: Some("#285CC2".into()) },
                Bar { label: "Ærlighet".into(), value: 2.0, note: None, color: None },
                Bar {
                    label: "Kontroll og tillit i den kommunale forvaltningen, sett fra de ansattes side".into(),
                    value: 0.0,
                    note: Some("0 av 7".into()),
                    color: None,
                },
            ],
            axis_label: "Informanter".into(),
            unit: BarUnit::Count,
            max: Some(7.0),
        }
    }

    #[test]
    fn bars_have_lengths_in_proportion_and_labels_as_paths() {
        let svg = prevalence().to_svg().unwrap();
        let tree = parse_back(&svg);
        // No text is left as text: the labels are glyph paths, readable without any font.
        assert!(!svg.contains("<text"), "{svg}");
        // The title (escaped when written, read back whole) is the root's accessible name.
        assert!(svg.contains(r#"role="img""#));
        // A viewBox, so a page can scale it: 800 wide, the height what the three rows need.
        assert!(svg.contains(r#"viewBox="0 0 800 "#), "{}", &svg[..300]);
        assert!(
            svg.contains("<title id=\"")
                && svg.contains("Tillit «i praksis» &amp; &lt;kontroll&gt;</title>")
        );
        // The long label is cut and keeps its full text as a title; the short ones are not cut.
        assert_eq!(
            label_titles(&svg),
            ["Kontroll og tillit i den kommunale forvaltningen, sett fra de ansattes side"]
        );
        // Bars are the rects filled with the bars' colours: 5 and 2 of an axis ending at 7,
        // so the second is 2/5 of the first.
        let widths: Vec<f32> = filled(&tree, &["#285cc2", "#4a78c8"])
            .iter()
            .map(|r| r.2)
            .collect();
        assert_eq!(widths.len(), 2, "{widths:?}");
        assert!(
            (widths[1] / widths[0] - 2.0 / 5.0).abs() < 1e-3,
            "{widths:?}"
        );
    }

    #[test]
    fn same_input_same_bytes() {
        assert_eq!(
            prevalence().to_svg().unwrap(),
            prevalence().to_svg().unwrap()
        );
    }

    #[test]
    fn bad_input_is_refused_and_no_bars_is_an_empty_chart() {
        let mut chart = prevalence();
        chart.bars[0].value = f64::NAN;
        assert!(matches!(chart.to_svg(), Err(crate::Error::Invalid(_))));
        let mut chart = prevalence();
        chart.bars[0].color = Some("red\"/><script>".into());
        assert!(matches!(chart.to_svg(), Err(crate::Error::Invalid(_))));
        let mut chart = prevalence();
        chart.bars.clear();
        let svg = chart.to_svg().unwrap();
        assert!(filled(&parse_back(&svg), &["#285cc2", "#4a78c8"]).is_empty());
    }
}
