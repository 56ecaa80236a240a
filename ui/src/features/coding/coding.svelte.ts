// Coding in the transcript: the open document's stripes, the pending selection, the palette's
// codes and recent codes, the last code used, and every coding gesture. One per workspace,
// shared by the transcript view, the quick-code palette and the coding card.
import type { Backend } from "../../lib/api/backend";
import type { CodingChange } from "../../lib/api/bindings/CodingChange";
import type { CommandError } from "../../lib/api/bindings/CommandError";
import type { NewCodeWhere } from "../../lib/api/bindings/NewCodeWhere";
import type { PaletteCode } from "../../lib/api/bindings/PaletteCode";
import type { Stripe } from "../../lib/api/bindings/Stripe";
import { toCommandError } from "../../lib/api/errors";
import { lasting } from "../../lib/state/lasting.svelte";
import type { Workspace } from "../../lib/state/workspace.svelte";
import { assignLanes } from "./stripes";
import type { Span } from "./offsets";

/** How long the «Kodet: …» status stays, in ms. */
export const STATUS_MS = 4000;

/** The status line after a gesture; the view translates it. */
export type CodingStatus =
  | { kind: "coded"; label: string; merged: number; created: boolean }
  | { kind: "removed"; label: string }
  | { kind: "changed"; label: string; merged: number }
  | { kind: "needSelection" }
  | { kind: "error"; error: CommandError };

/** What the palette does with the code chosen. */
export type PaletteMode = "code" | "reassign";

export class CodingSession {
  /** The open document's codings, in document order. */
  stripes = $state<Stripe[]>([]);
  /** The document they belong to. */
  document = $state<string | null>(null);
  /** The selection waiting to be coded (snapped), or null. */
  selection = $state<Span | null>(null);
  palette = $state<PaletteCode[]>([]);
  recent = $state<string[]>([]);
  /** The code Q applies again. */
  lastCode = $state<string | null>(null);
  /** Open palette, or null. */
  paletteMode = $state<PaletteMode | null>(null);
  /** The coding whose stripe the pointer is on (its text is outlined). */
  hovered = $state<string | null>(null);
  status = $state<CodingStatus | null>(null);
  /** Bumped with each status, so the view restarts its timer. */
  statusSeq = $state(0);

  readonly focused = $derived(this.stripes.find((s) => s.guid === this.workspace.focusedCoding) ?? null);

  readonly workspace: Workspace;
  /** The stripes of the coder in view (`workspace.coderFilter`), or of every coder. */
  readonly shown = $derived.by(() => {
    const coder = this.workspace.coderFilter;
    return coder === null ? this.stripes : this.stripes.filter((s) => s.coder === coder);
  });
  readonly lanes = $derived(assignLanes(this.shown));
  #backend: Backend;
  /** The workspace revision our own last change produced: no need to read the stripes again. */
  #ownRevision = -1;
  #loadSeq = 0;

  constructor(backend: Backend, workspace: Workspace) {
    this.#backend = backend;
    this.workspace = workspace;
  }

