// Git's view of the site as the window shows it, without a DOM: each changed post's state (the
// library rows' badges and the "Changed" filter) and the branch line in the status bar. The
// backend reads git; this module only decides what of it to show.
import type { GitBranch, GitState, GitView } from "./ipc/bindings/Git";

/** The git parts show only when git read the site; otherwise the status bar says why not. */
export function gitAvailable(view: GitView | null | undefined): view is GitView {
  return !!view && view.available;
}

/** Each changed file's state by its path (relative to the site's root, as posts' paths are);
 *  empty when git is unavailable. */
export function gitStates(view: GitView | null | undefined): Map<string, GitState> {
  const states = new Map<string, GitState>();
  if (!gitAvailable(view)) return states;
  for (const file of view.files) states.set(file.path, file.state);
  return states;
}

/** A post's git state, or null when it is unchanged (or git is unavailable). */
export function stateOf(view: GitView | null | undefined, path: string): GitState | null {
  if (!gitAvailable(view)) return null;
  return view.files.find((f) => f.path === path)?.state ?? null;
}

/** The paths git reports changed; empty when git is unavailable. */
export function changedPaths(view: GitView | null | undefined): Set<string> {
  return new Set(gitStates(view).keys());
}

/** "main ↑2 ↓1": the branch, or "detached", with only the non-zero counts. */
export function branchLabel(branch: GitBranch): string {
  const parts = [branch.head ?? "detached"];
  if (branch.ahead > 0) parts.push(`↑${branch.ahead}`);
  if (branch.behind > 0) parts.push(`↓${branch.behind}`);
  return parts.join(" ");
}

/** The branch line's tooltip, in words. */
export function branchTitle(branch: GitBranch): string {
  const head = branch.head === null ? "Detached HEAD" : `Branch ${branch.head}`;
  if (branch.upstream === null) return `${head}, no upstream`;
  const counts: string[] = [];
  if (branch.ahead > 0) counts.push(`${branch.ahead} ${branch.ahead === 1 ? "commit" : "commits"} ahead`);
  if (branch.behind > 0) counts.push(`${branch.behind} behind`);
  return `${head}, tracking ${branch.upstream}${counts.length ? `: ${counts.join(", ")}` : ", up to date"}`;
}

/** What the status bar shows of git: the branch, the reason git is hidden, or nothing (not
 *  read yet). */
export function gitStatus(view: GitView | null | undefined): { branch: string; title: string } | { reason: string } | null {
  if (!view) return null;
  if (view.available) return { branch: branchLabel(view.branch), title: branchTitle(view.branch) };
  return view.reason ? { reason: view.reason } : null;
}
