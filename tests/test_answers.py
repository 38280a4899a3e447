import re
from handlers.messages import split_message

from knowledge.answers import Answerer
from knowledge.render import render_reply, reply_dict
from tests.conftest import fixed_clock


def record(store, indicator_id, value, unit, period="2026年1-6月", year=2026, city="苏州"):
    store.record_observation(
        {"indicator_id": indicator_id, "city": city, "period": period, "year": year, "value": value,
         "unit": unit, "qualifier": "", "text": "", "status": "actual", "source_id": "plan2026",
         "note": "", "quote": ""},
        recorded_by="test",
    )


def test_target_answer_has_the_design_layout(answerer):
    text = render_reply(answerer.answer("苏州研发投入目标"))
    assert text.splitlines() == [
        "全社会研发投入占GDP比重 · 苏州 2026年目标",
        "目标：超4.25%",
        "最新：暂无2026年数据",
        "来源：《苏州市推进新型工业化2026年行动方案》",
    ]


def test_latest_earlier_figure_is_shown_when_2026_has_none(answerer):
    text = render_reply(answerer.answer("规上工业总产值目标"))
    assert "暂无2026年数据" in text and "2025年 预计4.89万亿元" in text


def test_a_recorded_actual_changes_the_answer_after_reload(store, answerer):
    record(store, "industrial_investment", 1000, "亿元")
    answerer.reload()
    reply = answerer.answer("工业投资进度怎么样了")
    text = render_reply(reply)
    assert "最新：1000亿元（2026年1-6月）" in text
    assert "完成率：40.0%" in text and "序时进度：50.0%" in text and "状态：滞后 🟡" in text
    assert reply_dict(reply)["results"][0]["progress"]["status"] == "滞后"


def test_share_actual_reports_points_not_a_rate(store, answerer):
    record(store, "rd_intensity", 4.1, "%", period="2026年")
    answerer.reload()
    text = render_reply(answerer.answer("研发强度"))
    assert "低于目标0.15个百分点" in text and "完成率" not in text


def test_past_year_question_returns_that_years_figure(answerer):
    text = render_reply(answerer.answer("2024年规上工业总产值多少"))
    assert "4.7万亿元" in text and "4.89" not in text


def test_year_without_data_declines_and_names_the_years_that_exist(answerer):
    for question in ("2023年规上工业总产值", "2030年智算规模目标", "深圳2024年规上工业总产值"):
        reply = answerer.answer(question)
        text = render_reply(reply)
        assert reply.decision == "decline" and "暂无" in text, question
        assert not any(figure in text for figure in ("万亿元", "PFLOPS", "4.7", "2.3")), text
    assert "2013年、2024年、2025年、2026年目标" in render_reply(answerer.answer("2023年规上工业总产值"))


def test_other_city_never_gets_suzhous_figure(answerer):
    for question in ("南京研发投入目标", "上海研发投入目标", "无锡高企新增目标", "昆山工业投资"):
        reply = answerer.answer(question)
        text = render_reply(reply)
        assert reply.decision == "decline", question
        assert not re.search(r"\d", text.replace("2026", "")), text


def test_city_with_its_own_figure_is_answered_with_it(answerer):
    assert "13个" in render_reply(answerer.answer("上海千亿产业数量"))
    assert "11个" in render_reply(answerer.answer("千亿产业数量"))


def test_ambiguous_question_clarifies_with_each_figure(answerer):
    reply = answerer.answer("智能工厂目标")
    assert reply.decision == "clarify"
    figures = {c.indicator.id: fig["figure"] for (c, _), fig in zip(reply.candidates, reply_dict(reply)["candidates"])}
    assert figures == {"pilot_smart_factories": "2026年目标 1个", "excellent_smart_factories": "2026年目标 5个"}


def test_bad_input_is_a_clean_decline(answerer):
    for question in ("", "   ", "x" * 5000, "😀🎉👍", "<script>alert(1)</script>", "'; DROP TABLE targets; --",
                     "\x00\x01", "收到", "明天几点开会"):
        reply = answerer.answer(question)
        assert reply.decision == "decline", question
        assert render_reply(reply)


def test_html_in_names_is_escaped(store):
    store.db["indicators"].insert({"id": "x", "name": "<b>测试&指标</b>", "category": "测试", "unit": "个",
                                   "kind": "cumulative", "higher_is_better": 1})
    store.db["targets"].insert({"indicator_id": "x", "city": "苏州", "year": 2026, "value": 3, "unit": "个",
                                "qualifier": "", "text": "3个", "source_id": "plan2026", "quote": ""})
    store.db["aliases"].insert({"indicator_id": "x", "alias": "测试指标", "added_by": "test"})
    answerer = Answerer(store, clock=fixed_clock(2026, 7, 2))
    html = render_reply(answerer.answer("测试指标"), html=True)
    assert "&lt;b&gt;测试&amp;指标&lt;/b&gt;" in html
    assert html.count("<b>") == 1  # only the renderer's own title tag


def test_split_message_respects_the_limit_and_line_boundaries():
    text = "\n".join(f"第{i}行" + "字" * 50 for i in range(300))
    pieces = split_message(text, limit=1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert "\n".join(pieces) == text
    assert split_message("a" * 2500, limit=1000) == ["a" * 1000, "a" * 1000, "a" * 500]


def test_a_write_from_another_process_is_seen_without_restart(tmp_path):
    from knowledge.store import open_store

    path = tmp_path / "kb.db"
    answerer = Answerer(open_store(path), clock=fixed_clock(2026, 7, 2))
    assert "暂无2026年数据" in render_reply(answerer.answer("瞪羚"))
    record(open_store(path), "gazelle_firms", 500, "家")  # a second connection, as the console import uses
    assert "最新：500家" in render_reply(answerer.answer("瞪羚"))


def test_every_seeded_figure_comes_back_from_a_question(answerer):
    from knowledge.store import read_seed

    names = {row["id"]: row["name"] for row in read_seed("indicators")}
    for row in read_seed("targets"):
        text = render_reply(answerer.answer(f"{names[row['indicator_id']]}目标"))
        assert row["text"] in text, (row, text)
    for row in read_seed("observations"):
        year = f"{row['year']}年" if row["year"] else ""
        city = row["city"] if row["city"] != "全国" else ""
        text = render_reply(answerer.answer(f"{city}{year}{names[row['indicator_id']]}"))
        assert row["text"] in text, (row, text)


def test_a_total_is_not_answered_with_a_yearly_addition(answerer):
    for question in ("苏州专精特新企业总数", "高新技术企业一共有多少家", "现有单项冠军企业多少家"):
        reply = answerer.answer(question)
        text = render_reply(reply)
        assert reply.decision == "decline" and reply.reason == "only_increment", question
        assert "新增" in text and "总数" in text and not re.search(r"\d", text), text
    for question in ("新增高企总数", "高企今年累计新增多少", "高企完成进度", "人才总量要达到多少"):
        assert answerer.answer(question).decision == "answer", question


def test_a_figure_without_notes_has_no_empty_brackets(answerer):
    # an actual figure (no 同比, no status word, no note) printed "2024年：4.7万亿元（）"
    text = render_reply(answerer.answer("2024年规上工业总产值"))
    assert "2024年：4.7万亿元" in text and "（）" not in text, text
