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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any, Literal

from dossier.core import form
from dossier.core.diff import Chunk, word_diff
from dossier.core.form import TEXT_PARTS
from dossier.core.i18n import N_, _, follow, pgettext, wording
from dossier.core.model import Dossier, Initiative, Note, SdgTarget
from dossier.core.wordcount import paragraphs
from dossier.export import labels as L
from dossier.export import tables
from dossier.export.reviewed import TABLE_OWNER, Comment, Reviewed, TrackedChange
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
    column: Literal["text", "working"] = "text"
    """Which text it changes: the part's text, or (a review copy's left column) its working text."""

    def chunks(self) -> list[Chunk]:
        """Word by word, from the text it replaces to the reviewer's."""
        return word_diff("\n".join(self.base), "\n".join(self.theirs))

    def conflict_chunks(self) -> list[Chunk]:
        """Word by word, from the draft's text now to the reviewer's (for a conflict)."""
        return word_diff("\n".join(self.mine), "\n".join(self.theirs))

    def as_data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "column": self.column,
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

    def as_data(self, accepted: set[int] | None = None) -> dict[str, Any]:
        """``accepted``: the numbers of its tracked changes taken."""
        accepted = accepted or set()
        return {
            "part": self.part,
            "title": self.title,
            "found": self.found,
            "found_by": self.found_by,
            "changes": [c.as_data() for c in self.changes],
            "tracked_changes": [proposal_data(t, t.number in accepted) for t in self.tracked],
            "formatting_not_kept": self.formatting,
            "problem": self.problem,
        }


@dataclass(slots=True)
class RowEdit:
    """A row of the SDG or action-plan table the reviewer added, removed or changed.

    Placed in the draft like a text change (see :func:`table_edits`): ``item`` is the
    draft's item it changes or removes (its index in the draft's list), or for a row
    added, where it goes in that list; ``values`` what it sets (every field, for a row
    added); ``unread`` the cells that could not be read back, each with why (not applied).
    """

    table: str
    kind: Literal["added", "removed", "changed"]
    old: tuple[str, ...]
    new: tuple[str, ...]
    number: int = 0
    status: Status = "apply"
    mine: tuple[str, ...] = ()
    """The draft's row now where it differs from the export's (a conflict), else ``old``."""
    item: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)

    def chunks(self) -> list[Chunk]:
        """Cell by cell, word by word, from the exported row to the reviewer's."""
        return word_diff(" | ".join(self.old), " | ".join(self.new))

    def conflict_chunks(self) -> list[Chunk]:
        """From the draft's row now to the reviewer's (for a conflict)."""
        return word_diff(" | ".join(self.mine), " | ".join(self.new))

    def as_data(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "number": self.number,
            "kind": self.kind,
            "status": self.status,
            "old": list(self.old),
            "new": list(self.new),
            "draft": list(self.mine),
            "values": self.values,
            "not_read": self.unread,
        }


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
    table_tracked: dict[str, list[TrackedChange]] = field(default_factory=dict)
    """Tracked changes in the tables' cells, per table (proposals, as in the text)."""
    accepted: dict[str, set[int]] = field(default_factory=dict)
    """Per part or table, the numbers of its tracked changes taken (``--accept-changes``, or
    chosen one by one in the TUI); a part or table with none taken is left out."""

    def is_accepted(self, where: str, proposal: TrackedChange) -> bool:
        return proposal.number in self.accepted.get(where, set())

    def changes(self, status: Status | None = None) -> list[Change]:
        return [c for p in self.parts for c in p.changes if status is None or c.status == status]

    @property
    def nothing(self) -> bool:
        """No change, proposal, comment or problem at all: the round trip changed nothing."""
        return not (
            any(p.has_news for p in self.parts)
            or self.comments
            or self.rows
            or any(self.table_tracked.values())
            or self.outside
            or self.problems
        )

    def as_data(self) -> dict[str, Any]:
        return {
            "three_way": self.three_way,
            "tracked_changes": self.tracked_mode,
            "no_change": self.nothing,
            "parts": [p.as_data(self.accepted.get(p.part, set())) for p in self.parts if p.has_news],
            "rows": [r.as_data() for r in self.rows],
            "table_tracked_changes": {
                table: [proposal_data(t, self.is_accepted(table, t), "row") for t in changes]
                for table, changes in self.table_tracked.items()
                if changes
            },
            "comments": [
                {
                    "author": c.author,
                    "date": c.date,
                    "text": c.text,
                    "anchor": c.anchor,
                    "part": c.part,
                    "paragraph": c.paragraph,
                    "column": c.column,
                    "resolved": c.resolved,
                }
                for c in self.comments
            ],
            "outside_parts": self.outside,
            "problems": self.problems,
        }


