-- Tolk project schema, version 1. Shipped migrations are append-only: add a new file, never edit.

CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    guid        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

CREATE TABLE document (
    id                 INTEGER PRIMARY KEY,
    guid               TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL UNIQUE,
    source_path        TEXT NOT NULL,
    format             TEXT NOT NULL CHECK (format IN ('txt', 'md', 'docx', 'odt', 'vtt', 'srt')),
    language           TEXT NOT NULL DEFAULT 'nb' CHECK (language IN ('nb', 'nn', 'da', 'sv', 'en')),
    original           BLOB NOT NULL,
    content_sha256     TEXT NOT NULL UNIQUE,
    text               TEXT NOT NULL,
    preamble_end_char  INTEGER NOT NULL,
    words              INTEGER NOT NULL,
    speaker_pattern    TEXT,
    imported_at        TEXT NOT NULL
);

-- A speaker label within one document. Informant speakers point at their informant; several
-- speakers (across documents) may be one informant after a merge.
CREATE TABLE speaker (
    id            INTEGER PRIMARY KEY,
    guid          TEXT NOT NULL UNIQUE,
    document_id   INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    label         TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('interviewer', 'informant')),
    informant_id  INTEGER REFERENCES informant(id),
    UNIQUE (document_id, label),
    CHECK ((role = 'informant') = (informant_id IS NOT NULL))
);
CREATE INDEX speaker_informant ON speaker(informant_id);

CREATE TABLE informant (
    id    INTEGER PRIMARY KEY,
    guid  TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE turn (
    id                INTEGER PRIMARY KEY,
    guid              TEXT NOT NULL UNIQUE,
    document_id       INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    n                 INTEGER NOT NULL CHECK (n >= 1),
    speaker_id        INTEGER NOT NULL REFERENCES speaker(id),
    label_start_char  INTEGER NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    time_ms           INTEGER,
    UNIQUE (document_id, n),
    CHECK (label_start_char <= start_char AND start_char <= end_char)
);
CREATE INDEX turn_speaker ON turn(speaker_id);

CREATE TABLE document_attribute (
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (document_id, key)
);

CREATE TABLE informant_attribute (
    informant_id  INTEGER NOT NULL REFERENCES informant(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (informant_id, key)
);

-- The project's change log: every change, in order. Later versions add undo data; the search
-- index records the last sequence it reflects.
CREATE TABLE change_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '{}'
);
