//! The folder-level path for one post, as `postdesk check` and export run it: arbitrary bytes
//! -> `split` -> folder facts (slug, anchors, schema facts) -> `check_post` -> `fix_all_safe`
//! -> `export_post`, in a folder that also holds an ordinary post. Never a panic; every problem
//! is located inside the text; a safe fix leaves text that splits again; an exported path never
//! climbs out of the export folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postdesk::content::checks::{check_post, fix_all_safe, folder, FolderFacts};
use postdesk::content::config::Config;
use postdesk::content::export::{export_post, Decision, ExportOptions};
use postdesk::content::schema::PostFacts;
use postdesk::content::split::{decode, split};

const NEIGHBOUR: &str = "---\ntitle: A neighbour\ndate: 2025-01-01\nslug: neighbour\ntags: [a, b]\n---\n\n# Anchor\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };
    let path = "blog/fuzzed.md";
    let _ = split(text);
    let mut facts = FolderFacts::default();
    facts.insert_post("blog/neighbour.md", folder::post_entry("blog/neighbour.md", NEIGHBOUR));
    facts.insert_post(path, folder::post_entry(path, text));
    facts.files.insert("blog/img/a.png".into());
    let _ = PostFacts::extract(text);
    let config = Config::default();
    for problem in check_post(path, text, &facts, &config) {
        assert!(problem.start <= problem.end && problem.end <= text.len(), "{problem:?}");
        assert!(problem.line >= 1 && problem.column >= 1, "{problem:?}");
    }
    let fixed = fix_all_safe(path, text, &facts, &config);
    let _ = split(&fixed.text);
    let opts = ExportOptions { rename_slug: true, force: true, fix: data.len() % 2 == 0, drafts: true };
    if let Decision::Export { path: out, .. } = export_post(path, text, &facts, &config, opts) {
        assert!(!out.split('/').any(|part| part == ".." || part.is_empty()), "{out}");
        assert!(!out.starts_with('/'), "{out}");
    }
});
