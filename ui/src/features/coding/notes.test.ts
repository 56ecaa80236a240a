import { describe, expect, it } from "vitest";

import { omissionOf, quotePieces } from "./notes.svelte";

// Two turns: turn 1's words at 5..28 (an emoji of 7 UTF-16 units at 9..16), turn 2's at 35..50.
const FACE = "\u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F}";
const TURNS = [
  { startUtf16: 5, endUtf16: 28, text: `Jeg ${FACE} blir så lei` },
  { startUtf16: 35, endUtf16: 50, text: "Det er skjemaer" },
];

describe("a coding's quote with omitted stretches", () => {
  it("cuts the words at turn ends and at each omitted range's ends", () => {
    // The coding runs from "blir" (17) into turn 2 up to "er" (41); "så " (22..25) and "Det " (35..39)
    // are left out.
    const pieces = quotePieces(TURNS, { start: 17, end: 41 }, [
      { start: 22, end: 25 },
      { start: 35, end: 39 },
    ]);
    expect(pieces.map((p) => [p.text, p.omitted, p.newTurn])).toEqual([
      ["blir ", false, false],
      ["så ", true, false],
      ["lei", false, false],
      ["Det ", true, true],
      ["er", false, false],
    ]);
    expect(pieces.map((p) => [p.start, p.end])).toEqual([
      [17, 22],
      [22, 25],
      [25, 28],
      [35, 39],
      [39, 41],
    ]);
  });

  it("keeps the emoji whole and ignores ranges outside the coding", () => {
    const pieces = quotePieces(TURNS, { start: 5, end: 21 }, [{ start: 40, end: 45 }]);
    expect(pieces).toEqual([{ start: 5, end: 21, text: `Jeg ${FACE} blir`, omitted: false, newTurn: false }]);
  });

  it("clips a selection to the coding", () => {
    expect(omissionOf({ start: 2, end: 20 }, { start: 5, end: 28 })).toEqual({ start: 5, end: 20 });
    expect(omissionOf({ start: 30, end: 34 }, { start: 5, end: 28 })).toBeNull();
  });
});
