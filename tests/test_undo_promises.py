"""What the bot says about /undo matches what /undo does: a 确认 promises an undo only for a change
/undo reverses, and every /history and /undo line names the city whose figure changed (issue 20,
round-3 attacks). Figures here are made up."""

from tests.group_chat import press, run, say


def test_a_units_confirmation_promises_no_undo_that_undo_refuses(tmp_path):
    async def body(stand):
        saved = await press(stand, await say(stand, "/set 工业投资总额 1980亿 1-10月"), "确认")
        assert "/undo 1 可撤销" in saved["text"]
        saved = await press(stand, await say(stand, "/units 工业投资总额 市发改委 月度 20"), "确认")
        assert saved["text"].startswith("已保存（修改编号 #2；/undo 不撤销这类修改，要改回请再发 /units）")
        assert "可撤销" not in saved["text"]
        assert (await say(stand, "/undo 2"))["text"] == "第 2 号修改（设责任单位）不能撤销。"

    run(tmp_path, body)
