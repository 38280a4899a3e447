"""What the stand-in holds: the bot, users, chats, messages (both directions), pending updates, files
and queries, and how a test reads what the bot sent."""

from __future__ import annotations

import asyncio
import copy
import json
import mimetypes
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any

from bot.standin.errors import ApiError


class State:
    """The chats, messages, updates and files every other part of the stand-in reads and changes."""

    def __init__(self, token: str, bot_username: str, bot_id: int | None, first_name: str):
        self.token, self.bot_username = token, bot_username
        self.bot_id = bot_id if bot_id is not None else int(token.split(":", 1)[0])
        self.bot_user = {"id": self.bot_id, "is_bot": True, "first_name": first_name, "username": bot_username}
        self.requests: list[dict] = []  # every call the bot made: method, params, at, status (and fault)
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
        self._blocked: dict[int, str] = {}  # chat_id -> 403 description
        self._migrated: dict[int, int] = {}  # old group id -> supergroup id
        self._webhook_url = ""
        self._allowed_updates: set[str] | None = None
        self._poll_generation = 0
        self._closing = False  # stopping or going away: long polls return at once
        self._changed = asyncio.Event()  # replaced after every set(): waiters capture the current one

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

    @property
    def last_update_id(self) -> int:
        """The update_id of the latest update queued (0 before the first)."""
        return self._update_id

    async def changes(self) -> AsyncIterator[None]:
        """Yield at once, then after each change (a call the bot made, an update queued); a change made
        while the caller works between two steps is not missed."""
        while True:
            event = self._changed
            yield
            await event.wait()

    async def wait_for_sent(self, chat_id: int, count: int = 1, timeout: float = 60.0) -> list[dict]:
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

    # ---- internals: the other parts build messages, chats and files with these ----------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    @staticmethod
    def _check_json(value: Any, what: str) -> None:
        """ValueError unless ``value`` can go out as JSON in UTF-8: an update holding a lone surrogate
        (text decoded with surrogateescape, a line cut inside a character) would make every later
        getUpdates fail, so it is refused where it comes in."""
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as err:
            bad = err.object[err.start:err.end].encode("utf-8", "backslashreplace").decode()
            raise ValueError(f"{what} holds a lone surrogate ({bad} at {err.start}), which is not valid "
                             f"UTF-8: Telegram cannot carry it; nothing was queued") from None
        except (TypeError, ValueError) as err:
            raise ValueError(f"{what} cannot be sent as JSON ({err}); nothing was queued") from None

    def _inject(self, kind: str, payload: dict) -> dict:
        self._check_json(payload, f"the {kind}")
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
        self._check_json([first_name, username], "the user's name")
        user = self._users.setdefault(user_id, {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"})
        user.update({k: v for k, v in (("first_name", first_name), ("username", username)) if v})
        return dict(user)

    def _chat_for(self, chat_id: int, chat_type: str, title: str | None, user: dict) -> dict:
        self._check_json(title, "the chat's title")
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
        self._check_json(filename, "the file's name")
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

