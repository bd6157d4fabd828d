"""The command line speaks the interface language: help, argparse's own words, every message.

The language is chosen once at start: ``DOSSIER_UI_LANGUAGE``, else the language saved in
the settings, else the locale. ``--json`` keeps its keys and codes in English.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import cli
from dossier.cli import main
from dossier.core import i18n
from dossier.storage import recent

from support.paths import EXAMPLES_DIR, REPO

INCOMPLETE = EXAMPLES_DIR / "harbourview-incomplete.dossier.json"


def _env(**values: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DOSSIER_UI_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
    }
    env["PYTHONPATH"] = str(REPO)
    env.update(values)
    return env


def _dossier(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args], capture_output=True, text=True, env=_env(**env), timeout=60
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def speaks(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the CLI in-process with ``DOSSIER_UI_LANGUAGE`` set (the process's language is put back)."""
    before = i18n.interface_language()

    def use(language: str) -> None:
        monkeypatch.setenv("DOSSIER_UI_LANGUAGE", language)

    yield use
    i18n.set_interface_language(before)


# ---------------------------------------------------------------------- --help, as installed


@pytest.mark.parametrize(
    ("env", "words"),
    [
        (
            {"DOSSIER_UI_LANGUAGE": "fr", "LANG": "zh_CN.UTF-8"},
            [
                "utilisation\u202f: dossier",
                "arguments positionnels",
                "afficher ce message d'aide et quitter",
                "Réseau des villes créatives de l'UNESCO",
                "créer un brouillon",
            ],
        ),
        (
            {"LANG": "zh_CN.UTF-8"},
            [
                "用法：dossier",
                "位置参数",
                "选项",
                "显示此帮助信息并退出",
                "显示程序版本号并退出",
                "创意城市网络",
                "新建草稿",
            ],
        ),
        ({"LANG": "C.UTF-8"}, ["usage: dossier", "positional arguments", "show this help message and exit"]),
    ],
    ids=["fr", "zh", "en"],
)
def test_help_speaks_the_interface_language(env: dict[str, str], words: list[str]) -> None:
    result = _dossier("--help", **env)
    assert result.returncode == 0, result.stderr
    shown = re.sub(r"[ \n]+", " ", result.stdout)  # argparse wraps long lines
    for word in words:
        assert word in shown, (word, result.stdout)
    if "LANG" in env and env["LANG"].startswith("C"):
        return
    assert "show this help message" not in result.stdout and "usage:" not in result.stdout


def test_a_subcommand_help_speaks_chinese() -> None:
    result = _dossier("validate", "--help", LANG="zh_CN.UTF-8")
    assert result.returncode == 0
    assert "检查草稿；有错误时退出码为 1" in result.stdout
    assert "以 JSON 格式输出检查结果" in result.stdout
    assert "print the findings" not in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"DOSSIER_UI_LANGUAGE": "fr"}, "fichier introuvable"), ({"LANG": "zh_CN.UTF-8"}, "文件不存在")],
    ids=["fr", "zh"],
)
def test_a_failing_command_says_so_in_the_interface_language(env: dict[str, str], expected: str) -> None:
    result = _dossier("validate", "/nonexistent/x.dossier.json", **env)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("dossier: ")
    assert expected in result.stderr and "no such file" not in result.stderr


# ---------------------------------------------------------------------- argparse's own words


@pytest.mark.parametrize(
    ("language", "args", "expected"),
    [
        (
            "fr",
            ["validate"],
            "les arguments suivants sont obligatoires\u202f: path (voir «\u202fdossier --help\u202f»)",
        ),
        ("zh", ["validate"], "缺少以下必需参数：path（参见 dossier --help）"),
        (
            "fr",
            ["new", "x", "--city", "a", "--country", "b", "--field", "c", "--language", "de"],
            "argument --language\u202f: choix non valide\u202f: 'de'",
        ),
        ("zh", ["diff", "x", "y"], "参数 A：无效的 int 值：'y'"),
        ("zh", ["validate", "x", "--frobnicate"], "无法识别的参数：--frobnicate"),
        ("en", ["validate"], "the following arguments are required: path (see 'dossier --help')"),
    ],
)
def test_argparse_errors_are_translated(
    capsys: pytest.CaptureFixture[str],
    speaks,
    language: str,
    args: list[str],
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    speaks(language)
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"dossier: {expected}") and err.count("\n") == 1, err


def test_argparse_still_asks_for_the_words_we_translate() -> None:
    """A new Python whose argparse words a message differently would silently show it in English."""
    source = inspect.getsource(argparse)
    assert "from gettext import gettext as _" in source
    missing = [m for m in cli._argparse_messages() if f"_({m!r})" not in source and f'_("{m}")' not in source]
    assert not missing


