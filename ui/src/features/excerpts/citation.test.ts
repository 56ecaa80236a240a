import { describe, expect, it } from "vitest";

import { citation, quotation } from "./citation";

const turn = (n: number) => `tur ${n}`;

describe("excerpt citations", () => {
  it("joins document, turn, timestamp and speaker, leaving out what an excerpt lacks", () => {
    // 14 min 32.9 s = 872 900 ms; the timestamp drops the milliseconds.
    expect(citation({ document: "Int. 03", turn: 12, timeMs: 872_900, speaker: "I3" }, turn)).toBe(
      "Int. 03 · tur 12 · 00:14:32 · I3",
    );
    expect(citation({ document: "Int. 03", turn: 2, timeMs: null, speaker: "IP1" }, turn)).toBe("Int. 03 · tur 2 · IP1");
    expect(citation({ document: "Int. 03", turn: null, timeMs: null, speaker: null }, turn)).toBe("Int. 03");
  });

  it("quotes in guillemets, nested quotes as single ones, with document and turn", () => {
    expect(quotation({ document: "Int. 03", turn: 12, text: " Vi sa «nei» til det. " }, turn)).toBe(
      "«Vi sa ‘nei’ til det.» (Int. 03, tur 12)",
    );
    expect(quotation({ document: "Int. 03", turn: null, text: "Innledning" }, turn)).toBe("«Innledning» (Int. 03)");
  });
});
