import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { HistoryPage } from "./bindings/HistoryPage";
import type { HistoryStep } from "./bindings/HistoryStep";
import type { UndoState } from "./bindings/UndoState";

/**
 * The fake backend's undo history: two stacks of steps and a list of entries. Tests push steps
 * with `did`; undo and redo move them between the stacks and log an `undo` / `redo` entry, as
 * the core does (without changing any other data).
 */
export class FakeHistory {
  done: HistoryStep[] = [];
  undone: HistoryStep[] = [];
  /** Oldest first, as the core keeps them. */
  entries: HistoryEntry[] = [];
  /** Where the export dialog "saves"; null cancels. */
  exportAnswer: string | null = null;
  /** Set to make the next undo or redo fail like a step a deleted document overtook. */
  conflictNext = false;
  #seq = 0;
  #id = 0;
  /** Each step's own entry, which undo marks undone and redo clears. */
  #entryOf = new Map<number, HistoryEntry>();

  /** Records a gesture: one step with one entry; drops the redo stack. */
  did(action: string, name: string | null, context: string | null = null, actor = "kari"): HistoryStep {
    const at = new Date(Date.UTC(2026, 10, 25, 13, 5 + this.#seq)).toISOString();
    const step: HistoryStep = { id: ++this.#id, at, actor, action, name, context, changes: 1 };
    this.done.push(step);
    this.undone = [];
    this.#entryOf.set(step.id, this.#log(step, action, null));
    return step;
  }

  state(): UndoState {
    return { undo: this.done.at(-1) ?? null, redo: this.undone.at(-1) ?? null };
  }

  undo(): HistoryStep | null {
    return this.#move(this.done, this.undone, "undo");
  }

  redo(): HistoryStep | null {
    return this.#move(this.undone, this.done, "redo");
  }

  /** The newest `limit` entries, newest first, as the Tauri command returns them. */
  history(limit: number): HistoryPage {
    const entries = [...this.entries].reverse().slice(0, limit).map((e) => ({ ...e }));
    return { entries, total: this.entries.length };
  }

  #move(from: HistoryStep[], to: HistoryStep[], action: "undo" | "redo"): HistoryStep | null {
    const step = from.pop();
    if (!step) return null;
    if (this.conflictNext) {
      this.conflictNext = false;
      throw { code: "undoConflict", message: `cannot ${action} ${step.action}` };
    }
    to.push(step);
    const own = this.#entryOf.get(step.id);
    if (own) own.undone = action === "undo";
    this.#log(step, action, step.action);
    return step;
  }

  #log(step: HistoryStep, action: string, stepAction: string | null): HistoryEntry {
    const entry: HistoryEntry = {
      seq: ++this.#seq,
      at: step.at,
      actor: step.actor,
      action,
      name: step.name,
      context: step.context,
      stepAction,
      undone: false,
    };
    this.entries.push(entry);
    return entry;
  }
}
