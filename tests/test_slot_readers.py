"""Each slot reader of knowledge/slots.py on its own: rows of text → (slot, rest).

The text is what the reader sees in the pipeline: normalised with clause breaks kept ("/"), as
knowledge.questions.normalize(text, breaks=True) gives it. `found` holds the slots read before.
"""

from datetime import date
from decimal import Decimal

import pytest

from knowledge.progress import BEHIND
from knowledge.questions import READERS, normalize
from knowledge import slots

TODAY = {"today": date(2026, 7, 2)}


def read(reader, text, **found):
    return getattr(slots, reader)(normalize(text, breaks=True), {**TODAY, **found})


@pytest.mark.parametrize("reader,text,slot,rest", [
    # spoken fillers become breaks; a clause said twice is kept once
    ("read_fillers", "嗯那个研发投入目标是多少来着", True, "//研发投入目标是多少/"),
    ("read_fillers", "独角兽嗯独角兽培育企业要入库多少", True, "独角兽培育企业要入库多少"),
    ("read_fillers", "就是 就是 小巨人新增多少", True, "////小巨人新增多少"),
    ("read_fillers", "你帮我看下 瞪羚企业", True, "/帮我看下/瞪羚企业"),
    ("read_fillers", "呃我想问一下今年工业增加值目标 啊我忘了", True, "//今年工业增加值目标//"),
    ("read_fillers", "这个数据我回头再核", True, "/我回头再核"),
    ("read_fillers", "工业投资总额目标", False, "工业投资总额目标"),
    ("read_fillers", "出口额多少", False, "出口额多少"),
    # the polite wrapper and lone addresses go, clause by clause
    ("read_clauses", "领导好，请问工业投资目标", ("请问工业投资目标",), "请问工业投资目标"),
    ("read_clauses", "各位好，高企、小巨人", ("高企", "小巨人"), "高企/小巨人"),
    ("read_clauses", "那GDP呢哈", ("gdp",), "gdp"),
    # a list's item numbers open clauses; 把…给我 and a task's time wrap the things asked
    ("read_clauses", "1.高企 2.小巨人 3.单项冠军", ("高企", "小巨人", "单项冠军"), "高企/小巨人/单项冠军"),
    ("read_clauses", "下午要报材料，麻烦把工业投资、用地两个数给我", ("工业投资", "用地两个数"), "工业投资/用地两个数"),
    ("read_ranking", "苏州工业全国排第几", (True, None), "苏州工业全国排名"),
    ("read_ranking", "苏州排第三", (True, 3), "苏州排名"),
    ("read_ranking", "民营占了一半没有", (False, None), "民营占比没有"),
    ("read_growth", "工业投资同比增长多少", (True, "同比增长"), "工业投资 "),
    ("read_growth", "工业投资比上年多了多少亿", (False, ""), "工业投资比上年多了多少亿"),
    ("read_previous_year", "规上产值比上年增加多少", True, "规上产值 增加多少"),
    ("read_years", "2024年规上产值", (2024, (2024,)), " 规上产值"),
    ("read_years", "13年苏州产值", (2013, (2013,)), " 苏州产值"),
    ("read_years", "2026年底人才总量", (2026, (2026,)), " 人才总量"),  # a year's end is that year
    ("read_years", "上一年产值", (2025, (2025,)), "   产值"),
    ("read_years", "今年高企目标", (2026, (2026,)), "  高企目标"),
    ("read_years", "去年和2024年", (2024, (2025, 2024)), "  和 "),
    ("read_as_of", "数据截至几月", True, " "),
    ("read_as_of", "工业投资", False, "工业投资"),
    ("read_period", "工业投资1-10月", "1至10月", "工业投资 "),
    ("read_period", "上半年工业投资", "上半年", " 工业投资"),
    ("read_period", "工业投资", "", "工业投资"),
    ("read_period", "下半年高企新增", "下半年", " 高企新增"),
    ("read_period", "十四五期间工业投资", "十四五期间", " 工业投资"),  # a plan's span: no figure covers it
    ("read_figures", "第3代半导体", (), "第3代半导体"),
    ("read_asks_year", "苏州哪年突破3万亿", True, "苏州 突破3万亿"),
    ("read_compare", "苏州和深圳差多少", True, "苏州和深圳 "),
    ("read_compare", "高企目标", False, "高企目标"),
    ("read_listing", "哪些指标滞后", BEHIND, "哪些指标滞后"),
    ("read_listing", "一共多少个目标", "count", "一共多少个目标"),
    ("read_listing", "科技创新方面有哪些目标", "category:科技创新", "科技创新方面有哪些目标"),
    ("read_listing", "高企目标", "", "高企目标"),
    ("read_intent", "高企目标", "target", "高企"),
    ("read_intent", "研发投入进度", "progress", "研发投入"),
    ("read_intent", "建得怎么样", "progress", "怎么样"),
    ("read_intent", "工业投资10月数据", "", "工业投资10月 "),
    ("read_to_people", "谁有充电器", True, "谁有充电器"),
    ("read_follow_up", "那上海呢", True, "那上海呢"),
    ("read_greeting", "你好", True, "你好"),
    ("read_greeting", "你好，工业投资目标", False, "你好/工业投资目标"),
])
def test_a_reader_takes_out_its_slot(reader, text, slot, rest):
    assert read(reader, text) == (slot, rest)


