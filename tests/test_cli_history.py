"""The history commands: history, diff, restore, label (exit codes, one-line errors, records)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.cli import main
from dossier.storage.drafts import load_draft, save_draft, touch
from dossier.storage.history import History, history_path, record_save
from dossier.storage.lock import lock_path

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A draft made by ``dossier new`` (version 1), then saved twice by the editor (versions 2, 3)."""
    path = tmp_path / "hangzhou.dossier.json"
    code, _, err = run(
        capsys,
        "new",
        str(path),
        "--city",
        "Hangzhou",
        "--country",
        "China",
        "--field",
        "gastronomy",
        "--no-open",
    )
    assert code == 0, err
    d = load_draft(path)
    for text in (
        "The city will open 12 kitchens. 我们在杭州开放厨房。",
        "The town will open twelve kitchens. 我们在北京开放厨房。",
    ):
        d.sections.strategy.text = text
        touch(d)
        save_draft(d, path)
        assert record_save(path, d) is None
    return path


def test_new_records_the_first_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.dossier.json"
    run(capsys, "new", str(path), "--city", "X", "--country", "Y", "--field", "design", "--no-open")
    with History.open(path) as history:
        (first,) = history.versions()
        assert first.kind == "save" and history.get(first.id) == load_draft(path)


def test_history_lists_newest_first(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "history", str(draft))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["3", "2", "1"]
    assert "saved: 6. Development strategy and policy" in lines[0] and "saved: every part" in lines[2]
    code, out, _ = run(capsys, "history", "--json", str(draft))
    listed = json.loads(out)
    assert code == 0 and [v["id"] for v in listed] == [3, 2, 1]
    assert set(listed[0]) == {"id", "time", "author", "label", "kind", "parts", "exported"}
    assert listed[0]["parts"] == ["strategy"] and listed[0]["kind"] == "save"


def test_history_of_a_draft_without_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.dossier.json"
    save_draft(load_draft(ROOT / "examples" / "westmere-design.dossier.json"), path, backup=False)
    code, out, _ = run(capsys, "history", str(path))
    assert code == 0 and "No versions" in out
    assert not history_path(path).exists()  # reading never creates a history


