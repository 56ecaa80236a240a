import type { Turn } from "../api/bindings/Turn";

/** How many distinct speaker colours the stylesheet defines (`.speaker-c0` … `.speaker-c5`). */
export const SPEAKER_COLOURS = 6;

/** The label shown for a speaker and the CSS class that colours it. */
export interface SpeakerStyle {
  readonly label: string;
  readonly className: string;
}

/**
 * One colour per speaker within a document, stable while reading: interviewers share a muted
 * style; informants get palette colours in order of first appearance. The label is always shown
 * too, so colour is never the only cue.
 */
export function speakerStyles(turns: readonly Turn[]): Map<string, SpeakerStyle> {
  const styles = new Map<string, SpeakerStyle>();
  let next = 0;
  for (const turn of turns) {
    if (styles.has(turn.speaker)) continue;
    const className =
      turn.role === "interviewer" ? "speaker-interviewer" : `speaker-c${next++ % SPEAKER_COLOURS}`;
    styles.set(turn.speaker, { label: turn.speaker, className });
  }
  return styles;
}
