"""The suite's own rules (see tests/README.md), checked so that a new test cannot quietly break them."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SOURCES = sorted(p for p in TESTS.rglob("*.py") if "bench" not in p.relative_to(TESTS).parts)

CONFTEST_IMPORT = re.compile(r"^\s*(from\s+[\w.]*conftest\s+import|import\s+[\w.]*conftest\b)", re.M)
BARE_HELPER_IMPORT = re.compile(r"^\s*from\s+(tui_support|faults|corpus|reading|lo_referee)\s+import", re.M)
DEADLINE = re.compile(r"\bdeadline=\S")  # a keyword argument (ruff puts no spaces there)
TEXTUAL_PRIVATE = re.compile(r"\.(_compositor|_notifications|_driver|_exception|_nodes|_compose\w*)\b")


def offenders(pattern: re.Pattern[str], *, skip: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in SOURCES:
        if path.name in skip:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(TESTS)}:{n}: {line.strip()}")
    return found


def test_the_suite_has_found_its_sources() -> None:
    assert TESTS / "conftest.py" in SOURCES and Path(__file__) in SOURCES


def test_no_test_imports_a_conftest_or_a_helper_by_its_bare_name() -> None:
    """Shared helpers are fixtures of the plugins in tests/support, or ``support.X`` modules."""
    assert offenders(CONFTEST_IMPORT) == []
    assert offenders(BARE_HELPER_IMPORT) == []


def test_tests_conftest_is_the_only_conftest() -> None:
    assert [p.relative_to(TESTS) for p in TESTS.rglob("conftest.py")] == [Path("conftest.py")]


def test_no_hypothesis_deadline_outside_the_profiles() -> None:
    """A deadline is a timed assertion: the profiles in tests/conftest.py turn it off for every test."""
    assert offenders(DEADLINE, skip=("conftest.py", "test_suite_rules.py")) == []


def test_no_test_reads_textuals_private_state() -> None:
    """Use the public API (``export_screenshot``, ``workers``, ``post_message``, ``return_code``)."""
    # test_stray_keys.py sends a burst of keys through the app's driver, the path a terminal's
    # keys take; posting them to the app instead does not reproduce the crash it guards against
    assert offenders(TEXTUAL_PRIVATE, skip=("test_suite_rules.py", "test_stray_keys.py")) == []
