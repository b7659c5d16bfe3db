#!/usr/bin/env python3
"""Writes a folder of realistic generated posts for benchmarks: `gen-posts.py DIR [COUNT]`.

Deterministic (fixed seed), so every run and every machine measures the same folder. Front
matter as Astro and Hugo sites write it (title, description, pubDate, sometimes updatedDate,
tags from a shared pool with a few case variants, category, draft, heroImage); bodies of 2-10 KB
with headings, lists, links, code and images. One post in twenty is Hugo-style TOML.
"""
import os
import random
import sys

WORDS = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no will "
    "writer editor draft post folder static site build deploy markdown preview front matter tag "
    "garden river window morning coffee keyboard notebook light paper quiet habit weekly review "
    "model data system design pattern reader page layout typeface margin column heading link image"
).split()
TAGS = ["writing", "tools", "markdown", "astro", "hugo", "static-sites", "design", "typography",
        "productivity", "habits", "ai", "AI", "GPT-4o", "gpt-4o", "rust", "javascript", "css",
        "accessibility", "performance", "notes", "books", "travel", "photography", "keyboards",
        "workspace", "open-source", "git", "linux", "privacy", "security"]
CATEGORIES = ["Essays", "Notes", "Tutorials", "Reviews", "Workspace", "Journal"]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))


def body(rng, i):
    target = rng.randint(2000, 10000)
    parts = [paragraph(rng)]
    section = 0
    while sum(len(p) + 2 for p in parts) < target:
        roll = rng.random()
        if roll < 0.15:
            section += 1
            parts.append(f"## {sentence(rng)[:-1][:60]}")
        elif roll < 0.25:
            parts.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 5))))
        elif roll < 0.30:
            parts.append("```rust\nfn main() {\n    println!(\"post %d\");\n}\n```" % i)
        elif roll < 0.35:
            parts.append(f"![{sentence(rng)[:40]}](/images/posts/{i % 50}.png)")
        elif roll < 0.40:
            parts.append(f"See [the earlier post](./post-{(i * 7) % 10000:05d}.md) and <https://example.org/{i}>.")
        else:
            parts.append(paragraph(rng))
    return "\n\n".join(parts) + "\n"


def yaml_post(rng, i):
    year = 2019 + i % 7
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    tags = rng.sample(TAGS, rng.randint(1, 5))
    lines = [
        "---",
        f'title: "{sentence(rng)[:-1][:70]}"',
        f'description: "{sentence(rng)[:150]}"',
        f"pubDate: {date}",
    ]
    if rng.random() < 0.3:
        lines.append(f"updatedDate: {year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    lines.append(f'heroImage: "/images/posts/{i % 50}.png"')
    lines.append(f"category: {rng.choice(CATEGORIES)}")
    lines.append("tags:")
    lines.extend(f"  - {t}" for t in tags)
    if rng.random() < 0.1:
        lines.append("draft: true")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body(rng, i)


def toml_post(rng, i):
    year = 2019 + i % 7
    tags = ", ".join(f'"{t}"' for t in rng.sample(TAGS, rng.randint(1, 4)))
    return (
        "+++\n"
        f'title = "{sentence(rng)[:-1][:70]}"\n'
        f"date = {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00Z\n"
        f"draft = {'true' if rng.random() < 0.1 else 'false'}\n"
        f"tags = [{tags}]\n"
        "+++\n\n" + body(rng, i)
    )


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gen-posts.py DIR [COUNT]")
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    rng = random.Random(20261127)
    for i in range(count):
        sub = os.path.join(out, str(2019 + i % 7))
        os.makedirs(sub, exist_ok=True)
        text = toml_post(rng, i) if i % 20 == 19 else yaml_post(rng, i)
        with open(os.path.join(sub, f"post-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
