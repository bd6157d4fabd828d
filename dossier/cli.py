"""The ``dossier`` command: a thin layer over the workspace, the exporter and the TUI.

Every failure ends as one line on stderr and a non-zero exit code, never a
traceback: 1 when the draft has errors (``validate``, ``export --strict``), 2 when a
file cannot be read or written or the command line is wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from dossier import __version__

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
        raise CliError(f"{message} (see 'dossier --help')")


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
        description="Write, check and export a city's application to the UNESCO Creative "
        "Cities Network. With no command, reopens the most recent draft.",
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    new = sub.add_parser("new", help="create a new draft (never overwrites a file)")
    new.add_argument(
        "path", type=Path, help="the draft to create, e.g. hangzhou (.dossier.json is added when missing)"
    )
    new.add_argument("--city", required=True)
    new.add_argument("--country", required=True)
    new.add_argument("--field", required=True, help="creative field id or name, e.g. gastronomy")
    new.add_argument("--profile", default=None, help="call profile id or .toml file")
    new.add_argument("--language", choices=["en", "fr"], default="en", help="submission language")
    new.add_argument(
        "--working-language",
        default=None,
        metavar="TAG",
        help="the language the city drafts in before translating (BCP 47, e.g. zh)",
    )
    new.add_argument("--no-open", action="store_true", help="do not open the new draft in the editor")

    check = sub.add_parser("validate", help="check a draft; exit 1 if it has errors")
    check.add_argument("path", type=Path)
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.add_argument("--profile", default=None, help="check against another call profile")

    sub.add_parser("profiles", help="list the call profiles and their deadlines")

    export = sub.add_parser("export", help="write the Word (.docx) draft")
    export.add_argument("path", type=Path)
    export.add_argument("-o", "--output", type=Path, default=None, help="the .docx to write")
    export.add_argument("--template", type=Path, default=None, help="a .docx with the same styles")
    export.add_argument("--strict", action="store_true", help="refuse when the draft has errors")
    export.add_argument("--force", action="store_true", help="overwrite an existing .docx beside the draft")
    export.add_argument(
        "--bilingual",
        action="store_true",
        help="a review copy: each part's working text beside its submission text (not for submission)",
    )

    open_ = sub.add_parser("open", help="open a draft in the editor")
    open_.add_argument("path", type=Path)

    history = sub.add_parser("history", help="list the saved versions of a draft, newest first")
    history.add_argument("path", type=Path)
    history.add_argument("--json", action="store_true", help="print the versions as JSON")

    diff = sub.add_parser(
        "diff",
        help="show what changed between two versions (default: the last one against the one before)",
    )
    diff.add_argument("path", type=Path)
    diff.add_argument(
        "a", type=int, nargs="?", metavar="A", help="the older version (alone: against the draft now)"
    )
    diff.add_argument("b", type=int, nargs="?", metavar="B", help="the newer version")
    diff.add_argument("--part", default=None, help="only this part, e.g. strategy or basic")

    restore = sub.add_parser("restore", help="bring back a version of the whole draft or of one part")
    restore.add_argument("path", type=Path)
    restore.add_argument("version", type=int, metavar="VERSION")
    restore.add_argument("--part", default=None, help="only this part, e.g. strategy or basic")

    confirm = sub.add_parser(
        "confirm", help="say that a part's translation still holds after its working text changed"
    )
    confirm.add_argument("path", type=Path)
    confirm.add_argument("part", help="the part, e.g. strategy or introduction")

    label = sub.add_parser("label", help="name a version, e.g. 'sent to the vice-mayor'")
    label.add_argument("path", type=Path)
    label.add_argument("version", type=int, metavar="VERSION")
    label.add_argument("text", help="the name ('' removes it)")
    return parser


def _print_findings(report: Report, profile: Profile, out: TextIO, *, errors_only: bool = False) -> None:
    """The findings grouped by part, one line each, as ``validate`` and ``export --strict`` show them.

    ``validate`` separates the parts with a blank line; ``export --strict`` lists only the
    errors, without blank lines.
    """
    from dossier.core.rules import part_label

    for part, findings in report.by_part().items():
        shown = [f for f in findings if f.is_error] if errors_only else findings
        if not shown:
            continue
        print(part_label(part, profile) if errors_only else f"\n{part_label(part, profile)}", file=out)
        for finding in shown:
            print(f"  {finding.severity:<7}  {finding.location}: {finding.message}", file=out)


def _print_report(path: Path, draft: Dossier, profile: Profile, report: Report, out: TextIO) -> None:
    field = profile.field_label(draft.basic.field)
    print(f"{path}: {draft.basic.city or '(no city)'}, {field}, {profile.name}", file=out)
    _print_findings(report, profile, out)
    errors, warnings = len(report.errors), len(report.warnings)
    verdict = "ready as far as the rules can tell" if not errors else "not ready"
    print(
        f"\n{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}: {verdict}.",
        file=out,
    )


def _cmd_validate(args: argparse.Namespace) -> int:
    from dossier.workspace import check, open_draft

    loaded, profile = open_draft(args.path, profile=args.profile, allow_newer=True)
    for note in loaded.notes:
        print(f"dossier: note: {note}", file=sys.stderr)
    report = check(loaded.draft, profile, args.path.parent)
    if args.json:
        payload = {
            "file": str(args.path),
            "profile": profile.id,
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
        _print_report(args.path, loaded.draft, profile, report, sys.stdout)
    return EXIT_FINDINGS if report.errors else EXIT_OK


def _cmd_profiles(_: argparse.Namespace) -> int:
    from dossier.core.profiles import bundled_profiles
    from dossier.core.wording import plural

    now = datetime.now(UTC)
    for profile in bundled_profiles():
        deadline = profile.deadline
        days = (deadline.date - now).days
        when = "passed" if days < 0 else f"in {plural(days, 'day')}"
        flag = " (provisional)" if deadline.provisional else ""
        fields = ", ".join(f.id for f in profile.fields)
        print(f"{profile.id}  {profile.name}")
        print(f"    UNESCO deadline {deadline.date:%Y-%m-%d %H:%M} CET{flag}, {when}")
        print(f"    fields: {fields}")
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from dossier.core.i18n import _
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
    print(f"Created {args.path} ({args.city}, {profile.field_label(draft.basic.field)}, {profile.id}).")
    if args.no_open or not _interactive():
        return EXIT_OK
    return _run_tui(args.path)


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
            from dossier.core.i18n import _

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
            print(f"dossier: note: {note}", file=sys.stderr)
        report = check(loaded.draft, profile, path.parent)
        unknown = unknown_fields(loaded.draft)
        if unknown:
            shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
            if args.strict and loaded.read_only:
                print(
                    f"dossier: not exported: the draft holds content this version of dossier does not "
                    f"know ({shown}), which the document would leave out (--strict); update dossier.",
                    file=sys.stderr,
                )
                return EXIT_FINDINGS
            print(
                f"dossier: note: the document leaves out what this dossier does not know: {shown}.",
                file=sys.stderr,
            )
        if args.strict and report.errors:
            _print_findings(report, profile, sys.stdout, errors_only=True)
            count = len(report.errors)
            print(
                f"dossier: not exported: the draft has {count} error{'s' if count != 1 else ''} "
                "(--strict); fix them or export without --strict.",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
        version, history_note = exported_version(path, loaded.draft)
        _note(history_note)
        result = export_draft(
            loaded.draft,
            profile,
            report,
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
        print(f"dossier: {exc.filename or path}: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_FAILURE
    print(result.summary())
    if version is not None:
        _note(record_export(path, version, result.path))
    return EXIT_OK


def _note(note: str | None) -> None:
    if note:
        print(f"dossier: note: {note}", file=sys.stderr)


_KIND_WORDS = {
    "save": "saved",
    "outside": "changed outside dossier",
    "restore": "restored",
    "migration": "upgraded",
    "import": "first recorded",
}


def _open_history(path: Path) -> History:
    """The draft's history for reading; a missing draft and a missing history is a failure."""
    from dossier.storage.history import History, history_path

    if not path.exists() and not history_path(path).exists():
        raise CliError(f"{path}: no such file, and no version history beside it.")
    history = History.open(path, create=False)
    _note(history.note)
    return history


