import warnings
from datetime import datetime

import pytest

from knowledge.answers import Answerer
from knowledge.charts import render_chart
from knowledge.models import Subscription
from knowledge.schedule import first_due_date, is_due
from handlers.summaries import summary_messages
from knowledge.summaries import build_summary, render_summary
from tests.conftest import SHANGHAI, fixed_clock
from tests.test_answers import record


def test_without_actuals_the_summary_is_text_only_and_says_so(answerer):
    summary = build_summary(answerer)
    text = render_summary(summary)
    # 境内A股上市公司数量 保持前列 has no number: not rated, said plainly; the rest have no figure yet.
    assert "暂无2026年实际数据" in text and "暂无数据 26" in text and "不评价 1" in text
    assert "时间进度（按今天日期）：50.1%" in text
    assert render_chart(summary) is None
    caption, texts = summary_messages(summary)
    assert caption is None and len(texts) == 1


def test_lagging_targets_come_first_with_rate_against_time(store, answerer):
    record(store, "industrial_investment", 1000, "亿元")  # 40% at mid-year → 滞后
    record(store, "new_high_tech_enterprises", 300, "家")  # 60% → 超前
    answerer.reload()
    summary = build_summary(answerer)
    text = render_summary(summary)
    assert "滞后 1" in text and "超前 1" in text and "暂无数据 24" in text
    assert text.index("🟡 滞后") < text.index("工业投资总额") < text.index("🟢 超前、基本同步") \
        < text.index("新增高新技术企业")
    assert "数据截至6月" in text
    assert "完成率40.0%，序时进度50.0%，滞后 🟡" in text
    assert "全年预计：2000亿元" in text and "还需1500亿元，月均250亿元" in text  # for the lagging one only
    assert "全年预计：600家" not in text
    assert "新录入" in text and "test录入" in text


def test_changes_are_only_those_after_the_previous_summary(store, answerer):
    record(store, "industrial_investment", 1000, "亿元")
    answerer.reload()
    later = build_summary(answerer, since="9999-01-01T00:00:00+00:00")
    assert later.changes == ()


def test_chart_renders_chinese_without_missing_glyphs(store, answerer):
    record(store, "industrial_investment", 1000, "亿元")
    record(store, "rd_intensity", 4.1, "%", period="2026年")
    answerer.reload()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_chart(build_summary(answerer))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [w for w in caught if "missing" in str(w.message).lower() or "glyph" in str(w.message).lower()]


def test_summary_fits_a_caption_or_is_split(store, answerer):
    for indicator, value, unit in [("industrial_investment", 1000, "亿元"), ("talent_total", 430, "万人"),
                                   ("computing_power", 30000, "PFLOPS"), ("rd_intensity", 4.0, "%")]:
        record(store, indicator, value, unit)
    answerer.reload()
    caption, texts = summary_messages(build_summary(answerer))
    assert (caption is not None and len(caption) <= 1024) or all(len(t) <= 4096 for t in texts)


def subscription(at_time="09:00", due_from="2026-07-02", last_sent_on="", paused=False):
    return Subscription(-1, "群", at_time, "Asia/Shanghai", True, paused, due_from, "", last_sent_on)


@pytest.mark.parametrize(
    "now,sub,due",
    [
        ((2026, 7, 2, 8, 59), subscription(), False),
        ((2026, 7, 2, 9, 0), subscription(), True),
        ((2026, 7, 2, 15, 0), subscription(), True),  # missed while down: still due the same day
        ((2026, 7, 2, 15, 0), subscription(last_sent_on="2026-07-02"), False),  # never twice
        ((2026, 7, 3, 9, 1), subscription(last_sent_on="2026-07-02"), True),
        ((2026, 7, 2, 9, 30), subscription(due_from="2026-07-03"), False),
        ((2026, 7, 2, 9, 30), subscription(paused=True), False),
        # sent at 00:05 on 3 July, then the clock stepped back over midnight: 2 July is not due again
        ((2026, 7, 2, 23, 59), subscription(at_time="00:00", due_from="2026-07-01", last_sent_on="2026-07-03"), False),
    ],
)
def test_is_due(store, now, sub, due):
    assert is_due(sub, Answerer(store, clock=fixed_clock(*now))) is due


def test_a_new_subscription_starts_today_only_if_its_time_is_ahead(store):
    morning = Answerer(store, clock=fixed_clock(2026, 7, 2, 8, 0))
    afternoon = Answerer(store, clock=fixed_clock(2026, 7, 2, 15, 0))
    assert first_due_date(morning, "09:00", "Asia/Shanghai") == "2026-07-02"
    assert first_due_date(afternoon, "09:00", "Asia/Shanghai") == "2026-07-03"