def test_argparse_is_put_back_after_the_command(capsys: pytest.CaptureFixture[str], speaks) -> None:  # type: ignore[no-untyped-def]
    """Other users of argparse in the process (pytest itself) keep the stdlib's words."""
    original = argparse.__dict__["_"]
    speaks("zh")
    run(capsys, "validate")
    assert argparse.__dict__["_"] is original
    assert argparse.ArgumentParser(prog="x").format_help().startswith("usage: x")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "用法：dossier" in capsys.readouterr().out
    assert argparse.__dict__["_"] is original


# ---------------------------------------------------------------------- validate


def test_validate_speaks_chinese_and_keeps_its_exit_code(capsys: pytest.CaptureFixture[str], speaks) -> None:  # type: ignore[no-untyped-def]
    speaks("zh")
    code, out, _ = run(capsys, "validate", str(INCOMPLETE))
    assert code == 1
    assert "8 个错误，15 个提醒：尚未就绪：即使作为草稿也有错误。" in out
    assert "\n  错误  basic.links: " in out and "\n  提醒  attachments." in out  # both 4 columns wide
    assert " error " not in out and "not ready" not in out
    # the first line and the part headings too: no English title, no English comma list
    assert out.splitlines()[0].startswith(f"{INCOMPLETE}：") and "Harbourview，美食，" in out.splitlines()[0]
    assert "\n7. 预期可持续发展成果\n" in out and "sustainable development outcomes" not in out


def test_validate_json_keeps_english_keys_and_codes(capsys: pytest.CaptureFixture[str], speaks) -> None:  # type: ignore[no-untyped-def]
    speaks("en")
    _, out, _ = run(capsys, "validate", "--json", str(INCOMPLETE))
    english = json.loads(out)
    speaks("zh")
    code, out, _ = run(capsys, "validate", "--json", str(INCOMPLETE))
    chinese = json.loads(out)
    assert code == 1
    assert (english["language"], chinese["language"]) == ("en", "zh")
    assert chinese.keys() == english.keys()
    assert [f.keys() for f in chinese["findings"]] == [f.keys() for f in english["findings"]]
    strip = ("severity", "part", "location", "code")
    assert [{k: f[k] for k in strip} for f in chinese["findings"]] == [
        {k: f[k] for k in strip} for f in english["findings"]
    ]
    assert {f["severity"] for f in chinese["findings"]} == {"error", "warning"}


def test_validate_json_messages_are_in_the_interface_language(  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str], speaks
) -> None:
    speaks("zh")
    _, out, _ = run(capsys, "validate", "--json", str(INCOMPLETE))
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert all(any("\u4e00" <= c <= "\u9fff" for c in m) for m in messages), messages[:3]


# ---------------------------------------------------------------------- other commands


