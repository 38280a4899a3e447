"""Targets are not actual figures: a sentence of a 政府工作报告 or a plan that states what is to be
reached (“主要预期目标是：规上工业总产值增长5%左右”, “力争突破5万亿元”, “确保…达到”, “计划…”) has its
figures unplaced from the target word's clause on (to a clause of what is done: “，目前已新增2136个”),
and so has every sentence under a heading that names
targets (“二、主要预期目标”), until a heading that does not. A figure measured against a target
(完成年度目标的85.3%, 好于预期, 计划总投资) is no target.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from knowledge.releases.columns import NOT_ACTUAL_TARGET
from knowledge.releases.fragments import Marks, shown_fragment
from knowledge.releases.results import Unplaced
from knowledge.releases.tokens import Token

_TARGET_WORD = re.compile(r"(?:主要)?预期目标|目标|预期|力争|争取|计划|确保|奋斗")
# the words before a target word in its clause that make it the measure of a figure, not a target
_MEASURED_AGAINST = re.compile(
    r"(?:完成|实现|列入|纳入|超过?|高于|低于|好于|快于|慢于|不及|符合|占|比|较|领先|落后|按)[^，；：,;:]{0,8}$")
# after it: a share of the target (目标的85.3%, 目标完成率), a project's size (计划总投资), a city's rank (计划单列)
_NOT_A_TARGET_AFTER = re.compile(r"(?:任务|进度)?的\s*\d|(?:任务)?完成(?:率|进度|情况)|总投资|单列")
# a clause that opens with what is done so far ends a target's hold
_DONE = re.compile(r"[，；,;](?:目前|当前|现已|已经|已|截至|实际)")
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


class TargetSection:
    """Whether the sentences being read lie under a heading that names targets (主要预期目标, 今年的主要
    目标): set by each heading (a line of no figure that does not end a sentence), kept by prose."""

    def __init__(self):
        self.word: str | None = None

    def heading(self, sentence: str) -> None:
        if sentence.endswith(("。", "！", "？")):
            return
        found = _TARGET_WORD.search(sentence)
        measured = found and _MEASURED_AGAINST.search(sentence[:found.start()])
        self.word = found.group() if found and not measured else None

    def span(self, sentence: str, tokens: list[Token]) -> tuple[int, int, str] | None:
        """Where the sentence's targets lie: all of it under a target heading, else as target_span."""
        return (0, len(sentence), self.word) if self.word else target_span(sentence, tokens)
