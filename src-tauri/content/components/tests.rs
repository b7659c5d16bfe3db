use super::*;

fn kinds(body: &str, dialect: Dialect) -> Vec<(String, &'static str)> {
    let (spans, error) = spans(body, dialect);
    assert!(error.is_none(), "{error:?}");
    spans
        .iter()
        .map(|s| {
            let kind = match &s.kind {
                SpanKind::Esm => "esm",
                SpanKind::Expression => "expr",
                SpanKind::Open { closed: true, .. } => "closed",
                SpanKind::Open { .. } => "open",
                SpanKind::Close { .. } => "close",
            };
            (body[s.range.clone()].trim().to_string(), kind)
        })
        .collect()
}

#[test]
fn mdx_esm_jsx_and_expressions_are_found_by_the_mdx_parser() {
    let body = "import Card from '../components/Card.astro';\nexport const year = 2025;\n\n# Title {year}\n\n<Card title=\"Hi\" href={url}>\n\nInside *text*.\n\n</Card>\n\nText with <Badge>new</Badge> and {1 + 1}.\n\n<Chart data={[1, 2]} />\n";
    let found = kinds(body, Dialect::Mdx);
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts[0].starts_with("import Card") && found[0].1 == "esm", "{found:?}");
    assert!(found.iter().any(|(t, k)| t == "{year}" && *k == "expr"), "{found:?}");
    assert!(found.iter().any(|(t, k)| t == "<Card title=\"Hi\" href={url}>" && *k == "open"), "{found:?}");
    assert!(found.iter().any(|(t, k)| t == "</Card>" && *k == "close"), "{found:?}");
    assert!(found.iter().any(|(t, k)| t == "<Badge>" && *k == "open"), "{found:?}");
    assert!(found.iter().any(|(t, k)| t == "<Chart data={[1, 2]} />" && *k == "closed"), "{found:?}");
    let (spans, _) = spans(body, Dialect::Mdx);
    let card =
        spans.iter().find(|s| matches!(&s.kind, SpanKind::Open { name, .. } if name == "Card")).unwrap();
    assert_eq!(
        card.kind,
        SpanKind::Open {
            name: "Card".into(),
            props: "title=\"Hi\" href={url}".into(),
            closed: false,
            inline: false
        }
    );
    assert!(!covers(&spans, body.find("Inside").unwrap()), "children are Markdown, not a span");
    assert!(covers(&spans, body.find("export").unwrap()));
}

#[test]
fn offsets_are_bytes_even_after_multibyte_text() {
    let body = "Ünïcödé 😀 text.\n\n<Note>\n\nAfter.\n\n</Note>\n";
    let (spans, _) = spans(body, Dialect::Mdx);
    assert_eq!(&body[spans[0].range.clone()].trim(), &"<Note>");
}

#[test]
fn an_mdx_syntax_error_is_reported_with_its_place() {
    let (spans, error) = spans("Text.\n\n<Card>\n\nunclosed\n", Dialect::Mdx);
    assert!(spans.is_empty());
    let error = error.expect("an unclosed element is an error");
    assert!(error.message.contains("Card") || error.message.contains("closing"), "{error:?}");
}

#[test]
fn hugo_shortcodes_pair_and_liquid_tags_pair() {
    let hugo = "{{< hint info >}}\nA **hint**.\n{{< /hint >}}\n\nA figure: {{< figure src=\"a.png\" >}}\n\n{{% tab \"One\" %}}x{{% /tab %}}\n";
    let found = kinds(hugo, Dialect::Hugo);
    assert_eq!(
        found,
        [
            ("{{< hint info >}}".to_string(), "open"),
            ("{{< /hint >}}".to_string(), "close"),
            ("{{< figure src=\"a.png\" >}}".to_string(), "closed"),
            ("{{% tab \"One\" %}}".to_string(), "open"),
            ("{{% /tab %}}".to_string(), "close"),
        ]
    );
    let liquid = "{% include note.html text=\"x\" %}\n\n{% capture intro %}Hello{% endcapture %}\n\nThe site is {{ site.title }}.\n";
    let found = kinds(liquid, Dialect::Liquid);
    assert_eq!(found[0], ("{% include note.html text=\"x\" %}".to_string(), "closed"));
    assert_eq!(found[1], ("{% capture intro %}".to_string(), "open"));
    assert_eq!(found[2], ("{% endcapture %}".to_string(), "close"));
    assert_eq!(found[3], ("{{ site.title }}".to_string(), "expr"));
    assert!(kinds("Plain {{< text", Dialect::Hugo).is_empty(), "an unclosed delimiter is text");
    assert!(spans("<Card>", Dialect::Markdown).0.is_empty());
}

