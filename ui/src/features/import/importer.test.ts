import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, describe, expect, it } from "vitest";

import App from "../../App.svelte";
import type { FilePreview } from "../../lib/api/bindings/FilePreview";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";
import { Workspace } from "../../lib/state/workspace.svelte";
import { Importer, withoutPath } from "./importer.svelte";

function preview(path: string, over: Partial<FilePreview> = {}): FilePreview {
  const fileName = path.split("/").pop() ?? path;
  return {
    path,
    fileName,
    name: fileName.replace(/\.[^.]*$/, ""),
    format: "txt",
    language: "nb",
    turns: 2,
    words: 10,
    speakers: [
      { label: "I", turns: 1, role: "interviewer" },
      { label: "IP1", turns: 1, role: "informant" },
    ],
    attributes: [["kommune", "Bodø"]],
    firstTurns: [{ n: 1, speaker: "I", text: "Hva betyr tillit?", timeMs: null }],
    warnings: [],
    duplicateOf: null,
    error: null,
    errorKind: null,
    ...over,
  };
}

function backend(): FakeBackend {
  const fake = new FakeBackend({ path: "/p/prosjekt.tolk", name: "prosjekt" });
  fake.importPreviews = [
    preview("/f/a.txt"),
    preview("/f/b.txt", { duplicateOf: "b" }),
    preview("/f/tom.txt", {
      format: "txt",
      language: null,
      turns: 0,
      speakers: [],
      attributes: [],
      firstTurns: [],
      error: "/f/tom.txt: the file is empty",
      errorKind: "empty",
    }),
    preview("/f/notat.txt", { turns: 0, speakers: [], firstTurns: [] }),
  ];
  return fake;
}

async function ready(fake: FakeBackend): Promise<{ importer: Importer; workspace: Workspace }> {
  const workspace = new Workspace(fake);
  await workspace.init();
  return { importer: new Importer(fake, workspace), workspace };
}

describe("Importer", () => {
  it("previews what the dialog picked and writes nothing on cancel", async () => {
    const fake = backend();
    fake.importPickAnswer = ["/f/a.txt", "/f/tom.txt"];
    const { importer } = await ready(fake);
    await importer.fromDialog();
    expect(importer.phase).toBe("preview");
    expect(importer.rows.map((r) => r.preview.fileName)).toEqual(["a.txt", "tom.txt"]);
    // a.txt imports; tom.txt fails: 1 of 2.
    expect(importer.importableCount).toBe(1);
    importer.close();
    expect(importer.phase).toBe("idle");
    expect(fake.importCalls).toEqual([]);
  });

  it("imports every previewed file with the chosen language and summarises the problems", async () => {
    const fake = backend();
    const { importer, workspace } = await ready(fake);
    await importer.preview(["/f/a.txt", "/f/b.txt", "/f/tom.txt"]);
    const first = importer.rows[0];
    if (!first) throw new Error("no rows");
    first.language = "nn";
    await importer.confirm();
    expect(fake.importCalls[0]).toEqual([
      { path: "/f/a.txt", language: "nn" },
      { path: "/f/b.txt", language: "nb" },
      { path: "/f/tom.txt" },
    ]);
    expect(importer.phase).toBe("summary");
    expect(importer.result?.imported.map((f) => f.name)).toEqual(["a"]);
    expect(importer.result?.failed.map((f) => f.fileName)).toEqual(["tom.txt"]);
    expect(importer.result?.skipped.map((f) => f.detail)).toEqual(["b"]);
    expect(workspace.documents.map((d) => d.name)).toEqual(["a"]);
    expect(workspace.documents[0]?.language).toBe("nn");
  });

  it("re-previews only unrecognised files with the speaker pattern and imports them with it", async () => {
    const fake = backend();
    const { importer } = await ready(fake);
    await importer.preview(["/f/a.txt", "/f/notat.txt"]);
    expect(importer.needsPattern).toBe(true);
    importer.pattern = "^(?P<speaker>\\w+) - ";
    await importer.applyPattern();
    // The fake gives an unrecognised file one turn under any pattern.
    expect(importer.rows.map((r) => r.preview.turns)).toEqual([2, 1]);
    expect(importer.rows.map((r) => r.speakerPattern)).toEqual([null, "^(?P<speaker>\\w+) - "]);
    await importer.confirm();
    expect(fake.importCalls[0]?.[1]).toEqual({
      path: "/f/notat.txt",
      language: "nb",
      speakerPattern: "^(?P<speaker>\\w+) - ",
    });
  });

  it("cancel during the import keeps the files done and lists the rest as not imported", async () => {
    const fake = backend();
    fake.importPreviews.push(preview("/f/c.txt"), preview("/f/d.txt"));
    const { importer, workspace } = await ready(fake);
    await importer.preview(["/f/a.txt", "/f/c.txt", "/f/d.txt"]);
    let seen = 0;
    fake.beforeEachImport = async () => {
      seen++;
      // Before the second file: the researcher has watched one file finish and presses Cancel.
      if (seen === 2) {
        expect(importer.phase).toBe("importing");
        expect(importer.progress).toEqual({ done: 1, total: 3, current: "/f/c.txt" });
        await importer.cancelImport();
      }
    };
    await importer.confirm();
    expect(importer.phase).toBe("summary");
    // 1 of 3 done; c.txt and d.txt were left out.
    expect(importer.result?.imported.map((f) => f.name)).toEqual(["a"]);
    expect(importer.result?.notImported).toEqual(["/f/c.txt", "/f/d.txt"]);
    expect(workspace.documents.map((d) => d.name)).toEqual(["a"]);
  });

  it("does not invite a drop while the preview is open", async () => {
    const fake = backend();
    const { importer } = await ready(fake);
    await importer.preview(["/f/a.txt"]);
    await importer.onDrop({ kind: "enter", paths: ["/f/b.txt"] });
    expect(importer.dragging).toBe(false);
    await importer.onDrop({ kind: "drop", paths: ["/f/b.txt"] });
    expect(importer.rows.map((r) => r.preview.fileName)).toEqual(["a.txt"]);
  });

  it("opens a dropped .tolk file as the project and previews other drops", async () => {
    const fake = backend();
    const { importer, workspace } = await ready(fake);
    await importer.onDrop({ kind: "enter", paths: ["/x/annet.tolk"] });
    expect(importer.dragging).toBe(true);
    await importer.onDrop({ kind: "drop", paths: ["/x/annet.tolk"] });
    expect(importer.dragging).toBe(false);
    expect(workspace.project?.name).toBe("annet");
    expect(importer.phase).toBe("idle");
    await importer.onDrop({ kind: "drop", paths: ["/f"] });
    expect(importer.phase).toBe("preview");
    expect(importer.rows).toHaveLength(4);
  });

  it("strips the path the core puts in front of a message", () => {
    expect(withoutPath("/f/tom.txt: the file is empty", "/f/tom.txt")).toBe("the file is empty");
    expect(withoutPath("something else", "/f/tom.txt")).toBe("something else");
  });
});

