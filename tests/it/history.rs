//! Undo, redo and the audit trail: every undoable gesture taken back and applied again exactly
//! (the whole project compared row by row), across closing and reopening and across separate
//! `tolk` processes (a redone coding keeps its GUID), a new gesture dropping the redo stack,
//! nothing to undo, a deleted document in between, and the history as JSON and CSV.

use serde_json::Value;
use tolk::{Error, ImportOptions, MemoTarget, Project};

use crate::util::{stdout, tolk, TempProject};

// As in codings.rs: turn 1's words are 3..19, turn 2's ("Tillit er frihet.") 25..42.
const TEXT: &str = "I: Hva betyr tillit\nIP1: Tillit er frihet.\n";
const OTHER: &str = "I: Og kontroll?\nIP1: Kontroll er trygt.\n";

/// A project with two documents (informants `samtale/IP1` and `andre/IP1`), three codes and the
/// coder `kari` already known (so no step creates a coder).
fn project() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    for (name, text) in [("samtale.txt", TEXT), ("andre.txt", OTHER)] {
        p.import_bytes(name, text.as_bytes(), &ImportOptions::default())
            .unwrap();
    }
    p.create_code(None, "Tillit", Some("#AA0000")).unwrap();
    p.create_code(Some("Tillit"), "Frihet", None).unwrap();
    p.create_code(None, "Kontroll", Some("#0000AA")).unwrap();
    p.current_coder().unwrap();
    (t, p)
}

/// Every row of every data table (not the change log or the history itself), as text, so two
/// states of the project compare exactly: ids and GUIDs included.
fn dump(t: &TempProject) -> Vec<String> {
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT IN ('change_log', 'history_step') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let values: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", values.join(" | ")))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.extend(rows);
    }
    out
}

/// Runs `gesture`, then checks that undo restores the project exactly as it was and redo
/// exactly as the gesture left it, and that the step is named `action`. Returns the step as the
/// CLI describes it.
fn undo_redo(
    t: &TempProject,
    p: &mut Project,
    action: &str,
    gesture: impl FnOnce(&mut Project),
) -> String {
    let before = dump(t);
    gesture(p);
    let after = dump(t);
    assert_ne!(before, after, "{action}: the gesture changed something");
    let step = p.undo().unwrap().expect("a step to undo");
    assert_eq!(step.action, action);
    assert_eq!(dump(t), before, "{action}: undo restores every row");
    let step = p.redo().unwrap().expect("a step to redo");
    assert_eq!(step.action, action);
    assert_eq!(
        dump(t),
        after,
        "{action}: redo restores every row, ids and GUIDs too"
    );
    step.describe()
}