def proposal_data(proposal: TrackedChange, accepted: bool, place: str = "paragraph") -> dict[str, Any]:
    """One tracked change as ``--json`` gives it (``place``: what its index counts, a
    paragraph of its text or a row of its table)."""
    data: dict[str, Any] = {
        "number": proposal.number,
        "kind": proposal.kind,
        "author": proposal.author,
        "date": proposal.date,
        "text": proposal.text,
        place: proposal.paragraph,
        "accepted": accepted,
    }
    if place == "paragraph":
        data["column"] = proposal.column
    return data


def formatting_line(kinds: Iterable[str]) -> str:
    """What a part's document holds that the draft cannot (bold, a picture…), in one sentence."""
    return _("Formatting not kept (the draft holds plain text): {what}.").format(
        what=pgettext("between the items of a list", ", ").join(_(kind) for kind in kinds)
    )


def proposal_line(proposal: TrackedChange, *, in_table: bool = False) -> str:
    """One tracked change in a line: who proposed what, and where when it is not the part's
    text (the working text, a table's row)."""
    line = (
        _("inserted by {author}: {text}") if proposal.kind == "inserted" else _("deleted by {author}: {text}")
    ).format(author=proposal.author or _("(no name)"), text=proposal.text)
    if in_table:
        return follow(line, _("(row {number})").format(number=proposal.paragraph))
    if proposal.column == "working":
        return follow(line, _("(working text)"))
    return line


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


class Ours:
    """The draft's own edits since the export (base → mine), where the reviewer's are placed.

    The one view of "what did the draft do meanwhile" that both walks use: the text's
    paragraphs (:func:`three_way`) and the tables' rows (:func:`table_edits`).
    """

    def __init__(
        self,
        base: Sequence[Any],
        mine: Sequence[Any],
        hunks: Callable[[Sequence[Any], Sequence[Any]], list[tuple[int, int, int, int]]] = _hunks,
    ) -> None:
        self.hunks = hunks(base, mine)
        """(base start, base end, draft start, draft end) of each place the draft changed."""
        self.size = len(base)

    def clashing(self, b1: int, b2: int) -> list[tuple[int, int, int, int]]:
        """The draft's edits that touch base items ``[b1, b2)``."""
        return [h for h in self.hunks if _touches(b1, b2, h[0], h[1])]

    def to_mine(self, position: int, *, end: bool = False) -> int:
        """Where the boundary before base item ``position`` is in the draft now.

        The draft's own changes before it shift it; an insertion the draft made right at it
        counts as before it only for the ``end`` of a region (so a region takes it in).
        """
        shift = 0
        for b1, b2, c1, c2 in self.hunks:
            if b2 < position or (b2 == position and (b1 < b2 or end)):
                shift += (c2 - c1) - (b2 - b1)
        return position + shift

    def kept(self, b: int) -> int | None:
        """The draft's index of base item ``b`` when the draft left it as exported, else None."""
        if not 0 <= b < self.size or any(b1 <= b < b2 for b1, b2, _c1, _c2 in self.hunks):
            return None
        return self.to_mine(b, end=True)

    def now(self, b: int) -> int | None:
        """The draft's item where the draft changed base item ``b`` (None: left, or removed)."""
        for b1, b2, m1, m2 in self.hunks:
            if b1 <= b < b2:
                k = m1 + (b - b1)
                return k if k < m2 else None
        return None

    def added(self) -> list[int]:
        """The draft's items that are not base items left as they were."""
        return [k for _b1, _b2, m1, m2 in self.hunks for k in range(m1, m2)]


