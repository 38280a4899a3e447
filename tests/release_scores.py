"""Scoring /release on texts restated from real publications: a folder of texts and an expected.json.

expected.json (the format of ../shared/eval/releases/restated/):
    {"file.txt": {"today": "YYYY-MM-DD",
                  "want":  [[indicator_id, city, "YYYY:a-b", value_in_base_units | null, yoy_percent | null]],
                  "never": [indicator_id | [indicator_id, city]]}}

Each text is read as the bot reads a pasted release on `today`, planned against a freshly seeded knowledge
base, and every figure the plan would record (or, for a growth rate alone, would add to a level) is
compared with the wanted rows: right when indicator, city, period, value and 同比 all match; every other
recorded figure is wrong. Run `python tests/release_scores.py FOLDER…` to print the table.
"""

from __future__ import annotations

import inspect
import json
import math
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.periods import parse_label  # noqa: E402
from knowledge.quantities import parse_quantity, to_base  # noqa: E402
from knowledge.releases import NOT_WRITTEN, preview_release  # noqa: E402
from knowledge.store import open_store  # noqa: E402


STOCKS = {i.id: i.kind == "level" for i in open_store(":memory:").indicators()}


@dataclass
class FileScore:
    name: str
    want: int
    right: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    never: list = field(default_factory=list)  # recorded rows of an indicator the text must never yield
    unplaced: int = 0


def recorded_rows(text: str, today: date) -> tuple[list[tuple], int]:
    """(indicator_id, city, "YYYY:a-b", value in base units | None, yoy | None) for every figure the bot
    would record from `text` read on `today`, and the number of unplaced fragments."""
    store = open_store(":memory:")
    units = {i.id: i.unit for i in store.indicators()}
    if "default_year" in inspect.signature(preview_release).parameters:  # the reader before issue 21
        plan = preview_release(store, text, 2026, "评分")
    else:
        plan = preview_release(store, text, today, "评分")
    rows = []
    for item in plan.items:
        figure = item.figure
        growth_alone = figure.value is None and item.note.startswith("只有同比")
        if item.state == NOT_WRITTEN and not growth_alone:
            continue
        value = None
        if figure.value is not None:
            quantity = parse_quantity(format(figure.value, "f") + figure.unit, units[figure.indicator_id])
            value = float(to_base(quantity.value, quantity.unit))
        period = parse_label(figure.period)
        key = f"{period.year}:{period.first_month}-{period.last_month}" if period else figure.period
        rows.append((figure.indicator_id, figure.city, key, value, figure.yoy))
    return rows, len(plan.reading.unplaced)


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _point(key: tuple) -> tuple:
    """A stock (kind level) is counted at a point in time: 1-10月 and 10月 are one date (as /set takes them)."""
    indicator, city, period = key
    if STOCKS.get(indicator) and ":" in period:
        year, months = period.split(":")
        first, last = months.split("-")
        if first in ("1", last):
            period = f"{year}:{last}-{last}"
    return indicator, city, period


def _matches(row: tuple, want: list) -> bool:
    return _point(tuple(row[:3])) == _point(tuple(want[:3])) and _same(row[3], want[3]) and _same(row[4], want[4])


def score_file(folder: Path, name: str, spec: dict) -> FileScore:
    text = (folder / name).read_text(encoding="utf-8")
    rows, unplaced = recorded_rows(text, date.fromisoformat(spec["today"]))
    score = FileScore(name, len(spec["want"]), unplaced=unplaced)
    for want in spec["want"]:
        (score.right if any(_matches(r, want) for r in rows) else score.missed).append(want)
    for row in rows:
        if not any(_matches(row, want) for want in spec["want"]):
            score.wrong.append(row)
        for never in spec.get("never", []):
            if (isinstance(never, str) and row[0] == never) or (isinstance(never, list) and list(row[:2]) == never):
                score.never.append(row)
    return score


def score_folder(folder: Path) -> list[FileScore]:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return [score_file(folder, name, spec) for name, spec in expected.items()]


def report(scores: list[FileScore]) -> str:
    lines = []
    for s in scores:
        lines.append(f"{s.name}: {len(s.right)}/{s.want} right, {len(s.wrong)} wrong, {s.unplaced} unplaced")
        lines += [f"    missed {m}" for m in s.missed] + [f"    WRONG  {w}" for w in s.wrong]
    want = sum(s.want for s in scores)
    right = sum(len(s.right) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    lines.append(f"TOTAL: {right}/{want} right ({100 * right / max(want, 1):.0f}%), {wrong} wrong rows")
    return "\n".join(lines)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"== {arg}")
        print(report(score_folder(Path(arg))))
