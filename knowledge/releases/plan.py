"""From a reading to the store: the preview an admin confirms (plan_release: new, restated, 同比 added,
unchanged, not written) and the one audited write of all of it (apply_release).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from knowledge.edits import PlannedEdit, apply_edit, figure_target, same_point
from knowledge.labels import OBSERVATION_STATUS_LABELS
from knowledge.models import ObservationStatus
from knowledge.periods import PeriodError, check_ended, parse_label
from knowledge.places import DEFAULT_CITY
from knowledge.quantities import growth_refusal, parse_quantity, to_base
from knowledge.releases.dates import ReleaseDate
from knowledge.releases.reading import read_release
from knowledge.releases.results import ReleaseFigure, ReleaseReading
from knowledge.store import Store, written_figure
from knowledge.target_rules import figure_refusal


# lines of each list the chat's preview shows (the rest go in a file), as an import's preview shows
PREVIEW_LISTED = 20
NEW, RESTATED, YOY_ADDED, UNCHANGED, NOT_WRITTEN = "new", "restated", "yoy_added", "unchanged", "not_written"
STATE_WORDS = {NEW: "新增", RESTATED: "更正", YOY_ADDED: "补充同比", UNCHANGED: "已有，不变", NOT_WRITTEN: "不写入"}


@dataclass(frozen=True)
class PlannedFigure:
    """One figure of a release compared with the store: what applying it would do."""

    figure: ReleaseFigure
    state: str  # new | restated | yoy_added | unchanged | not_written
    before_text: str  # the figure recorded now for the same indicator, city and period; "" if none
    edit: PlannedEdit | None  # the write, None when nothing changes
    note: str = ""


@dataclass(frozen=True)
class ReleasePlan:
    """Every figure of a reading with its state, the writes applying it makes, and the preview text."""

    reading: ReleaseReading
    items: tuple[PlannedFigure, ...]

    @property
    def writes(self) -> list[PlannedEdit]:
        return [item.edit for item in self.items if item.edit is not None]

    @property
    def conflicts(self) -> list[PlannedFigure]:
        """Figures that differ from one already recorded for the same period: restatements."""
        return [item for item in self.items if item.state == RESTATED]

    def summary(self, limit: int | None = None) -> str:
        """The preview an admin confirms: found (old → new), conflicts, unplaced; each list with its
        count, cut after its first `limit` lines (None: every line) with a line saying how many more."""
        counts = {state: sum(1 for i in self.items if i.state == state) for state in STATE_WORDS}
        lines = [f"通报：{self.reading.title}" if self.reading.title else "通报（无标题）",
                 *([self.reading.year_note] if self.reading.year_note else []),
                 f"读出 {len(self.items)} 个数据：新增 {counts[NEW]}，更正 {counts[RESTATED]}，"
                 f"补充同比 {counts[YOY_ADDED]}，不变 {counts[UNCHANGED]}，不写入 {counts[NOT_WRITTEN]}。"]

        def listed(entries: list, line, more: str) -> None:
            shown = entries if limit is None else entries[:limit]
            lines.extend("· " + line(entry) for entry in shown)
            if len(entries) > len(shown):
                lines.append(f"……另有 {len(entries) - len(shown)} {more}未列出（完整清单见所附文件）")

        listed(list(self.items), _describe, "个数据")
        if self.conflicts:
            lines.append(f"与已录入数据不同（按更正处理，原值保留在修改记录中）：{len(self.conflicts)} 个")
            listed(self.conflicts, lambda item: f"{_name(item.figure)} {item.figure.period}：{item.before_text} → "
                                                f"{_figure_text(item.figure)}", "个更正")
        if self.reading.unplaced:
            lines.append(f"未能对应到指标的数字（不写入）：{len(self.reading.unplaced)} 处")
            listed(list(self.reading.unplaced), lambda lost: f"{lost.fragment}（{lost.reason}）", "处")
        return "\n".join(lines)

    def full_text(self) -> str:
        """The preview with every line of every list: the file sent beside a preview cut by summary(limit)."""
        return self.summary()

    def longer_than(self, limit: int) -> bool:
        """Whether summary(limit) leaves lines out: a list (figures, conflicts, unplaced) longer than `limit`."""
        return max(len(self.items), len(self.conflicts), len(self.reading.unplaced)) > limit


def _name(figure: ReleaseFigure) -> str:
    return figure.indicator_name + ("" if figure.city == DEFAULT_CITY else f"（{figure.city}）")


def _signed(number: float) -> str:
    return ("+" if number > 0 else "") + format(Decimal(str(number)).normalize(), "f")


def _figure_text(figure: ReleaseFigure) -> str:
    parts = [figure.published] if figure.value is not None else []
    if figure.status != ObservationStatus.ACTUAL:
        parts.append(OBSERVATION_STATUS_LABELS[figure.status])
    if figure.yoy is not None:  # 同比持平 is said so, not “同比0%”
        parts.append(f"同比{_signed(figure.yoy)}%" if figure.yoy else "同比持平")
    if figure.change_points is not None:
        parts.append(f"比上年{_signed(figure.change_points)}个百分点" if figure.change_points else "比上年持平")
    return "，".join(parts)


def _describe(item: PlannedFigure) -> str:
    figure = item.figure
    text = f"{_name(figure)} {figure.period}：{_figure_text(figure)}"
    if figure.period_from == "heading":
        text += "（期间取自标题）"
    if item.state == RESTATED:
        return f"{text} 【更正：原 {item.before_text}】"
    return f"{text} 【{STATE_WORDS[item.state]}{'：' + item.note if item.note else ''}】"


def preview_release(store: Store, text: str, today: date, recorded_by: str) -> ReleasePlan:
    """The release `text` read on `today` (read_release) and planned
    against the store (plan_release, its writes recorded as by `recorded_by`); writes nothing. Raises
    ReleaseError for an empty or over-long text. The reading is the plan's `reading`."""
    return plan_release(store, read_release(text, store, today), recorded_by)


