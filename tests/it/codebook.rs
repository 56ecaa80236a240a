//! The codebook: the built-in Bentzen codebook against `../shared`'s JSON, resolving codes,
//! sibling names, moves, hidden families, deletion, export and import, the CLI, coders, and a
//! project from before the codebook migration.

use std::collections::HashSet;
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;
use tolk::{Error, Project};

use crate::util::{fixture, repo, shared, stdout, tolk, TempProject};

/// A code of `../shared/codebook/bentzen-tillit.json`, read straight from the JSON.
#[derive(Debug, Clone)]
struct RawCode {
    key: String,
    depth: usize,
    parent: Option<String>,
    name: String,
    name_en: String,
    color: String,
    /// The block of its theme.
    block: String,
    path: String,
    /// How many codes its family has (itself and all below).
    family: usize,
}

fn escape(name: &str) -> String {
    name.replace('\\', "\\\\").replace('/', "\\/")
}

fn raw_json() -> Value {
    let text = std::fs::read_to_string(shared("codebook/bentzen-tillit.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every code depth-first in file order.
fn raw_codes() -> Vec<RawCode> {
    fn walk(
        codes: &Value,
        depth: usize,
        parent: Option<&RawCode>,
        out: &mut Vec<RawCode>,
    ) -> usize {
        let mut total = 0;
        for c in codes.as_array().unwrap() {
            let name = c["name"]["nb"].as_str().unwrap().to_owned();
            let code = RawCode {
                key: c["id"].as_str().unwrap().to_owned(),
                depth,
                parent: parent.map(|p| p.key.clone()),
                name_en: c["name"]["en"].as_str().unwrap().to_owned(),
                color: c["color"].as_str().unwrap().to_owned(),
                block: match parent {
                    Some(p) => p.block.clone(),
                    None => c["block"].as_str().unwrap().to_owned(),
                },
                path: match parent {
                    Some(p) => format!("{}/{}", p.path, escape(&name)),
                    None => escape(&name),
                },
                name,
                family: 0,
            };
            let at = out.len();
            out.push(code.clone());
            let below = walk(&c["children"], depth + 1, Some(&code), out);
            out[at].family = 1 + below;
            total += 1 + below;
        }
        total
    }
    let mut out = Vec::new();
    walk(&raw_json()["codes"], 0, None, &mut out);
    out
}

fn with_bentzen() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    p.add_builtin_codebook("bentzen").unwrap();
    (t, p)
}

fn paths(p: &Project) -> Vec<String> {
    p.codes().unwrap().into_iter().map(|c| c.path).collect()
}

fn invalid(e: Error) -> String {
    match e {
        Error::Invalid(m) => m,
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
}

#[test]
fn the_shipped_codebook_is_the_shared_one_byte_for_byte() {
    let shared_bytes = std::fs::read(shared("codebook/bentzen-tillit.json")).unwrap();
    let shipped = std::fs::read(repo().join("src/codebook/bentzen-tillit.json")).unwrap();
    assert!(
        shipped == shared_bytes,
        "src/codebook/bentzen-tillit.json differs from ../shared"
    );
    let compiled_in = tolk::codebook::builtin("bentzen").unwrap();
    assert!(compiled_in.as_bytes() == shared_bytes.as_slice());
}

#[test]
fn the_builtin_codebook_loads_with_the_counts_of_the_json() {
    let raw = raw_codes();
    let json = raw_json();
    // The counts, from the JSON itself.
    let top = json["codes"].as_array().unwrap().len();
    assert_eq!(top, 19, "the README promises 19 themes");
    assert_eq!(raw.iter().filter(|c| c.depth == 0).count(), top);
    let keys: HashSet<&str> = raw.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys.len(), raw.len(), "keys are unique");
    for c in &raw {
        if let Some(parent) = &c.parent {
            assert!(
                c.key.starts_with(&format!("{parent}.")),
                "{} extends {parent}",
                c.key
            );
        }
    }
    let themes: Vec<&str> = raw
        .iter()
        .filter(|c| c.depth == 0)
        .map(|c| c.key.as_str())
        .collect();
    let expected_themes: Vec<String> = (1..=19).map(|n| format!("T{n:02}")).collect();
    assert_eq!(themes, expected_themes);

    let (_t, p) = with_bentzen();
    let codes = p.codes().unwrap();
    assert_eq!(codes.len(), raw.len());
    for (code, raw) in codes.iter().zip(&raw) {
        assert_eq!(
            code.key.as_deref(),
            Some(raw.key.as_str()),
            "tree order is file order"
        );
        assert_eq!(code.depth, raw.depth, "{}", raw.key);
        assert_eq!(code.name, raw.name);
        assert_eq!(code.name_en.as_deref(), Some(raw.name_en.as_str()));
        assert_eq!(code.color, raw.color);
        assert_eq!(code.block.as_deref(), Some(raw.block.as_str()));
        assert_eq!(code.path, raw.path);
        assert!(!code.hidden);
        let parent_key = code
            .parent
            .as_ref()
            .map(|g| p.resolve_code(g).unwrap().key.unwrap());
        assert_eq!(parent_key, raw.parent);
    }
    let blocks: Vec<(String, String)> = p
        .code_blocks()
        .unwrap()
        .into_iter()
        .map(|b| (b.letter, b.name_nb))
        .collect();
    let raw_blocks: Vec<(String, String)> = json["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_owned(),
                b["name"]["nb"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(blocks, raw_blocks);

    // A code's details: definitions, anchors, the note as a read-only source note, and the
    // indicators kept as rules; the researcher's notes start empty.
    let t01_1 = &json["codes"][0]["children"][0];
    let detail = p.code_detail("T01.1").unwrap();
    assert_eq!(
        detail.data.definition_nb,
        t01_1["definition"]["nb"].as_str().unwrap()
    );
    assert_eq!(
        Value::from(detail.data.anchors.clone()),
        t01_1["anchors"],
        "anchors"
    );
    assert_eq!(detail.data.rules["indicators"], t01_1["indicators"]);
    assert_eq!(detail.data.rules["exclude"], t01_1["exclude"]);
    assert!(detail.data.inclusion.is_empty() && detail.data.exclusion.is_empty());
    let t01 = p.code_detail("T01").unwrap();
    assert_eq!(
        t01.data.source_note.as_deref(),
        json["codes"][0]["note"].as_str()
    );
}

#[test]
fn codes_resolve_by_key_guid_and_path() {
    let raw = raw_codes();
    let (_t, p) = with_bentzen();
    // A name with a slash in it: "Tillit i teamet / kollegiet" (T04.2.1).
    let slashed = raw.iter().find(|c| c.key == "T04.2.1").unwrap();
    assert!(slashed.name.contains(" / "), "{}", slashed.name);
    assert!(slashed.path.contains(r" \/ "), "{}", slashed.path);
    let by_path = p.resolve_code(&slashed.path).unwrap();
    assert_eq!(by_path.key.as_deref(), Some("T04.2.1"));
    let by_key = p.resolve_code("t04.2.1").unwrap();
    assert_eq!(by_key, by_path);
    let by_guid = p.resolve_code(&by_key.guid.to_lowercase()).unwrap();
    assert_eq!(by_guid, by_key);
    // Paths compare like sibling names: any case, spaces around the slashes.
    let upper = slashed
        .path
        .to_uppercase()
        .replace('/', " / ")
        .replace(r"\ / ", r"\/");
    assert_eq!(p.resolve_code(&upper).unwrap().guid, by_key.guid, "{upper}");
    // English names work too.
    let t01 = raw.iter().find(|c| c.key == "T01").unwrap();
    let t01_4 = raw.iter().find(|c| c.key == "T01.4").unwrap();
    let en = format!("{}/{}", t01.name_en, t01_4.name_en);
    assert_eq!(p.resolve_code(&en).unwrap().key.as_deref(), Some("T01.4"));
    // The unescaped slash splits the name, so it names nothing.
    let unescaped = slashed.path.replace(r"\/", "/");
    let message = invalid(p.resolve_code(&unescaped).unwrap_err());
    assert!(message.contains("no code"), "{message}");
    assert!(p.resolve_code("T99").is_err());
}

#[test]
fn sibling_names_are_unique_ignoring_case_and_normalisation() {
    let (_t, mut p) = with_bentzen();
    let raw = raw_codes();
    let t01 = &raw[0];
    let err = invalid(
        p.create_code(None, &t01.name.to_uppercase(), None)
            .unwrap_err(),
    );
    assert!(
        err.contains(&format!("{:?} (T01)", t01.name)),
        "names the clash: {err}"
    );
    assert!(err.contains("top level"), "{err}");

    // Under a parent: "Mistillit og mistro" is T01.4 under T01.
    let err = invalid(
        p.create_code(Some("T01"), "  mistillit OG mistro ", Some("#000000"))
            .unwrap_err(),
    );
    assert!(err.contains("(T01.4)") && err.contains("under"), "{err}");
    // The same name under another parent is fine.
    let guid = p
        .create_code(Some("T02"), "Mistillit og mistro", None)
        .unwrap();
    let created = p.resolve_code(&guid).unwrap();
    assert_eq!(created.key, None, "user codes have no key");
    assert_eq!(
        created.color,
        raw.iter().find(|c| c.key == "T02").unwrap().color
    );

    // NFC: "Å" as A + U+030A equals the precomposed "Å".
    p.create_code(None, "\u{C5}pen dør", Some("123abc"))
        .unwrap();
    let err = invalid(p.create_code(None, "A\u{30A}PEN DØR", None).unwrap_err());
    assert!(err.contains("\"Åpen dør\""), "{err}");
    assert_eq!(p.resolve_code("Åpen dør").unwrap().color, "#123ABC");

    // Renaming onto a sibling's name, or moving next to a namesake, is refused too.
    let err = invalid(p.rename_code("T01.1", "MISTILLIT og mistro").unwrap_err());
    assert!(err.contains("(T01.4)"), "{err}");
    let err = invalid(p.move_code("T01.4", Some("T02"), None).unwrap_err());
    assert!(err.contains("\"Mistillit og mistro\""), "{err}");
    // Renaming a code to its own name in another case is allowed, and the key stays.
    p.rename_code("T01.4", "MISTILLIT og mistro").unwrap();
    let renamed = p.resolve_code("T01.4").unwrap();
    assert_eq!(renamed.name, "MISTILLIT og mistro");
    assert!(p.create_code(None, " ", None).is_err());
    assert!(p.create_code(None, "Farge", Some("blå")).is_err());
}

#[test]
fn moving_keeps_keys_and_refuses_cycles() {
    let (_t, mut p) = with_bentzen();
    let raw = raw_codes();
    let before = p.codes().unwrap();
    for target in ["T01", "T01.5", "T01.5.1"] {
        let err = invalid(p.move_code("T01", Some(target), None).unwrap_err());
        assert!(err.contains("cannot move"), "{err}");
    }
    assert_eq!(p.codes().unwrap(), before, "a refused move changes nothing");

    // T01.5 (with its children) moves to the top level, first.
    let t01_5 = raw.iter().find(|c| c.key == "T01.5").unwrap();
    p.move_code("T01.5", None, Some(0)).unwrap();
    let after = p.codes().unwrap();
    assert_eq!(after[0].key.as_deref(), Some("T01.5"));
    assert_eq!(after[0].path, escape(&t01_5.name));
    assert_eq!(after[1].parent, Some(after[0].guid.clone()));
    assert_eq!(after[1].depth, 1);
    // Siblings keep compact positions: T01's children are now 0..n-1 without a gap.
    let t01_guid = p.resolve_code("T01").unwrap().guid;
    let positions: Vec<usize> = after
        .iter()
        .filter(|c| c.parent.as_deref() == Some(t01_guid.as_str()))
        .map(|c| c.position)
        .collect();
    let n = raw
        .iter()
        .filter(|c| c.parent.as_deref() == Some("T01"))
        .count()
        - 1;
    assert_eq!(positions, (0..n).collect::<Vec<_>>());
    // Reorder among siblings: T19 becomes the first theme after T01.5.
    p.move_code("T19", None, Some(1)).unwrap();
    let tops: Vec<String> = p
        .codes()
        .unwrap()
        .into_iter()
        .filter(|c| c.depth == 0)
        .map(|c| c.key.unwrap())
        .collect();
    assert_eq!(&tops[..3], ["T01.5", "T19", "T01"]);
    assert_eq!(tops.len(), 20);
    // A moved code keeps its key and can be moved back under its parent.
    p.move_code("T01.5", Some("T01"), Some(4)).unwrap();
    let t01_children: Vec<String> = p
        .codes()
        .unwrap()
        .into_iter()
        .filter(|c| c.parent.as_deref() == Some(t01_guid.as_str()))
        .map(|c| c.key.unwrap())
        .collect();
    let raw_children: Vec<String> = raw
        .iter()
        .filter(|c| c.parent.as_deref() == Some("T01"))
        .map(|c| c.key.clone())
        .collect();
    assert_eq!(
        t01_children, raw_children,
        "back in its place (position 4 = 5th)"
    );
}

#[test]
fn hiding_a_family_hides_its_descendants() {
    let (_t, mut p) = with_bentzen();
    let raw = raw_codes();
    let family = |key: &str| -> HashSet<String> {
        raw.iter()
            .filter(|c| c.key == key || c.key.starts_with(&format!("{key}.")))
            .map(|c| c.key.clone())
            .collect()
    };
    let hidden = |p: &Project| -> HashSet<String> {
        p.codes()
            .unwrap()
            .into_iter()
            .filter(|c| c.hidden)
            .map(|c| c.key.unwrap())
            .collect()
    };
    let t17 = raw.iter().find(|c| c.key == "T17").unwrap();
    assert_eq!(p.set_family_hidden("T17", true).unwrap(), t17.family);
    assert_eq!(hidden(&p), family("T17"));
    p.set_family_hidden("T18", true).unwrap();
    let both: HashSet<String> = family("T17").union(&family("T18")).cloned().collect();
    assert_eq!(hidden(&p), both);
    // A sub-family switched off on its own stays off when its theme is switched on again.
    p.set_family_hidden("T17.1", true).unwrap();
    p.set_family_hidden("T17", false).unwrap();
    let expected: HashSet<String> = family("T18").union(&family("T17.1")).cloned().collect();
    assert_eq!(hidden(&p), expected);
    let t17_1 = p.resolve_code("T17.1").unwrap();
    assert!(t17_1.hides_family && t17_1.hidden);
    // Nothing was deleted.
    assert_eq!(p.codes().unwrap().len(), raw.len());
}

#[test]
fn deleting_takes_the_family_and_adding_again_brings_it_back() {
    let (_t, mut p) = with_bentzen();
    let raw = raw_codes();
    let t18 = raw.iter().find(|c| c.key == "T18").unwrap();
    p.rename_code("T01", "Tillit (omdøpt)").unwrap();
    assert_eq!(p.delete_code("T18").unwrap().codes, t18.family);
    let codes = p.codes().unwrap();
    assert_eq!(codes.len(), raw.len() - t18.family);
    assert!(p.resolve_code("T18.1").is_err());
    assert_eq!(
        p.resolve_code("T19").unwrap().position,
        17,
        "T19 closed the gap"
    );

    // Adding the built-in codebook again merges by key: only the deleted codes come back (at
    // the end of the top level), and the rename is kept.
    let report = p.add_builtin_codebook("bentzen").unwrap();
    assert_eq!(
        (report.added, report.kept, report.blocks_added),
        (t18.family, raw.len() - t18.family, 0)
    );
    assert_eq!(report.template, "bentzen-tillit");
    assert_eq!(p.codes().unwrap().len(), raw.len());
    assert_eq!(p.resolve_code("T18").unwrap().position, 18);
    assert_eq!(p.resolve_code("T01").unwrap().name, "Tillit (omdøpt)");
    let again = p.add_builtin_codebook("bentzen").unwrap();
    assert_eq!((again.added, again.kept), (0, raw.len()));
}

#[test]
fn a_failed_import_changes_nothing() {
    let (t, mut p) = with_bentzen();
    p.delete_code("T02").unwrap();
    // The project now has a user code where T02 stood, with T02's name.
    let raw = raw_codes();
    let t02 = raw.iter().find(|c| c.key == "T02").unwrap();
    p.create_code(None, &t02.name, None).unwrap();
    let before = p.codes().unwrap();
    let err = invalid(p.add_builtin_codebook("bentzen").unwrap_err());
    assert!(err.contains("(T02)") && err.contains("already"), "{err}");
    assert_eq!(
        p.codes().unwrap(),
        before,
        "one transaction: nothing was added"
    );

    // A block letter the project has with another name.
    let file = t.dir.path().join("blokk.json");
    std::fs::write(
        &file,
        r##"{"format": "tolk-codebook", "id": "annen", "blocks": [{"id": "A", "name": {"nb": "Annet"}}],
             "codes": [{"id": "Z1", "block": "A", "name": {"nb": "Z"}, "color": "#000000"}]}"##,
    )
    .unwrap();
    let err = invalid(p.import_codebook_json(&file).unwrap_err());
    assert!(
        err.contains("blokk.json") && err.contains("block A"),
        "{err}"
    );
    assert_eq!(p.codes().unwrap(), before);
    std::fs::write(&file, "{\"codes\": 3}").unwrap();
    assert!(invalid(p.import_codebook_json(&file).unwrap_err()).contains("blokk.json"));
}

#[test]
fn the_fixture_codebook_imports_as_documented() {
    let t = TempProject::new();
    let mut p = t.open();
    let report = p
        .import_codebook_json(&fixture("codebooks/egen-kodebok.json"))
        .unwrap();
    assert_eq!((report.added, report.kept, report.blocks_added), (7, 0, 2));
    assert_eq!(report.template, "egen-kodebok");
    assert_eq!(
        paths(&p),
        [
            r"Ledelse \/ styring",
            r"Ledelse \/ styring/Møter",
            r"Ledelse \/ styring/Åpen dør",
            r"Ledelse \/ styring/Åpen dør/Mandag",
            "Budsjett",
            "Budsjett/Kutt",
            "Diverse",
        ]
    );
    let codes = p.codes().unwrap();
    let hidden: Vec<bool> = codes.iter().map(|c| c.hidden).collect();
    assert_eq!(hidden, [false, false, false, false, true, true, false]);
    let blocks: Vec<Option<&str>> = codes.iter().map(|c| c.block.as_deref()).collect();
    let (x, y) = (Some("X"), Some("Y"));
    assert_eq!(blocks, [x, x, x, x, y, y, None]);
    let x01 = p.code_detail("X01").unwrap();
    assert_eq!(x01.summary.color, "#1F5FAD");
    assert_eq!(x01.data.rules["weight"], 2);
    assert_eq!(x01.data.rules["sources"], serde_json::json!(["S9"]));
    assert_eq!(
        x01.data.source_note.as_deref(),
        Some("Written for the tests.")
    );
    let x01_1 = p.code_detail("X01.1").unwrap();
    assert_eq!(
        (x01_1.data.inclusion.as_str(), x01_1.data.exclusion.as_str()),
        ("Ta med allmøter.", "Ikke styremøter.")
    );
    // It merges into a project with the Bentzen codebook (its blocks are X and Y).
    let (_t2, mut q) = with_bentzen();
    let n = q.codes().unwrap().len();
    q.import_codebook_json(&fixture("codebooks/egen-kodebok.json"))
        .unwrap();
    assert_eq!(q.codes().unwrap().len(), n + 7);
    assert_eq!(q.code_blocks().unwrap().len(), 6 + 2);
}

/// Everything export must carry, in tree order.
fn snapshot(p: &Project) -> Vec<(tolk::CodeSummary, tolk::codebook::CodeData)> {
    p.codes()
        .unwrap()
        .into_iter()
        .map(|c| {
            let mut d = p.code_detail(&c.guid).unwrap();
            // GUIDs are the project's own; everything else must match.
            d.summary.guid.clear();
            d.summary.parent = d.summary.parent.map(|_| String::new());
            (d.summary, d.data)
        })
        .collect()
}

#[test]
fn export_then_import_gives_the_same_tree() {
    let (t, mut p) = with_bentzen();
    p.rename_code("T02", "Kompasset").unwrap();
    p.set_code_color("T03", "#abcdef").unwrap();
    p.move_code("T05.1", Some("T01"), Some(0)).unwrap();
    p.set_family_hidden("T17", true).unwrap();
    p.delete_code("T18.2").unwrap();
    let mine = p
        .create_code(Some("T01.4"), "Kontroll / mistro", Some("#102030"))
        .unwrap();
    p.create_code(Some(&mine), r"Under\skråstrek", None)
        .unwrap();
    p.create_code(None, "Egne", None).unwrap();
    p.import_codebook_json(&fixture("codebooks/egen-kodebok.json"))
        .unwrap();
    let first = t.dir.path().join("kodebok.json");
    let n = p.export_codebook_json(&first).unwrap();
    assert_eq!(n, p.codes().unwrap().len());

    let fresh = t.dir.path().join("ny.tolk");
    let mut q = Project::create(&fresh).unwrap();
    let report = q.import_codebook_json(&first).unwrap();
    assert_eq!((report.added, report.kept), (n, 0));
    assert_eq!(report.template, "bentzen-tillit", "the first template's id");
    assert_eq!(snapshot(&q), snapshot(&p));
    assert_eq!(q.code_blocks().unwrap(), p.code_blocks().unwrap());
    let second = t.dir.path().join("kodebok-2.json");
    q.export_codebook_json(&second).unwrap();
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap(),
        "exporting the imported codebook gives the same file"
    );
    // The file keeps the template's top-level rules.
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    let raw = raw_json();
    for field in [
        "negators",
        "false_positives",
        "co_occurrence_rules",
        "source_legend",
    ] {
        assert_eq!(exported[field], raw[field], "{field}");
    }
}

#[test]
fn an_untouched_builtin_exports_as_the_shared_json() {
    let (t, p) = with_bentzen();
    let out = t.dir.path().join("bentzen.json");
    p.export_codebook_json(&out).unwrap();
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(exported, raw_json());
}

#[test]
fn every_change_is_logged() {
    let (t, mut p) = with_bentzen();
    let g = p.create_code(None, "Egen", None).unwrap();
    p.rename_code(&g, "Egen kode").unwrap();
    p.set_code_color(&g, "#000000").unwrap();
    p.move_code(&g, Some("T01"), None).unwrap();
    p.set_family_hidden(&g, true).unwrap();
    p.set_family_hidden(&g, false).unwrap();
    p.delete_code(&g).unwrap();
    p.import_codebook_json(&fixture("codebooks/egen-kodebok.json"))
        .unwrap();
    p.current_coder().unwrap();
    p.close().unwrap();
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let mut stmt = conn
        .prepare("SELECT action FROM change_log ORDER BY seq")
        .unwrap();
    let actions: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        actions,
        [
            "add_codebook",
            "create_code",
            "rename_code",
            "set_code_color",
            "move_code",
            "hide_code_family",
            "show_code_family",
            "delete_code",
            "import_codebook",
            "create_coder",
        ]
    );
    // Every new row has a GUID in the REFI-QDA form.
    for table in ["code", "code_block", "codebook_template", "coder"] {
        let bad: i64 = conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM {table} WHERE guid <> upper(guid) OR length(guid) <> 36"
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(bad, 0, "{table}");
    }
}

#[test]
fn coders_are_got_or_created_by_name() {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("Kari Nordmann");
    let kari = p.current_coder().unwrap();
    assert_eq!(kari.name, "Kari Nordmann");
    assert_eq!(
        p.current_coder().unwrap(),
        kari,
        "the same coder the second time"
    );
    let ola = p.coder(" Ola ").unwrap();
    assert_eq!(ola.name, "Ola");
    p.close().unwrap();
    let p = t.open();
    let names: Vec<String> = p.coders().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Kari Nordmann", "Ola"]);
}

#[test]
fn a_version_1_project_opens_and_upgrades_keeping_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gammel.tolk");
    std::fs::copy(fixture("db/v0001.tolk"), &path).unwrap();
    let version = |path: &Path| -> u32 {
        let conn =
            rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&path), 1, "the fixture is from before the codebook");

    let mut p = Project::open(&path).unwrap();
    let docs = p.documents().unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].name, "utf8");
    assert_eq!(docs[0].turns, 6);
    assert_eq!(docs[0].speakers, ["I", "IP1"]);
    assert_eq!(p.informants().unwrap()[0].name, "utf8/IP1");
    assert!(p.codes().unwrap().is_empty());
    p.add_builtin_codebook("bentzen").unwrap();
    p.close().unwrap();
    assert_eq!(version(&path), tolk::store::SCHEMA_VERSION);
    const { assert!(tolk::store::SCHEMA_VERSION >= 2) };
    let p = Project::open(&path).unwrap();
    assert_eq!(p.codes().unwrap().len(), raw_codes().len());
    let doc = p.document("utf8").unwrap();
    assert_eq!(doc.turns.len(), 6);
    assert_eq!(
        doc.turn_text(&doc.turns[0]),
        "Hva betyr tillit for deg – helt konkret?"
    );
}

