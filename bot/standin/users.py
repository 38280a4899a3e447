"""What users and Telegram do that the bot then sees, and the chats they make unreachable.

Messages, edits, button presses, inline queries (and the message a user posts by choosing a result) and
documents from users, posts in channels; a user who blocked the bot or a group that removed it
(``block_chat``: 403); a group upgraded to a supergroup (``migrate_chat``: 400 with ``migrate_to_chat_id`` plus the service messages);
forum supergroups with topics (``open_topic``; messages carry ``message_thread_id`` and
``is_topic_message``, a send to an unknown topic is "message thread not found", a reply without
``message_thread_id`` lands in the topic of the message it replies to); a message deleted before the bot
replies to it (``delete_message``: "message to be replied not found" unless
``allow_sending_without_reply``) and a button pressed after its callback query expired
(``send_callback_query(expired=True)``: answerCallbackQuery answers "query is too old").
"""

from __future__ import annotations

import time

from bot.standin.errors import BLOCKED_BY_USER, KICKED_FROM_GROUP, MIGRATED, ApiError
from bot.standin.markup import auto_entities, parse_html
from bot.standin.state import State

ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}


class UserActions(State):
    """Updates a test injects as users would, and the chats they make unreachable."""

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

    def send_inline_result(self, chat_id: int, result: dict, *, user_id: int = 1001, chat_type: str = "private",
                           chat_title: str | None = None) -> dict:
        """Queue the message a user posts in ``chat_id`` by choosing ``result`` (one of the bot's
        answerInlineQuery results): its ``input_message_content`` text, from the user, ``via_bot`` the bot.

        Raises ValueError for a result without a message text; ApiError for markup Telegram refuses."""
        content = result.get("input_message_content") or {}
        if not content.get("message_text"):
            raise ValueError("only a result with input_message_content.message_text can be posted")
        text, entities = str(content["message_text"]), list(content.get("entities") or [])
        if str(content.get("parse_mode") or "").upper() == "HTML":
            text, entities = parse_html(text)
        user = self._user(user_id)
        msg = self._new_message(chat_id, user, self._chat_for(chat_id, chat_type, chat_title, user))
        msg.update({"text": text, "via_bot": dict(self.bot_user)}, **({"entities": entities} if entities else {}))
        return self._inject("message", msg)

    def send_document(self, chat_id: int, filename: str, content: bytes, *, mime_type: str | None = None,
                      caption: str | None = None, user_id: int = 1001, first_name: str | None = None,
                      chat_type: str = "private", chat_title: str | None = None) -> dict:
        """Queue a message with a document; the file becomes downloadable via getFile and /file/."""
        user = self._user(user_id, first_name)
        msg = self._new_message(chat_id, user, self._chat_for(chat_id, chat_type, chat_title, user))
        msg["document"] = self._document(self._store_file("documents", filename, content, mime_type))
        if caption:
            msg["caption"] = caption
            if entities := auto_entities(caption):
                msg["caption_entities"] = entities
        return self._inject("message", msg)

    def send_channel_post(self, chat_id: int, text: str | None = None, *, document: tuple[str, bytes] | None = None,
                          caption: str | None = None, chat_title: str | None = None) -> dict:
        """Queue a ``channel_post`` in channel ``chat_id``, as Telegram sends it: no ``from``, the channel
        as ``sender_chat``; with ``text``, or a ``document`` (file name, content) and its ``caption``."""
        title = chat_title or self._chats.get(chat_id, {}).get("title") or f"Channel {chat_id}"
        chat = self._chats[chat_id] = {"id": chat_id, "type": "channel", "title": title}
        msg = self._new_message(chat_id, {}, dict(chat))
        del msg["from"]
        msg["sender_chat"] = dict(chat)
        if text is not None:
            msg["text"] = text
            if entities := auto_entities(text):
                msg["entities"] = entities
        if document is not None:
            msg["document"] = self._document(self._store_file("documents", document[0], document[1], None))
        if caption:
            msg["caption"] = caption
            if entities := auto_entities(caption):
                msg["caption_entities"] = entities
        return self._inject("channel_post", msg)

    def set_chat_admins(self, chat_id: int, user_ids: list[int]) -> None:
        """Configure a group's administrators; the first one is its creator."""
        self._admins[chat_id] = list(user_ids)

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

    def _check_target(self, p: dict) -> None:
        """403 for a blocked chat, 400 with migrate_to_chat_id for an upgraded group."""
        chat_id = p.get("chat_id")
        if not isinstance(chat_id, int):
            return
        if chat_id in self._blocked:
            raise ApiError(403, self._blocked[chat_id])
        if chat_id in self._migrated:
            raise ApiError(400, MIGRATED, migrate_to_chat_id=self._migrated[chat_id])