def _stored_period(store: Store, indicator, figure: ReleaseFigure) -> str:
    """The period label a figure is stored under: its own, or for a stock (kind level) the label of the
    figure already stored for the same date (10月末 is 2026年1-10月 or 2026年10月), as /set does
    (knowledge.edits.same_point), so that a release restates it rather than storing a second one."""
    period = parse_label(figure.period)
    return figure.period if period is None else same_point(store, indicator, figure.city, period).label


def plan_release(store: Store, reading: ReleaseReading, recorded_by: str, source_title: str = "") -> ReleasePlan:
    """What applying `reading` would change, figure by figure, compared with the store; writes nothing.

    A figure equal to the one recorded (same value in base units, same 同比 and 百分点) is unchanged,
    so applying a release twice writes once. A growth rate without a level is written only onto a
    level already recorded for the same period (an observation without a value would hide the latest
    figure from progress).
    """
    indicators = {i.id: i for i in store.indicators()}
    title = source_title or (f"{reading.title}（统计通报）" if reading.title else "统计通报")
    items = []
    for figure in reading.figures:
        indicator = indicators[figure.indicator_id]
        key = {"indicator_id": figure.indicator_id, "city": figure.city, "period": _stored_period(store, indicator, figure)}
        before = store.get_row("observations", key)
        before_text = _recorded_text(before)
        if refusal := _not_ended(figure, reading.dated):
            items.append(PlannedFigure(figure, NOT_WRITTEN, before_text, None, refusal))
            continue
        if figure.yoy is not None and (refusal := growth_refusal(figure.yoy, f"{figure.yoy:g}%")):
            items.append(PlannedFigure(figure, NOT_WRITTEN, before_text, None, refusal))
            continue
        if figure.value is None:
            if before is None or before.get("value") is None:
                items.append(PlannedFigure(figure, NOT_WRITTEN, before_text, None, "只有同比、没有总量，可用 /set 补录数值"))
                continue
            after = {**before, "yoy_growth": figure.yoy}
            if figure.change_points is not None:
                after["change_points"] = figure.change_points
            state = UNCHANGED if _same_growth(before, after) else YOY_ADDED
        else:
            quantity = parse_quantity(format(figure.value, "f") + figure.unit, indicator.unit)
            # the same check as /set and /import: a figure that makes no sense is shown, not written
            target = figure_target(store, indicator, figure.city, figure.year)
            if refusal := figure_refusal(indicator, quantity.value, quantity.unit, target, figure.published):
                items.append(PlannedFigure(figure, NOT_WRITTEN, before_text, None, refusal))
                continue
            given = {**key, "year": figure.year, "value": float(quantity.value), "unit": quantity.unit,
                     "qualifier": figure.qualifier, "text": figure.published, "status": figure.status, "note": "",
                     "quote": figure.sentence[:500], "recorded_by": recorded_by, "yoy_growth": figure.yoy,
                     "change_points": figure.change_points}
            if _estimate_over_final(before, figure) and not _same_value(before, given):
                items.append(PlannedFigure(figure, NOT_WRITTEN, before_text, None, "已有实际数，不以预计数替换"))
                continue
            if before is None or before.get("value") is None or not _same_value(before, given) \
                    or _estimate_made_final(before, figure):
                state = NEW if before is None or before.get("value") is None else RESTATED
                after = written_figure("observations", before, given)
            else:
                after = {**before, "yoy_growth": figure.yoy if figure.yoy is not None else before.get("yoy_growth"),
                         "change_points": figure.change_points if figure.change_points is not None
                         else before.get("change_points")}
                state = UNCHANGED if _same_growth(before, after) else YOY_ADDED
        if state == UNCHANGED:
            items.append(PlannedFigure(figure, state, before_text, None))
            continue
        lines = (f"{_name(figure)} {figure.period}：{before_text or '无'} → {_figure_text(figure)}",)
        edit = PlannedEdit("set_observation", "observations", key, before, after, lines, title, figure.indicator_id)
        items.append(PlannedFigure(figure, state, before_text, edit))
    return ReleasePlan(reading, tuple(items))


