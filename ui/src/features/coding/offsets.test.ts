import { describe, expect, it } from "vitest";

import { domPoint, rangeToSpan, snapInText, snapToWords, spanText, wordStep, type TurnText } from "./offsets";

// 🤦🏼‍♀️ is 5 code points and 7 UTF-16 units (U+1F926 and U+1F3FC are pairs; ZWJ, U+2640, VS16 one each).
const FACE = "\u{1F926}\u{1F3FC}\u{200D}\u{2640}\u{FE0F}";

/** Two turns rendered like TurnRow: text elements with their document offsets, text in pieces. */
function render(): { root: HTMLElement; turns: TurnText[] } {
  // Turn 1 "Jeg 🤦🏼‍♀️ blir så lei" starts at 5 ("IP1: "), so its words are 5..5+len.
  const t1 = `Jeg ${FACE} blir så lei`;
  const t2 = "Ære være x\u0301 deg";
  const turns: TurnText[] = [
    { startUtf16: 5, endUtf16: 5 + t1.length, text: t1 },
    { startUtf16: 5 + t1.length + 4, endUtf16: 5 + t1.length + 4 + t2.length, text: t2 },
  ];
  const root = document.createElement("div");
  for (const t of turns) {
    const p = document.createElement("p");
    p.setAttribute("data-text-start", String(t.startUtf16));
    p.setAttribute("data-text-end", String(t.endUtf16));
    // A coded piece splits the text into several nodes, as the stripes' marking does.
    const cut = 4;
    p.append(t.text.slice(0, cut));
    const span = document.createElement("span");
    span.textContent = t.text.slice(cut, cut + 9);
    p.append(span, t.text.slice(cut + 9));
    const number = document.createElement("button");
    number.textContent = "12";
    root.append(number, p);
  }
  document.body.append(root);
  return { root, turns };
}

describe("DOM selection to document offsets", () => {
  it("counts UTF-16 units after an emoji, across text pieces", () => {
    const { root, turns } = render();
    const t1 = turns[0]!;
    // "blir" starts after "Jeg " (4) + the face (7) + " " (1) = 12 units into the turn.
    const at = t1.text.indexOf("blir");
    expect(at).toBe(12);
    const p = root.querySelectorAll("p")[0]!;
    const a = domPoint(p, t1.startUtf16 + at);
    const b = domPoint(p, t1.startUtf16 + at + "blir så".length);
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    expect(range.toString()).toBe("blir så");
    expect(rangeToSpan(range, root)).toEqual({ start: 5 + 12, end: 5 + 12 + 7 });
    root.remove();
  });

  it("starts a range that begins on a turn number at that turn's words", () => {
    const { root, turns } = render();
    const [, p2] = root.querySelectorAll("p");
    const numbers = root.querySelectorAll("button");
    const range = document.createRange();
    range.setStart(numbers[1]!, 0);
    const end = domPoint(p2!, turns[1]!.startUtf16 + 3);
    range.setEnd(end.node, end.offset);
    expect(rangeToSpan(range, root)).toEqual({ start: turns[1]!.startUtf16, end: turns[1]!.startUtf16 + 3 });
    root.remove();
  });
});

describe("snapping to words", () => {
  it("widens to whole words with æøå and keeps a combining mark with its letter", () => {
    const text = "Ære være x\u0301 deg";
    // From inside "Ære" (1) to inside "være" (6): "Ære være" = 0..8.
    expect(snapInText(text, 1, 6)).toEqual({ start: 0, end: 8 });
    // Ending between x and its accent: the accent comes along (x́ is 9..11).
    expect(snapInText(text, 9, 10)).toEqual({ start: 9, end: 11 });
    // Whitespace at the ends goes.
    expect(snapInText(text, 3, 5)).toEqual({ start: 4, end: 8 });
    expect(snapInText(text, 3, 4)).toBeNull();
  });

  it("never splits an emoji's surrogate pair", () => {
    const text = `a ${FACE} b`;
    // Offset 3 is between the halves of U+1F926 (2..4): the start moves back, the end forward.
    expect(snapInText(text, 3, 4)).toEqual({ start: 2, end: 4 });
  });

  it("snaps a selection across turns at both ends", () => {
    const { root, turns } = render();
    const [t1, t2] = turns;
    // From inside "lei" to inside "Ære".
    const span = snapToWords(turns, { start: t1!.endUtf16 - 2, end: t2!.startUtf16 + 1 });
    expect(span).toEqual({ start: t1!.endUtf16 - 3, end: t2!.startUtf16 + 3 });
    expect(spanText(turns, span!)).toBe("lei\nÆre");
    root.remove();
  });
});

describe("word steps", () => {
  const text = `Jeg ${FACE} blir så lei`;
  const turns: TurnText[] = [{ startUtf16: 10, endUtf16: 10 + text.length, text }];
  it("moves a start to the next and previous word start, skipping the emoji", () => {
    // "blir" at 12, "så" at 17, "lei" at 20 (turn-relative).
    expect(wordStep(turns, 10 + 12, 1, "start")).toBe(10 + 17);
    expect(wordStep(turns, 10 + 17, -1, "start")).toBe(10 + 12);
    expect(wordStep(turns, 10 + 12, -1, "start")).toBe(10 + 0);
  });
  it("moves an end to the next and previous word end", () => {
    // "blir" ends at 16, "så" at 19, "lei" at 23.
    expect(wordStep(turns, 10 + 16, 1, "end")).toBe(10 + 19);
    expect(wordStep(turns, 10 + 19, -1, "end")).toBe(10 + 16);
    expect(wordStep(turns, 10 + 19, 1, "end")).toBe(10 + 23);
  });
});
