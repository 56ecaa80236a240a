import { describe, expect, it } from "vitest";

import type { Informant } from "../../lib/api/bindings/Informant";
import {
  filterInformants,
  informantKeys,
  mergeConflicts,
  normalizeKey,
  sortInformants,
  toggleSelection,
} from "./informants";

function informant(name: string, attributes: Record<string, string> = {}, documents: string[] = []): Informant {
  const [document = "", label = name] = name.split("/");
  return { guid: `g-${name}`, name, speakers: [{ document, label }], documents, attributes };
}

describe("informant helpers", () => {
  it("sorts names in Norwegian order (conventions.md)", () => {
    const names = ["Åsen", "Øst", "Aasen", "Ål", "Zulu", "Ærlig", "abc", "Ås"];
    expect(sortInformants(names.map((n) => informant(n))).map((i) => i.name)).toEqual([
      "abc",
      "Zulu",
      "Ærlig",
      "Øst",
      "Ål",
      "Ås",
      "Åsen",
      "Aasen",
    ]);
  });

  it("collects attribute keys once each, in Norwegian order", () => {
    const list = [informant("a", { stilling: "x", alder: "1" }), informant("b", { kjønn: "k", alder: "2" })];
    expect(informantKeys(list)).toEqual(["alder", "kjønn", "stilling"]);
  });

  it("filters on name, documents and values, ignoring case", () => {
    const list = [
      informant("leder-bodo/IP1", { stilling: "Enhetsleder" }, ["leder-bodo"]),
      informant("tilsett-voss/Informant", { stilling: "Miljøterapeut" }, ["tilsett-voss"]),
    ];
    expect(filterInformants(list, "MILJØ").map((i) => i.name)).toEqual(["tilsett-voss/Informant"]);
    expect(filterInformants(list, "bodo enhet").map((i) => i.name)).toEqual(["leder-bodo/IP1"]);
    expect(filterInformants(list, "  ")).toHaveLength(2);
  });

  it("lists the conflicts a merge keeps the kept informant's value for", () => {
    const kept = informant("a", { alder: "50–59", kjønn: "kvinne", stilling: "Leder" });
    const other = informant("b", { alder: "30–39", kjønn: "kvinne", sektor: "helse", stilling: "Rektor" });
    // kjønn is equal (no conflict); sektor only the other has (moves over, no conflict).
    expect(mergeConflicts(kept, other)).toEqual([
      { key: "alder", kept: "50–59", dropped: "30–39" },
      { key: "stilling", kept: "Leder", dropped: "Rektor" },
    ]);
    expect(mergeConflicts(other, kept).map((c) => c.kept)).toEqual(["30–39", "Rektor"]);
  });

  it("normalises keys as the core stores them", () => {
    expect(normalizeKey("  Kjønn ")).toBe("kjønn");
    expect(normalizeKey("A\u030Arstall")).toBe("årstall");
    expect(normalizeKey("   ")).toBe("");
  });

  it("keeps at most two selected, dropping the oldest", () => {
    expect(toggleSelection([], "a")).toEqual(["a"]);
    expect(toggleSelection(["a"], "b")).toEqual(["a", "b"]);
    expect(toggleSelection(["a", "b"], "c")).toEqual(["b", "c"]);
    expect(toggleSelection(["a", "b"], "a")).toEqual(["b"]);
  });
});