def three_way(part: str, base: list[str], theirs: list[str], mine: list[str]) -> list[Change]:
    """The reviewer's changes (base → theirs), each placed in ``mine`` or marked a conflict."""
    ours = Ours(base, mine, _paragraph_hunks)
    out: list[Change] = []
    for number, (b1, b2, t1, t2) in enumerate(_paragraph_hunks(base, theirs), start=1):
        clashing = ours.clashing(b1, b2)
        new = list(theirs[t1:t2])
        if clashing:
            lo = min(b1, *(h[0] for h in clashing))
            hi = max(b2, *(h[1] for h in clashing))
            c1 = ours.to_mine(lo)
            c2 = ours.to_mine(hi, end=True)
            mine_now = list(mine[c1:c2])
            theirs_region = list(base[lo:b1]) + new + list(base[b2:hi])
            status: Status = "already" if mine_now == theirs_region else "conflict"
            out.append(Change(part, number, list(base[b1:b2]), new, mine_now, status, (c1, c2)))
            continue
        c1 = ours.to_mine(b1)
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
    taken: dict[str, set[int]] = {}
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
        working = reviewed.working_parts.get(part_id)
        proposals = [*found.changes, *(working.changes if working is not None else [])]
        taking = _taking(part_id, proposals, tracked, accepted)
        if taking:
            taken[part_id] = taking
        theirs = found.text_with(taking)
        if base is not None and part_id in base.get("parts", {}):
            was = list(base["parts"][part_id]["text"])
        else:
            was = list(mine)
        plan.changes = three_way(part_id, was, list(theirs), mine)
        if part_id in reviewed.working:  # a review copy: its left column, the working text
            mine_w, _spans = draft_paragraphs(draft.part(part_id).working_text or "")
            base_part = (base or {}).get("parts", {}).get(part_id, {})
            was_w = list(base_part["working"]) if "working" in base_part else list(mine_w)
            theirs_w = working.text_with(taking) if working is not None else reviewed.working[part_id]
            for change in three_way(part_id, was_w, list(theirs_w), mine_w):
                change.number = len(plan.changes) + 1
                change.column = "working"
                plan.changes.append(change)
        if base is None and doc_revision is not None and doc_revision != draft.meta.revision:
            for change in plan.changes:
                change.status = "conflict"
        plan.tracked = proposals
        in_tables = [kinds for tbl, kinds in reviewed.table_formatting.items() if TABLE_OWNER[tbl] == part_id]
        plan.formatting = sorted(
            found.formatting.union(working.formatting if working is not None else (), *in_tables)
        )
    rows: list[RowEdit] = []
    table_tracked: dict[str, list[TrackedChange]] = {}
    stale = base is None and doc_revision is not None and doc_revision != draft.meta.revision
    for table in (tables.SDG_TABLE, tables.PLAN_TABLE):
        if table not in reviewed.tables:  # its heading was not found: nothing is guessed
            continue
        table_tracked[table] = list(reviewed.table_changes.get(table, []))
        taking = _taking(table, table_tracked[table], tracked, accepted)
        if taking:
            taken[table] = taking
        theirs_table = reviewed.table_with(table, taking)
        base_table = (base or {}).get("tables", {}).get(table) if base is not None else None
        if base is not None and base_table is None:
            continue  # the export wrote no table here: a reviewer's own table is not read
        edits, notes = table_edits(draft, table, base_table, theirs_table, all_conflict=stale)
        rows.extend(edits)
        problems.extend(notes)
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
        table_tracked=table_tracked,
        accepted=taken,
    )


