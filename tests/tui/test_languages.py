"""The editor in French and Chinese: what the official reads is in the interface language,
switching it redraws what is on screen, the choice is remembered, and the palette finds a
part by a Chinese or French word.

The section titles and guidance come from the call profile (English and Chinese, French
where the profile has it); these tests look at the interface's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Footer

from dossier.core import i18n
from dossier.storage import recent
from dossier.tui.app import DossierApp, next_language, starting_language
from dossier.tui.dialogs.quit import QuitDialog
from dossier.tui.screens.help import HelpScreen
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.overview import OverviewScreen
from dossier.tui.text import fit, format_date

from support.tui import Tui

Make = Callable[..., DossierApp]

ENGLISH_MAIN = ("^s Save", "Basic information", "required filled", "/300 words", "Guidance", "days to UNESCO")
"""English the main screen shows at 100 columns (footer, sidebar, count, guidance, header)."""
SHOWN_MAIN = {
    "fr": (
        "^s Enreg.",
        "Informations générales",
        "obligatoires",
        "/300 mots",
        "Consignes",
        "échéance UNESCO",
    ),
    "zh": ("^s 保存", "基本信息", "必填项", "/300 字", "填写说明", "距截止日期还有"),
}
ENGLISH_OVERVIEW = (
    "Readiness",
    "Overall:",
    "Timeline",
    "Findings (enter goes to one)",
    "in 64 days",
    "Back to",
)
SHOWN_OVERVIEW = {
    "fr": ("État d'avancement", "Ensemble", "Calendrier", "Remarques (entrée pour y aller)", "dans 64 jours"),
    "zh": ("完成情况", "总体：", "时间表", "检查结果（按 Enter 跳转）", "64 天后"),
}
ENGLISH_HELP = ("Keys (escape closes)", "Save the draft (a backup", "Command palette: every action")
SHOWN_HELP = {
    "fr": ("Touches (échap pour fermer)", "Enregistrer le brouillon (la version", "Palette de commandes"),
    "zh": ("快捷键（按 Esc 关闭）", "保存草稿（上一版本备份为 .bak）", "命令面板：所有操作"),
}
ENGLISH_QUIT = ("Unsaved changes", "has changes that are not saved", "Discard (d)", "Cancel (esc)")
SHOWN_QUIT = {
    "fr": ("Modifications non enregistrées", "Les enregistrer avant de quitter", "Abandonner (d)", "Annuler"),
    "zh": ("未保存的修改", "退出前要保存吗？", "放弃（d）", "取消（Esc）"),
}


def _flat(text: str) -> str:
    """The screen's text with the no-break spaces of French typography as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _check(text: str, shown: tuple[str, ...], english: tuple[str, ...]) -> None:
    text = _flat(text)
    assert all(_flat(word) in text for word in shown), (shown, text)
    assert not [word for word in english if word in text], text


@pytest.mark.parametrize("language", ["fr", "zh"])
async def test_every_screen_speaks_the_interface_language(
    draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, language)
    app = make(draft_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await tui.ready(pilot)
        assert app.ui_language == language and i18n.interface_language() == language
        _check(tui.screen_text(app), SHOWN_MAIN[language], ENGLISH_MAIN)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        _check(tui.screen_text(app), SHOWN_OVERVIEW[language], ENGLISH_OVERVIEW)
        await pilot.press("escape", "f1")
        await tui.wait_for_screen(pilot, HelpScreen)
        _check(tui.screen_text(app), SHOWN_HELP[language], ENGLISH_HELP)
        await pilot.press("escape")
        await tui.wait_for_screen(pilot, MainScreen)
        await tui.type_text(pilot, "x")
        await pilot.press("ctrl+q")
        await tui.wait_for_screen(pilot, QuitDialog)
        _check(tui.screen_text(app), SHOWN_QUIT[language], ENGLISH_QUIT)
        await pilot.press("escape")


async def test_switching_language_redraws_footer_findings_and_reruns_the_check(
    draft_path: Path, make: Make, tui: Tui
) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.go_to("basic")  # a part with findings, so the list has a counted title
        await tui.until(pilot, lambda: "^s Save" in tui.screen_text(app), "the footer")
        assert str(screen.findings.border_title).startswith("Findings: 1 error")
        session = app.session
        assert session is not None
        before = session.report
        await pilot.press("ctrl+l")
        await tui.until(pilot, lambda: session.report is not before, "the check run again in French")
        await tui.until(pilot, lambda: "^s Enreg." in tui.screen_text(app), "the footer in French")
        text = _flat(tui.screen_text(app))
        assert "^s Save" not in text
        assert str(screen.findings.border_title).startswith("Remarques\u202f: 1 erreur")
        assert "Informations générales" in text and "Basic information" not in text
        footer = screen.query_one(Footer)
        assert footer.is_mounted
        before = session.report
        await pilot.press("ctrl+l")
        await tui.until(pilot, lambda: session.report is not before, "the check run again in Chinese")
        await tui.until(pilot, lambda: "^s 保存" in tui.screen_text(app), "the footer in Chinese")
        text = tui.screen_text(app)
        assert "Enreg." not in text
        assert str(screen.findings.border_title).startswith("检查结果：1 个错误")
        await pilot.press("ctrl+l")  # and back to English
        await tui.until(pilot, lambda: "^s Save" in tui.screen_text(app), "the footer in English")
        assert str(screen.findings.border_title).startswith("Findings: 1 error")


async def test_the_overview_follows_a_switch_from_the_palette(draft_path: Path, make: Make, tui: Tui) -> None:
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        await pilot.press("f2")
        await tui.wait_for_screen(pilot, OverviewScreen)
        assert "Readiness" in tui.screen_text(app)
        app.set_language("zh")  # what "Interface language: 中文" does
        await tui.until(pilot, lambda: "^s 保存" in tui.screen_text(app), "the overview in Chinese")
        await tui.settle(pilot)
        text = tui.screen_text(app)
        assert "完成情况" in text and "Readiness" not in text and "检查结果：" in text


async def test_the_choice_is_remembered_over_the_environment(
    draft_path: Path, make: Make, tui: Tui, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "fr")
    app = make(draft_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await tui.ready(pilot)
        assert app.ui_language == "fr"
        await pilot.press("ctrl+l")
        await tui.settle(pilot)
        assert app.ui_language == "zh"
    assert recent.preferences()["ui_language"] == "zh"
    again = make(draft_path)
    assert again.ui_language == "zh" and i18n.interface_language() == "zh"
    # a different value, set for one run, still wins: in the editor and on the command line
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "en")
    assert make(draft_path).ui_language == "en"
    from dossier.cli import _start_language

    _start_language()
    assert i18n.interface_language() == "en"
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, "fr")
    _start_language()
    assert i18n.interface_language() == "zh"


