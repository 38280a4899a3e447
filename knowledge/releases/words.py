"""The word lists of a release's subjects: words that change nothing before an indicator's name,
increment and scope words, places, linking verbs, and the aliases too broad to name an indicator in a
press text (BROAD_ALIASES). Data only; the grammar that uses them is in vocabulary.py and subjects.py.
"""

from __future__ import annotations

import re

from knowledge.places import CITIES, PLACES, PROVINCES, SUZHOU_DISTRICTS


# Words that may stand before an indicator's name without changing what it is.
NEUTRAL = ("其中", "目前", "当前", "现已", "今年以来", "年初以来", "今年", "年内", "当年", "本年", "累计", "共计", "合计", "总计", "共", "已经",
           "已", "完成", "实现", "实施", "拥有", "现有", "有", "达到", "全部",
           "建成", "建设", "培育", "入库", "全口径", "累计认定", "历年认定", "累计入选", "有效", "截至", "截止到", "截止",
           "同期")  # 同期上海规上工业总产值: the period in force, said again before another place
# 认定/入选 (recognised in the period: 今年认定高企5517家) adds to the stock; 累计认定/有效… are the stock itself
INCREMENT = ("新增", "新供应", "新供", "新认定", "认定", "新入选", "入选", "获评", "新入库", "新培育", "新建", "新获批", "新引进", "净增", "供应")
SCOPE = "规上"
# The words a document uses for its own place, by the place's level: 全市 in 常州's release is 常州, in a
# province's release it names no place of the province's own (knowledge/releases/origin.py).
# 大市(范围内) is the whole city with its county-level cities, as Suzhou's bureau writes it.
OWN_PLACE_WORDS = {"市": ("全市域", "全市范围内", "全市范围", "全市", "我市", "本市", "大市范围内", "大市范围", "大市"), "区": ("全区", "我区", "本区"), "省": ("全省", "我省", "本省")}
# Words naming part of a city (市区, 市本级, 区县合计…): a figure after them is not the whole city's.
PART_WORDS = ("市区", "中心城区", "主城区", "城区", "市本级", "区县", "县区", "县市区", "市县", "各区县", "县级市",
              "各县级市", "各市区", "各区", "各县", "各板块",
              # a development zone is part of the city too (苏州高新区 is not 苏州); 国家高新区 is a kind of zone
              "苏州高新区", "高新区", "经开区", "经济技术开发区", "开发区", "度假区", "保税区", "综保区",
              "园区", "SIP", "苏州湾") + tuple(
    c + "市区" for c in CITIES)  # 苏州市区 is not 苏州市 then 区
# A bare 省/市/区/县 before an indicator's name, and what it names instead of the whole city.
BARE_SCOPES = {"省": "这是全省的数据，不是全市的", "市": "只写了“市”，没有写明是全市、市区还是市本级，未录入",
               "区": "这是区的数据，不是全市的", "县": "这是县的数据，不是全市的"}
# A place with the 市/区/省 of its name (常州市, 吴江区, 江苏省), read as the place itself.
PLACE_FORMS = PLACES + tuple(c + "市" for c in CITIES + SUZHOU_DISTRICTS) + tuple(
    d + "区" for d in SUZHOU_DISTRICTS if not d.endswith("区")) + tuple(p + "省" for p in PROVINCES if "三角" not in p)
_SCOPE_WORDS = tuple(w for words in OWN_PLACE_WORDS.values() for w in words) + PART_WORDS + PLACE_FORMS
# 累计 alone after the name too, and 实际完成 (an actual figure beside a target): 规上工业总产值1—10月累计41234.5亿元
# (its period cut out); 提升至/增至 (两化融合达成度提升至88.5%) give the level reached, as 达到 does
LINKERS = re.compile(r"(?:累计(?:达到|达|为|是|完成|实现|已达|已)?|(?:实际)?(?:达到|达|为|是|完成|实现)"
                     r"|(?:共计|合计|总计|共|有|已达|已)|(?:提升|提高|上升|增加|增长|增|升)(?:至|到))$")
# an increment verb may also follow the name (高新技术企业新认定5531家)
INCREMENT_TAIL = re.compile(r"(?:(?:比|较)(?:年初|上年末|去年末)(?:新增|净增|多增|增加|增长)|新增|净增|新认定|(?<!累计)(?<!历年)认定|新培育|新入库"
                            r"|新获批|新引进|新供应?)$")
