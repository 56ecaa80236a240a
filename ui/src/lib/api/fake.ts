import type { ChartFormat } from "./bindings/ChartFormat";
import type { ChartRequest } from "./bindings/ChartRequest";
import type { CodeFrequencyItem } from "./bindings/CodeFrequencyItem";
import type { CooccurrenceKind } from "./bindings/CooccurrenceKind";
import type { FrameworkView } from "./bindings/FrameworkView";
import type { LinkedExcerpt } from "./bindings/LinkedExcerpt";
import type { MatrixRequest } from "./bindings/MatrixRequest";
import type { MatrixView } from "./bindings/MatrixView";
import type { QuoteChoiceItem } from "./bindings/QuoteChoiceItem";
import type { QuoteChoiceKind } from "./bindings/QuoteChoiceKind";
import type { SummaryRequest } from "./bindings/SummaryRequest";
import type { ThemeSummaryView } from "./bindings/ThemeSummaryView";
import type { WordLine } from "./bindings/WordLine";
import { FakeAnalysis } from "./fake-analysis";
import type { CoderInfo } from "./bindings/CoderInfo";
import type { ExcerptContext } from "./bindings/ExcerptContext";
import type { ExcerptQueryInput } from "./bindings/ExcerptQueryInput";
import type { ExcerptResult } from "./bindings/ExcerptResult";
import type { MemoItem } from "./bindings/MemoItem";
import type { MemoTargetKind } from "./bindings/MemoTargetKind";
import type { MemoTargetRef } from "./bindings/MemoTargetRef";
import type { QueryCode } from "./bindings/QueryCode";
import { FakeExcerpts } from "./fake-excerpts";
import type { CodingChange } from "./bindings/CodingChange";
import type { NewCodeWhere } from "./bindings/NewCodeWhere";
import type { PaletteCode } from "./bindings/PaletteCode";
import type { Stripe } from "./bindings/Stripe";
import { FakeCoding } from "./fake-coding";
import type { Backend } from "./backend";
import type { Codebook } from "./bindings/Codebook";
import type { CodebookExportResult } from "./bindings/CodebookExportResult";
import type { CodebookImportResult } from "./bindings/CodebookImportResult";
import type { CodeChanges } from "./bindings/CodeChanges";
import type { CodeCodingInfo } from "./bindings/CodeCodingInfo";
import type { CodeDeletionInfo } from "./bindings/CodeDeletionInfo";
import type { CodeInfo } from "./bindings/CodeInfo";
import type { CodeMergeResult } from "./bindings/CodeMergeResult";
import { FakeCodebook } from "./fake-codebook";
import type { CommandError } from "./bindings/CommandError";
import type { DeleteSummary } from "./bindings/DeleteSummary";
import type { Document } from "./bindings/Document";
import type { DocumentSummary } from "./bindings/DocumentSummary";
import type { DropEvent } from "./bindings/DropEvent";
import type { FilePreview } from "./bindings/FilePreview";
import type { HistoryPage } from "./bindings/HistoryPage";
import type { HistoryStep } from "./bindings/HistoryStep";
import { FakeHistory } from "./fake-history";
import type { ImportFile } from "./bindings/ImportFile";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportResult } from "./bindings/ImportResult";
import type { CsvImportResult } from "./bindings/CsvImportResult";
import type { Informant } from "./bindings/Informant";
import type { MergeResult } from "./bindings/MergeResult";
import type { UndoState } from "./bindings/UndoState";
import type { Extent } from "./bindings/Extent";
import type { HitsCoded } from "./bindings/HitsCoded";
import type { SavedSearchItem } from "./bindings/SavedSearchItem";
import type { SearchInput } from "./bindings/SearchInput";
import type { SearchOutput } from "./bindings/SearchOutput";
import { FakeSearch } from "./fake-search";
import type { ProjectInfo } from "./bindings/ProjectInfo";
import type { SpeakerRole } from "./bindings/SpeakerRole";
import type { RecentProject } from "./bindings/RecentProject";
import type { CitationTemplateItem } from "./bindings/CitationTemplateItem";
import type { CodebookFormat } from "./bindings/CodebookFormat";
import type { CodingNotesItem } from "./bindings/CodingNotesItem";
import type { ExcerptExportRequest } from "./bindings/ExcerptExportRequest";
import type { ExportPreview } from "./bindings/ExportPreview";
import type { ExportWritten } from "./bindings/ExportWritten";
import type { ReportExportRequest } from "./bindings/ReportExportRequest";
import type { ReportWritten } from "./bindings/ReportWritten";
import type { TextRange } from "./bindings/TextRange";
import { FakeExport } from "./fake-export";

