import type { Backend } from "./backend";
import type { CommandError } from "./bindings/CommandError";
import type { Document } from "./bindings/Document";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { ProjectInfo } from "./bindings/ProjectInfo";

/** An in-memory Backend for UI tests: a fixed set of documents, no IPC. */
export class FakeBackend implements Backend {
  project: ProjectInfo | null;
  documents: Document[];
  summaries: DocumentSummary[];
  pickAnswer: string | null = null;

  constructor(project: ProjectInfo | null, documents: Document[] = [], summaries: DocumentSummary[] = []) {
    this.project = project;
    this.documents = documents;
    this.summaries = summaries;
  }

  async currentProject(): Promise<ProjectInfo | null> {
    return this.project;
  }

  async openProject(path: string): Promise<ProjectInfo> {
    const name = path.split(/[\\/]/).pop()?.replace(/\.tolk$/, "") ?? path;
    this.project = { path, name };
    return this.project;
  }

  async pickProjectFile(): Promise<string | null> {
    return this.pickAnswer;
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    this.requireProject();
    return this.summaries;
  }

  async getDocument(guid: string): Promise<Document> {
    this.requireProject();
    const doc = this.documents.find((d) => d.guid === guid || d.name === guid);
    if (!doc) throw { code: "unknownDocument", message: `no document named "${guid}"` } satisfies CommandError;
    return doc;
  }

  private requireProject(): void {
    if (!this.project) throw { code: "noProject", message: "no project is open" } satisfies CommandError;
  }
}