#[test]
fn create_with_codebook_adds_it_or_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("med.tolk");
    let p = Project::create_with_codebook(&path, Some("bentzen")).unwrap();
    assert_eq!(p.codes().unwrap().len(), raw_codes().len());
    p.close().unwrap();
    let bad = dir.path().join("ukjent.tolk");
    assert!(Project::create_with_codebook(&bad, Some("glaser")).is_err());
    assert!(
        !bad.exists(),
        "an unknown codebook leaves no project behind"
    );
    let empty = dir.path().join("tom.tolk");
    let p = Project::create_with_codebook(&empty, None).unwrap();
    assert!(p.codes().unwrap().is_empty());
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn cli_new_with_codebook_then_codes_json() {
    let t = TempProject::new();
    let cache = t.dir.path().join("cache");
    let project = t.dir.path().join("cli.tolk");
    let out = tolk(&[&"new", &project, &"--codebook", &"bentzen"], &cache);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tolk(&[&"codes", &project, &"--json"], &cache);
    assert!(out.status.success());
    let codes: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes = codes.as_array().unwrap();
    let raw = raw_codes();
    assert_eq!(codes.len(), raw.len());
    assert_eq!(
        keys(&codes[0]),
        ["block", "color", "depth", "guid", "hidden", "key", "name", "name_en", "path"]
    );
    for (c, r) in codes.iter().zip(&raw) {
        assert_eq!(c["key"], r.key.as_str());
        assert_eq!(c["path"], r.path.as_str());
        assert_eq!(c["name"], r.name.as_str());
        assert_eq!(c["name_en"], r.name_en.as_str());
        assert_eq!(c["color"], r.color.as_str());
        assert_eq!(c["depth"], r.depth);
        assert_eq!(c["block"], r.block.as_str());
        assert_eq!(c["hidden"], false);
        assert_eq!(c["guid"].as_str().unwrap().len(), 36);
    }

    // Human output: an indented tree with keys.
    let out = tolk(&[&"codes", &project], &cache);
    let text = stdout(&out);
    let t01_1 = &raw[1];
    assert!(
        text.lines()
            .any(|l| l == format!("    T01.1 {}  {}", t01_1.name, t01_1.color)),
        "{text}"
    );

    // A new project has no codes unless asked.
    let plain = t.dir.path().join("plain.tolk");
    assert!(tolk(&[&"new", &plain], &cache).status.success());
    let out = tolk(&[&"codes", &plain, &"--json"], &cache);
    assert_eq!(stdout(&out).trim(), "[]");
    assert!(
        tolk(
            &[
                &"new",
                &t.dir.path().join("x.tolk"),
                &"--codebook",
                &"glaser"
            ],
            &cache
        )
        .status
        .code()
            != Some(0)
    );
}

