"""The control API: the stand-in driven over JSON from another process (``POST /control/<operation>``)."""

from __future__ import annotations

import base64
import re

from aiohttp import web


class ControlApi:
    """Maps ``/control/<operation>`` to the stand-in's own methods for a driver in another process."""

    async def _handle_control(self, request: web.Request) -> web.Response:
        """``POST /control/<operation>`` with JSON keyword arguments (query parameters also work)."""
        operations = {"send_user_message": self.send_user_message, "send_callback_query": self.send_callback_query,
                      "send_inline_query": self.send_inline_query, "send_document": self.send_document,
                      "send_inline_result": self.send_inline_result,
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