@pytest.mark.parametrize("text,found,slot,rest", [
    ("苏州和深圳工业", {}, (("苏州", "深圳"), ()), " 和 工业"),
    ("吴江区工业投资", {}, (("吴江",), ()), " 工业投资"),  # a district written with its 区
    ("全国排名", {"ranking": True}, ((), ("全国",)), " 排名"),
    ("全国工业投资", {}, (("全国",), ()), " 工业投资"),  # outside a rank 全国 is the place of a national figure
    # the same asked with no place and for a place: the default city too; a place alone only as a follow-up
    ("高企目标和昆山的高企目标", {}, (("苏州", "昆山"), ()), "高企目标和 的高企目标"),
    ("高企目标/昆山的", {"follow_up": True}, (("苏州", "昆山"), ()), "高企目标/ 的"),
    ("工业投资/昆山", {}, (("昆山",), ()), "工业投资/ "),
    # a place that only says where the asker is or who asks is no place asked, beside 苏州
    ("昆山那边问苏州高企目标", {}, (("苏州",), ()), "  高企目标"),
    ("苏州工业投资/不是昆山的", {}, (("苏州",), ()), " 工业投资/ "),
    # the asker's office written short (发改的, 工信这边, 统计的同事) when the city's level is asked
    ("我是姑苏区发改的/全市工业投资", {}, ((), ()), " /全市工业投资"),
    ("姑苏区工信这边问全市工业投资", {}, ((), ()), " 全市工业投资"),
    ("昆山统计的同事问全市研发投入", {}, ((), ()), " 全市研发投入"),
    ("姑苏区发改的工业投资", {}, (("姑苏",), ()), " 发改的工业投资"),  # no 全市: 姑苏 is asked
    # where the asker is, with the place's 区/市 written (我是姑苏区的, 姑苏区这边, 在吴中区上班)
    ("我是姑苏区的/全市工业投资", {}, ((), ()), " /全市工业投资"),
    ("我们姑苏区这边想问全市工业投资", {}, ((), ()), " 问全市工业投资"),
    ("我在吴中区上班/全市高企", {}, ((), ()), " /全市高企"),
    ("我是昆山的/昆山高企", {}, (("昆山",), ()), "我是 的/ 高企"),  # no 全市: 昆山 is asked
])
def test_places_and_the_scope_of_a_rank(text, found, slot, rest):
    assert read("read_places", text, **found) == (slot, rest)


@pytest.mark.parametrize("text,found,slot,rest", [
    ("排名是哪个城市", {"ranking": True}, True, "排名 "),
    ("是哪个城市", {}, False, "是哪个城市"),  # neither a rank nor a figure asked about
])
def test_which_city_is_asked_only_of_a_rank_or_a_figure(text, found, slot, rest):
    assert read("read_asks_city", text, **found) == (slot, rest)


def test_figures_quoted_back_keep_their_unit_and_words():
    (figure,), rest = read("read_figures", "离2500亿还差多少")
    assert (figure.value, figure.unit, figure.text, rest) == (Decimal("2500"), "亿", "2500亿", "离 还差多少")


@pytest.mark.parametrize("text,core,parts,segments,loose", [
    ("高企和小巨人", "高企和小巨人", ("高企", "小巨人"), ("高企", "小巨人"), ()),
    # a clause of its own (the task around the question) is a loose part
    ("明天开调度会/需瞪羚和独角兽", "明天开调度会需瞪羚和独角兽", ("明天开调度会", "需瞪羚", "独角兽"),
     ("明天开调度会", "需瞪羚", "独角兽"), ("明天开调度会",)),
    # 的 stays in the segments: it says which noun modifies which
    ("行动方案的规上工业总产值", "行动方案规上工业总产值", (), ("行动方案的规上工业总产值",), ("行动方案规上工业总产值",)),
    ("  新增瞪羚企业", "新增瞪羚企业", (), ("新增瞪羚企业",), ("新增瞪羚企业",)),
])
def test_the_core_its_parts_and_segments(text, core, parts, segments, loose):
    assert slots.read_core(text, TODAY) == ((core, parts, segments, loose), "")


def test_every_reader_is_in_the_pipeline_once():
    used = [reader for _, reader in READERS]
    defined = [getattr(slots, name) for name in dir(slots) if name.startswith("read_")]
    # readers of their own modules (checks, documents, themes) run in the pipeline too
    assert set(defined) <= set(used) and len(set(used)) == len(used)
