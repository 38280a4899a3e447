"""/release: a single month or quarter, and growths that are no 同比 (issue 21, tester round 3).

- a sentence about one month or one quarter (其中10月份…, 12月份，…, 其中三季度…, 8月、9月、10月分别…) holds
  that period for itself only: the next sentences of its paragraph go back to the paragraph's period;
- a clause before a growth saying it is a two-year average (两年平均看，…) or against a year other than the
  one before (与2023年相比，… in a 2025 release) makes it no 同比: unplaced with the reason;
- 实际增长 is a 增长, 负增长0.8% is −0.8%;
- a count of firms' net change since the last year's end (比上年末净增, 比上年末增加) is not the year's 新增 count
  (firms recognised), while a balance's 比年初增加 is still its 新增;
- a period between the name and the value (规上工业总产值1—10月累计…) leaves the name whole; a month's own
  sentence after a growth's comment (增速比三季度加快…。12月当月完成…) goes on with the subject before; a
  clause of what is done after a target (目标任务为…，1—10月完成…; 任务2500亿元，1—10月实际完成…) is read;
- a stock without a period of its own under a 1—10月 heading is the stock at 10月末, one date with the
  2026年10月 figure /set may have stored: a release restates that figure, never stores a second one.

Every figure here is MADE UP for the tests (the wording imitates real bureau texts).
"""

from datetime import date

from knowledge.releases import preview_release, read_release

READ_ON = date(2026, 12, 7)


def read(store, text, today=READ_ON):
    reading = read_release(text, store, today)
    found = [(f.indicator_id, f.period, float(f.value) if f.value is not None else None, f.yoy)
             for f in reading.figures]
    return found, [(u.fragment, u.reason) for u in reading.unplaced]


# -- 1. a single month or quarter is its own sentence's only ---------------------------------------------

def test_the_sentence_after_a_months_own_goes_back_to_the_paragraphs_period(store):
    found, _ = read(store, "2026年1—10月全市经济运行情况\n1—10月，全市规上工业总产值40111.1亿元，同比增长5.1%。"
                           "其中10月份完成4011.1亿元，同比增长6.1%。高新技术产业产值20111.1亿元，同比增长7.1%。")
    assert ("high_tech_output", "2026年1-10月", 20111.1, 7.1) in found
    assert ("gross_industrial_output", "2026年10月", 4011.1, 6.1) in found


def test_a_paragraph_opening_with_a_month_goes_back_to_the_headings_year(store):
    found, _ = read(store, "2026年全市工业经济运行情况\n全年，全市规上工业总产值45111.1亿元，同比增长5.1%。"
                           "12月份，全市规上工业总产值4411.1亿元，同比增长7.1%。工业投资2011.1亿元，增长6.1%。")
    assert ("industrial_investment", "2026年", 2011.1, 6.1) in found


def test_the_sentence_after_a_quarters_own_goes_back_to_the_first_three_quarters(store):
    found, _ = read(store, "2026年前三季度全市经济运行情况\n前三季度，全市规上工业总产值36111.1亿元，同比增长4.1%。"
                           "其中三季度完成12111.1亿元，增长5.1%。工业投资1411.1亿元，增长7.1%。")
    assert ("industrial_investment", "2026年前三季度", 1411.1, 7.1) in found
    assert ("gross_industrial_output", "2026年三季度", 12111.1, 5.1) in found


def test_a_month_introduced_by_a_sentence_without_figures_holds_for_the_next(store):
    found, _ = read(store, "2026年1—10月全市经济运行情况\n10月份，全市工业经济稳中有进。"
                           "规上工业总产值4111.1亿元，同比增长6.1%。")
    assert found == [("gross_industrial_output", "2026年10月", 4111.1, 6.1)]


def test_a_list_of_months_is_no_period_for_the_sentences_after_it(store):
    found, _ = read(store, "2026年1—10月全市工业经济运行情况\n1—10月，全市规上工业总产值40111.1亿元，同比增长5.1%。"
                           "分月看，8月、9月、10月分别增长4.1%、5.1%、6.1%。工业投资1611.1亿元，增长8.1%。")
    assert ("industrial_investment", "2026年1-10月", 1611.1, 8.1) in found


# -- 2. a base said in a clause of its own ------------------------------------------------------------------

BULLETIN = "苏州市2025年国民经济和社会发展统计公报\n"


def test_a_two_year_average_said_before_its_clause_is_no_yoy(store):
    found, lost = read(store, BULLETIN + "全年工业投资1911.1亿元。两年平均看，工业投资增长9.1%。", date(2026, 3, 20))
    assert found == [("industrial_investment", "2025年", 1911.1, None)]
    assert ("工业投资增长9.1%", "两年平均增速，不是同比") in lost


