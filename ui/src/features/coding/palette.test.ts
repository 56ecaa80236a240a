import { describe, expect, it } from "vitest";

import type { PaletteCode } from "../../lib/api/bindings/PaletteCode";
import { paletteRows } from "./palette";
import { assignLanes, groupLabels, stripesByTurn, stripeLabel } from "./stripes";

function code(guid: string, key: string | null, name: string, path: string, definition: string | null = null): PaletteCode {
  return { guid, key, name, path, color: "#1F5FAD", definition, depth: path.split("/").length - 1 };
}

const CODES = [
  code("a", "T08", "Rapportering og kontroll", "Rapportering og kontroll"),
  code("b", "T08.6", "Rapportering", "Rapportering og kontroll/Rapportering", "Krav om å rapportere oppover"),
  code("c", "T02", "Tillit til ledelsen", "Tillit til ledelsen"),
  code("d", null, "Økonomi", "Økonomi", "Penger, budsjett og rapportering av tall"),
  code("e", null, "Åpenhet", "Tillit til ledelsen/Åpenhet"),
];

describe("palette rows", () => {
  it("lists the recent codes first on 1–9, then the rest in tree order", () => {
    const rows = paletteRows(CODES, ["c", "gone", "b"], "");
    expect(rows.map((r) => [r.code.guid, r.number])).toEqual([
      ["c", 1],
      ["b", 2],
      ["a", null],
      ["d", null],
      ["e", null],
    ]);
  });

  it("matches keys, names, paths and definitions, best first", () => {
    // "t08" is a key prefix of T08 and T08.6 (tree order between equals).
    expect(paletteRows(CODES, [], "t08").map((r) => r.code.guid)).toEqual(["a", "b"]);
    // An exact key beats a prefix.
    expect(paletteRows(CODES, [], "T08.6").map((r) => r.code.guid)).toEqual(["b"]);
    // Name start (b, a), then the definition (d mentions «rapportering»).
    expect(paletteRows(CODES, [], "rapport").map((r) => r.code.guid)).toEqual(["a", "b", "d"]);
    // æøå fold case: «øk» finds Økonomi; a path finds a child (Åpenhet under Tillit til ledelsen).
    expect(paletteRows(CODES, [], "øk").map((r) => r.code.guid)).toEqual(["d"]);
    expect(paletteRows(CODES, [], "ledelsen").map((r) => r.code.guid)).toEqual(["c", "e"]);
    // A recent code goes first among equally good matches.
    expect(paletteRows(CODES, ["b"], "rapport").map((r) => r.code.guid)).toEqual(["b", "a", "d"]);
  });
});

describe("stripes", () => {
  const s = (guid: string, startUtf16: number, endUtf16: number) => ({ guid, startUtf16, endUtf16 });

  it("puts overlapping codings in separate lanes and reuses a lane once it is free", () => {
    // a 0..10 and b 5..15 overlap; c 10..12 starts where a ends (end exclusive) → lane 0 again;
    // d 0..20 is longest at 0, so it takes lane 0 and pushes a to lane 1.
    const { lane, lanes } = assignLanes([s("a", 0, 10), s("b", 5, 15), s("c", 10, 12)]);
    expect([lane.get("a"), lane.get("b"), lane.get("c")]).toEqual([0, 1, 0]);
    expect(lanes).toBe(2);
    const withD = assignLanes([s("a", 0, 10), s("d", 0, 20)]);
    expect([withD.lane.get("d"), withD.lane.get("a")]).toEqual([0, 1]);
  });

  it("lists each coding under every turn it touches", () => {
    const turns = [
      { n: 1, startUtf16: 3, endUtf16: 19 },
      { n: 2, startUtf16: 25, endUtf16: 42 },
    ];
    const by = stripesByTurn([s("x", 10, 30), s("y", 25, 31), s("z", 19, 25)], turns);
    expect(by.get(1)?.map((c) => c.guid)).toEqual(["x"]);
    expect(by.get(2)?.map((c) => c.guid)).toEqual(["x", "y"]);
  });

  it("labels with the key, else the name", () => {
    expect(stripeLabel({ codeKey: "T08.6", codeName: "Rapportering" })).toBe("T08.6");
    expect(stripeLabel({ codeKey: null, codeName: "Økonomi" })).toBe("Økonomi");
  });
});

describe("stripe labels on one line", () => {
  it("gives a group of colliding stripes one label that counts them", () => {
    // Lane 0: a, b (same code) and c (another) on one line (tops 0, 2, 5 < 16); d two lines down.
    const labels = groupLabels([
      { guid: "a", label: "T08.6", lane: 0, top: 0 },
      { guid: "b", label: "T08.6", lane: 0, top: 2 },
      { guid: "d", label: "T08.6", lane: 0, top: 54 },
      { guid: "e", label: "T06", lane: 1, top: 0 },
    ]);
    expect([...labels]).toEqual([
      ["a", "T08.6 ×2"],
      ["b", null],
      ["d", "T08.6"],
      ["e", "T06"],
    ]);
    const mixed = groupLabels([
      { guid: "a", label: "T08.6", lane: 0, top: 0 },
      { guid: "c", label: "Økonomi", lane: 0, top: 5 },
    ]);
    expect(mixed.get("a")).toBe("T08.6 +1");
  });
});
