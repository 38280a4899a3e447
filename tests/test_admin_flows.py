"""Admin flows that must not be abused or get stuck, end to end against the local Bot API stand-in:
authority re-checked at 确认, previews that expire and do not survive a restart, 取消 everywhere, /undo
previewed and able to reverse an import, read-only admin commands, aliases that cannot hijack an
indicator or make the bot answer chatter (issues 10.3–10.5, 13.17). Figures here are made up."""

import asyncio
import io
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import openpyxl
import pytest

from bot.config import ConfigError, load_config
from knowledge.answers import Answerer
from knowledge.edits import apply_edit, plan_target
from knowledge.store import open_store
from knowledge.tables import export_workbook
from tests.conftest import SHANGHAI
from tests.group_chat import GROUP, MEMBER, OWNER, press, press_for_new, say, send_file
from tests.harness import application, standin
from tests.test_release_chat import EXAMPLE


class MovableClock:
    """The answerer's clock, moved by the test instead of sleeping."""

    def __init__(self):
        self.moment = datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)

    def __call__(self):
        return self.moment

    def advance(self, **delta):
        self.moment += timedelta(**delta)


@asynccontextmanager
async def running(tmp_path, stand=None):
    clock = MovableClock()
    answerer = Answerer(open_store(tmp_path / "kb.db"), clock=clock)
    async with application(stand, answerer, admin_ids=frozenset({OWNER})):
        stand.answerer, stand.clock = answerer, clock
        yield stand


def run(tmp_path, body):
    async def main():
        async with standin(admins={GROUP: [OWNER]}) as stand, running(tmp_path, stand):
            await asyncio.wait_for(body(stand), 180)

    asyncio.run(main())


def gazelle_csv(value):
    return ("indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote\n"
            f"gazelle_firms,苏州,2026年10月,2026,{value},家,,,actual,plan2026,,\n").encode()


# -- 10.3: authority at 确认, previews that expire ------------------------------------------------------

def test_an_admin_removed_after_the_preview_cannot_confirm_a_set_or_an_import(tmp_path):
    async def body(stand):
        assert "已添加" in (await say(stand, "/admins add 8 李四"))["text"]
        set_preview = await say(stand, "/set 瞪羚 500家 10月", user_id=MEMBER)
        import_preview = await send_file(stand, "瞪羚.csv", gazelle_csv(510), user_id=MEMBER)
        assert "确认写入" in set_preview["text"] and "新增 1 行" in import_preview["text"]
        assert "已移除" in (await say(stand, "/admins remove 8"))["text"]
        for preview in (set_preview, import_preview):
            refused = await press(stand, preview, "确认", user_id=MEMBER)
            assert "已不是管理员" in refused["text"] and "没有保存" in refused["text"]
            assert "reply_markup" not in refused
        assert stand.answerer.store.observations("gazelle_firms") == []
        assert stand.answerer.store.db["changes"].count_where("action in ('set_observation', 'import')") == 0

    run(tmp_path, body)


def test_a_preview_expires_after_ten_minutes_and_says_so(tmp_path):
    async def body(stand):
        late = await say(stand, "/set 瞪羚 500家 10月")
        assert "10分钟内有效" in late["text"]
        stand.clock.advance(minutes=10, seconds=1)
        in_time = await say(stand, "/set 瞪羚 500家 10月")  # (a new preview clears expired ones out)
        refused = await press(stand, late, "确认")
        assert "已超过10分钟" in refused["text"] and "重新发送" in refused["text"]
        assert stand.answerer.store.observations("gazelle_firms") == []
        stand.clock.advance(minutes=9, seconds=59)
        assert "已保存" in (await press(stand, in_time, "确认"))["text"]
        assert [o.text for o in stand.answerer.store.observations("gazelle_firms")] == ["500家"]

    run(tmp_path, body)


def test_set_takes_a_leading_place_as_the_city(tmp_path):
    async def body(stand):
        preview = await say(stand, "/set 苏州 工业投资 1980亿元 1—10月")  # made-up figure
        assert "指标：工业投资总额（苏州）" in preview["text"] and "没有找到" not in preview["text"]
        assert "已保存" in (await press(stand, preview, "确认"))["text"]
        [saved] = stand.answerer.store.observations("industrial_investment")
        assert (saved.city, saved.value, saved.period) == ("苏州", 1980, "2026年1-10月")
        other = await say(stand, "/set 深圳市 规上工业总产值 40000亿元 1—10月")  # made-up figure
        assert "指标：规上工业总产值（深圳）" in other["text"]
        assert "已保存" in (await press(stand, other, "确认"))["text"]
        assert stand.answerer.store.get_row("observations", {"indicator_id": "gross_industrial_output",
                                                             "city": "深圳", "period": "2026年1-10月"})["value"] == 40000

    run(tmp_path, body)


