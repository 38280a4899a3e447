"""Place names a question or an admin's edit may name, so a city is a slot and never part of the indicator name.

The list is vocabulary, not data: naming 南京 makes the bot look for 南京 figures (and say it has
none) instead of answering with Suzhou's.
"""

import re

from knowledge.folding import fold

DEFAULT_CITY = "苏州"

# Suzhou's own county-level cities and districts: a question about them is not a question about 苏州.
SUZHOU_DISTRICTS = (
    "昆山", "张家港", "常熟", "太仓", "吴江", "吴中", "相城", "姑苏", "虎丘", "苏州工业园区", "工业园区",
)
# Of those, the county-level cities: their own releases call themselves 全市 (the others say 全区).
SUZHOU_COUNTY_CITIES = ("昆山", "张家港", "常熟", "太仓")

CITIES = (
    "苏州", "上海", "北京", "深圳", "广州", "重庆", "天津", "成都", "杭州", "武汉", "南京", "西安",
    "宁波", "青岛", "无锡", "长沙", "郑州", "佛山", "泉州", "济南", "合肥", "福州", "南通", "东莞",
    "常州", "烟台", "唐山", "徐州", "温州", "大连", "沈阳", "长春", "哈尔滨", "昆明", "厦门", "南昌",
    "石家庄", "太原", "贵阳", "南宁", "兰州", "呼和浩特", "乌鲁木齐", "海口", "三亚", "银川", "西宁",
    "拉萨", "扬州", "盐城", "泰州", "镇江", "淮安", "宿迁", "连云港", "嘉兴", "湖州", "绍兴", "金华",
    "台州", "舟山", "芜湖", "洛阳", "潍坊", "临沂", "淄博", "珠海", "中山", "惠州", "江门", "襄阳",
    "宜昌", "榆林", "鄂尔多斯", "包头", "大庆", "漳州", "赣州", "柳州", "遵义", "绵阳", "保定", "邯郸",
    "沧州", "廊坊", "济宁", "威海", "东营", "德州", "聊城", "菏泽", "香港", "澳门", "台北", "新加坡",
    "东京", "首尔",
)
# County-level cities near Suzhou and others staff compare with (江阴, 宜兴, 义乌): named before an
# indicator (宜兴的工业投资目标), they are places whose figures the bot lacks, never Suzhou's.
COUNTY_CITIES = (
    "江阴", "宜兴", "溧阳", "丹阳", "扬中", "句容", "如皋", "海安", "启东", "东台", "兴化", "靖江", "泰兴",
    "高邮", "仪征", "邳州", "新沂", "义乌", "慈溪", "余姚", "诸暨", "海宁", "桐乡", "乐清", "瑞安", "晋江",
    "石狮", "顺德", "萧山", "余杭",
)
# Cities that sound like one above: written, they are themselves, never read as a typo (宿州 is not
# 苏州); pinyin ("Suzhou") is read as the city above (knowledge/latin.py leaves these out).
SOUND_ALIKE_CITIES = ("宿州", "抚州", "吴忠", "玉林")

PROVINCES = (
    "江苏", "浙江", "广东", "山东", "河南", "河北", "湖北", "湖南", "四川", "福建", "安徽", "江西",
    "辽宁", "吉林", "黑龙江", "陕西", "山西", "云南", "贵州", "广西", "海南", "甘肃", "青海", "宁夏",
    "新疆", "西藏", "内蒙古", "长三角", "珠三角",
)

# "全国" holds facts about the country's cities as a whole (e.g. GDP超两万亿的内地城市).
NATIONAL = "全国"

PLACES = tuple(sorted(set(CITIES + COUNTY_CITIES + SOUND_ALIKE_CITIES + SUZHOU_DISTRICTS + PROVINCES + (NATIONAL,)),
                     key=len, reverse=True))

# Places a question may ask about that releases read otherwise: 苏州高新区 (苏州新区 is its older name; 高新区
# alone is a word of 争创国家高新区; a release names it as a part of the city, knowledge/releases/city_parts.py),
# and the 板块 asked together or as one not named (各板块工业投资, 我们板块的瞪羚目标). No 板块 has figures yet,
# so these are places without data too, never 苏州's figure. 科技创新板块 (a theme) is not among them.
BLOCKS_ASKED = ("苏州高新区", "苏州新区", "全市各板块", "各板块", "分板块", "每个板块", "各个板块", "下面板块", "下辖板块", "其他板块", "哪个板块",
                "哪些板块", "我们板块", "咱们板块", "十个板块", "10个板块")
ASKED_PLACES = PLACES + BLOCKS_ASKED
# 园区 on its own (园区今年的工业投资, 我们园区, 在园区) is 苏州工业园区; inside 产业园区, 科技园区 it is a word.
_BARE_PARK = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=我们)|(?<=咱们)|(?<=在))园区")


def park_named(text: str) -> str:
    """`text` with 园区 standing alone written as 苏州工业园区 (see _BARE_PARK)."""
    return _BARE_PARK.sub("苏州工业园区", text)


# In a question about a rank, these name its scope (苏州工业全国排第几, 苏州是江苏第几城), not a city.
RANK_SCOPES = ("全国", "内地", "国内", "中国", "江苏", "全省", "省内", "长三角", "珠三角", "全球", "世界")


def place_named(word: str) -> str | None:
    """The place `word` names as a whole, with or without 市 or 区 ("深圳", "深圳市" → "深圳"; "吴江区" →
    "吴江"; "全国"); None when it names none ("工业投资", "苏州工业")."""
    word = word.strip()
    return next((w for w in (word, word.removesuffix("市"), word.removesuffix("区")) if w in PLACES), None)


def places_in(text: str) -> tuple[list[str], str]:
    """The places `text` names anywhere, longest first (苏州工业园区 before 苏州), as the question reader
    takes them, and the text without them and the 市 or 区 after each: "深圳工业投资" → (["深圳"],
    "工业投资"); "吴江区工业投资" → (["吴江"], "工业投资"); "工业投资" → ([], "工业投资")."""
    found = []
    for place in PLACES:
        if place in text:
            found.append(place)
            text = re.sub(f"{re.escape(place)}[市区]?", "", text)
    return found, text


# The places a name one character off by sound still names (苏洲 is 苏州): the cities and districts.
TOWNS = tuple(sorted(set(CITIES + SUZHOU_DISTRICTS + BLOCKS_ASKED), key=len, reverse=True))


def place_by_sound(text: str, folds: dict[str, str]) -> tuple[str, str] | None:
    """(the span as written, the city or district it names) where `text` names no place but writes one
    with exactly one character replaced by one that sounds alike (pinyin folding, knowledge/folding.py:
    苏洲 → 苏州); None otherwise. `folds` must cover the places' characters (see Answerer.keep_up)."""
    if any(place in text for place in PLACES):
        return None
    folded = fold(text, folds)
    for place in TOWNS:
        if not all(c in folds for c in place):
            continue  # a character of no known sound: alike cannot be told
        at = folded.find(fold(place, folds))
        if at >= 0 and sum(a != b for a, b in zip(text[at:at + len(place)], place)) == 1:
            return text[at:at + len(place)], place
    return None
