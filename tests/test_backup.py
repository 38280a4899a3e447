"""Online backup of the live database: one consistent snapshot taken while another connection writes."""

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

from bot.backup import backup_database
from knowledge.store import open_store

WRITER = "备份测试"


def all_rows(path):
    """Every table's rows, in rowid order, keyed by table name."""
    connection = sqlite3.connect(path)
    try:
        names = [r[0] for r in connection.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")]
        return {name: connection.execute(f"select * from [{name}] order by rowid").fetchall() for name in names}
    finally:
        connection.close()


def fill(path, count):
    """A database big enough that copying it takes a while: `count` figures with their audit rows."""
    store = open_store(path)
    with store.db.conn:
        store.db.conn.execute("begin immediate")
        store.db["observations"].insert_all(
            {"indicator_id": "gazelle_firms", "city": f"城{i:05d}", "period": "2025年", "year": 2025, "value": i,
             "unit": "家", "qualifier": "", "text": "", "status": "actual", "source_id": "article",
             "note": "填充" * 20, "quote": "", "recorded_at": "", "recorded_by": "fill"} for i in range(count))
    store.db.conn.close()


class Writer(threading.Thread):
    """Commits figure n, its audit row and the meta counter 'seq' = n together, as fast as it can."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path, self.committed, self.stop = path, 0, threading.Event()

    def run(self):
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        n = 0
        while not self.stop.is_set():
            n += 1
            connection.execute("begin immediate")
            connection.execute(
                "insert into observations (indicator_id, city, period, year, value, unit, status, source_id, "
                "recorded_at, recorded_by) values ('gazelle_firms', ?, '2026年', 2026, ?, '家', 'actual', "
                "'article', '', ?)", [f"写入{n:06d}", n, WRITER])
            connection.execute("insert into changes (at, action, entity) values ('', 'backup_test', ?)", [str(n)])
            connection.execute("insert or replace into meta (key, value) values ('seq', ?)", [str(n)])
            connection.execute("commit")
            self.committed = n
        connection.close()


def test_backup_of_a_live_database_restores_to_an_identical_database(tmp_path):
    source = tmp_path / "live.db"
    fill(source, 30000)
    writer = Writer(source)
    writer.start()
    while writer.committed < 50:
        time.sleep(0.005)
    started_at = writer.committed
    backup = backup_database(source, tmp_path / "backups" / "copy.db")
    finished_at = writer.committed
    while writer.committed < finished_at + 50:  # keep writing after the backup too
        time.sleep(0.005)
    writer.stop.set()
    writer.join()

    assert not (tmp_path / "backups" / "copy.db-wal").exists()  # self-contained: one file
    restored = tmp_path / "restored.db"
    shutil.copyfile(backup, restored)  # restoring is copying the file back
    check = sqlite3.connect(restored)
    assert check.execute("pragma integrity_check").fetchone() == ("ok",)
    snapshot = int(check.execute("select value from meta where key = 'seq'").fetchone()[0])
    check.close()
    assert started_at < finished_at  # the writer committed while the backup was being taken
    assert started_at <= snapshot <= finished_at < writer.committed

    # the live database as it was at that commit: drop whatever the writer did afterwards
    live = all_rows(source)
    expected = {}
    for name, rows in live.items():
        if name == "observations":
            rows = [r for r in rows if r[13] != WRITER or r[4] <= snapshot]  # recorded_by, value
        elif name == "changes":
            rows = [r for r in rows if r[4] != "backup_test" or int(r[5]) <= snapshot]
        elif name == "meta":
            rows = [(k, str(snapshot) if k == "seq" else v) for k, v in rows]
        expected[name] = rows
    got = all_rows(restored)
    assert got.keys() == expected.keys()
    for name in expected:
        assert got[name] == expected[name], name
    assert len(got["observations"]) > 30000 + 50

    store = open_store(restored)  # the bot opens the restored copy as it is
    assert len(store.observations("gazelle_firms")) == 30000 + snapshot


def test_cli_backup_prints_the_path_of_a_usable_copy(tmp_path):
    database = tmp_path / "kb.db"
    open_store(database).db.conn.close()
    env = {**os.environ, "BOT_DB_PATH": str(database)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    run = lambda *args: subprocess.run([sys.executable, "-m", "bot", "backup", *args], capture_output=True,
                                       text=True, env=env, cwd=tmp_path, timeout=60)
    result = run("copy.db")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "copy.db")  # where it went, whatever the working folder
    assert all_rows(tmp_path / "copy.db") == all_rows(database)

    result = run()  # no FILE: a time-stamped copy in backups/ next to the database
    path = result.stdout.strip()
    assert result.returncode == 0 and path.startswith(str(tmp_path / "backups" / "kb-"))
    assert all_rows(path) == all_rows(database)

    result = run(str(database))
    assert result.returncode == 2 and "不能是数据库本身" in result.stderr


def mode(path) -> int:
    return os.stat(path).st_mode & 0o777


def test_the_database_its_wal_and_shm_and_its_backups_are_0600_whatever_the_umask(tmp_path):
    database = tmp_path / "kb.db"
    before = os.umask(0o022)  # the usual umask, under which files are made 0644
    try:
        store = open_store(database)  # new, seeded, and open: its -wal and -shm exist
        assert {name: mode(tmp_path / name) for name in ("kb.db", "kb.db-wal", "kb.db-shm")} == {
            "kb.db": 0o600, "kb.db-wal": 0o600, "kb.db-shm": 0o600}
        store.db.conn.close()
        result = subprocess.run([sys.executable, "-m", "bot", "backup"], capture_output=True, text=True, timeout=60,
                                env={**os.environ, "BOT_DB_PATH": str(database)}, cwd=tmp_path)
    finally:
        os.umask(before)
    assert result.returncode == 0, result.stderr
    assert mode(result.stdout.strip()) == 0o600