#[test]
fn a_body_that_makes_the_mdx_parser_panic_reads_as_markdown() {
    // markdown-rs 1.0 reaches `unreachable!` on a setext heading over JSX text.
    let (spans, error) = spans("Press <kbd>Ctrl</k\n---\n", Dialect::Mdx);
    assert!(spans.is_empty());
    assert!(error.is_some_and(|e| e.message.contains("plain Markdown")));
}

#[test]
fn usage_lists_imported_components_with_their_usual_props() {
    let a = "import Card from '../Card.astro';\nimport { Tabs, Tab as T } from '../tabs';\n\n<Card title=\"A\" href={x}>\n\nHi\n\n</Card>\n";
    let b = "import Card from '../Card.astro';\n\n<Card title=\"B\" />\n\n<Card title=\"C\" open />\n";
    let used = usage([a, b]);
    assert_eq!(used[0].name, "Card");
    assert_eq!(used[0].count, 3);
    assert_eq!(used[0].props, ["title", "href", "open"]);
    assert_eq!(used[0].import_line.as_deref(), Some("import Card from '../Card.astro';"));
    let names: Vec<&str> = used.iter().map(|u| u.name.as_str()).collect();
    assert!(names.contains(&"Tabs") && names.contains(&"T"), "{names:?}");
}

/// The source text of every span of `text`'s body, in order.
fn span_texts(text: &str, dialect: Dialect) -> Vec<String> {
    let body = &text[crate::content::split::split(text).body];
    spans(body, dialect).0.iter().map(|s| body[s.range.clone()].to_string()).collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]
    /// Front-matter edits and every safe fix change prose only: each component, shortcode and
    /// expression keeps its bytes.
    #[test]
    fn edits_and_fixes_leave_components_byte_for_byte(
        blocks in proptest::collection::vec(proptest::sample::select(vec![
            "Two  spaces  in  prose.", "**Bold lead:**", "Plain words here.", "<Card title=\"a  b\" href={url}>",
            "</Card>", "Year {new  Date().getFullYear()} now.", "import Card from './Card.astro';",
            "export const x  = 1;", "<Chart data={[1,  2]} />", "- item  one\n- item  two", "# Heading",
            "{{< hint  info >}}", "{{< /hint >}}", "A <Badge  tone=\"x\">new</Badge> thing.",
        ]), 1..10),
        mdx in proptest::bool::ANY,
        title in "[a-zA-Z ]{1,20}",
    ) {
        let body = blocks.join("\n\n");
        let text = format!("---\ntitle: Start\ndate: 2025-01-01\n---\n\n{body}\n");
        let (path, dialect) = if mdx { ("post.mdx", Dialect::Mdx) } else { ("post.md", Dialect::Markdown) };
        let before = span_texts(&text, if mdx { dialect } else { Dialect::Hugo });
        let edited = crate::content::edit::set_field(&text, "title", &serde_json::Value::String(title)).unwrap();
        proptest::prop_assert_eq!(&span_texts(&edited, if mdx { dialect } else { Dialect::Hugo }), &before);
        let facts = if mdx {
            crate::content::checks::FolderFacts::default()
        } else {
            let configs: std::collections::BTreeMap<String, String> =
                [("hugo.toml".to_string(), "title = 'x'\n".to_string())].into_iter().collect();
            let files = vec!["content/posts/post.md".to_string()];
            let site = crate::content::site::build(&crate::content::site::SiteInput { configs: &configs, files: &files });
            let mut facts = crate::content::checks::FolderFacts::default();
            facts.site = Some(crate::content::site::SharedSite(std::sync::Arc::new(site)));
            facts
        };
        let path = if mdx { path.to_string() } else { "content/posts/post.md".to_string() };
        let fixed = crate::content::checks::fix_all_safe(&path, &edited, &facts, &crate::content::config::Config::default());
        proptest::prop_assert_eq!(span_texts(&fixed.text, if mdx { dialect } else { Dialect::Hugo }), before);
    }
}

#[test]
fn a_piece_that_may_cut_a_tag_short_is_not_trusted() {
    // A JSX tag runs on past blank lines: alone, the piece reads as text and an expression.
    assert_eq!(region_spans("<Chart data={[1, 2]} \n\n\n"), None);
    assert!(region_spans("<Card title=\"x\">\n\nHi\n\n</Card>\n").is_some_and(|s| s.len() == 2));
    assert_eq!(region_spans("Escaped \\{ brace\n"), None, "unsure, so the whole body is read");
}
