import { describe, expect, it } from "vitest";

import { combineHeights, estimateHeight, indexAt, prefixOffsets, visibleWindow } from "./window";

const m = { charsPerLine: 10, lineHeight: 20, extra: 5 };

describe("estimateHeight", () => {
  it("counts wrapped lines plus the row extra", () => {
    // 25 chars at 10 per line = 3 lines: 3 * 20 + 5 = 65.
    expect(estimateHeight("x".repeat(25), m)).toBe(65);
    // Empty text still takes one line: 20 + 5.
    expect(estimateHeight("", m)).toBe(25);
    // Each "\n" starts a line: "abc" (1) + 12 chars (2) = 3 lines = 65.
    expect(estimateHeight("abc\n" + "y".repeat(12), m)).toBe(65);
  });
});

describe("combineHeights", () => {
  it("uses measurements and scales the remaining estimates by the measured/estimated ratio", () => {
    const est = [100, 100, 100, 100];
    const measured = [150, NaN, 150, NaN];
    // Measured 300 against 200 estimated: scale 1.5, so unmeasured rows become 150.
    expect([...combineHeights(measured, est)]).toEqual([150, 150, 150, 150]);
  });

  it("keeps estimates as they are when nothing is measured", () => {
    expect([...combineHeights([NaN, NaN], [40, 60])]).toEqual([40, 60]);
  });

  it("limits the calibration to a factor of 3", () => {
    // 1000 / 10 = 100, clamped to 3: the unmeasured 10 becomes 30.
    expect([...combineHeights([1000, NaN], [10, 10])]).toEqual([1000, 30]);
  });
});

describe("prefixOffsets and indexAt", () => {
  const offsets = prefixOffsets([10, 20, 30]);

  it("accumulates tops and the total", () => {
    expect([...offsets]).toEqual([0, 10, 30, 60]);
  });

  it("finds the row holding a y position, clamped to the rows", () => {
    expect(indexAt(offsets, -5)).toBe(0);
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 9.9)).toBe(0);
    expect(indexAt(offsets, 10)).toBe(1);
    expect(indexAt(offsets, 59)).toBe(2);
    expect(indexAt(offsets, 1000)).toBe(2);
    expect(indexAt(prefixOffsets([]), 0)).toBe(-1);
  });
});

describe("visibleWindow", () => {
  // 1000 rows of 50 px: rows are [50i, 50i + 50).
  const offsets = prefixOffsets(new Array(1000).fill(50));

  it("renders the visible rows plus overscan on each side", () => {
    // Viewport 1000..1600 shows rows 20..31 (1599.5 / 50 = 31.99); overscan 5 -> 15..37.
    expect(visibleWindow({ offsets, top: 1000, height: 600, overscan: 5, max: 300 })).toEqual({ start: 15, end: 37 });
  });

  it("clamps at the start and the end of the list", () => {
    // The viewport starts 200 px above the list, so it shows list y 0..400: rows 0..7, + 5 after.
    expect(visibleWindow({ offsets, top: -200, height: 600, overscan: 5, max: 300 })).toEqual({ start: 0, end: 13 });
    // Top 49 700 shows rows 994..999; nothing after them.
    expect(visibleWindow({ offsets, top: 49_700, height: 600, overscan: 5, max: 300 })).toEqual({
      start: 989,
      end: 1000,
    });
  });

  it("never renders more than max rows, visible rows first", () => {
    // 40 rows visible (0..39) but max 30: the first 30 of them.
    expect(visibleWindow({ offsets, top: 0, height: 2000, overscan: 8, max: 30 })).toEqual({ start: 0, end: 30 });
    // 12 visible (rows 20..31), 4 spare: 2 before and 2 after.
    expect(visibleWindow({ offsets, top: 1000, height: 600, overscan: 8, max: 16 })).toEqual({ start: 18, end: 34 });
  });

  it("bounds the DOM for a 20,000-word transcript at any scroll position", () => {
    // 2 000 turns of 10 words, 30 px each (the shortest rows give the most rows per screen).
    const tiny = prefixOffsets(new Array(2000).fill(30));
    for (let top = 0; top < 60_000; top += 7_777) {
      const { start, end } = visibleWindow({ offsets: tiny, top, height: 800, overscan: 8, max: 200 });
      // 800 / 30 -> at most 28 visible rows + 16 overscan = 44.
      expect(end - start).toBeLessThanOrEqual(44);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeLessThanOrEqual(2000);
    }
  });

  it("returns nothing for an empty list", () => {
    expect(visibleWindow({ offsets: prefixOffsets([]), top: 0, height: 500, overscan: 8, max: 200 })).toEqual({
      start: 0,
      end: 0,
    });
  });
});
