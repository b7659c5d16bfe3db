//! The parts of a post's body that its site runs rather than renders as Markdown: MDX's ESM
//! (`import`/`export`), JSX elements and `{expressions}` in `.mdx` posts, Hugo's shortcodes
//! (`{{< hint >}}`, `{{% tab %}}`) and Liquid's tags and output (`{% include %}`,
//! `{{ site.title }}`) in Jekyll and Eleventy posts.
//!
//! Postdesk never runs them. The preview shows a component as a labelled box with its name and
//! props and renders the Markdown inside it; the checks skip them (no links, words or headings
//! are read from them); the edits never touch them (they are body bytes, and the lossless edits
//! only write what they change). MDX is found with a real MDX parser (`markdown`, markdown-rs,
//! which implements MDX's grammar); shortcodes and Liquid by their delimiters, which is all
//! their grammar is at this level.
//!
//! Every span is a byte range of the body. Pure, and never panics.

use std::ops::Range;

use markdown::mdast::Node;

/// What a span of the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanKind {
    /// MDX `import`/`export` lines: hidden in the preview, as on the site.
    Esm,
    /// An MDX `{expression}`, a Liquid `{{ output }}`: shown as a chip with its code.
    Expression,
    /// The opening tag of a component (JSX element, shortcode, Liquid block tag): `name` and
    /// its props as written. `closed` is true when it has no children (`<Chart />`, an
    /// unpaired shortcode or tag). `inline` when it sits in a paragraph's text.
    Open { name: String, props: String, closed: bool, inline: bool },
    /// The closing tag of a component opened by an `Open` span.
    Close { inline: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub kind: SpanKind,
}

/// What kind of components a post may hold, from its file name and its site's generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// Plain Markdown: nothing is run.
    #[default]
    Markdown,
    /// `.mdx`: ESM, JSX and expressions.
    Mdx,
    /// Hugo's shortcodes.
    Hugo,
    /// Liquid tags and output (Jekyll; Eleventy runs Liquid over Markdown by default).
    Liquid,
}

impl Dialect {
    pub fn of(path: &str, generator: crate::content::site::Generator) -> Dialect {
        use crate::content::site::Generator;
        if path.rsplit('.').next().is_some_and(|e| e.eq_ignore_ascii_case("mdx")) {
            return Dialect::Mdx;
        }
        match generator {
            Generator::Hugo => Dialect::Hugo,
            Generator::Jekyll | Generator::Eleventy => Dialect::Liquid,
            _ => Dialect::Markdown,
        }
    }
}

/// An MDX syntax error: the site's build would fail on it too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdxError {
    /// Byte offset in the body.
    pub offset: usize,
    pub message: String,
}

/// The spans of `body` in `dialect`, sorted by start and never overlapping (a component's
/// children lie between its `Open` and `Close`). An MDX body that does not parse has no spans
/// and an error.
pub fn spans(body: &str, dialect: Dialect) -> (Vec<Span>, Option<MdxError>) {
    match dialect {
        Dialect::Markdown => (Vec::new(), None),
        Dialect::Mdx => match mdx_spans(body) {
            Ok(spans) => (spans, None),
            Err(error) => (Vec::new(), Some(error)),
        },
        Dialect::Hugo => (delimited(body, &[("{{<", ">}}"), ("{{%", "%}}")], true), None),
        Dialect::Liquid => (delimited(body, &[("{%", "%}"), ("{{", "}}")], false), None),
    }
}

/// ESM larger than this is taken as it is, unparsed (a post is not a program).
const MAX_ESM_BYTES: usize = 64 * 1024;

