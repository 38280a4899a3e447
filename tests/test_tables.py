"""Excel/CSV export and import: exact round trips, encodings, all-or-nothing writes with their audit rows."""

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest

import knowledge.tables.reading as table_reading
from knowledge.errors import KnowledgeError
from knowledge.places import CITIES
from knowledge.store import SEEDS_DIR, open_store
from knowledge.tables import (
    MAX_FILE_BYTES, SHEETS, ImportFileError, apply_import, export_workbook, plan_import, read_tables,
)

OBSERVATION_HEADER = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote"


def seed_header(table):
    with (SEEDS_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def table_rows(store, table):
    return list(store.db[table].rows_where(order_by="rowid"))


def observation_csv(*rows, header=OBSERVATION_HEADER):
    return (header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def import_bytes(store, filename, content, **kwargs):
    plan = plan_import(store, read_tables(filename, content))
    return plan, apply_import(store, plan, **kwargs)


# -- export and round trip ---------------------------------------------------------------------------

def test_export_has_one_sheet_per_table_with_the_seed_columns(store):
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(store)))
    assert book.sheetnames == ["targets", "observations", "sources", "aliases", "indicator_duties"]
    for name in book.sheetnames[:4]:
        header = [cell.value for cell in book[name][1]]
        extra = (["recorded_at", "recorded_by", "first_month", "last_month", "period_kind", "change_points"]
                 if name == "observations" else [])
        assert header == seed_header(name) + extra
        assert book[name].max_row == len(table_rows(store, name)) + 1
    # indicator_duties has no seed file: its columns are the sheet's own
    assert [cell.value for cell in book["indicator_duties"][1]] == list(SHEETS["indicator_duties"].columns)


def test_export_then_import_changes_nothing(store):
    frames = read_tables("kb.xlsx", export_workbook(store))
    plan = plan_import(store, frames)
    total = sum(len(table_rows(store, name)) for name in SHEETS)
    assert (len(plan.added), len(plan.changed), len(plan.rejected)) == (0, 0, 0), plan.summary()
    assert len(plan.unchanged) == total
    assert plan.summary().startswith(f"新增 0 行，修改 0 行，未变 {total} 行，拒绝 0 行")
    assert apply_import(store, plan) == 0


def test_exported_values_are_exact_and_empty_cells_are_none(store):
    frames = read_tables("kb.xlsx", export_workbook(store))
    targets = frames["targets"].set_index("indicator_id")
    assert targets.loc["rd_intensity", "value"] == 4.25
    assert targets.loc["a_share_listed_firms", "value"] is None
    assert targets.loc["a_share_listed_firms", "unit"] is None
    observations = frames["observations"].set_index("indicator_id")
    assert observations.loc["gross_industrial_output_increase", "value"] == 2673.56
    assert observations.loc["private_industrial_output", "value"] == 23163.1
    assert list(frames["targets"].index[:2]) == [2, 3]  # the row numbers Excel shows


