"""A local stand-in for the Telegram Bot API, for end-to-end tests and the console demo.

It serves the documented HTTP interface (https://core.telegram.org/bots/api) on 127.0.0.1 so that the
real, unmodified python-telegram-bot ``Application`` can use it via ``base_url``/``base_file_url``.
Answers have the public shape ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N,
"description": "..."}`` (plus ``"parameters": {"retry_after": N}`` for 429). Only documented methods
and fields are produced, and documented rules (HTML markup, text lengths, answering a query once) are
enforced strictly. Simplifications: updates are delivered only through getUpdates (a webhook URL is
stored, never called); any integer chat_id is accepted (unknown positive ids are private chats, negative
ones groups); text the bot sends is not scanned for URLs or mentions; Markdown parse modes are passed
through unparsed. Nothing here contacts the internet.

Scriptable conditions beyond one-off failures (``fail_next``): the documented flood limits
(``enforce_limits``: 30 messages per second overall, 20 per minute per group, answered with 429 and
``retry_after``), a user who blocked the bot or a group that removed it (``block_chat``: 403), and a group
upgraded to a supergroup (``migrate_chat``: 400 with ``migrate_to_chat_id`` plus the service messages),
forum supergroups with topics (``open_topic``; messages carry ``message_thread_id`` and ``is_topic_message``,
a send to an unknown topic is "message thread not found", a reply without ``message_thread_id`` lands in the
topic of the message it replies to), a message deleted before the bot replies to it (``delete_message``:
"message to be replied not found" unless ``allow_sending_without_reply``) and a button pressed after its
callback query expired (``send_callback_query(expired=True)``: answerCallbackQuery answers "query is too
old").

Transport faults for hardening tests: a connection closed without any HTTP answer (``drop_next``), a
malformed HTTP answer (``garble_next``: ``HTTZ/1.1 200 OK``), a call
held open past the client's timeout (``hang_next``), and the whole server gone from its port for a while
(``go_away`` / ``come_back``: connections refused, then served again on the same port with every pending
update and chat kept). ``faults`` counts everything injected, by kind.

Tests drive it in-process through :class:`BotApiStandIn`; another process can use the JSON control
API under ``/control/``; ``python -m bot.standin --port 8081`` runs it standalone.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import copy
import html
import json
import logging
import math
import mimetypes
import re
import secrets
import struct
import time
from collections import Counter, deque
from typing import Any, Callable

from aiohttp import web

log = logging.getLogger(__name__)

ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}
NOT_DEFAULT_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}  # only when asked for
CHAT_ACTIONS = {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
                "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
STATUS_TEXT = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden: bot was blocked by the user",
               404: "Not Found", 409: "Conflict", 500: "Internal Server Error", 502: "Bad Gateway"}
MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"
BLOCKED_BY_USER = "Forbidden: bot was blocked by the user"
KICKED_FROM_GROUP = "Forbidden: bot was kicked from the supergroup chat"
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
THREAD_NOT_FOUND = "Bad Request: message thread not found"
REPLY_NOT_FOUND = "Bad Request: message to be replied not found"
NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message")
MALFORMED_RESPONSE = b"HTTZ/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
ADMIN_RIGHTS = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories")

# Form-encoded and multipart requests carry every value as a string; these fields get decoded.
_JSON_FIELDS = {"reply_markup", "reply_parameters", "entities", "caption_entities", "commands", "scope",
                "results", "allowed_updates", "link_preview_options", "button", "menu_button", "media"}
_INT_FIELDS = {"chat_id", "message_id", "user_id", "offset", "limit", "timeout", "reply_to_message_id",
               "cache_time", "message_thread_id", "max_connections", "from_chat_id"}
_BOOL_FIELDS = {"show_alert", "disable_notification", "drop_pending_updates", "is_personal", "protect_content",
                "allow_sending_without_reply", "disable_web_page_preview", "has_spoiler", "allow_paid_broadcast"}

_HTML_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
              "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
              "a": "text_link", "code": "code", "pre": "pre", "tg-spoiler": "spoiler", "span": "spoiler",
              "blockquote": "blockquote"}
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>")
_ATTR_RE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|(lt|gt|amp|quot));")
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_/@])")
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])")


class ApiError(Exception):
    """An error answer: ``error_code`` and ``description`` as Telegram sends them."""

    def __init__(self, code: int, description: str, retry_after: int | None = None, *,
                 migrate_to_chat_id: int | None = None):
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def payload(self) -> dict:
        """The documented error body; ``parameters`` (ResponseParameters) only when there is one."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        parameters = {k: v for k, v in (("migrate_to_chat_id", self.migrate_to_chat_id),
                                        ("retry_after", self.retry_after)) if v is not None}
        if parameters:
            body["parameters"] = parameters
        return body


