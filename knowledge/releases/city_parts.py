"""A release of part of the city written by its short name: a heading, byline or signature beginning
with 园区, 高新区, 开发区, 经开区, 新区, 全区/本区/我区, SIP or 苏州湾 (after a period, or after 苏州/苏州市) is a
district's or a zone's release, never Suzhou's: its figures naming no place are that part's, and the
knowledge base holds no figures for such a short name, so they are unplaced with the reason (origin.py).

Data and one test; origin.document_origin asks it where it asks the lines for a place.
"""

from __future__ import annotations

import re

# the short names of a part of the city a release may head itself with; longest first
CITY_PARTS = ("苏州湾", "SIP", "园区", "高新区", "经济技术开发区", "经开区", "开发区", "新区", "度假区",
              "保税区", "综保区", "全区", "本区", "我区")
# a short name that can mean only one district the knowledge base may hold (园区 and SIP are 苏州工业园区;
# 高新区, 经开区, 苏州湾 are left as written: none is one district's whole area for certain)
PART_PLACES = {"园区": "苏州工业园区", "SIP": "苏州工业园区"}
# 2026年1-10月, 前三季度…: a heading may begin with its period before its place
_LEADING_PERIOD = r"(?:\d{4}年)?(?:(?:\d{1,2}[-—－~至到]|前)?\d{1,2}个?月份?|[一二三四]季度|前三季度|[上下]半年|全年)?"
_PART = re.compile(rf"^{_LEADING_PERIOD}(?:苏州市?(?!湾))?(?P<part>{'|'.join(CITY_PARTS)})(?![域内外间])", re.I)


def city_part(text: str) -> str | None:
    """The part of the city `text` (a heading, a byline's or signature's organisation) begins with, as
    written: "园区1-10月工业经济运行情况" → "园区", "苏州高新区统计局" → "高新区", "SIP 1-10月…" → "SIP";
    None for "2026年1-10月全市…" or "苏州市统计局"."""
    found = _PART.match(re.sub(r"\s+", "", text))
    return found.group("part") if found else None


def part_place(written: str) -> str:
    """The knowledge base's name of a part of the city written `written`: "园区" → "苏州工业园区", else itself."""
    return PART_PLACES.get(written.upper(), written)
