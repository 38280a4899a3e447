"""The summary chart: one bar per target with data, its 完成率 against the 时间进度 line, as PNG bytes.

Chinese labels need a CJK font on every machine; the `mplfonts` package (installed with the project)
ships Noto Sans CJK SC, which is registered with matplotlib here, so no system font is needed.
"""

from __future__ import annotations

import io
import importlib.util
from functools import lru_cache
from pathlib import Path

from knowledge.progress import AHEAD, BEHIND, DONE, ON_TRACK
from knowledge.summaries import Summary

FONT_FILE = "NotoSansCJKsc-Regular.otf"
STATUS_COLOURS = {DONE: "#2e7d32", AHEAD: "#1565c0", ON_TRACK: "#f9a825", BEHIND: "#c62828"}


class ChartFontError(RuntimeError):
    """The CJK font that the project installs is missing, so labels would render as boxes."""


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register the bundled Noto Sans CJK SC with matplotlib and return its family name."""
    from matplotlib import font_manager

    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise ChartFontError("缺少中文字体包 mplfonts，请重新执行安装（make test 或 pip install -e .）")
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / FONT_FILE
    if not path.exists():
        raise ChartFontError(f"字体文件不存在：{path}")
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def completion_of(answer) -> float | None:
    """完成率 for the chart: actual/target for every kind, so shares and stocks sit on one axis; None
    when the target is not positive (a ratio to it means nothing, and the bar is left out)."""
    progress = answer.progress
    if progress.completion is not None:
        return progress.completion
    from knowledge.quantities import to_base

    target = to_base(answer.target.value, answer.target.unit)
    if not target > 0:
        return None
    return float(to_base(answer.actual.value, answer.actual.unit) / target)


def _charted(summary: Summary) -> list:
    """The answers that get a bar: those with data and a 完成率."""
    return [a for a in summary.with_data if completion_of(a) is not None]


def chart_key(summary: Summary) -> tuple:
    """What the picture depends on: two summaries with the same key draw the same chart."""
    return (summary.day, round(summary.time_progress, 4),
            tuple((a.indicator.id, a.progress.status, round(completion_of(a), 4)) for a in _charted(summary)))


def render_chart(summary: Summary, title: str | None = None) -> bytes | None:
    """PNG bytes of the chart, or None when no target has data (and a positive target) yet."""
    answers = _charted(summary)
    if not answers:
        return None
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    family = cjk_font()
    names = [a.indicator.name for a in answers]
    values = [completion_of(a) * 100 for a in answers]
    colours = [STATUS_COLOURS.get(a.progress.status, "#757575") for a in answers]

    height = 1.2 + 0.45 * len(answers)
    # The Figure API, not pyplot: no global state, so a chart can be drawn in a worker thread.
    figure = Figure(figsize=(9, height), dpi=110)
    axes = figure.subplots()
    positions = range(len(answers))[::-1]
    axes.barh(list(positions), values, color=colours, height=0.6)
    axes.set_yticks(list(positions), names, fontfamily=family, fontsize=9)
    for position, value in zip(positions, values):
        axes.text(value + 1, position, f"{value:.1f}%", va="center", fontsize=8, fontfamily=family)
    line = summary.time_progress * 100
    marker = axes.axvline(line, color="#424242", linestyle="--", linewidth=1.2)
    axes.set_xlim(0, max(110, max(values) + 15))
    axes.set_xlabel("完成率（%）", fontfamily=family)
    title = title or f"苏州新型工业化2026年目标完成率 · {summary.day:%Y-%m-%d}"
    axes.set_title(title, fontfamily=family, fontsize=11)
    handles = [Rectangle((0, 0), 1, 1, color=c) for c in STATUS_COLOURS.values()] + [marker]
    labels = list(STATUS_COLOURS) + [f"时间进度 {line:.1f}%"]
    axes.legend(handles, labels, prop={"family": family, "size": 8}, loc="center left",
                bbox_to_anchor=(1.01, 0.5), frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
