"""From a raw chat message to a Question: normalised text, the slots (city, year, intent) and the core.

Normalising: NFKC (full-width → half-width), traditional → simplified (OpenCC), lower case, the bot's
@mention and punctuation removed. The slots are then taken out, and so are the words that carry no
meaning for matching (请问, 多少, 呢 …), leaving the core that is matched against indicator names.
Indicator names and aliases go through the same `core_of`, so both sides are compared alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from knowledge.places import PLACES

MAX_QUESTION_CHARS = 200

INTENT_WORDS = {
    "progress": ("完成情况", "完成率", "完成进度", "进度", "进展", "完成了", "完成"),
    "target": ("目标值", "目标", "任务", "计划", "规划", "要求", "指标"),
    "actual": ("实际值", "实际", "实绩", "最新", "现在", "目前", "当前", "现状"),
}
NOISE_WORDS = (
    "我想知道", "想知道", "告诉我", "请问", "请教", "麻烦", "帮我", "帮忙", "查一下", "查询", "查下",
    "看一下", "看看", "看下", "问一下", "问下", "问问", "一下", "是多少", "有多少", "多少", "有几个",
    "几个", "几家", "有几", "多大", "多高", "怎么样", "怎样", "如何", "情况", "要达到", "达到", "要到",
    "达", "哪些", "什么", "全市", "我市", "本市", "市里", "咱们", "我们", "今年的", "的", "是", "有",
    "要",
)
TRAILING_PARTICLES = "吗呢呀啊吧了么嘛哦"
RATIO_MARKERS = ("比重", "占比", "比例", "占", "率", "强度")
# "专精特新企业总数" asks for a stock; a target for how many are *added* this year is not its answer.
# Not 累计: "今年累计完成" is the year's additions so far.
STOCK_MARKERS = ("总数", "总共", "一共", "共有", "现有", "存量", "保有")
INCREMENT_MARKERS = ("新增", "新培育", "新认定", "新供", "新建", "新引进", "增加", "增长")

_MENTION = re.compile(r"@[a-z0-9_]{3,}")
# "多少家", "几个", "多少亿元": asking for a number, with its unit, says nothing about which indicator.
_HOW_MANY = re.compile(r"(?:多少|几)(?:万亿|亿|万|千)?(?:元|个|家|亩|人|项|倍|pflops)?")
_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-4][0-9])(?:年度|年)?(?![0-9]*[亿万个家%])")
_SHORT_YEAR = re.compile(r"(?<![0-9])([0-4][0-9])年")  # "13年" → 2013
_RELATIVE_YEARS = {"今年": 0, "本年度": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}


@dataclass(frozen=True)
class Question:
    raw: str
    normalized: str
    core: str
    cities: tuple[str, ...] = ()
    year: int | None = None
    intent: str = ""  # target | progress | actual | ""
    wants_ratio: bool = False
    wants_stock: bool = False  # a total (总数, 累计 …), not what is added
    too_long: bool = False
    notes: tuple[str, ...] = field(default=())


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


def normalize(text: str) -> str:
    """NFKC, traditional → simplified, lower case, no @mention, no punctuation, symbols or spaces."""
    # a lone surrogate (badly encoded console input) cannot reach OpenCC's UTF-8
    text = (text or "").encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = _converter().convert(text).lower()
    text = _MENTION.sub("", text)
    return "".join(c for c in text if _keep(c))


def strip_noise(text: str) -> str:
    text = _HOW_MANY.sub("", text)
    for word in NOISE_WORDS:
        text = text.replace(word, "")
    return text.rstrip(TRAILING_PARTICLES)


def core_of(text: str) -> str:
    """The part of an already normalised text that names an indicator."""
    for words in INTENT_WORDS.values():
        for word in words:
            text = text.replace(word, "")
    return strip_noise(text).strip(".&")


# Ways of asking for a rank, folded to the word the ranking indicators use.
_RANK = re.compile(r"排(?:名)?第几|第几(?:名|位|城)?|排几")


def parse_question(raw: str, today: date) -> Question:
    """Split a message into slots and core; never raises, whatever the text."""
    too_long = len(raw or "") > MAX_QUESTION_CHARS
    text = normalize((raw or "")[: MAX_QUESTION_CHARS * 4])
    if len(text) > MAX_QUESTION_CHARS:
        too_long = True
    if too_long:
        return Question(raw or "", text[:MAX_QUESTION_CHARS], "", too_long=True)
    normalized = text
    text = _RANK.sub("排名", text)

    cities = []
    for place in PLACES:
        if place in text:
            cities.append(place)
            text = text.replace(place + "市", " ").replace(place, " ")

    year = None
    for word, offset in _RELATIVE_YEARS.items():
        if word in text:
            year = today.year + offset
            text = text.replace(word, " ")
    match = _YEAR.search(text)
    if match:
        year = int(match.group(1))
        text = text[: match.start()] + " " + text[match.end():]
    elif short := _SHORT_YEAR.search(text):
        year = 2000 + int(short.group(1))
        text = text[: short.start()] + " " + text[short.end():]

    intent = ""
    for name, words in INTENT_WORDS.items():
        for word in words:
            if word in text:
                intent = intent or name
                text = text.replace(word, " ")
    text = strip_noise(text.replace(" ", ""))
    wants_ratio = any(marker in text for marker in RATIO_MARKERS)
    wants_stock = (intent != "progress" and any(marker in normalized for marker in STOCK_MARKERS)
                   and not any(marker in normalized for marker in INCREMENT_MARKERS))
    order = {c: normalized.find(c) for c in cities}
    return Question(
        raw=raw,
        normalized=normalized,
        core=text.strip(".&"),
        cities=tuple(sorted(cities, key=order.get)),
        year=year,
        intent=intent,
        wants_ratio=wants_ratio,
        wants_stock=wants_stock,
    )
