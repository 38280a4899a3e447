"""More release dates (issue 21, third round): a date line with decorations (brackets, weekday, page,
author, source, a report's “——…在…会议上”, Chinese numerals), a newspaper's lead, the date of an event
that is no release date, targets that are no actual figures, and a .docx's page header and footer.
Every figure here is MADE UP."""

from datetime import date
from decimal import Decimal

import pytest

from knowledge.releases import NEW, NOT_WRITTEN, preview_release, read_release
from knowledge.releases.dates import release_date

BODY = "前三季度，全市完成规上工业总产值34120.5亿元，同比增长4.1%。"  # MADE UP
TITLE = "苏州市前三季度工业经济运行情况\n"
READ_ON = date(2026, 12, 7)


def periods(store, text, today=READ_ON):
    return [(f.indicator_id, f.period) for f in read_release(text, store, today).figures]


# -- a date line with decorations ------------------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("【发布时间】2025/10/24\n", ""),
    ("苏州日报 2025年10月24日 A01版\n", ""),
    ("2025年10月24日 星期五\n", ""),
    ("作者：王明　日期：2025-10-24\n", ""),
    ("来源：苏州日报　2025-10-24\n", ""),
    ("", "\n苏州市统计局\n二〇二五年十月二十四日"),
    ("", "\n苏州市统计局　二〇二五年十月二十四日"),
    ("苏报讯（记者 王明）10月24日，2025年苏州前三季度经济数据发布。\n", ""),
    # more decorations of the same kinds
    ("发布日期：2025年10月24日 15时30分 浏览次数：1234 来源：苏州市统计局\n", ""),
    ("苏州日报 2025-10-24 A02：要闻\n", ""),
    ("", "\n苏州市统计局\n二○二五年十月二十四日"),
    ("本报讯（记者 王明 通讯员 李华）记者10月24日从市统计局获悉，2025年前三季度全市工业平稳。\n", ""),
])
def test_a_decorated_date_line_dates_the_release(store, before, after):
    text = f"{TITLE}{before}{BODY}{after}"
    reading = read_release(text, store, READ_ON)
    assert [(f.indicator_id, f.period) for f in reading.figures] == [("gross_industrial_output", "2025年前三季度")]
    assert reading.dated.day == date(2025, 10, 24) and reading.dated.written
    assert "按发布日期2025年10月24日" in reading.year_note
    assert not reading.unplaced  # the date line is no figure


def test_a_work_reports_subtitle_is_its_date(store):
    text = ("政府工作报告\n——2025年1月13日在苏州市第十七届人民代表大会第四次会议上\n各位代表：\n"
            "过去一年，全市规上工业总产值4.7万亿元，增长4.8%；完成工业投资2150亿元，增长5.6%。")
    reading = read_release(text, store, READ_ON)
    assert reading.dated.day == date(2025, 1, 13)
    assert {(f.indicator_id, f.period) for f in reading.figures} == {
        ("gross_industrial_output", "2024年"), ("industrial_investment", "2024年")}
    assert "按发布日期2025年1月13日" in reading.year_note


def test_a_date_in_chinese_numerals_is_read_by_the_projects_number_reader():
    assert release_date(["全市经济运行情况", "苏州市统计局", "二〇二五年十二月十九日"], READ_ON).day == date(2025, 12, 19)
    assert release_date(["二〇二五年二月三十日"], READ_ON).written is False  # impossible: no date


def test_a_lead_day_takes_the_year_its_sentence_writes():
    lead = ["苏报讯（记者 王明）1月23日，2025年全年经济数据发布。"]
    assert release_date(lead, date(2027, 6, 1)).day == date(2026, 1, 23)  # a whole year's data: the year after
    lead = ["10月24日，2025年苏州前三季度经济数据发布。"]
    assert release_date(lead, date(2027, 6, 1)).day == date(2025, 10, 24)


