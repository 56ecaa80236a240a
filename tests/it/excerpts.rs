//! Coded-excerpt retrieval over a hand-drawn fixture: one case of each operator, left-to-right
//! order, sub-codes, filters, and identical codings by two coders counted once. Every expected
//! excerpt below was worked out by hand from the offsets drawn here.

use serde_json::Value;
use tolk::coding::retrieve::Op;
use tolk::project::{Excerpt, ExcerptQuery};
use tolk::{ImportOptions, Project};

use crate::util::{stdout, tolk, TempProject};

// Document "a". Offsets are chars; each turn's words start after its label.
//
//   0         1         2         3         4         5
//   012345678901234567890123456789012345678901234567890123
//   I: Hva betyr tillit?⏎IP1: Tillit er frihet og ansvar.⏎
//   turn 1: label 0, words 3..20      turn 2: label 21, words 26..53
//
//   5   6         7         8         9
//   456789012345678901234567890123456789012345678
//   I: Og kontroll?⏎IP1: Kontroll dreper tillit.
//   turn 3: label 54, words 57..69   turn 4: label 70, words 75..98
//
// In turn 2: "Tillit" 26..32, "er" 33..35, "frihet" 36..42, "og" 43..45, "ansvar" 46..52.
// In turn 4: "Kontroll" 75..83, "dreper" 84..90, "tillit" 91..97.
const DOC_A: &str = "I: Hva betyr tillit?\nIP1: Tillit er frihet og ansvar.\n\
I: Og kontroll?\nIP1: Kontroll dreper tillit.\n";

// Document "b": "IP2: " is 5 chars, so "Tillit" is 5..11.
const DOC_B: &str = "IP2: Tillit tar tid.\n";

/// One drawn coding: code, document, start, end, coder (`None`: kari), the text it holds.
type Drawn = (
    &'static str,
    &'static str,
    usize,
    usize,
    Option<&'static str>,
    &'static str,
);

/// The codes: Tillit (A) with the sub-code Tillit/Frihet, Kontroll (B), Ansvar (C). The
/// codings (coder kari unless named):
///
/// | id | code          | doc | span   | text                  | turn |
/// |----|---------------|-----|--------|-----------------------|------|
/// | a1 | Tillit        | a   | 26..45 | Tillit er frihet og   | 2 (kari and ola) |
/// | a2 | Tillit        | a   | 75..83 | Kontroll              | 4    |
/// | a3 | Tillit        | a   | 3..20  | Hva betyr tillit?     | 1 (speaker I) |
/// | d1 | Tillit        | b   | 5..11  | Tillit                | 1 (IP2) |
/// | s1 | Tillit/Frihet | a   | 36..42 | frihet                | 2    |
/// | b1 | Kontroll      | a   | 33..42 | er frihet             | 2    |
/// | b2 | Kontroll      | a   | 42..53 |  og ansvar.           | 2    |
/// | b3 | Kontroll      | a   | 91..97 | tillit                | 4 (ola) |
/// | c1 | Ansvar        | a   | 46..52 | ansvar                | 2    |
///
/// Attributes: document a kommune=Bodø, document b kommune=Ås, informant a/IP1 kommune=Tromsø
/// (informant b/IP2 has none).
fn fixture() -> (TempProject, Project) {
    let t = TempProject::new();
    let mut p = t.open();
    p.set_actor("kari");
    for (name, text) in [("a.txt", DOC_A), ("b.txt", DOC_B)] {
        p.import_bytes(name, text.as_bytes(), &ImportOptions::default())
            .unwrap();
    }
    p.create_code(None, "Tillit", None).unwrap();
    p.create_code(Some("Tillit"), "Frihet", None).unwrap();
    p.create_code(None, "Kontroll", None).unwrap();
    p.create_code(None, "Ansvar", None).unwrap();
    let drawn: [Drawn; 10] = [
        ("Tillit", "a", 26, 45, None, "Tillit er frihet og"),
        ("Tillit", "a", 26, 45, Some("ola"), "Tillit er frihet og"),
        ("Tillit", "a", 75, 83, None, "Kontroll"),
        ("Tillit", "a", 3, 20, None, "Hva betyr tillit?"),
        ("Tillit", "b", 5, 11, None, "Tillit"),
        ("Tillit/Frihet", "a", 36, 42, None, "frihet"),
        ("Kontroll", "a", 33, 42, None, "er frihet"),
        ("Kontroll", "a", 42, 53, None, " og ansvar."),
        ("Kontroll", "a", 91, 97, Some("ola"), "tillit"),
        ("Ansvar", "a", 46, 52, None, "ansvar"),
    ];
    for (code, doc, start, end, coder, text) in drawn {
        p.code_span(doc, code, start, end, coder).unwrap();
        // The drawing is right: the span holds the text written beside it.
        let d = p.document(doc).unwrap();
        assert_eq!(tolk::text::slice_chars(&d.text, start, end), text);
    }
    p.set_document_attribute("a", "kommune", "Bodø").unwrap();
    p.set_document_attribute("b", "kommune", "Ås").unwrap();
    p.set_informant_attribute("a/IP1", "kommune", "Tromsø")
        .unwrap();
    (t, p)
}

