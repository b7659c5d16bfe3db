//! Arbitrary bytes -> `split` -> `frontmatter::read`, plus `render_body` of the body. Never a
//! panic; diagnostics carry 1-based positions.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postdesk::content::frontmatter::{read, Role};
use postdesk::content::render::{render_body, RenderContext};
use postdesk::content::split::{decode, split};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };
    let s = split(text);
    let fm = read(text, &s);
    for d in &fm.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "diagnostic at {}:{}", d.line, d.column);
    }
    // The role lookups the UI and the checks run on every post.
    for role in [Role::Title, Role::Date, Role::Updated, Role::Summary, Role::Image, Role::Category] {
        let _ = fm.text(role);
    }
    let _ = fm.draft();
    let _ = fm.list(Role::Tags);
    let _ = render_body(&text[s.body.clone()], &RenderContext::for_body("blog/2025", &text[s.body.clone()]));
});
