-- Tolk project schema, version 4: memos. Shipped migrations are append-only: add a new file, never
-- edit.

-- A memo: the researcher's note on the project, a document, a code or a single coding; one per
-- target (setting a memo again replaces its text). `kind` says what it is on, and exactly the
-- matching target column is set (a project memo has none), so deleting the document, code or
-- coding deletes its memo. `author` is the coder name (the change log's actor) who last wrote it.
CREATE TABLE memo (
    id           INTEGER PRIMARY KEY,
    guid         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('project', 'document', 'code', 'coding')),
    document_id  INTEGER REFERENCES document(id) ON DELETE CASCADE,
    code_id      INTEGER REFERENCES code(id) ON DELETE CASCADE,
    coding_id    INTEGER REFERENCES coding(id) ON DELETE CASCADE,
    title        TEXT CHECK (title IS NULL OR title <> ''),
    text         TEXT NOT NULL CHECK (text <> ''),
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((kind = 'document') = (document_id IS NOT NULL)
       AND (kind = 'code') = (code_id IS NOT NULL)
       AND (kind = 'coding') = (coding_id IS NOT NULL))
);
-- One memo per target. SQLite lets NULLs repeat in a UNIQUE index, so each index only binds the
-- memos of its kind; they also serve the cascades.
CREATE UNIQUE INDEX memo_on_project ON memo(kind) WHERE kind = 'project';
CREATE UNIQUE INDEX memo_on_document ON memo(document_id);
CREATE UNIQUE INDEX memo_on_code ON memo(code_id);
CREATE UNIQUE INDEX memo_on_coding ON memo(coding_id);
