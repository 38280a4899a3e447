"""The 进度通报 as a Word document: opened again with python-docx and read back.

Figures here are made up for the tests (the article has no 2026 actuals).
"""

import asyncio
import io
import os
import subprocess
import sys
from datetime import date as _date, datetime as _datetime

import pytest
from docx import Document
from docx.oxml.ns import qn

from knowledge.answers import Answerer
from knowledge.labels import status_label
from knowledge.models import Subscription
from knowledge.progress import AHEAD, BEHIND, ON_TRACK
from knowledge.reports import COLUMNS, SHADING, build_report, render_docx
from knowledge.schedule import latest_occurrence, report_due, scheduled_day
from knowledge.standings import dump_standings, load_standings
from knowledge.store import open_store
from tests.conftest import SHANGHAI, fixed_clock
from tests.harness import application, standin
from tests.test_answers import record


def made_up_figures(store):
    # 2 July 2026 (the answerer fixture's clock): half of the year is covered by 1-6月 figures.
    record(store, "industrial_investment", 1000, "亿元")  # 40% against 50% → 滞后
    record(store, "new_high_tech_enterprises", 300, "家")  # 60% against 50% → 超前
    record(store, "high_tech_output_share", 56.85, "%")  # 0.15 point below 57% → 基本同步


def open_docx(content: bytes):
    return Document(io.BytesIO(content))


def table_rows(document) -> dict[str, list[str]]:
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert tuple(header) == COLUMNS
    return {row.cells[0].text: row for row in table.rows[1:]}


def shading_of(cell) -> str | None:
    shading = cell._tc.tcPr.find(qn("w:shd"))
    return None if shading is None else shading.get(qn("w:fill"))


def test_the_table_holds_every_current_target_with_its_figures_and_status(store, answerer):
    made_up_figures(store)
    answerer.reload()
    document = open_docx(render_docx(build_report(answerer)))
    rows = table_rows(document)
    current = answerer.targets_overview()
    assert len(current) == 27 and set(rows) == {a.indicator.name for a in current}
    for answer in current:
        cells = [c.text for c in rows[answer.indicator.name].cells]
        assert cells[1] == (answer.target.text or cells[1]) and cells[1]
        assert cells[5] == status_label(answer.progress.status)
    investment = [c.text for c in rows["工业投资总额"].cells]
    assert investment[1] == "力争2500亿元"
    assert investment[2].startswith("1000亿元") and "2026年1-6月" in investment[2]
    assert investment[3] == "完成率40.0%" and investment[5] == "滞后"
    assert [c.text for c in rows["新增高新技术企业"].cells][3:] == ["完成率60.0%", "50.0%", "超前"]
    assert [c.text for c in rows["高新技术产业产值占规上工业总产值比重"].cells][3:] == ["低于目标0.15个百分点", "—", "基本同步"]
    assert [c.text for c in rows["人才总量"].cells][2:] == ["暂无数据", "—", "—", "暂无数据"]


@pytest.mark.parametrize("name,fill", [("工业投资总额", SHADING[BEHIND]), ("新增高新技术企业", SHADING[AHEAD]),
                                       ("高新技术产业产值占规上工业总产值比重", SHADING[ON_TRACK]), ("人才总量", None)])
def test_the_status_cell_is_shaded_in_its_colour(store, answerer, name, fill):
    made_up_figures(store)
    answerer.reload()
    rows = table_rows(open_docx(render_docx(build_report(answerer))))
    assert shading_of(rows[name].cells[5]) == fill


def test_title_date_data_period_lagging_list_and_sources(store, answerer):
    made_up_figures(store)
    answerer.reload()
    text = "\n".join(p.text for p in open_docx(render_docx(build_report(answerer))).paragraphs)
    assert "苏州市推进新型工业化2026年目标进度通报" in text and "（2026年7月2日）" in text
    assert "数据截至：2026年6月" in text
    lagging = text[text.index("二、滞后指标"):text.index("三、与上次通报相比")]
    assert "工业投资总额（滞后）：2026年1-6月 1000亿元，完成率40.0%，序时进度50.0%，落后序时进度10.0个百分点。" in lagging
    assert "全年预计：2000亿元（按前6个月月均推算）；还需1500亿元，月均250亿元。" in lagging
    assert "新增高新技术企业" not in lagging
    assert "这是首份通报" in text
    assert "《苏州市推进新型工业化2026年行动方案》" in text[text.index("四、数据来源"):]


