import json

import pytest

from knowledge.edits import EditError, apply_edit, normalize_period, plan_alias, plan_observation, plan_target, undo
from knowledge.errors import KnowledgeError, QuantityError, UnknownIndicatorError
from knowledge.render import render_reply


def test_set_plans_then_applies_with_its_audit_row(store, answerer):
    plan = plan_observation(answerer, ["工业投资总额", "1980亿", "1-10月", "市工信局"], "王科长")
    assert plan.lines[:4] == ("指标：工业投资总额（苏州）", "数值：1980亿元", "期间：2026年1-10月", "来源：市工信局")
    assert store.get_row("observations", plan.key) is None  # nothing written before 确认
    change_id = apply_edit(store, plan, 42, -100)
    change = store.change(change_id)
    assert change["user_id"] == 42 and change["chat_id"] == -100 and change["before"] is None
    assert json.loads(change["after"])["value"] == 1980
    answerer.reload()
    text = render_reply(answerer.answer("工业投资进度"))
    assert "最新：1980亿元（2026年1-10月）" in text and "完成率：79.2%" in text and "市工信局" in text


def test_target_change_keeps_the_qualifier_unless_a_new_one_is_given(store, answerer):
    plan = plan_target(answerer, ["研发投入", "4.3%"], "王科长")
    assert plan.after["text"] == "超4.3%" and "原目标：超4.25% → 新目标：超4.3%" in plan.lines
    apply_edit(store, plan, 42, None)
    answerer.reload()
    assert "目标：超4.3%" in render_reply(answerer.answer("研发投入目标"))


def test_undo_restores_and_is_itself_a_change(store, answerer):
    before = store.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州", "year": 2026})
    change_id = apply_edit(store, plan_target(answerer, ["研发投入", "5%"], "x"), 42, None)
    undo_id, undone = undo(store, None, 42, None)
    assert undone["id"] == change_id
    assert store.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州", "year": 2026}) == before
    assert store.change(change_id)["undone_by"] == undo_id
    with pytest.raises(EditError):
        undo(store, change_id, 42, None)  # never twice


def test_undo_refuses_when_the_row_changed_since(store, answerer):
    first = apply_edit(store, plan_observation(answerer, ["瞪羚", "500家", "6月"], "x"), 42, None)
    apply_edit(store, plan_observation(answerer, ["瞪羚", "600家", "6月"], "x"), 42, None)
    with pytest.raises(EditError, match="又被改过"):
        undo(store, first, 42, None)


def test_undo_of_a_first_entry_removes_it(store, answerer):
    apply_edit(store, plan_observation(answerer, ["瞪羚", "500家", "6月"], "x"), 42, None)
    undo(store, None, 42, None)
    assert store.get_row("observations", {"indicator_id": "gazelle_firms", "city": "苏州", "period": "2026年6月"}) is None


def test_a_stale_plan_is_not_applied(store, answerer):
    plan = plan_observation(answerer, ["瞪羚", "500家", "6月"], "x")
    apply_edit(store, plan_observation(answerer, ["瞪羚", "450家", "6月"], "y"), 7, None)
    with pytest.raises(EditError, match="已被别人修改"):
        apply_edit(store, plan, 42, None)


@pytest.mark.parametrize(
    "words,error",
    [
        (["工业投资总额", "57%"], QuantityError),
        (["研发投入", "150%"], QuantityError),
        (["瞪羚", "3.5家"], QuantityError),
        (["工业投资总额", "-5亿"], KnowledgeError),
        (["工业投资总额", "1980万亿"], QuantityError),
        (["苏州人口", "5"], UnknownIndicatorError),
        (["智能工厂", "3"], EditError),
        (["高企和小巨人", "100家"], EditError),  # the answerer answers both; a write takes one
        (["工业投资总额", "abc"], QuantityError),
        (["工业投资总额", "100亿", "13月"], EditError),
        (["A股上市公司", "100家"], EditError),
        (["工业投资总额"], EditError),
    ],
)
def test_bad_values_are_refused_with_a_reason(answerer, words, error):
    with pytest.raises(error) as caught:
        plan_observation(answerer, words, "x")
    assert str(caught.value)


@pytest.mark.parametrize(
    "text,period,year",
    [(None, "2026年", 2026), ("1-10月", "2026年1-10月", 2026), ("１－１０月", "2026年1-10月", 2026),
     ("10月", "2026年10月", 2026), ("2025年", "2025年", 2025), ("上半年", "2026年上半年", 2026),
     ("2025年1至6月", "2025年1-6月", 2025)],
)
def test_normalize_period(text, period, year):
    assert normalize_period(text, 2026) == (period, year)


def test_alias_teaches_the_matcher_and_refuses_a_taken_one(store, answerer):
    apply_edit(store, plan_alias(answerer, ["创新浓度", "全社会研发投入占GDP比重"]), 42, None)
    answerer.reload()
    reply = answerer.answer("创新浓度")
    assert reply.decision == "answer" and reply.answers[0].indicator.id == "rd_intensity"
    with pytest.raises(EditError, match="已指向"):
        plan_alias(answerer, ["研发强度", "瞪羚企业"])
