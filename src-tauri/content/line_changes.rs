//! Which lines of the editor's body changed since a version (HEAD), for the gutter marks: added,
//! modified, or the place where lines were deleted. A line diff of two texts (diffy's Myers
//! diff with no context), so each mark is the smallest run of changed lines. Pure.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Git.ts")]
pub enum LineChangeKind {
    Added,
    Modified,
    Deleted,
}

/// A run of changed lines in the new text, 1-based and inclusive. For `Deleted`, `from == to`
/// is the line after which lines were removed (0: before the first line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct LineChange {
    pub kind: LineChangeKind,
    pub from: u32,
    pub to: u32,
}

/// The changed runs of `new` against `old`, in order.
pub fn line_changes(old: &str, new: &str) -> Vec<LineChange> {
    if old == new {
        return Vec::new();
    }
    let patch = diffy::DiffOptions::new().set_context_len(0).create_patch(old, new);
    let mut changes = Vec::new();
    for hunk in patch.hunks() {
        let (mut deleted, mut inserted) = (0u32, 0u32);
        for line in hunk.lines() {
            match line {
                diffy::Line::Delete(_) => deleted += 1,
                diffy::Line::Insert(_) => inserted += 1,
                diffy::Line::Context(_) => {}
            }
        }
        let range = hunk.new_range();
        // An empty range starts at the line before it (unified diff's convention).
        let first = if range.is_empty() { range.start() as u32 + 1 } else { range.start() as u32 };
        if inserted == 0 {
            let after = first.saturating_sub(1);
            changes.push(LineChange { kind: LineChangeKind::Deleted, from: after, to: after });
            continue;
        }
        let last = first + inserted - 1;
        let kind = if deleted == 0 { LineChangeKind::Added } else { LineChangeKind::Modified };
        changes.push(LineChange { kind, from: first, to: last });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use LineChangeKind::*;

    fn change(kind: LineChangeKind, from: u32, to: u32) -> LineChange {
        LineChange { kind, from, to }
    }

    #[test]
    fn added_modified_and_deleted_runs() {
        let old = "one\ntwo\nthree\nfour\nfive\n";
        assert_eq!(line_changes(old, old), []);
        assert_eq!(line_changes(old, "one\ntwo\nnew\nthree\nfour\nfive\n"), [change(Added, 3, 3)]);
        assert_eq!(line_changes(old, "one\nTWO\nthree\nfour\nfive\n"), [change(Modified, 2, 2)]);
        assert_eq!(line_changes(old, "one\nthree\nfour\nfive\n"), [change(Deleted, 1, 1)]);
        assert_eq!(line_changes(old, "two\nthree\nfour\nfive\n"), [change(Deleted, 0, 0)]);
        assert_eq!(line_changes(old, "one\ntwo\nthree\nfour\n"), [change(Deleted, 4, 4)]);
        assert_eq!(
            line_changes(old, "zero\none\ntwo\nTHREE\nFOUR\nfive\nsix\n"),
            [change(Added, 1, 1), change(Modified, 4, 5), change(Added, 7, 7)]
        );
    }

    #[test]
    fn everything_is_added_against_nothing() {
        assert_eq!(line_changes("", "a\nb\n"), [change(Added, 1, 2)]);
        assert_eq!(line_changes("a\nb\n", ""), [change(Deleted, 0, 0)]);
    }
}
