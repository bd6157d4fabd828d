"""Where the repository's files are, for tests that need a path while pytest collects them."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = REPO / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.dossier.json"))
"""Every bundled example draft (parametrised over, so a constant rather than a fixture)."""
TUI_DATA = REPO / "tests" / "tui" / "data"
