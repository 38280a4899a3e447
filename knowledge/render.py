"""One renderer for replies: plain text for the console, Telegram HTML for chats, dicts for JSON.

In HTML every interpolated string is escaped; only the renderer's own <b> tags are markup.

The renderer is the one place user-facing text is made, so it stays in knowledge/ (the console prints
the same text); it knows no Telegram limit. Cutting text into messages and captions that Telegram
accepts (TELEGRAM_LIMIT, CAPTION_LIMIT, split_message) is handlers/messages.py's.
"""

from __future__ import annotations

import html as html_lib
import math
from dataclasses import dataclass, replace
from decimal import Decimal

from knowledge.replies import (
    EMPTY, GREETING, NO_CITY_DATA, NO_COMPARISON, NO_GROWTH_DATA, NO_MATCH, NO_PERIOD_DATA, NO_SCOPE_DATA,
    NO_YEAR_DATA, ONLY_INCREMENT, TOO_LONG, Comparison, Decision, Finding, Growth, IndicatorAnswer, Listing, Reply,
)
from knowledge.models import Observation, Source, Target
from knowledge.labels import status_label, status_mark
from knowledge.progress import DONE, LAGGING, NO_DATA, READING_ORDER, STATUSES, YEAR_OVER, Progress
from knowledge.quantities import base_unit_of, format_number, format_quantity, split_unit
from knowledge.questions import MAX_QUESTION_CHARS

DECLINE_TEXT = {
    EMPTY: "请告诉我要查的指标，例如：苏州研发投入目标、高企新增多少家、工业投资进度。",
    TOO_LONG: f"问题太长了（超过{MAX_QUESTION_CHARS}字），请精简成一句话再问，例如：苏州研发投入目标。",
    NO_MATCH: "抱歉，知识库里没有找到这个指标。发送 /targets 可查看全部目标。",
    GREETING: "您好，我是苏州新型工业化目标助手：发送 /help 看用法，或直接问“苏州研发投入目标”。",
}
CN_ORDINALS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Markup:
    html: bool

    def esc(self, text: object) -> str:
        return html_lib.escape(str(text), quote=False) if self.html else str(text)

    def bold(self, text: str) -> str:
        return f"<b>{self.esc(text)}</b>" if self.html else text


def target_text(target: Target) -> str:
    return target.text or format_quantity(target.value, target.unit, target.qualifier)


def observation_text(observation: Observation) -> str:
    return observation.text or format_quantity(observation.value, observation.unit, observation.qualifier)


def period_label(observation: Observation) -> str:
    return observation.period or "最新"


def yoy_text(yoy_growth: float | None) -> str:
    """An official 同比 as published: 7.5 → '同比增长7.5%', -1.2 → '同比下降1.2%'."""
    if yoy_growth is None:
        return ""
    word = "增长" if yoy_growth >= 0 else "下降"
    return f"同比{word}{format_number(round(abs(yoy_growth), 4))}%"


def observation_notes(observation: Observation) -> str:
    """'2026年1-10月；同比增长7.5%；修订数' — the period and what the figure carries."""
    notes = [period_label(observation)]
    if observation.yoy_growth is not None:
        notes.append(yoy_text(observation.yoy_growth))
    notes.append({"preliminary": "初步数", "revised": "修订数", "estimate": "预计"}.get(observation.status, ""))
    return "；".join(n for n in notes if n)


def _observation_line(observation: Observation, m: Markup, separator: str = "：") -> str:
    extras = []
    if observation.yoy_growth is not None:
        extras.append(yoy_text(observation.yoy_growth))
    if observation.status == "estimate" and "预计" not in observation.qualifier and "约" not in observation.qualifier:
        extras.append("预计")
    if observation.status == "preliminary":
        extras.append("初步数")
    if observation.status == "revised":
        extras.append("修订数")
    if observation.note:
        extras.append(observation.note)
    tail = f"（{'；'.join(extras)}）" if extras else ""
    return f"{m.esc(period_label(observation))}{separator}{m.esc(observation_text(observation))}{m.esc(tail)}"


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _points(value: float) -> str:
    return format_number(round(abs(value), 1))


