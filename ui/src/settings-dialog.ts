// The settings dialog: autosave, theme, the editor's font size, and checking spelling and
// grammar as you type. Each change applies at once and is saved (the caller's `onChange`; the
// spelling and grammar switch is kept by prose-setting.ts, in localStorage); Escape or Close
// dismisses it.
import type { Theme } from "./ipc/bindings/Theme";
import { proseLintEnabled, setProseLintEnabled } from "./prose-setting";

export type DeskSettings = { autosave: boolean; theme: Theme; fontSize: number };

export class SettingsDialog {
  readonly dialog: HTMLDialogElement;
  private readonly autosave: HTMLInputElement;
  private readonly theme: HTMLSelectElement;
  private readonly fontSize: HTMLInputElement;
  private readonly proseLint: HTMLInputElement;

  constructor(onChange: (patch: Partial<DeskSettings>) => void) {
    this.dialog = document.createElement("dialog");
    this.dialog.className = "sheet settings";
    this.dialog.dataset.testid = "settings-dialog";
    this.dialog.setAttribute("aria-labelledby", "settings-title");
    this.dialog.innerHTML = `
      <form method="dialog">
        <h2 id="settings-title">Settings</h2>
        <label class="row">Save automatically after a pause
          <input type="checkbox" name="autosave" data-testid="settings-autosave" /></label>
        <label class="row">Theme
          <select name="theme" data-testid="settings-theme">
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select></label>
        <label class="row">Editor font size (px)
          <input type="number" name="fontSize" min="11" max="28" step="1" data-testid="settings-font-size" /></label>
        <label class="row">Check spelling and grammar as you type
          <input type="checkbox" name="proseLint" data-testid="prose-lint-toggle" /></label>
        <div class="actions"><button type="submit" value="close">Close</button></div>
      </form>`;
    document.body.append(this.dialog);
    const form = this.dialog.querySelector("form")!;
    this.autosave = form.elements.namedItem("autosave") as HTMLInputElement;
    this.theme = form.elements.namedItem("theme") as HTMLSelectElement;
    this.fontSize = form.elements.namedItem("fontSize") as HTMLInputElement;
    this.proseLint = form.elements.namedItem("proseLint") as HTMLInputElement;
    this.proseLint.addEventListener("change", () => setProseLintEnabled(this.proseLint.checked));
    this.autosave.addEventListener("change", () => onChange({ autosave: this.autosave.checked }));
    this.theme.addEventListener("change", () => onChange({ theme: this.theme.value as Theme }));
    this.fontSize.addEventListener("change", () => {
      const size = Math.round(Number(this.fontSize.value));
      if (Number.isFinite(size) && size >= 11 && size <= 28) onChange({ fontSize: size });
    });
  }

  open(current: DeskSettings): void {
    this.autosave.checked = current.autosave;
    this.theme.value = current.theme;
    this.fontSize.value = String(current.fontSize);
    this.proseLint.checked = proseLintEnabled();
    this.dialog.showModal();
    this.autosave.focus();
  }
}
