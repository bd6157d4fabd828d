"""No English sentence reaches the official without going through the catalogue.

A small AST check over ``dossier/**/*.py``: a string literal (or the fixed text of an
f-string) that holds at least two English words and is handed to something that shows
it (``print``, ``sys.stderr.write``, ``notify``, a ``Static``/``Label``/``Button``, an
``Input`` placeholder, a ``Binding`` description, argparse's ``help=``/``description=``,
a parser's ``error()``, the message of a raised exception, a note for the user) fails the
test unless it is wrapped in ``_()``, ``ngettext()``, ``pgettext()`` or ``N_()`` (or the
same calls on a :class:`~dossier.core.i18n.Wording`). A name handed to such a sink is
followed to what the same function assigns to it, so ``message = f"..."; raise X(message)``
is caught too.

Not checked, on purpose: identifiers, codes, CSS, keys, paths and log lines (they are
not handed to a sink, or hold no two words), docstrings, and strings without a space.
Text built by a helper and returned (``explain_os_error``) is not followed through the
return; those helpers mark their own strings, and the catalogue test finds them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier.core import i18n

PACKAGE = Path(i18n.__file__).resolve().parents[1]

MARKERS = frozenset({"_", "N_", "gettext", "ngettext", "pgettext", "npgettext", "wording", "w"})
"""Calls whose string arguments are catalogue messages (``w`` is the usual name of a Wording)."""

WIDGETS = frozenset({"Static", "Label", "Button", "Markdown", "Checkbox", "Switch", "Header"})
"""Widgets whose first argument is text on the screen."""

NOTE_LISTS = frozenset({"notes", "lines", "problems", "reasons"})
"""Lists whose items are sentences for the user (``notes.append("...")``)."""

INTERNAL_EXCEPTIONS: dict[str, str] = {
    "_Damaged": "storage.history: internal, the history is set aside and the user gets History.note",
    "_NotANumber": "storage.drafts: internal, carries the offending token for DraftError's message",
    "_DuplicateKey": "storage.drafts: internal, carries the key for DraftError's message",
    "NotImplementedError": "a programming error, never shown to an official",
    "AssertionError": "a programming error, never shown to an official",
    "TypeError": "a programming error (a wrong argument type), never shown to an official",
    "ValueError": "raised for programming errors (an unknown kind, a bad token) and caught "
    "before the user sees it; messages for the user are DraftError, HistoryError, ...",
    "KeyError": "a lookup that the caller turns into its own message",
    "RuntimeError": "a programming error, never shown to an official",
    "LookupError": "core.form: the form's own description is inconsistent (a programming error)",
}
"""Exceptions whose message never reaches the user, and why."""

SKIPPED_FILES: dict[str, str] = {}

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TWO_WORDS = re.compile(r"\b[A-Za-z]+[,;:.!?)\]”’']*\s+[(\[“‘\"']*[A-Za-z]+\b")


def is_english_sentence(text: str) -> bool:
    """Two words of Latin letters with a space between: "Could not save", "dossier: note",
    not "strategy", "#sidebar > .part", "{path}: {problem}" or codes such as "USD, CNY, EUR…"."""
    text = _PLACEHOLDER.sub(" ", text)
    if not re.search(r"[a-z]", text):
        return False
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 2 and bool(_TWO_WORDS.search(text))


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    sink: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.sink}: {self.text!r}"


def _name(node: ast.expr) -> str:
    """``print`` → print, ``self.app.notify`` → notify, anything else → ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


