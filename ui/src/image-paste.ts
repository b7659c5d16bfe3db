// Pasting or dropping an image into the body editor: the file is copied into the site's static
// folder by the backend (`import_image`, which checks it is an image and not too big), and a
// Markdown image link goes in at the cursor (or where it was dropped), with the cursor left in
// the alt text's brackets so the writer can describe the picture. Text pastes and drops are
// left to CodeMirror.
import type { EditorState, TransactionSpec } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { Extension } from "@codemirror/state";
import { asAppError, importImage } from "./ipc/commands";
import type { AppError } from "./ipc/bindings/AppError";

/** The backend's limit too (content::image::MAX_IMAGE_BYTES); checked here to fail fast. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|svg|avif)$/i;

export interface ImagePasteHost {
  /** The open post's folder-relative path, or null. */
  postPath(): string | null;
  notice(error: AppError): void;
}

/** Base64 of `bytes`, in chunks (one String.fromCharCode call per 32 KiB, not per byte). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** A clock stamp for a nameless image: `20250102-103000`. */
export function stampOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

export function isImageFile(file: { type: string; name: string }): boolean {
  return file.type.startsWith("image/") || IMAGE_EXTENSIONS.test(file.name);
}

/** The image files a paste or drop carries (none for plain text). */
export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = Array.from(data.files ?? []);
  if (files.length === 0) {
    for (const item of Array.from(data.items ?? [])) {
      const file = item.kind === "file" ? item.getAsFile() : null;
      if (file) files.push(file);
    }
  }
  return files.filter(isImageFile);
}

/** The transaction that puts image links over `from`..`to`, one per line, with the cursor in
 *  the first link's alt-text brackets. Positions past the end are clamped. */
export function imageInsertion(state: EditorState, from: number, to: number, links: string[]): TransactionSpec {
  const end = state.doc.length;
  const a = Math.max(0, Math.min(from, end));
  const b = Math.max(a, Math.min(to, end));
  const insert = links.map((link) => `![](${link})`).join("\n");
  return { changes: { from: a, to: b, insert }, selection: { anchor: a + 2 }, userEvent: "input.paste", scrollIntoView: true };
}

async function importAll(view: EditorView, files: File[], from: number, to: number, host: ImagePasteHost): Promise<void> {
  const path = host.postPath();
  if (!path) return;
  const before = view.state.doc;
  const links: string[] = [];
  for (const file of files) {
    try {
      if (file.size > MAX_IMAGE_BYTES) {
        const mb = (file.size / 1048576).toFixed(1);
        throw { kind: "refused", message: `${file.name || "The image"} is ${mb} MB; images up to 20 MB can be pasted, make it smaller first.`, path: file.name || null };
      }
      const data = toBase64(new Uint8Array(await file.arrayBuffer()));
      const imported = await importImage({ postPath: path, name: file.name || null, data, stamp: stampOf(new Date()) });
      links.push(imported.link);
    } catch (e) {
      host.notice(asAppError(e));
    }
  }
  // The writer may have moved on: another post gets nothing, a changed text gets the links at
  // the cursor rather than at a stale position.
  if (links.length === 0 || host.postPath() !== path) return;
  const head = view.state.selection.main;
  const [a, b] = view.state.doc === before ? [from, to] : [head.from, head.to];
  view.dispatch(imageInsertion(view.state, a, b, links));
  view.focus();
}

/** The CodeMirror extension: add it to the body editor's extensions. */
export function imagePaste(host: ImagePasteHost): Extension {
  return EditorView.domEventHandlers({
    paste(event, view) {
      const files = imageFiles(event.clipboardData);
      if (files.length === 0 || view.state.readOnly) return false;
      event.preventDefault();
      const { from, to } = view.state.selection.main;
      void importAll(view, files, from, to, host);
      return true;
    },
    drop(event, view) {
      const files = imageFiles(event.dataTransfer);
      if (files.length === 0 || view.state.readOnly) return false;
      event.preventDefault();
      const at = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
      void importAll(view, files, at, at, host);
      return true;
    },
  });
}
