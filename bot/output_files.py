"""Files the command line writes (an export, a chart, a report, a backup): one check of the path and one
way to write, so that a path that cannot be written is one Chinese line naming it and the reason, never a
traceback, a half-written file never takes the place of a good one, and no output ever lands on the
database itself."""

from __future__ import annotations

import errno
import os
from pathlib import Path

# Why a write failed, in the operator's words (the errno's English text otherwise).
_REASONS = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "所在文件系统是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ENOENT: "目录不存在",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EEXIST: "已有同名文件",
}


class OutputPathError(Exception):
    """An output file cannot be written where asked; the message is one Chinese line naming the path,
    the reason and what to do. `exit_status`: the command line's exit status for it."""

    exit_status = 1


class OutputIsDatabase(OutputPathError):
    """The output path is the database, or one of its -wal/-shm/-journal files: a mistake in the
    command, refused like a wrong setting (exit status 2), the database untouched."""

    exit_status = 2


# The files SQLite keeps beside the database; writing over one of them loses or corrupts data.
_DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")


def temporary_of(path: Path) -> Path:
    """Where a file is written before it is renamed onto `path`."""
    return path.with_name(path.name + ".part")


def _same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name one file: the same inode when both exist (a symlink or a hard link
    included), else the same path once symlinks and relative parts are resolved."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return a.resolve() == b.resolve()


def refuse_database(path: Path, database: Path | None) -> None:
    """OutputIsDatabase when writing `path` (or its temporary, temporary_of) would write over the
    database `database` or its -wal/-shm/-journal; nothing when `database` is None (in memory)."""
    if database is None:
        return
    database = Path(database).expanduser().absolute()
    protected = [database] + [database.with_name(database.name + side) for side in _DATABASE_SIDE_FILES]
    if any(_same_file(written, kept) for written in (path, temporary_of(path)) for kept in protected):
        raise OutputIsDatabase(f"不能写入 {path}：输出文件不能是数据库本身（{database}）或它的 -wal/-shm 文件，"
                               "否则数据库会被毁掉。请换一个文件名。")


def os_reason(error: OSError) -> str:
    """The reason for an OSError in Chinese, e.g. 没有写入权限; its own text when it has no errno."""
    return _REASONS.get(error.errno, error.strerror or str(error))


def check_output_path(path: str | Path, suffixes: tuple[str, ...] = (), *, database: Path | None) -> Path:
    """`path` (absolute) ready to be written: its folders created. OutputIsDatabase when it is the
    database at `database` (BOT_DB_PATH; None when there is none) or one of its side files (see
    refuse_database); OutputPathError when the name does not end in one of `suffixes` (lower case, with
    the dot; any name when empty), when it is a folder, when a folder on the way is a regular file, or
    when a folder cannot be created."""
    path = Path(path).expanduser().absolute()
    refuse_database(path, database)
    if path.is_dir():
        example = path / f"输出{suffixes[0] if suffixes else ''}"
        raise OutputPathError(f"{path} 是一个目录：请写出文件名，例如 {example}。")
    if suffixes and path.suffix.lower() not in suffixes:
        wanted = " 或 ".join(suffixes)
        raise OutputPathError(f"{path}：文件名应以 {wanted} 结尾，例如 {path.with_suffix(suffixes[0]).name}。")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise OutputPathError(f"无法写入 {path}：{blocking} 是一个文件而不是目录，请换一个位置。")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputPathError(f"无法写入 {path}：目录 {path.parent} 建不起来（{os_reason(error)}），请换一个位置。") from None
    return path


def write_output(path: str | Path, content: bytes, suffixes: tuple[str, ...] = (), *,
                 database: Path | None) -> Path:
    """Write `content` to `path` through `path.part` and a rename (a failure leaves any old file as it
    was); returns the absolute path written. OutputPathError as for `check_output_path` (with the
    database at `database`), or when the write itself fails (permissions, a full disk)."""
    path = check_output_path(path, suffixes, database=database)
    temporary = temporary_of(path)
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    except OSError as error:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        raise OutputPathError(f"无法写入 {path}（{os_reason(error)}），请换一个位置。") from None
    return path
