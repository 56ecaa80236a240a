//! A codebook's rows as a tree: depth-first order (siblings by position), paths, families and
//! resolving what a researcher typed to one code.

use std::collections::HashMap;

use super::{escape_segment, name_key, split_path, CodeRow, CodeSummary};
use crate::{Error, Result};

/// The codes of a project, indexed as a tree. Indices are positions in the row slice.
pub struct Tree<'a> {
    rows: &'a [CodeRow],
    by_id: HashMap<i64, usize>,
    /// Children of each parent (`None`: the top level), by position then id.
    children: HashMap<Option<i64>, Vec<usize>>,
}

impl<'a> Tree<'a> {
    pub fn new(rows: &'a [CodeRow]) -> Tree<'a> {
        let by_id: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            // A parent id that is not in the rows would orphan a subtree; the foreign key
            // prevents it, and such a row is shown at the top rather than lost.
            let parent = row.parent_id.filter(|p| by_id.contains_key(p));
            children.entry(parent).or_default().push(i);
        }
        for list in children.values_mut() {
            list.sort_by_key(|&i| (rows[i].position, rows[i].id));
        }
        Tree {
            rows,
            by_id,
            children,
        }
    }

    pub fn row(&self, index: usize) -> &'a CodeRow {
        &self.rows[index]
    }

    /// The index of the row with this id.
    pub fn index(&self, id: i64) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// Children of a code (`None`: the top-level codes), in order.
    pub fn children(&self, parent: Option<usize>) -> &[usize] {
        let key = parent.map(|p| self.rows[p].id);
        self.children.get(&key).map_or(&[], Vec::as_slice)
    }

    /// The parent's index.
    pub fn parent(&self, index: usize) -> Option<usize> {
        self.rows[index].parent_id.and_then(|p| self.index(p))
    }

    /// The code's ancestors from its parent up to the top.
    pub fn ancestors(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut current = self.parent(index);
        while let Some(p) = current {
            if out.contains(&p) || p == index {
                break; // a cycle cannot be stored through the facade; never loop on one
            }
            out.push(p);
            current = self.parent(p);
        }
        out
    }

    /// The code and everything below it, depth-first.
    pub fn family(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        self.walk(Some(index), &mut out, true);
        out
    }

    /// Every code depth-first, siblings by position.
    pub fn order(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.walk(None, &mut out, false);
        out
    }

    fn walk(&self, from: Option<usize>, out: &mut Vec<usize>, include_self: bool) {
        let mut stack: Vec<usize> = match from {
            Some(i) if include_self => vec![i],
            _ => self.children(from).iter().rev().copied().collect(),
        };
        let mut seen = vec![false; self.rows.len()];
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            out.push(i);
            stack.extend(self.children(Some(i)).iter().rev());
        }
    }

    /// Whether `index` is `ancestor` or lies below it.
    pub fn is_in_family(&self, index: usize, ancestor: usize) -> bool {
        index == ancestor || self.ancestors(index).contains(&ancestor)
    }

    /// The code's path of bokmål names.
    pub fn path(&self, index: usize) -> String {
        let names: Vec<String> = self
            .ancestors(index)
            .iter()
            .rev()
            .chain(std::iter::once(&index))
            .map(|&i| escape_segment(&self.rows[i].data.name_nb))
            .collect();
        names.join("/")
    }

    /// The row as a list entry.
    pub fn summary(&self, index: usize) -> CodeSummary {
        let row = &self.rows[index];
        let ancestors = self.ancestors(index);
        let block = std::iter::once(index)
            .chain(ancestors.iter().copied())
            .find_map(|i| self.rows[i].data.block.clone());
        CodeSummary {
            guid: row.guid.clone(),
            key: row.data.key.clone(),
            path: self.path(index),
            depth: ancestors.len(),
            parent: self.parent(index).map(|p| self.rows[p].guid.clone()),
            position: row.position,
            name: row.data.name_nb.clone(),
            name_en: row.data.name_en.clone(),
            color: row.data.color.clone(),
            block,
            hidden: row.data.hidden || ancestors.iter().any(|&a| self.rows[a].data.hidden),
            hides_family: row.data.hidden,
            children: self.children(Some(index)).len(),
        }
    }

    /// Finds the code a researcher means by `text`, trying in this order: a key (`T06.4`, any
    /// case), a GUID, a path of bokmål names from the top (`Parent/Child`, `\/` for a `/` inside
    /// a name, compared like sibling names), and the same path in English names.
    pub fn resolve(&self, text: &str) -> Result<usize> {
        let wanted = text.trim();
        let found = self
            .rows
            .iter()
            .position(|r| {
                r.data
                    .key
                    .as_deref()
                    .is_some_and(|k| k.eq_ignore_ascii_case(wanted))
            })
            .or_else(|| {
                self.rows
                    .iter()
                    .position(|r| r.guid.eq_ignore_ascii_case(wanted))
            })
            .or_else(|| self.resolve_path(wanted, false))
            .or_else(|| self.resolve_path(wanted, true));
        found.ok_or_else(|| {
            Error::Invalid(format!(
                "no code {wanted:?} in this project: give a key (such as T06.4), a GUID, or a \
                 path of names from the top (such as Parent/Child, with \\/ for a / in a name)"
            ))
        })
    }

    fn resolve_path(&self, path: &str, english: bool) -> Option<usize> {
        let mut parent = None;
        for segment in split_path(path) {
            let wanted = name_key(&segment);
            let next = self.children(parent).iter().copied().find(|&i| {
                let data = &self.rows[i].data;
                let name = if english {
                    data.name_en.as_deref().unwrap_or(&data.name_nb)
                } else {
                    &data.name_nb
                };
                name_key(name) == wanted
            })?;
            parent = Some(next);
        }
        parent
    }

    /// A sibling under `parent` (`None`: the top level) whose name compares equal to `name`,
    /// other than `except`.
    pub fn sibling_named(
        &self,
        parent: Option<usize>,
        name: &str,
        except: Option<usize>,
    ) -> Option<usize> {
        let wanted = name_key(name);
        self.children(parent)
            .iter()
            .copied()
            .find(|&i| Some(i) != except && name_key(&self.rows[i].data.name_nb) == wanted)
    }

    /// Describes a code for messages: `"name" (key)` or `"name"`.
    pub fn describe(&self, index: usize) -> String {
        describe(
            &self.rows[index].data.name_nb,
            self.rows[index].data.key.as_deref(),
        )
    }
}

