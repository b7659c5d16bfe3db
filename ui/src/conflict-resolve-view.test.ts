// @vitest-environment happy-dom
// The resolve view on fake commands: each hunk with its three choices, the live preview, Apply
// only once every hunk has a choice, and the backend's refusal shown as it was said.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ConflictResolver, resolveStatus } from "./conflict-resolve-view";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import type { ConflictChoice, ConflictView } from "./ipc/bindings/Conflicts";

const view: ConflictView = {
  path: "blog/a.md",
  hash: "h1",
  segments: [
    { kind: "same", text: "Intro.\n" },
    { kind: "conflict", mine: "Mine one.\n", theirs: "Theirs one.\n", base: null, mineLabel: "HEAD", theirsLabel: "origin/main" },
    { kind: "same", text: "Middle.\n" },
    { kind: "conflict", mine: "", theirs: "Added by them.\n", base: null, mineLabel: "HEAD", theirsLabel: "origin/main" },
  ],
};

const doc = { path: "blog/a.md", body: "Intro.\n" } as PostDocument;

let resolve: ReturnType<typeof vi.fn<(path: string, hash: string, choices: ConflictChoice[]) => Promise<PostDocument>>>;
let resolved: PostDocument[];
let resolver: ConflictResolver;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const choose = (index: number, choice: ConflictChoice) => $(`[data-testid=resolve-hunk][data-index="${index}"] [data-testid=resolve-${choice}]`).click();
const apply = () => $<HTMLButtonElement>("[data-testid=resolve-apply]");

beforeEach(async () => {
  document.body.replaceChildren();
  resolve = vi.fn<(path: string, hash: string, choices: ConflictChoice[]) => Promise<PostDocument>>();
  resolved = [];
  resolver = new ConflictResolver({ conflictView: async () => view, resolveConflicts: resolve }, { settle: async () => true, resolved: (d) => resolved.push(d) });
  await resolver.open("blog/a.md");
});

describe("the resolve view", () => {
  it("shows each hunk's sides under their labels, as text", () => {
    const hunks = document.querySelectorAll<HTMLElement>("[data-testid=resolve-hunk]");
    expect(hunks).toHaveLength(2);
    expect(hunks[0].querySelector("[data-testid=resolve-mine-text]")!.textContent).toBe("Mine one.\n");
    expect(hunks[0].querySelector(".mine figcaption")!.textContent).toBe("Mine HEAD");
    expect(hunks[0].querySelector(".theirs figcaption")!.textContent).toBe("Theirs origin/main");
    expect(hunks[1].querySelector("[data-testid=resolve-mine-text]")!.textContent).toBe("(nothing)");
    expect($("[data-testid=resolve-preview]").textContent).toContain("⟨conflict 1: choose Mine, Theirs or Both⟩");
  });

  it("previews the choices live and applies them once every hunk has one", async () => {
    expect(apply().disabled).toBe(true);
    choose(0, "both");
    expect($("[data-testid=resolve-hunk][data-index='0'] [data-testid=resolve-both]").getAttribute("aria-pressed")).toBe("true");
    expect($("[data-testid=resolve-preview]").textContent).toBe("Intro.\nMine one.\nTheirs one.\nMiddle.\n⟨conflict 2: choose Mine, Theirs or Both⟩\n");
    expect(apply().disabled).toBe(true);
    choose(1, "theirs");
    expect($("[data-testid=resolve-preview]").textContent).toBe("Intro.\nMine one.\nTheirs one.\nMiddle.\nAdded by them.\n");
    expect(apply().disabled).toBe(false);
    resolve.mockResolvedValue(doc);
    apply().click();
    await vi.waitFor(() => expect(resolved).toEqual([doc]));
    expect(resolve).toHaveBeenCalledWith("blog/a.md", "h1", ["both", "theirs"]);
    expect(resolver.isOpen).toBe(false);
  });

  it("shows the backend's refusal and keeps the choices", async () => {
    choose(0, "mine");
    choose(1, "mine");
    resolve.mockRejectedValue({ kind: "conflict", message: "blog/a.md changed on disk since the conflicts were read.", path: "blog/a.md" });
    apply().click();
    await vi.waitFor(() => expect($("[data-testid=resolve-error]").textContent).toBe("blog/a.md changed on disk since the conflicts were read."));
    expect(resolver.isOpen).toBe(true);
    expect(apply().disabled).toBe(false);
    expect($(".resolve-report button").textContent).toBe("Read the post again");
  });
});

describe("resolveStatus", () => {
  it("counts what is left", () => {
    expect(resolveStatus(3, 2)).toBe("2 of 3 conflicts left to choose.");
    expect(resolveStatus(2, 0)).toBe("All 2 conflicts have a choice. Apply writes the result.");
    expect(resolveStatus(0, 0)).toBe("No conflicts are left in this post.");
  });
});

describe("the problems panel's row for merge-conflict", () => {
  it("offers Resolve conflicts beside the problem", async () => {
    const { ProblemsPanel } = await import("./problems");
    const { MERGE_CONFLICT_RULE } = await import("./conflict-resolve");
    document.body.innerHTML = `<section><button class="problems-toggle"></button><span id="s"></span><button id="fix-all"></button><ul id="l"></ul></section>`;
    let opened = 0;
    const panel = new ProblemsPanel(document.querySelector("section")!, $("#s"), $("#l"), $<HTMLButtonElement>("#fix-all"), {
      jump: () => undefined,
      fix: () => undefined,
      fixAll: () => undefined,
      extra: (p) => (p.rule === MERGE_CONFLICT_RULE ? { label: "Resolve conflicts", testid: "conflict-resolve-open", run: () => opened++ } : null),
    });
    const problem = (rule: string) => ({ rule, severity: "error" as const, message: rule, start: 0, end: 1, line: 5, column: 1, fix: null });
    panel.show({ problems: [problem("merge-conflict"), problem("title-year")], frontMatterLine: 2, bodyLine: 4 });
    const buttons = document.querySelectorAll<HTMLButtonElement>("[data-testid=conflict-resolve-open]");
    expect(buttons).toHaveLength(1);
    expect(buttons[0].closest<HTMLElement>("[data-testid=problem]")!.dataset.rule).toBe("merge-conflict");
    buttons[0].click();
    expect(opened).toBe(1);
  });
});
