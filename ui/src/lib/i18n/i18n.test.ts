import { describe, expect, it } from "vitest";

import { en } from "./en";
import { nb } from "./nb";
import { interpolate, isMessageKey, translate } from "./translate";

function placeholders(message: unknown): string[] {
  const texts = typeof message === "string" ? [message] : Object.values(message as object);
  return [...new Set(texts.flatMap((t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")))].sort();
}

describe("dictionaries", () => {
  it("nb and en have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort());
  });

  it("every message has the same shape and placeholders in both languages", () => {
    for (const key of Object.keys(nb) as (keyof typeof nb)[]) {
      expect(typeof en[key], key).toBe(typeof nb[key]);
      expect(placeholders(en[key]), key).toEqual(placeholders(nb[key]));
    }
  });

  it("has no empty messages", () => {
    for (const dict of [nb, en]) {
      for (const [key, message] of Object.entries(dict)) {
        const texts = typeof message === "string" ? [message] : Object.values(message);
        for (const text of texts) expect(text.trim(), key).not.toBe("");
      }
    }
  });
});

describe("translate", () => {
  it("fills placeholders and leaves unknown ones", () => {
    expect(interpolate("Tur {n}, {speaker}", { n: 12, speaker: "I3" })).toBe("Tur 12, I3");
    expect(interpolate("{x} og {y}", { x: "a" })).toBe("a og {y}");
  });

  it("picks plural forms and formats counts the Norwegian way", () => {
    expect(translate(nb, "nb", "documents.turns", { n: 1 })).toBe("1 tur");
    expect(translate(nb, "nb", "documents.turns", { n: 0 })).toBe("0 turer");
    // 12 500 with a no-break space (U+00A0) as thousands separator.
    expect(translate(nb, "nb", "documents.words", { n: 12500 })).toBe("12\u00a0500 ord");
    expect(translate(en, "en", "documents.turns", { n: 1 })).toBe("1 turn");
    expect(translate(en, "en", "documents.turns", { n: 38 })).toBe("38 turns");
  });

  it("recognises run-time keys", () => {
    expect(isMessageKey("format.docx")).toBe(true);
    expect(isMessageKey("format.pdf")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
  });
});
