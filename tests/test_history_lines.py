"""/history's lines are single-spaced: a change with no period or year (设责任单位) read
"设责任单位  无 → 市发改委（月度）" with two spaces where the period would be."""

from knowledge.duties import plan_duty
from knowledge.edits import apply_edit
from knowledge.undo import describe_change


def test_a_duty_change_has_no_double_space(store, answerer):
    change_id = apply_edit(store, plan_duty(answerer, "工业投资总额", "市发改委", "月度", "20", "王科长（42）"), 42, 7)
    line = describe_change(store.change(change_id))
    assert "  " not in line and line.endswith(" 王科长（42） 设责任单位 无 → 市发改委（月度）"), line
