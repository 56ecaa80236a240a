import type { I18n } from "../../lib/i18n/i18n.svelte";
import type { MessageKey } from "../../lib/i18n/types";

/** The change-log actions the dictionaries have a verb for (`history.action.*`). */
const KNOWN = new Set([
  "code",
  "uncode",
  "adjust_coding",
  "reassign_coding",
  "create_code",
  "rename_code",
  "edit_code",
  "set_code_color",
  "move_code",
  "merge_code",
  "split_code",
  "hide_code_family",
  "show_code_family",
  "delete_code",
  "add_codebook",
  "import_codebook",
  "set_memo",
  "delete_memo",
  "set_attribute",
  "remove_attribute",
  "import_attributes",
  "merge_informants",
  "rename_speaker",
  "merge_speakers",
  "set_speaker_role",
  "rename_document",
  "import_document",
  "delete_document",
  "redetect_turns",
  "create_coder",
  "save_search",
  "delete_search",
  "set_translation",
  "delete_translation",
  "set_omissions",
  "save_citation",
  "delete_citation",
  "pin_quote",
  "exclude_quote",
  "unpin_quote",
  "set_framework_cell",
]);

/** What a step or change did, as the core describes it (action and names, no language). */
export interface Described {
  action: string;
  name: string | null;
  context: string | null;
}

/** The verb for a change-log action (`kod`, `gi kode nytt navn`); the action itself if unknown. */
export function actionVerb(i18n: I18n, action: string): string {
  return KNOWN.has(action) ? i18n.t(`history.action.${action}` as MessageKey) : action;
}

/** A step in words for menus, toasts and the history: «kod ‘T08.6 Rapportering’ (Int. 03)». */
export function describe(i18n: I18n, step: Described): string {
  let out = actionVerb(i18n, step.action);
  if (step.name) out += ` ‘${step.name}’`;
  if (step.context) out += ` (${step.context})`;
  return out;
}