async def release_preview(stand, user_id=OWNER):
    """The made-up example release pasted with /release by `user_id`, read after 完成: its preview."""
    prompt = await say(stand, "/release " + EXAMPLE.read_text(encoding="utf-8"), user_id=user_id)
    preview = await press_for_new(stand, prompt, "完成", user_id=user_id)
    assert "确认写入这 11 个数据吗？（10分钟内有效）" in preview["text"]
    return preview


def test_an_admin_removed_after_a_release_preview_cannot_confirm_it(tmp_path):
    async def body(stand):
        assert "已添加" in (await say(stand, "/admins add 8 李四"))["text"]
        preview = await release_preview(stand, user_id=MEMBER)
        assert "已移除" in (await say(stand, "/admins remove 8"))["text"]
        refused = await press(stand, preview, "确认", user_id=MEMBER)
        assert "已不是管理员" in refused["text"] and "没有保存" in refused["text"]
        assert "reply_markup" not in refused
        assert stand.answerer.store.db["changes"].count_where("action not like '%admin'") == 0

    run(tmp_path, body)


def test_a_release_preview_expires_like_any_other(tmp_path):
    async def body(stand):
        late = await release_preview(stand)
        stand.clock.advance(minutes=10, seconds=1)
        refused = await press(stand, late, "确认")
        assert "已超过10分钟" in refused["text"] and "reply_markup" not in refused
        assert stand.answerer.store.db["changes"].count == 0
        in_time = await release_preview(stand)
        stand.clock.advance(minutes=9, seconds=59)
        assert "已写入 11 个数据" in (await press(stand, in_time, "确认"))["text"]

    run(tmp_path, body)


# -- 13.17: 取消, /undo previewed, read-only commands, restarts -----------------------------------------

def test_every_preview_has_a_cancel_that_writes_nothing(tmp_path):
    async def body(stand):
        store = stand.answerer.store
        apply_edit(store, plan_target(stand.answerer, "研发投入", "4.5%", "测试"), OWNER, GROUP)
        changes = store.db["changes"].count  # (the group's send limit allows 10 quick messages: 5 previews, 5 edits)
        previews = [await say(stand, "/set 瞪羚 500家 10月"), await say(stand, "/target 研发投入 4.6%"),
                    await say(stand, "/alias 羚羊企业 瞪羚企业"), await send_file(stand, "x.csv", gazelle_csv(510)),
                    await say(stand, "/undo")]
        for preview in previews:
            assert [b["text"] for b in preview["reply_markup"]["inline_keyboard"][0]] == ["确认", "取消"]
            cancelled = await press(stand, preview, "取消")
            assert "已取消" in cancelled["text"] and "reply_markup" not in cancelled
        assert store.db["changes"].count == changes
        assert store.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州", "year": 2026})["value"] == 4.5

    run(tmp_path, body)


def test_plain_undo_names_the_newer_plan_and_thresholds_changes_it_goes_past(tmp_path):
    async def body(stand):
        assert "已保存" in (await press(stand, await say(stand, "/target 研发投入 4.6%"), "确认"))["text"]
        await press(stand, await say(stand, "/plan 新增高新技术企业 0,0,0,10,10,20,20,30,40,60,80,100"), "确认")
        await press(stand, await say(stand, "/thresholds 4 12"), "确认")
        preview = await say(stand, "/undo")
        lines = preview["text"].splitlines()
        skipped = lines[lines.index("较新的修改无法撤销，已跳过：") + 1:]
        assert "/thresholds 改了进度阈值" in skipped[0] and "要改回请再发 /thresholds" in skipped[0]
        assert "/plan 改了新增高新技术企业的月度计划" in skipped[1] and "要改回请再发 /plan" in skipped[1]
        assert "将撤销：" in preview["text"] and "4.6%" in preview["text"]
        assert "已撤销" in (await press(stand, preview, "确认"))["text"]
        nothing = await say(stand, "/undo")  # only the two it cannot reverse are left: named, not silence
        assert "没有可以撤销的修改" in nothing["text"]
        assert "/thresholds 改了进度阈值" in nothing["text"] and "/plan 改了新增高新技术企业的月度计划" in nothing["text"]

    run(tmp_path, body)


def test_read_only_admin_commands_are_refused_for_members_without_talk_of_changing_data(tmp_path):
    async def body(stand):
        for command in ("/export", "/unanswered", "/history 研发投入"):
            refused = await say(stand, command, user_id=MEMBER)
            assert "只有管理员可以使用此命令" in refused["text"] and "修改数据" not in refused["text"], command
            assert "document" not in refused
        assert "还没有修改记录" in (await say(stand, "/history 研发投入"))["text"]
        assert "document" in await say(stand, "/export")

    run(tmp_path, body)


