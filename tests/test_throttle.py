import asyncio

from handlers.throttle import SLOW_DOWN, Throttle
from tests.test_telegram import GROUP, PRIVATE, scenario


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
    for _ in range(40):
        await asyncio.sleep(0.05)
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
