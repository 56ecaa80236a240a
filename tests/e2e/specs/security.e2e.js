// Transcript text that looks like HTML is shown as text and never runs (fixtures/security/*).
import { cli, projectPath } from "../support/env.js";

const docs = () => JSON.parse(cli("docs", projectPath, "--json"));
const show = (guid) => JSON.parse(cli("show", projectPath, guid, "--json"));

/** What the fixtures' markup would set on `window` if it ever ran. */
const planted = () => browser.execute(() => [window.__x, window.__y, window.__z].map((v) => v === undefined));

async function open(sourceSuffix) {
  const summary = docs().find((d) => d.source.endsWith(sourceSuffix));
  expect(summary).toBeDefined();
  await $(`[data-testid=document-item][data-guid="${summary.guid}"]`).click();
  await $(`[data-testid=transcript][data-guid="${summary.guid}"]`).waitForDisplayed();
  return show(summary.guid);
}

describe("markup in transcripts (real window)", () => {
  before(async () => {
    await $("[data-testid=document-list]").waitForDisplayed();
  });

  it("shows <img>, <script> and entities in turn text literally", async () => {
    const doc = await open("xss.txt");
    const rows = await $$("[data-testid=turn]");
    expect(rows.length).toBe(doc.turns.length);
    for (const [i, turn] of doc.turns.entries()) {
      expect(await rows[i].$(".turn-text").getText()).toBe(turn.text.trim());
    }
    // No element was made from the text: the turn paragraphs hold text nodes only.
    const childElements = await browser.execute(() =>
      [...document.querySelectorAll("[data-testid=turn-text]")].reduce((n, p) => n + p.children.length, 0),
    );
    expect(childElements).toBe(0);
    expect(await planted()).toEqual([true, true, true]);
  });

  it("shows a speaker label that looks like <img> as text", async () => {
    const doc = await open("xss-etikett.docx");
    const expected = doc.turns.map((t) => t.speaker);
    expect(expected.some((s) => s.includes("<img"))).toBe(true);
    const speakers = [];
    for (const el of await $$("[data-testid=turn] .speaker")) speakers.push(await el.getText());
    expect(speakers).toEqual(expected);
    expect(await $$("[data-testid=transcript] img")).toHaveLength(0);
    expect(await planted()).toEqual([true, true, true]);
  });
});
