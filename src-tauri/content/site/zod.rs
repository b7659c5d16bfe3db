//! Reads an Astro site's content config (`src/content.config.ts`, or the older
//! `src/content/config.ts`) statically: its `defineCollection` entries, their loaders and their
//! zod schemas, parsed with oxc's TypeScript parser. The site's code is never run. What the
//! reader cannot follow (a schema built by a function call it does not know, a spread of an
//! imported object) is left out of the declared schema rather than guessed; the inferred
//! schema covers those fields.

use std::collections::HashMap;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, BindingPattern, Declaration, Expression, ObjectExpression,
    ObjectPropertyKind, Statement,
};
use oxc_parser::Parser;
use oxc_span::SourceType;

use super::declared::{DeclaredField, DeclaredSchema};
use crate::content::schema::FieldType;

/// How a collection finds its entries.
#[derive(Debug, Clone, PartialEq)]
pub enum Loader {
    /// `glob({ base, pattern })`: files under `base` (relative to the site root) matching
    /// `pattern`.
    Glob { base: String, pattern: Vec<String> },
    /// `file("src/data/authors.json")`: one data file, not posts.
    File(String),
    /// Astro 4's `type: "content"` or `"data"` collections under `src/content/<name>/`.
    Legacy { data: bool },
    /// A loader the reader does not know (a CMS, a custom function).
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AstroCollection {
    pub name: String,
    pub loader: Loader,
    pub schema: Option<DeclaredSchema>,
}

/// What the config file declares, and what could not be read in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AstroContent {
    pub collections: Vec<AstroCollection>,
    pub problems: Vec<String>,
}

/// The largest content config read. Real ones are a few kilobytes; the cap bounds how deep a
/// hostile one can nest, and so the stack the parser needs.
pub const MAX_CONTENT_CONFIG_BYTES: usize = 256 * 1024;

/// The stack the parse runs on: oxc's parser descends once per level of nesting, and a config
/// nested as deep as the byte cap allows must not overflow the caller's stack (the library's
/// scan thread has the default 2 MiB). Reserved, not committed: only what the parse touches.
const PARSE_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Reads the content config at `path` (relative to the site root, for line references).
pub fn read_content_config(path: &str, text: &str) -> AstroContent {
    if text.len() > MAX_CONTENT_CONFIG_BYTES {
        return AstroContent {
            collections: Vec::new(),
            problems: vec![format!(
                "{path} is {} KiB; content configs over {} KiB are not read (too large or too deeply nested to read safely)",
                text.len() / 1024,
                MAX_CONTENT_CONFIG_BYTES / 1024
            )],
        };
    }
    let (path_owned, text_owned) = (path.to_string(), text.to_string());
    let parse = std::thread::Builder::new()
        .name("postdesk-astro-config".into())
        .stack_size(PARSE_STACK_BYTES)
        .spawn(move || read_on_this_stack(&path_owned, &text_owned));
    match parse.map(|handle| handle.join()) {
        Ok(Ok(content)) => content,
        _ => AstroContent {
            collections: Vec::new(),
            problems: vec![format!("{path} could not be read (the reader could not start or stopped)")],
        },
    }
}

fn read_on_this_stack(path: &str, text: &str) -> AstroContent {
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::ts());
    let parsed = Parser::new(&allocator, text, source_type).parse();
    let mut content = AstroContent::default();
    if parsed.panicked {
        let why = parsed.errors.first().map(|e| format!(" ({e})")).unwrap_or_default();
        content.problems.push(format!(
            "{path} could not be parsed as TypeScript{why}; once it parses (as the site's build needs), its collections are read again"
        ));
        return content;
    }
    if let Some(first) = parsed.errors.first() {
        content.problems.push(format!("{path}: {first}"));
    }
    let reader = Reader { path, lines: LineIndex::new(text), consts: top_level_consts(&parsed.program.body) };
    let Some(collections) = reader.exported_collections(&parsed.program.body) else {
        content.problems.push(format!("{path} exports no `collections` object"));
        return content;
    };
    for prop in &collections.properties {
        let ObjectPropertyKind::ObjectProperty(prop) = prop else { continue };
        let Some(name) = prop.key.static_name() else { continue };
        let value =
            if prop.shorthand { reader.resolve_ident(&name) } else { Some(reader.resolve(&prop.value)) };
        let Some(Expression::CallExpression(call)) = value.map(|v| v.get_inner_expression()) else {
            continue;
        };
        if call.callee.get_identifier_reference().map(|i| i.name.as_str()) != Some("defineCollection") {
            continue;
        }
        let Some(Expression::ObjectExpression(options)) = first_arg(&call.arguments) else { continue };
        content.collections.push(reader.collection(&name, options));
    }
    content
}