def test_time_zone_of_the_subscription_decides_the_day(store):
    # 2026-07-02 23:30 in Shanghai is 16:30 in London (BST)
    answerer = Answerer(store, clock=lambda: datetime(2026, 7, 2, 23, 30, tzinfo=SHANGHAI))
    london = Subscription(-1, "", "17:00", "Europe/London", True, False, "2026-07-02", "", "")
    shanghai = Subscription(-2, "", "17:00", "Asia/Shanghai", True, False, "2026-07-02", "", "")
    assert not is_due(london, answerer) and is_due(shanghai, answerer)


def test_lagging_first_by_colour_and_levels_are_not_held_against_time(store, answerer):
    record(store, "major_industrial_projects", 500, "个")  # 20% vs 50%: 严重滞后
    record(store, "industrial_investment", 1000, "亿元")  # 40% vs 50%: 滞后
    record(store, "computing_power", 30000, "PFLOPS", period="2026年6月")  # a stock without baseline
    answerer.reload()
    summary = build_summary(answerer)
    text = render_summary(summary)
    assert text.index("🔴 严重滞后") < text.index("新增亿元以上产业项目") < text.index("🟡 滞后") \
        < text.index("工业投资总额") < text.index("全市智算规模")
    assert "全市智算规模：30000PFLOPS（2026年6月），完成率88.2%（没有上年基数），未完成" in text
    from knowledge.charts import _against_time, bar_label

    answers = {a.indicator.id: a for a in summary.with_data}
    assert bar_label(answers["industrial_investment"]) == "1000 / 2500亿元"
    assert _against_time(answers["industrial_investment"]) and not _against_time(answers["computing_power"])


def test_a_stale_figure_says_its_own_month_on_its_line(store):  # finding M5
    from knowledge.answers import Answerer
    from knowledge.edits import apply_edit, plan_observation
    from knowledge.summaries import build_summary, render_summary
    from tests.conftest import fixed_clock

    answerer = Answerer(store, clock=fixed_clock(2026, 11, 29, 9))
    apply_edit(store, plan_observation(answerer, "工业投资总额", "1980亿", "1-10月", "x"), 1, None)
    apply_edit(store, plan_observation(answerer, "新增高新技术企业", "40家", "1月", "x"), 1, None)
    answerer.reload()
    lines = render_summary(build_summary(answerer)).splitlines()
    stale = next(line for line in lines if line.startswith("· 新增高新技术企业"))
    fresh = next(line for line in lines if line.startswith("· 工业投资总额"))
    assert "数据截至1月，较其他指标旧" in stale and "较其他指标旧" not in fresh


def test_ahead_and_done_are_told_apart_on_the_summary_chart():
    from matplotlib.colors import to_rgb

    from knowledge.charts import STATUS_COLOURS
    from knowledge.progress import AHEAD, DONE, ON_TRACK

    def distance(a, b):  # in 0-255 RGB steps
        return sum((x - y) ** 2 for x, y in zip(to_rgb(a), to_rgb(b))) ** 0.5 * 255

    colours = list(STATUS_COLOURS.values())
    assert all(distance(a, b) >= 50 for i, a in enumerate(colours) for b in colours[i + 1:]), colours
    assert distance(STATUS_COLOURS[AHEAD], STATUS_COLOURS[DONE]) >= 100
    assert distance(STATUS_COLOURS[ON_TRACK], STATUS_COLOURS[DONE]) >= 100


def test_after_a_large_import_the_summary_lists_the_first_new_figures_and_counts_the_rest(store, answerer):
    # MADE-UP figures: 25 cities' 瞪羚企业 counts, as an import of many rows leaves them
    for n in range(25):
        record(store, "gazelle_firms", 100 + n, "家", city=f"城市{n}")
    answerer.reload()
    summary = build_summary(answerer, "")
    assert len(summary.changes) == 25
    text = render_summary(summary)
    listed = [line for line in text.splitlines() if line.startswith("· 瞪羚企业")]
    assert len(listed) == 20
    assert "……另有5条（/history 查看）" in text
    caption, texts = summary_messages(summary)
    assert len(texts) <= 1


def test_each_new_figure_in_the_summary_names_its_city(store, answerer):
    """Before: "· 工业投资总额 2026年1-6月 900亿元" for 深圳's figure read as 苏州's."""
    record(store, "industrial_investment", 1000, "亿元")  # MADE UP
    record(store, "industrial_investment", 900, "亿元", city="深圳")  # MADE UP
    answerer.reload()
    text = render_summary(build_summary(answerer))
    assert "· 工业投资总额 苏州2026年1-6月 1000亿元" in text, text
    assert "· 工业投资总额 深圳2026年1-6月 900亿元" in text, text
