"""What an operator meets before the first question: where the database is, what happens when it cannot
be used, and output piped into a reader that stops early. Commands run as real processes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import bot.config
from bot.config import ConfigError, load_config

PROJECT = Path(bot.config.__file__).resolve().parent.parent


def bot_command(*args, env_db=None, cwd, stdout=subprocess.PIPE):
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "BOT_DB_PATH")}
    if env_db is not None:
        env["BOT_DB_PATH"] = str(env_db)
    return subprocess.run([sys.executable, "-m", "bot", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, env=env, cwd=cwd, timeout=60)


def unusable_databases(tmp_path):
    """(BOT_DB_PATH, what the one line must say) for each way a database file can be unusable."""
    (tmp_path / "plain-file").write_text("not a folder")
    (tmp_path / "notes.db").write_bytes(b"these are meeting notes, not SQLite\n" * 200)
    (tmp_path / "folder.db").mkdir()
    return {
        "parent is a regular file": (tmp_path / "plain-file" / "data" / "kb.db", "是一个文件而不是目录"),
        "not a database": (tmp_path / "notes.db", "不是可用的 SQLite 数据库"),
        "a folder": (tmp_path / "folder.db", "是一个目录"),
    }


@pytest.mark.parametrize("problem", ["parent is a regular file", "not a database", "a folder"])
@pytest.mark.parametrize("command", [("ask", "研发投入目标"), ("targets",), ("export", "out.xlsx"), ("run",)])
def test_an_unusable_database_is_one_line_naming_the_file(tmp_path, problem, command):
    path, says = unusable_databases(tmp_path)[problem]
    before = path.read_bytes() if path.is_file() else None
    result = bot_command(*command, env_db=path, cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert str(path) in line and says in line and "BOT_DB_PATH" in line, line
    assert "Traceback" not in result.stderr
    if before is not None:
        assert path.read_bytes() == before  # nothing written to a file that is not ours


def test_the_default_database_does_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    here = load_config({}).db_path
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert load_config({}).db_path == here == PROJECT / "data" / "suzhou_targets.db"


def test_a_relative_database_path_is_made_absolute_where_it_was_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config({"BOT_DB_PATH": "kb.db"}).db_path == tmp_path / "kb.db"


def test_without_a_project_the_default_is_refused_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(bot.config, "PROJECT_DIR", tmp_path)  # as if installed into site-packages
    with pytest.raises(ConfigError, match="BOT_DB_PATH"):
        load_config({})
    assert load_config({"BOT_DB_PATH": str(tmp_path / "kb.db")}).db_path == tmp_path / "kb.db"


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head` that has already stopped reading
    try:
        result = bot_command("targets", env_db=tmp_path / "kb.db", cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("webhook_url, mode", [(None, "长轮询"), ("https://bot.example.gov.cn/hook-s3cr3t-path", "webhook")])
def test_the_start_up_line_says_how_updates_arrive_without_secrets(tmp_path, webhook_url, mode):
    from types import SimpleNamespace

    from bot.app import startup_line
    from bot.config import Config
    from knowledge.answers import Answerer
    from knowledge.store import open_store

    config = Config(token="424242:SECRET-token-abcdefghijklmn", db_path=tmp_path / "kb.db", webhook_url=webhook_url,
                    webhook_secret="s3cr3t", webhook_port=8443)
    app = SimpleNamespace(bot=SimpleNamespace(username="SzTargetsBot"))
    line = startup_line(app, config, Answerer(open_store(config.db_path)))
    assert line.startswith("已启动：@SzTargetsBot") and mode in line and str(tmp_path / "kb.db") in line
    assert "27 项目标" in line
    assert "SECRET" not in line and "s3cr3t" not in line
