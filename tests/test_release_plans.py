"""Plans are no actual figures, and a year written once holds (issue 21, fresh tester round 2: H12–H14).

A heading of the work ahead (二、2027年工作安排, 重点工作, 下一步工作打算) and a paragraph from a sentence
that opens with it (下一步，…, 明年，…, 今年工作…; 今年，… in a 政府工作报告) hold targets; a clause of what
is done after a target (1—10月已完成, 目前…已达) is actual and keeps the target's indicator; a title
“X关于2026年…的通报” is the title and gives its year; a paragraph opening with a year gives it to 全年;
a period without a year that has not ended says to write the year. Every figure here is MADE UP.
"""

from datetime import date
from decimal import Decimal

import pytest

from knowledge.releases import NOT_WRITTEN, preview_release, read_release
from knowledge.releases.dates import PeriodYears, ReleaseDate
from knowledge.releases.periods import ReadPeriod

TARGET = "这是目标，不是实际数"
REVIEW = ("政府工作报告\n一、2026年工作回顾\n"
          "过去一年，全市规上工业总产值达到50123.4亿元，增长5.5%；新增高新技术企业612家。\n")  # MADE UP
PLANS = "综合考虑各方面因素，新增高新技术企业650家，全社会研发投入占GDP比重达到4.4%。\n瞪羚企业1100家。"  # MADE UP


def figures(reading):
    return [(f.indicator_id, f.period, f.value) for f in reading.figures]


@pytest.mark.parametrize("heading", ["二、2027年工作安排", "二、今年工作", "三、下一步工作打算", "二、主要任务",
                                     "二、2027年重点工作", "二、明年工作思路"])
def test_under_a_heading_of_the_work_ahead_figures_are_targets(store, heading):
    # no date line, read a year later: the 2027 plans were recorded as 2027's actual figures
    reading = read_release(REVIEW + heading + "\n" + PLANS, store, date(2028, 1, 20))
    assert figures(reading) == [("gross_industrial_output", "2026年", Decimal("50123.4")),
                                ("new_high_tech_enterprises", "2026年", Decimal("612"))]
    assert [u.fragment for u in reading.unplaced] == [
        "新增高新技术企业650家", "全社会研发投入占GDP比重达到4.4%", "瞪羚企业1100家"]
    assert all(u.reason.endswith(TARGET) for u in reading.unplaced)


@pytest.mark.parametrize("heading", ["二、重点工作推进情况", "二、2026年主要任务完成情况"])
def test_a_heading_that_reviews_the_work_done_holds_actual_figures(store, heading):
    text = f"2026年新型工业化推进情况\n{heading}\n全市新增高新技术企业650家。"
    assert figures(read_release(text, store, date(2027, 2, 1))) == [
        ("new_high_tech_enterprises", "2026年", Decimal("650"))]


def test_a_reports_plans_read_before_the_year_ends_are_targets_not_periods_not_ended(store):
    text = ("苏州市政府工作报告（摘要）\n2026年，全市规上工业总产值50123.4亿元，增长5.5%。\n"
            "今年工作的总体要求是……。做好今年工作，全市新增高新技术企业650家，全社会研发投入占GDP比重4.4%。")
    plan = preview_release(store, text, date(2027, 1, 12), "测试")
    assert [(i.figure.indicator_id, i.figure.period) for i in plan.items] == [("gross_industrial_output", "2026年")]
    assert [u.reason for u in plan.reading.unplaced] == [f"“做好今年工作”：{TARGET}"] * 2
    assert "回顾上一年" not in plan.summary()


def test_a_reports_year_note_says_review_only_of_the_year_it_reviews():
    years = PeriodYears(ReleaseDate(date(2027, 1, 12), False, report=True))
    years.of(ReadPeriod(None, 1, 12, "so_far", 0))  # 今年
    assert years.note() == "期间未写年份：文中没有发布日期，按今天2027年1月12日，取2027年"
    years.of(ReadPeriod(None, 1, 12, "reviewed"))  # 过去一年
    assert years.note() == ("期间未写年份：文中没有发布日期，按今天2027年1月12日，政府工作报告回顾上一年，取2026年"
                            "；今年等其余期间取2027年")


