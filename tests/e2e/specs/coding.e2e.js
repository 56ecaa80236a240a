// Coding in the real window, on a project of its own (koding.tolk: the Bentzen codebook and one
// transcript with 🤦🏼‍♀️ and æøå, made by the CLI in wdio.conf.js). The spec selects text with a
// DOM Range (as conventions.md allows) and then uses the UI's own selection handling, the «Kod»
// button, the quick-code palette and the keyboard; every expected value comes from the CLI.
import { application, cli, codingProjectPath, CODING_TRANSCRIPT } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

const excerpts = (code) => JSON.parse(cli("excerpts", codingProjectPath, "--code", code, "--json"));
/** The codings of a code with their GUIDs, as the CLI has them. */
const codings = (code) => JSON.parse(cli("codes", codingProjectPath, "--json", "codings", code));

/** Char offset -> UTF-16 offset in `text` (the unit the webview counts in). */
const utf16 = (text, charPos) => Array.from(text).slice(0, charPos).join("").length;

/**
 * Selects `words` (the first occurrence) in turn `n`'s text with a DOM Range, as a researcher's
 * drag would; the app reacts to the selection change. Resolves to the selected string.
 */
async function selectInTurn(n, words) {
  return browser.execute(
    (n, words) => {
      const el = document.querySelector(`[data-testid=turn][data-turn-n="${n}"] [data-text-start]`);
      if (!el) throw new Error(`turn ${n} is not rendered`);
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let full = "";
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        nodes.push([t, full.length]);
        full += t.data;
      }
      const at = full.indexOf(words);
      if (at < 0) throw new Error(`turn ${n} has no ${words}`);
      const point = (pos) => {
        for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]];
        return [el, 0];
      };
      const [sn, so] = point(at);
      const [en, eo] = point(at + words.length);
      const range = document.createRange();
      range.setStart(sn, so);
      range.setEnd(en, eo);
      const sel = document.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    },
    n,
    words,
  );
}

