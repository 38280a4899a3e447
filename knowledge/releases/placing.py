"""The place in force over a release's lines, which a figure naming none (or only 全市) is of: a heading
of the body naming another place — a sub-heading “（二）无锡”, a second document's heading “2026年1-10月
无锡市经济运行情况” pasted after the first, “附：周边城市情况” for other cities unnamed — holds until the
next heading that names a place or, for a numbered one, the next of its rank or above (“三、工业投资”
after “（二）无锡”). An unnumbered heading naming no place (“工业生产”) keeps the place: reading it as the
release's own would write another city's figures as 苏州's. Also the place named last, which 该市/该地
means (origin.figure_place).
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.places import CITIES, SUZHOU_DISTRICTS
from knowledge.releases.city_names import with_city_names
from knowledge.releases.city_parts import city_part, part_place
from knowledge.releases.origin import OTHER_PLACES, Origin, places_named

_HEADING_CHARS = 40
# the rank of a numbered heading: 一、 above （一） above 1.; an unnumbered heading naming a place is a
# document's own heading, above all
_RANKS = ((re.compile(r"^\s*[一二三四五六七八九十]+、"), 1), (re.compile(r"^\s*[（(][一二三四五六七八九十\d]+[）)]"), 2),
          (re.compile(r"^\s*\d+[.、．](?!\d)"), 3))
# the period a document's heading may begin with (2026年1-10月无锡市…): left out to find the place after it
_LEADING_PERIOD = re.compile(r"^(?:\d{4}年)?(?:(?:\d{1,2}[-—－~至到]|前)?\d{1,2}个?月份?|[一二三四]季度|前三季度|[上下]半年|全年)?")
_OTHER_CITIES = re.compile(r"(?:周边|兄弟|其他|其它|部分|主要|先进|相关)(?:城市|地市|地区)")


def _rank(raw_line: str) -> int | None:
    return next((rank for mark, rank in _RANKS if mark.match(raw_line)), None)


def _city_or_district(place: str) -> bool:
    return place in CITIES or place in SUZHOU_DISTRICTS


class PlaceInForce:
    """Whose figures the lines read so far are: `origin` (an Origin) is the release's, with the section
    and the place named last in force now."""

    def __init__(self, origin: Origin):
        self.origin = origin
        self._rank: int | None = None  # the rank of the heading that set the section

    def heading(self, raw_line: str, heading: str) -> None:
        """Take `heading` (a line's sentence naming no figure, `raw_line` the line with its number) as a
        heading when it is one: short, not ending as a sentence."""
        if len(heading) > _HEADING_CHARS or heading.endswith(("。", "！", "？", "；", "，")):
            self.read(heading)
            return
        rank = _rank(raw_line)
        named = places_named(with_city_names(heading))  # 姑苏晚报 is 苏州's paper, not 姑苏区
        body = _LEADING_PERIOD.sub("", with_city_names(heading))
        part = city_part(heading)  # （三）高新区, 苏州湾…: part of the city, not 苏州 (city_parts.py)
        if part:
            place = part_place(part)
            self._set("" if place == self.origin.place else place, heading, rank or 0)
        elif len({p for p, _ in named}) == 1 and _city_or_district(named[0][0]) and body.startswith(named[0][1]):
            place = named[0][0]
            self._set("" if place == self.origin.place else place, heading, rank or 0)
        elif not named and _OTHER_CITIES.search(heading):
            self._set(OTHER_PLACES, heading, rank or 0)
        elif rank is not None and self._rank is not None and rank <= self._rank:
            self._set("", "", None)
        self.read(heading)

    def _set(self, section: str, heading: str, rank: int | None) -> None:
        self.origin = replace(self.origin, section=section, section_heading=heading)
        self._rank = rank if section else None

    def read(self, sentence: str) -> None:
        """Note the place `sentence` names last, for a 该市 after it."""
        named = [place for place, _ in places_named(with_city_names(sentence)) if _city_or_district(place)]
        if named:
            self.origin = replace(self.origin, named_last=named[-1])

