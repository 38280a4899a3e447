"""The last step before a Bot API call leaves the bot: nothing a handler, a summary, an alert or a report
sends is lost to a text over Telegram's limits or to a group that became a supergroup.

PTB passes every Bot API call but getUpdates through the Application's rate limiter
(`BaseRateLimiter.process_request`, with the call's endpoint and parameters), so `SafeSending`, a mixin
placed before the rate limiter class (bot/app.py), sees every send in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram.error import ChatMigrated

from handlers.messages import CAPTION_LIMIT, TELEGRAM_LIMIT, shorten_message, split_message

logger = logging.getLogger(__name__)

# endpoint → (the parameter holding its text, that text's limit)
TEXT_FIELDS = {"sendMessage": ("text", TELEGRAM_LIMIT), "editMessageText": ("text", TELEGRAM_LIMIT),
               "sendPhoto": ("caption", CAPTION_LIMIT), "sendDocument": ("caption", CAPTION_LIMIT),
               "editMessageCaption": ("caption", CAPTION_LIMIT)}


class SafeSending:
    """A mixin for a PTB rate limiter: every call goes on through the class after it in the MRO.

    - A text over its limit (4,096 characters in a message, 1,024 in a caption) used to fail with
      "Message is too long" and the reply was lost. sendMessage's text is now split into several
      messages (handlers.messages.split_message, which keeps Telegram HTML valid), the first one
      quoting what it answers, the last one carrying the keyboard, and the last one returned; an edit
      or a caption, which cannot be split, is shortened (shorten_message: as much as fits, then "…").
      Either way a warning is logged.
    - ChatMigrated (the group became a supergroup; Telegram can still deliver late updates from the
      old id): `on_chat_migrated(old_chat_id, new_chat_id)` moves what the bot keeps for the chat, and
      a send* or get* call (a reply, a summary, an alert, a report; getChatMember for an admin check)
      is made again, once, to the new id. Other calls (an edit, a delete) are not made again: their
      message lives in the old chat; ChatMigrated is raised.
    """

    on_chat_migrated: Callable[[int, int], Awaitable[None]] | None = None

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        pieces = _fitted(endpoint, data)
        for piece in pieces[:-1]:
            await self._followed(callback, kwargs, endpoint, piece, rate_limit_args)
        return await self._followed(callback, kwargs, endpoint, pieces[-1], rate_limit_args)

    async def _followed(self, callback, kwargs, endpoint, data, rate_limit_args):
        """Make the call; after ChatMigrated, follow the chat and make a send* or get* call again to the new id."""
        send = super().process_request
        try:
            return await send(callback, (endpoint, data), kwargs, endpoint, data, rate_limit_args)
        except ChatMigrated as migrated:
            old_chat_id, new_chat_id = data.get("chat_id"), migrated.new_chat_id
            if not isinstance(old_chat_id, int) or old_chat_id == new_chat_id:
                raise
            await self._follow(old_chat_id, new_chat_id)
            if not endpoint.startswith(("send", "get")):
                raise
            logger.info("会话 %s 已升级为超级群 %s，%s 改发到新会话", old_chat_id, new_chat_id, endpoint)
            moved = {**data, "chat_id": new_chat_id}
            return await send(callback, (endpoint, moved), kwargs, endpoint, moved, rate_limit_args)

    async def _follow(self, old_chat_id: int, new_chat_id: int) -> None:
        if self.on_chat_migrated is None:
            return
        try:
            await self.on_chat_migrated(old_chat_id, new_chat_id)
        except Exception:  # noqa: BLE001 — the message still goes to the new id; the move is logged
            logger.exception("会话 %s 升级为 %s：未能迁移该会话的设置和订阅", old_chat_id, new_chat_id)


def _fitted(endpoint: str, data: dict) -> list[dict]:
    """The call's parameters as one or more calls whose text fits Telegram's limit (see SafeSending)."""
    field, limit = TEXT_FIELDS.get(endpoint, (None, 0))
    text = data.get(field) if field else None
    if not isinstance(text, str) or len(text) <= limit or data.get("entities") or data.get("caption_entities"):
        return [data]
    html = str(data.get("parse_mode") or "").upper() == "HTML"
    if endpoint != "sendMessage":
        logger.warning("%s 的%s有 %d 字，超过 Telegram 上限 %d 字，已截短", endpoint, field, len(text), limit)
        return [{**data, field: shorten_message(text, limit, html=html)}]
    pieces = split_message(text, limit, html=html)
    if not pieces:
        return [data]
    logger.warning("消息有 %d 字，超过 Telegram 上限 %d 字，已拆成 %d 条发送", len(text), limit, len(pieces))
    calls = []
    for index, piece in enumerate(pieces):
        call = {**data, field: piece}
        if index > 0:  # the quote of what it answers, once, on the first
            call.pop("reply_parameters", None)
            call.pop("reply_to_message_id", None)
        if index < len(pieces) - 1:  # the keyboard under the last
            call.pop("reply_markup", None)
        calls.append(call)
    return calls