describe("coding in the transcript (real window)", () => {
  // Turn 2 is «Jeg 🤦🏼‍♀️ blir så lei av skjemaene. …»; the words after the emoji are coded.
  const turn2 = CODING_TRANSCRIPT.split("\n")[1].slice("IP1: ".length);
  const WORDS = "blir så lei";

  it("codes a selection after an emoji from the palette and shows the stripe with its label", async () => {
    await $("[data-testid=transcript]").waitForDisplayed();
    await $('[data-testid=turn][data-turn-n="2"]').waitForDisplayed();
    const selected = await selectInTurn(2, WORDS);
    expect(selected).toBe(WORDS);
    // The «Kod» button appears at the selection's end; it opens the palette.
    const kod = await $("[data-testid=kod-button]");
    await kod.waitForDisplayed();
    await kod.click();
    const input = await $("[data-testid=palette-input]");
    await input.waitForDisplayed();
    await input.setValue("T08.6");
    await expect($("[data-testid=palette-row]")).toHaveAttribute("data-code");
    await screenshot("coding-palette");
    await browser.keys("Enter");

    const stripe = await $('[data-testid=stripe][data-code-key="T08.6"]');
    await stripe.waitForDisplayed();
    // The label names the code (never colour alone). WebKitWebDriver reports no visible text for
    // the small clipped label, so its text content is read; it is displayed with a real width.
    const label = await stripe.$("[data-testid=stripe-label]");
    await expect(label).toBeDisplayed();
    expect(await label.getProperty("textContent")).toBe("T08.6");
    expect((await label.getSize()).width).toBeGreaterThan(10);
    await expect(stripe).toHaveAttribute("title", expect.stringContaining("Rapporteringsbyrde"));
    await expect($("[data-testid=coding-status]")).toHaveText(expect.stringContaining("Kodet: T08.6 Rapporteringsbyrde"));
    await screenshot("coding-stripe");

    // The core has exactly the selected characters. In chars the selection starts after
    // "IP1: " (5) + "Jeg " (4) + the emoji (5) + " " (1) = 15 chars into turn 2's line; in the
    // webview the emoji is 7 units, so the same place is 2 units further.
    const [hit] = excerpts("T08.6");
    expect(hit.text).toBe(WORDS);
    const lineStart = Array.from(CODING_TRANSCRIPT.split("\n")[0]).length + 1;
    expect(hit.start_char).toBe(lineStart + 15);
    expect(hit.end_char).toBe(lineStart + 15 + Array.from(WORDS).length);
    const start16 = utf16(CODING_TRANSCRIPT, hit.start_char);
    expect(start16 - utf16(CODING_TRANSCRIPT, lineStart)).toBe(5 + turn2.indexOf(WORDS));
  });

  it("measures the IPC round trip of coding a span (Q applies the last code again)", async () => {
    // Ten single words of turn 4, each coded with Q (the code just used): one code_span call each.
    const words = ["Ledelsen", "vil", "kontroll", "får", "aldri", "høre", "hva", "bruker", "det", "til"];
    await browser.execute(() => performance.clearMeasures("tolk:code-span"));
    for (const [i, w] of words.entries()) {
      await selectInTurn(4, w);
      // Wait for the app to take the selection (its «Kod» button shows), then press Q.
      await $("[data-testid=kod-button]").waitForDisplayed();
      await browser.keys("q");
      await browser.waitUntil(
        async () => (await browser.execute(() => performance.getEntriesByName("tolk:code-span").length)) === i + 1,
        { timeoutMsg: `coding ${w} did not finish` },
      );
    }
    const times = await browser.execute(() => performance.getEntriesByName("tolk:code-span").map((e) => e.duration));
    const sorted = [...times].sort((a, b) => a - b);
    // Nearest-rank percentiles: p50 of 10 is the 5th value, p95 the 10th.
    const rank = (p) => sorted[Math.ceil((p / 100) * sorted.length) - 1];
    console.log(
      `IPC round trip of coding a span (code_span + the document's stripes), N=${times.length}: ` +
        `p50 ${rank(50).toFixed(1)} / p95 ${rank(95).toFixed(1)} / max ${sorted[sorted.length - 1].toFixed(1)} ms`,
    );
    // Every word became its own coding: 1 from the first test + 10.
    expect(excerpts("T08.6").length).toBe(11);
  });

  it("puts an overlapping coding in a lane of its own", async () => {
    // «lei av skjemaene» overlaps «blir så lei» (T08.6) by one word; coded with T06 (K, type, Enter).
    await selectInTurn(2, "lei av skjemaene");
    await $("[data-testid=kod-button]").waitForDisplayed();
    await browser.keys("k");
    await $("[data-testid=palette-input]").setValue("T06");
    await browser.keys("Enter");
    const other = await $('[data-testid=turn][data-turn-n="2"] [data-testid=stripe][data-code-key="T06"]');
    await other.waitForDisplayed();
    const first = await $('[data-testid=turn][data-turn-n="2"] [data-testid=stripe][data-code-key="T08.6"]');
    const [a, b] = [await first.getLocation("x"), await other.getLocation("x")];
    expect(b).toBeGreaterThan(a);
    expect(excerpts("T06").map((e) => e.text)).toEqual(["lei av skjemaene"]);
    await screenshot("coding-lanes");
  });

  it("after a relaunch, undo removes the newest coding, redo restores it, and the excerpts view opens it", async () => {
    await browser.reloadSession({ "tauri:options": { application, args: [codingProjectPath] } });
    const stripe = () => $('[data-testid=turn][data-turn-n="2"] [data-testid=stripe][data-code-key="T06"]');
    await (await stripe()).waitForDisplayed();
    const [before] = codings("T06");
    expect(before.text).toBe("lei av skjemaene");

    // The T06 coding was the last gesture before the relaunch: Ctrl+Z takes it back.
    await browser.keys(["Control", "z"]);
    await (await stripe()).waitForDisplayed({ reverse: true });
    await browser.waitUntil(async () => codings("T06").length === 0, { timeoutMsg: "undo reached the file" });
    await browser.keys(["Control", "Shift", "z"]);
    await (await stripe()).waitForDisplayed();
    const [after] = codings("T06");
    expect(after.guid).toBe(before.guid);

    // Utdrag: T06 gives exactly that coding; «Gå til» opens the transcript at its turn.
    await $("[data-testid=mode-excerpts]").click();
    await $("[data-testid=excerpts-view]").waitForDisplayed();
    const t06 = JSON.parse(cli("codebook", codingProjectPath, "--json"));
    const find = (nodes) => nodes.flatMap((n) => [n, ...find(n.children ?? [])]);
    await $("[data-testid=query-code]").selectByAttribute("value", find(t06).find((c) => c.key === "T06").guid);
    await $("[data-testid=query-run]").click();
    const row = await $("[data-testid=excerpt-row]");
    await row.waitForDisplayed();
    expect(await row.$("[data-testid=excerpt-text]").getProperty("textContent")).toContain("lei av skjemaene");
    await screenshot("coding-excerpts");
    await row.$("[data-testid=excerpt-goto]").click();
    const turn = await $('[data-testid=turn][data-turn-n="2"]');
    await turn.waitForDisplayed();
    await expect($("[data-testid=mode-coding]")).toHaveAttribute("aria-pressed", "true");
    await (await stripe()).waitForDisplayed();
  });

  it("shows the stripe again after a relaunch and removes it from the coding card", async () => {
    await browser.reloadSession({ "tauri:options": { application, args: [codingProjectPath] } });
    await $('[data-testid=turn][data-turn-n="2"]').waitForDisplayed();
    const [first] = excerpts("T08.6");
    expect(first.text).toBe(WORDS);
    const stripe = await $('[data-testid=turn][data-turn-n="2"] [data-testid=stripe][data-code-key="T08.6"]');
    await stripe.waitForDisplayed();
    await stripe.click();
    const card = await $("[data-testid=coding-card]");
    await card.waitForDisplayed();
    await expect(card.$("[data-testid=coding-card-text]")).toHaveText(WORDS);
    await expect(card.$("[data-testid=coding-card-code]")).toHaveText(expect.stringContaining("T08.6"));
    await screenshot("coding-card");
    await card.$("[data-testid=coding-remove]").click();
    await stripe.waitForDisplayed({ reverse: true });
    await expect(card).not.toBeDisplayed();
    const left = excerpts("T08.6");
    expect(left.length).toBe(10);
    expect(left.some((e) => e.text === WORDS)).toBe(false);
  });
});
