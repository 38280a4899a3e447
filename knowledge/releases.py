"""Reading a statistics office's monthly release ("2026年1—10月全市经济运行情况") into figures.

`read_release(text, store, default_year)` finds every figure that belongs to an indicator of the
knowledge base and lists every other sentence with numbers as unplaced — never guessed. It is a
small grammar, not a fit to one text:

    text      := line*                        a line without a figure is a heading (its period counts)
    sentence  := clause (SEP clause)*         ends at 。！？ or a line end; SEP is ，；：、（）
    clause    := [PERIOD] [PLACE] subject (VALUE | GROWTH | SHARE-CHANGE)*
    VALUE     := [超|突破|近|约] number [万亿|亿|万] unit [以上|左右]     1986.2亿元, 53.8%, 1.52万亩
    GROWTH    := [同比|比上年同期…] (增长|下降…) number (% | 个百分点)   → yoy / change_points
    PERIOD    := 1—10月 | 1至10月 | 前8个月 | 10月末 | 截至10月 | 10月份 | 一季度 | 上半年 | 前三季度 | 2026年

A subject (the words before a value) is matched to an indicator by the longest name or alias it ends
with; whatever stands before that name must be words that change nothing (全市, 其中, 今年, 完成…),
a place, a scope word, an increment word, or part of the indicator's own full name. Then:
  - scope: 规上/规模以上 in the text must equal the indicator's own scope (规上工业增加值 ≠ 工业增加值);
  - increment: 新增/新供/比年初增加 must match an indicator counted as a yearly addition (新增…) and
    be absent for a stock (瞪羚企业); a mismatch is unplaced;
  - unit: the value's unit must measure what the indicator measures (亿元 for 元, % for a share);
  - a value followed by more name (1000万元以上项目, 5000万元的项目) is part of a name, not a value;
  - a clause without a subject (“，同比增长5.1%”) belongs to the figure before it in the sentence;
    “占…的比重为53.8%” takes the previous subject as the numerator of a share;
  - city: 苏州 unless the sentence names another place (not in a comparison: 比无锡, 高于全省);
  - period: from the sentence, else the latest heading; none → unplaced.
Values and units are kept as published (1986.2, "亿元"); yoy is a growth rate in percent (−1.2 for
下降1.2%); change_points a change in 百分点 of a share (0.9 for 提高0.9个百分点).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from knowledge.edits import PlannedEdit, apply_edit
from knowledge.errors import KnowledgeError
from knowledge.models import Indicator
from knowledge.periods import Period, PeriodError, span
from knowledge.places import DEFAULT_CITY, PLACES
from knowledge.quantities import compatible, parse_chinese_number, parse_quantity, to_base
from knowledge.questions import to_simplified
from knowledge.store import Store, restated_status

MAX_RELEASE_CHARS = 100_000
NO_PERIOD = "没有期间：句中和标题里都没有写明（可在第一行加上标题，如“2026年1—10月全市经济运行情况”）"


class ReleaseError(KnowledgeError):
    """A release that cannot be read at all (empty, too long, not text), with a Chinese reason."""


# -- the result ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReleaseFigure:
    """One figure of a release: value and unit as published, yoy in percent, change in 百分点."""

    indicator_id: str
    indicator_name: str
    city: str
    period: str  # the normal form, e.g. "2026年1-10月"
    year: int
    value: Decimal | None  # None when the release gives only a growth rate
    unit: str  # as published: "亿元", "%", "万亩", "家"; "" with no value
    qualifier: str  # "突破…", "约…", "…以上" or ""
    yoy: float | None  # 同比, percent: 7.5 for 增长7.5%, −1.2 for 下降1.2%
    change_points: float | None  # 百分点: 0.9 for 提高0.9个百分点
    sentence: str
    period_from: str  # "sentence" or "heading": where the period was read

    @property
    def published(self) -> str:
        """The figure as the release wrote it: '1986.2亿元', '53.8%', '' for a growth rate alone."""
        if self.value is None:
            return ""
        core = format(self.value.normalize(), "f") + self.unit
        return self.qualifier.replace("…", core) if "…" in self.qualifier else self.qualifier + core

    def as_dict(self) -> dict:
        """The --json shape: {"indicator_id", "city", "period", "value", "unit", "yoy", "change_points", "sentence"}."""
        return {"indicator_id": self.indicator_id, "city": self.city, "period": self.period,
                "value": _json_number(self.value), "unit": self.unit,
                "yoy": self.yoy, "change_points": self.change_points, "sentence": self.sentence}


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Unplaced:
    """A sentence with numbers the reader could not give to an indicator, and why."""

    sentence: str
    fragment: str  # the clause with the number
    reason: str

    def as_dict(self) -> dict:
        return {"sentence": self.sentence, "fragment": self.fragment, "reason": self.reason}


@dataclass(frozen=True)
class ReleaseReading:
    title: str  # the first heading line, e.g. "2026年1—10月全市经济运行情况"
    figures: tuple[ReleaseFigure, ...]
    unplaced: tuple[Unplaced, ...]

    def as_dict(self) -> dict:
        return {"title": self.title, "figures": [f.as_dict() for f in self.figures],
                "unplaced": [u.as_dict() for u in self.unplaced]}


# -- periods ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReadPeriod:
    """A period as a release writes it; `year` None means the heading's (or the default) year."""

    year: int | None
    first_month: int
    last_month: int
    kind: str  # cumulative (from January) | month | quarter | year

    def period(self, year: int) -> Period:
        """The project's Period (knowledge.periods); raises PeriodError for a span that is neither a
        total from January, a month, a quarter nor a year (9—10月)."""
        return span(self.year or year, self.first_month, self.last_month)


