import type { Backend } from "../../lib/api/backend";
import type { CommandError } from "../../lib/api/bindings/CommandError";
import type { RecentProject } from "../../lib/api/bindings/RecentProject";
import { toCommandError } from "../../lib/api/errors";

/** The start screen's list of recently opened projects (newest first, as the core keeps it). */
export class RecentProjects {
  items = $state<RecentProject[]>([]);
  loaded = $state(false);
  error = $state<CommandError | null>(null);

  #backend: Backend;

  constructor(backend: Backend) {
    this.#backend = backend;
  }

  async load(): Promise<void> {
    try {
      this.items = await this.#backend.recentProjects();
      this.error = null;
    } catch (err) {
      this.error = toCommandError(err);
    } finally {
      this.loaded = true;
    }
  }

  /** Removes a project from the list; the file itself stays where it is. */
  async forget(path: string): Promise<void> {
    try {
      this.items = await this.#backend.forgetRecent(path);
      this.error = null;
    } catch (err) {
      this.error = toCommandError(err);
    }
  }
}
