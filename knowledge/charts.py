"""The summary chart, as PNG bytes: cumulative targets as 完成率 bars each against its own 序时进度, level
and % targets in their own panel against their target; coloured by status, labelled actual / target.

Chinese labels need a CJK font on every machine; the `mplfonts` package (installed with the project)
ships Noto Sans CJK SC, which is registered with matplotlib here, so no system font is needed.
"""

from __future__ import annotations

import io
import importlib.util
from functools import lru_cache
from pathlib import Path

from knowledge.labels import status_label
from knowledge.progress import (
    AHEAD, BEHIND, CUMULATIVE, DONE, NOT_DONE, NOT_RATED, ON_TRACK, READING_ORDER, SEVERELY_BEHIND,
)
from knowledge.quantities import format_number, to_base
from knowledge.summaries import Summary

FONT_FILE = "NotoSansCJKsc-Regular.otf"
# The colours leadership reads: red, amber, light and dark green (基本同步, 超前), and blue for 已完成,
# which a third green could not be told from 超前.
STATUS_COLOURS = {SEVERELY_BEHIND: "#c62828", BEHIND: "#f9a825", ON_TRACK: "#66bb6a", AHEAD: "#2e7d32",
                  DONE: "#1565c0", NOT_DONE: "#9e9e9e", NOT_RATED: "#bdbdbd"}


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


def share_of_target(answer) -> float:
    """actual/target as a fraction (for the level and % panel, and the cumulative bars)."""
    return float(to_base(answer.actual.value, answer.actual.unit) / to_base(answer.target.value, answer.target.unit))


def completion_of(answer) -> float:
    """The bar's length: 完成率 for cumulative indicators, actual/target for level and % indicators."""
    progress = answer.progress
    if progress.basis == CUMULATIVE and progress.completion is not None:
        return progress.completion
    return share_of_target(answer)


def _against_time(answer) -> bool:
    return answer.progress.basis == CUMULATIVE and answer.progress.time_progress is not None


def bar_label(answer) -> str:
    """'1980 / 2500亿元' — actual / target in the target's unit."""
    target = answer.target
    actual = float(to_base(answer.actual.value, answer.actual.unit)) / float(to_base(1, target.unit))
    return f"{format_number(round(actual, 2))} / {format_number(target.value)}{target.unit}"


def chart_key(summary: Summary) -> tuple:
    """What the picture depends on: two summaries with the same key draw the same chart."""
    return (summary.day, summary.year,
            tuple((a.indicator.id, a.progress.status, round(completion_of(a), 4),
                   round(a.progress.time_progress or 0, 4), bar_label(a)) for a in _drawable(summary)))


def _drawable(summary: Summary):
    return [a for a in summary.with_data if a.target is not None and a.target.value and a.actual is not None
            and a.actual.value is not None]


def _order(answers):
    return sorted(answers, key=lambda a: READING_ORDER.get(a.progress.status, 99))


def _panel(axes, answers, family: str, against_time: bool) -> None:
    positions = list(range(len(answers)))[::-1]
    values = [completion_of(a) * 100 for a in answers]
    colours = [STATUS_COLOURS.get(a.progress.status, "#757575") for a in answers]
    axes.barh(positions, values, color=colours, height=0.6)
    axes.set_yticks(positions, [a.indicator.name for a in answers], fontfamily=family, fontsize=9)
    right = max(110, max(values) + 45)
    for position, value, answer in zip(positions, values, answers):
        mark = answer.progress.time_progress * 100 if against_time else 0
        axes.text(max(value, mark) + 1.5, position, f"{value:.1f}%  {bar_label(answer)}", va="center",
                  fontsize=8, fontfamily=family)
        if against_time:
            # Each bar against its own 序时进度: figures cover different months.
            axes.plot([mark, mark], [position - 0.4, position + 0.4], color="#212121", linewidth=2)
    axes.axvline(100, color="#9e9e9e", linestyle=":", linewidth=1)
    axes.set_xlim(0, right)
    axes.spines[["top", "right"]].set_visible(False)


def render_chart(summary: Summary, title: str | None = None) -> bytes | None:
    """PNG bytes of the chart, or None when no target has data yet.

    Top panel: cumulative indicators, 完成率 bars each with a black mark at its own 序时进度. Bottom panel:
    level and % indicators, actual/target, against the target (the dotted 100% line), not against time.
    Bars are coloured by status and labelled actual / target (1980 / 2500亿元); lagging ones come first.
    """
    answers = _drawable(summary)
    if not answers:
        return None
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    family = cjk_font()
    timed = _order([a for a in answers if _against_time(a)])
    levels = _order([a for a in answers if not _against_time(a)])
    panels = [(timed, True, "累计指标：完成率与序时进度（黑色竖线）"),
              (levels, False, "存量与比重指标：实际值 ÷ 目标（虚线为目标）")]
    panels = [p for p in panels if p[0]]
    heights = [0.9 + 0.45 * len(p[0]) for p in panels]
    # The Figure API, not pyplot: no global state, so a chart can be drawn in a worker thread.
    figure = Figure(figsize=(10, 0.9 + sum(heights)), dpi=110)
    grid = figure.add_gridspec(len(panels), 1, height_ratios=heights)
    for index, (group, against_time, heading) in enumerate(panels):
        axes = figure.add_subplot(grid[index])
        _panel(axes, group, family, against_time)
        axes.set_title(heading, fontfamily=family, fontsize=10, loc="left")
        axes.set_xlabel("%", fontfamily=family, fontsize=8)
    title = title or f"苏州新型工业化{summary.year}年目标进度 · {summary.day:%Y-%m-%d}"
    figure.suptitle(title, fontfamily=family, fontsize=11)
    present = [s for s in STATUS_COLOURS if any(a.progress.status == s for a in answers)]
    handles = [Rectangle((0, 0), 1, 1, color=STATUS_COLOURS[s]) for s in present]
    labels = [status_label(s) for s in present]
    if timed:
        handles.append(Line2D([0], [0], color="#212121", linewidth=2))
        labels = labels + ["序时进度"]
    figure.legend(handles, labels, prop={"family": family, "size": 8}, loc="lower center", ncol=len(labels),
                  frameon=False)
    figure.tight_layout(rect=(0, 0.05, 1, 0.97))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