_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"
_DASH = r"[-—–~〜～至到]"
_PERIOD = re.compile(
    r"(?:(?P<year>\d{4})年)?(?:"
    rf"(?P<from>{_MONTH})(?:月份?)?{_DASH}+(?P<to>{_MONTH})月(?:份|末|底)?"
    rf"|前(?P<first_n>{_MONTH})个?月"
    r"|(?P<span>前三季度|上半年|下半年|全年)"
    r"|第?(?P<quarter>[一二三四1-4])季度"
    rf"|(?:截至|截止到|截止|到)(?P<upto>{_MONTH})月(?:份|末|底)?"
    rf"|(?P<month>{_MONTH})月(?P<month_end>末|底)?(?:份)?(?:当月)?"
    r")"
    r"|(?P<year_only>\d{4})年(?!\d|[一二三四五六七八九十]+月)"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# a period right after one of these is what a figure is compared with, not its own period
_COMPARED = re.compile(r"(?:比|较|与|同|于|和|及|高于|低于|快于|慢于)(?:上年|去年)?$")


def _month(text: str) -> int:
    return int(text) if text.isdigit() else int(parse_chinese_number(text))


def _read_period(match: re.Match) -> ReadPeriod | None:
    g = match.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if g["year_only"]:
        return ReadPeriod(int(g["year_only"]), 1, 12, "year")
    if g["from"]:
        first, last = _month(g["from"]), _month(g["to"])
        if not 1 <= first <= last <= 12:
            return None
        return ReadPeriod(year, first, last, "cumulative" if first == 1 else "quarter")
    if g["first_n"]:
        return ReadPeriod(year, 1, _month(g["first_n"]), "cumulative")
    if g["span"]:
        first, last = {"前三季度": (1, 9), "上半年": (1, 6), "下半年": (7, 12), "全年": (1, 12)}[g["span"]]
        return ReadPeriod(year, first, last, "cumulative" if first == 1 else "quarter")
    if g["quarter"]:
        q = _QUARTERS[g["quarter"]]
        return ReadPeriod(year, 3 * q - 2, 3 * q, "cumulative" if q == 1 else "quarter")
    if g["upto"]:
        return ReadPeriod(year, 1, _month(g["upto"]), "cumulative")
    if g["month"]:
        month = _month(g["month"])
        # 10月末 / 10月底 closes the year so far; 10月 / 10月份 alone is that month
        return ReadPeriod(year, 1, month, "cumulative") if g["month_end"] else ReadPeriod(year, month, month, "month")
    return None


# -- the figure grammar ----------------------------------------------------------------------------

_NUMBER = r"\d+(?:\.\d+)?"
_BASE = (r"(?:同比|环比|(?:比|较|与)(?:上年同期|去年同期|上年末|去年末|上年|去年|年初|上月|上季度|\d{4}年(?:同期)?"
         rf"|{_MONTH}月?份?{_DASH}+{_MONTH}月份?|前{_MONTH}个?月|[一二三四]季度|上半年|前三季度|{_MONTH}月(?:末|底|份)?)"
         r"(?:相比)?)")
_UP = ("增长", "增加", "上升", "提高", "提升", "增", "加快", "扩大")
_DOWN = ("下降", "减少", "降低", "下滑", "回落", "降", "减", "放缓", "收窄")
_GROWTH = re.compile(
    rf"(?P<base>{_BASE})?(?:分别)?(?P<verb>{'|'.join(sorted(_UP + _DOWN, key=len, reverse=True))})"
    rf"(?P<num>-?{_NUMBER})(?P<unit>%|个百分点|百分点)"
    rf"|(?P<speed>增速|增幅|增长率|降幅)(?:为|达到|达|是)?(?P<speed_num>-?{_NUMBER})%"
    r"|(?P<flat>(?:同比|与上年同期|与去年同期|比上年同期)持平)"
)
_UNITS = ("美元", "元", "平方公里", "平方米", "公顷", "亩", "人次", "人", "家", "项", "座", "所", "户", "件", "台",
          "套", "辆", "吨", "千瓦时", "PFLOPS", "%")
_VALUE = re.compile(
    r"(?P<qual>超过|突破|超|逾|近|约|接近)?"
    rf"(?:(?P<num>{_NUMBER})(?P<mag>万亿|亿|万)?(?P<unit>{'|'.join(_UNITS)}|个(?!百分点)|P(?![A-Za-z]))?"
    r"|(?P<cn_num>[一两二三四五六七八九十百]+)(?P<cn_unit>个(?!百分点)|家|项|座))"
    r"(?P<suffix>及以上|以上|左右|以内)?"
)
# After a value, these begin the rest of a sentence; any other Chinese word continues a name
# (1000万元以上项目, 5000万元的项目): the number is part of that name, not a figure.
_FOLLOWERS = re.compile(
    r"同比|环比|比|较|增长|增加|增速|增幅|增\d|下降|减少|降低|降\d|减\d|提高|回落|占|和|与|及|或|分别|其中|"
    r"居|位居|位列|名列|排名|为|是|完成|实现|列")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_A_FIGURE = re.compile(r"第\d+|\d+(?:位|名|日|号|次|倍)")

# -- the words of a subject ------------------------------------------------------------------------

# Words that may stand before an indicator's name without changing what it is.
_NEUTRAL = ("其中", "今年以来", "年初以来", "今年", "年内", "当年", "本年", "累计", "共计", "合计", "总计", "共", "已经",
            "已", "完成", "实现", "实施", "拥有", "现有", "有", "达到", "全部",
            "建成", "建设", "培育", "认定", "入库", "全口径", "全市域", "全市", "我市", "本市", "市", "省",
            "区", "县")
_INCREMENT = ("新增", "新供应", "新供", "新认定", "新入库", "新培育", "新建", "新获批", "新引进", "净增", "供应")
_SCOPE = "规上"
_PLACE_WORDS = {"全市": DEFAULT_CITY, "我市": DEFAULT_CITY, "本市": DEFAULT_CITY, "全市域": DEFAULT_CITY,
                "全省": "江苏", "全国": "全国"}
_LINKERS = re.compile(r"(?:累计)?(?:达到|达|为|是|完成|实现|共计|合计|总计|共|有|已达|已)$")
_INCREMENT_TAIL = re.compile(r"(?:(?:比|较)(?:年初|上年末|去年末)(?:新增|净增|多增|增加|增长)|新增|净增)$")
_CHANGE_TAIL = re.compile(r"(?:比|较)(?:上年同期|去年同期|上年|去年)(?:增加|多增|增长|减少|多)$")
_SHARE_TAIL = re.compile(r"(?:所占|的)?(?:比重|比例|份额)$|占比$")
# Aliases that in a press text name a wider group than the indicator: kept for questions only.
BROAD_ALIASES = {"专精特新", "专精特新企业", "用地", "工业产值", "研发投入", "研发经费", "排名", "A股", "上市公司"}


def canon(text: str) -> str:
    """The comparable form of a name: NFKC, no quotes/spaces/的, 规模以上 → 规上, 国家级 → 国家."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s\"'“”‘’「」『』《》〈〉]", "", text)
    text = _strip_verbs(text)
    for old, new in (("规模以上", "规上"), ("国家级", "国家"), ("上年同期", "上年"), ("去年同期", "去年"), ("的", "")):
        text = text.replace(old, new)
    # 规上工业企业（完成）工业总产值 / 总产值 / 增加值: the firms' output is the industry's
    return re.sub(r"工业企业(?:工业)?(总产值|产值|增加值)", r"工业\1", text)


def _strip_verbs(text: str) -> str:
    """实现/完成 inside a subject (规上工业实现总产值) change nothing."""
    return re.sub(r"(?<=.)(?:累计)?(?:实现|完成)(?=.)", "", text)


@dataclass(frozen=True)
class _Entry:
    indicator: Indicator
    full: str  # canonical full name, e.g. "新增国家专精特新小巨人企业"
    core: str  # without its leading verb: "国家专精特新小巨人企业"
    increment: bool  # counted as a yearly addition (新增…, 新供…)
    scope: bool  # 规上 only


_LEADING_VERBS = ("新增", "新供", "累计建设", "动态培育", "建设", "培育", "实施", "争创", "入库", "全市")


class Vocabulary:
    """Every way the knowledge base names an indicator, in canonical form, for suffix matching."""

    def __init__(self, indicators: list[Indicator], aliases: list[tuple[str, str]]):
        self.entries: dict[str, _Entry] = {}
        self.forms: dict[str, set[str]] = {}
        self.shares: list[tuple[_Entry, str, str]] = []  # (entry, numerator, denominator)
        names: dict[str, list[str]] = {i.id: [i.name] for i in indicators}
        for indicator_id, alias in aliases:
            if indicator_id in names and alias not in BROAD_ALIASES:
                names[indicator_id].append(alias)
        for indicator in indicators:
            full = canon(indicator.name)
            core = _lead_stripped(full)
            entry = _Entry(indicator, full, core, full.startswith(("新增", "新供")), core.startswith(_SCOPE))
            self.entries[indicator.id] = entry
            for name in names[indicator.id]:
                for form in _variants(canon(name)):
                    self.forms.setdefault(form, set()).add(indicator.id)
            if indicator.unit == "%" and "占" in core:
                numerator, _, denominator = core.partition("占")
                self.shares.append((entry, numerator, _SHARE_TAIL.sub("", denominator)))
        self.longest = max((len(f) for f in self.forms), default=0)

    def same(self, text: str, name: str) -> bool:
        """Two ways of writing one thing in a share: equal, one the other's start (规上工业 / 规上工业总产值),
        or two names of one indicator (规上工业产值 / 规上工业总产值)."""
        if _same(text, name):
            return True
        return bool(self.forms.get(text, set()) & self.forms.get(name, set()))

    def suffix(self, text: str) -> tuple[str, set[str]] | None:
        """The longest name form `text` ends with, and the indicators it names."""
        for length in range(min(len(text), self.longest), 1, -1):
            ids = self.forms.get(text[-length:])
            if ids:
                return text[-length:], ids
        return None


def _lead_stripped(name: str) -> str:
    for verb in _LEADING_VERBS:
        if name.startswith(verb) and len(name) > len(verb) + 1:
            return name[len(verb):]
    return name


def _variants(form: str) -> set[str]:
    out = {form, _lead_stripped(form)}
    for name in list(out):
        if name.endswith("总额"):
            out |= {name[:-2], name[:-2] + "额"}
        if name.endswith("数量"):
            out.add(name[:-2])
    return {f for f in out if len(f) >= 2}


# -- one subject -----------------------------------------------------------------------------------

# longest first, so that 全市域 is taken before 全市 and 苏州工业园区 before 苏州
_MODIFIERS = sorted(_NEUTRAL + tuple(_PLACE_WORDS) + PLACES, key=len, reverse=True)
_QUALIFYING_WORDS = sorted(_NEUTRAL + _INCREMENT + (_SCOPE,) + tuple(_PLACE_WORDS) + PLACES, key=len, reverse=True)

@dataclass
class _Subject:
    text: str  # canonical words naming the thing (modifiers removed)
    entry: _Entry | None
    reason: str = ""
    increment: bool = False


def _explain(residue: str, entry: _Entry) -> tuple[bool, bool, bool]:
    """(explained, increment, scope) for the words before a matched name."""
    increment = scope = False
    while residue:
        word = next((w for w in _QUALIFYING_WORDS if residue.startswith(w)), None)
        if word is None:
            # the rest must be part of the indicator's own full name (专精特新 before 小巨人企业)
            if residue in entry.full:
                return True, increment or residue.startswith(("新增", "新供")), scope or _SCOPE in residue
            return False, increment, scope
        increment |= word in _INCREMENT
        scope |= word == _SCOPE
        residue = residue[len(word):]
    return True, increment, scope


def _only_modifiers(text: str) -> bool:
    """True when `text` is empty or only words that name nothing (全市, 其中, 今年, 达到…)."""
    while text:
        word = next((w for w in _MODIFIERS if text.startswith(w)), None)
        if word is None:
            return False
        text = text[len(word):]
    return True


def _strip_modifiers(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in _MODIFIERS:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
                break
    return text


class _SubjectReader:
    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary

    def read(self, raw: str, previous: _Subject | None, listed: bool) -> _Subject:
        """The subject named by `raw` (the words before a value); `previous` is the sentence's last
        subject, used when `raw` names none (“，同比增长5.1%”, “占…的比重为”); `listed` when `raw`
        follows a 、 and inherits the list's verb (新增A 172家、B 8家)."""
        text = canon(raw)
        increment = change = False
        while True:
            stripped = _LINKERS.sub("", text)
            if _INCREMENT_TAIL.search(stripped):
                stripped, increment = _INCREMENT_TAIL.sub("", stripped), True
            elif _CHANGE_TAIL.search(stripped):
                stripped, change = _CHANGE_TAIL.sub("", stripped), True
            if stripped == text:
                break
            text = stripped
        if "占" in text or _SHARE_TAIL.search(text):
            return self._share(text, previous)
        if _only_modifiers(text):
            if previous is None:
                return _Subject(text, None, "没有指标名称")
            if change:
                return self._match(previous.text + "比上年增加", False, listed=False)
            if increment and not previous.increment:  # “余额…，比年初增加X亿元”: the year's addition
                return self._match(previous.text, True, listed=False)
            return previous
        words = _strip_modifiers(text)
        if previous is not None and previous.entry is not None and len(words) >= 2 \
                and previous.text.endswith(words) and self.vocabulary.suffix(words) is None:
            return previous  # “其中，10月份产值4300亿元”: the head of the subject before
        subject = self._match(text, increment, listed and previous is not None and previous.increment)
        if change:
            subject = _Subject(subject.text, None, "这是比上年的增减量，不是指标本身")
        return subject

    def _match(self, text: str, increment: bool, listed: bool) -> _Subject:
        found = self.vocabulary.suffix(text)
        if found is None:
            return _Subject(_strip_modifiers(text), None, "知识库里没有这个指标")
        form, ids = found
        if len(ids) > 1:
            return _Subject(form, None, "名称对应多个指标：" + "、".join(sorted(ids)))
        entry = self.vocabulary.entries[next(iter(ids))]
        explained, said_increment, said_scope = _explain(text[: -len(form)], entry)
        said_scope |= form.startswith(_SCOPE)
        said_increment |= increment or listed or form.startswith(("新增", "新供"))
        words = _strip_modifiers(text)
        subject = _Subject(words, entry, increment=said_increment)
        if not explained:
            return _Subject(words, None, "知识库里没有这个指标")
        if said_scope != entry.scope:
            return _Subject(words, None, f"口径不同：“{words}”不是“{entry.indicator.name}”")
        if said_increment != entry.increment:
            what = "新增数" if said_increment else "总数"
            return _Subject(words, None, f"这是{what}，与“{entry.indicator.name}”的口径不同")
        if entry.indicator.kind == "text":
            return _Subject(words, None, f"“{entry.indicator.name}”是文字目标，不录入数值")
        return subject

    def _share(self, text: str, previous: _Subject | None) -> _Subject:
        if text.endswith("占比"):
            numerator, denominator = text[:-2], ""
        elif "占" in text:
            numerator, _, rest = text.partition("占")
            denominator = _SHARE_TAIL.sub("", _strip_modifiers(rest))
            if not denominator:
                return _Subject(text, None, "知识库里没有这个指标")
        else:
            numerator, denominator = _SHARE_TAIL.sub("", text), ""
        numerator = _strip_modifiers(numerator) if numerator else ""
        if _only_modifiers(numerator):
            if previous is None:
                return _Subject(text, None, "没有指标名称")
            numerator = previous.text
        named = f"{numerator}占{denominator}比重" if denominator else f"{numerator}占比"
        same = self.vocabulary.same
        matches = [entry for entry, num, den in self.vocabulary.shares
                   if same(numerator, num) and (not denominator or same(denominator, den))]
        if len(matches) != 1:
            # an alias may name the share directly (高新技术产业产值比重)
            found = self.vocabulary.suffix(text)
            if found and len(found[1]) == 1 and self.vocabulary.entries[next(iter(found[1]))].indicator.unit == "%":
                return _Subject(named, self.vocabulary.entries[next(iter(found[1]))])
            return _Subject(named, None, "知识库里没有这个比重指标" if not matches else "比重对应多个指标")
        return _Subject(named, matches[0])


def _same(text: str, name: str) -> bool:
    """Two ways of writing one thing in a share: equal, or one the other's start (规上工业 / 规上工业总产值)."""
    if text == name:
        return True
    shorter, longer = sorted((text, name), key=len)
    return len(shorter) >= 4 and (longer.startswith(shorter) or longer.endswith(shorter))


# -- text → sentences ------------------------------------------------------------------------------

_KEEP = set("，。；：！？、（）“”‘’")
_LIST_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d))")


