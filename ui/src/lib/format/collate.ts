/**
 * Norwegian sorting for lists in the UI, matching the core's collator (CLDR `nb`, default
 * options): æ, ø, å after z, and `aa` sorted as `å` (`abc, Zulu, Ærlig, Øst, Ål, Ås, Åsen, Aasen`).
 */
export const norwegianCollator = new Intl.Collator("nb");

/** A sorted copy of `items`, by the string `key` gives, in Norwegian order. */
export function sortNorwegian<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => norwegianCollator.compare(key(a), key(b)));
}
