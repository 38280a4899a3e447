"""Keeping the bot's token out of every text that leaves the process: log lines, the database, messages.

Every Bot API URL carries the token (`https://api.telegram.org/bot<token>/sendMessage`), and an HTTP
client error (a broken proxy, a captive portal, a server answering `HTTZ/1.1 200 OK`) quotes the URL in
its message. So any error text may hold the token, and `redact` is applied wherever error text is
written: the log formatter (tracebacks included), `deliveries.error`, the admins' chat and replies.
"""

from __future__ import annotations

import re

REDACTED = "<token>"
# A Bot API token as @BotFather issues it: the bot id, a colon, 35 URL-safe characters (30+ to be safe).
TOKEN_PATTERN = re.compile(r"\d+(?::|%3[Aa])[A-Za-z0-9_-]{30,}")
# "/bot<id>:<secret>" in a URL, whatever the secret's length (the path a Bot API call goes to).
BOT_PATH_PATTERN = re.compile(r"/bot\d+(?::|%3[Aa])[^/\s'\"<>]*")


def redact(text: str, token: str | None = None) -> str:
    """`text` with the token replaced by "<token>": the `token` given (exactly, any shape), any
    token-shaped text, and the `/bot<token>` part of any Bot API URL. Idempotent."""
    if token:
        text = text.replace(token, REDACTED)
    text = BOT_PATH_PATTERN.sub("/bot" + REDACTED, text)
    return TOKEN_PATTERN.sub(REDACTED, text)
