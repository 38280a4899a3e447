"""``python -m bot.standin --port 8081 --token …``: the stand-in on its own, for a bot in another process."""

from __future__ import annotations

import argparse
import asyncio

from bot.standin.server import run_standin


def main(argv: list[str] | None = None) -> None:
    """``python -m bot.standin --port 8081``."""
    parser = argparse.ArgumentParser(description="Local stand-in for the Telegram Bot API (127.0.0.1 only).")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST-token")
    parser.add_argument("--bot-username", default="SzTargetsBot")
    args = parser.parse_args(argv)
    try:
        asyncio.run(run_standin(args.port, token=args.token, bot_username=args.bot_username))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
