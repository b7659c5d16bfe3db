// The library's footer line for the files the scan left alone: "3 files skipped", which
// unfolds a short list of each path and why. It draws what skipped-files.ts keeps and nothing
// else. Paths and reasons go in as text, never HTML: a file name is the folder's, not ours.
import type { SkippedFile } from "./ipc/bindings/SkippedFile";
import { SKIPPED_SHOWN, reasonText, skippedMore, skippedSummary } from "./skipped-files";

export class SkippedFilesLine {
  private readonly toggle: HTMLButtonElement;
  private readonly list: HTMLElement;

  /** `root` is the `[data-testid=skipped-files]` element from index.html. */
  constructor(private readonly root: HTMLElement) {
    this.toggle = root.querySelector<HTMLButtonElement>(".skipped-toggle")!;
    this.list = root.querySelector<HTMLElement>(".skipped-list")!;
    // Folded by default: the line is news, not something to read on every start.
    this.toggle.addEventListener("click", () => this.expand(this.list.hidden));
    root.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || this.list.hidden) return;
      event.stopPropagation();
      this.expand(false);
      this.toggle.focus();
    });
  }

  show(files: readonly SkippedFile[]): void {
    // A clean folder says nothing at all.
    this.root.hidden = files.length === 0;
    this.toggle.textContent = skippedSummary(files);
    const items = files.slice(0, SKIPPED_SHOWN).map((file) => item(file));
    const more = skippedMore(files.length);
    if (more !== null) {
      const li = document.createElement("li");
      li.className = "skipped-more";
      li.textContent = more;
      items.push(li);
    }
    this.list.replaceChildren(...items);
    if (files.length === 0) this.expand(false);
  }

  expand(open: boolean): void {
    this.list.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
  }
}

function item(file: SkippedFile): HTMLElement {
  const li = document.createElement("li");
  li.className = "skipped-file";
  li.dataset.testid = "skipped-file";
  li.dataset.path = file.path;
  li.title = `${file.path}: ${file.reason}`;
  const path = document.createElement("span");
  path.className = "skipped-path";
  path.textContent = file.path;
  const reason = document.createElement("span");
  reason.className = "skipped-reason";
  reason.textContent = reasonText(file.reason);
  li.append(path, reason);
  return li;
}
