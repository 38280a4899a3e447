"""What an operator meets before the first question: where the database is, what happens when it cannot
be used, and output piped into a reader that stops early. Commands run as real processes."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import bot.config
from bot.config import ConfigError, load_config

PROJECT = Path(bot.config.__file__).resolve().parent.parent


def bot_command(*args, env_db=None, cwd, stdout=subprocess.PIPE, token=None, today=None):
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "BOT_DB_PATH", "BOT_TODAY")}
    if today is not None:
        env["BOT_TODAY"] = today
    if env_db is not None:
        env["BOT_DB_PATH"] = str(env_db)
    if token is not None:
        env["TELEGRAM_BOT_TOKEN"] = token
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
    # `run` checks its (well-formed, never used) token first, then the database, before any network
    token = "424242:OPERATING-test-token-abcdefgh" if command == ("run",) else None
    result = bot_command(*command, env_db=path, cwd=tmp_path, token=token)
    # `run` exits 2, a setting to fix, which the systemd unit does not restart on (RestartPreventExitStatus=2)
    assert result.returncode == (2 if command == ("run",) else 1)
    [line] = result.stderr.splitlines()
    assert str(path) in line and says in line and "BOT_DB_PATH" in line, line
    assert "Traceback" not in result.stderr
    if before is not None:
        assert path.read_bytes() == before  # nothing written to a file that is not ours


def test_run_on_a_database_another_program_holds_exits_1_to_be_started_again(tmp_path, monkeypatch, capsys):
    import bot.cli
    from knowledge.store import database_file_error

    def busy(config):
        raise database_file_error(config.db_path, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(bot.cli, "build_answerer", busy)
    config = load_config({"BOT_DB_PATH": str(tmp_path / "kb.db"), "TELEGRAM_BOT_TOKEN": "424242:OPERATING-test-token-abcdefgh"})
    assert bot.cli.cmd_run(config, None) == 1  # it may pass: systemd starts the bot again
    assert "正被另一个程序占用" in capsys.readouterr().err


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
    assert bot_command("targets", env_db=tmp_path / "kb.db", cwd=tmp_path).returncode == 0  # not a new one
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


def corrupt_table(db_path: Path, table: str) -> None:
    """Write garbage over the root pages of `table` and its indexes: the header and the schema stay
    valid, so the file opens and migrates; the first read of that table meets "database disk image is
    malformed"."""
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        connection.execute("pragma wal_checkpoint(truncate)")
        page_size = connection.execute("pragma page_size").fetchone()[0]
        roots = [r for (r,) in connection.execute(
            "select rootpage from sqlite_master where tbl_name = ? and rootpage > 0", [table])]
    finally:
        connection.close()
    assert roots
    with open(db_path, "r+b") as handle:
        for root in roots:
            handle.seek((root - 1) * page_size)
            handle.write(b"\xde\xad" * (page_size // 2))


@pytest.mark.parametrize("table, command", [
    ("targets", ("ask", "工业投资目标")),
    ("targets", ("targets",)),
    ("targets", ("summary",)),
    ("targets", ("export", "out.xlsx")),
    ("sources", ("import", "sources.csv", "--yes")),
])
def test_a_damaged_page_is_one_line_naming_the_file_and_the_backup(tmp_path, table, command):
    path = tmp_path / "kb.db"
    assert bot_command("targets", env_db=path, cwd=tmp_path).returncode == 0
    (tmp_path / "sources.csv").write_text("id,title,publisher\nmadeup,测试数据（虚构）,测试\n", encoding="utf-8")
    corrupt_table(path, table)
    result = bot_command(*command, env_db=path, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("数据库错误：") and str(path) in line and "malformed" in line, line
    assert "python -m bot backup" in line and "docs/deploy.md" in line


@pytest.mark.parametrize("command, says", [
    (("export", "{file}/x.xlsx"), "{file} 是一个文件而不是目录"),
    (("export", "{folder}"), "{folder} 是一个目录"),
    (("export", "{folder}/x.csv"), "应以 .xlsx 结尾"),
    (("summary", "--chart", "{folder}"), "{folder} 是一个目录"),
    (("summary", "--chart", "{file}/x.png"), "{file} 是一个文件而不是目录"),
    (("summary", "--chart", "{folder}/chart.jpg"), "应以 .png 结尾"),
    (("summary", "--chart", "{folder}/chart.txt"), "应以 .png 结尾"),
    (("backup", "{file}/b.db"), "{file} 是一个文件而不是目录"),
    (("backup", "{file}"), "{file} 已存在且不是数据库备份"),
])
def test_an_output_path_that_cannot_be_written_is_one_chinese_line(tmp_path, command, says):
    path = tmp_path / "kb.db"
    assert bot_command("targets", env_db=path, cwd=tmp_path).returncode == 0
    (tmp_path / "notes").write_text("meeting notes, not a folder")
    (tmp_path / "out").mkdir()
    names = {"file": tmp_path / "notes", "folder": tmp_path / "out"}
    result = bot_command(*(part.format(**names) for part in command), env_db=path, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Errno" not in result.stderr, result.stderr
    [line] = result.stderr.splitlines()
    assert says.format(**names) in line, line
    assert (tmp_path / "notes").read_text() == "meeting notes, not a folder"
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("database, command, link", [
    ("kb.xlsx", ("export", "kb.xlsx"), None),  # the case: relative, the same name
    ("kb.xlsx", ("export", "sub/../kb.xlsx"), None),
    ("kb.xlsx", ("export", "link.xlsx"), "symlink"),
    ("kb.xlsx", ("export", "other.xlsx"), "hardlink"),
    ("kb.png", ("summary", "--chart", "kb.png"), None),
    ("kb.png", ("trend", "工业投资", "--chart", "kb.png"), None),
    ("kb.docx", ("report", "--docx", "kb.docx"), None),
    ("kb.docx", ("report", "--docx", "link.docx"), "symlink"),
    ("kb.db", ("backup", "kb.db"), None),
    ("kb.db", ("backup", "kb.db-wal"), None),
    ("kb.db", ("backup", "kb.db-shm"), None),
])
def test_no_output_is_written_over_the_database(tmp_path, database, command, link):
    path = tmp_path / database
    assert bot_command("targets", env_db=path, cwd=tmp_path).returncode == 0
    name = command[-1]
    if link == "symlink":
        (tmp_path / name).symlink_to(path)
    elif link == "hardlink":
        os.link(path, tmp_path / name)
    before = path.read_bytes()
    result = bot_command(*command, env_db=path, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.splitlines()
    assert "不能是数据库本身" in line and str(path) in line, line
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(database)) == \
        ([name] if link else [])  # no .part left behind
    assert bot_command("targets", env_db=path, cwd=tmp_path).returncode == 0


def test_backup_errors_are_in_chinese_and_name_the_reason(tmp_path):
    path = tmp_path / "kb.db"
    assert bot_command("targets", env_db=path, cwd=tmp_path).returncode == 0
    corrupt_table(path, "targets")
    result = bot_command("backup", str(tmp_path / "copy.db"), env_db=path, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("备份失败：") and "已损坏" in line and str(path) in line, line
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "copy.db.part").exists()


def test_a_chart_is_written_under_a_png_name(tmp_path):
    path = tmp_path / "kb.db"
    (tmp_path / "sources.csv").write_text("id,title,publisher\nmadeup,测试数据（虚构）,测试\n", encoding="utf-8")
    (tmp_path / "figures.csv").write_text(  # a made-up figure, for the test only
        "indicator_id,city,period,value,unit,source_id\n工业投资总额,苏州,1-10月,1980,亿元,madeup\n", encoding="utf-8")
    for name in ("sources.csv", "figures.csv"):
        imported = bot_command("import", name, "--yes", env_db=path, cwd=tmp_path, today="2026-11-29")
        assert imported.returncode == 0, imported.stderr
    result = bot_command("summary", "--chart", "out/chart.png", env_db=path, cwd=tmp_path, today="2026-11-29")
    assert result.returncode == 0, result.stderr
    chart = tmp_path / "out" / "chart.png"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and str(chart) in result.stdout


def test_the_running_bot_tells_the_admins_of_a_damaged_page_in_one_line_and_keeps_answering(tmp_path, caplog):
    import asyncio
    import logging

    from knowledge.answers import Answerer
    from knowledge.store import open_store
    from tests.harness import application, standin

    group, member, admins_chat = -100700, 77, -999
    path = tmp_path / "kb.db"
    open_store(path).db.close()
    corrupt_table(path, "subscriptions")  # read by /subscription; the figures are loaded at start

    async def body():
        answerer = Answerer(open_store(path))
        async with standin() as stand, application(stand, answerer, admin_chat_id=admins_chat):
            for number in range(2):  # the same damage twice: the admins hear of it once
                stand.send_user_message(group, "/subscription", user_id=member, chat_type="supergroup")
                replies = await stand.wait_for_sent(group, count=number + 1)
                assert replies[-1]["text"] == "抱歉，数据暂时无法读取，已通知管理员。"
            stand.send_user_message(group, "/help", user_id=member, chat_type="supergroup")
            assert "/ask" in (await stand.wait_for_sent(group, count=3))[-1]["text"]  # still running
            return stand.sent_messages(admins_chat)

    with caplog.at_level(logging.ERROR):
        [alert] = asyncio.run(asyncio.wait_for(body(), 180))
    assert "\n" not in alert["text"] and str(path) in alert["text"] and "malformed" in alert["text"]
    assert "python -m bot backup" in alert["text"]
    logged = [r for r in caplog.records if "malformed" in r.getMessage()]
    assert logged and all(r.exc_info is None for r in logged)  # one line each, no traceback


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_database_path_is_refused_not_the_projects_database(tmp_path, value):
    with pytest.raises(ConfigError, match="BOT_DB_PATH 已设置但为空"):
        load_config({"BOT_DB_PATH": value})
    result = bot_command("ask", "工业投资目标", env_db=value, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"配置错误：BOT_DB_PATH 已设置但为空：请写上数据库文件的完整路径，"
                                          f"或删去这一设置以使用默认的 {PROJECT / 'data' / 'suzhou_targets.db'}。"]


def test_a_new_database_and_its_folders_are_said_once(tmp_path):
    path = tmp_path / "typo" / "dir" / "kb.db"
    first = bot_command("ask", "工业投资目标", env_db=path, cwd=tmp_path)
    assert first.returncode == 0 and "工业投资" in first.stdout
    [line] = first.stderr.splitlines()
    assert line.startswith(f"新建数据库：{path}（并新建了目录 {tmp_path / 'typo'}）") and "BOT_DB_PATH" in line, line
    again = bot_command("ask", "工业投资目标", env_db=path, cwd=tmp_path)
    assert again.returncode == 0 and again.stderr == ""
    beside = bot_command("targets", env_db=tmp_path / "typo" / "dir" / "kb2.db", cwd=tmp_path)
    assert beside.stderr.splitlines() == [f"新建数据库：{tmp_path / 'typo' / 'dir' / 'kb2.db'}，已载入种子数据。"
                                          "若路径写错了，请改正 BOT_DB_PATH 并删除此文件。"]


@pytest.mark.parametrize("setting, says", [
    ({"PORT": "99999"}, "PORT 应为 1 到 65535"),
    ({"PORT": "0"}, "PORT 应为 1 到 65535"),
    ({"WEBHOOK_URL": "notaurl"}, "WEBHOOK_URL 应为"),
    ({"WEBHOOK_URL": "http://bot.example.cn/tg/hook"}, "WEBHOOK_URL 应为"),  # Telegram posts over HTTPS only
    ({"WEBHOOK_SECRET": "bad secret!"}, "WEBHOOK_SECRET 只能由"),
    ({"WEBHOOK_LISTEN": "bot.example.cn"}, "WEBHOOK_LISTEN 应为本机的 IP 地址"),
    ({"BOT_ADMIN_IDS": "11111111,-1001234567890"}, "BOT_ADMIN_CHAT_ID"),  # a group's id pasted among users
])
def test_webhook_and_admin_settings_telegram_would_refuse_are_configuration_errors(tmp_path, setting, says):
    with pytest.raises(ConfigError, match=says):
        load_config({"BOT_DB_PATH": str(tmp_path / "kb.db"), **setting})


def test_sound_webhook_settings_are_taken_as_given(tmp_path):
    config = load_config({"BOT_DB_PATH": str(tmp_path / "kb.db"), "PORT": "8443", "WEBHOOK_SECRET": "a-Z_9",
                          "WEBHOOK_URL": "https://bot.example.cn/tg/hook", "WEBHOOK_LISTEN": "127.0.0.1"})
    assert (config.webhook_port, config.webhook_secret, config.webhook_url, config.webhook_listen) == (
        8443, "a-Z_9", "https://bot.example.cn/tg/hook", "127.0.0.1")
    assert load_config({"BOT_DB_PATH": str(tmp_path / "kb.db")}).webhook_listen == "0.0.0.0"


def test_output_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path):
    with open("/dev/full", "w") as full:  # every write fails with ENOSPC
        result = bot_command("targets", env_db=tmp_path / "kb.db", cwd=tmp_path, stdout=full)
    assert result.returncode == 1 and result.stderr.splitlines()[-1] == "无法输出结果：磁盘空间不足", result.stderr
    assert "Traceback" not in result.stderr
