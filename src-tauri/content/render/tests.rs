use super::*;

fn render(md: &str) -> String {
    render_body(
        md,
        &RenderContext {
            post_dir: "blog",
            plain_code: false,
            raw_html: true,
            flavour: Flavour::PLAIN,
            spans: &[],
        },
    )
}

// ---------------------------------------------------------------------------------------------
// What the preview shows

#[test]
fn gfm_extensions_render() {
    let html = render("| a | b |\n|---|--:|\n| Latency budget | 2 |\n\n~~old~~ [^1]\n\n- [x] done\n- [ ] todo\n\n[^1]: note\n");
    assert!(html.contains("<td>Latency budget</td>"), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
    assert!(html.contains("type=\"checkbox\""), "{html}");
    assert!(html.contains("footnote-definition"), "{html}");
    assert!(html.contains("text-align: right"), "{html}");
}

#[test]
fn smart_punctuation_is_off() {
    let html = render("\"quotes\" and -- dashes...");
    assert!(html.contains("<p>\"quotes\" and -- dashes...</p>"), "{html}");
}

fn render_as(md: &str, flavour: Flavour) -> String {
    render_body(md, &RenderContext::for_body("blog", md, flavour))
}

#[test]
fn smart_punctuation_follows_the_site() {
    let smart = Flavour { smart_punctuation: true, ..Flavour::PLAIN };
    let html = render_as("\"Quotes\" and 'it's' -- en --- em...\n\n`\"code\" stays`\n", smart);
    assert!(
        html.contains(
            "<p>\u{201c}Quotes\u{201d} and \u{2018}it\u{2019}s\u{2019} \u{2013} en \u{2014} em\u{2026}</p>"
        ),
        "{html}"
    );
    assert!(html.contains("<code>\"code\" stays</code>"), "{html}");
}

#[test]
fn hugo_without_unsafe_omits_raw_html_with_a_marked_placeholder() {
    use flavour::RawHtml;
    let omit = Flavour { raw_html: RawHtml::Omit, ..Flavour::PLAIN };
    let html = render_as(
        "<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\nPress <kbd>Ctrl</kbd>.\n\n<!-- a note -->\n",
        omit,
    );
    assert_eq!(html.matches("raw HTML omitted</p>").count(), 1, "one placeholder for the block: {html}");
    assert!(
        html.contains("Press <span class=\"raw-omitted-inline\" title=\"raw HTML omitted\"></span>Ctrl"),
        "{html}"
    );
    assert!(!html.contains("alert") && !html.contains("kbd") && !html.contains("a note"), "{html}");
}

#[test]
fn heading_ids_and_attributes_follow_the_site() {
    use flavour::HeadingIds;
    let md = "## Ünïcödé, C++ & Rust\n\n## Explicit {#custom}\n";
    let zola = render_as(md, Flavour { heading_ids: HeadingIds::Zola, ..Flavour::PLAIN });
    assert!(zola.contains("<h2 id=\"unicode-c-rust\">"), "{zola}");
    let none =
        render_as(md, Flavour { heading_ids: HeadingIds::None, heading_attributes: false, ..Flavour::PLAIN });
    assert!(none.contains("<h2>Ünïcödé, C++ &amp; Rust</h2>"), "{none}");
    assert!(none.contains("<h2>Explicit {#custom}</h2>"), "Eleventy shows the braces: {none}");
    let astro = render_as(md, Flavour { heading_attributes: false, ..Flavour::PLAIN });
    assert!(astro.contains("<h2 id=\"explicit-custom\">Explicit {#custom}</h2>"), "{astro}");
}

#[test]
fn kramdown_attribute_lists_are_hidden_and_markdown_it_has_no_footnotes() {
    let jekyll = Flavour { attribute_lists: true, ..Flavour::PLAIN };
    let html = render_as("A note.\n{: .note}\n\n* TOC\n{:toc}\n\nText {with braces}.\n", jekyll);
    assert!(!html.contains("{:"), "{html}");
    assert!(html.contains("Text {with braces}."), "{html}");
    let plain = render_as("A note.\n{: .note}\n", Flavour::PLAIN);
    assert!(plain.contains("{: .note}"), "other generators show it: {plain}");
    let eleventy = Flavour { footnotes: false, task_lists: false, ..Flavour::PLAIN };
    let html = render_as("Text[^1].\n\n[^1]: Note.\n\n- [ ] task\n", eleventy);
    assert!(!html.contains("footnote") && !html.contains("checkbox"), "{html}");
    assert!(html.contains("[ ] task"), "{html}");
}

#[test]
fn headings_get_github_style_ids() {
    let html =
        render("# Hello, World!\n\n## Hello, World!\n\n### Custom {#my-id}\n\n#### `code` *and* text\n");
    assert!(html.contains("<h1 id=\"hello-world\">Hello, World!</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"hello-world-1\">"), "{html}");
    assert!(html.contains("<h3 id=\"my-id\">Custom</h3>"), "{html}");
    assert!(html.contains("<h4 id=\"code-and-text\">"), "{html}");
}

#[test]
fn fenced_code_is_highlighted_and_unknown_languages_stay_plain() {
    let html = render("```rust\nlet x = 1;\n```\n\n```nonsense\n<b>\n```\n");
    assert!(html.contains("<pre style="), "{html}");
    assert!(html.contains("<pre><code class=\"language-nonsense\">&lt;b&gt;\n</code></pre>"), "{html}");
}

#[test]
fn top_level_blocks_carry_their_source_line() {
    let html = render("# One\n\nPara\ntwo\n\n- a\n- b\n\n---\n\n> quote\n");
    for line in [1, 3, 6, 9, 11] {
        assert!(html.contains(&format!("<span data-line=\"{line}\"></span>")), "line {line}: {html}");
    }
    assert_eq!(html.matches("data-line").count(), 5, "only top-level blocks: {html}");
}

#[test]
fn links_to_posts_are_marked_for_the_app() {
    let html =
        render("[next](next-post.md#part) [up](../about.md) [web](https://example.org) [mail](mailto:a@b.c)");
    assert!(
        html.contains(
            "<a href=\"/__postdesk/post/blog/next-post.md\" data-post=\"blog/next-post.md\">next</a>"
        ),
        "{html}"
    );
    assert!(html.contains("data-post=\"about.md\""), "{html}");
    assert!(html.contains("<a href=\"https://example.org\">web</a>"), "{html}");
    assert!(html.contains("<a href=\"mailto:a@b.c\">mail</a>"), "{html}");
}

#[test]
fn images_resolve_inside_the_site() {
    let html =
        render("![Desk](images/desk.png \"A desk\") ![Logo](/images/logo.svg) ![Far](https://e.org/x.png)");
    assert!(
        html.contains("<img src=\"pdasset://localhost/post/blog/images/desk.png\" alt=\"Desk\" title=\"A desk\" loading=\"lazy\">"),
        "{html}"
    );
    assert!(html.contains("src=\"pdasset://localhost/site/images/logo.svg\""), "{html}");
    assert!(html.contains("src=\"https://e.org/x.png\""), "{html}");
}

#[test]
fn header_shows_title_date_tags_and_hero_escaped() {
    let header = Header {
        title: Some("Hi <b>there</b>".into()),
        date: Some("2025-06-27T10:00:00Z".into()),
        tags: vec!["a&b".into(), "<img src=x onerror=alert(1)>".into()],
        image: Some("/images/hero.png".into()),
        image_alt: Some("\" onerror=\"alert(1)".into()),
    };
    let html = render_header(&header, &RenderContext::default());
    assert!(html.contains("<h1 class=\"post-title\">Hi &lt;b&gt;there&lt;/b&gt;</h1>"), "{html}");
    assert!(html.contains("<time>2025-06-27</time>"), "{html}");
    assert!(html.contains("<li>a&amp;b</li>"), "{html}");
    assert!(
        html.contains(
            "src=\"pdasset://localhost/site/images/hero.png\" alt=\"&quot; onerror=&quot;alert(1)\""
        ),
        "{html}"
    );
    assert_inert(&html);
}

#[test]
fn empty_header_renders_nothing() {
    assert_eq!(render_header(&Header::default(), &RenderContext::default()), "");
}

// ---------------------------------------------------------------------------------------------
// Hostile input: nothing in a post may become markup that runs, loads or navigates.

const ALLOWED_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "span",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "sup",
    "div",
    "input",
    "header",
    "time",
    // Raw HTML that sites render, through the sanitiser's allowlist.
    "section",
    "kbd",
    "sub",
    "s",
    "details",
    "summary",
    "figure",
    "figcaption",
    "picture",
    "source",
    "mark",
    "abbr",
    "small",
    "dl",
    "dt",
    "dd",
    "i",
    "b",
    "u",
    "q",
    "cite",
    "var",
    "samp",
    "tfoot",
    "caption",
    "colgroup",
    "col",
    "ins",
    "wbr",
    "center",
];
const ALLOWED_ATTRS: &[&str] = &[
    "href",
    "src",
    "alt",
    "title",
    "id",
    "class",
    "data-line",
    "data-post",
    "loading",
    "style",
    "type",
    "disabled",
    "checked",
    "start",
    "open",
    "colspan",
    "rowspan",
    "width",
    "height",
    "datetime",
    "lang",
    "dir",
    "media",
];

