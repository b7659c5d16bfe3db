import { expect, test } from "vitest";
import { LanguageDescription } from "@codemirror/language";
import { codeLanguages } from "./code-languages";

test("fence info strings find their language, case-insensitively", () => {
  const name = (info: string) => LanguageDescription.matchLanguageName(codeLanguages, info, true)?.name ?? null;
  expect(name("rust")).toBe("Rust");
  expect(name("TS")).toBe("TypeScript");
  expect(name("bash")).toBe("Shell");
  expect(name("yml")).toBe("YAML");
  expect(name("astro")).toBe("HTML");
  expect(name("cobol")).toBeNull();
});

test("every grammar loads", async () => {
  for (const description of codeLanguages) {
    const support = await description.load();
    expect(support.language.name, description.name).toBeTruthy();
  }
});
