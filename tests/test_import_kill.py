"""`python -m bot import big.csv --yes` killed with SIGKILL at random moments never leaves half an import.

After every kill the database is exactly as before the import or exactly as after a complete one
(count and checksum of observations and changes, timestamps aside), and `PRAGMA integrity_check` is ok.
"""

import csv
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from knowledge.store import open_store, read_seed
from tests.conftest import OTHER_PLACES

ROWS = 20_000
SEED = 20260701
SPREAD_RUNS = 10  # kill moments spread over the whole command
WRITE_RUNS = 5  # kill moments inside the write phase, counted from when "正在导入…" is printed

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def write_big_csv(path, rng):
    indicators = [r for r in read_seed("indicators") if r["unit"] and r["kind"] != "text"]
    units = {"元": ["亿元", "万元", "万亿元"], "人": ["万人", "人"], "亩": ["亩", "万亩"]}
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["indicator_id", "city", "period", "year", "value", "unit", "qualifier", "text", "status",
                      "source_id", "note", "quote"])
        places = len(OTHER_PLACES)  # each row another (city, year, indicator): every row is added
        for i in range(ROWS):
            indicator = indicators[i // (places * 11) % len(indicators)]
            unit = rng.choice(units.get(indicator["unit"], [indicator["unit"]]))
            year = 2015 + i // places % 11  # periods that have ended (a year not over yet is refused)
            value = round(rng.uniform(1, 100), 0 if indicator["unit"] in ("个", "家") else rng.randint(0, 2))
            out.writerow([indicator["id"], OTHER_PLACES[i % places], f"{year}年", year, value, unit,
                          rng.choice(["", "约…", "…以上"]), "", rng.choice(["actual", "estimate", "preliminary"]),
                          rng.choice(["article", "szstats", "plan2026"]), f"第{i}行", ""])


def snapshot(path):
    """(integrity_check, observations (count, sha256), changes (count, sha256)) with timestamps left out."""
    connection = sqlite3.connect(path)  # opening recovers the WAL a killed writer left behind
    try:
        integrity = connection.execute("pragma integrity_check").fetchone()[0]
        observations = connection.execute(
            "select indicator_id, city, period, year, value, unit, qualifier, text, status, source_id, note, "
            "quote, recorded_by from observations order by indicator_id, city, period").fetchall()
        changes = connection.execute(
            "select id, user_id, chat_id, action, entity, before, json_remove(after, '$.recorded_at'), undone_by "
            "from changes order by id").fetchall()
    finally:
        connection.close()
    digest = lambda rows: hashlib.sha256(repr(rows).encode()).hexdigest()
    return integrity, (len(observations), digest(observations)), (len(changes), digest(changes))


def start_import(tmp_path, database):
    env = {**os.environ, "BOT_DB_PATH": str(database), "PYTHONUNBUFFERED": "1"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.Popen([sys.executable, "-m", "bot", "import", "big.csv", "--yes"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigkill_at_any_moment_leaves_the_database_before_or_after_the_import(tmp_path):
    rng = random.Random(SEED)
    write_big_csv(tmp_path / "big.csv", rng)
    pristine = tmp_path / "pristine.db"
    open_store(pristine).db.conn.close()
    assert not pristine.with_name("pristine.db-wal").exists()
    before = snapshot(pristine)

    # one complete import: the state after, and how long the command and its write phase take
    reference = tmp_path / "reference.db"
    shutil.copyfile(pristine, reference)
    started = time.monotonic()
    process = start_import(tmp_path, reference)
    writing_at = None
    for line in process.stdout:
        if line.startswith("正在导入") and writing_at is None:
            writing_at = time.monotonic() - started
    assert process.wait(timeout=120) == 0, process.stderr.read()
    duration = time.monotonic() - started
    after = snapshot(reference)
    assert after[0] == "ok" and after[1][0] == before[1][0] + ROWS and after[2][0] == before[2][0] + ROWS
    assert writing_at is not None

    # kill moments: stratified over the whole command (from its start), and over its write phase
    # (from the moment it prints "正在导入…", so that start-up jitter cannot make them miss the transaction)
    window = duration - writing_at
    moments = [(None, (i + rng.random()) / SPREAD_RUNS * duration * 1.02) for i in range(SPREAD_RUNS)]
    moments += [("正在导入", (i + rng.random()) / WRITE_RUNS * window * 0.8) for i in range(WRITE_RUNS)]
    landed = {"before": 0, "during": 0, "after commit": 0, "finished": 0}
    uncommitted = []
    for run, (marker, delay) in enumerate(moments):
        database = tmp_path / f"run{run:02d}.db"
        shutil.copyfile(pristine, database)
        process = start_import(tmp_path, database)
        output = ""
        if marker:
            for line in process.stdout:
                output += line
                if line.startswith(marker):
                    break
        time.sleep(delay)
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        output += process.stdout.read()
        wal = database.with_name(database.name + "-wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        process.stdout.close()
        process.stderr.close()
        state = snapshot(database)
        assert state[0] == "ok", (run, delay, state[0])
        assert state[1:] in (before[1:], after[1:]), f"run {run}: a kill at {marker or 'start'}+{delay:.2f}s " \
                                                     "left a partial import"
        if state[1:] == after[1:]:
            landed["after commit" if killed and "已导入" not in output else "finished"] += 1
        else:
            assert killed and "已导入" not in output
            landed["during" if "正在导入" in output else "before"] += 1
            if "正在导入" in output:
                uncommitted.append(wal_bytes)  # pages of the open transaction that reached the WAL
        for suffix in ("", "-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)

    print(f"\nimport of {ROWS} rows: {duration:.2f}s (writing from {writing_at:.2f}s); kills landed: {landed}; "
          f"WAL left by the kills during the transaction: {[f'{b / 1e6:.1f} MB' for b in uncommitted]}")
    assert landed["before"] >= 1  # the first kill comes before anything is written
    assert landed["during"] >= 1, landed  # at least one kill interrupted the open transaction