/// markdown-rs finds ESM only with a parser for it: oxc's, which reads the `import`/`export`
/// lines as a module (never running them). Past the size cap, or nested deeper than a
/// module of imports ever is, the lines are taken as ESM without parsing, so a hostile post
/// cannot make the parser recurse without bound.
fn parse_esm(value: &str) -> markdown::MdxSignal {
    let depth = value.bytes().filter(|b| matches!(b, b'(' | b'[' | b'{')).count();
    if value.len() > MAX_ESM_BYTES || depth > 256 {
        return markdown::MdxSignal::Ok;
    }
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, value, oxc_span::SourceType::mjs()).parse();
    match parsed.errors.first() {
        None if !parsed.panicked => markdown::MdxSignal::Ok,
        // An error at the very end may be a statement that goes on past a blank line.
        Some(error)
            if error
                .labels
                .as_ref()
                .and_then(|l| l.first())
                .is_none_or(|l| l.offset() + l.len() >= value.trim_end().len()) =>
        {
            markdown::MdxSignal::Eof(error.to_string(), Box::new("postdesk".into()), Box::new("esm".into()))
        }
        Some(error) => {
            let at = error.labels.as_ref().and_then(|l| l.first()).map_or(0, |l| l.offset());
            markdown::MdxSignal::Error(
                error.to_string(),
                at,
                Box::new("postdesk".into()),
                Box::new("esm".into()),
            )
        }
        None => markdown::MdxSignal::Error(
            "the import/export lines could not be read".into(),
            0,
            Box::new("postdesk".into()),
            Box::new("esm".into()),
        ),
    }
}

/// The spans of a piece of an MDX body (whole top-level blocks of it), when the piece alone
/// surely reads as it does in the whole: it parses, and no `<` or brace is left as text (a
/// JSX tag can run on past a blank line, so such text may be a tag the piece cut short).
pub fn region_spans(piece: &str) -> Option<Vec<Span>> {
    let (spans, suspicious) = mdx_spans_checked(piece);
    spans.ok().filter(|_| !suspicious)
}

fn mdx_spans(body: &str) -> Result<Vec<Span>, MdxError> {
    mdx_spans_checked(body).0
}

/// The spans, and whether any text node holds a `<`, `{` or `}`.
fn mdx_spans_checked(body: &str) -> (Result<Vec<Span>, MdxError>, bool) {
    let mut suspicious = false;
    let spans = mdx_tree(body).map(|tree| {
        let mut out = Vec::new();
        collect(&tree, body, &mut out, &mut suspicious);
        out.sort_by_key(|s| s.range.start);
        out
    });
    (spans, suspicious)
}

fn mdx_tree(body: &str) -> Result<Node, MdxError> {
    let options =
        markdown::ParseOptions { mdx_esm_parse: Some(Box::new(parse_esm)), ..markdown::ParseOptions::mdx() };
    // markdown-rs 1.0 can panic on a few inputs (a setext heading over JSX text reaches an
    // `unreachable!`); a post must never take the app down, so such a body reads as
    // Markdown and says why.
    let parsed =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| markdown::to_mdast(body, &options)))
            .map_err(|_| MdxError {
                offset: 0,
                message: "Postdesk's MDX reader failed on this post; it is shown as plain Markdown".into(),
            })?;
    let tree = parsed.map_err(|message| MdxError {
        offset: message.place.as_deref().map_or(0, |place| match place {
            markdown::message::Place::Point(p) => p.offset,
            markdown::message::Place::Position(p) => p.start.offset,
        }),
        message: message.reason.clone(),
    })?;
    Ok(tree)
}

fn range_of(node: &Node) -> Option<Range<usize>> {
    node.position().map(|p| p.start.offset..p.end.offset)
}

fn collect(node: &Node, body: &str, out: &mut Vec<Span>, suspicious: &mut bool) {
    match node {
        Node::Text(text) => *suspicious |= text.value.contains(['<', '{', '}']),
        Node::MdxjsEsm(_) => out.extend(range_of(node).map(|range| Span { range, kind: SpanKind::Esm })),
        Node::MdxFlowExpression(_) | Node::MdxTextExpression(_) => {
            out.extend(range_of(node).map(|range| Span { range, kind: SpanKind::Expression }))
        }
        Node::MdxJsxFlowElement(_) | Node::MdxJsxTextElement(_) => {
            let inline = matches!(node, Node::MdxJsxTextElement(_));
            let name = match node {
                Node::MdxJsxFlowElement(e) => e.name.clone(),
                Node::MdxJsxTextElement(e) => e.name.clone(),
                _ => None,
            }
            .unwrap_or_default();
            let Some(whole) = range_of(node) else { return };
            let children = node.children().map(Vec::as_slice).unwrap_or(&[]);
            // A lower-case name is an HTML element (`<aside>`, `<kbd>`): the site renders it as
            // HTML, and so does the preview (sanitised). Only its children may hold components.
            if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                for child in children {
                    collect(child, body, out, suspicious);
                }
                return;
            }
            let first = children.iter().find_map(range_of);
            let last = children.iter().rev().find_map(range_of);
            let (open, close) = match (first, last) {
                (Some(first), Some(last)) => (whole.start..first.start, Some(last.end..whole.end)),
                // No children: `<A></A>` is an opening and a closing tag (which may lie in
                // different blocks); `<Chart />` is one tag.
                _ => match body.get(whole.clone()).and_then(|text| text.rfind("</")) {
                    Some(at) if at > 0 => (whole.start..whole.start + at, Some(whole.start + at..whole.end)),
                    _ => (whole.clone(), None),
                },
            };
            let tag = body.get(open.clone()).unwrap_or("");
            let props = opening_props(tag, &name);
            out.push(Span {
                range: open,
                kind: SpanKind::Open { name, props, closed: close.is_none(), inline },
            });
            for child in children {
                collect(child, body, out, suspicious);
            }
            if let Some(close) = close {
                out.push(Span { range: close, kind: SpanKind::Close { inline } });
            }
        }
        _ => {
            for child in node.children().map(Vec::as_slice).unwrap_or(&[]) {
                collect(child, body, out, suspicious);
            }
        }
    }
}

