//! Charts as PNG for print: rasterised with resvg on white at a physical width and resolution,
//! the resolution written in the file's `pHYs` chunk so Word and LibreOffice place it at its
//! size. tiny-skia's own encoder writes no `pHYs`, hence the `png` crate.

use resvg::tiny_skia;

use super::svg;
use crate::{Error, Result};

/// A chart's default printed width: a page of text on A4 with 2.5 cm margins.
pub const DEFAULT_WIDTH_CM: f32 = 16.0;
/// A chart's default resolution, what journals ask for.
pub const DEFAULT_DPI: u32 = 300;

/// Past this the pixmap alone would take over 400 MB.
const MAX_PIXELS: u64 = 100_000_000;

/// `svg` (a chart, or any SVG) as an opaque RGB PNG `width_cm` wide at `dpi`: 16 cm at 300 dpi
/// is 16 / 2.54 × 300 = 1889.76 → 1890 px; the height keeps the SVG's proportions.
pub fn to_png(svg: &str, width_cm: f32, dpi: u32) -> Result<Vec<u8>> {
    if !(width_cm.is_finite() && width_cm > 0.0) || dpi == 0 {
        return Err(Error::Invalid(format!(
            "a chart needs a width above 0 cm and a resolution above 0 dpi (got {width_cm} cm, {dpi} dpi)"
        )));
    }
    let tree = svg::parse(svg)?;
    let size = tree.size();
    let width_px = (f64::from(width_cm) / 2.54 * f64::from(dpi)).round();
    let height_px = (width_px * f64::from(size.height()) / f64::from(size.width()))
        .round()
        .max(1.0);
    if width_px * height_px > MAX_PIXELS as f64 {
        return Err(Error::Chart(format!(
            "the chart would be {width_px} × {height_px} pixels, too large to draw: choose a smaller \
             width or resolution"
        )));
    }
    let (width_px, height_px) = (width_px as u32, height_px as u32);
    let mut pixmap = tiny_skia::Pixmap::new(width_px, height_px).ok_or_else(|| {
        Error::Chart(format!(
            "cannot draw a chart of {width_px} × {height_px} pixels"
        ))
    })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale = width_px as f32 / size.width();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    encode(&pixmap, dpi)
}

/// The pixmap is opaque (drawn on white), so its premultiplied RGBA is plain RGB plus 255.
fn encode(pixmap: &tiny_skia::Pixmap, dpi: u32) -> Result<Vec<u8>> {
    let failed = |e: png::EncodingError| Error::Chart(format!("the PNG could not be written: {e}"));
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // 300 dots per inch = 300 / 0.0254 m = 11811 pixels per metre (PNG counts per metre).
    let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&rgb).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png_bytes: &[u8]) -> (png::Info<'static>, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes.to_vec()));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut pixels).unwrap();
        (reader.info().clone(), pixels)
    }

    const SQUARE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect x="100" y="0" width="100" height="100" fill="#ff0000"/></svg>"##;

    #[test]
    fn sixteen_centimetres_at_300_dpi() {
        let (info, pixels) = decode(&to_png(SQUARE, 16.0, 300).unwrap());
        // 16 cm / 2.54 cm per inch × 300 dpi = 1889.76 → 1890 px; half as high: 945 px.
        assert_eq!((info.width, info.height), (1890, 945));
        // 300 / 0.0254 = 11811.02 → 11811 pixels per metre, both ways.
        let dims = info.pixel_dims.unwrap();
        assert_eq!(
            (dims.xppu, dims.yppu, dims.unit),
            (11811, 11811, png::Unit::Meter)
        );
        assert_eq!(info.color_type, png::ColorType::Rgb);
        // The left half is the white background, the right half the red rectangle.
        let at = |x: usize, y: usize| &pixels[(y * 1890 + x) * 3..][..3];
        assert_eq!(at(10, 10), [255, 255, 255]);
        assert_eq!(at(1800, 900), [255, 0, 0]);
    }

    #[test]
    fn other_sizes_and_bad_ones() {
        let (info, _) = decode(&to_png(SQUARE, 8.0, 150).unwrap());
        // 8 / 2.54 × 150 = 472.44 → 472 px wide, 236 high; 150 / 0.0254 = 5905.5 → 5906 per metre.
        assert_eq!((info.width, info.height), (472, 236));
        assert_eq!(info.pixel_dims.unwrap().xppu, 5906);
        assert!(matches!(to_png(SQUARE, 0.0, 300), Err(Error::Invalid(_))));
        assert!(matches!(to_png(SQUARE, 16.0, 0), Err(Error::Invalid(_))));
        assert!(matches!(to_png("<svg", 16.0, 300), Err(Error::Chart(_))));
        // 500 cm at 2400 dpi is 472 441 px wide: refused before allocating anything.
        assert!(matches!(to_png(SQUARE, 500.0, 2400), Err(Error::Chart(_))));
    }
}
