"""A control character in a source title (a release heading, an import, /set) no longer makes every
进度通报 fail ("All strings must be XML compatible"): text is stored without control characters, and the
Word writer leaves out what a .docx cannot hold, for rows stored before. Figures are MADE UP."""

import io

import pytest
from docx import Document

from knowledge.control_characters import is_plain, stored_text, xml_text
from knowledge.edits import apply_edit, plan_observation
from knowledge.releases import apply_release, plan_release, read_release
from knowledge.reports import build_report, render_docx
from knowledge.tables import apply_import, plan_import, read_tables
from tests.test_answers import record

HEADER = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote\n"


def report_sources(answerer, stored_plain: bool = True) -> list[str]:
    """The 数据来源 lines of the report the answerer's knowledge makes, written and read back; with
    `stored_plain`, first that every source was stored without control characters."""
    answerer.reload()
    if stored_plain:
        assert all(is_plain(s.title + s.publisher) for s in answerer.store.source_list())
    document = Document(io.BytesIO(render_docx(build_report(answerer))))
    texts = [p.text for p in document.paragraphs]
    return texts[texts.index("四、数据来源") + 1:]


def test_a_release_heading_with_a_bell_still_gives_a_report(store, answerer):
    text = "2026年1—6月全市\x07经济运行情况\n1—6月，全市工业投资1000亿元，同比增长7.5%。"
    apply_release(store, plan_release(store, read_release(text, store, 2026), "测试"))
    assert any("2026年1—6月全市经济运行情况" in line for line in report_sources(answerer))


def test_an_imported_source_title_with_a_control_character_still_gives_a_report(store, answerer):
    sources = "id,title,publisher\nsz-fast,市统计局\x07快报\t（月度）,市统计局\x0c\n"
    apply_import(store, plan_import(store, read_tables("sources.csv", sources.encode())), 42, 7)
    figures = HEADER + "industrial_investment,苏州,2026年1-6月,2026,1000,亿元,,,actual,sz-fast,\"第一行\r\n第二行\",\n"
    apply_import(store, plan_import(store, read_tables("figures.csv", figures.encode())), 42, 7)
    assert "2. 市统计局快报 （月度）" in report_sources(answerer)
    assert store.get_row("sources", {"id": "sz-fast"})["publisher"] == "市统计局"
    [note] = [o.note for o in store.observations("industrial_investment") if o.source.id == "sz-fast"]
    assert note == "第一行\n第二行"  # a note may hold several lines


def test_a_set_with_a_control_character_in_its_source_still_gives_a_report(store, answerer):
    plan = plan_observation(answerer, "工业投资总额", "1000亿", "1-6月", "王科长", source="市工信局\x07通报")
    apply_edit(store, plan, 42, 7)
    assert "市工信局通报" in "".join(report_sources(answerer))


def test_a_title_stored_with_a_control_character_before_still_gives_a_report(store, answerer):
    store.db.execute("insert into sources (id, title, publisher, published, quote) "
                     "values ('old', '旧来源\x07\x1b标题', '', '', '')")
    record(store, "industrial_investment", 1000, "亿元")
    store.db.execute("update observations set source_id = 'old' where indicator_id = 'industrial_investment' "
                     "and period = '2026年1-6月'")
    assert "2. 旧来源标题" in report_sources(answerer, stored_plain=False)


@pytest.mark.parametrize(("text", "multiline", "stored"), [
    ("a\x07b\x00c\x7f", False, "abc"),
    ("第一行\r\n第二行\t末", True, "第一行\n第二行 末"),
    ("标题\n续", False, "标题 续"),
    ("孤\ud800字\ufffe", False, "孤字"),
])
def test_the_one_rule(text, multiline, stored):
    assert stored_text(text, multiline) == stored
    assert xml_text(stored) == stored
