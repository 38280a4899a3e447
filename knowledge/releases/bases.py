"""What a growth rate is measured against when a clause of its own says so before it: “两年平均看，工业投资
增长9.1%” (a two-year average) and “与2023年相比，产值增长15.2%” (against a year other than the one before)
are no 同比, although the growth's own words say nothing of a base.
"""

from __future__ import annotations

import re


# a clause of its own (at the sentence's start or after ，；) that sets the base of the growths after it
_LEAD_BASE = re.compile(
    r"(?:^|(?<=[，；,;]))(?:从|按)?(?:"
    r"(?P<average>(?P<count>[两三四五六七八九十]|\d{1,2})年(?:平均|均)(?:来?看)?)"
    r"|(?:与|和|同|比|较)(?P<year>\d{4})年(?:同期)?(?:相比|比较|对比)?)[，,]")


def lead_base_reason(sentence: str, start: int, year: int | None) -> str:
    """Why a growth rate beginning at `start` of `sentence`, written without a base of its own, is no 同比
    of a figure of `year`: a clause before it in the sentence says the growths after it are two-year
    averages (“两年平均看，…”) or against another year than `year` − 1 (“与2023年相比，…”); "" when none
    does (a figure of 2024 “与2023年相比，…” is the 同比)."""
    said = None
    for said in _LEAD_BASE.finditer(sentence, 0, start):
        pass
    if said is None:
        return ""
    if said.group("average"):
        return f"{said.group('count')}年平均增速，不是同比"
    if year is not None and int(said.group("year")) == year - 1:
        return ""
    return f"与{said.group('year')}年相比的增速，不是同比"
