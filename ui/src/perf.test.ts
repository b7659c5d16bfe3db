import { expect, test } from "vitest";
import { percentile, performanceReport } from "./perf";
import type { PostdeskMetrics } from "./metrics";

test("percentiles of a sorted list", () => {
  const xs = Array.from({ length: 101 }, (_, i) => i);
  expect(percentile(xs, 0.5)).toBe(50);
  expect(percentile(xs, 0.95)).toBe(95);
  expect(percentile([], 0.5)).toBeNaN();
});

test("a line per list, empty lists said so, timestamps left out", () => {
  const metrics: PostdeskMetrics = {
    inputToPreview: [9, 7, 8, 30],
    inputToPreviewDom: [],
    previewRoundTrip: [],
    previewQueued: [],
    externalChangeToUi: [],
    openToPreview: [],
    tableOpenToPaint: [],
    tableRender: [],
    listPaintedAtMs: 123,
    indexedAtMs: null,
  };
  const report = performanceReport(metrics).split("\n");
  expect(report).toHaveLength(8);
  expect(report[0]).toMatch(/^inputToPreview\s+p50\s+9\.0 ms\s+p95\s+30\.0 ms\s+\(4\)$/);
  expect(report[1]).toMatch(/inputToPreviewDom\s+no samples yet/);
});