#[test]
fn every_undoable_gesture_undoes_and_redoes_exactly() {
    let (t, mut p) = project();
    let step = undo_redo(&t, &mut p, "code", |p| {
        p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    });
    assert_eq!(step, "code \"Tillit\" (samtale)");
    let coding = p.codings("samtale").unwrap()[0].guid.clone();
    let step = undo_redo(&t, &mut p, "set_memo", |p| {
        p.set_memo(MemoTarget::Coding(coding.clone()), "Sterkt utsagn")
            .unwrap();
    });
    assert_eq!(step, "set_memo \"Tillit\"");
    let step = undo_redo(&t, &mut p, "set_memo", |p| {
        p.set_memo(MemoTarget::Coding(coding.clone()), "Sterkt, men vagt")
            .unwrap();
    });
    assert_eq!(step, "set_memo \"Tillit\"");
    p.set_memo(MemoTarget::Project, "Prosjektnotat").unwrap();
    let step = undo_redo(&t, &mut p, "delete_memo", |p| {
        p.set_memo(MemoTarget::Project, "").unwrap();
    });
    assert_eq!(step, "delete_memo");
    // Uncoding takes the coding's memo with it (a cascade); undo brings both back.
    let step = undo_redo(&t, &mut p, "uncode", |p| {
        p.uncode(&coding).unwrap();
    });
    assert_eq!(step, "uncode \"Tillit\" (samtale)");
    let step = undo_redo(&t, &mut p, "create_code", |p| {
        p.create_code(Some("Tillit"), "Tvil", None).unwrap();
    });
    assert_eq!(step, "create_code \"Tvil\"");
    let step = undo_redo(&t, &mut p, "rename_code", |p| {
        p.rename_code("Tillit/Tvil", "Mistillit").unwrap();
    });
    assert_eq!(step, "rename_code \"Tvil → Mistillit\"");
    let step = undo_redo(&t, &mut p, "set_code_color", |p| {
        p.set_code_color("Kontroll", "#00AA00").unwrap();
    });
    assert_eq!(step, "set_code_color \"Kontroll\"");
    let step = undo_redo(&t, &mut p, "move_code", |p| {
        p.move_code("Tillit/Frihet", Some("Kontroll"), Some(0))
            .unwrap();
    });
    assert_eq!(step, "move_code \"Frihet\"");
    let step = undo_redo(&t, &mut p, "hide_code_family", |p| {
        p.set_family_hidden("Kontroll", true).unwrap();
    });
    assert_eq!(step, "hide_code_family \"Kontroll\"");
    // Deleting a family with codings and a memo on a coding: one step brings all back.
    p.code_span("samtale", "Kontroll/Frihet", 3, 19, None)
        .unwrap();
    let nested = p.codings("samtale").unwrap()[0].guid.clone();
    p.set_memo(MemoTarget::Coding(nested), "Om frihet").unwrap();
    p.set_memo(MemoTarget::Code("Kontroll".into()), "Kodenotat")
        .unwrap();
    let step = undo_redo(&t, &mut p, "delete_code", |p| {
        let gone = p.delete_code("Kontroll").unwrap();
        assert_eq!((gone.codes, gone.codings), (2, 1));
    });
    assert_eq!(step, "delete_code \"Kontroll\"");
    let step = undo_redo(&t, &mut p, "set_attribute", |p| {
        p.set_document_attribute("samtale", "kommune", "Bodø")
            .unwrap();
    });
    assert_eq!(step, "set_attribute \"kommune = Bodø\" (samtale)");
    let step = undo_redo(&t, &mut p, "remove_attribute", |p| {
        assert!(p.remove_document_attribute("samtale", "kommune").unwrap());
    });
    assert_eq!(step, "remove_attribute \"kommune\" (samtale)");
    let step = undo_redo(&t, &mut p, "set_attribute", |p| {
        p.set_informant_attribute("andre/IP1", "alder", "34")
            .unwrap();
    });
    assert_eq!(step, "set_attribute \"alder = 34\" (andre/IP1)");
    // The merge moves andre/IP1's speaker and attribute over and deletes the informant.
    let step = undo_redo(&t, &mut p, "merge_informants", |p| {
        p.merge_informants("samtale/IP1", "andre/IP1").unwrap();
    });
    assert_eq!(step, "merge_informants \"andre/IP1 → samtale/IP1\"");
    let step = undo_redo(&t, &mut p, "rename_speaker", |p| {
        p.rename_speaker("samtale", "IP1", "Kari").unwrap();
    });
    assert_eq!(step, "rename_speaker \"IP1 → Kari\" (samtale)");
    let step = undo_redo(&t, &mut p, "rename_document", |p| {
        p.rename_document("andre", "Intervju 2").unwrap();
    });
    assert_eq!(step, "rename_document \"andre → Intervju 2\"");
}

#[test]
fn undo_and_redo_after_reopening_keep_the_coding_guid() {
    let (t, mut p) = project();
    let coded = p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    p.close().unwrap();

    let mut p = t.open();
    let step = p
        .undo()
        .unwrap()
        .expect("the coding can be undone after reopening");
    assert_eq!(step.action, "code");
    assert_eq!(step.name.as_deref(), Some("Tillit"));
    assert_eq!(step.context.as_deref(), Some("samtale"));
    assert!(p.codings("samtale").unwrap().is_empty());
    p.close().unwrap();

    let mut p = t.open();
    assert_eq!(p.redo().unwrap().unwrap().action, "code");
    let back = p.codings("samtale").unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].guid, coded.guid, "a redone coding keeps its GUID");
    assert_eq!((back[0].start_char, back[0].end_char), (25, 34));
    p.close().unwrap();
}

#[test]
fn the_cli_undoes_and_redoes_across_processes() {
    let (t, mut p) = project();
    let coded = p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    p.close().unwrap();
    let cache = t.dir.path().join("cache");
    let excerpts = || {
        let out = tolk(
            &[&"excerpts", &t.path, &"--code", &"Tillit", &"--json"],
            &cache,
        );
        assert!(out.status.success(), "{out:?}");
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()
    };
    assert_eq!(excerpts().as_array().unwrap().len(), 1);

    let out = tolk(&[&"undo", &t.path], &cache);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), "undid: code \"Tillit\" (samtale)\n");
    assert_eq!(excerpts().as_array().unwrap().len(), 0);

    let out = tolk(&[&"redo", &t.path], &cache);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), "redid: code \"Tillit\" (samtale)\n");
    let back = excerpts();
    assert_eq!(back[0]["text"], "Tillit er");

    let p = t.open();
    assert_eq!(p.codings("samtale").unwrap()[0].guid, coded.guid);
    p.close().unwrap();

    // Nothing further to redo: a clear message and a failing exit status.
    let out = tolk(&[&"redo", &t.path], &cache);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "tolk: nothing to redo\n"
    );
}

