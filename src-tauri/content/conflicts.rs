//! Merge-conflict markers that a pull, merge or rebase left in a post: finding them (for the
//! `merge-conflict` check) and resolving them hunk by hunk (mine, theirs, or both) for the
//! resolve view. Reads git's marker lines (`<<<<<<< `, `||||||| ` in diff3 style, `=======`,
//! `>>>>>>> `) only when they are whole lines outside nothing else: a conflict block must open,
//! divide and close in order, so a lone `=======` (a setext heading underline) is never one.
//! Pure; the line endings inside each side are kept as they are.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase", rename_all_fields = "camelCase")]
#[ts(export, export_to = "Conflicts.ts")]
pub enum ConflictSegment {
    /// Text both sides agree on.
    Same { text: String },
    /// One conflict: the local side ("mine": HEAD during a merge or pull) and the incoming one,
    /// with the common base when git wrote it (diff3).
    Conflict { mine: String, theirs: String, base: Option<String>, mine_label: String, theirs_label: String },
}

/// How one conflict is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Conflicts.ts")]
pub enum ConflictChoice {
    Mine,
    Theirs,
    /// Mine, then theirs.
    Both,
}

/// Where one conflict block sits in the text, for the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictBlock {
    /// Byte offset of the `<<<<<<<` line and the end of the `>>>>>>>` line.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("{given} choices were given for {expected} conflicts; choose one for each conflict")]
    WrongCount { given: usize, expected: usize },
}

fn marker<'a>(line: &'a str, sign: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(sign)?;
    let rest = rest.trim_end_matches(['\n', '\r']);
    if rest.is_empty() {
        Some("")
    } else {
        rest.strip_prefix(' ')
    }
}

const OPEN: &str = "<<<<<<<";
const BASE: &str = "|||||||";
const DIVIDE: &str = "=======";
const CLOSE: &str = ">>>>>>>";

/// The text split into agreed text and conflicts; None when it holds no complete conflict
/// block. An unclosed block is left as text.
pub fn parse(text: &str) -> Option<Vec<ConflictSegment>> {
    let (segments, blocks) = scan(text);
    (!blocks.is_empty()).then_some(segments)
}

/// The conflict blocks in the text, in order (empty when there are none).
pub fn blocks(text: &str) -> Vec<ConflictBlock> {
    if !text.contains(OPEN) {
        return Vec::new();
    }
    scan(text).1
}

#[derive(PartialEq)]
enum Part {
    Mine,
    Base,
    Theirs,
}

fn scan(text: &str) -> (Vec<ConflictSegment>, Vec<ConflictBlock>) {
    let mut segments = Vec::new();
    let mut blocks = Vec::new();
    let mut same = String::new();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let Some(mine_label) = marker(line, OPEN) else {
            same.push_str(line);
            continue;
        };
        // Read ahead for a whole block; if it does not close, the lines are plain text.
        let mut taken = vec![line];
        let (mut mine, mut base, mut theirs) = (String::new(), None::<String>, String::new());
        let mut part = Part::Mine;
        let mut closed = None;
        let mut end = offset;
        while let Some(&next) = lines.peek() {
            if marker(next, OPEN).is_some() {
                break;
            }
            lines.next();
            taken.push(next);
            end += next.len();
            if part == Part::Mine && marker(next, BASE).is_some() {
                part = Part::Base;
                base = Some(String::new());
            } else if part != Part::Theirs && marker(next, DIVIDE) == Some("") {
                part = Part::Theirs;
            } else if part == Part::Theirs && marker(next, CLOSE).is_some() {
                closed = marker(next, CLOSE).map(str::to_string);
                break;
            } else {
                match part {
                    Part::Mine => mine.push_str(next),
                    Part::Base => base.get_or_insert_with(String::new).push_str(next),
                    Part::Theirs => theirs.push_str(next),
                }
            }
        }
        match closed {
            Some(theirs_label) => {
                if !same.is_empty() {
                    segments.push(ConflictSegment::Same { text: std::mem::take(&mut same) });
                }
                segments.push(ConflictSegment::Conflict {
                    mine,
                    theirs,
                    base,
                    mine_label: mine_label.to_string(),
                    theirs_label,
                });
                blocks.push(ConflictBlock { start, end });
                offset = end;
            }
            None => {
                for line in taken {
                    same.push_str(line);
                }
                offset = end;
            }
        }
    }
    if !same.is_empty() {
        segments.push(ConflictSegment::Same { text: same });
    }
    (segments, blocks)
}