def test_decorations_are_not_figures_and_a_body_date_is_no_date_line():
    # a date with a number beside it, or a sentence, or the end of a span, is no date line
    assert release_date(["截至2025年10月24日 全市经济运行情况"], READ_ON).written is False
    assert release_date(["2025年10月24日 全市工业投资1986亿元"], READ_ON).written is False
    assert release_date(["指标\t2025年10月24日\t同比"], READ_ON).written is False  # a table's header
    body = ["全市经济运行情况", "1—10月，全市经济平稳。", "工业稳中有进。", "投资加快。", "项目推进。",
            "2019年5月1日 园区成立", "结构优化。", "效益提升。", "动能增强。"]
    assert release_date(body, READ_ON).written is False  # decorated only at the top or the end


# -- the date of an event is not the release's -----------------------------------------------------

EVENT = ("苏州市新型工业化推进情况通报\n2024年12月16日，市委市政府召开全市新型工业化推进大会，部署三年行动。\n"
         "1—10月，全市完成规上工业总产值40876.3亿元，同比增长4.8%。")


def test_an_events_date_does_not_date_the_release_and_the_preview_says_so(store):
    reading = read_release(EVENT, store, READ_ON)
    assert [(f.indicator_id, f.period) for f in reading.figures] == [("gross_industrial_output", "2026年1-10月")]
    assert "2024年12月16日是所述活动的日期，不是发布日期" in reading.year_note
    assert "按今天2026年12月7日" in reading.year_note


def test_a_lead_date_of_publishing_dates_the_release_and_an_old_one_is_flagged(store):
    text = "2024年12月16日，市统计局召开新闻发布会，发布1—10月经济数据。\n1—10月，全市完成规上工业总产值40876.3亿元。"
    reading = read_release(text, store, READ_ON)
    assert [(f.indicator_id, f.period) for f in reading.figures] == [("gross_industrial_output", "2024年1-10月")]
    assert "取自文首" in reading.year_note and "请核对" in reading.year_note


# -- a .docx's page header and footer ---------------------------------------------------------------

def docx_bytes(body: list[str], header: str = "", footer: str = "", sections: int = 1, own_footer_again=False):
    """A .docx with `body` paragraphs, the first section's page header and footer, and `sections` - 1
    more sections (linked to the first, or with an identical footer of their own)."""
    import io

    import docx
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    for text in body:
        document.add_paragraph(text)
    document.sections[0].header.paragraphs[0].text = header
    document.sections[0].footer.paragraphs[0].text = footer
    document.sections[0].footer.add_paragraph("- 1 -")  # a page number: no figure
    for _ in range(sections - 1):
        section = document.add_section(WD_SECTION.NEW_PAGE)
        document.add_paragraph("（续）")
        if own_footer_again:
            section.footer.is_linked_to_previous = False
            section.footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_header_dates_the_release(store):
    from knowledge.releases import read_release_file

    text = read_release_file("a.docx", docx_bytes(["前三季度全市工业经济运行情况", BODY],
                                                  header="苏州市统计局　发布时间：2025-10-24"))
    assert text.split("\n")[0] == "苏州市统计局　发布时间：2025-10-24"
    assert periods(store, text) == [("gross_industrial_output", "2025年前三季度")]


@pytest.mark.parametrize("sections, own_footer_again", [(1, False), (3, False), (2, True)])
def test_a_docx_footer_is_its_last_lines_once(store, sections, own_footer_again):
    from knowledge.releases import read_release_file

    footer = "苏州市统计局　2025年11月18日"
    text = read_release_file("a.docx", docx_bytes(["1—10月全市主要工业指标", "1—10月，全市完成工业投资1986.4亿元。"],
                                                  footer=footer, sections=sections, own_footer_again=own_footer_again))
    lines = [line for line in text.split("\n") if line]
    assert lines[-1] == footer and text.count(footer) == 1 and "- 1 -" not in text
    reading = read_release(text, store, READ_ON)
    assert [(f.indicator_id, f.period) for f in reading.figures] == [("industrial_investment", "2025年1-10月")]
    assert not reading.unplaced


