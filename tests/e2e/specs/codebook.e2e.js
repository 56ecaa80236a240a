// The codebook pane in the real window, on a project of its own made by the launcher with the
// built-in Bentzen codebook, one transcript and two codings of T01.1 (turns 2 and 4, by the CLI):
// filtering, creating a code, editing it, dragging it under another code, merging a code with
// codings into it, and deleting it with the coding count in the confirmation. Each step is
// checked against the project file with `tolk codebook --json`.
import { cli, codebookProjectPath } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

/** The codebook as the CLI has it, flattened depth-first: `{ key, guid, path, name, codings }`. */
function codebook() {
  const out = [];
  const walk = (nodes) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(JSON.parse(cli("codebook", codebookProjectPath, "--json")));
  return out;
}

const byPath = (path) => codebook().find((c) => c.path === path);
const row = (name) => $(`[data-testid=code-row][data-name="${name}"]`);

async function shownNames() {
  const out = [];
  for (const r of await $$("[data-testid=code-row]")) out.push(await r.getAttribute("data-name"));
  return out;
}

/** Opens a code's «…» menu and picks an action. */
async function menu(name, action) {
  const r = await row(name);
  // Scrolled by the page itself: WebKitWebDriver's wheel actions do not scroll the tree.
  await browser.execute((el) => el.scrollIntoView({ block: "center" }), r);
  await r.moveTo();
  await r.$("[data-testid=code-more]").click();
  await $(`[data-testid=code-menu-${action}]`).click();
}

/** Waits until the CLI sees the project as `check` wants it. */
async function waitForCli(check, message) {
  await browser.waitUntil(async () => Boolean(check(codebook())), { timeoutMsg: message });
}

