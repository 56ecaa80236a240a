// The quick-code palette's list: what matches what the researcher typed, recent codes first.
import type { PaletteCode } from "../../lib/api/bindings/PaletteCode";

/** At most this many recent codes, on the number keys 1–9. */
export const RECENT_MAX = 9;

export interface PaletteRow {
  code: PaletteCode;
  /** 1–9 for a recent code shown on its number key; null otherwise. */
  number: number | null;
}

function fold(s: string): string {
  return s.normalize("NFC").toLocaleLowerCase("nb");
}

/**
 * How well a code matches `q` (folded): 0 is best; null is no match. A key prefix ("t08",
 * "T08.6"), then a name that starts with it, a word of the name, the path, the definition.
 */
export function matchRank(code: PaletteCode, q: string): number | null {
  if (!q) return 5;
  const key = code.key ? fold(code.key) : "";
  const name = fold(code.name);
  if (key && key.startsWith(q)) return key === q ? 0 : 1;
  if (name.startsWith(q)) return 2;
  if (name.split(/[\s/-]+/u).some((w) => w.startsWith(q)) || name.includes(q)) return 3;
  if (fold(code.path).includes(q)) return 4;
  if (code.definition && fold(code.definition).includes(q)) return 6;
  return null;
}

/**
 * The palette's rows for `query`: with nothing typed, the recent codes (numbered 1–9) and then
 * every code in tree order; with a query, the matches best first (recent ones first among equals,
 * tree order after that). Each code appears once.
 */
export function paletteRows(codes: readonly PaletteCode[], recent: readonly string[], query: string): PaletteRow[] {
  const q = fold(query.trim());
  const byGuid = new Map(codes.map((c) => [c.guid, c]));
  const recentCodes = recent
    .map((g) => byGuid.get(g))
    .filter((c): c is PaletteCode => !!c)
    .slice(0, RECENT_MAX);
  const recentIndex = new Map(recentCodes.map((c, i) => [c.guid, i]));
  if (!q) {
    const rest = codes.filter((c) => !recentIndex.has(c.guid));
    return [...recentCodes.map((code, i) => ({ code, number: i + 1 })), ...rest.map((code) => ({ code, number: null }))];
  }
  const order = new Map(codes.map((c, i) => [c.guid, i]));
  return codes
    .map((code) => ({ code, rank: matchRank(code, q) }))
    .filter((r): r is { code: PaletteCode; rank: number } => r.rank !== null)
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (recentIndex.get(a.code.guid) ?? RECENT_MAX) - (recentIndex.get(b.code.guid) ?? RECENT_MAX) ||
        order.get(a.code.guid)! - order.get(b.code.guid)!,
    )
    .map(({ code }) => ({ code, number: null }));
}
