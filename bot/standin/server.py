"""The stand-in's HTTP server on 127.0.0.1: routes, request decoding, start, stop and outages, and
BotApiStandIn, which puts the parts together.

Answers have the public shape ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N,
"description": "..."}`` (plus ``"parameters": {"retry_after": N}`` for 429). The whole server can leave its
port for a while (``go_away`` / ``come_back``: connections refused, then served again on the same port with
every pending update and chat kept).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from typing import Any

from aiohttp import web

from bot.standin.control import ControlApi
from bot.standin.errors import ApiError
from bot.standin.faults import Faults
from bot.standin.methods import BotApiMethods
from bot.standin.state import State
from bot.standin.users import UserActions

log = logging.getLogger(__name__)

# Form-encoded and multipart requests carry every value as a string; these fields get decoded.
_JSON_FIELDS = {"reply_markup", "reply_parameters", "entities", "caption_entities", "commands", "scope",
                "results", "allowed_updates", "link_preview_options", "button", "menu_button", "media"}
_INT_FIELDS = {"chat_id", "message_id", "user_id", "offset", "limit", "timeout", "reply_to_message_id",
               "cache_time", "message_thread_id", "max_connections", "from_chat_id"}
_BOOL_FIELDS = {"show_alert", "disable_notification", "drop_pending_updates", "is_personal", "protect_content",
                "allow_sending_without_reply", "disable_web_page_preview", "has_spoiler", "allow_paid_broadcast"}


class BotApiStandIn(ControlApi, BotApiMethods, Faults, UserActions):
    """An in-memory Bot API server: inject updates, inspect what the bot sent, script failures."""

    def __init__(self, token: str = "123456:TEST-token", bot_username: str = "SzTargetsBot",
                 bot_id: int | None = None, *, first_name: str = "苏州目标助手", port: int = 0):
        State.__init__(self, token, bot_username, bot_id, first_name)
        self._init_faults()
        self.port = port
        self.delay = 0.0  # seconds every call waits before it is handled
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
    def base_url(self) -> str:
        """PTB's ``base_url`` (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

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

