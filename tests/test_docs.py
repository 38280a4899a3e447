"""The README and docs/: every relative link and picture points at a file of the project, every
command-line subcommand the code defines is in the README's command table, and the systemd units in
docs/ agree with each other and with the exit statuses of the code."""

import configparser
import re
from pathlib import Path

import pytest

from bot.cli import parser

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_point_at_files(page):
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target:
            continue
        assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_every_subcommand_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = next(a for a in parser()._actions if a.__class__.__name__ == "_SubParsersAction").choices
    for name in commands:
        assert f"`python -m bot {name}" in readme, name


def unit(name: str) -> configparser.ConfigParser:
    parsed = configparser.ConfigParser(strict=False, interpolation=None)
    parsed.optionxform = str
    parsed.read(ROOT / "docs" / name, encoding="utf-8")
    return parsed


def test_the_backup_unit_copies_the_database_the_bot_uses():
    bot, backup = unit("suzhou-targets-bot.service")["Service"], unit("suzhou-targets-bot-backup.service")["Service"]
    for setting in ("User", "WorkingDirectory", "EnvironmentFile"):  # BOT_DB_PATH comes from that file
        assert backup[setting] == bot[setting], setting
    assert backup["ExecStart"] == bot["ExecStart"].replace(" run", " backup")
    timer = unit("suzhou-targets-bot-backup.timer")
    assert timer["Timer"]["OnCalendar"] and timer["Install"]["WantedBy"] == "timers.target"


def test_the_bot_is_not_restarted_after_the_exit_status_of_a_setting_to_fix(tmp_path):
    import os
    import subprocess
    import sys

    prevented = unit("suzhou-targets-bot.service")["Service"]["RestartPreventExitStatus"].split()
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db"), "TELEGRAM_BOT_TOKEN": "123:short"}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.stderr.startswith("配置错误") and str(result.returncode) in prevented
