"""Responsible units (责任单位), reporting cycles and due days, and which figures are overdue.

A duty says who reports an indicator and when its figure is usually out:
    monthly    due_day = day of the month after the period (25: the 1—10月 figure by 25 November);
               January is published with February (1—2月), so no figure is due for January alone
    quarterly  due_day = days after the quarter's end (30: the 一季度 figure by 30 April)
    yearly     due_day = days after the year's end (60: the 2026 figure by 1 March 2027)
An indicator is overdue when its latest figure for 苏州 ends before the latest period whose due date
has passed. The admins' chat is reminded the day after a due date, once per due date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from knowledge.control_characters import name_refusal
from knowledge.errors import KnowledgeError, UnreadableValueError, quoted
from knowledge.models import Indicator
from knowledge.periods import PeriodError, parse_period
from knowledge.places import DEFAULT_CITY
from knowledge.quantities import parse_ascii_int
from knowledge.store import Store

CYCLES = {"monthly": "月度", "quarterly": "季度", "yearly": "年度"}
CYCLE_WORDS = {"monthly": "monthly", "月度": "monthly", "每月": "monthly", "月": "monthly", "按月": "monthly",
               "quarterly": "quarterly", "季度": "quarterly", "每季": "quarterly", "季": "quarterly",
               "按季": "quarterly", "yearly": "yearly", "年度": "yearly", "每年": "yearly", "年": "yearly",
               "按年": "yearly"}
DEFAULT_DUE_DAYS = {"monthly": 25, "quarterly": 30, "yearly": 60}
MAX_UNIT_CHARS = 30
# A reminder goes out the day after a due date; a bot that was down then sends it when back within this.
REMIND_WITHIN = timedelta(days=3)


class DutyError(KnowledgeError):
    """A duty that cannot be set, with a Chinese reason."""


class UnreadableDutyValue(DutyError, UnreadableValueError):
    """A duty refused because its responsible unit is written in a form that cannot be read."""


@dataclass(frozen=True)
class Duty:
    indicator_id: str
    unit: str  # 责任单位, e.g. 市工信局
    cycle: str  # monthly | quarterly | yearly
    due_day: int  # see the module docstring


@dataclass(frozen=True)
class Overdue:
    indicator: Indicator
    duty: Duty
    year: int
    last_month: int  # the period that should be recorded ends in this month
    due: date

    @property
    def period_words(self) -> str:
        if self.duty.cycle == "yearly":
            return f"{self.year}年"
        if self.duty.cycle == "quarterly":
            return f"{self.year}年{'一二三四'[self.last_month // 3 - 1]}季度"
        return f"{self.last_month}月"


def duties(store: Store) -> dict[str, Duty]:
    return {r["indicator_id"]: Duty(r["indicator_id"], r["unit"] or "", r["cycle"], r["due_day"])
            for r in store.db["indicator_duties"].rows}


def plan_duty(answerer, indicator: str, unit: str, cycle: str | None, day: str | None, recorded_by: str):
    """The duty of the indicator an admin names: `unit` (责任单位), `cycle` ('月度', '季度', '年度'; None for
    monthly) and `day` ('25', '60天'; None for the cycle's default), read by parse_duty → a PlannedEdit
    (knowledge.edits). DutyError (or UnknownIndicatorError) with the reason."""
    from knowledge.edits import PlannedEdit, resolve_indicator

    found = resolve_indicator(answerer, indicator)
    unit, cycle, day = parse_duty(unit, cycle, day)
    key = {"indicator_id": found.id}
    before = answerer.store.get_row("indicator_duties", key)
    after = {**key, "unit": unit, "cycle": cycle, "due_day": day, "updated_by": recorded_by}
    when = f"次月{day}日" if cycle == "monthly" else f"期末后{day}天"
    old = f"{before['unit']}，{CYCLES[before['cycle']]}" if before else "未设置"
    lines = (f"指标：{found.name}", f"责任单位：{old} → {unit}", f"报送周期：{CYCLES[cycle]}，{when}出数")
    return PlannedEdit("set_duty", "indicator_duties", key, before, after, lines, "", found.id)


def parse_duty(unit: str, cycle: str | None = None, day: str | None = None) -> tuple[str, str, int]:
    """(unit, cycle, due_day) from a responsible unit ('市工信局'), a cycle ('月度', '季度', '年度'…,
    CYCLE_WORDS; None for monthly) and a due day ('25', '25日', '60天'; None for DEFAULT_DUE_DAYS), as
    /units and an imported indicator_duties row write them. DutyError with the reason;
    UnreadableDutyValue for a unit that is empty, too long, or holds digits or markup."""
    unit = unit.strip()
    if refusal := name_refusal(unit, "责任单位"):
        raise UnreadableDutyValue(refusal)
    if not unit or len(unit) > MAX_UNIT_CHARS or re.search(r"[<>&\d]", unit):
        raise UnreadableDutyValue(f"责任单位应为1到{MAX_UNIT_CHARS}个字（不含数字和符号）。")
    cycle_name = CYCLE_WORDS.get(cycle.strip().lower()) if cycle is not None else "monthly"
    if cycle_name is None:
        raise DutyError(f"报送周期应为 月度、季度 或 年度，收到“{quoted(cycle)}”。")
    due_day = DEFAULT_DUE_DAYS[cycle_name]
    if day is not None:
        due_day = parse_ascii_int(day.rstrip("日号天"))
        if due_day is None:
            raise DutyError(f"出数日应为数字（0-9），收到“{quoted(day)}”。")
    limit = 28 if cycle_name == "monthly" else 120
    if not 1 <= due_day <= limit:
        raise DutyError(f"出数日应在1到{limit}之间（月度为次月几日，季度和年度为期末后几天）。")
    return unit, cycle_name, due_day


def due_period(duty: Duty, today: date) -> tuple[int, int, date] | None:
    """The latest period whose figure should be out by `today`: (year, last month, due date)."""
    if duty.cycle == "monthly":
        for back in range(1, 15):
            index = today.year * 12 + today.month - 1 - back
            year, month = divmod(index, 12)
            month += 1
            if month == 1:
                continue  # published together with February
            next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
            due = date(next_year, next_month, min(duty.due_day, calendar.monthrange(next_year, next_month)[1]))
            if due <= today:
                return year, month, due
        return None
    if duty.cycle == "quarterly":
        for back in range(0, 6):
            index = (today.year * 4 + (today.month - 1) // 3) - back - 1
            year, quarter = divmod(index, 4)
            end_month = 3 * (quarter + 1)
            due = date(year, end_month, calendar.monthrange(year, end_month)[1]) + timedelta(days=duty.due_day)
            if due <= today:
                return year, end_month, due
        return None
    for year in (today.year - 1, today.year - 2):
        due = date(year, 12, 31) + timedelta(days=duty.due_day)
        if due <= today:
            return year, 12, due
    return None


def _latest_covered(store: Store, indicator_id: str) -> tuple[int, int] | None:
    """(year, last month) of the latest figure recorded for 苏州."""
    best = None
    for observation in store.observations(indicator_id):
        if observation.city != DEFAULT_CITY or observation.value is None:
            continue
        period = observation.span
        if period is None:  # a row written without its period columns: read its label
            try:
                period = parse_period(observation.period, observation.year or 0, True)
            except PeriodError:
                continue
        covered = (period.year, period.last_month)
        best = covered if best is None or covered > best else best
    return best


def overdue(store: Store, today: date) -> list[Overdue]:
    """Indicators with a duty whose latest figure is older than their cycle allows, by unit."""
    indicators = {i.id: i for i in store.indicators()}
    late = []
    for duty in duties(store).values():
        wanted = due_period(duty, today)
        if wanted is None or duty.indicator_id not in indicators:
            continue
        year, month, due = wanted
        covered = _latest_covered(store, duty.indicator_id)
        if covered is None or covered < (year, month):
            late.append(Overdue(indicators[duty.indicator_id], duty, year, month, due))
    return sorted(late, key=lambda o: (o.duty.unit, o.year, o.last_month, o.indicator.name))


def render_overdue(late: list[Overdue]) -> str:
    """'10月数据未录入：工业投资总额（市发改委），新供产业用地（市资源规划局）' — one line per period."""
    lines: dict[str, list[str]] = {}
    for item in late:
        lines.setdefault(item.period_words, []).append(f"{item.indicator.name}（{item.duty.unit}）")
    return "\n".join(f"{words}数据未录入：{'，'.join(names)}" for words, names in lines.items())


def render_duties(store: Store) -> str:
    """Every duty, one line each, by unit; "" when none is set."""
    indicators = {i.id: i for i in store.indicators()}
    rows = sorted(duties(store).values(), key=lambda d: (d.unit, d.indicator_id))
    if not rows:
        return ""
    lines = ["责任单位和报送周期："]
    for duty in rows:
        when = f"次月{duty.due_day}日" if duty.cycle == "monthly" else f"期末后{duty.due_day}天"
        name = indicators[duty.indicator_id].name if duty.indicator_id in indicators else duty.indicator_id
        lines.append(f"· {name}：{duty.unit}，{CYCLES[duty.cycle]}，{when}")
    return "\n".join(lines)


def reminder_due(store: Store, today: date) -> tuple[str, list[str]] | None:
    """The reminder for the admins' chat on the day after a due date, and the due dates it covers;
    None when there is nothing to remind of or it was already sent for those due dates."""
    late = [o for o in overdue(store, today) if o.due < today <= o.due + REMIND_WITHIN
            and store.meta(f"due_reminded:{o.due.isoformat()}") is None]
    if not late:
        return None
    return "以下数据已过出数日仍未录入：\n" + render_overdue(late), sorted({o.due.isoformat() for o in late})


def mark_reminded(store: Store, due_dates: list[str], sent_at: str) -> None:
    with store.transaction():
        for due in due_dates:
            store.set_meta(f"due_reminded:{due}", sent_at)