def test_without_figures_the_report_says_so(answerer):
    text = "\n".join(p.text for p in open_docx(render_docx(build_report(answerer))).paragraphs)
    assert "数据截至：暂无2026年实际数据" in text and "目前没有滞后或严重滞后的目标" in text


def test_what_changed_compares_with_the_previous_reports_standings(store, answerer):
    record(store, "industrial_investment", 1150, "亿元", period="2026年1-5月")  # 46%: 基本同步
    answerer.reload()
    first = build_report(answerer)
    stored = load_standings(dump_standings(first.standings))
    assert stored == first.standings
    record(store, "industrial_investment", 1200, "亿元")  # 1-6月 48% of 2500亿, but of 3000亿 only 40%: 滞后
    with store.transaction():
        store.write_row("targets", {"indicator_id": "industrial_investment", "city": "苏州", "year": 2026},
                        {**store.get_row("targets", {"indicator_id": "industrial_investment", "city": "苏州",
                                                     "year": 2026}), "value": 3000.0, "text": "力争3000亿元"})
    record(store, "new_high_tech_enterprises", 300, "家")
    answerer.reload()
    second = build_report(answerer, stored)
    assert second.changes == (
        "工业投资总额：目标 力争2500亿元 → 力争3000亿元；最新 2026年1-5月 1150亿元 → 2026年1-6月 1200亿元；"
        "状态 基本同步 → 滞后",
        "新增高新技术企业：最新 暂无数据 → 2026年1-6月 300家；状态 暂无数据 → 超前",
    )
    text = "\n".join(p.text for p in open_docx(render_docx(second)).paragraphs)
    assert second.changes[0] in text and "首份" not in text
    assert build_report(answerer, second.standings).changes == ()


def test_styles_name_chinese_fonts_for_word_and_wps(answerer):
    document = open_docx(render_docx(build_report(answerer)))
    expected = {"Normal": "仿宋", "Title": "宋体", "Heading 1": "黑体", "Report Table Text": "宋体"}
    for style, east_asian in expected.items():
        fonts = document.styles[style].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == east_asian, style
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None, style
    # every table cell's paragraph uses the table style, so the table is in 宋体 too
    assert {p.style.name for row in document.tables[0].rows for c in row.cells for p in c.paragraphs} == {
        "Report Table Text"}


def test_load_standings_refuses_what_is_not_a_stored_report():
    assert load_standings("") is None and load_standings("{") is None and load_standings('[{"x": 1}]') is None


def test_cli_writes_the_docx_and_the_next_one_compares_with_it(tmp_path):
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db")}
    env.pop("TELEGRAM_BOT_TOKEN", None)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=60)

    first = run("report", "--docx", str(tmp_path / "a.docx"))
    assert first.returncode == 0, first.stderr
    assert "27项目标" in first.stdout
    document = Document(str(tmp_path / "a.docx"))
    assert len(document.tables[0].rows) == 28
    figures = tmp_path / "figures.csv"
    figures.write_text("indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote\n"
                       "industrial_investment,苏州,2026年1-6月,2026,1000,亿元,,,actual,plan2026,,\n", encoding="utf-8")
    assert run("import", str(figures), "--yes").returncode == 0
    second = run("report", "--docx", str(tmp_path / "b.docx"))
    assert second.returncode == 0, second.stderr
    text = "\n".join(p.text for p in Document(str(tmp_path / "b.docx")).paragraphs)
    assert "工业投资总额：最新 暂无数据 → 2026年上半年 1000亿元；状态 暂无数据 → 滞后" in text
    wrong = run("report", "--docx", str(tmp_path / "c.txt"))
    assert wrong.returncode == 1 and "应以 .docx 结尾" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (tmp_path / "c.txt").exists()


# -- /report in a chat, end to end against the stand-in ----------------------------------------------