#[test]
fn nothing_to_undo_in_a_new_project() {
    let t = TempProject::new();
    let mut p = t.open();
    assert_eq!(p.undo().unwrap(), None);
    assert_eq!(p.redo().unwrap(), None);
    assert_eq!(p.undo_state().unwrap(), tolk::project::UndoState::default());
    p.close().unwrap();
    let out = tolk(&[&"undo", &t.path], &t.dir.path().join("cache"));
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "tolk: nothing to undo\n"
    );
}

#[test]
fn a_new_gesture_drops_the_redo_stack() {
    let (_t, mut p) = project();
    p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    p.code_span("samtale", "Kontroll", 3, 19, None).unwrap();
    p.undo().unwrap().unwrap();
    let state = p.undo_state().unwrap();
    assert_eq!(state.redo.unwrap().name.as_deref(), Some("Kontroll"));
    assert_eq!(state.undo.unwrap().name.as_deref(), Some("Tillit"));

    p.rename_code("Tillit", "Tiltro").unwrap();
    let state = p.undo_state().unwrap();
    assert_eq!(
        state.redo, None,
        "the undone coding can no longer be redone"
    );
    assert_eq!(state.undo.unwrap().action, "rename_code");
    assert_eq!(p.redo().unwrap(), None);
    // Undo walks back through the rename, then the first coding.
    assert_eq!(p.undo().unwrap().unwrap().action, "rename_code");
    assert_eq!(p.undo().unwrap().unwrap().action, "code");
    // Then the codes the project was set up with.
    assert_eq!(p.undo().unwrap().unwrap().action, "create_code");
}

#[test]
fn a_gesture_that_changes_nothing_is_no_step() {
    let (_t, mut p) = project();
    p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    // The same coding again returns the existing one: nothing changed, nothing to undo twice.
    p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    assert_eq!(p.undo().unwrap().unwrap().action, "code");
    assert_eq!(p.undo().unwrap().unwrap().action, "create_code");
}

#[test]
fn undoing_the_first_coding_of_a_coder_keeps_the_coder() {
    let (_t, mut p) = project();
    let v = p
        .code_span("samtale", "Tillit", 25, 34, Some("Ola"))
        .unwrap();
    let step = p.undo().unwrap().unwrap();
    // The step logged the new coder and the coding; it is named by the coding.
    assert_eq!((step.action.as_str(), step.changes), ("code", 2));
    assert!(p.coders().unwrap().iter().any(|c| c.name == "Ola"));
    p.redo().unwrap().unwrap();
    assert_eq!(p.codings("samtale").unwrap()[0].guid, v.guid);
}

