import { describe, expect, it } from "vitest";

import { svgDataUrl } from "./chart";

describe("svgDataUrl", () => {
  it("encodes the SVG's UTF-8 bytes as base64", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Ærlig på</text></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith("data:image/svg+xml;base64,")).toBe(true);
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(",") + 1)), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
    // «Æ» (C3 86) and «å» (C3 A5) are two UTF-8 bytes each: one more byte than chars for each.
    expect(bytes.length).toBe(svg.length + 2);
  });

  it("handles charts larger than one chunk", () => {
    const svg = `<svg>${"ø".repeat(50_000)}</svg>`;
    const url = svgDataUrl(svg);
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(",") + 1)), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
  });
});