  /** Reads the stripes for `document` at workspace revision `revision` (skipping our own). */
  async sync(document: string | null, revision: number): Promise<void> {
    if (document === this.document && revision === this.#ownRevision) return;
    const seq = ++this.#loadSeq;
    if (document !== this.document) {
      this.stripes = [];
      this.selection = null;
    }
    this.document = document;
    if (!document) return;
    try {
      const stripes = await this.#backend.documentCodings(document);
      if (seq === this.#loadSeq) this.stripes = stripes;
      this.#ownRevision = revision;
    } catch (err) {
      if (seq === this.#loadSeq) this.#say({ kind: "error", error: toCommandError(err) });
    }
  }

  /** Reads the palette's codes and the recent list (when the palette opens). */
  async loadPalette(): Promise<void> {
    try {
      const [codes, recent] = await Promise.all([this.#backend.paletteCodes(), this.#backend.recentCodes()]);
      this.palette = codes;
      this.recent = recent;
    } catch (err) {
      this.#say({ kind: "error", error: toCommandError(err) });
    }
  }

  openPalette(mode: PaletteMode): void {
    if (mode === "code" && !this.selection) {
      this.#say({ kind: "needSelection" });
      return;
    }
    if (mode === "reassign" && !this.focused) return;
    this.paletteMode = mode;
    void this.loadPalette();
  }

  closePalette(): void {
    this.paletteMode = null;
  }

  /**
   * Codes the pending selection with `code` (GUID); `keep` leaves the selection for another code
   * (Shift+Enter in the palette). Times the round trip as the measure `tolk:code-span`.
   */
  async codeSelection(code: string, keep = false): Promise<boolean> {
    const doc = this.document;
    const span = this.selection;
    if (!doc || !span) {
      this.#say({ kind: "needSelection" });
      return false;
    }
    return this.#apply(async () => {
      const started = performance.now();
      const change = await this.#backend.codeSpan(doc, code, span.start, span.end);
      try {
        performance.measure("tolk:code-span", { start: started, end: performance.now() });
      } catch {
        // Older WebViews lack measure options; the timing is only informative.
      }
      this.lastCode = code;
      return change;
    }, keep ? "codedKeep" : "coded");
  }

  /** Codes a whole turn. */
  codeTurn(code: string, turn: number): Promise<boolean> {
    const doc = this.document;
    if (!doc) return Promise.resolve(false);
    return this.#apply(async () => {
      const change = await this.#backend.codeTurn(doc, code, turn);
      this.lastCode = code;
      return change;
    }, "coded");
  }

  /** Codes the selection with a new code: `name`, or in vivo (null) by the selected words. */
  codeWithNewCode(name: string | null, place: NewCodeWhere): Promise<boolean> {
    const doc = this.document;
    const span = this.selection;
    if (!doc || !span) {
      this.#say({ kind: "needSelection" });
      return Promise.resolve(false);
    }
    return this.#apply(async () => {
      const change = await this.#backend.codeWithNewCode(doc, span.start, span.end, name, place);
      this.lastCode = change.coding.codeGuid;
      return change;
    }, "coded");
  }

  /** Q: the last code again on the selection (the most recent one after a restart). */
  async repeatLast(): Promise<void> {
    let code = this.lastCode;
    if (!code) {
      await this.loadPalette();
      code = this.recent[0] ?? null;
    }
    if (code) await this.codeSelection(code);
  }

  remove(coding: string): Promise<boolean> {
    return this.#apply(() => this.#backend.uncode(coding), "removed");
  }

  reassign(coding: string, code: string): Promise<boolean> {
    return this.#apply(async () => {
      const change = await this.#backend.reassignCoding(coding, code);
      this.lastCode = code;
      return change;
    }, "changed");
  }

  adjust(coding: string, start: number, end: number): Promise<boolean> {
    return this.#apply(() => this.#backend.adjustCoding(coding, start, end), "changed");
  }

  extendToTurns(coding: string): Promise<boolean> {
    return this.#apply(() => this.#backend.extendCodingToTurns(coding), "changed");
  }

  async #apply(
    run: () => Promise<CodingChange>,
    kind: "coded" | "codedKeep" | "removed" | "changed",
  ): Promise<boolean> {
    try {
      const change = await run();
      this.stripes = change.codings;
      const label = [change.coding.codeKey, change.coding.codeName].filter(Boolean).join(" ");
      if (kind === "coded" || kind === "codedKeep") {
        if (kind === "coded") this.selection = null;
        this.workspace.focusedCoding = change.coding.guid;
        this.#say({ kind: "coded", label, merged: change.merged, created: change.codeCreated });
      } else if (kind === "removed") {
        if (this.workspace.focusedCoding === change.coding.guid) this.workspace.focusedCoding = null;
        this.#say({ kind, label });
      } else {
        this.#say({ kind, label, merged: change.merged });
      }
      this.workspace.changed();
      this.#ownRevision = this.workspace.revision;
      return true;
    } catch (err) {
      this.#say({ kind: "error", error: toCommandError(err) });
      return false;
    }
  }

  #say(status: CodingStatus): void {
    this.status = status;
    this.statusSeq++;
  }

  clearStatus(): void {
    this.status = null;
  }
}

const sessions = new WeakMap<Workspace, CodingSession>();

/** The workspace's coding session (made on first use, outside any component: see `lasting`). */
export function codingSession(backend: Backend, workspace: Workspace): CodingSession {
  let s = sessions.get(workspace);
  if (!s) sessions.set(workspace, (s = lasting(() => new CodingSession(backend, workspace))));
  return s;
}
