"""A local stand-in for the Telegram Bot API, for end-to-end tests, the benchmarks and the console demo.

It serves the documented HTTP interface (https://core.telegram.org/bots/api) on 127.0.0.1 so that the
real, unmodified python-telegram-bot ``Application`` can use it via ``base_url``/``base_file_url``.
Simplifications: updates are delivered only through getUpdates (a webhook URL is stored, never called);
any integer chat_id is accepted (unknown positive ids are private chats, negative ones groups); text the
bot sends is not scanned for URLs or mentions; Markdown parse modes are passed through unparsed. Nothing
here contacts the internet, and `python -m bot run` never imports it (tests/test_light_at_rest.py).

Tests drive it in-process through :class:`BotApiStandIn`; another process can use the JSON control
API under ``/control/``; ``python -m bot.standin --port 8081`` runs it standalone. The parts:

- state.py: the bot, users, chats, messages, pending updates and files, and what the bot sent; an
  update that could not go out as JSON (a lone surrogate) is refused with ValueError where it comes in;
- users.py: what users and Telegram do (messages, buttons, inline results, documents, topics, blocks,
  migrations);
- methods.py: the Bot API methods (getUpdates, send*, edit*, answer*, commands, webhooks);
- markup.py: Telegram's HTML parse mode and text entities; images.py: image sizes for sendPhoto;
- faults.py: scripted error answers, flood limits and transport faults; errors.py: error answers;
- control.py: the JSON control API; server.py: the HTTP server and :class:`BotApiStandIn`;
- lifecycle.py: an Application started against it and stopped in order.
"""

from bot.standin.errors import ApiError
from bot.standin.images import image_size
from bot.standin.markup import auto_entities, parse_html, u16len
from bot.standin.server import BotApiStandIn, run_standin

__all__ = ["ApiError", "BotApiStandIn", "auto_entities", "image_size", "parse_html", "run_standin", "u16len"]
