//! The recent-projects list: newest first, capped, missing files kept and removable, counts read
//! from the project files without changing them, written atomically.

use std::path::{Path, PathBuf};

use tolk::recent::{RecentList, MAX_ENTRIES};
use tolk::{ImportOptions, Project};

fn project_with_documents(dir: &Path, name: &str, docs: usize) -> PathBuf {
    let path = dir.join(format!("{name}.tolk"));
    let mut p = Project::create(&path).unwrap();
    for i in 0..docs {
        let text = format!("I: Spørsmål {i}?\nIP1: Svar nummer {i}.\n");
        p.import_bytes(
            &format!("intervju-{i}.txt"),
            text.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
    }
    p.close().unwrap();
    path.canonicalize().unwrap()
}

fn names(list: &RecentList) -> Vec<String> {
    list.list().into_iter().map(|p| p.name).collect()
}

#[test]
fn lists_newest_first_with_document_counts() {
    let dir = tempfile::tempdir().unwrap();
    let a = project_with_documents(dir.path(), "Tillit 2025", 2);
    let b = project_with_documents(dir.path(), "Pilot", 0);
    let list = RecentList::at(dir.path().join("config").join("recent.json"));
    assert!(list.list().is_empty(), "no file yet is an empty list");

    list.record_at(&a, "2026-11-20T09:00:00Z").unwrap();
    list.record_at(&b, "2026-11-21T09:00:00Z").unwrap();
    let shown = list.list();
    assert_eq!(names(&list), ["Pilot", "Tillit 2025"]);
    assert_eq!(shown[0].path, b);
    assert_eq!(shown[0].documents, Some(0));
    assert_eq!(shown[1].documents, Some(2), "two documents were imported");
    assert_eq!(shown[1].last_opened, "2026-11-20T09:00:00Z");
    assert!(shown.iter().all(|p| p.exists && p.modified.is_some()));

    // Opening A again moves it to the top; it is not listed twice, even under another spelling
    // of its path.
    let other_spelling = dir
        .path()
        .join("config")
        .join("..")
        .join("Tillit 2025.tolk");
    list.record_at(&other_spelling, "2026-11-22T09:00:00Z")
        .unwrap();
    assert_eq!(names(&list), ["Tillit 2025", "Pilot"]);
    assert_eq!(list.list()[0].path, a);
}

#[test]
fn a_missing_file_stays_listed_until_it_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let a = project_with_documents(dir.path(), "Flyttet", 1);
    let b = project_with_documents(dir.path(), "Her", 1);
    let list = RecentList::at(dir.path().join("recent.json"));
    list.record_at(&a, "2026-11-20T09:00:00Z").unwrap();
    list.record_at(&b, "2026-11-21T09:00:00Z").unwrap();

    std::fs::remove_file(&a).unwrap();
    let shown = list.list();
    assert_eq!(shown.len(), 2, "a missing file is shown, not dropped");
    let gone = shown.iter().find(|p| p.name == "Flyttet").unwrap();
    assert!(!gone.exists);
    assert_eq!(gone.documents, None);
    assert_eq!(gone.modified, None);

    assert!(list.forget(&a).unwrap());
    assert_eq!(names(&list), ["Her"]);
    assert!(!list.forget(&a).unwrap(), "forgetting twice finds nothing");
    assert!(b.exists(), "forgetting never touches a project file");
}

#[test]
fn keeps_at_most_twenty_entries() {
    let dir = tempfile::tempdir().unwrap();
    let list = RecentList::at(dir.path().join("recent.json"));
    let total = MAX_ENTRIES + 5;
    for i in 0..total {
        // Minutes 00..24 of one hour: entry i is opened after entry i - 1.
        let path = dir.path().join(format!("p{i:02}.tolk"));
        list.record_at(&path, &format!("2026-11-20T09:{i:02}:00Z"))
            .unwrap();
    }
    let shown = names(&list);
    assert_eq!(shown.len(), MAX_ENTRIES);
    // The newest is the last recorded (p24); the five oldest (p00..p04) fell off.
    assert_eq!(shown[0], format!("p{:02}", total - 1));
    assert_eq!(
        shown[MAX_ENTRIES - 1],
        format!("p{:02}", total - MAX_ENTRIES)
    );
}

