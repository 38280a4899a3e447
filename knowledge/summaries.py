"""The daily progress summary: where the 2026 targets stand, what changed, where the figures come from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from knowledge.answers import Answerer, IndicatorAnswer
from knowledge.progress import AHEAD, BEHIND, DONE, NO_DATA, ON_TRACK, STATUSES, time_progress
from knowledge.render import Markup, observation_text, period_label, split_message
from knowledge.store import Observation

CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class Summary:
    day: date
    time_progress: float
    counts: dict[str, int]
    answers: tuple[IndicatorAnswer, ...]  # every target, in seed order
    changes: tuple[Observation, ...]  # figures entered since the previous summary
    sources: tuple[str, ...]

    @property
    def with_data(self) -> tuple[IndicatorAnswer, ...]:
        return tuple(a for a in self.answers if a.progress is not None and a.progress.status != NO_DATA)

    @property
    def lagging(self) -> tuple[IndicatorAnswer, ...]:
        return tuple(a for a in self.with_data if a.progress.status == BEHIND)


def build_summary(answerer: Answerer, since: str = "") -> Summary:
    """The summary as of today (in the answerer's time zone); `since` is the previous delivery (UTC ISO)."""
    today = answerer.today()
    answers = tuple(answerer.targets_overview())
    counts = {status: 0 for status in STATUSES}
    for answer in answers:
        counts[answer.progress.status if answer.progress else NO_DATA] += 1
    names = {a.indicator.id for a in answers}
    changes = tuple(o for o in answerer.store.observations_recorded_since(since or "") if o.indicator_id in names)
    sources = []
    for answer in answers:
        sources.append(answer.target.source.title)
        if answer.actual is not None:
            sources.append(answer.actual.source.title)
    return Summary(today, time_progress(today, today.year), counts, answers, changes,
                   tuple(dict.fromkeys(s for s in sources if s)))


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _standing(answer: IndicatorAnswer) -> str:
    progress = answer.progress
    if progress.gap_points is not None:
        word = "高于" if progress.gap_points >= 0 else "低于"
        return f"{word}目标{abs(progress.gap_points):g}个百分点"
    if progress.completion is None:  # a target of 0 (refused since, but perhaps stored before)
        return "目标为0，无法计算完成率"
    return f"完成率{_percent(progress.completion)}"


def render_summary(summary: Summary, html: bool = False, by_name: dict[str, str] | None = None) -> str:
    """Date and 时间进度, counts by status, lagging targets first, changes, sources."""
    m = Markup(html)
    lines = [m.bold(f"苏州新型工业化2026年目标进度 · {summary.day:%Y年%m月%d日}"),
             f"时间进度：{_percent(summary.time_progress)}",
             "　".join(f"{status} {summary.counts[status]}" for status in STATUSES)]
    if not summary.with_data:
        lines.append("暂无2026年实际数据：所有目标都还没有录入完成情况，录入后这里会显示进度和图表。")
    order = {BEHIND: 0, ON_TRACK: 1, AHEAD: 2, DONE: 3}
    ranked = sorted(summary.with_data, key=lambda a: order.get(a.progress.status, 9))
    if ranked:
        lines.append("")
    for answer in ranked:
        lines.append(
            f"{'⚠️' if answer.progress.status == BEHIND else '·'} {m.esc(answer.indicator.name)}："
            f"{m.esc(observation_text(answer.actual))}（{m.esc(period_label(answer.actual))}），"
            f"{m.esc(_standing(answer))}，{answer.progress.status}"
        )
    if summary.changes:
        lines.append("")
        lines.append(m.bold("新录入"))
        names = by_name or {a.indicator.id: a.indicator.name for a in summary.answers}
        for change in summary.changes:
            lines.append(f"· {m.esc(names.get(change.indicator_id, change.indicator_id))} "
                         f"{m.esc(period_label(change))} {m.esc(observation_text(change))}"
                         f"（{m.esc(change.recorded_by)}录入）")
    lines.append("")
    lines.append("来源：" + m.esc("；".join(summary.sources)))
    return "\n".join(lines)


def summary_messages(summary: Summary, html: bool = True) -> tuple[str | None, list[str]]:
    """(caption for the chart or None, the text messages that follow), each within Telegram's limits."""
    text = render_summary(summary, html=html)
    if summary.with_data and len(text) <= CAPTION_LIMIT:
        return text, []
    return None, split_message(text)


__all__ = ["Summary", "build_summary", "render_summary", "summary_messages", "AHEAD", "DONE", "ON_TRACK"]
