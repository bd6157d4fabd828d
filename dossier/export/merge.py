"""What a reviewed Word document changes in a draft, and the draft with those changes.

Three texts meet for each part: the *base* (what the export wrote, kept in the document),
the *reviewer's* (the document now) and *mine* (the draft now, which may have moved on
since the export). The reviewer's changes are the paragraphs that differ between base and
document; each is applied to the draft where the draft left that place as it was, is
"already there" where the draft made the same change, and is a *conflict* (shown both
ways, never applied) where the draft changed the same paragraphs differently.

A change is applied to the draft's own text line by line: the paragraphs it does not
touch keep every character they had (including what the export had to leave out), and
the result is checked to read back as intended, or the part is left alone and says so.
Pure: no python-docx, no files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any, Literal

from dossier.core import form
from dossier.core.diff import Chunk, word_diff
from dossier.core.form import TEXT_PARTS
from dossier.core.i18n import _
from dossier.core.model import Dossier, Note
from dossier.core.wordcount import paragraphs
from dossier.export import labels as L
from dossier.export.reviewed import Comment, Reviewed, TrackedChange
from dossier.export.sanitize import xml_safe

Status = Literal["apply", "conflict", "already", "rejected"]
Tracked = Literal["pending", "accept", "reject"]
_LINE = re.compile(r"[^\r\n]*")


@dataclass(slots=True)
class Change:
    """One place where the reviewer changed a part's paragraphs."""

    part: str
    number: int
    base: list[str]
    theirs: list[str]
    mine: list[str]
    status: Status
    at: tuple[int, int] = (0, 0)
    """The paragraphs of the draft it replaces (start, end)."""

    def chunks(self) -> list[Chunk]:
        """Word by word, from the text it replaces to the reviewer's."""
        return word_diff("\n".join(self.base), "\n".join(self.theirs))

    def conflict_chunks(self) -> list[Chunk]:
        """Word by word, from the draft's text now to the reviewer's (for a conflict)."""
        return word_diff("\n".join(self.mine), "\n".join(self.theirs))

    def as_data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "status": self.status,
            "exported": self.base,
            "reviewer": self.theirs,
            "draft": self.mine,
            "diff": [[c.op, c.text] for c in self.chunks()],
        }


@dataclass(slots=True)
class PartPlan:
    """Everything the document changes, proposes or says about one text part."""

    part: str
    title: str
    found: bool
    found_by: str = ""
    changes: list[Change] = field(default_factory=list)
    tracked: list[TrackedChange] = field(default_factory=list)
    formatting: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def has_news(self) -> bool:
        return bool(self.changes or self.tracked or self.formatting or self.problem)

    def as_data(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "title": self.title,
            "found": self.found,
            "found_by": self.found_by,
            "changes": [c.as_data() for c in self.changes],
            "tracked_changes": [
                {"kind": t.kind, "author": t.author, "date": t.date, "text": t.text, "paragraph": t.paragraph}
                for t in self.tracked
            ],
            "formatting_not_kept": self.formatting,
            "problem": self.problem,
        }


@dataclass(frozen=True, slots=True)
class RowEdit:
    """A row of the SDG or action-plan table the reviewer changed (shown, not applied)."""

    table: str
    kind: Literal["added", "removed", "changed"]
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(slots=True)
class ImportPlan:
    """The whole comparison of one reviewed document with one draft."""

    parts: list[PartPlan]
    comments: list[Comment]
    """The reviewers' comments (dossier's own finding comments and notes left out)."""
    rows: list[RowEdit]
    outside: list[str]
    problems: list[str]
    three_way: bool
    tracked_mode: Tracked

    def changes(self, status: Status | None = None) -> list[Change]:
        return [c for p in self.parts for c in p.changes if status is None or c.status == status]

    @property
    def nothing(self) -> bool:
        """No change, proposal, comment or problem at all: the round trip changed nothing."""
        return not (
            any(p.has_news for p in self.parts) or self.comments or self.rows or self.outside or self.problems
        )

    def as_data(self) -> dict[str, Any]:
        return {
            "three_way": self.three_way,
            "tracked_changes": self.tracked_mode,
            "no_change": self.nothing,
            "parts": [p.as_data() for p in self.parts if p.has_news],
            "rows": [
                {"table": r.table, "kind": r.kind, "old": list(r.old), "new": list(r.new)} for r in self.rows
            ],
            "comments": [
                {
                    "author": c.author,
                    "date": c.date,
                    "text": c.text,
                    "anchor": c.anchor,
                    "part": c.part,
                    "paragraph": c.paragraph,
                    "resolved": c.resolved,
                }
                for c in self.comments
            ],
            "outside_parts": self.outside,
            "problems": self.problems,
        }


