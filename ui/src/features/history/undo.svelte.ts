import { createContext } from "svelte";

import type { Backend } from "../../lib/api/backend";
import type { HistoryStep } from "../../lib/api/bindings/HistoryStep";
import type { UndoState } from "../../lib/api/bindings/UndoState";
import { toCommandError } from "../../lib/api/errors";
import type { Workspace } from "../../lib/state/workspace.svelte";

export type UndoDirection = "undo" | "redo";

/** What the last undo or redo did, for the status toast. */
export type UndoNotice =
  | { kind: "undone" | "redone"; step: HistoryStep }
  | { kind: "nothing"; direction: UndoDirection }
  | { kind: "conflict"; direction: UndoDirection; step: HistoryStep | null };

/**
 * Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on macOS). Null for any other key.
 */
export function undoKey(event: KeyboardEvent): UndoDirection | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y" && !event.shiftKey) return "redo";
  return null;
}

/** Whether the key goes to a text field, whose own (native) undo it is. */
export function inTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The project-wide undo and redo: what they would do (for the menu), doing them, and the notice
 * the toast shows. After each, every pane re-reads (`workspace.changed()`) and the document list
 * and open document are read again (undo may rename documents and speakers).
 */
export class Undo {
  state = $state<UndoState>({ undo: null, redo: null });
  busy = $state(false);
  notice = $state<UndoNotice | null>(null);
  /** Bumped with every notice, so the toast restarts its timer for a repeat. */
  noticeSeq = $state(0);

  #backend: Backend;
  #workspace: Workspace;

  constructor(backend: Backend, workspace: Workspace) {
    this.#backend = backend;
    this.#workspace = workspace;
  }

  /** Reads what undo and redo would do now. */
  async refresh(): Promise<void> {
    try {
      this.state = await this.#backend.undoState();
    } catch (err) {
      this.#workspace.error = toCommandError(err);
    }
  }

  /** Undoes or redoes one step; a second press while one runs is ignored. */
  async run(direction: UndoDirection): Promise<void> {
    if (this.busy || !this.#workspace.project) return;
    this.busy = true;
    let expected: HistoryStep | null = null;
    try {
      expected = (await this.#backend.undoState())[direction];
      const step = direction === "undo" ? await this.#backend.undo() : await this.#backend.redo();
      if (step) {
        this.#notify({ kind: direction === "undo" ? "undone" : "redone", step });
        this.#workspace.changed();
        await this.#workspace.refresh();
      } else {
        this.#notify({ kind: "nothing", direction });
      }
    } catch (err) {
      const error = toCommandError(err);
      if (error.code === "undoConflict") this.#notify({ kind: "conflict", direction, step: expected });
      else this.#workspace.error = error;
    } finally {
      this.busy = false;
    }
    await this.refresh();
  }

  dismiss(): void {
    this.notice = null;
  }

  #notify(notice: UndoNotice): void {
    this.notice = notice;
    this.noticeSeq++;
  }
}

export const [getUndo, setUndo] = createContext<Undo>();
