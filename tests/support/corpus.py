"""The hostile input corpus: each case, and what loading it must give.

Used by the loader, validation, export and TUI tests alike, so every layer meets the
same inputs. ``expect`` is ``None`` for a case that must load, or a fragment of the one
plain error it must raise instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dossier.core.model import Dossier, Initiative
from dossier.storage.drafts import dumps

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes]
    expect: str | None = None

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}.dossier.json"
        path.write_bytes(self.content())
        return path


def _file(name: str) -> Callable[[], bytes]:
    return lambda: (HOSTILE / f"{name}.dossier.json").read_bytes()


def _huge_section() -> bytes:
    draft = Dossier()
    draft.sections.assets.text = ("一段很长的文字 with English words and 🎨. " * 30 + "\n") * 800  # ~1 MB
    return dumps(draft).encode()


def _many_rows() -> bytes:
    draft = Dossier()
    draft.sections.contribution.initiatives = [
        Initiative(title=f"Initiative {n} [/x]", budget=n, partners="Library, 大学") for n in range(10_000)
    ]
    return dumps(draft).encode()


def _deep() -> bytes:
    return b'{"meta": {"schema_version": 2}, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


CASES: list[Case] = [
    Case("markup", _file("markup")),
    Case("control-chars", _file("control-chars")),
    Case("emoji-combining", _file("emoji-combining")),
    Case("rtl", _file("rtl")),
    Case("lone-surrogates", _file("lone-surrogates")),
    Case("numbers-as-strings", _file("numbers-as-strings")),
    Case("bom", _file("bom")),
    Case("crlf", _file("crlf")),
    Case("line-separators", _file("line-separators")),
    Case("huge-section", _huge_section),
    Case("many-rows", _many_rows),
    Case("non-utf8", _file("non-utf8"), "not a UTF-8 text file"),
    Case("zero-byte", _file("zero-byte"), "the file is empty"),
    Case("other-program", _file("other-program"), "not a dossier draft"),
    Case("wrong-types", _file("wrong-types"), "basic.links should be a list"),
    Case("nested-object", _file("nested-object"), "introduction.text should be text"),
    Case("deep", _deep, "nested too deeply"),
    Case("non-finite", _file("non-finite"), "cannot keep as it is"),
]
LOADABLE = [case for case in CASES if case.expect is None]
