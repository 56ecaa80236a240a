import type { Backend } from "../api/backend";
import type { CommandError } from "../api/bindings/CommandError";
import type { DeleteSummary } from "../api/bindings/DeleteSummary";
import type { Document } from "../api/bindings/Document";
import type { DocumentSummary } from "../api/bindings/DocumentSummary";
import type { ProjectInfo } from "../api/bindings/ProjectInfo";
import { toCommandError } from "../api/errors";
import { sortNorwegian } from "../format/collate";

export type WorkspaceMode = "coding" | "excerpts" | "analysis" | "export";
/**
 * A place in a document: UTF-16 offsets into its text (end exclusive), as every offset the
 * webview gets (the Tauri layer converts the core's char offsets).
 */
export interface RevealRequest {
  document: string;
  startUtf16: number;
  endUtf16: number;
  seq: number;
}
export type SideTab = "excerpts" | "memo" | "history" | "search";

/**
 * The open project and what the researcher is looking at. Calls the Backend; components read
 * its fields and call its methods.
 */
export class Workspace {
  /** False until the first `currentProject` answer has come back. */
  ready = $state(false);
  project = $state<ProjectInfo | null>(null);
  documents = $state<DocumentSummary[]>([]);
  selectedGuid = $state<string | null>(null);
  document = $state<Document | null>(null);
  loadingDocument = $state(false);
  opening = $state(false);
  /** Set by the header's "Nytt prosjekt…": the start screen opens its new-project form. */
  newProjectRequested = $state(false);
  /** The header's mode: reading and coding, the full-screen excerpts table, the analysis, or export. */
  mode = $state<WorkspaceMode>("coding");
  /** In a narrow window the right panel is a drawer: whether it is pulled out. */
  sidePanelOpen = $state(false);
  /** The right panel's open tab. */
  sideTab = $state<SideTab>("excerpts");
  /** The code in focus in the codebook (its GUID): the excerpts panel shows its codings. */
  focusedCode = $state<string | null>(null);
  /** The coding in focus in the transcript (its GUID): its card, handles and memo. */
  focusedCoding = $state<string | null>(null);
  /** Whose codings the views show: a coder's name, or null for all coders. */
  coderFilter = $state<string | null>(null);
  /**
   * A place the transcript view should show: set by `reveal`, read and honoured by the view
   * (which scrolls the turn holding `startUtf16` into view and flashes it). `seq` tells repeats apart.
   */
  revealRequest = $state<RevealRequest | null>(null);
  /**
   * Bumped after every change to codings, codes, memos, attributes or informants (and after undo
   * and redo), so every pane that shows them reads them again.
   */
  revision = $state(0);
  /** The last failure, shown in place until the next action. */
  error = $state<CommandError | null>(null);

  #backend: Backend;
  #request = 0;

  constructor(backend: Backend) {
    this.#backend = backend;
  }

  /** Loads whatever project the app was started with. */
  async init(): Promise<void> {
    try {
      const project = await this.#backend.currentProject();
      if (project) await this.#show(project);
    } catch (err) {
      this.error = toCommandError(err);
    } finally {
      this.ready = true;
    }
  }

  /** Asks for a project file and opens it. Cancelling changes nothing. */
  async openFromDialog(): Promise<void> {
    if (this.opening) return;
    this.opening = true;
    try {
      const path = await this.#backend.pickProjectFile();
      if (path === null) return;
      this.error = null;
      await this.#show(await this.#backend.openProject(path));
    } catch (err) {
      this.error = toCommandError(err);
    } finally {
      this.opening = false;
    }
  }

  /** Opens a project by its path (say, from the recent list). */
  async openPath(path: string): Promise<void> {
    if (this.opening) return;
    this.opening = true;
    try {
      this.error = null;
      await this.#show(await this.#backend.openProject(path));
    } catch (err) {
      this.error = toCommandError(err);
    } finally {
      this.opening = false;
    }
  }