#[test]
fn an_unreadable_list_counts_as_empty_and_is_replaced_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recent.json");
    std::fs::write(&file, "{ not json").unwrap();
    let list = RecentList::at(&file);
    assert!(list.list().is_empty());

    let a = project_with_documents(dir.path(), "Ny", 0);
    list.record(&a).unwrap();
    assert_eq!(names(&list), ["Ny"]);
    let stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(stored["version"], 1);
    assert_eq!(stored["projects"][0]["name"], "Ny");
    // The write went through a temp file that was renamed: nothing else is left in the dir.
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["Ny.tolk", "recent.json"]);
}

#[test]
fn counting_reads_the_project_without_changing_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = project_with_documents(dir.path(), "Uendret", 3);
    let before = std::fs::read(&a).unwrap();
    assert_eq!(tolk::recent::count_documents(&a), Some(3));
    assert_eq!(std::fs::read(&a).unwrap(), before);
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["Uendret.tolk"], "no -wal or -shm is left beside it");

    // While the project is open (its -wal holds changes not yet in the file), the count reads
    // through the WAL: 3 documents + 1 imported now = 4.
    let mut open = Project::open(&a).unwrap();
    open.import_bytes(
        "sent.txt",
        b"I: Ett til?\nIP1: Ja.\n",
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(tolk::recent::count_documents(&a), Some(4));
    open.close().unwrap();

    // A file that is not a project is listed, but without a count.
    let text = dir.path().join("notat.tolk");
    std::fs::write(&text, "ikke et prosjekt").unwrap();
    let list = RecentList::at(dir.path().join("recent.json"));
    list.record(&text).unwrap();
    let shown = list.list();
    assert!(shown[0].exists);
    assert_eq!(shown[0].documents, None);
}

#[test]
fn last_change_is_the_file_mtime_or_the_wal_mtime_if_newer() {
    use std::time::{Duration, SystemTime};
    use time::format_description::well_known::Rfc3339;
    use time::OffsetDateTime;

    fn set_mtime(path: &Path, t: SystemTime) {
        let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        f.set_modified(t).unwrap();
    }
    fn shown(list: &RecentList) -> OffsetDateTime {
        let modified = list.list()[0]
            .modified
            .clone()
            .expect("a modification time");
        OffsetDateTime::parse(&modified, &Rfc3339).unwrap()
    }

    let dir = tempfile::tempdir().unwrap();
    let a = project_with_documents(dir.path(), "Endret", 1);
    let list = RecentList::at(dir.path().join("recent.json"));
    list.record(&a).unwrap();

    // A day ago, whole seconds (what RFC 3339 keeps).
    let now = SystemTime::now();
    let secs = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let day_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(secs - 86_400);
    set_mtime(&a, day_ago);
    assert_eq!(shown(&list), OffsetDateTime::from(day_ago));

    // Touching the file moves the time.
    let hour_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(secs - 3_600);
    set_mtime(&a, hour_ago);
    assert_eq!(shown(&list), OffsetDateTime::from(hour_ago));

    // A -wal written after the file (an open project) is the later change and counts.
    let wal = dir.path().join("Endret.tolk-wal");
    std::fs::write(&wal, b"").unwrap();
    let minute_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(secs - 60);
    set_mtime(&wal, minute_ago);
    assert_eq!(shown(&list), OffsetDateTime::from(minute_ago));

    // An older -wal does not hide a newer file.
    set_mtime(&wal, day_ago);
    assert_eq!(shown(&list), OffsetDateTime::from(hour_ago));
}
