"""Long texts against Telegram's limits (4,096 characters in a message, 1,024 in a caption), through the
stand-in, which refuses what Telegram refuses ("Message is too long").

Before: a refusal quoted a 4,096-character command back whole, went over the limit, and the reply was
lost with a traceback. Now a quote of the user's words is cut (knowledge.errors.quoted), and whatever
the bot sends is made to fit (bot/sending.py): a message is split, an edit or a caption shortened."""

import asyncio
import html
import re

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.messages import shorten_message
from knowledge.answers import Answerer
from knowledge.errors import QUOTE_CHARS, quoted
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.group_chat import GROUP, OWNER, run, say
from tests.harness import application, standin

LONG = "发" * 4096


def test_a_quote_of_the_users_words_is_cut_to_thirty_characters():
    assert quoted("工业投资总额") == "工业投资总额"
    assert quoted("发" * 31) == "发" * QUOTE_CHARS + "…"
    assert quoted(12) == "12"


@pytest.mark.parametrize("head, reason", [
    ("/history ", "没有找到指标"), ("/plan 工业投资总额 ", "月度计划应为12个数字"),
    ("/set 工业投资总额 ", "无法识别的数值"), ("/alias 研发 ", "没有找到指标"),
    ("/set 工业投资总额 1980亿 ", "无法识别的期间"),
])
def test_a_refusal_of_a_4096_character_command_quotes_it_short(tmp_path, head, reason):
    async def body(stand):
        reply = (await say(stand, (head + LONG)[:4096]))["text"]
        assert reason in reply
        assert "发" * QUOTE_CHARS + "…" in reply and "发" * (QUOTE_CHARS + 1) not in reply

    run(tmp_path, body)


def test_a_shortened_html_text_is_cut_between_tags_and_closes_what_is_open():
    text = "<b>" + "数&amp;" * 300 + "</b>"
    short = shorten_message(text, 100)
    assert len(short) <= 100 and short.startswith("<b>数&amp;") and short.endswith("…</b>")
    assert re.fullmatch(r"<b>(数&amp;)+数?…</b>", short)  # never cut inside &amp;


def visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^<>]*>", "", text))


def test_a_message_over_the_limit_is_split_not_lost(tmp_path):
    """An HTML reply of 9,000 characters with markup and character references: every piece within the
    limit, nothing lost, the quote on the first piece and the keyboard on the last."""
    lines = [f"<b>第{n}行</b> 工业投资 &amp; 研发投入 {'数' * 40}" for n in range(160)]
    text = "\n".join(lines)
    assert len(text) > 2 * 4096

    async def body(stand):
        question = await say(stand, "/start")
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("确认", callback_data="x")]])
        before = len(stand.sent_messages(GROUP))
        sent = await stand.app.bot.send_message(GROUP, text, reply_to_message_id=question["message_id"],
                                                reply_markup=keyboard)
        pieces = stand.sent_messages(GROUP)[before:]
        assert len(pieces) == 3 and all(len(p["text"]) <= 4096 for p in pieces)
        assert "\n".join(p["text"] for p in pieces) == visible(text)
        assert pieces[0]["reply_to_message"]["message_id"] == question["message_id"]
        assert "reply_to_message" not in pieces[1] and "reply_markup" not in pieces[0]
        assert pieces[-1]["reply_markup"]["inline_keyboard"][0][0]["text"] == "确认"
        assert sent.message_id == pieces[-1]["message_id"]

    run_with_app(tmp_path, body)


def test_an_edit_or_a_caption_over_the_limit_is_shortened_not_lost(tmp_path):
    async def body(stand):
        bot = stand.app.bot
        message = await bot.send_message(GROUP, "预览")
        await bot.edit_message_text("撤销预览\n" + "研" * 5000, GROUP, message.message_id, parse_mode=None)
        edited = next(m for m in stand.sent_messages(GROUP) if m["message_id"] == message.message_id)
        assert edited["text"] == "撤销预览\n" + "研" * 4090 + "…"
        await bot.send_document(GROUP, b"x", filename="a.txt", caption="通报\n" + "数" * 2000, parse_mode=None)
        document = stand.sent_messages(GROUP)[-1]
        assert document["caption"] == "通报\n" + "数" * 1020 + "…"

    run_with_app(tmp_path, body)


def run_with_app(tmp_path, body):
    """run() with the Application at hand as stand.app (tests.group_chat.running does not give it)."""
    async def main():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 11, 26, 10))
        async with standin(admins={GROUP: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER})) as app:
            stand.app = app
            await asyncio.wait_for(body(stand), 60)

    asyncio.run(main())