def _taking(
    where: str, proposals: list[TrackedChange], tracked: Tracked, accepted: dict[str, set[int]] | None
) -> set[int]:
    """The numbers of the tracked changes of a part or table to take: those chosen one by
    one when ``accepted`` names it, else all (``--accept-changes``) or none."""
    if accepted is not None and where in accepted:
        return {t.number for t in proposals if t.number in accepted[where]}
    return {t.number for t in proposals} if tracked == "accept" else set()


def table_title(table: str) -> str:
    """The table's heading in the interface's language."""
    return _(L.SDG_TARGETS) if table == tables.SDG_TABLE else _(L.ACTION_PLAN)


def table_edits(
    draft: Dossier,
    table: str,
    base_table: list[list[str]] | None,
    theirs_table: list[list[str]],
    *,
    all_conflict: bool = False,
) -> tuple[list[RowEdit], list[str]]:
    """The reviewer's row edits of one table, each placed in the draft or marked a conflict.

    Three row lists meet, as for the text: the export's (``base_table``; None when the
    document no longer holds it: the draft now stands in), the reviewer's, and the draft's
    now written as the export would (:func:`dossier.export.tables.draft_rows`). A row the
    draft left as exported takes the reviewer's change; a row the draft changed too is a
    conflict, or "already" when both made the same change. Returns (edits, problems).
    """
    language = draft.meta.language
    mine_rows = tables.draft_rows(draft, table)
    mine = [r.cells for r in mine_rows]
    base = tables.item_rows(base_table, table) if base_table is not None else list(mine)
    theirs = tables.item_rows(theirs_table, table)
    problems: list[str] = []
    if base_table is not None and tables.other_rows(base_table, table) != tables.other_rows(
        theirs_table, table
    ):
        problems.append(
            _(
                "The header or total rows of “{table}” were changed in the document: dossier writes "
                "them from the rows; not applied."
            ).format(table=table_title(table))
        )
    ours = Ours(base, mine)
    added_in_draft = [mine[k] for k in ours.added()]

    def read(cells: tuple[str, ...], columns: Iterable[int]) -> tuple[dict[str, Any], list[str]]:
        values: dict[str, Any] = {}
        unread: list[str] = []
        w = wording(language)
        for column in columns:
            try:
                values.update(tables.parse_cell(table, column, cells[column], language))
            except tables.CellError as exc:
                unread.append(
                    _("{column} “{text}”: {why}").format(
                        column=tables.column_name(table, column, w), text=cells[column], why=exc
                    )
                )
        return values, unread

    out: list[RowEdit] = []

    def add(edit: RowEdit) -> None:
        edit.number = len(out) + 1
        if all_conflict and edit.status == "apply":
            edit.status = "conflict"
        out.append(edit)

    for i1, i2, j1, j2 in _hunks(base, theirs):
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            b, old, new = i1 + k, base[i1 + k], theirs[j1 + k]
            values, unread = read(new, [c for c in range(len(new)) if c >= len(old) or old[c] != new[c]])
            kept = ours.kept(b)
            if kept is not None:
                edit = RowEdit(table, "changed", old, new, mine=old, item=mine_rows[kept].item)
                edit.status = "apply" if values else "rejected"
            else:
                at = ours.now(b)
                current = mine[at] if at is not None else ()
                item = mine_rows[at].item if at is not None else None
                status: Status = "already" if current == new else "conflict"
                edit = RowEdit(table, "changed", old, new, status=status, mine=current, item=item)
            edit.values, edit.unread = values, unread
            add(edit)
        for b in range(i1 + paired, i2):
            kept = ours.kept(b)
            if kept is not None:
                add(RowEdit(table, "removed", base[b], (), mine=base[b], item=mine_rows[kept].item))
                continue
            at = ours.now(b)
            if at is None:
                add(RowEdit(table, "removed", base[b], (), status="already"))
            else:
                add(
                    RowEdit(
                        table,
                        "removed",
                        base[b],
                        (),
                        status="conflict",
                        mine=mine[at],
                        item=mine_rows[at].item,
                    )
                )
        after = i1 + paired - 1  # the base row the added rows follow (-1: the first rows)
        for j in range(j1 + paired, j2):
            new = theirs[j]
            if new in added_in_draft:
                add(RowEdit(table, "added", (), new, status="already"))
                continue
            before, first = ours.kept(after), ours.kept(0)
            if table == tables.SDG_TABLE:  # the export lists goals in their order: the draft's is free
                position = len(mine_rows)
            elif after >= 0 and before is not None:
                position = mine_rows[before].item + 1
            elif after < 0 and first is not None:
                position = mine_rows[first].item
            else:
                position = len(mine_rows)
            values, unread = read(new, range(len(new)))
            edit = RowEdit(table, "added", (), new, item=position, values=values, unread=unread)
            if table == tables.SDG_TABLE and "goal" not in values:
                edit.status = "rejected"  # a target without its goal is no target
            add(edit)
    return out, problems