CHANGE_TAIL = re.compile(r"(?:比|较)(?:上年同期|去年同期|上年|去年)(?:增加|多增|增长|减少|多)$")
SHARE_TAIL = re.compile(r"(?:所占|的)?(?:比重|比例|份额)$|占比$")
# 占全市规上工业产值总量的36.7%: the whole a share is of, named with a word for "the total"
TOTAL_TAIL = re.compile(r"(?:总量|总额|总数)$")
# words alone naming the stock of the subject before (高新技术企业新认定5531家、总量达到1.34万家)
STOCK_WORDS = ("总量", "总数", "总规模")
# words after a name counting it (瞪羚企业数, 瞪羚企业数量): the count itself
COUNT_WORDS = ("数量", "数")
# Aliases that in a press text name a wider group than the indicator: kept for questions only. A bare
# sector (民营工业, 生产性服务业) is not its output; 算力 is all computing power, not 智算; 亿元以上项目 counts
# every kind of project, 独角兽企业 the unicorns themselves, 行业大模型/高质量数据集/赋能中心 any industry's,
# 供地 all land supplied, AI大模型 any model.
BROAD_ALIASES = {"专精特新", "专精特新企业", "用地", "土地", "供地", "新供地", "AI大模型", "人工智能大模型", "工业产值", "研发投入", "研发经费", "排名", "A股", "上市公司",
                 "R&D", "算力", "算力规模", "民营工业", "生产性服务业", "亿元以上项目", "亿元项目", "增资扩产",
                 "增资扩产项目", "独角兽", "独角兽企业", "行业大模型", "高质量数据集", "赋能中心", "工业行业大类"}
# Words a release writes for one thing in several ways, and the one form the vocabulary compares (canon):
# 研究与试验发展(R&D)经费支出 and 研发经费投入 are the indicators' 研发投入, 地区生产总值 is GDP.
SYNONYMS = ((re.compile(r"研究与试验发展(?:\(R&D\))?|R&D"), "研发"),
            (re.compile(r"研发(?:经费(?:支出|投入)?|支出)"), "研发投入"),
            (re.compile(r"(?:地区|本地)生产总值"), "GDP"),  # 本地生产总值: Hong Kong's and Macao's word
            # 研发经费支出…，相当于地区生产总值的4.11%: a statistical communiqué's way to write a share of GDP
            # (相当于上年的95% is no share: only GDP is the whole here)
            (re.compile(r"相当于(?=GDP)"), "占"),
            # 民营规上工业: the scope is written first (规上民营工业), whatever the ownership word's place
            (re.compile(r"(民营|外资|外商投资|国有|私营)(规上|规模以上)"), r"\2\1"))
# Verbs an indicator's full name may begin with (新增国家专精特新小巨人企业): a release may leave them out.
LEADING_VERBS = ("新增", "新供", "累计建设", "动态培育", "建设", "培育", "实施", "争创", "入库", "全市")

# The wholes a share may be of that are not the city's own (占全省…, 占全国…, 占江苏…, 占市区…): a share of
# them is not the indicator's share, whatever it counts. 苏州 itself is the city's own.
OTHER_WHOLES = sorted(OWN_PLACE_WORDS["省"] + ("全国", "全球", "全世界", "长三角") + PART_WORDS + tuple(
    w for w in PLACE_FORMS if not w.startswith("苏州") or w.startswith(("苏州工业园区", "苏州高新区"))),
    key=len, reverse=True)

# longest first, so that 全市域 is taken before 全市 and 苏州工业园区 before 苏州
MODIFIERS = sorted(NEUTRAL + _SCOPE_WORDS, key=len, reverse=True)
QUALIFYING_WORDS = sorted(NEUTRAL + INCREMENT + (SCOPE,) + _SCOPE_WORDS, key=len, reverse=True)

# a 来源 label and whom it names (来源：无锡日报（记者…）→ 无锡日报), read among the first and last EDGE_LINES lines
SOURCE_LABEL = re.compile(r"(?:信息|稿件|文章|新闻|数据)?来源[:：]\s*(?P<who>[^\s|｜/（）()]+)")
EDGE_LINES = 3