def normalize_text(text: str) -> str:
    """Simplified characters, full-width digits and letters to ASCII, Chinese punctuation kept,
    thousands separators and spaces (but between two Latin letters) dropped."""
    text = to_simplified(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c if c in _KEEP else unicodedata.normalize("NFKC", c) for c in text)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def _squeeze(line: str) -> str:
    """Spaces next to a Chinese character say nothing (全 市 工业投资 1986.2 亿元); between two numbers
    they do, and stay."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", line).strip()


# -- tables ----------------------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"\t+|[ \u3000]{2,}|\s*[|｜]\s*")
_NUMERIC_CELL = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_UNIT_IN_NAME = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$")
_GROWTH_HEADER = re.compile(r"增长|增速|同比|增幅|±")
_POINTS_HEADER = re.compile(r"百分点")
_INCREMENT_HEADER = re.compile(r"(?:比|较)(?:年初|上年末)(?:增加|新增|增长)|新增额|净增")


def _cells(line: str) -> list[str] | None:
    """The cells of a table line (tabs, two or more spaces, or |), None for prose."""
    if not re.search(r"\t|[ \u3000]{2,}|[|｜]", line.strip()):
        return None
    cells = [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|｜")) if c.strip()]
    return cells if len(cells) >= 2 else None


def _table_sentence(cells: list[str], header: list[str] | None) -> tuple[str | None, list[str]]:
    """A table row written as the sentence it stands for: “规模以上工业总产值（亿元）| 40876.3 | 5.1”
    under “指标 | 1-10月 | 同比增长(%)” → “1-10月，规模以上工业总产值40876.3亿元，同比增长5.1%。”.
    Numbers in a column the header does not name (or with no header) are left out, not guessed: they
    are returned second, to be listed as unplaced."""
    name = cells[0]
    if _NUMERIC_CELL.match(name) or not _CJK.search(name):
        return None, []
    unused: list[str] = []
    unit = ""
    found = _UNIT_IN_NAME.search(name)
    if found:
        unit, name = found.group(1).replace("％", "%"), name[:found.start()]
    # cells left empty at a row's end are not there: align with the header from the left
    heads = header[:len(cells)] if header and len(header) >= len(cells) else [""] * len(cells)
    period, value, yoy, points, added = "", None, None, None, None
    for cell, head in zip(cells[1:], heads[1:]):
        if not _NUMERIC_CELL.match(cell):
            if not unit and re.fullmatch(r"[万亿]*[\u4e00-\u9fff%]{1,3}", cell):
                unit = cell
            continue
        number = cell.rstrip("%")
        if _POINTS_HEADER.search(head):
            points = points if points is not None else number
        elif _INCREMENT_HEADER.search(head):
            added = added if added is not None else number
        elif _GROWTH_HEADER.search(head) or (cell.endswith("%") and value is not None and unit != "%"):
            yoy = yoy if yoy is not None else number
        elif value is None and (head or not header):
            value = number
            period = next((m.group() for m in _PERIOD.finditer(head) if m.group()), "")
        else:
            unused.append(cell)
    parts = []
    if value is not None and unit:
        parts.append(f"{name}{value}{unit}")
    if added is not None and unit:
        parts.append(("" if parts else name) + f"比年初增加{added}{unit}")
    if yoy is not None:
        growth = float(yoy)
        parts.append(("" if parts else name) + f"同比{'下降' if growth < 0 else '增长'}{abs(growth):g}%")
    if points is not None and parts:
        change = float(points)
        parts.append(f"比上年同期{'下降' if change < 0 else '提高'}{abs(change):g}个百分点")
    if value is not None and not unit:
        unused.append(value)
    if not parts:
        return None, unused
    return (f"{period}，" if period else "") + "，".join(parts) + "。", unused


_PLACE_NAMES = sorted(set(PLACES) | {"全市", "全省", "全国"}, key=len, reverse=True)
_NOTE = re.compile(r"[（(][^（）()\d]*[）)]")
_RESPECTIVELY = re.compile(r"(?P<names>[^，；。,;：:]+?)分别(?P<verb>[^\d，；。,;]*)(?P<items>[^，；。,;]+)")
_LIST_SPLIT = re.compile(r"、|和|及|与")


def _plain(sentence: str) -> str:
    """A sentence without notes in brackets (按可比价计算), with bracketed figures kept in line, and
    “A、B分别为X、Y” written out as “A为X，B为Y”."""
    sentence = _NOTE.sub("", sentence)
    sentence = re.sub(r"[（()）]", "", sentence)

    def spell_out(match: re.Match) -> str:
        names = [n for n in _LIST_SPLIT.split(match.group("names")) if n]
        items = [i for i in _LIST_SPLIT.split(match.group("items")) if i]
        if len(names) < 2 or len(names) != len(items) or not all(re.match(r"[超近约-]?\d", i) for i in items):
            return match.group()
        # “苏州、无锡规上工业总产值分别为…”: places alone share the name after the last one
        last = names[-1]
        place = next((p for p in _PLACE_NAMES if last.startswith(p)), None)
        if place and all(n in _PLACE_NAMES or n.rstrip("市") in _PLACE_NAMES for n in names[:-1]):
            names = [n + last[len(place):] for n in names[:-1]] + [last]
        # joined by 、 so that a verb of the first (新增) carries to the others, as in any list
        return "、".join(f"{name}{match.group('verb')}{item}" for name, item in zip(names, items))

    return _RESPECTIVELY.sub(spell_out, sentence)


def _sentences(line: str) -> list[str]:
    parts = re.split(r"(?<=[。！？!?])", line)
    return [p.strip() for p in parts if p.strip()]


# -- reading ---------------------------------------------------------------------------------------

@dataclass
class _Token:
    kind: str  # value | growth | period | compared_period | date | name_number
    start: int
    end: int
    match: re.Match | None = None
    period: ReadPeriod | None = None


@dataclass
class _Draft:
    entry: _Entry
    city: str
    period: ReadPeriod | None
    value: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    yoy: float | None = None
    change_points: float | None = None
    year: int = 0
    period_from: str = "sentence"


def _tokens(sentence: str) -> list[_Token]:
    taken = [False] * len(sentence)
    tokens: list[_Token] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(token: _Token) -> None:
        for i in range(token.start, token.end):
            taken[i] = True
        tokens.append(token)

    for m in _GROWTH.finditer(sentence):
        if free(m.start(), m.end()):
            take(_Token("growth", m.start(), m.end(), m))
    for m in _PERIOD.finditer(sentence):
        if m.end() > m.start() and free(m.start(), m.end()):
            period = _read_period(m)
            if period is not None and re.match(r"\d{1,2}[日号]", sentence[m.end():]):
                take(_Token("date", m.start(), m.end() + len(re.match(r"\d{1,2}[日号]", sentence[m.end():]).group())))
                continue  # 11月20日 is the day something was published, not a figure's period
            if period is not None:
                compared = bool(_COMPARED.search(sentence[max(0, m.start() - 4):m.start()]))
                take(_Token("compared_period" if compared else "period", m.start(), m.end(), m, period))
    for m in _VALUE.finditer(sentence):
        if m.end() <= m.start() or not free(m.start(), m.end()):
            continue
        if m.group("num") and not (m.group("mag") or m.group("unit")):
            continue
        if m.start() > 0 and sentence[m.start() - 1] == "第":
            continue
        after = sentence[m.end():]
        part_of_name = bool(after) and bool(_CJK.match(after[0])) and (
            (m.group("suffix") or "").endswith("以上") or not _FOLLOWERS.match(after))
        if m.group("cn_num") and (after and _CJK.match(after[0])):
            continue
        take(_Token("name_number" if part_of_name else "value", m.start(), m.end(), m))
    tokens.sort(key=lambda t: t.start)
    return tokens


def _stray_digits(sentence: str, tokens: list[_Token]) -> int | None:
    """The position of the first digit outside every token (and outside ranks and dates): a number
    the grammar did not read; None when there is none."""
    return next(iter(_stray_positions(sentence, tokens)), None)


def _stray_positions(sentence: str, tokens: list[_Token]) -> list[int]:
    """Where each run of digits outside every token (and outside ranks and dates) starts."""
    covered = [False] * len(sentence)
    for token in tokens:
        for i in range(token.start, token.end):
            covered[i] = True
    for m in _NOT_A_FIGURE.finditer(sentence):
        for i in range(m.start(), m.end()):
            covered[i] = True
    return [i for i, c in enumerate(sentence)
            if c.isdigit() and not covered[i] and (i == 0 or not (sentence[i - 1].isdigit() or sentence[i - 1] == "."))]


def _city_at(sentence: str, position: int) -> str:
    """The place a figure at `position` belongs to: the last place named before it, not in a comparison."""
    city = DEFAULT_CITY
    words = sorted(tuple(_PLACE_WORDS) + PLACES, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    for m in pattern.finditer(sentence[:position]):
        before = sentence[max(0, m.start() - 3):m.start()]
        if re.search(r"(?:比|较|于|与|同|和|及|超过|领先|仅次于|居|位居|位列)$", before):
            continue
        city = _PLACE_WORDS.get(m.group(), m.group())
        if city == "江苏省":
            city = "江苏"
    return city


def _value_of(match: re.Match) -> tuple[Decimal, str, str]:
    if match.group("cn_num"):
        value, unit = parse_chinese_number(match.group("cn_num")), match.group("cn_unit")
    else:
        value = Decimal(match.group("num"))
        unit = (match.group("mag") or "") + ({"P": "PFLOPS"}.get(match.group("unit") or "", match.group("unit") or ""))
    qualifier = ""
    if match.group("qual"):
        qualifier = {"超过": "超…", "逾": "超…", "接近": "近…"}.get(match.group("qual"), match.group("qual") + "…")
    if match.group("suffix") in ("以上", "及以上", "左右"):
        qualifier = (qualifier or "…") + ("以上" if "以上" in match.group("suffix") else "左右")
    return value, unit, qualifier


def _growth_of(match: re.Match) -> tuple[str, float, str]:
    """('yoy' | 'points' | 'other', number, why other)."""
    if match.group("flat"):
        return "yoy", 0.0, ""
    if match.group("speed"):
        number = float(match.group("speed_num"))
        return "yoy", -abs(number) if match.group("speed") == "降幅" else number, ""
    number = float(match.group("num"))
    verb, base, unit = match.group("verb"), match.group("base") or "", match.group("unit")
    sign = -1 if verb in _DOWN else 1
    if unit == "%":
        if base.startswith("环比"):
            return "other", 0.0, "环比增速，不是同比"
        if base and not (base.startswith("同比") or "上年" in base or "去年" in base):
            return "other", 0.0, "与其他时期相比的增速，不是同比"
        if base.endswith(("上年末", "去年末")):
            return "other", 0.0, "比上年末的增速，不是同比"
        if verb in ("加快", "扩大", "放缓", "收窄", "回落"):
            return "other", 0.0, "增速的变化，不是同比"
        return "yoy", sign * number, ""
    if base and not (base.startswith("同比") or "上年" in base or "去年" in base or "年初" in base):
        return "other", 0.0, "与其他时期相比的变化，未录入"
    return "points", sign * number, ""


def read_release(text: str, store: Store, default_year: int) -> ReleaseReading:
    """Every figure of a release that belongs to an indicator of `store`, and the unplaced sentences.

    `default_year` is the year of a period written without one when no heading names a year (the
    year of the current targets). Raises ReleaseError for an empty or over-long text.
    Returns figures in the order of the text; one figure per (indicator, city, period): a level and
    its growth rate written in two clauses of one sentence make one figure.
    """
    if not text or not text.strip():
        raise ReleaseError("通报内容为空。")
    if len(text) > MAX_RELEASE_CHARS:
        raise ReleaseError(f"通报太长（{len(text)}字），上限为{MAX_RELEASE_CHARS}字。")
    vocabulary = Vocabulary(store.indicators(), store.aliases())
    subjects = _SubjectReader(vocabulary)
    heading: ReadPeriod | None = None
    year = default_year
    title = ""
    drafts: dict[tuple[str, str, str], _Draft] = {}
    figures_order: list[tuple[str, str, str]] = []
    unplaced: list[Unplaced] = []
    first_sentence: dict[tuple[str, str, str], str] = {}

    header: list[str] | None = None
    for raw_line in normalize_text(text).split("\n"):
        cells = _cells(raw_line)
        if cells is not None:
            if not any(_NUMERIC_CELL.match(c) for c in cells[1:]):
                if not all(set(c) <= set("-:—") for c in cells):  # a Markdown rule line keeps the header
                    header = cells
                continue
            written, unused = _table_sentence(cells, header)
            shown = " | ".join(cells)
            for cell in unused:
                unplaced.append(Unplaced(shown, cell, "表格中这个数没有表头或单位，未读取"))
            if written is not None:
                _read_sentence(written, _tokens(written), subjects, heading, year, drafts, figures_order,
                               first_sentence, unplaced, shown=shown)
                continue
        else:
            header = None
        line = _squeeze(_LIST_MARK.sub("", raw_line))
        if not line:
            continue
        for sentence in _sentences(line):
            sentence = _plain(sentence)
            tokens = _tokens(sentence)
            if not any(t.kind in ("value", "growth") for t in tokens) and _stray_digits(sentence, tokens) is None:
                periods = [t.period for t in tokens if t.kind == "period"]
                if periods and not sentence.endswith(("。", "！", "？")):
                    heading = periods[-1]
                    if heading.kind == "month":  # “10月份经济运行情况” reports the year so far
                        heading = ReadPeriod(heading.year, 1, heading.last_month, "cumulative")
                    if heading.year:
                        year = heading.year
                    title = title or sentence
                continue
            _read_sentence(sentence, tokens, subjects, heading, year, drafts, figures_order, first_sentence,
                           unplaced)

    figures = []
    for key in figures_order:
        draft = drafts[key]
        figures.append(ReleaseFigure(
            draft.entry.indicator.id, draft.entry.indicator.name, draft.city, key[2], draft.year,
            draft.value, draft.unit, draft.qualifier, draft.yoy, draft.change_points, first_sentence[key],
            draft.period_from))
    return ReleaseReading(title, tuple(figures), tuple(unplaced))


def _read_sentence(sentence, tokens, subjects, heading, year, drafts, order, first_sentence, unplaced,
                   shown: str | None = None) -> None:
    """Read one sentence's figures into `drafts`; `shown` is the text to report (a table row)."""
    shown = shown or sentence
    period: ReadPeriod | None = None
    previous: _Subject | None = None
    last_draft: _Draft | None = None
    boundary = 0
    separator_before = ""

    def fragment_at(token: _Token) -> str:
        start = max((sentence.rfind(s, 0, token.start) for s in "，；：、,;:"), default=-1) + 1
        ends = [i for i in (sentence.find(s, token.end) for s in "，；。、,;") if i >= 0]
        return sentence[start:min(ends) if ends else len(sentence)]

    def lost(token: _Token, reason: str) -> None:
        unplaced.append(Unplaced(shown, fragment_at(token), reason))

    for token in tokens:
        if token.kind in ("period", "compared_period"):
            if token.kind == "period":
                period = token.period
            continue
        if token.kind in ("name_number", "date"):
            continue
        # the words between the last clause boundary (or anchor) and this token, periods cut out
        clause_start = boundary
        for sep in "，；：、,;:":
            position = sentence.rfind(sep, boundary, token.start)
            if position + 1 > clause_start:
                clause_start = position + 1
        separator_before = sentence[clause_start - 1] if clause_start > 0 else ""
        pieces, cursor = [], clause_start
        for other in tokens:
            if other.kind in ("period", "compared_period") and clause_start <= other.start < token.start:
                pieces.append(sentence[cursor:other.start])
                cursor = other.end
        pieces.append(sentence[cursor:token.start])
        raw = "".join(pieces)
        boundary = token.end

        subject = subjects.read(raw, previous, listed=separator_before == "、")
        bare = _LINKERS.sub("", canon(raw))
        empty_subject = _only_modifiers(bare)
        # “余额X亿元，比年初增加Y亿元”: the addition borrows the subject, which stays the balance's, so
        # a 同比 after it is read as the balance's growth, not the addition's
        increment_only = bool(_INCREMENT_TAIL.search(bare)) and _only_modifiers(_INCREMENT_TAIL.sub("", bare))
        if not empty_subject and not increment_only:
            previous = subject
        elif previous is None:
            previous = subject

        used_period = period or heading
        city = _city_at(sentence, token.start)
        if token.kind == "growth":
            what, number, why = _growth_of(token.match)
            if what == "other":
                lost(token, why)
                continue
            if subject.entry is None:
                lost(token, subject.reason)
                continue
            if empty_subject and (last_draft is None or last_draft.entry is not subject.entry):
                lost(token, "这个增速所属的数据未能录入")
                continue
            target = last_draft if empty_subject else None
            if what == "yoy" and token.match.group("flat") and target is not None and target.unit == "%":
                what = "points"
            if what == "points":
                holder = target
                if holder is None or holder.unit != "%" or "增速" in raw or "增幅" in raw:
                    lost(token, "百分点变化只记在比重类数据上")
                    continue
                holder.change_points = number
                continue
            if target is None:
                if subject.entry.indicator.unit == "%":
                    lost(token, "比重类指标的增速不录入")
                    continue
                if used_period is None:
                    lost(token, NO_PERIOD)
                    continue
                try:
                    target = _draft(drafts, order, first_sentence, subject.entry, city, used_period, year,
                                    shown, period is not None)
                except PeriodError:
                    lost(token, "期间既不是从1月起的累计，也不是单月、季度或全年")
                    continue
            if target.yoy is not None and target.yoy != number:
                lost(token, "同一数据出现两个不同的同比")
                continue
            target.yoy = number
            last_draft = target
            continue

        # a value
        value, unit, qualifier = _value_of(token.match)
        if subject.entry is None:
            lost(token, subject.reason)
            last_draft = None
            continue
        indicator = subject.entry.indicator
        if not compatible(unit, indicator.unit) or (indicator.unit == "%") != (unit == "%"):
            lost(token, f"单位不符：“{indicator.name}”以{indicator.unit or '文字'}计，这里是{unit}")
            last_draft = None
            continue
        if used_period is None:
            lost(token, NO_PERIOD)
            last_draft = None
            continue
        try:
            draft = _draft(drafts, order, first_sentence, subject.entry, city, used_period, year, shown,
                           period is not None)
        except PeriodError:
            lost(token, "期间既不是从1月起的累计，也不是单月、季度或全年")
            last_draft = None
            continue
        if draft.value is not None and (draft.value, draft.unit) != (value, unit):
            lost(token, "与前文同一指标同一期间的数值不一致")
            last_draft = None
            continue
        draft.value, draft.unit, draft.qualifier = value, unit, qualifier
        last_draft = draft

    listed = {u.fragment for u in unplaced if u.sentence == shown}
    for stray in _stray_positions(sentence, tokens):
        start = max(sentence.rfind(s, 0, stray) for s in "，；：,;") + 1
        ends = [i for i in (sentence.find(s, stray) for s in "，；。,;") if i >= 0]
        fragment = sentence[start:min(ends) if ends else len(sentence)]
        if not any(fragment in f or f in fragment for f in listed):
            unplaced.append(Unplaced(shown, fragment, "有数字，但没有读出对应的指标"))
            listed.add(fragment)


