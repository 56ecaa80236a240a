/**
 * A core-made SVG as a `data:` URL for an <img>: the picture is shown as an image, never put into
 * the page as markup, so nothing in it can run or style the app (the CSP allows `img-src data:`).
 * Base64 over the UTF-8 bytes, so «æøå» in labels survive.
 */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short for large charts.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
