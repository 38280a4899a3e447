"""Configuration: the only module that reads os.environ."""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from knowledge.quantities import parse_ascii_int

PROJECT_DIR = Path(__file__).resolve().parent.parent
# In the project, not the working folder: `python -m bot import` run from elsewhere must reach the same
# database as the bot, not create and fill a second one.
DEFAULT_DB_PATH = PROJECT_DIR / "data" / "suzhou_targets.db"


@dataclass(frozen=True)
class Config:
    token: str | None = field(default=None, repr=False)  # never printed
    base_url: str | None = None
    db_path: Path = DEFAULT_DB_PATH
    admin_ids: frozenset[int] = frozenset()
    tz: str = "Asia/Shanghai"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_port: int = 8443
    # WEBHOOK_LISTEN: the local address the webhook listens on; 127.0.0.1 behind a reverse proxy on this
    # machine, so that only the proxy reaches the port
    webhook_listen: str = "0.0.0.0"
    admin_chat_id: int | None = None
    summary_check_seconds: float = 30.0
    # BOT_PROGRESS_THRESHOLDS "X,Y" or "X,Y,比重基本同步带,比重严重滞后带" in points (default 5,15,0.5,2);
    # the owners' /thresholds command overrides it in the database.
    progress_thresholds: tuple[float, ...] = ()
    # BOT_TODAY (YYYY-MM-DD): answer as if today were this date — for demos and tests, never in production.
    today: date | None = None
    confirm_minutes: int = 10  # a preview's 确认 expires after this (BOT_CONFIRM_MINUTES)


class ConfigError(ValueError):
    """A setting in the environment cannot be used; the message names it, never its secret value."""


def _admin_ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        user_id = parse_ascii_int(part)
        if user_id is None:
            raise ConfigError(f"BOT_ADMIN_IDS 应为逗号分隔的数字用户 ID，无法识别：{part!r}")
        if user_id <= 0:  # a group's id pasted here: user ids are positive, chats' negative
            raise ConfigError(f"BOT_ADMIN_IDS 应为用户 ID（正数），{part} 是群组或频道的 ID；"
                              "管理员群请设为 BOT_ADMIN_CHAT_ID")
        ids.add(user_id)
    return frozenset(ids)


def load_config(environ: dict[str, str] | None = None) -> Config:
    env = os.environ if environ is None else environ
    return Config(
        token=env.get("TELEGRAM_BOT_TOKEN") or None,
        base_url=env.get("TELEGRAM_BASE_URL") or None,
        db_path=_db_path(env.get("BOT_DB_PATH")),
        admin_ids=_admin_ids(env.get("BOT_ADMIN_IDS", "")),
        tz=_tz(env.get("BOT_TZ")),
        webhook_url=_webhook_url(env.get("WEBHOOK_URL")),
        webhook_secret=_webhook_secret(env.get("WEBHOOK_SECRET")),
        webhook_port=_port(env),
        webhook_listen=_listen_address(env.get("WEBHOOK_LISTEN")),
        admin_chat_id=_integer(env, "BOT_ADMIN_CHAT_ID", None),
        progress_thresholds=_numbers(env, "BOT_PROGRESS_THRESHOLDS"),
        today=_date(env, "BOT_TODAY"),
        confirm_minutes=_confirm_minutes(env),
    )


def _db_path(raw: str | None) -> Path:
    """BOT_DB_PATH made absolute (a relative one is taken from the working folder, as the operator typed
    it); without it, data/suzhou_targets.db in the project. Set but empty is a ConfigError: an
    environment file's `BOT_DB_PATH=` whose value went missing must not quietly fill the project's
    database. Installed outside its project (no pyproject.toml beside the code) there is no project to
    put it in: ConfigError asks for BOT_DB_PATH."""
    if raw is not None and not raw.strip():
        raise ConfigError("BOT_DB_PATH 已设置但为空：请写上数据库文件的完整路径，或删去这一设置以使用默认的 "
                          f"{DEFAULT_DB_PATH}。")
    if raw is not None:
        return Path(raw.strip()).expanduser().absolute()
    if not (PROJECT_DIR / "pyproject.toml").is_file():
        raise ConfigError(f"未设置 BOT_DB_PATH，且程序不在项目目录中运行（{PROJECT_DIR}）：请把 BOT_DB_PATH 设为数据库文件的完整路径。")
    return DEFAULT_DB_PATH


# The ports Telegram posts webhooks to (setWebhook refuses any other).
WEBHOOK_PORTS = (443, 80, 88, 8443)
# A path the webhook server finds as written: python-telegram-bot routes on the path as a regular
# expression, and Telegram posts a non-ASCII path percent-encoded, so anything else would make every
# update a 404 after setWebhook succeeded.
WEBHOOK_PATH_SHAPE = re.compile(r"[A-Za-z0-9/_.~:-]*")


