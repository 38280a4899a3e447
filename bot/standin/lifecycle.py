"""The Application started against a local Bot API server and stopped in order: the one start/stop
sequence the tests, the benchmarks and the demo share (`python -m bot run` uses PTB's run_polling)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from telegram.ext import Application


@asynccontextmanager
async def started(app: Application, *, menus: bool = True, webhook: dict | None = None,
                  error_callback: Callable | None = None) -> AsyncIterator[Application]:
    """initialize → set the command menus (``menus``) → start → long polling, or the webhook when
    ``webhook`` holds Updater.start_webhook's keyword arguments; on leaving, stop polling, stop and shut
    down whatever got started, even when start-up failed half-way.

    Polling asks every second (``timeout=1``) with no pause between polls, so a test's update is taken at
    once; ``error_callback`` receives polling errors (as ``run_polling`` hands them to the error handlers).
    """
    from bot.app import set_command_menus  # not at import: `python -m bot.standin` needs no bot

    await app.initialize()
    try:
        if menus:
            await set_command_menus(app)
        await app.start()
        if webhook is not None:
            await app.updater.start_webhook(**webhook)
        else:
            await app.updater.start_polling(poll_interval=0.0, timeout=1, error_callback=error_callback)
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
