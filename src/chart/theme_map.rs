//! Theme maps: codes as circles sized by their weight, linked by lines as thick as their
//! co-occurrence, placed by a force layout (Fruchterman–Reingold) from seeded starting points
//! with a fixed number of steps, so the same input always gives the same picture.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::font::text_width;
use super::svg::{escape, n, Anchor, Svg, TextStyle};
use super::{check_value, draw_title, fill, LABEL_SIZE, MARGIN, MUTED, WIDTH};
use crate::{Error, Result};

/// Codes linked by co-occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeMap {
    pub title: String,
    pub nodes: Vec<ThemeNode>,
    pub edges: Vec<ThemeEdge>,
    /// Under the map: what sizes and lines mean, e.g. «Sirkel: antall utdrag. Linje: samforekomst
    /// i samme tur.»
    #[serde(default)]
    pub legend: String,
}

/// A code on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeNode {
    /// What edges refer to, e.g. the code's GUID.
    pub id: String,
    pub label: String,
    /// The circle's area grows with it (e.g. excerpts or informants).
    pub weight: f64,
    /// `#RRGGBB`, e.g. the code's colour.
    #[serde(default)]
    pub color: Option<String>,
}

/// A link between two codes; its line's width grows with `weight` (e.g. a count or Jaccard).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeEdge {
    pub a: String,
    pub b: String,
    pub weight: f64,
}

/// The map's height: its codes' footprints (circle and label) take up at most about half of it,
/// so the layout has room to keep them apart; from 420 (a wide map) to 860 (a page: with the
/// title and legend, 16 × 18 cm in print).
fn plot_height(footprints: f64, width: f64) -> f64 {
    (footprints * 1.8 / width).clamp(420.0, 860.0)
}
const LABEL_MAX: f64 = 160.0;
const ITERATIONS: u32 = 500;
const SEPARATION_PASSES: u32 = 400;

impl ThemeMap {
    /// The map as an SVG document.
    pub fn to_svg(&self) -> Result<String> {
        let edges = self.resolve_edges()?;
        if self.nodes.is_empty() {
            return super::empty(&self.title);
        }
        let max_node = self.nodes.iter().map(|n| n.weight).fold(0.0, f64::max);
        let radius: Vec<f64> = self
            .nodes
            .iter()
            .map(|n| {
                if max_node > 0.0 {
                    6.0 + 16.0 * (n.weight / max_node).sqrt()
                } else {
                    8.0
                }
            })
            .collect();
        let labels: Vec<String> = self
            .nodes
            .iter()
            .map(|n| {
                let label = n.label.split_whitespace().collect::<Vec<_>>().join(" ");
                super::font::truncate(&label, LABEL_SIZE, LABEL_MAX).unwrap_or(label)
            })
            .collect();
        // Half of each node's footprint across (the wider of circle and label) and its height
        // (the circle and the label under it).
        let half_w: Vec<f64> = labels
            .iter()
            .zip(&radius)
            .map(|(l, r)| (text_width(l, LABEL_SIZE) / 2.0).max(*r) + 3.0)
            .collect();
        let below = |r: f64| r + 6.0 + LABEL_SIZE;

        let mut svg = Svg::new();
        let top = draw_title(&mut svg, &self.title, WIDTH) + 8.0;
        let max_r = radius.iter().copied().fold(0.0, f64::max);
        let footprints: f64 = half_w
            .iter()
            .zip(&radius)
            .map(|(w, r)| 2.0 * w * (r + below(*r)))
            .sum();
        let pad_x = half_w.iter().copied().fold(0.0, f64::max);
        let height = plot_height(footprints, WIDTH - 2.0 * (MARGIN + pad_x));
        let area = (
            MARGIN + pad_x,
            top + max_r,
            WIDTH - MARGIN - pad_x,
            top + height - below(max_r),
        );

        let unit = layout(self.nodes.len(), &edges);
        let mut at: Vec<(f64, f64)> = unit
            .iter()
            .map(|&(x, y)| {
                (
                    area.0 + x * (area.2 - area.0),
                    area.1 + y * (area.3 - area.1),
                )
            })
            .collect();
        separate(&mut at, &half_w, &radius, below, area);

        let max_edge = edges.iter().map(|e| e.2).fold(0.0, f64::max);
        for &(a, b, w) in &edges {
            let width = if max_edge > 0.0 {
                1.0 + 5.0 * w / max_edge
            } else {
                1.0
            };
            svg.push(&format!(
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#8492a6" stroke-opacity="0.6" stroke-width="{}" stroke-linecap="round"/>"##,
                n(at[a].0),
                n(at[a].1),
                n(at[b].0),
                n(at[b].1),
                n(width)
            ));
        }
        for (i, node) in self.nodes.iter().enumerate() {
            svg.push(&format!(
                r##"<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#ffffff" stroke-width="1.5"/>"##,
                n(at[i].0),
                n(at[i].1),
                n(radius[i]),
                escape(&fill(node.color.as_deref())?)
            ));
        }
        let style = TextStyle {
            halo: true,
            ..TextStyle::new(LABEL_SIZE, Anchor::Middle)
        };
        for (i, node) in self.nodes.iter().enumerate() {
            let y = at[i].1 + radius[i] + 4.0 + LABEL_SIZE * 0.8;
            svg.text(at[i].0, y, &node.label, style, Some(LABEL_MAX));
        }
        let legend_y = top + height + 24.0;
        let legend = TextStyle {
            fill: MUTED,
            ..TextStyle::new(LABEL_SIZE, Anchor::Start)
        };
        svg.text(
            MARGIN,
            legend_y,
            &self.legend,
            legend,
            Some(WIDTH - 2.0 * MARGIN),
        );
        svg.finish(WIDTH, legend_y + MARGIN, &self.title)
    }

