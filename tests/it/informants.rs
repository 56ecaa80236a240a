//! Removing document and informant attributes: one transaction each, logged like setting one,
//! and a no-op (not logged) when the attribute is missing.

use tolk::{Error, ImportOptions, Project};

use crate::util::TempProject;

/// 3 turns: I (interviewer) and IP1 (the only informant).
const DOC: &str = "I: Hei.\nIP1: Hei, takk.\nI: Takk.\n";

fn project_with_one_document(project: &TempProject) -> Project {
    let mut p = project.open();
    p.import_bytes("intervju.txt", DOC.as_bytes(), &ImportOptions::default())
        .unwrap();
    p.set_document_attribute("intervju", "kommune", "Bodø")
        .unwrap();
    p.set_document_attribute("intervju", "rolle", "enhetsleder")
        .unwrap();
    p.set_informant_attribute("intervju/IP1", "Alder", "50–59")
        .unwrap();
    p.set_informant_attribute("intervju/IP1", "kjønn", "kvinne")
        .unwrap();
    p
}

fn log_entries(project: &TempProject) -> Vec<(String, String, serde_json::Value)> {
    let conn = rusqlite::Connection::open(&project.path).unwrap();
    let mut stmt = conn
        .prepare("SELECT action, subject, detail FROM change_log ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| {
        let detail: String = r.get(2)?;
        Ok((r.get(0)?, r.get(1)?, serde_json::from_str(&detail).unwrap()))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn removing_an_informant_attribute_keeps_the_others_and_is_logged() {
    let project = TempProject::new();
    let mut p = project_with_one_document(&project);
    let guid = p.informants().unwrap()[0].guid.clone();
    let before = log_entries(&project).len();

    // Keys are matched as they are stored (lower-cased), whatever case is given.
    assert!(p
        .remove_informant_attribute("intervju/IP1", "ALDER")
        .unwrap());
    let informant = &p.informants().unwrap()[0];
    assert_eq!(
        informant.attributes.iter().collect::<Vec<_>>(),
        vec![(&"kjønn".to_owned(), &"kvinne".to_owned())]
    );

    let log = log_entries(&project);
    assert_eq!(log.len(), before + 1, "one log entry for one removal");
    let (action, subject, detail) = log.last().unwrap();
    assert_eq!(action, "remove_attribute");
    assert_eq!(subject, &guid);
    assert_eq!(
        detail,
        &serde_json::json!({ "key": "alder", "previous": "50–59" })
    );

    // The informant may be named by GUID too; the change survives closing and reopening.
    assert!(p.remove_informant_attribute(&guid, "kjønn").unwrap());
    p.close().unwrap();
    let p = project.open();
    assert!(p.informants().unwrap()[0].attributes.is_empty());
}

#[test]
fn removing_a_document_attribute_is_logged_against_the_document() {
    let project = TempProject::new();
    let mut p = project_with_one_document(&project);
    let doc = p.documents().unwrap().remove(0);
    assert_eq!(doc.attributes.len(), 2, "kommune and rolle");

    assert!(p.remove_document_attribute("intervju", "kommune").unwrap());
    let doc_after = p.document(&doc.guid).unwrap();
    assert_eq!(
        doc_after.attributes.keys().collect::<Vec<_>>(),
        vec!["rolle"]
    );
    let (action, subject, detail) = log_entries(&project).pop().unwrap();
    assert_eq!(
        (action.as_str(), subject.as_str()),
        ("remove_attribute", doc.guid.as_str())
    );
    assert_eq!(
        detail,
        serde_json::json!({ "key": "kommune", "previous": "Bodø" })
    );
    // The informant's attributes are another level and untouched.
    assert_eq!(p.informants().unwrap()[0].attributes.len(), 2);
}

#[test]
fn removing_a_missing_attribute_changes_and_logs_nothing() {
    let project = TempProject::new();
    let mut p = project_with_one_document(&project);
    let before = log_entries(&project).len();
    assert!(!p
        .remove_informant_attribute("intervju/IP1", "stilling")
        .unwrap());
    assert!(!p.remove_document_attribute("intervju", "sektor").unwrap());
    assert_eq!(log_entries(&project).len(), before);
    assert_eq!(p.informants().unwrap()[0].attributes.len(), 2);
}

#[test]
fn removing_needs_a_known_owner_and_a_key() {
    let project = TempProject::new();
    let mut p = project_with_one_document(&project);
    assert!(matches!(
        p.remove_informant_attribute("intervju/IP9", "alder"),
        Err(Error::UnknownInformant(_))
    ));
    assert!(matches!(
        p.remove_document_attribute("finnes-ikke", "kommune"),
        Err(Error::UnknownDocument(_))
    ));
    assert!(matches!(
        p.remove_informant_attribute("intervju/IP1", "  "),
        Err(Error::Invalid(_))
    ));
}
