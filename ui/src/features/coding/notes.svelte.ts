// What a coding carries for an export: its English translation and the ranges left out of its
// quote. One per workspace, shared by the coding card's quote (which marks and edits the
// omissions) and its translation field. Offsets are document UTF-16 units, as everywhere in the
// webview; each change is one undoable step in the core.
import type { Backend } from "../../lib/api/backend";
import type { CodingNotesItem } from "../../lib/api/bindings/CodingNotesItem";
import type { CommandError } from "../../lib/api/bindings/CommandError";
import { toCommandError } from "../../lib/api/errors";
import type { Workspace } from "../../lib/state/workspace.svelte";
import type { Span, TurnText } from "./offsets";

/** A stretch of a coding's quote inside one turn: left out of the quote or not. */
export interface QuotePiece {
  start: number;
  end: number;
  text: string;
  omitted: boolean;
  /** The first piece of a turn after the coding's first turn (a line break comes before it). */
  newTurn: boolean;
}

/**
 * The coding's words turn by turn (as the card shows them), cut where an omitted range starts or
 * ends, each piece marked omitted or not.
 */
export function quotePieces(turns: readonly TurnText[], span: Span, omissions: readonly Span[]): QuotePiece[] {
  const out: QuotePiece[] = [];
  for (const t of turns) {
    const start = Math.max(span.start, t.startUtf16);
    const end = Math.min(span.end, t.endUtf16);
    if (start >= end) continue;
    const cuts = new Set([start, end]);
    for (const o of omissions) {
      for (const c of [o.start, o.end]) if (c > start && c < end) cuts.add(c);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [s, e] = [points[i]!, points[i + 1]!];
      out.push({
        start: s,
        end: e,
        text: t.text.slice(s - t.startUtf16, e - t.startUtf16),
        omitted: omissions.some((o) => o.start <= s && e <= o.end),
        newTurn: i === 0 && out.length > 0,
      });
    }
  }
  return out;
}

/** A selection inside the quote as a range to leave out: clipped to the coding; null if empty. */
export function omissionOf(selection: Span, coding: Span): Span | null {
  const start = Math.max(selection.start, coding.start);
  const end = Math.min(selection.end, coding.end);
  return start < end ? { start, end } : null;
}

const toSpans = (n: CodingNotesItem): Span[] => n.omissions.map((r) => ({ start: r.startUtf16, end: r.endUtf16 }));

export class CodingNotes {
  /** The coding whose notes these are. */
  coding = $state<string | null>(null);
  translation = $state<string | null>(null);
  omissions = $state<Span[]>([]);
  error = $state<CommandError | null>(null);
  #backend: Backend;
  #workspace: Workspace;
  #seq = 0;

  constructor(backend: Backend, workspace: Workspace) {
    this.#backend = backend;
    this.#workspace = workspace;
  }

  /** Reads a coding's notes (null: none in focus). */
  async load(coding: string | null): Promise<void> {
    const seq = ++this.#seq;
    if (coding !== this.coding) {
      this.translation = null;
      this.omissions = [];
    }
    this.coding = coding;
    if (!coding) return;
    try {
      const notes = await this.#backend.codingNotes(coding);
      if (seq !== this.#seq) return;
      this.translation = notes.translation;
      this.omissions = toSpans(notes);
      this.error = null;
    } catch (err) {
      if (seq === this.#seq) this.error = toCommandError(err);
    }
  }

  /** Replaces the coding's omitted ranges (the core merges those that overlap or touch). */
  async setOmissions(coding: string, omissions: Span[]): Promise<void> {
    try {
      const notes = await this.#backend.setCodingOmissions(
        coding,
        omissions.map((o) => ({ startUtf16: o.start, endUtf16: o.end })),
      );
      if (coding === this.coding) this.omissions = toSpans(notes);
      this.error = null;
      this.#workspace.changed();
    } catch (err) {
      this.error = toCommandError(err);
    }
  }

  /** Saves a coding's translation (blank removes it); rejects with the CommandError. */
  async setTranslation(coding: string, text: string): Promise<void> {
    const stored = await this.#backend.setCodingTranslation(coding, text);
    if (coding === this.coding) this.translation = stored;
    this.#workspace.changed();
  }
}

const all = new WeakMap<Workspace, CodingNotes>();

/** The workspace's coding notes (made on first use). */
export function codingNotes(backend: Backend, workspace: Workspace): CodingNotes {
  let n = all.get(workspace);
  if (!n) all.set(workspace, (n = new CodingNotes(backend, workspace)));
  return n;
}
