import type { ExcerptQueryInput } from "../../lib/api/bindings/ExcerptQueryInput";
import type { SummaryRequest } from "../../lib/api/bindings/SummaryRequest";

/**
 * What the analysis's side panel shows when a number, a cell or a word is opened: the coded
 * excerpts behind it (an excerpt query the core built for it, run as the Utdrag mode runs it), a
 * distinctive word's keyword-in-context lines in the theme's excerpts, or the excerpts a
 * framework cell links to. `title` says what was opened («T06 Styring · Int. 03»).
 */
export type Drill =
  | { kind: "excerpts"; title: string; query: ExcerptQueryInput }
  | { kind: "words"; title: string; request: SummaryRequest; word: string }
  | { kind: "cell"; title: string; informant: string; code: string };

/** Opens a drill in the side panel. */
export type OpenDrill = (drill: Drill) => void;
