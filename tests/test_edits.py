import json
import re

import pytest

from knowledge.edits import EditError, apply_edit, plan_alias, plan_observation, plan_target
from knowledge.duties import plan_duty
from knowledge.undo import apply_undo, plan_undo, undo
from knowledge.errors import KnowledgeError, QuantityError, UnknownIndicatorError
from handlers.arguments import SET_USAGE, CommandRefused, plan_command
from handlers.edits import undo_preview
from knowledge.answers import Answerer
from knowledge.render import render_reply
from tests.conftest import fixed_clock


@pytest.fixture
def answerer(store):
    # 29 November 2026: 1-10月 figures have ended (a period that has not ended is refused, finding M4)
    return Answerer(store, clock=fixed_clock(2026, 11, 29, 12, 0))


def test_set_plans_then_applies_with_its_audit_row(store, answerer):
    plan = plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "王科长", source="市工信局")
    assert plan.lines[:4] == ("指标：工业投资总额（苏州）", "数值：1980亿元", "期间：2026年1-10月（未写年份，按已结束的最近一期计为2026年）", "来源：市工信局")
    assert store.get_row("observations", plan.key) is None  # nothing written before 确认
    change_id = apply_edit(store, plan, 42, -100)
    change = store.change(change_id)
    assert change["user_id"] == 42 and change["chat_id"] == -100 and change["before"] is None
    assert json.loads(change["after"])["value"] == 1980
    answerer.reload()
    text = render_reply(answerer.answer("工业投资进度"))
    assert "最新：1980亿元（2026年1-10月）" in text and "完成率：79.2%" in text and "市工信局" in text


def test_target_change_keeps_the_qualifier_unless_a_new_one_is_given(store, answerer):
    plan = plan_target(answerer, "研发投入", "4.3%", "王科长")
    assert plan.after["text"] == "超4.3%" and "原目标：超4.25% → 新目标：超4.3%" in plan.lines
    apply_edit(store, plan, 42, None)
    answerer.reload()
    assert "目标：超4.3%" in render_reply(answerer.answer("研发投入目标"))


def test_undo_restores_and_is_itself_a_change(store, answerer):
    before = store.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州", "year": 2026})
    change_id = apply_edit(store, plan_target(answerer, "研发投入", "5%", "x"), 42, None)
    undo_id, undone = undo(store, None, 42, None)
    assert undone["id"] == change_id
    assert store.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州", "year": 2026}) == before
    assert store.change(change_id)["undone_by"] == undo_id
    with pytest.raises(EditError):
        undo(store, change_id, 42, None)  # never twice


def test_undo_refuses_when_the_row_changed_since(store, answerer):
    first = apply_edit(store, plan_observation(answerer, "瞪羚", "500家", "6月", "x"), 42, None)
    apply_edit(store, plan_observation(answerer, "瞪羚", "600家", "6月", "x"), 42, None)
    with pytest.raises(EditError, match="又被改过"):
        undo(store, first, 42, None)


def test_undo_of_a_first_entry_removes_it(store, answerer):
    apply_edit(store, plan_observation(answerer, "瞪羚", "500家", "6月", "x"), 42, None)
    undo(store, None, 42, None)
    assert store.get_row("observations", {"indicator_id": "gazelle_firms", "city": "苏州", "period": "2026年6月"}) is None


def test_a_stale_plan_is_not_applied(store, answerer):
    plan = plan_observation(answerer, "瞪羚", "500家", "6月", "x")
    apply_edit(store, plan_observation(answerer, "瞪羚", "450家", "6月", "y"), 7, None)
    with pytest.raises(EditError, match="已被别人修改"):
        apply_edit(store, plan, 42, None)


@pytest.mark.parametrize(
    "words,error",
    [
        (["工业投资总额", "57%", "1-10月"], QuantityError),
        (["研发投入", "150%", "1-10月"], QuantityError),
        (["瞪羚", "3.5家", "1-10月"], QuantityError),
        (["工业投资总额", "-5亿", "1-10月"], KnowledgeError),
        (["工业投资总额", "1980万亿", "1-10月"], QuantityError),
        (["苏州人口", "5"], UnknownIndicatorError),
        (["智能工厂", "3"], EditError),
        (["高企和小巨人", "100家"], EditError),  # the answerer answers both; a write takes one
        (["工业投资总额", "abc", "1-10月"], QuantityError),
        (["工业投资总额", "100亿", "13月"], EditError),
        (["A股上市公司", "100家"], EditError),
    ],
)
def test_bad_values_are_refused_with_a_reason(answerer, words, error):
    indicator, value, period = (words + [None])[:3]
    with pytest.raises(error) as caught:
        plan_observation(answerer, indicator, value, period, "x")
    assert str(caught.value)


