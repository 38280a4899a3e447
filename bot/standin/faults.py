"""Injected faults and limits: scripted error answers, Telegram's flood limits, and transport faults.

Scriptable conditions beyond one-off failures (``fail_next``): the documented flood limits
(``enforce_limits``: 30 messages per second overall, 20 per minute per group, answered with 429 and
``retry_after``). Transport faults for hardening tests: a connection closed without any HTTP answer
(``drop_next``), a malformed HTTP answer (``garble_next``: ``HTTZ/1.1 200 OK``) and a call held open past
the client's timeout (``hang_next``). The whole server gone from its port for a while (``go_away`` /
``come_back``) lives with the server (server.py). ``faults`` counts everything injected, by kind.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter, deque
from typing import Callable

from aiohttp import web

from bot.standin.errors import STATUS_TEXT, ApiError
from bot.standin.state import State

MALFORMED_RESPONSE = b"HTTZ/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"


class Faults(State):
    """Failures and limits a test scripts; the server consults them on every call."""

    def _init_faults(self) -> None:
        self._failures: list[list] = []
        self.clock: Callable[[], float] = time.monotonic  # the flood limits' time source; tests may replace it
        self.limit_refusals = 0  # calls refused with 429 by enforce_limits (not fail_next)
        self._per_second: float | None = None
        self._per_group_per_minute: int | None = None
        self._sends: deque[float] = deque()  # clock() of successful send* calls, for the 1-second window
        self._group_sends: dict[int, deque[float]] = {}  # per group chat, for the 60-second window
        self.faults: Counter[str] = Counter()  # injected faults by kind: "429", "500", "drop", "hang", "outage"
        self.outages: list[dict] = []  # {"start": t, "end": t or None}, time.monotonic() of go_away/come_back
        self._disruptions: list[list] = []  # [method or None, kind, count, seconds, processed]
        self._release = asyncio.Event()  # set to end every hung call at once (stop, go_away)

    @property
    def faults_injected(self) -> int:
        """How many faults were injected in all: fail_next answers, drops, hangs and outages."""
        return sum(self.faults.values())

    def fail_next(self, method: str | None, status: int, count: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``count`` calls of ``method`` (None: any but getUpdates) with an error."""
        self._failures.append([method.lower() if method else None, status, count, retry_after])

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """Delete a forum topic, as the group's admins can: every later send into it is answered 400
        "Bad Request: message thread not found"."""
        self._topics.get(int(chat_id), {}).pop(int(thread_id), None)

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

