// The excerpt query the researcher is building: a first code, then rows of operator + code
// (applied left to right), sub-codes, and filters on document, speaker and attributes (the coder
// is the workspace's). One per workspace, so the Utdrag and Eksport modes share it: the export
// takes «the current Utdrag query», and a query changed in either shows in both.
import type { ExcerptQueryInput } from "../../lib/api/bindings/ExcerptQueryInput";
import type { QueryOp } from "../../lib/api/bindings/QueryOp";
import type { Workspace } from "../../lib/state/workspace.svelte";

export class ExcerptQuery {
  /** The first code's GUID ("" until one is chosen). */
  first = $state("");
  steps = $state<{ op: QueryOp; code: string }[]>([]);
  subcodes = $state(false);
  /** A document's GUID, or "" for all. */
  document = $state("");
  speaker = $state("");
  /** `KEY=VALUE` filters, comma-separated as typed. */
  attributes = $state("");

  readonly workspace: Workspace;

  constructor(workspace: Workspace) {
    this.workspace = workspace;
  }

  /** The query for the backend, or null until a first code is chosen. */
  input(limit: number | null): ExcerptQueryInput | null {
    if (!this.first) return null;
    return {
      code: this.first,
      steps: this.steps.filter((s) => s.code !== "").map((s) => ({ op: s.op, code: s.code })),
      subcodes: this.subcodes,
      document: this.document || null,
      speaker: this.speaker.trim() || null,
      coder: this.workspace.coderFilter,
      attributes: this.attributes
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== ""),
      limit,
    };
  }
}

const queries = new WeakMap<Workspace, ExcerptQuery>();

/** The workspace's excerpt query (made on first use). */
export function excerptQuery(workspace: Workspace): ExcerptQuery {
  let q = queries.get(workspace);
  if (!q) queries.set(workspace, (q = new ExcerptQuery(workspace)));
  return q;
}
