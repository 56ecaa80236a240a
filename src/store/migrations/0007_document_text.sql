-- A document's original bytes move out of its row, and its text moves to the row's end.
--
-- Reading a column makes SQLite walk the overflow pages of every large value stored before it
-- in the row. The original file's bytes sat before the text, so every text read (search hits,
-- excerpts) walked a copy of the whole file first, and every listing column after the text
-- (preamble_end_char, words, imported_at) walked both. Now the originals have their own table,
-- read only when turns are re-detected, and the text is the row's last column, so the
-- document's other columns are read without touching it.

CREATE TABLE document_original (
    document_id  INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
    original     BLOB NOT NULL
);

INSERT INTO document_original (document_id, original) SELECT id, original FROM document;

ALTER TABLE document DROP COLUMN original;

-- SQLite adds a column only at the end, and a NOT NULL one only with a default; every insert
-- gives the text, so the default never applies.
ALTER TABLE document ADD COLUMN text_last TEXT NOT NULL DEFAULT '';
UPDATE document SET text_last = text;
ALTER TABLE document DROP COLUMN text;
ALTER TABLE document RENAME COLUMN text_last TO text;