def _part_name(part: str, draft: Dossier | None) -> str:
    from dossier.core.diff import REST
    from dossier.core.profiles import ProfileError
    from dossier.core.rules import part_label
    from dossier.workspace import profile_for

    if part == REST:
        return "The draft's settings"
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
        raise CliError(f"“{part}” is not a part of a draft; choose one of: {', '.join(allowed)}.")


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
        print(f"No versions of {args.path} recorded yet; every save from now on records one.")
        return EXIT_OK
    draft = None  # the parts are named by their titles in the draft's call, when it reads
    with contextlib.suppress(DraftError, OSError):
        draft = read_draft(args.path, allow_newer=True).draft
    width = len(str(versions[0].id))
    for v in versions:
        when = v.time.astimezone().strftime("%Y-%m-%d %H:%M")
        names = [_part_name(part, draft) for part in v.parts]
        parts = "every part" if set(v.parts) >= set(PARTS) else ", ".join(names)
        label = f"  “{v.label}”" if v.label else ""
        label += "".join(f"  (exported to {name})" for name in v.exported)
        what = _KIND_WORDS.get(v.kind, v.kind)
        print(f"{v.id:>{width}}  {when}  {v.author or '(unknown)':<12}  {what}: {parts}{label}")
    return EXIT_OK


