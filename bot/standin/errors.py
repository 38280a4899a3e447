"""The stand-in's error answers: ApiError and the descriptions Telegram sends for each refusal."""

from __future__ import annotations

from typing import Any

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
