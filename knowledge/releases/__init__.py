"""Reading a statistics office's monthly release ("2026年1—10月全市经济运行情况") into figures.

`read_release(text, store, today)` finds every figure that belongs to an indicator of the
knowledge base and lists every other sentence with numbers as unplaced — never guessed. It is a
small grammar, not a fit to one text:

    text      := line*                        a line without a figure is a heading (its period counts)
    sentence  := clause (SEP clause)*         ends at 。！？ or a line end; SEP is ，；：、（）
    clause    := [PERIOD] [PLACE] subject (VALUE | GROWTH | SHARE-CHANGE)*
    VALUE     := [超|突破|近|约] number [万亿|亿|万] unit [以上|左右]     1986.2亿元, 53.8%, 1.52万亩
    GROWTH    := [同比|比上年同期…] (增长|下降…) number (% | 个百分点)   → yoy / change_points
    PERIOD    := 1—10月 | 1至10月 | 前8个月 | 10月末 | 截至10月 | 10月份 | 一季度 | 1~3季度 | 上半年 | 前三季度
               | 2026年 | 年末 | 2025年底 | 当月 (the month of the period in force, for its clause)

A subject (the words before a value) is matched to an indicator by the longest name or alias it ends
with; whatever stands before that name must be words that change nothing (全市, 其中, 今年, 完成…),
a place, a scope word, an increment word, or part of the indicator's own full name. Then:
  - scope: 规上/规模以上 in the text must equal the indicator's own scope (规上工业增加值 ≠ 工业增加值);
  - increment: 新增/新供/比年初增加 must match an indicator counted as a yearly addition (新增…) and
    be absent for a stock (瞪羚企业); a mismatch is unplaced;
  - unit: the value's unit must measure what the indicator measures (亿元 for 元, % for a share);
  - a value followed by more name (1000万元以上项目, 5000万元的项目) is part of a name, not a value;
  - a clause without a subject (“，同比增长5.1%”) belongs to the figure before it in the sentence;
    “占…的比重为53.8%” (or “占全市…产值总量的36.7%”) takes the previous subject as the numerator of a share;
  - “A、B产值分别为X、Y”: A、B each with the measure after B; a later “，分别增长x%、y%” has the same A、B;
    each value of a 分别 list keeps its own verb and sign (respective.py); N values and M names: none placed;
  - city: the place the sentence names before the figure (not in a comparison: 比无锡, 高于全省), else
    the document's own (全市/我市/本市): its heading, 落款 or 来源, else 苏州. Another city's release
    records nothing for 苏州, and its own figures only when the knowledge base holds that city; part
    of the city (市区, 市本级, 区县合计, 县级市) or the province is unplaced, with the reason;
  - period: from the sentence, else the latest heading; none → unplaced; a year not written is taken
    from the release's date line, else from `today` (dates.py). A compared period (上年同期, 去年1—10月,
    2025年同期) gives no figure: unplaced; 去年 alone (a 政府工作报告's review) is last year. A growth
    rate whose clause names a single month (10月当月增长6.8%) is that month's, beside the month's level,
    else unplaced;
  - status: 预计 before a value, or a note “（预计数，下同）”, makes the figure a forecast (预计数).
Values and units are kept as published (1986.2, "亿元"); yoy is a growth rate in percent (−1.2 for
下降1.2%); change_points a change in 百分点 of a share (0.9 for 提高0.9个百分点).

The package, one module a step:
    results.py     ReleaseFigure, Unplaced, ReleaseReading, ReleaseError
    sentences.py   text → sentences (normalised characters, notes dropped, 分别 written out)
    respective.py  a 分别 list's items each with its own verb and sign; 沪苏两地 as a list of places
    number_forms.py numbers as pasted (四万一千亿元, 百分之五点二, 41 234.5, a zero-width space, a page-number line)
    periods.py     the PERIOD pattern and ReadPeriod
    dates.py       the release's own date, and the year of a period written without one
    targets.py     sentences that state targets (主要预期目标, 力争, 计划): unplaced, not actual figures
    tokens.py      the figure grammar: values, growth rates and periods in a sentence
    origin.py      whose release it is (heading, 落款, 来源) and whose each figure is (全市, 市区, 常州…)
    city_names.py  a city's nicknames and papers (锡城, 江南晚报 → 无锡), data
    clauses.py     what a clause says besides its value: a compared period, a single month, 预计
    words.py       the word lists of a subject (data, including BROAD_ALIASES)
    vocabulary.py  the indicators' names and aliases in canonical form (canon, Vocabulary)
    subjects.py    the words before a value read as one indicator, or as none with the reason
    columns.py     a table's header read: what each column holds (a period, a place, a growth rate, or why not)
    tables.py      a table's rows written as the sentences their figures stand for, by the header
    reading.py     read_release
    files.py       read_release_file: a .txt or .docx (its tables as table lines) to text
    plan.py        plan_release (the preview), apply_release (one audited write), preview_release (read, then plan)
"""

from knowledge.releases.periods import ReadPeriod
from knowledge.releases.plan import (
    NEW,
    NOT_WRITTEN,
    PREVIEW_LISTED,
    RESTATED,
    STATE_WORDS,
    UNCHANGED,
    YOY_ADDED,
    PlannedFigure,
    ReleasePlan,
    apply_release,
    plan_release,
    preview_release,
)
from knowledge.releases.files import read_release_file
from knowledge.releases.reading import NO_PERIOD, read_release
from knowledge.releases.results import MAX_RELEASE_CHARS, ReleaseError, ReleaseFigure, ReleaseReading, Unplaced
from knowledge.releases.sentences import normalize_text
from knowledge.releases.vocabulary import Vocabulary, canon
from knowledge.releases.words import BROAD_ALIASES

__all__ = [
    "BROAD_ALIASES", "MAX_RELEASE_CHARS", "NEW", "NOT_WRITTEN", "NO_PERIOD", "PREVIEW_LISTED", "RESTATED", "STATE_WORDS", "UNCHANGED",
    "YOY_ADDED", "PlannedFigure", "ReadPeriod", "ReleaseError", "ReleaseFigure", "ReleasePlan", "ReleaseReading",
    "Unplaced", "Vocabulary", "apply_release", "canon", "normalize_text", "plan_release", "preview_release",
    "read_release", "read_release_file",
]
