"""Owners set the status thresholds and admins a monthly plan, end to end against the stand-in (made-up figures).

At most ten messages: the group limiter spaces any more than that."""

import pytest

from handlers.arguments import PLAN_USAGE, CommandRefused, plan_command
from knowledge.edits import EditError
from knowledge.progress_settings import parse_monthly_plan
from tests.group_chat import MEMBER, press, run, say


@pytest.mark.parametrize("text,error", [("10,20,30", "12个数"), ("0,0,0,10,5,20,30,40,50,60,80,100", "逐月不减"),
                                        ("0,0,0,10,10,20,30,40,50,60,80,90", "应为100"), ("a,b", "12个数字")])
def test_a_monthly_plan_that_makes_no_sense_is_refused(text, error):
    with pytest.raises(EditError, match=error):
        parse_monthly_plan(text)


@pytest.mark.parametrize("words", [["瞪羚"], ["瞪羚", "a,b"], ["瞪羚", "10,20,30"]])
def test_a_monthly_plan_written_wrong_is_answered_with_the_usage(answerer, words):
    with pytest.raises(CommandRefused) as refused:
        plan_command("plan", answerer, words, "x")
    assert str(refused.value).endswith(PLAN_USAGE) and "用法" in str(refused.value)


@pytest.mark.parametrize("words, reason", [
    (["5", "15", "0.5"], "收到 3 个"), (["5"], "收到 1 个"), (["5", "abc"], "无法识别的数字：“abc”"),
    (["5", "15", "3", "1"], "比重类阈值应满足"), (["10", "5"], "0 < X < Y"),
])
def test_thresholds_that_make_no_sense_are_refused_with_the_reason(answerer, words, reason):
    with pytest.raises(CommandRefused, match=reason) as refused:
        plan_command("thresholds", answerer, words, "x")
    assert "用法：/thresholds" in str(refused.value)


def test_refused_owner_commands_leave_a_log_line_like_other_writes(tmp_path, caplog):
    async def body(stand):
        for command in ("/thresholds 3 10", "/admins add 9", "/alias 羚羊 瞪羚企业", "/plan 瞪羚 清除"):
            assert "只有" in (await say(stand, command, user_id=MEMBER))["text"]

    run(tmp_path, body)
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("拒绝写操作")]
    for command in ("/thresholds", "/admins", "/alias", "/plan"):
        assert any(f"拒绝写操作 {command}：用户 {MEMBER}" in line for line in logged), (command, logged)


def test_a_monthly_plan_is_read_as_cumulative_shares():
    assert parse_monthly_plan("0,0,0,10%,10,20,20,30,40,60,80,100")[3] == pytest.approx(0.1)
    assert parse_monthly_plan("清除") is None


def test_owners_set_thresholds_after_a_preview(tmp_path):
    async def body(stand):
        preview = await say(stand, "/set 工业投资总额 1980亿 1-10月")
        await press(stand, preview, "确认")
        assert "状态：基本同步 🟢" in (await say(stand, "/ask 工业投资进度"))["text"]  # 4.1 points behind, X = 5

        stand.answerer.store.add_admin(MEMBER, "管理员", 42)  # an admin, not an owner
        assert "只有机器人所有者" in (await say(stand, "/thresholds 3 10", user_id=MEMBER))["text"]
        assert "0 < X < Y" in (await say(stand, "/thresholds 10 5"))["text"]
        assert "收到 3 个" in (await say(stand, "/thresholds 5 15 0.5"))["text"]  # L14b: the reason, not only usage

        preview = await say(stand, "/thresholds 3 10")
        assert "5 / 15 → 3 / 10" in preview["text"]  # shown before 确认, like /set (L14c)
        assert stand.answerer.thresholds.lag_points == 5  # nothing changed so far
        await press(stand, preview, "确认")
        assert "状态：滞后 🟡" in (await say(stand, "/ask 工业投资进度"))["text"]  # 4.1 ≥ 3
        assert stand.answerer.store.db["changes"].count_where("action = 'set_thresholds'") == 1

    run(tmp_path, body)


def test_admins_set_a_monthly_plan_after_a_preview_and_only_where_it_applies(tmp_path):
    async def body(stand):
        preview = await say(stand, "/set 工业投资总额 1980亿 1-10月")
        await press(stand, preview, "确认")
        stand.answerer.store.add_admin(MEMBER, "管理员", 42)
        # L14c: a ratio or a stock is not judged against 序时进度: a monthly plan is refused with the reason
        assert "不适用" in (await say(stand, "/plan 研发投入 0,0,0,0,0,0,0,0,0,70,90,100", user_id=MEMBER))["text"]
        preview = await say(stand, "/plan 工业投资总额 0,0,0,0,0,0,0,0,0,70,90,100", user_id=MEMBER)
        assert "10月70" in preview["text"] and stand.answerer.store.db["changes"].count_where(
            "action = 'set_monthly_plan'") == 0
        await press(stand, preview, "确认", user_id=MEMBER)
        text = (await say(stand, "/ask 工业投资进度"))["text"]
        assert "序时进度（按月度计划）：70.0%" in text and "超前 🟢" in text  # 79.2% against the plan's 70%
        assert stand.answerer.store.db["changes"].count_where("action = 'set_monthly_plan'") == 1

    run(tmp_path, body)