def test_report_command_sends_the_docx_and_the_next_one_lists_what_changed(tmp_path):
    group = -100800
    store = open_store(tmp_path / "kb.db")
    made_up_figures(store)
    answerer = Answerer(store, clock=fixed_clock(2026, 7, 2, 12))

    async def body():
        async with standin() as stand, application(stand, answerer):
            stand.send_user_message(group, "/report", chat_type="supergroup")
            [sent] = await stand.wait_for_sent(group)
            assert sent["document"]["file_name"] == "目标进度通报-20260702.docx"
            assert "滞后1项" in sent["caption"]
            document = open_docx(stand.files[sent["document"]["file_id"]])
            rows = table_rows(document)
            assert len(rows) == 27 and rows["工业投资总额"].cells[5].text == "滞后"
            assert any("这是首份通报" in p.text for p in document.paragraphs)
            stand.send_user_message(group, "/report", chat_type="supergroup")
            second = (await stand.wait_for_sent(group, count=2))[1]
            again = open_docx(stand.files[second["document"]["file_id"]])
            assert any("均无变化" in p.text for p in again.paragraphs)

    asyncio.run(asyncio.wait_for(body(), 180))


# -- monthly and weekly schedules ---------------------------------------------------------------------
@pytest.mark.parametrize("year,month,day,expected", [
    (2026, 2, 31, _date(2026, 2, 28)), (2028, 2, 30, _date(2028, 2, 29)), (2026, 4, 31, _date(2026, 4, 30)),
    (2026, 2, 29, _date(2026, 2, 28)), (2026, 3, 31, _date(2026, 3, 31)), (2026, 2, 15, _date(2026, 2, 15)),
])
def test_days_29_to_31_mean_the_last_day_of_shorter_months(year, month, day, expected):
    assert scheduled_day(year, month, day) == expected


@pytest.mark.parametrize("kind,day,now,expected", [
    ("monthly", 31, (2026, 2, 28, 8, 59), _date(2026, 1, 31)),
    ("monthly", 31, (2026, 2, 28, 9, 0), _date(2026, 2, 28)),
    ("monthly", 1, (2026, 1, 1, 8, 0), _date(2025, 12, 1)),
    ("monthly", 5, (2026, 11, 29, 9, 0), _date(2026, 11, 5)),
    ("weekly", 1, (2026, 11, 30, 8, 0), _date(2026, 11, 23)),  # Monday before 09:00: last Monday's
    ("weekly", 1, (2026, 11, 30, 9, 30), _date(2026, 11, 30)),
    ("weekly", 1, (2026, 11, 29, 23, 0), _date(2026, 11, 23)),  # Sunday
    ("weekly", 7, (2026, 11, 29, 9, 0), _date(2026, 11, 29)),
])
def test_latest_occurrence(kind, day, now, expected):
    assert latest_occurrence(kind, day, "09:00", _datetime(*now, tzinfo=SHANGHAI)) == expected


def report_subscription(kind="monthly", day=31, due_from="2026-02-01", last_sent_on="", paused=False):
    return Subscription(-1, "群", "09:00", "Asia/Shanghai", True, paused, due_from, "", last_sent_on, 0, kind, day)


@pytest.mark.parametrize("now,subscription,due", [
    ((2026, 2, 28, 8, 59), report_subscription(), False),
    ((2026, 2, 28, 9, 0), report_subscription(), True),
    ((2026, 3, 3, 10, 0), report_subscription(), True),  # missed while down: sent when back
    ((2026, 3, 3, 10, 0), report_subscription(last_sent_on="2026-03-01"), False),  # sent late once, not again
    ((2026, 2, 28, 9, 0), report_subscription(last_sent_on="2026-02-28"), False),
    ((2026, 2, 28, 9, 0), report_subscription(due_from="2026-03-01"), False),  # subscribed after it
    ((2026, 2, 28, 9, 0), report_subscription(paused=True), False),
    ((2026, 12, 7, 9, 0), report_subscription("weekly", 1, "2026-12-01", "2026-11-30"), True),
    ((2026, 12, 7, 8, 0), report_subscription("weekly", 1, "2026-12-01", "2026-11-30"), False),
])
def test_report_due(store, now, subscription, due):
    assert report_due(subscription, Answerer(store, clock=fixed_clock(*now))) is due