class _Checker(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Finding] = []
        self._scopes: list[ast.AST] = []

    # ------------------------------------------------------------------ scopes

    def _visit_scope(self, node: ast.AST) -> None:
        self._scopes.append(node)
        self.generic_visit(node)
        self._scopes.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _visit_scope

    def _assigned(self, name: str) -> Iterator[ast.expr]:
        """What the enclosing function (or the module) assigns to ``name``."""
        scope = self._scopes[-1] if self._scopes else None
        if scope is None:
            return
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign):
                if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                    yield node.value
            elif (
                isinstance(node, ast.AugAssign | ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id == name
                and node.value is not None
            ):
                yield node.value

    # ------------------------------------------------------------------ literals

    def _literals(
        self, node: ast.expr | None, seen: frozenset[str] = frozenset()
    ) -> Iterator[tuple[ast.AST, str]]:
        """The English text in ``node`` that no gettext call wraps."""
        if node is None:
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if is_english_sentence(node.value):
                yield node, node.value
        elif isinstance(node, ast.JoinedStr):
            fixed = "".join(
                v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else " {} "
                for v in node.values
            )
            if is_english_sentence(fixed):
                yield node, fixed
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    yield from self._literals(value.value, seen)
        elif isinstance(node, ast.BinOp):
            yield from self._literals(node.left, seen)
            yield from self._literals(node.right, seen)
        elif isinstance(node, ast.IfExp):
            yield from self._literals(node.body, seen)
            yield from self._literals(node.orelse, seen)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                yield from self._literals(value, seen)
        elif isinstance(node, ast.Tuple | ast.List):
            for value in node.elts:
                yield from self._literals(value, seen)
        elif isinstance(node, ast.Call):
            if _name(node.func) in MARKERS:
                return
            if isinstance(node.func, ast.Attribute):  # "...".format(...), "; ".join(...)
                yield from self._literals(node.func.value, seen)
        elif isinstance(node, ast.Name) and node.id not in seen:
            for value in self._assigned(node.id):
                yield from self._literals(value, seen | {node.id})

    def _check(self, node: ast.expr | None, sink: str) -> None:
        for literal, text in self._literals(node):
            self.found.append(Finding(self.path, getattr(literal, "lineno", 0), sink, text))

    @staticmethod
    def _keyword(call: ast.Call, *names: str) -> Iterator[ast.expr]:
        for keyword in call.keywords:
            if keyword.arg in names:
                yield keyword.value

    # ------------------------------------------------------------------ sinks

    def visit_Call(self, node: ast.Call) -> None:
        name, dotted = _name(node.func), _dotted(node.func)
        args = node.args
        if name == "print":
            for arg in args:
                self._check(arg, "print")
        elif name == "write" and dotted.split(".")[-2:-1] in (["stderr"], ["stdout"], ["out"], ["err"]):
            for arg in args:
                self._check(arg, dotted)
        elif name in ("notify", "error", "exit") and args:
            self._check(args[0] if name != "exit" else (args[1] if len(args) > 1 else None), name)
        elif name in WIDGETS and args and not (name == "Label" and len(args) >= 3):
            # Label(en, fr, zh) is core.form's label, written in the three languages in place
            self._check(args[0], name)
        elif name == "Binding" and len(args) > 2:
            self._check(args[2], "Binding")
        elif (
            name == "append" and isinstance(node.func, ast.Attribute) and _name(node.func.value) in NOTE_LISTS
        ):
            for arg in args:
                self._check(arg, f"{_name(node.func.value)}.append")
        for value in self._keyword(node, "help", "description", "placeholder", "title", "message", "epilog"):
            self._check(value, f"{name}({'…'}=)")
        if name == "notify" or name in WIDGETS:
            for value in self._keyword(node, "renderable", "label", "content"):
                self._check(value, name)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc
        if isinstance(exc, ast.Call) and _name(exc.func) not in INTERNAL_EXCEPTIONS:
            for arg in exc.args[:1]:
                self._check(arg, f"raise {_name(exc.func)}")
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:  # history.note = "...", self.reason = "..."
            if isinstance(target, ast.Attribute) and target.attr in ("note", "reason", "message"):
                self._check(node.value, f".{target.attr} =")
        self.generic_visit(node)


def check_source(source: str, path: str = "<source>") -> list[Finding]:
    """Every English literal in ``source`` that reaches the user outside the catalogue."""
    checker = _Checker(path)
    checker.visit(ast.parse(source))
    return checker.found


def _modules(package: str) -> list[Path]:
    if package == "workspace":
        return [PACKAGE / "workspace.py"]
    if package == "cli":
        return [PACKAGE / "cli.py", PACKAGE / "__main__.py"]
    return sorted(
        p for p in (PACKAGE / package).rglob("*.py") if p.relative_to(PACKAGE).as_posix() not in SKIPPED_FILES
    )


PACKAGES = [
    pytest.param("core", id="core"),
    pytest.param("storage", id="storage"),
    pytest.param("workspace", id="workspace"),
    pytest.param("export", id="export"),
    pytest.param("tui", id="tui"),
    pytest.param("cli", id="cli"),
]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_english_literal_outside_the_catalogue(package: str) -> None:
    found: list[Finding] = []
    for module in _modules(package):
        found += check_source(module.read_text(encoding="utf-8"), module.relative_to(PACKAGE).as_posix())
    assert not found, f"{len(found)} English literals outside the catalogue:\n" + "\n".join(map(str, found))


def test_every_module_is_in_a_package() -> None:
    """A new top-level module must be added to the check, or it would escape it."""
    covered = {
        p for package in ("core", "storage", "workspace", "export", "tui", "cli") for p in _modules(package)
    }
    covered |= {PACKAGE / s for s in SKIPPED_FILES} | {PACKAGE / "__init__.py"}
    assert sorted(set(PACKAGE.rglob("*.py")) - covered) == []


# ---------------------------------------------------------------------- the checker itself

PLANTED = """
import sys
from dossier.core.i18n import _, ngettext

def save(path, count):
    print(f"Saved {path} at last.")
    print(_("Saved {path}.").format(path=path))
    print(ngettext("{n} error", "{n} errors", count).format(n=count))
    sys.stderr.write("dossier: could not save\\n")
    message = f"{path} was changed by another program"
    raise DraftError(message)

def fine(path):
    print(f"{path}: {path.name}")
    print("strategy")
    raise ValueError(f"unknown kind of version: {path!r}")

def widgets(self):
    yield Static("Nothing to show yet", id="empty")
    yield Static(_("Nothing to show yet"), id="empty")
    yield Input(placeholder="type a path here")
    self.notify(f"Exported to {self.path}", title="Export done")
    parser.add_argument("--json", help="print the findings as JSON")
    parser.add_argument("--json", help=_("print the findings as JSON"))
    notes.append("Upgraded from an older layout")
"""


def test_the_checker_finds_planted_literals() -> None:
    found = {(f.line, f.sink) for f in check_source(PLANTED)}
    assert found == {
        (6, "print"),
        (9, "sys.stderr.write"),
        (10, "raise DraftError"),
        (19, "Static"),
        (21, "Input(…=)"),
        (22, "notify"),
        (22, "notify(…=)"),
        (23, "add_argument(…=)"),
        (25, "notes.append"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Could not save", True),
        ("dossier: ", False),
        ("dossier: note: ", True),
        ("strategy", False),
        ("basic.contacts.main_contact", False),
        ("#sidebar > .part", False),
        ("ctrl+s", False),
        ("{path}: {problem}.", False),
        ("SELECT id, time FROM versions", True),  # never handed to a sink, so never checked
    ],
)
def test_what_counts_as_an_english_sentence(text: str, expected: bool) -> None:
    assert is_english_sentence(text) is expected
