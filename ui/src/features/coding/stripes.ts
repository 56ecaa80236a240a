// Margin stripes: which lane each coding takes (overlapping codings sit side by side), and which
// codings a turn's row draws.
import type { Stripe } from "../../lib/api/bindings/Stripe";

/** Width of one lane in the margin, in px: a bar and a short label (a key such as T08.6). */
export const LANE_PX = 62;
/** The most lanes the margin shows side by side; more overlapping codings share the last one. */
export const MAX_LANES = 5;

/**
 * Lanes for overlapping codings: in document order, each coding takes the lowest lane whose
 * previous coding has ended, so codings that share characters never share a lane. Longer
 * codings go first at the same start, so they take the inner lane.
 */
export function assignLanes(stripes: readonly Pick<Stripe, "guid" | "startUtf16" | "endUtf16">[]): {
  lane: Map<string, number>;
  lanes: number;
} {
  const order = [...stripes].sort((a, b) => a.startUtf16 - b.startUtf16 || b.endUtf16 - a.endUtf16);
  const ends: number[] = [];
  const lane = new Map<string, number>();
  for (const s of order) {
    let i = ends.findIndex((end) => end <= s.startUtf16);
    if (i < 0) i = ends.length;
    ends[i] = s.endUtf16;
    lane.set(s.guid, i);
  }
  return { lane, lanes: ends.length };
}

/** The codings that share at least one character with a turn's words. */
export function stripesInTurn<T extends Pick<Stripe, "startUtf16" | "endUtf16">>(
  stripes: readonly T[],
  turn: { startUtf16: number; endUtf16: number },
): T[] {
  return stripes.filter((s) => s.startUtf16 < turn.endUtf16 && s.endUtf16 > turn.startUtf16);
}

/** A stripe's label: the code's key, else its name (never colour alone). */
export function stripeLabel(s: Pick<Stripe, "codeKey" | "codeName">): string {
  return s.codeKey ?? s.codeName;
}

/**
 * Each turn's stripes (by turn number), for turns ordered by offset: every coding is listed under
 * each turn whose words it shares characters with, so a row looks up its own in constant time.
 */
export function stripesByTurn<T extends Pick<Stripe, "startUtf16" | "endUtf16">>(
  stripes: readonly T[],
  turns: readonly { n: number; startUtf16: number; endUtf16: number }[],
): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const s of stripes) {
    // The first turn whose words end after the coding starts.
    let lo = 0;
    let hi = turns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (turns[mid]!.endUtf16 <= s.startUtf16) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < turns.length && turns[i]!.startUtf16 < s.endUtf16; i++) {
      const t = turns[i]!;
      if (t.endUtf16 <= s.startUtf16) continue;
      let list = out.get(t.n);
      if (!list) out.set(t.n, (list = []));
      list.push(s);
    }
  }
  return out;
}

/** Labels closer than this (px) on one lane would print over each other. */
export const LABEL_PX = 16;

/**
 * One label per group of stripes in a lane whose labels would collide (codings on the same line):
 * the first stripe of a group carries the label for all — the key, with «×3» when the group is
 * one code three times or «+2» when other codes share the line; the others carry none (their
 * own label stays in their tooltip and accessible name). Input: each stripe's lane and top.
 */
export function groupLabels(
  stripes: readonly { guid: string; label: string; lane: number; top: number }[],
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const byLane = new Map<number, typeof stripes>();
  for (const s of stripes) byLane.set(s.lane, [...(byLane.get(s.lane) ?? []), s]);
  for (const list of byLane.values()) {
    const sorted = [...list].sort((a, b) => a.top - b.top);
    let i = 0;
    while (i < sorted.length) {
      const head = sorted[i]!;
      let j = i + 1;
      while (j < sorted.length && sorted[j]!.top < head.top + LABEL_PX) j++;
      const group = sorted.slice(i, j);
      const same = group.every((s) => s.label === head.label);
      const suffix = group.length === 1 ? "" : same ? ` ×${group.length}` : ` +${group.length - 1}`;
      out.set(head.guid, head.label + suffix);
      for (const s of group.slice(1)) out.set(s.guid, null);
      i = j;
    }
  }
  return out;
}
