"""Alerts: after a write of a figure or a target, which targets moved into 滞后/严重滞后, out of them, or
to 已完成 — one grouped message per write, kept in the `alerts` table until every chat that asked has it.

The pure part: `moves(before, after)` and `alert_text(moves, undone)`. The stateful part,
`check_alerts(answerer)`, compares the standings now with those stored at the previous check (meta
`alert_state`) and, in the same transaction, stores the new standings and the alert (if any). So:

- an import that moves ten targets gives one alert (one check after the write), re-importing the same
  figures gives none (nothing moved), and an undo that moves a status back says which change it undid;
- a change of what statuses are measured against — the owners' thresholds, a monthly plan, the plan
  year (the turn of the year) — is no write of a figure: the check sees a different `basis` and only
  stores the new standings, silently;
- a crash between the write and the check loses nothing: the next check (at start-up, or the delivery
  job's next round) finds the same difference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from knowledge.answers import Answerer
from knowledge.labels import status_label, status_mark
from knowledge.progress import DONE, LAGGING, ProgressStatus
from knowledge.standings import Standing, differences, dump_standings, load_standings, standings

STATE_KEY = "alert_state"
ALERT_TITLE = "目标进度提醒"


@dataclass(frozen=True)
class Move:
    """A target whose status moved in a way that is worth an alert. `figure`/`period`: the latest
    figure after the write ("" when an undo removed the only figure)."""

    indicator_id: str
    name: str
    figure: str
    period: str
    before: ProgressStatus  # status before the write
    after: ProgressStatus  # status after it


def is_alerting(before: ProgressStatus, after: ProgressStatus) -> bool:
    """A move into 滞后 or 严重滞后 (also from one to the other), out of them, or to 已完成 — and back
    from 已完成 (an undo of the figure that completed it: the chats were told it was done)."""
    return before != after and (after in LAGGING or before in LAGGING or DONE in (before, after))


def moves(before: dict[str, Standing], after: dict[str, Standing]) -> list[Move]:
    """The alerting moves between two sets of standings, in the order of `after`."""
    found = []
    for difference in differences(before, after):
        old, new = difference.status_before, difference.status_after
        if difference.before is None or difference.after is None or not is_alerting(old, new):
            continue  # a target that appeared or went away (a new plan year) is not a move
        found.append(Move(difference.indicator_id, difference.name, difference.after.figure,
                          difference.after.period, old, new))
    return found


def alert_text(found: list[Move], undone: dict[str, int] | None = None) -> str | None:
    """One plain-text message for all moves of one write, None when nothing moved.

    `undone`: {indicator_id: number of the change an undo reversed}, for moves an undo caused.
    """
    if not found:
        return None
    undone = undone or {}
    lines = [ALERT_TITLE]
    for move in found:
        figure = f"{move.period} {move.figure}".strip() if move.figure else "暂无数据"
        line = (f"{status_mark(move.after) or '·'} {move.name}：{figure}，"
                f"{status_label(move.before)} → {status_label(move.after)}")
        if move.indicator_id in undone:
            line += f"（撤销第{undone[move.indicator_id]}号修改后）"
        lines.append(line)
    return "\n".join(lines)


def status_basis(answerer: Answerer) -> str:
    """What statuses are measured against besides the figures and targets: the plan year, the thresholds
    in force (owners' /thresholds or the configured ones) and the monthly plans. When it differs from
    the previous check's, the statuses moved because of it, not because of a write."""
    year, _ = answerer.plan_year()
    plans = {i.id: i.monthly_plan for i in answerer.by_id.values() if i.monthly_plan}
    return json.dumps({"plan_year": year, "thresholds": vars(answerer.thresholds), "plans": plans},
                      sort_keys=True, ensure_ascii=False)


def check_alerts(answerer: Answerer) -> int | None:
    """Compare the standings now with the previous check's; store them, and the alert when some target
    moved. Returns the new alert's id, or None. Call after every write of a figure or target."""
    if answerer.writing_in_worker_thread:
        # its transaction holds the file, and waiting for it would hold the event loop: the writer
        # checks when it is done
        return None
    store = answerer.store
    with store.transaction():
        answerer.refresh_if_changed()
        current = standings(answerer.targets_overview())
        basis = status_basis(answerer)
        last_change = store.last_change_id()
        state = json.loads(store.meta(STATE_KEY) or "null")
        previous = load_standings(state.get("standings")) if isinstance(state, dict) else None
        alert_id = None
        if previous is not None and state.get("basis") == basis:
            text = alert_text(moves(previous, current), store.undone_since(state.get("change", 0)))
            if text:
                alert_id = store.add_alert(text)
        store.set_meta(STATE_KEY, json.dumps({"basis": basis, "change": last_change,
                                              "standings": dump_standings(current)}, ensure_ascii=False))
    return alert_id
