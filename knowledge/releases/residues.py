"""Why the words before an indicator's name keep a figure from being the city's: a total of several
places (苏锡常三市合计, 沪苏两地) or a city's nickname (羊城 is 广州; 禾城 names no one city for certain).
"""

from __future__ import annotations

import re

from knowledge.releases.city_names import NICKNAMES

# 三市, 两地, 5个城市, 合计/共计/总计: the figure adds several places together
_SEVERAL_PLACES = re.compile(r"[两二三四五六七八九十几多\d]+个?(?:城市|市|地|城|区|县|省)|合计|共计|总计|加总")
# a two-character 某城 (鹿城, 禾城, 港城) is how the press names a city it does not name
_NICKNAME_FORM = re.compile(r"(?!全城)[\u4e00-\u9fff]城")


def residue_reason(residue: str) -> str | None:
    """The reason in Chinese a figure whose name is preceded by `residue` (canonical words) is not
    recorded, when those words say whose figure it is: "苏锡常三市合计" → a combined total; "羊城" → 广州's;
    None for other words."""
    if _SEVERAL_PLACES.search(residue):
        return "这是几个地方合计的数，不是一个城市的数据，未录入"
    if residue in NICKNAMES:
        city = NICKNAMES[residue]
        return f"“{residue}”是{city}的别称，这是{city}的数据，未录入"
    if _NICKNAME_FORM.fullmatch(residue):
        return f"“{residue}”像是一个城市的别称，不能确定是哪个城市，未录入"
    return None
