"""From a raw chat message to a Question: normalised text, the slots and the core(s).

Normalising: NFKC (full-width → half-width), traditional → simplified (OpenCC), lower case, the bot's
@mention, emoji and punctuation removed. Clause breaks (spaces, commas, 、) are kept as BREAK while
the slots are read, so "高企、小巨人" can be split into the two things asked about. Then come out:
the polite wrapper (领导好, 麻烦问一下, 写材料要用, 谢谢🙏), the city and the ranking scope (全国/江苏/
内地/长三角 in a question about a rank), the years, a period (1-10月, 前9个月, 上半年: located here,
read by knowledge.periods.parse_period), 同比/增速, 数据截至几月, figures quoted back (5万亿, 180家), the intent
(目标 / 进度 / 实际, colloquial forms 咋样, 能不能完成, 还差多少, 盘子多大 included), what kind of
answer is wanted (which year, which city, a difference, a list) and the words that carry no meaning
for matching (请问, 多少, 呢 …). What remains is the core, matched against indicator names; indicator
names and aliases go through the same `core_of`, so both sides are compared alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from knowledge.periods import PeriodError, parse_period
from knowledge.places import PLACES, RANK_SCOPES

SCOPE_SYNONYMS = {"中国": "全国", "国内": "全国", "全省": "江苏", "省内": "江苏"}
PLACES_AND_SCOPES = tuple(sorted(set(PLACES) | set(RANK_SCOPES), key=len, reverse=True))

MAX_QUESTION_CHARS = 200
BREAK = "/"

INTENT_WORDS = {
    "progress": ("完成情况", "完成率", "完成进度", "进度", "进展", "能不能完成", "能否完成", "能完成",
                 "完成得", "完成了", "完成", "建完", "建成", "做完", "干完", "咋样了", "咋样", "怎么样了", "还差", "差多少", "搞得", "做得"),
    "target": ("目标值", "目标", "任务", "计划", "规划", "要求", "指标", "盘子"),
    "actual": ("实际值", "实际", "实绩", "最新", "现在", "目前", "当前", "现状"),
    "source": ("来源", "出处", "出自", "依据"),
}
NOISE_WORDS = (
    "我想知道", "想知道", "告诉我", "请问", "请教", "麻烦", "帮我", "帮忙", "查一下", "查询", "查下",
    "看一下", "看看", "看下", "问一下", "问下", "问问", "一下", "是多少", "有多少", "多少", "有几个",
    "几个", "几家", "有几", "多大", "多高", "怎么样", "怎样", "如何", "情况", "要达到", "达到", "要到",
    "哪个文件", "哪份文件", "哪里", "能不能", "能否", "会不会", "有没有", "没有", "超过", "突破",
    "各自", "分别", "以来", "各", "达", "离", "了", "哪些", "什么", "全市", "我市", "本市", "市里", "咱们", "我们", "今年的",
    "的", "是", "有", "要",
)
TRAILING_PARTICLES = "吗呢呀啊吧了么嘛哦"
# At the end of a clause also: 请问一下哈, 能完成不, 供得 (kept out of core_of, which names go through:
# "哈哈哈哈" must stay chatter for /alias rather than vanish).
CLAUSE_PARTICLES = TRAILING_PARTICLES + "哈啦不得"
RATIO_MARKERS = ("比重", "占比", "比例", "占", "率", "强度", "一半")
# "专精特新企业总数" asks for a stock; a target for how many are *added* this year is not its answer.
# Not 累计: "今年累计完成" is the year's additions so far.
STOCK_MARKERS = ("总数", "总共", "一共", "共有", "现有", "存量", "保有")
INCREMENT_MARKERS = ("新增", "新培育", "新认定", "新供", "新建", "新引进", "增加", "增长")
_PLANNED_SUM = re.compile(r"(?:一共|总共|合计|共)(?=要|需要|计划|得|将)")
# 都/各/分别/一共 … say how the things listed are counted, not which: "高企、小巨人、单项冠军都要新增多少"
# asks about 单项冠军, not "单项冠军都". Dropped where they end a part or stand before its verb.
_ADVERB = re.compile("(?:都|均|也|又|各|分别|各自|一共|总共|合计|共计|全部|统统|一起)+(?=$|"
                     + "|".join(INCREMENT_MARKERS + ("累计", "建设", "建", "培育", "引进", "实施", "入库", "争创"))
                     + ")")

# Why a figure is wanted — a report to write, a meeting, a superior asking — frames the question and
# names nothing: 汇报材料里要写…, 明天开会要用…, …要写进报告里, 领导让我查一下…. A document or meeting
# word goes only together with a verb of writing or using it, so that a name with 材料 in it stays whole.
_WHEN = (r"(?:(?:明天|今天|后天|上午|中午|下午|晚上|待会儿?|一会儿?|等下|马上|周[一二三四五六日末]|下周[一二三四五六日]?|月底)"
         r"(?:之前|以前|前|之后|以后)?)?")
_WHO = r"(?:我这边|这边|我们这边|我们|我)?"
_DOCUMENT = (r"(?:汇报材料|汇报稿|汇报|材料|周报|月报|年报|报告|稿子|简报|ppt|总结|讲话稿|发言稿|台账|报表|"
             r"文稿|会议|开会|会上|例会|调度会|上会)")
_IN = r"(?:里面|里|中|上)?"
_BOSS = r"(?:领导|上级|主任|处长|科长|局长|老板)"
_PURPOSE = (
    # 为了准备周报, 写材料要用, 写汇报需要
    _WHEN + _WHO + r"(?:为了|为|给)?" + _WHEN + r"(?:写|准备|整理|做|报|赶|弄|交|改)(?:个|一下|一份|一个)?"
    + _DOCUMENT + _IN + r"(?:要用到|要用|需要用|需要|里要用|用(?!地))?",
    # 汇报材料里要写, 开会要用, 会上要汇报, 周报里需要引用
    _WHEN + _WHO + _DOCUMENT + _IN + r"(?:要|需要|得|会)?(?:用到|用(?!地)|写|引用|填|放|提到|体现|列|报|汇报|讲)"
    r"(?:到|进|上)?",
    # 要写进报告里, 用于汇报
    r"(?:要|需要|得)?(?:写进|写到|写入|放进|放到|放在|用于|用在|填进|填到|填入|报给)(?:个|一下)?" + _DOCUMENT + _IN
    + r"(?:去|用)?",
    # 领导要…, 领导让我查一下…, 领导要求的…
    _BOSS + r"(?:让我|叫我|要我|让|问|需要|催|要(?!求)|(?=要求|布置|交代))(?:查|问|看|了解|统计|报)?(?:一下|下)?",
    # 给领导汇报用, 要向领导报
    r"(?:要|需要|得)?(?:给|向|跟)" + _BOSS + r"(?:汇报|报告|报|交|看)?(?:用|要用|需要)?",
)

# The wrapper staff put around a question: greetings, apologies, thanks, purpose. Removed whole.
_POLITE = re.compile("|".join((
    r"(?:各位|各)?(?:(?:领导|老师|同事|同志|大家|您|你|亲|小助手|助手|机器人)(?:们)?)+(?:早上|上午|中午|下午|晚上)?好(?:呀|啊|哈)?",
    r"(?:早上|上午|中午|下午|晚上)好", r"早安", r"各位", r"大家", r"hello", r"hi", r"哈喽", r"嗨",
    r"(?:非常|十分)?(?:谢谢|多谢|感谢)(?:啦|了|您|你|领导|各位|大家|老师)*(?:谢谢|感谢|多谢)*",
    r"辛苦(?:了|啦|你了|您了|各位|大家)?",
    r"不好意思(?:哈|啊|了)?", r"打扰(?:了|一下|下)?", r"冒昧(?:地)?(?:问一句|问一下|问下)?", r"抱歉",
    r"(?:我)?想(?:再)?确认(?:一)?下", r"再确认(?:一次|一下|下)?", r"确认(?:一)?下",
    r"(?:我)?想了解(?:一下|下)?", r"了解(?:一下|下)",
    r"能否告知", r"告知(?:一下|下)?", r"提供(?:一下|下)?", r"(?:可以|能)告诉我",
    r"(?:能|可以|可否|能不能|能否)?(?:帮(?:我|忙)?|给我)(?:看|查|找|搜)(?:一下|下)?",
    r"请教(?:一下|下)?", r"问一句", r"(?:我)?想(?:问|查|看|找)(?:问|查|看|一下|下)?", r"求问", r"另外",
    *_PURPOSE,
    r"(?:着急|急)用", r"在线等",
)))
# Said to the bot rather than asked of it: answered with one line that points to /help.
_GREETING = re.compile(r"你好|您好|hello|hi|哈喽|嗨|在吗|在不在|你是谁|你是什么|你叫什么|你能做什么|"
                       r"你会什么|你会干什么|怎么用|如何使用|有什么功能|help|帮助")
_LEAD_PARTICLE = re.compile(r"^(?:那么|那)")
_FOLLOW_UP = re.compile(r"^(?:那么|那|还有|再看看?|换成)|呢$")
# Asked of the people in the chat, not of the bot: 谁有充电器, 谁来写材料, 谁知道…
_TO_PEOPLE = re.compile(r"谁(?:有|来|去|在|知道|能|会|帮|负责|写|发|拿|带)")
# A clause that only addresses someone: "领导，…", "各位老师，…".
_VOCATIVE = re.compile(r"(?:各位|各)?(?:(?:领导|老师|同事|同志|专家|主任|处长|科长|局长)(?:们)?)+")

_MENTION = re.compile(r"@[a-z0-9_]{3,}")
# HTML pasted or typed around a question (<b>高企</b>, <script>…</script>) is markup, not words of it.
_MARKUP = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>|</?[a-z][a-z0-9]*\b[^<>]{0,80}>", re.S)
# "多少家", "几个", "多少亿元": asking for a number, with its unit, says nothing about which indicator.
_HOW_MANY = re.compile(r"(?:多少|几)(?:万亿|亿|万|千)?(?:元|个|家|亩|人|项|倍|pflops)?")
_COUNTED = re.compile(r"[两二三四五六七八九十](?:个|项)(?=目标|指标|/|$)")
_YEAR = re.compile(r"(?<![0-9.])(19[5-9][0-9]|20[0-4][0-9])(?:年度|年)?(?![0-9]*[.亿万千个家%])")
_SHORT_YEAR = re.compile(r"(?<![0-9.])([0-4][0-9])年")  # "13年" → 2013
_RELATIVE_YEARS = {"今年": 0, "本年度": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
# "比上年多了多少": the difference from the year before, which names no second year.
_PREVIOUS_YEAR = re.compile(r"(?:比|较|相比|相较于?|对比)(?:上年|去年|上一年|前一年)(?:同期)?|同比")
# A figure quoted back: a number with a magnitude or a unit (5万亿, 180家, 57%), or a bare one of
# three or more digits or with decimals (2500, 4.89). Years are taken out before this runs.
# A number that is part of a name (世界500强, 第3代, 前10名, 500强企业) is no quantity: not after 第/前, not
# before 强/代/名/位 ….
_FIGURE = re.compile(r"(?<![0-9.a-z第前])([0-9]+(?:\.[0-9]+)?)(万亿|千亿|亿|万|千)?(元|家|个|亩|人|项|pflops|%)?"
                     r"(?![0-9.]|强|代|名|位|佳|届|次|批|期|号|周年|型|系列)")
_ASKS_YEAR = re.compile(r"哪一年|哪年|哪个年份|什么时候|啥时候|何时|几几年")
_NAMES_CITY = re.compile(r"(?:哪个|哪座|哪一个|什么)(?:城市|市|地方)|是哪里")
_ASKS_CITY = re.compile(r"(?:是)?(?:哪个|哪座|哪一个|什么)(?:城市|市|地方)|是哪个(?![指目数项])|是哪里|是谁|谁")
_COMPARE = re.compile(r"相差|差距|(?<!还)差了?多少|(?:差|多|少)几(?:个|家|项)?|多了?多少|少了?多少|多出|高出|低了?多少|增加了多少"
                      r"|(?<!占)比(?![重例率上去])")
_WHICH_MORE = re.compile(r"(?:谁|哪个|哪一个)(?:的)?(.*?)(?:更)?(?:多|高|大|少|低)")
_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# Ways of asking for a rank, folded to the word the ranking indicators use.
_RANK = re.compile(r"排(?:名)?第几|第几(?:名|位|城)?|排几|排在第几")
# 第三代, 第二批, 第三产业, 第三方 are names, not ranks.
_ORDINAL = re.compile(r"(?:排名?|位居|位列|居)?第([一二三四五六七八九十]|[1-9][0-9]?)(?:名|位|城|大)?"
                      r"(?![0-9]|个|季度|代|批|届|次|期|轮|号|条|款|章|产业|方|步|阶段|类|种|部|项|天|年|月|季|版)")
_TOP = re.compile(r"最多|最高|最大|最强|居首|领先")
_LIST_WORDS = re.compile(r"哪些|有啥|列出|列一下|列个|所有|全部|清单|一共|总共|共有|共(?=多少|几)")
_LIST_NOUN = re.compile(r"目标|指标|任务")
_COUNT = re.compile(r"(?:多少|几)(?:个|项|条)")
_CATEGORY_TAIL = re.compile(r"方面|领域|板块|类|相关")
# 同比 / 增速 asks for the indicator's published growth rate, a slot like 目标/进度: "工业投资同比增长多少"
# is about 工业投资, not about an indicator named "…增长". An amount (同比多了多少亿, 增加了多少) stays a
# difference between two years.
_GROWTH = re.compile(r"(?:同比)?(?:增速|增长率|增幅|涨幅|增长速度|增长幅度)(?:是|为)?(?:多少|几)?(?:个百分点|%)?"
                     r"|同比(?:增长|上升|提高|下降|减少|回落)?了?(?:多少|几)?(?:个百分点|%)?"
                     r"|(?:增长|下降)了?(?:多少|几)(?:个百分点|%)?")
_AMOUNT_ASKED = re.compile(r"(?:多|少|增加|减少)了?(?:多少|几)|多出|(?:多少|几)(?:万亿|千亿|亿|万|千)?(?:元|家|个(?!百分点)|人|亩|项)"
                           r"|多少(?:万亿|千亿|亿|万)")
# A dash between two numbers of months (1-10月, 1—10月, １－１０月) is read as 至 before punctuation goes.
_RANGE_DASH = re.compile(r"(?<=[0-9一二三四五六七八九十两])\s*[-—–~〜]+\s*(?=[0-9一二三四五六七八九十两])")
# Where a period may be written in a question; knowledge.periods.parse_period decides what it means.
_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"
_PERIOD_SPAN = re.compile(rf"(?<![0-9])(?:截至|截止)?前?{_MONTH_NUMBER}(?:[至到]{_MONTH_NUMBER})?个?月份?(?:末|底)?"
                          r"|前三季度|第?[一二三四1-4]季度|上半年")
# "工业投资10月数据": a trailing 数据 names nothing (大数据…, 数据中心…, 数据集 keep theirs).
_DATA_WORD = re.compile(r"(?<!大)数据(?=\s*(?:/|$))")
# 数据截至几月: when the figures reach, a question about the data rather than about one figure.
_AS_OF = re.compile(r"(?:最新)?的?(?:数据|统计|数字)?(?:(?:截至|截止)[到至]?|(?:更新|统计)[到至]|到|是|为)了?"
                    r"(?:几月|哪个月|哪月)份?的?(?:数据)?|(?:几月|哪个月)份?的?(?:数据|数字)")


@dataclass(frozen=True)
class Figure:
    """A number quoted in a question: Figure(Decimal('2500'), '亿', '2500亿'); unit as written."""

    value: Decimal
    unit: str
    text: str


@dataclass(frozen=True)
class Question:
    raw: str
    normalized: str
    core: str
    cities: tuple[str, ...] = ()
    year: int | None = None
    intent: str = ""  # target | progress | actual | source | ""
    wants_ratio: bool = False
    wants_stock: bool = False  # a total (总数, 累计 …), not what is added
    too_long: bool = False
    notes: tuple[str, ...] = field(default=())
    parts: tuple[str, ...] = ()  # the cores of several things asked about at once, in order
    joined: bool = False  # the parts were joined by 和/跟/与/、 — each is meant as an indicator
    years: tuple[int, ...] = ()  # every year named, in order
    figures: tuple[Figure, ...] = ()
    scopes: tuple[str, ...] = ()  # 全国, 江苏 …: the scope of a ranking asked about
    ranking: bool = False
    ordinal: int | None = None  # 第三 → 3 (最多/居首 → 1)
    asks_year: bool = False
    asks_city: bool = False
    compare: bool = False
    previous_year: bool = False  # 比上年: the difference from the year before
    listing: str = ""  # "" | "all" | "count" | "as_of" | a ProgressStatus | "category:<words>"
    greeting: bool = False
    follow_up: bool = False  # worded as a follow-up: 那…, 还有…, …呢
    growth: bool = False  # 同比 / 增速: the published growth rate is asked for
    growth_words: str = ""  # those words as written (增速, 同比增长), for an indicator named with them
    period_text: str = ""  # a period as written (1至10月, 前9个月, 上半年), for knowledge.periods.parse_period
    asks_as_of: bool = False  # 数据截至几月


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to simplified (OpenCC t2s); everything else unchanged."""
    return _converter().convert(text)


