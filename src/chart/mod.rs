//! Charts as SVG, drawn by the core for the app, the CLI and reports alike: prevalence bars
//! ([`BarChart`]), heatmaps ([`Heatmap`]) and theme maps of codes linked by co-occurrence
//! ([`ThemeMap`]). Pure: plain input structs in, an SVG string out with its labels set in the
//! embedded font as glyph paths; [`to_png`] rasterises one for print. Same input, same bytes.

mod bar;
mod font;
pub mod from_analysis;
mod heatmap;
pub mod number;
mod png;
mod svg;
mod theme_map;

pub use bar::{Bar, BarChart, BarUnit};
pub use heatmap::Heatmap;
pub use png::{to_png, DEFAULT_DPI, DEFAULT_WIDTH_CM};
pub use theme_map::{ThemeEdge, ThemeMap, ThemeNode};

use svg::{Anchor, Svg, TextStyle};

/// A chart's width in user units (CSS px); 16 cm in print, so 13 units are 7.4 pt.
const WIDTH: f64 = 800.0;
const MARGIN: f64 = 16.0;
const TITLE_SIZE: f64 = 17.0;
const LABEL_SIZE: f64 = 13.0;
const SMALL_SIZE: f64 = 11.0;
const MUTED: &str = "#595959";
const GRID: &str = "#e3e3e3";
/// A bar or node without a code colour of its own.
const DEFAULT_COLOR: &str = "#4A78C8";

/// Draws the title at the top and returns where the chart below it starts.
fn draw_title(svg: &mut Svg, title: &str, width: f64) -> f64 {
    let style = TextStyle::new(TITLE_SIZE, Anchor::Start);
    svg.text(
        MARGIN,
        MARGIN + TITLE_SIZE,
        title,
        style,
        Some(width - 2.0 * MARGIN),
    );
    MARGIN + TITLE_SIZE + 20.0
}

/// A chart with nothing to show: its title and a line saying so.
fn empty(title: &str) -> crate::Result<String> {
    let mut svg = Svg::new();
    let top = draw_title(&mut svg, title, WIDTH);
    let style = TextStyle {
        fill: MUTED,
        ..TextStyle::new(LABEL_SIZE, Anchor::Start)
    };
    svg.text(MARGIN, top + LABEL_SIZE, "Ingen data å vise", style, None);
    svg.finish(WIDTH, top + LABEL_SIZE + MARGIN + 8.0, title)
}

/// A code colour as the codebook stores it, or the default when there is none.
fn fill(color: Option<&str>) -> crate::Result<String> {
    color.map_or_else(
        || Ok(DEFAULT_COLOR.to_string()),
        crate::codebook::parse_color,
    )
}

/// Values must be numbers at or above zero: charts show counts and shares.
fn check_value(value: f64, what: &str) -> crate::Result<()> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(crate::Error::Invalid(format!(
            "{what} has the value {value}; a chart shows counts and shares, zero or more"
        )))
    }
}

/// Axis ticks from 0 to at most `max`, about five of them, at steps of 1, 2 or 5 times a power of
/// ten (and never finer than 1 when the values are whole counts).
fn ticks(max: f64, whole: bool) -> Vec<f64> {
    if max <= 0.0 {
        return vec![0.0];
    }
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power);
    let step = if whole { step.max(1.0) } else { step };
    // Counting in steps avoids the drift of adding a float step over and over.
    (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|t| *t <= max * (1.0 + 1e-9))
        .collect()
}

/// Reading charts back in tests: with no fonts at all, to show the charts need none.
#[cfg(test)]
pub(crate) mod tests_support {
    use resvg::usvg;

    /// The chart parsed by usvg with an empty font database; it must hold no text nodes.
    pub(crate) fn parse_back(svg: &str) -> usvg::Tree {
        let tree =
            usvg::Tree::from_str(svg, &usvg::Options::default()).expect("the chart is valid SVG");
        fn no_text(group: &usvg::Group) {
            for node in group.children() {
                match node {
                    usvg::Node::Text(_) => panic!("a text node is left in the chart"),
                    usvg::Node::Group(g) => no_text(g),
                    _ => {}
                }
            }
        }
        no_text(tree.root());
        tree
    }

    /// The texts of the `<title>`s below the root's own: the full texts of cut labels.
    pub(crate) fn label_titles(svg: &str) -> Vec<String> {
        let doc = usvg::roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("title") && n.parent().is_some_and(|p| p.has_tag_name("g")))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    }

    /// Paths filled with one of `fills` (`#rrggbb`), in drawing order, as (x, y, width, height).
    pub(crate) fn filled(tree: &usvg::Tree, fills: &[&str]) -> Vec<(f32, f32, f32, f32)> {
        fn walk(group: &usvg::Group, fills: &[&str], out: &mut Vec<(f32, f32, f32, f32)>) {
            for node in group.children() {
                match node {
                    usvg::Node::Path(p) => {
                        if let Some(usvg::Paint::Color(c)) = p.fill().map(|f| f.paint()) {
                            let hex = format!("#{:02x}{:02x}{:02x}", c.red, c.green, c.blue);
                            if fills.contains(&hex.as_str()) {
                                let b = p.abs_bounding_box();
                                out.push((b.x(), b.y(), b.width(), b.height()));
                            }
                        }
                    }
                    usvg::Node::Group(g) => walk(g, fills, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(tree.root(), fills, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_step_by_one_two_or_five() {
        // 7 informants: 7 / 5 = 1.4 → step 2: 0, 2, 4, 6.
        assert_eq!(ticks(7.0, true), [0.0, 2.0, 4.0, 6.0]);
        // 120 excerpts: 24 → step 50: 0, 50, 100.
        assert_eq!(ticks(120.0, true), [0.0, 50.0, 100.0]);
        // A share up to 1: 0.2 → step 0.2: six ticks.
        assert_eq!(ticks(1.0, false).len(), 6);
        // 2 informants: 0.4 would be the step, but counts step by 1 at least.
        assert_eq!(ticks(2.0, true), [0.0, 1.0, 2.0]);
        assert_eq!(ticks(0.0, true), [0.0]);
    }
}
