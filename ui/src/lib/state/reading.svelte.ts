/**
 * Reading preferences for the transcript view (document font size), remembered between sessions
 * in localStorage. The UI font size is separate and fixed.
 */

const STORAGE_KEY = "tolk.docFontSize";
/** The document sizes A−/A+ step through, in px (ui.md: 17 px by default, 12–32 px). */
export const DOC_SIZES = [12, 13, 14, 15, 16, 17, 18, 20, 22, 24, 26, 28, 32] as const;
export const DEFAULT_DOC_SIZE = 17;

function storedSize(): number {
  try {
    const value = Number(globalThis.localStorage?.getItem(STORAGE_KEY));
    return (DOC_SIZES as readonly number[]).includes(value) ? value : DEFAULT_DOC_SIZE;
  } catch {
    return DEFAULT_DOC_SIZE;
  }
}

export class ReadingSettings {
  docSize = $state(DEFAULT_DOC_SIZE);

  constructor(size: number = storedSize()) {
    this.docSize = size;
  }

  get canShrink(): boolean {
    return this.docSize > DOC_SIZES[0];
  }

  get canGrow(): boolean {
    return this.docSize < DOC_SIZES[DOC_SIZES.length - 1]!;
  }

  /** One step smaller (−1) or larger (+1). */
  step(direction: -1 | 1): void {
    const sizes = DOC_SIZES as readonly number[];
    const next =
      direction > 0 ? sizes.find((s) => s > this.docSize) : [...sizes].reverse().find((s) => s < this.docSize);
    if (next !== undefined) this.set(next);
  }

  reset(): void {
    this.set(DEFAULT_DOC_SIZE);
  }

  set(size: number): void {
    this.docSize = size;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, String(size));
    } catch {
      // Storage may be unavailable; the size then lasts for this session.
    }
  }
}
