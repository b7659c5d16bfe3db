// The commit message the Commit dialog suggests for the files the writer ticked: the posts'
// titles by what happened to them ("Add: A, B; Update: C"), or "Add images" / "Update images"
// when only images go. It owns this one rule so the dialog and its tests agree on it; it is
// pure (no DOM, no IPC) and never decides what is committed, only what the message says.
import type { CommitFile, GitState } from "./ipc/bindings/Git";

/** What the rule reads of each ticked file. */
export type MessageFile = Pick<CommitFile, "path" | "state" | "kind" | "title">;

/** Past this many titles of one kind, the kind is counted and cut: "Update 5 posts: A, B, C, …". */
export const TITLES_SHOWN = 3;

type Verb = "Add" | "Update" | "Remove";

/** New posts are added, deleted ones removed; anything else (modified, staged, renamed, a
 *  resolved conflict) is an update. */
function verbOf(state: GitState): Verb {
  if (state === "new") return "Add";
  if (state === "deleted") return "Remove";
  return "Update";
}

/** The post's title, else its file name without the extension ("hello-world"). */
export function titleOf(file: Pick<MessageFile, "path" | "title">): string {
  const title = file.title?.replace(/\s+/g, " ").trim();
  if (title) return title;
  const name = file.path.split("/").pop() ?? file.path;
  return name.replace(/\.[^.]+$/, "") || name;
}

/** The suggested message for the ticked files, in their order; empty when nothing is ticked. */
export function commitMessage(files: readonly MessageFile[]): string {
  const posts = files.filter((f) => f.kind === "post");
  if (posts.length === 0) {
    const images = files.filter((f) => f.kind === "image");
    if (images.length === 0) return "";
    if (images.every((f) => f.state === "new")) return "Add images";
    if (images.every((f) => f.state === "deleted")) return "Remove images";
    return "Update images";
  }
  const groups = new Map<Verb, string[]>([
    ["Add", []],
    ["Update", []],
    ["Remove", []],
  ]);
  for (const post of posts) groups.get(verbOf(post.state))!.push(titleOf(post));
  const parts: string[] = [];
  for (const [verb, titles] of groups) {
    if (titles.length === 0) continue;
    if (titles.length > TITLES_SHOWN) {
      parts.push(`${verb} ${titles.length} posts: ${titles.slice(0, TITLES_SHOWN).join(", ")}, …`);
    } else {
      parts.push(`${verb}: ${titles.join(", ")}`);
    }
  }
  return parts.join("; ");
}
