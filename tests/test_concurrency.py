"""Concurrent writers on one database file: two admins, an import and the daily job at once.

Each runs in its own thread with its own connection, as the bot and a console import would; the
final state must hold every write, and the audit trail one row for each.
"""

import json
import threading

from knowledge.answers import Answerer
from knowledge.edits import apply_edit, plan_observation, plan_target
from knowledge.store import open_store
from knowledge.summaries import build_summary
from knowledge.tables import apply_import, plan_import, read_tables
from tests.conftest import OTHER_PLACES, fixed_clock

MONTHS = range(1, 13)


def admin_entering_actuals(path, indicator, unit, user_id, errors):
    try:
        answerer = Answerer(open_store(path), clock=fixed_clock(2027, 1, 15))  # every month of 2026 has ended
        for month in MONTHS:
            plan = plan_observation(answerer, indicator, f"{month * 10}{unit}", f"2026年{month}月", f"admin{user_id}")
            apply_edit(answerer.store, plan, user_id, -1)
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(error)


def admin_changing_a_target(path, errors):
    try:
        answerer = Answerer(open_store(path), clock=fixed_clock(2026, 11, 26))
        for step in range(12):
            apply_edit(answerer.store, plan_target(answerer, "研发投入", f"{4 + step / 100}%", "owner"), 1, -1)
    except Exception as error:  # noqa: BLE001
        errors.append(error)


def importing(path, errors):
    try:
        store = open_store(path)
        header = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote\n"
        rows = "".join(f"talent_total,{OTHER_PLACES[day % len(OTHER_PLACES)]},{2025 - day // len(OTHER_PLACES)}年,"
                       f"{2025 - day // len(OTHER_PLACES)},{400 + day / 10},万人,,,actual,plan2026,,\n"
                       for day in range(1, 301))
        plan = plan_import(store, read_tables("talent.csv", (header + rows).encode("utf-8")))
        assert not plan.rejected, plan.summary()
        apply_import(store, plan, 3, -1)
    except Exception as error:  # noqa: BLE001
        errors.append(error)


def daily_job(path, errors):
    try:
        store = open_store(path)
        answerer = Answerer(store, clock=fixed_clock(2026, 11, 26, 9))
        store.subscribe(-5, "09:00", "Asia/Shanghai", "2026-11-26", 1, "群")
        for _ in range(20):
            answerer.refresh_if_changed()
            build_summary(answerer)
            store.record_delivery(-5, True, sent_on="2026-11-26")
    except Exception as error:  # noqa: BLE001
        errors.append(error)


def test_two_admins_an_import_and_the_daily_job_at_once(tmp_path):
    path = tmp_path / "kb.db"
    open_store(path)
    errors = []
    workers = [
        threading.Thread(target=admin_entering_actuals, args=(path, "工业投资总额", "亿", 11, errors)),
        threading.Thread(target=admin_entering_actuals, args=(path, "瞪羚企业", "家", 12, errors)),
        threading.Thread(target=admin_changing_a_target, args=(path, errors)),
        threading.Thread(target=importing, args=(path, errors)),
        threading.Thread(target=daily_job, args=(path, errors)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert errors == []

    store = open_store(path)
    for indicator, user in (("industrial_investment", 11), ("gazelle_firms", 12)):
        values = {o.period: o.value for o in store.observations(indicator)}
        assert values == {f"2026年{m}月": m * 10 for m in MONTHS}
        audit = [c for c in store.db["changes"].rows_where("user_id = ?", [user])]
        assert len(audit) == 12 and all(json.loads(c["after"])["indicator_id"] == indicator for c in audit)
    target = store.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州", "year": 2026})
    assert target["value"] == 4.11 and target["text"] == "超4.11%"
    steps = list(store.db["changes"].rows_where("action = 'set_target'", order_by="id"))
    assert len(steps) == 12
    assert all(json.loads(a["after"])["value"] == json.loads(b["before"])["value"] for a, b in zip(steps, steps[1:]))
    assert len(store.observations("talent_total")) == 300
    assert store.db["changes"].count_where("action = 'import'") == 300
    assert len(store.deliveries(-5)) == 20
    assert store.db.execute("pragma integrity_check").fetchone()[0] == "ok"