/// Describes a code for messages: `"name" (key)` or `"name"`.
pub fn describe(name: &str, key: Option<&str>) -> String {
    match key {
        Some(k) => format!("{name:?} ({k})"),
        None => format!("{name:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::CodeData;

    fn row(
        id: i64,
        parent: Option<i64>,
        position: usize,
        name: &str,
        key: Option<&str>,
    ) -> CodeRow {
        CodeRow {
            id,
            guid: format!("G{id}"),
            parent_id: parent,
            position,
            created_at: String::new(),
            data: CodeData {
                key: key.map(str::to_owned),
                name_nb: name.to_owned(),
                name_en: Some(format!("{name} (en)")),
                color: "#000000".to_owned(),
                ..CodeData::default()
            },
        }
    }

    fn sample() -> Vec<CodeRow> {
        vec![
            row(1, None, 1, "Styring", Some("T05")),
            row(2, None, 0, "Tillit", Some("T01")),
            row(3, Some(2), 1, "Mistillit", Some("T01.4")),
            row(4, Some(2), 0, "Team / kollegiet", Some("T01.1")),
            row(5, Some(4), 0, "Egen", None),
        ]
    }

    #[test]
    fn order_is_depth_first_by_position() {
        let rows = sample();
        let tree = Tree::new(&rows);
        let keys: Vec<_> = tree
            .order()
            .iter()
            .map(|&i| tree.row(i).data.name_nb.as_str())
            .collect();
        assert_eq!(
            keys,
            ["Tillit", "Team / kollegiet", "Egen", "Mistillit", "Styring"]
        );
        let s = tree.summary(4);
        assert_eq!(s.path, r"Tillit/Team \/ kollegiet/Egen");
        assert_eq!(s.depth, 2);
        assert_eq!(s.parent.as_deref(), Some("G4"));
        assert_eq!(tree.family(1), [1, 3, 4, 2]);
    }

    #[test]
    fn resolves_keys_guids_and_paths() {
        let rows = sample();
        let tree = Tree::new(&rows);
        assert_eq!(tree.resolve("t01.4").unwrap(), 2);
        assert_eq!(tree.resolve("g5").unwrap(), 4);
        assert_eq!(tree.resolve(r"tillit/team \/ KOLLEGIET/egen").unwrap(), 4);
        assert_eq!(tree.resolve("Tillit (en)/Mistillit (en)").unwrap(), 2);
        assert!(tree.resolve("Tillit/Team / kollegiet").is_err());
        assert!(tree.resolve("Egen").is_err(), "a path starts at the top");
    }

    #[test]
    fn hidden_comes_from_the_family_head() {
        let mut rows = sample();
        rows[1].data.hidden = true;
        let tree = Tree::new(&rows);
        let hidden: Vec<bool> = (0..rows.len()).map(|i| tree.summary(i).hidden).collect();
        assert_eq!(hidden, [false, true, true, true, true]);
        assert!(tree.summary(1).hides_family && !tree.summary(4).hides_family);
    }
}
