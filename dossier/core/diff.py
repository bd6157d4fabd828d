"""What changed between two versions of a draft: word by word in the texts, row by row in the tables.

Pure functions, no I/O: the history command, the history screen and the tests all use them.

Texts are compared first paragraph by paragraph (a long section where one paragraph
changed costs one paragraph's comparison), then word by word inside the paragraphs that
changed, with the tokens :func:`dossier.core.wordcount.word_tokens` gives: a word
between spaces in English or French, each character in Chinese (as the word count
counts them), so a changed Chinese phrase shows as those characters, not the whole line.

SDG targets and action-plan rows are matched as rows (added, removed, changed with the
fields that changed); basic information, attachments and the draft's settings as named
fields (``contacts.mayor.email``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from dossier.core import form
from dossier.core.form import TEXT_PARTS
from dossier.core.model import Dossier
from dossier.core.wordcount import word_tokens

Op = Literal["same", "removed", "added"]
RowKind = Literal["added", "removed", "changed"]

REST = "rest"
PARTS: tuple[str, ...] = (*form.PART_IDS, REST)
"""Every part of a draft, in the form's order; ``rest`` is the draft's settings and anything else."""

ROW_LISTS: dict[str, str] = {
    form.SDGS.id: form.SDG_TARGETS.rsplit(".", 1)[1],
    form.PLAN.id: form.INITIATIVES.rsplit(".", 1)[1],
}
"""The parts that hold a table, and the name of its list."""

VOLATILE_META: frozenset[str] = frozenset({"revision", "modified"})
"""Settings every save changes: never reported as a change."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of text that is in both versions, only the old one, or only the new one."""

    op: Op
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One named value that changed (``""`` stands for "not there")."""

    path: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row of a table added, removed or changed; ``old``/``new`` are one-line summaries."""

    kind: RowKind
    old_index: int | None
    new_index: int | None
    old: str
    new: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class PartDiff:
    """Everything that changed in one part of the draft."""

    part: str
    text: tuple[Chunk, ...] = ()
    rows: tuple[RowChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.rows or self.fields or any(c.op != "same" for c in self.text))


# --------------------------------------------------------------------------- texts


