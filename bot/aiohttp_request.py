"""The HTTP client the bot talks to the Bot API with: PTB's BaseRequest on aiohttp instead of httpx.

PTB lets an application plug in any BaseRequest. On this project's 2-core machine an httpx request
cost about 2 ms of Python per loopback exchange against 0.5 ms with aiohttp's client (see
bench/bench_pipeline.py), and every answer takes two exchanges (getUpdates, sendMessage). aiohttp is
already a dependency (the stand-in is an aiohttp server). Errors map as in PTB's HTTPXRequest:
timeouts → TimedOut, every other client failure → NetworkError, so RetryingRateLimiter and the
polling loop treat them exactly as before.
"""

from __future__ import annotations

import asyncio
import urllib.request
from urllib.parse import urlencode, urlsplit

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from knowledge.redaction import redact


class AiohttpRequest(BaseRequest):
    """One aiohttp ClientSession with a bounded connection pool, created inside the running loop."""

    __slots__ = ("_session", "_pool_size", "_timeouts", "_media_write_timeout", "_proxies")

    def __init__(self, connection_pool_size: int = 1, *, read_timeout: float | None = 5.0,
                 connect_timeout: float | None = 5.0, pool_timeout: float | None = 1.0,
                 media_write_timeout: float | None = 20.0):
        self._session: aiohttp.ClientSession | None = None
        self._pool_size = connection_pool_size
        self._timeouts = {"read": read_timeout, "connect": connect_timeout, "pool": pool_timeout}
        self._media_write_timeout = media_write_timeout
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            # No total timeout: a long poll legitimately lasts as long as its read timeout allows.
            self._session = aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=None))

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    def _proxy_for(self, url: str) -> str | None:
        """HTTPS_PROXY / HTTP_PROXY unless NO_PROXY exempts the host, as PTB's httpx client honours them.

        Looked up once per host: aiohttp's trust_env=True reads the environment and ~/.netrc on every
        request, which cost 1.7 ms an answer in bench/bench_pipeline.py.
        """
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            exempt = urllib.request.proxy_bypass_environment(key[1])
            self._proxies[key] = None if exempt else urllib.request.getproxies_environment().get(key[0])
        return self._proxies[key]

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=BaseRequest.DEFAULT_NONE, write_timeout=BaseRequest.DEFAULT_NONE,
                         connect_timeout=BaseRequest.DEFAULT_NONE,
                         pool_timeout=BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        pick = lambda given, name: self._timeouts[name] if given is BaseRequest.DEFAULT_NONE else given  # noqa: E731
        files = request_data.multipart_data if request_data and request_data.contains_files else None
        # aiohttp has no write timeout; an upload's read timeout stretches by the media write timeout
        # instead, so a slow upload of a chart or export is not cut off as a slow answer would be.
        read = pick(read_timeout, "read")
        if files and read is not None and self._media_write_timeout is not None:
            read += self._media_write_timeout
        pool, connect = pick(pool_timeout, "pool"), pick(connect_timeout, "connect")
        # aiohttp's `connect` covers waiting for a pooled connection *and* opening a new one.
        acquire = None if pool is None or connect is None else pool + connect
        timeout = aiohttp.ClientTimeout(total=None, connect=acquire, sock_connect=connect, sock_read=read)
        headers = {"User-Agent": self.USER_AGENT}
        parameters = request_data.json_parameters if request_data else {}
        if files:
            # quote_fields=False: a filename goes out as UTF-8 (as httpx and browsers send it); aiohttp's
            # default percent-encodes it, and Telegram would show "%E7%9B%AE….docx" as the file's name.
            body = aiohttp.FormData(parameters, quote_fields=False)
            for field, (filename, content, mimetype) in files.items():
                body.add_field(field, content, filename=filename, content_type=mimetype)
        else:
            body = urlencode(parameters).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            async with self._session.request(method, url, data=body, headers=headers, timeout=timeout,
                                             proxy=self._proxy_for(url)) as response:
                return response.status, await response.read()
        except asyncio.TimeoutError as exc:  # aiohttp's timeout errors subclass it
            raise TimedOut(redact(f"aiohttp.{type(exc).__name__}: {exc}")) from exc
        except aiohttp.ClientError as exc:
            # aiohttp quotes the URL, which carries the token; the cause keeps it for the log formatter
            # (which redacts tracebacks) but the message itself travels further (admins' chat, database)
            raise NetworkError(redact(f"aiohttp.{type(exc).__name__}: {exc}")) from exc
