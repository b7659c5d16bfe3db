//! A site's languages and how it pairs translations, as its generator declares them:
//! - a folder per language (Hugo `languages.*.contentDir`, Jekyll and Eleventy sites with
//!   `en/`, `fr/` folders): a post's language is its folder, and its translation key is its
//!   path inside that folder;
//! - a language in the file name (Hugo and Zola `post.fr.md`): the key is the name without it;
//! - a folder per locale inside each collection (Astro `i18n.locales`, `blog/fr/post.md`);
//! - a `lang:` key in the front matter (Jekyll Polyglot, Eleventy), which wins over the path,
//!   and Hugo's `translationKey`, which pairs posts whose paths differ.
//!
//! A post with none of these takes the site's default language. Pure: the generators' readers
//! (`generators.rs`) fill [`Languages`] from the config and the file list.

use serde::Serialize;
use ts_rs::TS;

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub struct Language {
    /// Its code as the site writes it (`en`, `pt-br`, `zh-hans`).
    pub code: String,
    /// Its name, when the config gives one (`languageName`).
    pub name: Option<String>,
    /// The folder holding its posts (relative to the site root), when the site keeps one per
    /// language.
    pub dir: Option<String>,
    /// The file-name suffix marking its posts (`.fr` in `post.fr.md`), when the site uses them.
    pub suffix: Option<String>,
    /// Written right to left (Arabic, Hebrew, Persian, Urdu, ...).
    pub rtl: bool,
}

/// How the site's posts name their language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub enum LanguageLayout {
    /// One language, or only `lang:` keys.
    #[default]
    Single,
    /// A folder per language ([`Language::dir`]).
    Folders,
    /// A suffix in the file name ([`Language::suffix`]).
    Suffixes,
    /// A locale folder first inside each collection (Astro).
    CollectionFolders,
}

/// The site's languages, and its default one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub struct Languages {
    /// The language of a post that names none.
    pub default: Option<String>,
    pub list: Vec<Language>,
    pub layout: LanguageLayout,
}

/// Right-to-left languages, by primary subtag.
const RTL: &[&str] = &["ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr"];

/// ISO 639-1 codes: a folder named one of these (optionally with a region, `pt-br`) is taken
/// for a language folder.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// True when `name` reads as a language code: an ISO 639-1 code, optionally with a script or
/// region (`zh-hans`, `pt_BR`).
pub fn is_language_code(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let rest_ok = parts.all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    primary.len() == 2 && ISO_639_1.split(' ').any(|c| c == primary) && rest_ok
}

pub fn is_rtl(code: &str) -> bool {
    let primary = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    RTL.contains(&primary.as_str())
}

impl Language {
    pub fn new(code: &str) -> Language {
        Language { code: code.to_string(), name: None, dir: None, suffix: None, rtl: is_rtl(code) }
    }
}

/// Where a post stands among the site's languages: its language and the key its translations
/// share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub lang: Option<String>,
    /// The same for every translation of one post; None on a one-language site.
    pub key: Option<String>,
}

fn without_extension(path: &str) -> &str {
    match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') && ext.len() <= 8 => stem,
        _ => path,
    }
}

impl Languages {
    /// True when the site has more than one language, so posts pair as translations.
    pub fn is_multilingual(&self) -> bool {
        self.list.len() > 1
    }

    pub fn get(&self, code: &str) -> Option<&Language> {
        self.list.iter().find(|l| l.code.eq_ignore_ascii_case(code))
    }

    /// The language and translation key of the post at `rel` (relative to the site root),
    /// given the collection folder it is in, its front matter's `lang` (or `language`,
    /// `locale`) and its `translationKey`.
    pub fn place(
        &self,
        rel: &str,
        collection_dir: Option<&str>,
        front_lang: Option<&str>,
        front_key: Option<&str>,
    ) -> Placement {
        let (path_lang, key) = self.path_language(rel, collection_dir);
        let lang = front_lang.map(str::to_string).or(path_lang).or_else(|| self.default.clone());
        if !self.is_multilingual() {
            return Placement { lang, key: None };
        }
        let key = front_key.map(|k| format!("key:{k}")).unwrap_or(key);
        Placement { lang, key: Some(key) }
    }

