"""Forms a release's text takes on its way to the bot (issue 21, a tester's third round): lines
hard-wrapped inside a sentence (copied from a PDF), full-width digits with a full-width thousands
separator, a number too long to be a figure, tables nested in a Word layout table, text boxes, a
table with one row per city, and a share's change column.

Every figure here is made up for the tests.
"""

import io
from datetime import date

import docx
import pytest

from knowledge.releases import normalize_text, read_release, read_release_file

READ_ON = date(2026, 12, 7)
HEADING = "苏州市2026年1—10月工业经济运行情况\n"


def figures(text, store):
    reading = read_release(text, store, READ_ON)
    return ([(f.indicator_id, f.city, f.period, None if f.value is None else float(f.value), f.unit, f.yoy,
              f.change_points) for f in reading.figures], reading.unplaced)


# -- 1. lines hard-wrapped inside a sentence ---------------------------------------------------------

WRAPPED = (HEADING
           + "    1—10月，全市工业生产总体平稳，完成规上工业总\n"
           + "产值40876.3亿元，同比增长4.8%，增速比1—9月提高0.2\n"
           + "个百分点。全市完成工业投资1986.4亿元，同比增长\n"
           + "6.3%。全市新认定高新技术企业3120家，新增国家级专精\n"
           + "特新“小巨人”企业123家。\n")


def test_a_sentence_cut_by_hard_line_breaks_keeps_its_figures(store):
    found, lost = figures(WRAPPED, store)
    assert found == [
        ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 4.8, None),
        ("industrial_investment", "苏州", "2026年1-10月", 1986.4, "亿元", 6.3, None),
        ("new_high_tech_enterprises", "苏州", "2026年1-10月", 3120.0, "家", None, None),
        ("little_giant_firms", "苏州", "2026年1-10月", 123.0, "家", None, None),
    ]
    assert [u.fragment for u in lost] == ["增速比1—9月提高0.2个百分点"]  # compared with 1—9月: not recorded


def test_a_heading_is_not_glued_onto_its_body():
    text = normalize_text("苏州市2026年1—10月工业经济运行情况\n1—10月，全市完成规上工业总产值40876.3亿元。")
    assert text.split("\n") == ["苏州市2026年1—10月工业经济运行情况", "1—10月，全市完成规上工业总产值40876.3亿元。"]


def test_a_short_heading_with_a_comma_is_not_glued_onto_a_long_body():
    text = normalize_text("2026年1—10月，工业稳中有进\n全市完成规上工业总产值40876.3亿元，同比增长4.8%，工业投资1986.4亿元。")
    assert len(text.split("\n")) == 2


def test_a_heading_with_a_note_in_brackets_does_not_take_the_section_heading_under_it():
    text = "苏州市2026年1—10月主要指标（虚构示例，数字均为编造）\n工业运行\n规上工业总产值40876.3亿元。"
    assert normalize_text(text).split("\n") == text.split("\n")


@pytest.mark.parametrize("rows", [
    "指标 | 1—10月 | 同比增长(%)\n规上工业总产值(亿元) | 40876.3 | 4.8\n工业投资(亿元) | 1986.4 | 6.3",
    "指标\t1—10月\t同比增长(%)\n规上工业总产值(亿元)\t40876.3\t4.8\n工业投资(亿元)\t1986.4\t6.3",
])
def test_table_rows_are_never_joined(rows, store):
    assert normalize_text(rows).split("\n") == rows.split("\n")
    found, _ = figures(HEADING + rows, store)
    assert [row[0] for row in found] == ["gross_industrial_output", "industrial_investment"]


def test_a_new_paragraph_or_list_item_is_not_joined_to_the_line_before():
    indented = "全市完成工业投资1986.4亿元，同比增长6.3%\n    全市新认定高新技术企业3120家。"
    listed = "全市完成工业投资1986.4亿元，同比增长6.3%\n二、科技创新"
    assert len(normalize_text(indented).split("\n")) == 2
    assert len(normalize_text(listed).split("\n")) == 2


def test_the_rest_of_a_figure_on_the_next_line_is_joined_even_after_a_line_with_no_comma():
    assert normalize_text("全市工业投资增速比1—9月提高0.2\n个百分点。") == "全市工业投资增速比1—9月提高0.2个百分点。"


