"""What a figure takes from the words before its own clause: an indicator named in a clause that holds
no figure (“工业投资发挥引领作用，完成1708.1亿元”), and a yearly average (年均…) that is no one period's,
while its subject still carries to the figures after it (“年均增长8.1%，2025年突破2250亿元”). A span of
years (“十四五”时期, 五年来) is a token (periods.YEARS_SPAN), held like a compared period (clauses.PeriodInForce). The period a sentence names carries to the next sentences of its
paragraph (clauses.PeriodInForce.carried, reading.read_release), and the year a paragraph opens with is
the year of the periods it writes without one (“2026年，全市新增…。全年完成工业投资…”: 2026年全年).
"""

from __future__ import annotations

import bisect
import re

from knowledge.releases.periods import ReadPeriod
from knowledge.releases.subjects import Subject, SubjectReader
from knowledge.releases.tokens import Token
from knowledge.releases.vocabulary import canon


_SEPARATORS = "，；：,;:"
# a clause longer than this is prose, not “<indicator> <predicate>”
_LEAD_CHARS = 30
# a growth or value per year of a span: 年均增长8.1%, 年平均增长
_AVERAGE = re.compile(r"(?:(?:[两三四五六七八九十]|\d{1,2})?年(?:均|平均)|平均每年)$")  # 两年平均增长4.4%
# a clause beginning with the name of a group or a measure the knowledge base does not hold (电子行业…)
_OTHER_THING = re.compile(r"(?:其中|全市|我市)?(?P<name>[\u4e00-\u9fff“”]{0,12}?"
                          r"(?:行业|产业|制造业|企业|集群|领域|板块|项目|投资|产值|增加值|收入|贷款)+)")
# a clause that only ranks the figure named before it (仅次于深圳, 居全省第一), between that name and the figure
_RANK_ASIDE = re.compile(r"(?:仅次于|次于|紧随)[\u4e00-\u9fff]{1,8}"
                         r"|(?:位列|位居|居|排名|名列|排在)[\u4e00-\u9fff]{0,8}第[一二三四五六七八九十\d]+(?:位|名)?")
SPAN_REASON = "多年的年均或合计数，不是一个期间的数据"
# a paragraph opening with a year (2026年，… / 2026年1—10月，…), not a span of years (2021—2025年, 2021年以来)
_OPENING_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)年(?!以来|来)")


def carried_period(period: ReadPeriod | None, introduces: bool = False) -> ReadPeriod | None:
    """The period a sentence passes on to the next ones of its paragraph: the one it named, but not 今年
    alone, which means the heading's months (so the heading keeps them), nor a single month or quarter
    of a sentence with figures (其中10月份…, 12月份，…, 三季度…, 8月、9月、10月分别…): a release singles a
    month out for that sentence only, and goes back to the paragraph's period (1—10月, 前三季度, 全年)
    after it. A sentence without figures that `introduces` the next ones (“10月份，全市经济稳中有进。”)
    passes on its month."""
    if period is None or period.kind == "so_far" or (_single(period) and not introduces):
        return None
    return period


def _single(period: ReadPeriod) -> bool:
    """True for one month (10月份) or one quarter (三季度, 7—9月), not 下半年 nor a total from January."""
    return period.kind == "month" or (period.kind == "quarter" and period.last_month - period.first_month == 2)


def opening_year(paragraph: str) -> int | None:
    """The year `paragraph` opens with (“2026年，全市…” → 2026), which its periods written without a year
    take (全年, 1—10月); None when it opens with none."""
    found = _OPENING_YEAR.match(paragraph)
    return int(found.group("year")) if found else None


def lead_subject(sentence: str, boundary: int, clause_start: int, tokens: list[Token],
                 subjects: SubjectReader) -> Subject | None:
    """The subject named by the clause just before a figure's own clause when that clause holds no token
    (no value, growth or period) and begins with exactly one indicator name, followed by its predicate:
    “工业投资发挥引领作用，完成1708.1亿元” → 工业投资. `boundary` is where the words after the last
    figure begin, `clause_start` where the figure's clause begins. A clause naming two indicators, or
    beginning with the name of something else (“电子行业表现突出，增长6.8%”), gives a subject without an
    entry, with the reason: the figure after it is not the earlier subject's either. None when there is
    no such clause, or it names nothing (“较上半年有所回升”)."""
    end = clause_start - 1
    if end <= boundary or sentence[end] not in _SEPARATORS:
        return None
    start = max(sentence.rfind(s, boundary, end) for s in _SEPARATORS) + 1
    while _RANK_ASIDE.fullmatch(sentence, start, end) and start - 1 > boundary:  # …位列全国第二，仅次于深圳，达…
        end = start - 1
        start = max(sentence.rfind(s, boundary, end) for s in _SEPARATORS) + 1
    if (start == 0 and boundary > 0) or end - start > _LEAD_CHARS:
        return None  # the clause is the last figure's own (“1708.1亿元，增长6.4%”) or prose
    first = bisect.bisect_left(tokens, start, key=lambda t: t.start)
    # a number inside a name (连续12个月保持两位数增长) is no figure of the clause
    while first < len(tokens) and tokens[first].start < end:
        if tokens[first].kind != "name_number":
            return None
        first += 1
    clause = sentence[start:end]
    vocabulary = subjects.vocabulary
    for length in range(len(clause), 1, -1):
        if vocabulary.suffix(canon(clause[:length])) is None:
            continue
        subject = subjects.read(clause[:length], None, listed=False)
        if subject.entry is None and subject.reason == "知识库里没有这个指标":
            continue  # its words before the name say it is something else (高技术制造业投资)
        if _names_any(vocabulary, canon(clause[length:])):
            return Subject(clause, None, "前一分句写了不止一个指标，不能确定这个数属于哪一个")
        return subject
    other = _OTHER_THING.match(clause)
    if other is None:
        return None
    return Subject(other.group("name"), None, f"这个数属于“{other.group('name')}”，知识库里没有这个指标")


def _names_any(vocabulary, text: str) -> bool:
    """True when `text` holds any indicator name of `vocabulary`."""
    return any(text[i:i + n] in vocabulary.forms for i in range(len(text))
               for n in range(2, min(vocabulary.longest, len(text) - i) + 1))


def yearly_average(raw: str) -> bool:
    """True when the figure after `raw`, its subject's words, is a yearly average (年均增长8.1%)."""
    return bool(_AVERAGE.search(raw))


def without_average(raw: str) -> str:
    """A subject's words without the 年均 they end with (全市工业投资年均 → 全市工业投资), so that the
    subject carries to the figures after the average."""
    return _AVERAGE.sub("", raw)
