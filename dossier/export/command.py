"""``dossier export DRAFT [-o OUT.docx] [--template T.docx] [--strict] [--force]``.

Exit codes as in the rest of the CLI: 0 written, 1 refused because the draft has errors
(``--strict``), 2 any failure, reported as one line ``dossier: ...`` on stderr.

Output rules: the default output is beside the draft with the same name and ``.docx``
(``hangzhou.dossier.json`` -> ``hangzhou.docx``) and is never replaced without
``--force``; a path given with ``-o`` is the user's explicit choice and may be
replaced (the summary then says "Replaced"). Whatever the options, the export never
writes over the draft itself, its ``.bak``, ``.recovery`` or ``.lock`` companions, nor
any file that is not a ``.docx``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dossier.export.result import ExportError

if TYPE_CHECKING:
    from dossier.core.profiles import Profile
    from dossier.core.rules import Report

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2
COMPANIONS = ("", ".bak", ".recovery", ".lock")
"""Suffixes added to a draft's file name by the storage layer; never export over them."""


def default_output(draft_path: Path) -> Path:
    """``NAME.docx`` beside ``NAME.dossier.json``."""
    from dossier.storage.drafts import draft_name

    draft_path = Path(draft_path)
    return draft_path.with_name(f"{draft_name(draft_path)}.docx")


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_output(out: Path, draft_path: Path, *, named: bool, force: bool) -> None:
    """Raise :class:`ExportError` if writing ``out`` could destroy something."""
    from dossier.storage.names import NAME_MAX, name_bytes, side_path

    if name_bytes(out.name) > NAME_MAX:
        raise ExportError(
            f"The file name {out.name[:40]}… is too long for this system ({name_bytes(out.name)} bytes, "
            f"at most {NAME_MAX}); choose a shorter name{' with -o' if not named else ''}."
        )
    if out.suffix.casefold() != ".docx":
        raise ExportError(f"{out}: the output must be a Word document ending in .docx.")
    for suffix in COMPANIONS:
        companion = side_path(draft_path, suffix) if suffix else draft_path
        if _same_file(out, companion):
            what = "the draft itself" if not suffix else f"the draft's {suffix} file"
            raise ExportError(f"{out} is {what}; choose another output file.")
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name ending in .docx.")
    if not named and not force and out.exists():
        raise ExportError(f"{out} already exists; add --force to replace it, or choose another file with -o.")


def _print_errors(report: Report, profile: Profile, out: TextIO) -> None:
    """The errors, grouped by part as ``dossier validate`` prints them."""
    from dossier.core.rules import part_label

    for part, findings in report.by_part().items():
        errors = [f for f in findings if f.is_error]
        if errors:
            print(part_label(part, profile), file=out)
            for finding in errors:
                print(f"  error    {finding.location}: {finding.message}", file=out)


def export_command(
    path: Path,
    *,
    output: Path | None = None,
    template: Path | None = None,
    strict: bool = False,
    force: bool = False,
) -> int:
    """Run ``dossier export``; returns the exit code. Never raises for expected failures."""
    from dossier.core.profiles import ProfileError
    from dossier.storage.drafts import DraftError
    from dossier.workspace import check, open_draft

    path = Path(path)
    try:
        out = Path(output) if output is not None else default_output(path)
        check_output(out, path, named=output is not None, force=force)
        loaded, profile = open_draft(path, allow_newer=True)
        for note in loaded.notes:
            print(f"dossier: note: {note}", file=sys.stderr)
        report = check(loaded.draft, profile, path.parent)
        if strict and report.errors:
            _print_errors(report, profile, sys.stdout)
            count = len(report.errors)
            print(
                f"dossier: not exported: the draft has {count} error{'s' if count != 1 else ''} "
                "(--strict); fix them or export without --strict.",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
        from dossier.export import export_docx

        result = export_docx(loaded.draft, profile, report, out, template=template)
    except (ExportError, DraftError, ProfileError) as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:  # a path the system refuses (too long, unreadable folder): one plain line
        print(f"dossier: {exc.filename or path}: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_FAILURE
    print(result.summary())
    return EXIT_OK
