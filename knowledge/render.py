"""One renderer for replies: plain text for the console, Telegram HTML for chats, dicts for JSON.

Here: the text of a reply — one indicator's answer, a 同比, a rank, a comparison, a clarify list, a
decline. How a figure and its progress are worded is knowledge/wording.py's, lists over the targets
knowledge/render_lists.py's, the JSON's numbers knowledge/render_json.py's; status words knowledge/labels.py's.

In HTML every interpolated string is escaped; only the renderer's own <b> tags are markup.

The renderer is the one place user-facing text is made, so it stays in knowledge/ (the console prints
the same text); it knows no Telegram limit. Cutting text into messages and captions that Telegram
accepts (TELEGRAM_LIMIT, CAPTION_LIMIT, split_message) is handlers/messages.py's.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from knowledge.labels import OBSERVATION_STATUS_LABELS
from knowledge.models import ObservationStatus
from knowledge.progress import NO_DATA
from knowledge.quantities import format_number
from knowledge.questions import MAX_QUESTION_CHARS
from knowledge.render_checks import verdict_text
from knowledge.render_json import answer_dict
from knowledge.render_lists import render_listing, render_progress, render_sources, render_targets
from knowledge.replies import (
    ACKNOWLEDGED, EMPTY, GREETING, NOT_A_FIGURE, NO_CITY_DATA, NO_CITY_TARGETS, NO_COMPARISON, NO_GROWTH_DATA, NO_MATCH, NO_PERIOD_DATA, NO_SCOPE_DATA,
    NO_YEAR_DATA, ONLY_INCREMENT, TOO_LONG, Comparison, Decision, Finding, Growth, IndicatorAnswer, Reply, Side,
)
from knowledge.asked_kinds import NAMES_ASKED, OTHER_QUANTITY
from knowledge.wording import (
    Markup, observation_line, observation_notes, observation_text, percent, period_label, progress_line,
    projection_lines, target_text, yoy_text,
)

# Callers render lists, replies and JSON through this module.
__all__ = ["DECLINE_TEXT", "headline", "render_progress", "render_reply", "render_sources", "render_targets",
           "reply_dict"]

DECLINE_TEXT = {
    EMPTY: "请告诉我要查的指标，例如：苏州研发投入目标、高企新增多少家、工业投资进度。",
    TOO_LONG: f"问题太长了（超过{MAX_QUESTION_CHARS}字），请精简成一句话再问，例如：苏州研发投入目标。",
    NO_MATCH: "抱歉，知识库里没有找到这个指标。发送 /targets 可查看全部目标。",
    GREETING: "您好，我是苏州新型工业化目标助手：发送 /help 看用法，或直接问“苏州研发投入目标”。",
    ACKNOWLEDGED: "不客气，有需要随时问我，例如：工业投资进度。",
    NOT_A_FIGURE: "抱歉，我只掌握各项目标和统计数字，没有认定条件、申报时间、补贴政策、地点这类信息。",
}
CN_ORDINALS = "零一二三四五六七八九十"

def _sources(answer: IndicatorAnswer) -> list[str]:
    titles = []
    if answer.target:
        titles.append(answer.target.source.title)
    for observation in (answer.actual, answer.earlier, *answer.observations):
        if observation is not None:
            titles.append(observation.source.title)
    return list(dict.fromkeys(t for t in titles if t))


def render_answer(answer: IndicatorAnswer, m: Markup, wording: bool = False) -> str:
    """One indicator's reply; with `wording`, the plan's own sentence for the target (原文) too."""
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
            lines.extend("· " + observation_line(o, m) for o in known)
    elif answer.target is not None:
        year = answer.target.year
        lines.append(m.bold(f"{name} · {city} {year}年目标"))
        if answer.plan_note:
            lines.append(m.esc(f"（{answer.plan_note}）"))
        lines.append("目标：" + m.esc(target_text(answer.target)))
        if wording and answer.target.quote:
            lines.append(m.esc(f"原文：“{answer.target.quote}”"))
        progress = answer.progress
        if answer.actual is not None:
            # the figure of a period asked for is not necessarily the latest one
            label = "实际" if answer.period_asked else "最新"
            lines.append(f"{label}：" + m.esc(f"{observation_text(answer.actual)}（{observation_notes(answer.actual)}）"))
            if progress is not None and progress.status != NO_DATA:
                lines.append(m.esc(progress_line(answer, progress)))
                if not answer.period_asked:  # a projection from an older period would mislead
                    lines.extend(m.esc(line) for line in projection_lines(progress))
                if progress.reason:
                    lines.append(m.esc(f"说明：{progress.reason}"))
        else:
            lines.append(m.esc(f"最新：暂无{year}年数据"))
            if answer.earlier is not None:
                lines.append("此前：" + observation_line(answer.earlier, m, separator=" "))
            if progress is not None and progress.time_basis == "elapsed" and progress.time_progress is not None \
                    and answer.indicator.kind == "cumulative":
                lines.append(m.esc(f"时间进度（按今天日期）：{percent(progress.time_progress)}"))
            if progress is not None and progress.reason:
                lines.append(m.esc(f"说明：{progress.reason}"))
    else:
        title = f"{name} · {city}" + (f" {answer.year}年" if answer.year else "")
        lines.append(m.bold(title))
        if len(answer.observations) == 1:
            lines.append(observation_line(answer.observations[0], m))
        else:
            lines.extend("· " + observation_line(o, m) for o in answer.observations)
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
    lines.extend("依据：" + m.esc(f"{o.city} ") + observation_line(o, m) for o in finding.basis)
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


def _side_name(side: Side) -> str:
    """A compared figure's city (when two are compared) and its period with the year: 苏州2013年, 2026年1-11月."""
    observation = side.observation
    if observation is None:
        return side.label
    period = observation.period
    if observation.year is not None and not period.startswith(f"{observation.year}年"):
        period = f"{observation.year}年{period}"
    return side.place + period or side.label


