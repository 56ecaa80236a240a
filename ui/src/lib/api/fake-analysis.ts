// The fake backend's thematic analysis. The statistics are the core's business (pinned by its
// tests), so tests give the fake its answers: a summary per code, a matrix per column kind, the
// frequencies and the framework matrix. What the researcher changes is kept as the core keeps it:
// quote pins and swaps (a swapped quote leaves the summary, a pinned one moves to the top) and
// framework cells. Every request is recorded for tests to inspect.
import type { ChartFormat } from "./bindings/ChartFormat";
import type { ChartRequest } from "./bindings/ChartRequest";
import type { CodeFrequencyItem } from "./bindings/CodeFrequencyItem";
import type { CommandError } from "./bindings/CommandError";
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

function fail(message: string): never {
  throw { code: "other", message } satisfies CommandError;
}

export class FakeAnalysis {
  /** The summary of each code, by GUID, as the core would compute it with these options. */
  summaries = new Map<string, ThemeSummaryView>();
  /** Keyword-in-context lines by word. */
  wordLines = new Map<string, WordLine[]>();
  frequencies: CodeFrequencyItem[] = [];
  /** The code × document matrix, and code × attribute matrices by attribute. */
  documentMatrix: MatrixView | null = null;
  attributeMatrices = new Map<string, MatrixView>();
  cooccurrence: MatrixView | null = null;
  framework: FrameworkView = { codes: [], rows: [] };
  /** Excerpts of framework cells by `informant GUID|code GUID`. */
  cellExcerpts = new Map<string, LinkedExcerpt[]>();
  /** Where the chart save dialog "saves"; null cancels. */
  chartSaveAnswer: string | null = null;
  /** Every request, oldest first: summaries, matrices, charts and saved charts. */
  summaryRequests: SummaryRequest[] = [];
  matrixRequests: MatrixRequest[] = [];
  chartRequests: ChartRequest[] = [];
  savedCharts: { request: ChartRequest; format: ChartFormat }[] = [];
  /** Quote choices by `code|coding`, in the order made. */
  choices = new Map<string, QuoteChoiceKind>();

  summary(request: SummaryRequest): ThemeSummaryView {
    this.summaryRequests.push(structuredClone(request));
    const found = this.summaries.get(request.code) ?? fail(`no code ${JSON.stringify(request.code)}`);
    const summary = structuredClone(found);
    const choice = (coding: string) => this.choices.get(`${request.code}|${coding}`);
    summary.quotes = summary.quotes
      .filter((q) => choice(q.coding) !== "excluded")
      .map((q) => ({ ...q, pinned: choice(q.coding) === "pinned" }))
      .sort((a, b) => Number(b.pinned) - Number(a.pinned));
    return { ...summary, subcodes: request.subcodes, by: request.by, mode: request.mode };
  }

  lines(word: string): WordLine[] {
    return structuredClone(this.wordLines.get(word) ?? []);
  }

  setQuoteChoice(code: string, coding: string, choice: QuoteChoiceKind | null): void {
    const key = `${code}|${coding}`;
    this.choices.delete(key);
    if (choice) this.choices.set(key, choice);
  }

  quoteChoices(code: string): QuoteChoiceItem[] {
    const quotes = this.summaries.get(code)?.quotes ?? [];
    const out: QuoteChoiceItem[] = [];
    for (const kind of ["pinned", "excluded"] as const) {
      for (const [key, choice] of this.choices) {
        const [c, coding] = key.split("|");
        const quote = quotes.find((q) => q.coding === coding);
        if (c === code && choice === kind && quote) out.push({ coding: quote.coding, choice, document: quote.document, text: quote.text });
      }
    }
    return out;
  }

  matrix(request: MatrixRequest): MatrixView {
    this.matrixRequests.push(structuredClone(request));
    const found = request.attribute ? this.attributeMatrices.get(request.attribute) : this.documentMatrix;
    return structuredClone(found ?? fail(`no matrix for ${request.attribute ?? "documents"}`));
  }

  cooccurrenceMatrix(mode: CooccurrenceKind): MatrixView {
    const m = structuredClone(this.cooccurrence ?? fail("no co-occurrence matrix"));
    return { ...m, count: mode };
  }

  setFrameworkCell(informant: string, code: string, text: string): void {
    const col = this.framework.codes.findIndex((c) => c.guid === code);
    const row = this.framework.rows.find((r) => r.informantGuid === informant);
    const cell = row?.cells[col] ?? fail(`no framework cell ${informant} × ${code}`);
    cell.text = text.trim();
    cell.author = cell.text ? "kari" : null;
  }

  chart(request: ChartRequest): string {
    this.chartRequests.push(structuredClone(request));
    // A recognisable picture per request, with a label that would run as markup if injected.
    return `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20"><title>${request.kind}</title><text>&lt;b&gt;Å&lt;/b&gt;</text></svg>`;
  }

  saveChart(request: ChartRequest, format: ChartFormat): string | null {
    if (this.chartSaveAnswer === null) return null;
    this.savedCharts.push({ request: structuredClone(request), format });
    return `${this.chartSaveAnswer}.${format}`;
  }
}
