//! The baseline `postdesk list` is measured against: a bare loop that walks a folder, reads
//! each Markdown file, cuts the front matter at its fences and parses it (YAML with serde_yaml,
//! TOML with toml_edit), on one thread, keeping nothing. `scripts/bench.sh` runs both as whole
//! processes on the same generated folder.

use std::path::Path;

fn front_matter(text: &str) -> Option<(&str, &str)> {
    for fence in ["---", "+++"] {
        if let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) {
            let end = rest.find(&format!("\n{fence}"))?;
            return Some((fence, &rest[..end + 1]));
        }
    }
    None
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: bare_list DIR");
    let mut parsed = 0usize;
    for entry in walkdir::WalkDir::new(Path::new(&dir)).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let ok = match front_matter(&text) {
            Some(("---", yaml)) => serde_yaml::from_str::<serde_json::Value>(yaml).is_ok(),
            Some((_, toml)) => toml.parse::<toml_edit::DocumentMut>().is_ok(),
            None => false,
        };
        parsed += usize::from(ok);
    }
    println!("{parsed}");
}
