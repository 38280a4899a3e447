"""What the bot says about /undo matches what /undo does: a 确认 promises an undo only for a change
/undo reverses, and every /history and /undo line names the city whose figure changed (issue 20,
round-3 attacks). Figures here are made up."""

from tests.group_chat import press, run, say, send_file


def test_a_units_confirmation_promises_no_undo_that_undo_refuses(tmp_path):
    async def body(stand):
        saved = await press(stand, await say(stand, "/set 工业投资总额 1980亿 1-10月"), "确认")
        assert "/undo 1 可撤销" in saved["text"]
        saved = await press(stand, await say(stand, "/units 工业投资总额 市发改委 月度 20"), "确认")
        assert saved["text"].startswith("已保存（修改编号 #2；/undo 不撤销这类修改，要改回请再发 /units）")
        assert "可撤销" not in saved["text"]
        assert (await say(stand, "/undo 2"))["text"] == "第 2 号修改（设责任单位）不能撤销。"

    run(tmp_path, body)


def test_history_and_undo_lines_name_the_city_whose_figure_changed(tmp_path):
    async def body(stand):
        await press(stand, await say(stand, "/set 深圳 规上工业总产值 2.5万亿 2013年"), "确认")
        await press(stand, await say(stand, "/set 苏州 工业投资总额 1980亿元 1-10月"), "确认")
        table = "指标,城市,期间,数值,单位,来源\n工业投资总额,深圳,1-10月,3100,亿元,szstats\n".encode()
        await press(stand, await send_file(stand, "a.csv", table), "确认")
        history = (await say(stand, "/history 规上工业总产值"))["text"]
        assert "录入 深圳 2013年 2.3万亿元 → 2.5万亿元" in history, history
        history = (await say(stand, "/history 工业投资总额"))["text"]
        assert "导入 深圳 2026年1-10月 无 → 3100亿元" in history, history
        assert "录入 苏州 2026年1-10月 无 → 1980亿元" in history, history
        assert "导入 工业投资总额 深圳 2026年1-10月 无 → 3100亿元" in (await say(stand, "/undo"))["text"]
        assert "录入 规上工业总产值 深圳 2013年" in (await say(stand, "/undo 1"))["text"]

    run(tmp_path, body)
