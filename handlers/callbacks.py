"""Answering callback queries (button presses) without letting an expired query stop the work.

Telegram accepts answerCallbackQuery only for a short while after the press; a press handled after a
restart or a slow moment is answered "query is too old and response timeout expired or query ID is
invalid". The answer only stops the button's spinner (or shows a notice), so the edit the press asked
for must happen anyway.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery
from telegram.error import BadRequest

logger = logging.getLogger(__name__)


async def answer_callback(query: CallbackQuery, text: str | None = None, *, show_alert: bool = False) -> bool:
    """answerCallbackQuery, best effort: False (logged, not raised) when Telegram refuses it as expired
    or invalid; every other error is raised as usual."""
    try:
        await query.answer(text, show_alert=show_alert)
    except BadRequest as error:
        if "query is too old" not in error.message.lower() and "query id is invalid" not in error.message.lower():
            raise
        logger.info("按钮回调已过期（%s），照常处理", error.message)
        return False
    return True
