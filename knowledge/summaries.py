"""The daily progress summary: where the current year's targets stand, grouped by colour with the lagging
ones first (with their year-end projection and the pace needed), what changed, where the figures come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge.answers import Answerer
from knowledge.labels import status_label, status_mark
from knowledge.models import Observation
from knowledge.progress import (
    AHEAD, BEHIND, DONE, LAGGING, NO_DATA, NOT_DONE, NOT_RATED, ON_TRACK, READING_ORDER, SEVERELY_BEHIND, STATUSES,
    ProgressStatus, time_progress,
)
from knowledge.quantities import format_number
from knowledge.replies import IndicatorAnswer
from knowledge.wording import (
    Markup, gap_text, observation_notes, percent, observation_text, period_label, projection_lines,
    status_text,
)

# The groups leadership reads, in order: red, yellow, green, done, then what is not rated by time.
def _titled(*statuses: ProgressStatus) -> tuple[str, tuple[ProgressStatus, ...]]:
    """('🟢 超前、基本同步', (AHEAD, ON_TRACK)): a group under its colour mark and status words."""
    return f"{status_mark(statuses[0])} {'、'.join(map(status_label, statuses))}", statuses


GROUPS = (_titled(SEVERELY_BEHIND), _titled(BEHIND), _titled(AHEAD, ON_TRACK), _titled(DONE),
          ("其他", (NOT_DONE, NOT_RATED)))


@dataclass(frozen=True)
class Summary:
    day: date
    time_progress: float  # share of the plan year elapsed today; shown only while no figure is in
    counts: dict[ProgressStatus, int]
    answers: tuple[IndicatorAnswer, ...]  # every target of the plan year, in seed order
    changes: tuple[Observation, ...]  # figures entered since the previous summary
    sources: tuple[str, ...]
    year: int = 0  # the plan year summarised
    plan_note: str = ""  # said when the clock's year has no plan yet

    @property
    def with_data(self) -> tuple[IndicatorAnswer, ...]:
        return tuple(a for a in self.answers if a.actual is not None and a.progress is not None
                     and a.progress.status != NO_DATA)

    @property
    def latest_month(self) -> int | None:
        """The last month the freshest current figure reaches (10 for 1-10月)."""
        months = [a.progress.period.last_month for a in self.with_data
                  if a.progress.period is not None and a.progress.period.year == a.target.year]
        return max(months, default=None)

    @property
    def lagging(self) -> tuple[IndicatorAnswer, ...]:
        return tuple(a for a in self.with_data if a.progress.status in LAGGING)

    @property
    def as_of(self) -> str:
        """'10月' when every current figure reaches October; '10月 7项、12月 1项' when they differ."""
        counts: dict[int, int] = {}
        for answer in self.with_data:
            period = answer.progress.period
            if period is not None and period.year == answer.target.year:
                counts[period.last_month] = counts.get(period.last_month, 0) + 1
        if len(counts) <= 1:
            return "".join(f"{month}月" for month in counts)
        return "、".join(f"{month}月 {n}项" for month, n in sorted(counts.items(), key=lambda i: (-i[1], i[0])))


def build_summary(answerer: Answerer, since: str = "") -> Summary:
    """The summary as of today (in the answerer's time zone); `since` is the previous delivery (UTC ISO)."""
    today = answerer.today()
    year, plan_note = answerer.plan_year()
    answers = tuple(answerer.targets_overview())  # the current plan, with last year's targets kept while it is partial
    counts = {status: 0 for status in STATUSES}
    for answer in answers:
        counts[answer.progress.status if answer.progress else NO_DATA] += 1
    names = {a.indicator.id for a in answers}
    changes = tuple(o for o in answerer.recorded_since(since or "") if o.indicator_id in names)
    sources = []
    for answer in answers:
        sources.append(answer.target.source.title)
        if answer.actual is not None:
            sources.append(answer.actual.source.title)
    return Summary(today, time_progress(today, year), counts, answers, changes,
                   tuple(dict.fromkeys(s for s in sources if s)), year, plan_note)


def _standing(answer: IndicatorAnswer) -> str:
    progress = answer.progress
    if progress.gap_points is not None:
        return gap_text(progress.gap_points)
    text = f"完成率{percent(progress.completion)}" if progress.completion is not None else ""
    if progress.baseline is not None and text:
        text = f"自{progress.baseline_period}基数{format_number(round(progress.baseline, 2))}{answer.target.unit}起{text}"
    if progress.reason and progress.time_progress is None and text:
        text += f"（{progress.reason.split('，')[0]}）"
    if progress.time_progress is not None and progress.time_basis != "elapsed":
        text += f"，序时进度{percent(progress.time_progress)}"
    return text


# The new figures a summary lists; after an import of 30,000 rows the rest are counted, not listed (all
# of them took a second to write on the event loop, and hundreds of messages to every subscribed chat).
CHANGES_LISTED = 20


def render_summary(summary: Summary, html: bool = False, by_name: dict[str, str] | None = None) -> str:
    """Date, 数据截至, counts by status, targets grouped by colour (lagging first), changes, sources."""
    m = Markup(html)
    lines = [m.bold(f"苏州新型工业化{summary.year}年目标进度 · {summary.day:%Y年%m月%d日}")]
    if summary.plan_note:
        lines.append(m.esc(f"（{summary.plan_note}）"))
    if summary.with_data:
        lines.append(f"数据截至{summary.as_of or '—'}（序时进度按各项数据的期间计算）")
    else:
        lines.append(f"时间进度（按今天日期）：{percent(summary.time_progress)}")
    lines.append("　".join(f"{status_label(status)} {n}" for status, n in summary.counts.items() if n))
    if not summary.with_data:
        lines.append(f"暂无{summary.year}年实际数据：所有目标都还没有录入完成情况，录入后这里会显示进度和图表。")
    ranked = sorted(summary.with_data, key=lambda a: READING_ORDER.get(a.progress.status, 99))
    for title, statuses in GROUPS:
        group = [a for a in ranked if a.progress.status in statuses]
        if not group:
            continue
        lines.append("")
        lines.append(m.bold(title))
        for answer in group:
            standing = _standing(answer)
            period = answer.progress.period
            if period is not None and summary.latest_month and period.last_month < summary.latest_month:
                # judged by its own period, but older than the rest: said on its line, not only in the header
                standing += f"（数据截至{period.as_of}，较其他指标旧）"
            lines.append(
                f"· {m.esc(answer.indicator.name)}：{m.esc(observation_text(answer.actual))}"
                f"（{m.esc(observation_notes(answer.actual))}）"
                + (f"，{m.esc(standing)}" if standing else "") + f"，{m.esc(status_text(answer.progress))}"
            )
            if answer.progress.status in LAGGING:
                lines.extend("　" + m.esc(line) for line in projection_lines(answer.progress))
    if summary.changes:
        lines.append("")
        lines.append(m.bold("新录入"))
        names = by_name or {a.indicator.id: a.indicator.name for a in summary.answers}
        for change in summary.changes[:CHANGES_LISTED]:
            lines.append(f"· {m.esc(names.get(change.indicator_id, change.indicator_id))} {m.esc(change.city)}"
                         f"{m.esc(period_label(change))} {m.esc(observation_text(change))}"
                         f"（{m.esc(change.recorded_by)}录入）")
        if len(summary.changes) > CHANGES_LISTED:
            lines.append(f"……另有{len(summary.changes) - CHANGES_LISTED}条（/history 查看）")
    lines.append("")
    lines.append("来源：" + m.esc("；".join(summary.sources)))
    return "\n".join(lines)


__all__ = ["Summary", "build_summary", "render_summary", "AHEAD", "DONE", "ON_TRACK"]
