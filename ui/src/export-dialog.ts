// The Export dialog: a destination (typed, or chosen with the native picker), the export
// options, and the report of what was written, skipped and why. Files in the destination that
// are newer than their post are never replaced unless the writer says so after seeing them.
import { asAppError, exportFolder, pickExportFolder } from "./ipc/commands";
import type { ExportSummary } from "./ipc/bindings/ExportSummary";

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** The report as plain lines (rendered as text, never HTML). */
export function reportText(summary: ExportSummary): string {
  const lines = [
    `${summary.written.length} file${summary.written.length === 1 ? "" : "s"} written to ${summary.out}` +
      (summary.unchanged ? `, ${summary.unchanged} already up to date` : "") +
      ".",
  ];
  if (summary.refused) lines.push(`${summary.refused} post${summary.refused === 1 ? "" : "s"} left out because of errors (see the problems panel).`);
  for (const skipped of summary.skipped) lines.push(`Skipped ${skipped.path}: ${skipped.reason}`);
  for (const written of summary.written) lines.push(`  ${written}`);
  return lines.join("\n");
}

export function setUpExportDialog(opener: HTMLButtonElement): void {
  const dialog = $<HTMLDialogElement>("#export-dialog");
  const form = $<HTMLFormElement>("#export-form");
  const dest = $<HTMLInputElement>("#export-dest");
  const report = $("[data-testid=export-report]");
  const overwrite = $<HTMLButtonElement>("#export-overwrite");
  const run = $<HTMLButtonElement>("#export-run");

  const exportNow = async (replaceNewer: boolean) => {
    run.disabled = true;
    report.hidden = false;
    report.textContent = "Exporting…";
    try {
      const summary = await exportFolder(
        dest.value.trim(),
        $<HTMLInputElement>("#export-drafts").checked,
        $<HTMLInputElement>("#export-fix").checked,
        $<HTMLInputElement>("#export-slug").checked,
        replaceNewer,
      );
      report.textContent = reportText(summary);
      overwrite.hidden = summary.newer === 0;
      overwrite.textContent = `Overwrite ${summary.newer} newer file${summary.newer === 1 ? "" : "s"}`;
    } catch (e) {
      report.textContent = asAppError(e).message;
    } finally {
      run.disabled = false;
    }
  };

  opener.addEventListener("click", () => {
    report.hidden = true;
    overwrite.hidden = true;
    dialog.showModal();
    dest.focus();
  });
  $<HTMLButtonElement>("#export-choose").addEventListener("click", async () => {
    const picked = await pickExportFolder().catch(() => null);
    if (picked) dest.value = picked;
  });
  $<HTMLButtonElement>("#export-cancel").addEventListener("click", () => dialog.close());
  overwrite.addEventListener("click", () => void exportNow(true));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (dest.value.trim()) void exportNow(false);
  });
}
