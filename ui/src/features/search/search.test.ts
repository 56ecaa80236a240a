import { describe, expect, it } from "vitest";

import type { SearchHitItem } from "../../lib/api/bindings/SearchHitItem";
import { groupHits, pieces } from "./search.svelte";

const FACE = "\u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F}";

function hit(document: string, startUtf16: number): SearchHitItem {
  return {
    document,
    documentGuid: `g-${document}`,
    turn: 1,
    speaker: "IP1",
    startUtf16,
    endUtf16: startUtf16 + 6,
    snippet: "tillit",
    highlights: [{ startUtf16: 0, endUtf16: 6 }],
  };
}

describe("keyword-in-context pieces", () => {
  it("splits at UTF-16 highlights after an emoji, keeping markup characters as text", () => {
    // FACE is 7 UTF-16 units and " <b>" 4 more, so «Tilliten» is 11..19; "</b> og " is 8 more,
    // so «tillit» is 27..33.
    const snippet = `${FACE} <b>Tilliten</b> og tillit`;
    expect(pieces(snippet, [{ startUtf16: 27, endUtf16: 33 }, { startUtf16: 11, endUtf16: 19 }])).toEqual([
      { text: `${FACE} <b>`, mark: false },
      { text: "Tilliten", mark: true },
      { text: "</b> og ", mark: false },
      { text: "tillit", mark: true },
    ]);
  });

  it("ignores empty and out-of-range highlights and overlaps", () => {
    expect(pieces("abc", [])).toEqual([{ text: "abc", mark: false }]);
    expect(
      pieces("abcdef", [
        { startUtf16: 1, endUtf16: 3 },
        { startUtf16: 2, endUtf16: 4 },
        { startUtf16: 5, endUtf16: 5 },
        { startUtf16: 5, endUtf16: 99 },
      ]),
    ).toEqual([
      { text: "a", mark: false },
      { text: "bc", mark: true },
      { text: "d", mark: true },
      { text: "e", mark: false },
      { text: "f", mark: true },
    ]);
  });
});

describe("grouping hits by document", () => {
  // Ål has 1 hit, Aasen 2, Berg 3; they were imported in the order Aasen, Ål, Berg.
  const hits = [hit("Aasen", 1), hit("Aasen", 9), hit("Berg", 3), hit("Berg", 8), hit("Berg", 20), hit("Ål", 4)];
  const imported = ["g-Aasen", "g-Ål", "g-Berg"];
  const order = (sort: "imported" | "name" | "hits") =>
    groupHits(hits, sort, imported).map((g) => `${g.document} ${g.hits.map((h) => h.startUtf16).join(",")}`);

  it("keeps each document's hits in text order and sorts the groups three ways", () => {
    expect(order("imported")).toEqual(["Aasen 1,9", "Ål 4", "Berg 3,8,20"]);
    // Norwegian order: Å after the other letters, and aa sorts as å (Ål before Aasen = Åsen).
    expect(order("name")).toEqual(["Berg 3,8,20", "Ål 4", "Aasen 1,9"]);
    expect(order("hits")).toEqual(["Berg 3,8,20", "Aasen 1,9", "Ål 4"]);
  });
});