  /**
   * Creates a project where the save dialog says, with the built-in Bentzen codebook or none,
   * and opens it. Resolves to false if the researcher cancels (nothing changes) or it fails
   * (`error` says why).
   */
  async createProject(codebook: "bentzen" | "none", fileName?: string): Promise<boolean> {
    if (this.opening) return false;
    this.opening = true;
    try {
      const project = await this.#backend.createProject(codebook, fileName);
      if (project === null) return false;
      this.error = null;
      await this.#show(project);
      return true;
    } catch (err) {
      this.error = toCommandError(err);
      return false;
    } finally {
      this.opening = false;
    }
  }

  /** Closes the project and goes back to the start screen. */
  async closeProject(): Promise<void> {
    try {
      await this.#backend.closeProject();
    } catch (err) {
      this.error = toCommandError(err);
      return;
    }
    this.#request++;
    this.project = null;
    this.documents = [];
    this.selectedGuid = null;
    this.document = null;
    this.loadingDocument = false;
    this.error = null;
    this.mode = "coding";
    this.focusedCode = null;
    this.focusedCoding = null;
    this.coderFilter = null;
  }

  /** Shows a document's transcript. */
  async select(guid: string): Promise<void> {
    if (guid === this.selectedGuid && this.document) return;
    const request = ++this.#request;
    this.selectedGuid = guid;
    this.loadingDocument = true;
    this.error = null;
    try {
      const doc = await this.#backend.getDocument(guid);
      if (request === this.#request) this.document = doc;
    } catch (err) {
      if (request === this.#request) {
        this.document = null;
        this.error = toCommandError(err);
      }
    } finally {
      if (request === this.#request) this.loadingDocument = false;
    }
  }

  /**
   * Opens a document in the coding mode at a place (an excerpt, a search hit): the view scrolls
   * the turn holding `startUtf16` a third of the way down and flashes it.
   */
  async reveal(document: string, startUtf16: number, endUtf16: number): Promise<void> {
    this.mode = "coding";
    await this.select(document);
    this.revealRequest = { document, startUtf16, endUtf16, seq: (this.revealRequest?.seq ?? 0) + 1 };
  }

  /** Says that project data changed: panes showing codings, codes or memos read them again. */
  changed(): void {
    this.revision++;
  }

  /** Reads the document list again (the project file may have changed, say by the CLI). */
  async reloadDocuments(): Promise<void> {
    try {
      this.documents = sortNorwegian(await this.#backend.listDocuments(), (d) => d.name);
    } catch (err) {
      this.error = toCommandError(err);
    }
  }

  /**
   * Reads the document list and the open document again: after undo or redo, which may rename
   * documents and speakers or change attributes and informants.
   */
  async refresh(): Promise<void> {
    await this.reloadDocuments();
    const guid = this.selectedGuid;
    if (!guid) return;
    const request = ++this.#request;
    try {
      const doc = await this.#backend.getDocument(guid);
      if (request === this.#request) this.document = doc;
    } catch (err) {
      if (request === this.#request) {
        this.document = null;
        this.error = toCommandError(err);
      }
    }
  }

  /** Renames a document; rejects with the CommandError for the caller to show. */
  async renameDocument(guid: string, newName: string): Promise<string> {
    const name = await this.#backend.renameDocument(guid, newName);
    if (this.document?.guid === guid) this.document.name = name;
    await this.reloadDocuments();
    return name;
  }

  /** What deleting a document would remove; deletes nothing. */
  deletePreview(guid: string): Promise<DeleteSummary> {
    return this.#backend.deletePreview(guid);
  }

  /** Deletes a document (not undoable); a deleted open document closes. */
  async deleteDocument(guid: string): Promise<DeleteSummary> {
    const summary = await this.#backend.deleteDocument(guid);
    if (this.selectedGuid === guid) {
      this.#request++;
      this.selectedGuid = null;
      this.document = null;
      this.loadingDocument = false;
    }
    await this.reloadDocuments();
    return summary;
  }

  async #show(project: ProjectInfo): Promise<void> {
    const documents = await this.#backend.listDocuments();
    this.project = project;
    this.documents = sortNorwegian(documents, (d) => d.name);
    this.selectedGuid = null;
    this.document = null;
    // Until projects remember where the researcher was, start at the first document.
    const first = this.documents[0];
    if (first) await this.select(first.guid);
  }
}
