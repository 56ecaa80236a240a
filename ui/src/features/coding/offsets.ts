// From the DOM selection to document offsets, and word steps over the turns' text. Offsets are
// UTF-16 units into the document's stored text, as every offset the webview gets: a turn's text
// element carries its `data-text-start` / `data-text-end`, and its text content is exactly the
// turn's words (stripes, labels and buttons sit outside it).

/** What a turn contributes: its words and where they sit in the document. */
export interface TurnText {
  startUtf16: number;
  endUtf16: number;
  text: string;
}

export interface Span {
  start: number;
  end: number;
}

/** The attribute (on each turn's text element) that gives its start offset. */
export const TEXT_START = "data-text-start";

function startOf(el: Element): number {
  return Number(el.getAttribute(TEXT_START));
}

function endOf(el: Element): number {
  return Number(el.getAttribute("data-text-end"));
}

/** The offset of a DOM point inside a turn's text element. */
function offsetIn(el: Element, node: Node, offset: number): number {
  const r = el.ownerDocument.createRange();
  r.setStart(el, 0);
  r.setEnd(node, offset);
  return startOf(el) + r.toString().length;
}

/**
 * The document span a DOM range covers, counting only the turns' text: a range that starts or
 * ends outside the text (on a turn number, between rows) starts at the first turn text it
 * touches and ends at the end of the last. Null if it touches no text or is empty.
 */
export function rangeToSpan(range: Range, root: Element): Span | null {
  const texts = [...root.querySelectorAll(`[${TEXT_START}]`)].filter((el) => range.intersectsNode(el));
  const first = texts[0];
  const last = texts[texts.length - 1];
  if (!first || !last) return null;
  const start = first.contains(range.startContainer) ? offsetIn(first, range.startContainer, range.startOffset) : startOf(first);
  const end = last.contains(range.endContainer) ? offsetIn(last, range.endContainer, range.endOffset) : endOf(last);
  return end > start ? { start, end } : null;
}

/** The DOM point `offset` (document UTF-16) falls at inside a turn's text element. */
export function domPoint(el: Element, offset: number): { node: Node; offset: number } {
  let left = Math.max(0, offset - startOf(el));
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (left <= n.length) return { node: n, offset: left };
    left -= n.length;
    last = n;
  }
  return last ? { node: last, offset: last.length } : { node: el, offset: 0 };
}

/**
 * Letters, digits and marks (so a letter keeps its combining accent), and in-word joiners; not
 * the variation selectors and zero-width joiner inside an emoji, which are marks too.
 */
const WORD = /(?![\uFE00-\uFE0F\u200D])[\p{L}\p{N}\p{M}'’_-]/u;

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The code point that starts at `i`, with its length in units. */
function at(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/** The code point that ends at `i`. */
function before(text: string, i: number): string {
  if (i <= 0) return "";
  const j = i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
  return at(text, j);
}

function isWord(ch: string): boolean {
  return ch !== "" && WORD.test(ch);
}

/** Never leaves an offset between the two halves of a surrogate pair (an emoji). */
function whole(text: string, i: number, forward: boolean): number {
  if (i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) return forward ? i + 1 : i - 1;
  return i;
}

/**
 * Widens `start..end` (offsets into `text`) to whole words and drops whitespace at both ends.
 * Null when nothing but whitespace is left.
 */
export function snapInText(text: string, start: number, end: number): Span | null {
  let s = whole(text, start, false);
  let e = whole(text, end, true);
  while (s < e && /\s/u.test(text[s] ?? "")) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? "")) e--;
  if (e <= s) return null;
  while (s > 0 && isWord(before(text, s)) && isWord(at(text, s))) s -= before(text, s).length;
  while (e < text.length && isWord(before(text, e)) && isWord(at(text, e))) e += at(text, e).length;
  return { start: s, end: e };
}

/** The turn whose words hold `offset` (or end at it). */
function turnAt(turns: readonly TurnText[], offset: number): TurnText | undefined {
  let lo = 0;
  let hi = turns.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = turns[mid]!;
    if (offset < t.startUtf16) hi = mid - 1;
    else if (offset > t.endUtf16) lo = mid + 1;
    else return t;
  }
  return undefined;
}

/** Snaps a document span to whole words: its start within its first turn, its end within its last. */
export function snapToWords(turns: readonly TurnText[], span: Span): Span | null {
  const a = turnAt(turns, span.start);
  const b = turnAt(turns, span.end);
  if (!a || !b) return span;
  if (a === b) {
    const s = snapInText(a.text, span.start - a.startUtf16, span.end - a.startUtf16);
    return s && { start: s.start + a.startUtf16, end: s.end + a.startUtf16 };
  }
  const head = snapInText(a.text, span.start - a.startUtf16, a.text.length);
  const tail = snapInText(b.text, 0, span.end - b.startUtf16);
  return {
    start: head ? head.start + a.startUtf16 : span.start,
    end: tail ? tail.end + b.startUtf16 : span.end,
  };
}

/**
 * One word step from `offset` in direction `dir`, for moving a coding's start (`edge` "start":
 * to the previous or next word's start) or end ("end": to the previous or next word's end).
 * Stays inside the offset's turn; returns the offset unchanged at the turn's edge.
 */
export function wordStep(turns: readonly TurnText[], offset: number, dir: -1 | 1, edge: "start" | "end"): number {
  const t = turnAt(turns, offset);
  if (!t) return offset;
  const text = t.text;
  let i = offset - t.startUtf16;
  const wordStart = (k: number) => isWord(at(text, k)) && !isWord(before(text, k));
  const wordEnd = (k: number) => isWord(before(text, k)) && !isWord(at(text, k));
  const hit = edge === "start" ? wordStart : wordEnd;
  do {
    i = dir > 0 ? i + Math.max(1, at(text, i).length) : i - Math.max(1, before(text, i).length);
  } while (i > 0 && i < text.length && !hit(i));
  return t.startUtf16 + Math.max(0, Math.min(text.length, i));
}

/** The text of `span` across the turns it touches (turns joined by line breaks). */
export function spanText(turns: readonly TurnText[], span: Span): string {
  const parts: string[] = [];
  for (const t of turns) {
    if (t.endUtf16 <= span.start || t.startUtf16 >= span.end) continue;
    const s = Math.max(span.start, t.startUtf16) - t.startUtf16;
    const e = Math.min(span.end, t.endUtf16) - t.startUtf16;
    parts.push(t.text.slice(s, e));
  }
  return parts.join("\n");
}