def _draft(drafts, order, first_sentence, entry: _Entry, city: str, period: ReadPeriod, year: int, sentence: str,
           from_sentence: bool) -> _Draft | None:
    label = period.period(year).label  # PeriodError: the caller lists the figure as unplaced
    key = (entry.indicator.id, city, label)
    if key not in drafts:
        drafts[key] = _Draft(entry, city, period, year=period.year or year,
                             period_from="sentence" if from_sentence else "heading")
        order.append(key)
        first_sentence[key] = sentence
    return drafts[key]


# -- preview, then one write -----------------------------------------------------------------------

NEW, RESTATED, YOY_ADDED, UNCHANGED, NOT_WRITTEN = "new", "restated", "yoy_added", "unchanged", "not_written"
STATE_WORDS = {NEW: "新增", RESTATED: "更正", YOY_ADDED: "补充同比", UNCHANGED: "已有，不变", NOT_WRITTEN: "不写入"}


@dataclass(frozen=True)
class PlannedFigure:
    figure: ReleaseFigure
    state: str  # new | restated | yoy_added | unchanged | not_written
    before_text: str  # the figure recorded now for the same indicator, city and period; "" if none
    edit: PlannedEdit | None  # the write, None when nothing changes
    note: str = ""


@dataclass(frozen=True)
class ReleasePlan:
    reading: ReleaseReading
    items: tuple[PlannedFigure, ...]

    @property
    def writes(self) -> list[PlannedEdit]:
        return [item.edit for item in self.items if item.edit is not None]

    @property
    def conflicts(self) -> list[PlannedFigure]:
        """Figures that differ from one already recorded for the same period: restatements."""
        return [item for item in self.items if item.state == RESTATED]

    def summary(self) -> str:
        """The preview an admin confirms: found (old → new), unplaced, conflicts."""
        counts = {state: sum(1 for i in self.items if i.state == state) for state in STATE_WORDS}
        lines = [f"通报：{self.reading.title}" if self.reading.title else "通报（无标题）",
                 f"读出 {len(self.items)} 个数据：新增 {counts[NEW]}，更正 {counts[RESTATED]}，"
                 f"补充同比 {counts[YOY_ADDED]}，不变 {counts[UNCHANGED]}，不写入 {counts[NOT_WRITTEN]}。"]
        for item in self.items:
            lines.append("· " + _describe(item))
        if self.conflicts:
            lines.append(f"与已录入数据不同（按更正处理，原值保留在修改记录中）：{len(self.conflicts)} 个")
            for item in self.conflicts:
                lines.append(f"· {_name(item.figure)} {item.figure.period}：{item.before_text} → "
                             f"{_figure_text(item.figure)}")
        if self.reading.unplaced:
            lines.append(f"未能对应到指标的数字（不写入）：{len(self.reading.unplaced)} 处")
            for lost in self.reading.unplaced:
                lines.append(f"· {lost.fragment}（{lost.reason}）")
        return "\n".join(lines)


