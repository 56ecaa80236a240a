import type { ImportWarning } from "../../lib/api/bindings/ImportWarning";
import type { MessageKey } from "../../lib/i18n/types";

/** The dictionary key of each kind of import warning; the compiler checks every kind has one. */
export const WARNING_KEYS: { readonly [K in ImportWarning["kind"]]: MessageKey } = {
  encodingGuessed: "import.warning.encodingGuessed",
  stylesUnreadable: "import.warning.stylesUnreadable",
  noSpeakerLabels: "import.warning.noSpeakerLabels",
  patternMatchedNothing: "import.warning.patternMatchedNothing",
};

/** The placeholders of a warning's sentence: its fields except `kind` and a file-format `detail`. */
export function warningParams(warning: ImportWarning): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(warning)) {
    if (name !== "kind" && name !== "detail" && typeof value === "string") params[name] = value;
  }
  return params;
}

/** The core's English description of a file-format fault, shown only behind a toggle. */
export function warningDetail(warning: ImportWarning): string | null {
  return warning.kind === "stylesUnreadable" ? warning.detail : null;
}