@pytest.mark.parametrize("words,reply", [
    ([], SET_USAGE),
    (["工业投资总额"], SET_USAGE),
    (["工业投资总额", "1980亿"], f"请写期间（数据截至哪个月），例如 1-10月、上半年、2025年。\n{SET_USAGE}"),
    (["工业投资总额", "1980亿", "1-10月", "同比7.5", "同比8"], f"写了两个同比（7.5% 与 8%），请只写一个。\n{SET_USAGE}"),
    # a malformed second 同比 is named as malformed, not as a second one
    (["工业投资总额", "1980亿", "1-10月", "同比7.5%", "同比"],
     f"同比应为百分数，如 同比7.5% 或 同比下降1.2%，收到“同比”。\n{SET_USAGE}"),
    # a growth rate written without 同比 must not become the 来源
    (["工业投资总额", "1980亿", "1-10月", "下降3.2%"], f"“下降3.2%”像是增速：同比请写成“同比下降3.2%”。\n{SET_USAGE}"),
    (["工业投资总额", "1980亿", "1-10月", "市统计局", "增长7.5%"], f"“增长7.5%”像是增速：同比请写成“同比增长7.5%”。\n{SET_USAGE}"),
    (["工业投资总额", "1980亿", "1-10月", "同比abc", "同比8"],
     f"同比应为百分数，如 同比7.5% 或 同比下降1.2%，收到“同比abc”。\n{SET_USAGE}"),
    # a reason about the indicator or the figure itself comes without the usage
    (["工业投资总额", "1980亿", "1-10月", "来" * 101], "来源太长（101字），请写100字以内的标题，如“市统计局 2026年10月月报”。"),
    (["苏州人口", "5", "1-10月"], "没有找到指标“苏州人口”，可发送 /targets 查看全部指标名称。"),
])
def test_set_replies_with_its_usage_when_its_words_do_not_fit(answerer, words, reply):
    with pytest.raises(CommandRefused) as refused:
        plan_command("set", answerer, words, "x")
    assert str(refused.value) == reply


@pytest.mark.parametrize(
    "words,period",
    [(["1-10月"], "2026年1-10月"), (["１－１０月"], "2026年1-10月"), (["10月末"], "2026年1-10月"),
     (["2026-10"], "2026年1-10月"), (["前10个月"], "2026年1-10月"), (["上半年"], "2026年上半年"),
     (["2025年1至6月"], "2025年上半年"), (["10月"], "2026年10月")],
)
def test_set_reads_the_period_by_the_shared_rules(answerer, words, period):
    plan = plan_observation(answerer, "工业投资总额", "1980亿", *words, "x")
    assert plan.key["period"] == period and plan.after["year"] == int(period[:4])


def test_set_refuses_free_text_periods_with_the_reason(answerer):
    with pytest.raises(EditError, match="无法识别的期间"):
        plan_observation(answerer, "工业投资总额", "1980亿", "十月底吧", "x")


def test_set_reads_full_width_numbers_and_keeps_同比_as_published(answerer):
    plan = plan_observation(answerer, "工业投资总额", "１，９８０亿", "1-10月", "x", yoy="同比-1.2%", source="市统计局")
    assert (plan.after["value"], plan.after["unit"], plan.after["yoy_growth"]) == (1980.0, "亿元", -1.2)
    assert plan.source_title == "市统计局" and any("下降1.2%" in line for line in plan.lines)


def test_a_restatement_supersedes_in_answers_and_history_keeps_both(store, answerer):
    apply_edit(store, plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "x"), 1, None)
    plan = plan_observation(answerer, "工业投资总额", "1990亿", "2026年1—10月", "x")
    assert plan.after["status"] == "revised" and any("修订" in line for line in plan.lines)
    apply_edit(store, plan, 1, None)
    answerer.reload()
    text = render_reply(answerer.answer("工业投资进度"))
    assert "1990亿元（2026年1-10月；修订数）" in text and "1980亿元" not in text
    history = [json.loads(c["after"])["value"] for c in store.changes_for("industrial_investment")]
    assert history == [1990, 1980]