def _name(figure: ReleaseFigure) -> str:
    return figure.indicator_name + ("" if figure.city == DEFAULT_CITY else f"（{figure.city}）")


def _signed(number: float) -> str:
    return ("+" if number > 0 else "") + format(Decimal(str(number)).normalize(), "f")


def _figure_text(figure: ReleaseFigure) -> str:
    parts = [figure.published] if figure.value is not None else []
    if figure.yoy is not None:
        parts.append(f"同比{_signed(figure.yoy)}%")
    if figure.change_points is not None:
        parts.append(f"比上年{_signed(figure.change_points)}个百分点")
    return "，".join(parts)


def _describe(item: PlannedFigure) -> str:
    figure = item.figure
    text = f"{_name(figure)} {figure.period}：{_figure_text(figure)}"
    if figure.period_from == "heading":
        text += "（期间取自标题）"
    if item.state == RESTATED:
        return f"{text} 【更正：原 {item.before_text}】"
    return f"{text} 【{STATE_WORDS[item.state]}{'：' + item.note if item.note else ''}】"


def plan_release(store: Store, reading: ReleaseReading, recorded_by: str, source_title: str = "") -> ReleasePlan:
    """What applying `reading` would change, figure by figure, compared with the store; writes nothing.

    A figure equal to the one recorded (same value in base units, same 同比 and 百分点) is unchanged,
    so applying a release twice writes once. A growth rate without a level is written only onto a
    level already recorded for the same period (an observation without a value would hide the latest
    figure from progress).
    """
    indicators = {i.id: i for i in store.indicators()}
    title = source_title or (f"{reading.title}（统计通报）" if reading.title else "统计通报")
    items = []
    for figure in reading.figures:
        indicator = indicators[figure.indicator_id]
        key = {"indicator_id": figure.indicator_id, "city": figure.city, "period": figure.period}
        before = store.get_row("observations", key)
        before_text = _recorded_text(before)
        if figure.value is None:
            if before is None or before.get("value") is None:
                items.append(PlannedFigure(figure, NOT_WRITTEN, before_text, None, "只有同比、没有总量，可用 /set 补录数值"))
                continue
            after = {**before, "yoy_growth": figure.yoy}
            if figure.change_points is not None:
                after["change_points"] = figure.change_points
            state = UNCHANGED if _same_growth(before, after) else YOY_ADDED
        else:
            quantity = parse_quantity(format(figure.value, "f") + figure.unit, indicator.unit)
            after = {**key, "year": figure.year, "value": float(quantity.value), "unit": quantity.unit,
                     "qualifier": figure.qualifier, "text": figure.published, "status": "actual", "note": "",
                     "quote": figure.sentence[:500], "recorded_by": recorded_by, "yoy_growth": figure.yoy,
                     "change_points": figure.change_points}
            if before is None or before.get("value") is None:
                state = NEW
            elif not _same_value(before, after):
                state, after["status"] = RESTATED, restated_status(before, after)
            else:
                after = {**before, "yoy_growth": figure.yoy if figure.yoy is not None else before.get("yoy_growth"),
                         "change_points": figure.change_points if figure.change_points is not None
                         else before.get("change_points")}
                state = UNCHANGED if _same_growth(before, after) else YOY_ADDED
        if state == UNCHANGED:
            items.append(PlannedFigure(figure, state, before_text, None))
            continue
        lines = (f"{_name(figure)} {figure.period}：{before_text or '无'} → {_figure_text(figure)}",)
        edit = PlannedEdit("set_observation", "observations", key, before, after, lines, title, figure.indicator_id)
        items.append(PlannedFigure(figure, state, before_text, edit))
    return ReleasePlan(reading, tuple(items))