struct Reader<'s, 'a> {
    path: &'s str,
    lines: LineIndex,
    /// `const name = <expr>` at the top level (exported or not), for identifiers used as values.
    consts: HashMap<String, &'a Expression<'a>>,
}

fn top_level_consts<'a>(body: &'a [Statement<'a>]) -> HashMap<String, &'a Expression<'a>> {
    let mut consts = HashMap::new();
    for statement in body {
        let declaration = match statement {
            Statement::VariableDeclaration(d) => Some(&**d),
            Statement::ExportNamedDeclaration(e) => match &e.declaration {
                Some(Declaration::VariableDeclaration(d)) => Some(&**d),
                _ => None,
            },
            _ => None,
        };
        for declarator in declaration.into_iter().flat_map(|d| d.declarations.iter()) {
            if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&declarator.id, &declarator.init) {
                consts.insert(id.name.to_string(), init);
            }
        }
    }
    consts
}

fn first_arg<'b, 'a>(args: &'b [Argument<'a>]) -> Option<&'b Expression<'a>> {
    args.first().and_then(|a| a.as_expression()).map(|e| e.get_inner_expression())
}

impl<'s, 'a> Reader<'s, 'a> {
    fn resolve_ident(&self, name: &str) -> Option<&'a Expression<'a>> {
        self.consts.get(name).map(|e| self.resolve(e))
    }

    /// Follows identifiers to their top-level `const` (a few hops at most).
    fn resolve<'b>(&self, expr: &'b Expression<'a>) -> &'b Expression<'a>
    where
        'a: 'b,
    {
        let mut expr = expr.get_inner_expression();
        for _ in 0..8 {
            let Expression::Identifier(id) = expr else { break };
            match self.consts.get(id.name.as_str()) {
                Some(next) => expr = next.get_inner_expression(),
                None => break,
            }
        }
        expr
    }

