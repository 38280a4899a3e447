"""The other names a release's heading, byline, signature or 来源 may give its city: a city's common
nickname (锡城 for 无锡, 鹏城 for 深圳) and the city's own daily and evening papers (江南晚报 is 无锡's,
新民晚报 上海's). Data only; origin.py reads them where it reads a document's place.

Where the names come from: common usage in the Chinese press (each paper's masthead names its city's
party committee or press group as publisher). No figures. Only names that point to one city are kept:
龙城 (常州, 太原, 柳州), 江城 (武汉, 吉林), 榕城 (福州, 揭阳's 榕城区) are left out, and so is 姑苏, which is
also 苏州's 姑苏区; single-character abbreviations (沪, 穗, 渝) name a city only inside longer words
(沪苏同城) and are left out too. A province's papers (新华日报, 扬子晚报…) carry every city's news and name
no city; another province's (羊城晚报) make a release no 苏州 release (outside.py).
"""

from __future__ import annotations

import re

from knowledge.places import SUZHOU_DISTRICTS
from knowledge.releases.words import PLACE_FORMS

# nickname → the knowledge base's name of the city (knowledge/places.py CITIES)
NICKNAMES = {
    "锡城": "无锡", "鹏城": "深圳", "申城": "上海", "羊城": "广州", "金陵": "南京", "杭城": "杭州", "甬城": "宁波",
    "蓉城": "成都", "星城": "长沙", "泉城": "济南", "津城": "天津", "京城": "北京", "彭城": "徐州", "鹭岛": "厦门",
    "冰城": "哈尔滨",
}

# city → its own main daily and evening papers (and the city government's news site)
PAPERS = {
    "苏州": ("苏州日报", "姑苏晚报", "名城苏州"),
    "无锡": ("无锡日报", "江南晚报"),
    "常州": ("常州日报", "常州晚报"),
    "南京": ("南京日报", "金陵晚报"),
    "南通": ("南通日报", "江海晚报"),
    "徐州": ("徐州日报", "彭城晚报"),
    "扬州": ("扬州日报", "扬州晚报"),
    "镇江": ("镇江日报", "京江晚报"),
    "泰州": ("泰州日报", "泰州晚报"),
    "盐城": ("盐城日报", "盐阜大众报"),
    "淮安": ("淮安日报", "淮海晚报"),
    "宿迁": ("宿迁日报", "宿迁晚报"),
    "连云港": ("连云港日报", "苍梧晚报"),
    "上海": ("解放日报", "文汇报", "新民晚报"),
    "北京": ("北京日报", "北京晚报", "北京青年报"),
    "深圳": ("深圳特区报", "深圳商报", "深圳晚报", "晶报"),
    "广州": ("广州日报", "新快报"),
    "杭州": ("杭州日报", "都市快报"),
    "宁波": ("宁波日报", "宁波晚报"),
    "天津": ("天津日报", "今晚报"),
    "成都": ("成都日报", "成都商报"),
    "武汉": ("长江日报", "武汉晚报"),
    "香港": ("大公报", "明报", "星岛日报", "香港商报"),
}

# papers of another province or region (their names hold no city): province → papers
PROVINCE_PAPERS = {
    "广东": ("羊城晚报", "南方日报", "南方都市报"),
    "浙江": ("浙江日报", "钱江晚报"),
    "山东": ("大众日报", "齐鲁晚报"),
    "湖北": ("湖北日报", "楚天都市报"),
    "四川": ("四川日报", "华西都市报"),
    "安徽": ("安徽日报", "新安晚报"),
    "河南": ("河南日报", "大河报"),
    "福建": ("福建日报", "海峡都市报"),
}
# a province's or the country's papers: they name no city, whatever words their names hold (羊城晚报)
NO_CITY_PAPERS = ("新华日报", "扬子晚报", "现代快报", "人民日报", "经济日报", "光明日报") + tuple(
    paper for papers in PROVINCE_PAPERS.values() for paper in papers)

_CITY_OF = {**NICKNAMES, **{paper: city for city, papers in PAPERS.items() for paper in papers},
            **{paper: "" for paper in NO_CITY_PAPERS}}
# one alternation with the places' own names, longest first: 北京城市 is 北京 then 城市, not 北 then 京城
_NAMES = re.compile("|".join(re.escape(w) for w in sorted(set(_CITY_OF) | set(PLACE_FORMS), key=len, reverse=True)))
PAPER = re.compile("|".join(re.escape(w) for w in sorted(set(_CITY_OF) - set(NICKNAMES), key=len, reverse=True)))


def with_city_names(text: str) -> str:
    """`text` with each nickname and paper written as its city's name, and a province's paper left out:
    "锡城工业经济" → "无锡工业经济", "江南晚报2026-11-21" → "无锡2026-11-21", "苏州日报" → "苏州"."""
    return _NAMES.sub(lambda m: _CITY_OF.get(m.group(), m.group()), text)


def in_paper_name(sentence: str, start: int) -> bool:
    """True when a paper's name naming a district begins at `start` (姑苏晚报讯: 苏州's evening paper, whose
    姑苏 is no 姑苏区 figure's place)."""
    paper = PAPER.match(sentence, start)
    return bool(paper) and any(paper.group().startswith(district) for district in SUZHOU_DISTRICTS)
