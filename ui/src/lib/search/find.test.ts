import { describe, expect, it } from "vitest";

import { findMatches, firstMatchFrom, fold, foldQuery, matchesByTurn, segments } from "./find";

const texts = (...t: string[]) => t.map(fold);

describe("findMatches", () => {
  it("matches case-insensitively, æøå included", () => {
    const turns = texts("Økonomien og ØKONOMI", "Vi snakket om økonomi.", "Ærlig talt, æ og Å å");
    // "Økonomien" at 0, "ØKONOMI" at 13; "økonomi" at 14 in turn 1.
    expect(findMatches(turns, "økonomi")).toEqual([
      { turn: 0, start: 0, end: 7 },
      { turn: 0, start: 13, end: 20 },
      { turn: 1, start: 14, end: 21 },
    ]);
    // Upper-case query, lower-case text: "Ærlig" (0) and "æ" (12).
    expect(findMatches(turns, "Æ").map((m) => [m.turn, m.start])).toEqual([
      [2, 0],
      [2, 12],
    ]);
    // "Ærlig talt, æ og " is 17 units, so "Å" is at 17 and "å" at 19.
    expect(findMatches(turns, "å").map((m) => m.start)).toEqual([17, 19]);
  });

  it("finds non-overlapping occurrences, parts of words included", () => {
    // "aaaa" holds two non-overlapping "aa"; "mistillit" and "tillitsreformen" hold "tillit".
    expect(findMatches(texts("aaaa"), "aa").map((m) => m.start)).toEqual([0, 2]);
    expect(findMatches(texts("mistillit og tillitsreformen"), "TILLIT").map((m) => m.start)).toEqual([3, 13]);
  });

  it("normalises the query to NFC, as the text is", () => {
    // "å" typed as a + combining ring (U+030A) matches the precomposed å (U+00E5).
    expect(findMatches(texts("på Ås"), "a\u030as").map((m) => m.start)).toEqual([3]);
  });

  it("keeps offsets in the original text when lower-casing changes the length", () => {
    // "İ" (U+0130) lower-cases to two units; the hit "stanbul" must still point at 1..8.
    const t = texts("İstanbul");
    expect(t[0]?.text.length).toBe(9);
    expect(findMatches(t, "stanbul")).toEqual([{ turn: 0, start: 1, end: 8 }]);
  });

  it("matches nothing for an empty or blank query", () => {
    expect(findMatches(texts("abc"), "")).toEqual([]);
    expect(findMatches(texts("a b"), "   ")).toEqual([]);
    expect(foldQuery(" ")).toBe("");
  });
});

describe("segments", () => {
  it("splits text into plain and hit segments, flagging the current hit", () => {
    const text = "Tillit er tillit.";
    const hits = matchesByTurn(findMatches(texts(text), "tillit")).get(0) ?? [];
    expect(segments(text, hits, 1)).toEqual([
      { text: "Tillit", hit: true, current: false },
      { text: " er ", hit: false, current: false },
      { text: "tillit", hit: true, current: true },
      { text: ".", hit: false, current: false },
    ]);
    // The segments put together give the text back unchanged.
    expect(segments(text, hits, 0).map((s) => s.text).join("")).toBe(text);
  });
});

describe("matchesByTurn and firstMatchFrom", () => {
  const matches = findMatches(texts("a", "b", "a a", "b", "a"), "a");

  it("groups hits by turn with their place in the whole list", () => {
    const byTurn = matchesByTurn(matches);
    expect(byTurn.get(2)?.map((h) => h.index)).toEqual([1, 2]);
    expect(byTurn.has(1)).toBe(false);
  });

  it("picks the first hit at or after a turn, wrapping to the first", () => {
    expect(firstMatchFrom(matches, 0)).toBe(0);
    expect(firstMatchFrom(matches, 1)).toBe(1);
    expect(firstMatchFrom(matches, 3)).toBe(3);
    expect(firstMatchFrom(matches, 5)).toBe(0);
    expect(firstMatchFrom([], 0)).toBe(-1);
  });
});
