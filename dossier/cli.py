"""The ``dossier`` command: a thin layer over the workspace, the exporter and the TUI.

Every failure ends as one line on stderr and a non-zero exit code, never a
traceback: 1 when the draft has errors (``validate``, ``export --strict``), 2 when a
file cannot be read or written or the command line is wrong.

Everything it prints is in the interface language (:func:`_start_language`), argparse's own
words included (:func:`_argparse_speaks`); ``--json`` keeps its keys and codes in English.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from dossier import __version__
from dossier.core.i18n import N_, _, interface_language, ngettext, pgettext, set_interface_language

if TYPE_CHECKING:
    from dossier.core.diff import PartDiff
    from dossier.core.model import Dossier
    from dossier.core.profiles import Profile
    from dossier.core.rules import Report
    from dossier.storage.history import History, Version

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


class CliError(Exception):
    """A failure to report as one line and exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse prints usage and exits 2; keep one line
        raise CliError(_("{message} (see 'dossier --help')").format(message=message))


def _argparse_messages() -> dict[str, str]:
    """argparse's own English (its ``gettext`` msgids, the same in Python 3.11 to 3.13) in the
    interface language.

    Our msgids name their placeholders, as every message of the catalogue does; each
    translation is given back in argparse's ``%`` form, which argparse fills in itself.
    ``tests/test_cli_languages.py`` fails if argparse stops asking for one of them.
    """

    return {
        "usage: ": pgettext("argparse", "usage: "),
        "positional arguments": pgettext("argparse", "positional arguments"),
        "options": pgettext("argparse", "options"),
        "show this help message and exit": pgettext("argparse", "show this help message and exit"),
        "argument %(argument_name)s: %(message)s": pgettext(
            "argparse", "argument {argument}: {message}"
        ).format(argument="%(argument_name)s", message="%(message)s"),
        "unrecognized arguments: %s": pgettext("argparse", "unrecognized arguments: {arguments}").format(
            arguments="%s"
        ),
        "the following arguments are required: %s": pgettext(
            "argparse", "the following arguments are required: {arguments}"
        ).format(arguments="%s"),
        "expected one argument": pgettext("argparse", "expected one argument"),
        "expected at most one argument": pgettext("argparse", "expected at most one argument"),
        "expected at least one argument": pgettext("argparse", "expected at least one argument"),
        "ambiguous option: %(option)s could match %(matches)s": pgettext(
            "argparse", "ambiguous option: {option} could match {matches}"
        ).format(option="%(option)s", matches="%(matches)s"),
        "invalid %(type)s value: %(value)r": pgettext("argparse", "invalid {type} value: {value}").format(
            type="%(type)s", value="%(value)r"
        ),
        "invalid choice: %(value)r (choose from %(choices)s)": pgettext(
            "argparse", "invalid choice: {value} (choose from {choices})"
        ).format(value="%(value)r", choices="%(choices)s"),
        "ignored explicit argument %r": pgettext("argparse", "ignored explicit argument {value}").format(
            value="%r"
        ),
        "unexpected option string: %s": pgettext("argparse", "unexpected option string: {option}").format(
            option="%s"
        ),
    }


@contextlib.contextmanager
def _argparse_speaks() -> Iterator[None]:
    """argparse in the interface language while the parser is built and reads the command line.

    argparse translates its words with the stdlib ``gettext`` (its module-level ``_``),
    at the moment it uses them: "options" and "show this help message and exit" when a
    parser is made, "usage:" and the errors while it parses. For that while only, its
    ``_`` looks them up in our catalogue; anything else it asks stays as it is. Put back
    afterwards, so argparse is unchanged for any other user in the process.
    """
    words = _argparse_messages()
    original = argparse.__dict__["_"]

    def translate(message: str | None) -> str | None:
        return words.get(message, message) if message is not None else None

    argparse.__dict__["_"] = translate
    try:
        yield
    finally:
        argparse.__dict__["_"] = original


def _start_language() -> None:
    """The interface language of this run, by the rule the editor follows too
    (:func:`dossier.core.i18n.language_from_settings`)."""
    from dossier.core.i18n import language_from_settings
    from dossier.storage.recent import preferences

    set_interface_language(language_from_settings(preferences()))


