"""Release tables as statistics offices lay them out (issue 21): stacked headers, a 单位 line, a 上年同期增长
column, and the same tables inside a .docx; a .docx zip bomb and a broken UTF-16 file refused in one line.
Every figure here is MADE UP (苏州 1980亿元 for 1-10月, 210亿元 for 10月)."""

import io
import zipfile
from datetime import date

import docx
import pytest

from knowledge.releases import ReleaseError, read_release, read_release_file
from knowledge.releases.columns import table_cells
from tests.test_release_tables_known import TABLES

READ_ON = date(2026, 12, 7)
HEADING = "2026年1-10月主要指标（测试用，虚构）"

STACKED = ("单位：亿元、%\n"
           "指标 | 1-10月 | | 10月 |\n"
           "| 绝对值 | 同比 | 绝对值 | 同比\n"
           "工业投资 | 1980 | 7.5 | 210 | 8.1")
LAST_YEARS_GROWTH = ("指标\t1-10月\t同比增长(%)\t上年同期增长(%)\n"
                     "工业投资(亿元)\t1980\t7.5\t9.1")
SECTIONS = ("指标 | 上年同期 | 本年累计 | 增速（%）\n"
            "一、投资 | | |\n"
            "工业投资总额（亿元） | 1840 | 1980 | 7.5")


def figures(text):
    reading = read_release(text, _store(), READ_ON)
    return ([(f.indicator_id, f.city, f.period, float(f.value) if f.value is not None else None, f.yoy)
             for f in reading.figures], reading.unplaced)


def _store():
    from knowledge.store import open_store

    return open_store(":memory:")


def test_a_stacked_header_under_a_unit_line_reads_each_column_by_both_lines():
    found, _ = figures(HEADING + "\n" + STACKED)
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, 7.5),
                     ("industrial_investment", "苏州", "2026年10月", 210.0, 8.1)]


def test_last_years_growth_column_is_not_this_periods_growth():
    found, lost = figures(HEADING + "\n" + LAST_YEARS_GROWTH)
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, 7.5)]
    assert [(u.fragment, "上年" in u.reason) for u in lost] == [("9.1", True)]


def test_a_section_row_inside_a_table_keeps_its_header():
    found, lost = figures(HEADING + "\n" + SECTIONS)
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, 7.5)]
    assert [u.fragment for u in lost] == ["1840"]


def test_a_column_the_reader_cannot_place_is_unplaced_with_its_header():
    found, lost = figures(HEADING + "\n指标 | 市区 | 1-10月\n工业投资（亿元） | 800 | 1980")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, None)]
    assert [u.fragment for u in lost] == ["800"] and "市区" in lost[0].reason


def test_a_single_month_column_without_a_month_in_the_heading_is_not_guessed():
    found, lost = figures("主要指标\n指标 | 本月 | 累计\n工业投资（亿元） | 210 | 1980")
    assert found == []
    assert {u.fragment for u in lost} >= {"210"}


# -- the same tables inside a .docx -------------------------------------------------------------------

