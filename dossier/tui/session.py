"""One open draft: the model, its profile, its file, and what the sidebar says about each part.

Kept free of Textual so the bookkeeping (dirty state, word counts, statuses) can be
tested directly and stays cheap on the typing path: :meth:`Session.set_text` does one
word count and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

from dossier.core import form
from dossier.core.form import REQUIRED_BASIC, TEXT_PARTS
from dossier.core.model import Dossier, Note, SdgTarget
from dossier.core.profiles import Profile
from dossier.core.rules import NEAR_LIMIT, Finding, Report, count_findings, is_no_information
from dossier.core.translation import TranslationState, paragraph_hashes, translation_state
from dossier.core.wordcount import LineCounter
from dossier.storage.drafts import LoadedDraft
from dossier.storage.open_draft import OpenDraft

Status = Literal["empty", "progress", "complete", "error"]
Level = Literal["ok", "near", "over"]

ENTRIES: tuple[str, ...] = form.PART_IDS
"""The sidebar's entries, in the form's order."""

ERROR_CAP = 0.9
"""The most a part with errors shows as done (its bar stops short, in the error colour)."""

COUNT_CODES = frozenset({"empty", "over-limit", "near-limit", "short"})
TRANSLATION_CODES = frozenset({"translation-outdated", "translation-missing"})
"""Findings that say a part's translation is behind its working text (from the last check)."""
"""Findings that follow from the word count alone: recomputed live, not taken from the last check."""


@dataclass(frozen=True, slots=True)
class PartState:
    """What the sidebar and the overview show for one entry."""

    status: Status
    words: int | None
    max_words: int | None
    min_words: int | None
    errors: int
    warnings: int
    done: int
    total: int
    """Progress towards complete: words towards the minimum, fields filled, attachments ready."""
    translation_behind: bool = False
    """The submission text is behind the working text (out of date or not all translated)."""

    @property
    def level(self) -> Level:
        if self.words is None or not self.max_words:
            return "ok"
        if self.words > self.max_words:
            return "over"
        if self.words >= NEAR_LIMIT * self.max_words:
            return "near"
        return "ok"

    @property
    def fraction(self) -> float:
        """Progress towards complete; a part with errors is not complete, so never shows full."""
        done = 1.0 if self.total <= 0 else min(1.0, self.done / self.total)
        return min(done, ERROR_CAP) if self.errors else done


def entry_for(part: str) -> str:
    """The sidebar entry where findings of ``part`` are shown (the draft's own go with basic)."""
    return form.BASIC.id if part == form.META.id else part


def _dig(draft: Dossier, dotted: str) -> str:
    value: object = draft.basic
    for name in dotted.split("."):
        value = getattr(value, name, "")
    return str(value or "").strip()