def _stdout_gone() -> None:
    """The reader of stdout went away (``dossier validate X | head``): send the rest to devnull.

    This is what the Python docs recommend ("Note on SIGPIPE", in the ``signal`` module):
    without it, the interpreter's last flush fails again and prints a traceback-like notice.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


class _ClosedPipeSafe:
    """stdout for the printing commands: a closed pipe is not a failure of the command.

    A reader that stops early (``head``, ``less`` quit) closes the pipe; the command
    still finishes its work (an export is written, a draft created) and exits with its
    own code, its remaining output going to devnull.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            _stdout_gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _stdout_gone()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dossier",
        description=_(
            "Write, check and export a city's application to the UNESCO Creative "
            "Cities Network. With no command, reopens the most recent draft."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"dossier {__version__}",
        help=pgettext(
            "argparse", "show program's version number and exit"
        ),  # argparse 3.11 does not translate it
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    draft = _("the draft")
    only_part = _("only this part, e.g. strategy or basic")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        """A subcommand whose own ``--help`` starts with the same line as the list of commands."""
        return sub.add_parser(name, help=summary, description=summary)

    new = command("new", _("create a new draft (never overwrites a file)"))
    new.add_argument(
        "path", type=Path, help=_("the draft to create, e.g. hangzhou (.dossier.json is added when missing)")
    )
    new.add_argument("--city", required=True, help=_("the city's name"))
    new.add_argument("--country", required=True, help=_("the country's name"))
    new.add_argument("--field", required=True, help=_("creative field id or name, e.g. gastronomy"))
    new.add_argument("--profile", default=None, help=_("call profile id or .toml file"))
    new.add_argument(
        "--language", choices=["en", "fr"], default="en", help=_("the language of the application: en or fr")
    )
    new.add_argument(
        "--working-language",
        default=None,
        metavar="TAG",
        help=_("the language the city drafts in before translating (BCP 47, e.g. zh)"),
    )
    new.add_argument("--no-open", action="store_true", help=_("do not open the new draft in the editor"))

    check = command("validate", _("check a draft; exit 1 if it has errors"))
    check.add_argument("path", type=Path, help=draft)
    check.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    check.add_argument("--profile", default=None, help=_("check against another call profile"))
    check.add_argument(
        "--for",
        dest="stage",
        choices=["draft", "preselection", "submission"],
        default="draft",
        help=_("how ready the draft must be: draft (default), preselection or submission"),
    )

    command("profiles", _("list the call profiles and their deadlines"))

    export = command("export", _("write the Word (.docx) draft"))
    export.add_argument("path", type=Path, help=draft)
    export.add_argument("-o", "--output", type=Path, default=None, help=_("the .docx to write"))
    export.add_argument("--template", type=Path, default=None, help=_("a .docx with the same styles"))
    export.add_argument("--strict", action="store_true", help=_("refuse when the draft has errors"))
    export.add_argument(
        "--force", action="store_true", help=_("overwrite an existing .docx beside the draft")
    )
    export.add_argument(
        "--bilingual",
        action="store_true",
        help=_("a review copy: each part's working text beside its submission text (not for submission)"),
    )

    bundle = command(
        "bundle", _("write the submission package: the .docx, its PDF and every attachment, in one zip")
    )
    bundle.add_argument("path", type=Path, help=draft)
    bundle.add_argument("-o", "--output", type=Path, default=None, help=_("the .zip to write"))
    bundle.add_argument(
        "--draft",
        action="store_true",
        help=_("write a partial package even when files are missing or over their limits"),
    )
    bundle.add_argument("--no-pdf", action="store_true", help=_("leave the PDF out (it needs LibreOffice)"))
    bundle.add_argument(
        "--force", action="store_true", help=_("overwrite an existing package beside the draft")
    )

    open_ = command("open", _("open a draft in the editor"))
    open_.add_argument("path", type=Path, help=draft)

    history = command("history", _("list the saved versions of a draft, newest first"))
    history.add_argument("path", type=Path, help=draft)
    history.add_argument("--json", action="store_true", help=_("print the versions as JSON"))

    diff = command(
        "diff", _("show what changed between two versions (default: the last one against the one before)")
    )
    diff.add_argument("path", type=Path, help=draft)
    diff.add_argument(
        "a", type=int, nargs="?", metavar="A", help=_("the older version (alone: against the draft now)")
    )
    diff.add_argument("b", type=int, nargs="?", metavar="B", help=_("the newer version"))
    diff.add_argument("--part", default=None, help=only_part)

    restore = command("restore", _("bring back a version of the whole draft or of one part"))
    restore.add_argument("path", type=Path, help=draft)
    restore.add_argument("version", type=int, metavar="VERSION", help=_("the version's number"))
    restore.add_argument("--part", default=None, help=only_part)

    imp = command("import", _("bring a reviewed Word file back into the draft, part by part"))
    imp.add_argument(
        "docx", type=Path, metavar="REVIEWED.docx", help=_("the Word file the reviewers sent back")
    )
    imp.add_argument("path", type=Path, metavar="DRAFT", help=draft)
    imp.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    imp.add_argument("--json", action="store_true", help=_("print the comparison as JSON"))
    tracked = imp.add_mutually_exclusive_group()
    tracked.add_argument("--accept-changes", action="store_true", help=_("apply every tracked change"))
    tracked.add_argument("--reject-changes", action="store_true", help=_("ignore every tracked change"))
    imp.add_argument("--force", action="store_true", help=_("compare a document exported from another draft"))

    confirm = command(
        "confirm", _("say that a part's translation still holds after its working text changed")
    )
    confirm.add_argument("path", type=Path, help=draft)
    confirm.add_argument("part", help=_("the part, e.g. strategy or introduction"))

    label = command("label", _("name a version, e.g. 'sent to the vice-mayor'"))
    label.add_argument("path", type=Path, help=draft)
    label.add_argument("version", type=int, metavar="VERSION", help=_("the version's number"))
    label.add_argument("text", help=_("the name ('' removes it)"))
    return parser


def _print_findings(report: Report, profile: Profile, out: TextIO, *, errors_only: bool = False) -> None:
    """The findings grouped by part, one line each, as ``validate`` and ``export --strict`` show them.

    ``validate`` separates the parts with a blank line; ``export --strict`` lists only the
    errors, without blank lines.
    """
    from dossier.core.rules import part_label

    width = max(_width(_severity(severity)) for severity in ("error", "warning"))
    for part, findings in report.by_part().items():
        shown = [f for f in findings if f.is_error] if errors_only else findings
        if not shown:
            continue
        print(part_label(part, profile) if errors_only else f"\n{part_label(part, profile)}", file=out)
        for finding in shown:
            print(
                f"  {_pad(_severity(finding.severity), width)}  {finding.location}: {finding.message}",
                file=out,
            )


def _severity(severity: str) -> str:
    """A finding's severity as the official reads it (``--json`` keeps the English one)."""
    if severity == "error":
        return pgettext("severity", "error")
    if severity == "warning":
        return pgettext("severity", "warning")
    return severity


def _width(text: str) -> int:
    """How many terminal columns ``text`` takes (a Chinese character takes two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns."""
    return text + " " * max(0, width - _width(text))


def stage_verdict(report: Report, later: Report | None = None) -> str:
    """The verdict for the stage ``report`` was judged for; ``later`` (the same draft judged for
    submission) says what a clean draft still lacks, so a draft is never called ready too soon."""
    if report.errors:
        return {
            "draft": _("not ready: it has errors even for a draft"),
            "preselection": _("not ready for the National Commission's pre-selection"),
            "submission": _("not ready for submission to UNESCO"),
        }[report.stage]
    if report.stage == "submission":
        return _("ready for submission as far as the rules can tell")
    blocking = len(later.errors) if later is not None else 0
    if report.stage == "preselection":
        ready = _("ready for the National Commission's pre-selection as far as the rules can tell")
    else:
        ready = _("no errors at the draft stage")
    if not blocking:
        return ready
    return ngettext(
        "{ready}; {count} finding would block submission (dossier validate --for submission)",
        "{ready}; {count} findings would block submission (dossier validate --for submission)",
        blocking,
    ).format(ready=ready, count=blocking)


def _print_report(
    path: Path, draft: Dossier, profile: Profile, report: Report, out: TextIO, later: Report | None = None
) -> None:
    field = profile.field_label(draft.basic.field, interface_language())
    call = profile.call_name(interface_language())
    # Translators: the first line of a report: the draft's file, its city, creative field and call
    heading = _("{path}: {city}, {field}, {call}")
    print(
        heading.format(path=path, city=draft.basic.city or _("(no city)"), field=field, call=call), file=out
    )
    _print_findings(report, profile, out)
    errors, warnings = len(report.errors), len(report.warnings)
    counts = _("{errors}, {warnings}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
    verdict = _("{counts}: {verdict}.").format(counts=counts, verdict=stage_verdict(report, later))
    print(f"\n{verdict}", file=out)


def _cmd_validate(args: argparse.Namespace) -> int:
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(args.path, profile=args.profile, allow_newer=True)
    for note in loaded.notes:
        _note(note)
    report = check(loaded.draft, profile, args.path.parent, stage=args.stage)
    later = (
        check(loaded.draft, profile, args.path.parent, stage="submission")
        if args.stage != "submission"
        else None
    )
    if args.json:
        payload = {
            "file": str(args.path),
            "profile": profile.id,
            "language": interface_language(),  # of each finding's message; codes stay English
            "stage": report.stage,
            "blocking_submission": len((later or report).errors),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "findings": [
                {
                    "severity": f.severity,
                    "part": f.part,
                    "location": f.location,
                    "message": f.message,
                    "code": f.code,
                }
                for f in report.findings
            ],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_report(args.path, loaded.draft, profile, report, sys.stdout, later)
    return EXIT_FINDINGS if report.errors else EXIT_OK


def _cmd_profiles(args: argparse.Namespace) -> int:
    from dossier.core.profiles import bundled_profiles

    now = datetime.now(UTC)
    for profile in bundled_profiles():
        deadline = profile.deadline
        days = (deadline.date - now).days
        date = f"{deadline.date:%Y-%m-%d %H:%M}"
        if days < 0:
            when = _("UNESCO deadline {date} CET, passed").format(date=date)
        else:
            when = ngettext(
                "UNESCO deadline {date} CET, in {count} day",
                "UNESCO deadline {date} CET, in {count} days",
                days,
            ).format(date=date, count=days)
        if deadline.provisional:
            when = _("{deadline} (provisional date)").format(deadline=when)
        fields = ", ".join(f.id for f in profile.fields)
        print(f"{profile.id}  {profile.call_name(interface_language())}")
        print(f"    {when}")
        print("    " + _("creative fields: {fields}").format(fields=fields))
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from dossier.core.profiles import DEFAULT_PROFILE, load_profile
    from dossier.core.translation import is_language_tag
    from dossier.storage.drafts import create_new, with_draft_suffix
    from dossier.storage.history import record_save
    from dossier.workspace import new_dossier

    working = args.working_language
    if working is not None and not is_language_tag(working.strip()):
        raise CliError(
            _("--working-language “{tag}” is not a language tag; use one such as zh, zh-Hans or yue.").format(
                tag=working
            )
        )
    profile = load_profile(args.profile or DEFAULT_PROFILE, base_dir=Path.cwd())
    draft = new_dossier(
        city=args.city,
        country=args.country,
        field=args.field,
        profile=profile,
        language=args.language,
        working_language=working.strip() if working is not None else None,
    )
    if args.profile and args.profile not in (profile.id,):
        draft.meta.profile = str(args.profile)
    args.path = with_draft_suffix(args.path)
    create_new(args.path, draft)
    _note(record_save(args.path, draft))
    print(
        _("Created {path} ({city}, {field}, {call}).").format(
            path=args.path,
            city=args.city,
            field=profile.field_label(draft.basic.field, interface_language()),
            call=profile.id,
        )
    )
    if args.no_open or not _interactive():
        return EXIT_OK
    return _run_tui(args.path)


def _refused(exc: OSError, path: Path) -> int:
    """Say in one plain line that the system refused a file (too long a path, an unreadable
    folder): the sentence translated, the system's own reason in its words."""
    problem = _("{path}: {problem}.").format(path=exc.filename or path, problem=exc.strerror or exc)
    print(f"dossier: {problem}", file=sys.stderr)
    return EXIT_FAILURE


def _cmd_export(args: argparse.Namespace) -> int:
    """``dossier export``: 0 written, 1 refused for errors (``--strict``), 2 any failure."""
    from dossier.core.model import unknown_fields
    from dossier.export import ExportError, check_output, default_output, export_draft
    from dossier.storage.history import exported_version, record_export
    from dossier.workspace import check, open_draft

    path: Path = args.path
    try:
        # the output rules first, so a bad -o is refused before the draft is even read
        out = args.output if args.output is not None else default_output(path, review=args.bilingual)
        check_output(out, path, named=args.output is not None, force=args.force)
        loaded, profile = open_draft(path, allow_newer=True)
        if args.bilingual and loaded.draft.meta.working_language is None:
            print(
                "dossier: "
                + _(
                    "{path} has no working language, so there is no review copy to make; "
                    "export without --bilingual."
                ).format(path=path),
                file=sys.stderr,
            )
            return EXIT_FAILURE
        for note in loaded.notes:
            _note(note)
        report = check(loaded.draft, profile, path.parent)
        unknown = unknown_fields(loaded.draft)
        if unknown:
            shown = ", ".join(unknown[:5])
            if len(unknown) > 5:
                more = len(unknown) - 5
                shown = ngettext("{names} and {count} more", "{names} and {count} more", more).format(
                    names=shown, count=more
                )
            if args.strict and loaded.read_only:
                message = _(
                    "dossier: not exported: the draft holds content this version of dossier does not "
                    "know ({names}), which the document would leave out (--strict); update dossier."
                )
                print(message.format(names=shown), file=sys.stderr)
                return EXIT_FINDINGS
            _note(_("the document leaves out what this dossier does not know: {names}.").format(names=shown))
        if args.strict and report.errors:
            _print_findings(report, profile, sys.stdout, errors_only=True)
            count = len(report.errors)
            message = ngettext(
                "dossier: not exported: the draft has {count} error (--strict); "
                "fix it or export without --strict.",
                "dossier: not exported: the draft has {count} errors (--strict); "
                "fix them or export without --strict.",
                count,
            )
            print(message.format(count=count), file=sys.stderr)
            return EXIT_FINDINGS
        version, history_note = exported_version(path, loaded.draft)
        _note(history_note)
        from dossier.core.i18n import wording

        # the document's findings (status page, comments) in the dossier's language
        in_document = check(loaded.draft, profile, path.parent, wording=wording(loaded.draft.meta.language))
        result = export_draft(
            loaded.draft,
            profile,
            in_document,
            path,
            args.output,
            force=args.force,
            template=args.template,
            version=version,
            bilingual=args.bilingual,
        )
    except ExportError as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:  # a path the system refuses (too long, unreadable folder): one plain line
        return _refused(exc, path)
    print(result.summary())
    if version is not None:
        _note(record_export(path, version, result.path))
    return EXIT_OK


def default_bundle(path: Path) -> Path:
    """``city.dossier.json`` → ``city-bundle.zip`` beside it."""
    from dossier.storage.names import DRAFT_SUFFIX

    stem = path.name.removesuffix(DRAFT_SUFFIX) if path.name.endswith(DRAFT_SUFFIX) else path.stem
    return path.with_name(f"{stem}-bundle.zip")


def _cmd_bundle(args: argparse.Namespace) -> int:
    """``dossier bundle``: 0 written, 1 refused (one line per problem), 2 any failure."""
    from dossier.export import ExportError
    from dossier.export.bundle import BundleRefused, write_bundle
    from dossier.storage.history import exported_version
    from dossier.workspace import check, open_draft

    path: Path = args.path
    out: Path = args.output if args.output is not None else default_bundle(path)
    if out.suffix.casefold() != ".zip":
        raise CliError(_("the package is a .zip file; {name} does not end in .zip").format(name=out.name))
    if out.is_dir():
        raise CliError(_("{path} is a folder; give the name of the .zip to write").format(path=out))
    if args.output is None and out.exists() and not args.force:
        raise CliError(_("{path} exists already; add --force to replace it, or give -o").format(path=out))
    loaded, profile = open_draft(path, allow_newer=True)
    for note in loaded.notes:
        _note(note)
    report = check(loaded.draft, profile, path.parent)
    version, history_note = exported_version(path, loaded.draft)
    _note(history_note)

    def progress(step: str, done: float) -> None:
        if sys.stderr.isatty() and done < 1:  # the PDF takes seconds: say what is happening
            print(f"dossier: {step}…", file=sys.stderr)

    try:
        result = write_bundle(
            loaded.draft,
            profile,
            report,
            path,
            out,
            partial=args.draft,
            progress=progress,
            use_pdf=not args.no_pdf,
            version=version,
        )
    except BundleRefused as exc:
        for problem in exc.problems:
            print(f"dossier: {problem}", file=sys.stderr)
        print(
            _("dossier: no package written; fix the files above, or add --draft for a partial package."),
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    except ExportError as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        return _refused(exc, path)
    for note in result.notes:
        _note(note)
    print(result.summary())
    for entry in result.entries:
        print(f"  {entry.name}")
    return EXIT_OK


def _note(note: str | None) -> None:
    if note:
        print(_("dossier: note: {note}").format(note=note), file=sys.stderr)


_KIND_WORDS = {
    "save": N_("saved"),
    "outside": N_("changed outside dossier"),
    "restore": N_("restored"),
    "migration": N_("upgraded"),
    "import": N_("first recorded"),
}
"""What kind of save made a version, as ``dossier history`` says it (translated when shown)."""


def _open_history(path: Path) -> History:
    """The draft's history for reading; a missing draft and a missing history is a failure."""
    from dossier.storage.history import History, history_path

    if not path.exists() and not history_path(path).exists():
        raise CliError(_("{path}: no such file, and no version history beside it.").format(path=path))
    history = History.open(path, create=False)
    _note(history.note)
    return history


def _part_name(part: str, draft: Dossier | None) -> str:
    from dossier.core.diff import REST
    from dossier.core.profiles import ProfileError
    from dossier.core.rules import part_label
    from dossier.workspace import profile_for

    if part == REST:
        return _("The draft's settings")
    if draft is None:
        return part
    try:
        return part_label(part, profile_for(draft, Path.cwd()))
    except (ProfileError, KeyError, OSError):
        return part


def _check_part(part: str | None, *, restoring: bool = False) -> None:
    from dossier.core.diff import PARTS, REST

    allowed = [p for p in PARTS if not (restoring and p == REST)]
    if part is not None and part not in allowed:
        raise CliError(
            _("“{part}” is not a part of a draft; choose one of: {parts}.").format(
                part=part, parts=", ".join(allowed)
            )
        )


def _cmd_history(args: argparse.Namespace) -> int:
    from dossier.core.diff import PARTS
    from dossier.storage.drafts import DraftError, read_draft

    history = _open_history(args.path)
    try:
        versions = history.versions()
    finally:
        history.close()
    if args.json:
        json.dump([v.to_json() for v in versions], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if not versions:
        print(
            _("No versions of {path} recorded yet; every save from now on records one.").format(
                path=args.path
            )
        )
        return EXIT_OK
    draft = None  # the parts are named by their titles in the draft's call, when it reads
    with contextlib.suppress(DraftError, OSError):
        draft = read_draft(args.path, allow_newer=True).draft
    width = len(str(versions[0].id))
    for v in versions:
        when = v.time.astimezone().strftime("%Y-%m-%d %H:%M")
        names = [_part_name(part, draft) for part in v.parts]
        parts = _("every part") if set(v.parts) >= set(PARTS) else ", ".join(names)
        label = f"  “{v.label}”" if v.label else ""
        label += "".join("  " + _("(exported to {name})").format(name=name) for name in v.exported)
        what = _(_KIND_WORDS[v.kind]) if v.kind in _KIND_WORDS else v.kind
        author = _pad(v.author or _("(unknown)"), 12)
        print(f"{v.id:>{width}}  {when}  {author}  {what}: {parts}{label}")
    return EXIT_OK


def _describe(version: Version) -> str:
    when = version.time.astimezone().strftime("%Y-%m-%d %H:%M")
    details = ", ".join(
        [
            when,
            *([version.author] if version.author else []),
            *([f"“{version.label}”"] if version.label else []),
        ]
    )
    return _("version {number} ({details})").format(number=version.id, details=details)


def _print_diff(diffs: Sequence[PartDiff], draft: Dossier | None, color: bool) -> None:
    from dossier.core.diff import render_text, word_diff

    def inline(old: str, new: str) -> str:
        return " ⏎ ".join(render_text(word_diff(old, new), color=color, context=10**9))

    for part_diff in diffs:
        print(f"\n== {_part_name(part_diff.part, draft)} ==")
        for line in render_text(part_diff.text, color=color):
            print(f"  {line}")
        for row in part_diff.rows:
            if row.kind == "added":
                print(
                    "  + "
                    + _("row {number} added: {row}").format(number=(row.new_index or 0) + 1, row=row.new)
                )
            elif row.kind == "removed":
                print(
                    "  - "
                    + _("row {number} removed: {row}").format(number=(row.old_index or 0) + 1, row=row.old)
                )
            else:
                print(
                    "  ~ "
                    + _("row {number} changed: {row}").format(number=(row.new_index or 0) + 1, row=row.new)
                )
                for change in row.fields:
                    print(f"      {change.path}: {inline(change.old, change.new)}")
        for change in part_diff.fields:
            print(f"  {change.path}: {inline(change.old, change.new)}")


def _cmd_diff(args: argparse.Namespace) -> int:
    from dossier.core.diff import PARTS, diff_dossiers
    from dossier.storage.drafts import read_draft

    _check_part(args.part)
    history = _open_history(args.path)
    try:
        versions = history.versions()
        if args.a is None:
            if len(versions) < 2:
                if versions:
                    message = _("{path} has only one version so far: nothing to compare.")
                else:
                    message = _("{path} has no versions so far: nothing to compare.")
                print(message.format(path=args.path))
                return EXIT_OK
            old_name, new_name = _describe(versions[1]), _describe(versions[0])
            old, new = history.get(versions[1].id), history.get(versions[0].id)
        elif args.b is None:
            old_name, old = _describe(history.version(args.a)), history.get(args.a)
            new_name, new = _("the draft as it is now"), read_draft(args.path, allow_newer=True).draft
        else:
            old_name, old = _describe(history.version(args.a)), history.get(args.a)
            new_name, new = _describe(history.version(args.b)), history.get(args.b)
    finally:
        history.close()
    diffs = diff_dossiers(old, new, [args.part] if args.part else PARTS)
    print(_("From {old} to {new}:").format(old=old_name, new=new_name))
    if not diffs:
        print(
            _("no differences.") if not args.part else _("no differences in {part}.").format(part=args.part)
        )
        return EXIT_OK
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    _print_diff(diffs, new, color)
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from dossier.core.diff import diff_dossiers
    from dossier.storage.drafts import read_draft, save_draft, touch
    from dossier.storage.history import record_save, with_part
    from dossier.storage.lock import Holder, acquire, take_over

    _check_part(args.part, restoring=True)
    lock = acquire(args.path)
    if isinstance(lock, Holder):
        if not lock.stale:
            raise CliError(
                _(
                    "{path} is open in dossier, so it cannot be restored from here. "
                    "{holder} Close it there first."
                ).format(path=args.path, holder=lock.describe())
            )
        lock = take_over(args.path, lock)  # a crashed window's lock: nobody is editing
        if isinstance(lock, Holder):
            raise CliError(
                _("{path} is being opened in another window; try again in a moment.").format(path=args.path)
            )
    try:
        loaded = read_draft(args.path) if args.path.exists() else None
        history = _open_history(args.path)
        try:
            old = history.get(args.version)
            if loaded is not None:  # what is on disk now stays in the history, whatever we do
                history.check_outside(loaded.draft)
        finally:
            history.close()
        if loaded is None:
            if args.part:
                raise CliError(
                    _("{path} is missing: restore the whole draft first (without --part).").format(
                        path=args.path
                    )
                )
            restored = old.model_copy(deep=True)
        elif args.part:
            restored = loaded.draft.model_copy(deep=True)
            restored = with_part(restored, old, args.part)
        else:
            restored = old.model_copy(deep=True)
            restored.meta.revision = loaded.draft.meta.revision
        what = f"“{_part_name(args.part, restored)}”" if args.part else _("the whole draft")
        if loaded is not None and not diff_dossiers(loaded.draft, restored):
            print(
                _("Nothing to restore: {what} is already as in version {version}.").format(
                    what=what, version=args.version
                )
            )
            return EXIT_OK
        touch(restored)
        save_draft(restored, args.path, expect=loaded.fingerprint if loaded else None)
        if args.part:
            label = _("{part} from version {version}").format(part=args.part, version=args.version)
        else:
            label = _("version {version}").format(version=args.version)
        _note(record_save(args.path, restored, kind="restore", label=label))
        print(
            _("Restored {what} from version {version} in {path}.").format(
                what=what, version=args.version, path=args.path
            )
        )
        return EXIT_OK
    finally:
        if not isinstance(lock, Holder):
            lock.release()


def _cmd_import(args: argparse.Namespace) -> int:
    """``dossier import``: 0 compared (and applied), 2 a document or draft that cannot be used."""
    from dossier.core.form import TEXT_PARTS
    from dossier.core.i18n import _, ngettext
    from dossier.core.rules import part_label
    from dossier.export.merge import Tracked, apply_plan, build_plan, comment_notes, report_lines
    from dossier.export.reviewed import ReviewError, read_reviewed
    from dossier.storage.drafts import save_draft, touch
    from dossier.storage.history import record_save
    from dossier.storage.lock import Holder, acquire, take_over
    from dossier.workspace import open_draft

    loaded, profile = open_draft(args.path, allow_newer=True)
    draft = loaded.draft
    try:
        reviewed = read_reviewed(args.docx, profile)
    except ReviewError as exc:
        raise CliError(str(exc)) from None
    name = args.docx.name
    if reviewed.draft_id and reviewed.draft_id != draft.meta.draft_id:
        if not args.force:
            raise CliError(
                _(
                    "{name} was exported from another draft, not from {draft}; "
                    "use --force to compare it anyway."
                ).format(name=name, draft=args.path.name)
            )
        reviewed.base = None  # another draft's text is no base for this one
        reviewed.properties.clear()
    if not reviewed.parts:
        raise CliError(
            _(
                "{name} has none of the draft's parts (no dossier bookmark or part heading): "
                "nothing to import."
            ).format(name=name)
        )
    mode: Tracked = "accept" if args.accept_changes else "reject" if args.reject_changes else "pending"
    titles = {part: part_label(part, profile) for part in TEXT_PARTS}
    plan = build_plan(draft, reviewed, tracked=mode, titles=titles)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and not args.json
    if args.dry_run or plan.nothing:
        if args.json:
            print(json.dumps({**plan.as_data(), "applied": 0}, ensure_ascii=False, indent=2))
        else:
            for line in report_lines(plan, color=color):
                print(line)
        return EXIT_OK
    kept = comment_notes(draft, plan, name)
    new, notes, count = apply_plan(draft, plan, notes=kept)
    if args.json:
        print(
            json.dumps(
                {**plan.as_data(), "applied": count, "notes_added": len(kept)}, ensure_ascii=False, indent=2
            )
        )
    else:
        for line in report_lines(plan, color=color, applied=True):
            print(line)
    for note in notes:
        _note(note)
    if count == 0 and not kept:
        if not args.json:
            print(_("Nothing applied: {draft} is unchanged.").format(draft=args.path))
        return EXIT_OK
    if loaded.read_only:
        raise CliError(
            _("{draft} is read-only here (made by a newer dossier): nothing was changed.").format(
                draft=args.path
            )
        )
    lock = acquire(args.path)
    if isinstance(lock, Holder):
        if not lock.stale:
            raise CliError(
                _(
                    "{draft} is open in dossier, so it cannot be changed from here. {holder} "
                    "Close it there first."
                ).format(draft=args.path, holder=lock.describe())
            )
        lock = take_over(args.path, lock)
        if isinstance(lock, Holder):
            raise CliError(
                _("{draft} is being opened in another window; try again in a moment.").format(draft=args.path)
            )
    try:
        touch(new)
        save_draft(new, args.path, expect=loaded.fingerprint)
        _note(
            record_save(args.path, new, kind="save", label=_("reviewed Word file {name}").format(name=name))
        )
    finally:
        lock.release()
    if not args.json:
        message = (
            ngettext(
                "Applied {count} change to {draft}; the previous version is kept in its history.",
                "Applied {count} changes to {draft}; the previous version is kept in its history.",
                count,
            )
            if count
            else _("The texts of {draft} are unchanged; the previous version is kept in its history.")
        )
        print(message.format(count=count, draft=args.path))
        if kept:
            print(
                ngettext(
                    "{count} comment kept as a note on its part.",
                    "{count} comments kept as notes on their parts.",
                    len(kept),
                ).format(count=len(kept))
            )
    return EXIT_OK


def _cmd_confirm(args: argparse.Namespace) -> int:
    """``dossier confirm DRAFT PART``: the submission text translates the working text as it is now."""
    from dossier.core.form import TEXT_PARTS
    from dossier.core.translation import record_translation, translation_state
    from dossier.storage.drafts import read_draft, save_draft, touch
    from dossier.storage.history import record_save
    from dossier.storage.lock import Holder, acquire, take_over

    if args.part not in TEXT_PARTS:
        raise CliError(
            _("“{part}” is not a text part of a draft; choose one of: {parts}.").format(
                part=args.part, parts=", ".join(TEXT_PARTS)
            )
        )
    lock = acquire(args.path)
    if isinstance(lock, Holder):
        if not lock.stale:
            raise CliError(
                _("{path} is open in dossier; confirm the translation there (or close it first).").format(
                    path=args.path
                )
            )
        lock = take_over(args.path, lock)
        if isinstance(lock, Holder):
            raise CliError(
                _("{path} is being opened in another window; try again in a moment.").format(path=args.path)
            )
    try:
        loaded = read_draft(args.path)
        draft = loaded.draft
        name = _part_name(args.part, draft)
        if draft.meta.working_language is None:
            raise CliError(
                _("{path} has no working language, so there is no translation to confirm.").format(
                    path=args.path
                )
            )
        section = draft.part(args.part)
        state = translation_state(section)
        if not state.outdated:
            print(_("Nothing to confirm: the translation of “{part}” is not out of date.").format(part=name))
            return EXIT_OK
        record_translation(section)
        touch(draft)
        save_draft(draft, args.path, expect=loaded.fingerprint)
        _note(record_save(args.path, draft, label=_("translation confirmed: {part}").format(part=args.part)))
        print(_("Confirmed: the translation of “{part}” still holds.").format(part=name))
        return EXIT_OK
    finally:
        if not isinstance(lock, Holder):
            lock.release()


def _cmd_label(args: argparse.Namespace) -> int:
    history = _open_history(args.path)
    try:
        version = history.label(args.version, args.text)
    finally:
        history.close()
    if version.label:
        print(_("Version {number} is now labelled “{label}”.").format(number=version.id, label=version.label))
    else:
        print(_("Version {number} has no label now.").format(number=version.id))
    return EXIT_OK


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run_tui(path: Path | None) -> int:
    from dossier.tui import run

    return run(path)


_PLAIN_ERRORS = (
    ("dossier.storage.raw", "DraftError"),
    ("dossier.core.profiles", "ProfileError"),
    ("dossier.storage.history", "HistoryError"),
)
"""Errors whose message is the one line to print, by module: looked up only once raised, so
``dossier open`` does not import pydantic (with the profiles) before its first screen."""


def _plain_error(exc: BaseException) -> bool:
    if isinstance(exc, CliError):
        return True
    for module_name, name in _PLAIN_ERRORS:
        module = sys.modules.get(module_name)  # an error of a class was raised: its module is loaded
        if module is not None and isinstance(exc, getattr(module, name)):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    language = interface_language()
    _start_language()
    stdout = sys.stdout
    if not isinstance(stdout, _ClosedPipeSafe):
        sys.stdout = _ClosedPipeSafe(stdout)
    try:
        with _argparse_speaks():
            args = _build_parser().parse_args(argv)
        if args.command == "validate":
            return _cmd_validate(args)
        if args.command == "profiles":
            return _cmd_profiles(args)
        if args.command == "new":
            return _cmd_new(args)
        if args.command == "export":
            return _cmd_export(args)
        if args.command == "bundle":
            return _cmd_bundle(args)
        if args.command == "open":
            return _run_tui(args.path)
        if args.command == "history":
            return _cmd_history(args)
        if args.command == "diff":
            return _cmd_diff(args)
        if args.command == "restore":
            return _cmd_restore(args)
        if args.command == "label":
            return _cmd_label(args)
        if args.command == "import":
            return _cmd_import(args)
        if args.command == "confirm":
            return _cmd_confirm(args)
        return _run_tui(None)
    except KeyboardInterrupt:
        print(_("dossier: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # stderr closed too, or a write that went round sys.stdout
        _stdout_gone()
        return EXIT_OK
    except Exception as exc:  # the promise is one line, never a traceback
        if _plain_error(exc):  # a bad file, profile or history: its message says it all
            print(f"dossier: {exc}", file=sys.stderr)
            return EXIT_FAILURE
        message = _("dossier: unexpected error ({error}); please report it")
        print(message.format(error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return EXIT_FAILURE
    finally:
        sys.stdout.flush()
        sys.stdout = stdout
        set_interface_language(language)
