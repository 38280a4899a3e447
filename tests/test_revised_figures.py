"""A new value drops what was written about the old one — its qualifier (预计/突破), text, note and
quote — whether it comes by /set, a release or an import (knowledge.store.written_figure, the one rule);
and an article's stated gap is not shown once a figure it was stated against has been revised (issue 20,
round-3 attack a_stale_qualifier). Values written here are made up."""

import io

import openpyxl

from knowledge.answers import Answerer
from knowledge.render import render_reply
from knowledge.tables import apply_import, export_workbook, plan_import, read_tables
from tests.conftest import fixed_clock
from tests.group_chat import press, run, say, send_file

HEADER = "指标,城市,期间,数值,单位,来源,状态\n"


def imported(store, content: bytes, name="a.csv"):
    plan = plan_import(store, read_tables(name, content))
    assert not plan.rejected, plan.summary()
    apply_import(store, plan)
    return plan


def row(store, city, period, indicator="gross_industrial_output"):
    return store.db["observations"].get((indicator, city, period))


def ask(store, question):
    return render_reply(Answerer(store, clock=fixed_clock(2026, 11, 26, 10)).answer(question))


def test_an_imported_value_drops_the_old_qualifier_text_note_and_quote(store):
    plan = imported(store, (HEADER + "规上工业总产值,苏州,2025年,4.95,万亿元,szstats,实际\n"
                            "规上工业总产值,苏州,2013年,3.1,万亿元,szstats,修订\n").encode())
    assert "预计4.89万亿元 → 4.95万亿元" in plan.summary() and "突破3万亿元 → 3.1万亿元" in plan.summary()
    latest, early = row(store, "苏州", "2025年"), row(store, "苏州", "2013年")
    assert (latest["qualifier"], latest["text"], latest["status"]) == ("", "4.95万亿元", "actual")
    assert (early["qualifier"], early["text"], early["note"], early["quote"]) == ("", "3.1万亿元", "", "")
    assert "预计4.95" not in ask(store, "2025年规上工业总产值")
    assert "突破3.1" not in ask(store, "2013年规上工业总产值")


def test_an_exported_table_edited_and_imported_does_not_keep_the_old_wording(store):
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(store)))
    sheet = book["observations"]
    header = [c.value for c in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if (cells[0].value, cells[1].value, cells[2].value) == ("gross_industrial_output", "深圳", "2013年"):
            cells[header.index("value")].value = 2.5  # only the value is edited: text, note, quote are copies
    buffer = io.BytesIO()
    book.save(buffer)
    imported(store, buffer.getvalue(), "kb.xlsx")
    revised = row(store, "深圳", "2013年")
    assert (revised["text"], revised["note"], revised["quote"], revised["status"]) == ("2.5万亿元", "", "", "revised")
    assert row(store, "苏州", "2013年")["note"] == "全国第二，仅次于上海"  # a row not edited keeps its own


def test_a_stated_gap_is_not_shown_once_either_figure_is_revised(store):
    before = ask(store, "苏州和深圳规上工业总产值差多少")
    assert "文中给出的差距：与苏州差距高达7千亿元" in before  # the article's own gap, while it fits
    imported(store, (HEADER + "规上工业总产值,苏州,2013年,3.1,万亿元,szstats,修订\n").encode())
    reply = ask(store, "苏州和深圳规上工业总产值差多少")  # 深圳's note quotes 苏州's old figure
    assert "7千亿" not in reply and "苏州2013年：3.1万亿元" in reply, reply
    imported(store, (HEADER + "规上工业总产值,深圳,2013年,2.5,万亿元,szstats,修订\n").encode())
    reply = ask(store, "苏州和深圳规上工业总产值差多少")
    assert "7千亿" not in reply and "深圳2013年：2.5万亿元" in reply, reply


def test_an_imported_target_keeps_its_qualifier_as_target_does_but_not_the_old_quote(store):
    imported(store, "指标,城市,年份,数值,单位,来源\n规上工业总产值,苏州,2026,5.2,万亿元,szstats\n".encode())
    target = store.db["targets"].get(("gross_industrial_output", "苏州", 2026))
    assert (target["qualifier"], target["text"], target["quote"]) == ("超…", "超5.2万亿元", "")


def test_an_import_in_chat_answers_with_the_figure_as_the_row_says(tmp_path):
    async def body(stand):
        table = (HEADER + "规上工业总产值,苏州,2025年,4.95,万亿元,szstats,实际\n").encode()
        preview = await send_file(stand, "a.csv", table)
        assert "预计4.89万亿元 → 4.95万亿元" in preview["text"], preview["text"]
        await press(stand, preview, "确认")
        answer = (await say(stand, "/ask 2025年规上工业总产值"))["text"]
        assert "2025年：4.95万亿元" in answer and "预计" not in answer, answer

    run(tmp_path, body)