def test_a_growth_against_an_earlier_base_year_is_no_yoy(store):
    found, lost = read(store, BULLETIN + "全年高新技术产业产值23111.1亿元。与2023年相比，高新技术产业产值增长15.1%。",
                       date(2026, 3, 20))
    assert found == [("high_tech_output", "2025年", 23111.1, None)]
    assert any("15.1%" in fragment and "与2023年相比" in reason for fragment, reason in lost)


def test_a_growth_against_the_year_before_said_in_its_own_clause_is_the_yoy(store):
    found, _ = read(store, BULLETIN + "全年高新技术产业产值23111.1亿元。与2024年相比，高新技术产业产值增长5.1%。",
                    date(2026, 3, 20))
    assert found == [("high_tech_output", "2025年", 23111.1, 5.1)]


def test_a_real_growth_and_a_negative_growth_are_read(store):
    found, _ = read(store, "2026年1—10月全市经济运行情况\n1—10月，高新技术产业产值21111.1亿元，同比负增长0.8%。"
                           "民营工业产值20111.1亿元，若剔除价格因素，民营工业产值实际增长4.1%。")
    assert ("high_tech_output", "2026年1-10月", 21111.1, -0.8) in found
    assert ("private_industrial_output", "2026年1-10月", 20111.1, 4.1) in found


# -- 3. a stock's net change ----------------------------------------------------------------------------------

def test_a_net_change_of_a_count_of_firms_is_not_the_years_new_firms(store):
    found, lost = read(store, BULLETIN + "年末全市有效高新技术企业1.9万家，比上年末净增1511家。"
                                        "年末国家级专精特新“小巨人”企业311家，比上年末增加81家。", date(2026, 3, 20))
    assert found == []
    assert sum("净增数" in reason for _, reason in lost) == 2


def test_a_balances_addition_since_january_is_still_its_new_loans(store):
    found, _ = read(store, "2026年1—10月全市经济运行情况\n10月末，全市制造业贷款余额9111.1亿元，比年初增加811.1亿元。")
    assert [(i, v) for i, _, v, _ in found] == [("manufacturing_loans", 811.1)]


# -- 4. names, subjects and targets around a period -----------------------------------------------------------

MONTHS = "2026年1—10月全市经济运行简况\n"


def test_a_period_between_the_name_and_the_value_leaves_the_name_whole(store):
    found, _ = read(store, MONTHS + "全市规上工业总产值1—10月累计41111.1亿元，同比增长5.1%，10月份4311.1亿元，增长6.1%。")
    assert found == [("gross_industrial_output", "2026年1-10月", 41111.1, 5.1),
                     ("gross_industrial_output", "2026年10月", 4311.1, 6.1)]


def test_a_months_own_sentence_after_a_comment_on_the_speed_goes_on_with_the_subject(store):
    found, _ = read(store, "2025年全市经济运行情况\n四季度，全市规上工业总产值12511.1亿元，同比增长6.1%，"
                           "增速比三季度加快0.8个百分点。12月当月完成4511.1亿元，增长7.1%。", date(2026, 1, 15))
    assert ("gross_industrial_output", "2025年12月", 4511.1, 7.1) in found


def test_what_is_done_after_a_target_is_read(store):
    found, lost = read(store, MONTHS + "全年规上工业总产值目标任务为5万亿元，1—10月完成41111.1亿元。"
                                      "年度工业投资任务2500亿元，1—10月实际完成1711.1亿元。")
    assert found == [("gross_industrial_output", "2026年1-10月", 41111.1, None),
                     ("industrial_investment", "2026年1-10月", 1711.1, None)]
    assert sum("这是目标" in reason for _, reason in lost) == 2


# -- 5. a stock at the end of the period ------------------------------------------------------------------------

def test_a_stock_under_a_cumulative_heading_is_the_figure_stored_for_that_months_end(store):
    store.record_observation(  # MADE UP: a stock /set stored for 10月末 under the month's label
        {"indicator_id": "talent_total", "city": "苏州", "period": "2026年10月", "year": 2026, "value": 4300000,
         "unit": "人", "qualifier": "", "text": "430万人", "status": "actual", "source_id": "article", "note": "",
         "quote": ""}, recorded_by="test")
    plan = preview_release(store, MONTHS + "全市人才总量达435万人。", READ_ON, "测试")
    [item] = plan.items
    assert item.figure.period == "2026年1-10月" and item.state == "restated"
    assert item.edit.key["period"] == "2026年10月"
