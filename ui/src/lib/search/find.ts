/**
 * Find in document: case-insensitive matching over the turns' text, with offsets into the
 * original text (UTF-16 units, as JavaScript strings count), and splitting a turn's text into
 * plain and highlighted segments for rendering as text (never HTML).
 */

/** A text folded for matching, and where each folded unit came from in the original. */
export interface Folded {
  readonly text: string;
  /** `map[i]` is the original index of folded index i (length `text.length + 1`); null if 1:1. */
  readonly map: Int32Array | null;
}

/**
 * Lower-cases `text` (NFC assumed, as the core stores it). Lower-casing keeps the length for
 * æ, ø, å and nearly everything else; where it does not (İ → i̇), an index map is kept so match
 * offsets still point into the original.
 */
export function fold(text: string): Folded {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return { text: lower, map: null };
  let out = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const low = ch.toLowerCase();
    for (let k = 0; k < low.length; k++) map.push(i);
    out += low;
    i += ch.length;
  }
  map.push(i);
  return { text: out, map: Int32Array.from(map) };
}

/** The query as it is matched: NFC and lower-case. Whitespace-only queries match nothing. */
export function foldQuery(query: string): string {
  if (query.trim() === "") return "";
  return query.normalize("NFC").toLowerCase();
}

/** One hit: a range of the text of the turn at `turn` (an index into the turns array). */
export interface Match {
  readonly turn: number;
  readonly start: number;
  readonly end: number;
}

/** Every non-overlapping occurrence of `query` in the folded texts, in document order. */
export function findMatches(texts: readonly Folded[], query: string): Match[] {
  const q = foldQuery(query);
  const out: Match[] = [];
  if (q === "") return out;
  texts.forEach((t, turn) => {
    let from = 0;
    for (;;) {
      const at = t.text.indexOf(q, from);
      if (at < 0) break;
      const end = at + q.length;
      out.push(
        t.map ? { turn, start: t.map[at] ?? at, end: t.map[end] ?? end } : { turn, start: at, end },
      );
      from = end;
    }
  });
  return out;
}

/** Matches grouped by turn, each with its position in the whole list (for "3 av 12"). */
export function matchesByTurn(matches: readonly Match[]): Map<number, { start: number; end: number; index: number }[]> {
  const byTurn = new Map<number, { start: number; end: number; index: number }[]>();
  matches.forEach((m, index) => {
    let list = byTurn.get(m.turn);
    if (!list) byTurn.set(m.turn, (list = []));
    list.push({ start: m.start, end: m.end, index });
  });
  return byTurn;
}

export interface Segment {
  readonly text: string;
  /** True for a hit. */
  readonly hit: boolean;
  /** True for the hit that is selected in the find bar. */
  readonly current: boolean;
}

/**
 * Splits `text` into plain and hit segments. `ranges` are sorted and non-overlapping; the one
 * whose `index` is `current` is flagged.
 */
export function segments(
  text: string,
  ranges: readonly { start: number; end: number; index: number }[],
  current: number,
): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), hit: false, current: false });
    out.push({ text: text.slice(r.start, r.end), hit: true, current: r.index === current });
    at = r.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false, current: false });
  return out;
}

/** The index of the first match in turn `turn` or later (wrapping to 0); -1 without matches. */
export function firstMatchFrom(matches: readonly Match[], turn: number): number {
  if (matches.length === 0) return -1;
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((matches[mid]?.turn ?? 0) < turn) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length ? lo : 0;
}
