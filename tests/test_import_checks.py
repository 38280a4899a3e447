"""Imported figures get the same checks as /set (findings H2, H3, H8, M4, M10, M11): ONE check function,
target_rules.figure_refusal, for both paths. All figures here are MADE UP for the tests."""

from datetime import date

import pytest

from knowledge.store import open_store
from knowledge.tables import plan_import, read_tables
from tests.conftest import OTHER_PLACES

# the day these releases are read: every period they name has ended
READ_ON = date(2026, 12, 7)

TODAY = date(2026, 11, 29)
HEADER = "indicator_id,city,period,value,unit,source_id,yoy_growth"


@pytest.fixture
def store():
    return open_store(":memory:")


def plan_of(store, *rows, header=HEADER, today=TODAY):
    text = header + "\n" + "\n".join(rows) + "\n"
    return plan_import(store, read_tables("x.csv", text.encode()), today=today)


@pytest.mark.parametrize(
    "row,reason",
    [
        ("工业投资总额,苏州,1-10月,30000,亿元,article,", "超过目标的10倍"),  # H2
        ("新增高新技术企业,苏州,1-10月,6000,家,article,", "超过目标的10倍"),
        ("新增国家级专精特新“小巨人”企业,苏州,1-10月,0.5,家,article,", "应为整数"),  # H3
        ("工业投资总额,苏州,1-10月,1980,,article,", "请写单位，如 1980亿"),  # H8: not 1980元
        ("工业投资总额,苏州,1-10月,1980,元,article,", "不到目标"),
        ("工业投资总额,苏州,全年,2600,亿元,article,", "还没有结束"),  # M4, on 29 November
        ("工业投资总额,苏州,1-12月,2600,亿元,article,", "还没有结束"),
        ("工业投资总额,苏州,四季度,600,亿元,article,", "还没有结束"),
        ("工业投资总额,苏州,2027年1-3月,600,亿元,article,", "还没有结束"),
        ("工业投资总额,苏州,2026.1-10,1980,亿元,article,", None),  # H4: read as 1-10月, below
        ("工业投资总额,苏州,2026-10-15,1980,亿元,article,", "在月中"),  # M11
        ("工业投资总额,苏州,1-10月,1980,亿元,article,同比abc", "同比"),
        ("全社会研发投入占GDP比重,苏州,2025年,120,%,article,", "0 到 100"),
    ],
)
def test_import_refuses_what_set_refuses(store, row, reason):
    plan = plan_of(store, row)
    if reason is None:
        assert not plan.rejected, plan.summary()
        assert plan.added[0].key["period"] == "2026年1-10月"
    else:
        assert not plan.added and reason in plan.rejected[0][2], plan.summary()


@pytest.mark.parametrize(
    "value,unit,yoy,stored",
    [
        ("2千亿", "", "", (2000.0, "亿元", None, "actual")),  # M10
        ("两千亿", "", "", (2000.0, "亿元", None, "actual")),
        ("一千九百八十", "亿元", "", (1980.0, "亿元", None, "actual")),
        ("约1980", "亿元", "", (1980.0, "亿元", None, "estimate")),  # 约: kept, marked 预计
        ("1980", "亿元", "-", (1980.0, "亿元", None, "actual")),  # "-" is the tables' "no figure"
        ("1980", "亿元", "—", (1980.0, "亿元", None, "actual")),
        ("1980", "亿元", "增长7.5%", (1980.0, "亿元", 7.5, "actual")),
        ("1980", "亿元", "下降3.2%", (1980.0, "亿元", -3.2, "actual")),
        ("1980", "亿元", "同比增长7.5%", (1980.0, "亿元", 7.5, "actual")),
    ],
)
def test_common_value_and_同比_forms_are_read(store, value, unit, yoy, stored):
    plan = plan_of(store, f"工业投资总额,苏州,1-10月,{value},{unit},article,{yoy}")
    assert not plan.rejected, plan.summary()
    after = plan.added[0].after
    assert (after["value"], after["unit"], after["yoy_growth"], after["status"] or "actual") == stored


@pytest.mark.parametrize(
    "period,label",
    [("截至2026年10月底", "2026年1-10月"), ("2026年1月-10月", "2026年1-10月"), ("2026年10月31日", "2026年1-10月"),
     ("26年1-10月", "2026年1-10月"), ("累计至10月", "2026年1-10月"), ("1-10月末", "2026年1-10月")],
)
def test_common_period_forms_are_read(store, period, label):
    plan = plan_of(store, f"工业投资总额,苏州,{period},1980,亿元,article,")
    assert not plan.rejected, plan.summary()
    assert plan.added[0].key["period"] == label


def _xlsx(title, header, rows):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("title", ["Sheet", "Sheet1", "observations"])
def test_a_one_sheet_workbook_with_chinese_headers_is_read(store, title):  # M13
    content = _xlsx(title, ["指标", "城市", "期间", "数值", "单位", "来源", "同比"],
                    [["工业投资总额", "苏州", "1-10月", 1980, "亿元", "article", "7.5"]])
    plan = plan_import(store, read_tables("data.xlsx", content), today=TODAY)
    assert not plan.rejected, plan.summary()
    assert (plan.added[0].after["value"], plan.added[0].after["yoy_growth"]) == (1980.0, 7.5)