def _describe(version: Version) -> str:
    when = version.time.astimezone().strftime("%Y-%m-%d %H:%M")
    who = f", {version.author}" if version.author else ""
    label = f", “{version.label}”" if version.label else ""
    return f"version {version.id} ({when}{who}{label})"


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
                print(f"  + row {(row.new_index or 0) + 1} added: {row.new}")
            elif row.kind == "removed":
                print(f"  - row {(row.old_index or 0) + 1} removed: {row.old}")
            else:
                print(f"  ~ row {(row.new_index or 0) + 1} changed: {row.new}")
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
                count = "no versions" if not versions else "only one version"
                print(f"{args.path} has {count} so far: nothing to compare.")
                return EXIT_OK
            old_name, new_name = _describe(versions[1]), _describe(versions[0])
            old, new = history.get(versions[1].id), history.get(versions[0].id)
        elif args.b is None:
            old_name, old = _describe(history.version(args.a)), history.get(args.a)
            new_name, new = "the draft as it is now", read_draft(args.path, allow_newer=True).draft
        else:
            old_name, old = _describe(history.version(args.a)), history.get(args.a)
            new_name, new = _describe(history.version(args.b)), history.get(args.b)
    finally:
        history.close()
    diffs = diff_dossiers(old, new, [args.part] if args.part else PARTS)
    print(f"From {old_name} to {new_name}:")
    if not diffs:
        print("no differences." if not args.part else f"no differences in {args.part}.")
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
                f"{args.path} is open in dossier, so it cannot be restored from here. {lock.describe()} "
                "Close it there first."
            )
        lock = take_over(args.path, lock)  # a crashed window's lock: nobody is editing
        if isinstance(lock, Holder):
            raise CliError(f"{args.path} is being opened in another window; try again in a moment.")
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
                raise CliError(f"{args.path} is missing: restore the whole draft first (without --part).")
            restored = old.model_copy(deep=True)
        elif args.part:
            restored = loaded.draft.model_copy(deep=True)
            restored = with_part(restored, old, args.part)
        else:
            restored = old.model_copy(deep=True)
            restored.meta.revision = loaded.draft.meta.revision
        what = f"“{_part_name(args.part, restored)}”" if args.part else "the whole draft"
        if loaded is not None and not diff_dossiers(loaded.draft, restored):
            print(f"Nothing to restore: {what} is already as in version {args.version}.")
            return EXIT_OK
        touch(restored)
        save_draft(restored, args.path, expect=loaded.fingerprint if loaded else None)
        label = f"{args.part} from version {args.version}" if args.part else f"version {args.version}"
        _note(record_save(args.path, restored, kind="restore", label=label))
        print(f"Restored {what} from version {args.version} in {args.path}.")
        return EXIT_OK
    finally:
        if not isinstance(lock, Holder):
            lock.release()


def _cmd_confirm(args: argparse.Namespace) -> int:
    """``dossier confirm DRAFT PART``: the submission text translates the working text as it is now."""
    from dossier.core.form import TEXT_PARTS
    from dossier.core.i18n import _
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
        print(f"Version {version.id} is now labelled “{version.label}”.")
    else:
        print(f"Version {version.id} has no label now.")
    return EXIT_OK


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run_tui(path: Path | None) -> int:
    from dossier.tui import run

    return run(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    from dossier.core.profiles import ProfileError
    from dossier.storage.drafts import DraftError
    from dossier.storage.history import HistoryError

    parser = _build_parser()
    stdout = sys.stdout
    if not isinstance(stdout, _ClosedPipeSafe):
        sys.stdout = _ClosedPipeSafe(stdout)
    try:
        args = parser.parse_args(argv)
        if args.command == "validate":
            return _cmd_validate(args)
        if args.command == "profiles":
            return _cmd_profiles(args)
        if args.command == "new":
            return _cmd_new(args)
        if args.command == "export":
            return _cmd_export(args)
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
        if args.command == "confirm":
            return _cmd_confirm(args)
        return _run_tui(None)
    except (CliError, DraftError, ProfileError, HistoryError) as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # stderr closed too, or a write that went round sys.stdout
        _stdout_gone()
        return EXIT_OK
    except Exception as exc:  # the promise is one line, never a traceback
        print(f"dossier: unexpected error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        sys.stdout.flush()
        sys.stdout = stdout
