"""A control character in a source title (a release heading, an import, /set) no longer makes every
进度通报 fail ("All strings must be XML compatible"): text is stored without control characters, and the
Word writer leaves out what a .docx cannot hold, for rows stored before. Figures are MADE UP."""

import io
import os
import subprocess
import sys

import pytest
from docx import Document

from knowledge.control_characters import is_plain, stored_text, xml_text
from knowledge.edits import apply_edit, plan_observation
from knowledge.releases import apply_release, plan_release, read_release
from knowledge.reports import build_report, render_docx
from knowledge.store import open_store
from knowledge.tables import apply_import, plan_import, read_tables
from tests.group_chat import GROUP, MEMBER, press, run, say
from tests.test_answers import record
from datetime import date

# the day these releases are read: every period they name has ended
READ_ON = date(2026, 12, 7)

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
    apply_release(store, plan_release(store, read_release(text, store, READ_ON), "测试"))
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


# -- every character a .docx cannot hold (XML 1.0's Char production), not only the C0 controls ----------

def outside_xml(code: int) -> bool:
    """Whether the code point is outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
    [#xE000-#xFFFD] | [#x10000-#x10FFFF] (spelled out here, not read from the rule under test)."""
    return not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
                or 0x10000 <= code <= 0x10FFFF)


def test_the_one_rule_covers_every_character_xml_forbids():
    outside = [code for code in range(0x110000) if outside_xml(code)]
    assert len(outside) == 29 + 2048 + 2  # C0 but tab/newline/return, surrogates, U+FFFE and U+FFFF
    assert all(xml_text(f"a{chr(code)}b") == "ab" and stored_text(f"a{chr(code)}b") == "ab" for code in outside)
    kept = "\t\n\r 字\ud7ff\ue000\ufffd\U00010000\U0010ffff"
    assert xml_text(kept) == kept


# One of each kind XML forbids that SQLite can hold (a lone surrogate cannot be encoded to be stored).
FORBIDDEN = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff"]
# The free-text columns a report can show, with what a row stored before the rule may hold.
FREE_TEXT = {"sources": ("title", "publisher", "quote"), "indicators": ("name", "category"),
             "targets": ("text", "quote"),
             "observations": ("text", "note", "quote", "recorded_by", "qualifier", "unit")}


@pytest.mark.parametrize("character", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_a_report_is_written_whatever_a_stored_text_holds(store, answerer, character):
    record(store, "industrial_investment", 1000, "亿元")
    for table, columns in FREE_TEXT.items():
        for column in columns:
            store.db.execute(f"update [{table}] set [{column}] = [{column}] || ?", [character])
    store.db.conn.commit()
    lines = report_sources(answerer, stored_plain=False)
    assert "1. 《苏州市推进新型工业化2026年行动方案》" in lines


@pytest.mark.parametrize("character", ["\ufffe", "\uffff"])
def test_a_set_through_the_chat_with_u_fffe_or_u_ffff_still_gives_a_report(tmp_path, character):
    async def body(stand):
        preview = await say(stand, f"/set 工业投资总额 1980亿 1-10月 市统计局{character}月报")
        assert "已保存" in (await press(stand, preview, "确认"))["text"]
        before = len(stand.sent_messages(GROUP))
        stand.send_user_message(GROUP, "/report", user_id=MEMBER, chat_type="supergroup")
        sent = (await stand.wait_for_sent(GROUP, count=before + 1, timeout=30))[-1]
        document = Document(io.BytesIO(stand.files[sent["document"]["file_id"]]))
        assert any("市统计局月报" in p.text for p in document.paragraphs)
        assert all(is_plain(s.title) for s in stand.answerer.store.source_list())

    run(tmp_path, body)


def test_the_console_report_is_written_whatever_a_stored_title_holds(tmp_path):
    store = open_store(tmp_path / "kb.db")
    store.db.execute("update sources set title = title || ?, publisher = ? || publisher", ["\uffff", "\ufffe\x0b"])
    store.db.conn.commit()
    store.db.close()
    env = {key: value for key, value in os.environ.items() if key != "TELEGRAM_BOT_TOKEN"}
    done = subprocess.run([sys.executable, "-m", "bot", "report", "--docx", str(tmp_path / "a.docx")],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env=env | {"BOT_DB_PATH": str(tmp_path / "kb.db")})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "通报已写入" in done.stdout
    assert Document(str(tmp_path / "a.docx")).tables[0].rows
