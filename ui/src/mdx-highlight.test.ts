import { describe, expect, it } from "vitest";
import { mdxSpans } from "./mdx-highlight";

const kinds = (line: string) => mdxSpans(line).map(([from, to, kind]) => `${kind}:${line.slice(from, to)}`);

describe("mdxSpans", () => {
  it("finds ESM lines only at the start of a line", () => {
    expect(kinds('import Card from "../components/Card.astro";')).toEqual(['esm:import Card from "../components/Card.astro";']);
    expect(kinds("export const meta = { draft: true };")).toEqual(["esm:export const meta = { draft: true };"]);
    expect(kinds("We import things.")).toEqual([]);
  });

  it("finds opening, closing and self-closing component tags, with their props", () => {
    expect(kinds('<Card title="Hi" count={3}>')).toEqual(['tag:<Card title="Hi" count={3}>']);
    expect(kinds("</Card>")).toEqual(["tag:</Card>"]);
    expect(kinds('Text <Badge text="new" /> and <Tabs.Item label="a">')).toEqual(['tag:<Badge text="new" />', 'tag:<Tabs.Item label="a">']);
    expect(kinds("<>")).toEqual(["tag:<>"]);
  });

  it("leaves lower-case HTML tags and comparisons alone", () => {
    expect(kinds("<div class=\"x\">a < b</div>")).toEqual([]);
  });

  it("colours a tag whose props go on over the next lines to the end of its first", () => {
    expect(kinds('<Card title="x"')).toEqual(['tag:<Card title="x"']);
  });

  it("finds expressions outside tags, nested braces included", () => {
    expect(kinds("Year {year} and {{ a: 1 }}")).toEqual(["expr:{year}", "expr:{{ a: 1 }}"]);
    expect(kinds("{/* a comment */}")).toEqual(["expr:{/* a comment */}"]);
  });
});