/// Walks every tag in the output (text is escaped, so every `<` starts a real tag) and checks
/// tag names, attribute names and URL values against what the preview allows.
fn assert_inert(html: &str) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close =
            rest[open..].find('>').map(|c| open + c).unwrap_or_else(|| panic!("unclosed tag in {html}"));
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        let tag = tag.trim_start_matches('/');
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(ALLOWED_TAGS.contains(&name.as_str()), "tag <{name}> in {html}");
        // Attributes: name="value" pairs; values never contain a raw quote (escaped as &quot;).
        let mut attrs = &tag[name.len()..];
        while let Some(eq) = attrs.find('=') {
            let attr_name = attrs[..eq].trim();
            assert!(ALLOWED_ATTRS.contains(&attr_name), "attribute {attr_name} on <{name}> in {html}");
            let after = &attrs[eq + 1..];
            assert!(after.starts_with('"'), "unquoted attribute in {html}");
            let end = after[1..].find('"').unwrap() + 1;
            let value = &after[1..end];
            if matches!(attr_name, "href" | "src") {
                let decoded = value.replace("&amp;", "&");
                let scheme = urls::scheme(&decoded);
                assert!(
                    matches!(scheme.as_deref(), None | Some("http" | "https" | "mailto" | "pdasset")),
                    "{attr_name}={value} in {html}"
                );
            }
            if attr_name == "style" {
                assert!(!value.contains("url(") && !value.contains("expression"), "style {value} in {html}");
            }
            attrs = &after[end + 1..];
        }
    }
}

