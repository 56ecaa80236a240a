import { createContext } from "svelte";

import type { Backend } from "../../lib/api/backend";
import type { Extent } from "../../lib/api/bindings/Extent";
import type { HitsCoded } from "../../lib/api/bindings/HitsCoded";
import type { SavedSearchItem } from "../../lib/api/bindings/SavedSearchItem";
import type { SearchHitItem } from "../../lib/api/bindings/SearchHitItem";
import type { SearchInput } from "../../lib/api/bindings/SearchInput";
import type { SearchOutput } from "../../lib/api/bindings/SearchOutput";
import type { SnippetRange } from "../../lib/api/bindings/SnippetRange";
import { toCommandError } from "../../lib/api/errors";
import { norwegianCollator } from "../../lib/format/collate";
import type { Workspace } from "../../lib/state/workspace.svelte";

/** Where a search looks: all text, inside codings of a code (quotes by theme), or uncoded text. */
export type ScopeKind = "all" | "code" | "uncoded";
/** How the result groups are ordered. */
export type GroupSort = "imported" | "name" | "hits";

/** How many hits the panel lists (the counts always cover all of them). */
export const LIST_LIMIT = 500;

/** A piece of a keyword-in-context line: plain text, or a highlighted match. */
export interface Piece {
  text: string;
  mark: boolean;
}

/**
 * Splits a snippet at its highlights (UTF-16 ranges, which JavaScript strings index by), so the
 * line is rendered as text nodes and <mark> elements, never as HTML.
 */
export function pieces(snippet: string, highlights: readonly SnippetRange[]): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.startUtf16 - b.startUtf16)) {
    const start = Math.max(h.startUtf16, at);
    const end = Math.min(h.endUtf16, snippet.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: snippet.slice(at, start), mark: false });
    out.push({ text: snippet.slice(start, end), mark: true });
    at = end;
  }
  if (at < snippet.length) out.push({ text: snippet.slice(at), mark: false });
  return out;
}

/** The hits of one document. */
export interface HitGroup {
  documentGuid: string;
  document: string;
  hits: SearchHitItem[];
}

/**
 * Groups hits by document (hits keep their order in the text) and orders the groups: by when the
 * documents were imported (the order in `importOrder`; unknown ones last), by name with the
 * Norwegian collator, or by hits (most first, then by name).
 */
export function groupHits(hits: readonly SearchHitItem[], sort: GroupSort, importOrder: readonly string[]): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const hit of hits) {
    let group = groups.get(hit.documentGuid);
    if (!group) groups.set(hit.documentGuid, (group = { documentGuid: hit.documentGuid, document: hit.document, hits: [] }));
    group.hits.push(hit);
  }
  const byName = (a: HitGroup, b: HitGroup) => norwegianCollator.compare(a.document, b.document);
  const rank = (g: HitGroup) => {
    const i = importOrder.indexOf(g.documentGuid);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const list = [...groups.values()];
  switch (sort) {
    case "imported":
      return list.sort((a, b) => rank(a) - rank(b) || byName(a, b));
    case "name":
      return list.sort(byName);
    case "hits":
      return list.sort((a, b) => b.hits.length - a.hits.length || byName(a, b));
  }
}

/** What to code: one hit, or every hit of the shown search (`hits` of them). */
export type CodeTarget = { kind: "one"; hit: SearchHitItem } | { kind: "all"; hits: number };

/** What the last coding from hits did, for the status line. */
export interface CodedNotice {
  coded: HitsCoded;
  code: string;
}

/**
 * The Søk tab's state, kept while the tab is closed: the query and scope, the last result, saved
 * searches, and the gestures (run, code one or all hits, save, delete). Errors from the core are
 * kept as its message, shown where the result would be.
 */
