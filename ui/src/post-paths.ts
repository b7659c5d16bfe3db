// Post paths as the backend names them (folder-relative, `/`-separated), free of the DOM and of
// IPC: a file's stem, its folder, and the names a copy beside it is tried under. The post
// actions (post-actions.ts) and Save a copy (post-session.ts) both name files this way.

/** A post path's file name without its extension. */
export function stemOf(path: string): string {
  const file = path.split("/").pop() ?? path;
  const dot = file.lastIndexOf(".");
  return dot > 0 ? file.slice(0, dot) : file;
}

/** The folder part of a post path ("" at the top). */
export function folderOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at);
}

/** The `n`th name tried for a copy of `path` beside it, as the backend names duplicates:
 *  `notes.md` gives `notes-copy.md`, then `notes-copy-2.md`. */
export function copyPath(path: string, n: number): string {
  const folder = folderOf(path);
  const file = path.slice(folder ? folder.length + 1 : 0);
  const stem = stemOf(path);
  const ext = file.slice(stem.length);
  const name = `${stem}-copy${n < 2 ? "" : `-${n}`}${ext}`;
  return folder ? `${folder}/${name}` : name;
}
