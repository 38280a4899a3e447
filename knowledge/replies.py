"""What the answerer returns: a Reply (data, not text) and the records it carries — one indicator's
answer, a 同比, a rank found, a comparison, a list — and why a question was declined. The renderer
(knowledge/render.py) words them; the answerer (knowledge/answers.py) makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from knowledge.matcher import Decision

if TYPE_CHECKING:  # annotations only: the records need none of these at run time
    from knowledge.matcher import Candidate
    from knowledge.models import Indicator, Observation, Target
    from knowledge.progress import Progress
    from knowledge.questions import Question
    from knowledge.verdicts import Verdict


# Why a question was declined; the renderer words each one.
EMPTY, TOO_LONG, NO_MATCH, NO_CITY_DATA, NO_YEAR_DATA, ONLY_INCREMENT, GREETING, NO_SCOPE_DATA = (
    "empty", "too_long", "no_match", "no_city_data", "no_year_data", "only_increment", "greeting",
    "no_scope_data")
NO_COMPARISON = "no_comparison"
NO_PERIOD_DATA, NO_GROWTH_DATA = "no_period_data", "no_growth_data"
ACKNOWLEDGED = "acknowledged"  # 谢谢, 好的, 收到: said to the bot, nothing asked
NO_CITY_TARGETS = "no_city_targets"  # 昆山一共多少个目标: no target recorded for that place
NOT_A_FIGURE = "not_a_figure"  # 认定条件, 申报时间, 在哪里: asked how or where, not how many


@dataclass(frozen=True)
class IndicatorAnswer:
    """Everything known about one indicator for one city, as far as the question asked."""

    indicator: Indicator
    city: str
    year: int | None
    target: Target | None = None
    actual: Observation | None = None  # the latest figure for the target's year
    earlier: Observation | None = None  # the latest figure before the target's year
    observations: tuple[Observation, ...] = ()  # for indicators without a target
    progress: Progress | None = None
    missing_year: int | None = None  # the year asked for, when nothing is known for it
    plan_note: str = ""  # e.g. "2027年目标尚未录入，以下为2026年目标" while a new year has no plan yet
    period_asked: str = ""  # the label of the period the question named (2026年1-9月): `actual` is its figure
    missing_period: str = ""  # the period asked for, when nothing is recorded for it; `observations` are known


@dataclass(frozen=True)
class Growth:
    """An indicator's official 同比 for one city, as published (percent, never recomputed from totals).

    `observation` is the latest figure that carries a 同比 (None when none does); `later` a more recent
    figure of the indicator whose 同比 is not published yet; `asked` the period the question named;
    `published` the periods whose 同比 is known (for a reply that says none fits).
    """

    indicator: Indicator
    city: str
    observation: Observation | None
    later: Observation | None = None
    asked: str = ""
    published: tuple[str, ...] = ()
    target_asked: bool = False  # 增速目标: the knowledge base keeps no growth-rate targets


@dataclass(frozen=True)
class Context:
    """What an answer was about, so a follow-up (那上海呢, 那2024年呢, 进度呢) can inherit what it does not name.

    `cities` and `year` are those the question named (the default 苏州 is not inherited as a choice).
    """

    indicator_ids: tuple[str, ...]
    cities: tuple[str, ...] = ()
    year: int | None = None
    # True for a reply to the answer itself; False for "the previous answer in this private chat",
    # which a question of its own ("研发投入目标", not "那上海呢") does not follow
    replied: bool = True


@dataclass(frozen=True)
class Finding:
    """A rank stated or implied by recorded sentences: `subject` is `position` in `scope` (全国 …).

    `basis` are the observations whose text says so (e.g. 北京's "全国第四,仅次于深圳、苏州、上海"
    places 深圳 first and 苏州 second); `derived` is True when the subject's own record does not say it.
    """

    indicator: Indicator
    subject: str
    position: int
    scope: str
    year: int | None
    basis: tuple[Observation, ...]
    derived: bool


@dataclass(frozen=True)
class Side:
    """One figure of a comparison: `label` as asked (苏州, 2026年), its observation (None when unknown),
    and `place` the city when two cities are compared (the observation's own period names the rest)."""

    label: str
    observation: Observation | None
    place: str = ""


@dataclass(frozen=True)
class Comparison:
    """Two figures of one indicator and their difference.

    `sides` are a comparable pair (same year and months, see knowledge/progress.py `comparable`) when one
    is recorded, else each side's latest figure. `stated` is the article's own wording of the difference
    (7千亿元) with its observation; `computed` is difference = first − second in base units (元, 个,
    %-points), only for a comparable pair of exact figures of one unit; `unit` its base unit;
    `not_computed` says why it was not computed; `newer` a side's later figure left out because the
    other side has none of its period.
    """

    indicator: Indicator
    sides: tuple[Side, ...]
    stated: tuple[Observation, ...] = ()
    computed: Decimal | None = None
    unit: str = ""
    not_computed: str = ""
    newer: tuple[Side, ...] = ()


@dataclass(frozen=True)
class Listing:
    """Targets picked from the knowledge base: kind all | count | as_of | status | category; `label` names
    the pick: the categories, or for kind status the ProgressStatus (worded by the renderer)."""

    kind: str
    label: str
    items: tuple[IndicatorAnswer, ...]
    total: int


@dataclass(frozen=True)
class Reply:
    decision: Decision
    question: Question
    answers: tuple[IndicatorAnswer, ...] = ()
    candidates: tuple[tuple[Candidate, IndicatorAnswer | None], ...] = ()
    reason: str = ""
    missing_cities: tuple[str, ...] = ()
    cities_with_data: tuple[str, ...] = field(default=())
    parts: tuple["Reply", ...] = ()  # one reply per indicator when several were asked at once
    unknown: tuple[str, ...] = ()  # what was asked alongside and is not in the knowledge base
    findings: tuple[Finding, ...] = ()
    comparison: Comparison | None = None
    listing: Listing | None = None
    context: Context | None = None  # what a follow-up to this reply inherits
    growth: Growth | None = None
    note: str = ""  # said before the answer, e.g. why a stated increase stands in for a 同比 not published
    verdict: Verdict | None = None  # 是 / 不是 on a figure quoted to be confirmed
