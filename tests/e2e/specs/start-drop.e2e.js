// Dragging a .tolk file onto the window opens it (issue 3, item 1). The app starts without a
// project argument (start-* specs see the start screen); the E2E project is dropped on it, then a
// second project, made here with the CLI in the run's temp dir, is dropped on the workspace and
// replaces the first.
//
// Test hook (conventions.md): a WebDriver cannot drag files from the desktop, so the spec calls
// the debug-build command `test_drop_paths`, which emits the same `tolk://drop` event the window's
// real drag-drop handler emits (kind `enter`, `leave` or `drop`). Everything else is read from the
// page as a researcher sees it.
import path from "node:path";

import { cli, projectPath, root, tmp } from "../support/env.js";
import { screenshot } from "../support/screenshot.js";

/** A second project, dropped on the workspace to switch to it. */
const otherPath = path.join(tmp, "annet-prosjekt.tolk");
const OTHER_FIXTURES = ["transcripts/leder-bodo.txt", "transcripts/tilsett-voss.txt"].map((f) =>
  path.join(root, "fixtures", f),
);

/** The test hook for an OS drag of `paths` over the window (`enter`, `leave`) or a drop. */
async function dragEvent(kind, paths) {
  const error = await browser.executeAsync(
    (k, p, done) => {
      window.__TAURI_INTERNALS__.invoke("test_drop_paths", { paths: p, kind: k }).then(
        () => done(null),
        (e) => done(String(e?.message ?? JSON.stringify(e))),
      );
    },
    kind,
    paths,
  );
  if (error) throw new Error(`test_drop_paths failed: ${error}`);
}

async function listedNames() {
  const out = [];
  for (const el of await $$("[data-testid=document-name]")) out.push(await el.getText());
  return out.sort();
}

/** Waits until the header names `name` and the list shows exactly the project's documents. */
async function expectProject(file, name) {
  const expected = JSON.parse(cli("docs", file, "--json"));
  expect(expected.length).toBeGreaterThan(0);
  await $("[data-testid=workspace]").waitForDisplayed();
  await expect($("[data-testid=project-name]")).toHaveText(name);
  await expect(browser).toHaveTitle(`${name} · Tolk`);
  await browser.waitUntil(async () => (await $$("[data-testid=document-item]")).length === expected.length, {
    timeoutMsg: `the list shows the ${expected.length} documents of ${name}`,
  });
  expect(await listedNames()).toEqual(expected.map((d) => d.name).sort());
}

describe("drop a .tolk file on the window to open it (real window, no project argument)", () => {
  before(() => {
    cli("new", otherPath);
    cli("import", otherPath, ...OTHER_FIXTURES);
  });

  it("invites the drop of a project file on the start screen", async () => {
    await $("[data-testid=start-screen]").waitForDisplayed();
    await dragEvent("enter", [projectPath]);
    const overlay = await $("[data-testid=drop-overlay]");
    await overlay.waitForDisplayed();
    await expect(overlay).toHaveText(expect.stringContaining("Slipp en .tolk-fil her for å åpne prosjektet"));
    await screenshot("start-drop");
    await dragEvent("leave", []);
    await overlay.waitForDisplayed({ reverse: true });
    await expect($("[data-testid=start-screen]")).toBeDisplayed();
  });

  it("opens the dropped project", async () => {
    await dragEvent("drop", [projectPath]);
    // The project file is e2e.tolk: the header names it "e2e".
    await expectProject(projectPath, "e2e");
  });

  it("switches to another project dropped on the workspace", async () => {
    await dragEvent("enter", [otherPath]);
    const overlay = await $("[data-testid=drop-overlay]");
    await overlay.waitForDisplayed();
    await expect(overlay).toHaveText(expect.stringContaining("En .tolk-fil åpnes som prosjekt."));
    await screenshot("workspace-drop");
    await dragEvent("drop", [otherPath]);
    await overlay.waitForDisplayed({ reverse: true });
    await expectProject(otherPath, "annet-prosjekt");
    // No import preview: a single .tolk file is opened, never imported.
    await expect($("[data-testid=import-preview]")).not.toBeDisplayed();
  });
});