def _apply_rows(new: Dossier, rows: list[RowEdit], wanted: set[int], messages: list[str]) -> int:
    """Put the row edits numbered in ``wanted`` of one table into ``new``; the number applied."""
    if not rows:
        return 0
    table = rows[0].table
    model: type[SdgTarget] | type[Initiative]
    if table == tables.SDG_TABLE:
        items: list[Any] = list(new.sections.sdg_goals.targets)
        model = SdgTarget
    else:
        items = list(new.sections.contribution.initiatives)
        model = Initiative
    updates: dict[int, dict[str, Any]] = {}
    deletes: set[int] = set()
    inserts: list[tuple[int, dict[str, Any]]] = []
    applied = 0
    for row in rows:
        if row.number not in wanted or row.status == "already" or row.status == "rejected":
            continue
        if row.item is None:
            continue
        if row.kind == "changed" and row.values:
            updates.setdefault(row.item, {}).update(row.values)
        elif row.kind == "removed":
            deletes.add(row.item)
        elif row.kind == "added":
            values = dict(row.values)
            if model is Initiative and "currency" not in values and items:
                values["currency"] = items[0].currency
            inserts.append((row.item, values))
        else:
            continue
        applied += 1
    result: list[Any] = []

    def build(values: dict[str, Any], was: Any = None) -> Any:
        try:
            return model.model_validate({**(was.model_dump() if was is not None else {}), **values})
        except ValueError:
            messages.append(
                _("“{table}”: a row could not be put in the draft; it was left as it is.").format(
                    table=table_title(table)
                )
            )
            return was

    for i, item in enumerate([*items, None]):
        for position, values in inserts:
            if position == i or (item is None and position > i):
                built = build(values)
                if built is not None:
                    result.append(built)
        if item is None or i in deletes:
            continue
        result.append(build(updates[i], item) if i in updates else item)
    if table == tables.SDG_TABLE:
        new.sections.sdg_goals.targets = result
    else:
        new.sections.contribution.initiatives = result
    return applied


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
                column=comment.column if comment.paragraph is not None else "text",
                anchor=comment.anchor,
                author=comment.author,
                date=when,
                text=comment.text,
                resolved=comment.resolved,
                source=source,
            )
        )
    return out


UNPLACED = N_("“{part}”: the changes could not be placed exactly in the draft; it was left as it is.")