def docx_with(heading: str, rows: list[list[str]], merges=()) -> bytes:
    document = docx.Document()
    document.add_paragraph(heading)
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    document.add_paragraph("以上数据为虚构。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rows_of(table_text: str) -> list[list[str]]:
    lines = [table_cells(line) for line in table_text.splitlines()]
    width = max(len(cells) for cells in lines if cells)
    return [cells + [""] * (width - len(cells)) for cells in lines if cells]


@pytest.mark.parametrize("layout", list(TABLES) + ["last year's growth", "sections"])
def test_a_table_inside_a_docx_yields_the_figures_of_the_same_table_pasted(layout):
    table = {"last year's growth": LAST_YEARS_GROWTH, "sections": SECTIONS}.get(layout) or TABLES.get(layout)
    pasted = read_release(HEADING + "\n" + table, _store(), READ_ON)
    sent = read_release(read_release_file("通报.docx", docx_with(HEADING, rows_of(table))), _store(), READ_ON)
    assert pasted.figures and sent.figures == pasted.figures
    assert [u.fragment for u in sent.unplaced] == [u.fragment for u in pasted.unplaced]


def test_a_docx_table_with_merged_header_cells_reads_as_the_stacked_text_table():
    rows = [["指标", "1-10月", "", "10月", ""],
            ["", "绝对值", "同比", "绝对值", "同比"],
            ["工业投资（亿元）", "1980", "7.5", "210", "8.1"]]
    content = docx_with(HEADING, rows, merges=[((0, 1), (0, 2)), ((0, 3), (0, 4)), ((0, 0), (1, 0))])
    found = read_release(read_release_file("通报.docx", content), _store(), READ_ON).figures
    assert [(f.period, float(f.value), f.yoy) for f in found] == [("2026年1-10月", 1980.0, 7.5),
                                                                  ("2026年10月", 210.0, 8.1)]


# -- files refused in one line ------------------------------------------------------------------------

def zip_bomb() -> bytes:
    """A .docx of ~70 KB on the wire whose parts declare 64 MB."""
    plain = docx_with(HEADING, rows_of(TABLES["a column per city"]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/image1.png", bytes(64 * 1024 * 1024))  # 64 MB of zeros
    assert len(buffer.getvalue()) < 1024 * 1024
    return buffer.getvalue()


# a UTF-16 file (with its BOM) that ends in a lone surrogate
BROKEN_UTF16 = b"\xff\xfe" + "2026年1-10月，全市工业投资1980亿元".encode("utf-16-le") + b"\x00\xdc"


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated():
    with pytest.raises(ReleaseError, match="解压后超过") as refused:
        read_release_file("通报.docx", zip_bomb())
    assert "\n" not in str(refused.value)


def test_a_broken_utf16_file_is_refused_in_one_line():
    with pytest.raises(ReleaseError, match="UTF-16") as refused:
        read_release_file("通报.txt", BROKEN_UTF16)
    assert "\n" not in str(refused.value)
    odd = b"\xff\xfe" + "工业投资".encode("utf-16-le") + b"\x41"  # an odd byte at the end
    with pytest.raises(ReleaseError):
        read_release_file("通报.txt", odd)


def test_in_a_chat_both_files_get_one_chinese_line_and_change_nothing(tmp_path):
    from tests.group_chat import GROUP, OWNER, run

    async def body(stand):
        for name, content, said in (("通报.docx", zip_bomb(), "解压后超过"), ("通报.txt", BROKEN_UTF16, "UTF-16")):
            before = len(stand.sent_messages(GROUP))
            stand.send_document(GROUP, name, content, caption="/release", user_id=OWNER, chat_type="supergroup")
            reply = (await stand.wait_for_sent(GROUP, count=before + 1))[-1]
            assert said in reply["text"] and "\n" not in reply["text"] and "reply_markup" not in reply
        assert stand.answerer.store.db["changes"].count == 0

    run(tmp_path, body)


@pytest.mark.parametrize("table", [
    # a national bureau's layout: a unit column, 本月 and 1-本月, each with its own growth column
    "指标名称\t计量单位\t本月\t本月比上年同月增长(%)\t1-本月\t累计比上年同期增长(%)\n工业投资\t亿元\t210\t8.1\t1980\t7.5",
    # units in the header cells, and a year beside last year's
    "指标 | 10月（亿元） | 同比（%） | 2026年1-10月（亿元） | 2025年1-10月（亿元） | 增长（%）\n"
    "工业投资 | 210 | 8.1 | 1980 | 1840 | 7.5",
])
def test_header_forms_of_real_tables(table):
    found, lost = figures(HEADING + "\n" + table)
    assert sorted(found) == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, 7.5),
                             ("industrial_investment", "苏州", "2026年10月", 210.0, 8.1)]
    assert [u.fragment for u in lost] in ([], ["1840"])


def test_the_growth_column_of_a_target_is_not_this_periods_growth():
    found, lost = figures(HEADING + "\n指标 | 1-10月 | 全年目标 | 增长(%)\n工业投资（亿元） | 1980 | 2500 | 10")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, None)]
    assert {u.fragment for u in lost} == {"2500", "10"}


def test_the_growth_column_after_last_years_figure_is_this_years_growth():
    found, lost = figures(HEADING + "\n指标 | 本年累计 | 上年同期 | 增长(%)\n工业投资（亿元） | 1980 | 1840 | 7.6")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, 7.6)]
    assert [u.fragment for u in lost] == ["1840"]


def test_cells_that_write_their_unit_and_a_typeset_minus_sign():
    found, _ = figures(HEADING + "\n指标 | 1-10月 | 同比\n工业投资 | 1980亿元 | −1.2%")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, -1.2)]


def test_a_change_in_amount_is_not_a_growth_rate():
    found, lost = figures(HEADING + "\n指标 | 1-10月 | 同比增减（亿元） | 增长（%）\n工业投资（亿元） | 1980 | 140 | 7.6")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1980.0, 7.6)]
    assert [u.fragment for u in lost] == ["140"]


def test_a_cell_holding_a_number_it_cannot_read_is_listed_never_dropped(store):
    """“(36000)” (a bracketed 预计数, MADE UP) in a table was in neither list of the preview (tester round 3)."""
    text = ("2026年1-10月全市主要经济指标\n指标\t单位\t1-10月\t同比增长(%)\n"
            "规上工业总产值\t亿元\t41234.5\t5.3\n全市智算规模\tPFLOPS\t(36000)\t\n")
    reading = read_release(text, store, date(2026, 11, 20))
    assert [f.indicator_id for f in reading.figures] == ["gross_industrial_output"]
    assert any(u.fragment == "(36000)" and "未读取" in u.reason for u in reading.unplaced)