def u16len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> tuple[str, list[dict]]:
    """Parse Telegram HTML into plain text and MessageEntity dicts; raise ApiError(400) if it is malformed."""
    def fail(reason: str, index: int | None = None) -> ApiError:
        where = f" at byte offset {len(text[:index].encode())}" if index is not None else ""
        return ApiError(400, f"Bad Request: can't parse entities: {reason}{where}")

    out: list[str] = []
    stack: list[tuple[str, dict | None, int]] = []  # open tags: name, entity (None: no entity), start
    entities: list[dict] = []
    pos16 = i = 0
    while i < len(text):
        if text[i] == "<":
            m = _TAG_RE.match(text, i)
            if not m:
                raise fail("Unsupported start tag" if ">" in text[i:] else "Unclosed start tag", i)
            name, i = m[2].lower(), m.end()
            if m[1]:  # end tag
                if not stack or stack[-1][0] != name:
                    raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"' if stack
                               else f'Unexpected end tag "{name}"', m.start())
                _, entity, start = stack.pop()
                if entity is not None and pos16 > start:
                    entities.append({**entity, "offset": start, "length": pos16 - start})
                continue
            if name not in _HTML_TAGS:
                raise fail(f'Unsupported start tag "{name}"', m.start())
            attrs = {a[1].lower(): html.unescape(a[2] or a[3] or a[4] or "") for a in _ATTR_RE.finditer(m[3])}
            opened = [s[0] for s in stack]
            if {"pre", "code"} & set(opened) and not (name == "code" and opened[-1] == "pre"):
                raise fail(f'Entities can\'t be nested in "{opened[-1]}"', m.start())
            if name == "blockquote" and "blockquote" in opened:
                raise fail("Blockquote entities can't be nested", m.start())
            if name == "span" and attrs.get("class") != "tg-spoiler":
                raise fail('Tag "span" must have class "tg-spoiler"', m.start())
            entity: dict | None = {"type": _HTML_TAGS[name]}
            if name == "a":
                entity = {"type": "text_link", "url": attrs["href"]} if attrs.get("href") else None
            elif name == "blockquote" and "expandable" in attrs:
                entity = {"type": "expandable_blockquote"}
            elif name == "code" and opened and opened[-1] == "pre":
                if attrs.get("class", "").startswith("language-") and stack[-1][1] is not None:
                    stack[-1][1]["language"] = attrs["class"][len("language-"):]
                entity = None
            stack.append((name, entity, pos16))
            continue
        if text[i] == "&":
            m = _ENTITY_RE.match(text, i)
            if not m:
                raise fail('Character "&" must be escaped as "&amp;"', i)
            piece, i = html.unescape(m[0]), m.end()
        elif text[i] == ">":
            raise fail('Character ">" must be escaped as "&gt;"', i)
        else:
            piece, i = text[i], i + 1
        out.append(piece)
        pos16 += u16len(piece)
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _strip(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Trim surrounding whitespace like Telegram does, clipping entity ranges accordingly."""
    stripped = text.strip()
    lead = u16len(text[:len(text) - len(text.lstrip())])
    end, result = lead + u16len(stripped), []
    for entity in entities:
        start, stop = max(entity["offset"], lead), min(entity["offset"] + entity["length"], end)
        if stop > start:
            result.append({**entity, "offset": start - lead, "length": stop - start})
    return stripped, result


def image_size(content: bytes | None) -> tuple[int, int] | None:
    """(width, height) of PNG, GIF, JPEG or WebP bytes, read from the header; None if not recognised."""
    data = content or b""
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", data[6:10])
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            chunk = data[12:16]
            if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
                width, height = struct.unpack("<HH", data[26:30])
                return width & 0x3FFF, height & 0x3FFF
            if chunk == b"VP8L" and data[20:21] == b"\x2f":
                bits = int.from_bytes(data[21:25], "little")
                return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            if chunk == b"VP8X":
                return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
            return None
        if data[:2] == b"\xff\xd8":  # JPEG: walk the segments up to a start-of-frame marker
            i = 2
            while i + 9 <= len(data):
                if data[i] != 0xFF:
                    return None
                marker = data[i + 1]
                if marker == 0xFF:  # fill byte
                    i += 1
                    continue
                if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length field
                    i += 2
                    continue
                if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                    height, width = struct.unpack(">HH", data[i + 5:i + 9])
                    return width, height
                i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    except (struct.error, IndexError):
        return None
    return None


def auto_entities(text: str) -> list[dict]:
    """The bot_command and mention entities Telegram adds to text a user sends."""
    commands = list(_COMMAND_RE.finditer(text))
    mentions = [m for m in _MENTION_RE.finditer(text) if not any(c.start() <= m.start() < c.end() for c in commands)]
    return sorted(({"type": kind, "offset": u16len(text[:m.start()]), "length": u16len(m[0])}
                   for kind, found in (("bot_command", commands), ("mention", mentions)) for m in found),
                  key=lambda e: e["offset"])


class BotApiStandIn:
    """An in-memory Bot API server: inject updates, inspect what the bot sent, script failures."""

    def __init__(self, token: str = "123456:TEST-token", bot_username: str = "SzTargetsBot",
                 bot_id: int | None = None, *, first_name: str = "苏州目标助手", port: int = 0):
        self.token, self.bot_username, self.port = token, bot_username, port
        self.bot_id = bot_id if bot_id is not None else int(token.split(":", 1)[0])
        self.bot_user = {"id": self.bot_id, "is_bot": True, "first_name": first_name, "username": bot_username}
        self.delay = 0.0
        self.requests: list[dict] = []
        self.inline_answers: list[dict] = []
        self.callback_answers: list[dict] = []
        self._commands: dict[str, list] = {}
        self._updates: list[dict] = []
        self._update_id = 0
        self._message_ids: dict[int, int] = {}  # last message id per chat
        self._messages: dict[tuple[int, int], dict] = {}  # (chat_id, message_id) -> Message, both directions
        self._sent: list[tuple[int, int]] = []
        self._chats: dict[int, dict] = {}
        self._users: dict[int, dict] = {}
        self._admins: dict[int, list[int]] = {}
        self._topics: dict[int, dict[int, str]] = {}  # forum chat id -> {message_thread_id: topic name}
        self._files: dict[str, dict] = {}
        self._pending_queries: set[str] = set()
        self._failures: list[list] = []
        self.clock: Callable[[], float] = time.monotonic  # the flood limits' time source; tests may replace it
        self.limit_refusals = 0  # calls refused with 429 by enforce_limits (not fail_next)
        self._per_second: float | None = None
        self._per_group_per_minute: int | None = None
        self._sends: deque[float] = deque()  # clock() of successful send* calls, for the 1-second window
        self._group_sends: dict[int, deque[float]] = {}  # per group chat, for the 60-second window
        self._blocked: dict[int, str] = {}  # chat_id -> 403 description
        self._migrated: dict[int, int] = {}  # old group id -> supergroup id
        self._webhook_url = ""
        self._allowed_updates: set[str] | None = None
        self._poll_generation = 0
        self._closing = False
        self._changed = asyncio.Event()  # replaced after every set(): waiters capture the current one
        self.faults: Counter[str] = Counter()  # injected faults by kind: "429", "500", "drop", "hang", "outage"
        self.outages: list[dict] = []  # {"start": t, "end": t or None}, time.monotonic() of go_away/come_back
        self._disruptions: list[list] = []  # [method or None, kind, count, seconds, processed]
        self._release = asyncio.Event()  # set to end every hung call at once (stop, go_away)
        self._return_task: asyncio.Task | None = None
        self._runner: web.AppRunner | None = None
        self._methods = {name[4:].lower(): (name[4:], getattr(self, name)) for name in dir(self)
                         if name.startswith("api_")}
        for name in ("setChatMenuButton", "close", "logOut"):
            self._methods[name.lower()] = (name, self._always_true)

    async def start(self) -> None:
        """Bind 127.0.0.1 (on a free port unless ``port`` was given) and start serving."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        app.router.add_route("*", "/control/{op}", self._handle_control)
        self._closing = False
        self._release = asyncio.Event()
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Release waiting long polls and shut the server down."""
        self._closing = True
        self._notify()
        self._release.set()
        if self._return_task is not None:
            self._return_task.cancel()
            self._return_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def go_away(self, seconds: float | None = None) -> None:
        """Disappear from the network: close every open connection and stop listening on the port.

        Clients then get "connection refused". All state stays (updates injected meanwhile are queued as
        if users kept writing). With ``seconds`` the server comes back by itself after that long;
        otherwise call ``come_back``. Returns as soon as the port is closed.
        """
        if self._runner is None:
            raise RuntimeError("the stand-in is not serving")
        self.faults["outage"] += 1
        self.outages.append({"start": time.monotonic(), "end": None})
        self._closing = True  # long polls return at once (to connections about to be closed)
        self._notify()
        self._release.set()
        for handler in list(self._runner.server.connections):
            if handler.transport is not None:
                handler.transport.abort()
        await self._runner.cleanup()
        self._runner = None
        if seconds is not None:
            self._return_task = asyncio.create_task(self._come_back_after(seconds))

    async def _come_back_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        self._return_task = None
        await self.come_back()

    async def come_back(self) -> None:
        """Listen again on the same port after ``go_away``, with the same state; a no-op when serving."""
        if self._return_task is not None and self._return_task is not asyncio.current_task():
            self._return_task.cancel()
            self._return_task = None
        if self._runner is not None:
            return
        await self.start()
        if self.outages and self.outages[-1]["end"] is None:
            self.outages[-1]["end"] = time.monotonic()
        self._notify()

    @property
    def serving(self) -> bool:
        """False between ``go_away`` and ``come_back`` (and before ``start``/after ``stop``)."""
        return self._runner is not None

    @property
    def faults_injected(self) -> int:
        """How many faults were injected in all: fail_next answers, drops, hangs and outages."""
        return sum(self.faults.values())

    @property
    def base_url(self) -> str:
        """PTB's ``base_url`` (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ---- injecting updates -----------------------------------------------------------------

    def send_user_message(self, chat_id: int, text: str, *, user_id: int = 1001, first_name: str = "张三",
                          username: str | None = None, chat_type: str = "private", chat_title: str | None = None,
                          reply_to_message_id: int | None = None, edited: bool = False,
                          forward_from_id: int | None = None, sender_chat: dict | int | None = None,
                          via_anonymous_admin: bool = False, message_id: int | None = None,
                          message_thread_id: int | None = None) -> dict:
        """Queue a ``message`` (or ``edited_message``) update from a user and return the Message.

        With ``edited=True`` the message edited is ``message_id`` or else the user's latest message in
        the chat. ``sender_chat`` (a Chat dict or a channel id) posts on behalf of that chat.
        ``message_thread_id`` posts in that topic of a forum (see ``open_topic``); as in Telegram, a
        topic message that replies to nothing carries the topic's creation message as ``reply_to_message``.
        """
        user = self._user(user_id, first_name, username)
        if message_thread_id is not None and message_thread_id not in self._topics.get(chat_id, {}):
            raise ValueError(f"no topic {message_thread_id} in chat {chat_id}; open it with open_topic")
        chat = self._chat_for(chat_id, chat_type, chat_title, user)
        if edited and message_id is None:
            message_id = next((m for c, m in reversed(list(self._messages)) if c == chat_id
                               and self._messages[(c, m)].get("from", {}).get("id") == user_id), None)
        msg = self._new_message(chat_id, user, chat, message_id)
        if edited:
            msg["date"] = self._messages.get((chat_id, msg["message_id"]), msg)["date"]
            msg["edit_date"] = int(time.time())
        msg["text"] = text
        if entities := auto_entities(text):
            msg["entities"] = entities
        if via_anonymous_admin:
            if chat["type"] not in ("group", "supergroup"):
                raise ValueError("via_anonymous_admin needs a group or supergroup chat")
            msg["from"], msg["sender_chat"] = dict(ANONYMOUS_ADMIN), dict(chat)
        elif sender_chat is not None:
            if isinstance(sender_chat, int):
                sender_chat = {"id": sender_chat, "type": "channel", "title": f"Channel {sender_chat}"}
            msg["from"], msg["sender_chat"] = dict(CHANNEL_BOT), dict(sender_chat)
        if forward_from_id is not None:
            msg["forward_origin"] = {"type": "user", "date": msg["date"] - 60,
                                     "sender_user": self._user(forward_from_id)}
        if message_thread_id is not None:
            msg["message_thread_id"], msg["is_topic_message"] = message_thread_id, True
            if reply_to_message_id is None and (chat_id, message_thread_id) in self._messages:
                reply_to_message_id = message_thread_id
        if reply_to_message_id is not None:
            msg["reply_to_message"] = self._replied(chat_id, reply_to_message_id)
        return self._inject("edited_message" if edited else "message", msg)

    def open_topic(self, chat_id: int, name: str, *, user_id: int = 1001, chat_title: str | None = None) -> int:
        """Make ``chat_id`` a forum supergroup (``is_forum``) and open a topic in it, as a user does.

        Queues the ``forum_topic_created`` service message and returns the topic's ``message_thread_id``
        (the id of that message). Messages without a thread id are in the General topic.
        """
        user = self._user(user_id)
        chat = self._chat_for(chat_id, "supergroup", chat_title, user)
        self._chats[chat_id]["is_forum"] = chat["is_forum"] = True
        msg = self._new_message(chat_id, user, chat)
        thread_id = msg["message_id"]
        msg.update({"message_thread_id": thread_id, "is_topic_message": True,
                    "forum_topic_created": {"name": name, "icon_color": 7322096}})
        self._topics.setdefault(chat_id, {})[thread_id] = name
        self._inject("message", msg)
        return thread_id

    def delete_message(self, chat_id: int, message_id: int) -> None:
        """Delete a message as a user, an admin or a command-cleaner bot would: replying to it then fails."""
        if self._messages.pop((chat_id, message_id), None) is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        if (chat_id, message_id) in self._sent:
            self._sent.remove((chat_id, message_id))

    def send_callback_query(self, chat_id: int, message_id: int, data: str, *, user_id: int = 1001,
                            expired: bool = False) -> dict:
        """Queue a ``callback_query`` (a button press on a stored message) and return it.

        ``expired=True``: the query is already too old when the bot sees it (a restart, a slow moment), so
        answerCallbackQuery answers 400 "query is too old and response timeout expired or query ID is
        invalid"; the message can still be edited.
        """
        if (chat_id, message_id) not in self._messages:
            raise ValueError(f"no message {message_id} in chat {chat_id}; the bot sent {self._sent}")
        query_id = self._query_id()
        if expired:
            self._pending_queries.discard(query_id)
        return self._inject("callback_query", {
            "id": query_id, "from": self._user(user_id), "message": self._messages[(chat_id, message_id)],
            "chat_instance": str(abs(hash(("chat", chat_id))) % 10**18), "data": data})

    def send_inline_query(self, query: str, *, user_id: int = 1001) -> dict:
        """Queue an ``inline_query`` and return it."""
        return self._inject("inline_query", {"id": self._query_id(), "from": self._user(user_id),
                                             "query": query, "offset": ""})

    def send_document(self, chat_id: int, filename: str, content: bytes, *, mime_type: str | None = None,
                      caption: str | None = None, user_id: int = 1001, chat_type: str = "private") -> dict:
        """Queue a message with a document; the file becomes downloadable via getFile and /file/."""
        user = self._user(user_id)
        msg = self._new_message(chat_id, user, self._chat_for(chat_id, chat_type, None, user))
        msg["document"] = self._document(self._store_file("documents", filename, content, mime_type))
        if caption:
            msg["caption"] = caption
            if entities := auto_entities(caption):
                msg["caption_entities"] = entities
        return self._inject("message", msg)

    def set_chat_admins(self, chat_id: int, user_ids: list[int]) -> None:
        """Configure a group's administrators; the first one is its creator."""
        self._admins[chat_id] = list(user_ids)

    def fail_next(self, method: str | None, status: int, count: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``count`` calls of ``method`` (None: any but getUpdates) with an error."""
        self._failures.append([method.lower() if method else None, status, count, retry_after])

    def drop_next(self, method: str | None = None, count: int = 1, *, processed: bool = False) -> None:
        """Close the connection of the next ``count`` calls of ``method`` (None: any but getUpdates) without
        any HTTP answer; the client sees "server disconnected".

        By default the call is lost before it takes effect (nothing is sent, no update is confirmed). With
        ``processed=True`` it takes effect and only the answer is lost, as when a connection breaks on the
        way back.
        """
        self._disruptions.append([method.lower() if method else None, "drop", count, 0.0, processed])

    def hang_next(self, method: str | None = None, count: int = 1, seconds: float = 30.0, *,
                  processed: bool = False) -> None:
        """Hold the next ``count`` calls of ``method`` (None: any but getUpdates) open for ``seconds`` without
        answering, then close the connection; meant to outlast the client's read timeout.

        As with ``drop_next``, the call takes no effect unless ``processed=True``. ``stop`` and ``go_away``
        end hung calls early.
        """
        self._disruptions.append([method.lower() if method else None, "hang", count, float(seconds), processed])

    def garble_next(self, method: str | None = None, count: int = 1, *, processed: bool = False) -> None:
        """Answer the next ``count`` calls of ``method`` (None: any but getUpdates) with a malformed HTTP
        response (``HTTZ/1.1 200 OK``, as a broken proxy, a captive portal or a misbehaving self-hosted
        server may send), then close the connection. As with ``drop_next``, the call takes no effect
        unless ``processed=True``."""
        self._disruptions.append([method.lower() if method else None, "garble", count, 0.0, processed])

    def enforce_limits(self, per_second: float | None = 30, per_group_per_minute: int | None = 20) -> None:
        """Apply Telegram's documented flood limits to message-sending calls (``send*`` but sendChatAction).

        At most ``per_second`` successful sends in any 1-second window across all chats (a fraction below
        1 means one per ``1/per_second`` seconds) and at most ``per_group_per_minute`` in any 60-second
        window per group chat (negative chat_id). A call over a limit is not delivered; it is answered
        ``429 "Too Many Requests: retry after N"`` with ``parameters.retry_after`` N, the whole seconds
        (rounded up, at least 1) until a slot frees, and counted in ``limit_refusals``. ``None`` turns a
        limit off; off by default. Counting starts afresh with every call; time comes from ``self.clock``.
        """
        if per_second is not None and not per_second > 0:
            raise ValueError("per_second must be positive or None")
        if per_group_per_minute is not None and (int(per_group_per_minute) != per_group_per_minute
                                                 or per_group_per_minute < 1):
            raise ValueError("per_group_per_minute must be a positive integer or None")
        self._per_second = float(per_second) if per_second is not None else None
        self._per_group_per_minute = int(per_group_per_minute) if per_group_per_minute is not None else None
        self._sends.clear()
        self._group_sends.clear()

    def block_chat(self, chat_id: int, description: str | None = None) -> None:
        """From now on answer every call targeting ``chat_id`` with 403 ``description``.

        The default is "Forbidden: bot was blocked by the user", or for a group (chat_id < 0) "Forbidden:
        bot was kicked from the supergroup chat".
        """
        self._blocked[int(chat_id)] = description or (KICKED_FROM_GROUP if int(chat_id) < 0 else BLOCKED_BY_USER)

    def unblock_chat(self, chat_id: int) -> None:
        """Undo ``block_chat``."""
        self._blocked.pop(int(chat_id), None)

    def migrate_chat(self, old_chat_id: int, new_chat_id: int, *, user_id: int | None = None) -> tuple[dict, dict]:
        """Upgrade group ``old_chat_id`` to supergroup ``new_chat_id``, as Telegram does.

        Calls targeting the old id are answered 400 "Bad Request: group chat was upgraded to a supergroup
        chat" with ``parameters.migrate_to_chat_id``. Two ``message`` updates are queued: in the old group
        one with ``migrate_to_chat_id`` and in the new supergroup one with ``migrate_from_chat_id``, both from
        ``user_id`` (default: the group's creator per ``set_chat_admins``, else user 1001). Returns them.
        """
        old_chat_id, new_chat_id = int(old_chat_id), int(new_chat_id)
        if old_chat_id >= 0 or new_chat_id >= 0 or old_chat_id == new_chat_id:
            raise ValueError("both chat ids must be negative (group ids) and differ")
        if user_id is None:
            user_id = (self._admins.get(old_chat_id) or [1001])[0]
        user = self._user(user_id)
        title = self._chats.get(old_chat_id, {}).get("title") or f"Group {old_chat_id}"
        old_chat = self._chat_for(old_chat_id, "group", title, user)
        new_chat = self._chat_for(new_chat_id, "supergroup", title, user)
        if old_chat_id in self._admins:
            self._admins.setdefault(new_chat_id, list(self._admins[old_chat_id]))
        self._migrated[old_chat_id] = new_chat_id
        to_message = self._new_message(old_chat_id, user, old_chat)
        to_message["migrate_to_chat_id"] = new_chat_id
        from_message = self._new_message(new_chat_id, user, new_chat)
        from_message["migrate_from_chat_id"] = old_chat_id
        return self._inject("message", to_message), self._inject("message", from_message)

    # ---- inspecting ------------------------------------------------------------------------

    def sent_messages(self, chat_id: int | None = None) -> list[dict]:
        """Messages the bot sent, in order and with later edits applied, optionally only in ``chat_id``."""
        return [copy.deepcopy(self._messages[key]) for key in self._sent if chat_id is None or key[0] == chat_id]

    @property
    def files(self) -> dict[str, bytes | None]:
        """The bytes of every file by file_id: uploaded by the bot (sendPhoto/sendDocument) or injected.

        For a photo, use the ``file_id`` of a size in the message's ``photo`` array. None for a file given
        only as an HTTP URL (never fetched).
        """
        return {file_id: record["content"] for file_id, record in self._files.items()}

    @property
    def commands(self) -> dict[str, list]:
        """Commands set via setMyCommands, keyed ``type[:chat_id][:user_id][|language_code]``."""
        return copy.deepcopy(self._commands)

    async def wait_for_sent(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[dict]:
        """Wait until the bot has sent at least ``count`` messages to ``chat_id``; return them all."""
        deadline = asyncio.get_running_loop().time() + timeout
        while len(sent := self.sent_messages(chat_id)) < count:
            event, remaining = self._changed, deadline - asyncio.get_running_loop().time()
            try:
                if remaining <= 0:
                    raise TimeoutError
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                calls = [f"{r['method']}→{r['status']}" for r in self.requests[-10:]]
                texts = [m.get("text", m.get("caption")) for m in sent]
                raise TimeoutError(f"expected {count} message(s) sent to chat {chat_id} within {timeout}s, "
                                   f"got {len(sent)}: {texts}; last bot calls: {calls}") from None
        return sent

    # ---- internals -------------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _inject(self, kind: str, payload: dict) -> dict:
        if "message_id" in payload:
            self._store(payload)
        self._update_id += 1
        self._updates.append({"update_id": self._update_id, kind: copy.deepcopy(payload)})
        self._notify()
        return copy.deepcopy(payload)

    def _query_id(self) -> str:
        query_id = str(secrets.randbits(62))
        self._pending_queries.add(query_id)
        return query_id

    def _user(self, user_id: int, first_name: str | None = None, username: str | None = None) -> dict:
        if user_id == self.bot_id:
            return dict(self.bot_user)
        user = self._users.setdefault(user_id, {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"})
        user.update({k: v for k, v in (("first_name", first_name), ("username", username)) if v})
        return dict(user)

    def _chat_for(self, chat_id: int, chat_type: str, title: str | None, user: dict) -> dict:
        if chat_type == "private":
            chat = {"id": chat_id, "type": "private", **{k: user[k] for k in ("first_name", "username") if k in user}}
        elif chat_type in ("group", "supergroup"):
            title = title or self._chats.get(chat_id, {}).get("title") or f"Group {chat_id}"
            chat = {"id": chat_id, "type": chat_type, "title": title}
            if chat_type == "supergroup" and self._chats.get(chat_id, {}).get("is_forum"):
                chat["is_forum"] = True
        else:
            raise ValueError(f"unsupported chat_type {chat_type!r}")
        self._chats[chat_id] = chat
        return dict(chat)

    def _chat(self, chat_id: Any) -> dict:
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self._chats:
            return dict(self._chats[chat_id])
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": self._user(chat_id)["first_name"]}
        return {"id": chat_id, "type": "supergroup" if chat_id <= -10**12 else "group", "title": f"Group {chat_id}"}

    def _new_message(self, chat_id: int, sender: dict, chat: dict, message_id: int | None = None) -> dict:
        message_id = message_id or self._message_ids.get(chat_id, 0) + 1
        return {"message_id": message_id, "from": sender, "chat": chat, "date": int(time.time())}

    def _store(self, msg: dict) -> tuple[int, int]:
        key = (msg["chat"]["id"], msg["message_id"])
        self._messages[key] = msg
        self._message_ids[key[0]] = max(key[1], self._message_ids.get(key[0], 0))
        return key

    def _replied(self, chat_id: int, message_id: int) -> dict:
        if (chat_id, message_id) not in self._messages:
            raise ValueError(f"no message {message_id} in chat {chat_id} to reply to")
        embedded = copy.deepcopy(self._messages[(chat_id, message_id)])
        embedded.pop("reply_to_message", None)  # documented: no further nesting
        return embedded

    def _store_file(self, folder: str, filename: str | None, content: bytes | None, mime: str | None) -> dict:
        n = len(self._files) + 1
        ext = filename.rpartition(".")[2] if filename and "." in filename else "jpg" if folder == "photos" else "bin"
        record = {"file_id": f"{'AgAC' if folder == 'photos' else 'BQAC'}{n:04d}{secrets.token_urlsafe(12)}",
                  "file_unique_id": f"AQAD{n:04d}", "file_path": f"{folder}/file_{n}.{ext}", "file_name": filename,
                  "mime_type": mime or mimetypes.guess_type(filename or "")[0] or "application/octet-stream",
                  "content": content, **({"file_size": len(content)} if content is not None else {})}
        self._files[record["file_id"]] = record
        return record

    @staticmethod
    def _document(record: dict) -> dict:
        return {k: record[k] for k in ("file_id", "file_unique_id", "file_name", "mime_type", "file_size")
                if record.get(k) is not None}

    def _check_target(self, p: dict) -> None:
        """403 for a blocked chat, 400 with migrate_to_chat_id for an upgraded group."""
        chat_id = p.get("chat_id")
        if not isinstance(chat_id, int):
            return
        if chat_id in self._blocked:
            raise ApiError(403, self._blocked[chat_id])
        if chat_id in self._migrated:
            raise ApiError(400, MIGRATED, migrate_to_chat_id=self._migrated[chat_id])

    @staticmethod
    def _is_send(method: str) -> bool:
        return method.lower().startswith("send") and method.lower() != "sendchataction"

    def _limit_windows(self, p: dict) -> list[tuple[deque, int, float]]:
        """(timestamps, capacity, window seconds) of every limit that applies to a send to ``p["chat_id"]``."""
        windows = []
        if self._per_second is not None:
            rate = self._per_second
            windows.append((self._sends, int(rate), 1.0) if rate >= 1 else (self._sends, 1, 1.0 / rate))
        chat_id = p.get("chat_id")
        if self._per_group_per_minute is not None and isinstance(chat_id, int) and chat_id < 0:
            windows.append((self._group_sends.setdefault(chat_id, deque()), self._per_group_per_minute, 60.0))
        return windows

    def _check_limits(self, p: dict) -> None:
        """Refuse a send over a flood limit with 429 and the whole seconds until a slot frees."""
        now, wait = self.clock(), 0.0
        for stamps, capacity, window in self._limit_windows(p):
            while stamps and stamps[0] <= now - window:
                stamps.popleft()
            if len(stamps) >= capacity:
                wait = max(wait, stamps[len(stamps) - capacity] + window - now)
        if wait > 0:
            self.limit_refusals += 1
            retry_after = max(1, math.ceil(wait - 1e-9))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    def _count_send(self, p: dict) -> None:
        now = self.clock()
        for stamps, _, _ in self._limit_windows(p):
            stamps.append(now)

    def _take_failure(self, method: str) -> ApiError | None:
        for failure in self._failures:
            target, status, _, retry_after = failure
            if target == method.lower() or (target is None and method != "getUpdates"):
                failure[2] -= 1
                if failure[2] <= 0:
                    self._failures.remove(failure)
                self.faults[str(status)] += 1
                if status == 429:
                    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
                return ApiError(status, STATUS_TEXT.get(status, f"Error {status}"))
        return None

    def _take_disruption(self, method: str) -> list | None:
        for disruption in self._disruptions:
            target = disruption[0]
            if target == method.lower() or (target is None and method != "getUpdates"):
                disruption[2] -= 1
                if disruption[2] <= 0:
                    self._disruptions.remove(disruption)
                self.faults[disruption[1]] += 1
                return disruption
        return None

    async def _disrupt(self, request: web.Request, record: dict, disruption: list) -> web.Response:
        """Answer nothing: hang first if asked, then close the connection under the client."""
        _, kind, _, seconds, processed = disruption
        record["fault"] = kind
        if not processed:
            record["status"] = None  # never reached the API
        self._notify()
        if kind == "hang":
            release = self._release
            try:
                await asyncio.wait_for(release.wait(), seconds)
            except TimeoutError:
                pass
        if request.transport is not None:
            if kind == "garble":
                request.transport.write(MALFORMED_RESPONSE)
            request.transport.close()
        return web.Response(status=200)  # written to a closed connection: the client gets no answer

    # ---- HTTP ------------------------------------------------------------------------------

    @staticmethod
    def _json(body: dict, status: int = 200) -> web.Response:
        return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))

    @staticmethod
    async def _read_params(request: web.Request) -> tuple[dict, dict[str, tuple[str, str | None, bytes]]]:
        """Query string plus a JSON, form-encoded or multipart body; files as (filename, mime, bytes)."""
        params: dict[str, Any] = dict(request.query)
        files = {}
        if request.method == "POST" and request.body_exists:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    body = None
                if not isinstance(body, dict):
                    raise ApiError(400, "Bad Request: can't parse JSON object")
                params.update(body)
            else:
                for key, value in (await request.post()).items():
                    if isinstance(value, web.FileField):
                        files[key] = (value.filename, value.content_type, value.file.read())
                    else:
                        params[key] = value
        for key, value in params.items():
            if not isinstance(value, str):
                continue
            if key in _JSON_FIELDS:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
            elif key in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
                params[key] = int(value)
            elif key in _BOOL_FIELDS:
                params[key] = value.lower() in ("true", "1")
        return params, files

    async def _handle_api(self, request: web.Request) -> web.Response:
        entry = self._methods.get(request.match_info["method"].lower())
        disruption = None
        record = {"method": entry[0] if entry else request.match_info["method"], "params": {},
                  "at": time.time(), "status": 200}
        self.requests.append(record)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            if entry is None:
                raise ApiError(404, "Not Found: method not found")
            params, files = await self._read_params(request)
            record["params"] = {**params, **{k: {"filename": f[0], "size": len(f[2])} for k, f in files.items()}}
            if (disruption := self._take_disruption(entry[0])) is not None and not disruption[4]:
                return await self._disrupt(request, record, disruption)
            if failure := self._take_failure(entry[0]):
                raise failure
            self._check_target(params)
            limited = self._is_send(entry[0]) and (self._per_second is not None
                                                    or self._per_group_per_minute is not None)
            if limited:
                self._check_limits(params)
            body, status = {"ok": True, "result": await entry[1](params, files)}, 200
            if limited:
                self._count_send(params)
        except ApiError as err:
            body, status = err.payload(), err.code
        except Exception:  # a stand-in bug must reach the client as a 500, not hang it
            log.exception("stand-in failed on %s", record["method"])
            body, status = ApiError(500, "Internal Server Error").payload(), 500
        record["status"] = status
        self._notify()
        if disruption is not None:  # processed: the call took effect, its answer is lost
            return await self._disrupt(request, record, disruption)
        return self._json(body, status)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._json(ApiError(401, "Unauthorized").payload(), 401)
        record = next((f for f in self._files.values() if f["file_path"] == request.match_info["file_path"]), None)
        if record is None or record["content"] is None:
            return self._json(ApiError(404, "Not Found").payload(), 404)
        return web.Response(body=record["content"], content_type="application/octet-stream")

    # ---- Bot API methods: api_<name>(params, files), looked up case-insensitively ----------

    async def _always_true(self, p: dict, files: dict) -> bool:
        return True

    async def api_getMe(self, p: dict, files: dict) -> dict:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": True, "can_connect_to_business": False, "has_main_web_app": False}

    async def api_getUpdates(self, p: dict, files: dict) -> list:
        if self._webhook_url:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset, limit = p.get("offset"), max(1, min(100, int(p.get("limit") or 100)))
        if "allowed_updates" in p:  # the setting persists, as documented
            self._allowed_updates = set(p["allowed_updates"] or []) or None
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an older long poll is terminated by this one
        if isinstance(offset, int) and offset < 0:
            self._updates = self._updates[offset:]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= int(offset)]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0, int(p.get("timeout") or 0))
        while True:
            allowed = self._allowed_updates
            kinds = [next(k for k in u if k != "update_id") for u in self._updates]
            batch = [u for u, kind in zip(self._updates, kinds)
                     if (kind in allowed if allowed else kind not in NOT_DEFAULT_UPDATES)][:limit]
            event, remaining = self._changed, deadline - loop.time()
            if batch or self._closing or remaining <= 0:
                return copy.deepcopy(batch)
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                return []
            if generation != self._poll_generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; "
                                    "make sure that only one bot instance is running")

    @staticmethod
    def _reply_markup(p: dict) -> dict | None:
        markup = p.get("reply_markup")
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None  # reply keyboards are accepted but, as documented, never echoed in a Message
        for button in (b for row in markup["inline_keyboard"] for b in row):
            if not button.get("text") or len(button) < 2:
                raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
            if "callback_data" in button and not 1 <= len(str(button["callback_data"]).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return {"inline_keyboard": markup["inline_keyboard"]}

    @staticmethod
    def _formatted(p: dict, field: str, limit: int) -> tuple[str, list]:
        """The plain text and entities of ``text``/``caption`` after parsing, checked against ``limit``."""
        text = "" if p.get(field) is None else str(p[field])
        if str(p.get("parse_mode") or "").upper() == "HTML":
            text, entities = parse_html(text)
        else:
            entities = list(p.get("entities" if field == "text" else "caption_entities") or [])
        text, entities = _strip(text, entities)
        if len(text) > limit:
            raise ApiError(400, f"Bad Request: message {'is' if field == 'text' else 'caption is'} too long")
        if field == "text" and not text:
            raise ApiError(400, "Bad Request: message text is empty")
        return text, entities

    def _outgoing(self, p: dict, field: str) -> dict:
        """A new bot Message for a send* call, with its text or caption, reply and inline keyboard."""
        if p.get("chat_id") in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        text, entities = self._formatted(p, field, 4096 if field == "text" else 1024)
        chat = self._chat(p["chat_id"])
        thread_id = p.get("message_thread_id")
        if thread_id is not None and thread_id not in self._topics.get(chat["id"], {}):
            raise ApiError(400, THREAD_NOT_FOUND)
        msg = self._new_message(chat["id"], dict(self.bot_user), chat)
        reply = p.get("reply_parameters") or {}
        reply_id = reply.get("message_id", p.get("reply_to_message_id"))
        if reply_id is not None:
            reply_chat = reply.get("chat_id", chat["id"])
            if (reply_chat, reply_id) in self._messages:
                msg["reply_to_message"] = self._replied(reply_chat, reply_id)
                if thread_id is None and reply_chat == chat["id"]:  # a reply stays in its message's topic
                    thread_id = self._messages[(reply_chat, reply_id)].get("message_thread_id")
            elif not (reply.get("allow_sending_without_reply") or p.get("allow_sending_without_reply")):
                raise ApiError(400, REPLY_NOT_FOUND)
        if thread_id is not None:
            msg["message_thread_id"], msg["is_topic_message"] = thread_id, True
        if text:
            msg[field] = text
        if entities:
            msg["entities" if field == "text" else "caption_entities"] = entities
        if markup := self._reply_markup(p):
            msg["reply_markup"] = markup
        return msg

    def _record_sent(self, msg: dict) -> dict:
        self._sent.append(self._store(msg))
        return copy.deepcopy(msg)

    def _input_file(self, p: dict, files: dict, field: str, folder: str) -> dict:
        value = p.get(field)
        attached = value[len("attach://"):] if isinstance(value, str) and value.startswith("attach://") else field
        if attached in files:
            filename, mime, content = files[attached]
            return self._store_file(folder, filename, content, mime)
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if isinstance(value, str) and re.match(r"https?://", value):
            return self._store_file(folder, value.rsplit("/", 1)[-1] or None, None, None)  # never fetched
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified" if value
                       else f"Bad Request: there is no {field} in the request")

    async def api_sendMessage(self, p: dict, files: dict) -> dict:
        return self._record_sent(self._outgoing(p, "text"))

    async def api_sendPhoto(self, p: dict, files: dict) -> dict:
        msg = self._outgoing(p, "caption")
        record = self._input_file(p, files, "photo", "photos")
        size = {k: record[k] for k in ("file_id", "file_unique_id", "file_size") if k in record}
        width, height = image_size(record["content"]) or (0, 0)  # read from PNG/GIF/JPEG/WebP headers
        msg["photo"] = [{**size, "width": width, "height": height}]  # one size: no thumbnails are made
        return self._record_sent(msg)

    async def api_sendDocument(self, p: dict, files: dict) -> dict:
        msg = self._outgoing(p, "caption")
        msg["document"] = self._document(self._input_file(p, files, "document", "documents"))
        return self._record_sent(msg)

    def _edit(self, p: dict, changes: dict) -> dict | bool:
        """Apply an edit to a bot message; a missing field (e.g. reply_markup) removes it, as in Telegram."""
        if p.get("inline_message_id"):
            return True
        msg = self._messages.get((p.get("chat_id"), p.get("message_id")))
        if msg is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if msg["from"].get("id") != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        if "text" in changes and "text" not in msg:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if all(msg.get(k) == (v or None) for k, v in changes.items()):
            raise ApiError(400, NOT_MODIFIED)
        for key, value in changes.items():
            msg.pop(key, None)
            msg.update({key: value} if value else {})
        msg["edit_date"] = int(time.time())
        return copy.deepcopy(msg)

    async def api_editMessageText(self, p: dict, files: dict) -> dict | bool:
        text, entities = self._formatted(p, "text", 4096)
        return self._edit(p, {"text": text, "entities": entities, "reply_markup": self._reply_markup(p)})

    async def api_editMessageReplyMarkup(self, p: dict, files: dict) -> dict | bool:
        return self._edit(p, {"reply_markup": self._reply_markup(p)})

    def _answer_query(self, p: dict, id_field: str, store: list) -> bool:
        query_id = str(p.get(id_field))
        if query_id not in self._pending_queries:
            raise ApiError(400, QUERY_INVALID)
        self._pending_queries.discard(query_id)
        store.append(dict(p))
        return True

    async def api_answerCallbackQuery(self, p: dict, files: dict) -> bool:
        if len(str(p.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return self._answer_query(p, "callback_query_id", self.callback_answers)

    async def api_answerInlineQuery(self, p: dict, files: dict) -> bool:
        results = p.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH" if results else "Bad Request: results are empty")
        ids = [str(r.get("id", "")) for r in results]
        if any(not r.get("type") or not 1 <= len(i.encode()) <= 64 for r, i in zip(results, ids)):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        if len(set(ids)) != len(ids):
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        return self._answer_query(p, "inline_query_id", self.inline_answers)

    async def api_getFile(self, p: dict, files: dict) -> dict:
        record = self._files.get(str(p.get("file_id")))
        if record is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {k: record[k] for k in ("file_id", "file_unique_id", "file_size", "file_path") if k in record}

    @staticmethod
    def _scope_key(p: dict) -> str:
        scope = p.get("scope") or {"type": "default"}
        key = str(scope.get("type")) + "".join(f":{scope[k]}" for k in ("chat_id", "user_id") if k in scope)
        return key + (f"|{p['language_code']}" if p.get("language_code") else "")

    async def api_setMyCommands(self, p: dict, files: dict) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands are invalid")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[self._scope_key(p)] = [{k: c[k] for k in ("command", "description")} for c in commands]
        return True

    async def api_getMyCommands(self, p: dict, files: dict) -> list:
        return copy.deepcopy(self._commands.get(self._scope_key(p), []))

    async def api_deleteMyCommands(self, p: dict, files: dict) -> bool:
        self._commands.pop(self._scope_key(p), None)
        return True

    async def api_setWebhook(self, p: dict, files: dict) -> bool:
        url = str(p.get("url") or "")
        if url and not url.startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook_url = url
        if p.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def api_deleteWebhook(self, p: dict, files: dict) -> bool:
        return await self.api_setWebhook({"drop_pending_updates": p.get("drop_pending_updates")}, files)

    async def api_getWebhookInfo(self, p: dict, files: dict) -> dict:
        return {"url": self._webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _member(self, chat_id: int, user_id: int) -> dict:
        user, admins = self._user(user_id), self._admins.get(chat_id, [])
        if user_id in admins[:1]:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if user_id in admins:
            return {"status": "administrator", "user": user, "can_be_edited": False, "is_anonymous": False,
                    "can_promote_members": False, **dict.fromkeys(ADMIN_RIGHTS, True)}
        return {"status": "member", "user": user}

    async def api_getChatMember(self, p: dict, files: dict) -> dict:
        chat = self._chat(p.get("chat_id"))
        if not isinstance(p.get("user_id"), int):
            raise ApiError(400, "Bad Request: invalid user_id specified")
        return self._member(chat["id"], p["user_id"])

    async def api_getChatAdministrators(self, p: dict, files: dict) -> list:
        chat = self._chat(p.get("chat_id"))
        if chat["type"] == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        return [self._member(chat["id"], user_id) for user_id in self._admins.get(chat["id"], [])]

    async def api_sendChatAction(self, p: dict, files: dict) -> bool:
        self._chat(p.get("chat_id"))
        if p.get("action") not in CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def api_getChat(self, p: dict, files: dict) -> dict:
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels")
        return {**self._chat(p.get("chat_id")), "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": dict.fromkeys(gifts, False)}

    # ---- control API: JSON for a driver in another process ----------------------------------

    async def _handle_control(self, request: web.Request) -> web.Response:
        """``POST /control/<operation>`` with JSON keyword arguments (query parameters also work)."""
        operations = {"send_user_message": self.send_user_message, "send_callback_query": self.send_callback_query,
                      "send_inline_query": self.send_inline_query, "send_document": self.send_document,
                      "fail_next": self.fail_next, "set_chat_admins": self.set_chat_admins,
                      "enforce_limits": self.enforce_limits, "block_chat": self.block_chat,
                      "unblock_chat": self.unblock_chat, "migrate_chat": self.migrate_chat,
                      "open_topic": self.open_topic, "delete_message": self.delete_message,
                      "limit_refusals": lambda: self.limit_refusals,
                      "drop_next": self.drop_next, "garble_next": self.garble_next, "hang_next": self.hang_next,
                      "faults": lambda: dict(self.faults),
                      "sent": self.sent_messages, "requests": lambda: self.requests,
                      "inline_answers": lambda: self.inline_answers,
                      "callback_answers": lambda: self.callback_answers, "commands": lambda: self.commands}
        operation = operations.get(request.match_info["op"])
        if operation is None:
            return self._json({"ok": False, "description": f"unknown operation; known: {sorted(operations)}"}, 404)
        try:
            args = await request.json() if request.method == "POST" and request.body_exists else {}
            args.update({k: int(v) if re.fullmatch(r"-?\d+", v) else v for k, v in request.query.items()})
            if request.match_info["op"] == "send_document":
                args["content"] = base64.b64decode(args.get("content", ""))  # base64 in JSON
            result = operation(**args)
        except (TypeError, ValueError, KeyError, AttributeError) as err:
            return self._json({"ok": False, "description": str(err)}, 400)
        return self._json({"ok": True, "result": result})


async def run_standin(port: int = 8081, *, token: str = "123456:TEST-token", bot_username: str = "SzTargetsBot",
                      bot_id: int | None = None) -> None:
    """Serve the stand-in on 127.0.0.1:``port`` until cancelled."""
    stand = BotApiStandIn(token=token, bot_username=bot_username, bot_id=bot_id, port=port)
    await stand.start()
    print(f"Bot API stand-in: base_url {stand.base_url}  base_file_url {stand.base_file_url}", flush=True)
    print(f"token {token}; control API at http://127.0.0.1:{stand.port}/control/", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await stand.stop()


def main(argv: list[str] | None = None) -> None:
    """``python -m bot.standin --port 8081``."""
    parser = argparse.ArgumentParser(description="Local stand-in for the Telegram Bot API (127.0.0.1 only).")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST-token")
    parser.add_argument("--bot-username", default="SzTargetsBot")
    args = parser.parse_args(argv)
    try:
        asyncio.run(run_standin(args.port, token=args.token, bot_username=args.bot_username))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
