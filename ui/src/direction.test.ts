import { describe, expect, it } from "vitest";
import { directionOf, languageDirection, lineDirection } from "./direction";

describe("languageDirection", () => {
  it("knows the right-to-left languages by their primary subtag", () => {
    for (const lang of ["ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr"]) {
      expect(languageDirection(lang), lang).toBe("rtl");
    }
    expect(languageDirection("ar-EG")).toBe("rtl");
    expect(languageDirection("he_IL")).toBe("rtl");
    expect(languageDirection("FA-ir")).toBe("rtl");
    expect(languageDirection("en")).toBe("ltr");
    expect(languageDirection("en-US")).toBe("ltr");
    expect(languageDirection("zh-Hans")).toBe("ltr");
    expect(languageDirection("arn")).toBe("ltr"); // Mapudungun, not Arabic.
  });

  it("lets a script subtag decide", () => {
    expect(languageDirection("az-Arab")).toBe("rtl");
    expect(languageDirection("pa-Arab-PK")).toBe("rtl");
    expect(languageDirection("ku-Latn")).toBe("ltr");
    expect(languageDirection("ug-Cyrl")).toBe("ltr");
  });

  it("names no direction without a language", () => {
    expect(languageDirection(null)).toBeNull();
    expect(languageDirection(undefined)).toBeNull();
    expect(languageDirection("")).toBeNull();
    expect(languageDirection("und")).toBeNull();
  });
});

describe("lineDirection", () => {
  it("goes by the first strong character", () => {
    expect(lineDirection("שלום world")).toBe("rtl");
    expect(lineDirection("hello عالم")).toBe("ltr");
    expect(lineDirection("مرحبا")).toBe("rtl");
    expect(lineDirection("Привет")).toBe("ltr");
    expect(lineDirection("日本語")).toBe("ltr");
    expect(lineDirection("ސަލާމް")).toBe("rtl"); // Thaana (Dhivehi)
    expect(lineDirection("ܫܠܡܐ")).toBe("rtl"); // Syriac
  });

  it("passes over Markdown punctuation, digits, code, URLs and tags", () => {
    expect(lineDirection("## 1. שלום")).toBe("rtl");
    expect(lineDirection("- **2024** — مرحبا")).toBe("rtl");
    expect(lineDirection("![](photo.jpg) שלום")).toBe("rtl");
    expect(lineDirection("[קישור](https://example.com)")).toBe("rtl");
    expect(lineDirection("`code` سلام")).toBe("rtl");
    expect(lineDirection("<https://example.com> שלום")).toBe("rtl");
    expect(lineDirection('<span class="x">שלום</span>')).toBe("rtl");
    expect(lineDirection('{{< figure src="a.png" >}} שלום')).toBe("rtl");
    expect(lineDirection("&nbsp;שלום")).toBe("rtl");
    expect(lineDirection("see https://example.org")).toBe("ltr");
  });

  it("finds nothing in a line without letters", () => {
    expect(lineDirection("")).toBeNull();
    expect(lineDirection("---")).toBeNull();
    expect(lineDirection("1. 2024 — * > |")).toBeNull();
    expect(lineDirection("`only code`")).toBeNull();
  });

  it("takes the directional marks as strong", () => {
    expect(lineDirection("\u200F123 abc")).toBe("rtl");
    expect(lineDirection("\u200E123 שלום")).toBe("ltr");
  });
});

describe("directionOf", () => {
  it("follows the language when there is one, whatever the text", () => {
    expect(directionOf("he", "Hello")).toBe("rtl");
    expect(directionOf("en", "שלום")).toBe("ltr");
    expect(directionOf("ar-SA", "")).toBe("rtl");
  });

  it("reads the text when there is no language", () => {
    expect(directionOf(null, "שלום עולם\n\nHello")).toBe("rtl");
    expect(directionOf(undefined, "Hello\n\nשלום")).toBe("ltr");
    expect(directionOf(null, "سلام دنیا")).toBe("rtl");
    expect(directionOf(null, "")).toBe("ltr");
    expect(directionOf(null, "123\n\n---\n")).toBe("ltr");
  });

  it("skips front matter, fenced code, comments and link references", () => {
    expect(directionOf(null, "---\ntitle: Hello\ndate: 2024-01-01\n---\n\nשלום")).toBe("rtl");
    expect(directionOf(null, "+++\ntitle = 'x'\n+++\nمرحبا")).toBe("rtl");
    expect(directionOf(null, "```js\nconst x = 1;\n```\n\nمرحبا")).toBe("rtl");
    expect(directionOf(null, "~~~~\ncode\n~~~\nstill code\n~~~~\nשלום")).toBe("rtl");
    expect(directionOf(null, "<!-- a note\nin English -->\nשלום")).toBe("rtl");
    expect(directionOf(null, "[ref]: https://example.com \"Title\"\n\nשלום")).toBe("rtl");
    expect(directionOf(null, "# 2024\n\n> ![](a.png)\n\n- 1\n- Hello")).toBe("ltr");
  });
});
