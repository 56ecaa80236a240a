import type { Informant } from "../../lib/api/bindings/Informant";
import { norwegianCollator } from "../../lib/format/collate";

/** An attribute both informants of a merge have, with different values. */
export interface Conflict {
  readonly key: string;
  /** The kept informant's value: it wins. */
  readonly kept: string;
  /** The other informant's value: it is dropped. */
  readonly dropped: string;
}

/** A sorted copy, by name in Norwegian order (`Intl.Collator('nb')`: æ, ø, å last, aa as å). */
export function sortInformants(list: readonly Informant[]): Informant[] {
  return [...list].sort((a, b) => norwegianCollator.compare(a.name, b.name));
}

/** Every attribute key some informant has, in Norwegian order: one column each. */
export function informantKeys(list: readonly Informant[]): string[] {
  const keys = new Set<string>();
  for (const informant of list) for (const key of Object.keys(informant.attributes)) keys.add(key);
  return [...keys].sort(norwegianCollator.compare);
}

function fold(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("nb");
}

/**
 * The informants a filter keeps: every word of `query` must occur (ignoring case) in the name,
 * a document name or an attribute value. An empty query keeps all.
 */
export function filterInformants(list: readonly Informant[], query: string): Informant[] {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...list];
  return list.filter((informant) => {
    const haystack = [informant.name, ...informant.documents, ...Object.values(informant.attributes)].map(fold);
    return terms.every((term) => haystack.some((h) => h.includes(term)));
  });
}

/**
 * What merging `other` into `kept` does to attributes, as the core does it: keys only `other`
 * has move over; keys both have with different values are conflicts, and `kept`'s value wins.
 * Conflicts in Norwegian order of key.
 */
export function mergeConflicts(kept: Informant, other: Informant): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const [key, dropped] of Object.entries(other.attributes)) {
    const value = kept.attributes[key];
    if (value !== undefined && value !== dropped) conflicts.push({ key, kept: value, dropped });
  }
  return conflicts.sort((a, b) => norwegianCollator.compare(a.key, b.key));
}

/** An attribute key as the core stores it (trimmed, NFC, lower case); "" if there is none. */
export function normalizeKey(key: string): string {
  return key.trim().normalize("NFC").toLowerCase();
}

/**
 * The selection after clicking an informant's checkbox: at most two, the newest click last
 * (the first selected is kept in a merge unless the researcher picks the other).
 */
export function toggleSelection(selected: readonly string[], guid: string): string[] {
  if (selected.includes(guid)) return selected.filter((g) => g !== guid);
  return [...selected, guid].slice(-2);
}
