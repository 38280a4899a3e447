"""Where each current target stands, as a small comparable record: what alerts and reports compare.

A standing is the part of an answer that leadership reads — target, latest figure and its period,
status — flattened to text, so that two moments can be compared (and one stored as JSON) without
keeping the whole answer. Alerts compare the standings before and after a write; a report compares
today's standings with those of the subscription's previous report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from knowledge.labels import status_from_text
from knowledge.progress import NO_DATA, ProgressStatus
from knowledge.replies import IndicatorAnswer
from knowledge.wording import observation_text, period_label, target_text


@dataclass(frozen=True)
class Standing:
    """One current target: `figure` is the latest figure as written ("1980亿元", "" without one),
    `period` what it covers ("2026年1-10月"), `status` the progress status (NO_DATA without a figure)."""

    indicator_id: str
    name: str
    year: int
    target: str
    figure: str
    period: str
    status: ProgressStatus


@dataclass(frozen=True)
class Difference:
    """A target whose standing differs between two moments; `before`/`after` is None where the target
    was not current then (a new plan year, a target added or removed)."""

    indicator_id: str
    name: str
    before: Standing | None
    after: Standing | None

    @property
    def status_before(self) -> ProgressStatus:
        return self.before.status if self.before else NO_DATA

    @property
    def status_after(self) -> ProgressStatus:
        return self.after.status if self.after else NO_DATA

    @property
    def figure_changed(self) -> bool:
        old = (self.before.figure, self.before.period) if self.before else ("", "")
        new = (self.after.figure, self.after.period) if self.after else ("", "")
        return old != new

    @property
    def target_changed(self) -> bool:
        return bool(self.before and self.after and self.before.target != self.after.target)


def standing_of(answer: IndicatorAnswer) -> Standing:
    """The standing of an answer that has a target (as `Answerer.targets_overview` returns them)."""
    actual = answer.actual
    status = answer.progress.status if answer.progress is not None else NO_DATA
    return Standing(answer.indicator.id, answer.indicator.name, answer.target.year, target_text(answer.target),
                    observation_text(actual) if actual is not None else "",
                    period_label(actual) if actual is not None else "", status)


def standings(answers: Iterable[IndicatorAnswer]) -> dict[str, Standing]:
    """{indicator_id: Standing} for the given answers, in their order."""
    return {answer.indicator.id: standing_of(answer) for answer in answers if answer.target is not None}


def differences(before: dict[str, Standing], after: dict[str, Standing]) -> list[Difference]:
    """Targets whose standing changed, in the order of `after` then those only in `before`."""
    found = []
    for key in list(after) + [k for k in before if k not in after]:
        old, new = before.get(key), after.get(key)
        if old != new:
            name = (new or old).name
            found.append(Difference(key, name, old, new))
    return found


def dump_standings(values: dict[str, Standing]) -> str:
    """JSON text of standings, for storing a report's state."""
    return json.dumps([asdict(s) for s in values.values()], ensure_ascii=False)


def load_standings(text: str | None) -> dict[str, Standing] | None:
    """Standings from `dump_standings` text; None for no text or text that is not such a list.

    A status is stored as its identifier ("behind"); a database written by the previous release holds
    the Chinese word ("滞后"), which reads as the same status (`status_from_text`)."""
    if not text:
        return None
    try:
        items = json.loads(text)
        return {item["indicator_id"]: Standing(**{**item, "status": status_from_text(item["status"])})
                for item in items}
    except (ValueError, TypeError, KeyError):
        return None
