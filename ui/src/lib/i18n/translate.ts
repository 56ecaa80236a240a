import { nb } from "./nb";
import type { Locale, Message, MessageKey, Messages } from "./types";

/** True if `key` is a dictionary key (for keys built at run time, such as `format.${format}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(nb, key);
}

/** Fills `{name}` placeholders. Unknown placeholders are left as they are. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const intlLocale: Record<Locale, string> = { nb: "nb-NO", en: "en-GB" };

/** The BCP 47 tag used for `Intl` formatting in a UI locale. */
export function intlTag(locale: Locale): string {
  return intlLocale[locale];
}

/** Formats a count for display (`12 500` in Norwegian, with a no-break space). Display only. */
export function formatCount(locale: Locale, n: number): string {
  return new Intl.NumberFormat(intlTag(locale)).format(n);
}

/**
 * Looks `key` up in `dict` and fills its placeholders. For plural messages, `params.n` picks the
 * form and is shown formatted for the locale.
 */
export function translate(
  dict: Messages,
  locale: Locale,
  key: keyof Messages,
  params: Record<string, string | number> = {},
): string {
  const message: Message = dict[key];
  if (typeof message === "string") return interpolate(message, params);
  const n = typeof params.n === "number" ? params.n : 0;
  const form = new Intl.PluralRules(intlTag(locale)).select(n) === "one" ? message.one : message.other;
  return interpolate(form, { ...params, n: formatCount(locale, n) });
}