# -- 3. full-width digits with a full-width thousands separator ----------------------------------------

def test_full_width_digits_with_a_full_width_thousands_separator_are_one_number(store):
    text = ("苏州市２０２６年１—１０月工业经济运行情况\n"
            "１—１０月，全市完成规上工业总产值４０，８７６．３亿元，同比增长４．８％；工业投资同比下降２．４％，完成１９８６．４亿元。")
    found, lost = figures(text, store)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 4.8, None),
                     ("industrial_investment", "苏州", "2026年1-10月", 1986.4, "亿元", -2.4, None)]
    assert lost == ()


@pytest.mark.parametrize("written, normal", [
    ("１，２，３", "1，2，3"),  # a list of small numbers
    ("增长５．１％，工业投资增长６％", "增长5.1%，工业投资增长6%"),
    ("１２，３４５６", "12，3456"),  # four digits after it: not thousands
    ("４０，８７６，０００元", "40876000元"),
    ("40，876", "40，876"),  # half-width digits with a Chinese comma: a list, as written
])
def test_a_full_width_comma_is_a_thousands_separator_only_between_full_width_digits_in_threes(written, normal):
    assert normalize_text(written) == normal


# -- 2. tables nested in a layout table, text boxes, and what is too deep to read -----------------------

def _docx(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DATA_ROWS = [("指标", "1—10月", "同比增长(%)"), ("规模以上工业总产值（亿元）", "40876.3", "4.8"),
             ("工业投资（亿元）", "1986.4", "6.3")]


def _fill(table, rows):
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def test_a_data_table_inside_a_cell_of_a_layout_table_is_read(store):
    document = docx.Document()
    document.add_paragraph("苏州市2026年1—10月主要指标（虚构示例，数字均为编造）")
    layout = document.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "工业运行"
    _fill(layout.cell(0, 1).add_table(rows=3, cols=3), DATA_ROWS)
    found, lost = figures(read_release_file("通报.docx", _docx(document)), store)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 4.8, None),
                     ("industrial_investment", "苏州", "2026年1-10月", 1986.4, "亿元", 6.3, None)]
    assert lost == ()


def test_tables_nested_too_deep_are_said_to_be_skipped_not_dropped_silently(store):
    document = docx.Document()
    document.add_paragraph("苏州市2026年1—10月主要指标（虚构）")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(60):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "1—10月，全市完成规上工业总产值40876.3亿元，同比增长4.8%。"
    found, lost = figures(read_release_file("通报.docx", _docx(document)), store)
    assert found == []
    assert [(u.fragment, u.reason) for u in lost] == [
        ("Word 文件中嵌套超过5层的表格或文本框（1处）", "未读取，请把这部分复制为文字另发")]


_TEXT_BOX = ('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
             'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
             'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
             'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
             'xmlns:v="urn:schemas-microsoft-com:vml" '
             'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><mc:AlternateContent>'
             '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
             '<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
             '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
             # Word's copy of the same box for older readers: read once, not twice
             '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
             '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def test_the_figures_in_a_word_text_box_are_read_once(store):
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("苏州市2026年1—10月工业经济运行情况（虚构示例，数字均为编造）")
    box = _TEXT_BOX.format(text="1—10月，全市完成规上工业总产值40876.3亿元，同比增长4.8%。")
    document.element.body.insert(1, parse_xml(box))
    text = read_release_file("通报.docx", _docx(document))
    assert text.count("40876.3") == 1
    found, lost = figures(text, store)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 4.8, None)]


# -- 4. a number too long to be a figure -----------------------------------------------------------

def test_a_number_of_thousands_of_digits_is_no_figure_and_is_listed_shortened(store):
    text = HEADING + "1—10月，全市完成规上工业总产值" + "1" * 5000 + "亿元，工业投资1986.4亿元。"
    found, lost = figures(text, store)
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1986.4, "亿元", None, None)]
    assert [u.reason for u in lost] == ["数字太长（5000位），不是一个数据"]
    assert len(lost[0].fragment) < 200  # the preview shows its start, not 5000 digits


