"""A sentence that goes on from the one before: “10月份，全市完成规上工业总产值4102.5亿元。1—10月累计完成
40876.3亿元，增长4.8%。” — it begins with a period and a verb and names no indicator, so its figure is the
previous sentence's subject's. And 累计 after a single month (10月当月…；累计完成1986.4亿元) is the total
from January to that month, not the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from knowledge.releases.periods import ReadPeriod
from knowledge.releases.subjects import Subject
from knowledge.releases.tokens import Token


# the verbs a continuing sentence begins with, after its period
_VERB = re.compile(r"(?:本年|今年以来|当月|当季|单月|单季)?(?:累计|共计|共)?(?:完成|实现|达到|达|为)?")
# “其中，三季度当季完成…”, “其中10月份完成…”: a part of the figure before, the period its own
_PART = re.compile(r"其中[，,]?")
_RUNNING = re.compile(r"累计")


@dataclass
class SentenceBefore:
    """The subject the last sentence ended on (None: it named none), for a sentence that goes on from it."""

    subject: Subject | None = None

    def opening(self, sentence: str, tokens: list[Token], token: Token, raw: str) -> Subject | None:
        """The subject the first figure `token` of `sentence` takes from the sentence before: when the
        sentence begins with a period (1—10月累计完成…, 1—10月，完成…, 其中10月份完成…) and its words up to the figure,
        `raw` without periods, are only a verb. None otherwise."""
        first = tokens[0] if tokens else None
        lead = _PART.match(sentence)
        if first is None or first.start != (lead.end() if lead else 0) or first.kind not in ("period", "this_month") \
                or first is token:
            return None
        if any(t.kind in ("value", "growth") for t in tokens if t.start < token.start):
            return None
        words = _PART.sub("", raw.strip("，,"), count=1)
        return self.subject if words and _VERB.fullmatch(words) else None


def running_period(period: ReadPeriod | None, raw: str) -> ReadPeriod | None:
    """`period`, or for 累计 said of a single month (10月当月…；累计完成…) the total from January to it."""
    if period is None or period.kind != "month" or not _RUNNING.search(raw):
        return period
    return replace(period, first_month=1, kind="cumulative")
