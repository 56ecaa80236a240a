import type { nb } from "./nb";

/** A message: plain text, or plural forms chosen with `Intl.PluralRules`. */
export type Message = string | { readonly one: string; readonly other: string };

/** The keys every dictionary has; `nb.ts` defines them. */
export type MessageKey = keyof typeof nb;

/** Keys whose message has plural forms. */
export type PluralKey = {
  [K in MessageKey]: (typeof nb)[K] extends string ? never : K;
}[MessageKey];

/** A dictionary: every key, same shape (plain or plural) as in `nb.ts`. */
export type Messages = {
  readonly [K in MessageKey]: (typeof nb)[K] extends string ? string : { readonly one: string; readonly other: string };
};

export type Locale = "nb" | "en";