def gap_text(gap: float) -> str:
    """A ratio's gap to its target: '高于目标0.05个百分点', '低于目标0.15个百分点', '与目标持平' (not
    '高于目标0个百分点', finding L4)."""
    if round(gap, 2) == 0:
        return "与目标持平"
    return f"{'高于' if gap > 0 else '低于'}目标{format_number(round(abs(gap), 2))}个百分点"


def status_text(progress: Progress) -> str:
    """'基本同步 🟢', '严重滞后 🔴', '已完成 ✅', '未完成'."""
    return f"{status_label(progress.status)} {status_mark(progress.status)}".rstrip()


def _progress_line(answer: IndicatorAnswer, progress: Progress) -> str:
    """完成率 or 差距, 序时进度, 数据截至, status with its colour and how far from 序时进度."""
    parts = []
    if progress.gap_points is not None:
        parts.append(f"差距：{gap_text(progress.gap_points)}")
    elif progress.completion is not None:
        label = "完成率"
        if progress.baseline is not None:
            base = format_number(round(progress.baseline, 2)) + answer.target.unit
            label = f"完成率（自{progress.baseline_period}基数{base}起）"
        parts.append(f"{label}：{percent(progress.completion)}")
    if progress.time_progress is not None and progress.time_basis != "elapsed":
        plan = "（按月度计划）" if progress.time_basis == "plan" else ""
        parts.append(f"序时进度{plan}：{percent(progress.time_progress)}")
    if progress.as_of:
        parts.append(f"数据截至{progress.as_of}")
    status = f"状态：{status_text(progress)}"
    lead = progress.lead_points
    if lead is not None and progress.status != DONE:
        if progress.reason == YEAR_OVER:
            status += f"（距目标差{_points(lead)}个百分点）"
        elif round(lead, 1) == 0:
            status += "（与序时进度持平）"
        else:
            status += f"（{'超前' if lead > 0 else '落后'}序时进度{_points(lead)}个百分点）"
    parts.append(status)
    return "　".join(parts)


def _counted(unit: str) -> bool:
    """家, 个, 项: whole things, never shown as a fraction (533.3家)."""
    return split_unit(unit)[0] == 1 and base_unit_of(unit) == "个"


def _amount(value: float, unit: str, *, at_least: bool = False) -> str:
    """A projected amount; whole things are rounded (a pace still needed is rounded up: 33.3家 → 34家)."""
    if _counted(unit):
        return f"{format_number(math.ceil(value - 1e-9) if at_least else round(value))}{unit}"
    return f"{format_number(round(value, 1 if value >= 100 else 2))}{unit}"


def projection_lines(progress: Progress) -> list[str]:
    """Year-end projection and the pace still needed, e.g. '还需520亿元，月均260亿元'; once the figure
    covers the whole year, no projection, only what the year fell short by ('全年差100亿元')."""
    projection = progress.projection
    if projection is None:
        return []
    months = progress.period.months if progress.period else 0
    lines = []
    if projection.months_left:  # a full-year figure is the year's outcome, not a projection
        line = f"全年预计：{_amount(projection.run_rate, projection.unit)}（按前{months}个月月均推算）"
        if projection.seasonal is not None:
            line += f"；按上年同期节奏 {_amount(projection.seasonal, projection.unit)}"
        lines.append(line)
    if progress.status == DONE or projection.remaining <= 0:
        return lines
    if projection.monthly_needed is not None:
        lines.append(f"还需{_amount(projection.remaining, projection.unit, at_least=True)}，"
                     f"月均{_amount(projection.monthly_needed, projection.unit, at_least=True)}")
    else:
        lines.append(f"全年差{_amount(projection.remaining, projection.unit, at_least=True)}")
    return lines


def _sources(answer: IndicatorAnswer) -> list[str]:
    titles = []
    if answer.target:
        titles.append(answer.target.source.title)
    for observation in (answer.actual, answer.earlier, *answer.observations):
        if observation is not None:
            titles.append(observation.source.title)
    return list(dict.fromkeys(t for t in titles if t))