def test_alias_teaches_the_matcher_and_refuses_a_taken_one(store, answerer):
    apply_edit(store, plan_alias(answerer, "创新浓度", "全社会研发投入占GDP比重"), 42, None)
    answerer.reload()
    reply = answerer.answer("创新浓度")
    assert reply.decision == "answer" and reply.answers[0].indicator.id == "rd_intensity"
    with pytest.raises(EditError, match="已指向"):
        plan_alias(answerer, "研发强度", "瞪羚企业")


# -- undo of what an import changed (issue 10.5) -------------------------------------------------------

def _import_workbook(store, user_id=42):
    """An export with four made-up edits: a source added and one renamed, an alias, a target, a figure."""
    import io

    import openpyxl

    from knowledge.tables import apply_import, export_workbook, plan_import, read_tables

    book = openpyxl.load_workbook(io.BytesIO(export_workbook(store)))
    book["sources"].append(["made_up_report", "测试用来源（虚构）", "测试", None, None])
    for row in book["sources"].iter_rows(min_row=2):
        if row[0].value == "article":
            row[1].value = "种子文章（改名，虚构）"
    book["aliases"].append(["gazelle_firms", "羚羊企业"])
    for row in book["targets"].iter_rows(min_row=2):
        if row[0].value == "rd_intensity":
            row[3].value, row[6].value = 4.5, None
    book["observations"].append(["gazelle_firms", "苏州", "2026年6月", 2026, 520, "家", None, None, "actual",
                                 "made_up_report", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = plan_import(store, read_tables("x.xlsx", buffer.getvalue()))
    assert (len(plan.added), len(plan.changed), len(plan.rejected)) == (3, 2, 0), plan.summary()
    apply_import(store, plan, user_id, -100)


def _snapshot(store):
    return {t: sorted(map(repr, store.db[t].rows)) for t in ("sources", "aliases", "targets", "observations")}


def test_plain_undo_reverses_a_whole_import_in_one_change(store):
    before = _snapshot(store)
    _import_workbook(store)
    plan = plan_undo(store, None)
    assert len(plan.change_ids) == 5 and "将撤销一次导入" in plan.heading
    apply_undo(store, plan, 42, -100)
    assert _snapshot(store) == before
    assert store.sources()["article"].title == "公开报道（评论文章）"  # the cache saw the undo
    with pytest.raises(EditError, match="没有可以撤销的修改"):
        plan_undo(store, None)


@pytest.mark.parametrize("table,check", [
    ("targets", lambda s: s.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州", "year": 2026})["value"] == 4.25),
    ("aliases", lambda s: ("gazelle_firms", "羚羊企业") not in s.aliases()),
    ("observations", lambda s: s.observations("gazelle_firms") == []),
])
def test_undo_by_number_reverses_one_row_of_an_import(store, table, check):
    _import_workbook(store)
    change = next(c for c in store.db["changes"].rows if json.loads(c["entity"]).get("table") == table)
    undo(store, change["id"], 42, None)
    assert check(store)
    assert sum(c["undone_by"] is None for c in store.db["changes"].rows_where("action = 'import'")) == 4


def test_undo_of_an_imported_source_waits_for_the_rows_that_cite_it(store):
    _import_workbook(store)
    changes = {json.loads(c["entity"]).get("id") or json.loads(c["entity"]).get("table"): c
               for c in store.db["changes"].rows}
    with pytest.raises(EditError, match="仍被 1 条"):
        undo(store, changes["made_up_report"]["id"], 42, None)
    undo(store, changes["observations"]["id"], 42, None)
    undo(store, changes["made_up_report"]["id"], 42, None)
    assert "made_up_report" not in store.sources()
    undo(store, changes["article"]["id"], 42, None)
    assert store.sources()["article"].title == "公开报道（评论文章）"


def test_an_import_recorded_before_tables_were_named_can_be_undone(store):
    _import_workbook(store)
    for change in store.db["changes"].rows:  # as apply_import wrote them before: the key alone
        entity = {k: v for k, v in json.loads(change["entity"]).items() if k not in ("table", "batch")}
        store.db["changes"].update(change["id"], {"entity": json.dumps(entity, ensure_ascii=False)})
    plan = plan_undo(store, None)
    assert len(plan.change_ids) == 5
    apply_undo(store, plan, 42, None)
    assert store.observations("gazelle_firms") == [] and "made_up_report" not in store.sources()


def test_plain_undo_is_never_stuck_behind_a_change_it_cannot_reverse(store, answerer):
    first = apply_edit(store, plan_observation(answerer, "瞪羚", "500家", "6月", "x"), 42, None)
    stuck = apply_edit(store, plan_target(answerer, "研发投入", "5%", "x"), 42, None)
    with store.transaction():  # changed behind the audit log's back (e.g. by hand in the database)
        store.db["targets"].update(("rd_intensity", "苏州", 2026), {"text": "超5.0%"})
    plan = plan_undo(store, None)
    assert plan.change_ids == (first,) and f"第 {stuck} 号修改之后" in plan.passed.blocked[0]
    assert undo_preview(plan).startswith("较新的修改无法撤销")
    with pytest.raises(EditError, match="又被改过"):
        plan_undo(store, stuck)


def test_plain_undo_names_a_units_change_it_goes_past(store, answerer):
    figure = apply_edit(store, plan_observation(answerer, "瞪羚", "500家", "6月", "x"), 42, None)
    units = apply_edit(store, plan_duty(answerer, "工业投资总额", "市发改委", "月度", "25", "x"), 42, None)
    plan = plan_undo(store, None)
    assert plan.change_ids == (figure,)
    [named] = plan.passed.not_undone
    assert (named.change_id, named.what) == (units, "工业投资总额的责任单位和报送周期")
    assert f"#{units} " in undo_preview(plan) and "/units 改了工业投资总额的责任单位和报送周期：/undo 不撤销这类修改，" \
        "要改回请再发 /units" in undo_preview(plan)


# -- aliases (issue 10.4) -----------------------------------------------------------------------------

@pytest.mark.parametrize("alias,indicator,reason", [
    ("研发投入目标", "瞪羚企业", "等同于“研发投入”"),  # the matcher strips 目标: it IS 研发投入
    ("研发投入进度", "瞪羚企业", "等同于“研发投入”"),
    # a question reads a place as its city, a period or growth word as such: the alias would never match
    ("苏州研发投入", "瞪羚企业", "含有地方名“苏州”"), ("无锡投资", "规上工业总产值", "含有地方名“无锡”"),
    ("深圳", "瞪羚企业", "含有地方名"), ("江苏", "瞪羚企业", "含有地方名"), ("吴江区", "瞪羚企业", "含有地方名"),
    ("10月", "瞪羚企业", "只是期间、数字"), ("增长", "瞪羚企业", "只是期间、数字"), ("全省", "瞪羚企业", "只是期间、数字"),
    ("2026年", "瞪羚企业", "只是期间、数字"), ("增速", "瞪羚企业", "只是期间、数字"),
    ("高新技术企业数量", "瞪羚企业", None),
    ("研发强度呢", "瞪羚企业", "已指向“全社会研发投入占GDP比重”"),
    ("研发强度", "研发投入", "无需再加"),
    ("好的", "瞪羚企业", "聊天用语"), ("好", "瞪羚企业", "聊天用语"), ("好吧", "瞪羚企业", "聊天用语"),
    ("收到了", "瞪羚企业", "聊天用语"), ("谢谢", "瞪羚企业", "聊天用语"), ("哈哈哈哈", "瞪羚企业", "聊天用语"),
    ("OK", "瞪羚企业", "聊天用语"), ("666", "瞪羚企业", "聊天用语"), ("嗯", "瞪羚企业", "聊天用语"),
    ("目标", "瞪羚企业", "什么也不剩"), ("是多少？", "瞪羚企业", "什么也不剩"), ("👍", "瞪羚企业", "什么也不剩"),
    ("羚", "瞪羚企业", None),
])
def test_alias_rules(answerer, alias, indicator, reason):
    if reason is None:
        assert plan_alias(answerer, alias, indicator).key["alias"] == alias
    else:
        with pytest.raises(EditError, match=reason):
            plan_alias(answerer, alias, indicator)


def test_an_imported_alias_row_is_checked_by_the_same_rules(store):
    from knowledge.tables import plan_import, read_tables

    rows = [("gazelle_firms", "研发投入目标"), ("gazelle_firms", "好的"), ("gazelle_firms", "羚羊企业"),
            ("rd_intensity", "羚羊企业"), ("gazelle_firms", "瞪羚"), ("gross_industrial_output", "无锡投资")]
    content = "indicator_id,alias\n" + "".join(f"{i},{a}\n" for i, a in rows)
    plan = plan_import(store, read_tables("aliases.csv", content.encode()))
    reasons = {row: reason for _, row, reason in plan.rejected}
    assert "等同于“研发投入”" in reasons[2] and "聊天用语" in reasons[3]
    assert "已指向“瞪羚企业”" in reasons[5]  # the row above took it, within the same file
    assert "含有地方名“无锡”" in reasons[7]
    assert [p.row for p in plan.added] == [4] and [p.row for p in plan.unchanged] == [6]


# -- findings H8, M1, M4, M14, L2, L14a: what /set must refuse or read, with the reason -----------------

@pytest.mark.parametrize(
    "words,reason",
    [
        (["工业投资", "1980亿"], "请写期间"),  # H8: no period is asked for, never taken as the whole year
        (["工业投资", "1980"], "请写单位，如 1980亿"),
        (["工业投资", "1980", "1-10月"], "请写单位，如 1980亿"),  # H8: a bare number is not 1980元
        (["工业投资", "1980元", "1-10月"], "不到目标"),  # 10⁸ below the target: a unit slip
        (["工业投资总额", "30000亿", "1-10月"], "超过目标的10倍"),
        (["工业投资总额", "2600亿", "全年"], "还没有结束"),  # M4: on 29 November the year is not over
        (["工业投资总额", "2600亿", "1-12月"], "还没有结束"),
        (["工业投资总额", "600亿", "四季度"], "还没有结束"),
        (["工业投资总额", "600亿", "2027年1-3月"], "还没有结束"),
        (["工业投资总额", "1980亿", "1-10月", "同比abc"], "同比应为百分数"),  # M1
        (["工业投资总额", "1980亿", "1-10月", "2026-10"], "两个期间"),
        (["工业投资总额", "1980亿", "1-10月", "7.5%"], "多出一个数字"),
        (["工业投资总额", "1980亿", "1-10月", "同比7.5", "同比8"], "两个同比"),
        (["工业投资总额", "1980亿", "1-10月", "初步", "修订"], "状态只能写一个"),
        (["工业投资总额", "1980亿", "1-10月", "来" * 101], "来源太长"),  # M14
        (["工业投资总额", "-5亿", "1-10月"], "数值不能为负"),  # L6: the same reason as import
        (["新增国家级专精特新“小巨人”企业", "0.5家", "1-10月"], "应为整数"),
    ],
)
def test_set_refuses_with_the_reason(answerer, words, reason):
    with pytest.raises(CommandRefused, match=reason):
        plan_command("set", answerer, words, "x")


def test_a_unit_typed_apart_from_its_number_belongs_to_it(answerer):
    plan = plan_command("set", answerer, ["工业投资总额", "1980", "亿", "1-10月"], "x")
    assert (plan.after["value"], plan.after["unit"], plan.key["period"]) == (1980.0, "亿元", "2026年1-10月")


def test_a_period_after_a_unit_typed_apart_is_read_with_its_year(answerer):
    lines = plan_command("set", answerer, ["工业投资总额", "1980", "亿", "2026年1-10月"], "x").lines
    assert "期间：2026年1-10月" in lines  # not "（未写年份…）": the year is written, in the period word


def test_a_source_up_to_the_cap_is_kept(answerer):
    plan = plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "x", source="来" * 100)
    assert plan.source_title == "来" * 100


def test_the_same_figure_again_is_not_a_change(store, answerer):
    apply_edit(store, plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "x"), 1, None)
    with pytest.raises(EditError, match="没有修改"):
        plan_observation(answerer, "工业投资总额", "1980亿", "2026年1-10月", "x")
    assert plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "x", yoy="同比7.5%").after["yoy_growth"] == 7.5


