"""Benchmarks: each cost of dossier against the floor it cannot beat, measured in the same run.

    python tests/bench/run.py [--json OUT] [--runs N] [--only NAME ...]

Not part of the test suite: timings belong in a report, not in assertions that fail on a
busy machine. Every figure is a median over several runs; anything that times a start
runs in a fresh process (with ``DOSSIER_DATA_DIR`` in a temporary folder, so the user's
recent list is never touched, and compiled bytecode kept in a temporary
``PYTHONPYCACHEPREFIX``, as an installed dossier has it, whatever
``PYTHONDONTWRITEBYTECODE`` says). Ratios compare dossier with a floor measured the same
way, to the same event, interleaved, so they hold on a noisy machine where absolute
figures do not. The load average before and after is printed: a busy machine shows.

What each figure times:

``startup_s`` / ``startup_floor_s``
    A whole fresh process, interpreter start included: the parent reads
    ``time.perf_counter()`` (a system-wide monotonic clock) just before starting
    ``startup_probe.py``, which notes the same clock when its first screen is ready to
    type: a TextArea has the focus and the screen has been refreshed since. For dossier
    that is ``dossier open`` (the real command line, with Textual's terminal replaced by
    its headless driver) on a copy of the complete example, with the cursor in the
    introduction's editor; for the floor, a bare Textual app showing one TextArea with
    the same introduction. One untimed run of each first (disk and bytecode caches), then ``2 * runs``
    of each, alternating. ``startup_ratio`` is the median over those pairs of each pair's
    ratio (the two run back to back), ``startup_ratio_min`` and ``_max`` their spread.
``startup_ms.PHASE`` / ``startup_floor_ms.PHASE``
    Where the start-up's time goes, as milestones in ms from the parent's start (medians):
    ``interpreter`` (the probe's first line runs), ``imports`` (dossier's editor modules, or
    Textual's for the floor), ``read`` (the draft file read and its JSON parsed),
    ``first_paint`` (the ``startup_s`` event) and, for dossier, ``validated`` (pydantic has
    validated the draft, after the first paint). dossier notes its own
    (``dossier.tui.MILESTONES``).
``startup_2mb_s``
    ``dossier open`` to the same event on a draft whose strategy holds 2 MB of text
    (target: the first screen within 1 s); ``startup_2mb_ms.validated`` when it was validated.
``keystroke_ms_p95`` (and ``keystroke_ms_median``)
    In a headless app on the largest draft whose strategy section holds 10,000 words,
    cursor at its end: from handing one Key event to the app's queue (as the terminal
    driver does) until the count and the status show it: the end of the main screen's
    ``show_edit`` (sidebar mark and count, findings, header), which the section editor's
    ``TextArea.Changed`` handler calls after putting the text into the model, recounting
    the changed line and redrawing the count line. In between run the key dispatch, the
    TextArea's insertion and re-wrap, those handlers, and anything Textual runs meanwhile
    on the same thread (a repaint, a garbage collection), as it would in a terminal.
    20 untimed keys, then 200 timed ones (letters and spaces, so the count moves every
    few keys), one every 50 ms after the previous one's repaint: a fast typist, not a
    paste. The p95 of each process, median over ``runs`` processes.
    ``keystroke_paint_ms_p95`` times the same keys until the screen has been refreshed
    after them (Textual paces frames at 60 per second, so this includes a wait of up to
    17 ms by design).
``keystroke_floor_ms_p95``, ``keystroke_floor_paint_ms_p95``
    The same keys, timed the same way, in a bare Textual app with one soft-wrapping
    TextArea holding the same 10,000 words, until the app has handled ``TextArea.Changed``:
    what Textual itself costs. Its processes alternate with dossier's.
``PREFIX_ratio`` (and ``_ratio_min``, ``_ratio_max``, ``_median_ratio``), for every keystroke case
    The processes run in pairs, one of dossier and one of the floor, on the same draft, back
    to back (which goes first alternates): the ratio is the median over the pairs of
    dossier's p95 over the floor's p95 in that pair, so a machine that gets busier or
    quieter during the bench moves both sides of each ratio. ``_ratio_min`` and
    ``_ratio_max`` are the spread of those per-pair ratios (how far one run can be trusted);
    ``_median_ratio`` is the same median for the typical key (each process's median), which
    a stray garbage collection or a neighbour's burst does not move.
``keystroke_zh_ms_p95``, ``keystroke_zh_floor_ms_p95``, ``keystroke_zh_ratio`` (and ``_paint_``)
    The same, typing Chinese characters in the middle of one 2,000-character Chinese
    paragraph (no space: it wraps into many rows) that replaces the complete example's
    strategy, in dossier and in the bare TextArea holding the same text; both ≤ 16 ms to
    the end of the handler, dossier ≤ 1.1 × the floor. 300 timed keys per process (the
    p95 of 200 rests on ten keys), 25 ms apart after each repaint instead of 50.
``keystroke_2mb_ms_p95`` (and ``_floor_``, ``_paint_``)
    The same in the middle of a 2 MB strategy (5 untimed keys, 40 timed, in half as many
    processes), ≤ 50 ms to the end of the handler.
``bilingual_working_key_ms_p95``, ``bilingual_submission_key_ms_p95``
    The same keys, timed the same way, at 120 columns (the two texts side by side), at the
    end of the working text (3,000 Chinese characters) and of the submission text (500
    English words) of the bilingual example's strategy: a key in the submission text also
    records the working paragraphs' hashes. The p95 of each process, median over ``runs``.
``validate_ms``, ``load_ms``, ``save_ms``
    In this process, on the largest draft (every part at its word limit): the full check,
    reading and validating the file, the atomic save. Median after one warm call.
``render_ms``
    In this process: ``render_docx`` of the largest draft into memory (the document
    built, every finding a comment, nothing written), after one warm call. Median of
    ``4 * runs`` calls.
``tables_200_ms``, ``tables_400_ms``, ``tables_growth_ratio``
    In this process: ``render_docx`` of a new draft whose action plan has 200 rows and
    SDG list 50, then 400 and 100, alternating, median of ``4 * runs`` each. The ratio
    is the growth: filling tables row by row doubles the time at most (plus the fixed
    cost of the rest of the document); a cell lookup per cell (``table.cell(i, j)``
    rebuilds the grid each call) makes it about four times.
``history_list_ms``, ``history_open_list_ms``, ``history_get_ms``, ``history_record_ms``, ``history_mib``
    In this process, on a history of the largest draft holding 1,001 versions (the draft,
    then 1,000 saves that each changed one text part, in turn): listing every version on
    an open history, opening the history file (with its integrity check) and listing,
    reading back one whole version, recording one version (the mean over the 1,000, each
    a committed transaction with fsync), and the size of the history file. Medians after
    one warm call.
``export_s`` / ``export_floor_s``
    A fresh process from start to the written .docx, against bare python-docx writing
    the same paragraphs, alternating.
``export_rows_200_ms``, ``export_rows_400_ms``, ``export_rows_growth``
    In this process: the whole export (full check, document, atomic write) of a new draft
    with 200 action-plan rows and 50 SDG rows, then 400 and 100, alternating, median of
    ``2 * runs`` each; the growth is ≤ 2.2 when nothing in it is quadratic.
``peak_rss_mib``
    ``dossier open`` on the largest draft in a fresh headless process that waits for the
    first full check, goes to every entry of the sidebar once, then exits; its peak
    resident memory (``VmHWM``) is read at the very end. Median over ``runs`` processes.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))  # this checkout's dossier, not an installed one

from largest import (  # noqa: E402
    EXAMPLE,
    REPO,
    chinese_paragraph,
    make_largest,
    make_with_text,
    megabytes_of_text,
)

PROBE = HERE / "startup_probe.py"
PYCACHE: Path | None = None
"""Where the children keep their bytecode (set by :func:`main`): not in the checkout."""

TARGETS: dict[str, tuple[str, float]] = {
    "startup_ratio": ("<=", 1.3),
    "keystroke_ms_p95": ("<=", 16.0),
    "bilingual_working_key_ms_p95": ("<=", 16.0),
    "bilingual_submission_key_ms_p95": ("<=", 16.0),
    "validate_ms": ("<=", 20.0),
    "load_ms": ("<=", 30.0),
    "save_ms": ("<=", 50.0),
    "export_ratio": ("<=", 2.0),
    "render_ms": ("<=", 600.0),
    "tables_growth_ratio": ("<=", 2.5),
    "export_rows_growth": ("<=", 2.2),
    "keystroke_zh_ms_p95": ("<=", 16.0),
    "keystroke_zh_floor_ms_p95": ("<=", 16.0),
    "keystroke_zh_ratio": ("<=", 1.1),
    "keystroke_2mb_ms_p95": ("<=", 50.0),
    "startup_2mb_s": ("<=", 1.0),
    "peak_rss_mib": ("<=", 120.0),
    "history_list_ms": ("<=", 100.0),
    "history_open_list_ms": ("<=", 100.0),
    "history_mib": ("<=", 20.0),
}

KEYS_WARM = 20
KEYS_TIMED = 200
KEY_INTERVAL = 0.05
TYPED = " the studios along the lake shore open their doors to residents every spring"
LONG_PART = "strategy"


def _python(*argv: str) -> dict[str, Any]:
    """Run a fresh interpreter on ``argv``; it prints one JSON object as its last line."""
    with tempfile.TemporaryDirectory(prefix="dossier-bench-data-") as data:
        env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{HERE}", "DOSSIER_DATA_DIR": data}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed dossier has its bytecode compiled
        if PYCACHE is not None:
            env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        out = subprocess.run(
            [sys.executable, *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            cwd=REPO,
        )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _child(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    return _python("-c", textwrap.dedent(code), *args)


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches the way a second save or keystroke finds them
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


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


def _with_tables(initiatives: int, goals: int) -> tuple[Any, Any, Any]:
    """A new draft with ``initiatives`` action-plan rows and ``goals`` SDG rows, checked."""
    from dossier.core.model import Initiative, SdgTarget
    from dossier.core.profiles import load_profile
    from dossier.workspace import check, new_dossier

    profile = load_profile("uccn-2027")
    draft = new_dossier(city="Big", country="Table", field="design", profile=profile)
    draft.sections.contribution.initiatives = [
        Initiative(title=f"Initiative {i}", partners="Partners", budget=i, currency=("USD", "EUR")[i % 2])
        for i in range(initiatives)
    ]
    draft.sections.sdg_goals.targets = [
        SdgTarget(goal=1 + i % 17, outcome=f"Outcome {i}") for i in range(goals)
    ]
    return draft, profile, check(draft, profile, None)


def bench_render(draft_path: Path, runs: int) -> dict[str, float]:
    """The Word document built in memory: the largest draft, and how long tables grow."""
    from dossier.export import render_docx
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(draft_path)
    report = check(loaded.draft, profile, draft_path.parent)
    render_ms = _median_ms(lambda: render_docx(loaded.draft, profile, report), runs * 4)
    small, large = _with_tables(200, 50), _with_tables(400, 100)
    for case in (small, large):  # untimed: warm
        render_docx(*case)
    times: dict[int, list[float]] = {200: [], 400: []}
    for n in range(runs * 4):  # interleaved, alternating which goes first
        for rows, case in ((200, small), (400, large)) if n % 2 == 0 else ((400, large), (200, small)):
            start = time.perf_counter()
            render_docx(*case)
            times[rows].append((time.perf_counter() - start) * 1000)
    small_ms, large_ms = statistics.median(times[200]), statistics.median(times[400])
    return {
        "render_ms": render_ms,
        "tables_200_ms": small_ms,
        "tables_400_ms": large_ms,
        "tables_growth_ratio": large_ms / small_ms,
    }


HISTORY_VERSIONS = 1000


def bench_history(draft_path: Path, runs: int) -> dict[str, float]:
    """1,000 versions of the largest draft, one part changed in each: listing, reading, size."""
    from dossier.core.form import TEXT_PARTS
    from dossier.storage.drafts import load_draft, touch
    from dossier.storage.history import History, history_path

    folder = draft_path.parent / "history-bench"
    folder.mkdir()
    path = folder / draft_path.name
    shutil.copyfile(draft_path, path)
    draft = load_draft(path)
    history = History.open(path)
    history.record(draft)
    started = time.perf_counter()
    for n in range(HISTORY_VERSIONS):
        draft.part(TEXT_PARTS[n % len(TEXT_PARTS)]).text += f" change{n}"
        touch(draft)
        history.record(draft)
    record_ms = (time.perf_counter() - started) * 1000 / HISTORY_VERSIONS
    history.close()

    def open_and_list() -> None:
        with History.open(path) as fresh:
            fresh.versions()

    with History.open(path) as opened:
        results = {
            "history_list_ms": _median_ms(opened.versions, runs * 4),
            "history_open_list_ms": _median_ms(open_and_list, runs * 4),
            "history_get_ms": _median_ms(lambda: opened.get(HISTORY_VERSIONS // 2), runs * 4),
            "history_record_ms": record_ms,
        }
    results["history_mib"] = history_path(path).stat().st_size / 2**20
    return results


# ---------------------------------------------------------------- fresh-process figures


PHASES = ("interpreter", "imports", "read", "first_paint", "validated")
"""The start-up's milestones, in order (see ``startup_probe.py``)."""


