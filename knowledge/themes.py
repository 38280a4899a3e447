"""Reading a group of targets out of a question: a theme of the plan (产业规模, 企业培育 …), several
themes at once (产业规模和投资这两块), every target (27项目标都发一下), or words asked as a group
(研发相关的目标, 企业培育梯队这几个指标).

`read_theme(text) -> (theme, rest)`: `theme` is "" (no group asked for), ALL, or the group's pieces
joined by "/", each either a theme's name (as in seeds/indicators.csv's category column) or the words
as written (研发, 智能工厂) for the answerer to find in indicator names; `rest` is the text without them.
Which indicators the pieces mean is the answerer's (knowledge/theme_answers.py), which knows the names.
"""

from __future__ import annotations

import re

from knowledge.question_words import CATEGORY_TAIL, COUNT, LIST_NOUN, LIST_WORDS

ALL = "*"

# The themes the plan groups its targets in (the categories of seeds/indicators.csv) and the other words
# staff use for them. NAMES name the theme wherever they stand: none is part of an indicator's name.
NAMES = {
    "产业规模": ("产业规模", "工业规模"),
    "投资与项目": ("投资与项目", "投资和项目", "投资项目", "项目投资"),
    "企业培育": ("企业培育", "企业梯队", "培育梯队"),
    "科技创新": ("科技创新", "科创"),
    "数字化智能化": ("数字化智能化", "数字化和智能化", "数智化", "数字化", "智能化", "智改数转"),
    "要素保障": ("要素保障", "资源要素", "要素", "保障"),
}
# Words that name a theme only as one piece of a group asked for (企业和创新两方面): alone in a question
# they are part of indicator names (工业投资, 高新技术企业).
PIECES = {"规模": "产业规模", "投资": "投资与项目", "项目": "投资与项目", "企业": "企业培育",
          "创新": "科技创新", "科技": "科技创新"}

_NOUN = r"(?:目标|指标|任务|数字|数据|数|要求)"
# What says that the words before it are a group: 这两块, 两方面, 方面, 相关, 这几个, 那些, 类.
_GROUP = re.compile(r"(?:这|那|哪)?[一两二三四五六七几]?个?(?:块|方面|领域|板块|部分|档次|档|等级|级别|层级|层次)|相关|(?:这|那|哪)一?类|类(?=的?(?:目标|指标))"
                    r"|(?:这|那)(?:[两二三四五六七几]个|[两二三四五六七几]项|些)|哪几(?:个|项)")
# 几个占GDP比重的目标, 两类智能工厂: a count of kinds before the words the group shares
_ITEMS = re.compile(r"(?:这|那)[两二三四五六七几](?:个|项)")
_LEADING = re.compile(rf"^(?:这|那|哪)?(?:几(?:个|项)(.+?)的?{_NOUN}|[两二三四五六七几](?:类|种)(.+?)(?:的?{_NOUN}|各|分别|都|是|有|多少|几|$))")
_EVERY = re.compile(rf"(?:全部|所有|这|那)?的?(?:[0-9]+|二十七|二十几)项{_NOUN}")
_JOINS = re.compile(r"和|与|及|跟|或|、|以及|/")
# What may follow a theme's name: its clause's end, a noun or question word, or another theme listed.
# Anything else makes it part of a larger name (科创板).
_FOLLOWS = re.compile(r"$|/|的|目标|指标|任务|要求|方面|相关|有|都|这|那|和|与|及|、|呢|吗|定|是|共|一共|哪|多少|几|情况|怎么|如何|数")
# Words of asking before a theme's name (把数字化智能化的几个目标列一下): they name nothing.
_LEAD = re.compile(r"^(?:把|将|关于|对于|有关|对|在|说说|看看|讲讲|发一下|列一下|给我|发我|请|再)+")
_FILLER = re.compile(r"^(?:关于|对于|有关|对|在)|(?:的|建设|培育)+$")


# Words that say a field of work, not a thing (创新|能力, 智能|制造, 项目|建设, 企业|梯度|培育, 数字|转型): beside
# a part of a theme's name they still name the theme. Anything else beside it names another thing
# (数字|人民币, 企业|年金, 投资|理财, 科技|馆), which no theme is.
FIELD_WORDS = re.compile(r"能力|水平|实力|动能|发展|建设|提升|改造|转型|升级|驱动|制造|梯度|梯次|支撑|体系|工作|招引|"
                         r"引进|推进|赋能|的|数$")  # …培育数: the numbers of it


