"""Test helper: the Open XML SDK's schema and semantic rules, run offline through Node.

``@ooxml-tools/validate`` packs Microsoft's Open XML SDK validator as WebAssembly. It is
installed once into a cache folder (``$DOSSIER_OOXML_DIR``, default
``~/.cache/dossier-ooxml``) with the same command CI can run ahead of time:

    npm install --prefix ~/.cache/dossier-ooxml --no-audit --no-fund @ooxml-tools/validate@0.4.6

All files are validated by one Node process (``ooxml_validate.mjs``): starting the
runtime costs several seconds, each file about one more.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

PACKAGE = "@ooxml-tools/validate@0.4.6"
SCRIPT = Path(__file__).with_name("ooxml_validate.mjs")


def install_dir() -> Path:
    return Path(os.environ.get("DOSSIER_OOXML_DIR", Path.home() / ".cache" / "dossier-ooxml"))


def _entry(folder: Path) -> Path:
    return folder / "node_modules" / "@ooxml-tools" / "validate" / "dist" / "npm" / "index.js"


def unavailable() -> str | None:
    """Why the validator cannot run here (None when it can, installing it if needed)."""
    node = shutil.which("node")
    if node is None:
        return "Node.js is not installed (apt-get install nodejs npm)"
    folder = install_dir()
    if _entry(folder).is_file():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return f"npm is not installed and {PACKAGE} is not in {folder}"
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", PACKAGE],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not _entry(folder).is_file():
        raise RuntimeError(f"npm install {PACKAGE} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return None


def validate(files: list[Path], *, timeout: float = 600) -> dict[Path, list[dict]]:
    """The validator's findings for each file (an empty list means valid)."""
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run(
        [node, str(SCRIPT), str(install_dir()), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the OOXML validator failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    raw = json.loads(done.stdout)
    return {Path(name): findings for name, findings in raw.items()}
