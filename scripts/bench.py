#!/usr/bin/env python3
"""Prints Postdesk's benchmark table (the README's Performance section), every figure measured
in this run on this machine:

1. `tauri build --bundles deb`: the shipped binary and package, and their sizes.
2. `cargo bench --bench core`: index (split + read) and render throughput against serde_yaml
   and raw pulldown-cmark, and save latency (criterion's estimates).
3. Whole-process `postdesk list` over 10,000 generated posts against `examples/bare_list`,
   alternating, median of 7 each.
4. The real app under Xvfb, driven by WebKitWebDriver (the end-to-end harness, pointed at the
   shipped binary): start-up from exec (median of 10), idle memory, keystroke-to-preview and
   external-change-to-UI latency. The tests print `BENCH` lines that are collected here.

Run it through scripts/bench.sh, which installs what is missing first.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
RUNS = os.environ.get("POSTDESK_MEASURE_RUNS", "10")


def step(what):
    print(f"\n== {what}", file=sys.stderr, flush=True)


def run(args, **kw):
    return subprocess.run(args, cwd=ROOT, check=True, **kw)


def mib(n):
    return f"{n / (1 << 20):.1f} MiB"


def criterion(group, bench):
    """Criterion's point estimates for one benchmark: (median ns per iteration, throughput)."""
    base = TARGET / "criterion" / group / bench / "new"
    estimates = json.loads((base / "estimates.json").read_text())
    info = json.loads((base / "benchmark.json").read_text())
    return estimates["median"]["point_estimate"], info.get("throughput")


def per_second(ns, throughput):
    if not throughput:
        return ""
    kind, amount = next(iter(throughput.items()))
    rate = amount / (ns / 1e9)
    return f"{rate / (1 << 20):.0f} MiB/s" if kind == "Bytes" else f"{rate:,.0f} posts/s"


def whole_process_list(folder):
    """Median wall time of `postdesk list` and of the bare parse loop, run alternately."""
    binary = TARGET / "release" / "postdesk"
    bare = TARGET / "release" / "examples" / "bare_list"
    times = {"list": [], "bare": []}
    for _ in range(7):
        for name, argv in (("list", [binary, "list", folder]), ("bare", [bare, folder])):
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    return statistics.median(times["list"]), statistics.median(times["bare"])


def real_app_figures():
    """Runs the measuring end-to-end tests against the shipped binary; returns their BENCH lines."""
    env = dict(os.environ, POSTDESK_BINARY=str(TARGET / "release" / "postdesk"), POSTDESK_MEASURE_RUNS=RUNS)
    figures = {}
    for test in ("e2e::measure", "e2e::window::preview_latency", "e2e::external::an_external_write_shows"):
        out = run(
            ["cargo", "test", "--locked", "--test", "integration", test, "--", "--nocapture", "--test-threads=1"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        for line in out.splitlines():
            if line.startswith("BENCH\t"):
                _, what, value, unit = line.split("\t")
                figures[what] = f"{float(value):,.1f} {unit}".replace(".0 ", " ")
    return figures


def main():
    rows = []

    step("tauri build --bundles deb (release profile: LTO, codegen-units 1, strip)")
    run(["npm", "--prefix", "ui", "exec", "--", "tauri", "build", "--bundles", "deb"])
    binary = TARGET / "release" / "postdesk"
    debs = sorted((TARGET / "release" / "bundle" / "deb").glob("*.deb"), key=lambda p: p.stat().st_mtime)
    rows.append(("release binary `postdesk`", mib(binary.stat().st_size), ""))
    rows.append((f"package `{debs[-1].name}`", mib(debs[-1].stat().st_size), ""))

    step("cargo bench --bench core")
    run(["cargo", "bench", "--locked", "--bench", "core"])
    yaml = next((TARGET / "criterion" / "split_and_read_10k").glob("postdesk_yaml_*")).name
    bare = next((TARGET / "criterion" / "split_and_read_10k").glob("bare_serde_yaml_*")).name
    ours, tp = criterion("split_and_read_10k", yaml)
    theirs, _ = criterion("split_and_read_10k", bare)
    rows.append(("index: split + typed read, YAML posts", per_second(ours, tp), f"bare serde_yaml {per_second(theirs, tp)} ({ours / theirs:.2f}× its time)"))
    ours, tp = criterion("render", "postdesk_render_body_1MB")
    theirs, _ = criterion("render", "raw_pulldown_cmark_1MB")
    rows.append(("render, 1 MB body (sanitised, line markers)", f"{ours / 1e6:.1f} ms, {per_second(ours, tp)}", f"raw pulldown-cmark {theirs / 1e6:.1f} ms ({theirs / ours:.2f}× its throughput)"))
    ours, _ = criterion("save", "save_seed_post_title")
    rows.append(("save: title edit of the seed post, atomic + fsync", f"{ours / 1e6:.2f} ms", ""))

    step("postdesk list over 10,000 generated posts, against a bare parse loop")
    # The same features as `tauri build`, so the library is not built a second time.
    run(["cargo", "build", "--locked", "--release", "--example", "bare_list", "--features", "tauri/custom-protocol"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "posts"
        run([sys.executable, "scripts/gen-posts.py", folder, "10000"], stdout=subprocess.DEVNULL)
        ours, theirs = whole_process_list(folder)
    rows.append(("`postdesk list`, 10,000 posts, whole process", f"{ours * 1000:.0f} ms", f"bare loop {theirs * 1000:.0f} ms ({ours / theirs:.2f}×)"))

    step(f"real app under Xvfb ({RUNS} launches per start-up median)")
    for what, value in real_app_figures().items():
        rows.append((what, value, ""))

    print("\n| measure | Postdesk | baseline |\n|---|---|---|")
    for what, value, baseline in rows:
        print(f"| {what} | {value} | {baseline} |")
    print(f"\nMeasured {time.strftime('%Y-%m-%d')} by `scripts/bench.sh` on {os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
