// Light or dark: the writer's choice, or the OS's when the choice is "system". Sets
// `data-theme` on the page's root (desk.css holds the colours) and tells listeners (the preview
// frame) which one is in force. Built by the first script (main.ts), so the saved theme applies
// before the list paints; the preview frame listens once it loads.
import type { Theme } from "./ipc/bindings/Theme";

export function resolveTheme(choice: Theme, osPrefersDark: boolean): "light" | "dark" {
  if (choice === "system") return osPrefersDark ? "dark" : "light";
  return choice;
}

export class ThemeControl {
  private choice: Theme = "system";
  private readonly query = window.matchMedia("(prefers-color-scheme: dark)");

  private onApplied: (theme: "light" | "dark") => void = () => undefined;

  constructor() {
    this.query.addEventListener("change", () => this.apply());
    this.apply();
  }

  /** Tells `onApplied` the theme in force now, and on every change after. */
  listen(onApplied: (theme: "light" | "dark") => void): void {
    this.onApplied = onApplied;
    this.apply();
  }

  get current(): Theme {
    return this.choice;
  }

  set(choice: Theme): void {
    this.choice = choice;
    this.apply();
  }

  private apply(): void {
    const theme = resolveTheme(this.choice, this.query.matches);
    document.documentElement.dataset.theme = theme;
    this.onApplied(theme);
  }
}
