-- Tolk project schema: export for papers. Shipped migrations are append-only: add a new file,
-- never edit.

-- A citation template saved under a name (unique, compared ignoring case by the core). The
-- template is text with fields such as {rolle} or {date:dd.mm.yy} and «…» where the quote goes;
-- the core checks it against the project's attributes when it is saved and again when used.
CREATE TABLE citation_template (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    template    TEXT NOT NULL CHECK (template <> ''),
    created_at  TEXT NOT NULL
);

-- A coding's English translation, exported beside the original. Goes with its coding.
CREATE TABLE coding_translation (
    coding_id  INTEGER PRIMARY KEY REFERENCES coding(id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (text <> '')
);

-- Sub-ranges of a coding the researcher left out of its quote (shown as «(…)» in exports):
-- char offsets into the document's text, end exclusive, inside the coding's span when set.
-- Ranges of one coding neither overlap nor touch (the core merges them). Go with the coding.
CREATE TABLE coding_omission (
    coding_id   INTEGER NOT NULL REFERENCES coding(id) ON DELETE CASCADE,
    start_char  INTEGER NOT NULL CHECK (start_char >= 0),
    end_char    INTEGER NOT NULL,
    PRIMARY KEY (coding_id, start_char),
    CHECK (start_char < end_char)
);