/// The props of an opening tag as written: what follows the name, without the brackets.
fn opening_props(tag: &str, name: &str) -> String {
    let inside = tag.trim().trim_start_matches('<').trim_end_matches('>').trim_end_matches('/').trim();
    let after = inside.strip_prefix(name).unwrap_or(inside);
    after.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortcodes or Liquid tags, found by their delimiters: `{{< name args >}}` … `{{< /name >}}`
/// (Hugo), `{% name args %}` … `{% endname %}` and `{{ output }}` (Liquid). A tag with a
/// matching closing tag later in the body is a box around what lies between; any other is a
/// closed box (or, for output, an expression chip).
fn delimited(body: &str, pairs: &[(&str, &str)], hugo: bool) -> Vec<Span> {
    struct Tag {
        range: Range<usize>,
        name: String,
        args: String,
        closing: bool,
        output: bool,
    }
    let mut tags = Vec::new();
    let mut at = 0;
    while at < body.len() {
        let next = pairs
            .iter()
            .filter_map(|(open, close)| body[at..].find(open).map(|i| (at + i, *open, *close)))
            .min();
        let Some((start, open, close)) = next else { break };
        let Some(end) = body[start + open.len()..].find(close).map(|i| start + open.len() + i + close.len())
        else {
            break;
        };
        let raw_inner = &body[start + open.len()..end - close.len()];
        // A tag never spans a blank line or holds another tag's opening: this one is text.
        if raw_inner.contains("\n\n")
            || raw_inner.contains("\n\r\n")
            || pairs.iter().any(|(o, _)| raw_inner.contains(o))
        {
            at = start + open.len();
            continue;
        }
        let inner = raw_inner.trim().trim_matches('-').trim();
        let output = !hugo && open == "{{";
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) if hugo => (true, rest.trim()),
            _ if !hugo && inner.starts_with("end") && !output => (true, &inner[3..]),
            _ => (false, inner),
        };
        let name = inner.split_whitespace().next().unwrap_or("").to_string();
        let args = inner[name.len()..].trim().to_string();
        tags.push(Tag { range: start..end, name, args, closing, output });
        at = end;
    }
    let mut spans = Vec::new();
    let mut used = vec![false; tags.len()];
    for (i, tag) in tags.iter().enumerate() {
        if used[i] {
            continue;
        }
        if tag.output {
            spans.push(Span { range: tag.range.clone(), kind: SpanKind::Expression });
            continue;
        }
        if tag.closing {
            // A closing tag whose opening was not found: hidden, never shown as text.
            spans.push(Span { range: tag.range.clone(), kind: SpanKind::Close { inline: true } });
            continue;
        }
        let partner = tags[i + 1..]
            .iter()
            .position(|t| t.closing && t.name == tag.name)
            .map(|j| i + 1 + j)
            .filter(|j| !tags[i + 1..*j].iter().any(|t| !t.closing && t.name == tag.name));
        let inline = !at_line_alone(body, &tag.range);
        match partner {
            Some(j) => {
                used[j] = true;
                spans.push(Span {
                    range: tag.range.clone(),
                    kind: SpanKind::Open {
                        name: tag.name.clone(),
                        props: tag.args.clone(),
                        closed: false,
                        inline,
                    },
                });
                let close_inline = !at_line_alone(body, &tags[j].range);
                spans.push(Span {
                    range: tags[j].range.clone(),
                    kind: SpanKind::Close { inline: close_inline && inline },
                });
            }
            None => spans.push(Span {
                range: tag.range.clone(),
                kind: SpanKind::Open {
                    name: tag.name.clone(),
                    props: tag.args.clone(),
                    closed: true,
                    inline,
                },
            }),
        }
    }
    spans.sort_by_key(|s| s.range.start);
    spans
}

