// No user-visible text may be hard-coded in a component: every word goes through `i18n.t()` and
// the nb/en dictionaries. This scans the markup of every .svelte file under src/ for bare text
// (outside `{…}` expressions) and for literal user-visible attributes (title, aria-label, …) that
// contain letters. A few brand or symbol texts are allowed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Texts that may stand in markup as they are (a brand name and symbols). */
const ALLOWED = new Set(["Tolk", "·", "—", "×"]);

/** Attributes a reader sees or hears. */
const VISIBLE_ATTRIBUTES = ["title", "aria-label", "aria-description", "placeholder", "alt", "label", "aria-roledescription"];

function svelteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return svelteFiles(full);
    return e.name.endsWith(".svelte") ? [full] : [];
  });
}

/** Replaces every top-level `{…}` expression (nesting counted, strings skipped) with a space. */
export function withoutExpressions(markup: string): string {
  let out = "";
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < markup.length; i++) {
    const c = markup[i] ?? "";
    if (depth === 0) {
      if (c === "{") {
        depth = 1;
        out += " ";
      } else out += c;
      continue;
    }
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
  }
  return out;
}

/** The user-visible literal texts in a component's markup. */
export function hardcodedTexts(source: string): string[] {
  const markup = withoutExpressions(
    source
      .replace(/<script[\s\S]*?<\/script>/g, " ")
      .replace(/<style[\s\S]*?<\/style>/g, " ")
      .replace(/<!--[\s\S]*?-->/g, " "),
  );
  const found: string[] = [];
  const attr = new RegExp(`\\s(?:${VISIBLE_ATTRIBUTES.join("|")})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g");
  for (const tag of markup.match(/<[^>]*>/g) ?? []) {
    for (const m of tag.matchAll(attr)) found.push((m[1] ?? m[2] ?? "").trim());
  }
  for (const text of markup.replace(/<[^>]*>/g, "\n").split("\n")) found.push(text.trim());
  return found.filter((t) => /\p{L}/u.test(t) && !ALLOWED.has(t));
}

describe("no hard-coded user-visible text in components", () => {
  it("finds bare text and literal titles, but not expressions, scripts or styles", () => {
    const sample = `<script>const a = "Hei";</script>
<p>{i18n.t("x")}</p><p>Hei verden</p><button title="Lukk" aria-label={i18n.t("y")}>{"{"}</button>
<span>·</span><span>Tolk</span><!-- en kommentar --><style>p { color: red; }</style>
{#if a > b}<i>{x ? "ja" : "nei"}</i>{/if}`;
    expect(hardcodedTexts(sample)).toEqual(["Lukk", "Hei verden"]);
  });

  it("holds for every component", () => {
    const files = svelteFiles(src);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((f) =>
      hardcodedTexts(fs.readFileSync(f, "utf8")).map((t) => `${path.relative(src, f)}: ${t}`),
    );
    expect(offenders).toEqual([]);
  });
});
