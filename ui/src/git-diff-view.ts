// The Compare panel over the open post: the buffer against the last commit (or one chosen in
// the history) as a unified diff, coloured by side like the conflict banner's diff, with a
// legend and a close button. While it is open it follows the writer's edits after a pause, and
// git's own changes (a commit moves HEAD). It owns the panel's DOM and when it asks
// `git_compare`; git-diff.ts decides what the answer says. Text only: never innerHTML.
import type { GitCompare } from "./ipc/bindings/Git";
import type { SaveRequest } from "./ipc/bindings/SaveRequest";
import { compareSummary } from "./git-diff";

/** The diff follows the buffer this long after typing stops (it is a whole-file diff). */
export const COMPARE_IDLE_MS = 600;

export interface CompareHost {
  /** The open buffer as save_post would take it, or null when no post is open. */
  request(): SaveRequest | null;
  compare(request: SaveRequest, rev: string | null): Promise<GitCompare>;
  /** A failure the writer should see (the first answer only; a refresh fails quietly). */
  error(e: unknown): void;
  /** Where the focus goes when the panel closes from the keyboard. */
  focusBack(): void;
}

export class ComparePanel {
  private readonly heading: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly lines: HTMLPreElement;
  /** The revision shown (null: HEAD) and the post it was asked for, while open. */
  private shown: { rev: string | null; path: string } | null = null;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: CompareHost,
    private readonly toggle: HTMLButtonElement | null = null,
  ) {
    const head = document.createElement("header");
    head.className = "git-diff-head";
    this.heading = document.createElement("span");
    this.heading.className = "git-diff-heading";
    this.counts = document.createElement("span");
    this.counts.className = "git-diff-counts";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "quiet git-diff-close";
    close.dataset.testid = "git-diff-close";
    close.textContent = "×";
    close.title = "Close the comparison (Esc)";
    close.setAttribute("aria-label", "Close the comparison");
    close.addEventListener("click", () => this.close());
    head.append(this.heading, this.counts, close);
    this.legend = document.createElement("p");
    this.legend.className = "git-diff-legend";
    this.lines = document.createElement("pre");
    this.lines.className = "diff";
    this.lines.tabIndex = 0;
    this.lines.setAttribute("aria-label", "Differences: lines starting with minus are in the commit, plus are yours");
    root.replaceChildren(head, this.legend, this.lines);
    root.hidden = true;
    root.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      this.close();
      host.focusBack();
    });
  }

  get isOpen(): boolean {
    return this.shown !== null;
  }

  /** The revision shown, while open (null: HEAD). */
  get rev(): string | null | undefined {
    return this.shown?.rev;
  }

  /** Compares the buffer with `rev` (null: HEAD) and shows the diff. */
  async open(rev: string | null): Promise<void> {
    const request = this.host.request();
    if (!request) return;
    clearTimeout(this.timer);
    const seq = ++this.seq;
    this.toggle?.setAttribute("aria-busy", "true");
    try {
      const compare = await this.host.compare(request, rev);
      if (seq !== this.seq || this.host.request()?.path !== request.path) return;
      this.shown = { rev, path: request.path };
      this.draw(compare);
    } catch (e) {
      if (seq === this.seq) this.host.error(e);
    } finally {
      if (seq === this.seq) this.toggle?.removeAttribute("aria-busy");
    }
  }

  /** Opens on HEAD, or closes when HEAD is shown. */
  toggleHead(): void {
    if (this.shown?.rev === null) this.close();
    else void this.open(null);
  }

  close(): void {
    this.seq++;
    clearTimeout(this.timer);
    this.shown = null;
    this.root.hidden = true;
    this.toggle?.setAttribute("aria-expanded", "false");
    this.toggle?.removeAttribute("aria-busy");
  }

  /** The buffer changed: the diff follows once typing pauses. Cheap when closed. */
  edited(): void {
    if (!this.shown) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), COMPARE_IDLE_MS);
  }

  /** Git's view changed (a commit, a checkout): the same question may have a new answer. */
  gitChanged(): void {
    this.edited();
  }

  /** Another post is shown (or none): the diff was about the last one. */
  postShown(path: string | null): void {
    if (this.shown && this.shown.path !== path) this.close();
  }

  /** The post was renamed: the panel stays with it. */
  postRenamed(to: string): void {
    if (this.shown) this.shown = { ...this.shown, path: to };
  }

  private async refresh(): Promise<void> {
    const shown = this.shown;
    const request = this.host.request();
    if (!shown || !request || request.path !== shown.path) return;
    const seq = ++this.seq;
    try {
      const compare = await this.host.compare(request, shown.rev);
      if (seq === this.seq && this.shown === shown) this.draw(compare);
    } catch {
      // The last answer stays; the next pause asks again.
    }
  }

  private draw(compare: GitCompare): void {
    const summary = compareSummary(compare);
    this.heading.textContent = summary.heading;
    this.counts.textContent = summary.counts;
    this.legend.textContent = summary.legend;
    this.lines.hidden = summary.lines.length === 0;
    this.lines.replaceChildren(
      ...summary.lines.map((line) => {
        const el = document.createElement("span");
        if (line.kind !== "same") el.className = line.kind;
        el.textContent = line.text + "\n";
        return el;
      }),
    );
    this.root.dataset.rev = compare.rev;
    this.root.hidden = false;
    this.toggle?.setAttribute("aria-expanded", String(this.shown?.rev === null));
  }
}
