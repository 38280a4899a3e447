"""Which word of /set and /target is which, end to end against the local Bot API stand-in: a place
glued to the indicator (深圳工业投资) is the city, never 苏州; a trailing word holding a figure, a period,
a rank or a comparison is refused, not kept as the 来源; a year-less period after New Year is the latest
year in which it has ended (attack round 2). Figures here are made up."""

from datetime import datetime

from tests.conftest import SHANGHAI
from tests.group_chat import press
from tests.test_admin_flows import run, say


def test_a_place_glued_to_the_indicator_is_the_city(tmp_path):
    async def body(stand):
        for command, city in (("/set 深圳工业投资 2200亿 1-10月", "深圳"), ("/set 张家港工业投资 300亿 1-10月", "张家港"),
                              ("/set 常熟市规上工业总产值 3000亿 1-10月", "常熟"), ("/set 吴江区工业投资 300亿 1-10月", "吴江"),
                              ("/set 吴江区 工业投资 300亿 1-10月", "吴江")):
            preview = await say(stand, command)
            assert f"（{city}）" in preview["text"], (command, preview["text"])
            await press(stand, preview, "取消")
        target = await say(stand, "/target 深圳工业投资 3000亿")
        assert "深圳 2026年目标" in target["text"], target["text"]
        await press(stand, target, "取消")
        spaced = await say(stand, "/target 深圳 工业投资 3000亿 2026")
        assert "深圳 2026年目标" in spaced["text"] and "年份不对" not in spaced["text"], spaced["text"]
        await press(stand, spaced, "取消")
        for command in ("/set 苏州 深圳工业投资 2200亿 1-10月", "/target 无锡 深圳工业投资 3000亿"):
            refused = await say(stand, command)
            assert "两个地方" in refused["text"] and "reply_markup" not in refused, refused["text"]
        unknown = await say(stand, "/set 沭阳工业投资 2200亿 1-10月")  # a place not in knowledge/places.py
        assert "没有找到指标“沭阳工业投资”" in unknown["text"] and "reply_markup" not in unknown, unknown["text"]
        assert stand.answerer.store.db["changes"].count == 0
    run(tmp_path, body)


def test_a_trailing_word_with_a_figure_period_rank_or_comparison_is_not_the_source(tmp_path):
    async def body(stand):
        for tail in ("较1-9月增加180亿", "占全省12%", "全省第2", "两千亿左右", "比上年提高0.2个百分点"):
            refused = await say(stand, f"/set 工业投资 1980亿 1-10月 {tail}")
            assert f"“{tail}”" in refused["text"] and "不是来源" in refused["text"] and "用法：/set" in refused["text"], refused["text"]
            assert "reply_markup" not in refused
        titled = await say(stand, "/set 工业投资 1980亿 1-10月 市统计局 2026年10月月报")
        assert "来源：市统计局 2026年10月月报" in titled["text"], titled["text"]
    run(tmp_path, body)


def test_a_year_less_period_after_new_year_is_the_latest_ended_one(tmp_path):
    async def body(stand):
        stand.clock.moment = datetime(2027, 3, 5, 10, 0, tzinfo=SHANGHAI)  # no 2027 targets yet
        new = await say(stand, "/set 高企新增 80家 1-2月")
        assert "期间：2027年1-2月（未写年份，按已结束的最近一期计为2027年）" in new["text"], new["text"]
        await press(stand, new, "取消")
        whole = await say(stand, "/set 工业投资 2600亿 全年")
        assert "期间：2026年（未写年份，按已结束的最近一期计为2026年）" in whole["text"], whole["text"]
        await press(stand, whole, "取消")
    run(tmp_path, body)
