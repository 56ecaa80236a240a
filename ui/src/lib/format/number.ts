import { intlTag } from "../i18n/translate";
import type { Locale } from "../i18n/types";

/**
 * A decimal with exactly `digits` decimals: `0,43` and `12 345,68` in Norwegian (decimal comma,
 * no-break space between thousands), `0.43` in English. Display only.
 */
export function formatDecimal(locale: Locale, value: number, digits = 2): string {
  return new Intl.NumberFormat(intlTag(locale), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/**
 * A share (0–1) as a percentage with at most one decimal: `45,6 %` in Norwegian (a no-break
 * space before the sign), `45.6%` in English. Display only.
 */
export function formatShare(locale: Locale, share: number): string {
  return new Intl.NumberFormat(intlTag(locale), { style: "percent", maximumFractionDigits: 1 }).format(share);
}