def _startup(kind: str, path: Path) -> tuple[float, dict[str, float]]:
    """Seconds to "ready to type", and each milestone the child noted, in ms from the start."""
    start = time.perf_counter()
    out = _python(str(PROBE), kind, str(path))
    marks = {name: (at - start) * 1000 for name, at in out["marks"].items()}
    return out["ready"] - start, marks


def bench_startup(draft_path: Path, runs: int) -> dict[str, float]:
    """``dossier open`` on the complete example against a bare TextArea app, to the same event;
    then ``dossier open`` on a draft with a 2 MB section."""
    example = shutil.copy(EXAMPLE, draft_path.parent / EXAMPLE.name)  # its lock file goes there
    path = Path(example)
    for kind in ("dossier", "bare"):  # untimed: fill the disk and bytecode caches
        _startup(kind, path)
    ours, floor = [], []
    marks: dict[str, list[dict[str, float]]] = {"dossier": [], "bare": []}
    for i in range(2 * runs):  # interleaved, alternating which goes first
        for kind in ("dossier", "bare") if i % 2 == 0 else ("bare", "dossier"):
            seconds, noted = _startup(kind, path)
            (ours if kind == "dossier" else floor).append(seconds)
            marks[kind].append(noted)
    startup_s, floor_s = statistics.median(ours), statistics.median(floor)
    ratios = [mine / bare for mine, bare in zip(ours, floor, strict=True)]  # each pair back to back
    results = {
        "startup_s": startup_s,
        "startup_floor_s": floor_s,
        "startup_ratio": statistics.median(ratios),
        "startup_ratio_min": min(ratios),
        "startup_ratio_max": max(ratios),
    }
    for kind, prefix in (("dossier", "startup_ms"), ("bare", "startup_floor_ms")):
        for phase in PHASES:
            values = [m[phase] for m in marks[kind] if phase in m]
            if values:
                results[f"{prefix}.{phase}"] = statistics.median(values)
    big = draft_path.parent / "big"
    big.mkdir()
    big_path = make_with_text(big, LONG_PART, megabytes_of_text(BIG_BYTES), "two-mb")
    _startup("dossier", big_path)  # untimed: the disk cache
    big_runs = [_startup("dossier", big_path) for _ in range(max(1, runs // 2))]
    results["startup_2mb_s"] = statistics.median(seconds for seconds, _ in big_runs)
    validated = [m["validated"] for _, m in big_runs if "validated" in m]
    if validated:
        results["startup_2mb_ms.validated"] = statistics.median(validated)
    return results


KEYSTROKE_CHILD = """
import sys
from run import keystroke_child
keystroke_child(sys.argv[1], sys.argv[2], sys.argv[3])
"""

ZH_CHARS = 2000
"""The Chinese paragraph of ``keystroke_zh``: one line of this many characters, no space."""
ZH_TYPED = "创意城市网络设计之都，可持续发展目标。"
ZH_KEYS = (KEYS_WARM, 300)
"""Untimed and timed keys in the Chinese paragraph: its ratio is the one closest to its target."""
ZH_INTERVAL = 0.025
"""Seconds between a repaint and the next key there: half the pace of the others, so the
half as many keys again fit in about the same time (a repaint of the bare TextArea takes
about 100 ms on a busy machine)."""
BIG_BYTES = 2 * 2**20
"""The section of ``keystroke_2mb`` and ``startup_2mb_s``."""
BIG_KEYS = (5, 40)
"""Untimed and timed keys in the 2 MB section (each may be slow: fewer of them)."""


@dataclasses.dataclass(frozen=True)
class KeyCase:
    """One keystroke benchmark: the draft, where the cursor goes, what is typed."""

    prefix: str
    """The figures' names: ``PREFIX_ms_p95``, ``PREFIX_floor_ms_p95``…"""
    make: Callable[[Path], Path]
    middle: bool
    """The cursor in the middle of the part's middle line (else at the end of the text)."""
    typed: str
    keys: tuple[int, int] = (KEYS_WARM, KEYS_TIMED)
    interval: float = KEY_INTERVAL
    """Seconds between a key's repaint and the next key."""


KEY_CASES: dict[str, KeyCase] = {
    "latin": KeyCase("keystroke", lambda f: make_largest(f, long_part=LONG_PART), False, TYPED),
    "zh": KeyCase(
        "keystroke_zh",
        lambda f: make_with_text(f, LONG_PART, chinese_paragraph(ZH_CHARS), "zh-paragraph"),
        True,
        ZH_TYPED,
        ZH_KEYS,
        ZH_INTERVAL,
    ),
    "2mb": KeyCase(
        "keystroke_2mb",
        lambda f: make_with_text(f, LONG_PART, megabytes_of_text(BIG_BYTES), "two-mb"),
        True,
        TYPED,
        BIG_KEYS,
    ),
}


def _bench_keys(case: KeyCase, draft_path: Path, runs: int) -> dict[str, float]:
    times: dict[str, list[dict[str, list[float]]]] = {"dossier": [], "bare": []}
    for n in range(runs):
        folder = draft_path.parent / f"keys-{case.prefix}-{n}"  # a fresh lock, no recovery copy
        folder.mkdir()
        path = case.make(folder)
        for kind in ("dossier", "bare") if n % 2 == 0 else ("bare", "dossier"):
            name = next(k for k, c in KEY_CASES.items() if c is case)
            times[kind].append(_child(KEYSTROKE_CHILD, kind, str(path), name))

    def median_of(kind: str, key: str, stat: Callable[[list[float]], float]) -> float:
        return statistics.median(stat(run[key]) for run in times[kind])

    def pair_ratios(stat: Callable[[list[float]], float]) -> list[float]:
        """dossier's figure over the floor's, for each pair of processes run one after the other."""
        return [
            stat(ours["handled_ms"]) / stat(floor["handled_ms"])
            for ours, floor in zip(times["dossier"], times["bare"], strict=True)
        ]

    p = case.prefix
    ratios = pair_ratios(_p95)
    return {
        f"{p}_ms_median": median_of("dossier", "handled_ms", statistics.median),
        f"{p}_floor_ms_median": median_of("bare", "handled_ms", statistics.median),
        f"{p}_ms_p95": median_of("dossier", "handled_ms", _p95),
        f"{p}_floor_ms_p95": median_of("bare", "handled_ms", _p95),
        f"{p}_ratio": statistics.median(ratios),
        f"{p}_ratio_min": min(ratios),
        f"{p}_ratio_max": max(ratios),
        f"{p}_median_ratio": statistics.median(pair_ratios(statistics.median)),
        f"{p}_paint_ms_p95": median_of("dossier", "painted_ms", _p95),
        f"{p}_floor_paint_ms_p95": median_of("bare", "painted_ms", _p95),
    }


def bench_keystroke(draft_path: Path, runs: int) -> dict[str, float]:
    """Typing at the end of a 10,000-word section, in dossier and in a bare TextArea (see above)."""
    return _bench_keys(KEY_CASES["latin"], draft_path, runs)


def bench_keystroke_zh(draft_path: Path, runs: int) -> dict[str, float]:
    """Typing in the middle of a 2,000-character Chinese paragraph, dossier and a bare TextArea."""
    return _bench_keys(KEY_CASES["zh"], draft_path, runs)


def bench_keystroke_2mb(draft_path: Path, runs: int) -> dict[str, float]:
    """Typing in the middle of a 2 MB section, dossier and a bare TextArea."""
    return _bench_keys(KEY_CASES["2mb"], draft_path, max(1, runs // 2))


class _Timed:
    """Mixed into both apps: runs ``handled`` once the message a key caused has been handled."""

    handled: Callable[[], None] | None = None

    def _bench_note(self) -> None:
        if self.handled is not None:
            self.call_next(self.handled)  # type: ignore[attr-defined]  # after every handler, the app's own too


async def _type_keys(
    app: Any,
    check: Callable[[str], None],
    typed_text: str = TYPED,
    warm: int = KEYS_WARM,
    timed: int = KEYS_TIMED,
    interval: float = KEY_INTERVAL,
) -> dict[str, list[float]]:
    """Type ``warm + timed`` characters of ``typed_text`` into the focused editor of ``app``."""
    import asyncio

    from textual import events

    loop = asyncio.get_running_loop()
    handled_ms: list[float] = []
    painted_ms: list[float] = []
    typed = ""
    for n in range(warm + timed):
        char = typed_text[n % len(typed_text)]
        key = events.Key("space" if char == " " else char, char)
        key.set_sender(app)
        marks: list[float] = []
        done: asyncio.Future[None] = loop.create_future()

        def painted(marks: list[float] = marks, done: asyncio.Future[None] = done) -> None:
            marks.append(time.perf_counter())
            done.set_result(None)

        def handled(marks: list[float] = marks, painted: Callable[[], None] = painted) -> None:
            marks.append(time.perf_counter())
            app.call_after_refresh(painted)  # runs once the screen has been refreshed

        app.handled = handled
        start = time.perf_counter()
        app._driver.send_message(key)  # what a terminal driver does with a key press
        await done
        app.handled = None
        if n >= warm:
            handled_ms.append((marks[0] - start) * 1000)
            painted_ms.append((marks[1] - start) * 1000)
        typed += char
        check(typed)  # untimed: the key really did its work
        await asyncio.sleep(interval)  # a fast typist's pace; the repaint is done already
    return {"handled_ms": handled_ms, "painted_ms": painted_ms}


def keystroke_child(kind: str, path: str, case_name: str = "latin") -> None:
    """In the child: type into ``LONG_PART`` in dossier or a bare TextArea, as ``case_name``
    says (see ``KEY_CASES``); print the times."""
    import inspect

    from startup_probe import SIZE
    from textual import on
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    from dossier.core.wordcount import count_words
    from dossier.storage.drafts import load_draft
    from dossier.tui.app import DossierApp
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.widgets.section_editor import SectionEditor

    case = KEY_CASES[case_name]
    text = load_draft(Path(path)).part(LONG_PART).text
    lines = text.split("\n")
    if case.middle:
        row = len(lines) // 2
        cursor = (row, len(lines[row]) // 2)
    else:
        cursor = (len(lines) - 1, len(lines[-1]))
    at = sum(len(line) + 1 for line in lines[: cursor[0]]) + cursor[1]
    before, after = text[:at], text[at:]
    if case_name == "latin":
        assert count_words(text) == 10_000
    result: dict[str, list[float]] = {}

    class TimedDossier(_Timed, DossierApp):
        CSS_PATH = str(Path(inspect.getfile(DossierApp)).with_name(str(DossierApp.CSS_PATH)))

    shown = MainScreen.show_edit

    def timed_show_edit(screen: MainScreen, entry: str, *, header: bool = False) -> None:
        shown(screen, entry, header=header)  # the count, sidebar, findings and header now show the key
        app = screen.app
        if isinstance(app, TimedDossier):
            app._bench_note()

    MainScreen.show_edit = timed_show_edit  # type: ignore[method-assign]

    class TimedBare(_Timed, App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text, soft_wrap=True, tab_behavior="focus", highlight_cursor_line=False)

        def on_mount(self) -> None:
            area = self.query_one(TextArea)
            area.cursor_blink = False
            area.move_cursor(cursor)
            area.focus()

        @on(TextArea.Changed)
        def _bench_changed(self) -> None:
            self._bench_note()

    async def type_in_dossier(pilot: Any) -> None:
        app: TimedDossier = pilot.app
        while app.session is None or not app.session.checked:
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to(LONG_PART)
        await pilot.pause()
        pane = screen.current_pane
        session = app.session
        assert isinstance(pane, SectionEditor)
        pane.editor.move_cursor(cursor)
        await pilot.pause()
        assert pane.editor.cursor_location == cursor

        def check(typed: str) -> None:
            assert session.draft.part(LONG_PART).text == before + typed + after
            if case_name == "2mb":
                return  # a count of 2 MB per key would be most of the bench's time
            words = count_words(before + typed + after)
            assert session.words[LONG_PART] == words
            assert str(pane.count_line.content).startswith(f"{words} of ")
            assert f"{words}/" in str(screen.sidebar.get_option(LONG_PART).prompt)

        result.update(await _type_keys(app, check, case.typed, *case.keys, case.interval))
        app.exit()

    async def type_in_bare(pilot: Any) -> None:
        app: TimedBare = pilot.app
        await pilot.pause()
        area = app.query_one(TextArea)
        assert app.focused is area and area.cursor_location == cursor

        def check(typed: str) -> None:
            assert area.text == before + typed + after

        result.update(await _type_keys(app, check, case.typed, *case.keys, case.interval))
        app.exit()

    if kind == "dossier":
        app = TimedDossier(Path(path), cursor_blink=False, reopen_recent=False)
        app.run(headless=True, size=SIZE, auto_pilot=type_in_dossier)
        app.shutdown_session()
    else:
        TimedBare().run(headless=True, size=SIZE, auto_pilot=type_in_bare)
    if len(result.get("handled_ms", [])) != case.keys[1]:
        raise SystemExit("the keys were not all timed")
    print(json.dumps(result))


BILINGUAL_CHILD = """
import sys
from run import bilingual_child
bilingual_child(sys.argv[1], sys.argv[2])
"""
WORKING_CHARACTERS = 3_000
SUBMISSION_WORDS = 500


def make_bilingual(folder: Path) -> Path:
    """The bilingual example with a 3,000-character Chinese working text and a 500-word
    English submission text in ``LONG_PART``, in step with each other."""
    from dossier.core.translation import record_translation
    from dossier.core.wordcount import count_words, paragraphs
    from dossier.storage.drafts import load_draft, save_draft

    draft = load_draft(REPO / "examples" / "lanjiang-music-zh.dossier.json")
    chinese = [p for part in draft.working_texts().values() for p in paragraphs(part)]
    english = [p for part in draft.texts().values() for p in paragraphs(part)]
    working: list[str] = []
    while sum(count_words(p) for p in working) < WORKING_CHARACTERS:
        working.append(f"{len(working) + 1}. {chinese[len(working) % len(chinese)]}")
    submission: list[str] = []
    while sum(count_words(p) for p in submission) < SUBMISSION_WORDS:
        submission.append(english[len(submission) % len(english)])
    section = draft.part(LONG_PART)
    section.working_text, section.text = "\n\n".join(working), "\n\n".join(submission)
    record_translation(section)
    path = folder / "bilingual.dossier.json"
    save_draft(draft, path, backup=False)
    return path


def bench_bilingual(draft_path: Path, runs: int) -> dict[str, float]:
    """Typing at the end of either text of a bilingual part (see ``bilingual_child``)."""
    times: dict[str, list[dict[str, list[float]]]] = {"working": [], "submission": []}
    for n in range(runs):
        for which in ("working", "submission") if n % 2 == 0 else ("submission", "working"):
            folder = draft_path.parent / f"bilingual-{n}-{which}"  # a fresh lock, no recovery copy
            folder.mkdir()
            times[which].append(_child(BILINGUAL_CHILD, which, str(make_bilingual(folder))))
    return {
        f"bilingual_{which}_key_ms_p95": statistics.median(_p95(run["handled_ms"]) for run in runs_of)
        for which, runs_of in times.items()
    }


def bilingual_child(which: str, path: str) -> None:
    """In the child: type at the end of the working or the submission text of ``LONG_PART``.

    Timed as ``keystroke_ms_p95``: from the key handed to the app until the main screen's
    ``show_edit`` has run (count, sidebar, findings, header), with the other text of the
    part on screen beside it (120 columns: side by side).
    """
    import inspect

    from dossier.tui.app import DossierApp
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.widgets.section_editor import SectionEditor

    result: dict[str, list[float]] = {}

    class TimedDossier(_Timed, DossierApp):
        CSS_PATH = str(Path(inspect.getfile(DossierApp)).with_name(str(DossierApp.CSS_PATH)))

    shown = MainScreen.show_edit

    def timed_show_edit(screen: MainScreen, entry: str, *, header: bool = False) -> None:
        shown(screen, entry, header=header)
        app = screen.app
        if isinstance(app, TimedDossier):
            app._bench_note()

    MainScreen.show_edit = timed_show_edit  # type: ignore[method-assign]

    async def type_in_dossier(pilot: Any) -> None:
        app: TimedDossier = pilot.app
        while app.session is None or not app.session.checked:
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to(LONG_PART)
        await pilot.pause()
        pane = screen.current_pane
        session = app.session
        assert isinstance(pane, SectionEditor) and pane.working_editor is not None
        editor = pane.working_editor if which == "working" else pane.editor
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.pause()
        section = session.draft.part(LONG_PART)
        before = (section.working_text if which == "working" else section.text) or ""

        def check(typed: str) -> None:
            now = section.working_text if which == "working" else section.text
            assert now == before + typed

        result.update(await _type_keys(app, check))
        app.exit()

    app = TimedDossier(Path(path), cursor_blink=False, reopen_recent=False)
    app.run(headless=True, size=(120, 40), auto_pilot=type_in_dossier)
    app.shutdown_session()
    if len(result.get("handled_ms", [])) != KEYS_TIMED:
        raise SystemExit("the keys were not all timed")
    print(json.dumps(result))


RSS_CHILD = """
import sys
from run import rss_child
rss_child(sys.argv[1])
"""


def bench_rss(draft_path: Path, runs: int) -> dict[str, float]:
    """Peak resident memory of ``dossier open`` on the largest draft, every entry visited."""
    peaks = [_child(RSS_CHILD, str(draft_path))["peak_kib"] / 1024 for _ in range(runs)]
    return {"peak_rss_mib": statistics.median(peaks)}


def _peak_kib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform == "darwin" else float(peak)  # bytes on macOS, KiB elsewhere


def rss_child(path: str) -> None:
    """In the child: ``dossier open PATH``, visit every entry, exit, print the peak memory."""
    from startup_probe import open_headless

    visited: list[str] = []

    async def auto_pilot(pilot: Any) -> None:
        from dossier.tui.screens.main import MainScreen
        from dossier.tui.session import ENTRIES

        app = pilot.app
        while app.session is None or not app.session.checked:
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for entry in ENTRIES:
            await screen.go_to(entry)
            await pilot.pause()
            visited.append(entry)
        app.exit()

    code = open_headless(["open", path], auto_pilot)
    if code or len(visited) < 9:
        raise SystemExit(f"dossier open exited with {code} after visiting {visited}")
    print(json.dumps({"peak_kib": _peak_kib()}))


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
    for code in (EXPORT_CHILD, EXPORT_FLOOR_CHILD):  # untimed: fill the disk and bytecode caches
        _child(code, str(draft_path))
    ours, floor = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        ours.append(_child(EXPORT_CHILD, str(draft_path))["s"])
        floor.append(_child(EXPORT_FLOOR_CHILD, str(draft_path))["s"])
    export_s, floor_s = statistics.median(ours), statistics.median(floor)
    return {
        "export_s": export_s,
        "export_floor_s": floor_s,
        "export_ratio": export_s / floor_s,
        **_export_rows(draft_path.parent, runs),
    }


def _export_rows(folder: Path, runs: int) -> dict[str, float]:
    """In this process: the whole export (full check, document, atomic write) of a draft with
    200 action-plan rows and 50 SDG rows, then 400 and 100, alternating."""
    from dossier.export import export_docx
    from dossier.workspace import check

    cases = {200: _with_tables(200, 50), 400: _with_tables(400, 100)}

    def export(rows: int) -> None:
        draft, profile, _report = cases[rows]
        report = check(draft, profile, None)
        export_docx(draft, profile, report, folder / f"rows-{rows}.docx")

    for rows in cases:  # untimed: warm
        export(rows)
    times: dict[int, list[float]] = {200: [], 400: []}
    for n in range(runs * 2):
        for rows in (200, 400) if n % 2 == 0 else (400, 200):
            start = time.perf_counter()
            export(rows)
            times[rows].append((time.perf_counter() - start) * 1000)
    small, large = statistics.median(times[200]), statistics.median(times[400])
    return {"export_rows_200_ms": small, "export_rows_400_ms": large, "export_rows_growth": large / small}


# ---------------------------------------------------------------- report


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    system = f"{platform.system()} {platform.release()}"
    with contextlib.suppress(OSError, KeyError):
        system = f"{platform.freedesktop_os_release()['PRETTY_NAME']}, {system}"
    return f"{cpu}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"


def verdicts(results: dict[str, float]) -> dict[str, str]:
    """``met`` or ``missed`` for each figure that has a target (every target is an upper bound)."""
    return {
        key: "met" if results[key] <= limit else "missed"
        for key, (_op, limit) in TARGETS.items()
        if key in results
    }


def print_table(results: dict[str, float]) -> None:
    print(f"{'figure':<34}{'value':>10}   target")
    met = verdicts(results)
    for key, value in results.items():
        target = TARGETS.get(key)
        note = (
            f"{target[0]} {target[1]:g}  {met[key].upper() if met[key] == 'missed' else met[key]}"
            if target
            else _no_target(key)
        )
        print(f"{key:<34}{value:>10.3f}   {note}")


def _no_target(key: str) -> str:
    """Why a figure has no target of its own (it still shows where the time goes)."""
    if "." in key:
        return "none: a milestone, ms from the process start"
    if "floor" in key:
        return "none: the floor a ratio is taken against"
    return "none: context for the figure with a target"


BENCHES: dict[str, Callable[[Path, int], dict[str, float]]] = {
    "startup": bench_startup,
    "keystroke": bench_keystroke,
    "keystroke_zh": bench_keystroke_zh,
    "keystroke_2mb": bench_keystroke_2mb,
    "bilingual": bench_bilingual,
    "core": bench_core,
    "render": bench_render,
    "history": bench_history,
    "export": bench_export,
    "rss": bench_rss,
}


def load() -> str:
    """The load average over 1, 5 and 15 minutes, before and after: a busy machine shows here."""
    try:
        return " ".join(f"{n:.2f}" for n in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    global PYCACHE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--runs", type=int, default=5, help="runs per fresh-process figure")
    parser.add_argument(
        "--only",
        action="append",
        choices=list(BENCHES),
        metavar="NAME",
        help=f"run only this group of figures (repeatable): {', '.join(BENCHES)}",
    )
    args = parser.parse_args()
    load_before = load()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as folder:
        PYCACHE = Path(folder) / "pycache"
        draft = make_largest(Path(folder))
        results: dict[str, float] = {}
        for name, bench in BENCHES.items():
            if not args.only or name in args.only:
                results.update(bench(draft, args.runs))
    print(f"machine: {machine()}")
    print(f"load average: {load_before} before, {load()} after; {time.perf_counter() - started:.0f} s")
    print_table(results)
    if args.json:
        payload = {
            **results,
            "machine": machine(),
            "load_average": {"before": load_before, "after": load()},
            "runs": args.runs,
            "targets": {k: f"{op} {v:g}" for k, (op, v) in TARGETS.items() if k in results},
            "verdicts": verdicts(results),
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
