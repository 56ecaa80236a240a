//! What an excerpt list's header says: «37 utdrag fra 9 av 12 informanter». Counted from the
//! excerpts a query returned, against the whole project.

use std::collections::HashSet;

use super::excerpts::Excerpt;
use super::Project;
use crate::store::documents;
use crate::Result;

/// How many excerpts, documents and informants a result holds, and how many the project has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExcerptCounts {
    pub excerpts: usize,
    /// Documents with at least one excerpt.
    pub documents: usize,
    pub documents_total: usize,
    /// Informants in whose turns at least one excerpt starts (interviewers never count).
    pub informants: usize,
    /// Informants in the project: those with at least one speaker.
    pub informants_total: usize,
}

impl Project {
    /// Counts `excerpts` (as [`Project::excerpts`] returned them) by document and informant.
    /// An excerpt belongs to the informant of the turn it starts in; one starting in an
    /// interviewer's turn or in the preamble belongs to none.
    pub fn excerpt_counts(&self, excerpts: &[Excerpt]) -> Result<ExcerptCounts> {
        let conn = self.store.conn();
        let mut documents_seen: HashSet<&str> = HashSet::new();
        let mut informants: HashSet<String> = HashSet::new();
        // Excerpts come document by document: each document's turns are read once.
        let mut current: Option<(&str, Vec<super::TurnView>)> = None;
        for excerpt in excerpts {
            documents_seen.insert(&excerpt.document_guid);
            let Some(n) = excerpt.turn else { continue };
            if current
                .as_ref()
                .is_none_or(|(g, _)| *g != excerpt.document_guid)
            {
                let id = documents::resolve(conn, &excerpt.document_guid)?;
                current = Some((&excerpt.document_guid, documents::turns(conn, id)?));
            }
            let (_, turns) = current.as_ref().expect("just set");
            // Turns are numbered from 1 in order, so turn n sits at index n - 1.
            if let Some(name) = turns
                .get(n as usize - 1)
                .filter(|t| t.n == n)
                .and_then(|t| t.informant.as_ref())
            {
                if !informants.contains(name) {
                    informants.insert(name.clone());
                }
            }
        }
        let documents_total: i64 =
            conn.query_row("SELECT COUNT(*) FROM document", [], |r| r.get(0))?;
        let informants_total: i64 = conn.query_row(
            "SELECT COUNT(DISTINCT informant_id) FROM speaker WHERE informant_id IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(ExcerptCounts {
            excerpts: excerpts.len(),
            documents: documents_seen.len(),
            documents_total: documents_total as usize,
            informants: informants.len(),
            informants_total: informants_total as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::project::ExcerptQuery;
    use crate::{ImportOptions, Project};

    #[test]
    fn counts_documents_and_informants_against_the_project() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(
            &a,
            "I: Hva tenker du?\nIP1: Tillit.\nIP2: Kontroll.\nI: Takk.\n",
        )
        .unwrap();
        std::fs::write(&b, "I: Og du?\nIP3: Begge.\n").unwrap();
        let mut p =
            Project::create_with_codebook(&dir.path().join("p.tolk"), Some("bentzen")).unwrap();
        let report = p.import_paths(&[a, b], &ImportOptions::default(), &mut |_| {});
        assert!(report.failed.is_empty());
        // T01 on turns 1 (the interviewer), 2 (IP1) and 3 (IP2) of a; nothing in b.
        for turn in [1, 2, 3] {
            p.code_turn("a", "T01", turn, Some("kari")).unwrap();
        }
        let excerpts = p
            .excerpts(&ExcerptQuery {
                code: "T01".into(),
                ..ExcerptQuery::default()
            })
            .unwrap();
        let counts = p.excerpt_counts(&excerpts).unwrap();
        // 3 excerpts in 1 of 2 documents; informants a/IP1 and a/IP2 (the interviewer is none)
        // of a/IP1, a/IP2 and b/IP3.
        assert_eq!(
            counts,
            super::ExcerptCounts {
                excerpts: 3,
                documents: 1,
                documents_total: 2,
                informants: 2,
                informants_total: 3,
            }
        );
    }
}
