// The library list: every post in the folder, newest first, with a search box. It renders from
// a map of summaries that the watcher's deltas keep current.
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { PostSummary } from "./ipc/bindings/PostSummary";

export class LibraryList {
  private posts = new Map<string, PostSummary>();
  private query = "";
  private activePath: string | null = null;

  constructor(
    private readonly list: HTMLElement,
    search: HTMLInputElement,
    private readonly onOpen: (path: string) => void,
  ) {
    search.addEventListener("input", () => {
      this.query = search.value.trim().toLowerCase();
      this.render();
    });
    list.addEventListener("click", (event) => {
      const item = (event.target as HTMLElement).closest<HTMLElement>("[data-testid=post-item]");
      if (item?.dataset.path) this.onOpen(item.dataset.path);
    });
  }

  replaceAll(posts: PostSummary[]): void {
    this.posts = new Map(posts.map((p) => [p.path, p]));
    this.render();
  }

  apply(delta: LibraryDelta): void {
    for (const path of delta.removed) this.posts.delete(path);
    for (const post of delta.upserted) this.posts.set(post.path, post);
    this.render();
  }

  upsert(post: PostSummary): void {
    this.posts.set(post.path, post);
    this.render();
  }

  has(path: string): boolean {
    return this.posts.has(path);
  }

  setActive(path: string | null): void {
    this.activePath = path;
    for (const el of this.list.querySelectorAll<HTMLElement>("[data-testid=post-item]")) {
      el.classList.toggle("active", el.dataset.path === path);
    }
  }

  private visible(): PostSummary[] {
    const q = this.query;
    const matches = [...this.posts.values()].filter(
      (p) => !q || (p.title ?? "").toLowerCase().includes(q) || p.path.toLowerCase().includes(q),
    );
    // Newest first; undated posts last, then by path so the order is stable.
    return matches.sort((a, b) => (b.date ?? "").localeCompare(a.date ?? "") || a.path.localeCompare(b.path));
  }

  render(): void {
    const fragment = document.createDocumentFragment();
    for (const post of this.visible()) {
      const item = document.createElement("li");
      item.dataset.testid = "post-item";
      item.dataset.path = post.path;
      item.className = "post-item" + (post.path === this.activePath ? " active" : "");
      item.tabIndex = 0;
      const title = document.createElement("div");
      title.className = "post-title";
      title.textContent = post.title ?? post.path;
      const meta = document.createElement("div");
      meta.className = "post-meta";
      const date = document.createElement("span");
      date.textContent = (post.date ?? "no date").slice(0, 10);
      meta.append(date);
      if (post.draft) {
        const draft = document.createElement("span");
        draft.className = "badge draft";
        draft.dataset.testid = "draft-marker";
        draft.textContent = "Draft";
        meta.append(draft);
      }
      if (post.errors > 0) {
        const err = document.createElement("span");
        err.className = "badge error";
        err.textContent = `${post.errors} error${post.errors > 1 ? "s" : ""}`;
        meta.append(err);
      }
      item.append(title, meta);
      fragment.append(item);
    }
    this.list.replaceChildren(fragment);
  }
}