def test_the_same_figure_marked_revised_is_not_a_change_either(store, answerer):
    # made-up figure: 修订 restates a figure, and 1980亿 again restates nothing (it offered 1980亿 → 1980亿)
    apply_edit(store, plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "x"), 1, None)
    with pytest.raises(EditError, match="没有修改"):
        plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "x", status="修订")
    assert plan_observation(answerer, "工业投资总额", "1990亿", "1-10月", "x", status="修订").after["value"] == 1990.0


def test_the_preview_says_how_a_period_was_read_once(answerer):
    lines = plan_observation(answerer, "工业投资总额", "1980亿", "2026-10", "x").lines
    assert "期间：2026年1-10月（累计指标，截至该月）" in lines  # L1: not "读作 … 读作" twice
    single = plan_observation(answerer, "工业投资总额", "198亿", "2026年10月", "x").lines
    assert any(line.startswith("期间：2026年10月（单月数据") for line in single)  # M11


def test_history_words_duties_and_monthly_plans(answerer):
    from knowledge.duties import plan_duty
    from knowledge.progress_settings import apply_setting, plan_monthly_plan
    from knowledge.undo import describe_change

    store = answerer.store
    apply_edit(store, plan_duty(answerer, "工业投资总额", "市发改委", "月度", "25", "x"), 7, None)
    apply_setting(store, plan_monthly_plan(answerer, "新增高新技术企业", "0,0,0,10,10,20,20,30,40,60,80,100"), 7, None)
    duty, plan = (describe_change(c) for c in (store.changes_for("industrial_investment", 1)[0],
                                               store.changes_for("new_high_tech_enterprises", 1)[0]))
    assert "设责任单位" in duty and "无 → 市发改委（月度）" in duty, duty
    assert "设月度计划" in plan and "按月均匀（未设计划） → 0,0,0,10,10,20,20,30,40,60,80,100%" in plan, plan