#[test]
fn cli_edits_codes_and_round_trips_the_codebook() {
    let t = TempProject::new();
    let cache = t.dir.path().join("cache");
    let project = &t.path;
    let run = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let out = tolk(args, &cache);
        assert!(
            out.status.success(),
            "{:?}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    let out = run(&[&"codebook", project, &"add", &"bentzen"]);
    let n = raw_codes().len();
    assert!(
        out.contains(&format!("added {n} codes and 6 blocks")),
        "{out}"
    );
    run(&[
        &"codes",
        project,
        &"add",
        &"Egne koder",
        &"--color",
        &"AA0000",
    ]);
    run(&[
        &"codes",
        project,
        &"add",
        &"Ny / kode",
        &"--parent",
        &"Egne koder",
    ]);
    run(&[
        &"codes",
        project,
        &"rename",
        &r"Egne koder/Ny \/ kode",
        &"Nyere",
    ]);
    run(&[&"codes", project, &"color", &"Egne koder/Nyere", &"#00aa00"]);
    run(&[
        &"codes",
        project,
        &"move",
        &"Egne koder",
        &"--parent",
        &"T01",
        &"--position",
        &"1",
    ]);
    run(&[&"codes", project, &"move", &"T01.1", &"--root"]);
    run(&[&"codes", project, &"hide", &"T17"]);
    run(&[&"codes", project, &"show", &"T17"]);
    run(&[&"codes", project, &"hide", &"T19"]);
    let out = run(&[&"codes", project, &"delete", &"T18"]);
    let t18 = raw_codes().into_iter().find(|c| c.key == "T18").unwrap();
    assert!(out.contains(&format!("{} codes", t18.family)), "{out}");

    let out = tolk(
        &[
            &"codes",
            project,
            &"add",
            &"egne KODER",
            &"--parent",
            &"T01",
        ],
        &cache,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"Egne koder\""), "the clash is named: {err}");
    let out = tolk(
        &[
            &"codes",
            project,
            &"move",
            &"T01",
            &"--parent",
            &format!("{}/Egne koder", escape(&raw_codes()[0].name)),
        ],
        &cache,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot move"));
    let out = tolk(&[&"codes", project, &"move", &"T01"], &cache);
    assert_ne!(out.status.code(), Some(0), "move needs --parent or --root");

    let codes: Value = serde_json::from_str(&run(&[&"codes", project, &"--json"])).unwrap();
    let find = |path: &str| {
        codes
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["path"] == path)
            .cloned()
    };
    let t01 = &raw_codes()[0];
    let nyere =
        find(&format!("{}/Egne koder/Nyere", escape(&t01.name))).expect("moved with its parent");
    assert_eq!(nyere["color"], "#00AA00");
    assert_eq!(nyere["key"], Value::Null);
    assert_eq!(nyere["depth"], 2);
    let egne = find(&format!("{}/Egne koder", escape(&t01.name))).unwrap();
    assert_eq!(egne["color"], "#AA0000");
    let t19 = codes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "T19")
        .unwrap();
    assert_eq!(t19["hidden"], true);
    let t17 = codes
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "T17")
        .unwrap();
    assert_eq!(t17["hidden"], false);

    let file = t.dir.path().join("eksport.json");
    run(&[&"codebook", project, &"export", &file]);
    let fresh = t.dir.path().join("fresh.tolk");
    run(&[&"new", &fresh]);
    run(&[&"codebook", &fresh, &"import", &file]);
    let again: Value = serde_json::from_str(&run(&[&"codes", &fresh, &"--json"])).unwrap();
    let strip = |v: &Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.as_object_mut().unwrap().remove("guid");
                c
            })
            .collect()
    };
    assert_eq!(strip(&again), strip(&codes));
}

