-- Tolk project schema, version 3: codings. Shipped migrations are append-only: add a new file,
-- never edit.

-- A coding: a span of a document's stored text (char offsets, end exclusive) tagged with a code
-- by one coder, optionally suggested by a rule. A coding goes with its document (CASCADE); a
-- code's codings are deleted explicitly by the facade when the code is deleted (and counted in
-- its confirmation), so the code reference restricts. The same (document, span, code, coder) is
-- stored once; the same span and code by several coders are several rows that retrieval counts
-- once.
CREATE TABLE coding (
    id           INTEGER PRIMARY KEY,
    guid         TEXT NOT NULL UNIQUE,
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    code_id      INTEGER NOT NULL REFERENCES code(id),
    coder_id     INTEGER NOT NULL REFERENCES coder(id),
    start_char   INTEGER NOT NULL CHECK (start_char >= 0),
    end_char     INTEGER NOT NULL,
    -- The rule that suggested the coding (a later issue); NULL for a researcher's own.
    rule         TEXT,
    created_at   TEXT NOT NULL,
    CHECK (start_char < end_char),
    UNIQUE (document_id, code_id, coder_id, start_char, end_char)
);
CREATE INDEX coding_document ON coding(document_id, start_char);
CREATE INDEX coding_code ON coding(code_id);