def _keep(char: str) -> bool:
    if char in "%&.":
        return True
    category = unicodedata.category(char)
    return category[0] in "LN"


_BREAKS = re.compile(r"[\s、,，;；!！?？~～/|:：。()（）\[\]【】]+")


def normalize(text: str, breaks: bool = False) -> str:
    """NFKC, traditional → simplified, lower case, no @mention, no punctuation, symbols or spaces.

    With `breaks`, clause breaks (spaces, commas, 、, ?) become one BREAK each instead of vanishing.
    """
    # a lone surrogate (badly encoded console input) cannot reach OpenCC's UTF-8
    text = (text or "").encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = _converter().convert(text).lower()
    text = _MENTION.sub("", text)
    text = _MARKUP.sub(" ", text)
    text = _RANGE_DASH.sub("至", text)
    if breaks:
        text = _BREAKS.sub(BREAK, text)
        return "".join(c for c in text if _keep(c) or c == BREAK)
    return "".join(c for c in text if _keep(c))


def strip_noise(text: str) -> str:
    text = _HOW_MANY.sub("", text)
    text = _COUNTED.sub("", text)
    for word in NOISE_WORDS:
        text = text.replace(word, "")
    return text.rstrip(TRAILING_PARTICLES)


def core_of(text: str) -> str:
    """The part of an already normalised text that names an indicator."""
    for words in INTENT_WORDS.values():
        for word in words:
            text = text.replace(word, "")
    return strip_noise(text).strip(".&")


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + " " + text[end:]


