"""/history's lines are single-spaced: a change with no period or year (设责任单位) read
"设责任单位  无 → 市发改委（月度）" with two spaces where the period would be."""

from knowledge.duties import plan_duty
from knowledge.edits import apply_edit
from knowledge.undo import describe_change


def test_a_duty_change_has_no_double_space(store, answerer):
    change_id = apply_edit(store, plan_duty(answerer, "工业投资总额", "市发改委", "月度", "20", "王科长（42）"), 42, 7)
    line = describe_change(store.change(change_id))
    assert "  " not in line and line.endswith(" 王科长（42） 设责任单位 无 → 市发改委（月度）"), line


def test_every_confirmed_write_is_recorded_with_the_senders_name(tmp_path):
    """/target, /alias, an import and /undo were "用户（42）" in /history while /set was "张三（42）"."""
    import re

    from tests.group_chat import OWNER, press, run, say, send_file

    async def body(stand):
        for command in ("/target 工业投资总额 2600亿", "/alias 工投 工业投资总额"):  # no /set names the sender
            assert "已保存" in (await press(stand, await say(stand, command), "确认"))["text"]
        figures = "indicator_id,city,period,year,value,unit,status,source_id\n" \
                  "industrial_investment,苏州,2026年1-9月,2026,1700,亿元,actual,szstats\n"  # made up
        assert "已导入" in (await press(stand, await send_file(stand, "figures.csv", figures.encode()), "确认"))["text"]
        assert "已撤销" in (await press(stand, await say(stand, "/undo"), "确认"))["text"]
        history = (await say(stand, "/history 工业投资总额"))["text"]
        names = re.findall(r"^#\d+ \S+ \S+ (\S+)", history, re.M)
        assert len(names) == 4 and len(set(names)) == 1 and names[0].endswith(f"（{OWNER}）"), history
        assert not names[0].startswith("用户（"), history  # the sender's name, as /set records it
        assert {c["who"] for c in stand.answerer.store.db["changes"].rows} == {names[0]}

    run(tmp_path, body)
