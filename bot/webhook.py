"""Limits for the webhook's HTTP server (tornado's HTTPServer, which python-telegram-bot's webhook
starts): a bounded body, header and body timeouts, and a cap on open connections.

Anyone who finds the port can connect before the secret header is checked, and tornado's defaults
let them cost a lot: a body of up to 100 MB read whole before the handler runs, an hour to send the
headers, and no limit on connections (every one a file descriptor; at the process's limit tornado
can accept no more, and the genuine update waits). PTB builds the server itself and takes none of
these options, so they are set as the defaults of every HTTPServer this process creates (tornado's
documented `Configurable.configure`); the bot creates no other.
"""

from __future__ import annotations

from collections import deque

from tornado.httpserver import HTTPServer
from tornado.iostream import IOStream

# An update is a few KB; a message quoting another, both 4096 characters with entities, stays far below.
MAX_BODY_BYTES = 1024 * 1024
MAX_HEADER_BYTES = 16 * 1024
# Telegram sends a request whole at once; a connection silent this long is not Telegram's. It also
# ends a kept-alive connection idle this long (Telegram opens another).
HEADER_TIMEOUT_SECONDS = 10.0
BODY_TIMEOUT_SECONDS = 10.0
# Telegram opens at most setWebhook's max_connections (40, PTB's default) at once.
MAX_CONNECTIONS = 100


class BoundedHTTPServer(HTTPServer):
    """tornado's HTTPServer holding at most `max_connections` connections: one more closes the oldest
    open one. A genuine request is sent whole in milliseconds, so it is never the oldest; connections
    left idle or half-sent only take turns in being dropped, and the descriptors in use stay bounded."""

    def initialize(self, *args, max_connections: int = MAX_CONNECTIONS, **kwargs) -> None:
        super().initialize(*args, **kwargs)
        self.max_connections = max_connections
        self._streams: deque[IOStream] = deque()  # oldest first

    def handle_stream(self, stream: IOStream, address: tuple) -> None:
        self._streams = deque(s for s in self._streams if not s.closed())
        while len(self._streams) >= self.max_connections:
            self._streams.popleft().close()
        self._streams.append(stream)
        super().handle_stream(stream, address)


def bound_webhook_server() -> None:
    """Make every tornado HTTPServer created from now on (the webhook's) a BoundedHTTPServer with the
    limits above: a body over MAX_BODY_BYTES is answered 400 from its Content-Length (or once a chunked
    one passes it) without being read, headers must arrive within HEADER_TIMEOUT_SECONDS and the body
    within BODY_TIMEOUT_SECONDS. Calling it again changes nothing."""
    HTTPServer.configure(BoundedHTTPServer, max_body_size=MAX_BODY_BYTES, max_header_size=MAX_HEADER_BYTES,
                         idle_connection_timeout=HEADER_TIMEOUT_SECONDS, body_timeout=BODY_TIMEOUT_SECONDS,
                         max_connections=MAX_CONNECTIONS)
