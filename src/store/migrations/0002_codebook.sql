-- Tolk project schema, version 2: the codebook (codes, the blocks and rules of the templates they
-- came from) and coders. Shipped migrations are append-only: add a new file, never edit.

-- A codebook template added to the project (the built-in Bentzen codebook, or an imported
-- `tolk-codebook` JSON file). `meta` keeps the template's top-level fields other than format,
-- version, id, name, blocks and codes (description, negators, false_positives,
-- co_occurrence_rules, source_legend, ...) verbatim, for rule-based suggestions and export.
CREATE TABLE codebook_template (
    id           INTEGER PRIMARY KEY,
    guid         TEXT NOT NULL UNIQUE,
    template_id  TEXT NOT NULL UNIQUE,
    name_nb      TEXT NOT NULL,
    name_en      TEXT,
    meta         TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
    added_at     TEXT NOT NULL
);

-- A template's blocks (A-F in Bentzen's): a grouping of themes shown as headers or a filter,
-- not codes. Letters are unique in the project.
CREATE TABLE code_block (
    id        INTEGER PRIMARY KEY,
    guid      TEXT NOT NULL UNIQUE,
    letter    TEXT NOT NULL UNIQUE,
    name_nb   TEXT NOT NULL,
    name_en   TEXT,
    position  INTEGER NOT NULL
);

-- A code. Top-level codes have no parent; `position` orders siblings (0, 1, ... kept compact
-- by the facade). `key` is a template id (`T06.4.7`) that never changes on move or rename; user
-- codes have none. Names are unique among siblings (case-insensitive after NFC), which the facade
-- enforces: a UNIQUE index cannot, since top-level codes share a NULL parent. Deleting a code
-- deletes its children explicitly, hence RESTRICT.
CREATE TABLE code (
    id             INTEGER PRIMARY KEY,
    guid           TEXT NOT NULL UNIQUE,
    parent_id      INTEGER REFERENCES code(id) ON DELETE RESTRICT,
    position       INTEGER NOT NULL CHECK (position >= 0),
    key            TEXT UNIQUE,
    name_nb        TEXT NOT NULL CHECK (name_nb <> ''),
    name_en        TEXT,
    color          TEXT NOT NULL CHECK (color GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
    definition_nb  TEXT NOT NULL DEFAULT '',
    definition_en  TEXT,
    -- The researcher's inclusion and exclusion notes; they start empty.
    inclusion      TEXT NOT NULL DEFAULT '',
    exclusion      TEXT NOT NULL DEFAULT '',
    -- Anchor examples: a JSON array of strings.
    anchors        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(anchors) AND json_type(anchors) = 'array'),
    -- The template's note on the code, shown read-only.
    source_note    TEXT,
    -- The template's per-code fields kept for rule-based suggestions and export (indicators,
    -- exclude, sources and any field Tolk does not know), a JSON object.
    rules          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(rules) AND json_type(rules) = 'object'),
    -- The template's block letter, on the codes the template gave one (its themes).
    block          TEXT REFERENCES code_block(letter),
    -- 1: the family this code heads is switched off (hidden with its descendants).
    hidden         INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at     TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX code_parent ON code(parent_id, position);

-- A coder (a REFI-QDA user): who made a coding.
CREATE TABLE coder (
    id          INTEGER PRIMARY KEY,
    guid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
