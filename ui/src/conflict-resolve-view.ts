// The resolve view for a post that git left with merge-conflict markers: each conflict hunk with
// mine and theirs side by side (stacked when the window is narrow), as plain text under their
// labels, three choices per hunk (Mine, Theirs, Both), a live preview of the whole result, and
// Apply once every hunk has a choice. The choices and the text they make are
// conflict-resolve.ts; the backend writes the result, and only if the file still has the hash
// the view was read at. This module never writes the post itself, never renders the post's text
// as HTML, and never applies a choice the writer did not make.
import { Resolution, type ConflictHunk } from "./conflict-resolve";
import type { AppError } from "./ipc/bindings/AppError";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import { asAppError } from "./ipc/errors";
import type { ConflictChoice, ConflictView } from "./ipc/bindings/Conflicts";

export interface ResolveCommands {
  conflictView(path: string): Promise<ConflictView>;
  resolveConflicts(path: string, hash: string, choices: ConflictChoice[]): Promise<PostDocument>;
}

export interface ResolveHost {
  /** Saves the open post first, so the view shows what the writer sees; false if it could not. */
  settle(): Promise<boolean>;
  /** The resolved post was written: `doc` is it, as on disk now. */
  resolved(doc: PostDocument): void;
}

const CHOICES: Array<{ choice: ConflictChoice; label: string; title: string }> = [
  { choice: "mine", label: "Mine", title: "Keep my side of this conflict" },
  { choice: "theirs", label: "Theirs", title: "Keep their side of this conflict" },
  { choice: "both", label: "Both", title: "Keep both: mine, then theirs" },
];

/** "2 conflicts left", "All 3 conflicts have a choice". */
export function resolveStatus(total: number, open: number): string {
  if (total === 0) return "No conflicts are left in this post.";
  if (open === 0) return total === 1 ? "The conflict has a choice. Apply writes the result." : `All ${total} conflicts have a choice. Apply writes the result.`;
  return `${open} of ${total} ${total === 1 ? "conflict" : "conflicts"} left to choose.`;
}

export class ConflictResolver {
  readonly dialog: HTMLDialogElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly hunks: HTMLElement;
  private readonly preview: HTMLElement;
  private readonly report: HTMLElement;
  private readonly apply: HTMLButtonElement;
  private resolution: Resolution | null = null;
  private path: string | null = null;
  private busy = false;
  private generation = 0;

