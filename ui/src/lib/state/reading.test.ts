import { beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_DOC_SIZE, DOC_SIZES, ReadingSettings } from "./reading.svelte";

describe("ReadingSettings", () => {
  beforeEach(() => localStorage.clear());

  it("starts at 17 px and ignores a stored size that is not on the scale", () => {
    expect(new ReadingSettings().docSize).toBe(DEFAULT_DOC_SIZE);
    localStorage.setItem("tolk.docFontSize", "19");
    expect(new ReadingSettings().docSize).toBe(17);
    localStorage.setItem("tolk.docFontSize", "22");
    expect(new ReadingSettings().docSize).toBe(22);
  });

  it("steps along the scale, stops at 12 and 32 px, and remembers the size", () => {
    const r = new ReadingSettings(17);
    r.step(1);
    r.step(1);
    // 17 -> 18 -> 20.
    expect(r.docSize).toBe(20);
    expect(localStorage.getItem("tolk.docFontSize")).toBe("20");
    for (let i = 0; i < DOC_SIZES.length; i++) r.step(1);
    expect(r.docSize).toBe(32);
    expect(r.canGrow).toBe(false);
    for (let i = 0; i < DOC_SIZES.length; i++) r.step(-1);
    expect(r.docSize).toBe(12);
    expect(r.canShrink).toBe(false);
    r.reset();
    expect(r.docSize).toBe(17);
  });
});
