"""A key or a name (an alias, a city, a 责任单位, an admin's name) holding a character the one rule of
knowledge.control_characters would remove is refused where it enters, as is one of which nothing shows;
and the .xlsx export leaves out what XML cannot hold, so text stored before can never break it (an alias
with U+FFFF made every /export fail with "All strings must be XML compatible")."""

import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest

from knowledge.control_characters import is_plain, name_refusal
from knowledge.store import open_store
from knowledge.tables import export_workbook, plan_import, read_tables
from tests.group_chat import OWNER, run, say, send_file

BAD = ["\uffff", "\ufffe", "\x01", "\x0b"]


@pytest.mark.parametrize("character", BAD, ids=[f"U+{ord(c):04X}" for c in BAD])
def test_a_name_holding_a_character_the_rule_removes_is_refused(character):
    assert name_refusal(f"工{character}投", "别名")
    assert name_refusal("\u200b", "责任单位") and name_refusal(" \u2060 ", "责任单位")
    assert name_refusal("工投", "别名") is None and name_refusal("市工信局", "责任单位") is None


def stored_texts(store) -> str:
    """Every text of every row a chat write can reach, and of the audit log."""
    return "".join(str(value) for table in ("aliases", "indicator_duties", "admins", "changes")
                   for row in store.db[table].rows for value in row.values())


def test_alias_admins_and_units_with_invisible_characters_are_refused_in_the_chat(tmp_path):
    async def body(stand):
        store = stand.answerer.store
        refused = await say(stand, "/alias 工\uffff投 工业投资总额")
        assert "控制字符" in refused["text"] and not refused.get("reply_markup")
        refused = await say(stand, "/admins add 8 李\x01四")
        assert "控制字符" in refused["text"] and not store.is_admin(8)
        refused = await say(stand, "/units 工业投资总额 \u200b")
        assert "不可见" in refused["text"] and not refused.get("reply_markup")
        assert is_plain(stored_texts(store)) and "\u200b" not in stored_texts(store)
        assert not list(store.db["changes"].rows)
        assert "已添加管理员 9" in (await say(stand, "/admins add 9 李四"))["text"]

    run(tmp_path, body)


def test_an_imported_alias_or_city_with_u_ffff_is_a_rejected_row(store):
    plan = plan_import(store, read_tables("aliases.csv", "indicator_id,alias\n工业投资总额,工\uffff投\n".encode()))
    assert not plan.writes and "控制字符" in plan.rejected[0][2]
    figures = ("indicator_id,city,period,year,value,unit,status,source_id\n"
               "industrial_investment,苏\uffff州,2026年1-6月,2026,1000,亿元,actual,szstats\n")  # made up
    plan = plan_import(store, read_tables("figures.csv", figures.encode()))
    assert not plan.writes and any("控制字符" in reason for _, _, reason in plan.rejected)


def write_forbidden_rows(store) -> None:
    """Rows stored before the rule, written directly: an alias, a 责任单位 and an audit row with U+FFFF."""
    store.db["aliases"].insert({"indicator_id": "industrial_investment", "alias": "工\uffff投", "added_by": "admin"})
    store.db["indicator_duties"].insert({"indicator_id": "industrial_investment", "unit": "市工信局\ufffe\x01",
                                         "cycle": "monthly", "due_day": 25, "updated_by": "张三\uffff"})
    store.db["changes"].insert({"at": "2026-11-26T02:00:00+00:00", "user_id": 42, "chat_id": None,
                                "action": "add_alias", "entity": json.dumps({"alias": "工\uffff投"}, ensure_ascii=False),
                                "before": None, "after": None, "undone_by": None})
    store.db.conn.commit()


def exported_texts(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)


def test_the_chat_export_is_written_whatever_a_stored_key_holds(tmp_path):
    async def body(stand):
        write_forbidden_rows(stand.answerer.store)
        sent = await say(stand, "/export")
        texts = exported_texts(stand.files[sent["document"]["file_id"]])
        assert "工投" in texts and "市工信局" in texts and is_plain(texts.replace("\n", ""))

    run(tmp_path, body)


def test_the_console_export_is_written_whatever_a_stored_key_holds(tmp_path):
    store = open_store(tmp_path / "kb.db")
    write_forbidden_rows(store)
    assert "工投" in exported_texts(export_workbook(store))
    store.db.close()
    env = {key: value for key, value in os.environ.items() if key != "TELEGRAM_BOT_TOKEN"}
    done = subprocess.run([sys.executable, "-m", "bot", "export", str(tmp_path / "x.xlsx")],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env=env | {"BOT_DB_PATH": str(tmp_path / "kb.db")})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "工投" in exported_texts((tmp_path / "x.xlsx").read_bytes())


def test_an_import_of_an_alias_with_u_ffff_in_the_chat_is_refused(tmp_path):
    async def body(stand):
        preview = await send_file(stand, "aliases.csv", "indicator_id,alias\n工业投资总额,工\uffff投\n".encode())
        assert "控制字符" in preview["text"]
        assert not list(stand.answerer.store.db["aliases"].rows_where("alias like ?", ["工%投"]))
        assert "document" in await say(stand, "/export", user_id=OWNER)

    run(tmp_path, body)