# ----------------------------------------------------------------------------- the draft's lines


def draft_paragraphs(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The paragraphs the export writes for ``text`` and, for each, the span of its line in ``text``.

    A line that the export splits in two (a vertical tab in it) gives both paragraphs
    the whole line's span; :func:`replace_paragraphs` then refuses to cut it.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            continue
        for piece in paragraphs(xml_safe(line)[0]):
            out.append(piece)
            spans.append((match.start(), match.end()))
    return out, spans


def _separator(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """How the draft separates its paragraphs: one line break or a blank line."""
    for previous, following in pairwise(spans):
        between = text[previous[1] : following[0]]
        if between and not between.strip():
            return between
    return "\n"


def replace_paragraphs(text: str, edits: Iterable[tuple[int, int, list[str]]]) -> str | None:
    """``text`` with its paragraphs ``[start, end)`` replaced by the new ones, for each edit.

    Returns None when the result would not read back as intended (a line the export
    splits, say): the caller leaves the part as it is.
    """
    current, spans = draft_paragraphs(text)
    sep = _separator(text, spans)
    expected = list(current)
    result = text
    n = len(spans)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        expected[start:end] = new
        joined = sep.join(new)
        if start < end:
            a, b = spans[start][0], spans[end - 1][1]
            if new:
                result = result[:a] + joined + result[b:]
            elif start > 0:
                result = result[: spans[start - 1][1]] + result[b:]
            elif end < n:
                result = result[:a] + result[spans[end][0] :]
            else:
                result = result[:a] + result[b:]
        elif new:
            if start > 0:
                at = spans[start - 1][1]
                result = result[:at] + sep + joined + result[at:]
            elif n:
                at = spans[0][0]
                result = result[:at] + joined + sep + result[at:]
            else:
                result = result + ("\n" if result and not result.endswith(("\n", "\r")) else "") + joined
    if draft_paragraphs(result)[0] != paragraphs("\n".join(expected)):
        return None
    return result


# ----------------------------------------------------------------------------- three-way


def _hunks(a: Sequence[Any], b: Sequence[Any]) -> list[tuple[int, int, int, int]]:
    matcher = SequenceMatcher(None, list(a), list(b), autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _paragraph_hunks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """As :func:`_hunks`, with a run of paragraphs each rewritten split into one change per
    paragraph: two neighbouring paragraphs edited are two changes, accepted one by one."""
    out: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in _hunks(a, b):
        if i2 - i1 == j2 - j1 > 1:
            out.extend((i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1))
        else:
            out.append((i1, i2, j1, j2))
    return out


def _touches(x1: int, x2: int, y1: int, y2: int) -> bool:
    if x1 == x2 or y1 == y2:  # an insertion: touching the other change's edge is enough
        return x1 <= y2 and y1 <= x2
    return x1 < y2 and y1 < x2


def three_way(part: str, base: list[str], theirs: list[str], mine: list[str]) -> list[Change]:
    """The reviewer's changes (base → theirs), each placed in ``mine`` or marked a conflict."""
    ours = _paragraph_hunks(base, mine)
    out: list[Change] = []
    for number, (b1, b2, t1, t2) in enumerate(_paragraph_hunks(base, theirs), start=1):
        clashing = [h for h in ours if _touches(b1, b2, h[0], h[1])]
        new = list(theirs[t1:t2])
        if clashing:
            lo = min(b1, *(h[0] for h in clashing))
            hi = max(b2, *(h[1] for h in clashing))
            c1 = _to_mine(lo, ours)
            c2 = _to_mine(hi, ours, end=True)
            mine_now = list(mine[c1:c2])
            theirs_region = list(base[lo:b1]) + new + list(base[b2:hi])
            status: Status = "already" if mine_now == theirs_region else "conflict"
            out.append(Change(part, number, list(base[b1:b2]), new, mine_now, status, (c1, c2)))
            continue
        c1 = _to_mine(b1, ours)
        out.append(
            Change(
                part,
                number,
                list(base[b1:b2]),
                new,
                list(mine[c1 : c1 + b2 - b1]),
                "apply",
                (c1, c1 + b2 - b1),
            )
        )
    return out


def _to_mine(position: int, ours: Sequence[tuple[int, int, int, int]], *, end: bool = False) -> int:
    """Where the boundary before base paragraph ``position`` is in the draft now.

    The draft's own changes before it shift it; an insertion the draft made right at it
    counts as before it only for the ``end`` of a region (so a region takes it in).
    """
    shift = 0
    for b1, b2, c1, c2 in ours:
        if b2 < position or (b2 == position and (b1 < b2 or end)):
            shift += (c2 - c1) - (b2 - b1)
    return position + shift


# ----------------------------------------------------------------------------- the plan


def build_plan(
    draft: Dossier,
    reviewed: Reviewed,
    *,
    tracked: Tracked = "pending",
    titles: dict[str, str] | None = None,
    accepted: dict[str, set[int]] | None = None,
) -> ImportPlan:
    """Compare ``reviewed`` with ``draft`` (see the module's docstring).

    ``accepted`` names, per part, the tracked changes to take one by one (their
    ``number``); a part not in it follows ``tracked``.
    """
    titles = titles or {}
    base = reviewed.base
    doc_revision = reviewed.revision
    three = base is not None and doc_revision is not None and draft.meta.revision != doc_revision
    problems = list(reviewed.problems)
    if base is None and doc_revision is not None and doc_revision != draft.meta.revision:
        problems.append(
            _(
                "The document no longer holds the text it was exported with, and the draft changed since "
                "(version {doc} then, {now} now): every change is shown and left for you to choose."
            ).format(doc=doc_revision, now=draft.meta.revision)
        )
    parts: list[PartPlan] = []
    for part_id in TEXT_PARTS:
        title = titles.get(part_id, part_id)
        found = reviewed.parts.get(part_id)
        plan = PartPlan(part_id, title, found is not None)
        parts.append(plan)
        if found is None:
            plan.problem = _("Not found in the document: left as it is.")
            continue
        plan.found_by = found.found_by
        mine, _spans = draft_paragraphs(draft.part(part_id).text)
        if accepted is not None and part_id in accepted:
            theirs = found.text_with(accepted[part_id])
        else:
            theirs = found.accepted if tracked == "accept" else found.original
        if base is not None and part_id in base.get("parts", {}):
            was = list(base["parts"][part_id]["text"])
        else:
            was = list(mine)
        plan.changes = three_way(part_id, was, list(theirs), mine)
        if base is None and doc_revision is not None and doc_revision != draft.meta.revision:
            for change in plan.changes:
                change.status = "conflict"
        plan.tracked = list(found.changes)
        plan.formatting = sorted(found.formatting)
    rows = _row_edits(base, reviewed.tables) if base is not None else []
    known = {(a, t) for a, t in (base or {}).get("comments", [])}
    comments = [
        c for c in reviewed.comments if (c.author, c.text) not in known and c.author != L.COMMENT_AUTHOR
    ]
    return ImportPlan(
        parts=parts,
        comments=comments,
        rows=rows,
        outside=list(reviewed.outside),
        problems=problems,
        three_way=three,
        tracked_mode=tracked,
    )


def _row_edits(base: dict[str, Any], tables: dict[str, list[list[str]]]) -> list[RowEdit]:
    out: list[RowEdit] = []
    for table_id, old_rows in base.get("tables", {}).items():
        new_rows = tables.get(table_id, [])
        old = [tuple(r) for r in old_rows]
        new = [tuple(r) for r in new_rows]
        for i1, i2, j1, j2 in _hunks(old, new):
            paired = min(i2 - i1, j2 - j1)
            for k in range(paired):
                out.append(RowEdit(table_id, "changed", old[i1 + k], new[j1 + k]))
            for i in range(i1 + paired, i2):
                out.append(RowEdit(table_id, "removed", old[i], ()))
            for j in range(j1 + paired, j2):
                out.append(RowEdit(table_id, "added", (), new[j]))
    return out


def comment_notes(draft: Dossier, plan: ImportPlan, source: str = "") -> list[Note]:
    """The reviewers' comments as notes, leaving out those the draft already holds."""
    held = {(n.author, n.text, n.anchor) for n in draft.notes}
    out: list[Note] = []
    for comment in plan.comments:
        key = (comment.author, comment.text, comment.anchor)
        if key in held:
            continue
        held.add(key)
        try:
            when = datetime.fromisoformat(comment.date) if comment.date else None
        except ValueError:
            when = None
        out.append(
            Note(
                part=comment.part or form.META.id,
                paragraph=comment.paragraph,
                anchor=comment.anchor,
                author=comment.author,
                date=when,
                text=comment.text,
                resolved=comment.resolved,
                source=source,
            )
        )
    return out


def apply_plan(
    draft: Dossier,
    plan: ImportPlan,
    chosen: set[tuple[str, int]] | None = None,
    *,
    notes: list[Note] | None = None,
) -> tuple[Dossier, list[str], int]:
    """The draft with the plan's changes (and ``notes``) in it: (new draft, messages, changes applied).

    ``chosen`` names the changes to apply as (part, number); by default every change
    marked "apply". A conflict is applied only when chosen (the TUI lets the official
    choose the reviewer's side). The draft given is not modified.
    """
    new = draft.model_copy(deep=True)
    new.notes.extend(n.model_copy() for n in notes or [])
    messages: list[str] = []
    applied = 0
    for part in plan.parts:
        edits = []
        for change in part.changes:
            wanted = (part.part, change.number) in chosen if chosen is not None else change.status == "apply"
            if wanted and change.status != "already":
                edits.append((change.at[0], change.at[1], change.theirs))
        if not edits:
            continue
        section = new.part(part.part)
        text = replace_paragraphs(section.text, edits)
        if text is None:
            messages.append(
                _(
                    "“{part}”: the changes could not be placed exactly in the draft; it was left as it is."
                ).format(part=part.title)
            )
            continue
        section.text = text
        applied += len(edits)
    return new, messages, applied


__all__ = ["Change", "ImportPlan", "PartPlan", "RowEdit", "apply_plan", "build_plan", "form"]


# ----------------------------------------------------------------------------- the report


def report_lines(plan: ImportPlan, *, color: bool = False, applied: bool = False) -> list[str]:
    """The plan in plain lines, part by part (``[-removed-]{+added+}``, or colours)."""
    from dossier.core.diff import render_text

    out: list[str] = []
    if plan.three_way:
        out.append(
            _("The draft changed since this document was exported: edits made in dossier meanwhile are kept.")
        )
    for problem in plan.problems:
        out.append(_("Note: {problem}").format(problem=problem))
    status_words = {
        "apply": _("applied") if applied else _("will be applied"),
        "already": _("already in the draft"),
        "conflict": _("conflict: the draft changed this too; left as it is"),
        "rejected": _("not applied"),
    }
    for part in plan.parts:
        if not part.has_news:
            continue
        out.append("")
        out.append(f"== {part.title} ==")
        if part.problem:
            out.append("  " + part.problem)
        for change in part.changes:
            out.append(
                "  "
                + _("Change {number} ({status}):").format(
                    number=change.number, status=status_words[change.status]
                )
            )
            for line in render_text(change.chunks(), color=color):
                out.append(f"    {line}")
            if change.status == "conflict":
                out.append("    " + _("The draft now reads, against the document:"))
                for line in render_text(change.conflict_chunks(), color=color):
                    out.append(f"    {line}")
        if part.tracked:
            if plan.tracked_mode == "accept":
                out.append("  " + _("Tracked changes (accepted):"))
            elif plan.tracked_mode == "reject":
                out.append("  " + _("Tracked changes (ignored):"))
            else:
                out.append(
                    "  " + _("Tracked changes (proposals, not applied; --accept-changes applies them):")
                )
            for tracked in part.tracked:
                line = (
                    _("inserted by {author}: {text}")
                    if tracked.kind == "inserted"
                    else _("deleted by {author}: {text}")
                ).format(author=tracked.author or _("(no name)"), text=tracked.text)
                out.append(f"    {line}")
        if part.formatting:
            out.append(
                "  "
                + _("Formatting not kept (the draft holds plain text): {what}.").format(
                    what=", ".join(part.formatting)
                )
            )
    if plan.rows:
        out.append("")
        out.append(_("Table rows changed in the document (not applied: change them in dossier):"))
        for row in plan.rows:
            old, new = " | ".join(row.old), " | ".join(row.new)
            if row.kind == "added":
                out.append("  + " + new)
            elif row.kind == "removed":
                out.append("  - " + old)
            else:
                out.append("  ~ " + " ⏎ ".join(render_text(word_diff(old, new), color=color, context=10**9)))
    if plan.comments:
        out.append("")
        out.append(_("Comments:"))
        for comment in plan.comments:
            where = comment.anchor.replace("\n", " ⏎ ")
            out.append(
                "  "
                + _("{author}, {date}, on “{anchor}”: {text}").format(
                    author=comment.author or _("(no name)"),
                    date=comment.date[:10],
                    anchor=where,
                    text=comment.text,
                )
            )
    if plan.outside:
        out.append("")
        out.append(_("Text outside every part (not imported):"))
        out.extend(f"  {text}" for text in plan.outside)
    if plan.nothing:
        out.append(_("No change: the document says what the draft says."))
    return out