def _token_diff(old: str, new: str) -> list[Chunk]:
    a, b = word_tokens(old), word_tokens(new)
    chunks: list[Chunk] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            chunks.append(Chunk("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            chunks.append(Chunk("removed", "".join(a[i1:i2])))
        if j2 > j1:
            chunks.append(Chunk("added", "".join(b[j1:j2])))
    return chunks


def _tidy(chunks: Iterable[Chunk]) -> list[Chunk]:
    """One removed and one added chunk per change, spaces between two changes folded into it.

    Without this, "one two" → "uno dos" reads ``[-one-]{+uno+} [-two-]{+dos+}``; with it,
    ``[-one two-]{+uno dos+}``.
    """
    items = [c for c in chunks if c.text]
    out: list[Chunk] = []
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        if removed:
            out.append(Chunk("removed", "".join(removed)))
        if added:
            out.append(Chunk("added", "".join(added)))
        removed.clear()
        added.clear()

    for n, chunk in enumerate(items):
        if chunk.op == "removed":
            removed.append(chunk.text)
        elif chunk.op == "added":
            added.append(chunk.text)
        elif (
            (removed or added)
            and not chunk.text.strip()
            and "\n" not in chunk.text
            and n + 1 < len(items)
            and items[n + 1].op != "same"
        ):
            removed.append(chunk.text)  # a space between two changes belongs to both
            added.append(chunk.text)
        else:
            flush()
            if out and out[-1].op == "same":
                out[-1] = Chunk("same", out[-1].text + chunk.text)
            else:
                out.append(chunk)
    flush()
    return out


def word_diff(old: str, new: str) -> list[Chunk]:
    """The changes from ``old`` to ``new``, word by word (character by character in Chinese).

    Joining the ``same`` and ``removed`` chunks gives ``old``; ``same`` and ``added`` give ``new``.
    """
    if old == new:
        return [Chunk("same", old)] if old else []
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    chunks: list[Chunk] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            chunks.append(Chunk("same", "".join(a[i1:i2])))
        elif tag == "delete":
            chunks.append(Chunk("removed", "".join(a[i1:i2])))
        elif tag == "insert":
            chunks.append(Chunk("added", "".join(b[j1:j2])))
        else:
            chunks.extend(_token_diff("".join(a[i1:i2]), "".join(b[j1:j2])))
    return _tidy(chunks)


PILCROW = "¶"
"""Stands for a line break that was added or removed."""
RED, GREEN, RESET = "\x1b[9;31m", "\x1b[4;32m", "\x1b[0m"
"""Removed text struck through in red, added text underlined in green (not colour alone)."""


def _mark(op: Op, text: str, color: bool) -> str:
    if op == "same" or not text:
        return text
    if color:
        return f"{RED if op == 'removed' else GREEN}{text}{RESET}"
    return f"[-{text}-]" if op == "removed" else f"{{+{text}+}}"


def render_text(chunks: Iterable[Chunk], *, color: bool = False, context: int = 0) -> list[str]:
    """The lines of a text diff that hold a change (and ``context`` lines around them).

    Removed text is ``[-like this-]``, added text ``{+like this+}`` (or struck-through red
    and underlined green with ``color``); markers close at each line end, so every line
    printed reads on its own, and a line break that was added or removed shows as ``¶``.
    Lines left out are shown as one ``…``.
    """
    lines: list[tuple[str, bool]] = []
    current: list[str] = []
    changed = False
    for chunk in chunks:
        pieces = chunk.text.split("\n")
        last = len(pieces) - 1
        for n, piece in enumerate(pieces):
            if n:
                lines.append(("".join(current), changed))
                current, changed = [], False
            if chunk.op != "same" and n < last:
                piece += PILCROW  # a line break added or removed shows
            current.append(_mark(chunk.op, piece, color))
            changed = changed or (chunk.op != "same" and bool(piece))
    if current or changed:
        lines.append(("".join(current), changed))
    keep = [False] * len(lines)
    for n, (_, is_changed) in enumerate(lines):
        if is_changed:
            for m in range(max(0, n - context), min(len(lines), n + context + 1)):
                keep[m] = True
    out: list[str] = []
    skipped = False
    for n, (line, _) in enumerate(lines):
        if keep[n]:
            if skipped and out:
                out.append("…")
            out.append(line)
            skipped = False
        elif line.strip():
            skipped = True
    return out


# --------------------------------------------------------------------------- fields and rows


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Every value inside ``value`` by its dotted path: ``contacts.mayor.email``, ``links[1]``."""
    out: dict[str, str] = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{n}]"))
    else:
        out[prefix] = _scalar(value)
    return out


def field_changes(old: Any, new: Any, prefix: str = "") -> list[FieldChange]:
    """The values that differ between two JSON-like values, in the order they appear."""
    a, b = flatten(old, prefix), flatten(new, prefix)
    keys = list(a) + [k for k in b if k not in a]
    return [FieldChange(k, a.get(k, ""), b.get(k, "")) for k in keys if a.get(k, "") != b.get(k, "")]


def row_summary(part: str, row: Mapping[str, Any]) -> str:
    """One line that names a table row, for lists of changes."""
    if part == form.SDGS.id:
        outcome = _scalar(row.get("outcome")).strip()
        text = f"SDG {_scalar(row.get('goal'))} ({_scalar(row.get('horizon'))})"
        return f"{text}: {outcome}" if outcome else text
    years = "–".join(y for y in (_scalar(row.get("start_year")), _scalar(row.get("end_year"))) if y)
    budget = _scalar(row.get("budget"))
    money = f"{budget} {_scalar(row.get('currency'))}" if budget not in ("", "0") else "no budget yet"
    details = ", ".join(x for x in (_scalar(row.get("scope")), years, money) if x)
    return f"{_scalar(row.get('title')).strip() or '(untitled)'} ({details})"


def _key(row: Any) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def row_changes(part: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[RowChange]:
    """Rows added, removed and changed; a changed row lists the fields that changed."""
    out: list[RowChange] = []
    matcher = SequenceMatcher(None, [_key(r) for r in old], [_key(r) for r in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            a, b = old[i1 + k], new[j1 + k]
            out.append(
                RowChange(
                    "changed", i1 + k, j1 + k, row_summary(part, a), row_summary(part, b),
                    tuple(field_changes(a, b)),
                )
            )  # fmt: skip
        for i in range(i1 + paired, i2):
            out.append(RowChange("removed", i, None, row_summary(part, old[i]), ""))
        for j in range(j1 + paired, j2):
            out.append(RowChange("added", None, j, "", row_summary(part, new[j])))
    return out


# --------------------------------------------------------------------------- drafts


def _part_data(draft: Dossier, part: str) -> Any:
    parts, rest = form.cut(draft.model_dump(mode="json"))
    if part in parts:
        return parts[part]
    if part == REST:
        meta = rest.get(form.META.path, {})
        rest[form.META.path] = {k: v for k, v in meta.items() if k not in VOLATILE_META}
        return {k: v for k, v in rest.items() if v != {}}
    raise KeyError(part)


def diff_part(old: Dossier, new: Dossier, part: str) -> PartDiff:
    """What changed in one part (see :data:`PARTS`) between two drafts."""
    a, b = _part_data(old, part), _part_data(new, part)
    if part not in TEXT_PARTS:
        return PartDiff(part, fields=tuple(field_changes(a, b)))
    text = tuple(word_diff(a.get("text", ""), b.get("text", "")))
    rows: tuple[RowChange, ...] = ()
    list_name = ROW_LISTS.get(part)
    if list_name:
        rows = tuple(row_changes(part, a.get(list_name, []), b.get(list_name, [])))
    skip = {"text", list_name}
    fields = field_changes(
        {k: v for k, v in a.items() if k not in skip}, {k: v for k, v in b.items() if k not in skip}
    )
    return PartDiff(part, text=text, rows=rows, fields=tuple(fields))


def diff_dossiers(old: Dossier, new: Dossier, parts: Iterable[str] = PARTS) -> list[PartDiff]:
    """The parts that changed from ``old`` to ``new``, in the form's order."""
    return [d for d in (diff_part(old, new, p) for p in parts) if d.changed]