describe("codebook pane (real window, Bentzen codebook)", () => {
  it("shows the whole codebook with blocks, keys and coding counts", async () => {
    await $("[data-testid=code-tree]").waitForDisplayed();
    const all = codebook();
    // The launcher coded turns 2 and 4 with T01.1: two codings.
    expect(all.find((c) => c.key === "T01.1").codings).toBe(2);
    await expect($("[data-testid=codebook-count]")).toHaveAttribute("data-value", String(all.length));
    // The 19 themes show, under the block headers A–F.
    const themes = JSON.parse(cli("codebook", codebookProjectPath, "--json"));
    expect(themes.length).toBe(19);
    expect(await shownNames()).toEqual(themes.map((t) => t.name));
    const letters = [];
    for (const b of await $$("[data-testid=code-block]")) letters.push(await b.getAttribute("data-letter"));
    expect(letters).toEqual(["A", "B", "C", "D", "E", "F"]);
    // T01's count is its own codings (none); its child T01.1 has 2 once expanded.
    await (await row("Tillit som fenomen")).$("[data-testid=code-toggle]").click();
    await expect((await row("Tillit som risiko og sårbarhet")).$("[data-testid=code-codings]")).toHaveAttribute(
      "data-value",
      "2",
    );
    await screenshot("codebook");
  });

  it("filters by name, key and definition", async () => {
    const filter = await $("[data-testid=codebook-filter]");
    await filter.setValue("mistillit");
    await browser.waitUntil(async () => (await shownNames()).includes("Mistillit og mistro"), {
      timeoutMsg: "T01.4 Mistillit og mistro shows when filtering on «mistillit»",
    });
    const names = await shownNames();
    // Fewer than the whole codebook, and the match's theme stays for context.
    expect(names.length).toBeLessThan(codebook().length);
    expect(names).toContain("Tillit som fenomen");
    await screenshot("codebook-filter");
    await filter.setValue("T06.4");
    await browser.waitUntil(async () => (await shownNames()).includes(byPath("Styring og kontroll").name), {
      timeoutMsg: "filtering on a key shows its theme",
    });
    await filter.click();
    await browser.keys(["Control", "a"]);
    await browser.keys(["Backspace"]);
    await browser.waitUntil(async () => (await shownNames()).length >= 19, { timeoutMsg: "the filter is cleared" });
  });

  it("creates a code at the top level", async () => {
    await $("[data-testid=codebook-new]").click();
    const input = await $("[data-testid=new-code-name]");
    await input.waitForDisplayed();
    // A theme's name is taken at the top level.
    await input.setValue("tillit SOM fenomen");
    await browser.keys(["Enter"]);
    await expect($("[data-testid=new-code-problem]")).toHaveText(
      "Det finnes allerede en kode som heter «tillit SOM fenomen» på dette nivået.",
    );
    await input.setValue("Egne funn");
    await browser.keys(["Enter"]);
    await waitForCli((all) => all.some((c) => c.path === "Egne funn" && c.key === null), "Egne funn is created");
    await expect(row("Egne funn")).toBeDisplayed();
    await expect(row("Egne funn")).toHaveAttribute("aria-selected", "true");
    await screenshot("codebook-created");
  });

  it("renames it and gives it a definition in the edit dialog", async () => {
    await menu("Egne funn", "edit");
    const name = await $("[data-testid=code-edit-name]");
    await name.waitForDisplayed();
    await name.setValue("Egne observasjoner");
    await $("[data-testid=code-edit-definition]").setValue("Det vi la merke til underveis.");
    await $("[data-testid=code-edit-inclusion]").setValue("Observasjoner fra feltarbeidet");
    await screenshot("codebook-edit");
    await $("[data-testid=code-edit-save]").click();
    await waitForCli((all) => all.some((c) => c.path === "Egne observasjoner"), "the code is renamed");
    await expect(row("Egne observasjoner")).toHaveAttribute("title", "Egne observasjoner\n\nDet vi la merke til underveis.");
  });

  it("drags it under another code", async () => {
    const from = await (await row("Egne observasjoner")).getAttribute("data-guid");
    const to = await (await row("Lederens tillitskompass")).getAttribute("data-guid");
    // WebDriver cannot drive HTML drag and drop in WebKitGTK; the spec fires the events a drag
    // fires (dragstart on the code, dragover and drop on the middle of the target row).
    await browser.execute(
      (fromGuid, toGuid) => {
        const find = (g) => document.querySelector(`[data-testid=code-row][data-guid="${g}"]`);
        const source = find(fromGuid);
        const target = find(toGuid);
        const data = new DataTransfer();
        const fire = (el, type) => {
          const r = el.getBoundingClientRect();
          el.dispatchEvent(
            new DragEvent(type, {
              bubbles: true,
              cancelable: true,
              dataTransfer: data,
              clientX: r.left + 40,
              clientY: r.top + r.height / 2,
            }),
          );
        };
        fire(source, "dragstart");
        fire(target, "dragenter");
        fire(target, "dragover");
        fire(target, "drop");
        fire(source, "dragend");
      },
      from,
      to,
    );
    await waitForCli(
      (all) => all.some((c) => c.path === "Lederens tillitskompass/Egne observasjoner"),
      "the code is under T02",
    );
    // Revealed under its new parent.
    await expect(row("Egne observasjoner")).toHaveAttribute("data-depth", "1");
    await screenshot("codebook-dragged");
  });

  it("merges T01.1 with its two codings into it", async () => {
    await menu("Tillit som risiko og sårbarhet", "merge");
    await $("[data-testid=code-merge-dialog]").waitForDisplayed();
    await $("[data-testid=code-pick-filter]").setValue("egne obs");
    const target = byPath("Lederens tillitskompass/Egne observasjoner").guid;
    await $(`[data-testid=code-merge-dialog] [data-testid=code-pick-option][data-guid="${target}"]`).click();
    await screenshot("codebook-merge");
    await $("[data-testid=code-merge-dialog] [data-testid=code-pick-confirm]").click();
    await waitForCli(
      (all) =>
        !all.some((c) => c.key === "T01.1") &&
        all.find((c) => c.path === "Lederens tillitskompass/Egne observasjoner")?.codings === 2,
      "T01.1 is gone and its 2 codings are on Egne observasjoner",
    );
    await expect((await row("Egne observasjoner")).$("[data-testid=code-codings]")).toHaveAttribute("data-value", "2");
  });

  it("deletes it after a confirmation that says how many codings go", async () => {
    await menu("Egne observasjoner", "delete");
    await $("[data-testid=code-delete-dialog]").waitForDisplayed();
    await expect($("[data-testid=code-delete-codings]")).toHaveText("2 kodinger forsvinner sammen med koden.");
    await screenshot("codebook-delete");
    await $("[data-testid=code-delete-confirm]").click();
    await waitForCli((all) => !all.some((c) => c.name === "Egne observasjoner"), "the code is deleted");
    await expect(row("Egne observasjoner")).not.toBeExisting();
  });

  it("switches a family off and shows it marked with «Vis skjulte»", async () => {
    const t17 = "Samspill administrasjon–politikere";
    expect(byPath(t17)).toBeDefined();
    await menu(t17, "toggleHidden");
    await browser.waitUntil(
      () => JSON.parse(cli("codes", codebookProjectPath, "--json")).find((c) => c.key === "T17")?.hidden === true,
      { timeoutMsg: "T17 is hidden in the project file" },
    );
    await expect(row(t17)).not.toBeExisting();
    await $("[data-testid=codebook-show-hidden]").click();
    await expect(row(t17)).toBeDisplayed();
    await expect((await row(t17)).$(".hidden-mark")).toHaveText("skjult");
    await screenshot("codebook-hidden");
  });
});