def apply_plan(
    draft: Dossier,
    plan: ImportPlan,
    chosen: set[tuple[str, int]] | None = None,
    *,
    notes: list[Note] | None = None,
) -> tuple[Dossier, list[str], int]:
    """The draft with the plan's changes (and ``notes``) in it: (new draft, messages, changes applied).

    ``chosen`` names the changes to apply as (part, number), and the table rows as
    (table, number); by default every change and row marked "apply". A conflict is
    applied only when chosen (the TUI lets the official choose the reviewer's side). The
    draft given is not modified.
    """
    new = draft.model_copy(deep=True)
    new.notes.extend(n.model_copy() for n in notes or [])
    messages: list[str] = []
    applied = 0
    for part in plan.parts:
        for column in ("text", "working"):
            edits = []
            for change in part.changes:
                if change.column != column:
                    continue
                wanted = (
                    (part.part, change.number) in chosen if chosen is not None else change.status == "apply"
                )
                if wanted and change.status != "already":
                    edits.append((change.at[0], change.at[1], change.theirs))
            if not edits:
                continue
            section = new.part(part.part)
            before = section.text if column == "text" else section.working_text or ""
            text = replace_paragraphs(before, edits)
            if text is None:
                messages.append(_(UNPLACED).format(part=part.title))
                continue
            if column == "text":
                section.text = text
            else:
                section.working_text = text
            applied += len(edits)
    for table in (tables.SDG_TABLE, tables.PLAN_TABLE):
        rows = [r for r in plan.rows if r.table == table]
        numbers = {
            r.number
            for r in rows
            if ((table, r.number) in chosen if chosen is not None else r.status == "apply")
        }
        applied += _apply_rows(new, rows, numbers, messages)
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
            heading = (
                _("Change {number} to the working text ({status}):")
                if change.column == "working"
                else _("Change {number} ({status}):")
            )
            out.append("  " + heading.format(number=change.number, status=status_words[change.status]))
            for line in render_text(change.chunks(), color=color):
                out.append(f"    {line}")
            if change.status == "conflict":
                out.append("    " + _("The draft now reads, against the document:"))
                for line in render_text(change.conflict_chunks(), color=color):
                    out.append(f"    {line}")
        out.extend(_proposal_lines(plan, part.part, part.tracked))
        if part.formatting:
            out.append("  " + formatting_line(part.formatting))
    for table in (tables.SDG_TABLE, tables.PLAN_TABLE):
        rows = [r for r in plan.rows if r.table == table]
        in_cells = plan.table_tracked.get(table, [])
        if not rows and not in_cells:
            continue
        out.append("")
        out.append(f"== {table_title(table)} ==")
        for row in rows:
            kind = {"added": _("Row added"), "removed": _("Row removed"), "changed": _("Row changed")}[
                row.kind
            ]
            status = (
                _("not applied: nothing in it could be read")
                if row.status == "rejected"
                else status_words[row.status]
            )
            out.append(
                "  " + _("{kind} {number} ({status}):").format(kind=kind, number=row.number, status=status)
            )
            out.append("    " + " ⏎ ".join(render_text(row.chunks(), color=color, context=10**9)))
            if row.status == "conflict":
                out.append("    " + _("The draft now reads, against the document:"))
                out.append(
                    "    " + " ⏎ ".join(render_text(row.conflict_chunks(), color=color, context=10**9))
                )
            for reason in row.unread:
                out.append("    " + _("Not applied, {reason}").format(reason=reason))
        out.extend(_proposal_lines(plan, table, in_cells, in_table=True))
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


def _proposal_lines(
    plan: ImportPlan, where: str, proposals: list[TrackedChange], *, in_table: bool = False
) -> list[str]:
    """A part's or a table's tracked changes for the report: what became of them, one a line."""
    if not proposals:
        return []
    taken = plan.accepted.get(where, set())
    if plan.tracked_mode == "reject" and not taken:
        heading = _("Tracked changes (ignored):")
    elif taken and len(taken) == len(proposals):
        heading = _("Tracked changes (accepted):")
    elif taken:
        heading = _("Tracked changes (those marked ✓ accepted):")
    else:
        heading = _("Tracked changes (proposals, not applied; --accept-changes applies them):")
    partly = bool(taken) and len(taken) < len(proposals)
    return ["  " + heading] + [
        "    "
        + (("✓ " if p.number in taken else "· ") if partly else "")
        + proposal_line(p, in_table=in_table)
        for p in proposals
    ]
