//! The one font charts are set in, compiled into the binary so a chart never depends on the fonts
//! a machine has: usvg lays text out with it and writes the glyphs as paths.

use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb::{Database, Source};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};

/// The family name inside the embedded font file.
pub(crate) const FAMILY: &str = "DejaVu Sans";

/// DejaVu Sans 2.37 (Debian `fonts-dejavu-core`): Bitstream Vera licence, DejaVu changes public
/// domain; see THIRD-PARTY.md. It has every glyph Norwegian text needs (æøå, «», –, …, nbsp).
static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// A font database holding only the embedded font, so usvg never looks at system fonts.
pub(crate) fn database() -> Arc<Database> {
    static DB: OnceLock<Arc<Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = Database::new();
        db.load_font_source(Source::Binary(Arc::new(DEJAVU_SANS)));
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn font() -> FontRef<'static> {
    FontRef::new(DEJAVU_SANS).expect("the embedded DejaVu Sans parses")
}

/// Whether the embedded font has a glyph for `c`.
#[cfg(test)]
pub(crate) fn has_glyph(c: char) -> bool {
    font().charmap().map(c).is_some()
}

/// Advance widths from the font's horizontal metrics. Kerning is left out: it moves a label by a
/// fraction of a unit, and layout only needs to know whether a label fits.
struct Advances {
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
    per_unit: f64,
}

impl Advances {
    fn at(size: f64) -> Self {
        let font = font();
        let units_per_em = font
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em;
        Advances {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            per_unit: size / f64::from(units_per_em),
        }
    }

    fn char(&self, c: char) -> f64 {
        let glyph = self.charmap.map(c).unwrap_or(GlyphId::NOTDEF);
        f64::from(self.metrics.advance_width(glyph).unwrap_or(0.0)) * self.per_unit
    }

    fn text(&self, text: &str) -> f64 {
        text.chars().map(|c| self.char(c)).sum()
    }
}

/// The width of `text` set at `size` user units.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    Advances::at(size).text(text)
}

/// The width of the widest of `texts` at `size`, but no more than `cap`.
pub(crate) fn widest<'a>(texts: impl IntoIterator<Item = &'a str>, size: f64, cap: f64) -> f64 {
    let advances = Advances::at(size);
    texts
        .into_iter()
        .map(|t| advances.text(t))
        .fold(0.0, f64::max)
        .min(cap)
}

/// `text` cut to fit `max_width` at `size`, ending in «…» when cut; `None` when it fits as it is.
pub(crate) fn truncate(text: &str, size: f64, max_width: f64) -> Option<String> {
    let advances = Advances::at(size);
    if advances.text(text) <= max_width {
        return None;
    }
    let room = max_width - advances.char('…');
    let mut width = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        width += advances.char(c);
        if width > room {
            break;
        }
        end = i + c.len_utf8();
    }
    Some(format!("{}…", text[..end].trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_the_glyphs_norwegian_labels_need() {
        for c in "æøåÆØÅ«»–…éü\u{a0}%".chars() {
            assert!(has_glyph(c), "no glyph for {c:?}");
        }
    }

    #[test]
    fn widths_add_up_and_scale_with_size() {
        let a = text_width("Tillit", 10.0);
        assert!(a > 0.0);
        // Twice the size is twice the width; two copies are twice as wide (no kerning counted).
        assert!((text_width("Tillit", 20.0) - 2.0 * a).abs() < 1e-9);
        assert!((text_width("TillitTillit", 10.0) - 2.0 * a).abs() < 1e-9);
    }

    #[test]
    fn truncation_keeps_what_fits_and_adds_an_ellipsis() {
        assert_eq!(truncate("Kort", 12.0, 200.0), None);
        let long = "Tillit mellom ledere og ansatte i kommunen";
        let max = text_width("Tillit mellom ", 12.0) + text_width("…", 12.0);
        // «Tillit mellom » fits with the ellipsis; the trailing space is dropped before it.
        assert_eq!(
            truncate(long, 12.0, max + 0.01).as_deref(),
            Some("Tillit mellom…")
        );
        let cut = truncate(long, 12.0, 80.0).unwrap();
        assert!(text_width(&cut, 12.0) <= 80.0);
    }
}
