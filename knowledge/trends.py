"""An indicator's history as one chart, for /trend and `python -m bot trend 指标 --chart out.png`.

Cumulative indicators (counted from 1 January): this year's 累计 figures by month against the target
path — linear (target × month ÷ 12), or the indicator's monthly plan where one is set — with last
year's 累计 line where its figures are known, and the official 同比 beside each point where published.
Level and % indicators: the yearly series (the figure covering the most of each year) against the
target. Values are shown in the target's unit (亿元, %, 家).

`build_trend` reads the knowledge (call it where the store's connection lives); `render_trend_chart`
touches no shared state and may run in a worker thread. When there is not enough to draw, the trend's
`missing` says what is missing, in a sentence for the user.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from knowledge.answers import Answerer
from knowledge.models import Indicator, Observation
from knowledge.places import DEFAULT_CITY
from knowledge.progress import CUMULATIVE, TEXT, basis_of
from knowledge.quantities import format_number, split_unit, to_base
from knowledge.wording import target_text

YEARLY = "yearly"  # the basis of level and % indicators here; CUMULATIVE is the progress kind
MAX_CAPTION_POINTS = 6


@dataclass(frozen=True)
class TrendPoint:
    x: int  # the last month covered (1-12) for a cumulative trend, the year for a yearly one
    value: float  # in the trend's unit
    label: str  # the period as stored, e.g. "2026年1-10月"
    yoy_growth: float | None = None  # official 同比 in %, as published


@dataclass(frozen=True)
class Trend:
    indicator: Indicator
    city: str
    basis: str  # cumulative | yearly
    year: int  # the target's year
    unit: str  # the unit values are shown in (the target's: 亿元, %, 家)
    target_value: float | None  # in `unit`
    target_text: str
    points: tuple[TrendPoint, ...] = ()  # this year's 累计 by month, or the yearly series
    last_year: tuple[TrendPoint, ...] = ()  # last year's 累计 by month (cumulative only)
    path: tuple[tuple[int, float], ...] = ()  # (month 0-12, value) where the target says we should be
    path_basis: str = ""  # linear | plan
    missing: str = ""  # why nothing can be drawn, for the user; "" when the chart can be drawn
    sources: tuple[str, ...] = ()


def _in_unit(observation: Observation, unit: str) -> float:
    return float(to_base(observation.value, observation.unit) / split_unit(unit)[0])


def _points(observations: list[Observation], year: int, unit: str) -> tuple[TrendPoint, ...]:
    """One point per month a from-January total reaches, in `year`; the latest record of a month wins."""
    by_month: dict[int, TrendPoint] = {}
    for observation in sorted(observations, key=lambda o: o.recorded_at):
        span = observation.span
        if observation.value is None or span is None or span.year != year or not span.from_january:
            continue
        by_month[span.last_month] = TrendPoint(span.last_month, _in_unit(observation, unit), observation.period,
                                               observation.yoy_growth)
    return tuple(by_month[m] for m in sorted(by_month))


def _yearly(observations: list[Observation], unit: str, up_to: int) -> tuple[TrendPoint, ...]:
    """Per year up to `up_to`, the figure covering the most of it (a later record wins a tie)."""
    best: dict[int, tuple[tuple, TrendPoint]] = {}
    for index, observation in enumerate(observations):
        span = observation.span
        if observation.value is None or span is None or span.year > up_to:
            continue
        rank = (span.last_month, span.months, observation.recorded_at, index)
        if span.year not in best or rank > best[span.year][0]:
            point = TrendPoint(span.year, _in_unit(observation, unit), observation.period,
                               observation.yoy_growth)
            best[span.year] = (rank, point)
    return tuple(best[y][1] for y in sorted(best))


def _path(target: float, plan: tuple[float, ...] | None) -> tuple[tuple[tuple[int, float], ...], str]:
    if plan and len(plan) == 12:
        return ((0, 0.0),) + tuple((m, target * float(share)) for m, share in enumerate(plan, 1)), "plan"
    return tuple((m, target * m / 12) for m in range(13)), "linear"


def build_trend(answerer: Answerer, indicator: Indicator, city: str = DEFAULT_CITY) -> Trend:
    """The trend of `indicator` in `city` for its current target year (see the module docstring)."""
    answerer.refresh_if_changed()
    answer = answerer.describe(indicator, city)
    target = answer.target
    if target is None:
        return Trend(indicator, city, YEARLY, answerer.today().year, indicator.unit, None, "",
                     missing=f"“{indicator.name}”没有{city}的目标，画不出与目标的对比。")
    observations = [o for o in answerer.store.observations(indicator.id) if o.city == city]
    unit = target.unit or indicator.unit
    common = dict(indicator=indicator, city=city, year=target.year, unit=unit, target_text=target_text(target))
    if target.value is None or basis_of(indicator) == TEXT:
        return Trend(basis=YEARLY, target_value=None, **common,
                     missing=f"“{indicator.name}”的目标是“{target_text(target)}”，没有数值，画不出趋势。")
    goal = float(to_base(target.value, target.unit) / split_unit(unit)[0])
    sources = [target.source.title]
    if basis_of(indicator) == CUMULATIVE:
        points = _points(observations, target.year, unit)
        last_year = _points(observations, target.year - 1, unit)
        path, path_basis = _path(goal, indicator.monthly_plan)
        sources += [o.source.title for o in observations
                    if o.span is not None and o.span.year in (target.year, target.year - 1)]
        missing = ""
        if not points:
            missing = (f"还没有“{indicator.name}”{target.year}年的累计数（1月以来，如“1-10月”），画不出走势。"
                       f"管理员录入后即可查看，例如：/set {indicator.name} 数值 1-10月")
            if last_year:
                missing += f"（已有{target.year - 1}年的：" + "、".join(p.label for p in last_year) + "。）"
        return Trend(basis=CUMULATIVE, target_value=goal, points=points, last_year=last_year, path=path,
                     path_basis=path_basis, missing=missing, sources=tuple(dict.fromkeys(s for s in sources if s)),
                     **common)
    points = _yearly(observations, unit, target.year)
    sources += [o.source.title for o in observations if o.span is not None]
    missing = "" if points else (f"还没有“{indicator.name}”的任何年度数据，画不出与目标的对比。"
                                 f"管理员录入后即可查看，例如：/set {indicator.name} 数值 {target.year - 1}年")
    return Trend(basis=YEARLY, target_value=goal, points=points, missing=missing,
                 sources=tuple(dict.fromkeys(s for s in sources if s)), **common)


def _amount(value: float, unit: str) -> str:
    return f"{format_number(round(value, 2 if abs(value) < 100 else 1))}{unit}"


def _yoy(point: TrendPoint) -> str:
    if point.yoy_growth is None:
        return ""
    return f"（同比{'增长' if point.yoy_growth >= 0 else '下降'}{format_number(round(abs(point.yoy_growth), 2))}%）"


def trend_caption(trend: Trend, limit: int | None = None) -> str:
    """The figures of the chart as plain text: target, the points (the latest few), last year's same
    month, sources; cut to at most `limit` characters (ending in "…") when given — the handler passes
    Telegram's caption limit (handlers.messages.CAPTION_LIMIT). The `missing` sentence when nothing
    can be drawn."""
    if trend.missing:
        return trend.missing
    name = trend.indicator.name
    if trend.basis == CUMULATIVE:
        path = "按月度计划" if trend.path_basis == "plan" else "按月均匀"
        lines = [f"{name} · {trend.city} {trend.year}年累计走势", f"目标：{trend.target_text}（目标路径{path}）"]
        shown = trend.points[-MAX_CAPTION_POINTS:]
        lines.append("累计：" + "；".join(f"{p.label} {_amount(p.value, trend.unit)}{_yoy(p)}" for p in shown))
        latest = trend.points[-1]
        due = dict(trend.path).get(latest.x)
        if due:
            lines.append(f"{latest.label}：完成率{latest.value / trend.target_value * 100:.1f}%，"
                         f"目标路径应达{_amount(due, trend.unit)}（{due / trend.target_value * 100:.1f}%）")
        same = [p for p in trend.last_year if p.x == latest.x]
        if same:
            lines.append(f"上年同期：{same[0].label} {_amount(same[0].value, trend.unit)}")
    else:
        lines = [f"{name} · {trend.city} 历年数据与{trend.year}年目标", f"目标：{trend.target_text}"]
        shown = trend.points[-MAX_CAPTION_POINTS:]
        lines.append("；".join(f"{p.label} {_amount(p.value, trend.unit)}{_yoy(p)}" for p in shown))
    lines.append("来源：" + "；".join(trend.sources))
    text = "\n".join(lines)
    return text if limit is None or len(text) <= limit else text[:limit - 1] + "…"


def render_trend_chart(trend: Trend) -> bytes | None:
    """PNG bytes of the chart, or None when `trend.missing` says why there is none."""
    if trend.missing:
        return None
    buffer = io.BytesIO()
    trend_figure(trend).savefig(buffer, format="png")
    return buffer.getvalue()


def trend_figure(trend: Trend):
    """The chart as a matplotlib Figure (the Figure API, not pyplot: no global state, so charts can be
    drawn in worker threads at once). `trend` must be drawable (no `missing`)."""
    from matplotlib.figure import Figure

    from knowledge.charts import cjk_font

    family = cjk_font()
    figure = Figure(figsize=(8, 4.6), dpi=110)
    axes = figure.subplots()
    font = {"fontfamily": family}
    values = [trend.target_value] + [p.value for p in trend.points + trend.last_year]
    low, high = value_limits(values, trend.unit)
    axes.set_ylim(low, high)
    if trend.basis == CUMULATIVE:
        _draw_cumulative(axes, trend, font)
    else:
        _draw_yearly(axes, trend, font)
    path = dict(trend.path)
    for point in trend.points:
        lines = [_amount(point.value, "")]
        if trend.basis == CUMULATIVE and point.yoy_growth is not None:
            lines.append(f"同比{point.yoy_growth:+g}%")
        elif trend.basis != CUMULATIVE and point.label != f"{point.x}年":
            lines.append(point.label)  # a part of the year says which
        references = [trend.target_value] + ([path[point.x]] if point.x in path else [])
        above = label_above(point.value, references, (LABEL_LINE_SHARE * len(lines) + LABEL_GAP_SHARE) * (high - low))
        axes.annotate("\n".join(lines), (point.x, point.value), textcoords="offset points",
                      xytext=(0, 8 if above else -8), ha="center", va="bottom" if above else "top", fontsize=8, **font)
    axes.set_ylabel(trend.unit, **font)
    axes.legend(prop={"family": family, "size": 8}, loc="upper left", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#eeeeee")
    figure.tight_layout()
    return figure


def _draw_cumulative(axes, trend: Trend, font: dict) -> None:
    """This year's 累计 against the target path and the full-year target, last year's 累计 in grey."""
    months, path = zip(*trend.path)
    axes.plot(months, path, linestyle="--", color="#757575", linewidth=1.2,
              label="目标路径（按月度计划）" if trend.path_basis == "plan" else "目标路径（按月均匀）")
    if trend.last_year:
        axes.plot([p.x for p in trend.last_year], [p.value for p in trend.last_year], marker="o",
                  markersize=3, color="#90a4ae", linewidth=1.2, label=f"{trend.year - 1}年累计")
    axes.plot([p.x for p in trend.points], [p.value for p in trend.points], marker="o", color="#c62828",
              linewidth=2, label=f"{trend.year}年累计")
    axes.axhline(trend.target_value, color=TARGET_COLOUR, linewidth=1, linestyle=":",
                 label=f"全年目标 {trend.target_text}")
    axes.set_xlim(0, 12.5)
    axes.set_xticks(range(1, 13), [f"{m}月" for m in range(1, 13)], fontsize=8, **font)
    axes.set_title(f"{trend.indicator.name} · {trend.year}年累计与目标路径", fontsize=11, **font)


def _draw_yearly(axes, trend: Trend, font: dict) -> None:
    """The yearly series against the target line, the target itself a star at its year."""
    years = [p.x for p in trend.points]
    axes.plot(years, [p.value for p in trend.points], marker="o", color="#1565c0", linewidth=2, label="实际")
    axes.axhline(trend.target_value, color=TARGET_COLOUR, linewidth=1, linestyle=":")
    axes.plot([trend.year], [trend.target_value], marker="*", markersize=14, color=TARGET_COLOUR, linestyle="none",
              label=f"{trend.year}年目标 {trend.target_text}")
    low = min(years + [trend.year])
    axes.set_xlim(low - 0.6, trend.year + 0.6)
    axes.set_xticks(range(low, trend.year + 1), [f"{y}年" for y in range(low, trend.year + 1)], fontsize=8, **font)
    axes.set_title(f"{trend.indicator.name} · 历年数据与{trend.year}年目标", fontsize=11, **font)


TARGET_COLOUR = "#2e7d32"
# A point's label, as a share of the axis height: each line of 8-point text, and the gap to the point.
LABEL_LINE_SHARE, LABEL_GAP_SHARE = 0.04, 0.025
# A % axis spans at least this many points, and at least this share of its largest value: a 0.3-point
# gap is not stretched over the whole height.
MIN_SHARE_SPAN, MIN_SHARE_SPAN_RATIO = 1.0, 0.1


def value_limits(values: list[float], unit: str) -> tuple[float, float]:
    """(bottom, top) of the value axis in `unit`. Amounts start at 0. Shares (%) move by tenths of a
    point, so a zero-based axis would flatten them: their axis spans the values, widened to at least
    MIN_SHARE_SPAN points (or MIN_SHARE_SPAN_RATIO of the largest), with room above for the labels and
    the legend; never below 0 for values that are not."""
    low, high = min(values), max(values)
    if unit != "%":
        return 0.0, high * 1.18
    span = max(high - low, MIN_SHARE_SPAN, MIN_SHARE_SPAN_RATIO * max(abs(low), abs(high)))
    widen = (span - (high - low)) / 2
    bottom, top = low - widen - 0.15 * span, high + widen + 0.35 * span
    if bottom < 0 <= low:
        bottom, top = 0.0, top - bottom
    return bottom, top


def label_above(value: float, references: list[float], reach: float) -> bool:
    """Does a point's label go above it? Yes, unless a reference line (the target, the target path)
    lies within `reach` (the label's height, in values) above it and less near below it."""
    above = [r - value for r in references if value <= r <= value + reach]
    below = [value - r for r in references if value - reach <= r < value]
    return not above or (bool(below) and min(above) >= min(below))