def _not_ended(figure: ReleaseFigure, dated: ReleaseDate | None) -> str:
    """The reason a figure's period was not over on the release's date (its own date line, else the day
    it is read): the same check as /set and /import (knowledge.periods.check_ended); "" when it was. A
    period written without a year is not moved to the year before (as /set): the reason says so, and
    that writing the year mends it."""
    period = parse_label(figure.period)
    if dated is None or period is None:
        return ""
    day_word = "通报发布于" if dated.written else "今天是"
    try:
        check_ended(period, dated.day, day_word)
    except PeriodError as error:
        if not figure.year_from_date:
            return str(error)
        earlier = f"{figure.year - 1}年{figure.period[5:]}"
        return (f"期间{period.label}还没有结束（截至{period.last_day.isoformat()}，{day_word}{dated.day.isoformat()}），"
                f"不能录入实际数：期间没有写年份，按{'通报发布日期' if dated.written else '今天'}取{figure.year}年，"
                f"未结束的期间不会改作上一年（与 /set 相同）；如是{earlier}的数据，请在标题或句中写明年份，如“{earlier}”")
    return ""


def _recorded_text(row: dict | None) -> str:
    if row is None:
        return ""
    text = row.get("text") or ""
    if row.get("yoy_growth") is not None:
        text += ("，" if text else "") + f"同比{_signed(row['yoy_growth'])}%"
    return text


def _estimate_over_final(before: dict | None, figure: ReleaseFigure) -> bool:
    """A 预计数 read where a final figure is recorded: it does not replace it."""
    return figure.status == ObservationStatus.ESTIMATE and before is not None and before.get("value") is not None \
        and before.get("status") in (ObservationStatus.ACTUAL, ObservationStatus.REVISED)


def _estimate_made_final(before: dict | None, figure: ReleaseFigure) -> bool:
    """The actual figure read where the same value is recorded as a 预计数: written, to drop 预计."""
    return figure.status == ObservationStatus.ACTUAL and before is not None \
        and before.get("status") == ObservationStatus.ESTIMATE


def _same_value(before: dict, after: dict) -> bool:
    return to_base(before["value"], before.get("unit") or "") == to_base(after["value"], after["unit"])


def _same_growth(before: dict, after: dict) -> bool:
    return all(before.get(k) == after.get(k) for k in ("yoy_growth", "change_points"))


def apply_release(store: Store, plan: ReleasePlan, user_id: int | None = None, chat_id: int | None = None) -> int:
    """Write every planned figure with its audit row, all in ONE transaction (all or nothing), through
    the same path as /set (knowledge.edits.apply_edit). Raises EditError when a figure was changed by
    someone else after the preview. Returns the number of figures written."""
    writes = plan.writes
    with store.transaction():
        for edit in writes:
            apply_edit(store, edit, user_id, chat_id)
    return len(writes)