def themes_within(words: str) -> tuple[str, ...]:
    """The themes a part of whose name (two characters of it or of another word for it) stands in `words`
    with nothing beside it but FIELD_WORDS, in the order written: 创新能力 → ("科技创新",), 投资规模 →
    ("投资与项目", "产业规模"), 数字人民币 → (). For words asked as a group that name no indicator
    (创新能力这块): the theme meant, in other words. A part that two themes' names share points to neither."""
    at, covered, bare = {}, set(), FIELD_WORDS.sub(" ", words)
    for part, theme in _PARTS.items():
        for found in (k for k in range(len(bare) - 1) if bare.startswith(part, k)):
            at.setdefault(theme, found)
            covered |= {found, found + 1}
    rest = "".join(c for k, c in enumerate(bare) if k not in covered).strip()
    return tuple(sorted(at, key=at.get)) if not rest else ()


def _parts_of_names() -> dict[str, str]:
    owners: dict[str, set[str]] = {}
    for theme, words in NAMES.items():
        for word in (theme, *words):
            for i in range(len(word) - 1):
                owners.setdefault(word[i:i + 2], set()).add(theme)
    return {part: next(iter(themes)) for part, themes in owners.items()
            if len(themes) == 1 and not _JOINS.search(part)}  # 资和 of 投资和项目 is no part


_PARTS = _parts_of_names()


def _canonical(piece: str) -> str:
    """A piece as the theme it names, else as written."""
    for theme, words in NAMES.items():
        if any(word in piece for word in words):
            return theme
    return PIECES.get(piece, piece)


def _pieces(words: str) -> list[str]:
    pieces = [_FILLER.sub("", p.replace(" ", "")) for p in _JOINS.split(words)]
    return list(dict.fromkeys(_canonical(p) for p in pieces if p))


def read_theme(text: str, found: dict | None = None) -> tuple[str, str]:
    """(the group asked for — "", ALL or pieces joined by "/" — and the text without it). `text` is a
    normalised question, clauses separated by "/"."""
    if found := _EVERY.search(text):
        return ALL, text[:found.start()] + " " + text[found.end():]
    groups = list(_GROUP.finditer(text))
    # a group word after a theme's own name wins (算力人才用地贷款这些资源要素类目标: 要素保障)
    # else the last group word, the narrowest said (总量规模类的指标/增加值那几个: the 增加值 ones)
    groups.sort(key=lambda g: (not any(t in NAMES for t in _pieces(text[text.rfind("/", 0, g.start()) + 1:g.start()])), -g.start()))
    for group in groups:
        start = text.rfind("/", 0, group.start()) + 1
        words = text[start:group.start()]
        pieces = _pieces(words)
        counted = re.search("[两二三四五六七]", group.group(0)) and (len(pieces) > 1 or "/" in text[:start])
        if pieces and not counted and (theme := _theme_after(text[group.end():])):
            # 算力人才土地资金这几项要素保障目标: the theme named after the group word is the group, the
            # words before it its items (listed with it by the answerer); 人才和资金这两项要素: the two
            return theme[0], text[:group.start()] + " " + text[group.end() + theme[1]:]
        if len(pieces) == 1 and pieces[0] not in NAMES and "/" in text[:start] and _ITEMS.match(group.group(0)) \
                and not (group is groups[0] and len(groups) > 1):
            continue  # 工业投资总额、亿元以上项目这两项: the things listed before are asked, not a group of one
            # (unless a group was named before it: 总量规模类的指标、增加值那几个 — the 增加值 ones of it)
        if pieces:
            end = group.end()
            if tail := re.match(rf"的?{_NOUN}?", text[end:]):
                end += tail.end()
            return "/".join(pieces), text[:start] + " " + text[end:]
    if (found := _LEADING.search(text)) and (pieces := _pieces(found.group(1) or found.group(2))):
        return "/".join(pieces), text[:found.start()] + " " + text[found.end():]
    named = [theme for theme, words in NAMES.items() if any(_stands_alone(text, word) for word in words)]
    if named:
        for word in sorted((w for t in named for w in NAMES[t]), key=len, reverse=True):
            text = text.replace(word, " ")
        return "/".join(named), text
    return "", text


def _stands_alone(text: str, word: str) -> bool:
    """Does `word` name a theme here: it starts its clause, or what precedes it in the clause is things
    listed (资金和土地保障)? After another word it is part of a larger name (生物医药产业规模)."""
    at = text.find(word)
    while at >= 0:
        before = _LEAD.sub("", text[text.rfind("/", 0, at) + 1:at].replace(" ", ""))
        if (not before or _JOINS.search(before)) and _FOLLOWS.match(text[at + len(word):].lstrip(" ")):
            return True
        at = text.find(word, at + 1)
    return False


def _theme_after(text: str) -> tuple[str, int] | None:
    """(the theme whose name opens `text`, after an optional 的, and the length of both), or None."""
    lead = 1 if text.startswith("的") else 0
    for theme, words in NAMES.items():
        for word in sorted(words, key=len, reverse=True):
            if text.startswith(word, lead):
                return theme, lead + len(word)
    return None
