-- Tolk project schema, version 5: the undo history. Shipped migrations are append-only: add a new
-- file, never edit.

-- One undoable gesture (a coding, a code edit, a memo, an attribute, an informant merge, a bulk
-- change): the SQLite session changeset of everything it changed in the data tables, and the
-- change_log entries it wrote (seq first_seq..=last_seq), which name and describe it. Undo applies
-- the inverted changeset and marks the step undone; redo applies it again (so a redone coding
-- keeps its id and GUID). A new gesture drops the undone steps (the redo stack); the oldest steps
-- beyond the history's length are dropped too. The change_log keeps every entry, including the
-- `undo` and `redo` entries, as the audit trail.
CREATE TABLE history_step (
    id         INTEGER PRIMARY KEY,
    first_seq  INTEGER NOT NULL,
    last_seq   INTEGER NOT NULL,
    changeset  BLOB NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('done', 'undone')),
    CHECK (first_seq <= last_seq)
);
CREATE INDEX history_step_state ON history_step(state, id);
