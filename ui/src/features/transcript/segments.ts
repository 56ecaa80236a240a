// A turn's text cut into pieces for rendering as text (never HTML): find hits and coded spans.
import type { Stripe } from "../../lib/api/bindings/Stripe";

export interface Piece {
  text: string;
  /** Inside a find hit. */
  hit: boolean;
  /** Inside the selected find hit. */
  current: boolean;
  /** The codings covering it. */
  codings: string[];
}

/**
 * Cuts `text` (a turn's words starting at document offset `base`) at every find hit and every
 * coding boundary. Hits are relative to the text; codings are in document offsets.
 */
export function pieces(
  text: string,
  base: number,
  hits: readonly { start: number; end: number; index: number }[],
  current: number,
  codings: readonly Pick<Stripe, "guid" | "startUtf16" | "endUtf16">[],
): Piece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const h of hits) cuts.add(h.start).add(h.end);
  const local = codings.map((c) => ({
    guid: c.guid,
    start: Math.max(0, c.startUtf16 - base),
    end: Math.min(text.length, c.endUtf16 - base),
  }));
  for (const c of local) cuts.add(c.start).add(c.end);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    if (e <= s) continue;
    const hit = hits.find((h) => h.start <= s && e <= h.end);
    out.push({
      text: text.slice(s, e),
      hit: !!hit,
      current: !!hit && hit.index === current,
      codings: local.filter((c) => c.start <= s && e <= c.end).map((c) => c.guid),
    });
  }
  return out;
}