def test_awkward_values_round_trip_exactly(store):
    store.record_observation(
        {"indicator_id": "gdp", "city": "苏州", "period": "2025年", "year": 2025, "value": 0.1 + 0.2,
         "unit": "万亿元", "qualifier": "", "text": "", "status": "preliminary", "source_id": "article",
         "note": "=1+1 不是公式", "quote": "  前后空格  "}, recorded_by="测试")
    store.record_observation(
        {"indicator_id": "computing_power", "city": "苏州", "period": "2026年上半年", "year": None,
         "value": 12345.678912, "unit": "PFLOPS", "qualifier": None, "text": None, "status": "actual",
         "source_id": "article", "note": None, "quote": None}, recorded_by="测试")
    content = export_workbook(store)
    sheet = openpyxl.load_workbook(io.BytesIO(content))["observations"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    plan = plan_import(store, read_tables("kb.xlsx", content))
    assert (len(plan.added), len(plan.changed), len(plan.rejected)) == (0, 0, 0), plan.summary()


# -- reading files -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_is_read_in_gbk_and_utf8_with_or_without_bom(store, encoding):
    text = (OBSERVATION_HEADER + "\n"
            "瞪羚企业,苏州,2026年6月,2026,620,家,,,actual,article,据市工信局，“瞪羚”企业,\n")
    frames = read_tables("数据.csv", text.encode(encoding))
    assert list(frames) == ["observations"]
    frame = frames["observations"]
    assert list(frame.columns[:2]) == ["indicator_id", "city"]  # no BOM stuck to the first name
    assert frame.loc[2, "note"] == "据市工信局，“瞪羚”企业"
    plan, written = import_bytes(store, "数据.csv", text.encode(encoding))
    assert written == 1
    row = store.db["observations"].get(("gazelle_firms", "苏州", "2026年6月"))
    assert (row["value"], row["unit"], row["text"], row["recorded_by"]) == (620, "家", "620家", "表格导入")


@pytest.mark.parametrize("table", ["targets", "observations", "sources", "aliases"])
def test_csv_kind_is_recognised_from_its_header(table):
    header = ",".join(seed_header(table))
    assert list(read_tables(f"{table}.csv", (header + "\n").encode())) == [table]


def test_xlsx_with_edits_applies_and_other_sheets_are_ignored(store):
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(store)))
    targets = book["targets"]
    header = [c.value for c in targets[1]]
    for row in targets.iter_rows(min_row=2):
        if row[0].value == "rd_intensity":
            row[header.index("value")].value = 4.3
            row[header.index("text")].value = None  # written out again from value and qualifier
    book["observations"].append(["工业投资总额", "苏州", "2026年1-10月", 2026, "1980亿", None, None, None, "预计",
                                 "plan2026", None, None])
    book["aliases"].append(["gazelle_firms", "羚羊企业"])
    book.create_sheet("说明").append(["这张表不导入"])
    buffer = io.BytesIO()
    book.save(buffer)

    plan, written = import_bytes(store, "改过的.xlsx", buffer.getvalue(), user_id=42, chat_id=-100)
    assert (len(plan.added), len(plan.changed), len(plan.rejected)) == (2, 1, 0), plan.summary()
    assert written == 3
    target = store.db["targets"].get(("rd_intensity", "苏州", 2026))
    assert (target["value"], target["text"]) == (4.3, "超4.3%")
    observation = store.db["observations"].get(("industrial_investment", "苏州", "2026年1-10月"))
    assert (observation["value"], observation["unit"], observation["status"]) == (1980, "亿元", "estimate")
    assert ("gazelle_firms", "羚羊企业") in store.aliases()
    changes = table_rows(store, "changes")
    assert len(changes) == 3 and {c["action"] for c in changes} == {"import"}
    assert {(c["user_id"], c["chat_id"]) for c in changes} == {(42, -100)}
    rd = next(c for c in changes if json.loads(c["entity"]).items() >= {"indicator_id": "rd_intensity",
                                                                         "city": "苏州", "year": 2026}.items())
    assert json.loads(rd["before"])["value"] == 4.25 and json.loads(rd["after"])["value"] == 4.3


def test_a_source_added_by_the_same_workbook_can_be_cited(store):
    book = openpyxl.Workbook()
    book.active.title = "observations"
    book.active.append(OBSERVATION_HEADER.split(","))
    book.active.append(["gazelle_firms", "苏州", "2026年6月", 2026, 600, "家", None, None, "actual", "gxj", None, None])
    sources = book.create_sheet("sources")
    sources.append(["id", "title", "publisher"])
    sources.append(["gxj", "苏州市工信局通报", "苏州市工信局"])
    buffer = io.BytesIO()
    book.save(buffer)
    plan, written = import_bytes(store, "x.xlsx", buffer.getvalue())
    assert written == 2
    assert store.observations("gazelle_firms")[-1].source.title == "苏州市工信局通报"


