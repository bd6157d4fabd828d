"""Benchmarks: each cost of dossier against the floor it cannot beat, measured in the same run.

    python tests/bench/run.py [--json OUT] [--runs N]

Not part of the test suite: timings belong in a report, not in assertions that fail on a
busy machine. Every figure is a median over several runs; anything that times a start
runs in a fresh process. Ratios compare dossier with a floor measured the same way, to
the same event, minutes apart, so they hold on a noisy machine where absolute figures
do not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from largest import REPO, make_largest  # noqa: E402

TARGETS: dict[str, tuple[str, float]] = {
    "startup_ratio": ("<=", 1.3),
    "keystroke_ms_p95": ("<=", 16.0),
    "validate_ms": ("<=", 20.0),
    "load_ms": ("<=", 30.0),
    "save_ms": ("<=", 50.0),
    "export_ratio": ("<=", 2.0),
    "peak_rss_mib": ("<=", 120.0),
}


def _child(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{HERE}", "DOSSIER_DATA_DIR": tempfile.mkdtemp()}
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=REPO,
    )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches the way a second save or keystroke finds them
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


# ---------------------------------------------------------------- in-process figures


def bench_core(draft_path: Path, runs: int) -> dict[str, float]:
    """Validation, load and atomic save of the largest draft."""
    from dossier.storage.drafts import read_draft, save_draft
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(draft_path)
    target = draft_path.with_name("save-bench.dossier.json")
    return {
        "validate_ms": _median_ms(lambda: check(loaded.draft, profile, draft_path.parent), runs * 4),
        "load_ms": _median_ms(lambda: read_draft(draft_path), runs * 4),
        "save_ms": _median_ms(lambda: save_draft(loaded.draft, target), runs * 4),
    }


# ---------------------------------------------------------------- fresh-process figures

EXPORT_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from dossier.export import export_docx
from dossier.workspace import check, open_draft
path = Path(sys.argv[1])
loaded, profile = open_draft(path)
report = check(loaded.draft, profile, path.parent)
export_docx(loaded.draft, profile, report, path.with_suffix(".bench.docx"))
print(json.dumps({"s": time.perf_counter() - t0}))
"""

EXPORT_FLOOR_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
import docx
from dossier.storage.drafts import load_draft
from dossier.core.wordcount import paragraphs
path = Path(sys.argv[1])
draft = load_draft(path)
document = docx.Document()
for text in draft.texts().values():
    for paragraph in paragraphs(text):
        document.add_paragraph(paragraph)
document.save(str(path.with_suffix(".floor.docx")))
print(json.dumps({"s": time.perf_counter() - t0}))
"""


def bench_export(draft_path: Path, runs: int) -> dict[str, float]:
    """dossier's Word export against bare python-docx writing the same paragraphs."""
    ours, floor = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        ours.append(_child(EXPORT_CHILD, str(draft_path))["s"])
        floor.append(_child(EXPORT_FLOOR_CHILD, str(draft_path))["s"])
    export_s, floor_s = statistics.median(ours), statistics.median(floor)
    return {"export_s": export_s, "export_floor_s": floor_s, "export_ratio": export_s / floor_s}


# ---------------------------------------------------------------- report


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"


def print_table(results: dict[str, float]) -> None:
    print(f"{'figure':<22}{'value':>12}   target")
    for key, value in results.items():
        if not isinstance(value, float | int):
            continue
        target = TARGETS.get(key)
        if target:
            op, limit = target
            verdict = "ok" if value <= limit else "MISSED"
            note = f"{op} {limit:g}  {verdict}"
        else:
            note = ""
        print(f"{key:<22}{value:>12.3f}   {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--runs", type=int, default=5, help="runs per fresh-process figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        draft = make_largest(Path(folder))
        results: dict[str, float] = {}
        for bench in BENCHES:
            results.update(bench(draft, args.runs))
    print(f"machine: {machine()}")
    print_table(results)
    if args.json:
        payload = {
            **results,
            "machine": machine(),
            "targets": {k: f"{op} {v:g}" for k, (op, v) in TARGETS.items()},
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


BENCHES: list[Callable[[Path, int], dict[str, float]]] = [bench_core, bench_export]

if __name__ == "__main__":
    raise SystemExit(main())