def test_monthly_and_weekly_reports_arrive_on_schedule_each_with_its_own_changes(tmp_path):
    from tests.test_subscriptions import Clock, bot_on, command, settle, wait_until
    from tests.test_subscriptions import standin as subscription_standin

    group = -100300  # an admin group of tests.test_subscriptions' stand-in

    def documents(stand):
        return [m for m in stand.sent_messages(group) if "document" in m]

    def text_of(stand, message):
        return "\n".join(p.text for p in open_docx(stand.files[message["document"]["file_id"]]).paragraphs)

    async def body():
        clock = Clock(2026, 11, 29, 8, 0)  # a Sunday
        async with subscription_standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            reply = await command(stand, group, "/subscribe monthly 31 09:00")
            assert "每月31日（较短的月份按当月最后一天） 09:00" in reply["text"]
            assert "每周一 09:00" in (await command(stand, group, "/subscribe weekly 周一"))["text"]
            assert "日期应为 1 到 31" in (await command(stand, group, "/subscribe monthly 32"))["text"]
            assert answerer.store.subscription(group) is None  # no daily summary was made of any of these
            clock.set(2026, 11, 30, 9, 0)  # Monday the 30th, and November's last day ("31"): both
            await wait_until(lambda: len(documents(stand)) == 2)
            await settle()
            assert len(documents(stand)) == 2 and all("这是首份通报" in text_of(stand, d) for d in documents(stand))
            record(answerer.store, "industrial_investment", 1800, "亿元", period="2026年1-10月")
            answerer.reload()
            clock.set(2026, 12, 7, 9, 0)  # the next Monday: the weekly report, with the new figure
            await wait_until(lambda: len(documents(stand)) == 3)
            await settle()
            weekly = text_of(stand, documents(stand)[2])
            assert "工业投资总额：最新 暂无数据 → 2026年1-10月 1800亿元；状态 暂无数据 → 滞后" in weekly
            assert len(documents(stand)) == 3  # the monthly one waits for 31 December
            clock.set(2026, 12, 31, 9, 0)  # the monthly one, and the weekly one of the 28th (missed: once)
            await wait_until(lambda: len(documents(stand)) == 5)
            await settle()
            texts = sorted(text_of(stand, d) for d in documents(stand)[3:])
            assert len(documents(stand)) == 5
            assert sum("工业投资总额：最新 暂无数据 → 2026年1-10月 1800亿元" in t for t in texts) == 1  # monthly
            assert sum("均无变化" in t for t in texts) == 1  # weekly: nothing since the 7th

    asyncio.run(asyncio.wait_for(body(), 180))


def test_a_scheduled_report_row_that_cannot_be_read_fails_only_its_own_chat(tmp_path):
    from tests.test_subscriptions import ADMINS_CHAT, OTHER_GROUP, Clock, bot_on, command, settle, wait_until
    from tests.test_subscriptions import standin as subscription_standin

    broken, sound = -100300, OTHER_GROUP  # both admin groups of tests.test_subscriptions' stand-in

    async def body():
        clock = Clock(2026, 11, 29, 8, 0)
        async with subscription_standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            for chat in (broken, sound):
                await command(stand, chat, "/subscribe monthly 30 09:00")
            answerer.store.db.execute("update subscriptions set tz = 'Mars/Olympus' where chat_id = ?", [broken])
            answerer.store.db.conn.commit()
            clock.set(2026, 11, 30, 9, 0)
            await wait_until(lambda: any("document" in m for m in stand.sent_messages(sound)))
            await settle()
            [failed] = answerer.store.deliveries(broken, kind="monthly")
            assert not failed.ok and "Mars/Olympus" in failed.error
            assert [d.ok for d in answerer.store.deliveries(sound, kind="monthly")] == [True]
            assert len(stand.sent_messages(ADMINS_CHAT)) == 1  # paged once, not at every check

    asyncio.run(asyncio.wait_for(body(), 180))