/// The text with each conflict resolved by its choice, in order.
pub fn resolve(segments: &[ConflictSegment], choices: &[ConflictChoice]) -> Result<String, ResolveError> {
    let expected = segments.iter().filter(|s| matches!(s, ConflictSegment::Conflict { .. })).count();
    if choices.len() != expected {
        return Err(ResolveError::WrongCount { given: choices.len(), expected });
    }
    let mut choices = choices.iter();
    let mut text = String::new();
    for segment in segments {
        match segment {
            ConflictSegment::Same { text: same } => text.push_str(same),
            ConflictSegment::Conflict { mine, theirs, .. } => match choices.next() {
                Some(ConflictChoice::Mine) => text.push_str(mine),
                Some(ConflictChoice::Theirs) => text.push_str(theirs),
                Some(ConflictChoice::Both) => {
                    text.push_str(mine);
                    if !mine.is_empty() && !mine.ends_with('\n') {
                        text.push('\n');
                    }
                    text.push_str(theirs);
                }
                None => {}
            },
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConflictChoice::*;

    const PULLED: &str = "---\ntitle: Hello\n---\nIntro.\n<<<<<<< HEAD\nMine one.\n=======\nTheirs one.\n>>>>>>> 1a2b3c (Teammate's edit)\nMiddle.\n<<<<<<< HEAD\n=======\nAdded by them.\n>>>>>>> 1a2b3c (Teammate's edit)\nEnd.\n";

    #[test]
    fn splits_agreed_text_and_conflicts() {
        let segments = parse(PULLED).unwrap();
        assert_eq!(segments.len(), 5);
        assert_eq!(segments[0], ConflictSegment::Same { text: "---\ntitle: Hello\n---\nIntro.\n".into() });
        assert_eq!(
            segments[1],
            ConflictSegment::Conflict {
                mine: "Mine one.\n".into(),
                theirs: "Theirs one.\n".into(),
                base: None,
                mine_label: "HEAD".into(),
                theirs_label: "1a2b3c (Teammate's edit)".into(),
            }
        );
        assert_eq!(blocks(PULLED).len(), 2);
        assert_eq!(&PULLED[blocks(PULLED)[0].start..blocks(PULLED)[0].start + 7], "<<<<<<<");
    }

    #[test]
    fn each_choice_composes_the_text() {
        let segments = parse(PULLED).unwrap();
        assert_eq!(
            resolve(&segments, &[Mine, Theirs]).unwrap(),
            "---\ntitle: Hello\n---\nIntro.\nMine one.\nMiddle.\nAdded by them.\nEnd.\n"
        );
        assert_eq!(
            resolve(&segments, &[Both, Mine]).unwrap(),
            "---\ntitle: Hello\n---\nIntro.\nMine one.\nTheirs one.\nMiddle.\nEnd.\n"
        );
        assert_eq!(resolve(&segments, &[Mine]), Err(ResolveError::WrongCount { given: 1, expected: 2 }));
    }

    #[test]
    fn diff3_base_and_crlf_are_kept() {
        let text = "a\r\n<<<<<<< ours\r\nx\r\n||||||| base\r\nw\r\n=======\r\ny\r\n>>>>>>> theirs\r\nb\r\n";
        let segments = parse(text).unwrap();
        let ConflictSegment::Conflict { base, mine, .. } = &segments[1] else { panic!("{segments:?}") };
        assert_eq!(base.as_deref(), Some("w\r\n"));
        assert_eq!(mine, "x\r\n");
        assert_eq!(resolve(&segments, &[Theirs]).unwrap(), "a\r\ny\r\nb\r\n");
    }

    #[test]
    fn lone_or_unclosed_markers_are_text() {
        assert!(parse("Title\n=======\n\nText.\n").is_none());
        assert!(parse("<<<<<<< HEAD\nno end\n=======\n").is_none());
        assert!(parse("<<<<<<<<< not a marker\n=======\n>>>>>>> x\n").is_none());
        assert!(blocks("```\ncode\n```\n").is_empty());
        // An unclosed block before a whole one: only the whole one counts.
        let text = "<<<<<<< a\nx\n<<<<<<< HEAD\nm\n=======\nt\n>>>>>>> b\n";
        let segments = parse(text).unwrap();
        assert_eq!(segments[0], ConflictSegment::Same { text: "<<<<<<< a\nx\n".into() });
        assert_eq!(resolve(&segments, &[Theirs]).unwrap(), "<<<<<<< a\nx\nt\n");
    }
}