def test_the_starting_language() -> None:
    assert starting_language({"ui_language": "fr"}, {}) == "fr"
    assert starting_language({"guidance_language": "zh"}, {}) == "zh"  # what earlier versions remembered
    assert starting_language({"ui_language": "klingon", "guidance_language": "zh"}, {}) == "zh"
    # a variable set for one run wins, unless the choice was made over that very value
    chosen = {"ui_language": "zh", "ui_language_over": "fr"}
    assert starting_language(chosen, {"DOSSIER_UI_LANGUAGE": "fr"}) == "zh"
    assert starting_language(chosen, {"DOSSIER_UI_LANGUAGE": "en"}) == "en"
    assert starting_language({"ui_language": "zh"}, {"DOSSIER_UI_LANGUAGE": "en"}) == "en"
    assert [next_language(x) for x in ("en", "fr", "zh", "xx")] == ["fr", "zh", "en", "en"]


@pytest.mark.parametrize(
    ("query", "language", "found"),
    [
        ("预算", "en", "Go to: 10. Contribution to the network"),
        ("可持续", "en", "Go to: 7. Expected sustainable development outcomes"),
        ("预算", "zh", "前往：10. 对网络的贡献"),
        ("plan d'action", "fr", "Aller à : 10."),
        ("界面语言", "en", "Interface language: 中文"),
        ("主题", "zh", "更换界面主题"),  # Textual's own commands too
    ],
)
async def test_the_palette_finds_a_part_by_a_chinese_or_french_word(
    draft_path: Path,
    make: Make,
    tui: Tui,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    language: str,
    found: str,
) -> None:
    monkeypatch.setenv(i18n.UI_LANGUAGE_VARIABLE, language)
    app = make(draft_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await tui.ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await tui.type_text(pilot, query)
        await tui.until(pilot, lambda: found in _flat(tui.screen_text(app)), f"{found!r} in the palette")


def test_wide_text_is_cut_by_cells_with_an_ellipsis() -> None:
    assert fit("可持续发展目标", 7) == "可持续…"  # 3 characters of 2 cells, and the "…"
    assert fit("可持续发展目标", 8) == "可持续…"  # never half a character
    assert fit("可持续", 6) == "可持续"
    assert fit("Westmere", 5) == "West…"


def test_dates_in_the_interface_language() -> None:
    from datetime import date

    before = i18n.interface_language()
    try:
        i18n.set_interface_language("fr")
        assert format_date(date(2027, 2, 5)) == "5 févr. 2027"
        i18n.set_interface_language("zh")
        assert format_date(date(2027, 2, 5)) == "2027年2月5日"
        i18n.set_interface_language("en")
        assert format_date(date(2027, 2, 5)) == "05 Feb 2027"
    finally:
        i18n.set_interface_language(before)


async def test_the_start_screen_switches_too(make: Make, tui: Tui) -> None:
    from dossier.tui.screens.start import StartScreen

    app = make(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await tui.wait_for_screen(pilot, StartScreen)
        assert "Create a new draft…" in tui.screen_text(app)
        await pilot.press("ctrl+l")
        await tui.until(pilot, lambda: "Créer un brouillon…" in tui.screen_text(app), "the menu in French")
        text = tui.screen_text(app)
        assert "Create a new draft" not in text and "Préparez la candidature" in text
        assert app.screen.focused is not None  # the menu keeps the cursor: enter still works


def test_budgets_are_written_as_the_interface_language_writes_numbers() -> None:
    from dossier.tui.widgets.action_plan import money

    before = i18n.interface_language()
    try:
        assert money(1250000.5) == "1,250,000.50"
        i18n.set_interface_language("fr")
        assert money(1250000.5) == "1\u202f250\u202f000,50"
        i18n.set_interface_language("zh")
        assert money(950000) == "950,000"
    finally:
        i18n.set_interface_language(before)
