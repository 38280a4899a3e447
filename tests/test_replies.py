"""How the bot's replies survive what Telegram users do: deleted questions, late button presses, edits,
and replies longer than one message. End to end against the stand-in, which refuses what Telegram
refuses ("message to be replied not found", "query is too old …", "can't parse entities")."""

import asyncio
import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.standin import parse_html
from handlers.messages import split_message
from knowledge.answers import Answerer
from knowledge.render import render_reply
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import application, standin
from tests.group_chat import GROUP, MEMBER, OWNER, say
from tests.test_answers import record

PRIVATE = 1001


def run(body, store=None):
    async def main():
        answerer = Answerer(store or open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin(admins={GROUP: [OWNER, MEMBER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER})):
            stand.answerer = answerer
            await asyncio.wait_for(body(stand), 180)

    asyncio.run(main())


async def flush(stand):
    """Updates are handled in order: once a later private question is answered, earlier ones were too."""
    stand.send_user_message(PRIVATE, "瞪羚", user_id=PRIVATE)
    for _ in range(1200):
        if "瞪羚" in (stand.sent_messages(PRIVATE) or [{}])[-1].get("text", ""):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the flush question was not answered")


def test_a_question_deleted_before_the_reply_still_gets_its_answer():
    async def body(stand):
        question = stand.send_user_message(GROUP, "/ask 苏州研发投入目标", chat_type="supergroup")
        stand.delete_message(GROUP, question["message_id"])  # a command-cleaner bot removed it
        [reply] = await stand.wait_for_sent(GROUP)
        assert "超4.25%" in reply["text"] and "reply_to_message" not in reply
        kept = await say(stand, "/ask 高企新增多少家")  # a question still there is quoted as before
        assert kept["reply_to_message"]["text"] == "/ask 高企新增多少家"

    run(body)


def test_an_admin_command_deleted_before_the_preview_still_gets_it():
    async def body(stand):
        question = stand.send_user_message(GROUP, "/set 工业投资总额 1980亿 1-6月", user_id=OWNER,
                                           chat_type="supergroup")
        stand.delete_message(GROUP, question["message_id"])
        [preview] = await stand.wait_for_sent(GROUP)
        assert "数值：1980亿元" in preview["text"] and preview["reply_markup"]

    run(body)


def test_a_clarify_button_pressed_after_its_query_expired_still_gives_the_answer():
    async def body(stand):
        stand.send_user_message(PRIVATE, "智能工厂目标", user_id=PRIVATE)
        [clarify] = await stand.wait_for_sent(PRIVATE)
        chosen = next(row[0] for row in clarify["reply_markup"]["inline_keyboard"] if "卓越" in row[0]["text"])
        stand.send_callback_query(PRIVATE, clarify["message_id"], chosen["callback_data"], user_id=PRIVATE,
                                  expired=True)
        await flush(stand)
        edited = stand.sent_messages(PRIVATE)[0]
        assert "新增卓越级智能工厂" in edited["text"] and "目标：5个" in edited["text"]
        refused = [r for r in stand.requests if r["method"] == "answerCallbackQuery"]
        assert refused and refused[-1]["status"] == 400  # Telegram refused the late answer; the edit went on

    run(body)


def test_a_confirm_button_pressed_after_its_query_expired_still_saves():
    async def body(stand):
        preview = await say(stand, "/set 工业投资总额 1980亿 1-6月 市工信局")
        button = next(b for row in preview["reply_markup"]["inline_keyboard"] for b in row if b["text"] == "确认")
        stand.send_callback_query(GROUP, preview["message_id"], button["callback_data"], user_id=OWNER,
                                  expired=True)
        for _ in range(1200):
            done = next(m for m in stand.sent_messages(GROUP) if m["message_id"] == preview["message_id"])
            if done["text"] != preview["text"]:
                break
            await asyncio.sleep(0.05)
        assert "已保存" in done["text"]
        assert "最新：1980亿元" in (await say(stand, "/ask 工业投资进度"))["text"]

    run(body)


def test_an_edited_question_is_not_answered_again():
    async def body(stand):
        first = await say(stand, "/ask 苏州研发投入目标")
        assert "超4.25%" in first["text"]
        stand.send_user_message(GROUP, "/ask 高企新增多少家", chat_type="supergroup", edited=True,
                                message_id=first["reply_to_message"]["message_id"])
        stand.send_user_message(PRIVATE, "研发投入", user_id=PRIVATE)
        await stand.wait_for_sent(PRIVATE)
        stand.send_user_message(PRIVATE, "研发投入目标", user_id=PRIVATE, edited=True)
        stand.send_user_message(GROUP, "/summary", chat_type="supergroup", edited=True,
                                message_id=first["reply_to_message"]["message_id"])
        await flush(stand)
        assert len(stand.sent_messages(GROUP)) == 1
        assert len(stand.sent_messages(PRIVATE)) == 2  # the question and the flush, not the edit

    run(body)


def test_an_edited_admin_command_is_refused_with_the_reason():
    async def body(stand):
        assert "编辑" in (await say(stand, "/set 瞪羚 500家", edited=True))["text"]

    run(body)


# == long replies: every piece valid Telegram HTML =====================================================

def _plain(pieces):
    """What the user reads across all pieces, whitespace aside (cuts drop the line break they fall on)."""
    return "".join("".join(parse_html(piece)[0].split()) for piece in pieces)


SPLIT_CASES = [
    *[("a" * pad + "&amp;" * 2000, 4096) for pad in range(5)],  # a cut at every offset within "&amp;"
    ("<b>" + "粗&lt;体&gt;" * 1500 + "</b>\n尾", 4096),  # a tag open across the cut
    ("<b>标题</b>\n" + "R&amp;D，" * 1200 + "\n" + "&#128512;" * 900, 4096),
    ("<b>a</b>" * 800, 100),
    ("x\n" * 50 + "&quot;" * 40, 30),
]


@pytest.mark.parametrize("text, limit", SPLIT_CASES)
def test_split_message_never_cuts_markup(text, limit):
    pieces = split_message(text, limit)
    assert len(pieces) > 1 and all(len(piece) <= limit for piece in pieces)
    for piece in pieces:
        parse_html(piece)  # raises ApiError("can't parse entities") as Telegram would
    assert _plain(pieces) == "".join(parse_html(text)[0].split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a字&<>\"\n ", max_size=600), st.booleans(), st.integers(min_value=20, max_value=120))
