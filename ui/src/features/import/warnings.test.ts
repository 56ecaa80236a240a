import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import type { ImportWarning } from "../../lib/api/bindings/ImportWarning";
import { en } from "../../lib/i18n/en";
import { nb } from "../../lib/i18n/nb";
import { translate } from "../../lib/i18n/translate";
import { WARNING_KEYS, warningDetail, warningParams } from "./warnings";

const bindings = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "lib", "api", "bindings");

/** Every kind the core can send, read from the generated binding (so a new Rust variant fails here). */
function kindsInBinding(): string[] {
  const source = fs.readFileSync(path.join(bindings, "ImportWarning.ts"), "utf8");
  return [...source.matchAll(/"kind": "(\w+)"/g)].map((m) => m[1] ?? "").sort();
}

/** One warning of each kind, with values that must show up in the sentence. */
const SAMPLES: ImportWarning[] = [
  { kind: "encodingGuessed", encoding: "windows-1252" },
  { kind: "stylesUnreadable", detail: "not a readable odt file: bad zip" },
  { kind: "noSpeakerLabels" },
  { kind: "patternMatchedNothing", pattern: "^SPK (?P<speaker>\\d+) {n}" },
];

describe("import warnings", () => {
  it("cover every kind in the binding", () => {
    expect(Object.keys(WARNING_KEYS).sort()).toEqual(kindsInBinding());
    expect(SAMPLES.map((w) => w.kind).sort()).toEqual(kindsInBinding());
  });

  it("have nb and en text for every kind, with each value filled in and no English in bokmål", () => {
    for (const warning of SAMPLES) {
      const key = WARNING_KEYS[warning.kind];
      const texts = { nb: translate(nb, "nb", key, warningParams(warning)), en: translate(en, "en", key, warningParams(warning)) };
      for (const [locale, text] of Object.entries(texts)) {
        expect(text.trim(), `${locale} ${warning.kind}`).not.toBe("");
        // Every placeholder is filled (a pattern's own braces may remain, as written).
        expect(text.replace(/\{n\}/g, ""), `${locale} ${warning.kind}`).not.toMatch(/\{\w+\}/);
        for (const value of Object.values(warningParams(warning))) expect(text, `${locale} ${warning.kind}`).toContain(value);
      }
      expect(texts.nb, warning.kind).not.toBe(texts.en);
    }
  });

  it("keep a file-format detail out of the sentence", () => {
    const styles = SAMPLES[1] as ImportWarning;
    expect(warningParams(styles)).toEqual({});
    expect(warningDetail(styles)).toBe("not a readable odt file: bad zip");
    expect(translate(nb, "nb", WARNING_KEYS[styles.kind], warningParams(styles))).not.toContain("bad zip");
    expect(warningDetail({ kind: "noSpeakerLabels" })).toBeNull();
  });
});
