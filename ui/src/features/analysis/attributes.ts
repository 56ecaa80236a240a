import type { DocumentSummary } from "../../lib/api/bindings/DocumentSummary";
import type { Informant } from "../../lib/api/bindings/Informant";
import { sortNorwegian } from "../../lib/format/collate";

/**
 * Every attribute name on documents or informants, lower-case (the core compares names ignoring
 * case) and once each, in Norwegian order: what a breakdown or a matrix can be «fordelt på».
 */
export function attributeKeys(documents: readonly DocumentSummary[], informants: readonly Informant[]): string[] {
  const keys = new Set<string>();
  for (const owner of [...documents, ...informants]) {
    for (const key of Object.keys(owner.attributes)) keys.add(key.normalize("NFC").toLowerCase());
  }
  return sortNorwegian([...keys], (k) => k);
}