/// A small tree for the move property: `n` codes, each under an earlier one or at the top.
fn small_tree(p: &mut Project, parents: &[Option<usize>]) -> Vec<String> {
    let mut guids: Vec<String> = Vec::new();
    for (i, parent) in parents.iter().enumerate() {
        let parent = match parent {
            Some(j) if !guids.is_empty() => Some(guids[j % guids.len()].clone()),
            _ => None,
        };
        guids.push(
            p.create_code(parent.as_deref(), &format!("k{i}"), None)
                .unwrap(),
        );
    }
    guids
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever moves are asked for, the codebook stays a tree: a move is refused exactly when
    /// the new parent is the code or lies below it, and every code's parent chain reaches the
    /// top.
    #[test]
    fn moves_never_make_a_cycle(
        parents in proptest::collection::vec(proptest::option::of(0usize..8), 2..8),
        moves in proptest::collection::vec((0usize..8, proptest::option::of(0usize..8)), 1..16),
    ) {
        let t = TempProject::new();
        let mut p = t.open();
        let guids = small_tree(&mut p, &parents);
        let n = guids.len();
        for (code, target) in moves {
            let code = &guids[code % n];
            let target = target.map(|t| guids[t % n].clone());
            let codes = p.codes().unwrap();
            let below_code = |guid: &str| -> bool {
                // Walk up from `guid`: does the chain reach `code`?
                let mut current = Some(guid.to_owned());
                while let Some(g) = current {
                    if &g == code {
                        return true;
                    }
                    current = codes.iter().find(|c| c.guid == g).unwrap().parent.clone();
                }
                false
            };
            let cycle = target.as_deref().is_some_and(below_code);
            let result = p.move_code(code, target.as_deref(), None);
            // Names are all different (k0, k1, …), so only a cycle can refuse the move.
            prop_assert_eq!(result.is_err(), cycle);
            let codes = p.codes().unwrap();
            prop_assert_eq!(codes.len(), n, "tree order reaches every code");
            for c in &codes {
                let mut seen = HashSet::new();
                let mut current = c.parent.clone();
                while let Some(g) = current {
                    prop_assert!(seen.insert(g.clone()), "a cycle through {}", g);
                    current = codes.iter().find(|x| x.guid == g).unwrap().parent.clone();
                }
            }
        }
    }
}

