//! Spelling and grammar for the open post, and the site's dictionary: the editor's lints come
//! from the checks' view of the site (its known words, its `postdesk.toml`), and **Add to
//! dictionary** writes the word into `postdesk.toml`'s `[prose] words`, a plain file kept with
//! the site, so it travels through git to the whole team. The file is edited with toml_edit,
//! so its comments, order and formatting stay as they were.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use super::error::WorkspaceError;
use super::library::LiveLibrary;
use super::post_checks::{ProseInputs, ProseLints, ProseRequest};

/// What linting the buffer needs, read from the library quickly: its language and the checks'
/// snapshot. The lint itself (`ProseInputs::lint`) then runs without any lock.
pub fn inputs(library: &LiveLibrary, rel: &str) -> Result<(Option<String>, ProseInputs), WorkspaceError> {
    let lang = library.summary(rel).and_then(|s| s.lang.map(|l| l.to_string()));
    Ok((lang, library.with_checks(|context| context.prose_inputs(rel))?))
}

/// The buffer's spelling and grammar lints (none for a post that is not English).
pub fn lint(library: &LiveLibrary, request: &ProseRequest) -> Result<ProseLints, WorkspaceError> {
    let (lang, inputs) = inputs(library, &request.path)?;
    Ok(inputs.lint(lang.as_deref(), request))
}

/// `text` (a `postdesk.toml`, or nothing) with `word` in `[prose] words`; None when it is
/// there already. Errors name what in the file is in the way.
pub fn with_word(text: &str, word: &str) -> Result<Option<String>, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    let prose = doc.entry("prose").or_insert_with(|| Item::Table(Table::new()));
    let prose = prose.as_table_like_mut().ok_or("`prose` in postdesk.toml is not a table")?;
    let words = prose.entry("words").or_insert(Item::Value(Value::Array(Array::new())));
    let words = words.as_array_mut().ok_or("`prose.words` in postdesk.toml is not a list")?;
    if words.iter().any(|w| w.as_str().is_some_and(|w| w.eq_ignore_ascii_case(word))) {
        return Ok(None);
    }
    words.push(word);
    Ok(Some(doc.to_string()))
}

/// Adds `word` to the site's dictionary (`postdesk.toml` at the site's root, made if there is
/// none), atomically, and has the checks use it at once.
pub fn add_word(library: &LiveLibrary, word: &str) -> Result<(), WorkspaceError> {
    let word = word.trim();
    let path = library.root().join(crate::content::config::FILE_NAME);
    if word.is_empty() || word.contains(['\n', '\r']) {
        return Err(WorkspaceError::Edit {
            path,
            message: "a dictionary word must be one line of text".into(),
        });
    }
    let text = match super::guard::read_capped(&path, super::guard::MAX_SMALL_FILE_BYTES) {
        Ok(bytes) => super::store::utf8(&path, &bytes)?.to_string(),
        Err(WorkspaceError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            String::new()
        }
        Err(e) => return Err(e),
    };
    let updated = with_word(&text, word).map_err(|message| WorkspaceError::Edit {
        path: path.clone(),
        message: format!("{message}; fix postdesk.toml, then add the word again"),
    })?;
    if let Some(updated) = updated {
        // Read back first: a file that would no longer load is never written.
        crate::content::config::parse(&updated).map_err(|e| WorkspaceError::Edit {
            path: path.clone(),
            message: format!("adding the word would leave postdesk.toml unreadable: {e}"),
        })?;
        if text.is_empty() {
            super::store::write_new(&path, updated.as_bytes())
                .or_else(|_| super::store::write_atomic(&path, updated.as_bytes()))?;
        } else {
            super::store::write_atomic_if(
                &path,
                updated.as_bytes(),
                &super::store::content_hash(text.as_bytes()),
            )?;
        }
    }
    library.reload_check_config()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_joins_the_list_and_the_rest_of_the_file_stays() {
        let text = "# Our site's settings\n[checks]\ntitle_max = 80 # long titles\n\n[prose]\nwords = [\"Postdesk\"] # names\n";
        let out = with_word(text, "Zola").unwrap().unwrap();
        assert_eq!(out, "# Our site's settings\n[checks]\ntitle_max = 80 # long titles\n\n[prose]\nwords = [\"Postdesk\", \"Zola\"] # names\n");
        assert_eq!(with_word(&out, "zola").unwrap(), None, "already there, in any case");
        assert_eq!(with_word("", "Hugo").unwrap().unwrap(), "[prose]\nwords = [\"Hugo\"]\n");
        assert!(with_word("prose = 3\n", "x").unwrap_err().contains("not a table"));
    }
}
