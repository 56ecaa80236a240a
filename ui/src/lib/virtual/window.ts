/**
 * Pure geometry for the virtualised transcript: estimated and measured row heights, their
 * running offsets, and which rows to render for a scroll position. No DOM here, so it is unit
 * tested; the transcript view feeds it measurements from a ResizeObserver.
 */

/** What a row's height is estimated from before it has been rendered and measured. */
export interface TextMetrics {
  /** Characters that fit on one line of turn text (at least 1). */
  readonly charsPerLine: number;
  /** Height of one line of turn text, in px. */
  readonly lineHeight: number;
  /** Everything in a row besides its lines of text (spacing below the turn), in px. */
  readonly extra: number;
}

/** Estimated height of a turn: its wrapped lines (each `\n` starts a line) plus the row extra. */
export function estimateHeight(text: string, m: TextMetrics): number {
  const perLine = Math.max(1, Math.floor(m.charsPerLine));
  let lines = 0;
  let from = 0;
  for (;;) {
    const nl = text.indexOf("\n", from);
    const len = (nl < 0 ? text.length : nl) - from;
    lines += Math.max(1, Math.ceil(len / perLine));
    if (nl < 0) break;
    from = nl + 1;
  }
  return lines * m.lineHeight + m.extra;
}

/**
 * The height to use for each row: the measured one where there is one (non-NaN), otherwise the
 * estimate scaled by how far off the estimates were for the rows that have been measured.
 */
export function combineHeights(measured: ArrayLike<number>, estimates: ArrayLike<number>): Float64Array {
  const n = estimates.length;
  let sumMeasured = 0;
  let sumEstimated = 0;
  for (let i = 0; i < n; i++) {
    const m = measured[i] ?? NaN;
    if (!Number.isNaN(m)) {
      sumMeasured += m;
      sumEstimated += estimates[i] ?? 0;
    }
  }
  // Calibrate the unmeasured rows, within reason, so one odd row cannot distort the rest.
  const scale = sumEstimated > 0 ? Math.min(3, Math.max(1 / 3, sumMeasured / sumEstimated)) : 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = measured[i] ?? NaN;
    out[i] = Number.isNaN(m) ? (estimates[i] ?? 0) * scale : m;
  }
  return out;
}

/** `offsets[i]` is the top of row i and `offsets[n]` the total height. */
export function prefixOffsets(heights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) out[i + 1] = (out[i] ?? 0) + (heights[i] ?? 0);
  return out;
}

/** The row at `y` (px from the top of the list), clamped to the rows there are; -1 if none. */
export function indexAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return -1;
  // Largest i in [0, n) with offsets[i] <= y.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface WindowRequest {
  readonly offsets: Float64Array;
  /** The top of the viewport, in px from the top of the list (negative above the list). */
  readonly top: number;
  /** The viewport's height in px. */
  readonly height: number;
  /** Extra rows to render on each side of the visible ones. */
  readonly overscan: number;
  /** The most rows ever rendered at once. */
  readonly max: number;
}

/** Rows `[start, end)` to render: the visible ones plus overscan, never more than `max`. */
export function visibleWindow(r: WindowRequest): { start: number; end: number } {
  const n = r.offsets.length - 1;
  if (n <= 0 || r.max <= 0) return { start: 0, end: 0 };
  const first = indexAt(r.offsets, Math.max(0, r.top));
  // The row holding the last visible pixel (exclusive bottom edge).
  const last = indexAt(r.offsets, Math.max(0, r.top + Math.max(0, r.height) - 0.5));
  const visibleEnd = Math.min(n, last + 1);
  if (visibleEnd - first >= r.max) return { start: first, end: first + r.max };
  const spare = r.max - (visibleEnd - first);
  const before = Math.min(r.overscan, first, Math.ceil(spare / 2));
  const after = Math.min(r.overscan, n - visibleEnd, spare - before);
  return { start: first - before, end: visibleEnd + after };
}
