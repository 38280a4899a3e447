"""Lists over the current targets: all of them by category (/targets), the counts by status and every
target with a figure (/progress), the sources (/sources), the replies to a list question (哪些指标滞后,
科技创新方面有哪些目标, 一共多少个目标, 数据截至几月) and the note on a partly entered plan year.
"""

from __future__ import annotations

from knowledge.labels import status_label
from knowledge.models import Source
from knowledge.progress import LAGGING, NO_DATA, READING_ORDER, STATUSES
from knowledge.replies import IndicatorAnswer, Listing
from knowledge.wording import (
    Markup, observation_text, period_label, progress_line, projection_lines, status_text, target_text,
)


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
                     f"（{m.esc(period_label(answer.actual))}）{m.esc(progress_line(answer, answer.progress))}")
        if answer.progress.status in LAGGING:
            lines.extend("　" + m.esc(line) for line in projection_lines(answer.progress))
    if not with_data:
        lines.append(f"暂无{year}年实际数据，所有目标都还没有录入进度。")
    return "\n".join(lines)


def render_sources(sources: list[Source], html: bool = False) -> str:
    m = Markup(html)
    lines = [m.bold("数据来源")]
    lines += [f"· {m.esc(s.title)}" + (f"（{m.esc(s.publisher)}）" if _names_publisher(s) else "") for s in sources]
    return "\n".join(lines)


def _names_publisher(source: Source) -> bool:
    """Does /sources add the publisher? Not where the title begins with it ("苏州统计局（转引自公开报道）")."""
    return bool(source.publisher) and not source.title.startswith(source.publisher)