const HOSTILE: &[&str] = &[
    // Sanitiser bypasses: mutation XSS, entity tricks, SVG and MathML, nested noscript and
    // template, forged scroll markers.
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>alert(1)</script></template><noscript><style></noscript><img src=x onerror=alert(1)>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"jav&#x09;ascript:alert(1)\">tab</a> <a href=\"&#106;avascript:alert(1)\">entity</a>",
    "<img src=\"javascript:alert(1)\"><img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<div style=\"background:url(https://e.org/x)\" onclick=\"alert(1)\">styled</div>",
    "<span data-line=\"99\"></span><SPAN DATA-LINE=\"98\">forged markers</SPAN>",
    "<form action=\"https://e.org\"><input type=\"text\" name=\"q\"><button>go</button></form>",
    "<details open ontoggle=\"alert(1)\"><summary>x</summary></details>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "text <img src=x onerror=alert(1)> inline",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<div style=\"background:url(https://evil.example/leak)\">x</div>",
    "<style>body{background:url(https://evil.example/x)}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&#x3A;alert(1))",
    "[x](java&#x09;script:alert(1))",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](x\" onerror=\"alert(1))",
    "[x](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")",
    "# <img src=x onerror=alert(1)>",
    "# Heading {#x\" onclick=\"alert(1)}",
    "<img src=x onerror=\"window.__TAURI_INTERNALS__.invoke('save_post', {})\">",
    "<script>window.__TAURI_INTERNALS__.invoke('open_folder', {dir: '/'})</script>",
    "```html\n<script>alert(1)</script>\n```",
    "![x](../../../../etc/passwd)",
    "![x](/../../etc/passwd)",
    "![x](%2e%2e/%2e%2e/%2e%2e/etc/passwd)",
    "![x](file:///etc/passwd)",
    "[x](file:///etc/passwd)",
    "# ![x](javascript:alert(1)) heading image",
    "## [![x](data:image/svg+xml,<svg onload=alert(1)>)](javascript:alert(1))",
    "| ![x](javascript:alert(1)) |\n|---|\n| ![y](vbscript:x) |",
];