def _figure(match: re.Match) -> Figure | None:
    number, magnitude, unit = match.group(1), match.group(2) or "", match.group(3) or ""
    if not (magnitude or unit or len(number) >= 3 or "." in number):
        return None
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    if magnitude == "千亿":
        value, magnitude = value * 1000, "亿"
    elif magnitude == "千":
        value, magnitude = value * 1000, ""
    unit = {"pflops": "PFLOPS"}.get(unit, unit)
    return Figure(value, magnitude + unit, match.group(0))


def _clauses(text: str) -> list[str]:
    """Clauses with the polite wrapper and leading 那/trailing particles removed; empty ones dropped."""
    kept = []
    for clause in text.split(BREAK):
        clause = _POLITE.sub("", clause)
        clause = _LEAD_PARTICLE.sub("", clause).rstrip(CLAUSE_PARTICLES)
        if clause and not _VOCATIVE.fullmatch(clause):
            kept.append(clause)
    return kept


def _listing(text: str) -> str:
    """"" | "all" | "count" | "as_of" | a ProgressStatus | "category:<words>" (see Question.listing)."""
    from knowledge.labels import STATUS_LABELS
    from knowledge.progress import BEHIND, DONE, NO_DATA

    # the statuses' own words (滞后, 已完成 …) and the ways people say them
    status_words = {label: status for status, label in STATUS_LABELS.items()}
    status_words.update({"没数据": NO_DATA, "没有数据": NO_DATA, "无数据": NO_DATA, "未录入": NO_DATA,
                         "没录入": NO_DATA, "落后": BEHIND, "完成了": DONE, "已经完成": DONE,
                         "完成的": DONE, "达标": DONE})
    asks_list = bool(_LIST_WORDS.search(text))
    for word in sorted(status_words, key=len, reverse=True):
        if word in text and (asks_list or _COUNT.search(text)):
            return status_words[word]
    if not _LIST_NOUN.search(text):
        return ""
    if _COUNT.search(text) and asks_list or re.search(r"(?:多少|几)(?:个|项|条)(?:目标|指标|任务)", text):
        return "count"
    if not asks_list:
        return ""
    rest = _LIST_WORDS.sub("", text)
    rest = _LIST_NOUN.sub("", rest)
    rest = _CATEGORY_TAIL.sub("", strip_noise(rest))
    rest = rest.replace(" ", "")
    return f"category:{rest}" if rest else "all"