@pytest.mark.parametrize("opening", ["下一步，全市将持续推进智能化改造。", "明年，全市将持续推进。", "接下来，"])
def test_a_paragraph_from_the_work_ahead_states_plans_and_the_next_one_does_not(store, opening):
    text = ("苏州市工信局关于2026年新型工业化工作的通报\n"
            "2026年，全市规上工业总产值完成50222.2亿元，为年度目标的100.4%。\n"
            f"{opening}2027年全市新增领航级智能工厂2个。\n"
            "全市新增卓越级智能工厂7个。")
    reading = read_release(text, store, date(2028, 3, 1))
    assert reading.title == "苏州市工信局关于2026年新型工业化工作的通报"
    assert figures(reading) == [("gross_industrial_output", "2026年", Decimal("50222.2")),
                                ("excellent_smart_factories", "2026年", Decimal("7"))]
    assert [u.fragment for u in reading.unplaced if u.reason.endswith(TARGET)] == ["2027年全市新增领航级智能工厂2个"]


def test_a_notices_title_about_a_year_is_its_title_and_its_year(store):
    text = ("苏州市工业和信息化局关于2026年全市新型工业化推进情况的通报\n各市、区工信部门：\n"
            "全年完成工业投资2600.0亿元，同比增长9.5%。")
    reading = read_release(text, store, date(2028, 2, 1))
    assert reading.title == "苏州市工业和信息化局关于2026年全市新型工业化推进情况的通报"
    assert figures(reading) == [("industrial_investment", "2026年", Decimal("2600.0"))]
    assert reading.year_note == ""


def test_a_paragraph_opening_with_a_year_gives_it_to_its_whole_year(store):
    text = ("全市新型工业化推进情况\n"
            "2026年，全市新增卓越级智能工厂6个。全年完成工业投资2600.0亿元，同比增长9.5%。\n"
            "据介绍，2021年全市新增卓越级智能工厂3个。全年完成工业投资1500.0亿元。")
    reading = read_release(text, store, date(2028, 2, 1))
    assert figures(reading) == [("excellent_smart_factories", "2026年", Decimal("6")),
                                ("industrial_investment", "2026年", Decimal("2600.0")),
                                ("excellent_smart_factories", "2021年", Decimal("3")),
                                ("industrial_investment", "2027年", Decimal("1500.0"))]  # no opening year: the date's


@pytest.mark.parametrize("sentence, actual", [
    ("全市规上工业总产值年度目标为5万亿元，1—10月已完成41234.5亿元，同比增长5.2%。",
     ("gross_industrial_output", "2026年1-10月", Decimal("41234.5"))),
    ("按照“力争全年瞪羚企业1000家”的要求，目前全市瞪羚企业已达930家。",
     ("gazelle_firms", "2026年1-10月", Decimal("930"))),
    ("工业投资总额全年计划2500亿元，截至10月底完成1888.8亿元。",
     ("industrial_investment", "2026年1-10月", Decimal("1888.8"))),
])
def test_what_is_done_after_a_target_is_actual_and_keeps_its_indicator(store, sentence, actual):
    reading = read_release("2026年1-10月全市新型工业化重点指标推进情况\n" + sentence, store, date(2026, 11, 21))
    assert figures(reading) == [actual]
    assert [u.reason[-len(TARGET):] for u in reading.unplaced] == [TARGET]


def test_a_period_without_a_year_not_ended_says_to_write_the_year(store):
    text = "一季度全市经济运行情况\n一季度，全市规上工业总产值11500.0亿元，同比增长5.5%。"
    plan = preview_release(store, text, date(2027, 1, 10), "测试")
    [item] = plan.items
    assert (item.figure.period, item.state) == ("2027年一季度", NOT_WRITTEN)
    assert "期间没有写年份" in item.note and "不会改作上一年" in item.note and "如“2026年一季度”" in item.note
    written = preview_release(store, "2027年" + text, date(2027, 1, 10), "测试")
    assert "期间没有写年份" not in written.items[0].note and "还没有结束" in written.items[0].note
