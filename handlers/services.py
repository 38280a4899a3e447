"""What the handlers share for the life of the bot: one typed object held as `application.bot_data`.

bot/app.py build_application makes it once (``application.bot_data = BotServices(...)``); handlers
reach it with `services_of(context)` (or `services_of(application)` in jobs), so that every key is a
typed attribute rather than a string. PTB's ``ContextTypes(bot_data=...)`` is not used: it builds
bot_data by calling the class without arguments, and the answerer and owners have no sensible default.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from telegram.ext import Application, CallbackContext
    from telegram.request import BaseRequest

    from handlers.confirm import PendingConfirm
    from handlers.summaries import ChartCache
    from handlers.throttle import Throttle
    from knowledge.answers import Answerer


@dataclass
class BotServices:
    """The bot's services (from configuration, fixed at start) and its in-memory state (lost at restart).

    owner_ids: BOT_ADMIN_IDS; admin_chat_id: BOT_ADMIN_CHAT_ID or None; confirm_minutes: how long a
    preview waits for 确认. http_clients: the two PTB request objects, closed at shutdown.
    """

    answerer: Answerer
    owner_ids: frozenset[int]
    admin_chat_id: int | None
    confirm_minutes: int
    chart_cache: ChartCache
    throttle: Throttle
    http_clients: tuple[BaseRequest, ...] = ()
    # previews waiting for 确认, by token
    pending_edits: dict[str, PendingConfirm] = field(default_factory=dict)
    # new with every start and part of every 确认's callback data: a press on a preview made before
    # a restart is told apart from a double press
    confirm_run_id: str = field(default_factory=lambda: secrets.token_hex(3))
    # (chat_id, thread_id, kind) → (monotonic time before which it is not retried, the pause that led there)
    delivery_retry_at: dict[tuple[int, int, str], tuple[float, float]] = field(default_factory=dict)
    # alert key → monotonic time it was last sent to the admins' chat
    admin_alerts: dict[object, float] = field(default_factory=dict)
    delivery_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    report_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    alert_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # the background task delivering alerts, and whether a check since its round began found more
    alert_task: asyncio.Task | None = None
    alerts_wanted: bool = False
    menus_task: asyncio.Task | None = None
    # group id → its supergroup id, from a migration message or a send that met ChatMigrated: where a
    # delivery to the old id went (bot.sending sends it on to the new one)
    migrated_chats: dict[int, int] = field(default_factory=dict)


def services_of(holder: Union[CallbackContext, Application]) -> BotServices:
    """The BotServices of a handler's context or of the Application (both expose `bot_data`)."""
    return holder.bot_data


def sent_to(holder: Union[CallbackContext, Application], chat_id: int) -> int:
    """The chat a send to `chat_id` arrived in: its supergroup when the group migrated, else itself."""
    return services_of(holder).migrated_chats.get(chat_id, chat_id)