class Session:
    """The draft being edited and everything known about it."""

    def __init__(
        self,
        loaded: LoadedDraft,
        profile: Profile,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.file = OpenDraft(loaded)
        """The file's life (lock, saves, recovery copy); the app asks it, never sets it."""
        self.profile = profile
        self.clock = clock or (lambda: datetime.now(UTC))
        self.report = Report()
        self.checked = False
        """False until the first full check has run (statuses then rely on counts only)."""
        self._count_cache: dict[str, tuple[int, list[Finding]]] = {}
        """Each part's count findings and the edit generation they were worked out at."""
        self._report_serial = 0
        """Counts the reports applied: with the edit generation, says when a memo is stale."""
        self._memo: dict[tuple[str, str], tuple[tuple[int, int], object]] = {}
        """``findings_for`` and the text parts' ``state``, by (method, entry), with the
        (generation, report) they were worked out at: a keystroke asks each two or three
        times (count line, sidebar, findings list)."""
        self._counters = {part: LineCounter() for part in TEXT_PARTS}
        """Per part, so a keystroke recounts one line, not a whole 10,000-word section."""
        self._working_counters = {part: LineCounter() for part in TEXT_PARTS}
        self._working_hashes: dict[str, tuple[str, list[str]]] = {}
        """Per part, the working text the hashes were taken of and its paragraph hashes: a key
        in the submission text records them without hashing the working text again."""
        self.words: dict[str, int] = {}
        self.working_words: dict[str, int] = {}
        self.unticked_goals: dict[int, list[SdgTarget]] = {}
        """SDG targets whose goal was unticked in the picker: out of the draft (so neither saved
        nor exported) but restored, horizon and outcome, if the goal is ticked again."""
        self.recount()

    # -- the file, as the widgets read it
    @property
    def draft(self) -> Dossier:
        return self.file.draft

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @property
    def read_only_reason(self) -> str:
        return self.file.read_only_reason

    @property
    def dirty(self) -> bool:
        return self.file.dirty

    # -- edits
    def edited(self) -> None:
        self.file.edited()

    def set_text(self, part: str, text: str, lines: Sequence[str] | None = None) -> int:
        """Store a part's text and return its word count (the only work done per keystroke).

        ``lines`` are the text's lines as the editor holds them (the same text, cut at its
        line breaks): counted from them, a keystroke costs a look-up per line and the count
        of the line it changed, instead of cutting and hashing the whole text again.
        """
        section = self.draft.part(part)
        if section.text != text:
            section.text = text
            self.edited()
            if section.working_text is not None:  # the translation now follows the working text
                self._record(part)
        counter = self._counters[part]
        words = counter.count(text) if lines is None else counter.count_lines(lines)
        self.words[part] = words
        return words

    def set_working_text(self, part: str, text: str) -> int:
        """Store a part's working text and return its count (shown as information only)."""
        section = self.draft.part(part)
        if section.working_text != text:
            section.working_text = text
            self.edited()
        words = self._working_counters[part].count(text)
        self.working_words[part] = words
        return words

    def _record(self, part: str) -> None:
        section = self.draft.part(part)
        working = section.working_text or ""
        cached = self._working_hashes.get(part)
        if cached is None or cached[0] != working:
            cached = (working, paragraph_hashes(working))
            self._working_hashes[part] = cached
        if section.translated_from != cached[1]:
            section.translated_from = list(cached[1])

    def confirm_translation(self, part: str) -> bool:
        """The official says the translation still holds; False when there was nothing to confirm."""
        if not self.translation(part).outdated:
            return False
        self._record(part)
        self.edited()
        return True

    def translation(self, part: str) -> TranslationState:
        """Where the part's submission text is behind its working text, as the draft is now."""
        return translation_state(self.draft.part(part))

    @property
    def bilingual(self) -> bool:
        return self.draft.meta.working_language is not None

    def recount(self) -> None:
        self.words = {part: self._counters[part].count(self.draft.part(part).text) for part in TEXT_PARTS}
        self.working_words = {
            part: self._working_counters[part].count(self.draft.part(part).working_text or "")
            for part in TEXT_PARTS
        }

    def replace_draft(self, draft: Dossier, *, recovered: bool = False) -> None:
        """Edit ``draft`` from now on (a recovery copy taken back, a version restored from the
        history): unsaved until the official saves it."""
        if recovered:
            self.file.recover(draft)
        else:
            self.file.replace(draft)
        self.recount()

    def apply_report(self, report: Report) -> None:
        """A full check finished: its findings are what the sidebar and panes show from now."""
        self.report = report
        self._report_serial += 1
        self.checked = True

    def language_changed(self) -> None:
        """The interface language changed: word the count findings again (the next full check
        rewords the others)."""
        self._count_cache.clear()
        self._memo.clear()

    # -- reviewers' notes
    def open_notes(self, entry: str) -> list[Note]:
        """The reviewers' unresolved notes shown beside an entry's editor (those outside every
        part go with the basic information, as the draft's own findings do)."""
        return [n for n in self.draft.notes if not n.resolved and entry_for(n.part) == entry]

    def resolve_note(self, note_id: str) -> bool:
        """Mark a note resolved (an edit like any other: saved, and not exported again as a
        Word comment); False when there is no such open note."""
        for note in self.draft.notes:
            if note.id == note_id and not note.resolved:
                note.resolved = True
                self.edited()
                return True
        return False

    # -- findings and states
    def _recall(self, what: str, entry: str) -> object | None:
        memo = self._memo.get((what, entry))
        if memo is not None and memo[0] == (self.file.generation, self._report_serial):
            return memo[1]
        return None

    def _remember(self, what: str, entry: str, value: object) -> None:
        self._memo[(what, entry)] = ((self.file.generation, self._report_serial), value)

    def findings_for(self, entry: str) -> list[Finding]:
        """Findings shown under an entry's editor; word-count ones are recomputed live."""
        known = self._recall("findings", entry)
        if known is not None:
            return list(cast("list[Finding]", known))
        found = self._findings_for(entry)
        self._remember("findings", entry, found)
        return list(found)

    def _findings_for(self, entry: str) -> list[Finding]:
        parts = (form.META.id, entry) if entry == form.BASIC.id else (entry,)
        found = [f for f in self.report.findings if f.part in parts]
        if entry in TEXT_PARTS:
            found = [f for f in found if f.code not in COUNT_CODES]
            live = self.count_findings(entry)
            errors = [f for f in found if f.is_error]
            found = [*[f for f in live if f.is_error], *errors, *[f for f in live if not f.is_error]] + [
                f for f in found if not f.is_error
            ]
        return found

    def count_findings(self, part: str) -> list[Finding]:
        """The word-count findings of a part, from the live count: the rules' own function.

        Kept until the next edit: a keystroke shows them in the count line, the sidebar and
        the findings list, and they are worked out once for the three.
        """
        cached = self._count_cache.get(part)
        if cached is not None and cached[0] == self.file.generation:
            return cached[1]
        found = count_findings(
            self.profile.section(part),
            self.draft.part(part).text,
            self.words[part],
            dossier_language=self.draft.meta.language,  # the "nothing to report" phrase UNESCO reads
        )
        self._count_cache[part] = (self.file.generation, found)
        return found

    def state(self, entry: str) -> PartState:
        """Status mark, count and progress of one sidebar entry."""
        if entry in TEXT_PARTS:  # follows from the text, the count and the report alone
            known = self._recall("state", entry)
            if known is not None:
                return cast(PartState, known)
            state = self._state(entry)
            self._remember("state", entry, state)
            return state
        return self._state(entry)

    def _state(self, entry: str) -> PartState:
        findings = self.findings_for(entry)
        kind = form.part(entry).kind
        if kind == "info":
            findings = [f for f in findings if f.part == entry]
        errors = sum(f.is_error for f in findings)
        warnings = len(findings) - errors
        if entry in TEXT_PARTS:
            spec = self.profile.section(entry)
            words = self.words[entry]
            text = self.draft.part(entry).text
            if words == 0:
                status: Status = "empty"
            elif errors:
                status = "error"
            elif words >= spec.min_words or is_no_information(text):
                status = "complete"
            else:
                status = "progress"
            return PartState(
                status,
                words,
                spec.max_words,
                spec.min_words,
                errors,
                warnings,
                min(words, spec.min_words),
                spec.min_words,
                any(f.code in TRANSLATION_CODES for f in findings),
            )
        if kind == "info":
            filled = sum(bool(_dig(self.draft, name)) for name in REQUIRED_BASIC)
            blank = not any(
                [self.draft.basic.city.strip(), self.draft.basic.country.strip()]
                + [not getattr(self.draft.basic.contacts, role).is_blank() for role in form.CONTACT_ROLE_IDS]
            )
            if blank:
                status = "empty"
            elif errors:
                status = "error"
            elif self.checked or filled == len(REQUIRED_BASIC):
                status = "complete" if filled == len(REQUIRED_BASIC) else "progress"
            else:
                status = "progress"
            return PartState(status, None, None, None, errors, warnings, filled, len(REQUIRED_BASIC))
        # attachments
        specs = [spec for spec in self.profile.attachments if not spec.generated]
        ready = sum(
            1 for spec in specs if (item := self.draft.attachments.get(spec.id)) and item.status == "ready"
        )
        started = any(
            (item := self.draft.attachments.get(spec.id)) and (item.status != "missing" or item.path)
            for spec in specs
        )
        if errors:
            status = "error"
        elif ready == len(specs):
            status = "complete"
        elif started:
            status = "progress"
        else:
            status = "empty"
        return PartState(status, None, None, None, errors, warnings, ready, len(specs))

    def first_needing_work(self) -> str:
        """The first entry, in the form's order, with an error: where a draft opens when it
        remembers no place. Before the first check, a blank required field counts as one."""
        for entry in ENTRIES:
            if (entry == form.BASIC.id and self.first_blank_required()) or self.state(entry).errors:
                return entry
        return TEXT_PARTS[0]

    def first_blank_required(self) -> str | None:
        """The draft location of the first required basic field left blank (``basic.city``)."""
        return next(
            (f"{form.BASIC.path}.{name}" for name in REQUIRED_BASIC if not _dig(self.draft, name)), None
        )

    def totals(self) -> tuple[int, int]:
        """Errors and warnings in the whole draft (count findings taken live)."""
        findings = [f for entry in ENTRIES for f in self.findings_for(entry)]
        errors = sum(f.is_error for f in findings)
        return errors, len(findings) - errors

    def label(self, entry: str, language: str = "en") -> str:
        """The entry's heading, from the profile for text parts."""
        if entry in TEXT_PARTS:
            return self.profile.section(entry).heading(language)
        label = form.part(entry).label
        return label(language) if label else entry

    def days_left(self, when: datetime | None = None) -> int:
        """Whole days to the UNESCO deadline (negative once passed), by calendar date in UTC."""
        now = when or self.clock()
        deadline = self.profile.deadline.date
        return (deadline.astimezone(UTC).date() - now.astimezone(UTC).date()).days
