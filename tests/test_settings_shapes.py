"""Settings that would leave the bot running but deaf or on the wrong clock are configuration errors at
start (one line, exit 2): a WEBHOOK_URL whose path the webhook server cannot route (a non-ASCII path:
setWebhook succeeded and every update was a 404), a port Telegram does not post webhooks to, and a
BOT_TZ set but empty (it silently became Asia/Shanghai)."""

import os
import subprocess
import sys

import pytest

from bot.config import ConfigError, load_config


@pytest.mark.parametrize("setting, says", [
    ({"WEBHOOK_URL": "https://bot.example/电报"}, "WEBHOOK_URL 的路径只能含"),
    ({"WEBHOOK_URL": "https://bot.example/%E7%94%B5%E6%8A%A5"}, "WEBHOOK_URL 的路径只能含"),
    ({"WEBHOOK_URL": "https://bot.example/tg hook"}, "WEBHOOK_URL 的路径只能含"),
    ({"WEBHOOK_URL": "https://bot.example/tg+(hook)"}, "WEBHOOK_URL 的路径只能含"),  # a regular expression
    ({"WEBHOOK_URL": "https://bot.example:9999/tg/hook"}, "443、80、88、8443"),
    ({"WEBHOOK_URL": "https://bot.example:99999/tg/hook"}, "443、80、88、8443"),
    ({"BOT_TZ": ""}, "BOT_TZ 已设置但为空"),
    ({"BOT_TZ": "  "}, "BOT_TZ 已设置但为空"),
])
def test_settings_that_leave_the_bot_deaf_or_on_the_default_clock_are_refused(tmp_path, setting, says):
    with pytest.raises(ConfigError, match=says):
        load_config({"BOT_DB_PATH": str(tmp_path / "kb.db"), **setting})


@pytest.mark.parametrize("url", ["https://bot.example/tg/hook", "https://bot.example:8443/bot_1-2.x~y:z",
                                 "https://bot.example:88", "https://bot.example:443/"])
def test_webhook_urls_telegram_posts_to_and_the_server_routes_are_taken(tmp_path, url):
    config = load_config({"BOT_DB_PATH": str(tmp_path / "kb.db"), "WEBHOOK_URL": url, "BOT_TZ": " Asia/Shanghai"})
    assert (config.webhook_url, config.tz) == (url, "Asia/Shanghai")


@pytest.mark.parametrize("setting", [{"WEBHOOK_URL": "https://bot.example/电报"}, {"BOT_TZ": ""}])
def test_the_bot_does_not_start_on_such_a_setting(tmp_path, setting):
    env = {k: v for k, v in os.environ.items() if k not in ("WEBHOOK_URL", "BOT_TZ")}
    env |= {"BOT_DB_PATH": str(tmp_path / "kb.db"), "TELEGRAM_BOT_TOKEN": "123456789:" + "A" * 35,
            "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot", **setting}
    done = subprocess.run([sys.executable, "-m", "bot", "run"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("配置错误：") and next(iter(setting)) in done.stderr
