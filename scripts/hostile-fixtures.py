#!/usr/bin/env python3
"""Writes the hostile posts of tests/fixtures/hostile/: files a downloaded site, a model or an
agent could hand Postdesk, each of which once hung it, grew it to gigabytes or leaked a path.
Deterministic, so the committed files can be made again and compared:
    python3 scripts/hostile-fixtures.py tests/fixtures/hostile
fuzz-unclosed-markdown-fence.md is not made here: it is the input the `read` fuzz target found
taking 15 s (a whole post in an unclosed ```` ```markdown ```` fence, highlighted line by line).
Symlinks, FIFOs and files over the size caps are made by the tests themselves (git cannot
carry the first two well, and the last would bloat the repository)."""
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/hostile"
os.makedirs(out, exist_ok=True)


def write(name, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def post(front, body="A hostile post. The body stays readable.\n"):
    return "---\n" + front + "---\n\n" + body


# 5 KB of nested aliases that expand to 100 million strings.
write("alias-bomb.md", post(
    "title: Alias bomb\n"
    "a: &a [" + ",".join(["x"] * 1000) + "]\n"
    "b: &b [" + ",".join(["*a"] * 100) + "]\n"
    "c: [" + ",".join(["*b"] * 1000) + "]\n"))

# The classic "billion laughs": nine levels of nine.
lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
prev = "a"
for name in "bcdefghi":
    lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    prev = name
write("billion-laughs.md", post("title: Billion laughs\n" + "\n".join(lines) + "\n"))

# 16,000 duplicate keys (130 KB).
write("duplicate-keys.md", post("title: Duplicate keys\n" + "".join(f"k{i % 2}: {i}\n" for i in range(16000))))

# 200 KB of nested `[` in one value.
write("nested-brackets.md", post("title: Nested brackets\nk: " + "[" * 200_000 + "\n"))

# Deep block nesting: 50,000 compact sequences on one line (`- - - x`).
write("nested-blocks.md", post("title: Nested blocks\nk:\n  " + "- " * 50_000 + "x\n"))

# 10,000 distinct keys.
write("many-keys.md", post("title: Many keys\n" + "".join(f"f{i}: {i}\n" for i in range(10000))))

# A slug that climbs out of an export folder.
write("slug-escape.md", post("title: Slug escape\nslug: ../../escaped\ndate: 2025-01-01\ndescription: A post whose slug climbs out of the export folder.\n"))

# Not UTF-8 (Latin-1 bytes).
write("not-utf8.md", b"---\ntitle: Caf\xe9\n---\n\nUn caf\xe9 cr\xe8me.\n")

# Binary content with a post's name.
write("binary.md", bytes(range(256)) * 64)

# A body of 200,000 nested emphasis openers and 100,000 nested quotes.
write("pathological-body.md", post("title: Pathological body\n", "*" * 200_000 + "x\n\n" + ">" * 100_000 + " deep\n"))

# The most syntax highlighting one post can ask for: a body just under the highlight budget
# (256 KiB) that is one fenced block of Markdown, whose grammar is syntect's slowest.
line = "# Heading *with* **emphasis**, `code`, [a link](https://example.com) and <b>html</b>\n"
code = line * ((256 * 1024 - 200) // len(line))
write("highlight-budget.md", post("title: Highlight budget\n", "```markdown\n" + code + "```\n"))
