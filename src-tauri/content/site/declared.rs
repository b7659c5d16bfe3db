//! A collection's declared schema: what the generator's own source says each front-matter field
//! is (type, required, default, options, bounds, nested fields), with the line that says it.
//! The inferred schema (`content::schema`) fills in what is not declared; `postdesk.toml` still
//! overrides both. Kept apart from the generators' readers so every reader fills the same shape.

use serde::Serialize;
use ts_rs::TS;

use crate::content::schema::FieldType;

/// One declared field. Nested objects carry their fields; lists carry their item's type.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "DeclaredSchema.ts")]
pub struct DeclaredField {
    pub key: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// A post without the key is an error (no `.optional()`, `.default()` or `.nullish()`).
    pub required: bool,
    /// The declared default, as JSON (shown as a placeholder, never written for the writer).
    #[ts(type = "unknown")]
    pub default: Option<serde_json::Value>,
    /// An enum's options (`z.enum([...])`, a union of literals).
    pub options: Vec<String>,
    /// Bounds: a string's length, a number's value, a list's item count.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// An image the generator resolves (Astro's `image()`).
    pub image: bool,
    /// The collection an entry of this field refers to (Astro's `reference("authors")`).
    pub reference: Option<String>,
    /// For a list: the items' type.
    pub item: Option<FieldType>,
    /// For an object: its fields.
    pub fields: Vec<DeclaredField>,
    /// Where it is declared: `src/content.config.ts:12`.
    pub source: String,
}

impl DeclaredField {
    pub fn new(key: &str, ty: FieldType, source: String) -> DeclaredField {
        DeclaredField {
            key: key.to_string(),
            ty,
            required: true,
            default: None,
            options: Vec::new(),
            min: None,
            max: None,
            image: false,
            reference: None,
            item: None,
            fields: Vec::new(),
            source,
        }
    }
}

/// A collection's declared fields and the file they come from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "DeclaredSchema.ts")]
pub struct DeclaredSchema {
    /// The file the schema was read from, relative to the site root.
    pub source: String,
    pub fields: Vec<DeclaredField>,
}

impl DeclaredSchema {
    pub fn field(&self, key: &str) -> Option<&DeclaredField> {
        self.fields.iter().find(|f| f.key == key)
    }
}
