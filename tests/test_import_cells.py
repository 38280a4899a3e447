"""Cells as spreadsheets hold them: percentages formatted as %, period cells, full-width numbers (issue 13, 9-11)."""

import io
from datetime import date, datetime

import openpyxl
import pytest

from knowledge.quantities import parse_quantity
from knowledge.store import open_store
from knowledge.tables import apply_import, plan_import, read_tables

HEADER = ["indicator_id", "city", "period", "value", "unit", "status", "source_id"]
TODAY = date(2026, 11, 29)


@pytest.fixture
def store():
    return open_store(":memory:")


def workbook(rows, formats=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "observations"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for (row, column), number_format in (formats or {}).items():
        sheet.cell(row, column).number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_of(store, rows, formats=None):
    return plan_import(store, read_tables("data.xlsx", workbook(rows, formats)), today=TODAY)


def test_a_cell_formatted_as_percent_is_the_percentage_it_shows(store):
    plan = plan_of(store, [["rd_institution_rate", "苏州", "1-10月", 0.41, None, "actual", "article"]],
                   {(2, 4): "0%"})
    assert not plan.rejected, plan.summary()
    assert (plan.added[0].after["value"], plan.added[0].after["unit"]) == (41.0, "%")


def test_a_percent_cell_for_an_indicator_in_yuan_is_refused_with_the_reason(store):
    plan = plan_of(store, [["industrial_investment", "苏州", "1-10月", 0.41, "亿元", "actual", "article"]],
                   {(2, 4): "0.0%"})
    assert not plan.added
    assert "百分比格式" in plan.rejected[0][2] and "41%" in plan.rejected[0][2]


@pytest.mark.parametrize(
    "cell,label",
    [
        (datetime(2026, 10, 31), "2026年1-10月"),
        (46326, "2026年1-10月"),
        ("46326", "2026年1-10月"),
        ("1—10月", "2026年1-10月"),
        ("前10个月", "2026年1-10月"),
        ("2026-10", "2026年1-10月"),
        ("上半年", "2026年上半年"),
    ],
)
def test_period_cells_are_read_by_the_rules_of_set_and_the_preview_says_how(store, cell, label):
    plan = plan_of(store, [["industrial_investment", "苏州", cell, 1980, "亿元", "actual", "article"]])
    assert not plan.rejected, plan.summary()
    after = plan.added[0].after
    assert (after["period"], after["year"]) == (label, 2026)
    assert f"读作 {label}" in plan.summary()


def test_free_text_and_impossible_periods_are_refused_not_stored(store):
    plan = plan_of(store, [["industrial_investment", "苏州", "十月底吧", 1980, "亿元", "actual", "article"],
                           ["industrial_investment", "苏州", 12345, 1980, "亿元", "actual", "article"]])
    assert not plan.added
    assert [r[1] for r in plan.rejected] == [2, 3]
    assert "无法识别的期间" in plan.rejected[0][2]
    assert "不像 Excel 日期" in plan.rejected[1][2]


def test_one_period_one_row_whatever_the_writing(store):
    first = plan_of(store, [["industrial_investment", "苏州", "1-10月", 1980, "亿元", "actual", "article"]])
    apply_import(store, first)
    again = plan_of(store, [["industrial_investment", "苏州", "2026年1—10月", 1980, "亿元", "actual", "article"]])
    assert (len(again.added), len(again.changed), len(again.unchanged)) == (0, 0, 1)


@pytest.mark.parametrize("cell,unit,value,stored_unit", [
    ("１，９８０", "亿元", 1980.0, "亿元"),
    ("１９８０亿", "", 1980.0, "亿元"),
    ("１９８０亿元", "", 1980.0, "亿元"),
    ("1,980", "亿元", 1980.0, "亿元"),
])
def test_full_width_numbers_with_separators_and_units_are_read(store, cell, unit, value, stored_unit):
    plan = plan_of(store, [["industrial_investment", "苏州", "1-10月", cell, unit or None, "actual", "article"]])
    assert not plan.rejected, plan.summary()
    assert (plan.added[0].after["value"], plan.added[0].after["unit"]) == (value, stored_unit)


@pytest.mark.parametrize("text,value,unit", [("１，９８０亿", 1980, "亿元"), ("４．２５％", 4.25, "%"),
                                             ("１９８０亿元", 1980, "亿元")])
def test_typed_full_width_quantities_read_as_ascii(text, value, unit):
    expected_unit = "元" if unit != "%" else "%"
    quantity = parse_quantity(text, expected_unit)
    assert (float(quantity.value), quantity.unit) == (value, unit)


def test_a_restated_figure_is_marked_revised_and_history_keeps_both(store):
    apply_import(store, plan_of(store, [["industrial_investment", "苏州", "1-10月", 1980, "亿元", "actual", "article"]]))
    plan = plan_of(store, [["industrial_investment", "苏州", "1-10月", 1990, "亿元", "actual", "article"]])
    assert plan.changed[0].after["status"] == "revised"
    apply_import(store, plan)
    rows = list(store.db["observations"].rows_where("indicator_id = 'industrial_investment'"))
    assert [(r["value"], r["status"]) for r in rows] == [(1990, "revised")]
    values = [store.db.execute("select json_extract(after, '$.value') from changes where id = ?", [c["id"]]).fetchone()[0]
              for c in store.changes_for("industrial_investment")]
    assert sorted(values) == [1980, 1990]


@pytest.mark.parametrize("cell,formats,expected", [(7.5, {}, 7.5), ("-1.2%", {}, -1.2), ("７．５", {}, 7.5),
                                                   (0.075, {(2, 8): "0.0%"}, 7.5), (None, {}, None)])
def test_同比_is_stored_as_published(store, cell, formats, expected):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "observations"
    sheet.append(HEADER + ["yoy_growth"])
    sheet.append(["industrial_investment", "苏州", "1-10月", 1980, "亿元", "actual", "article", cell])
    for (row, column), number_format in formats.items():
        sheet.cell(row, column).number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    plan = plan_import(store, read_tables("data.xlsx", buffer.getvalue()), today=TODAY)
    assert not plan.rejected, plan.summary()
    apply_import(store, plan)
    [row] = store.observations("industrial_investment")
    assert row.yoy_growth == (pytest.approx(expected) if expected is not None else None)


def test_a_同比_that_is_not_a_number_is_refused(store):
    rows = [["industrial_investment", "苏州", "1-10月", 1980, "亿元", "actual", "article"]]
    book = workbook(rows)
    plan = plan_import(store, {"observations": read_tables("d.xlsx", book)["observations"].assign(yoy_growth="增长较快")},
                       today=TODAY)
    assert "同比（yoy_growth）" in plan.rejected[0][2]


@pytest.mark.parametrize("cell", ["10月", "2026年10月"])
def test_a_single_month_cell_gets_the_single_month_note_with_or_without_its_year(store, cell):
    # the label 2026年10月 equals what was written, yet the preview must still say it is one month
    plan = plan_of(store, [["industrial_investment", "苏州", cell, 1980, "亿元", "actual", "article"]])
    assert not plan.rejected, plan.summary()
    assert plan.added[0].after["period"] == "2026年10月"
    assert "单月数据" in plan.summary()


def test_an_imported_city_is_read_as_set_reads_it_and_an_unknown_one_is_refused(store):
    # made-up figures; 苏州市/吴江区 are the places /set reads as 苏州/吴江 (knowledge.places.place_named)
    rows = [["industrial_investment", "苏州市", "2026年1-10月", 1990, "亿元", "actual", "szstats"],
            ["industrial_investment", "吴江区", "2026年1-10月", 300, "亿元", "actual", "szstats"]]
    plan = plan_of(store, rows)
    assert not plan.rejected
    assert sorted(change.after["city"] for change in plan.writes) == ["吴江", "苏州"]
    for city in ("Suzhou", "苏 州", "苏州工业"):
        plan = plan_of(store, [["industrial_investment", city, "2026年1-10月", 1990, "亿元", "actual", "szstats"]])
        assert not plan.writes
        assert "城市（city）" in plan.rejected[0][2] and "不是已知的地方" in plan.rejected[0][2]
