//! A post's URL path, by its generator's rules: Hugo's `permalinks` and default section paths,
//! Jekyll's `permalink` styles and collection permalinks, Zola's sections, Eleventy's input
//! paths and Astro's collection routes under `src/pages/`. Each rule takes the post's path
//! inside its collection and the few front-matter facts that routes use.

/// The front matter a route can depend on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontFacts {
    pub slug: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD` at least; a longer date-time is cut to its date.
    pub date: Option<String>,
    /// An explicit path: Hugo's `url`, Jekyll's and Eleventy's `permalink`, Zola's `path`.
    pub permalink: Option<String>,
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RouteRule {
    /// Hugo: the section's `permalinks` pattern, or the default `/section/dirs/name/`.
    Hugo { section: String, pattern: Option<String>, lowercase: bool },
    /// Jekyll: the pattern after its built-in style names are expanded; `collection` is None
    /// for `_posts` (whose file names carry the date).
    Jekyll { pattern: String, collection: Option<String> },
    /// Zola: the section's path.
    Zola { section: String },
    /// Eleventy: the collection's folder inside the input folder.
    Eleventy { dir: String },
    /// Astro: the route folder of a `[...slug].astro` or `[slug].astro` page that lists the
    /// collection.
    Astro { prefix: String },
}

impl RouteRule {
    /// The URL path (starting and, for pretty URLs, ending with `/`) of the entry at `inside`
    /// (its path relative to the collection's folder).
    pub fn route(&self, inside: &str, front: &FrontFacts) -> Option<String> {
        let (dirs, name) = entry_name(inside);
        match self {
            RouteRule::Hugo { section, pattern, lowercase } => {
                if name == "_index" {
                    return None;
                }
                let path = if let Some(url) = &front.permalink {
                    url.clone()
                } else if let Some(pattern) = pattern {
                    let slug = front.slug.clone().or_else(|| front.title.as_deref().map(hugo_urlize));
                    expand(pattern, |token| match token {
                        "year" | "month" | "day" => date_part(front.date.as_deref(), token),
                        "slug" => Some(slug.clone().unwrap_or_else(|| name.to_string())),
                        "slugorfilename" | "slugorcontentbasename" => {
                            Some(front.slug.clone().unwrap_or_else(|| name.to_string()))
                        }
                        "title" => front.title.as_deref().map(hugo_urlize),
                        "filename" | "contentbasename" => Some(name.to_string()),
                        "section" => Some(section.clone()),
                        "sections" => Some(join(&[section.as_str(), dirs])),
                        _ => None,
                    })?
                } else {
                    let last = front.slug.clone().unwrap_or_else(|| name.to_string());
                    format!("/{}/", join(&[section.as_str(), dirs, &last]))
                };
                Some(if *lowercase { path.to_lowercase() } else { path })
            }
            RouteRule::Jekyll { pattern, collection } => {
                let (date, title) = match collection {
                    None => jekyll_post_name(name)?,
                    Some(_) => (None, name),
                };
                let date = front.date.as_deref().or(date);
                let title = front.slug.clone().unwrap_or_else(|| title.to_string());
                if let Some(permalink) = &front.permalink {
                    return Some(permalink.clone());
                }
                let path = expand(pattern, |token| match token {
                    "year" | "month" | "day" => date_part(date, token),
                    "title" | "slug" | "name" => Some(jekyll_slugify(&title)),
                    // `categories: news releases` is two categories to Jekyll.
                    "categories" => Some(
                        front
                            .categories
                            .iter()
                            .flat_map(|c| c.split_whitespace())
                            .map(str::to_lowercase)
                            .collect::<Vec<_>>()
                            .join("/"),
                    ),
                    "collection" => collection.clone(),
                    "path" => Some(join(&[dirs, name])),
                    "output_ext" => Some(".html".into()),
                    _ => None,
                })?;
                Some(collapse_slashes(&path))
            }
            RouteRule::Zola { section } => {
                if name == "_index" {
                    return None;
                }
                if let Some(path) = &front.permalink {
                    return Some(format!("/{}/", path.trim_matches('/')));
                }
                // A file name that starts with a date (`2024-04-02-name`) gives the page its date;
                // the rest is its slug.
                let name = jekyll_post_name(name).map_or(name, |(_, rest)| rest);
                let last = front.slug.clone().unwrap_or_else(|| slug::slugify(name));
                Some(format!("/{}/", join(&[section.as_str(), dirs, &last])))
            }
            RouteRule::Eleventy { dir } => {
                if let Some(permalink) = &front.permalink {
                    return Some(permalink.clone());
                }
                let last = if name == "index" { "" } else { name };
                let path = join(&[dir.as_str(), dirs, last]);
                Some(if path.is_empty() { "/".into() } else { format!("/{path}/") })
            }
            RouteRule::Astro { prefix } => {
                let id = match &front.slug {
                    Some(slug) => slug.clone(),
                    None => {
                        let mut segments: Vec<String> =
                            dirs.split('/').filter(|s| !s.is_empty()).map(github_slug).collect();
                        if name != "index" {
                            segments.push(github_slug(name));
                        }
                        segments.join("/")
                    }
                };
                Some(format!("/{}/", join(&[prefix.as_str(), &id])))
            }
        }
    }
}

/// `blog/2024/post.md` → ("blog/2024", "post"); a bundle's `with-image/index.md` (Hugo, Zola
/// and Astro name the page after its folder) → ("", "with-image") unless the folder is the
/// collection itself.
fn entry_name(inside: &str) -> (&str, &str) {
    let (dirs, file) = inside.rsplit_once('/').unwrap_or(("", inside));
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if stem == "index" && !dirs.is_empty() {
        let (parent, folder) = dirs.rsplit_once('/').unwrap_or(("", dirs));
        return (parent, folder);
    }
    (dirs, stem)
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim_matches('/'))
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Replaces each `:token` in `pattern` (longest name first, as the generators match them).
fn expand(pattern: &str, mut value: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let token = &after[..len];
        out.push_str(&value(token)?);
        rest = &after[len..];
    }
    out.push_str(rest);
    Some(out)
}

fn date_part(date: Option<&str>, part: &str) -> Option<String> {
    let date = date?.get(..10)?;
    let (y, m, d) = (date.get(0..4)?, date.get(5..7)?, date.get(8..10)?);
    Some(
        match part {
            "year" => y,
            "month" => m,
            _ => d,
        }
        .to_string(),
    )
}

/// Jekyll's `_posts` names: `2024-03-01-hello-world` → (date, "hello-world").
fn jekyll_post_name(stem: &str) -> Option<(Option<&str>, &str)> {
    let date = stem.get(..10)?;
    let ok =
        date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    (ok && stem.as_bytes().get(10) == Some(&b'-')).then(|| (Some(date), &stem[11..]))
}

/// Hugo's `urlize`: lower case, spaces to hyphens, and only letters, digits and `._-#+~` kept.
pub fn hugo_urlize(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some('-')
            } else if c.is_alphanumeric() || "._-#+~".contains(c) {
                Some(c)
            } else {
                None
            }
        })
        .collect::<String>()
        .to_lowercase()
}

/// Jekyll's default slugify: lower case, runs of anything but letters and digits to one `-`.
fn jekyll_slugify(text: &str) -> String {
    slug::slugify(text)
}

/// github-slugger, which Astro uses for entry ids: lower case, spaces to hyphens, punctuation
/// dropped (letters, digits, `-` and `_` kept).
fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| {
            if c == ' ' {
                Some('-')
            } else if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

impl FrontFacts {
    /// The route facts of a post's front matter.
    pub fn of(fm: &crate::content::frontmatter::FrontMatter) -> FrontFacts {
        use crate::content::frontmatter::{scalar_text, Role};
        let text = |key: &str| fm.get(key).and_then(scalar_text).filter(|s| !s.trim().is_empty());
        FrontFacts {
            slug: text("slug"),
            title: fm.text(Role::Title),
            date: fm.text(Role::Date),
            permalink: text("permalink").or_else(|| text("url")).or_else(|| text("path")),
            categories: fm.list(Role::Category),
        }
    }
}
