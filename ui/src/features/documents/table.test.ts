import { describe, expect, it } from "vitest";

import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import {
  DEFAULT_SORT,
  attributeColumn,
  attributeKeys,
  filterDocuments,
  nameTaken,
  nextSort,
  sortDocuments,
} from "./table";

function doc(name: string, fields: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    guid: `g-${name}`,
    name,
    source: `/data/${name}.txt`,
    format: "txt",
    language: "nb",
    words: 0,
    turns: 0,
    speakers: [],
    informants: 0,
    attributes: {},
    importedAt: "2026-01-01T00:00:00Z",
    ...fields,
  };
}

const names = (docs: DocumentSummary[]) => docs.map((d) => d.name);

describe("sortDocuments", () => {
  const norwegian = ["abc", "Zulu", "Ærlig", "Øst", "Ål", "Ås", "Åsen", "Aasen"];
  const shuffled = ["Åsen", "Øst", "Aasen", "Ål", "Zulu", "Ærlig", "abc", "Ås"].map((n) => doc(n));

  it("sorts names in Norwegian order: æ, ø, å after z, aa as å", () => {
    expect(names(sortDocuments(shuffled, DEFAULT_SORT))).toEqual(norwegian);
  });

  it("reverses the order when descending", () => {
    expect(names(sortDocuments(shuffled, { column: "name", direction: "desc" }))).toEqual([...norwegian].reverse());
  });

  it("sorts counts numerically, not as text", () => {
    // As text "9" > "12 500" > "100"; as numbers 9 < 100 < 12 500.
    const docs = [doc("a", { words: 12_500 }), doc("b", { words: 9 }), doc("c", { words: 100 })];
    expect(names(sortDocuments(docs, { column: "words", direction: "asc" }))).toEqual(["b", "c", "a"]);
    expect(names(sortDocuments(docs, { column: "words", direction: "desc" }))).toEqual(["a", "c", "b"]);
    const turns = [doc("x", { turns: 2 }), doc("y", { turns: 10 })];
    expect(names(sortDocuments(turns, { column: "turns", direction: "asc" }))).toEqual(["x", "y"]);
    const informants = [doc("x", { informants: 3 }), doc("y", { informants: 1 })];
    expect(names(sortDocuments(informants, { column: "informants", direction: "asc" }))).toEqual(["y", "x"]);
  });

  it("sorts an attribute column in Norwegian order with missing values last both ways", () => {
    const docs = [
      doc("1", { attributes: { kommune: "Ålesund" } }),
      doc("2", { attributes: {} }),
      doc("3", { attributes: { kommune: "Bodø" } }),
      doc("4", { attributes: { kommune: "Øygarden" } }),
    ];
    const column = attributeColumn("kommune");
    expect(names(sortDocuments(docs, { column, direction: "asc" }))).toEqual(["3", "4", "1", "2"]);
    expect(names(sortDocuments(docs, { column, direction: "desc" }))).toEqual(["1", "4", "3", "2"]);
  });

  it("sorts formats by the label shown and breaks ties by name", () => {
    const docs = [doc("b", { format: "docx" }), doc("a", { format: "txt" }), doc("c", { format: "docx" })];
    const label = (f: string) => ({ docx: "Word", txt: "Tekst" })[f] ?? f;
    // Tekst < Word; the two Word documents by name.
    expect(names(sortDocuments(docs, { column: "format", direction: "asc" }, label))).toEqual(["a", "b", "c"]);
  });

  it("does not change its input", () => {
    const input = [doc("b"), doc("a")];
    sortDocuments(input, DEFAULT_SORT);
    expect(names(input)).toEqual(["b", "a"]);
  });
});

describe("nextSort", () => {
  it("flips the direction on the same column and starts ascending on another", () => {
    const desc = nextSort(DEFAULT_SORT, "name");
    expect(desc).toEqual({ column: "name", direction: "desc" });
    expect(nextSort(desc, "name")).toEqual({ column: "name", direction: "asc" });
    expect(nextSort(desc, "words")).toEqual({ column: "words", direction: "asc" });
  });
});

describe("filterDocuments", () => {
  const docs = [
    doc("Leder Bodø", { attributes: { kommune: "Bodø", rolle: "Enhetsleder" } }),
    doc("Tilsett Voss", { attributes: { kommune: "Voss" } }),
    doc("Gruppe Tromsø", { attributes: { rolle: "Sykepleier" } }),
  ];

  it("matches names and attribute values, ignoring case", () => {
    expect(names(filterDocuments(docs, "bodø"))).toEqual(["Leder Bodø"]);
    expect(names(filterDocuments(docs, "VOSS"))).toEqual(["Tilsett Voss"]);
    expect(names(filterDocuments(docs, "sykepleier"))).toEqual(["Gruppe Tromsø"]);
    expect(names(filterDocuments(docs, "ØØ"))).toEqual([]);
  });

  it("keeps documents matching every word, in any field", () => {
    expect(names(filterDocuments(docs, "leder bodø"))).toEqual(["Leder Bodø"]);
    expect(names(filterDocuments(docs, "enhetsleder voss"))).toEqual([]);
  });

  it("does not match attribute keys, only values", () => {
    expect(names(filterDocuments(docs, "kommune"))).toEqual([]);
  });

  it("keeps everything for an empty or blank query", () => {
    expect(filterDocuments(docs, "")).toHaveLength(3);
    expect(filterDocuments(docs, "   ")).toHaveLength(3);
  });

  it("compares composed and decomposed letters alike", () => {
    // o + combining diaeresis is ö, which is not ø.
    expect(names(filterDocuments(docs, "Bodo\u0308"))).toEqual([]);
    expect(names(filterDocuments([doc("Ålesund")], "A\u030alesund"))).toEqual(["Ålesund"]);
  });
});

describe("attributeKeys and nameTaken", () => {
  it("lists each attribute key once, in Norwegian order", () => {
    const docs = [doc("a", { attributes: { år: "2024", kommune: "Bodø" } }), doc("b", { attributes: { alder: "40", kommune: "Voss" } })];
    expect(attributeKeys(docs)).toEqual(["alder", "kommune", "år"]);
  });

  it("finds a clash with another document's name after trimming", () => {
    const docs = [doc("Øst"), doc("Vest")];
    expect(nameTaken(docs, "g-Vest", " Øst ")).toBe(true);
    expect(nameTaken(docs, "g-Øst", "Øst")).toBe(false);
    expect(nameTaken(docs, "g-Vest", "Nord")).toBe(false);
  });
});
