import type { CommandError } from "../api/bindings/CommandError";
import { toCommandError } from "../api/errors";

/** How long typing must pause before a field saves itself. */
export const SAVE_DELAY_MS = 800;

/**
 * A text field that saves itself: `schedule()` after each keystroke saves once typing pauses,
 * `flush()` (on leaving the field, or before showing something else) saves at once. `write`
 * starts the save and resolves when it is done, or returns null when there is nothing to save.
 * `status` and `error` say how the last save went («Lagrer…», «Lagret»).
 */
export class Autosave {
  status = $state<"idle" | "saving" | "saved">("idle");
  error = $state<CommandError | null>(null);
  #write: () => Promise<void> | null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(write: () => Promise<void> | null) {
    this.#write = write;
  }

  schedule(): void {
    this.cancel();
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Forgets a pending save (what was typed is then not saved by this timer). */
  cancel(): void {
    clearTimeout(this.#timer);
  }

  async flush(): Promise<void> {
    this.cancel();
    const pending = this.#write();
    if (!pending) return;
    this.status = "saving";
    try {
      await pending;
      this.status = "saved";
      this.error = null;
    } catch (err) {
      this.status = "idle";
      this.error = toCommandError(err);
    }
  }
}