def test_history_names_an_admin_by_the_name_an_owner_gave_else_by_id(answerer):
    from zoneinfo import ZoneInfo

    from knowledge.edits import plan_target
    from knowledge.undo import describe_change

    store = answerer.store
    store.add_admin(77, "王科长", 42)
    apply_edit(store, plan_target(answerer, "研发投入", "4.5%", "x"), 77, None)
    apply_edit(store, plan_target(answerer, "研发投入", "4.6%", "x"), 99, None)
    by_owner_name, unnamed = store.changes_for("rd_intensity", 2)[::-1]
    people = store.people([77, 99])
    shanghai = ZoneInfo("Asia/Shanghai")
    assert "王科长（77）" in describe_change(by_owner_name, tz=shanghai, people=people)
    assert "用户（99）" in describe_change(unnamed, tz=shanghai, people=people)


def test_undo_of_a_change_it_does_not_reverse_names_it_in_chinese(answerer):
    from knowledge.duties import plan_duty

    store = answerer.store
    duty = apply_edit(store, plan_duty(answerer, "工业投资总额", "市发改委", "月度", "25", "x"), 7, None)
    store.add_admin(77, "王科长", 42)
    for change_id in (duty, store.last_change_id()):
        with pytest.raises(EditError) as refused:
            plan_undo(store, change_id)
        assert not re.search(r"[A-Za-z]", str(refused.value)), refused.value
    assert "设责任单位" in str(pytest.raises(EditError, plan_undo, store, duty).value)


# Attack round 3: a stock (瞪羚企业 家数) is counted at a point in time, so 10月 (month-end) and 1-10月 are
# one date; the second figure used to be previewed as 该期间的第一条数据 and stored beside the first.
@pytest.mark.parametrize("first, second, stored", [("10月", "1-10月", "2026年10月"), ("1-10月", "10月", "2026年1-10月")])
def test_a_stock_for_month_end_and_for_january_to_that_month_is_one_figure(answerer, first, second, stored):
    apply_edit(answerer.store, plan_observation(answerer, "瞪羚企业", "900家", first, "测试"), 1, 1)  # made-up
    plan = plan_observation(answerer, "瞪羚企业", "950家", second, "测试")
    assert plan.key["period"] == stored and plan.before["text"] == "900家"
    assert "原值 900家 → 新值 950家" in "\n".join(plan.lines) and "为同一时点" in "\n".join(plan.lines)
    apply_edit(answerer.store, plan, 1, 1)
    assert answerer.store.db.execute("select count(*) from observations where indicator_id = ? and city = '苏州'",
                                     [plan.indicator_id]).fetchone()[0] == 1