def render_answer(answer: IndicatorAnswer, m: Markup) -> str:
    name, city = answer.indicator.name, answer.city
    lines = []
    if answer.missing_year is not None:
        lines.append(m.bold(f"{name} · {city}"))
        lines.append(m.esc(f"暂无{answer.missing_year}年数据。"))
        known = list(answer.observations)
        if answer.target:
            lines.append(m.esc(f"{answer.target.year}年目标：{target_text(answer.target)}"))
        if known:
            lines.append("已有数据：")
            lines.extend("· " + _observation_line(o, m) for o in known)
    elif answer.target is not None:
        year = answer.target.year
        lines.append(m.bold(f"{name} · {city} {year}年目标"))
        if answer.plan_note:
            lines.append(m.esc(f"（{answer.plan_note}）"))
        lines.append("目标：" + m.esc(target_text(answer.target)))
        progress = answer.progress
        if answer.actual is not None:
            # the figure of a period asked for is not necessarily the latest one
            label = "实际" if answer.period_asked else "最新"
            lines.append(f"{label}：" + m.esc(f"{observation_text(answer.actual)}（{observation_notes(answer.actual)}）"))
            if progress is not None and progress.status != NO_DATA:
                lines.append(m.esc(_progress_line(answer, progress)))
                if not answer.period_asked:  # a projection from an older period would mislead
                    lines.extend(m.esc(line) for line in projection_lines(progress))
                if progress.reason:
                    lines.append(m.esc(f"说明：{progress.reason}"))
        else:
            lines.append(m.esc(f"最新：暂无{year}年数据"))
            if answer.earlier is not None:
                lines.append("此前：" + _observation_line(answer.earlier, m, separator=" "))
            if progress is not None and progress.time_basis == "elapsed" and progress.time_progress is not None \
                    and answer.indicator.kind == "cumulative":
                lines.append(m.esc(f"时间进度（按今天日期）：{percent(progress.time_progress)}"))
            if progress is not None and progress.reason:
                lines.append(m.esc(f"说明：{progress.reason}"))
    else:
        title = f"{name} · {city}" + (f" {answer.year}年" if answer.year else "")
        lines.append(m.bold(title))
        if len(answer.observations) == 1:
            lines.append(_observation_line(answer.observations[0], m))
        else:
            lines.extend("· " + _observation_line(o, m) for o in answer.observations)
    sources = _sources(answer)
    if sources:
        lines.append("来源：" + m.esc("；".join(sources)))
    return "\n".join(lines)


def _known_years(answer: IndicatorAnswer) -> str:
    years = sorted({o.year for o in answer.observations if o.year is not None})
    known = [f"{y}年" for y in years]
    if answer.target is not None:
        known.append(f"{answer.target.year}年目标")
    text = f"暂无{answer.city}{answer.missing_year}年的“{answer.indicator.name}”数据。"
    return text + (f"现有：{'、'.join(known)}，可以换个年份问。" if known else "")


def _known_periods(answer: IndicatorAnswer) -> str:
    """A period asked without a figure: which periods are recorded instead (their labels, no figures)."""
    known = [o.period for o in answer.observations if o.period]
    text = f"暂无{answer.city}{answer.missing_period}的“{answer.indicator.name}”数据。"
    return text + (f"已有：{'、'.join(dict.fromkeys(known))}，可以换个期间问。" if known else "")


def render_growth(growth: Growth, m: Markup) -> str:
    """An official 同比 as published, with its period and the figure it belongs to."""
    observation = growth.observation
    lines = [m.bold(f"{growth.indicator.name} · {growth.city} 同比")]
    lines.append(m.esc(f"{period_label(observation)}：{yoy_text(observation.yoy_growth)}"
                       f"（{observation_text(observation)}）"))
    if growth.later is not None:
        lines.append(m.esc(f"（{period_label(growth.later)}已有数据 {observation_text(growth.later)}，其同比尚未录入）"))
    if observation.source.title:
        lines.append("来源：" + m.esc(observation.source.title))
    return "\n".join(lines)


def _no_growth(growth: Growth) -> str:
    name = growth.indicator.name
    if growth.target_asked:
        return f"知识库里没有“{name}”的增速目标，也不按同比评价进度。可以问“{name}目标”或“{name}同比”。"
    asked = f"{growth.asked}" if growth.asked else ""
    text = f"暂无{growth.city}{asked}“{name}”公布的同比增速。"
    if growth.published:
        text += f"已公布同比的期间：{'、'.join(growth.published)}，可以换个期间问。"
    return text


