"""Admins update figures from the chat, end to end against the local Bot API stand-in."""

import asyncio
import io

import pandas as pd

from tests.group_chat import GROUP, MEMBER, OWNER, press, run, say, send_file


def test_set_then_confirm_changes_the_answer(tmp_path):
    async def body(stand):
        preview = await say(stand, "/set 工业投资总额 1980亿 1-10月 市工信局")
        assert "数值：1980亿元" in preview["text"] and "期间：2026年1-10月" in preview["text"]
        before = await say(stand, "/ask 工业投资进度")
        assert "暂无2026年数据" in before["text"]
        done = await press(stand, preview, "确认")
        assert "已保存" in done["text"]
        after = await say(stand, "/ask 工业投资进度")
        assert "最新：1980亿元（2026年1-10月）" in after["text"]
        assert "完成率：79.2%" in after["text"] and "序时进度：83.3%" in after["text"]
        assert "状态：基本同步 🟢" in after["text"]  # against 10/12 of the year, not today's 91%

    run(tmp_path, body)


def test_only_the_admin_who_asked_can_confirm_and_cancel_writes_nothing(tmp_path):
    async def body(stand):
        stand.answerer.store.add_admin(MEMBER, "李四", OWNER)
        preview = await say(stand, "/set 瞪羚 500家 10月")
        stand.send_callback_query(GROUP, preview["message_id"], preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"], user_id=MEMBER)
        await asyncio.sleep(0.5)
        assert stand.answerer.store.observations("gazelle_firms") == []
        cancelled = await press(stand, preview, "取消")
        assert "已取消" in cancelled["text"] and stand.answerer.store.observations("gazelle_firms") == []

    run(tmp_path, body)


def test_writes_are_refused_from_members_anonymous_admins_edits_and_forwards(tmp_path):
    async def body(stand):
        changes = stand.answerer.store.db["changes"].count
        assert "只有管理员" in (await say(stand, "/set 瞪羚 500家", user_id=MEMBER))["text"]
        assert "匿名" in (await say(stand, "/set 瞪羚 500家", via_anonymous_admin=True))["text"]
        assert "转发" in (await say(stand, "/set 瞪羚 500家", forward_from_id=99))["text"]
        original = await say(stand, "/history 瞪羚")
        assert "还没有修改记录" in original["text"]
        assert "编辑" in (await say(stand, "/set 瞪羚 500家", edited=True))["text"]
        assert "只有管理员" in (await say(stand, "/undo", user_id=MEMBER))["text"]
        assert "只有" in (await say(stand, "/admins add 9", user_id=MEMBER))["text"]
        for command in ("/admins list", "/admins"):  # listing is no change: the member is told who may
            assert (await say(stand, command, user_id=MEMBER))["text"] == "只有机器人所有者（BOT_ADMIN_IDS）可以管理管理员。"
        assert stand.answerer.store.db["changes"].count == changes
        assert stand.answerer.store.observations("gazelle_firms") == []

    run(tmp_path, body)


def test_bad_values_get_a_reason_and_change_nothing(tmp_path):
    async def body(stand):
        for command, reason in [("/set 工业投资总额 57%", "单位不符"), ("/set 研发投入 150%", "不能超过100%"),
                                ("/set 苏州房价 3万", "没有找到"), ("/set", "用法"),
                                ("/set 工业投资总额 1980万亿", "10倍"), ("/set <b>x</b> 5", "没有找到")]:
            reply = await say(stand, command)
            assert reason in reply["text"] and "reply_markup" not in reply, command
        assert stand.answerer.store.db["changes"].count == 0

    run(tmp_path, body)


def test_undo_restores_and_history_lists(tmp_path):
    async def body(stand):
        await press(stand, await say(stand, "/target 研发投入 4.5%"), "确认")
        assert "超4.5%" in (await say(stand, "/ask 研发投入目标"))["text"]
        history = await say(stand, "/history 研发投入")
        assert "改目标" in history["text"] and "超4.25% → 超4.5%" in history["text"]
        preview = await say(stand, "/undo")
        assert "将撤销" in preview["text"] and "超4.25% → 超4.5%" in preview["text"]
        assert "超4.5%" in (await say(stand, "/ask 研发投入目标"))["text"]  # nothing undone before 确认
        undone = await press(stand, preview, "确认")
        assert "已撤销" in undone["text"]
        assert "目标：超4.25%" in (await say(stand, "/ask 研发投入目标"))["text"]
        assert "已被" in (await say(stand, "/history 研发投入"))["text"]

    run(tmp_path, body)


def test_alias_and_unanswered(tmp_path):
    async def body(stand):
        declined = await say(stand, "/ask 创新浓度")
        assert "没有找到" in declined["text"]
        assert "创新浓度" in (await say(stand, "/unanswered"))["text"]
        await press(stand, await say(stand, "/alias 创新浓度 全社会研发投入占GDP比重"), "确认")
        assert "超4.25%" in (await say(stand, "/ask 创新浓度"))["text"]

    run(tmp_path, body)


def test_admins_are_managed_by_owners(tmp_path):
    async def body(stand):
        assert "已添加" in (await say(stand, "/admins add 8 李四"))["text"]
        assert "8" in (await say(stand, "/admins list"))["text"]
        preview = await say(stand, "/set 瞪羚 500家 10月", user_id=MEMBER)
        assert "确认写入" in preview["text"]
        assert "已移除" in (await say(stand, "/admins remove 8"))["text"]
        assert "只有管理员" in (await say(stand, "/set 瞪羚 500家", user_id=MEMBER))["text"]

    run(tmp_path, body)


def observation_csv(rows):
    header = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote\n"
    return header + "".join(",".join(str(c) for c in row) + "\n" for row in rows)


def test_import_of_a_gbk_csv_applies_after_confirm(tmp_path):
    async def body(stand):
        csv = observation_csv([["industrial_investment", "苏州", "2026年1-10月", 2026, 1980, "亿元", "", "1980亿元",
                                "actual", "plan2026", "市工信局统计", ""]])
        preview = await send_file(stand, "进度.csv", csv.encode("gbk"))
        assert "新增 1 行" in preview["text"]
        assert "已导入 1 行" in (await press(stand, preview, "确认"))["text"]
        assert "1980亿元" in (await say(stand, "/ask 工业投资进度"))["text"]

    run(tmp_path, body)


def test_import_of_xlsx_applies_and_a_bad_row_applies_nothing(tmp_path):
    async def body(stand):
        good = ["new_high_tech_enterprises", "苏州", "2026年1-10月", 2026, 480, "家", "", "480家", "actual",
                "plan2026", "", ""]
        bad = ["rd_intensity", "苏州", "2026年", 2026, 140, "%", "", "140%", "actual", "plan2026", "", ""]
        columns = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote".split(",")
        refused = await send_file(stand, "bad.csv", observation_csv([good, bad]).encode("utf-8"))
        assert "第3行" in refused["text"] and "未导入" in refused["text"]
        assert stand.answerer.store.observations("new_high_tech_enterprises") == []
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            pd.DataFrame([good], columns=columns).to_excel(writer, sheet_name="observations", index=False)
        preview = await send_file(stand, "进度.xlsx", buffer.getvalue())
        await press(stand, preview, "确认")
        assert "480家" in (await say(stand, "/ask 高企新增目标"))["text"]

    run(tmp_path, body)


def test_export_then_import_round_trips_with_no_change(tmp_path):
    async def body(stand):
        await press(stand, await say(stand, "/set 瞪羚 500家 10月"), "确认")
        exported = await say(stand, "/export")
        data = stand.files[exported["document"]["file_id"]]
        assert data[:2] == b"PK"
        again = await send_file(stand, "export.xlsx", data)
        assert "完全一致" in again["text"]

    run(tmp_path, body)


def test_files_that_are_not_what_they_say_or_too_big_are_refused(tmp_path):
    async def body(stand):
        assert "只能导入" in (await send_file(stand, "x.exe", b"MZ..."))["text"]
        assert "5 MB" in (await send_file(stand, "big.csv", b"a," * (3 * 1024 * 1024)))["text"]
        fake = await send_file(stand, "fake.xlsx", b"indicator_id,city\n")
        assert "reply_markup" not in fake and stand.answerer.store.db["changes"].count == 0

    run(tmp_path, body)


def test_history_shows_the_bots_time_zone_and_the_name_a_change_was_recorded_with(tmp_path):
    async def body(stand):
        await press(stand, await say(stand, "/set 瞪羚 500家 10月"), "确认")
        await press(stand, await say(stand, "/target 研发投入 4.5%"), "确认")
        # Just after midnight in Shanghai is still the day before in UTC, as stored.
        stand.answerer.store.db.execute("update changes set at = '2026-11-25T16:30:00+00:00'")
        figure = (await say(stand, "/history 瞪羚"))["text"]
        assert "2026-11-26 00:30" in figure and "Asia/Shanghai" in figure, figure
        assert "张三（42）" in figure and "用户42" not in figure, figure
        # A target's row names nobody; the name this admin's /set was recorded with is shown for it too.
        target = (await say(stand, "/history 研发投入"))["text"]
        assert "张三（42）" in target and "2026-11-26 00:30" in target, target
        preview = (await say(stand, "/undo"))["text"]
        assert "张三（42）" in preview and "2026-11-26 00:30" in preview, preview

    run(tmp_path, body)


def test_help_shows_the_admin_commands_to_admins_only(tmp_path):
    from handlers import ADMIN_COMMANDS, PUBLIC_COMMANDS

    async def body(stand):
        owner = (await say(stand, "/help"))["text"]
        assert "管理员命令" in owner, owner
        for command, _ in ADMIN_COMMANDS[len(PUBLIC_COMMANDS):]:  # each once, from the one list
            assert owner.count(f"/{command} ") + owner.count(f"/{command}\n") >= 1, command
        assert "录入实际数" in owner and "撤销修改" in owner
        member = (await say(stand, "/help", user_id=MEMBER))["text"]  # a group admin, not a bot admin
        assert "管理员命令" not in member and "/set" not in member and "/history" not in member, member
        stand.answerer.store.add_admin(MEMBER, "李四", OWNER)
        assert "/history" in (await say(stand, "/help", user_id=MEMBER))["text"]

    run(tmp_path, body)


def test_mode_says_in_chinese_what_the_mode_means(tmp_path):
    async def body(stand):
        assert "当前模式：mention（只回应命令、@ 和回复）" in (await say(stand, "/mode"))["text"]
        done = (await say(stand, "/mode all"))["text"]
        assert done.startswith("已设置为 all 模式：") and "普通消息" in done, done
        assert "当前模式：all（" in (await say(stand, "/mode"))["text"]
        assert "只回应命令、@ 和回复" in (await say(stand, "/mode mention"))["text"]

    run(tmp_path, body)
