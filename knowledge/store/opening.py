"""Opening the database file: the `Store` composed of its parts, `open_store` (migrate, then seed),
and the one-line StoreFileError for a file that cannot serve as the database."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from knowledge.store.audit import AuditLog
from knowledge.store.knowledge import KnowledgeRecords
from knowledge.store.migrations import migrations
from knowledge.store.seeds import SEEDS_DIR
from knowledge.store.settings import Settings
from knowledge.store.subscriptions import Subscriptions


class Store(KnowledgeRecords, AuditLog, Subscriptions, Settings):
    """The knowledge base on one SQLite file (or ':memory:'), reached through sqlite-utils: one
    connection (`db`) shared by the knowledge tables, the audit log, the subscriptions and the settings."""


class StoreFileError(Exception):
    """The database file cannot be used: its folder cannot be created, it is a folder, it is not an
    SQLite database (or it is damaged), or it cannot be opened or written. The message is one line for
    an operator: the file, what is wrong and what to do. `problem` is "path" (the path cannot be a
    database file) or `database_problem`'s kind of the sqlite3 error; only "busy" may pass by itself."""

    def __init__(self, message: str, problem: str = "path"):
        super().__init__(message)
        self.problem = problem


RESTORE_HINT = ("请停下机器人，用 `python -m bot backup` 做的备份恢复（步骤见 docs/deploy.md 第 4 节），"
                "或把该文件移走后重新启动（会新建数据库并载入种子数据）")


def database_problem(error: BaseException) -> str | None:
    """What an sqlite3 error says about the database file: "damaged" (a broken page, not a database),
    "busy" (another writer held it past the busy timeout), "access" (cannot be opened or written:
    permissions, a full disk, a read-only file system, an I/O error), "other" for any other
    sqlite3.DatabaseError (a missing table, a constraint: a fault of the code, not of the file), and
    None for anything that is not an sqlite3.DatabaseError."""
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    reason = str(error).lower()
    if any(word in reason for word in ("malformed", "not a database", "corrupt")):
        return "damaged"
    if "locked" in reason or "busy" in reason:
        return "busy"
    if any(word in reason for word in ("readonly", "read-only", "unable to open", "disk i/o", "disk is full",
                                       "permission", "no such file")):
        return "access"
    return "other"


def database_file_error(path: str | Path | None, error: sqlite3.Error) -> StoreFileError:
    """The one-line StoreFileError for an sqlite3 error met anywhere on the database at `path` — when
    opening, migrating, reading or writing (see `database_problem` for the kinds)."""
    where = f"数据库 {Path(path).resolve()}" if path not in (None, ":memory:") else "数据库"
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    problem = database_problem(error)
    if problem == "damaged":
        message = f"{where} 已损坏或不是可用的 SQLite 数据库（{reason}）：若 BOT_DB_PATH 没有写错，{RESTORE_HINT}。"
    elif problem == "busy":
        message = f"{where} 正被另一个程序占用（{reason}）：请稍后重试。"
    elif problem == "access":
        message = (f"{where} 无法打开或写入（{reason}）：请检查该文件及其目录的权限和剩余空间，"
                   "或把 BOT_DB_PATH 指向别处。")
    else:
        message = f"{where} 读写出错（{reason}）：请把这一行告诉维护者。"
    return StoreFileError(message, problem)


def create_private_file(path: str | Path) -> bool:
    """Create `path` empty with mode 0600 (read and write for its owner only), whatever the umask: the
    database holds who may write and who subscribed. SQLite gives the -wal, -shm and -journal files it
    makes beside a database the database file's mode, so they are 0600 too. True when it was created;
    an existing file is left as it is (False). Raises OSError when it cannot be created."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    try:
        os.fchmod(handle, 0o600)  # a umask can only take bits away; this sets exactly 0600 even so
    finally:
        os.close(handle)
    return True


def open_store(path: str | Path = ":memory:", seeds_dir: Path = SEEDS_DIR) -> Store:
    """Open (creating if needed) the knowledge base, migrate it and load the seeds.

    The store's `created` says whether the file was new, and `created_folders` the highest folder made
    for it (a typo in BOT_DB_PATH makes a new database rather than failing: the caller says so).
    Raises StoreFileError when the file at `path` cannot serve as the database (see its docstring).
    """
    if str(path) == ":memory:":
        return _prepare(sqlite_utils.Database(memory=True), seeds_dir)
    path = Path(path)
    where = f"数据库 {path.resolve()}"
    if path.is_dir():
        raise StoreFileError(f"{where} 是一个目录，不是文件：请把 BOT_DB_PATH 设为文件路径，例如 {path / 'suzhou_targets.db'}。")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise StoreFileError(f"{where} 无法创建：{blocking.resolve()} 是一个文件而不是目录，"
                             "请把 BOT_DB_PATH 指向一个目录里的文件，或移走这个文件。")
    missing = [p for p in path.parents if not p.exists()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreFileError(f"{where} 无法创建：目录 {path.parent.resolve()} 建不起来（{error.strerror or error}），"
                             "请把 BOT_DB_PATH 指向一个可写目录里的文件。") from None
    created = not path.exists() or path.stat().st_size == 0
    try:
        create_private_file(path)
    except OSError as error:
        raise StoreFileError(f"{where} 无法创建（{error.strerror or error}）：请检查目录 {path.parent.resolve()} 的权限和剩余空间，"
                             "或把 BOT_DB_PATH 指向别处。", "access") from None
    db = None
    try:
        db = sqlite_utils.Database(path)
        db.enable_wal()
        store = _prepare(db, seeds_dir)
    except sqlite3.DatabaseError as error:  # includes OperationalError
        if db is not None:
            db.close()
        raise database_file_error(path, error) from None
    store.path = path.resolve()
    store.created = created
    store.created_folders = missing[-1].resolve() if missing else None
    return store


def _prepare(db: sqlite_utils.Database, seeds_dir: Path) -> Store:
    configure_connection(db)
    migrations.apply(db)
    store = Store(db)
    store.load_seeds(seeds_dir)
    return store


def configure_connection(db: sqlite_utils.Database) -> None:
    """What every connection to the database needs, the first and any other (see knowledge.store.workers)."""
    db.execute("pragma foreign_keys = on")
    # deleted and rewritten text (a scrubbed error text) is overwritten in the file, not left in free space
    db.execute("pragma secure_delete = on")
    db.execute("pragma busy_timeout = 10000")
