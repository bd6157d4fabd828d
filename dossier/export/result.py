"""What an export returns or raises; light, so the TUI can import it without python-docx."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossier.core.i18n import _, ngettext


class ExportError(Exception):
    """The export failed; ``str()`` is one plain sentence naming the file and the reason.

    Raised for a template that is missing, unreadable or lacks a style, an output that
    cannot be written (folder missing, no permission, disk full) and an output that
    would replace the draft itself. An existing document is never damaged.
    """


@dataclass(frozen=True, slots=True)
class ExportResult:
    """A finished export: where it went and what the official should know about it."""

    path: Path
    removed: list[tuple[str, int]] = field(default_factory=list)
    """(location in the draft, count) of XML-forbidden characters that were dropped."""
    comments: int = 0
    """Validation findings written as Word comments."""
    replaced: bool = False
    """True when an existing file at ``path`` was replaced."""
    version: int | None = None
    """The history version the document shows (in its properties), or None when it shows text
    that is not a recorded version."""

    @property
    def removed_total(self) -> int:
        return sum(count for _, count in self.removed)

    def summary(self) -> str:
        """One plain sentence in the interface language, e.g. ``Wrote x.docx (3 findings as comments).``"""
        details = [
            ngettext("{count} finding as comments", "{count} findings as comments", self.comments).format(
                count=self.comments
            )
        ]
        if self.removed:
            where = ", ".join(f"{location} {count}" for location, count in self.removed)
            total = self.removed_total
            details.append(
                ngettext(
                    "{count} character removed: {where}", "{count} characters removed: {where}", total
                ).format(count=total, where=where)
            )
        template = _("Replaced {path} ({details}).") if self.replaced else _("Wrote {path} ({details}).")
        return template.format(path=self.path, details="; ".join(details))