def test_diff_defaults_to_the_last_two_versions(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", str(draft))
    assert code == 0 and err == ""
    assert out.startswith("From version 2 (") and " to version 3 (" in out
    assert "The [-city-]{+town+} will open [-12-]{+twelve+} kitchens. 我们在[-杭州-]{+北京+}开放厨房。" in out
    assert "\x1b[" not in out  # no colours when not a terminal


def test_diff_between_versions_and_against_the_draft(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(draft), "1", "3")
    assert code == 0 and "{+The town will open twelve kitchens." in out
    code, out, _ = run(capsys, "diff", str(draft), "3")
    assert code == 0 and "to the draft as it is now" in out and "no differences." in out
    code, out, _ = run(capsys, "diff", str(draft), "1", "3", "--part", "basic")
    assert code == 0 and "no differences in basic." in out


def test_diff_shows_rows_and_fields(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dossier.core.model import Initiative

    d = load_draft(draft)
    d.basic.contacts.mayor.email = "mayor@hangzhou.example.cn"
    d.sections.contribution.initiatives.append(Initiative(title="Tea [bold] school", budget=500))
    touch(d)
    save_draft(d, draft)
    record_save(draft, d)
    code, out, _ = run(capsys, "diff", str(draft))
    assert code == 0
    assert "  contacts.mayor.email: {+mayor@hangzhou.example.cn+}" in out
    assert "  + row 1 added: Tea [bold] school (local, 500 USD)" in out


def test_restore_one_part_is_recorded_as_a_version(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "restore", str(draft), "2", "--part", "strategy")
    assert code == 0, err
    assert "from version 2" in out
    d = load_draft(draft)
    assert d.sections.strategy.text.startswith("The city will open 12")
    with History.open(draft) as history:
        newest = history.versions()[0]
        assert newest.id == 4 and newest.kind == "restore" and newest.parts == ("strategy",)
        assert history.get(4) == d
    code, out, _ = run(capsys, "restore", str(draft), "2", "--part", "strategy")
    assert code == 0 and "Nothing to restore" in out


def test_restore_the_whole_draft(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "restore", str(draft), "1")
    assert code == 0, err
    assert load_draft(draft).sections.strategy.text == ""
    assert load_draft(draft).meta.revision == 3  # the file's revision goes on counting


def test_restore_keeps_an_outside_change_in_the_history(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = draft.read_text("utf-8").replace("twelve kitchens", "twenty kitchens")
    draft.write_text(raw, "utf-8")
    code, _, err = run(capsys, "restore", str(draft), "1")
    assert code == 0, err
    with History.open(draft) as history:
        kinds = [v.kind for v in history.versions()]
        assert kinds[:2] == ["restore", "outside"]
        assert "twenty kitchens" in history.get(history.versions()[1].id).sections.strategy.text


def test_restore_brings_back_a_deleted_draft(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kept = load_draft(draft)
    draft.unlink()
    code, _, err = run(capsys, "restore", str(draft), "3")
    assert code == 0, err
    assert load_draft(draft).sections.strategy.text == kept.sections.strategy.text


def test_restore_refuses_a_draft_open_in_an_editor(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        info = {"pid": editor.pid, "host": socket.gethostname(), "user": "li.wei", "started": ""}
        lock_path(draft).write_text(json.dumps(info), "utf-8")
        before = draft.read_bytes()
        code, out, err = run(capsys, "restore", str(draft), "1")
    finally:
        editor.kill()
        editor.wait()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "is open in dossier" in err and "li.wei" in err
    assert draft.read_bytes() == before
    assert lock_path(draft).exists()  # the editor's lock is left alone


def test_restore_wrong_part_or_version(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "restore", str(draft), "2", "--part", "nonsense")
    assert code == 2 and "not a part of a draft" in err and err.count("\n") == 1
    code, _, err = run(capsys, "restore", str(draft), "9")
    assert code == 2 and "no version 9" in err
    assert not lock_path(draft).exists()  # the restore's own lock is gone


def test_label(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "label", str(draft), "2", "sent to the vice-mayor")
    assert code == 0 and "“sent to the vice-mayor”" in out
    _, out, _ = run(capsys, "history", str(draft))
    assert "“sent to the vice-mayor”" in out.splitlines()[1]
    code, _, err = run(capsys, "label", str(draft), "7", "x")
    assert code == 2 and err.count("\n") == 1 and "no version 7" in err


def test_missing_draft_and_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "history", str(tmp_path / "nothing.dossier.json"))
    assert code == 2 and out == "" and "no version history" in err and err.count("\n") == 1


def test_damaged_history_is_reported_and_the_command_goes_on(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history_path(draft).write_bytes(b"garbage" * 1000)
    code, out, err = run(capsys, "history", str(draft))
    assert code == 0 and "No versions" in out
    assert err.startswith("dossier: note: ") and "set aside" in err


def test_version_must_be_a_number(draft: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "diff", str(draft), "latest"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and "invalid int value" in result.stderr


def test_export_names_the_version_and_the_history_records_it(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx import Document

    from dossier.export import markers
    from dossier.export.ooxml import custom_properties

    out = draft.with_name("for-the-mayor.docx")
    code, _, err = run(capsys, "export", str(draft), "-o", str(out))
    assert code == 0 and err == ""
    assert custom_properties(Document(str(out)))[markers.PROP_HISTORY_VERSION] == "3"
    code, text, _ = run(capsys, "history", str(draft))
    assert "(exported to for-the-mayor.docx)" in text.splitlines()[0]
    _, listed, _ = run(capsys, "history", "--json", str(draft))
    assert json.loads(listed)[0]["exported"] == ["for-the-mayor.docx"]


def test_export_of_text_changed_outside_dossier_names_no_version(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx import Document

    from dossier.export import markers
    from dossier.export.ooxml import custom_properties

    d = load_draft(draft)
    d.sections.strategy.text = "Changed in another program."
    save_draft(d, draft)  # no version recorded
    out = draft.with_name("x.docx")
    code, _, err = run(capsys, "export", str(draft), "-o", str(out))
    assert code == 0 and "not the last version recorded" in err
    assert markers.PROP_HISTORY_VERSION not in custom_properties(Document(str(out)))
    with History.open(draft) as history:
        assert all(not v.exported for v in history.versions())
