/**
 * The codebook pane's logic, pure: which rows show (filter, expanded families, hidden families,
 * block headers), where a drop or a keyboard reorder puts a code, which codes a code may be merged
 * into or moved under, and the sibling-name rule. Codes come from the core in tree order
 * (depth-first, siblings by position).
 */
import type { CodeBlockInfo } from "../../lib/api/bindings/CodeBlockInfo";
import type { CodeNode } from "../../lib/api/bindings/CodeNode";

export type Row =
  | { kind: "block"; letter: string; name: string }
  | { kind: "code"; code: CodeNode; expanded: boolean; matched: boolean };

export interface RowOptions {
  query: string;
  /** GUIDs of the expanded codes (ignored while filtering: matches show with their ancestors). */
  expanded: ReadonlySet<string>;
  /** Show switched-off families (marked) instead of leaving them out. */
  showHidden: boolean;
  /** Localised block names. */
  blockName: (block: CodeBlockInfo) => string;
}

/** A text folded for the filter: NFC, lower-case (æ, ø, å stay letters of their own, as in nb). */
export function fold(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

/** Whether the code's key, names or definitions hold the (folded) query. */
export function matches(code: CodeNode, folded: string): boolean {
  return [code.key, code.name, code.nameEn, code.definition, code.definitionEn].some(
    (t) => t !== null && fold(t).includes(folded),
  );
}

/** Index of codes by GUID. */
export function byGuid(codes: readonly CodeNode[]): Map<string, CodeNode> {
  return new Map(codes.map((c) => [c.guid, c]));
}

/** The GUIDs of a code's ancestors, nearest first. */
export function ancestors(index: Map<string, CodeNode>, code: CodeNode): string[] {
  const out: string[] = [];
  let parent = code.parent;
  while (parent !== null && !out.includes(parent)) {
    out.push(parent);
    parent = index.get(parent)?.parent ?? null;
  }
  return out;
}

/** The rows to show, in tree order, with a block header before each run of a block's themes. */
export function visibleRows(codes: readonly CodeNode[], blocks: readonly CodeBlockInfo[], opts: RowOptions): Row[] {
  const index = byGuid(codes);
  const pool = opts.showHidden ? codes : codes.filter((c) => !c.hidden);
  const folded = fold(opts.query.trim());
  const matched = new Set<string>();
  const shown = new Set<string>();
  if (folded) {
    for (const c of pool) {
      if (!matches(c, folded)) continue;
      matched.add(c.guid);
      shown.add(c.guid);
      for (const a of ancestors(index, c)) shown.add(a);
    }
  }
  const isShown = (c: CodeNode) =>
    folded ? shown.has(c.guid) : ancestors(index, c).every((a) => opts.expanded.has(a));
  const rows: Row[] = [];
  const headers = blocks.length > 0;
  let block: string | null | undefined;
  for (const c of pool) {
    if (!isShown(c)) continue;
    if (headers && c.depth === 0 && c.block !== block) {
      block = c.block;
      const info = blocks.find((b) => b.letter === c.block);
      if (info) rows.push({ kind: "block", letter: info.letter, name: opts.blockName(info) });
    }
    const expanded = folded ? pool.some((k) => k.parent === c.guid && shown.has(k.guid)) : opts.expanded.has(c.guid);
    rows.push({ kind: "code", code: c, expanded, matched: !folded || matched.has(c.guid) });
  }
  return rows;
}

/** Whether `guid` is `code` or lies below it. */
export function inFamily(index: Map<string, CodeNode>, guid: string, code: string): boolean {
  const c = index.get(guid);
  return guid === code || (c !== undefined && ancestors(index, c).includes(code));
}

/** A place in the tree: under `parent` (null: the top level) at `position` among the other siblings. */
export interface Place {
  parent: string | null;
  position: number;
}

/** The siblings under `parent` other than `except`, in order. */
function siblings(codes: readonly CodeNode[], parent: string | null, except: string): CodeNode[] {
  return codes.filter((c) => c.parent === parent && c.guid !== except);
}

/**
 * Where dropping code `dragged` on code `target` puts it: "into" makes it the target's last
 * child; "before" and "after" put it beside the target. Null when the drop would change nothing
 * or put a code inside its own family.
 */
export function dropPlace(
  codes: readonly CodeNode[],
  dragged: string,
  target: string,
  zone: "before" | "into" | "after",
): Place | null {
  const index = byGuid(codes);
  const d = index.get(dragged);
  const t = index.get(target);
  if (!d || !t || inFamily(index, target, dragged)) return null;
  if (zone === "into") {
    if (d.parent === t.guid) return null;
    return { parent: t.guid, position: siblings(codes, t.guid, dragged).length };
  }
  const list = siblings(codes, t.parent, dragged);
  const position = list.indexOf(t) + (zone === "after" ? 1 : 0);
  if (d.parent === t.parent && siblings(codes, t.parent, "").indexOf(d) === position) return null;
  return { parent: t.parent, position };
}

/** Where moving a code one step up (-1) or down (+1) among its siblings puts it; null at an end. */
export function reorderPlace(codes: readonly CodeNode[], code: string, delta: -1 | 1): Place | null {
  const c = codes.find((k) => k.guid === code);
  if (!c) return null;
  const count = siblings(codes, c.parent, code).length;
  const position = c.position + delta;
  if (position < 0 || position > count) return null;
  return { parent: c.parent, position };
}

/** The codes `code` may be merged into or moved under: every code outside its own family. */
export function targetsFor(codes: readonly CodeNode[], code: string): CodeNode[] {
  const index = byGuid(codes);
  return codes.filter((c) => !inFamily(index, c.guid, code));
}

/** Whether `parent` (null: top level) already has a child other than `except` named `name` (ignoring case). */
export function siblingNameTaken(
  codes: readonly CodeNode[],
  parent: string | null,
  name: string,
  except: string | null = null,
): boolean {
  const wanted = fold(name.trim());
  return codes.some((c) => c.parent === parent && c.guid !== except && fold(c.name) === wanted);
}

/**
 * The colours offered: the Okabe–Ito colour-blind-safe palette with grey, then Tolk's darker
 * defaults for top-level codes.
 */
export const PALETTE = [
  "#E69F00",
  "#56B4E9",
  "#009E73",
  "#F0E442",
  "#0072B2",
  "#D55E00",
  "#CC79A7",
  "#8A8F96",
  "#1F5FAD",
  "#B0361E",
  "#2B7A2B",
  "#8A3FA0",
  "#A35A00",
  "#00737A",
  "#B0285F",
  "#5C6300",
] as const;
