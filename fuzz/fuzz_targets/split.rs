//! Arbitrary bytes -> `decode` -> `split`. Every span must lie inside the text, on char
//! boundaries, and in document order (fence open, front-matter block, body, fence close).
#![no_main]

use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use postdesk::content::split::{decode, split, FrontMatterKind};

fn check_span(text: &str, what: &str, r: &Range<usize>) {
    assert!(r.start <= r.end && r.end <= text.len(), "{what} {r:?} out of bounds (len {})", text.len());
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = match decode(data) {
        Ok(text) => text,
        Err(e) => {
            assert!(e.valid_up_to < data.len());
            assert!(std::str::from_utf8(&data[..e.valid_up_to]).is_ok());
            return;
        }
    };
    let s = split(text);
    check_span(text, "front_matter", &s.front_matter);
    check_span(text, "front_matter_block", &s.front_matter_block);
    check_span(text, "body", &s.body);
    // The content sits inside its block, and the body comes after the block.
    assert!(
        s.front_matter_block.start <= s.front_matter.start && s.front_matter.end <= s.front_matter_block.end
    );
    assert!(s.front_matter_block.end <= s.body.start);
    if s.kind == FrontMatterKind::None {
        assert!(s.front_matter.is_empty() && s.front_matter_block.is_empty());
    }
    let content_start = if s.bom { '\u{feff}'.len_utf8() } else { 0 };
    assert_eq!(s.bom, text.starts_with('\u{feff}'));
    assert!(s.front_matter_block.start >= content_start);
    if let Some(f) = &s.fence {
        check_span(text, "fence.open", &f.open);
        check_span(text, "fence.close", &f.close);
        assert!(f.open.end <= s.front_matter_block.start, "fence open after block");
        assert!(s.body.end <= f.close.start, "body runs into the closing fence");
    } else {
        assert_eq!(s.body.end, text.len(), "unwrapped body must run to the end");
    }
    // Slicing must not panic either.
    let _ = (&text[s.front_matter.clone()], &text[s.front_matter_block.clone()], &text[s.body.clone()]);
});
