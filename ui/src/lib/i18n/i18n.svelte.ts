import { en } from "./en";
import { nb } from "./nb";
import { translate } from "./translate";
import type { Locale, MessageKey, Messages } from "./types";

const dictionaries: Record<Locale, Messages> = { nb, en };
const STORAGE_KEY = "tolk.locale";

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === "en" ? "en" : "nb";
  } catch {
    return "nb";
  }
}

/** The UI language: bokmål by default, English on request; remembered between sessions. */
export class I18n {
  locale = $state<Locale>("nb");

  constructor(locale: Locale = storedLocale()) {
    this.locale = locale;
  }

  /** The text for `key` in the current language. */
  t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(dictionaries[this.locale], this.locale, key, params);

  toggle(): void {
    this.set(this.locale === "nb" ? "en" : "nb");
  }

  set(locale: Locale): void {
    this.locale = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage may be unavailable; the choice then lasts for this session.
    }
  }
}