    fn exported_collections(&self, body: &'a [Statement<'a>]) -> Option<&'a ObjectExpression<'a>> {
        for statement in body {
            if let Statement::ExportNamedDeclaration(export) = statement {
                if let Some(Declaration::VariableDeclaration(d)) = &export.declaration {
                    for declarator in &d.declarations {
                        let named = declarator.id.get_identifier_name().is_some_and(|n| n == "collections");
                        if let (true, Some(init)) = (named, &declarator.init) {
                            if let Expression::ObjectExpression(o) = self.resolve(init) {
                                return Some(o);
                            }
                        }
                    }
                }
                // `export { collections }` of a local const.
                for specifier in &export.specifiers {
                    if specifier.exported.name() == "collections" {
                        let local = specifier.local.name();
                        if let Some(Expression::ObjectExpression(o)) = self.resolve_ident(local.as_str()) {
                            return Some(o);
                        }
                    }
                }
            }
        }
        None
    }

    fn source_at(&self, offset: u32) -> String {
        format!("{}:{}", self.path, self.lines.line_of(offset))
    }

    fn collection(&self, name: &str, options: &ObjectExpression<'a>) -> AstroCollection {
        let mut loader = Loader::Legacy { data: false };
        let mut schema = None;
        for prop in &options.properties {
            let ObjectPropertyKind::ObjectProperty(prop) = prop else { continue };
            let value = self.resolve(&prop.value);
            match prop.key.static_name().as_deref() {
                Some("loader") => loader = self.loader(value),
                Some("type") => {
                    if let Expression::StringLiteral(s) = value {
                        loader = Loader::Legacy { data: s.value == "data" };
                    }
                }
                Some("schema") => {
                    let object = self.schema_object(value);
                    schema = object.map(|fields| DeclaredSchema { source: self.path.to_string(), fields });
                }
                _ => {}
            }
        }
        AstroCollection { name: name.to_string(), loader, schema }
    }

    fn loader(&self, value: &Expression<'a>) -> Loader {
        let Expression::CallExpression(call) = value else { return Loader::Other };
        let callee = call.callee.get_identifier_reference().map(|i| i.name.as_str());
        match callee {
            Some("glob") => {
                let Some(Expression::ObjectExpression(o)) =
                    first_arg(&call.arguments).map(|e| self.resolve(e))
                else {
                    return Loader::Other;
                };
                let mut base = ".".to_string();
                let mut pattern = Vec::new();
                for prop in &o.properties {
                    let ObjectPropertyKind::ObjectProperty(prop) = prop else { continue };
                    let value = self.resolve(&prop.value);
                    match prop.key.static_name().as_deref() {
                        Some("base") => {
                            if let Some(s) = string_of(value) {
                                base = s;
                            }
                        }
                        Some("pattern") => match value {
                            Expression::ArrayExpression(a) => {
                                pattern = a
                                    .elements
                                    .iter()
                                    .filter_map(|e| {
                                        e.as_expression().and_then(|e| string_of(e.get_inner_expression()))
                                    })
                                    .collect()
                            }
                            other => pattern.extend(string_of(other)),
                        },
                        _ => {}
                    }
                }
                let base = base.trim_start_matches("./").trim_end_matches('/').to_string();
                Loader::Glob { base: if base.is_empty() { ".".into() } else { base }, pattern }
            }
            Some("file") => match first_arg(&call.arguments).and_then(string_of) {
                Some(path) => Loader::File(path.trim_start_matches("./").to_string()),
                None => Loader::Other,
            },
            _ => Loader::Other,
        }
    }

    /// The fields of a schema: `z.object({...})`, or a function `({ image }) => z.object(...)`,
    /// with its modifiers (`.partial()` and the rest are applied by `field`).
    fn schema_object(&self, value: &Expression<'a>) -> Option<Vec<DeclaredField>> {
        let value = self.resolve(value);
        let body = match value {
            Expression::ArrowFunctionExpression(arrow) => arrow_result(arrow)?,
            Expression::FunctionExpression(function) => {
                let body = function.body.as_ref()?;
                returned(&body.statements)?
            }
            other => other,
        };
        let field = self.field("", body);
        (field.ty == FieldType::Map).then_some(field.fields)
    }

    /// Reads one zod expression as a field: the chain of calls from the outermost modifier
    /// (`.optional()`) down to its base (`z.string()`, `image()`, `reference("x")`).
    fn field(&self, key: &str, expr: &Expression<'a>) -> DeclaredField {
        let expr = self.resolve(expr);
        let mut field = DeclaredField::new(key, FieldType::Text, self.source_at(expr_start(expr)));
        // Modifiers, outermost first.
        let mut chain: Vec<(&str, &[Argument<'a>])> = Vec::new();
        let mut at = expr;
        let base = loop {
            match at {
                Expression::CallExpression(call) => match call.callee.get_inner_expression() {
                    Expression::StaticMemberExpression(member) => {
                        let object = member.object.get_inner_expression();
                        let is_z = matches!(object, Expression::Identifier(id) if id.name == "z")
                            || matches!(object, Expression::StaticMemberExpression(m)
                                if m.property.name == "coerce" && matches!(m.object.get_inner_expression(), Expression::Identifier(id) if id.name == "z"));
                        if is_z {
                            break Some((member.property.name.as_str(), &call.arguments[..]));
                        }
                        chain.push((member.property.name.as_str(), &call.arguments[..]));
                        at = self.resolve(object);
                    }
                    Expression::Identifier(id) => break Some((id.name.as_str(), &call.arguments[..])),
                    _ => break None,
                },
                _ => break None,
            }
        };
        let Some((base_name, base_args)) = base else {
            // Not a zod expression the reader knows: declared, but of unknown shape.
            field.ty = FieldType::Text;
            return field;
        };
        self.apply_base(&mut field, base_name, base_args);
        // Apply the modifiers from the innermost out, as zod does.
        for (name, args) in chain.into_iter().rev() {
            self.apply_modifier(&mut field, name, args);
        }
        field
    }

    fn apply_base(&self, field: &mut DeclaredField, name: &str, args: &[Argument<'a>]) {
        match name {
            "string" => field.ty = FieldType::Text,
            "number" | "bigint" => field.ty = FieldType::Number,
            "boolean" => field.ty = FieldType::Bool,
            "date" => field.ty = FieldType::Date,
            "image" => {
                field.ty = FieldType::Text;
                field.image = true;
            }
            "reference" => {
                field.ty = FieldType::Text;
                field.reference = first_arg(args).and_then(string_of);
            }
            "enum" => {
                field.ty = FieldType::Text;
                if let Some(Expression::ArrayExpression(a)) = first_arg(args).map(|e| self.resolve(e)) {
                    field.options = strings_of(&a.elements);
                }
            }
            "literal" => {
                field.ty = FieldType::Text;
                field.options.extend(first_arg(args).and_then(string_of));
            }
            "union" => {
                field.ty = FieldType::Text;
                if let Some(Expression::ArrayExpression(a)) = first_arg(args).map(|e| self.resolve(e)) {
                    let members: Vec<DeclaredField> = a
                        .elements
                        .iter()
                        .filter_map(|e| e.as_expression())
                        .map(|e| self.field(&field.key, e))
                        .collect();
                    // A union of literals is an enum; otherwise the first member's type stands.
                    if !members.is_empty() && members.iter().all(|m| m.options.len() == 1) {
                        field.options = members.iter().map(|m| m.options[0].clone()).collect();
                    } else if let Some(first) = members.first() {
                        field.ty = first.ty;
                    }
                }
            }
            "array" => {
                field.ty = FieldType::List;
                field.item = first_arg(args).map(|e| self.field("", e).ty);
            }
            "object" | "strictObject" | "looseObject" => {
                field.ty = FieldType::Map;
                if let Some(Expression::ObjectExpression(o)) = first_arg(args).map(|e| self.resolve(e)) {
                    field.fields = self.object_fields(o);
                }
            }
            "record" => field.ty = FieldType::Map,
            _ => field.ty = FieldType::Text,
        }
    }

    fn object_fields(&self, object: &ObjectExpression<'a>) -> Vec<DeclaredField> {
        let mut fields = Vec::new();
        for prop in &object.properties {
            match prop {
                ObjectPropertyKind::ObjectProperty(prop) => {
                    let Some(key) = prop.key.static_name() else { continue };
                    let value = if prop.shorthand { self.resolve_ident(&key) } else { Some(&prop.value) };
                    if let Some(value) = value {
                        let mut field = self.field(&key, value);
                        field.source = self.source_at(prop.span.start);
                        fields.push(field);
                    }
                }
                // `...base.shape`: the fields of a local object schema.
                ObjectPropertyKind::SpreadProperty(spread) => {
                    if let Expression::StaticMemberExpression(m) = spread.argument.get_inner_expression() {
                        if m.property.name == "shape" {
                            let inner = self.field("", &m.object);
                            fields.extend(inner.fields);
                        }
                    }
                }
            }
        }
        fields
    }

    fn apply_modifier(&self, field: &mut DeclaredField, name: &str, args: &[Argument<'a>]) {
        let number = || first_arg(args).and_then(number_of);
        match name {
            "optional" | "nullish" | "nullable" => field.required = false,
            "default" | "catch" => {
                field.required = false;
                field.default = first_arg(args).and_then(json_of);
            }
            "min" | "gte" | "nonempty" => field.min = if name == "nonempty" { Some(1.0) } else { number() },
            "max" | "lte" => field.max = number(),
            "length" => {
                field.min = number();
                field.max = number();
            }
            "positive" => field.min = field.min.or(Some(0.0)),
            "array" => {
                field.item = Some(field.ty);
                field.ty = FieldType::List;
                field.options.clear();
            }
            "datetime" => field.ty = FieldType::Datetime,
            "partial" => {
                for f in &mut field.fields {
                    f.required = false;
                }
            }
            "extend" | "merge" => {
                if let Some(arg) = first_arg(args) {
                    let extra = match self.resolve(arg) {
                        Expression::ObjectExpression(o) => self.object_fields(o),
                        other => self.field("", other).fields,
                    };
                    for f in extra {
                        field.fields.retain(|old| old.key != f.key);
                        field.fields.push(f);
                    }
                }
            }
            "omit" | "pick" => {
                if let Some(Expression::ObjectExpression(o)) = first_arg(args).map(|e| self.resolve(e)) {
                    let keys: Vec<String> = o
                        .properties
                        .iter()
                        .filter_map(|p| match p {
                            ObjectPropertyKind::ObjectProperty(p) => {
                                p.key.static_name().map(|k| k.to_string())
                            }
                            _ => None,
                        })
                        .collect();
                    let keep_listed = name == "pick";
                    field.fields.retain(|f| keys.contains(&f.key) == keep_listed);
                }
            }
            // Refinements and transforms keep the shape.
            _ => {}
        }
    }
}

fn arrow_result<'b, 'a>(arrow: &'b oxc_ast::ast::ArrowFunctionExpression<'a>) -> Option<&'b Expression<'a>> {
    if arrow.expression {
        match arrow.body.statements.first()? {
            Statement::ExpressionStatement(s) => Some(s.expression.get_inner_expression()),
            _ => None,
        }
    } else {
        returned(&arrow.body.statements)
    }
}

fn returned<'b, 'a>(statements: &'b [Statement<'a>]) -> Option<&'b Expression<'a>> {
    statements.iter().find_map(|s| match s {
        Statement::ReturnStatement(r) => r.argument.as_ref().map(|e| e.get_inner_expression()),
        _ => None,
    })
}

fn expr_start(expr: &Expression) -> u32 {
    use oxc_span::GetSpan;
    expr.span().start
}

fn string_of(expr: &Expression) -> Option<String> {
    match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            t.quasis.first().map(|q| q.value.cooked.unwrap_or(q.value.raw).to_string())
        }
        _ => None,
    }
}