# -- targets are not actual figures ----------------------------------------------------------------

REPORT = ("政府工作报告\n——2026年1月12日在苏州市第十七届人民代表大会第五次会议上\n"
          "过去一年，全市规上工业总产值4.89万亿元，增长5.1%；完成工业投资2260亿元，增长6.2%。\n")


@pytest.mark.parametrize("targets", [
    "2026年经济社会发展的主要预期目标是：规上工业总产值增长5%左右，工业投资增长6%，全社会研发投入占GDP比重达4.25%。",
    "今年的主要目标：规上工业总产值增长5%左右，工业投资增长6%，全社会研发投入占GDP比重达4.25%。",
    "二、主要预期目标\n规上工业总产值增长5%左右。\n工业投资增长6%。\n全社会研发投入占GDP比重达4.25%。",
    "今年要重点抓好以下工作：规上工业总产值力争增长5%左右，工业投资计划增长6%，确保全社会研发投入占GDP比重达到4.25%。",
])
def test_a_reports_targets_are_unplaced_and_its_review_still_records(store, targets):
    plan = preview_release(store, REPORT + targets, date(2027, 1, 15), "测试")
    assert {(i.figure.indicator_id, i.figure.period, i.figure.value, i.figure.yoy) for i in plan.items} == {
        ("gross_industrial_output", "2025年", Decimal("4.89"), 5.1), ("industrial_investment", "2025年", Decimal("2260"), 6.2)}
    reasons = [u.reason for u in plan.reading.unplaced]
    assert len(reasons) == 3 and all(r.endswith("这是目标，不是实际数") for r in reasons)


def test_a_target_clause_after_an_actual_one_cuts_only_what_follows(store):
    text = "1—10月，全市完成工业投资1986.4亿元，同比增长6.3%，力争全年突破2500亿元。"
    reading = read_release(text, store, READ_ON)
    assert [(f.indicator_id, f.period, f.value, f.yoy) for f in reading.figures] == [
        ("industrial_investment", "2026年1-10月", Decimal("1986.4"), 6.3)]
    assert [u.reason for u in reading.unplaced] == ["“力争”：这是目标，不是实际数"]


@pytest.mark.parametrize("sentence", [
    "1—10月，全市完成工业投资1986.4亿元，同比增长6.3%，完成年度目标的85.3%。",
    "1—10月，全市完成工业投资1986.4亿元，同比增长6.3%，为年度目标的85.3%。",
    "1—10月，全市完成工业投资1986.4亿元，同比增长6.3%，好于预期。",
    "1—10月，全市完成工业投资1986.4亿元，同比增长6.3%，超过年初预期目标1.3个百分点。",
    "1—10月，全市完成工业投资1986.4亿元，比计划进度快2.3个百分点，同比增长6.3%。",
    "1—10月，年度目标任务顺利推进，全市完成工业投资1986.4亿元，同比增长6.3%。",
    "1—10月，主要目标任务圆满完成，全市完成工业投资1986.4亿元，同比增长6.3%。",
])
def test_a_figure_measured_against_a_target_is_still_actual(store, sentence):
    figures = read_release(sentence, store, READ_ON).figures
    assert [(f.indicator_id, f.period, f.value, f.yoy) for f in figures] == [
        ("industrial_investment", "2026年1-10月", Decimal("1986.4"), 6.3)]


def test_a_target_holds_until_a_clause_of_what_is_done(store):
    text = "2026年1—10月\n今年全市计划完成工业投资2500亿元，已完成工业投资1986.4亿元。"
    reading = read_release(text, store, READ_ON)
    assert [(f.indicator_id, f.period, f.value) for f in reading.figures] == [
        ("industrial_investment", "2026年1-10月", Decimal("1986.4"))]
    assert [u.reason for u in reading.unplaced] == ["“计划”：这是目标，不是实际数"]
