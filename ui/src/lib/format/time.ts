/**
 * A transcript timestamp as `hh:mm:ss` (always two-digit hours, as transcripts write them).
 * Milliseconds are dropped, not rounded, so 00:14:32.900 still reads 00:14:32. Null for no time.
 */
export function formatTimestamp(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [hours, minutes, seconds].map((v) => String(v).padStart(2, "0")).join(":");
}