fn query(code: &str, ops: &[(Op, &str)]) -> ExcerptQuery {
    ExcerptQuery {
        code: code.to_owned(),
        ops: ops.iter().map(|(o, c)| (*o, (*c).to_owned())).collect(),
        ..ExcerptQuery::default()
    }
}

/// Each excerpt as (document, start, end, text).
fn short(list: &[Excerpt]) -> Vec<(&str, usize, usize, &str)> {
    list.iter()
        .map(|e| {
            (
                e.document.as_str(),
                e.start_char,
                e.end_char,
                e.text.as_str(),
            )
        })
        .collect()
}

#[test]
fn each_operator_as_drawn() {
    let (_t, p) = fixture();
    let run = |q: &ExcerptQuery| p.excerpts(q).unwrap();

    // Tillit alone: a3, a1 (once, with both coders), a2, then document b's d1.
    let a = run(&query("Tillit", &[]));
    assert_eq!(
        short(&a),
        [
            ("a", 3, 20, "Hva betyr tillit?"),
            ("a", 26, 45, "Tillit er frihet og"),
            ("a", 75, 83, "Kontroll"),
            ("b", 5, 11, "Tillit"),
        ]
    );
    assert_eq!(a[1].coders, ["kari", "ola"], "two coders, one excerpt");
    assert_eq!(a[0].speaker.as_deref(), Some("I"));
    assert_eq!(a[0].turn, Some(1));
    assert_eq!(a[1].speaker.as_deref(), Some("IP1"));
    assert_eq!(a[1].turn, Some(2));
    assert_eq!(a[2].turn, Some(4));
    assert_eq!(a[3].turn, Some(1));
    assert_eq!(a[1].code, "Tillit");

    // OR: every coding of A and of C: the four above plus c1 46..52, in document order.
    let or = run(&query("Tillit", &[(Op::Or, "Ansvar")]));
    assert_eq!(
        short(&or),
        [
            ("a", 3, 20, "Hva betyr tillit?"),
            ("a", 26, 45, "Tillit er frihet og"),
            ("a", 46, 52, "ansvar"),
            ("a", 75, 83, "Kontroll"),
            ("b", 5, 11, "Tillit"),
        ]
    );
    assert_eq!(or[2].code, "Ansvar");

    // AND: a1 26..45 ∩ b1 33..42 = 33..42 and a1 ∩ b2 42..53 = 42..45; they touch, so one
    // piece 33..45. a2 75..83 meets no B (b3 is 91..97); a3 and d1 meet none.
    let and = run(&query("Tillit", &[(Op::And, "Kontroll")]));
    assert_eq!(short(&and), [("a", 33, 45, "er frihet og")]);
    assert_eq!(and[0].code, "Tillit AND Kontroll");
    assert_eq!(
        and[0].coders,
        ["kari", "ola"],
        "a1's two coders and b1/b2's"
    );
    assert_eq!(and[0].turn, Some(2));

    // OVERLAPPING: whole A codings sharing a char with a B coding: only a1.
    let over = run(&query("Tillit", &[(Op::Overlapping, "Kontroll")]));
    assert_eq!(short(&over), [("a", 26, 45, "Tillit er frihet og")]);

    // SAME-TURN: a1 (turn 2 holds b1, b2) and a2 (turn 4 holds b3, though they do not
    // overlap); a3's turn 1 and document b hold no B.
    let same = run(&query("Tillit", &[(Op::SameTurn, "Kontroll")]));
    assert_eq!(
        short(&same),
        [
            ("a", 26, 45, "Tillit er frihet og"),
            ("a", 75, 83, "Kontroll")
        ]
    );

    // NOT: whole A codings overlapping no B: a3, a2, d1.
    let not = run(&query("Tillit", &[(Op::Not, "Kontroll")]));
    assert_eq!(
        short(&not),
        [
            ("a", 3, 20, "Hva betyr tillit?"),
            ("a", 75, 83, "Kontroll"),
            ("b", 5, 11, "Tillit"),
        ]
    );
}

