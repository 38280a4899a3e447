import asyncio

import pytest

from handlers.throttle import SLOW_DOWN, Throttle
from tests.test_telegram import GROUP, PRIVATE, flush, scenario


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_throttle_allows_the_limit_then_warns_once_then_drops():
    clock = FakeClock()
    throttle = Throttle(limit=3, window=10, clock=clock)
    assert [throttle.check(1) for _ in range(6)] == ["ok", "ok", "ok", "warn", "drop", "drop"]
    assert throttle.check(2) == "ok"  # others are not affected
    clock.now = 10.0
    assert throttle.check(1) == "ok"


@scenario
async def test_a_flooding_user_is_throttled_politely_and_others_still_get_answers(stand):
    flooder = 5555
    for number in range(100):
        stand.send_user_message(flooder, f"瞪羚{number}", user_id=flooder)
    stand.send_user_message(PRIVATE, "高企新增多少家", user_id=PRIVATE)
    [other] = await stand.wait_for_sent(PRIVATE)
    assert "500家" in other["text"]
    for _ in range(1200):  # the flooder's answers, then 2 s more in which none may follow
        if len(stand.sent_messages(flooder)) >= 9:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(2.0)
    to_flooder = stand.sent_messages(flooder)
    assert len(to_flooder) == 9  # eight answers and one request to slow down
    assert sum(m["text"] == SLOW_DOWN for m in to_flooder) == 1


@scenario
async def test_group_chatter_does_not_count_against_the_limit(stand):
    for number in range(30):
        stand.send_user_message(GROUP, f"收到{number}", user_id=77, chat_type="supergroup")
    stand.send_user_message(GROUP, "/ask 瞪羚", user_id=77, chat_type="supergroup")
    [reply] = await stand.wait_for_sent(GROUP)
    assert "力争1000家" in reply["text"]


# -- every command, every chat on its own, anonymous senders, bounded memory (issue 10.6, 10.7, 13.5) --

MEMBER_COMMANDS = ["/summary", "/help", "/start", "/targets", "/progress", "/sources", "/subscription", "/mode",
                   "/ask 瞪羚", "/unanswered", "/history 瞪羚", "/nosuchcommand"]


@pytest.mark.parametrize("command", MEMBER_COMMANDS)
def test_every_command_a_member_can_send_is_throttled(command):
    @scenario
    async def flood(stand):
        once = 3003
        stand.send_user_message(once, command, user_id=once)
        await flush(stand, 3004)
        per_command = len(stand.sent_messages(once))
        flooder = 3005
        for _ in range(12):
            stand.send_user_message(flooder, command, user_id=flooder)
        await flush(stand)
        replies = [m.get("text") for m in stand.sent_messages(flooder)]
        assert replies.count(SLOW_DOWN) == 1
        assert len(replies) == 8 * per_command + 1

    flood()


def test_a_flood_in_one_group_does_not_hold_another_chat():
    """25 summaries asked in one group go out 20 per window (here 10 s instead of 60, so that the test
    ends soon); a question in another chat sent after them is answered while that group still waits."""
    @scenario
    async def flood(stand):
        stand.app.bot.rate_limiter._group_time_period = 10.0  # PTB's AIORateLimiter setting, read per new group
        for member in range(5):
            for _ in range(5):
                stand.send_user_message(GROUP, "/summary", user_id=4000 + member, chat_type="supergroup")
        await stand.wait_for_sent(GROUP, count=1)
        stand.send_user_message(PRIVATE, "高企新增多少家", user_id=PRIVATE)
        [answer] = await stand.wait_for_sent(PRIVATE)
        assert "500家" in answer["text"]
        assert len(stand.sent_messages(GROUP)) <= 20  # the group's summaries beyond its window still wait
        await stand.wait_for_sent(GROUP, count=25, timeout=120)

    flood()


@scenario
async def test_anonymous_admins_are_throttled_per_group(stand):
    group_a, group_b, channel = -100801, -100802, -100803
    for number in range(12):
        stand.send_user_message(group_a, f"/ask 瞪羚{number}", chat_type="supergroup", via_anonymous_admin=True)
    stand.send_user_message(group_b, "/ask 高企", chat_type="supergroup", via_anonymous_admin=True)
    stand.send_user_message(group_b, "/ask 算力", chat_type="supergroup", sender_chat=channel)
    replies_b = await stand.wait_for_sent(group_b, count=2)
    assert all(m["text"] != SLOW_DOWN for m in replies_b)
    await flush(stand)
    replies_a = [m["text"] for m in stand.sent_messages(group_a)]
    assert replies_a.count(SLOW_DOWN) == 1 and len(replies_a) == 9


def test_anonymous_senders_are_keyed_by_chat():
    from types import SimpleNamespace as Obj

    from handlers.throttle import sender_key

    def update(user_id, chat_id, sender_chat_id=None):
        sender_chat = Obj(id=sender_chat_id) if sender_chat_id else None
        return Obj(effective_user=Obj(id=user_id), effective_chat=Obj(id=chat_id),
                   effective_message=Obj(sender_chat=sender_chat))

    assert sender_key(update(1087968824, -1, -1)) != sender_key(update(1087968824, -2, -2))
    assert sender_key(update(136817688, -1, -50)) != sender_key(update(136817688, -1, -51))
    assert sender_key(update(7, -1)) == sender_key(update(7, -2))  # a person is one person everywhere


def test_idle_senders_are_forgotten():
    clock = FakeClock()
    throttle = Throttle(limit=8, window=10, clock=clock)
    for user in range(10_000):
        assert throttle.check(user) == "ok"
    assert len(throttle) == 10_000
    clock.now = 10.0
    throttle.check(-1)
    assert len(throttle) == 1
    for _ in range(9):
        throttle.check(-1)  # over the limit: warned
    clock.now = 19.0
    assert throttle.check(-1) == "drop"  # the warning is remembered within its window
    clock.now = 30.0
    assert throttle.check(5) == "ok" and len(throttle) == 1