/** An in-memory Backend for UI tests: a fixed set of documents, no IPC. */
export class FakeBackend implements Backend {
  project: ProjectInfo | null;
  documents: Document[];
  summaries: DocumentSummary[];
  pickAnswer: string | null = null;
  /** The recent list, newest first; opening or creating a project puts it on top. */
  recent: RecentProject[] = [];
  /** Where the save dialog "saves" a new project; null cancels. */
  saveAnswer: string | null = null;
  /** The codebook the last created project got. */
  createdWith: "bentzen" | "none" | null = null;

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
    this.remember(this.project);
    return this.project;
  }

  async recentProjects(): Promise<RecentProject[]> {
    return this.recent.map((r) => ({ ...r }));
  }

  async forgetRecent(path: string): Promise<RecentProject[]> {
    this.recent = this.recent.filter((r) => r.path !== path);
    return this.recentProjects();
  }

  async createProject(codebook: "bentzen" | "none"): Promise<ProjectInfo | null> {
    if (this.saveAnswer === null) return null;
    const path = this.saveAnswer.endsWith(".tolk") ? this.saveAnswer : `${this.saveAnswer}.tolk`;
    this.createdWith = codebook;
    this.summaries = [];
    this.documents = [];
    return this.openProject(path);
  }

  async closeProject(): Promise<void> {
    this.project = null;
  }

  private remember(project: ProjectInfo): void {
    const entry: RecentProject = {
      path: project.path,
      name: project.name,
      lastOpened: new Date().toISOString(),
      exists: true,
      documents: this.summaries.length,
      modified: null,
    };
    this.recent = [entry, ...this.recent.filter((r) => r.path !== project.path)];
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

  async renameDocument(guid: string, newName: string): Promise<string> {
    this.requireProject();
    const name = newName.trim().normalize("NFC");
    if (!name) throw { code: "other", message: "a document name cannot be empty" } satisfies CommandError;
    const summary = this.summary(guid);
    if (this.summaries.some((d) => d.guid !== summary.guid && d.name === name)) {
      throw { code: "other", message: `there is already a document named "${name}"` } satisfies CommandError;
    }
    summary.name = name;
    for (const doc of this.documents) if (doc.guid === summary.guid) doc.name = name;
    return name;
  }

  async deletePreview(guid: string): Promise<DeleteSummary> {
    this.requireProject();
    return this.deletion(this.summary(guid));
  }

  async deleteDocument(guid: string): Promise<DeleteSummary> {
    this.requireProject();
    const summary = this.summary(guid);
    this.summaries = this.summaries.filter((d) => d.guid !== summary.guid);
    this.documents = this.documents.filter((d) => d.guid !== summary.guid);
    return this.deletion(summary);
  }

  /** The fake counts every informant of a document as going with it. */
  private deletion(summary: DocumentSummary): DeleteSummary {
    return {
      turns: summary.turns,
      speakers: summary.speakers.length,
      informantsRemoved: summary.informants,
      attributeCount: Object.keys(summary.attributes).length,
    };
  }

  private summary(guid: string): DocumentSummary {
    const summary = this.summaries.find((d) => d.guid === guid || d.name === guid);
    if (!summary) throw { code: "unknownDocument", message: `no document named "${guid}"` } satisfies CommandError;
    return summary;
  }

  private requireProject(): void {
    if (!this.project) throw { code: "noProject", message: "no project is open" } satisfies CommandError;
  }

  /** What the import file dialog answers. */
  importPickAnswer: string[] = [];
  /** The preview of every file the fake knows, by path; `previewImport` returns those asked for. */
  importPreviews: FilePreview[] = [];
  /** The files of each `importFiles` call. */
  importCalls: ImportFile[][] = [];
  cancelled = false;
  /** Awaited before each file of `importFiles`, so a test can act mid-import. */
  beforeEachImport: (() => Promise<void>) | null = null;
  #dropHandlers: ((event: DropEvent) => void)[] = [];

  async pickImportFiles(): Promise<string[]> {
    return this.importPickAnswer;
  }

  async previewImport(paths: string[], speakerPattern?: string, language?: string): Promise<FilePreview[]> {
    this.requireProject();
    return this.importPreviews
      .filter((p) => paths.some((path) => p.path === path || p.path.startsWith(`${path}/`)))
      .map((p) => ({
        ...p,
        language: p.error ? null : (language ?? p.language),
        // The fake's speaker pattern turns every unrecognised file into one turn.
        turns: speakerPattern && p.turns === 0 && !p.error ? 1 : p.turns,
      }));
  }

  async importFiles(files: ImportFile[], onProgress: (progress: ImportProgress) => void): Promise<ImportResult> {
    this.requireProject();
    this.importCalls.push(files);
    this.cancelled = false;
    const result: ImportResult = { imported: [], skipped: [], failed: [], notImported: [] };
    for (const [i, file] of files.entries()) {
      await this.beforeEachImport?.();
      if (this.cancelled) {
        result.notImported = files.slice(i).map((f) => f.path);
        break;
      }
      onProgress({ done: i, total: files.length, current: file.path });
      const p = this.importPreviews.find((x) => x.path === file.path);
      const fileName = file.path.split(/[\\/]/).pop() ?? file.path;
      if (!p || p.error) {
        result.failed.push({
          path: file.path,
          fileName,
          detail: p?.error ?? `${file.path}: not found`,
          errorKind: p?.errorKind ?? null,
        });
      } else if (p.duplicateOf) {
        result.skipped.push({ path: file.path, fileName, detail: p.duplicateOf, errorKind: null });
      } else {
        result.imported.push({ path: file.path, name: p.name, turns: p.turns });
        this.summaries.push({
          guid: `fake-${p.name}`,
          name: p.name,
          source: p.path,
          format: p.format ?? "txt",
          language: file.language ?? p.language ?? "nb",
          words: p.words,
          turns: p.turns,
          speakers: p.speakers.map((s) => s.label),
          informants: p.speakers.filter((s) => s.role === "informant").length,
          attributes: Object.fromEntries(p.attributes),
          importedAt: new Date().toISOString(),
        });
      }
      onProgress({ done: i + 1, total: files.length, current: files[i + 1]?.path ?? null });
    }
    return result;
  }

  async cancelImport(): Promise<void> {
    this.cancelled = true;
  }

  async onDrop(handler: (event: DropEvent) => void): Promise<() => void> {
    this.#dropHandlers.push(handler);
    return () => {
      this.#dropHandlers = this.#dropHandlers.filter((h) => h !== handler);
    };
  }

  /** Simulates a drag or drop on the window. */
  drop(event: DropEvent): void {
    for (const handler of this.#dropHandlers) handler(event);
  }

  // Informants and attributes.

  /** The project's informants (tests fill it). */
  informants: Informant[] = [];
  /** What the attribute-CSV dialog answers; null cancels. */
  csvPickAnswer: string | null = null;
  /** What importing that CSV reports; `applyCsv` runs first so tests can change attributes. */
  csvResult: CsvImportResult = { informants: true, rows: 0, values: 0, unknown: [] };
  applyCsv: (backend: FakeBackend) => void = () => {};

  async listInformants(): Promise<Informant[]> {
    this.requireProject();
    return this.informants.map((i) => ({ ...i, attributes: { ...i.attributes } }));
  }

  async mergeInformants(into: string, from: string): Promise<MergeResult> {
    this.requireProject();
    const kept = this.informant(into);
    const other = this.informant(from);
    if (kept === other) throw { code: "other", message: "cannot merge an informant with itself" } satisfies CommandError;
    const conflicts = [];
    for (const [key, value] of Object.entries(other.attributes)) {
      const existing = kept.attributes[key];
      if (existing === undefined) kept.attributes[key] = value;
      else if (existing !== value) conflicts.push({ key, kept: existing, dropped: value });
    }
    kept.speakers = [...kept.speakers, ...other.speakers];
    kept.documents = [...new Set([...kept.documents, ...other.documents])];
    this.informants = this.informants.filter((i) => i !== other);
    return { into: kept.name, from: other.name, conflicts };
  }

  async setInformantAttribute(informant: string, key: string, value: string): Promise<void> {
    this.requireProject();
    this.informant(informant).attributes[this.key(key)] = value.trim().normalize("NFC");
  }

  async removeInformantAttribute(informant: string, key: string): Promise<boolean> {
    this.requireProject();
    const attributes = this.informant(informant).attributes;
    const k = this.key(key);
    if (!(k in attributes)) return false;
    delete attributes[k];
    return true;
  }

  async setDocumentAttribute(document: string, key: string, value: string): Promise<void> {
    this.requireProject();
    this.summary(document).attributes[this.key(key)] = value.trim().normalize("NFC");
  }

  async removeDocumentAttribute(document: string, key: string): Promise<boolean> {
    this.requireProject();
    const attributes = this.summary(document).attributes;
    const k = this.key(key);
    if (!(k in attributes)) return false;
    delete attributes[k];
    return true;
  }

  async pickAttributeCsv(): Promise<string | null> {
    return this.csvPickAnswer;
  }

  async importAttributeCsv(_path: string): Promise<CsvImportResult> {
    this.requireProject();
    this.applyCsv(this);
    return { ...this.csvResult, unknown: [...this.csvResult.unknown] };
  }

  async setSpeakerRole(document: string, label: string, role: SpeakerRole): Promise<void> {
    this.requireProject();
    if (role !== "interviewer") return;
    for (const informant of this.informants) {
      informant.speakers = informant.speakers.filter((s) => !(s.document === document && s.label === label));
    }
    this.informants = this.informants.filter((i) => i.speakers.length > 0);
  }

  // The codebook: an in-memory tree with the core's rules (see fake-codebook.ts).

  /** The project's codes and codings (tests fill it with `add` and `addCoding`). */
  codes = new FakeCodebook();
  /** What the codebook import dialog "imports"; null cancels. */
  codebookImportAnswer: CodebookImportResult | null = null;
  /** Where the codebook export dialog "saves"; null cancels. */
  codebookExportAnswer: string | null = null;

  async codebook(): Promise<Codebook> {
    this.requireProject();
    return this.codes.codebook();
  }

  async codeInfo(code: string): Promise<CodeInfo> {
    this.requireProject();
    return this.codes.codeInfo(code);
  }

  async createCode(parent: string | null, name: string, color?: string): Promise<string> {
    this.requireProject();
    return this.codes.createCode(parent, name, color);
  }

  async renameCode(code: string, name: string): Promise<void> {
    this.requireProject();
    this.codes.renameCode(code, name);
  }

  async setCodeColor(code: string, color: string): Promise<void> {
    this.requireProject();
    this.codes.setCodeColor(code, color);
  }

  async moveCode(code: string, parent: string | null, position: number | null): Promise<void> {
    this.requireProject();
    this.codes.moveCode(code, parent, position);
  }

  async mergeCodes(from: string, into: string): Promise<CodeMergeResult> {
    this.requireProject();
    return this.codes.mergeCodes(from, into);
  }

  async codeCodings(code: string): Promise<CodeCodingInfo[]> {
    this.requireProject();
    return this.codes.codeCodings(code);
  }

  async splitCode(code: string, codings: string[], name: string): Promise<string> {
    this.requireProject();
    return this.codes.splitCode(code, codings, name);
  }

  async editCode(code: string, changes: CodeChanges): Promise<void> {
    this.requireProject();
    this.codes.editCode(code, changes);
  }

  async deleteCodePreview(code: string): Promise<CodeDeletionInfo> {
    this.requireProject();
    return this.codes.deleteCodePreview(code);
  }

  async deleteCode(code: string): Promise<CodeDeletionInfo> {
    this.requireProject();
    return this.codes.deleteCode(code);
  }

  async setFamilyHidden(code: string, hidden: boolean): Promise<number> {
    this.requireProject();
    return this.codes.setFamilyHidden(code, hidden);
  }

  async addBuiltinCodebook(name: "bentzen"): Promise<CodebookImportResult> {
    this.requireProject();
    this.codes.calls.push(["addBuiltinCodebook", name]);
    return { template: "bentzen-tillit", added: 0, kept: 0, blocksAdded: 0 };
  }

  async importCodebook(): Promise<CodebookImportResult | null> {
    this.requireProject();
    return this.codebookImportAnswer;
  }

  async exportCodebook(): Promise<CodebookExportResult | null> {
    this.requireProject();
    if (this.codebookExportAnswer === null) return null;
    return { path: this.codebookExportAnswer, codes: this.codes.codes.length };
  }

  // Coding in the transcript (see fake-coding.ts).

  /** The codings, the palette's codes and the recent list (tests fill `coding.palette`). */
  coding = new FakeCoding(() => this.documents);

  async documentCodings(document: string): Promise<Stripe[]> {
    this.requireProject();
    return this.coding.documentCodings(document);
  }

  async codeSpan(document: string, code: string, startUtf16: number, endUtf16: number): Promise<CodingChange> {
    this.requireProject();
    return this.coding.codeSpan(document, code, startUtf16, endUtf16);
  }

  async codeTurn(document: string, code: string, turn: number): Promise<CodingChange> {
    this.requireProject();
    return this.coding.codeTurn(document, code, turn);
  }

  async uncode(coding: string): Promise<CodingChange> {
    this.requireProject();
    return this.coding.uncode(coding);
  }

  async reassignCoding(coding: string, code: string): Promise<CodingChange> {
    this.requireProject();
    return this.coding.reassignCoding(coding, code);
  }

  async adjustCoding(coding: string, startUtf16: number, endUtf16: number): Promise<CodingChange> {
    this.requireProject();
    return this.coding.adjustCoding(coding, startUtf16, endUtf16);
  }

  async extendCodingToTurns(coding: string): Promise<CodingChange> {
    this.requireProject();
    return this.coding.extendCodingToTurns(coding);
  }

  async codeWithNewCode(
    document: string,
    startUtf16: number,
    endUtf16: number,
    name: string | null,
    place: NewCodeWhere,
  ): Promise<CodingChange> {
    this.requireProject();
    return this.coding.codeWithNewCode(document, startUtf16, endUtf16, name, place);
  }

  async paletteCodes(): Promise<PaletteCode[]> {
    this.requireProject();
    return this.coding.palette.map((c) => ({ ...c }));
  }

  async recentCodes(): Promise<string[]> {
    this.requireProject();
    return this.coding.recentCodes();
  }

  // Undo and the history: two stacks (see fake-history.ts).

  /** The undo history (tests record gestures with `history.did`). */
  undoHistory = new FakeHistory();

  async undo(): Promise<HistoryStep | null> {
    this.requireProject();
    return this.undoHistory.undo();
  }

  async redo(): Promise<HistoryStep | null> {
    this.requireProject();
    return this.undoHistory.redo();
  }

  async undoState(): Promise<UndoState> {
    this.requireProject();
    return this.undoHistory.state();
  }

  async history(limit: number): Promise<HistoryPage> {
    this.requireProject();
    return this.undoHistory.history(limit);
  }

  async exportHistory(): Promise<string | null> {
    this.requireProject();
    return this.undoHistory.exportAnswer;
  }

  // Excerpts, memos and coders (see fake-excerpts.ts).
  /** The excerpts, memos and coders tests set up and inspect. */
  excerptStore = new FakeExcerpts();

  async runExcerptQuery(query: ExcerptQueryInput): Promise<ExcerptResult> {
    this.requireProject();
    return this.excerptStore.run(query);
  }

  async listQueryCodes(): Promise<QueryCode[]> {
    this.requireProject();
    return this.excerptStore.codes.map((c) => ({ ...c }));
  }

  async excerptContext(document: string, turn: number): Promise<ExcerptContext> {
    this.requireProject();
    return this.excerptStore.contextOf(document, turn);
  }

  async getMemo(target: MemoTargetRef): Promise<MemoItem | null> {
    this.requireProject();
    return this.excerptStore.getMemo(target);
  }

  async setMemo(target: MemoTargetRef, text: string): Promise<MemoItem | null> {
    this.requireProject();
    return this.excerptStore.setMemo(target, text);
  }

  async listMemos(kind: MemoTargetKind | null, search: string | null): Promise<MemoItem[]> {
    this.requireProject();
    return this.excerptStore.listMemos(kind, search);
  }

  async exportMemos(): Promise<string | null> {
    this.requireProject();
    return this.excerptStore.exportAnswer;
  }

  async listCoders(): Promise<CoderInfo> {
    this.requireProject();
    return this.excerptStore.coderInfo();
  }

  async setCurrentCoder(name: string): Promise<CoderInfo> {
    this.requireProject();
    return this.excerptStore.setCurrentCoder(name);
  }

  // Search (see fake-search.ts).

  /** Substring search, hit codings and saved searches. */
  searching = new FakeSearch(() => this.documents);

  async search(request: SearchInput): Promise<SearchOutput> {
    this.requireProject();
    return this.searching.search(request);
  }

  async codeHit(document: string, startUtf16: number, endUtf16: number, code: string, extent: Extent): Promise<HitsCoded> {
    this.requireProject();
    return this.searching.codeHit(document, startUtf16, endUtf16, code, extent);
  }

  async codeAllHits(request: SearchInput, code: string, extent: Extent): Promise<HitsCoded> {
    this.requireProject();
    return this.searching.codeAllHits(request, code, extent);
  }

  async savedSearches(): Promise<SavedSearchItem[]> {
    this.requireProject();
    return this.searching.savedSearches();
  }

  async saveSearch(name: string, request: SearchInput): Promise<SavedSearchItem> {
    this.requireProject();
    return this.searching.saveSearch(name, request);
  }

  async deleteSavedSearch(name: string): Promise<void> {
    this.requireProject();
    this.searching.deleteSavedSearch(name);
  }

  // Export for papers (see fake-export.ts).
  /** Citation templates, attributes, informants, coding notes and the exports written. */
  exporting = new FakeExport(this.excerptStore);

  async exportPreview(request: ExcerptExportRequest, limit: number): Promise<ExportPreview> {
    this.requireProject();
    return this.exporting.preview(request, limit);
  }

  async exportExcerpts(request: ExcerptExportRequest): Promise<ExportWritten | null> {
    this.requireProject();
    return this.exporting.exportExcerpts(request);
  }

  async exportReport(request: ReportExportRequest): Promise<ReportWritten | null> {
    this.requireProject();
    return this.exporting.exportReport(request);
  }

  async exportCodebookAs(format: CodebookFormat): Promise<CodebookExportResult | null> {
    this.requireProject();
    return this.exporting.exportCodebook(format, this.codes.codes.length);
  }

  async citationTemplates(): Promise<CitationTemplateItem[]> {
    this.requireProject();
    return this.exporting.citationTemplates();
  }

  async saveCitationTemplate(name: string, template: string): Promise<CitationTemplateItem> {
    this.requireProject();
    return this.exporting.saveTemplate(name, template);
  }

  async deleteCitationTemplate(name: string): Promise<void> {
    this.requireProject();
    this.exporting.deleteTemplate(name);
  }

  async codingNotes(coding: string): Promise<CodingNotesItem> {
    this.requireProject();
    return this.exporting.codingNotes(coding);
  }

  async setCodingTranslation(coding: string, text: string): Promise<string | null> {
    this.requireProject();
    return this.exporting.setTranslation(coding, text);
  }

  async setCodingOmissions(coding: string, omissions: TextRange[]): Promise<CodingNotesItem> {
    this.requireProject();
    return this.exporting.setOmissions(coding, omissions);
  }

  // Thematic analysis (see fake-analysis.ts).
  /** Canned analysis results and the researcher's quote and framework choices. */
  analysis = new FakeAnalysis();

  async themeSummary(request: SummaryRequest): Promise<ThemeSummaryView> {
    this.requireProject();
    return this.analysis.summary(request);
  }

  async themeWordLines(_request: SummaryRequest, word: string): Promise<WordLine[]> {
    this.requireProject();
    return this.analysis.lines(word);
  }

  async setQuoteChoice(code: string, coding: string, choice: QuoteChoiceKind | null): Promise<void> {
    this.requireProject();
    this.analysis.setQuoteChoice(code, coding, choice);
  }

  async quoteChoices(code: string): Promise<QuoteChoiceItem[]> {
    this.requireProject();
    return this.analysis.quoteChoices(code);
  }

  async codeFrequencies(_subcodes: boolean): Promise<CodeFrequencyItem[]> {
    this.requireProject();
    return structuredClone(this.analysis.frequencies);
  }

  async codeMatrix(request: MatrixRequest): Promise<MatrixView> {
    this.requireProject();
    return this.analysis.matrix(request);
  }

  async cooccurrenceMatrix(mode: CooccurrenceKind): Promise<MatrixView> {
    this.requireProject();
    return this.analysis.cooccurrenceMatrix(mode);
  }

  async frameworkMatrix(_codes: string[]): Promise<FrameworkView> {
    this.requireProject();
    return structuredClone(this.analysis.framework);
  }

  async setFrameworkCell(informant: string, code: string, text: string): Promise<void> {
    this.requireProject();
    this.analysis.setFrameworkCell(informant, code, text);
  }

  async frameworkCellExcerpts(informant: string, code: string): Promise<LinkedExcerpt[]> {
    this.requireProject();
    return structuredClone(this.analysis.cellExcerpts.get(`${informant}|${code}`) ?? []);
  }

  async chart(request: ChartRequest): Promise<string> {
    this.requireProject();
    return this.analysis.chart(request);
  }

  async saveChart(request: ChartRequest, format: ChartFormat): Promise<string | null> {
    this.requireProject();
    return this.analysis.saveChart(request, format);
  }

  private informant(nameOrGuid: string): Informant {
    const found = this.informants.find((i) => i.guid === nameOrGuid || i.name === nameOrGuid);
    if (!found) throw { code: "other", message: `no informant named "${nameOrGuid}"` } satisfies CommandError;
    return found;
  }

  private key(key: string): string {
    const k = key.trim().normalize("NFC").toLowerCase();
    if (!k) throw { code: "other", message: "an attribute needs a name" } satisfies CommandError;
    return k;
  }
}