def headline(answer: IndicatorAnswer | None) -> str:
    """A one-line figure for a clarify option: '2026年目标 1个' or '2024年 4.7万亿元'."""
    if answer is None:
        return ""
    if answer.target is not None:
        return f"{answer.target.year}年目标 {target_text(answer.target)}"
    if answer.observations:
        latest = answer.observations[-1]
        return f"{period_label(latest)} {observation_text(latest)}"
    return "暂无数据"


def _ordinal(position: int) -> str:
    return "第" + (CN_ORDINALS[position] if position <= 10 else str(position))


def render_finding(finding: Finding, m: Markup) -> str:
    """'全国第一：深圳' with the recorded sentences it rests on."""
    lines = [m.bold(f"{finding.indicator.name} · {finding.subject}")]
    year = f"{finding.year}年 " if finding.year else ""
    line = f"{year}{finding.scope}{_ordinal(finding.position)}：{finding.subject}"
    if finding.derived:
        line += "（由以下记录推出）"
    lines.append(m.esc(line))
    lines.extend("依据：" + m.esc(f"{o.city} ") + _observation_line(o, m) for o in finding.basis)
    titles = list(dict.fromkeys(o.source.title for o in finding.basis if o.source.title))
    if titles:
        lines.append("来源：" + m.esc("；".join(titles)))
    return "\n".join(lines)