    /// Edges as node indices with their weights; unknown or repeated ids are refused.
    fn resolve_edges(&self) -> Result<Vec<(usize, usize, f64)>> {
        let mut index = HashMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            check_value(node.weight, &format!("The code «{}»", node.label))?;
            if index.insert(node.id.as_str(), i).is_some() {
                return Err(Error::Invalid(format!(
                    "the theme map has two codes with the id {:?}",
                    node.id
                )));
            }
        }
        let find = |id: &str| {
            index.get(id).copied().ok_or_else(|| {
                Error::Invalid(format!(
                    "a link on the theme map refers to {id:?}, which is not on it"
                ))
            })
        };
        self.edges
            .iter()
            .map(|e| {
                let (a, b) = (find(&e.a)?, find(&e.b)?);
                check_value(e.weight, &format!("The link {:?}–{:?}", e.a, e.b))?;
                if a == b {
                    return Err(Error::Invalid(format!(
                        "a link on the theme map joins {:?} to itself",
                        e.a
                    )));
                }
                Ok((a, b, e.weight))
            })
            .collect()
    }
}

/// SplitMix64: a fixed, tiny generator for the layout's starting points. A crate's generator
/// could change its sequence between versions, and the output must stay byte-identical.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Fruchterman–Reingold in the unit square: every pair repels, linked pairs attract in
/// proportion to their weight, a weak pull to the centre keeps unlinked codes near; the steps
/// shrink over a fixed number of iterations. Positions come back scaled to fill 0..=1.
fn layout(count: usize, edges: &[(usize, usize, f64)]) -> Vec<(f64, f64)> {
    if count == 1 {
        return vec![(0.5, 0.5)];
    }
    let mut random = SplitMix(0x746f_6c6b); // "tolk"
    let mut pos: Vec<(f64, f64)> = (0..count).map(|_| (random.next(), random.next())).collect();
    let k = (1.0 / count as f64).sqrt();
    let max_edge = edges.iter().map(|e| e.2).fold(0.0, f64::max);
    for step in 0..ITERATIONS {
        let mut shift = vec![(0.0, 0.0); count];
        for i in 0..count {
            for j in i + 1..count {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-3);
                let push = k * k / d;
                shift[i].0 += dx / d * push;
                shift[i].1 += dy / d * push;
                shift[j].0 -= dx / d * push;
                shift[j].1 -= dy / d * push;
            }
        }
        for &(a, b, w) in edges {
            let strength = if max_edge > 0.0 { w / max_edge } else { 0.0 };
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-3);
            let pull = d * d / k * strength;
            shift[a].0 -= dx / d * pull;
            shift[a].1 -= dy / d * pull;
            shift[b].0 += dx / d * pull;
            shift[b].1 += dy / d * pull;
        }
        let temperature = 0.1 * (1.0 - f64::from(step) / f64::from(ITERATIONS)) + 0.001;
        for (p, s) in pos.iter_mut().zip(&shift) {
            let s = (s.0 - (p.0 - 0.5) * 0.5, s.1 - (p.1 - 0.5) * 0.5);
            let length = (s.0 * s.0 + s.1 * s.1).sqrt();
            if length > 0.0 {
                let moved = length.min(temperature);
                p.0 += s.0 / length * moved;
                p.1 += s.1 / length * moved;
            }
        }
    }
    let extent = |pick: fn(&(f64, f64)) -> f64| {
        let lo = pos.iter().map(pick).fold(f64::INFINITY, f64::min);
        let hi = pos.iter().map(pick).fold(f64::NEG_INFINITY, f64::max);
        (lo, hi - lo)
    };
    let ((x0, xs), (y0, ys)) = (extent(|p| p.0), extent(|p| p.1));
    let fit = |v: f64, lo: f64, span: f64| if span > 1e-9 { (v - lo) / span } else { 0.5 };
    pos.iter()
        .map(|p| (fit(p.0, x0, xs), fit(p.1, y0, ys)))
        .collect()
}