#[test]
fn operators_apply_left_to_right() {
    let (_t, p) = fixture();
    // (Tillit NOT Kontroll) OR Ansvar: {a3, a2, d1} ∪ {c1}.
    let q = query("Tillit", &[(Op::Not, "Kontroll"), (Op::Or, "Ansvar")]);
    assert_eq!(
        short(&p.excerpts(&q).unwrap()),
        [
            ("a", 3, 20, "Hva betyr tillit?"),
            ("a", 46, 52, "ansvar"),
            ("a", 75, 83, "Kontroll"),
            ("b", 5, 11, "Tillit"),
        ]
    );
    // (Tillit OR Ansvar) NOT Kontroll: a1 overlaps b1, c1 46..52 overlaps b2 42..53: both go.
    let q = query("Tillit", &[(Op::Or, "Ansvar"), (Op::Not, "Kontroll")]);
    assert_eq!(
        short(&p.excerpts(&q).unwrap()),
        [
            ("a", 3, 20, "Hva betyr tillit?"),
            ("a", 75, 83, "Kontroll"),
            ("b", 5, 11, "Tillit"),
        ]
    );
}

#[test]
fn subcodes_on_request() {
    let (_t, p) = fixture();
    let mut q = query("Tillit", &[]);
    assert_eq!(p.excerpts(&q).unwrap().len(), 4, "a3, a1, a2, d1");
    q.subcodes = true;
    let list = p.excerpts(&q).unwrap();
    // s1 36..42 joins, after a1 (26..45) by start.
    assert_eq!(
        short(&list),
        [
            ("a", 3, 20, "Hva betyr tillit?"),
            ("a", 26, 45, "Tillit er frihet og"),
            ("a", 36, 42, "frihet"),
            ("a", 75, 83, "Kontroll"),
            ("b", 5, 11, "Tillit"),
        ]
    );
    assert_eq!(list[2].code, "Tillit/Frihet");
    // With sub-codes, Tillit NOT Kontroll loses s1 too (36..42 overlaps b1 33..42).
    q.ops = vec![(Op::Not, "Kontroll".to_owned())];
    assert_eq!(p.excerpts(&q).unwrap().len(), 3, "a3, a2, d1");
}

#[test]
fn filters_apply_before_combining() {
    let (_t, p) = fixture();
    let texts = |q: &ExcerptQuery| -> Vec<String> {
        p.excerpts(q)
            .unwrap()
            .into_iter()
            .map(|e| format!("{}:{}", e.document, e.text))
            .collect()
    };
    // Speaker (any case): a3 is the interviewer's, d1 is IP2's.
    let mut q = query("Tillit", &[]);
    q.speaker = Some("ip1".into());
    assert_eq!(texts(&q), ["a:Tillit er frihet og", "a:Kontroll"]);

    // Coder: ola made a1 only; the excerpt lists just ola.
    let mut q = query("Tillit", &[]);
    q.coder = Some("ola".into());
    let list = p.excerpts(&q).unwrap();
    assert_eq!(short(&list), [("a", 26, 45, "Tillit er frihet og")]);
    assert_eq!(list[0].coders, ["ola"]);

    // The coder filter applies to both sides before combining: ola's Tillit is a1 (turn 2)
    // and ola's Kontroll is b3 (turn 4); they neither overlap nor share a turn.
    let mut q = query("Tillit", &[(Op::And, "Kontroll")]);
    q.coder = Some("ola".into());
    assert!(p.excerpts(&q).unwrap().is_empty());
    q.ops = vec![(Op::SameTurn, "Kontroll".into())];
    assert!(p.excerpts(&q).unwrap().is_empty());
    // Without the filter, a1 AND b1/b2 is the piece 33..45 (see each_operator_as_drawn).

    // Document.
    let mut q = query("Tillit", &[]);
    q.document = Some("b".into());
    assert_eq!(texts(&q), ["b:Tillit"]);

    // kommune=bodø: the informant's value first. a1 and a2 are IP1's (Tromsø): out. a3 is the
    // interviewer's, so document a's Bodø decides: in. d1's IP2 has no kommune; document b is
    // Ås: out.
    let mut q = query("Tillit", &[]);
    q.attributes = vec!["kommune=bodø".into()];
    assert_eq!(texts(&q), ["a:Hva betyr tillit?"]);

    // doc.kommune forces the document's value: everything in document a.
    q.attributes = vec!["doc.Kommune=BODØ".into()];
    assert_eq!(
        texts(&q),
        ["a:Hva betyr tillit?", "a:Tillit er frihet og", "a:Kontroll"]
    );

    // inf.kommune forces the informant's: only IP1's codings.
    q.attributes = vec!["inf.kommune=tromsø".into()];
    assert_eq!(texts(&q), ["a:Tillit er frihet og", "a:Kontroll"]);

    // Case-insensitive after NFC: "Ås" written with a combining ring (A + U+030A) matches d1
    // through document b (its informant has no kommune).
    q.attributes = vec!["kommune=A\u{30a}S".into()];
    assert_eq!(texts(&q), ["b:Tillit"]);

    // Several filters all hold.
    q.attributes = vec!["doc.kommune=bodø".into(), "inf.kommune=tromsø".into()];
    assert_eq!(texts(&q), ["a:Tillit er frihet og", "a:Kontroll"]);
    q.attributes = vec!["doc.kommune=ås".into(), "inf.kommune=tromsø".into()];
    assert!(texts(&q).is_empty());

    q.attributes = vec!["kommune".into()];
    assert!(p.excerpts(&q).is_err(), "not KEY=VALUE");
}