def parse_question(raw: str, today: date) -> Question:
    """Split a message into slots and core; never raises, whatever the text."""
    too_long = len(raw or "") > MAX_QUESTION_CHARS
    text = normalize((raw or "")[: MAX_QUESTION_CHARS * 4], breaks=True)
    if len(text.replace(BREAK, "")) > MAX_QUESTION_CHARS:
        too_long = True
    if too_long:
        flat = text.replace(BREAK, "")
        return Question(raw or "", flat[:MAX_QUESTION_CHARS], "", too_long=True)
    normalized = text.replace(BREAK, "")
    clauses = _clauses(text)
    rest = "".join(clauses)
    unwrapped = _POLITE.sub("", normalized)
    greeting = bool(_GREETING.search(normalized)) and not (
        _GREETING.sub("", rest).rstrip(TRAILING_PARTICLES) and _GREETING.sub("", unwrapped).strip(TRAILING_PARTICLES))
    if greeting:
        return Question(raw, normalized, "", greeting=True)
    follow_up = bool(_FOLLOW_UP.search(normalized))
    text = BREAK.join(clauses)
    if _TO_PEOPLE.search(text):
        return Question(raw, normalized, "")

    ranking = bool("排名" in text or _RANK.search(text) or _ORDINAL.search(text) or _TOP.search(text))
    ordinal = None
    if (found := _ORDINAL.search(text)) and not _RANK.search(text):
        digits = found.group(1)
        ordinal = int(digits) if digits.isdigit() else _ORDINALS[digits]
    elif _TOP.search(text) and not _RANK.search(text):
        ordinal = 1
    text = re.sub(r"占?了?一半", "占比", text)  # 民营占了一半没有: a share compared with 50%
    text = _RANK.sub("排名", text)
    text = _ORDINAL.sub("排名", text)
    text = _TOP.sub("排名", text)

    cities, scopes = [], []
    for place in PLACES_AND_SCOPES:
        if place not in text:
            continue
        if ranking and place in RANK_SCOPES:
            scopes.append(SCOPE_SYNONYMS.get(place, place))
            text = re.sub(f"(?:在)?{place}(?:范围内|范围|内)?", " ", text)
        elif place in PLACES:
            cities.append(place)
            text = text.replace(place + "市", " ").replace(place, " ")
    if ranking:
        text = text.replace("在", "")

    growth = bool(_GROWTH.search(text)) and not _AMOUNT_ASKED.search(text)
    growth_words = ""
    if growth:
        growth_words = strip_noise(_GROWTH.search(text).group(0))
        text = _GROWTH.sub(" ", text)
    previous_year = bool(_PREVIOUS_YEAR.search(text)) and not growth
    text = _PREVIOUS_YEAR.sub(" ", text)
    relative: list[tuple[int, int]] = []  # (position, year)
    for word, offset in _RELATIVE_YEARS.items():
        if (at := text.find(word)) >= 0:
            relative.append((at, today.year + offset))
            text = text.replace(word, " " * len(word))
    explicit: list[tuple[int, int]] = []
    while match := _YEAR.search(text):
        explicit.append((match.start(), int(match.group(1))))
        text = _cut(text, match.start(), match.end())
    while short := _SHORT_YEAR.search(text):
        explicit.append((short.start(), 2000 + int(short.group(1))))
        text = _cut(text, short.start(), short.end())
    ordered_years = tuple(dict.fromkeys(y for _, y in sorted(explicit + relative)))
    # a year written out wins over 今年/去年 in the same question
    year = min(explicit)[1] if explicit else (min(relative)[1] if relative else None)

    asks_as_of = bool(_AS_OF.search(text))
    text = _AS_OF.sub(" ", text)
    period_text = ""
    for match in _PERIOD_SPAN.finditer(text):
        try:
            parse_period(match.group(0), ordered_years[0] if ordered_years else today.year)
        except PeriodError:
            continue
        period_text = match.group(0)
        text = _cut(text, match.start(), match.end())
        break

    figures = []
    for match in reversed(list(_FIGURE.finditer(text))):
        if (figure := _figure(match)) is not None:
            figures.insert(0, figure)
            text = _cut(text, match.start(), match.end())

    asks_year = bool(_ASKS_YEAR.search(text))
    text = _ASKS_YEAR.sub(" ", text)
    asks_city = bool(_ASKS_CITY.search(text)) and (ranking or bool(figures))
    if asks_city and not _NAMES_CITY.search(text) and _LIST_NOUN.search(text):
        asks_city = False  # 目标1000家的是哪个: which target, not which city
    if asks_city:
        text = _ASKS_CITY.sub(" ", text)
    if len(cities) >= 2 and (which := _WHICH_MORE.search(text)):
        text = f"{text[:which.start()]} {which.group(1)} {text[which.end():]}"  # 苏州和上海谁的千亿产业多
        compare = True
    else:
        compare = previous_year or bool(_COMPARE.search(text))
    if compare:
        text = _COMPARE.sub(" ", text)
    listing = _listing(text.replace(BREAK, ""))

    # 建得怎么样, 供得咋样: the verb before 得 asks how it goes, it names nothing
    if re.search(r"得(?=怎么样|咋样|如何|怎样)", text):
        intent_hint = "progress"
        text = re.sub(r"(?:建|供|做|干|搞|推进|完成|落实|弄)?得(?=怎么样|咋样|如何|怎样)", "", text)
    else:
        intent_hint = ""
    intent = ""
    for name, words in INTENT_WORDS.items():
        for word in words:
            if word in text:
                intent = intent or name
                text = text.replace(word, " ")
    intent = intent_hint or intent or ("actual" if asks_as_of else "")
    text = _DATA_WORD.sub(" ", text.rstrip())
    flat = _ADVERB.sub("", strip_noise(text.replace(" ", "").replace(BREAK, "")))
    pieces = [_ADVERB.sub("", strip_noise(p.replace(" ", ""))).strip(".&")
              for p in re.split(r"/|以及|和|跟|与|及|还有", text)]
    pieces = [p for p in pieces if p]
    if len(pieces) == 1:
        flat = pieces[0]
    joined = bool(re.search(r"以及|和|跟|与|及|还有|、", raw or "")) and len(pieces) > 1
    wants_ratio = any(marker in flat for marker in RATIO_MARKERS)
    # 一共要建几个 sums a plan (of one or of the things listed), it does not ask for a stock
    planned = _PLANNED_SUM.sub("", normalized)
    wants_stock = (intent != "progress" and any(marker in planned for marker in STOCK_MARKERS)
                   and not any(marker in planned for marker in INCREMENT_MARKERS))
    order = {c: normalized.find(c) for c in cities}
    return Question(
        raw=raw,
        normalized=normalized,
        core=flat.strip(".&"),
        cities=tuple(sorted(cities, key=order.get)),
        year=year,
        intent=intent,
        wants_ratio=wants_ratio,
        wants_stock=wants_stock,
        parts=tuple(pieces) if len(pieces) > 1 else (),
        joined=joined,
        years=ordered_years,
        figures=tuple(figures),
        scopes=tuple(scopes),
        ranking=ranking,
        ordinal=ordinal,
        asks_year=asks_year,
        asks_city=asks_city,
        compare=compare,
        previous_year=previous_year,
        listing=listing or ("as_of" if asks_as_of and not flat.strip(".&") and not pieces else ""),
        follow_up=follow_up,
        growth=growth,
        growth_words=growth_words,
        period_text=period_text,
        asks_as_of=asks_as_of,
    )
