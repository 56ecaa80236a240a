/**
 * Norwegian bokmål, the default language. Every user-visible string lives here and in `en.ts`
 * under the same keys (a test checks they match). Plural entries have `one` and `other`; `{name}`
 * placeholders are filled by `t()`.
 */
export const nb = {
  "app.name": "Tolk",
  "app.tagline": "Koding av intervjutranskripsjoner",
  "app.languageToggle": "English",
  "app.languageToggleLabel": "Bytt språk til engelsk",
  "app.loading": "Laster…",

  "start.title": "Velkommen til Tolk",
  "start.lead":
    "Tolk hjelper deg å lese, kode og analysere intervjutranskripsjoner. Alt blir liggende på din egen maskin.",
  "start.open": "Åpne prosjekt…",
  "start.opening": "Åpner…",
  "start.hint": "Et prosjekt er én fil som slutter på .tolk.",

  "documents.heading": "Dokumenter",
  "documents.listLabel": "Dokumenter i prosjektet",
  "documents.empty": "Ingen dokumenter ennå.",
  "documents.emptyHint": "Importer transkripsjoner med «tolk import».",
  "documents.turns": { one: "{n} tur", other: "{n} turer" },
  "documents.words": { one: "{n} ord", other: "{n} ord" },
  "documents.count": { one: "{n} dokument", other: "{n} dokumenter" },

  "project.label": "Prosjekt",
  "project.open": "Åpne et annet prosjekt",

  "transcript.none": "Velg et dokument i listen til venstre.",
  "transcript.loading": "Laster dokumentet…",
  "transcript.preamble": "Innledning",
  "transcript.turnsLabel": "Taletur",
  "transcript.turnAria": "Tur {n}, {speaker}",
  "transcript.turnAriaTime": "Tur {n}, {speaker}, {time}",
  "transcript.interviewer": "Intervjuer",
  "transcript.informant": "Informant",
  "transcript.speakers": "Talere",
  "transcript.noTurns": "Fant ingen taleturer i dette dokumentet.",

  "format.txt": "Tekst",
  "format.md": "Markdown",
  "format.docx": "Word",
  "format.odt": "OpenDocument",
  "format.vtt": "WebVTT",
  "format.srt": "SRT-undertekster",

  "language.nb": "bokmål",
  "language.nn": "nynorsk",
  "language.da": "dansk",
  "language.sv": "svensk",
  "language.en": "engelsk",

  "error.details": "Vis detaljer",
  "error.retry": "Prøv igjen",
  "error.noProject": "Ingen prosjekt er åpent.",
  "error.projectTooNew":
    "Prosjektet er lagret av en nyere versjon av Tolk. Filen er ikke endret. Oppdater Tolk for å åpne det.",
  "error.notAProject": "Filen er ikke et Tolk-prosjekt. Ingenting er endret.",
  "error.io": "Filen kunne ikke leses. Sjekk at den finnes og at du har tilgang til den.",
  "error.unknownDocument": "Dokumentet finnes ikke lenger i prosjektet.",
  "error.other": "Noe gikk galt. Dataene dine er ikke endret.",
} as const;
