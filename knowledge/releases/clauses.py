"""What a clause says about the figure it holds besides its value: a period it is compared with
(上年同期，…为38900亿元 is last year's figure, not this period's), a period of its own for a growth rate
(10月当月增长6.8% is the month's, not the year so far's), and a status (预计, “（预计数，下同）”).
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.models import ObservationStatus
from knowledge.releases.periods import ReadPeriod
from knowledge.releases.tokens import Token


# tokens that name a period, and are cut out of the words of a subject
PERIOD_KINDS = ("period", "compared_period", "past_period", "years", "since", "this_month")
_SEPARATORS = "，；：,;:"
_ESTIMATE_NOTE = re.compile(r"[（(][^（）()\d]*预计[^（）()\d]*[）)]")
_ESTIMATE_WORD = re.compile(r"预计|预估")
_THIS_YEAR = re.compile(r"今年|本年|当年")
_SPAN_LEAD = re.compile(r"(?:全市|我市|本市)?(?:在|从)?")


def past_scope(sentence: str, token: Token, tokens: list[Token]) -> int | None:
    """Where the hold of a past period (上年同期, 去年, 2025年同期) on the figures after it ends, None when it
    is the period of no figure. Heading its clause (“上年同期，…”) it holds to the sentence's end or to 今年;
    with a value in its own clause (“上年同期为38900亿元”, “上年末…1.57万家”) for that clause only;
    “受上年同期基数影响，…” says only why."""
    if token.end >= len(sentence) or sentence[token.end] in _SEPARATORS:
        this_year = _THIS_YEAR.search(sentence, token.end)
        return this_year.start() if this_year else len(sentence)
    end = clause_end(sentence, token.end)
    if any(t.kind in ("value", "growth") and token.end <= t.start < end for t in tokens):
        return end
    return None


def clause_end(sentence: str, position: int) -> int:
    """Where the clause holding `position` ends: the next ，；： or 。 (the sentence's length if none)."""
    ends = [i for i in (sentence.find(s, position) for s in _SEPARATORS + "。") if i >= 0]
    return min(ends) if ends else len(sentence)


def month_only(token: Token, tokens: list[Token]) -> bool:
    """True when a single month (10月当月, 10月份, 当月) is named after a figure of the sentence: it is
    the period of its own clause only (“40876亿元，10月当月增长6.8%，工业投资1986亿元” — the investment is
    the year so far's)."""
    single = token.kind == "this_month" or (token.period is not None and token.period.kind == "month")
    return single and any(t.kind in ("value", "growth") and t.start < token.start for t in tokens)


def this_month(base: ReadPeriod | None, word: str = "当月") -> ReadPeriod | None:
    """当月, 单月, 本月: the last month of the period in force (1—10月 → 10月); 当季, 单季: its last quarter
    (前三季度 → 7—9月); None without one, or for a quarter of a period not ending one. It holds
    for its own clause only (the reader goes back to `base` after it)."""
    if base is None:
        return None
    if "季" in word:
        return ReadPeriod(base.year, base.last_month - 2, base.last_month, "quarter") \
            if base.last_month % 3 == 0 else None
    return ReadPeriod(base.year, base.last_month, base.last_month, "month")


def estimate_note(sentence: str) -> str:
    """What a note on forecasts in `sentence` covers: "following" for “（预计数，下同）” (this sentence's
    figures and all after it), "here" for “（预计数）”, "" when there is none."""
    notes = [m.group() for m in _ESTIMATE_NOTE.finditer(sentence)]
    if not notes:
        return ""
    return "following" if any("下同" in note or "以下" in note for note in notes) else "here"


def without_estimate(raw: str) -> tuple[str, str | None]:
    """The words before a value without 预计 (“全年规上工业总产值预计达到” → “全年规上工业总产值达到”), and
    the status those words give (ObservationStatus.ESTIMATE, or None when they say none)."""
    if not _ESTIMATE_WORD.search(raw):
        return raw, None
    return _ESTIMATE_WORD.sub("", raw), ObservationStatus.ESTIMATE


def _heads_clause(sentence: str, token: Token) -> bool:
    """True when a span of years is what its clause is about: it begins the clause (after 全市, 在) or a
    累计 follows it — not a span said in passing (增速创近三年新高)."""
    start = max(sentence.rfind(s, 0, token.start) for s in _SEPARATORS + "。") + 1
    return bool(_SPAN_LEAD.fullmatch(sentence[start:token.start])) or sentence.startswith("累计", token.end)


def same_period(first: ReadPeriod, first_year: int, second: ReadPeriod | None, year: int) -> bool:
    """True when `second` (its year None: `year`) is the period `first` of `first_year` names."""
    if second is None:
        return False
    return (first_year, first.first_month, first.last_month) == (second.year or year, second.first_month,
                                                                second.last_month)


class PeriodInForce:
    """The period of a sentence's figures as its tokens are read in order: the last period it names
    (None: the heading's), a single month named after a figure for its own clause only, and a compared
    period's hold, whose figures are not this period's."""

    def __init__(self, sentence: str, tokens: list[Token], heading: ReadPeriod | None):
        self.sentence, self.tokens, self.heading = sentence, tokens, heading
        self.period: ReadPeriod | None = None
        self._past: tuple[str, int] | None = None  # why its figures are not this period's, where its hold ends
        self._month_clause: tuple[int, ReadPeriod | None] | None = None  # its end, the period after it
        self._running_next = False  # a clause said 累计: the figures after it are the year so far's
        self._first_figure: tuple[ReadPeriod | None] | None = None  # the period at its first figure

    def at(self, token: Token) -> bool:
        """Move on to `token`; True when it names a period (a token of PERIOD_KINDS, no figure)."""
        if self._month_clause is not None and token.start > self._month_clause[0]:
            self.period, self._month_clause = self._month_clause[1], None
        if self._past is not None and token.start > self._past[1]:
            self._past = None
        if token.kind not in PERIOD_KINDS:
            if token.kind in ("value", "growth") and self._first_figure is None:
                self._first_figure = (self._month_clause[1] if self._month_clause is not None else self.period,)
            self._running(token)
            return False
        if token.kind in ("period", "this_month") and month_only(token, self.tokens):
            self._month_clause = self._month_clause or (clause_end(self.sentence, token.end), self.period)
        self._running_next = False
        if token.kind == "period":
            self.period, self._past = token.period, None
        elif token.kind == "this_month":
            word = self.sentence[token.start:token.end]
            self.period, self._past = this_month(self.period or self.heading, word), None
            if self.period is None:  # 1—10月…当季: no quarter ends the period in force
                self._past = (f"“{word}”指哪个季度不明（所在期间不是到季末），未录入", clause_end(self.sentence, token.end))
        elif token.kind == "past_period" and (end := past_scope(self.sentence, token, self.tokens)) is not None:
            self._past = (f"{self.sentence[token.start:token.end]}的数据，不是本期", end)
        elif token.kind == "years" and _heads_clause(self.sentence, token):
            # “十四五”期间，…620家，…45家。2025年，…: to the next period named
            end = next((t.start for t in self.tokens if t.kind == "period" and t.start > token.start),
                       len(self.sentence))
            self._past = (f"这是多年累计或多年间的变化，不是一年的数：{self.sentence[token.start:token.end]}", end)
        elif token.kind == "since" and _heads_clause(self.sentence, token):
            # 三季度以来，…: from then to now, neither that quarter nor the heading's period
            end = next((t.start for t in self.tokens if t.kind == "period" and t.start > token.start),
                       len(self.sentence))
            self._past = (f"“{self.sentence[token.start:token.end]}”是从那时到现在的数，不是一个统计期间的数据，未录入", end)
        return True

    def _running(self, token: Token) -> None:
        """10月，…增长6.8%，累计增长4.8%，总量达…: after 累计 in a month's sentence, its figures are the
        year so far's (1—10月) up to the next period named."""
        if self._running_next and self.period is not None and self.period.kind == "month":
            self.period = replace(self.period, first_month=1, kind="cumulative")
        # the figure of the 累计 clause itself: continuing.running_period
        start = max(self.sentence.rfind(s, 0, token.start) for s in _SEPARATORS + "。") + 1
        self._running_next = "累计" in self.sentence[start:token.start]

    @property
    def carried(self) -> ReadPeriod | None:
        """The period this sentence named that holds for the sentences after it in its paragraph: the
        last one named before its first figure, not one named after a figure (“1—10月，…40876.3亿元，全年有望…”:
        1—10月), nor a single month's clause (其中9月…) nor a compared period; None if it named none."""
        if self._first_figure is not None:
            return self._first_figure[0]
        return self._month_clause[1] if self._month_clause is not None else self.period

    @property
    def past_reason(self) -> str:
        """Why a figure here is not written, '上年同期的数据，不是本期', '这是多年累计或多年间的变化，不是一年的数：五年来';
        "" outside a compared period or a span of years."""
        return self._past[0] if self._past else ""

    def words_between(self, start: int, end: int) -> str:
        """How the clause between `start` and `end` writes its own period (“10月当月”, “当月”); "" if it names none."""
        named = [t for t in self.tokens if t.kind in ("period", "this_month") and start <= t.start < end]
        return self.sentence[named[-1].start:named[-1].end] if named else ""
