"""The README and docs/: every relative link and picture points at a file of the project, and every
command-line subcommand the code defines is in the README's command table."""

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
