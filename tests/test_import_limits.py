"""Imports never freeze the bot: rows and columns are limited before a table is parsed in full, the
duplicate-column check is linear, and parsing and checking run off the event loop — a question sent
while a large import is being read is answered before the import's preview."""

import asyncio
import io
import zipfile

import pytest

from knowledge.answers import Answerer
from knowledge.store import open_store
from knowledge.tables import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, ImportFileError, read_tables
from tests.conftest import OTHER_PLACES, fixed_clock
from tests.harness import application, standin

GROUP, OWNER, MEMBER = -100510, 42, 8
HEADER = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote"


MADE_UP = "造数"  # the note of every row observations_csv writes


def observations_csv(rows: int, start: int = 0) -> bytes:
    """`rows` distinct, valid observation rows (made-up figures, noted 造数): each a counted-in-家
    indicator, a city of OTHER_PLACES and a month from 2000年1月 on, all three taken in turn."""
    indicators, places = ("gazelle_firms", "unicorn_incubation_firms", "ai_enablement_centers"), len(OTHER_PLACES)
    lines = [HEADER]
    for n in range(start, start + rows):
        month = n // (places * len(indicators))
        lines.append(f"{indicators[n // places % len(indicators)]},{OTHER_PLACES[n % places]},"
                     f"{2000 + month // 12}年{month % 12 + 1}月,{2000 + month // 12},{n % 900},家,,,actual,plan2026,{MADE_UP},")
    return ("\n".join(lines) + "\n").encode("utf-8")


def workbook_with_rows(rows: int, *, declare_dimension: bool) -> bytes:
    """A minimal .xlsx, written by hand, whose observations sheet has `rows` rows of one number each."""
    body = "".join(f'<row r="{n}"><c r="E{n}"><v>1</v></c></row>' for n in range(2, rows + 2))
    header = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
                     for i, name in enumerate(HEADER.split(",")))
    dimension = f'<dimension ref="A1:L{rows + 1}"/>' if declare_dimension else ""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main">{dimension}<sheetData><row r="1">{header}</row>{body}</sheetData></worksheet>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
        'org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
        'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
        'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="observations" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_the_hand_written_workbook_is_read_when_small():
    [frame] = read_tables("small.xlsx", workbook_with_rows(3, declare_dimension=True)).values()
    assert len(frame) == 3 and list(frame["value"]) == [1, 1, 1]


@pytest.mark.parametrize("declare_dimension", [True, False])
def test_a_workbook_of_300000_rows_is_refused(declare_dimension):
    content = workbook_with_rows(300_000, declare_dimension=declare_dimension)
    assert len(content) < MAX_FILE_BYTES  # passes the size check: only the row limit stops it
    with pytest.raises(ImportFileError, match="超过 100,000 行"):
        read_tables("big.xlsx", content)


def aliases_csv(rows: int) -> bytes:
    return ("indicator_id,alias\n" + "".join(f"gazelle_firms,别名{n}\n" for n in range(rows))).encode()


def test_a_csv_at_the_row_limit_is_read_and_one_more_row_is_refused():
    assert MAX_ROWS == 100_000
    assert len(read_tables("ok.csv", aliases_csv(MAX_ROWS))["aliases"]) == MAX_ROWS
    with pytest.raises(ImportFileError, match="超过 100,000 行"):
        read_tables("big.csv", aliases_csv(MAX_ROWS + 1))


@pytest.mark.parametrize("columns", [30_000, 200_000])
def test_a_csv_header_of_many_duplicate_columns_is_refused_before_the_rows(columns):
    header = HEADER + ",note" * columns
    content = (header + "\n" + "gazelle_firms,苏州,2026年5月,2026,1,家,,,actual,plan2026,,\n").encode()
    with pytest.raises(ImportFileError, match=f"超过上限 {MAX_COLUMNS} 列"):
        read_tables("wide.csv", content)


def test_duplicate_columns_are_still_named():
    with pytest.raises(ImportFileError, match="列名重复：note、value"):
        read_tables("dup.csv", (HEADER + ",value,note\n").encode())


def test_a_question_sent_during_a_large_import_is_answered_before_its_preview(tmp_path):
    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin(admins={GROUP: [OWNER, MEMBER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER})):
            stand.send_document(GROUP, "big.csv", observations_csv(60_000), caption="/import", user_id=OWNER,
                                chat_type="supergroup")
            stand.send_user_message(GROUP, "/ask 瞪羚", user_id=MEMBER, chat_type="supergroup")
            stand.send_user_message(1001, "高企新增多少家", user_id=1001)
            [private] = await stand.wait_for_sent(1001, timeout=120)
            [first] = await stand.wait_for_sent(GROUP, timeout=120)
            assert "500家" in private["text"] and "力争1000家" in first["text"]  # the answers came first
            [_, preview] = await stand.wait_for_sent(GROUP, count=2, timeout=180)
            assert "导入预览" in preview["text"] and "新增 60000 行" in preview["text"]

    asyncio.run(asyncio.wait_for(body(), 300))