#[test]
fn hostile_posts_render_inert() {
    assert!(HOSTILE.len() >= 30);
    use flavour::RawHtml;
    // Every site's way of reading raw HTML: rendered (and grouped across blocks), rendered as
    // kramdown leaves it (a wrapper's inside as HTML), omitted (Hugo without `unsafe`).
    let flavours = [
        Flavour::PLAIN,
        Flavour { markdown_in_html: false, attribute_lists: true, smart_punctuation: true, ..Flavour::PLAIN },
        Flavour { raw_html: RawHtml::Omit, ..Flavour::PLAIN },
    ];
    let wrapped = HOSTILE.iter().map(|md| format!("<div class=\"note\">\n\n{md}\n\n</div>\n"));
    let cases: Vec<String> = HOSTILE.iter().map(|md| md.to_string()).chain(wrapped).collect();
    for (md, flavour) in cases.iter().flat_map(|md| flavours.iter().map(move |f| (md, *f))) {
        let html = render_body(md, &RenderContext::for_body("blog", md, flavour));
        assert_inert(&html);
        let lower = html.to_ascii_lowercase();
        for marker in
            ["<script", "<iframe", "<svg", "<object", "<embed", "<meta", "<base", "<form", "<style", "<link"]
        {
            assert!(!lower.contains(marker), "{marker} from {md:?}: {html}");
        }
    }
}

#[test]
fn raw_html_renders_as_sites_render_it_and_nothing_runs() {
    let html = render("Press <kbd>Ctrl</kbd>+<kbd>S</kbd>.<br>Done.\n\n<!-- link references -->\n\n<script>alert(1)</script>\n\n| a |\n|---|\n| <sup>2</sup> |\n");
    assert!(html.contains("Press <kbd>Ctrl</kbd>+<kbd>S</kbd>.<br>Done."), "{html}");
    assert!(!html.contains("link references") && !html.contains("&lt;!--"), "a comment is hidden: {html}");
    assert!(!html.contains("script") && !html.contains("alert"), "a script is gone, not shown: {html}");
    assert!(html.contains("<sup>2</sup>"), "{html}");
}