#[test]
fn a_deleted_document_in_between() {
    let (t, mut p) = project();
    // Step 1 codes in andre; steps 2 and 3 code and uncode in samtale, which is then deleted
    // (not undoable).
    p.code_span("andre", "Kontroll", 21, 29, None).unwrap();
    p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    let gone = p.code_span("samtale", "Kontroll", 3, 19, None).unwrap();
    p.uncode(&gone.guid).unwrap();
    p.delete_document("samtale").unwrap();
    let before = dump(&t);

    // Undoing the uncode would put a coding back into the deleted document: refused, nothing
    // changed, and the step leaves the history.
    let err = p.undo().unwrap_err();
    assert!(
        matches!(err, Error::UndoConflict { verb: "undo", .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with(
            "cannot undo uncode \"Kontroll\" (samtale): something that cannot be undone"
        ),
        "{err}"
    );
    assert_eq!(dump(&t), before);
    // Undoing the coding of samtale: that coding went with its document already, so the step
    // is done with nothing left to change.
    assert_eq!(
        p.undo().unwrap().unwrap().context.as_deref(),
        Some("samtale")
    );
    assert_eq!(
        p.undo().unwrap().unwrap().context.as_deref(),
        Some("samtale")
    );
    // The coding in andre is unaffected by all this and undoes as usual.
    assert_eq!(p.undo().unwrap().unwrap().context.as_deref(), Some("andre"));
    assert!(p.codings("andre").unwrap().is_empty());
    assert_eq!(p.redo().unwrap().unwrap().context.as_deref(), Some("andre"));
    assert_eq!(p.codings("andre").unwrap().len(), 1);
    // Redoing a coding into the deleted document is refused the same way.
    let err = p.redo().unwrap_err();
    assert!(
        matches!(err, Error::UndoConflict { verb: "redo", .. }),
        "{err:?}"
    );
}

#[test]
fn the_history_keeps_at_least_a_hundred_steps() {
    let (_t, mut p) = project();
    for i in 0..120 {
        p.set_document_attribute("samtale", "runde", &i.to_string())
            .unwrap();
    }
    for i in (0..120).rev() {
        let step = p.undo().unwrap().unwrap();
        assert_eq!(step.name, Some(format!("runde = {i}")));
    }
    let attributes = p.document("samtale").unwrap().attributes;
    assert!(!attributes.contains_key("runde"), "all 120 steps undone");
}

#[test]
fn the_history_is_an_audit_trail_in_json_and_csv() {
    let (t, mut p) = project();
    p.code_span("samtale", "Tillit", 25, 34, None).unwrap();
    p.rename_code("Kontroll", "Styring").unwrap();
    p.undo().unwrap().unwrap();
    p.close().unwrap();
    let cache = t.dir.path().join("cache");

    let out = tolk(&[&"history", &t.path, &"--json"], &cache);
    assert!(out.status.success(), "{out:?}");
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entries = json.as_array().unwrap();
    // Two imports, three codes, the coder, the coding, the rename and its undo.
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "import_document",
            "import_document",
            "create_code",
            "create_code",
            "create_code",
            "create_coder",
            "code",
            "rename_code",
            "undo"
        ]
    );
    let keys: Vec<&str> = entries[6]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "action",
            "actor",
            "at",
            "context",
            "detail",
            "name",
            "seq",
            "step_action",
            "subject",
            "undone"
        ]
    );
    let code = &entries[6];
    assert_eq!(code["actor"], "kari");
    assert_eq!(code["name"], "Tillit");
    assert_eq!(code["context"], "samtale");
    assert_eq!(code["undone"], false);
    assert_eq!(code["detail"]["start_char"], 25);
    let rename = &entries[7];
    assert_eq!(rename["name"], "Kontroll → Styring");
    assert_eq!(rename["undone"], true);
    let undo = &entries[8];
    assert_eq!(undo["step_action"], "rename_code");
    assert_eq!(undo["name"], "Kontroll → Styring");
    assert_eq!(undo["undone"], false);
    assert_eq!(undo["seq"], 9);

    let out = tolk(&[&"history", &t.path, &"--csv"], &cache);
    let csv = stdout(&out);
    assert!(csv.starts_with("\u{feff}seq;at;actor;action;name;context;undone;subject;detail\n"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 10, "a header and nine entries");
    assert!(
        lines[8].contains(";kari;rename_code;Kontroll → Styring;;yes;"),
        "{}",
        lines[8]
    );
    assert!(
        lines[9].contains(";kari;undo rename_code;Kontroll → Styring;;no;"),
        "{}",
        lines[9]
    );

    // The export writes the same to a file.
    let p = t.open();
    let file = t.dir.path().join("historikk.csv");
    assert_eq!(
        p.export_history(&file, tolk::project::HistoryFormat::Csv)
            .unwrap(),
        9
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);
    let file = t.dir.path().join("historikk.json");
    p.export_history(&file, tolk::project::HistoryFormat::Json)
        .unwrap();
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(exported, json);
    // The history view reads the newest entries only, newest first, with the total.
    let (newest, total) = p.recent_history(2).unwrap();
    assert_eq!(total, 9);
    let newest: Vec<(i64, &str, bool)> = newest
        .iter()
        .map(|c| (c.seq, c.action.as_str(), c.undone))
        .collect();
    assert_eq!(newest, [(9, "undo", false), (8, "rename_code", true)]);
    p.close().unwrap();
}

#[test]
fn the_codebook_a_project_starts_with_is_no_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Project::create_with_codebook(&dir.path().join("b.tolk"), Some("bentzen")).unwrap();
    assert_eq!(p.undo().unwrap(), None);
    // Adding it later is a gesture like any other.
    let mut q = Project::create(&dir.path().join("c.tolk")).unwrap();
    q.add_builtin_codebook("bentzen").unwrap();
    assert_eq!(q.undo().unwrap().unwrap().action, "add_codebook");
    assert!(q.codes().unwrap().is_empty());
    p.close().unwrap();
    q.close().unwrap();
}
