"""Several figures checked in one message: "高企500家 小巨人180家 对吗", "瞪羚1000家、独角兽300家，对不对",
"工业投资2000亿，用地1.8万亩，对吗". Each figure is paired with the words of its own clause (the indicator named
nearest to it), so that each is judged against its own indicator (knowledge/verdicts.py) and never against
another's figure. A choice ("是2500亿还是3000亿") is one check with alternatives (knowledge/checks.py).
"""

from __future__ import annotations

import re

from knowledge.checks import RELATION_BEFORE, SAME, Check, CHECK_TAIL
from knowledge.question_words import FIGURE
from knowledge.slots import BREAK, _figure

# Words between the figures and the yes/no word that point back at them (这三个数, 都).
_BACK = r"(?:这(?:[0-9两几]个|些|几个)?数(?:字|据)?|都|是|是不是)*"
# 哪个不对 asks the same of several figures: which of them is wrong
_END = re.compile(r"/?" + _BACK + r"(?:" + CHECK_TAIL + r"|哪(?:一?个|项|条)(?:不对|错了|有误))$")
_RELATION = re.compile(r"(?:" + "|".join(sorted(RELATION_BEFORE, key=len, reverse=True)) + r")$")
# What is left of a clause once its figure is out that names no indicator (是, 的, 新增 stay for matching).
_EMPTY = re.compile(r"^[/的是为]*$")
# A short bare number ending its clause after a name (冠军10 beside 高企500): a figure only among others.
_SHORT = re.compile(r"(?<=[^\W0-9.a-z第前])[0-9]{1,2}(?=/|$)")
# "帮忙核一下/一个是突破440万人/一个是2万亩": a request to check, then the figures alone, one a clause, in the
# order the things were named before them; each Check's words are then empty (knowledge/verdicts.py pairs them
# with the indicators in order).
_ASKED_TO_CHECK = re.compile(r"核一下|核对|核实|确认一下|对一下|看下对不对|看看对不对")
# The request and the question of which is wrong, said to the bot about the figures: explained once they are read.
_ABOUT_CHECKING = re.compile(r"(?:请|麻烦)?(?:你|帮我|帮忙)*(?:" + _ASKED_TO_CHECK.pattern + r")(?:一下)?|/?哪(?:一?个|项|条)(?:不对|错了|有误)$")
_LISTED = re.compile(r"(?:^|/|和|(?<=[0-9%亿万元家个亩人])、)(?:第[一二三四五]个|另一个|一个|一|二|三|分别)?(?:是|为)?(?P<bound>"
                     + "|".join(sorted(RELATION_BEFORE, key=len, reverse=True)) + r")?(?P<figure>" + FIGURE.pattern
                     + r")(?=/|$|和|、)")


def read_paired_checks(text: str, found: dict | None = None) -> tuple[tuple[Check, ...], str]:
    """(the figures checked, each with the words of its clause in `words`, in order; the text unchanged).

    "高企500家/小巨人180家/对吗" → (Check("500家", words="高企"), Check("180家", words="小巨人")). Empty when the
    message quotes fewer than two figures or ends with no yes/no word, or when the figures are a choice
    (还是) or cannot be told apart (two figures in a clause, no words beside a figure).
    """
    end = _END.search(text)
    if end is None:
        listed = _listed_after_request(text)
        return listed, _ABOUT_CHECKING.sub("", text) if listed else text
    body = text[:end.start()]
    spans = [m for m in FIGURE.finditer(body) if _figure(m) is not None and not re.match(r"[年月日号]", body[m.end():])]
    if spans:
        spans = sorted([*spans, *_SHORT.finditer(body)], key=lambda m: m.start())
    if len(spans) < 2 or any("还是" in body[a.end():b.start()] for a, b in zip(spans, spans[1:])):
        return (), text
    words = _clause_words(body, spans)
    if words is None:
        return (), text
    checks = []
    for match, clause in zip(spans, words):
        before = _RELATION.search(body[:match.start()])
        qualifier = before.group() if before else ""
        checks.append(Check(match.group(), RELATION_BEFORE.get(qualifier, SAME), qualifier, words=clause))
    return tuple(checks), _ABOUT_CHECKING.sub("", text)


def _clause_words(body: str, spans: list[re.Match]) -> list[str] | None:
    """The words naming what each figure is of: its clause without it when every clause holds one figure,
    else the words before each figure ("高企500家小巨人180家") or, when the first has none, after it
    ("500家高企180家小巨人"); None when a figure is left with no words."""
    bounds = [0, *[i for i, c in enumerate(body) if c == BREAK], len(body)]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:])]
    own = [[s for s in spans if a <= s.start() < b] for a, b in clauses]
    if all(len(o) <= 1 for o in own):
        words = [body[a:b][: s[0].start() - a] + body[a:b][s[0].end() - a:] for (a, b), s in zip(clauses, own) if s]
    else:
        cuts = [0, *[p for s in spans for p in (s.start(), s.end())], len(body)]
        pieces = [body[a:b] for a, b in zip(cuts[::2], cuts[1::2])]  # before the 1st, between, after the last
        words = pieces[:-1] if not _EMPTY.match(pieces[0]) else pieces[1:]
    words = [_RELATION.sub("", w.strip(BREAK)).strip(BREAK) for w in words]
    return None if any(_EMPTY.match(w) for w in words) else words


def _listed_after_request(text: str) -> tuple[Check, ...]:
    """The figures listed alone after a request to check them ("…帮忙核一下/一个是突破440万人/一个是2万亩"),
    each a Check with no words, in order; () unless there are two or more and the request comes first."""
    request = _ASKED_TO_CHECK.search(text)
    if request is None:
        return ()
    listed = [m for m in _LISTED.finditer(text, request.end()) if _figure(_inner(m)) is not None]
    if len(listed) < 2:
        return ()
    return tuple(Check(m["figure"], RELATION_BEFORE.get(m["bound"] or "", SAME), m["bound"] or "") for m in listed)


def _inner(match: re.Match) -> re.Match:
    """The FIGURE match of a listed figure (its groups are what knowledge.slots._figure reads)."""
    return FIGURE.fullmatch(match["figure"])