#[test]
fn past_the_budget_raw_html_is_still_shown_as_text() {
    let ctx = RenderContext {
        post_dir: "blog",
        plain_code: false,
        raw_html: false,
        flavour: Flavour::PLAIN,
        spans: &[],
    };
    let html = render_body("<script>alert(1)</script>\n", &ctx);
    assert!(html.contains("<div class=\"raw-html\">&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    let huge = "<b>x</b>\n".repeat(30_000);
    assert!(!RenderContext::for_body("", &huge, Flavour::PLAIN).raw_html, "over the tag budget");
    assert!(RenderContext::for_body("", "<kbd>x</kbd>", Flavour::PLAIN).raw_html);
}

#[test]
fn images_that_climb_out_of_the_site_are_not_requested() {
    for md in
        ["![x](../../../../etc/passwd)", "![x](/../../etc/passwd)", "![x](%2e%2e/%2e%2e/%2e%2e/etc/passwd)"]
    {
        let html = render(md);
        assert!(!html.contains("<img"), "{md}: {html}");
        assert!(html.contains("image-refused"), "{md}: {html}");
    }
}

#[test]
fn deep_nesting_is_flattened_and_fast() {
    let started = std::time::Instant::now();
    let quotes = render(&format!("{}deep\n", "> ".repeat(100_000)));
    assert!(
        quotes.matches("<blockquote>").count() <= MAX_DEPTH,
        "{} blockquotes",
        quotes.matches("<blockquote>").count()
    );
    assert!(quotes.contains("deep"));
    let lists = render(&format!("{}item\n", "- ".repeat(10_000)));
    assert!(lists.matches("<ul>").count() <= MAX_DEPTH);
    assert_inert(&lists);
    // Not a timed test of speed (that is in the benchmark), only a guard against a hang.
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn any_text_renders_without_panicking() {
    for md in ["", "\0", "[", "![", "#", "```", "| |\n|-|", "[^", "\u{feff}", "<", "&#0;", "*_~`"] {
        let _ = render(md);
    }
}

#[test]
fn footnote_numbers_run_through_the_whole_document() {
    let html = render("One[^a].\n\nTwo[^b].\n\n[^a]: first\n\n[^b]: second\n");
    assert!(html.contains(">1</a></sup>") && html.contains(">2</a></sup>"), "{html}");
}

#[test]
fn blocks_cut_from_one_render_join_back_to_it() {
    let md = "# T\n\nPara with [link](a.md).\n\n- a\n- b\n\n```rust\nfn x() {}\n```\n\n| a |\n|---|\n| 1 |\n\nNote[^1].\n\n[^1]: n\n";
    let ctx = RenderContext {
        post_dir: "blog",
        plain_code: false,
        raw_html: true,
        flavour: Flavour::PLAIN,
        spans: &[],
    };
    let blocks = render_blocks(md, &ctx, Position::default());
    assert_eq!(blocks.blocks.len(), 7);
    assert_eq!(blocks.join(), render_body(md, &ctx));
}

#[test]
fn code_in_a_body_over_the_highlight_budget_is_plain_and_whole_and_window_agree() {
    let code = "# heading\n*emphasis* and `code`\n".repeat(10);
    let small = format!("Intro.\n\n```markdown\n{code}```\n");
    assert!(render(&small).contains("<pre style="), "a small body is highlighted");
    let filler =
        "A paragraph of plain words.\n\n".repeat(crate::content::render::MAX_HIGHLIGHTED_BODY / 28 + 1);
    let big = format!("{filler}```markdown\n{code}```\n");
    let ctx = RenderContext::for_body("blog", &big, Flavour::PLAIN);
    assert!(ctx.plain_code);
    let html = render_body(&big, &ctx);
    assert!(!html.contains("<pre style="), "no syntect output over the budget");
    assert!(html.contains("<code class=\"language-markdown\">"), "the code is still shown");
}

#[test]
fn the_live_preview_switches_highlighting_at_the_budget_as_a_whole_render_does() {
    use crate::content::render::incremental::{BodyUpdate, LivePreview, TextEdit};
    let code = "```rust\nfn main() {}\n```\n";
    let limit = crate::content::render::MAX_HIGHLIGHTED_BODY;
    // Just under the budget, then one character over it by typing at the end.
    let under = format!("{code}\n{}", "x".repeat(limit - code.len() - 1));
    let mut preview = LivePreview::default();
    let first = preview.update(0, BodyUpdate::Full { text: under.clone() }, "", "", Flavour::PLAIN);
    let html = format!("{:?}", first.patch);
    assert!(html.contains("<pre style="), "under the budget: highlighted");
    let over = format!("{under}y");
    let at_end = under.encode_utf16().count() as u32;
    let typed = TextEdit { from: at_end, to: at_end, insert: "y".into() };
    let edits = BodyUpdate::Edits { version: first.body_version, edits: vec![typed] };
    let second = preview.update(1, edits, "", "", Flavour::PLAIN);
    let html = format!("{:?}", second.patch);
    assert!(!html.contains("<pre style="), "over the budget: plain, as a whole render of it is");
    assert!(!render_body(&over, &RenderContext::for_body("", &over, Flavour::PLAIN)).contains("<pre style="));
}

#[test]
fn the_live_preview_shows_raw_html_as_text_past_the_tag_budget_as_a_whole_render_does() {
    use crate::content::render::incremental::{BodyUpdate, LivePreview, TextEdit};
    let limit = super::raw_html::MAX_RAW_HTML_TAGS;
    // `<kbd>` first, then short paragraphs of `<` signs up to the budget exactly (so the edit
    // re-renders a window, not the whole body); one more typed at the end.
    let under = format!("<kbd>x</kbd>\n\n{}", "<\n\n".repeat(limit - 2));
    let mut preview = LivePreview::default();
    let first = preview.update(0, BodyUpdate::Full { text: under.clone() }, "", "", Flavour::PLAIN);
    assert!(format!("{:?}", first.patch).contains("<kbd>x</kbd>"), "at the budget: rendered");
    let at_end = under.encode_utf16().count() as u32;
    let typed = TextEdit { from: at_end, to: at_end, insert: "<".into() };
    let second = preview.update(
        1,
        BodyUpdate::Edits { version: first.body_version, edits: vec![typed] },
        "",
        "",
        Flavour::PLAIN,
    );
    let over = format!("{under}<");
    assert!(render_body(&over, &RenderContext::for_body("", &over, Flavour::PLAIN)).contains("&lt;kbd&gt;"));
    assert!(
        format!("{:?}", second.patch).contains("&lt;kbd&gt;"),
        "past it: text, as a whole render of it is"
    );
}

#[test]
fn a_wrapper_opened_in_one_block_and_closed_in_a_later_one_is_one_block() {
    let md = "Before.\n\n<details>\n<summary>More</summary>\n\n- hidden *list*\n\n</details>\n\nAfter.\n";
    let ctx = RenderContext::for_body("", md, Flavour::PLAIN);
    let body = render_blocks(md, &ctx, Position::default());
    let htmls: Vec<&str> = body.blocks.iter().map(Block::html).collect();
    assert_eq!(htmls.len(), 3, "{htmls:?}");
    assert!(
        htmls[1].starts_with("<details>") && htmls[1].contains("<li>hidden <em>list</em></li>"),
        "{htmls:?}"
    );
    assert!(htmls[1].trim_end().ends_with("</details>") && !htmls[1].contains("data-line"), "{htmls:?}");
    assert!(!body.nonlocal);
    let kramdown = Flavour { markdown_in_html: false, ..Flavour::PLAIN };
    let jekyll = render_blocks(md, &RenderContext::for_body("", md, kramdown), Position::default());
    assert!(
        jekyll.blocks[1].html().contains("- hidden *list*"),
        "kramdown leaves it as text: {:?}",
        jekyll.blocks[1].html()
    );
    let open = "<div class=\"note\">\n\nNever closed.\n";
    assert!(
        render_blocks(open, &RenderContext::for_body("", open, Flavour::PLAIN), Position::default()).nonlocal
    );
}

#[test]
fn component_spec() {
    use crate::content::components::{spans, Dialect};
    let spec = include_str!("../components/spec.txt");
    let mut cases = 0;
    // What comes before the first case heading explains the format; every case after it runs.
    for chunk in spec.split("\n@@@ ").skip(1) {
        let (name, rest) = chunk.split_once('\n').unwrap();
        let (head, rest) = rest.split_once("<<<\n").unwrap();
        let dialect = match head.trim().strip_prefix("dialect: ").unwrap() {
            "mdx" => Dialect::Mdx,
            "hugo" => Dialect::Hugo,
            "liquid" => Dialect::Liquid,
            other => panic!("{name}: no dialect {other}"),
        };
        let (body, rest) = rest.split_once(">>> shows\n").unwrap();
        let (shows, hides) = rest.split_once(">>> hides\n").unwrap_or((rest, ""));
        let (found, error) = spans(body, dialect);
        assert!(error.is_none(), "{name}: {error:?}");
        let flavour = Flavour { components: dialect, ..Flavour::PLAIN };
        let html = render_body(body, &RenderContext::for_body("blog", body, flavour).with_spans(&found));
        for line in shows.lines().filter(|l| !l.is_empty()) {
            assert!(html.contains(line), "{name}: the preview lacks {line:?}:\n{html}");
        }
        for line in hides.lines().filter(|l| !l.is_empty()) {
            assert!(!html.contains(line), "{name}: the preview shows {line:?}:\n{html}");
        }
        cases += 1;
    }
    assert!(cases >= 5);
}

#[test]
fn a_noscript_fallback_shows_as_html_not_text() {
    // The Rust blog's survey posts wrap each chart's image in <noscript>.
    let md = "<div>\n    <div class=\"pie-chart\"><noscript>\n<img alt=\"where\" height=\"600\" src=\"where.png\"/>\n</noscript></div>\n</div>\n";
    let html = render(md);
    assert!(html.contains("<img") && html.contains("alt=\"where\""), "{html}");
    assert!(!html.contains("&lt;img"), "{html}");
}