export class Search {
  query = $state("");
  scope = $state<ScopeKind>("all");
  /** The code (GUID) of the "code" scope. */
  scopeCode = $state<string | null>(null);
  result = $state<SearchOutput | null>(null);
  /** The request `result` answers: what «Kod alle treff» and «Lagre søk» use. */
  ran = $state<SearchInput | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  sort = $state<GroupSort>("imported");
  saved = $state<SavedSearchItem[]>([]);
  notice = $state<CodedNotice | null>(null);
  /** Bumped to ask the panel to focus the query box (Ctrl+Shift+F). */
  focusRequest = $state(0);

  #backend: Backend;
  #workspace: Workspace;
  #run = 0;

  constructor(backend: Backend, workspace: Workspace) {
    this.#backend = backend;
    this.#workspace = workspace;
  }

  /**
   * The request for the query box and scope as they are now. Uncoded text is text no coder in
   * view has coded: the coder in view is the workspace's («Koder: alle / name», as in the
   * transcript).
   */
  request(): SearchInput {
    const code = this.scope === "code" ? this.scopeCode : null;
    const uncoded = this.scope === "uncoded";
    const coder = uncoded ? this.#workspace.coderFilter : null;
    return { query: this.query.trim(), code, uncoded, coder, filters: [], limit: LIST_LIMIT };
  }

  /** Shows the Søk tab (in the coding mode) and focuses its query box. */
  focus(): void {
    this.#workspace.mode = "coding";
    this.#workspace.sideTab = "search";
    this.focusRequest++;
  }

  /** Runs the search in the query box. An empty query clears the result. */
  async run(): Promise<void> {
    const request = this.request();
    const run = ++this.#run;
    this.notice = null;
    if (!request.query || (this.scope === "code" && !request.code)) {
      this.result = null;
      this.ran = null;
      this.error = null;
      return;
    }
    this.busy = true;
    try {
      const result = await this.#backend.search(request);
      if (run !== this.#run) return;
      this.result = result;
      this.ran = request;
      this.error = null;
    } catch (err) {
      if (run !== this.#run) return;
      this.result = null;
      this.ran = null;
      this.error = toCommandError(err).message;
    } finally {
      if (run === this.#run) this.busy = false;
    }
  }

  /** Runs the last search again (after codings changed, its code scopes may give other hits). */
  async rerun(): Promise<void> {
    if (this.ran) await this.run();
  }

  /** Codes one hit; rejects with the CommandError for the dialog to show. */
  async codeHit(hit: SearchHitItem, code: string, codeName: string, extent: Extent): Promise<void> {
    const coded = await this.#backend.codeHit(hit.documentGuid, hit.startUtf16, hit.endUtf16, code, extent);
    this.#coded(coded, codeName);
  }

  /** Codes every hit of the shown search in one undoable step. */
  async codeAll(code: string, codeName: string, extent: Extent): Promise<void> {
    if (!this.ran) return;
    const coded = await this.#backend.codeAllHits($state.snapshot(this.ran), code, extent);
    this.#coded(coded, codeName);
  }

  #coded(coded: HitsCoded, code: string): void {
    if (coded.coded > 0) this.#workspace.changed();
    this.notice = { coded, code };
  }

  async loadSaved(): Promise<void> {
    try {
      this.saved = await this.#backend.savedSearches();
    } catch (err) {
      this.error = toCommandError(err).message;
    }
  }

  /** Saves the shown search under a name; rejects with the CommandError for the form to show. */
  async save(name: string): Promise<void> {
    if (!this.ran) return;
    await this.#backend.saveSearch(name, $state.snapshot(this.ran));
    this.#workspace.changed();
    await this.loadSaved();
  }

  async deleteSaved(saved: SavedSearchItem): Promise<void> {
    try {
      await this.#backend.deleteSavedSearch(saved.guid);
      this.#workspace.changed();
    } catch (err) {
      this.error = toCommandError(err).message;
    }
    await this.loadSaved();
  }

  /** Puts a saved search in the query box and scope, and runs it. */
  async open(saved: SavedSearchItem): Promise<void> {
    this.query = saved.query;
    this.scope = saved.code ? "code" : saved.uncoded ? "uncoded" : "all";
    this.scopeCode = saved.code;
    await this.run();
  }
}

export const [getSearch, setSearch] = createContext<Search>();
