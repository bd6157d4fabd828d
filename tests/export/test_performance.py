"""Export speed without a clock: what makes filling long tables slow must not be in the exporter.

The timings themselves (the largest draft's export, and how it grows with the tables)
are figures in ``tests/bench/run.py``, not assertions here: a wall-clock limit fails on a
loaded machine and proves nothing on a quiet one.
"""

from __future__ import annotations

import ast

from support.paths import REPO

EXPORT_SOURCES = sorted((REPO / "dossier" / "export").glob("*.py"))


def test_no_table_cell_lookups_in_the_exporter() -> None:
    """``table.cell(i, j)`` rebuilds the table grid on each call; fill row by row instead."""
    assert EXPORT_SOURCES, "no export sources found"
    for source in EXPORT_SOURCES:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        calls = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "cell"
        ]
        assert calls == [], f"{source.name}: .cell() on lines {calls}"
