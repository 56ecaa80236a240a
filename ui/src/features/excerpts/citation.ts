import type { ExcerptItem } from "../../lib/api/bindings/ExcerptItem";
import { formatTimestamp } from "../../lib/format/time";

/** `t` for the one key a citation needs («tur {n}» / «turn {n}»). */
type TurnWord = (n: number) => string;

/** «Int. 03 · tur 12 · 00:14:32 · I3»: the parts an excerpt has, in that order. */
export function citation(e: Pick<ExcerptItem, "document" | "turn" | "timeMs" | "speaker">, turn: TurnWord): string {
  const time = formatTimestamp(e.timeMs);
  return [e.document, e.turn === null ? null : turn(e.turn), time, e.speaker]
    .filter((part): part is string => part !== null && part !== "")
    .join(" · ");
}

/** What Ctrl+C copies: «quote» (Int. 03, tur 12), the quote trimmed, inner «» made ‘’. */
export function quotation(e: Pick<ExcerptItem, "document" | "turn" | "text">, turn: TurnWord): string {
  const text = e.text.trim().replaceAll("«", "‘").replaceAll("»", "’");
  const where = e.turn === null ? e.document : `${e.document}, ${turn(e.turn)}`;
  return `«${text}» (${where})`;
}