def test_history_diff_and_label_speak_french(
    capsys: pytest.CaptureFixture[str], speaks, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    speaks("fr")
    draft = tmp_path / "w.dossier.json"
    code, out, _ = run(
        capsys,
        "new",
        str(draft),
        "--city",
        "Lyon",
        "--country",
        "France",
        "--field",
        "gastronomy",
        "--no-open",
    )
    assert code == 0 and out.startswith(f"Brouillon créé\u202f: {draft} (Lyon")
    code, out, _ = run(capsys, "diff", str(draft))
    assert code == 0 and "n'a encore qu'une version\u202f: rien à comparer." in out
    code, out, _ = run(capsys, "label", str(draft), "1", "envoyé au maire adjoint")
    assert code == 0 and out == "La version 1 s'appelle désormais «\u202fenvoyé au maire adjoint\u202f».\n"
    code, _, err = run(capsys, "restore", str(draft), "7")
    assert code == 2 and err == "dossier: L'historique de w.dossier.json ne contient pas de version 7.\n"
    code, _, err = run(capsys, "diff", str(draft), "--part", "budget")
    assert code == 2 and "«\u202fbudget\u202f» n'est pas une partie d'un brouillon" in err


def test_profiles_speak_chinese(capsys: pytest.CaptureFixture[str], speaks) -> None:  # type: ignore[no-untyped-def]
    speaks("zh")
    code, out, _ = run(capsys, "profiles")
    assert (
        code == 0
        and "联合国教科文组织截止时间：2027-01-31 23:59（欧洲中部时间）" in out
        and "（暂定日期）" in out
    )


def test_storage_messages_speak_the_interface_language(tmp_path: Path) -> None:
    """Raised in storage at the moment they are made, in the language of the process."""
    from dossier.storage.drafts import DraftError, read_draft

    bad = tmp_path / "notes.dossier.json"
    bad.write_text("hello", encoding="utf-8")
    (tmp_path / "notes.dossier.json.bak").write_text("{}", encoding="utf-8")
    before = i18n.interface_language()
    try:
        for language, expected in (
            # one sentence runs on after the other, with the full stop Chinese uses
            ("zh", f'{bad}：它根本不是 JSON 文件（开头为 "hello"）；草稿应为 .dossier.json 文件。上一版本'),
            ("fr", 'ce n\'est pas du tout du JSON (il commence par "hello")'),
        ):
            i18n.set_interface_language(language)
            with pytest.raises(DraftError) as raised:
                read_draft(bad)
            assert expected in str(raised.value)
    finally:
        i18n.set_interface_language(before)


def test_profile_and_export_errors_speak_chinese(  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str], speaks, tmp_path: Path
) -> None:
    """A ProfileError and an ExportError reach the Chinese official in Chinese, in one line."""
    speaks("zh")
    code, out, err = run(capsys, "validate", "--profile", "uccn-1999", str(INCOMPLETE))
    assert (code, out) == (2, "")
    assert err.startswith("dossier: 没有名为“uccn-1999”的征集设置：") and err.count("\n") == 1, err
    assert "uccn-2025, uccn-2027" in err and "no call profile" not in err

    code, out, err = run(capsys, "export", str(INCOMPLETE), "-o", str(tmp_path / "harbourview.txt"))
    assert (code, out) == (2, "")
    assert err.endswith("：输出文件必须是以 .docx 结尾的 Word 文档。\n") and err.count("\n") == 1, err

    missing = tmp_path / "no-such-template.docx"
    code, out, err = run(
        capsys, "export", str(INCOMPLETE), "-o", str(tmp_path / "x.docx"), "--template", str(missing)
    )
    assert code == 2 and err == f"dossier: 模板 {missing}：文件不存在。\n"
    assert not (tmp_path / "x.docx").exists()


# ---------------------------------------------------------------------- which language


@pytest.mark.parametrize(
    ("environ", "saved", "over", "expected"),
    [
        (
            {"DOSSIER_UI_LANGUAGE": "en", "LANG": "zh_CN.UTF-8"},
            "fr",
            None,
            "en",
        ),  # the variable beats the settings
        ({"DOSSIER_UI_LANGUAGE": "en"}, "fr", "", "en"),  # set since the choice was made: it wins
        ({"DOSSIER_UI_LANGUAGE": "en"}, "fr", "zh", "en"),  # changed since the choice: it wins
        ({"DOSSIER_UI_LANGUAGE": "en"}, "fr", "en", "fr"),  # the value the choice was made over: the choice
        ({"LANG": "zh_CN.UTF-8"}, "fr", "", "fr"),  # the settings beat the locale
        ({"LANG": "zh_CN.UTF-8"}, None, None, "zh"),  # the locale, when nothing was chosen
        ({"LANG": "zh_CN.UTF-8"}, "klingon", None, "zh"),  # a saved value we do not speak is passed over
        ({}, None, None, "en"),
    ],
)
def test_variable_beats_settings_beats_locale(
    environ: dict[str, str], saved: str | None, over: str | None, expected: str
) -> None:
    assert i18n.detect_interface_language(environ, saved=saved, saved_over=over) == expected


def test_the_cli_honours_the_saved_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = i18n.interface_language()
    try:
        monkeypatch.delenv("DOSSIER_UI_LANGUAGE", raising=False)
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        assert run(capsys, "validate", "/nonexistent/x.dossier.json")[2].endswith("文件不存在。\n")
        assert recent.set_preference(i18n.UI_LANGUAGE_PREFERENCE, "fr")
        assert "fichier introuvable" in run(capsys, "validate", "/nonexistent/x.dossier.json")[2]
        monkeypatch.setenv("DOSSIER_UI_LANGUAGE", "en")
        assert "no such file" in run(capsys, "validate", "/nonexistent/x.dossier.json")[2]
    finally:
        i18n.set_interface_language(before)
    assert i18n.interface_language() == before  # main() puts the process's language back


def test_a_file_the_system_refuses_is_said_in_the_interface_language(  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str], speaks, tmp_path: Path
) -> None:
    """Only the system's own reason stays as the system words it; the sentence is ours."""
    speaks("zh")
    missing = tmp_path / "reviewed.docx"
    code, _, err = run(capsys, "import", str(missing), str(INCOMPLETE), "--dry-run")
    assert code != 0 and err.startswith(f"dossier: {missing}：无法读取（") and err.endswith("）。\n"), err