  constructor(
    private readonly commands: ResolveCommands,
    private readonly host: ResolveHost,
    root: Document = document,
  ) {
    const dialog = root.createElement("dialog");
    dialog.className = "action-dialog resolve-dialog";
    dialog.dataset.testid = "conflict-resolve";
    dialog.setAttribute("aria-labelledby", "resolve-title");
    dialog.innerHTML = `
      <form method="dialog">
        <h2 id="resolve-title">Resolve conflicts</h2>
        <p class="dialog-note">Where both sides changed the same lines, keep yours, theirs, or both. Nothing is written until you apply.</p>
        <p class="resolve-status" aria-live="polite"></p>
        <div class="resolve-body">
          <ol class="resolve-hunks" aria-label="Conflicts"></ol>
          <section class="resolve-result" aria-label="Result">
            <h3>Result</h3>
            <pre class="resolve-preview" data-testid="resolve-preview" tabindex="0"></pre>
          </section>
        </div>
        <div class="resolve-report" role="alert" hidden></div>
        <div class="dialog-buttons">
          <button type="button" class="resolve-cancel">Cancel</button>
          <button type="submit" class="primary" data-testid="resolve-apply" disabled>Apply</button>
        </div>
      </form>`;
    root.body.append(dialog);
    this.dialog = dialog;
    const $ = <T extends HTMLElement>(selector: string) => dialog.querySelector<T>(selector)!;
    this.title = $("#resolve-title");
    this.status = $(".resolve-status");
    this.hunks = $(".resolve-hunks");
    this.preview = $("[data-testid=resolve-preview]");
    this.report = $(".resolve-report");
    this.apply = $("[data-testid=resolve-apply]");
    this.hunks.addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>("button[data-choice]");
      const hunk = button?.closest<HTMLElement>("[data-testid=resolve-hunk]");
      if (!button || !hunk || !this.resolution || this.busy) return;
      this.resolution.choose(Number(hunk.dataset.index), button.dataset.choice as ConflictChoice);
      this.update();
    });
    $(".resolve-cancel").addEventListener("click", () => dialog.close());
    $("form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.applyChoices();
    });
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  /** Opens the view on `path`'s conflicts as the file is now (the open post saved first). */
  async open(path: string): Promise<void> {
    const generation = ++this.generation;
    this.path = path;
    this.resolution = null;
    this.busy = false;
    this.title.textContent = `Resolve conflicts in ${path.split("/").pop() ?? path}`;
    this.title.title = path;
    this.hunks.replaceChildren();
    this.preview.textContent = "";
    this.hideReport();
    this.status.textContent = "Reading the conflicts…";
    this.update();
    if (!this.dialog.open) this.dialog.showModal();
    if (!(await this.host.settle())) {
      if (generation === this.generation) this.status.textContent = "The post could not be saved first, so its conflicts cannot be resolved yet. See the notice above the editor.";
      return;
    }
    let view: ConflictView;
    try {
      view = await this.commands.conflictView(path);
    } catch (e) {
      if (generation === this.generation) this.showError(asAppError(e));
      return;
    }
    if (generation !== this.generation) return;
    this.show(view);
  }

  private show(view: ConflictView): void {
    const resolution = new Resolution(view);
    this.resolution = resolution;
    this.hunks.replaceChildren(...resolution.hunks.map((hunk, index) => this.hunk(hunk, index, resolution.hunks.length)));
    this.update();
    this.hunks.querySelector<HTMLButtonElement>("button[data-choice]")?.focus();
  }

  private hunk(hunk: ConflictHunk, index: number, total: number): HTMLElement {
    const li = document.createElement("li");
    li.className = "resolve-hunk";
    li.dataset.testid = "resolve-hunk";
    li.dataset.index = String(index);
    const head = document.createElement("div");
    head.className = "resolve-hunk-head";
    head.textContent = total > 1 ? `Conflict ${index + 1} of ${total}` : "Conflict";
    const sides = document.createElement("div");
    sides.className = "resolve-sides";
    sides.append(side("mine", "Mine", hunk.mineLabel, hunk.mine), side("theirs", "Theirs", hunk.theirsLabel, hunk.theirs));
    const choices = document.createElement("div");
    choices.className = "resolve-choices";
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-label", `Keep, for conflict ${index + 1}`);
    for (const { choice, label, title } of CHOICES) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "quiet";
      button.dataset.testid = `resolve-${choice}`;
      button.dataset.choice = choice;
      button.textContent = label;
      button.title = title;
      button.setAttribute("aria-pressed", "false");
      choices.append(button);
    }
    li.append(head, sides, choices);
    return li;
  }

  /** The choices' pressed states, the preview, the status line and Apply. */
  private update(): void {
    const resolution = this.resolution;
    for (const hunk of this.hunks.querySelectorAll<HTMLElement>("[data-testid=resolve-hunk]")) {
      const chosen = resolution?.choiceOf(Number(hunk.dataset.index)) ?? null;
      if (chosen) hunk.dataset.choice = chosen;
      else delete hunk.dataset.choice;
      for (const button of hunk.querySelectorAll<HTMLButtonElement>("button[data-choice]")) {
        button.setAttribute("aria-pressed", String(button.dataset.choice === chosen));
        button.disabled = this.busy;
      }
    }
    if (resolution) {
      this.status.textContent = this.busy ? "Writing the post…" : resolveStatus(resolution.hunks.length, resolution.open());
      this.drawPreview(resolution);
    }
    this.apply.disabled = this.busy || !resolution?.complete();
  }

  private drawPreview(resolution: Resolution): void {
    this.preview.replaceChildren(
      ...resolution.pieces().map((piece) => {
        if (piece.kind === "same") return document.createTextNode(piece.text);
        const el = document.createElement("span");
        el.dataset.index = String(piece.index);
        if (piece.kind === "chosen") {
          el.className = "resolve-chosen";
          el.textContent = piece.text;
        } else {
          el.className = "resolve-open";
          el.textContent = `⟨conflict ${piece.index + 1}: choose Mine, Theirs or Both⟩\n`;
        }
        return el;
      }),
    );
  }

  private async applyChoices(): Promise<void> {
    const resolution = this.resolution;
    const choices = resolution?.final();
    if (!resolution || !choices || this.busy) return;
    this.busy = true;
    this.hideReport();
    this.update();
    try {
      const doc = await this.commands.resolveConflicts(resolution.view.path, resolution.view.hash, choices);
      this.busy = false;
      this.dialog.close();
      this.host.resolved(doc);
    } catch (e) {
      this.busy = false;
      this.showError(asAppError(e));
      this.update();
    }
  }

  /** What the backend said, as it said it; a file changed since the view was read can be read
   *  again (the choices start over: the hunks may be different now). */
  private showError(error: AppError): void {
    const pre = document.createElement("pre");
    pre.className = "resolve-error";
    pre.dataset.testid = "resolve-error";
    pre.textContent = error.message;
    this.report.replaceChildren(pre);
    if (error.kind === "conflict" && this.path !== null) {
      const again = document.createElement("button");
      again.type = "button";
      again.className = "quiet";
      again.textContent = "Read the post again";
      const path = this.path;
      again.addEventListener("click", () => void this.open(path));
      this.report.append(again);
    }
    this.report.hidden = false;
    if (!this.resolution) this.status.textContent = "";
  }

  private hideReport(): void {
    this.report.hidden = true;
    this.report.replaceChildren();
  }
}

function side(kind: "mine" | "theirs", name: string, label: string, text: string): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = `resolve-side ${kind}`;
  const caption = document.createElement("figcaption");
  const strong = document.createElement("span");
  strong.className = "resolve-side-name";
  strong.textContent = name;
  caption.append(strong);
  if (label) {
    const ref = document.createElement("span");
    ref.className = "resolve-side-label";
    ref.textContent = label;
    caption.append(" ", ref);
  }
  const pre = document.createElement("pre");
  pre.dataset.testid = `resolve-${kind}-text`;
  if (text === "") {
    pre.className = "resolve-nothing";
    pre.textContent = "(nothing)";
  } else {
    pre.textContent = text;
  }
  figure.append(caption, pre);
  return figure;
}
