// The one module that calls Tauri's `invoke`. Every command the backend offers has a typed
// wrapper here, and failures arrive as `AppError` ({kind, message, path}) so callers can branch
// on `kind` (a conflict is not an I/O error; errors.ts reads them).
import { invoke } from "@tauri-apps/api/core";
import type { Library } from "./bindings/Library";
import type { Startup } from "./bindings/Startup";
import type { PostDocument } from "./bindings/PostDocument";
import type { BodyUpdate } from "./bindings/BodyUpdate";
import type { PreviewReply } from "./bindings/PreviewReply";
import * as profile from "../preview-profile";
import type { SaveRequest } from "./bindings/SaveRequest";
import type { SavedPost } from "./bindings/SavedPost";
import type { ExternalChange } from "./bindings/ExternalChange";
import type { JournalEntry } from "./bindings/JournalEntry";
import type { Settings } from "./bindings/Settings";
import type { SettingsPatch } from "./bindings/SettingsPatch";
import type { Schema } from "./bindings/Schema";
import type { FixOutcome } from "./bindings/FixOutcome";
import type { ExportSummary } from "./bindings/ExportSummary";
import type { PostProblems } from "./bindings/PostProblems";
import type { ProblemRef } from "./bindings/ProblemRef";
import type { NewPostRequest } from "./bindings/NewPostRequest";
import type { RenameRequest } from "./bindings/RenameRequest";
import type { ImageImport } from "./bindings/ImageImport";
import type { ImportedImage } from "./bindings/ImportedImage";
import type { FrontMatterKind } from "./bindings/FrontMatterKind";
import type { SourceCheck } from "./bindings/SourceCheck";
import type { ComponentUse } from "./bindings/ComponentUse";
import type { CommitOutcome, CommitPlan, CommitRequest, SyncOutcome } from "./bindings/Git";
import type { ConflictChoice, ConflictView } from "./bindings/Conflicts";
import type { GitCommit, GitCompare, GitVersion, LineChange } from "./bindings/Git";
import type { ProseLints, ProseRequest } from "./bindings/Prose";
import type { BulkReport, BulkRequest, UndoReport } from "./bindings/Bulk";
import type { TableRows } from "./bindings/Table";

export { asAppError, isAppError } from "./errors";

export const openStartupFolder = () => invoke<Startup>("open_startup_folder");
export const openFolder = (dir: string) => invoke<Library>("open_folder", { dir });
export const pickFolder = () => invoke<Library | null>("pick_folder");
export const openPost = (path: string) => invoke<PostDocument>("open_post", { path });
export const savePost = (request: SaveRequest) => invoke<SavedPost>("save_post", { request });
export const renderPreview = (path: string, frontMatter: Record<string, unknown>, body: BodyUpdate, base: number) => {
  if (!profile.profiling()) return invoke<PreviewReply>("render_preview", { path, frontMatter, body, base });
  profile.sent();
  return invoke<PreviewReply>("render_preview", { path, frontMatter, body, base }).then((reply) => {
    profile.replied(reply.bodyVersion);
    return reply;
  });
};
/** What a change on disk means for the buffer described by `request` (merge, overlap, gone). */
export const externalChange = (request: SaveRequest) => invoke<ExternalChange>("external_change", { request });
/** Writes the buffer back as a new file after its post was deleted on disk. */
export const recreatePost = (request: SaveRequest) => invoke<PostDocument>("recreate_post", { request });
export const journalWrite = (entry: JournalEntry) => invoke<void>("journal_write", { entry });
export const journalClear = (path: string) => invoke<void>("journal_clear", { path });
export const recoveryEntries = () => invoke<JournalEntry[]>("recovery_entries");
/** The post as the text a recovered entry was based on (kept by the backend for the 3-way merge
 *  with the post as it is now); null when the entry predates base texts. */
export const recoveryBase = (path: string) => invoke<PostDocument | null>("recovery_base", { path });
export const getSettings = () => invoke<Settings>("get_settings");
export const setAutosave = (on: boolean) => invoke<Settings>("set_autosave", { on });
/** The open folder's inferred schema: each key's type and presence, known tags and categories. */
/** The schema of `path`'s collection (the whole site's when null). */
export const getSchema = (path: string | null) => invoke<Schema>("get_schema", { path });
/** The open post's problems, as its buffer stands. */
export const checkPost = (request: SaveRequest) => invoke<PostProblems>("check_post", { request });
/** Fixes one problem (or, with null, everything safe) in the saved post. */
export const fixPost = (path: string, baseHash: string, problem: ProblemRef | null) =>
  invoke<FixOutcome>("fix_post", { path, baseHash, problem });
/** Puts back the text from before a fix. */
export const undoFix = (path: string, currentHash: string, beforeHash: string) =>
  invoke<PostDocument>("undo_fix", { path, currentHash, beforeHash });
/** The native folder chooser for an export destination; null when cancelled. */
export const pickExportFolder = () => invoke<string | null>("pick_export_folder");
/** Exports the open folder's finished posts (as `postdesk export`). */
export const exportFolder = (out: string, drafts: boolean, fix: boolean, renameSlug: boolean, overwrite: boolean) =>
  invoke<ExportSummary>("export_folder", { out, drafts, fix, renameSlug, overwrite });