def test_split_message_gives_valid_html_whatever_the_text(raw, bold, limit):
    text = html.escape(raw, quote=False)
    if bold:
        text = f"<b>{text}</b>"
    pieces = split_message(text, limit)
    for piece in pieces:
        assert len(piece) <= limit
        assert parse_html(piece)[0].strip()  # valid, and never an empty message
    assert _plain(pieces) == "".join(parse_html(text)[0].split())


def test_plain_text_is_split_without_treating_it_as_markup():
    text = "<b>名称&amp;</b>" * 600
    pieces = split_message(text, 1000, html=False)
    assert "".join(pieces) == text and all(len(piece) <= 1000 for piece in pieces)


def test_a_reply_with_a_line_over_the_limit_containing_ampersands_arrives_whole():
    store = open_store(":memory:")
    with store.transaction():
        source_id = store.ensure_source("市工信局 R&D 统计，" * 400)  # one 5,600-character line once escaped
    record(store, "industrial_investment", 1000, "亿元")
    store.db["observations"].update(("industrial_investment", "苏州", "2026年1-6月"), {"source_id": source_id})
    expected = render_reply(Answerer(store, clock=fixed_clock(2026, 7, 2, 12)).answer("工业投资进度"), html=True)
    assert max(len(line) for line in expected.split("\n")) > 4096

    async def body(stand):
        stand.send_user_message(PRIVATE, "工业投资进度", user_id=PRIVATE)
        await flush(stand)
        pieces = stand.sent_messages(PRIVATE)[:-1]
        assert "".join("".join(p["text"].split()) for p in pieces) == "".join(parse_html(expected)[0].split())

    run(body, store)
