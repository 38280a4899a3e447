"""A correction (更正说明) and a restatement inside a release: the figure a correction retracts is never
read, the one it gives instead is.

“‘全市规上工业总产值41234.5亿元’应为‘全市规上工业总产值41324.5亿元’” retracts 41234.5: the sentence is
read as “全市规上工业总产值41324.5亿元”, and the retracted figure is listed as unplaced. So for 更正为, 修正为,
订正为 and “…有误，应为…”; a figure only said to be wrong (“41234.5亿元”有误) is listed and not read.
“1—9月规上工业总产值修订为37100.1亿元”, naming no earlier figure, restates that period's figure: read as
“…为37100.1亿元”. “A”系“B”之误 (A为B之误) says B is right, as “A”应为“B” does; so does 应改为 before a quoted
value (同比增长“4.8%”应改为“4.6%”). A bare 改为 and 调整为 are left alone: they also say what a rule or a
plan became.
"""

from __future__ import annotations

import re

from knowledge.releases.fragments import Marks

RETRACTED = "这是被更正的原数，不录入"
_VERB = re.compile(r"(?:(?:有误|错误|不准确)[，,]?)?(?:应为|应是|应该是|更正为|修正为|订正为|修订为|应(?:修)?改为(?=[“‘]))[:：]?")
# “A”系“B”之误 (A为B之误): B is right — read as “A”应为“B”
_MISTAKE_FOR = re.compile(r"(?:系|为|是)(“[^”]*”|‘[^’]*’|[^，；。“‘]*?)之误")
_ONLY_WRONG = re.compile(r"(?:数据|数字)?(?:有误|错误|不准确)")
_BOUNDARY = "，；：。！？,;:"
_QUOTES = {"”": "“", "’": "‘"}
# a figure written with its unit: the number a correction replaces (1—9月 is a period, not a figure)
# tried only from a run's first digit (linear on a long run of digits)
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:(?:万亿|亿|万)?(?:元|%|％|个百分点|百分点|家|户|个|项|人|亩|PFLOPS)|万亿|亿|万)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class _Parts:
    """Where the part before or after a correction word begins and ends, its quotes and clause marks found
    once a sentence (looked up by bisection: linear however many correction words it holds)."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self.marks, self.opening, self.closing = Marks(sentence, _BOUNDARY), Marks(sentence, "“‘"), Marks(sentence, "”’")

    def before(self, end: int, floor: int) -> int:
        """Where the part ending at `end` begins, not before `floor`: its opening quote, else its clause's start."""
        if end > floor and self.sentence[end - 1] in _QUOTES:
            opening = self.opening.start_before(end - 1) - 1
            if opening >= floor and self.sentence[opening] == _QUOTES[self.sentence[end - 1]]:
                return opening
        return max(self.marks.start_before(end), floor)

    def after(self, start: int) -> int:
        """Where the part beginning at `start` ends: after its closing quote, else at its clause's end."""
        if self.sentence[start:start + 1] in ("“", "‘"):
            closing = self.closing.end_from(start + 1)
            if closing < len(self.sentence):
                return closing + 1
        return self.marks.end_from(start)


def _unquoted(part: str) -> str:
    return part[1:-1] if part[:1] in "“‘" and part[-1:] in "”’" else part


def _rewritten(old: str, new: str) -> str:
    """What a correction of `old` to `new` (both unquoted) says: `new` when it names its subject, else
    `old`'s words with `new`'s figure; for an `old` naming no figure, “`old`为`new`”."""
    figures = list(_FIGURE.finditer(old))
    if not figures:  # 1—9月规上工业总产值修订为37100.1亿元: a restatement, no earlier figure named
        return f"{old}为{new}"
    digit = re.search(r"\d", new)
    if (digit and _CJK.search(new, 0, digit.start())) or not _FIGURE.match(new.strip()):
        return new  # “…41234.5亿元”应为“全市规上工业总产值41324.5亿元”: the new one says it all
    last = figures[-1]  # 规上工业总产值41234.5亿元应为41324.5亿元: the old words with the new figure
    return old[:last.start()] + new + old[last.end():]


def corrected(sentence: str, unplaced: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """`sentence` with each correction written as the figure to read, and `unplaced` (clause, reason)
    pairs with the retracted figures added; a sentence with no correction is returned as it is."""
    unplaced = list(unplaced)
    sentence = _MISTAKE_FOR.sub(r"应为\1", sentence)
    if _VERB.search(sentence):
        parts, pieces, cursor = _Parts(sentence), [], 0
        for verb in _VERB.finditer(sentence):
            if verb.start() < cursor:
                continue
            start = parts.before(verb.start(), cursor)
            if start == verb.start() and start - 1 > cursor and sentence[start - 1] in "，,":
                start = parts.before(start - 1, cursor)  # 39876.5亿元，修正为39867.5亿元: the clause before
            end = parts.after(verb.end())
            old, new = sentence[start:verb.start()].rstrip("，,"), sentence[verb.end():end]
            if _FIGURE.search(old):
                unplaced.append((old, RETRACTED))
            pieces += [sentence[cursor:start], _rewritten(_unquoted(old), _unquoted(new))]
            cursor = end
        sentence = "".join(pieces) + sentence[cursor:]
    if _ONLY_WRONG.search(sentence):  # “41234.5亿元”有误: not read, nothing read instead
        parts, pieces, cursor = _Parts(sentence), [], 0
        for wrong in _ONLY_WRONG.finditer(sentence):
            start = parts.before(wrong.start(), cursor)
            if _FIGURE.search(sentence, start, wrong.start()):
                unplaced.append((sentence[start:wrong.end()], RETRACTED))
                pieces.append(sentence[cursor:start])
                cursor = wrong.end()
        sentence = "".join(pieces) + sentence[cursor:]
    return sentence, unplaced
