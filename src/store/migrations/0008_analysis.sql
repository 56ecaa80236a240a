-- Tolk project schema: thematic analysis. Shipped migrations are append-only: add a new file,
-- never edit. (The position of this file in the list is set when branches are merged; it depends
-- on no migration but the first three.)

-- The researcher's choice about one quote of a theme's summary: a coding (the excerpt, named by
-- any of its identical codings) pinned to the top of the code's representative quotes, or
-- excluded from them ("swapped" for the next one). One choice per code and coding; pins are shown
-- in `position` order. Goes with its code or its coding.
CREATE TABLE quote_choice (
    code_id    INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    coding_id  INTEGER NOT NULL REFERENCES coding(id) ON DELETE CASCADE,
    choice     TEXT NOT NULL CHECK (choice IN ('pinned', 'excluded')),
    position   INTEGER NOT NULL,
    PRIMARY KEY (code_id, coding_id)
);
CREATE INDEX quote_choice_coding ON quote_choice(coding_id);

-- A cell of the framework matrix (informants x themes): the researcher's short summary of what
-- one informant says about one theme. Empty text is no row. Merging informants moves the cells
-- (`store::analysis::move_framework_cells`); deleting the informant or the code deletes them.
CREATE TABLE framework_cell (
    informant_id  INTEGER NOT NULL REFERENCES informant(id) ON DELETE CASCADE,
    code_id       INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    text          TEXT NOT NULL CHECK (text <> ''),
    author        TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (informant_id, code_id)
);
CREATE INDEX framework_cell_code ON framework_cell(code_id);