def _side_line(side: Side) -> str:
    observation = side.observation
    if observation is None:
        return f"{side.label}：暂无数据"
    estimate = "（预计）" if observation.status == ObservationStatus.ESTIMATE and "预计" not in observation_text(observation) else ""
    extras = "；".join(t for t in (yoy_text(observation.yoy_growth), observation.note) if t)
    return f"{_side_name(side)}：{observation_text(observation)}{estimate}" + (f"（{extras}）" if extras else "")


def _inexact_kinds(observations) -> list[str]:
    """What, among `observations`, is not an exact final figure, in words: 初步数, 预计数 (their status),
    约数 (a qualifier: 约, 突破, 以上). A 修订数 is final: it is none of these."""
    kinds = [OBSERVATION_STATUS_LABELS[o.status] for o in observations
             if o.status in (ObservationStatus.PRELIMINARY, ObservationStatus.ESTIMATE)]
    kinds += ["约数"] if any(o.qualifier for o in observations) else []
    return list(dict.fromkeys(kinds))


def render_comparison(comparison: Comparison, m: Markup) -> str:
    """The article's own difference first, both figures each with its year and period, then a difference
    computed from a comparable pair (said to be computed), or why none is, with a published 同比 instead."""
    first, second = comparison.sides
    lines = [m.bold(f"{comparison.indicator.name} · {first.label} 与 {second.label}")]
    for observation in comparison.stated:
        lines.append(m.esc(f"文中给出的差距：{observation.note}（{observation.city}，{period_label(observation)}）"))
    lines.extend(m.esc(_side_line(side)) for side in comparison.sides)
    if comparison.computed is not None and first.observation and second.observation:
        amount = format_difference(comparison.computed, comparison.unit)
        word = "多" if comparison.computed > 0 else "少" if comparison.computed < 0 else "相同，差"
        kinds = _inexact_kinds((first.observation, second.observation))
        tail = f"，其中含{'、'.join(kinds)}" if kinds else ""
        lines.append(m.esc(f"差值：{_side_name(first)}比{_side_name(second)}{word}{amount}（计算值：由"
                           f"{observation_text(first.observation)}与{observation_text(second.observation)}"
                           f"相减得出，文中未直接给出{tail}）"))
    elif not comparison.stated and comparison.not_computed:
        lines.append(m.esc(f"未计算差值：{comparison.not_computed}。"))
        published = next((s for s in comparison.sides if s.observation is not None
                          and s.observation.yoy_growth is not None), None)
        if published is not None and first.observation is not None and second.observation is not None:
            lines.append(m.esc(f"可参考已公布的同比：{_side_name(published)}{yoy_text(published.observation.yoy_growth)}"))
    for side in comparison.newer:
        other = second if side.label == first.label else first
        lines.append(m.esc(f"另有{_side_name(side)}：{observation_text(side.observation)}"
                           f"（{other.place or other.label}暂无同期数据，未作比较）"))
    observations = [s.observation for s in (*comparison.sides, *comparison.newer) if s.observation is not None]
    titles = list(dict.fromkeys(o.source.title for o in observations if o.source.title))
    if titles:
        lines.append("来源：" + m.esc("；".join(titles)))
    return "\n".join(lines)

def render_reply(reply: Reply, html: bool = False) -> str:
    m = Markup(html)
    if reply.decision == Decision.ANSWER:
        if reply.verdict is not None:  # 是 / 不是 first, then the figure and its source
            return m.esc(verdict_text(reply.verdict)) + "\n" + render_reply(replace(reply, verdict=None), html)
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
            blocks = [render_answer(a, m, reply.question.quotes_plan) for a in reply.answers]
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
    if reply.reason == NO_CITY_TARGETS:
        year = f"{reply.question.year}年" if reply.question.year else ""
        places = "、".join(reply.question.cities) or "该地"
        return m.esc(f"暂无{places}的{year}目标数据，不能用其他城市的目标代替。")
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
        return m.esc(f"知识库里没有这一项的现有总数，只有“{indicator}”的目标：那是当年要新增或争取的数量，"
                     "不能当作总数。要看目标，请问“目标多少”。")
    if reply.reason in (OTHER_QUANTITY, NAMES_ASKED):
        indicator = reply.candidates[0][0].indicator
        if reply.reason == NAMES_ASKED:
            return m.esc(f"知识库里没有名单：“{indicator.name}”只有目标数量，没有企业或项目的名字。")
        return m.esc(f"知识库里没有问的这个数：“{indicator.name}”的单位是{indicator.unit}，是另一种数，不能代替。")
    return m.esc(DECLINE_TEXT.get(reply.reason, DECLINE_TEXT[NO_MATCH]))

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
