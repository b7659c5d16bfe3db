import { expect, test } from "vitest";
import { resolveTheme } from "./theme";

test("system follows the OS; a choice overrides it", () => {
  expect(resolveTheme("system", true)).toBe("dark");
  expect(resolveTheme("system", false)).toBe("light");
  expect(resolveTheme("light", true)).toBe("light");
  expect(resolveTheme("dark", false)).toBe("dark");
});
