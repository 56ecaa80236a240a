import type { CoderInfo } from "./bindings/CoderInfo";
import type { CommandError } from "./bindings/CommandError";
import type { ExcerptContext } from "./bindings/ExcerptContext";
import type { ExcerptItem } from "./bindings/ExcerptItem";
import type { ExcerptQueryInput } from "./bindings/ExcerptQueryInput";
import type { ExcerptResult } from "./bindings/ExcerptResult";
import type { ContextTurn } from "./bindings/ContextTurn";
import type { MemoItem } from "./bindings/MemoItem";
import type { MemoTargetKind } from "./bindings/MemoTargetKind";
import type { MemoTargetRef } from "./bindings/MemoTargetRef";
import type { QueryCode } from "./bindings/QueryCode";

/** A fake excerpt: an item plus the code GUID it belongs to and the informant it counts for. */
export interface FakeExcerpt {
  item: ExcerptItem;
  /** The GUID of the code (a sub-code's excerpts also count for its parent with `subcodes`). */
  codeGuid: string;
  informant: string | null;
}

const KIND_ORDER: MemoTargetKind[] = ["project", "document", "code", "coding"];

/**
 * The fake backend's excerpts, memos and coders. A query returns the excerpts of its first code
 * (with its sub-codes on request) that pass the document and coder filters; operators are the
 * core's business (pinned by its tests), so the fake keeps only what follows the first code when
 * it is `not` (excerpts of that code are dropped). Memos live in a map, one per target.
 */
export class FakeExcerpts {
  codes: QueryCode[] = [];
  excerpts: FakeExcerpt[] = [];
  /** Neighbouring turns by `document#turn`. */
  context = new Map<string, ExcerptContext>();
  informantsTotal = 0;
  documentsTotal = 0;
  /** Every query the UI ran, oldest first. */
  queries: ExcerptQueryInput[] = [];
  memos = new Map<string, MemoItem>();
  /** Where the export dialog "saves"; null cancels. */
  exportAnswer: string | null = null;
  coders: string[] = [];
  current = "kari";
  #seq = 0;

  #family(code: string, subcodes: boolean): string[] {
    const root = this.codes.find((c) => c.guid === code || c.key === code || c.path === code);
    if (!root) throw { code: "other", message: `no code ${JSON.stringify(code)}` } satisfies CommandError;
    if (!subcodes) return [root.guid];
    return this.codes.filter((c) => c.path === root.path || c.path.startsWith(`${root.path}/`)).map((c) => c.guid);
  }

  run(query: ExcerptQueryInput): ExcerptResult {
    this.queries.push(structuredClone(query));
    const family = this.#family(query.code, query.subcodes);
    const dropped = query.steps
      .filter((s) => s.op === "not")
      .flatMap((s) => this.#family(s.code, query.subcodes));
    const found = this.excerpts.filter(
      (e) =>
        family.includes(e.codeGuid) &&
        !dropped.includes(e.codeGuid) &&
        (!query.document || e.item.document === query.document || e.item.documentGuid === query.document) &&
        (!query.coder || e.item.coders.includes(query.coder)),
    );
    const limit = query.limit ?? found.length;
    return {
      excerpts: found.slice(0, limit).map((e) => ({ ...e.item, coders: [...e.item.coders] })),
      counts: {
        excerpts: found.length,
        documents: new Set(found.map((e) => e.item.documentGuid)).size,
        documentsTotal: this.documentsTotal,
        informants: new Set(found.flatMap((e) => (e.informant ? [e.informant] : []))).size,
        informantsTotal: this.informantsTotal,
      },
    };
  }

  contextOf(document: string, turn: number): ExcerptContext {
    const found = this.context.get(`${document}#${turn}`);
    if (found) return structuredClone(found);
    const only: ContextTurn = { n: turn, speaker: "?", timeMs: null, text: "" };
    return { previous: null, turn: only, next: null };
  }

  #key(target: MemoTargetRef): string {
    return target.kind === "project" ? "project" : `${target.kind}:${target.id ?? ""}`;
  }

  /** What the fake calls a memo's target (the core names documents and codes). */
  label: (target: MemoTargetRef) => string = (target) =>
    target.kind === "project" ? "Prosjekt" : (target.id ?? "");

  getMemo(target: MemoTargetRef): MemoItem | null {
    const memo = this.memos.get(this.#key(target));
    return memo ? { ...memo } : null;
  }

  setMemo(target: MemoTargetRef, text: string): MemoItem | null {
    const key = this.#key(target);
    const clean = text.replace(/\s+$/, "");
    if (!clean.trim()) {
      this.memos.delete(key);
      return null;
    }
    const at = new Date(Date.UTC(2026, 10, 25, 13, ++this.#seq)).toISOString();
    const old = this.memos.get(key);
    const memo: MemoItem = {
      guid: old?.guid ?? `memo-${this.#seq}`,
      kind: target.kind,
      targetGuid: target.id ?? "project",
      target: this.label(target),
      text: clean,
      author: this.current,
      createdAt: old?.createdAt ?? at,
      updatedAt: at,
      place: null,
    };
    this.memos.set(key, memo);
    return { ...memo };
  }

  listMemos(kind: MemoTargetKind | null, search: string | null): MemoItem[] {
    const needle = search?.trim().toLowerCase() ?? "";
    return [...this.memos.values()]
      .filter((m) => (kind === null || m.kind === kind) && (!needle || m.text.toLowerCase().includes(needle)))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.target.localeCompare(b.target, "nb"))
      .map((m) => ({ ...m }));
  }

  coderInfo(): CoderInfo {
    return { coders: [...this.coders], current: this.current };
  }

  setCurrentCoder(name: string): CoderInfo {
    this.current = name.trim().normalize("NFC") || "kari";
    return this.coderInfo();
  }
}