def test_a_chinese_header_csv_is_read(store):
    plan = plan_of(store, "工业投资总额,苏州,1-10月,1980,亿元,article,", header="指标,城市,期间,数值,单位,来源,同比")
    assert not plan.rejected and plan.added[0].key["period"] == "2026年1-10月", plan.summary()


def test_the_preview_shows_old_and_new_for_a_changed_row(store):  # M7
    from knowledge.tables import apply_import

    apply_import(store, plan_of(store, "工业投资总额,苏州,1-9月,1700,亿元,article,"))
    summary = plan_of(store, "工业投资总额,苏州,1-9月,1750,亿元,article,").summary()
    assert "工业投资总额 苏州 2026年前三季度：1700亿元 → 1750亿元（修订数）" in summary


def test_every_rejected_row_is_listed_on_request(store):  # M8
    rows = [f"工业投资总额,{OTHER_PLACES[i]},1-10月,-1,亿元,article," for i in range(33)]
    plan = plan_of(store, *rows)
    assert "…另有 13 行" in plan.summary()
    full = plan.summary(full=True)
    assert "另有" not in full and sum("数值不能为负" in line for line in full.splitlines()) == 33


def test_a_csv_with_an_unclosed_quote_is_refused_in_chinese():
    from knowledge.tables import ImportFileError

    body = "indicator_id,city,year,value,unit,text,source_id\nx,苏州,2026,\"1980,亿元,x,plan2026\n" + "2026,x\n" * 30000
    with pytest.raises(ImportFileError) as refused:
        read_tables("x.csv", body.encode())
    assert "第2行" in str(refused.value) and "引号" in str(refused.value), refused.value
    assert "field" not in str(refused.value)


HUGE = "9" * 401  # made up: a stray run of digits, which a float stores as +Inf


def test_a_401_digit_value_in_a_year_without_a_target_is_refused_on_every_write_path(store):
    from handlers.arguments import CommandRefused, plan_command
    from knowledge.answers import Answerer
    from knowledge.releases import preview_release
    from tests.conftest import fixed_clock
    from tests.test_tables import seed_header

    assert store.get_row("targets", {"indicator_id": "industrial_investment", "city": "苏州", "year": 2025}) is None
    answerer = Answerer(store, clock=fixed_clock(2026, 11, 29, 10))
    for command, words in (("set", ["工业投资总额", HUGE + "亿元", "2025年1-10月"]),
                           ("target", ["工业投资总额", HUGE + "亿元", "2027"])):
        with pytest.raises(CommandRefused, match="超过一亿亿"):
            plan_command(command, answerer, words, "测试")
    figure = plan_of(store, f"工业投资总额,苏州,2025年1-10月,{HUGE},亿元,article,")
    target = plan_import(store, read_tables("t.csv", (",".join(seed_header("targets")) + "\n"
                                                      f"industrial_investment,苏州,2027,{HUGE},亿元,,,plan2026,\n").encode()))
    for plan in (figure, target):
        [(_, _, why)] = plan.rejected
        assert "超过一亿亿" in why and not plan.added
    release = preview_release(store, f"2025年1—10月全市经济运行情况\n1—10月，全市完成工业投资总额{HUGE}亿元。", READ_ON, "测试")
    # a release reads no value of more than 20 digits at all: listed (test_release_text_forms), not written
    assert not release.items and not release.writes
    assert [u.reason for u in release.reading.unplaced] == ["数字太长（401位），不是一个数据"]


def test_a_401_digit_growth_rate_is_refused_by_set_import_and_release(store):
    from handlers.arguments import CommandRefused, plan_command
    from knowledge.answers import Answerer
    from knowledge.releases import preview_release
    from tests.conftest import fixed_clock

    answerer = Answerer(store, clock=fixed_clock(2026, 11, 29, 10))
    with pytest.raises(CommandRefused, match="同比应为百分数"):
        plan_command("set", answerer, ["工业投资总额", "1980亿元", "1-10月", f"同比{HUGE}%"], "测试")
    plan = plan_of(store, f"工业投资总额,苏州,1-10月,1980,亿元,article,{HUGE}")
    [(_, _, why)] = plan.rejected
    assert "同比大得不合常理" in why and not plan.added
    release = preview_release(store, f"2026年1—10月全市经济运行情况\n1—10月，全市完成工业投资总额1980亿元，同比增长{HUGE}%。",
                              READ_ON, "测试")
    [item] = release.items
    assert release.writes == [] and "同比大得不合常理" in item.note


def test_a_figure_the_set_check_refuses_is_not_written_from_a_release_either(store):
    from knowledge.releases import preview_release

    release = preview_release(store, "2026年1—10月全市经济运行情况\n截至10月末，全市瞪羚企业12000家。", READ_ON, "测试")
    [item] = release.items
    assert release.writes == [] and "超过目标的10倍" in item.note  # 瞪羚企业's target is 1000家