def format_difference(value: Decimal, unit: str) -> str:
    """A computed difference in base units as people write it: 1.9e11 元 → '1900亿元', 2 个 → '2个'."""
    size = abs(value)
    if unit == "%":
        return f"{format_number(size)}个百分点"
    if unit in ("元", "人", "亩"):
        for word, factor in (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
            if size >= factor:
                return f"{format_number(round(size / factor, 4))}{word}{unit}"
    return f"{format_number(size)}{unit}"


def render_comparison(comparison: Comparison, m: Markup) -> str:
    """Both figures, then the article's own difference, else a computed one said to be computed."""
    first, second = comparison.sides
    lines = [m.bold(f"{comparison.indicator.name} · {first.label} 与 {second.label}")]
    for side in comparison.sides:
        observation = side.observation
        if observation is None:
            lines.append(m.esc(f"{side.label}：暂无数据"))
            continue
        tail = f"（{observation.note}）" if observation.note else ""
        estimate = "（预计）" if observation.status == "estimate" and "预计" not in observation_text(observation) else ""
        lines.append(m.esc(f"{side.label}：{observation_text(observation)}{estimate}{tail}"))
    for observation in comparison.stated:
        lines.append(m.esc(f"文中给出的差距：{observation.note}（{observation.city}，{period_label(observation)}）"))
    if comparison.computed is not None and first.observation and second.observation:
        amount = format_difference(comparison.computed, comparison.unit)
        word = "多" if comparison.computed > 0 else "少" if comparison.computed < 0 else "相同，差"
        estimates = [o for o in (first.observation, second.observation) if o.status != "actual" or o.qualifier]
        tail = "，其中含预计数或约数" if estimates else ""
        lines.append(m.esc(f"差值：{first.label}比{second.label}{word}{amount}（计算值：由"
                           f"{observation_text(first.observation)}与{observation_text(second.observation)}"
                           f"相减得出，文中未直接给出{tail}）"))
    elif not comparison.stated and comparison.not_computed:
        lines.append(m.esc(f"未计算差值：{comparison.not_computed}。"))
    titles = list(dict.fromkeys(s.observation.source.title for s in comparison.sides
                                if s.observation is not None and s.observation.source.title))
    if titles:
        lines.append("来源：" + m.esc("；".join(titles)))
    return "\n".join(lines)


def _status(answer: IndicatorAnswer) -> str:
    """The status word of a listed target: '滞后', '暂无数据'."""
    return status_label(answer.progress.status if answer.progress else NO_DATA)


def render_listing(listing: Listing, m: Markup) -> str:
    """A list over the knowledge base: all targets, their count, one category, or one status."""
    city = listing.items[0].city if listing.items else "苏州"
    year = f"{listing.items[0].target.year}年" if listing.items else ""
    if listing.kind == "count":
        counts: dict[str, int] = {}
        for answer in listing.items:
            counts[answer.indicator.category] = counts.get(answer.indicator.category, 0) + 1
        by_category = "、".join(f"{c}{n}项" for c, n in counts.items())
        return m.esc(f"{city}{year}目标共{listing.total}项（{by_category}）。发送 /targets 查看全部。")
    if listing.kind == "as_of":
        return render_as_of(listing, m)
    if listing.kind == "all":
        return m.bold(f"{city}{year}目标共{listing.total}项") + "\n" + render_targets(list(listing.items), m.html)
    if listing.kind == "category":
        head = f"{listing.label}方面的目标共{len(listing.items)}项："
    elif listing.items:
        head = f"状态为“{status_label(listing.label)}”的目标共{len(listing.items)}项（全部{listing.total}项中）："
    else:
        return m.esc(f"目前没有状态为“{status_label(listing.label)}”的目标。") + "发送 /progress 查看各项进度。"
    lines = [m.bold(head)]
    for answer in listing.items:
        line = f"· {m.esc(answer.indicator.name)}：{m.esc(target_text(answer.target))}"
        if answer.actual is not None:
            line += m.esc(f"（最新 {observation_text(answer.actual)}，{_status(answer)}）")
        elif listing.kind == "category":
            line += m.esc(f"（{_status(answer)}）")
        lines.append(line)
    return "\n".join(lines)


def render_as_of(listing: Listing, m: Markup) -> str:
    """数据截至几月: the month each target's latest figure reaches, most recent first, and the rest."""
    city = listing.items[0].city if listing.items else "苏州"
    year = listing.items[0].target.year if listing.items else ""
    by_month: dict[int, list[str]] = {}
    without = 0
    for answer in listing.items:
        period = answer.progress.period if answer.progress is not None and answer.actual is not None else None
        if period is None:
            without += 1
            continue
        by_month.setdefault(period.last_month, []).append(answer.indicator.name)
    lines = [m.bold(f"{city}{year}年目标的数据截至：")]
    for month in sorted(by_month, reverse=True):
        names = by_month[month]
        lines.append(m.esc(f"· 数据截至{month}月（{len(names)}项）：{'、'.join(names)}"))
    if without:
        lines.append(m.esc(f"· 暂无{year}年数据：{without}项"))
    if not by_month:
        lines.append(m.esc(f"目前还没有录入{year}年的实际数据。"))
    return "\n".join(lines)


def render_reply(reply: Reply, html: bool = False) -> str:
    m = Markup(html)
    if reply.decision == Decision.ANSWER:
        if reply.note:
            return m.esc(reply.note) + "\n" + render_reply(replace(reply, note=""), html)
        if reply.listing is not None:
            return render_listing(reply.listing, m)
        if reply.comparison is not None:
            return render_comparison(reply.comparison, m)
        if reply.growth is not None:
            return render_growth(reply.growth, m)
        if reply.parts:
            blocks = [render_reply(p, html) for p in reply.parts]
        else:
            blocks = [render_answer(a, m) for a in reply.answers]
            blocks += [render_finding(f, m) for f in reply.findings]
        if reply.missing_cities:
            blocks.append(m.esc(f"暂无{'、'.join(reply.missing_cities)}的该项数据。"))
        if reply.unknown:
            blocks.append(m.esc(f"知识库里没有：{'、'.join(reply.unknown)}。发送 /targets 可查看全部目标。"))
        return "\n\n".join(blocks)
    if reply.decision == Decision.CLARIFY:
        lines = ["您想问的是哪一项？"]
        for number, (candidate, answer) in enumerate(reply.candidates, 1):
            lines.append(f"{number}. {m.esc(candidate.indicator.name)} — {m.esc(headline(answer))}")
        lines.append("请回复完整的指标名称" + ("，或点下面的按钮。" if html else "。"))
        return "\n".join(lines)
    if reply.reason == NO_PERIOD_DATA:
        return m.esc("\n".join(_known_periods(a) for a in reply.answers))
    if reply.reason == NO_GROWTH_DATA and reply.growth is not None:
        return m.esc(_no_growth(reply.growth))
    if reply.reason == NO_YEAR_DATA:
        return m.esc("\n".join(_known_years(a) for a in reply.answers))
    if reply.reason == NO_CITY_DATA:
        indicator = reply.candidates[0][0].indicator.name
        places = "、".join(reply.missing_cities) or "该地"
        having = "、".join(reply.cities_with_data)
        text = f"暂无{places}的“{indicator}”数据，不能用其他城市的数字代替。"
        if having:
            text += f"知识库中这一项只有{having}的数据。"
        return m.esc(text)
    if reply.reason == NO_COMPARISON and reply.comparison is not None:
        labels = "、".join(side.label for side in reply.comparison.sides)
        return m.esc(f"暂无{labels}的“{reply.comparison.indicator.name}”数据，无法比较。")
    if reply.reason == NO_SCOPE_DATA:
        indicator = reply.candidates[0][0].indicator.name
        return m.esc(f"暂无{'、'.join(reply.question.scopes)}范围的“{indicator}”排名数据。")
    if reply.reason == ONLY_INCREMENT:
        indicator = reply.candidates[0][0].indicator.name
        return m.esc(f"知识库里没有这一项的总数，只有“{indicator}”的目标：那是当年新增的数量，"
                     "不能当作总数。要看新增目标，请问“新增多少”。")
    return m.esc(DECLINE_TEXT.get(reply.reason, DECLINE_TEXT[NO_MATCH]))


# -- JSON ---------------------------------------------------------------------------------------
def _target_dict(target: Target | None) -> dict | None:
    if target is None:
        return None
    return {"year": target.year, "value": target.value, "unit": target.unit, "qualifier": target.qualifier,
            "text": target_text(target), "source": target.source.title}


def period_dict(period) -> dict | None:
    """A Period as JSON: {"label", "year", "first_month", "last_month", "kind"}."""
    if period is None:
        return None
    return {"label": period.label, "year": period.year, "first_month": period.first_month,
            "last_month": period.last_month, "kind": period.kind}


def _observation_dict(observation: Observation | None) -> dict | None:
    if observation is None:
        return None
    return {"period": observation.period, "year": observation.year, "value": observation.value,
            "unit": observation.unit, "text": observation_text(observation), "status": observation.status,
            "yoy_growth": observation.yoy_growth, "period_span": period_dict(observation.span),
            "note": observation.note, "source": observation.source.title}


def progress_dict(progress: Progress | None) -> dict | None:
    """Progress as numbers: fractions (completion 0.792, time_progress 0.8333), points, the period, the
    projection in the target's unit."""
    if progress is None:
        return None
    projection = progress.projection
    return {
        "status": status_label(progress.status), "status_id": progress.status.value,
        "colour": status_mark(progress.status), "basis": progress.basis,
        "completion": None if progress.completion is None else round(progress.completion, 6),
        "time_progress": None if progress.time_progress is None else round(progress.time_progress, 6),
        "time_basis": progress.time_basis or None,
        "lead_points": None if progress.lead_points is None else round(progress.lead_points, 4),
        "gap_points": progress.gap_points,
        "period": period_dict(progress.period),
        "as_of_month": progress.period.last_month if progress.period else None,
        "baseline": progress.baseline, "baseline_period": progress.baseline_period or None,
        "projection": None if projection is None else {
            "unit": projection.unit, "run_rate": round(projection.run_rate, 6),
            "seasonal": None if projection.seasonal is None else round(projection.seasonal, 6),
            "remaining": round(projection.remaining, 6), "months_left": projection.months_left,
            "monthly_needed": None if projection.monthly_needed is None else round(projection.monthly_needed, 6),
        },
        "reason": progress.reason or None,
    }


def answer_dict(answer: IndicatorAnswer) -> dict:
    progress = answer.progress
    return {
        "indicator_id": answer.indicator.id,
        "name": answer.indicator.name,
        "city": answer.city,
        "year": answer.year,
        "target": _target_dict(answer.target),
        "latest": _observation_dict(answer.actual),
        "earlier": _observation_dict(answer.earlier),
        "observations": [_observation_dict(o) for o in answer.observations],
        "missing_year": answer.missing_year,
        "plan_note": answer.plan_note or None,
        "progress": progress_dict(progress),
    }


def reply_dict(reply: Reply) -> dict:
    """JSON of a reply; a list's targets are its results, and `unknown` names what matched nothing."""
    answers = reply.listing.items if reply.listing is not None else reply.answers
    return {
        "decision": reply.decision,
        "text": render_reply(reply),
        "results": [answer_dict(a) for a in answers],
        "unknown": list(reply.unknown),
        "candidates": [
            {"indicator_id": c.indicator.id, "name": c.indicator.name, "score": c.score,
             "figure": headline(a) if a is not None else None}
            for c, a in reply.candidates
        ],
        "reason": reply.reason or None,
    }


def plan_notes(answers: list[IndicatorAnswer]) -> list[str]:
    """What a list of targets says about its plan years: "2027年目标已录入 1 项；其余 26 项仍按2026年计划"
    when a new plan is partly entered, else the answers' own notes (e.g. "2027年目标尚未录入…")."""
    years: dict[int, int] = {}
    for answer in answers:
        years[answer.target.year] = years.get(answer.target.year, 0) + 1
    if len(years) > 1:
        latest = max(years)
        kept = "、".join(f"{n} 项仍按{y}年计划" for y, n in sorted(years.items(), reverse=True) if y != latest)
        return [f"{latest}年目标已录入 {years[latest]} 项；其余 {kept}"]
    return sorted({a.plan_note for a in answers if a.plan_note})


def render_targets(answers: list[IndicatorAnswer], html: bool = False) -> str:
    """All targets grouped by category, one line each with the latest known figure."""
    m = Markup(html)
    lines, category = [], None
    notes = plan_notes(answers)
    if notes:
        lines.append(m.esc(f"（{'；'.join(notes)}）"))
    latest = max((a.target.year for a in answers), default=None)
    for answer in answers:
        if answer.indicator.category != category:
            category = answer.indicator.category
            if lines:
                lines.append("")
            lines.append(m.bold(f"【{category}】"))
        line = f"· {m.esc(answer.indicator.name)}：{m.esc(target_text(answer.target))}"
        if answer.target.year != latest:
            line += m.esc(f"【{answer.target.year}年目标】")
        if answer.actual is not None:
            line += m.esc(f"（最新 {observation_text(answer.actual)}，{period_label(answer.actual)}，"
                          f"{status_text(answer.progress)}）")
        lines.append(line)
    return "\n".join(lines)


def render_progress(answers: list[IndicatorAnswer], html: bool = False) -> str:
    """Counts by status, then the targets that have an actual, lagging ones first."""
    m = Markup(html)
    counts = {status: 0 for status in STATUSES}
    for answer in answers:
        counts[answer.progress.status if answer.progress else NO_DATA] += 1
    year = max(a.target.year for a in answers) if answers else ""
    lines = [m.bold(f"{year}年目标进度")]
    lines += [m.esc(f"（{note}）") for note in plan_notes(answers)]
    lines.append("　".join(f"{status_label(s)} {n}" for s, n in counts.items() if n))
    with_data = [a for a in answers if a.actual is not None]
    for answer in sorted(with_data, key=lambda a: READING_ORDER.get(a.progress.status, 99)):
        lines.append(f"· {m.esc(answer.indicator.name)}：{m.esc(observation_text(answer.actual))}"
                     f"（{m.esc(period_label(answer.actual))}）{m.esc(_progress_line(answer, answer.progress))}")
        if answer.progress.status in LAGGING:
            lines.extend("　" + m.esc(line) for line in projection_lines(answer.progress))
    if not with_data:
        lines.append(f"暂无{year}年实际数据，所有目标都还没有录入进度。")
    return "\n".join(lines)


def render_sources(sources: list[Source], html: bool = False) -> str:
    m = Markup(html)
    lines = [m.bold("数据来源")]
    lines += [f"· {m.esc(s.title)}" + (f"（{m.esc(s.publisher)}）" if s.publisher else "") for s in sources]
    return "\n".join(lines)