def test_indicator_may_be_given_by_its_exact_name(store):
    content = observation_csv("全社会研发投入占GDP比重,苏州,2025年,2025,4.1,%,,,actual,szstats,,")
    plan = plan_import(store, read_tables("x.csv", content))
    assert plan.added[0].key == {"indicator_id": "rd_intensity", "city": "苏州", "period": "2025年"}


# -- rejected rows -----------------------------------------------------------------------------------

def test_one_bad_row_applies_nothing_and_names_row_and_reason(store):
    content = observation_csv(
        "gazelle_firms,苏州,2026年5月,2026,580,家,,,actual,article,,",
        "gazelle_firms,苏州,2026年6月,2026,600,家,,,finished,article,,",  # row 3 in Excel
        "gazelle_firms,苏州,2026年7月,2026,620,家,,,actual,article,,",
    )
    before = table_rows(store, "observations")
    plan = plan_import(store, read_tables("x.csv", content))
    assert len(plan.added) == 2
    assert plan.rejected == [("observations", 3, "状态（status）应为 实际、初步、预计 或 修订（也可写 actual、preliminary、estimate、revised），收到“finished”")]
    assert plan.summary() == ("新增 2 行，修改 0 行，未变 0 行，拒绝 1 行\n"
                              "第3行：状态（status）应为 实际、初步、预计 或 修订（也可写 actual、preliminary、estimate、revised），收到“finished”\n"
                              "第2行 新增：瞪羚企业 苏州 2026年5月：580家\n"
                              "第4行 新增：瞪羚企业 苏州 2026年7月：620家")
    with pytest.raises(ImportFileError, match="未导入任何数据"):
        apply_import(store, plan)
    assert table_rows(store, "observations") == before
    assert table_rows(store, "changes") == []


@pytest.mark.parametrize("row, reason", [
    ("no_such_indicator,苏州,2025年,2025,1,个,,,actual,article,,", "未知指标：“no_such_indicator”"),
    ("gazelle_firms,苏州,2025年,2025,1,家,,,actual,no_such_source,,", "未知来源编号：“no_such_source”"),
    ("gazelle_firms,,2025年,2025,1,家,,,actual,article,,", "城市（city）不能为空"),
    ("gazelle_firms,苏州,2026年,1999,1,家,,,actual,article,,", "年份应为 2000 到 2100 之间的整数，收到“1999”"),
    ("gazelle_firms,苏州,2026年,二〇二,1,家,,,actual,article,,", "年份应为 2000 到 2100 之间的整数"),  # 二〇二六 is 2026
    ("rd_intensity,苏州,2025年,2025,120,%,,,actual,article,,", "百分比应在 0 到 100 之间"),
    ("gazelle_firms,苏州,2025年,2025,-5,家,,,actual,article,,", "数值不能为负：-5"),
    ("rd_intensity,苏州,2025年,2025,4.1,亿元,,,actual,article,,", "单位不符"),
    ("gazelle_firms,苏州,2025年,2025,很多,家,,,actual,article,,", "无法识别的数值"),
    ("gazelle_firms,苏州,2025年,2025,1,家,,,done,article,,", "状态（status）应为"),
    ("gazelle_firms,苏州,2025年,2025,,家,,,actual,article,,", "数值（value）为空时须填写文字（text）"),
    ("gazelle_firms,苏州,2025年,2025,1,000,家,,,actual,article,,", "多出 1 个单元格"),
])
def test_each_bad_cell_is_named(store, row, reason):
    plan = plan_import(store, read_tables("x.csv", observation_csv(row)))
    assert len(plan.rejected) == 1, plan.summary()
    assert plan.rejected[0][1] == 2
    assert reason in plan.rejected[0][2]


def test_target_needs_a_year_and_duplicates_are_refused(store):
    header = ",".join(seed_header("targets"))
    content = (header + "\n"
               "gazelle_firms,苏州,,1000,家,,,plan2026,\n"
               "gazelle_firms,苏州,2027,1200,家,,,plan2026,\n"
               "gazelle_firms,苏州,2027,1300,家,,,plan2026,\n").encode()
    plan = plan_import(store, read_tables("t.csv", content))
    assert plan.rejected == [("targets", 2, "年份（year）不能为空"),
                             ("targets", 4, "与第3行重复（同一指标、城市、年份）")]