// Merge, split and edit. The transcript: "I: " is 3 chars, so turn 1's words are 3..19 ("Hva
// betyr tillit", 16 chars); turn 2's label "IP1: " starts at 20 and its words are 25..42
// ("Tillit er frihet.", 17 chars).
const SAMTALE: &str = "I: Hva betyr tillit\nIP1: Tillit er frihet.\n";

fn with_transcript() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    p.import_bytes(
        "samtale.txt",
        SAMTALE.as_bytes(),
        &tolk::ImportOptions::default(),
    )
    .unwrap();
    (t, p)
}

/// Every coding of the project as `(code path, start, end, coder)`, sorted.
fn all_codings(p: &Project) -> Vec<(String, usize, usize, String)> {
    let mut out: Vec<_> = p
        .codings("samtale")
        .unwrap()
        .into_iter()
        .map(|c| (c.code_path, c.start_char, c.end_char, c.coder))
        .collect();
    out.sort();
    out
}

fn last_log(t: &TempProject) -> (String, String, Value) {
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    conn.query_row(
        "SELECT action, subject, detail FROM change_log ORDER BY seq DESC LIMIT 1",
        [],
        |r| {
            let detail: String = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, serde_json::from_str(&detail).unwrap()))
        },
    )
    .unwrap()
}

