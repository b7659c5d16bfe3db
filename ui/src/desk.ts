// The desk around the post: the app's actions (registered in actions.ts, run from the keyboard,
// the palette and the window menu), quick open, recent posts (Ctrl+Tab) and folders, the pane
// layout, the theme and font size, the settings dialog, and what is restored on start. It
// reaches the post only through `DeskHost`, which main.ts supplies; it never saves or reads
// files itself.
import "./desk.css";
import type { EditorView } from "@codemirror/view";
import { openSearchPanel } from "@codemirror/search";
import { actions, formatShortcut, type Action } from "./actions";
import { asAppError, getSettings, rememberWindowSize, updateSettings } from "./ipc/commands";
import type { Settings } from "./ipc/bindings/Settings";
import type { SettingsPatch } from "./ipc/bindings/SettingsPatch";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import { openReplacePanel } from "./editor";
import { toggleBold, toggleItalic, toggleLink } from "./markdown-commands";
import type { StateCommand } from "@codemirror/state";
import { Mru } from "./mru";
import { Panes } from "./panes";
import { sanitizeLayout, type PaneId } from "./layout";
import { PaletteDialog, type PaletteSource } from "./palette";
import type { PaletteItem } from "./palette-model";
import { performanceReport } from "./perf";
import { metrics } from "./metrics";
import { SettingsDialog, type DeskSettings } from "./settings-dialog";
import { ThemeControl } from "./theme";

export interface DeskHost {
  editorView(): EditorView;
  posts(): PostSummary[];
  /** The open post's path, or null. */
  currentPath(): string | null;
  /** Whether the open post's body can be edited (not read-only). */
  editable(): boolean;
  open(path: string): Promise<void>;
  /** Saves the open post; true when everything is on disk. */
  save(): Promise<boolean>;
  /** Closes the open post (the caller has saved it). */
  close(): void;
  pickFolder(): Promise<void>;
  openFolder(dir: string): Promise<void>;
  setPreviewTheme(theme: "light" | "dark"): void;
  showError(e: unknown): void;
}

const MAC = /Mac/.test(navigator.platform);
/** Shortcuts that mean text editing: in another text field they stay that field's keys. */
const EDITOR_KEYS = new Set(["bold", "italic", "link", "find", "replace"]);

export class Desk {
  private readonly mru = new Mru();
  private readonly palette: PaletteDialog;
  private readonly settingsDialog: SettingsDialog;
  private readonly theme: ThemeControl;
  private readonly panes: Panes;
  private settings: DeskSettings = { autosave: true, theme: "system", fontSize: 15 };
  private root: string | null = null;
  private lastPosts: Record<string, string> = {};
  private unregisterRecent: Array<() => void> = [];
  private readonly autosaveToggle = document.querySelector<HTMLInputElement>("[data-testid=autosave-toggle]");