def test_summary_lists_at_most_twenty_rejections(store):
    rows = [f"gazelle_firms,{CITIES[i + 1]},2025年,2025,-1,家,,,actual,article,," for i in range(25)]
    summary = plan_import(store, read_tables("x.csv", observation_csv(*rows))).summary().splitlines()
    assert summary[0] == "新增 0 行，修改 0 行，未变 0 行，拒绝 25 行"
    assert summary[1].startswith("第2行：数值不能为负")
    assert len(summary) == 22 and summary[-1] == "…另有 5 行（命令行加 --all 可列出全部）"


# -- refused files -----------------------------------------------------------------------------------

@pytest.fixture
def no_parsing(monkeypatch):
    """Any attempt to parse the content fails the test: refusals must come first."""
    def boom(*args, **kwargs):
        raise AssertionError("parsed a file that should have been refused")

    monkeypatch.setattr(openpyxl, "load_workbook", boom)
    monkeypatch.setattr(table_reading, "csv", SimpleNamespace(reader=boom, Error=csv.Error))


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("filename, content, message", [
    ("data.txt", b"indicator_id,city\n", "只支持 .xlsx"),
    ("data.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "只支持 .xlsx"),
    ("data", b"indicator_id,city\n", "只支持 .xlsx"),
    ("fake.xlsx", b"indicator_id,city,period\nx,y,z\n", "不是 Excel 工作簿"),
    ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Excel"),
    ("zip.xlsx", zip_bytes({"readme.txt": "hello"}), "不是 Excel 工作簿"),
    ("binary.csv", bytes(range(256)) * 8, "不是文本"),
    ("image.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(200, 256)) * 30, "不是文本"),
    ("book.csv", zip_bytes({"[Content_Types].xml": "x", "xl/workbook.xml": "x"}), "内容是 Excel 工作簿"),
    ("big.csv", OBSERVATION_HEADER.encode() + b"\n" + b"x" * MAX_FILE_BYTES, "上限为 5 MB"),
    ("big.xlsx", b"PK\x03\x04" + b"\0" * MAX_FILE_BYTES, "上限为 5 MB"),
])
def test_bad_files_are_refused_before_parsing(no_parsing, filename, content, message):
    with pytest.raises(ImportFileError, match=message) as refused:
        read_tables(filename, content)
    assert isinstance(refused.value, KnowledgeError)


def test_a_damaged_workbook_is_refused_with_a_chinese_message():
    content = zip_bytes({"[Content_Types].xml": "<broken", "xl/workbook.xml": "<broken"})
    with pytest.raises(ImportFileError, match="无法读取这个 Excel 工作簿"):
        read_tables("damaged.xlsx", content)


def test_a_workbook_without_known_sheets_is_refused():
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active.append(["indicator_id", "city"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFileError, match="没有可导入的工作表"):
        read_tables("x.xlsx", buffer.getvalue())


def test_missing_required_column_is_refused():
    header = OBSERVATION_HEADER.replace(",source_id", "")
    with pytest.raises(ImportFileError, match="observations 表缺少必需的列：source_id"):
        read_tables("x.csv", (header + "\n").encode())
    with pytest.raises(ImportFileError, match="无法识别这个 CSV"):
        read_tables("x.csv", "名称,数值\n研发,4.2\n".encode("gbk"))


# -- one transaction ---------------------------------------------------------------------------------

def big_plan(store, count=50):
    # a city an import reads must be a known place (knowledge.places), so each row takes another one
    rows = [f"gazelle_firms,{CITIES[i + 1]},2025年,2025,{i},家,,,actual,article,," for i in range(count)]
    return plan_import(store, read_tables("x.csv", observation_csv(*rows)))


def test_rows_and_audit_rows_commit_in_one_transaction(tmp_path):
    store = open_store(tmp_path / "kb.db")
    statements = []
    store.db.conn.set_trace_callback(statements.append)
    assert apply_import(store, big_plan(store)) == 50
    store.db.conn.set_trace_callback(None)
    keywords = [s.split()[0].upper() for s in statements]
    assert keywords.count("BEGIN") == 1 and keywords.count("COMMIT") == 1
    begin, commit = keywords.index("BEGIN"), keywords.index("COMMIT")
    writes = [i for i, s in enumerate(statements) if s.upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes and begin < min(writes) and max(writes) < commit
    other = sqlite3.connect(tmp_path / "kb.db")
    assert other.execute("select count(*) from changes where action = 'import'").fetchone() == (50,)


def test_a_failing_audit_row_rolls_back_every_row(tmp_path):
    store = open_store(tmp_path / "kb.db")
    before = table_rows(store, "observations")
    # the 50th audit row fails: by then all 50 figures have been written inside the transaction
    store.db.execute("create trigger fail before insert on changes when (select count(*) from changes) >= 49 "
                     "begin select raise(abort, 'audit refused'); end")
    with pytest.raises(sqlite3.IntegrityError, match="audit refused"):
        apply_import(store, big_plan(store))
    assert table_rows(store, "observations") == before and table_rows(store, "changes") == []
    other = sqlite3.connect(tmp_path / "kb.db")
    assert other.execute("select count(*) from observations").fetchone() == (len(before),)


def test_audit_rows_look_like_record_change_rows(store):
    apply_import(store, big_plan(store, 1))
    store.record_change("probe", {"k": 1}, None, {"v": 1})
    imported, probe = table_rows(store, "changes")
    assert imported.keys() == probe.keys()
    assert json.loads(imported["entity"]) == {"indicator_id": "gazelle_firms", "city": CITIES[1], "period": "2025年",
                                              "table": "observations", "batch": imported["id"]}
    assert imported["before"] is None and json.loads(imported["after"])["recorded_by"] == "表格导入"


def test_a_plan_made_stale_by_another_write_is_refused(store):
    plan = big_plan(store, 3)
    store.record_observation({**plan.added[1].after}, recorded_by="别人")
    with pytest.raises(ImportFileError, match="第3行在预览后已被修改"):
        apply_import(store, plan)
    assert len(store.observations("gazelle_firms")) == 1


# -- command line ------------------------------------------------------------------------------------

def run_cli(tmp_path, *args, stdin=""):
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db")}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60)


def test_cli_export_import_and_refusal(tmp_path):
    result = run_cli(tmp_path, "export", "kb.xlsx")
    assert result.returncode == 0, result.stderr
    result = run_cli(tmp_path, "import", "kb.xlsx")
    assert result.returncode == 0 and "新增 0 行，修改 0 行" in result.stdout and "没有需要导入的更改" in result.stdout

    (tmp_path / "new.csv").write_bytes(observation_csv("gazelle_firms,苏州,2026年6月,2026,600,家,,,actual,article,,"))
    result = run_cli(tmp_path, "import", "new.csv", stdin="n\n")
    assert result.returncode == 1 and "确认导入？[y/N]" in result.stdout and "已取消" in result.stdout
    result = run_cli(tmp_path, "import", "new.csv", stdin="y\n")
    assert result.returncode == 0 and "已导入 1 行" in result.stdout

    (tmp_path / "bad.csv").write_bytes(observation_csv("gazelle_firms,苏州,2026年7月,2026,-1,家,,,actual,article,,"))
    result = run_cli(tmp_path, "import", "bad.csv", "--yes")
    assert result.returncode == 1 and "第2行：数值不能为负" in result.stdout and "已导入" not in result.stdout
    (tmp_path / "notes.txt").write_text("x")
    result = run_cli(tmp_path, "import", "notes.txt", "--yes")
    assert result.returncode == 1 and "只支持 .xlsx" in result.stderr and "Traceback" not in result.stderr