    /// The language a post's path names, and its path with the language taken out.
    fn path_language(&self, rel: &str, collection_dir: Option<&str>) -> (Option<String>, String) {
        match self.layout {
            LanguageLayout::Single => (None, without_extension(rel).to_string()),
            LanguageLayout::Folders => {
                for lang in &self.list {
                    let Some(dir) = &lang.dir else { continue };
                    let inside = if dir == "." {
                        Some(rel)
                    } else {
                        rel.strip_prefix(dir.as_str()).and_then(|r| r.strip_prefix('/'))
                    };
                    if let Some(inside) = inside {
                        return (Some(lang.code.clone()), without_extension(inside).to_string());
                    }
                }
                (None, without_extension(rel).to_string())
            }
            LanguageLayout::Suffixes => {
                let stem = without_extension(rel);
                if let Some((base, suffix)) = stem.rsplit_once('.') {
                    if !suffix.contains('/') {
                        if let Some(lang) = self.list.iter().find(|l| l.code.eq_ignore_ascii_case(suffix)) {
                            return (Some(lang.code.clone()), base.to_string());
                        }
                    }
                }
                (None, stem.to_string())
            }
            LanguageLayout::CollectionFolders => {
                let dir = collection_dir.unwrap_or(".");
                let inside = if dir == "." {
                    Some(rel)
                } else {
                    rel.strip_prefix(dir).and_then(|r| r.strip_prefix('/'))
                };
                if let Some((first, rest)) = inside.and_then(|i| i.split_once('/')) {
                    if let Some(lang) = self.list.iter().find(|l| l.code.eq_ignore_ascii_case(first)) {
                        return (Some(lang.code.clone()), format!("{dir}/{}", without_extension(rest)));
                    }
                }
                (None, without_extension(rel).to_string())
            }
        }
    }

    /// Where a translation of the post at `rel` (in `from`) into `to` goes, relative to the
    /// site root; None when the layout cannot say (front-matter languages).
    pub fn translation_path(&self, rel: &str, collection_dir: Option<&str>, to: &str) -> Option<String> {
        let target = self.get(to)?;
        let ext = rel.rsplit_once('.').map(|(_, e)| e).filter(|e| !e.contains('/')).unwrap_or("md");
        let (_, key) = self.path_language(rel, collection_dir);
        match self.layout {
            LanguageLayout::Single => None,
            LanguageLayout::Folders => {
                let dir = target.dir.as_deref()?;
                Some(if dir == "." { format!("{key}.{ext}") } else { format!("{dir}/{key}.{ext}") })
            }
            LanguageLayout::Suffixes => Some(if self.default.as_deref() == Some(target.code.as_str()) {
                format!("{key}.{ext}")
            } else {
                format!("{key}.{}.{ext}", target.code)
            }),
            LanguageLayout::CollectionFolders => {
                let dir = collection_dir?;
                let inside = key.strip_prefix(dir)?.trim_start_matches('/');
                Some(format!("{dir}/{}/{inside}.{ext}", target.code))
            }
        }
    }
}