/** Creates a post from the folder's template; the reply is the new post, opened. */
export const newPost = (request: NewPostRequest) => invoke<PostDocument>("new_post", { request });
/** Renames a saved post's file (and its `slug` key if asked); refuses if the name is taken. */
export const renamePost = (request: RenameRequest) => invoke<PostDocument>("rename_post", { request });
/** Copies a post beside itself as "<name>-copy", a draft titled "… (copy)". */
export const duplicatePost = (path: string) => invoke<PostDocument>("duplicate_post", { path });
/** Writes the post's translation into `lang` (same front matter, empty body) beside the site's
 *  other posts in that language; refuses when it exists. The reply is the new post. */
export const newTranslation = (args: { path: string; lang: string }) => invoke<PostDocument>("new_translation", args);
/** The components the `.mdx` posts of `path`'s collection use, most used first, with the
 *  import line that brings each in and its usual props (the Insert component picker). */
export const componentsFor = (path: string) => invoke<ComponentUse[]>("components_for", { path });
/** Moves a post to the system trash; refuses (the file stays) when there is no trash. */
export const trashPost = (path: string) => invoke<void>("trash_post", { path });
/** Copies image bytes (base64) into the site's static folder; the reply has the link to insert. */
export const importImage = (request: ImageImport) => invoke<ImportedImage>("import_image", { request });
/** Checks the raw front-matter editor's text as front matter of `kind` (lines in that text). */
export const checkFrontMatter = (kind: FrontMatterKind, source: string) =>
  invoke<SourceCheck>("check_front_matter", { kind, source });
/** Changes the settings the patch names (theme, font size, layout, the open post) for good. */
export const updateSettings = (patch: SettingsPatch) => invoke<Settings>("update_settings", { patch });
/** Keeps the window's current size for the next start. */
export const rememberWindowSize = () => invoke<void>("remember_window_size");

// ---- Diff and history (issue 18) ----
/** The buffer (as save_post would take it) against `rev`, HEAD when null: a unified diff whose
 *  "-" lines are the version's and "+" lines the buffer's. */
export const gitCompare = (request: SaveRequest, rev: string | null) => invoke<GitCompare>("git_compare", { request, rev });
/** The body's lines (as the editor holds them) added, modified or deleted since HEAD. */
export const gitLineChanges = (path: string, body: string) => invoke<LineChange[]>("git_line_changes", { path, body });
/** The post's commits, newest first (renames followed; at most 200). */
export const gitHistory = (path: string) => invoke<GitCommit[]>("git_history", { path });
/** The post as it was at `hash` (`path` is its path then), with the edits that restore it. */
export const gitVersion = (path: string, hash: string) => invoke<GitVersion>("git_version", { path, hash });

// ---- Commit, push, pull and merge conflicts (issue 18) ----
/** The changed posts (with their problem counts) and changed images, for the Commit dialog. */
export const commitPlan = () => invoke<CommitPlan>("commit_plan");
/** Commits the paths with the message; "blocked" when a post has errors and no override.
 *  Git's own refusals (a hook, no identity, nothing to commit) are AppError kind "git". */
export const gitCommit = (request: CommitRequest) => invoke<CommitOutcome>("git_commit", { request });
/** Pushes the branch; `git-progress` events report while it runs. */
export const gitPush = () => invoke<SyncOutcome>("git_push");
/** Pulls (fast-forward only unless the repository says otherwise); `git-progress` events report. */
export const gitPull = () => invoke<SyncOutcome>("git_pull");
/** The post's text split into agreed text and conflict hunks, with the hash it was read at. */
export const conflictView = (path: string) => invoke<ConflictView>("conflict_view", { path });
/** Writes the post with one choice per conflict hunk, if it still has `hash`; the reply is the
 *  post as written. */
export const resolveConflicts = (path: string, hash: string, choices: ConflictChoice[]) =>
  invoke<PostDocument>("resolve_conflicts", { path, hash, choices });

// ---- Spelling and grammar (issue 19) ----
/** The buffer's spelling and grammar lints (body, title, description), at UTF-16 offsets in
 *  the text sent; all empty for a post that is not English. */
export const proseLints = (request: ProseRequest) => invoke<ProseLints>("prose_lints", { request });
/** Adds a word to the site's dictionary (`postdesk.toml` `[prose] words`); later lints know it. */
export const addToDictionary = (word: string) => invoke<void>("add_to_dictionary", { word });

// ---- The table and bulk edits (issue 20) ----
/** Every indexed post's values for `keys` (dotted for nested ones), or only those of `paths`,
 *  from the index: no file is read. `values[i]` is the value of `keys[i]`, null where the post
 *  lacks it. */
export const tableRows = (keys: string[], paths: string[] | null = null) => invoke<TableRows>("table_rows", { keys, paths });
/** One operation over many posts, each the lossless edit `postdesk set` makes, written
 *  atomically; `bulk-progress` events report while it runs. */
export const bulkEdit = (request: BulkRequest) => invoke<BulkReport>("bulk_edit", { request });
/** Every safe fix of each post's checks, as one batch (undone like any batch). */
export const bulkFix = (paths: string[]) => invoke<BulkReport>("bulk_fix", { paths });
/** Stops the running batch after the file it is writing. */
export const bulkCancel = () => invoke<void>("bulk_cancel");
/** Puts back each file of the batch that still holds what the batch wrote. */
export const bulkUndo = (batch: number) => invoke<UndoReport>("bulk_undo", { batch });