def _recorded_text(row: dict | None) -> str:
    if row is None:
        return ""
    text = row.get("text") or ""
    if row.get("yoy_growth") is not None:
        text += ("，" if text else "") + f"同比{_signed(row['yoy_growth'])}%"
    return text


def _same_value(before: dict, after: dict) -> bool:
    return to_base(before["value"], before.get("unit") or "") == to_base(after["value"], after["unit"])


def _same_growth(before: dict, after: dict) -> bool:
    return all(before.get(k) == after.get(k) for k in ("yoy_growth", "change_points"))


def apply_release(store: Store, plan: ReleasePlan, user_id: int | None = None, chat_id: int | None = None) -> int:
    """Write every planned figure with its audit row, all in ONE transaction (all or nothing), through
    the same path as /set (knowledge.edits.apply_edit). Raises EditError when a figure was changed by
    someone else after the preview. Returns the number of figures written."""
    writes = plan.writes
    with store.transaction():
        for edit in writes:
            apply_edit(store, edit, user_id, chat_id)
    return len(writes)


def read_release_file(name: str, content: bytes) -> str:
    """The text of a release sent as a file: .txt (UTF-8, UTF-16 with BOM, or GB18030) or .docx
    (python-docx: paragraphs, then table cells). Raises ReleaseError for another kind of file."""
    lower = name.lower()
    if lower.endswith(".txt"):
        if content.startswith((b"\xff\xfe", b"\xfe\xff")):
            return content.decode("utf-16")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise ReleaseError("无法识别文本文件的编码，请另存为 UTF-8。")
    if lower.endswith(".docx"):
        import io

        import docx

        try:
            document = docx.Document(io.BytesIO(content))
        except Exception as error:  # python-docx and zipfile raise many kinds of errors on a damaged file
            raise ReleaseError("这不是有效的 Word（.docx）文件。") from error
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append("，".join(cell.text.strip() for cell in row.cells) + "。")
        return "\n".join(lines)
    raise ReleaseError("只能读取 .txt 或 .docx 格式的通报。")