#[test]
fn merging_keeps_every_coding_and_collapses_exact_duplicates() {
    use tolk::MemoTarget;
    let (t, mut p) = with_transcript();
    let a = p.create_code(None, "Frihet", Some("#AA0000")).unwrap();
    p.create_code(Some("Frihet"), "Felles", None).unwrap();
    p.create_code(Some("Frihet"), "Egen", None).unwrap();
    let b = p.create_code(None, "Tillit", Some("#0000AA")).unwrap();
    p.create_code(Some("Tillit"), "felles", None).unwrap();
    // Frihet: 25..31 by kari (Tillit has the same: a duplicate), 35..42 by kari, 25..31 by ola.
    let dup = p.code_span("samtale", &a, 25, 31, None).unwrap();
    p.code_span("samtale", &a, 35, 42, None).unwrap();
    p.code_span("samtale", &a, 25, 31, Some("ola")).unwrap();
    let kept = p.code_span("samtale", &b, 25, 31, None).unwrap();
    p.code_span("samtale", &b, 3, 19, None).unwrap();
    p.set_memo(MemoTarget::Code(a.clone()), "Om frihet")
        .unwrap();
    p.set_memo(MemoTarget::Code(b.clone()), "Om tillit")
        .unwrap();
    p.set_memo(MemoTarget::Coding(dup.guid.clone()), "Viktig sitat")
        .unwrap();
    let before = p.code_counts().unwrap();
    // Counts count a span once however many coders: Frihet has 25..31 and 35..42 = 2.
    assert_eq!((before[&a], before[&b]), (2, 2));

    let m = p.merge_codes("Frihet", "Tillit").unwrap();
    // 3 codings of Frihet: 1 was a duplicate of Tillit's 25..31 (kari), 2 moved.
    assert_eq!(
        (m.codings_moved, m.codings_collapsed, m.children_moved),
        (2, 1, 2)
    );
    assert_eq!(m.renamed, [("Felles".to_owned(), "Felles (2)".to_owned())]);
    assert_eq!(
        all_codings(&p),
        [
            ("Tillit".to_owned(), 3, 19, "kari".to_owned()),
            ("Tillit".to_owned(), 25, 31, "kari".to_owned()),
            ("Tillit".to_owned(), 25, 31, "ola".to_owned()),
            ("Tillit".to_owned(), 35, 42, "kari".to_owned()),
        ]
    );
    // 3..19, 25..31 (two coders, once) and 35..42: 3.
    assert_eq!(p.code_counts().unwrap()[&b], 3);
    assert!(p.resolve_code(&a).is_err(), "Frihet is gone");
    assert_eq!(
        paths(&p),
        [
            "Tillit",
            "Tillit/felles",
            "Tillit/Felles (2)",
            "Tillit/Egen"
        ]
    );
    // Memos: appended to Tillit's; the duplicate's memo went to the coding that stayed.
    let memo = p.memo(MemoTarget::Code(b.clone())).unwrap().unwrap();
    assert_eq!(memo.text, "Om tillit\n\nOm frihet");
    let memo = p.memo(MemoTarget::Coding(kept.guid.clone())).unwrap();
    assert_eq!(memo.unwrap().text, "Viktig sitat");

    let (action, subject, detail) = last_log(&t);
    assert_eq!(
        (action.as_str(), subject.as_str()),
        ("merge_code", a.as_str())
    );
    assert_eq!(detail["from"]["name"], "Frihet");
    assert_eq!(detail["from"]["color"], "#AA0000");
    assert_eq!(detail["into"]["guid"], b.as_str());
    assert_eq!(detail["codings_moved"].as_array().unwrap().len(), 2);
    assert_eq!(detail["codings_collapsed"][0]["kept"], kept.guid.as_str());
    assert_eq!(
        detail["codings_collapsed"][0]["removed"]["guid"],
        dup.guid.as_str()
    );
    assert_eq!(detail["children"][0]["renamed_to"], "Felles (2)");
    assert_eq!(detail["into_memos_before"][0]["text"], "Om tillit");
}

