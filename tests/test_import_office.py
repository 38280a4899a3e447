"""Imports of spreadsheets as offices write them (issue 20): the preview lists the rows it adds as they
will be stored; a title row above the header, merged cells and a 合计 row; a free-text 来源.

Every figure here is MADE UP for the test.
"""

import asyncio
import io
import os
import re
import subprocess
import sys
from datetime import date, datetime

import openpyxl
import pytest

from knowledge.answers import Answerer
from knowledge.store import open_store
from knowledge.tables import ImportFileError, apply_import, plan_import, read_tables
from tests.conftest import OTHER_PLACES, SHANGHAI
from tests.group_chat import GROUP, OWNER, press, send_file
from tests.harness import application, standin

TODAY = date(2026, 11, 29)
HEADER = ["indicator_id", "city", "period", "value", "unit", "source_id"]


@pytest.fixture
def store():
    return open_store(":memory:")


def xlsx(rows, formats=None, merged=(), title="Sheet"):
    """A one-sheet workbook of `rows` (the first is whatever the office put first), cell number formats
    {(row, column): format} and merged ranges ("A2:A4")."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for (row, column), number_format in (formats or {}).items():
        sheet.cell(row, column).number_format = number_format
    for cells in merged:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_of(store, name, content):
    return plan_import(store, read_tables(name, content), today=TODAY)


# MADE-UP figures: 0.573 in a cell formatted as %, and full-width １２０
READ_AS_SHOWN = xlsx([HEADER,
                      ["rd_institution_rate", "苏州", "1-10月", 0.573, None, "article"],
                      ["gazelle_firms", "苏州", "1-10月", "１２０", "家", "article"]],
                     formats={(2, 4): "0.0%"})


# -- the preview lists added rows ------------------------------------------------------------------------

def test_the_preview_lists_each_added_row_as_it_will_be_stored(store):
    summary = plan_of(store, "data.xlsx", READ_AS_SHOWN).summary()
    assert "第2行 新增：规上工业企业研发机构建有率 苏州 2026年1-10月：57.3%" in summary, summary
    assert "第3行 新增：瞪羚企业 苏州 2026年1-10月：120家" in summary, summary


def test_the_preview_lists_the_first_20_added_rows_and_counts_the_rest(store):
    rows = "".join(f"gazelle_firms,{OTHER_PLACES[i]},1-10月,{100 + i},家,article\n" for i in range(23))  # MADE UP
    plan = plan_of(store, "data.csv", (",".join(HEADER) + "\n" + rows).encode())
    summary = plan.summary()
    assert sum(" 新增：" in line for line in summary.splitlines()) == 20
    assert "…另有 3 行新增" in summary
    assert sum(" 新增：" in line for line in plan.summary(full=True).splitlines()) == 23


def test_the_chat_preview_shows_the_added_rows_before_confirm(tmp_path):
    async def main():
        answerer = Answerer(open_store(tmp_path / "kb.db"),
                            clock=lambda: datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI))
        async with standin(admins={GROUP: [OWNER]}) as stand, application(stand, answerer,
                                                                           admin_ids=frozenset({OWNER})):
            preview = await asyncio.wait_for(send_file(stand, "data.xlsx", READ_AS_SHOWN), 60)
            assert "57.3%" in preview["text"] and "瞪羚企业 苏州 2026年1-10月：120家" in preview["text"]
            done = await asyncio.wait_for(press(stand, preview, "确认"), 60)
            assert "已" in done["text"]
        assert [o.value for o in answerer.store.observations("gazelle_firms")] == [120.0]

    asyncio.run(main())


def test_the_console_preview_shows_the_added_rows_before_y(tmp_path):
    (tmp_path / "data.xlsx").write_bytes(READ_AS_SHOWN)
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db"), "BOT_TODAY": "2026-11-29"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run([sys.executable, "-m", "bot", "import", "data.xlsx"], input="n\n", text=True,
                            capture_output=True, env=env, cwd=tmp_path, timeout=60)
    assert "第2行 新增：规上工业企业研发机构建有率 苏州 2026年1-10月：57.3%" in result.stdout, result.stdout
    assert "第3行 新增：瞪羚企业 苏州 2026年1-10月：120家" in result.stdout
    assert "已取消" in result.stdout


# -- a free-text 来源 -------------------------------------------------------------------------------------

FREE_SOURCE = "市统计局 2026年10月月报（测试用标题）"  # MADE UP


def csv_with_source(source, value=1980):
    return ("指标,城市,期间,数值,单位,来源\n"  # MADE-UP figure
            f"工业投资总额,苏州,1-10月,{value},亿元,{source}\n").encode()


def test_a_free_text_source_is_added_as_set_adds_it_and_said_in_the_preview(store):
    from knowledge.answers import Answerer
    from knowledge.edits import apply_edit, plan_observation

    plan = plan_of(store, "data.csv", csv_with_source(FREE_SOURCE))
    assert not plan.rejected, plan.summary()
    assert f"新增来源：“{FREE_SOURCE}”" in plan.summary()
    apply_import(store, plan)
    [source_id] = [r["id"] for r in store.db["sources"].rows_where("title = ?", [FREE_SOURCE])]
    assert store.observations("industrial_investment")[-1].source.title == FREE_SOURCE
    # /set citing the same title cites the same source, not a second one
    edit = plan_observation(Answerer(store), "工业投资总额", "1990亿", "1-9月", "张三", source=FREE_SOURCE)
    apply_edit(store, edit, 1, 1)
    assert store.db["sources"].count_where("title = ?", [FREE_SOURCE]) == 1
    assert {o.source.id for o in store.observations("industrial_investment")} == {source_id}


def test_the_title_of_a_known_source_cites_that_source(store):
    title = store.sources()["szstats"].title
    plan = plan_of(store, "data.csv", csv_with_source(title))
    assert not plan.rejected and not plan.new_sources, plan.summary()
    assert plan.added[0].after["source_id"] == "szstats"


@pytest.mark.parametrize("source,reason", [
    ("szstat", "未知来源编号：“szstat”"),  # a mistyped id is not taken for a title
    ("市统计局" * 30, "来源太长（120字）"),
    ('"市统计局\n月报"', "来源标题含有换行或控制字符"),
])
def test_a_source_that_is_neither_known_nor_a_title_is_refused_and_nothing_added(store, source, reason):
    plan = plan_of(store, "data.csv", csv_with_source(source))
    assert not plan.added and reason in plan.rejected[0][2], plan.summary()
    assert "新增来源" not in plan.summary()


# -- a title row, merged cells, a 合计 row -------------------------------------------------------------

CHINESE_HEADER = ["指标", "城市", "期间", "数值", "单位", "来源"]
TITLE = "2026年1-10月工业指标完成情况（测试表）"  # MADE UP, as every figure below


def test_a_merged_title_row_above_the_header_is_skipped_and_said(store):
    content = xlsx([[TITLE], CHINESE_HEADER, ["工业投资总额", "苏州", "1-10月", 1980, "亿元", "article"]],
                   merged=["A1:F1"], title="Sheet1")
    plan = plan_of(store, "office.xlsx", content)
    assert not plan.rejected, plan.summary()
    assert [(p.row, p.after["value"]) for p in plan.added] == [(3, 1980.0)]
    assert f"第1行像标题行（“{TITLE}”），已跳过；列名在第2行" in plan.summary()


def test_a_title_line_above_the_header_of_a_csv_is_skipped(store):
    content = (f"{TITLE},,,,,\n" + ",".join(CHINESE_HEADER) + "\n工业投资总额,苏州,1-10月,1980,亿元,article\n").encode()
    plan = plan_of(store, "office.csv", content)
    assert not plan.rejected and [p.row for p in plan.added] == [3], plan.summary()
    assert "第1行像标题行" in plan.summary()


@pytest.mark.parametrize("head,reason", [
    ([[TITLE]], "第1行像标题行（“2026年1-10月工业指标完成情况（测试表）”），但前6行中没有找到列名行"),
    ([[TITLE, None, "制表：测试"], CHINESE_HEADER], "第1行有多个单元格有值"),
    ([[TITLE], ["单位：亿元"], CHINESE_HEADER], "第2行像标题行，写有单位（“单位：亿元”）"),
])
def test_rows_above_the_header_that_are_not_plain_titles_are_refused_with_the_reason(store, head, reason):
    content = xlsx(head + [["工业投资总额", "苏州", "1-10月", 1980, "亿元", "article"]], title="Sheet1")
    with pytest.raises(ImportFileError, match=re.escape(reason)):
        plan_of(store, "office.xlsx", content)


def test_cells_merged_down_a_column_are_filled_from_the_workbooks_merged_range(store):
    content = xlsx([CHINESE_HEADER,
                    ["工业投资总额", "苏州", "1-10月", 1980, "亿元", "article"],
                    ["瞪羚企业", None, None, 120, "家", "article"],
                    ["规上工业企业研发机构建有率", None, None, 57.3, "%", "article"]],
                   merged=["B2:B4", "C2:C4"])
    plan = plan_of(store, "office.xlsx", content)
    assert not plan.rejected, plan.summary()
    assert {(p.key["city"], p.key["period"]) for p in plan.added} == {("苏州", "2026年1-10月")}
    assert len(plan.added) == 3
    summary = plan.summary()
    assert "合并单元格 B2:B4（city）只有左上角有值，已按“苏州”填入第3-4行" in summary, summary
    assert "合并单元格 C2:C4（period）只有左上角有值，已按“1-10月”填入第3-4行" in summary


def test_a_figure_merged_down_a_column_is_refused_naming_the_cells(store):
    content = xlsx([CHINESE_HEADER,
                    ["工业投资总额", "苏州", "1-9月", 1980, "亿元", "article"],
                    ["工业投资总额", "苏州", "1-10月", None, "亿元", "article"]],
                   merged=["D2:D3"])
    plan = plan_of(store, "office.xlsx", content)
    assert not plan.added and [r[1] for r in plan.rejected] == [2, 3]
    assert all("合并单元格 D2:D3（value）只有左上角有值" in r[2] for r in plan.rejected), plan.summary()


@pytest.mark.parametrize("label", ["合计", "合 计", "全市合计", "小计："])
def test_a_total_row_is_skipped_by_its_name_and_said(store, label):
    content = xlsx([CHINESE_HEADER,
                    ["瞪羚企业", "姑苏区", "1-10月", 20, "家", "article"],
                    ["瞪羚企业", "吴中区", "1-10月", 30, "家", "article"],
                    [label, None, None, 50, "家", None]],
                   merged=["A4:C4"])
    plan = plan_of(store, "office.xlsx", content)
    assert not plan.rejected and len(plan.added) == 2, plan.summary()
    assert f"第4行：“{label}”行，已跳过（合计不导入）" in plan.summary()
    assert "跳过 1 行" in plan.summary().splitlines()[0]


def test_a_csv_saved_from_cells_merged_down_a_column_is_refused_naming_the_cells(store):
    # A CSV does not record merged ranges: which city the empty cells meant cannot be proven.
    content = (",".join(CHINESE_HEADER) + "\n"
               "工业投资总额,苏州,1-10月,1980,亿元,article\n"
               "瞪羚企业,,1-10月,120,家,article\n"
               "规上工业企业研发机构建有率,,1-10月,57.3,%,article\n").encode()
    plan = plan_of(store, "office.csv", content)
    assert [r[1] for r in plan.rejected] == [3, 4], plan.summary()  # so nothing is imported
    assert all("B3:B4 为空而 B2 有值，像是合并单元格只有左上角有值" in r[2] for r in plan.rejected)


def test_a_chat_preview_longer_than_one_message_is_sent_whole_with_confirm_on_the_last(tmp_path):
    # a city is a known place (knowledge.places), so the length is in 文字 written instead of a figure
    rows = "".join(f"瞪羚企业,{OTHER_PLACES[i]},1-10月,,家,{'测试来源标题' * 15}{i},{'测试文字' * 15}{i}\n"  # MADE UP
                   for i in range(20))
    content = (",".join(CHINESE_HEADER + ["文字"]) + "\n" + rows).encode()

    async def main():
        answerer = Answerer(open_store(tmp_path / "kb.db"),
                            clock=lambda: datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI))
        async with standin(admins={GROUP: [OWNER]}) as stand, application(stand, answerer,
                                                                           admin_ids=frozenset({OWNER})):
            await asyncio.wait_for(send_file(stand, "long.csv", content), 60)
            sent = stand.sent_messages(GROUP)
            while "reply_markup" not in sent[-1]:  # the preview is several messages: up to the one with 确认
                sent = await stand.wait_for_sent(GROUP, count=len(sent) + 1, timeout=60)
            shown = "\n".join(m["text"] for m in sent)
            assert len(sent) > 1 and len(shown) > 3500
            assert f"{'测试文字' * 15}19" in shown and f"新增来源：“{'测试来源标题' * 15}19”" in shown

    asyncio.run(main())


def test_merges_over_columns_the_import_does_not_read_change_nothing(store):
    content = xlsx([["序号", "", *CHINESE_HEADER, "备注说明"],
                    [1, None, "工业投资总额", "苏州", "1-10月", 1980, "亿元", "article", "测试备注"],
                    [2, None, "瞪羚企业", "苏州", "1-10月", 120, "家", "article", None]],
                   merged=["A2:B2", "I2:J2"])
    plan = plan_of(store, "office.xlsx", content)
    assert not plan.rejected and len(plan.added) == 2, plan.summary()
