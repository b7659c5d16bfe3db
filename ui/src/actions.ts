// The action registry: every command the writer can run (save, open folder, toggle a pane,
// quick open...) is registered here once, with its id, title, menu and shortcut. The command
// palette, the window menu and the keyboard all read this one list, so an action registered
// later (new post, rename, export, check) shows up everywhere with one `register` call.
// DOM-free: it matches key events by their fields and never looks at the document.

export type MenuName = "File" | "Edit" | "View" | "Go" | "Help";

export interface Action {
  /** Stable id, kebab-case (`save`, `toggle-preview`); menus and tests refer to it. */
  id: string;
  /** What the palette and the menu show, in sentence case. */
  title: string;
  /** Where it goes in the window menu; actions without one are palette-only. */
  menu?: MenuName;
  /** A submenu of `menu` to group it in (the recent folders under "Open recent"). */
  submenu?: string;
  /** `Mod+Shift+P` style: `Mod` is Ctrl (Cmd on macOS); the last part is a key name. */
  shortcut?: string;
  /** When false, the palette greys it and the keyboard lets the key through. */
  enabled?: () => boolean;
  run: () => void | Promise<void>;
}

/** The fields of a KeyboardEvent that shortcut matching needs. */
export type KeyLike = Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

type Chord = { mod: boolean; shift: boolean; alt: boolean; key: string };

export const MENU_ORDER: readonly MenuName[] = ["File", "Edit", "View", "Go", "Help"];

function parseShortcut(shortcut: string): Chord {
  const parts = shortcut.split("+");
  // A literal "+" key is written "Mod++".
  const key = shortcut.endsWith("++") ? "+" : parts[parts.length - 1];
  const mods = new Set(parts.slice(0, -1).map((p) => p.toLowerCase()));
  return { mod: mods.has("mod") || mods.has("ctrl"), shift: mods.has("shift"), alt: mods.has("alt"), key: key.toLowerCase() };
}

/** The key an event means, layout-independently where the layout changes it (Ctrl+Alt+1 gives
 *  other characters on some layouts; Shift changes letters' case). */
function keysOf(event: KeyLike): string[] {
  const keys = [event.key.toLowerCase()];
  const code = event.code ?? "";
  if (code.startsWith("Key")) keys.push(code.slice(3).toLowerCase());
  else if (code.startsWith("Digit")) keys.push(code.slice(5));
  else if (code === "Backslash") keys.push("\\");
  else if (code === "Comma") keys.push(",");
  return keys;
}

export function matchesShortcut(shortcut: string, event: KeyLike, mac = false): boolean {
  const chord = parseShortcut(shortcut);
  const mod = mac ? event.metaKey : event.ctrlKey;
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  if (chord.mod !== mod || otherMod || chord.shift !== event.shiftKey || chord.alt !== event.altKey) return false;
  return keysOf(event).includes(chord.key);
}

/** For display: `Mod+Shift+P` as `Ctrl+Shift+P` (or `⌘⇧P` on macOS). */
export function formatShortcut(shortcut: string, mac = false): string {
  const chord = parseShortcut(shortcut);
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key[0].toUpperCase() + chord.key.slice(1);
  if (mac) return `${chord.alt ? "⌥" : ""}${chord.shift ? "⇧" : ""}${chord.mod ? "⌘" : ""}${key}`;
  return [chord.mod ? "Ctrl" : "", chord.alt ? "Alt" : "", chord.shift ? "Shift" : "", key].filter(Boolean).join("+");
}

/** The same shortcut in Tauri's accelerator syntax (`CmdOrCtrl+Shift+P`). */
export function acceleratorOf(shortcut: string): string {
  const chord = parseShortcut(shortcut);
  const names: Record<string, string> = { "\\": "Backslash", ",": "Comma", tab: "Tab" };
  const key = names[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [chord.mod ? "CmdOrCtrl" : "", chord.alt ? "Alt" : "", chord.shift ? "Shift" : "", key].filter(Boolean).join("+");
}

export class ActionRegistry {
  private readonly actions = new Map<string, Action>();
  private readonly listeners = new Set<() => void>();

  /** Adds (or replaces) an action; returns a function that removes it again. */
  register(action: Action): () => void {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(action.id)) throw new Error(`action id ${JSON.stringify(action.id)} is not kebab-case`);
    this.actions.set(action.id, action);
    this.changed();
    return () => {
      if (this.actions.get(action.id) === action) {
        this.actions.delete(action.id);
        this.changed();
      }
    };
  }

  get(id: string): Action | undefined {
    return this.actions.get(id);
  }

  /** In registration order. */
  all(): Action[] {
    return [...this.actions.values()];
  }

  isEnabled(action: Action): boolean {
    return action.enabled ? action.enabled() : true;
  }

  /** Runs the action if it exists and is enabled; true when it ran. */
  async run(id: string): Promise<boolean> {
    const action = this.actions.get(id);
    if (!action || !this.isEnabled(action)) return false;
    await action.run();
    return true;
  }

  /** The enabled action whose shortcut the event is, if any. */
  forKey(event: KeyLike, mac = false): Action | undefined {
    for (const action of this.actions.values()) {
      if (action.shortcut && matchesShortcut(action.shortcut, event, mac) && this.isEnabled(action)) return action;
    }
    return undefined;
  }

  /** The menus' contents, in menu order, each in registration order. */
  menus(): Array<{ menu: MenuName; actions: Action[] }> {
    return MENU_ORDER.map((menu) => ({ menu, actions: this.all().filter((a) => a.menu === menu) })).filter((m) => m.actions.length > 0);
  }

  /** Called after every register or unregister (the menu rebuilds itself). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The app's one registry. */
export const actions = new ActionRegistry();