fn strings_of(elements: &[ArrayExpressionElement]) -> Vec<String> {
    elements.iter().filter_map(|e| e.as_expression().and_then(string_of)).collect()
}

fn number_of(expr: &Expression) -> Option<f64> {
    match expr.get_inner_expression() {
        Expression::NumericLiteral(n) => Some(n.value),
        Expression::UnaryExpression(u) if u.operator == oxc_ast::ast::UnaryOperator::UnaryNegation => {
            number_of(&u.argument).map(|n| -n)
        }
        _ => None,
    }
}

/// A literal default as JSON; anything computed (`new Date()`, a call) is left out.
fn json_of(expr: &Expression) -> Option<serde_json::Value> {
    use serde_json::Value;
    match expr.get_inner_expression() {
        Expression::BooleanLiteral(b) => Some(Value::Bool(b.value)),
        Expression::NullLiteral(_) => Some(Value::Null),
        Expression::ArrayExpression(a) => a
            .elements
            .iter()
            .map(|e| e.as_expression().and_then(json_of))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        other => {
            if let Some(s) = string_of(other) {
                return Some(Value::String(s));
            }
            number_of(other).and_then(serde_json::Number::from_f64).map(|n| {
                // Whole numbers print as integers, as the source wrote them.
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => Value::from(f as i64),
                    _ => Value::Number(n),
                }
            })
        }
    }
}

/// Byte offsets to 1-based line numbers.
struct LineIndex(Vec<u32>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex(starts)
    }

    fn line_of(&self, offset: u32) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}
