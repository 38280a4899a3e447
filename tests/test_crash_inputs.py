"""Inputs that used to crash a handler and page the admins: digits such as ² (isdigit() true, int()
refuses them) in commands, callback data and settings, and a button pressed twice ("message is not
modified"). Each now gets its usage text, its answer or nothing — and the admins' chat hears nothing."""

import asyncio
import os
import subprocess
import sys

import pytest

from bot.config import ConfigError, load_config
from knowledge.answers import Answerer
from knowledge.quantities import parse_ascii_int
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import application, standin

GROUP, OWNER, ADMINS_CHAT = -100600, 42, -999


@pytest.mark.parametrize("text, number", [
    ("42", 42), (" 7 ", 7), ("-1001", -1001), ("+3", 3), ("0", 0),
    ("²", None), ("4²", None), ("①", None), ("٣", None), ("４２", None), ("", None), (None, None),
    ("1.5", None), ("1e3", None), ("12a", None), ("-", None), ("#3", None),
])
def test_only_ascii_digits_are_an_integer(text, number):
    assert parse_ascii_int(text) == number


@pytest.mark.parametrize("variable, value", [
    ("BOT_ADMIN_IDS", "4²"), ("BOT_ADMIN_IDS", "42,①"), ("BOT_ADMIN_CHAT_ID", "-100²"), ("PORT", "8443²"),
])
def test_superscript_digits_in_settings_are_a_configuration_error(variable, value):
    with pytest.raises(ConfigError, match=variable):
        load_config({variable: value})


def test_bot_admin_ids_with_a_superscript_is_one_line_at_start_up(tmp_path):
    env = {**os.environ, "BOT_ADMIN_IDS": "4²", "TELEGRAM_BOT_TOKEN": "424242:RUN-test-token-abcdefghijklmn",
           "BOT_DB_PATH": str(tmp_path / "kb.db")}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True,
                            timeout=60, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["配置错误：BOT_ADMIN_IDS 应为逗号分隔的数字用户 ID，无法识别：'4²'"]


def test_superscripts_and_double_presses_get_usage_or_nothing_and_never_page_the_admins(tmp_path):
    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin(admins={GROUP: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER}), admin_chat_id=ADMINS_CHAT):

            async def say(text):
                before = len(stand.sent_messages(GROUP))
                stand.send_user_message(GROUP, text, user_id=OWNER, chat_type="supergroup")
                return (await stand.wait_for_sent(GROUP, count=before + 1))[-1]

            assert "用法：/undo" in (await say("/undo ²"))["text"]
            assert "用法：/undo" in (await say("/undo #²"))["text"]
            assert "用法：/admins" in (await say("/admins add ²"))["text"]
            assert "用法：/admins" in (await say("/admins remove 4²"))["text"]
            assert answerer.store.admins() == []

            clarify = await say("/ask 智能工厂目标")
            button = clarify["reply_markup"]["inline_keyboard"][0][0]
            for _ in range(2):  # a double tap, or two members pressing the same button
                stand.send_callback_query(GROUP, clarify["message_id"], button["callback_data"], user_id=OWNER)
            forged = button["callback_data"].rsplit("|", 1)[0] + "|²"
            second = await say("/ask 智能工厂目标")
            stand.send_callback_query(GROUP, second["message_id"], forged, user_id=OWNER)
            for _ in range(1200):
                edits = [m for m in stand.sent_messages(GROUP)
                         if m["message_id"] in (clarify["message_id"], second["message_id"]) and "目标：" in m["text"]]
                if len(edits) == 2 and len(stand.callback_answers) == 3:
                    break
                await asyncio.sleep(0.05)
            assert len(edits) == 2  # the pressed buttons and the forged one answered
            await say("/ask 瞪羚")  # everything before it has been handled
            for _ in range(1200):
                if any(r["method"] == "editMessageText" and r["status"] == 400 for r in stand.requests):
                    break
                await asyncio.sleep(0.05)
            assert any(r["method"] == "editMessageText" and r["status"] == 400 for r in stand.requests)  # not modified
            assert stand.sent_messages(ADMINS_CHAT) == []

    asyncio.run(asyncio.wait_for(body(), 180))


def test_a_members_file_captioned_import_or_release_and_a_channels_file_get_the_refusal(tmp_path):
    member, channel = 8, -1001777

    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin(admins={GROUP: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER}), admin_chat_id=ADMINS_CHAT):
            for name, caption in (("数据.csv", "/import"), ("通报.txt", "/release")):
                before = len(stand.sent_messages(GROUP))
                stand.send_document(GROUP, name, "指标,城市\n".encode(), caption=caption, user_id=member,
                                    chat_type="supergroup")
                reply = (await stand.wait_for_sent(GROUP, count=before + 1))[-1]
                assert reply["text"] == "只有管理员可以修改数据。", caption
            stand.send_channel_post(channel, document=("数据.csv", "指标,城市\n".encode()), caption="/import")
            [reply] = await stand.wait_for_sent(channel, count=1)
            assert "频道身份不能修改数据" in reply["text"]
            assert answerer.store.db["changes"].count == 0
            assert stand.sent_messages(ADMINS_CHAT) == []  # no error report

    asyncio.run(asyncio.wait_for(body(), 180))


def test_a_superscript_due_day_in_units_or_an_import_is_refused_with_the_reason(tmp_path):
    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin(admins={GROUP: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER}), admin_chat_id=ADMINS_CHAT):
            before = len(stand.sent_messages(GROUP))
            stand.send_user_message(GROUP, "/units 工业投资总额 市发改委 月度 ²", user_id=OWNER, chat_type="supergroup")
            reply = (await stand.wait_for_sent(GROUP, count=before + 1))[-1]
            assert "出数日应为数字" in reply["text"] and "reply_markup" not in reply
            csv = "indicator_id,unit,cycle,due_day\nindustrial_investment,市发改委,月度,²\n".encode()
            stand.send_document(GROUP, "duties.csv", csv, caption="/import", user_id=OWNER, chat_type="supergroup")
            reply = (await stand.wait_for_sent(GROUP, count=before + 2))[-1]
            assert "出数日应为数字" in reply["text"] and "reply_markup" not in reply
            assert answerer.store.db["indicator_duties"].count == 0
            assert stand.sent_messages(ADMINS_CHAT) == []  # no error report

    asyncio.run(asyncio.wait_for(body(), 180))
