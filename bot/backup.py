"""An online copy of the live database (`python -m bot backup`): SQLite's backup API, checked, then
renamed into place."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from bot.output_files import OutputPathError, check_output_path, os_reason, temporary_of
from knowledge.store import create_private_file


SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file


def _header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def backup_database(source: str | Path, destination: str | Path) -> Path:
    """Copy the live database with SQLite's online backup API: one consistent snapshot, even while
    another connection writes (WAL lets the writer go on). The copy is self-contained (journal_mode
    DELETE), checked with integrity_check, and only then renamed into place.

    Raises FileNotFoundError (no database), ValueError (the destination is another file), OutputPathError
    (the destination cannot be written; OutputIsDatabase when it is the database or its -wal/-shm),
    sqlite3.Error (the database cannot be read, or the copy fails its check); every message is one
    Chinese line."""
    source, destination = Path(source), Path(destination)
    if not source.exists():
        raise FileNotFoundError(f"数据库不存在：{source}")
    destination = check_output_path(destination, database=source)
    if destination.is_file() and _header(destination) != SQLITE_HEADER:
        raise ValueError(f"{destination} 已存在且不是数据库备份，不覆盖：请换一个文件名或目录。")
    temporary = temporary_of(destination)
    try:
        temporary.unlink(missing_ok=True)
        create_private_file(temporary)  # 0600 like the database: a backup holds the same
        sqlite3.connect(temporary).close()
    except (OSError, sqlite3.Error) as error:
        reason = os_reason(error) if isinstance(error, OSError) else "无法新建文件"
        raise OutputPathError(f"无法写入 {destination}（{reason}），请换一个位置。") from None
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(temporary)
        try:
            src.backup(dst)  # pages=-1: the whole database in one step, under one read transaction
            dst.execute("pragma journal_mode = delete")
            result = dst.execute("pragma integrity_check").fetchone()[0]
            if result != "ok":  # the copy is page for page: the live database is damaged
                raise sqlite3.DatabaseError(f"database disk image is malformed；备份校验失败：{result.splitlines()[0]}")
        finally:
            dst.close()
    except sqlite3.Error:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(temporary, destination)
    return destination
