import { describe, expect, test, vi } from "vitest";
import { ActionRegistry, acceleratorOf, formatShortcut, matchesShortcut, type KeyLike } from "./actions";

const key = (k: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("shortcuts", () => {
  test("match on the key and exactly the modifiers", () => {
    expect(matchesShortcut("Mod+S", key("s", "KeyS", { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut("Mod+S", key("s", "KeyS", { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesShortcut("Mod+S", key("s", "KeyS"))).toBe(false);
    expect(matchesShortcut("Mod+Shift+P", key("P", "KeyP", { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut("Mod+P", key("P", "KeyP", { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesShortcut("Mod+S", key("s", "KeyS", { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut("Mod+S", key("s", "KeyS", { ctrlKey: true }), true)).toBe(false);
  });

  test("match by physical key where the layout changes the character", () => {
    expect(matchesShortcut("Mod+Alt+1", key("¡", "Digit1", { ctrlKey: true, altKey: true }))).toBe(true);
    expect(matchesShortcut("Mod+\\", key("\\", "Backslash", { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut("Mod+Shift+Tab", key("Tab", "Tab", { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut("Mod+Tab", key("Tab", "Tab", { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  test("format for people and for the native menu", () => {
    expect(formatShortcut("Mod+Shift+P")).toBe("Ctrl+Shift+P");
    expect(formatShortcut("Mod+Alt+1")).toBe("Ctrl+Alt+1");
    expect(formatShortcut("Mod+Tab")).toBe("Ctrl+Tab");
    expect(formatShortcut("Mod+Shift+P", true)).toBe("⇧⌘P");
    expect(acceleratorOf("Mod+Shift+P")).toBe("CmdOrCtrl+Shift+P");
    expect(acceleratorOf("Mod+\\")).toBe("CmdOrCtrl+Backslash");
    expect(acceleratorOf("Mod+,")).toBe("CmdOrCtrl+Comma");
  });
});

describe("registry", () => {
  test("registers, lists in order, runs, and unregisters", async () => {
    const registry = new ActionRegistry();
    const ran: string[] = [];
    const changes = vi.fn();
    registry.onChange(changes);
    registry.register({ id: "save", title: "Save", menu: "File", shortcut: "Mod+S", run: () => void ran.push("save") });
    const off = registry.register({ id: "toggle-preview", title: "Toggle preview", menu: "View", run: () => void ran.push("preview") });
    expect(registry.all().map((a) => a.id)).toEqual(["save", "toggle-preview"]);
    expect(registry.menus().map((m) => m.menu)).toEqual(["File", "View"]);
    expect(await registry.run("toggle-preview")).toBe(true);
    expect(await registry.run("missing")).toBe(false);
    off();
    expect(registry.get("toggle-preview")).toBeUndefined();
    expect(ran).toEqual(["preview"]);
    expect(changes).toHaveBeenCalledTimes(3);
  });

  test("a disabled action neither runs nor claims its key", async () => {
    const registry = new ActionRegistry();
    let enabled = false;
    const run = vi.fn();
    registry.register({ id: "close-post", title: "Close post", shortcut: "Mod+W", enabled: () => enabled, run });
    const event = key("w", "KeyW", { ctrlKey: true });
    expect(registry.forKey(event)).toBeUndefined();
    expect(await registry.run("close-post")).toBe(false);
    enabled = true;
    expect(registry.forKey(event)?.id).toBe("close-post");
    expect(await registry.run("close-post")).toBe(true);
    expect(run).toHaveBeenCalledOnce();
  });

  test("ids are kebab-case", () => {
    expect(() => new ActionRegistry().register({ id: "Save File", title: "x", run: () => {} })).toThrow(/kebab/);
  });
});
