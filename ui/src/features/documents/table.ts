import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import { norwegianCollator } from "../../lib/format/collate";

/** A column of the document table: a fixed one, or `attr:KEY` for one attribute key. */
export type Column = "name" | "format" | "words" | "turns" | "informants" | `attr:${string}`;

export type Direction = "asc" | "desc";

export interface Sort {
  readonly column: Column;
  readonly direction: Direction;
}

export const DEFAULT_SORT: Sort = { column: "name", direction: "asc" };

/** The attribute column of `key`. */
export function attributeColumn(key: string): Column {
  return `attr:${key}`;
}

/** Every attribute key some document has, in Norwegian order: one column each. */
export function attributeKeys(docs: readonly DocumentSummary[]): string[] {
  const keys = new Set<string>();
  for (const doc of docs) for (const key of Object.keys(doc.attributes)) keys.add(key);
  return [...keys].sort(norwegianCollator.compare);
}

/**
 * What a column sorts by: a number for counts, text otherwise, null for a missing attribute.
 * `formatLabel` gives the shown name of a format (the list sorts by what the researcher sees).
 */
export function columnValue(
  doc: DocumentSummary,
  column: Column,
  formatLabel: (format: string) => string = (f) => f,
): string | number | null {
  switch (column) {
    case "name":
      return doc.name;
    case "format":
      return formatLabel(doc.format);
    case "words":
      return doc.words;
    case "turns":
      return doc.turns;
    case "informants":
      return doc.informants;
    default: {
      const value = doc.attributes[column.slice("attr:".length)];
      return value === undefined || value === "" ? null : value;
    }
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return norwegianCollator.compare(String(a), String(b));
}

/**
 * A sorted copy: text in Norwegian order (`Intl.Collator('nb')`: æ, ø, å last, `aa` as `å`),
 * numbers numerically, either way round. Documents without the attribute come last in both
 * directions; ties go by name.
 */
export function sortDocuments(
  docs: readonly DocumentSummary[],
  sort: Sort,
  formatLabel?: (format: string) => string,
): DocumentSummary[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...docs].sort((x, y) => {
    const a = columnValue(x, sort.column, formatLabel);
    const b = columnValue(y, sort.column, formatLabel);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const order = compareValues(a, b);
      if (order !== 0) return sign * order;
    }
    return norwegianCollator.compare(x.name, y.name);
  });
}

/** The sort after clicking `column`'s header: the same column flips, another starts ascending. */
export function nextSort(current: Sort, column: Column): Sort {
  if (current.column === column) {
    return { column, direction: current.direction === "asc" ? "desc" : "asc" };
  }
  return { column, direction: "asc" };
}

function fold(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("nb");
}

/**
 * The documents a filter keeps: every word of `query` must occur (ignoring case) in the name or
 * in one of the attribute values. An empty query keeps all.
 */
export function filterDocuments(docs: readonly DocumentSummary[], query: string): DocumentSummary[] {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...docs];
  return docs.filter((doc) => {
    const haystack = [doc.name, ...Object.values(doc.attributes)].map(fold);
    return terms.every((term) => haystack.some((h) => h.includes(term)));
  });
}

/** True if `name` (trimmed, NFC) is taken by another document than `guid`. */
export function nameTaken(docs: readonly DocumentSummary[], guid: string, name: string): boolean {
  const wanted = name.trim().normalize("NFC");
  return docs.some((d) => d.guid !== guid && d.name === wanted);
}
