import { describe, expect, it } from "vitest";

import type { CodeNode } from "../../lib/api/bindings/CodeNode";
import { dropPlace, reorderPlace, siblingNameTaken, targetsFor, visibleRows } from "./tree";

function node(guid: string, parent: string | null, position: number, extra: Partial<CodeNode> = {}): CodeNode {
  return {
    guid,
    key: null,
    name: guid,
    nameEn: null,
    color: "#000000",
    depth: 0,
    parent,
    position,
    block: null,
    hidden: false,
    hidesFamily: false,
    children: 0,
    codings: 0,
    definition: "",
    definitionEn: null,
    ...extra,
  };
}

// A (B (C), D), E — in tree order, with depths.
const codes: CodeNode[] = [
  node("A", null, 0, { children: 2, block: "A", key: "T01" }),
  node("B", "A", 0, { depth: 1, children: 1, definition: "Når tilliten svikter" }),
  node("C", "B", 0, { depth: 2, name: "Ærlighet" }),
  node("D", "A", 1, { depth: 1 }),
  node("E", null, 1, { block: "B" }),
];
const blocks = [
  { letter: "A", name: "Tillit", nameEn: null },
  { letter: "B", name: "Styring", nameEn: null },
];
const opts = { query: "", expanded: new Set<string>(), showHidden: false, blockName: (b: { name: string }) => b.name };
const names = (rows: ReturnType<typeof visibleRows>) =>
  rows.map((r) => (r.kind === "block" ? `[${r.letter}]` : r.code.guid));

describe("codebook rows", () => {
  it("shows top-level codes under block headers, and children only when expanded", () => {
    expect(names(visibleRows(codes, blocks, opts))).toEqual(["[A]", "A", "[B]", "E"]);
    const open = { ...opts, expanded: new Set(["A"]) };
    expect(names(visibleRows(codes, blocks, open))).toEqual(["[A]", "A", "B", "D", "[B]", "E"]);
  });

  it("filters on key, name and definition, keeping ancestors for context", () => {
    // "svikter" is in B's definition: B shows with its ancestor A (dimmed), expanded.
    const rows = visibleRows(codes, blocks, { ...opts, query: "SVIKTER" });
    expect(names(rows)).toEqual(["[A]", "A", "B"]);
    expect(rows.flatMap((r) => (r.kind === "code" ? [r.matched] : []))).toEqual([false, true]);
    // "æ" matches "Ærlighet" (case-insensitive, æ its own letter: "a" does not match it).
    expect(names(visibleRows(codes, blocks, { ...opts, query: "ærl" }))).toEqual(["[A]", "A", "B", "C"]);
    expect(names(visibleRows(codes, blocks, { ...opts, query: "arl" }))).toEqual([]);
    expect(names(visibleRows(codes, blocks, { ...opts, query: "t01" }))).toEqual(["[A]", "A"]);
  });

  it("leaves out switched-off families unless hidden ones are shown", () => {
    const hidden = codes.map((c) =>
      c.guid === "B" ? { ...c, hidden: true, hidesFamily: true } : c.guid === "C" ? { ...c, hidden: true } : c,
    );
    const open = { ...opts, expanded: new Set(["A", "B"]) };
    expect(names(visibleRows(hidden, [], open))).toEqual(["A", "D", "E"]);
    expect(names(visibleRows(hidden, [], { ...open, showHidden: true }))).toEqual(["A", "B", "C", "D", "E"]);
  });
});

describe("codebook moves", () => {
  it("drops into a code (last child), before or after one, never into the own family", () => {
    expect(dropPlace(codes, "E", "B", "into")).toEqual({ parent: "B", position: 1 });
    expect(dropPlace(codes, "E", "A", "before")).toEqual({ parent: null, position: 0 });
    // D after B: among A's children without D, [B], B is 0, so after is 1: where D already is.
    expect(dropPlace(codes, "D", "B", "after")).toBeNull();
    expect(dropPlace(codes, "D", "B", "before")).toEqual({ parent: "A", position: 0 });
    expect(dropPlace(codes, "A", "C", "into")).toBeNull();
    expect(dropPlace(codes, "A", "A", "after")).toBeNull();
    expect(dropPlace(codes, "C", "B", "into")).toBeNull();
  });

  it("reorders one step among siblings, stopping at the ends", () => {
    expect(reorderPlace(codes, "D", -1)).toEqual({ parent: "A", position: 0 });
    expect(reorderPlace(codes, "B", -1)).toBeNull();
    expect(reorderPlace(codes, "D", 1)).toBeNull();
    expect(reorderPlace(codes, "A", 1)).toEqual({ parent: null, position: 1 });
  });

  it("offers every code outside the family as a target, and checks sibling names", () => {
    expect(targetsFor(codes, "B").map((c) => c.guid)).toEqual(["A", "D", "E"]);
    expect(siblingNameTaken(codes, "B", " ærlighet ")).toBe(true);
    expect(siblingNameTaken(codes, "B", "Ærlighet", "C")).toBe(false);
    expect(siblingNameTaken(codes, null, "Ærlighet")).toBe(false);
  });
});