/// True when `range` is alone on its line(s) (only whitespace around it).
fn at_line_alone(body: &str, range: &Range<usize>) -> bool {
    let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[range.end..].find('\n').map_or(body.len(), |i| range.end + i);
    body[line_start..range.start].trim().is_empty() && body[range.end..line_end].trim().is_empty()
}

/// True when byte `offset` lies in a span of `spans` (sorted by start).
pub fn covers(spans: &[Span], offset: usize) -> bool {
    span_at(spans, offset).is_some()
}

/// The span holding byte `offset`, if any.
pub fn span_at(spans: &[Span], offset: usize) -> Option<&Span> {
    let after = spans.partition_point(|s| s.range.start <= offset);
    spans[..after].last().filter(|s| offset < s.range.end)
}

#[cfg(test)]
mod tests;

/// A component a collection's `.mdx` posts use: what the **Insert component** picker offers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "ComponentUse.ts")]
pub struct ComponentUse {
    pub name: String,
    /// The `import` line that brings it in, as the posts write it.
    pub import_line: Option<String>,
    /// The props it is usually given, most used first.
    pub props: Vec<String>,
    /// How many times the posts use it.
    pub count: u32,
}

/// The components `bodies` (MDX bodies) import and use, most used first.
pub fn usage<'b>(bodies: impl IntoIterator<Item = &'b str>) -> Vec<ComponentUse> {
    use std::collections::BTreeMap;
    // Per name: its import line, how often each prop is given, how often it is used.
    type Seen = (Option<String>, BTreeMap<String, u32>, u32);
    let mut found: BTreeMap<String, Seen> = BTreeMap::new();
    for body in bodies {
        let (spans, _) = spans(body, Dialect::Mdx);
        for span in &spans {
            match &span.kind {
                SpanKind::Esm => {
                    for line in
                        body[span.range.clone()].lines().filter(|l| l.trim_start().starts_with("import "))
                    {
                        for name in imported_names(line) {
                            let entry = found.entry(name).or_default();
                            entry.0.get_or_insert_with(|| line.trim().to_string());
                        }
                    }
                }
                SpanKind::Open { name, props, .. } if !name.is_empty() => {
                    let entry = found.entry(name.clone()).or_default();
                    entry.2 += 1;
                    for prop in prop_names(props) {
                        *entry.1.entry(prop).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
    }
    let mut out: Vec<ComponentUse> = found
        .into_iter()
        .filter(|(_, (import, _, count))| import.is_some() || *count > 0)
        .map(|(name, (import_line, props, count))| {
            let mut props: Vec<(String, u32)> = props.into_iter().collect();
            props.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            ComponentUse { name, import_line, props: props.into_iter().map(|(p, _)| p).collect(), count }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    out
}

/// The names an `import` line brings in: its default and its `{ named }` imports.
fn imported_names(line: &str) -> Vec<String> {
    let Some(rest) = line.trim_start().strip_prefix("import ") else { return Vec::new() };
    let Some(clause) = rest.split(" from ").next() else { return Vec::new() };
    clause
        .split([',', '{', '}'])
        .map(|part| part.split(" as ").last().unwrap_or("").trim())
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

/// The prop names in an opening tag's props (`title="x" href={url} open`).
fn prop_names(props: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let mut at_name = true;
    for c in props.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => depth -= 1,
            (None, '=') if depth == 0 => {
                if !word.is_empty() {
                    names.push(std::mem::take(&mut word));
                }
                at_name = false;
            }
            (None, c) if c.is_whitespace() && depth == 0 => {
                if !word.is_empty() && at_name {
                    names.push(std::mem::take(&mut word));
                }
                word.clear();
                at_name = true;
            }
            (None, c)
                if depth == 0 && at_name && (c.is_alphanumeric() || c == '-' || c == '_' || c == ':') =>
            {
                word.push(c)
            }
            _ => {}
        }
    }
    if !word.is_empty() && at_name {
        names.push(word);
    }
    names
}
