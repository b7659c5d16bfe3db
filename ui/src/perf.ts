// "Show performance": the app's own latency samples (window.postdeskMetrics) as p50/p95 per
// list. Pure.
import type { PostdeskMetrics } from "./metrics";

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round((sorted.length - 1) * p)))];
}

/** One line per sample list: name, count, p50 and p95 in ms ("no samples yet" when empty). */
export function performanceReport(metrics: PostdeskMetrics): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(metrics)) {
    if (!Array.isArray(value)) continue;
    const sorted = [...value].sort((a, b) => a - b);
    const label = name.padEnd(20);
    lines.push(
      sorted.length === 0
        ? `${label} no samples yet`
        : `${label} p50 ${percentile(sorted, 0.5).toFixed(1).padStart(7)} ms   p95 ${percentile(sorted, 0.95).toFixed(1).padStart(7)} ms   (${sorted.length})`,
    );
  }
  return lines.join("\n");
}