/// Language folders among `dirs` (folder names directly under a content root), when at least
/// two of them read as language codes.
pub fn language_folders<'d>(dirs: impl IntoIterator<Item = &'d str>) -> Vec<String> {
    let codes: Vec<String> = dirs.into_iter().filter(|d| is_language_code(d)).map(str::to_string).collect();
    if codes.len() >= 2 {
        codes
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders(default: &str, dirs: &[(&str, &str)]) -> Languages {
        Languages {
            default: Some(default.into()),
            list: dirs
                .iter()
                .map(|(code, dir)| Language { dir: Some(dir.to_string()), ..Language::new(code) })
                .collect(),
            layout: LanguageLayout::Folders,
        }
    }

    #[test]
    fn codes_are_recognised() {
        for yes in ["en", "fr", "pt-br", "zh_TW", "zh-hans", "he"] {
            assert!(is_language_code(yes), "{yes}");
        }
        for no in ["blog", "posts", "xx", "en-", "images", "e"] {
            assert!(!is_language_code(no), "{no}");
        }
        assert!(is_rtl("he") && is_rtl("ar-EG") && !is_rtl("en"));
        assert_eq!(language_folders(["en", "ja", "images", "de"]), ["en", "ja", "de"]);
        assert!(language_folders(["en", "images"]).is_empty(), "one code is not a multilingual site");
    }

    #[test]
    fn folders_pair_posts_by_their_path_inside_the_language_folder() {
        let langs = folders("en", &[("en", "content/en"), ("fr", "content/fr")]);
        let en = langs.place("content/en/posts/hello.md", None, None, None);
        let fr = langs.place("content/fr/posts/hello.md", None, None, None);
        assert_eq!(en.lang.as_deref(), Some("en"));
        assert_eq!(fr.lang.as_deref(), Some("fr"));
        assert_eq!(en.key, fr.key);
        assert_eq!(
            langs.translation_path("content/en/posts/hello.md", None, "fr").as_deref(),
            Some("content/fr/posts/hello.md")
        );
        let keyed = langs.place("content/fr/posts/bonjour.md", None, None, Some("hello"));
        let keyed_en = langs.place("content/en/posts/hello.md", None, None, Some("hello"));
        assert_eq!(keyed.key, keyed_en.key, "translationKey pairs posts whose paths differ");
    }

    #[test]
    fn suffixes_and_collection_folders() {
        let langs = Languages {
            default: Some("en".into()),
            list: vec![Language::new("en"), Language { suffix: Some(".fr".into()), ..Language::new("fr") }],
            layout: LanguageLayout::Suffixes,
        };
        let fr = langs.place("content/posts/hello.fr.md", None, None, None);
        let en = langs.place("content/posts/hello.md", None, None, None);
        assert_eq!((fr.lang.as_deref(), en.lang.as_deref()), (Some("fr"), Some("en")));
        assert_eq!(fr.key, en.key);
        assert_eq!(
            langs.translation_path("content/posts/hello.md", None, "fr").as_deref(),
            Some("content/posts/hello.fr.md")
        );
        assert_eq!(
            langs.translation_path("content/posts/hello.fr.md", None, "en").as_deref(),
            Some("content/posts/hello.md")
        );

        let astro = Languages {
            default: Some("en".into()),
            list: vec![Language::new("en"), Language::new("es")],
            layout: LanguageLayout::CollectionFolders,
        };
        let es = astro.place("src/content/blog/es/hola.md", Some("src/content/blog"), None, Some("hola"));
        assert_eq!(es.lang.as_deref(), Some("es"));
        let en = astro.place("src/content/blog/en/hola.md", Some("src/content/blog"), None, None);
        assert_eq!(en.key.as_deref(), Some("src/content/blog/hola"));
        assert_eq!(
            astro.translation_path("src/content/blog/en/hola.md", Some("src/content/blog"), "es").as_deref(),
            Some("src/content/blog/es/hola.md")
        );
    }

    #[test]
    fn the_front_matter_wins_and_one_language_sites_have_no_keys() {
        let langs = folders("en", &[("en", "en"), ("ja", "ja")]);
        assert_eq!(langs.place("en/news/a.md", None, Some("de"), None).lang.as_deref(), Some("de"));
        let single = Languages { default: Some("en".into()), ..Languages::default() };
        assert_eq!(
            single.place("posts/a.md", None, None, None),
            Placement { lang: Some("en".into()), key: None }
        );
    }
}