  /** `theme` and `panes` come from the first script, which applied the saved settings to them
   *  before the list painted. */
  constructor(
    private readonly host: DeskHost,
    appearance: { theme: ThemeControl; panes: Panes },
  ) {
    this.theme = appearance.theme;
    this.theme.listen((theme) => host.setPreviewTheme(theme));
    this.palette = new PaletteDialog((e) => host.showError(e));
    this.settingsDialog = new SettingsDialog((patch) => this.change(patch));
    this.panes = appearance.panes;
    this.panes.listen((layout) => this.persist({ layout }));
    document.getElementById("open-settings")?.addEventListener("click", () => this.settingsDialog.open(this.settings));
    // The status bar's own checkbox stays the one source of the autosave state.
    this.autosaveToggle?.addEventListener("change", () => (this.settings.autosave = this.autosaveToggle!.checked));
    this.registerActions();
    this.wireKeyboard();
    // The menu module (and Tauri's menu API) loads after the first paint.
    void import("./window-menu").then((m) =>
      m.installWindowMenu(actions, (e) => console.warn("postdesk: the window menu could not be built", e)),
    );
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => void rememberWindowSize().catch(() => undefined), 600);
    });
  }

  /** Settings from the last run, as the first script read them (null when they could not be
   *  read): theme, font size and layout, recent folders and last posts. */
  useSettings(saved: Settings | null): void {
    if (!saved) return;
    this.settings = { autosave: saved.autosave, theme: saved.theme, fontSize: saved.fontSize };
    this.theme.set(saved.theme);
    this.applyFontSize(saved.fontSize);
    this.panes.set(sanitizeLayout(saved.layout));
    this.lastPosts = { ...saved.lastPosts };
    this.setRecentFolders(saved.recentFolders);
  }

  /** A folder was opened: recent posts start afresh, and its last open post comes back. */
  async folderOpened(root: string): Promise<void> {
    this.root = root;
    this.mru.clear();
    try {
      const saved = await getSettings();
      this.lastPosts = { ...saved.lastPosts };
      this.setRecentFolders(saved.recentFolders);
    } catch {
      // Settings are a convenience; the folder is open either way.
    }
    const last = this.lastPosts[root];
    if (last && this.host.currentPath() === null) {
      await this.host.open(last);
    }
  }

  /** A post was shown in the editor. */
  postOpened(path: string): void {
    this.mru.visit(path);
    if (this.root && this.lastPosts[this.root] !== path) {
      this.lastPosts[this.root] = path;
      this.persist({ lastPost: path });
    }
  }

  postRenamed(from: string, to: string): void {
    this.mru.rename(from, to);
    if (this.root && this.lastPosts[this.root] === from) this.postOpened(to);
  }

  /** The command palette or quick open, for tests and other modules. */
  get paletteDialog(): PaletteDialog {
    return this.palette;
  }

  // Settings

  private change(patch: Partial<DeskSettings>): void {
    if (patch.theme !== undefined) {
      this.settings.theme = patch.theme;
      this.theme.set(patch.theme);
      this.persist({ theme: patch.theme });
    }
    if (patch.fontSize !== undefined) {
      this.settings.fontSize = patch.fontSize;
      this.applyFontSize(patch.fontSize);
      this.persist({ fontSize: patch.fontSize });
    }
    if (patch.autosave !== undefined && this.autosaveToggle) {
      // Through the status bar's checkbox, which main.ts saves and hands to the post session.
      this.autosaveToggle.checked = patch.autosave;
      this.autosaveToggle.dispatchEvent(new Event("change"));
    }
  }

  private applyFontSize(px: number): void {
    document.documentElement.style.setProperty("--editor-font-size", `${px}px`);
    this.host.editorView().requestMeasure();
  }

  private persist(patch: SettingsPatch): void {
    updateSettings(patch).catch((e) => this.host.showError(asAppError(e)));
  }

  private setRecentFolders(folders: string[]): void {
    for (const off of this.unregisterRecent) off();
    this.unregisterRecent = folders
      .filter((dir) => dir !== this.root)
      .slice(0, 8)
      .map((dir, i) =>
        actions.register({
          id: `open-recent-${i + 1}`,
          title: dir,
          menu: "File",
          submenu: "Open recent",
          run: () => this.host.openFolder(dir),
        }),
      );
  }

  // Actions

  private registerActions(): void {
    const host = this.host;
    const postOpen = () => host.currentPath() !== null;
    const editable = () => host.currentPath() !== null && host.editable() && this.panes.isShown("editor");
    const inEditor = (command: StateCommand) => () => {
      const view = host.editorView();
      view.focus();
      command(view);
    };
    const list: Action[] = [
      { id: "open-folder", title: "Open folder…", menu: "File", shortcut: "Mod+O", run: () => host.pickFolder() },
      { id: "save", title: "Save", menu: "File", shortcut: "Mod+S", enabled: postOpen, run: () => void host.save() },
      { id: "close-post", title: "Close post", menu: "File", shortcut: "Mod+W", enabled: postOpen, run: () => this.closePost() },
      { id: "settings", title: "Settings…", menu: "File", shortcut: "Mod+,", run: () => this.settingsDialog.open(this.settings) },
      { id: "find", title: "Find", menu: "Edit", shortcut: "Mod+F", enabled: postOpen, run: () => this.find(false) },
      { id: "replace", title: "Find and replace", menu: "Edit", shortcut: "Mod+H", enabled: editable, run: () => this.find(true) },
      { id: "bold", title: "Bold", menu: "Edit", shortcut: "Mod+B", enabled: editable, run: inEditor(toggleBold) },
      { id: "italic", title: "Italic", menu: "Edit", shortcut: "Mod+I", enabled: editable, run: inEditor(toggleItalic) },
      { id: "link", title: "Link", menu: "Edit", shortcut: "Mod+K", enabled: editable, run: inEditor(toggleLink) },
      { id: "toggle-library", title: "Show or hide the library", menu: "View", shortcut: "Mod+Alt+1", run: () => this.togglePane("library") },
      { id: "toggle-editor", title: "Show or hide the editor", menu: "View", shortcut: "Mod+Alt+2", run: () => this.togglePane("editor") },
      { id: "toggle-preview", title: "Show or hide the preview", menu: "View", shortcut: "Mod+Alt+3", run: () => this.togglePane("preview") },
      { id: "toggle-theme", title: "Switch between light and dark", menu: "View", run: () => this.toggleTheme() },
      { id: "toggle-autosave", title: "Turn autosave on or off", menu: "View", run: () => this.change({ autosave: !this.settings.autosave }) },
      { id: "quick-open", title: "Go to post…", menu: "Go", shortcut: "Mod+P", run: () => this.quickOpen() },
      { id: "command-palette", title: "Command palette…", menu: "Go", shortcut: "Mod+Shift+P", run: () => this.commandPalette() },
      { id: "next-recent", title: "Next recent post", menu: "Go", shortcut: "Mod+Tab", run: () => this.stepRecent(1) },
      { id: "previous-recent", title: "Previous recent post", menu: "Go", shortcut: "Mod+Shift+Tab", run: () => this.stepRecent(-1) },
      { id: "focus-library", title: "Search the library", menu: "Go", shortcut: "Mod+Shift+L", run: () => this.focusLibrary() },
      { id: "show-performance", title: "Show performance", menu: "Help", run: () => this.palette.showText("Performance", performanceReport(metrics)) },
    ];
    for (const action of list) actions.register(action);
  }

  private wireKeyboard(): void {
    window.addEventListener("keydown", (event) => {
      // The editor's own keymap (Ctrl+B in the text, Ctrl+F) has already had its turn.
      if (event.defaultPrevented || event.repeat) return;
      const action = actions.forKey(event, MAC);
      if (!action) return;
      if (EDITOR_KEYS.has(action.id) && isOtherTextField(event.target)) return;
      event.preventDefault();
      void actions.run(action.id).catch((e) => this.host.showError(e));
    });
    window.addEventListener("keyup", (event) => {
      if ((event.key === "Control" || event.key === "Meta") && this.mru.cycling()) this.mru.endCycle();
    });
    window.addEventListener("blur", () => this.mru.endCycle());
  }

  private async closePost(): Promise<void> {
    if (!(await this.host.save())) return;
    this.host.close();
    if (this.root) {
      delete this.lastPosts[this.root];
      this.persist({ lastPost: "" });
    }
  }

  private find(replace: boolean): void {
    if (!this.panes.isShown("editor")) this.panes.toggle("editor");
    const view = this.host.editorView();
    view.focus();
    if (replace) openReplacePanel(view);
    else openSearchPanel(view);
  }

  private togglePane(pane: PaneId): void {
    this.panes.toggle(pane);
  }

  private toggleTheme(): void {
    const dark = document.documentElement.dataset.theme === "dark";
    this.change({ theme: dark ? "light" : "dark" });
  }

  private focusLibrary(): void {
    if (!this.panes.isShown("library")) this.panes.toggle("library");
    const search = document.querySelector<HTMLInputElement>("[data-testid=search-input]");
    search?.focus();
    search?.select();
  }

  private async stepRecent(step: 1 | -1): Promise<void> {
    const path = this.mru.step(this.host.currentPath(), step);
    if (path && path !== this.host.currentPath()) await this.host.open(path);
  }

  private quickOpen(): void {
    const recent = this.mru.list();
    const rank = new Map(recent.map((p, i) => [p, i]));
    const source: PaletteSource = {
      label: "Go to post",
      placeholder: "Type part of a title or path",
      empty: "No post matches.",
      items: () => {
        const posts = [...this.host.posts()];
        // Recent posts first, then the library's order.
        posts.sort((a, b) => (rank.get(a.path) ?? Infinity) - (rank.get(b.path) ?? Infinity));
        return posts.map((p): PaletteItem => ({ id: p.path, label: p.title?.trim() || p.path, detail: p.path }));
      },
      choose: (item) => this.host.open(item.id),
    };
    this.palette.open(source);
  }

  private commandPalette(): void {
    const source: PaletteSource = {
      label: "Command palette",
      placeholder: "Type a command",
      empty: "No command matches.",
      items: () =>
        actions
          .all()
          .filter((a) => a.id !== "command-palette")
          .map(
            (a): PaletteItem => ({
              id: a.id,
              label: a.submenu ? `${a.submenu}: ${a.title}` : a.title,
              detail: a.shortcut ? formatShortcut(a.shortcut, MAC) : undefined,
              keywords: a.menu,
              disabled: !actions.isEnabled(a),
            }),
          ),
      choose: (item) => void actions.run(item.id),
    };
    this.palette.open(source);
  }
}

function isOtherTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest(".cm-editor")) return false;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable;
}
