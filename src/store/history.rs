//! The undo history (table `history_step`, migration `0005_history.sql`), recorded with SQLite's
//! session extension rather than hand-written inverses: whatever a gesture changes, cascades
//! included, is in its changeset, and undo is that changeset inverted.
//!
//! Rules (ARCHITECTURE.md repeats them):
//! - Recorded tables: every data table except `change_log` (the audit trail, which undo appends
//!   to instead), `history_step` itself and `coder` (a coder, once named, stays; undoing the
//!   first coding by a coder must not take the coder away, or the app would re-create it with
//!   another GUID and redo would collide).
//! - Undo takes the newest `done` step; redo the oldest `undone` one. A new undoable gesture
//!   drops every `undone` step. At most [`KEEP`] steps are kept.
//! - Non-undoable changes (imports, document deletions, re-detected turns) are not steps. When
//!   one has since changed or removed rows a step touches, applying the step meets a conflict
//!   (a row missing or different, a reference to a deleted document): nothing is applied, the
//!   step leaves the history (it can never apply cleanly again) and the caller gets
//!   [`Error::UndoConflict`]. A row the step would delete that is already gone is no conflict:
//!   the outcome is the one asked for.

use std::sync::{Arc, Mutex};

use rusqlite::session::{invert_strm, ConflictAction, ConflictType, Session};
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::{Error, Result};

/// How many steps the history keeps (older ones can no longer be undone; the change log keeps
/// their entries).
pub(crate) const KEEP: i64 = 500;

/// Tables whose changes are not part of a step.
const NOT_RECORDED: &[&str] = &["change_log", "history_step", "coder", "sqlite_sequence"];

/// Records one undoable gesture inside its transaction.
pub(crate) struct Recorder<'conn> {
    session: Session<'conn>,
    seq_before: i64,
}

impl<'conn> Recorder<'conn> {
    /// Starts recording changes made through `conn` (the gesture's open transaction).
    pub(crate) fn start(conn: &'conn Connection) -> Result<Recorder<'conn>> {
        let mut session = Session::new(conn)?;
        session.table_filter(Some(|table: &str| !NOT_RECORDED.contains(&table)));
        session.attach(None::<&str>)?;
        Ok(Recorder {
            session,
            seq_before: last_seq(conn)?,
        })
    }

    /// Stores what was recorded as one `done` step covering the change-log entries written
    /// since [`Recorder::start`], and drops the redo stack. A gesture that changed nothing
    /// (setting a value to what it was) leaves no step.
    pub(crate) fn finish(mut self, tx: &Transaction) -> Result<()> {
        let mut changeset = Vec::new();
        self.session.changeset_strm(&mut changeset)?;
        drop(self.session);
        // Also empty when the gesture put back what it changed (the session nets rows out).
        if changeset.is_empty() {
            return Ok(());
        }
        let last = last_seq(tx)?;
        debug_assert!(
            last > self.seq_before,
            "an undoable gesture writes the change log"
        );
        tx.execute("DELETE FROM history_step WHERE state = 'undone'", [])?;
        tx.execute(
            "INSERT INTO history_step (first_seq, last_seq, changeset, state)
             VALUES (?1, ?2, ?3, 'done')",
            (
                self.seq_before + 1,
                last.max(self.seq_before + 1),
                changeset,
            ),
        )?;
        tx.execute(
            "DELETE FROM history_step WHERE id <= last_insert_rowid() - ?1",
            [KEEP],
        )?;
        Ok(())
    }
}

fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// Undo (take a step back) or redo (apply it again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Undo,
    Redo,
}

/// A step of the history, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StepRow {
    pub id: i64,
    pub first_seq: i64,
    pub last_seq: i64,
}

/// The step undo (the newest done) or redo (the oldest undone) would take.
pub(crate) fn next(conn: &Connection, direction: Direction) -> Result<Option<StepRow>> {
    let sql = match direction {
        Direction::Undo => {
            "SELECT id, first_seq, last_seq FROM history_step WHERE state = 'done'
             ORDER BY id DESC LIMIT 1"
        }
        Direction::Redo => {
            "SELECT id, first_seq, last_seq FROM history_step WHERE state = 'undone'
             ORDER BY id LIMIT 1"
        }
    };
    Ok(conn
        .query_row(sql, [], |r| {
            Ok(StepRow {
                id: r.get(0)?,
                first_seq: r.get(1)?,
                last_seq: r.get(2)?,
            })
        })
        .optional()?)
}

/// Applies step `id` backwards (undo) or forwards (redo) inside `tx` and flips its state.
/// Returns `Ok(false)` when a later non-undoable change makes it impossible; then nothing of it
/// was applied, and the caller drops the step in a transaction of its own.
pub(crate) fn apply(tx: &Transaction, id: i64, direction: Direction) -> Result<bool> {
    let changeset: Vec<u8> = tx.query_row(
        "SELECT changeset FROM history_step WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let changeset = match direction {
        Direction::Redo => changeset,
        Direction::Undo => {
            let mut inverted = Vec::new();
            invert_strm(&mut changeset.as_slice(), &mut inverted)?;
            inverted
        }
    };
    let conflicted = Arc::new(Mutex::new(false));
    let seen = Arc::clone(&conflicted);
    let applied = tx.apply_strm(
        &mut changeset.as_slice(),
        None::<fn(&str) -> bool>,
        move |kind, item| {
            let already_gone = kind == ConflictType::SQLITE_CHANGESET_NOTFOUND
                && item
                    .op()
                    .is_ok_and(|op| op.code() == rusqlite::hooks::Action::SQLITE_DELETE);
            if already_gone {
                return ConflictAction::SQLITE_CHANGESET_OMIT;
            }
            *seen.lock().expect("conflict flag") = true;
            ConflictAction::SQLITE_CHANGESET_ABORT
        },
    );
    if let Err(e) = applied {
        return if *conflicted.lock().expect("conflict flag") {
            Ok(false)
        } else {
            Err(Error::Sqlite(e))
        };
    }
    tx.execute(
        "UPDATE history_step SET state = ?1 WHERE id = ?2",
        (
            match direction {
                Direction::Undo => "undone",
                Direction::Redo => "done",
            },
            id,
        ),
    )?;
    Ok(true)
}

/// Drops a step that can no longer be applied.
pub(crate) fn drop_step(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute("DELETE FROM history_step WHERE id = ?1", [id])?;
    Ok(())
}

/// Forgets every step (the change log keeps their entries): for changes that are part of
/// creating a project.
pub(crate) fn forget(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM history_step", [])?;
    Ok(())
}
