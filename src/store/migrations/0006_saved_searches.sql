-- Tolk project schema, version 6: saved searches. Shipped migrations are append-only: add a new
-- file, never edit.

-- A search the researcher saved to re-run: its name (unique, compared ignoring case by the core),
-- the query as typed, and its scope: 'all' text, hits inside codings of `code` (a code GUID, so a
-- renamed or moved code still matches; a deleted code makes the search report that code as
-- missing when re-run) or 'uncoded' text. `filters` is a JSON array of KEY=VALUE strings.
CREATE TABLE saved_search (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    query       TEXT NOT NULL CHECK (query <> ''),
    scope       TEXT NOT NULL CHECK (scope IN ('all', 'code', 'uncoded')),
    code        TEXT,
    filters     TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL,
    CHECK ((scope = 'code') = (code IS NOT NULL))
);