def test_a_confirm_from_before_a_restart_is_refused_and_nothing_is_written(tmp_path):
    async def main():
        async with standin(admins={GROUP: [OWNER]}) as stand:
            async with running(tmp_path, stand):
                preview = await say(stand, "/set 瞪羚 500家 10月")
                alias_preview = await say(stand, "/alias 羚羊企业 瞪羚企业")
                release = await release_preview(stand)
            async with running(tmp_path, stand):  # the bot restarted
                for old in (preview, alias_preview, release):
                    refused = await press(stand, old, "确认")
                    assert "此确认已失效" in refused["text"] and "重启" in refused["text"]
                    assert "重新发送" in refused["text"] and "reply_markup" not in refused
                assert stand.answerer.store.observations("gazelle_firms") == []
                assert stand.answerer.store.db["changes"].count == 0
                again = await say(stand, "/set 瞪羚 500家 10月")
                assert "已保存" in (await press(stand, again, "确认"))["text"]

    asyncio.run(asyncio.wait_for(main(), 180))


# -- 10.5: undo of an import --------------------------------------------------------------------------

def edited_export(store):
    """The export with a target changed, an alias, a source and a figure citing it added (made up)."""
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(store)))
    for row in book["targets"].iter_rows(min_row=2):
        if row[0].value == "rd_intensity":
            row[3].value, row[6].value = 4.6, None
    book["aliases"].append(["gazelle_firms", "羚羊企业"])
    book["sources"].append(["made_up_report", "测试用来源（虚构）", "测试", None, None])
    book["observations"].append(["gazelle_firms", "苏州", "2026年10月", 2026, 520, "家", None, None, "actual",
                                 "made_up_report", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_undo_reverses_an_import_row_by_row_or_whole(tmp_path):
    async def body(stand):
        store = stand.answerer.store
        preview = await send_file(stand, "改过的.xlsx", edited_export(store))
        assert "已导入 4 行" in (await press(stand, preview, "确认"))["text"]
        assert "超4.6%" in (await say(stand, "/ask 研发投入目标"))["text"]
        target_change = next(c["id"] for c in store.db["changes"].rows_where("action = 'import'")
                             if '"year": 2026' in c["entity"])
        one = await say(stand, f"/undo {target_change}")
        assert "将撤销" in one["text"] and "超4.6%" in one["text"]
        assert f"已撤销第 {target_change} 号修改" in (await press(stand, one, "确认"))["text"]
        assert "超4.25%" in (await say(stand, "/ask 研发投入目标"))["text"]
        whole = await say(stand, "/undo")
        assert "将撤销一次导入" in whole["text"] and "3 行" in whole["text"]
        assert "已撤销这次导入的 3 行修改" in (await press(stand, whole, "确认"))["text"]
        assert store.observations("gazelle_firms") == [] and "made_up_report" not in store.sources()
        assert ("gazelle_firms", "羚羊企业") not in store.aliases()
        nothing = await say(stand, "/undo")
        assert "没有可以撤销的修改" in nothing["text"] and "reply_markup" not in nothing

    run(tmp_path, body)


# -- 10.4: aliases ------------------------------------------------------------------------------------

def test_an_alias_cannot_hijack_an_indicator(tmp_path):
    async def body(stand):
        refused = await say(stand, "/alias 研发投入目标 瞪羚企业")
        assert "研发投入" in refused["text"] and "不能再指向" in refused["text"] and "reply_markup" not in refused
        reply = await say(stand, "/ask 研发投入")
        assert "全社会研发投入占GDP比重" in reply["text"] and "瞪羚" not in reply["text"]

    run(tmp_path, body)


def test_a_chatter_alias_is_refused_and_a_group_in_mode_all_does_not_answer_small_talk(tmp_path):
    async def body(stand):
        assert "all" in (await say(stand, "/mode all"))["text"]
        refused = await say(stand, "/alias 好的 瞪羚企业")
        assert "聊天用语" in refused["text"] and "reply_markup" not in refused
        before = len(stand.sent_messages(GROUP))
        for chatter in ("好的", "好", "好吧"):
            stand.send_user_message(GROUP, chatter, user_id=MEMBER, chat_type="supergroup")
        stand.send_user_message(GROUP, "/ask 瞪羚", user_id=MEMBER, chat_type="supergroup")
        sent = await stand.wait_for_sent(GROUP, count=before + 1)
        await asyncio.sleep(0.3)
        assert len(stand.sent_messages(GROUP)) == before + 1  # only the /ask, sent after the chatter
        assert "瞪羚企业" in sent[-1]["text"]

    run(tmp_path, body)


@pytest.mark.parametrize("raw,minutes", [(None, 10), ("", 10), ("5", 5), ("0", None), ("-3", None), ("十", None)])
def test_confirm_minutes_come_from_the_environment(raw, minutes):
    env = {} if raw is None else {"BOT_CONFIRM_MINUTES": raw}
    if minutes is None:
        with pytest.raises(ConfigError, match="BOT_CONFIRM_MINUTES"):
            load_config(env)
    else:
        assert load_config(env).confirm_minutes == minutes