#[test]
fn merging_into_the_own_family_is_refused_and_a_child_merges_into_its_parent() {
    let (_t, mut p) = with_transcript();
    p.create_code(None, "A", None).unwrap();
    p.create_code(Some("A"), "B", None).unwrap();
    p.create_code(Some("A/B"), "C", None).unwrap();
    p.create_code(Some("A"), "D", None).unwrap();
    let before = p.codes().unwrap();
    for (from, into) in [("A", "A"), ("A", "A/B"), ("A", "A/B/C")] {
        let err = invalid(p.merge_codes(from, into).unwrap_err());
        assert!(err.contains("cannot merge"), "{err}");
    }
    assert_eq!(
        p.codes().unwrap(),
        before,
        "a refused merge changes nothing"
    );
    // B merges into its parent A: its child C takes B's place, before D.
    p.code_span("samtale", "A/B", 3, 6, None).unwrap();
    p.merge_codes("A/B", "A").unwrap();
    assert_eq!(paths(&p), ["A", "A/C", "A/D"]);
    let positions: Vec<usize> = p.codes().unwrap().iter().map(|c| c.position).collect();
    assert_eq!(positions, [0, 0, 1]);
    assert_eq!(all_codings(&p), [("A".to_owned(), 3, 6, "kari".to_owned())]);
}

#[test]
fn splitting_moves_the_chosen_codings_to_a_new_sibling() {
    let (t, mut p) = with_transcript();
    p.create_code(None, "Tillit", Some("#AA0000")).unwrap();
    p.create_code(None, "Kontroll", None).unwrap();
    let one = p.code_span("samtale", "Tillit", 3, 19, None).unwrap();
    let two = p.code_span("samtale", "Tillit", 25, 31, None).unwrap();
    p.code_span("samtale", "Tillit", 35, 42, None).unwrap();
    let listed = p.code_codings("Tillit").unwrap();
    let texts: Vec<&str> = listed.iter().map(|c| c.text.as_str()).collect();
    // 3..19 "Hva betyr tillit", 25..31 "Tillit", 35..42 "frihet.".
    assert_eq!(texts, ["Hva betyr tillit", "Tillit", "frihet."]);
    assert_eq!(listed[0].turn, Some(1));
    assert_eq!(listed[1].turn, Some(2));

    let guid = p
        .split_code(
            "Tillit",
            &[one.guid.clone(), two.guid.to_lowercase()],
            "Tillit til ledere",
        )
        .unwrap();
    // A sibling right after Tillit, in its colour.
    assert_eq!(paths(&p), ["Tillit", "Tillit til ledere", "Kontroll"]);
    let new = p.resolve_code(&guid).unwrap();
    assert_eq!((new.color.as_str(), new.position), ("#AA0000", 1));
    assert_eq!(
        all_codings(&p),
        [
            ("Tillit".to_owned(), 35, 42, "kari".to_owned()),
            ("Tillit til ledere".to_owned(), 3, 19, "kari".to_owned()),
            ("Tillit til ledere".to_owned(), 25, 31, "kari".to_owned()),
        ]
    );
    let (action, subject, detail) = last_log(&t);
    assert_eq!(
        (action.as_str(), subject.as_str()),
        ("split_code", guid.as_str())
    );
    assert_eq!(detail["from"]["name"], "Tillit");
    assert_eq!(detail["codings"], serde_json::json!([one.guid, two.guid]));

    // A coding of another code, no codings, or a sibling's name: refused, nothing changes.
    let before = (p.codes().unwrap(), all_codings(&p));
    let err = invalid(
        p.split_code("Tillit", std::slice::from_ref(&one.guid), "Ny")
            .unwrap_err(),
    );
    assert!(err.contains("not a coding"), "{err}");
    assert!(p.split_code("Tillit", &[], "Ny").is_err());
    let last = p.code_codings("Tillit").unwrap()[0].guid.clone();
    let err = invalid(p.split_code("Tillit", &[last], "KONTROLL").unwrap_err());
    assert!(err.contains("already a code"), "{err}");
    assert_eq!((p.codes().unwrap(), all_codings(&p)), before);
}

#[test]
fn editing_changes_content_but_not_the_source_note() {
    let (t, mut p) = with_bentzen();
    let before = p.code_detail("T01.4").unwrap();
    assert!(before.data.source_note.is_some() || before.data.key.is_some());
    let edit = tolk::project::CodeEdit {
        name_en: Some("Distrust".to_owned()),
        definition_nb: Some("  Når tilliten svikter.\nOgså mistro.  ".to_owned()),
        inclusion: Some("Uttrykt mistillit".to_owned()),
        exclusion: Some("Kritikk uten mistillit".to_owned()),
        anchors: Some(vec!["«Jeg stoler ikke på dem»".to_owned(), "  ".to_owned()]),
        color: Some("#123abc".to_owned()),
        ..Default::default()
    };
    p.edit_code("T01.4", &edit).unwrap();
    let after = p.code_detail("T01.4").unwrap();
    assert_eq!(after.data.name_nb, before.data.name_nb);
    assert_eq!(after.data.name_en.as_deref(), Some("Distrust"));
    assert_eq!(
        after.data.definition_nb,
        "Når tilliten svikter.\nOgså mistro."
    );
    assert_eq!(after.data.inclusion, "Uttrykt mistillit");
    assert_eq!(after.data.exclusion, "Kritikk uten mistillit");
    assert_eq!(after.data.anchors, ["«Jeg stoler ikke på dem»"]);
    assert_eq!(after.data.color, "#123ABC");
    assert_eq!(after.data.source_note, before.data.source_note);
    assert_eq!(after.data.rules, before.data.rules);
    assert_eq!(after.data.key.as_deref(), Some("T01.4"));
    let (action, _, detail) = last_log(&t);
    assert_eq!(action, "edit_code");
    assert_eq!(detail["key"], "T01.4");
    assert_eq!(detail["to"]["inclusion"], "Uttrykt mistillit");
    assert_eq!(detail["from"]["inclusion"], "");
    assert!(detail["to"].get("name_nb").is_none(), "only changed fields");

    // A name a sibling has is refused; an edit that changes nothing is not logged.
    let t01_1 = p.code_detail("T01.1").unwrap().data.name_nb;
    let clash = tolk::project::CodeEdit {
        name_nb: Some(t01_1.to_uppercase()),
        ..Default::default()
    };
    let err = invalid(p.edit_code("T01.4", &clash).unwrap_err());
    assert!(err.contains("(T01.1)"), "{err}");
    p.edit_code("T01.4", &edit).unwrap();
    assert_eq!(last_log(&t).0, "edit_code");
    let conn = rusqlite::Connection::open(&t.path).unwrap();
    let edits: i64 = conn
        .query_row(
            "SELECT count(*) FROM change_log WHERE action = 'edit_code'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(edits, 1);
    // Clearing: an empty English name becomes none.
    let clear = tolk::project::CodeEdit {
        name_en: Some(String::new()),
        anchors: Some(vec![]),
        ..Default::default()
    };
    p.edit_code("T01.4", &clear).unwrap();
    let cleared = p.code_detail("T01.4").unwrap().data;
    assert_eq!((cleared.name_en, cleared.anchors.len()), (None, 0));
}

#[test]
fn cli_merges_splits_and_edits_codes() {
    let (t, mut p) = with_transcript();
    p.create_code(None, "Tillit", None).unwrap();
    p.create_code(None, "Frihet", None).unwrap();
    let one = p.code_span("samtale", "Tillit", 3, 19, None).unwrap();
    p.code_span("samtale", "Frihet", 25, 31, None).unwrap();
    p.close().unwrap();
    let cache = t.dir.path().join("cache");
    let run = |args: &[&str]| {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"codes", &t.path];
        all.extend(args.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>));
        let out = tolk(&all, &cache);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    let listed: Value = serde_json::from_str(&run(&["--json", "codings", "Tillit"])).unwrap();
    assert_eq!(listed[0]["guid"], one.guid.as_str());
    assert_eq!(listed[0]["text"], "Hva betyr tillit");
    let out = run(&[
        "split",
        "Tillit",
        "--codings",
        &one.guid,
        "--name",
        "Spørsmål",
    ]);
    assert!(out.contains("\"Spørsmål\""), "{out}");
    let out = run(&["merge", "Frihet", "Spørsmål"]);
    assert!(out.contains("1 codings moved"), "{out}");
    run(&[
        "edit",
        "Spørsmål",
        "--name-en",
        "Questions",
        "--definition",
        "Det intervjueren spør om",
        "--anchor",
        "«Hva betyr tillit»",
        "--anchor",
        "«Hvorfor?»",
    ]);
    let p = t.open();
    let d = p.code_detail("Spørsmål").unwrap();
    assert_eq!(d.data.name_en.as_deref(), Some("Questions"));
    assert_eq!(d.data.definition_nb, "Det intervjueren spør om");
    assert_eq!(d.data.anchors, ["«Hva betyr tillit»", "«Hvorfor?»"]);
    assert_eq!(paths(&p), ["Tillit", "Spørsmål"]);
    assert_eq!(p.code_counts().unwrap()[&d.summary.guid], 2);
    let tree: Value =
        serde_json::from_str(&stdout(&tolk(&[&"codebook", &t.path, &"--json"], &cache))).unwrap();
    assert_eq!(tree[1]["name"], "Spørsmål");
    assert_eq!(tree[1]["codings"], 2);
}

