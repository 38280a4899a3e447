"""A target that makes no sense (0, or a share over 100%) is refused, and one already stored stops nothing.

`/target 研发投入 0%` plus any actual used to divide by zero in the chart: the due-summary job stopped
before the first chat, no delivery was logged, the admins' chat was paged every 30 s and /summary got
no reply. Now such targets are refused in /target and in imports, the chart draws without dividing
by them, and the job delivers each chat on its own.
"""

import asyncio

import pytest

from knowledge.answers import Answerer
from knowledge.charts import render_chart
from knowledge.edits import plan_target
from knowledge.errors import QuantityError
from knowledge.store import open_store
from knowledge.summaries import build_summary
from knowledge.tables import plan_import, read_tables
from tests.conftest import fixed_clock
from tests.harness import application, standin
from tests.test_answers import record
from tests.test_subscriptions import Clock, command, wait_until
from tests.test_tables import seed_header

GROUP, OTHER_GROUP, BROKEN_GROUP, ADMIN, OWNER, MEMBER, ADMINS_CHAT = -100300, -100400, -100900, 7, 42, 8, -999


@pytest.mark.parametrize("indicator, value, reason", [
    ("研发投入", "0%", "目标应大于0"),
    ("研发投入", "0", "目标应大于0"),
    ("研发投入", "101%", "不能超过100%"),
    ("工业投资总额", "0亿", "目标应大于0"),
    ("瞪羚企业", "0家", "目标应大于0"),
])
def test_target_command_refuses_targets_that_make_no_sense(answerer, indicator, value, reason):
    with pytest.raises(QuantityError, match=reason):
        plan_target(answerer, indicator, value, "测试")


@pytest.mark.parametrize("value, unit, reason", [
    ("0", "%", "目标应大于0"), ("-1", "%", "数值不能为负"), ("100.5", "%", "0 到 100"), ("4.3", "%", None),
    ("0", "亿元", "目标应大于0"), ("0", "家", "目标应大于0"), ("2500", "亿元", None),
])
def test_imported_targets_get_the_same_rule(store, value, unit, reason):
    indicator = {"%": "rd_intensity", "亿元": "industrial_investment", "家": "gazelle_firms"}[unit]
    content = (",".join(seed_header("targets")) + "\n"
               f"{indicator},苏州,2027,{value},{unit},,,plan2026,\n").encode()
    plan = plan_import(store, read_tables("t.csv", content))
    if reason is None:
        assert plan.rejected == [] and len(plan.added) == 1
    else:
        [(_, _, why)] = plan.rejected
        assert reason in why


def stored_zero_targets(store):
    """A database written before the rule: targets of 0 (one share, one amount) with actuals."""
    store.db.execute("update targets set value = 0 where indicator_id in ('rd_intensity', 'industrial_investment')")
    store.db.conn.commit()
    record(store, "rd_intensity", 3.1, "%")
    record(store, "industrial_investment", 1000, "亿元")
    record(store, "gazelle_firms", 600, "家")


def test_a_stored_zero_target_is_drawn_without_dividing_by_it(store):
    stored_zero_targets(store)
    answerer = Answerer(store, clock=fixed_clock(2026, 7, 2, 12))
    summary = build_summary(answerer)
    assert render_chart(summary)[:4] == b"\x89PNG"


def test_a_zero_target_stops_no_summary_and_one_broken_chat_stops_no_other(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=clock)
        async with standin(admins={GROUP: [ADMIN], OTHER_GROUP: [ADMIN], BROKEN_GROUP: [ADMIN]}) as stand, \
                application(stand, answerer, admin_chat_id=ADMINS_CHAT, summary_check_seconds=0.1):
            for chat in (BROKEN_GROUP, GROUP, OTHER_GROUP):
                await command(stand, chat, "/subscribe 09:00")
            # a row that cannot be read (a time zone that does not exist), in the first chat the job visits
            answerer.store.db.execute("update subscriptions set tz = 'Mars/Olympus' where chat_id = ?",
                                      [BROKEN_GROUP])
            answerer.store.db.conn.commit()
            stored_zero_targets(answerer.store)
            answerer.reload()
            clock.set(2026, 7, 2, 9, 0)
            await wait_until(lambda: all(any("photo" in m for m in stand.sent_messages(chat))
                                         for chat in (GROUP, OTHER_GROUP)))
            for chat in (GROUP, OTHER_GROUP):
                assert [d.ok for d in answerer.store.deliveries(chat)] == [True]
            [failed] = answerer.store.deliveries(BROKEN_GROUP)
            assert not failed.ok and "Mars/Olympus" in failed.error
            await asyncio.sleep(1.0)  # ten more checks: the broken chat is neither retried nor paged again
            assert len(answerer.store.deliveries(BROKEN_GROUP)) == 1
            alerts = stand.sent_messages(ADMINS_CHAT)
            assert len(alerts) == 1 and str(BROKEN_GROUP) in alerts[0]["text"]
            reply = await command(stand, GROUP, "/summary", user_id=MEMBER)
            assert "photo" in reply and "工业投资总额：1000亿元" in reply["caption"]  # listed, not divided by

    asyncio.run(asyncio.wait_for(body(), 180))


def test_target_zero_is_refused_in_the_chat(tmp_path):
    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin(admins={GROUP: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER})):
            reply = await command(stand, GROUP, "/target 研发投入 0%", user_id=OWNER)
            assert "目标应大于0" in reply["text"] and "reply_markup" not in reply
            assert answerer.store.get_row("targets", {"indicator_id": "rd_intensity", "city": "苏州",
                                                      "year": 2026})["value"] == 4.25

    asyncio.run(asyncio.wait_for(body(), 180))


def test_summary_replies_even_when_the_summary_cannot_be_built(tmp_path, monkeypatch):
    import handlers.summaries
    from handlers.subscriptions import SUMMARY_FAILED

    def broken(*args, **kwargs):
        raise ArithmeticError("a figure the summary cannot handle")

    monkeypatch.setattr(handlers.summaries, "build_summary", broken)

    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin() as stand, application(stand, answerer, admin_chat_id=ADMINS_CHAT):
            reply = await command(stand, GROUP, "/summary", user_id=MEMBER)
            assert reply["text"] == SUMMARY_FAILED
            [alert] = await stand.wait_for_sent(ADMINS_CHAT)
            assert "摘要" in alert["text"]

    asyncio.run(asyncio.wait_for(body(), 180))
