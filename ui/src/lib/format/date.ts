import type { Locale } from "../i18n/types";

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const two = (n: number) => String(n).padStart(2, "0");

function parse(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A date in the reader's local time: `05.09.2026` in Norwegian (dd.mm.yyyy with leading zeros),
 * `5 Sep 2026` in English. Null for a missing or unreadable value. Display only.
 */
export function formatDate(value: string | Date | null | undefined, locale: Locale): string | null {
  const d = parse(value);
  if (!d) return null;
  if (locale === "nb") return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}`;
  return `${d.getDate()} ${EN_MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/**
 * A date and time in local time: `05.09.2026 kl. 14.32` in Norwegian (24-hour clock, a full
 * stop between hours and minutes), `5 Sep 2026, 14:32` in English. Null for a missing or
 * unreadable value. Display only.
 */
export function formatDateTime(value: string | Date | null | undefined, locale: Locale): string | null {
  const d = parse(value);
  if (!d) return null;
  const date = formatDate(d, locale);
  const [h, m] = [two(d.getHours()), two(d.getMinutes())];
  return locale === "nb" ? `${date} kl. ${h}.${m}` : `${date}, ${h}:${m}`;
}
