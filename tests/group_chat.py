"""A group where admins talk to the bot, for the end-to-end admin tests: the members, what one of
them says, a file they send, a button they press. Test helpers, kept outside the package."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import application, standin

GROUP, OWNER, MEMBER = -100500, 42, 8


@asynccontextmanager
async def running(tmp_path):
    """The stand-in and the application on a fresh database, on 26 November 2026 at 10:00 in Shanghai;
    OWNER is the bot's owner, OWNER and MEMBER are the group's admins."""
    answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 11, 26, 10))
    async with standin(admins={GROUP: [OWNER, MEMBER]}) as stand, \
            application(stand, answerer, admin_ids=frozenset({OWNER})):
        stand.answerer = answerer
        yield stand


def run(tmp_path, body, timeout: float = 180):
    async def main():
        async with running(tmp_path) as stand:
            await asyncio.wait_for(body(stand), timeout)

    asyncio.run(main())


async def say(stand, text, user_id=OWNER, **options):
    """Send `text` to the group; return the bot's next message there."""
    before = len(stand.sent_messages(GROUP))
    stand.send_user_message(GROUP, text, user_id=user_id, chat_type="supergroup", **options)
    return (await stand.wait_for_sent(GROUP, count=before + 1))[-1]


async def send_file(stand, name, content, caption="/import", user_id=OWNER):
    """Send a document with a caption; return the bot's next message."""
    before = len(stand.sent_messages(GROUP))
    stand.send_document(GROUP, name, content, caption=caption, user_id=user_id, chat_type="supergroup")
    return (await stand.wait_for_sent(GROUP, count=before + 1))[-1]


def button(message, label):
    return next(b for row in message["reply_markup"]["inline_keyboard"] for b in row if b["text"] == label)


async def press(stand, message, label, user_id=OWNER):
    """Press a button and return the message once the bot edited it."""
    stand.send_callback_query(GROUP, message["message_id"], button(message, label)["callback_data"], user_id=user_id)
    for _ in range(1200):
        current = next(m for m in stand.sent_messages(GROUP) if m["message_id"] == message["message_id"])
        if current["text"] != message["text"]:
            return current
        await asyncio.sleep(0.05)
    raise TimeoutError(f"the message was not edited; callback answers: {stand.callback_answers[-2:]}")


async def press_for_new(stand, message, label, user_id=OWNER):
    """Press a button that makes the bot send a new message; return the newest message."""
    before = len(stand.sent_messages(GROUP))
    stand.send_callback_query(GROUP, message["message_id"], button(message, label)["callback_data"], user_id=user_id)
    return (await stand.wait_for_sent(GROUP, count=before + 1))[-1]
