"""Releases whose lead or 来源 says they come from outside 苏州 without naming a city the reader knows.

A lead naming a statistics office of some place (“记者从羊城统计部门获悉”, “11月18日，龙城统计局发布…”)
makes the release that place's: a nickname (羊城, 金陵, 锡城) is its city; a place word that names no one
city (龙城 is 常州, 太原 or 柳州; 鹿城, 港城, 禾城, 榕城…) leaves the release unplaced — never 苏州's. The
office of 市/我市/本市, of 苏州 or 姑苏, and of the province or the country (省统计局, 国家统计局) stays as
it was. A 来源 naming another province's or region's paper (羊城晚报, 钱江晚报) makes the release no
苏州 release either; 苏州's own papers and the national and Jiangsu wire (新华社, 新华日报, 人民日报) name
no place (city_names.py).
"""

from __future__ import annotations

import re

from knowledge.places import CITIES, PROVINCES
from knowledge.releases.city_names import PROVINCE_PAPERS, with_city_names
from knowledge.releases.city_parts import CITY_PARTS, PART_PLACES
from knowledge.releases.words import EDGE_LINES, PLACE_FORMS, SOURCE_LABEL

# the office of a place that published the figures: the place word is the two to four characters before it
_OFFICE_LEAD = re.compile(
    r"(?:^|(?<=[从据在，,：:日]))(?![从据在记])(?P<who>[\u4e00-\u9fff]{2,4}?)市?(?:统计部门|统计局|调查队|统计机构)"
    r"(?:[今昨前近日天\d年月号]|最新|正式|对外){0,12}(?:获悉|发布|公布|通报|披露)")
# words before an office that name no other place: 苏州's own, the province's, the country's, or none
_NOT_ELSEWHERE = re.compile(r"(?:我|本|全|该)?市|(?:江苏)?省|全省|国家|全国|中国|有关|相关|各级|当地|记者|本报"
                            r"|苏州|姑苏|园区|高新区"
                            # other offices beside the statistics one (从工信和统计部门获悉): no place word
                            r"|[和与及、]|部|委|办|工信|发改|商务|工业|经济|税务|海关|人社|财政|金融")
_PAPER_PROVINCE = {paper: province for province, papers in PROVINCE_PAPERS.items() for paper in papers}


def office_elsewhere(lead: str) -> tuple[str, str] | None:
    """(place, as written) of the office `lead` (a lead sentence) says published the figures, when that
    office is of a place word that is not 苏州's, the province's or the country's: a nickname gives its
    city (“从羊城统计部门获悉” → ("广州", "羊城")), a place's own name that place (“从昆山统计部门获悉” →
    ("昆山", "昆山")), any other place word itself (“从龙城统计部门获悉” → ("龙城", "龙城"), a place no
    city is known by); None when the lead names no such office."""
    for found in _OFFICE_LEAD.finditer(lead):
        who = found.group("who")
        # 据 quotes an office, which may be cited in passing (据无锡市统计局数据，无锡…: origin._publisher)
        if _NOT_ELSEWHERE.search(who) or lead[max(0, found.start() - 2):found.start()].endswith("据"):
            continue
        city = with_city_names(who)
        return (city, who) if city in CITIES or city in PLACE_FORMS else (who, who)
    return None


def paper_elsewhere(lines: list[str]) -> tuple[str, str] | None:
    """(paper, “paper（province）”) when a 来源 among the first and last lines with text names another
    province's paper (“来源：羊城晚报” → ("羊城晚报", "羊城晚报（广东）")); None otherwise."""
    filled = [line for line in lines if line]
    for line in filled[:EDGE_LINES] + filled[-EDGE_LINES:]:
        for found in SOURCE_LABEL.finditer(line):
            paper = next((p for p in _PAPER_PROVINCE if found.group("who").startswith(p)), None)
            if paper and _PAPER_PROVINCE[paper] in PROVINCES and _PAPER_PROVINCE[paper] != "江苏":
                return paper, f"{paper}（{_PAPER_PROVINCE[paper]}）"
    return None


def not_held(place: str) -> str:
    """Why another place's release records nothing: the knowledge base holds no figure of `place`
    (“知识库没有广州的数据”), or `place` names no city the reader knows (龙城, 羊城晚报)."""
    named = place in PLACE_FORMS or place in CITY_PARTS or place in PART_PLACES.values()
    return f"知识库没有{place}的数据" if named else "无法确定是哪个城市的通报"
