// The preview frame. Post content is shown in a sandboxed iframe without `allow-scripts`, so
// nothing in a post can run or reach the app's IPC even if it slipped past the Rust filter.
// `allow-same-origin` lets this module (in the app) patch the frame's DOM from outside and read
// its scroll position. The content is a list of blocks (header, then one per top-level Markdown
// block), each in its own element, and updates replace only the blocks that changed
// (`content::render::incremental` in Rust decides which), so a keystroke in a long post
// re-parses and re-lays-out one paragraph, not the page. WebKit runs no event listeners inside a script-less frame, so link clicks
// are not handled here: they become navigations, which the app's navigation guard (Rust) turns
// into "open that post" or "open in the browser".
import type { PreviewPatch } from "./ipc/bindings/PreviewPatch";
import * as profile from "./preview-profile";

const SHELL = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/preview.css"></head>
<body><article class="preview" data-testid="preview-body"></article></body></html>`;

export interface PreviewCallbacks {
  /** The frame was scrolled by the writer: the source line now at its top. */
  scrolledTo(line: number): void;
}

/** How often the frame's scroll position is checked (listeners cannot run inside it). */
const SCROLL_POLL_MS = 120;

export class PreviewFrame {
  private ready: Promise<HTMLElement>;
  private ignoreScrollUntil = 0;
  private lastScrollY = 0;

  constructor(
    private readonly frame: HTMLIFrameElement,
    private readonly callbacks: PreviewCallbacks,
  ) {
    frame.setAttribute("sandbox", "allow-same-origin");
    this.ready = new Promise((resolve) => {
      frame.addEventListener(
        "load",
        () => {
          setInterval(() => this.pollScroll(), SCROLL_POLL_MS);
          resolve(frame.contentDocument!.querySelector<HTMLElement>("[data-testid=preview-body]")!);
        },
        { once: true },
      );
    });
    frame.srcdoc = SHELL;
  }

  /** The generation of the blocks shown; the next render request sends it as its base. */
  generation = 0;

  /** Applies a patch: keep the unchanged blocks at both ends, replace the ones between. */
  async apply(patch: PreviewPatch): Promise<void> {
    profile.applyStarted();
    const body = await this.ready;
    const doc = body.ownerDocument;
    if (patch.full) body.replaceChildren();
    // Walked by sibling links from the ends, never copied into an array: a megabyte post has
    // thousands of blocks, and wrapping each in a JS object cost milliseconds per keystroke.
    const keepPrefix = patch.full ? 0 : patch.keepPrefix;
    const keepSuffix = patch.full ? 0 : patch.keepSuffix;
    let before: Element | null = null;
    if (keepSuffix > 0) {
      before = body.lastElementChild;
      for (let i = 1; i < keepSuffix && before; i++) before = before.previousElementSibling;
    }
    // Nothing to remove when the kept ends meet (or overlap, which a patch never asks for).
    let old =
      keepPrefix + keepSuffix >= body.childElementCount
        ? null
        : keepPrefix === 0
          ? body.firstElementChild
          : body.children[keepPrefix];
    while (old && old !== before) {
      const next = old.nextElementSibling;
      old.remove();
      old = next;
    }
    if (patch.suffixLineShift !== 0) {
      // Lines were added or removed above the kept blocks: move their scroll-sync markers.
      for (let kept = before; kept; kept = kept.nextElementSibling) {
        const marker = kept.querySelector<HTMLElement>(":scope > [data-line]");
        if (marker) marker.dataset.line = String(Number(marker.dataset.line) + patch.suffixLineShift);
      }
    }
    const fragment = doc.createDocumentFragment();
    for (const html of patch.blocks) {
      // Parsed by the frame's own (script-less) document, never by the app's.
      const block = doc.createElement("div");
      block.className = "block";
      block.innerHTML = html;
      fragment.append(block);
    }
    body.insertBefore(fragment, before);
    this.generation = patch.generation;
    profile.applyEnded();
  }

  /** Light or dark, as the app is (preview.css has both). */
  async setTheme(theme: "light" | "dark"): Promise<void> {
    (await this.ready).ownerDocument.documentElement.dataset.theme = theme;
  }

  /** The post's text direction and language (`dir` and `lang` on the post's element, so the
   *  header and body lay out right to left for Hebrew or Arabic; code stays left to right:
   *  preview.css). Without a language, the frame's language is left unsaid. */
  async setDirection(dir: "rtl" | "ltr", lang?: string): Promise<void> {
    const body = await this.ready;
    body.dir = dir;
    if (lang) body.lang = lang;
    else body.removeAttribute("lang");
  }

  async clear(): Promise<void> {
    (await this.ready).replaceChildren();
    this.generation = 0;
  }

  private markers(): HTMLElement[] {
    return [...(this.frame.contentDocument?.querySelectorAll<HTMLElement>("[data-line]") ?? [])];
  }

  /** Scrolls so that source `line` sits at the top, interpolating between block markers. */
  scrollToLine(line: number): void {
    const win = this.frame.contentWindow;
    const markers = this.markers();
    if (!win || markers.length === 0) return;
    let before = markers[0];
    let after: HTMLElement | null = null;
    for (const m of markers) {
      if (Number(m.dataset.line) <= line) before = m;
      else {
        after = m;
        break;
      }
    }
    if (line <= Number(markers[0].dataset.line)) {
      // At the start of the body, show the page header above it too.
      this.ignoreScrollUntil = performance.now() + 2 * SCROLL_POLL_MS;
      win.scrollTo({ top: 0 });
      this.lastScrollY = win.scrollY;
      return;
    }
    const top = (el: HTMLElement) => el.getBoundingClientRect().top + win.scrollY;
    const fromLine = Number(before.dataset.line);
    let y = top(before);
    if (after) {
      const span = Number(after.dataset.line) - fromLine;
      if (span > 0) y += ((top(after) - y) * (line - fromLine)) / span;
    }
    this.ignoreScrollUntil = performance.now() + 2 * SCROLL_POLL_MS;
    win.scrollTo({ top: Math.max(0, y - 16) });
    this.lastScrollY = win.scrollY;
  }

  private pollScroll(): void {
    const y = this.frame.contentWindow?.scrollY ?? 0;
    if (y === this.lastScrollY) return;
    this.lastScrollY = y;
    if (performance.now() < this.ignoreScrollUntil) return;
    const markers = this.markers();
    const win = this.frame.contentWindow;
    if (!win || markers.length === 0) return;
    let line = Number(markers[0].dataset.line);
    for (const m of markers) {
      if (m.getBoundingClientRect().top <= 24) line = Number(m.dataset.line);
      else break;
    }
    this.callbacks.scrolledTo(line);
  }

  /** The text content of the frame, for tests and metrics. */
  async html(): Promise<string> {
    return (await this.ready).innerHTML;
  }
}
