//! Where each field of a document is written: a compact index from field
//! paths (`spec.containers[0].image`) to line and column.
//!
//! A check keeps the index of every document until its report is written, so
//! it is stored as a tree of path segments (`spec`, `.containers`, `[0]`,
//! `.image`) in one text buffer, not as a table of full paths: a quarter of
//! the memory, for a lookup per finding.

use std::collections::HashMap;

use crate::yaml::{parent_path, Pos};

/// Position of a node that is only an ancestor of written fields.
const UNWRITTEN: Pos = (0, 0);

/// The parent key of a top-level field.
const ROOT: u32 = 0;

/// One path segment: its parent (`ROOT`, or the index + 1 of its node),
/// its text in [`Locations::text`], and where it is written.
#[derive(Debug, Clone, Copy)]
struct Node {
    parent: u32,
    start: u32,
    len: u32,
    pos: Pos,
}

/// Index from a field path in a document to the position of its key (for
/// mapping entries) or of the item (for sequence entries).
#[derive(Debug, Default, Clone)]
pub(crate) struct Locations {
    /// The segments of every node, one after the other.
    text: Box<str>,
    /// Sorted by (parent, segment text), so a child is found by binary search.
    nodes: Box<[Node]>,
}

/// The last segment of a path: what follows its parent (`.image`, `[0]`).
fn segment(path: &str) -> (&str, &str) {
    let parent = parent_path(path);
    (parent, path.get(parent.len()..).unwrap_or(""))
}

fn depth(mut path: &str) -> usize {
    let mut d = 0;
    while !path.is_empty() {
        path = parent_path(path);
        d += 1;
    }
    d
}

impl Locations {
    /// Build the index from the paths recorded while parsing, in the order
    /// they were met (a later entry for a path replaces an earlier one).
    pub(crate) fn from_entries(entries: Vec<(String, Pos)>) -> Locations {
        let mut written: HashMap<&str, Pos> = HashMap::with_capacity(entries.len());
        for (path, pos) in &entries {
            if !path.is_empty() {
                written.insert(path.as_str(), *pos);
            }
        }
        // every ancestor of a written path is a node, written or not
        let mut all: HashMap<&str, Pos> = written.clone();
        for path in written.keys() {
            let mut p = parent_path(path);
            while !p.is_empty() && !all.contains_key(p) {
                all.insert(p, UNWRITTEN);
                p = parent_path(p);
            }
        }
        let mut by_depth: Vec<Vec<(&str, Pos)>> = Vec::new();
        for (path, pos) in all {
            let d = depth(path);
            if by_depth.len() < d {
                by_depth.resize_with(d, Vec::new);
            }
            if let Some(level) = by_depth.get_mut(d.saturating_sub(1)) {
                level.push((path, pos));
            }
        }
        // Level by level: a node's parent is on the level above, numbered
        // already, so sorting a level by (parent, segment) keeps the whole
        // list sorted.
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut text = String::new();
        let mut nodes = Vec::new();
        for level in by_depth {
            let mut keyed: Vec<(u32, &str, &str, Pos)> = level
                .into_iter()
                .map(|(path, pos)| {
                    let (parent, seg) = segment(path);
                    let key = index.get(parent).copied().unwrap_or(ROOT);
                    (key, seg, path, pos)
                })
                .collect();
            keyed.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            for (parent, seg, path, pos) in keyed {
                let start = u32::try_from(text.len()).unwrap_or(u32::MAX);
                let len = u32::try_from(seg.len()).unwrap_or(u32::MAX);
                text.push_str(seg);
                nodes.push(Node {
                    parent,
                    start,
                    len,
                    pos,
                });
                index.insert(path, u32::try_from(nodes.len()).unwrap_or(u32::MAX));
            }
        }
        Locations {
            text: text.into_boxed_str(),
            nodes: nodes.into_boxed_slice(),
        }
    }

    fn text_of(&self, n: &Node) -> &str {
        let start = n.start as usize;
        self.text
            .get(start..start.saturating_add(n.len as usize))
            .unwrap_or("")
    }

    /// The node under `parent` with segment `seg`: its key as a parent.
    fn child(&self, parent: u32, seg: &str) -> Option<(u32, Pos)> {
        let i = self
            .nodes
            .binary_search_by(|n| (n.parent, self.text_of(n)).cmp(&(parent, seg)))
            .ok()?;
        let node = self.nodes.get(i)?;
        Some((u32::try_from(i + 1).unwrap_or(u32::MAX), node.pos))
    }

    /// The position of `path`, or of its nearest written ancestor.
    pub(crate) fn resolve(&self, path: &str) -> Option<Pos> {
        let mut prefixes = Vec::new();
        let mut p = path;
        while !p.is_empty() {
            prefixes.push(p);
            p = parent_path(p);
        }
        let mut key = ROOT;
        let mut found = None;
        for prefix in prefixes.into_iter().rev() {
            let (_, seg) = segment(prefix);
            let Some((child, pos)) = self.child(key, seg) else {
                break;
            };
            if pos != UNWRITTEN {
                found = Some(pos);
            }
            key = child;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn locs(entries: &[(&str, Pos)]) -> Locations {
        Locations::from_entries(entries.iter().map(|(p, l)| (p.to_string(), *l)).collect())
    }

    #[test]
    fn paths_resolve_to_themselves_or_their_nearest_written_ancestor() {
        let l = locs(&[
            ("spec", (3, 1)),
            ("spec.containers", (4, 3)),
            ("spec.containers[0]", (5, 5)),
            ("spec.containers[0].image", (5, 7)),
            ("spec.containers[1]", (6, 5)),
            ("metadata[\"a.b\"]", (2, 3)),
            ("items[2].spec", (9, 5)),
        ]);
        assert_eq!(l.resolve("spec.containers[0].image"), Some((5, 7)));
        assert_eq!(l.resolve("spec.containers[1]"), Some((6, 5)));
        assert_eq!(l.resolve("spec.containers[1].image"), Some((6, 5)));
        assert_eq!(l.resolve("spec.volumes[0]"), Some((3, 1)));
        assert_eq!(l.resolve("metadata[\"a.b\"]"), Some((2, 3)));
        // `items` and `items[2]` were never written themselves
        assert_eq!(l.resolve("items[2].spec.x"), Some((9, 5)));
        assert_eq!(l.resolve("items[2]"), None);
        assert_eq!(l.resolve("status"), None);
        assert_eq!(l.resolve(""), None);
    }

    #[test]
    fn a_later_entry_for_a_path_wins() {
        let l = locs(&[("a", (1, 1)), ("a.b", (2, 1)), ("a.b", (7, 3))]);
        assert_eq!(l.resolve("a.b"), Some((7, 3)));
    }

    #[test]
    fn many_siblings_are_found_by_binary_search() {
        let entries: Vec<(String, Pos)> = (0..500u32)
            .map(|i| (format!("items[{i}]"), (i + 1, 1)))
            .chain((0..500u32).map(|i| (format!("items[{i}].kind"), (i + 1, 3))))
            .collect();
        let l = Locations::from_entries(entries);
        for i in [0u32, 1, 10, 99, 250, 499] {
            assert_eq!(l.resolve(&format!("items[{i}].kind")), Some((i + 1, 3)));
            assert_eq!(l.resolve(&format!("items[{i}].spec")), Some((i + 1, 1)));
        }
        assert_eq!(l.resolve("items[500]"), None);
    }
}
