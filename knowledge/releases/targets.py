"""Targets are not actual figures: a sentence of a 政府工作报告 or a plan that states what is to be
reached (“主要预期目标是：规上工业总产值增长5%左右”, “力争突破5万亿元”, “确保…达到”, “计划…”) has its
figures unplaced from the target word's clause on (to a clause of what is done: “，目前已新增2136个”, “，1—10月已完成41234.5亿元”, which keeps the target's
indicator), and so has every sentence under a heading that names targets or the work ahead (“二、主要预期
目标”, “二、2027年工作安排”, “下一步工作打算”), until a heading that does not, and every sentence of a
paragraph from one that opens with the work ahead (“下一步，…”, “明年，…”, “今年工作的总体要求是…”).
A figure measured against a target (完成年度目标的85.3%, 好于预期, 计划总投资) is no target.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from knowledge.releases.columns import NOT_ACTUAL_TARGET
from knowledge.releases.fragments import Marks, shown_fragment
from knowledge.releases.results import Unplaced
from knowledge.releases.tokens import Token

# 任务 with its figure (年度工业投资任务2500亿元, 任务数), not 主要任务 of a plan's prose
_TARGET_WORD = re.compile(r"(?:主要)?预期目标|目标|预期|力争|争取|计划|确保|奋斗|任务(?=[为是:：]?\d|数)")
# a heading of the work ahead (its sentences state plans), unless it reviews what was done
_AHEAD_HEADING = re.compile(r"工作安排|工作打算|工作思路|工作任务|主要任务|重点任务|重点工作|下一步|下阶段|下一阶段"
                            r"|今后|明年|今年(?:的)?(?:主要)?工作|\d{4}年(?:的)?(?:主要|重点)?(?:工作|任务)(?![安打思任])")
_REVIEWED = re.compile(r"回顾|总结|情况|成效|进展|完成|成绩|以来")
# a sentence opening with the work ahead: it and the rest of its paragraph state plans
_AHEAD_OPENING = re.compile(r"下一步|下阶段|下一阶段|明年|今后|接下来|(?:做好|抓好)?今年(?:的)?(?:主要)?工作")
# in a 政府工作报告, given at the year's start, 今年 opens the year's plans (“今年，苏州将…”)
_REPORT_AHEAD_OPENING = re.compile(r"今年(?!以来)")
# the words before a target word in its clause that make it the measure of a figure, not a target
# (按年度目标 measures; 按照“力争…”的要求 quotes a target)
_MEASURED_AGAINST = re.compile(
    r"(?:完成|实现|列入|纳入|超过?|高于|低于|好于|快于|慢于|不及|符合|占|比|较|领先|落后|按(?!照?[“\"]))[^，；：,;:]{0,8}$")
# after it: a share of the target (目标的85.3%, 目标完成率), a project's size (计划总投资), a city's rank (计划单列)
_NOT_A_TARGET_AFTER = re.compile(r"(?:任务|进度)?的\s*\d|(?:任务)?完成(?:率|进度|情况)|总投资|单列")
# a clause that opens with what is done so far (perhaps after its period: 1—10月已完成) ends a target's hold
# or with its period and 完成/实现 (“全年目标任务为5万亿元，1—10月完成41234.5亿元”)
_DONE = re.compile(r"[，；,;](?:(?:[^，；,;。]{0,10}?(?:月份?|季度|月底|月末|年底|以来))?\s*"
                   r"(?:目前|当前|现已|已经|已|截至|截止|实际|累计)"
                   r"|(?!到)[^，；,;。]{0,10}?(?:月份?|季度|月底|月末|以来)\s*(?:完成|实现))")
# the words of the target's clause that say for when, not what (工业投资总额全年计划 → 工业投资总额)
_WHEN_WORDS = re.compile(r"(?:全年|年度|今年|本年|年内|的)+$|^(?:全年|年度|今年|本年|年内)+")
_CLAUSE_MARKS = "，；：,;:"


def target_span(sentence: str, tokens: list[Token]) -> tuple[int, int, str] | None:
    """Where the figures of `sentence` (its `tokens`) that are targets begin (the start of the clause of
    its first target word) and end (before a clause of what is done, else the sentence's end), and that
    word; None if it states no target. The target word's clause holds a figure (力争突破5万亿元) or
    introduces the figures after it (“主要预期目标是：”); “目标任务顺利推进，…” states none."""
    clause_starts, clause_ends = Marks(sentence, _CLAUSE_MARKS), Marks(sentence, _CLAUSE_MARKS + "。")
    figures = [t.start for t in tokens if t.kind in ("value", "growth")]  # in text order, looked up by bisection
    for found in _TARGET_WORD.finditer(sentence):
        clause_start, clause_end = clause_starts.start_before(found.start()), clause_ends.end_from(found.end())
        # the words just before it (a slice of the whole clause made a long sentence quadratic)
        if _MEASURED_AGAINST.search(sentence[max(clause_start, found.start() - 12):found.start()]):
            continue
        if _NOT_A_TARGET_AFTER.match(sentence, found.end()):
            continue
        first = bisect_left(figures, clause_start)
        holds_figure = first < len(figures) and figures[first] < clause_end
        introduces = sentence[clause_end:clause_end + 1] in ("：", ":")  # “主要预期目标是：”
        if not holds_figure and not introduces:
            continue
        done = _DONE.search(sentence, found.end())
        return clause_start, done.start() + 1 if done else len(sentence), found.group()
    return None


def target_unplaced(sentence: str, tokens: list[Token], start: int, end: int, word: str) -> list[Unplaced]:
    """The value and growth clauses of sentence[start:end], each once, unplaced as targets."""
    starts, ends = Marks(sentence, _CLAUSE_MARKS + "、"), Marks(sentence, "，；。、,;")
    listed: list[Unplaced] = []
    seen: set[int] = set()
    for token in tokens:
        if token.kind not in ("value", "growth") or not start <= token.start < end:
            continue
        clause = starts.start_before(token.start)
        if clause not in seen:
            seen.add(clause)
            fragment = shown_fragment(sentence, clause, ends.end_from(token.end), token.start, token.end)
            listed.append(Unplaced(sentence, fragment, f"“{word}”：{NOT_ACTUAL_TARGET}"))
    return listed


def without_target(sentence: str, start: int, end: int) -> str:
    """`sentence` without its targets sentence[start:end] (as target_span gives them). When a clause of what
    is done follows, the words that name the target's indicator (before its target word) stay before it, so
    that clause is that indicator's: “工业投资总额全年计划2500亿元，截至10月底完成1888.8亿元” →
    “工业投资总额，截至10月底完成1888.8亿元” (and “年度工业投资任务…” → “工业投资，…”)."""
    if end >= len(sentence):
        return sentence[:start]
    word = _TARGET_WORD.search(sentence, start, end)
    head = _WHEN_WORDS.sub("", sentence[start:word.start()]) if word else ""
    kept = head + "，" if re.fullmatch(r"[\u4e00-\u9fff]{2,}", head) else ""
    return sentence[:start] + kept + sentence[end:]


class TargetSection:
    """Whether the sentences being read state targets: under a heading that names targets or the work ahead
    (主要预期目标, 二、2027年工作安排), set by each heading (a line of no figure that does not end a
    sentence) and kept by prose; or in a paragraph from a sentence that opens with the work ahead
    (下一步，…; in a 政府工作报告 when `report`, also 今年，…), set by `sentence` and ended by `paragraph`."""

    def __init__(self, report: bool = False):
        self.word: str | None = None
        self.ahead: str | None = None
        self.report = report

    def heading(self, sentence: str) -> None:
        if sentence.endswith(("。", "！", "？")):
            return
        found = _TARGET_WORD.search(sentence)
        measured = found and _MEASURED_AGAINST.search(sentence[:found.start()])
        ahead = None if _REVIEWED.search(sentence) else _AHEAD_HEADING.search(sentence)
        self.word = found.group() if found and not measured else ahead.group() if ahead else None

    def paragraph(self) -> None:
        """A new paragraph: what the last one said of the work ahead ends."""
        self.ahead = None

    def sentence(self, sentence: str) -> None:
        """A sentence opening with the work ahead (下一步，…) makes it and the rest of its paragraph plans."""
        if found := _AHEAD_OPENING.match(sentence) or (self.report and _REPORT_AHEAD_OPENING.match(sentence)):
            self.ahead = found.group()

    def span(self, sentence: str, tokens: list[Token]) -> tuple[int, int, str] | None:
        """Where the sentence's targets lie: all of it under a target heading or after an opening of the
        work ahead, else as target_span."""
        word = self.word or self.ahead
        return (0, len(sentence), word) if word else target_span(sentence, tokens)
