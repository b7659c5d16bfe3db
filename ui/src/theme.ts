// Light or dark: the writer's choice, or the OS's when the choice is "system". Sets
// `data-theme` on the page's root (desk.css holds the colours) and tells listeners (the preview
// frame) which one is in force.
import type { Theme } from "./ipc/bindings/Theme";

export function resolveTheme(choice: Theme, osPrefersDark: boolean): "light" | "dark" {
  if (choice === "system") return osPrefersDark ? "dark" : "light";
  return choice;
}

export class ThemeControl {
  private choice: Theme = "system";
  private readonly query = window.matchMedia("(prefers-color-scheme: dark)");

  constructor(private readonly onApplied: (theme: "light" | "dark") => void) {
    this.query.addEventListener("change", () => this.apply());
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