/// Pushes apart nodes whose circle-and-label footprints overlap, along the axis where they
/// overlap least (sideways when the map's top or bottom stops them), for at most a fixed
/// number of passes, keeping every node inside `area`.
fn separate(
    at: &mut [(f64, f64)],
    half_w: &[f64],
    radius: &[f64],
    below: impl Fn(f64) -> f64,
    area: (f64, f64, f64, f64),
) {
    let clamp_x = |x: f64| x.clamp(area.0, area.2);
    let clamp_y = |y: f64| y.clamp(area.1, area.3);
    for _ in 0..SEPARATION_PASSES {
        let mut moved = false;
        for i in 0..at.len() {
            for j in i + 1..at.len() {
                let overlap_x = half_w[i] + half_w[j] - (at[i].0 - at[j].0).abs();
                // The upper one's label against the lower one's circle.
                let (upper, lower) = if at[i].1 <= at[j].1 { (i, j) } else { (j, i) };
                let overlap_y = below(radius[upper]) + radius[lower] - (at[lower].1 - at[upper].1);
                if overlap_x <= 0.0 || overlap_y <= 0.0 {
                    continue;
                }
                moved = true;
                let mut sideways = overlap_x < overlap_y;
                if !sideways {
                    let step = overlap_y / 2.0 + 0.5;
                    let (up, down) = (clamp_y(at[upper].1 - step), clamp_y(at[lower].1 + step));
                    // Against the top or bottom: what is left goes sideways.
                    sideways = (down - up) - (at[lower].1 - at[upper].1) < overlap_y;
                    at[upper].1 = up;
                    at[lower].1 = down;
                }
                if sideways {
                    let (left, right) = if at[i].0 <= at[j].0 { (i, j) } else { (j, i) };
                    let overlap_x = half_w[i] + half_w[j] - (at[i].0 - at[j].0).abs();
                    at[left].0 = clamp_x(at[left].0 - overlap_x / 2.0 - 0.5);
                    at[right].0 = clamp_x(at[right].0 + overlap_x / 2.0 + 0.5);
                }
            }
        }
        if !moved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::{filled, label_titles, parse_back};
    use super::*;

    fn node(id: &str, label: &str, weight: f64, color: &str) -> ThemeNode {
        ThemeNode {
            id: id.into(),
            label: label.into(),
            weight,
            color: Some(color.into()),
        }
    }

    fn edge(a: &str, b: &str, weight: f64) -> ThemeEdge {
        ThemeEdge {
            a: a.into(),
            b: b.into(),
            weight,
        }
    }

    fn map() -> ThemeMap {
        ThemeMap {
            title: "Temakart".into(),
            nodes: vec![
                node("a", "Tillit", 40.0, "#285CC2"),
                node("b", "Kontroll", 10.0, "#C2285C"),
                node("c", "Åpenhet", 10.0, "#28C25C"),
                node(
                    "d",
                    "Samarbeid på tvers av enheter og forvaltningsnivåer",
                    5.0,
                    "#C2A028",
                ),
                node("e", "Ærlighet", 0.0, "#7A28C2"),
            ],
            edges: vec![
                edge("a", "b", 8.0),
                edge("a", "c", 2.0),
                edge("b", "c", 1.0),
                edge("c", "d", 1.0),
            ],
            legend: "Sirkel: antall utdrag. Linje: samforekomst i samme tur.".into(),
        }
    }

    fn centre(tree: &resvg::usvg::Tree, color: &str) -> (f32, f32, f32) {
        let found = filled(tree, &[color]);
        assert_eq!(found.len(), 1, "{color}: {found:?}");
        let (x, y, w, h) = found[0];
        (x + w / 2.0, y + h / 2.0, w / 2.0)
    }

    #[test]
    fn strongly_linked_codes_sit_closer_and_heavier_codes_are_bigger() {
        let svg = map().to_svg().unwrap();
        let tree = parse_back(&svg);
        let (a, b, c) = (
            centre(&tree, "#285cc2"),
            centre(&tree, "#c2285c"),
            centre(&tree, "#28c25c"),
        );
        let dist = |p: (f32, f32, f32), q: (f32, f32, f32)| {
            ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()
        };
        // Tillit–Kontroll co-occur 8 times, Tillit–Åpenhet twice.
        assert!(dist(a, b) < dist(a, c), "{a:?} {b:?} {c:?}");
        // Radii: 6 + 16 × √(40/40) = 22 and 6 + 16 × √(10/40) = 14.
        assert!(
            (a.2 - 22.0).abs() < 0.01 && (b.2 - 14.0).abs() < 0.01,
            "{a:?} {b:?}"
        );
        // A weight of 0 is the smallest circle, radius 6.
        assert!((centre(&tree, "#7a28c2").2 - 6.0).abs() < 0.01);
        assert_eq!(
            label_titles(&svg),
            ["Samarbeid på tvers av enheter og forvaltningsnivåer"]
        );
    }

    #[test]
    fn the_layout_is_the_same_every_time() {
        assert_eq!(map().to_svg().unwrap(), map().to_svg().unwrap());
    }

    #[test]
    fn labels_and_circles_do_not_overlap() {
        let many = ThemeMap {
            nodes: (0..19)
                .map(|i| {
                    node(
                        &i.to_string(),
                        &format!("Tema {i}"),
                        f64::from(i),
                        "#285CC2",
                    )
                })
                .collect(),
            edges: (1..19)
                .map(|i| edge("0", &i.to_string(), f64::from(i)))
                .collect(),
            ..map()
        };
        let svg = many.to_svg().unwrap();
        let circles = filled(&parse_back(&svg), &["#285cc2"]);
        assert_eq!(circles.len(), 19);
        for (i, p) in circles.iter().enumerate() {
            for q in &circles[i + 1..] {
                let apart_x = p.0 + p.2 <= q.0 || q.0 + q.2 <= p.0;
                let apart_y = p.1 + p.3 <= q.1 || q.1 + q.3 <= p.1;
                assert!(apart_x || apart_y, "{p:?} overlaps {q:?}");
            }
        }
    }

    #[test]
    fn separation_clears_piled_up_footprints() {
        // Twelve codes piled on two points of a map with room for them: afterwards no two
        // footprints (circle plus the label under it) overlap, and all stay inside.
        let (half_w, radius) = (vec![60.0; 12], vec![10.0; 12]);
        let below = |r: f64| r + 6.0 + LABEL_SIZE;
        let area = (100.0, 50.0, 700.0, 450.0);
        let mut at: Vec<(f64, f64)> = (0..12)
            .map(|i| {
                if i % 2 == 0 {
                    (400.0, 50.0)
                } else {
                    (400.0, 60.0)
                }
            })
            .collect();
        separate(&mut at, &half_w, &radius, below, area);
        for i in 0..12 {
            assert!((area.0..=area.2).contains(&at[i].0) && (area.1..=area.3).contains(&at[i].1));
            for j in i + 1..12 {
                let (upper, lower) = if at[i].1 <= at[j].1 { (i, j) } else { (j, i) };
                let apart_x = (at[i].0 - at[j].0).abs() >= 120.0;
                let apart_y = at[lower].1 - at[upper].1 >= below(10.0) + 10.0;
                assert!(
                    apart_x || apart_y,
                    "{i} {:?} and {j} {:?} overlap",
                    at[i],
                    at[j]
                );
            }
        }
    }

    #[test]
    fn unknown_and_repeated_ids_are_refused() {
        let mut m = map();
        m.edges.push(edge("a", "z", 1.0));
        assert!(matches!(m.to_svg(), Err(Error::Invalid(_))));
        let mut m = map();
        m.nodes.push(node("a", "Igjen", 1.0, "#285CC2"));
        assert!(matches!(m.to_svg(), Err(Error::Invalid(_))));
        let mut m = map();
        m.edges.push(edge("a", "a", 1.0));
        assert!(matches!(m.to_svg(), Err(Error::Invalid(_))));
    }
}
