// The History dialog: the open post's commits, newest first, on the left; the chosen one's text,
// read-only, on the right, with "Compare with yours" and "Restore this version". Keyboard first:
// arrows move through the list (the version follows after a short pause), Escape closes. It
// owns the dialog's DOM and its questions to the backend (`git_history`, `git_version`), and
// remembers the commit last chosen for the post so reopening lands there. It never changes the
// buffer itself: Compare and Restore go back to app.ts through `HistoryHost`. Text only.
import type { GitCommit, GitVersion } from "./ipc/bindings/Git";
import { moveSelection } from "./palette-model";
import { emptyHistoryMessage, historyEntry, versionHeading } from "./git-history";

/** Arrowing through the list loads the version under the selection after this pause. */
export const VERSION_IDLE_MS = 150;

export interface HistoryHost {
  history(path: string): Promise<GitCommit[]>;
  version(path: string, hash: string): Promise<GitVersion>;
  /** Shows the buffer against `commit` (the dialog has closed). */
  compare(commit: GitCommit): void;
  /** Puts `version` on the open buffer as an edit (the dialog has closed). */
  restore(version: GitVersion, commit: GitCommit): void;
  /** Whether the open post can take an edit (not read-only). */
  editable(): boolean;
}

let uid = 0;

export class HistoryDialog {
  readonly dialog: HTMLDialogElement;
  private readonly pathLabel: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly message: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly compareButton: HTMLButtonElement;
  private readonly restoreButton: HTMLButtonElement;
  private readonly text: HTMLPreElement;
  private readonly idBase = `history-${++uid}`;
  private path: string | null = null;
  private commits: GitCommit[] = [];
  private selected = -1;
  private version: GitVersion | null = null;
  private listSeq = 0;
  private versionSeq = 0;
  private versionTimer: ReturnType<typeof setTimeout> | undefined;
  /** The commit last chosen, per post, so reopening lands on it. */
  private lastChosen: { path: string; hash: string } | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly host: HistoryHost) {
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string) => {
      const e = document.createElement(tag);
      e.className = className;
      return e;
    };
    this.dialog = el("dialog", "sheet history-dialog");
    this.dialog.dataset.testid = "history-dialog";
    this.dialog.setAttribute("aria-labelledby", `${this.idBase}-title`);

    const head = el("header", "history-head");
    const title = el("h2", "history-title");
    title.id = `${this.idBase}-title`;
    title.textContent = "History";
    this.pathLabel = el("span", "history-path");
    const close = el("button", "quiet history-close");
    close.type = "button";
    close.dataset.testid = "history-close";
    close.textContent = "×";
    close.title = "Close (Esc)";
    close.setAttribute("aria-label", "Close the history");
    close.addEventListener("click", () => this.close());
    head.append(title, this.pathLabel, close);

    const side = el("div", "history-side");
    this.list = el("ul", "history-list");
    this.list.dataset.testid = "history-list";
    this.list.id = `${this.idBase}-list`;
    this.list.tabIndex = 0;
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Commits, newest first");
    this.message = el("p", "history-message");
    this.message.setAttribute("role", "status");
    side.append(this.list, this.message);

    const pane = el("section", "history-pane");
    pane.setAttribute("aria-label", "The chosen version");
    const bar = el("div", "history-bar");
    this.heading = el("span", "history-heading");
    this.compareButton = el("button", "quiet");
    this.compareButton.type = "button";
    this.compareButton.dataset.testid = "history-compare";
    this.compareButton.textContent = "Compare with yours";
    this.compareButton.title = "Show how your text differs from this version";
    this.compareButton.addEventListener("click", () => this.compareChosen());
    this.restoreButton = el("button", "quiet primary");
    this.restoreButton.type = "button";
    this.restoreButton.dataset.testid = "history-restore";
    this.restoreButton.textContent = "Restore this version";
    this.restoreButton.title = "Put this version in the editor as an edit you can undo; nothing is saved until you save";
    this.restoreButton.addEventListener("click", () => this.restoreChosen());
    bar.append(this.heading, this.compareButton, this.restoreButton);
    this.text = el("pre", "history-version");
    this.text.dataset.testid = "history-version";
    this.text.tabIndex = 0;
    this.text.setAttribute("aria-readonly", "true");
    this.text.setAttribute("aria-label", "The version's text, read-only");
    pane.append(bar, this.text);

    const body = el("div", "history-body");
    body.append(side, pane);
    this.dialog.append(head, body);
    document.body.append(this.dialog);

    this.list.addEventListener("keydown", (event) => this.onKey(event));
    this.list.addEventListener("click", (event) => {
      const li = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
      if (li) this.select(Number(li.dataset.index), 0);
    });
    this.dialog.addEventListener("close", () => {
      this.listSeq++;
      this.versionSeq++;
      clearTimeout(this.versionTimer);
      this.returnFocus?.focus();
      this.returnFocus = null;
    });
    this.dialog.addEventListener("click", (event) => {
      if (event.target === this.dialog) this.close(); // the backdrop
    });
    this.showVersion(null);
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  /** The post the dialog shows, while open. */
  get shownPath(): string | null {
    return this.dialog.open ? this.path : null;
  }

  /** Opens on `path`'s history, on the commit last chosen for it, else the newest. */
  async open(path: string): Promise<void> {
    if (!this.dialog.open) {
      this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.dialog.showModal();
    }
    this.path = path;
    this.pathLabel.textContent = path;
    this.pathLabel.title = path;
    this.commits = [];
    this.selected = -1;
    this.list.replaceChildren();
    this.list.removeAttribute("aria-activedescendant");
    this.showVersion(null);
    this.setMessage("Reading the history…");
    this.list.focus();
    const seq = ++this.listSeq;
    let commits: GitCommit[];
    try {
      commits = await this.host.history(path);
    } catch (e) {
      if (seq === this.listSeq) this.setMessage(errorText(e, "The history could not be read."));
      return;
    }
    if (seq !== this.listSeq) return;
    this.commits = commits;
    this.drawList();
    if (commits.length === 0) {
      this.setMessage(emptyHistoryMessage());
      return;
    }
    this.setMessage("");
    const last = this.lastChosen?.path === path ? commits.findIndex((c) => c.hash === this.lastChosen!.hash) : -1;
    this.select(Math.max(0, last), 0);
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private setMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === "";
  }

  private drawList(): void {
    const now = new Date();
    const path = this.path ?? "";
    this.list.replaceChildren(
      ...this.commits.map((commit, index) => {
        const entry = historyEntry(commit, path, now);
        const li = document.createElement("li");
        li.className = "history-entry";
        li.id = `${this.idBase}-${index}`;
        li.dataset.testid = "history-entry";
        li.dataset.hash = commit.hash;
        li.dataset.index = String(index);
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.title = entry.title;
        const subject = document.createElement("span");
        subject.className = "history-subject";
        subject.textContent = entry.subject;
        const meta = document.createElement("span");
        meta.className = "history-meta";
        meta.textContent = entry.meta;
        li.append(subject, meta);
        if (entry.renamed) {
          const renamed = document.createElement("span");
          renamed.className = "history-renamed";
          renamed.textContent = entry.renamed;
          li.append(renamed);
        }
        return li;
      }),
    );
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === "Enter" && this.selected >= 0) {
      event.preventDefault();
      this.loadVersion(this.selected);
      this.text.focus();
      return;
    }
    const next = moveSelection(this.selected, this.commits.length, event.key);
    if (next === this.selected) return;
    event.preventDefault();
    this.select(next, VERSION_IDLE_MS);
  }

  /** Selects entry `index`; its version loads after `delay` (arrowing past entries skips them). */
  private select(index: number, delay: number): void {
    const commit = this.commits[index];
    if (!commit || !this.path) return;
    const previous = this.list.children[this.selected];
    previous?.setAttribute("aria-selected", "false");
    this.selected = index;
    const li = this.list.children[index] as HTMLElement | undefined;
    li?.setAttribute("aria-selected", "true");
    li?.scrollIntoView?.({ block: "nearest" });
    if (li) this.list.setAttribute("aria-activedescendant", li.id);
    this.lastChosen = { path: this.path, hash: commit.hash };
    this.heading.textContent = versionHeading(commit);
    this.compareButton.disabled = false;
    this.restoreButton.disabled = true;
    clearTimeout(this.versionTimer);
    if (this.version?.hash === commit.hash) {
      this.showVersion(this.version);
      return;
    }
    this.text.textContent = "";
    this.text.setAttribute("aria-busy", "true");
    if (delay === 0) this.loadVersion(index);
    else this.versionTimer = setTimeout(() => this.loadVersion(index), delay);
  }

  private loadVersion(index: number): void {
    clearTimeout(this.versionTimer);
    const commit = this.commits[index];
    if (!commit || (this.version?.hash === commit.hash && !this.text.hasAttribute("aria-busy"))) return;
    const seq = ++this.versionSeq;
    this.host.version(commit.path, commit.hash).then(
      (version) => {
        if (seq === this.versionSeq && this.commits[this.selected] === commit) this.showVersion(version);
      },
      (e) => {
        if (seq !== this.versionSeq) return;
        this.text.removeAttribute("aria-busy");
        this.text.textContent = errorText(e, "This version could not be read.");
      },
    );
  }

  private showVersion(version: GitVersion | null): void {
    this.version = version;
    this.text.removeAttribute("aria-busy");
    this.text.textContent = version?.text ?? "";
    this.text.scrollTop = 0;
    this.restoreButton.disabled = version === null || !this.host.editable();
    if (version === null) {
      this.compareButton.disabled = this.selected < 0;
      if (this.selected < 0) this.heading.textContent = "";
    }
  }

  private compareChosen(): void {
    const commit = this.commits[this.selected];
    if (!commit) return;
    this.returnFocus = null;
    this.close();
    this.host.compare(commit);
  }

  private restoreChosen(): void {
    const commit = this.commits[this.selected];
    const version = this.version;
    if (!commit || !version || version.hash !== commit.hash || !this.host.editable()) return;
    this.returnFocus = null;
    this.close();
    this.host.restore(version, commit);
  }
}

function errorText(e: unknown, fallback: string): string {
  if (e && typeof e === "object" && "message" in e && typeof (e as { message: unknown }).message === "string") return (e as { message: string }).message;
  return fallback;
}