def _tz(raw: str | None) -> str:
    """BOT_TZ, Asia/Shanghai when unset; set but empty is a ConfigError, as for BOT_DB_PATH (a value gone
    missing from an environment file must not quietly become the default). Whether the zone exists is
    checked where it is used (bot.cli)."""
    if raw is None:
        return Config.tz
    if not raw.strip():
        raise ConfigError(f"BOT_TZ 已设置但为空：请写上时区，例如 Asia/Shanghai，或删去这一设置以使用默认的 {Config.tz}。")
    return raw.strip()


def _webhook_url(raw: str | None) -> str | None:
    """WEBHOOK_URL as Telegram accepts it for setWebhook and the webhook server can route: an https://
    address with a host, on one of WEBHOOK_PORTS, whose path holds only letters, digits and / _ . ~ : -."""
    raw = (raw or "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.hostname:
        raise ConfigError(f"WEBHOOK_URL 应为 Telegram 可访问的 https:// 地址，例如 https://bot.example.cn/tg/hook，收到 {raw!r}")
    try:
        port = parts.port or 443
    except ValueError:
        port = None
    if port not in WEBHOOK_PORTS:
        raise ConfigError(f"WEBHOOK_URL 的端口应为 Telegram 允许的 {'、'.join(map(str, WEBHOOK_PORTS))} 之一，"
                          f"收到 {raw!r}")
    if not WEBHOOK_PATH_SHAPE.fullmatch(parts.path):
        raise ConfigError(f"WEBHOOK_URL 的路径只能含英文字母、数字和 / _ . ~ : -（中文、空格、% 等会使机器人收不到推送），"
                          f"收到 {raw!r}")
    return raw


# Telegram's rule for setWebhook's secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
WEBHOOK_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def _webhook_secret(raw: str | None) -> str | None:
    if not raw:
        return None
    if not WEBHOOK_SECRET_SHAPE.match(raw):
        raise ConfigError("WEBHOOK_SECRET 只能由 1-256 个字母、数字、_ 和 - 组成（内容不在此显示）")
    return raw


def _port(env) -> int:
    port = _integer(env, "PORT", Config.webhook_port)
    if not 1 <= port <= 65535:
        raise ConfigError(f"PORT 应为 1 到 65535 之间的端口号，收到 {port}")
    return port


def _listen_address(raw: str | None) -> str:
    """WEBHOOK_LISTEN: an IPv4 or IPv6 address of this machine (0.0.0.0 for all, 127.0.0.1 for local
    only); unset or empty, Config's default."""
    raw = (raw or "").strip()
    if not raw:
        return Config.webhook_listen
    try:
        return str(ipaddress.ip_address(raw.strip("[]")))
    except ValueError:
        raise ConfigError(f"WEBHOOK_LISTEN 应为本机的 IP 地址，例如 127.0.0.1（只让本机的反向代理访问）或 0.0.0.0，收到 {raw!r}") from None


def _numbers(env, name: str) -> tuple[float, ...]:
    raw = (env.get(name) or "").replace("，", ",").strip()
    if not raw:
        return ()
    try:
        numbers = tuple(float(part) for part in raw.split(","))
    except ValueError:
        raise ConfigError(f"{name} 应为逗号分隔的数字，例如 5,15，收到 {raw!r}") from None
    if len(numbers) not in (2, 4):
        raise ConfigError(f"{name} 应为 2 个（X,Y）或 4 个数字，收到 {raw!r}")
    return numbers


def _date(env, name: str) -> date | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{name} 应为日期 YYYY-MM-DD，收到 {raw!r}") from None


def _confirm_minutes(env) -> int:
    minutes = _integer(env, "BOT_CONFIRM_MINUTES", Config.confirm_minutes)
    if minutes < 1:
        raise ConfigError(f"BOT_CONFIRM_MINUTES 应为正整数（分钟），收到 {minutes}")
    return minutes


def _integer(env, name: str, default: int | None) -> int | None:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    value = parse_ascii_int(raw)
    if value is None:
        raise ConfigError(f"{name} 应为整数，收到 {raw!r}")
    return value


TOKEN_SHAPE = re.compile(r"^[0-9]{3,}:[A-Za-z0-9_-]{20,}$")


def check_token(token: str | None) -> str:
    """The token if it looks like one Telegram issues; ConfigError otherwise (without echoing it)."""
    if not token:
        raise ConfigError("未设置 TELEGRAM_BOT_TOKEN（向 @BotFather 申请后写入环境变量）")
    if not TOKEN_SHAPE.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN 格式不对，应形如 123456789:AA…（内容不在此显示）")
    return token