#[test]
fn cli_json_shape_and_operator_order() {
    let (t, p) = fixture();
    p.close().unwrap();
    let cache = t.dir.path().join("cache");
    let run = |args: &[&str]| -> Value {
        let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"excerpts", &t.path];
        all.extend(args.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>));
        all.push(&"--json");
        let out = tolk(&all, &cache);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(&stdout(&out)).unwrap()
    };

    let list = run(&["--code", "Tillit", "--and", "Kontroll"]);
    assert_eq!(
        list,
        serde_json::json!([{
            "document": "a", "code": "Tillit AND Kontroll", "speaker": "IP1", "turn": 2,
            "start_char": 33, "end_char": 45, "text": "er frihet og", "coders": ["kari", "ola"],
        }])
    );

    // The same options in two orders give the two left-to-right results drawn above.
    let starts = |v: &Value| -> Vec<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["start_char"].as_u64().unwrap())
            .collect()
    };
    let not_then_or = run(&["--code", "Tillit", "--not", "Kontroll", "--or", "Ansvar"]);
    assert_eq!(starts(&not_then_or), [3, 46, 75, 5]);
    let or_then_not = run(&["--code", "Tillit", "--or", "Ansvar", "--not", "Kontroll"]);
    assert_eq!(starts(&or_then_not), [3, 75, 5]);

    // Filters and sub-codes from the command line.
    let list = run(&[
        "--code",
        "Tillit",
        "--subcodes",
        "--speaker",
        "IP1",
        "--where",
        "doc.kommune=Bodø",
        "--coder",
        "kari",
    ]);
    assert_eq!(starts(&list), [26, 36, 75]);
    assert_eq!(list[0]["coders"], serde_json::json!(["kari"]));
    assert_eq!(list[1]["code"], "Tillit/Frihet");

    // The preamble-free turn of an interviewer: speaker and turn are there.
    let list = run(&["--code", "Tillit", "--document", "a", "--not", "Kontroll"]);
    assert_eq!(list[0]["speaker"], "I");
    assert_eq!(list[0]["turn"], 1);
}

#[test]
fn codebook_tree_json_counts_codings() {
    let (t, p) = fixture();
    p.close().unwrap();
    let cache = t.dir.path().join("cache");
    let out = tolk(&[&"codebook", &t.path, &"--json"], &cache);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Tillit", "Kontroll", "Ansvar"]);
    let tillit = &tree[0];
    let mut keys: Vec<&str> = tillit
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["children", "codings", "color", "guid", "key", "name", "path"]
    );
    // Tillit: a1 (two coders, counted once), a2, a3, d1 = 4. Frihet: s1. Kontroll: b1, b2,
    // b3. Ansvar: c1.
    assert_eq!(tillit["codings"], 4);
    assert_eq!(tillit["key"], Value::Null);
    assert_eq!(tillit["children"][0]["path"], "Tillit/Frihet");
    assert_eq!(tillit["children"][0]["codings"], 1);
    assert_eq!(tillit["children"][0]["children"], serde_json::json!([]));
    assert_eq!(tree[1]["codings"], 3);
    assert_eq!(tree[2]["codings"], 1);

    // The bare form prints the tree for people.
    let out = tolk(&[&"codebook", &t.path], &cache);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Tillit"), "{}", stdout(&out));
}
