"""The Bot API methods the stand-in serves, as ``api_<name>(params, files)``, looked up case-insensitively.

Only documented methods and fields are produced, and documented rules (HTML markup, text lengths,
answering a query once, inline keyboards, command lists) are enforced strictly.
"""

from __future__ import annotations

import asyncio
import copy
import re
import time

from bot.standin.errors import NOT_MODIFIED, QUERY_INVALID, REPLY_NOT_FOUND, THREAD_NOT_FOUND, ApiError
from bot.standin.images import image_size
from bot.standin.markup import parse_html, strip_text
from bot.standin.state import State

NOT_DEFAULT_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}  # only when asked for
CHAT_ACTIONS = {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
                "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
ADMIN_RIGHTS = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories")


class BotApiMethods(State):
    """getUpdates, send*, edit*, answer*, files, commands, webhooks and chat lookups."""

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
        text, entities = strip_text(text, entities)
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