describe("import dialog in the app", () => {
  let app: ReturnType<typeof mount> | null = null;

  afterEach(() => {
    if (app) unmount(app);
    app = null;
    document.body.innerHTML = "";
  });

  it("shows file names and speakers as text, failures in their row, and Cancel closes it", async () => {
    const fake = backend();
    fake.importPreviews.push(
      preview("/f/<img src=x onerror=window.__imp=1>.txt", {
        speakers: [{ label: "<b>IP</b>", turns: 2, role: "informant" }],
      }),
    );
    fake.importPickAnswer = ["/f/a.txt", "/f/tom.txt", "/f/<img src=x onerror=window.__imp=1>.txt"];
    app = mount(App, { target: document.body, props: { backend: fake, i18n: new I18n("nb") } });
    for (let i = 0; i < 5; i++) await tick();
    flushSync();
    const button = document.querySelector<HTMLButtonElement>("[data-testid=import-button]");
    expect(button?.textContent?.trim()).toBe("Importer…");
    button?.click();
    for (let i = 0; i < 5; i++) await tick();
    flushSync();
    const rows = [...document.querySelectorAll("[data-testid=import-row]")];
    expect(rows).toHaveLength(3);
    expect(rows[2]?.querySelector("[data-testid=import-file]")?.textContent).toBe(
      "<img src=x onerror=window.__imp=1>.txt",
    );
    expect(rows[2]?.querySelector("img, b")).toBeNull();
    expect(rows[1]?.querySelector("[data-testid=import-error]")?.textContent?.trim()).toBe(
      "Kan ikke importeres: Filen er tom.",
    );
    expect(document.querySelector("[data-testid=import-confirm]")?.textContent?.trim()).toBe("Importer 2 filer");
    document.querySelector<HTMLButtonElement>("[data-testid=import-cancel]")?.click();
    flushSync();
    expect(document.querySelector("[data-testid=import-row]")).toBeNull();
    expect(fake.importCalls).toEqual([]);
  });
  it("shows the core's warnings in the UI language", async () => {
    const fake = backend();
    fake.importPreviews = [
      preview("/f/gammel.txt", {
        turns: 0,
        speakers: [],
        firstTurns: [],
        warnings: [{ kind: "encodingGuessed", encoding: "windows-1252" }, { kind: "noSpeakerLabels" }],
      }),
    ];
    fake.importPickAnswer = ["/f/gammel.txt"];
    const i18n = new I18n("nb");
    app = mount(App, { target: document.body, props: { backend: fake, i18n } });
    for (let i = 0; i < 5; i++) await tick();
    flushSync();
    document.querySelector<HTMLButtonElement>("[data-testid=import-button]")?.click();
    for (let i = 0; i < 5; i++) await tick();
    flushSync();
    const texts = () =>
      [...document.querySelectorAll("[data-testid=import-warning]")].map((p) => p.textContent?.trim() ?? "");
    expect(texts()).toHaveLength(2);
    expect(texts()[0]).toContain("gjettet tegnkodingen: windows-1252");
    expect(texts()[1]).toContain("Fant ingen talermerker");
    expect(texts().join(" ")).not.toMatch(/decoded as|no speaker labels/);
    i18n.toggle();
    flushSync();
    expect(texts()[0]).toContain("guessed its encoding: windows-1252");
    expect(texts()[1]).toContain("No speaker labels were recognised");
  });
});