/// One step of the codebook property: create a code (under an existing one or at the top), move
/// one, merge one into another, or code a span.
#[derive(Debug, Clone)]
enum Step {
    Create(Option<usize>),
    Move(usize, Option<usize>),
    Merge(usize, usize),
    Code(usize, usize, usize, bool),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        proptest::option::of(0usize..16).prop_map(Step::Create),
        (0usize..16, proptest::option::of(0usize..16)).prop_map(|(c, t)| Step::Move(c, t)),
        (0usize..16, 0usize..16).prop_map(|(a, b)| Step::Merge(a, b)),
        // Spans inside the 42-char transcript; two coders.
        (0usize..16, 0usize..40, 1usize..6, any::<bool>())
            .prop_map(|(c, s, l, ola)| Step::Code(c, s, l, ola)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever codes are created, moved, merged and coded, the codebook stays a tree (every
    /// parent chain reaches the top), sibling names stay unique, and every coding survives: a
    /// merge moves A's codings to B, except those B already had exactly (same span and coder),
    /// which are kept once. The model is a set of (code GUID, start, end, coder).
    #[test]
    fn merges_and_moves_keep_every_coding_and_the_tree(
        steps in proptest::collection::vec(step(), 1..30),
    ) {
        let (_t, mut p) = with_transcript();
        let mut model: std::collections::BTreeSet<(String, usize, usize, String)> =
            std::collections::BTreeSet::new();
        let mut made = 0;
        for s in steps {
            let codes = p.codes().unwrap();
            let pick = |i: usize| codes.get(i % codes.len().max(1)).map(|c| c.guid.clone());
            match s {
                Step::Create(parent) => {
                    // Names from a pool of four, so siblings clash and merges rename.
                    let parent = parent.and_then(pick);
                    made += 1;
                    let name = format!("k{}", made % 4);
                    let clash = codes.iter().any(|c| c.parent == parent && c.name == name);
                    let created = p.create_code(parent.as_deref(), &name, None);
                    prop_assert_eq!(created.is_err(), clash, "create {} refused only on a clash", name);
                }
                Step::Move(c, target) => {
                    let (Some(c), target) = (pick(c), target.and_then(pick)) else { continue };
                    // Refused on a cycle or a sibling's name; either way the checks below hold.
                    let _ = p.move_code(&c, target.as_deref(), None);
                }
                Step::Merge(a, b) => {
                    let (Some(a), Some(b)) = (pick(a), pick(b)) else { continue };
                    if p.merge_codes(&a, &b).is_ok() {
                        let moved: Vec<_> = model.iter().filter(|m| m.0 == a).cloned().collect();
                        for m in moved {
                            model.remove(&m);
                            model.insert((b.clone(), m.1, m.2, m.3));
                        }
                    }
                }
                Step::Code(c, start, len, ola) => {
                    let Some(c) = pick(c) else { continue };
                    let end = (start + len).min(42);
                    let coder = if ola { "ola" } else { "kari" };
                    p.code_span("samtale", &c, start, end, Some(coder)).unwrap();
                    model.insert((c, start, end, coder.to_owned()));
                }
            }
            let codes = p.codes().unwrap();
            // No cycles: walking up from every code reaches the top within n steps.
            for c in &codes {
                let mut seen = HashSet::new();
                let mut current = c.parent.clone();
                while let Some(g) = current {
                    prop_assert!(seen.insert(g.clone()), "a cycle through {}", g);
                    current = codes.iter().find(|x| x.guid == g).unwrap().parent.clone();
                }
            }
            // Sibling names unique (ignoring case).
            let mut names = HashSet::new();
            for c in &codes {
                prop_assert!(names.insert((c.parent.clone(), c.name.to_lowercase())), "{}", c.path);
            }
            let actual: std::collections::BTreeSet<_> = p
                .codings("samtale")
                .unwrap()
                .into_iter()
                .map(|c| (c.code_guid, c.start_char, c.end_char, c.coder))
                .collect();
            prop_assert_eq!(&actual, &model);
        }
    }
}
