// Where a front-matter image path points, for the form's thumbnail. The same rules and URL
// form as the preview (src-tauri/content/render/urls.rs `resolve_image`): a site path
// (`/images/x.png`) or a post-relative path (`images/x.png`) becomes a `pdasset:` URL served
// from inside the site folder only; https loads as is; anything else, or a path climbing out
// of the folder, gets no thumbnail.

export const ASSET_SCHEME = "pdasset";

function scheme(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\s\x00-\x1f\x7f]/g, "");
  const m = /^([A-Za-z0-9+.-]+):/.exec(compact);
  return m ? m[1].toLowerCase() : null;
}

function joinRelative(baseDir: string, path: string): string | null {
  const parts = baseDir.split("/").filter((p) => p.length > 0);
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function encodePath(path: string): string {
  const bytes = new TextEncoder().encode(path);
  let out = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9/\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** The thumbnail URL for an image path in the post at folder-relative `postPath`, or null. */
export function thumbnailUrl(url: string, postPath: string): string | null {
  const s = scheme(url);
  if (s === "https") return url;
  if (s !== null) return null;
  const path = decodePath(url.trim().split(/[?#]/)[0]);
  if (path === "" || path.startsWith("//") || path.includes("\\")) return null;
  const postDir = postPath.includes("/") ? postPath.slice(0, postPath.lastIndexOf("/")) : "";
  const [kind, resolved] = path.startsWith("/") ? ["site", joinRelative("", path.slice(1))] : ["post", joinRelative(postDir, path)];
  if (!resolved) return null;
  return `${ASSET_SCHEME}://localhost/${kind}/${encodePath(resolved)}`;
}