def test_twenty_digits_are_still_read_as_a_number(store):
    found, lost = figures(HEADING + "1—10月，全市完成工业投资" + "1" * 20 + "亿元。", store)
    assert [u.reason for u in lost if "数字太长" in u.reason] == []
    assert found[0][3] == float("1" * 20)  # read as written; /set's checks (plan) refuse it


# -- 6. a share's change column ---------------------------------------------------------------------

@pytest.mark.parametrize("table", [
    "指标名称\t计量单位\t1—10月\t同比±%\n规模以上工业总产值\t万元\t408763000\t4.8\n"
    "高新技术产业产值占规上工业总产值比重\t%\t54.1\t0.6",
    "指标 | 1—10月 | 同比增长(%)\n规模以上工业总产值（万元） | 408763000 | 4.8\n"
    "高新技术产业产值占规上工业总产值比重（%） | 54.1 | -0.6",
])
def test_a_shares_change_in_a_growth_column_is_in_percentage_points(table, store):
    found, lost = figures("苏州市2026年1—10月主要经济指标\n" + table, store)
    sign = -1 if "-0.6" in table else 1
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 408763000.0, "万元", 4.8, None),
                     ("high_tech_output_share", "苏州", "2026年1-10月", 54.1, "%", None, sign * 0.6)]
    assert lost == ()


# -- 5. a table with one row per city ---------------------------------------------------------------

BY_CITY = ("2026年1—10月沿江城市主要工业指标对比\n"
           "城市 | 规上工业总产值(亿元) | 同比增长(%) | 工业投资(亿元) | 同比增长(%)\n"
           "苏州 | 40876.3 | 4.8 | 1986.4 | 6.3\n"
           "无锡 | 20110.2 | 5.5 | 980.1 | 7.7\n"
           "上海 | 33210.0 | 1.2 | 1510.3 | 10.1\n"
           "合计 | 94197.5 | 3.9 | 4476.8 | 7.9\n")


def test_a_table_of_one_row_per_city_gives_each_city_its_figures_if_the_knowledge_base_holds_it(store):
    assert "上海" in store.places_with_figures() and "无锡" not in store.places_with_figures()
    found, lost = figures(BY_CITY, store)
    assert found == [
        ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 4.8, None),
        ("industrial_investment", "苏州", "2026年1-10月", 1986.4, "亿元", 6.3, None),
        ("gross_industrial_output", "上海", "2026年1-10月", 33210.0, "亿元", 1.2, None),
        ("industrial_investment", "上海", "2026年1-10月", 1510.3, "亿元", 10.1, None),
    ]
    assert {(u.fragment, u.reason) for u in lost} == {
        *((n, "知识库里没有无锡的数据，这一行未录入") for n in ("20110.2", "5.5", "980.1", "7.7")),
        *((n, "这一行不是一个地方的数，未读取") for n in ("94197.5", "3.9", "4476.8", "7.9")),
    }


@pytest.mark.parametrize("text", [
    "前三季度城市经济成绩单：苏州、成都\n2020-12-15　来源：南方财富网",  # a heading lists with 、; a date line
    "全市经济稳中向好，工业生产平稳运行\n来源：苏州日报",
])
def test_a_heading_is_not_glued_onto_the_date_line_or_byline_after_it(text):
    assert len(normalize_text(text).split("\n")) == 2


def test_a_city_row_reads_a_share_with_its_change_in_points_and_lists_an_amount_change(store):
    found, lost = figures("2026年1—10月各市主要指标\n"
                          "地区 | 高新技术产业产值占规上工业总产值比重(%) | 比上年增减(百分点) | 工业投资(亿元) | 增减(亿元)\n"
                          "苏州 | 54.1 | 0.6 | 1986.4 | 120.5\n", store)
    assert found == [("high_tech_output_share", "苏州", "2026年1-10月", 54.1, "%", None, 0.6),
                     ("industrial_investment", "苏州", "2026年1-10月", 1986.4, "亿元", None, None)]
    assert [(u.fragment, u.reason) for u in lost] == [("120.5", "表头“增减(亿元)”：增减的数额，不是同比")]
