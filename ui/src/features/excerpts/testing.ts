// Shared set-up for the excerpt and memo pane tests: a fake project with two codes (a parent and
// its sub-code), three excerpts in two documents, and a pane mounted with the app's contexts.
import { flushSync, mount, tick, type Component } from "svelte";

import type { Document } from "../../lib/api/bindings/Document";
import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import type { ExcerptItem } from "../../lib/api/bindings/ExcerptItem";
import { FakeBackend } from "../../lib/api/fake";
import { I18n } from "../../lib/i18n/i18n.svelte";
import { Workspace } from "../../lib/state/workspace.svelte";
import ContextHost from "./ContextHost.svelte";

export const XSS = "<img src=x onerror=window.__z=1>";

function doc(guid: string, name: string): { doc: Document; summary: DocumentSummary } {
  return {
    doc: {
      guid,
      name,
      format: "txt",
      language: "nb",
      preamble: "",
      preambleEndUtf16: 0,
      turns: [],
      attributes: {},
    },
    summary: {
      guid,
      name,
      source: `/data/${name}.txt`,
      format: "txt",
      language: "nb",
      words: 100,
      turns: 20,
      speakers: ["I", "I3"],
      informants: 1,
      attributes: {},
      importedAt: "2026-01-01T00:00:00Z",
    },
  };
}

function item(document: string, documentGuid: string, turn: number, text: string, code: string, coders: string[]): ExcerptItem {
  return {
    document,
    documentGuid,
    code,
    speaker: "I3",
    turn,
    // Turn 12 at 00:14:32 (872 000 ms); others at turn × 1 000 ms.
    timeMs: turn === 12 ? 872_000 : turn * 1000,
    startUtf16: turn * 100,
    endUtf16: turn * 100 + text.length,
    text,
    coders,
  };
}

export interface Setup {
  backend: FakeBackend;
  workspace: Workspace;
  i18n: I18n;
}

/** A fake project: codes T01 (Tillit) with sub-code T01.1 (Tillit/Frihet), and T06. */
export function setup(): Setup {
  const a = doc("d-03", "Int. 03");
  const b = doc("d-07", "Int. 07");
  const backend = new FakeBackend({ path: "/p/x.tolk", name: "x" }, [a.doc, b.doc], [a.summary, b.summary]);
  const store = backend.excerptStore;
  store.codes = [
    { guid: "c-t01", key: "T01", path: "Tillit", name: "Tillit", depth: 0 },
    { guid: "c-t011", key: "T01.1", path: "Tillit/Frihet", name: "Frihet", depth: 1 },
    { guid: "c-t06", key: "T06", path: "Styring", name: "Styring", depth: 0 },
  ];
  store.excerpts = [
    { item: item("Int. 03", "d-03", 12, "Vi stoler på folka.", "T01", ["kari"]), codeGuid: "c-t01", informant: "Int. 03/I3" },
    { item: item("Int. 07", "d-07", 4, XSS, "T01", ["kari", "ola"]), codeGuid: "c-t01", informant: "Int. 07/I3" },
    { item: item("Int. 03", "d-03", 14, "Frihet under ansvar.", "T01.1", ["ola"]), codeGuid: "c-t011", informant: "Int. 03/I3" },
    { item: item("Int. 07", "d-07", 9, "Rapportene styrer.", "T06", ["kari"]), codeGuid: "c-t06", informant: "Int. 07/I3" },
  ];
  store.informantsTotal = 12;
  store.documentsTotal = 2;
  store.coders = ["kari", "ola"];
  store.current = "kari";
  store.context.set("d-03#12", {
    previous: { n: 11, speaker: "INT", timeMs: 842_000, text: "Hvordan opplever dere styringen?" },
    turn: { n: 12, speaker: "I3", timeMs: 872_000, text: "Vi stoler på folka. Det er tillit." },
    next: { n: 13, speaker: "INT", timeMs: 902_000, text: "Kan du si mer om det?" },
  });
  const workspace = new Workspace(backend);
  return { backend, workspace, i18n: new I18n("nb") };
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await tick();
    await Promise.resolve();
  }
  flushSync();
}

export async function mountPane(view: Component, s: Setup): Promise<ReturnType<typeof mount>> {
  await s.workspace.init();
  const app = mount(ContextHost, { target: document.body, props: { ...s, view } });
  await settle();
  return app;
}

export const $ = (sel: string) => document.body.querySelector(sel);
export const $$ = (sel: string) => [...document.body.querySelectorAll(sel)];

export function choose(sel: string, value: string): void {
  const select = $(sel) as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

export function type(sel: string, value: string): void {
  const input = $(sel) as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}
