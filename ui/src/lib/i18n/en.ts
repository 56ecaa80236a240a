import type { Messages } from "./types";

/** English. Same keys as `nb.ts`. */
export const en: Messages = {
  "app.name": "Tolk",
  "app.tagline": "Coding interview transcripts",
  "app.languageToggle": "Norsk",
  "app.languageToggleLabel": "Switch language to Norwegian",
  "app.loading": "Loading…",

  "start.title": "Welcome to Tolk",
  "start.lead":
    "Tolk helps you read, code and analyse interview transcripts. Everything stays on your own computer.",
  "start.open": "Open project…",
  "start.opening": "Opening…",
  "start.hint": "A project is one file ending in .tolk.",

  "documents.heading": "Documents",
  "documents.listLabel": "Documents in the project",
  "documents.empty": "No documents yet.",
  "documents.emptyHint": "Import transcripts with “tolk import”.",
  "documents.turns": { one: "{n} turn", other: "{n} turns" },
  "documents.words": { one: "{n} word", other: "{n} words" },
  "documents.count": { one: "{n} document", other: "{n} documents" },

  "project.label": "Project",
  "project.open": "Open another project",

  "transcript.none": "Choose a document in the list on the left.",
  "transcript.loading": "Loading the document…",
  "transcript.preamble": "Preamble",
  "transcript.turnsLabel": "Speaker turns",
  "transcript.turnAria": "Turn {n}, {speaker}",
  "transcript.turnAriaTime": "Turn {n}, {speaker}, {time}",
  "transcript.interviewer": "Interviewer",
  "transcript.informant": "Informant",
  "transcript.speakers": "Speakers",
  "transcript.noTurns": "No speaker turns were found in this document.",

  "format.txt": "Text",
  "format.md": "Markdown",
  "format.docx": "Word",
  "format.odt": "OpenDocument",
  "format.vtt": "WebVTT",
  "format.srt": "SRT subtitles",

  "language.nb": "Bokmål",
  "language.nn": "Nynorsk",
  "language.da": "Danish",
  "language.sv": "Swedish",
  "language.en": "English",

  "error.details": "Show details",
  "error.retry": "Try again",
  "error.noProject": "No project is open.",
  "error.projectTooNew":
    "This project was saved by a newer version of Tolk. The file was not changed. Update Tolk to open it.",
  "error.notAProject": "This file is not a Tolk project. Nothing was changed.",
  "error.io": "The file could not be read. Check that it exists and that you may read it.",
  "error.unknownDocument": "The document is no longer in the project.",
  "error.other": "Something went wrong. Your data was not changed.",
};
