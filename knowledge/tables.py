"""Excel/CSV import and export of the knowledge base: targets, observations, sources and aliases.

    export_workbook(store) -> bytes                       one .xlsx, a sheet per table, seeds/*.csv columns
    read_tables(filename, content) -> {sheet: DataFrame}  a .xlsx's known sheets, or one .csv recognised by header
    plan_import(store, tables) -> ImportPlan              every row validated; added / changed / unchanged / rejected
    apply_import(store, plan, user_id, chat_id) -> int    all or nothing, one transaction, one audit row per write

A DataFrame from `read_tables` is indexed by the row number the user sees in Excel (the header is row 1),
holds the cells as Python objects (None for an empty cell) and has lower-cased, stripped column names.
Every refusal is an `ImportFileError` whose message is Chinese and safe to show to the user.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from knowledge.aliases import alias_key, alias_refusal, known_keys
from knowledge.errors import KnowledgeError, QuantityError
from knowledge.models import OBSERVATION_STATUSES
from knowledge.periods import PeriodError, check_ended, current_plan_year, parse_period
from knowledge.quantities import compatible, format_number, format_quantity, parse_growth, parse_quantity, to_base
from knowledge.store import Store, restated_status, utc_now
from knowledge.target_rules import figure_refusal, target_refusal

if TYPE_CHECKING:  # pandas and openpyxl load with the first import or export, not with the bot (≈45 MB)
    import pandas as pd

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a 5 MB .xlsx that inflates beyond this is a zip bomb
MAX_LISTED_REJECTIONS = 20
# Checked before a table is parsed in full (a 105 KB workbook can hold 300,000 rows; a CSV header
# 30,000 columns): well above the 20,000-row import of tests/test_import_kill.py and the 12 columns
# of the widest table.
MAX_ROWS = 100_000
MAX_COLUMNS = 100
STATUSES = OBSERVATION_STATUSES
STATUS_WORDS = {"实际": "actual", "实际值": "actual", "预计": "estimate", "估计": "estimate", "预估": "estimate",
                "初步": "preliminary", "初步核算": "preliminary", "快报": "preliminary", "修订": "revised",
                "修订数": "revised"}
YEAR_RANGE = (2000, 2100)
IMPORT_ACTION = "import"
DEFAULT_RECORDED_BY = "表格导入"


class ExcelPercent(float):
    """A number from an Excel cell formatted as a percentage: the cell holds 0.41, Excel shows 41%."""


class ImportFileError(KnowledgeError):
    """A file (or plan) that cannot be imported; the message says why, in Chinese."""


@dataclass(frozen=True)
class Sheet:
    """One importable table: its columns in seeds/*.csv order, its key, and what a file must contain."""

    name: str
    columns: tuple[str, ...]  # exported and importable, in seeds/<name>.csv order
    key: tuple[str, ...]
    required: tuple[str, ...]
    export_extra: tuple[str, ...] = ()  # exported for reading, ignored on import

    @property
    def export_columns(self) -> tuple[str, ...]:
        return self.columns + self.export_extra


SHEETS: dict[str, Sheet] = {
    "targets": Sheet(
        "targets",
        ("indicator_id", "city", "year", "value", "unit", "qualifier", "text", "source_id", "quote"),
        key=("indicator_id", "city", "year"),
        required=("indicator_id", "city", "year", "value", "unit", "source_id"),
    ),
    "observations": Sheet(
        "observations",
        ("indicator_id", "city", "period", "year", "value", "unit", "qualifier", "text", "status", "source_id",
         "note", "quote", "yoy_growth"),
        key=("indicator_id", "city", "period"),
        required=("indicator_id", "city", "period", "value", "unit", "source_id"),
        # change_points (a share's change in 百分点, from releases) is exported for reading only
        export_extra=("recorded_at", "recorded_by", "first_month", "last_month", "period_kind", "change_points"),
    ),
    "sources": Sheet("sources", ("id", "title", "publisher", "published", "quote"), key=("id",),
                     required=("id", "title")),
    "aliases": Sheet("aliases", ("indicator_id", "alias"), key=("indicator_id", "alias"),
                     required=("indicator_id", "alias")),
    # responsible unit (责任单位), reporting cycle and due day (knowledge.duties)
    "indicator_duties": Sheet("indicator_duties", ("indicator_id", "unit", "cycle", "due_day"),
                              key=("indicator_id",), required=("indicator_id", "unit", "cycle")),
}
# Writes go in this order so that a source or an alias added by the same file exists before it is used.
APPLY_ORDER = ("sources", "aliases", "targets", "observations", "indicator_duties")
EXTRA_CELLS = "extra_cells"  # frame.attrs[EXTRA_CELLS]: {row number: cells beyond the header}


# -- export ------------------------------------------------------------------------------------------

EXPORTED_SHEETS = ("targets", "observations", "sources", "aliases", "indicator_duties")


def export_workbook(store: Store) -> bytes:
    """The knowledge base as one .xlsx (see `export_rows` and `workbook_bytes`)."""
    return workbook_bytes(export_rows(store))


def export_rows(store: Store) -> dict[str, tuple[tuple[str, ...], list[list]]]:
    """sheet name → (columns, rows) of every exported table, read on the caller's thread (the SQLite
    connection belongs to it); the slow part, `workbook_bytes`, can then run in a worker thread."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    tables = {}
    for name in EXPORTED_SHEETS:
        columns = SHEETS[name].export_columns
        tables[name] = (columns, [[_export_cell(row.get(c), ILLEGAL_CHARACTERS_RE) for c in columns]
                                  for row in store.db[name].rows_where(order_by="rowid")])
    return tables


def workbook_bytes(tables: dict[str, tuple[tuple[str, ...], list[list]]]) -> bytes:
    """The tables of `export_rows` as .xlsx bytes; numbers stay numbers, None becomes an empty cell."""
    import pandas as pd

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, (columns, rows) in tables.items():
            frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
            frame.to_excel(writer, sheet_name=name, index=False)
            worksheet = writer.sheets[name]
            worksheet.freeze_panes = "A2"
            for cells in worksheet.iter_rows(min_row=2):
                for cell in cells:
                    if cell.data_type == "f":  # a text starting with "=" is data, never a formula
                        cell.data_type = "s"
            for index, column in enumerate(columns):
                width = max([len(column)] + [len(str(r[index])) * 2 for r in rows[:200] if r[index] is not None])
                worksheet.column_dimensions[worksheet.cell(1, index + 1).column_letter].width = min(width + 2, 60)
    return buffer.getvalue()


def _export_cell(value, illegal: re.Pattern):
    if isinstance(value, str):
        return illegal.sub("", value)  # control characters cannot be stored in an .xlsx
    return value


# -- reading files -----------------------------------------------------------------------------------

def read_tables(filename: str, content: bytes) -> dict[str, pd.DataFrame]:
    """The known tables in an uploaded .xlsx or .csv; ImportFileError for anything else."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(f"文件太大（{len(content) / 1024 / 1024:.1f} MB），上限为 5 MB。")
    lowered = (filename or "").strip().lower()
    if lowered.endswith(".xlsx"):
        tables = _read_xlsx(content)
    elif lowered.endswith(".csv"):
        tables = _read_csv(content)
    else:
        raise ImportFileError("只支持 .xlsx（Excel）或 .csv 文件。")
    for name, frame in tables.items():
        _check_columns(name, frame)
    return tables


def _check_columns(name: str, frame: pd.DataFrame) -> None:
    missing = [c for c in SHEETS[name].required if c not in frame.columns]
    if missing:
        raise ImportFileError(f"{name} 表缺少必需的列：{'、'.join(missing)}（第1行应为列名）。")


# Chinese column names staff write, read as the exported (English) ones; see docs/import-format.md.
HEADER_ALIASES = {
    "指标": "indicator_id", "指标名称": "indicator_id", "指标编号": "indicator_id", "城市": "city", "地区": "city",
    "期间": "period", "时期": "period", "统计期": "period", "年份": "year", "数值": "value", "数据": "value",
    "单位": "unit", "来源": "source_id", "来源编号": "source_id", "同比": "yoy_growth", "同比增长": "yoy_growth",
    "同比增速": "yoy_growth", "状态": "status", "备注": "note", "说明": "note", "原文": "quote", "文字": "text",
    "修饰": "qualifier", "别名": "alias", "标题": "title", "发布单位": "publisher", "发布日期": "published",
}


def _header(cells) -> list[str]:
    names = [str(c).replace("\ufeff", "").strip().lower() if c is not None else "" for c in cells]
    return [HEADER_ALIASES.get(n, n) for n in names]


def _read_xlsx(content: bytes) -> dict[str, pd.DataFrame]:
    if content[:4] == b"\xd0\xcf\x11\xe0":
        raise ImportFileError("这是旧版 Excel（.xls）或加密文件，请在 Excel 中另存为 .xlsx 后再导入。")
    if content[:2] != b"PK" or not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportFileError("文件名是 .xlsx，但内容不是 Excel 工作簿。")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        # NotImplementedError: a damaged header asks for a zip version or compression zipfile lacks
        raise ImportFileError("文件名是 .xlsx，但内容不是 Excel 工作簿。") from error
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") and n.endswith("workbook.xml")
                                                     for n in names):
        raise ImportFileError("文件名是 .xlsx，但内容不是 Excel 工作簿。")
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise ImportFileError("工作簿解压后过大，拒绝读取。")

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise ImportFileError("无法读取这个 Excel 工作簿（文件可能已损坏）。") from error
    tables: dict[str, pd.DataFrame] = {}
    try:
        # A workbook of ONE sheet with another name (Excel's default "Sheet", "Sheet1") is recognised by its
        # header, as a CSV is.
        single = len(book.worksheets) == 1 and book.worksheets[0].title.strip().lower() not in SHEETS
        for worksheet in book.worksheets:
            name = worksheet.title.strip().lower()
            if single and hasattr(worksheet, "iter_rows"):
                first = next(worksheet.iter_rows(max_row=1), ())
                name = _csv_kind(set(_header(_cell_value(c) for c in first))) or name
            if name not in SHEETS or name in tables or not hasattr(worksheet, "iter_rows"):
                continue
            if _rows_in_sheet(content, worksheet) > MAX_ROWS + 1:
                raise ImportFileError(_too_many_rows(name))
            rows = (tuple(_cell_value(c) for c in r) for r in worksheet.iter_rows())
            header = next(rows, None)
            if header is None or not any(c not in (None, "") for c in header):
                continue  # an empty sheet
            header = _header(header)
            _check_width(header, name)
            frame = _frame(header, _at_most_max_rows(((n, list(r)) for n, r in enumerate(rows, start=2)), name),
                           name)
            tables[name] = frame
    except ImportFileError:
        raise
    except Exception as error:
        raise ImportFileError("无法读取这个 Excel 工作簿（文件可能已损坏）。") from error
    finally:
        book.close()
    if not tables:
        raise ImportFileError("工作簿里没有可导入的工作表：应为 targets、observations、sources、aliases 或 indicator_duties。")
    return tables


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _rows_in_sheet(content: bytes, worksheet) -> int:
    """How many rows a read-only worksheet holds, without parsing them: its <dimension> when declared,
    else a count of the <row> tags in its XML (openpyxl's read-only sheets keep the part's path; a
    sheet that cannot be found this way counts 0 and is stopped by _at_most_max_rows instead)."""
    if worksheet.max_row is not None:
        return worksheet.max_row
    path = getattr(worksheet, "_worksheet_path", None)
    if not path:
        return 0
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        try:
            return len(_ROW_TAG.findall(archive.read(path.lstrip("/"))))
        except KeyError:
            return 0


def _too_many_rows(name: str) -> str:
    return f"{name} 表超过 {MAX_ROWS:,} 行，未处理；请拆分成几个文件分别导入。"


def _check_width(header: list[str], name: str) -> None:
    """Refuse a header wider than MAX_COLUMNS (trailing empty cells do not count) before any row is read."""
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    if width > MAX_COLUMNS:
        raise ImportFileError(f"{name} 表有 {width:,} 列，超过上限 {MAX_COLUMNS} 列，未处理；请只保留要导入的列。")


def _at_most_max_rows(rows, name: str):
    """The rows, refusing the table as soon as one lies beyond MAX_ROWS (the header is row 1)."""
    for number, cells in rows:
        if number > MAX_ROWS + 1:
            raise ImportFileError(_too_many_rows(name))
        yield number, cells


def _cell_value(cell):
    """The cell's value; a number shown as a percentage (number format with %) as an ExcelPercent."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (
            getattr(cell, "number_format", None) or ""):
        return ExcelPercent(value)
    return value


def _frame(header: list[str], rows, name: str, strict_width: bool = False) -> pd.DataFrame:
    """A DataFrame indexed by Excel row number; frame.attrs[EXTRA_CELLS] counts, per row, the cells beyond
    the header (in a CSV any surplus field, which usually means a number written with an unquoted comma)."""
    import pandas as pd

    width = raw_width = len(header)
    while width and not header[width - 1]:
        width -= 1
    header = header[:width]
    columns = [c for c in header if c]
    counts = Counter(columns)  # linear: list.count per column took 17 minutes for 200,000 columns
    if len(counts) != len(columns):
        duplicated = sorted(c for c, n in counts.items() if n > 1)
        raise ImportFileError(f"{name} 表的列名重复：{'、'.join(duplicated)}。")
    keep = [i for i, c in enumerate(header) if c]
    numbers, records, surplus = [], [], {}
    for number, cells in rows:
        cells = [None if c == "" else c for c in cells]
        extra = cells[raw_width:] if strict_width and any(c is not None for c in cells) else \
            [c for c in cells[width:] if c is not None]
        record = [cells[i] if i < len(cells) else None for i in keep]
        if extra:
            surplus[number] = len(extra)
        numbers.append(number)
        records.append(record)
    frame = pd.DataFrame(records, columns=columns, index=pd.Index(numbers, dtype="int64"), dtype=object)
    frame.attrs[EXTRA_CELLS] = surplus
    return frame


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode_csv(content: bytes) -> str:
    if content[:2] == b"PK" or content[:4] == b"\xd0\xcf\x11\xe0":
        raise ImportFileError("文件名是 .csv，但内容是 Excel 工作簿；请把后缀改为 .xlsx，或在 Excel 中另存为 CSV。")
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in content:
        raise ImportFileError("文件名是 .csv，但内容不是文本（或是 UTF-16 编码）；请在 Excel 中另存为“CSV UTF-8”。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("无法识别 CSV 的编码（支持 UTF-8 与 GBK/GB18030），或文件不是文本。")
    controls = len(_CONTROL_CHARACTERS.findall(text))
    if controls > max(2, len(text) // 1000):
        raise ImportFileError("文件名是 .csv，但内容不是文本。")
    return text


def _csv_kind(columns: set[str]) -> str | None:
    if "cycle" in columns:
        return "indicator_duties"
    if {"period", "status"} & columns:
        return "observations"
    if "alias" in columns:
        return "aliases"
    if "title" in columns or ("id" in columns and "indicator_id" not in columns):
        return "sources"
    if "indicator_id" in columns and "year" in columns:
        return "targets"
    return None


def _read_csv(content: bytes) -> dict[str, pd.DataFrame]:
    text = _decode_csv(content)
    if not text.strip():
        raise ImportFileError("CSV 文件是空的。")
    first_line = text.splitlines()[0]
    delimiter, kind = ",", None
    for candidate in (",", "\t", ";"):
        header = _header(next(csv.reader([first_line], delimiter=candidate), []))
        kind = _csv_kind(set(header))
        if kind:
            delimiter = candidate
            break
    if kind is None:
        raise ImportFileError("无法识别这个 CSV 是哪张表：第1行应为列名，与导出文件的 targets、observations、indicator_duties、"
                              "sources 或 aliases 表相同。")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = _header(next(reader))
        _check_width(header, kind)
        rows = list(_at_most_max_rows(enumerate(reader, start=2), kind))
    except csv.Error as error:
        raise ImportFileError(f"CSV 格式错误：{error}") from error
    return {kind: _frame(header, rows, kind, strict_width=True)}


# -- planning ----------------------------------------------------------------------------------------

@dataclass
class PlannedRow:
    sheet: str
    row: int  # as the user sees it: the header is row 1
    key: dict
    before: dict | None  # the stored row, None when the row is new
    after: dict  # the row to store (recorded_at/recorded_by/added_by are filled in when applied)


@dataclass
class ImportPlan:
    added: list[PlannedRow] = field(default_factory=list)
    changed: list[PlannedRow] = field(default_factory=list)
    unchanged: list[PlannedRow] = field(default_factory=list)
    rejected: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row number, reason)
    readings: dict[str, str] = field(default_factory=dict)  # written period → how it was read
    names: dict[str, str] = field(default_factory=dict)  # indicator id → name, for the preview

    @property
    def writes(self) -> list[PlannedRow]:
        return self.added + self.changed

    def summary(self, full: bool = False) -> str:
        """Counts, every changed row as old → new (as /set shows a restatement), the rejected rows with
        their reasons and how written periods were read: at most MAX_LISTED_REJECTIONS of each, or all
        of them with `full` (the CLI's --all)."""
        limit = None if full else MAX_LISTED_REJECTIONS
        lines = [f"新增 {len(self.added)} 行，修改 {len(self.changed)} 行，未变 {len(self.unchanged)} 行，"
                 f"拒绝 {len(self.rejected)} 行"]
        sheets = {p.sheet for p in self.added + self.changed + self.unchanged} | {r[0] for r in self.rejected}

        def where(sheet: str) -> str:
            return f"{sheet} 表" if len(sheets) > 1 else ""

        def listed(items: list, more: str) -> None:
            shown = items if limit is None else items[:limit]
            lines.extend(shown)
            if len(items) > len(shown):
                lines.append(f"…另有 {len(items) - len(shown)} {more}（命令行加 --all 可列出全部）")

        listed([f"{where(p.sheet)}第{p.row}行 修改：{_change_text(p, self.names)}" for p in self.changed], "行修改")
        listed([f"{where(sheet)}第{row}行：{reason}" for sheet, row, reason in self.rejected], "行")
        listed([f"期间“{written}”读作 {reading}" for written, reading in self.readings.items()], "种期间写法")
        return "\n".join(lines)


def _change_text(planned: "PlannedRow", names: dict[str, str]) -> str:
    """'工业投资总额 苏州 2026年1-9月：1700亿元 → 1750亿元（修订数）' — the key, then what changes."""
    sheet = SHEETS[planned.sheet]
    key = " ".join(names.get(planned.key[k], planned.key[k]) if k == "indicator_id" else str(planned.key[k])
                   for k in sheet.key)
    before, after = planned.before or {}, planned.after
    if "text" in sheet.columns and before.get("text") != after.get("text"):
        change = f"{before.get('text') or '无'} → {after.get('text') or '无'}"
        if planned.sheet == "observations" and after.get("status") == "revised":
            change += "（修订数）"
        return f"{key}：{change}"
    changed = [c for c in sheet.columns if c not in sheet.key and not _same(c, before.get(c), after.get(c))]
    return f"{key}：" + "；".join(f"{c} {_text(before.get(c)) or '无'} → {_text(after.get(c)) or '无'}" for c in changed)


class _Context:
    """What every row is checked against: the stored indicators, sources and rows, and the plan year
    that a period written without a year belongs to."""

    def __init__(self, store: Store, today: date | None = None):
        years = [r[0] for r in store.db.execute("select distinct year from targets where year is not null")]
        self.today = today or date.today()
        self.plan_year, _ = current_plan_year(years, self.today)
        self.readings: dict[str, str] = {}  # how a written period was read: written → label (and why)
        self.indicators = {i.id: i for i in store.indicators()}
        self.by_name = {i.name: i for i in store.indicators()}
        self.source_ids = {r["id"] for r in store.db["sources"].rows}
        self.stored: dict[str, dict[tuple, dict]] = {}
        for name, sheet in SHEETS.items():
            self.stored[name] = {tuple(r[k] for k in sheet.key): r for r in store.db[name].rows}
        self._alias_keys: dict[str, tuple[str, str]] | None = None

    @property
    def alias_keys(self) -> dict[str, tuple[str, str]]:
        """knowledge.aliases.known_keys of the stored names and aliases, built at the first alias row."""
        if self._alias_keys is None:
            self._alias_keys = known_keys(self.indicators.values(), self.stored["aliases"])
        return self._alias_keys


def import_snapshot(store: Store, today: date | None = None) -> _Context:
    """What an import is checked against (indicators, sources, stored rows), read now: take it on the
    thread that owns the store's connection, then plan with it on another (see plan_import)."""
    return _Context(store, today)


def plan_import(store: Store | None, tables: dict[str, pd.DataFrame], today: date | None = None,
                snapshot: _Context | None = None) -> ImportPlan:
    """Check every row of every table against the knowledge base (or a `snapshot` of it taken with
    import_snapshot, which needs no database access: a worker thread can plan); nothing is written.

    A period without a year takes the year of the current targets on `today` (the answerer's date);
    `plan.readings` says how each written period was read, for the preview. A plan made on a snapshot
    that has changed since is refused by apply_import.
    """
    unknown = [name for name in tables if name not in SHEETS]
    if unknown:
        raise ImportFileError(f"未知的表：{'、'.join(unknown)}。")
    for name, frame in tables.items():
        _check_columns(name, frame)
    context = snapshot if snapshot is not None else _Context(store, today)
    plan = ImportPlan()
    for name in APPLY_ORDER:  # sources first: a source added by this file may be cited by its rows
        if name in tables:
            _plan_sheet(SHEETS[name], tables[name], context, plan)
    plan.readings = context.readings
    plan.names = {i.id: i.name for i in context.indicators.values()}
    return plan


class _RowErrors(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("；".join(reasons))
        self.reasons = reasons


def _plan_sheet(sheet: Sheet, frame: pd.DataFrame, context: _Context, plan: ImportPlan) -> None:
    present = [c for c in sheet.columns if c in frame.columns]
    stored = context.stored[sheet.name]
    seen: dict[tuple, int] = {}
    columns = [frame[c].tolist() for c in present]
    surplus = frame.attrs.get(EXTRA_CELLS) or {}
    for index, number in enumerate(frame.index.tolist()):
        number = int(number)
        cells = {c: _blank_to_none(column[index]) for c, column in zip(present, columns)}
        extra = surplus.get(number)
        if extra is None and all(v is None for v in cells.values()):
            continue  # a blank line
        try:
            if extra is not None:
                raise _RowErrors([f"该行比第1行的列名多出 {extra} 个单元格（数字中的逗号？）"])
            values = _ROW_PARSERS[sheet.name](cells, context)
        except _RowErrors as errors:
            plan.rejected.append((sheet.name, number, "；".join(errors.reasons)))
            continue
        key = tuple(values[k] for k in sheet.key)
        if key in seen:
            plan.rejected.append((sheet.name, number, f"与第{seen[key]}行重复（同一{_key_words(sheet)}）"))
            continue
        seen[key] = number
        if sheet.name == "sources":
            context.source_ids.add(values["id"])
        key_dict = dict(zip(sheet.key, key))
        before = stored.get(key)
        if before is None:
            after = {c: _default(c) for c in _stored_columns(sheet)}
            after.update(values)
            _fill_text(after, values, None)
            plan.added.append(PlannedRow(sheet.name, number, key_dict, None, after))
            continue
        after = {**before, **values}
        _fill_text(after, values, before)
        if sheet.name == "observations":
            after["status"] = restated_status(before, after)
        if all(_same(c, before.get(c), after.get(c)) for c in sheet.columns):
            plan.unchanged.append(PlannedRow(sheet.name, number, key_dict, before, before))
        else:
            plan.changed.append(PlannedRow(sheet.name, number, key_dict, before, after))


def _key_words(sheet: Sheet) -> str:
    return {"targets": "指标、城市、年份", "observations": "指标、城市、期间", "sources": "来源编号",
            "aliases": "指标与别名", "indicator_duties": "指标"}[sheet.name]


def _stored_columns(sheet: Sheet) -> tuple[str, ...]:
    return sheet.columns + sheet.export_extra + (("added_by",) if sheet.name == "aliases" else ())


def _default(column: str):
    return None if column in ("year", "value", "yoy_growth", "first_month", "last_month", "period_kind",
                              "change_points") else ""


def _fill_text(after: dict, values: dict, before: dict | None) -> None:
    """Keep a figure's wording coherent: an empty text is written out from value, unit and qualifier."""
    if "text" not in after or "value" not in values:
        return
    if values.get("text"):
        return
    figure_changed = before is None or any(not _same(c, before.get(c), after.get(c))
                                           for c in ("value", "unit", "qualifier"))
    if figure_changed:
        after["text"] = format_quantity(after["value"], after["unit"] or "", after["qualifier"] or "")
    else:
        after["text"] = before.get("text") or ""


def _same(column: str, a, b) -> bool:
    if column in ("value", "yoy_growth"):
        # openpyxl writes numbers with 16 significant digits ("%.16g"), so a float that needs 17
        # (0.1 + 0.2) comes back one unit off in the last place: that is the same figure, not an edit.
        return (a is None and b is None) or (a is not None and b is not None
                                             and math.isclose(float(a), float(b), rel_tol=1e-15, abs_tol=0))
    if column == "year":
        return a == b
    if column == "status":
        return (a or "actual") == (b or "actual")
    return (a or "") == (b or "")


def _blank_to_none(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str) and value == "":
        return None
    return value


def _text(value) -> str:
    """A cell as text: 2026.0 → '2026', a date → '2026-01-31'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _key_text(cells: dict, column: str, label: str, errors: list[str]) -> str:
    text = _text(cells.get(column)).strip()
    if not text:
        errors.append(f"{label}（{column}）不能为空")
    return text


def _indicator(cells: dict, context: _Context, errors: list[str]):
    text = _text(cells.get("indicator_id")).strip()
    if not text:
        errors.append("指标（indicator_id）不能为空")
        return None
    indicator = context.indicators.get(text) or context.by_name.get(text)
    if indicator is None:
        errors.append(f"未知指标：“{text}”（应为指标编号或指标全称）")
    return indicator


def _source(cells: dict, context: _Context, errors: list[str]) -> str:
    text = _text(cells.get("source_id")).strip()
    if not text:
        errors.append("来源（source_id）不能为空")
    elif text not in context.source_ids:
        errors.append(f"未知来源：“{text}”（请先在 sources 表中添加）")
    return text


def _year(value, required: bool, errors: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append("年份（year）不能为空")
        return None
    year = None
    if isinstance(value, bool):
        year = None
    elif isinstance(value, int):
        year = value
    elif isinstance(value, float) and value.is_integer():
        year = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{4}(\.0+)?\s*(年)?\s*", value):
        year = int(re.match(r"\s*(\d{4})", value).group(1))
    if year is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        errors.append(f"年份应为 {YEAR_RANGE[0]} 到 {YEAR_RANGE[1]} 之间的整数，收到“{_text(value)}”")
        return None
    return year


_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,，]*(\.\d+)?|\.\d+)")


@lru_cache(maxsize=1024)
def _unit_rule(unit_cell: str, indicator_unit: str) -> tuple[Decimal, str]:
    """How a plain number written with `unit_cell` is stored for an indicator in `indicator_unit`:
    (factor, unit). (1, '亿元') keeps the unit as written; (10000, '个') folds 1.2万个 into 12000个.
    QuantityError when the unit measures something else."""
    probe = parse_quantity("1" + unit_cell, indicator_unit)
    if unit_cell and compatible(unit_cell, indicator_unit) and probe.value == 1:
        return Decimal(1), unit_cell
    return probe.value, probe.unit


def _figure(cells: dict, indicator, errors: list[str]) -> dict:
    """value, unit and qualifier from the value and unit cells, checked against the indicator's unit."""
    raw, unit_cell = cells.get("value"), unicodedata.normalize("NFKC", _text(cells.get("unit"))).strip()
    result = {"unit": unit_cell}
    if "qualifier" in cells:
        result["qualifier"] = _text(cells["qualifier"])
    if raw is None or (isinstance(raw, str) and not raw.strip()) or indicator is None:
        result["value"] = None
        return result
    # Full-width digits, commas and units (１，９８０ / １９８０亿) read as their ASCII forms, as in /set.
    shown = unicodedata.normalize("NFKC", _text(raw)).strip()
    try:
        if isinstance(raw, bool):
            raise QuantityError(f"无法识别的数值：{shown}")
        quantity = None
        if isinstance(raw, ExcelPercent):
            if indicator.unit != "%":
                raise QuantityError(f"单元格是百分比格式（显示为 {format_number(Decimal(repr(float(raw))) * 100)}%），"
                                    f"但“{indicator.name}”以“{indicator.unit or '文字'}”计")
            if unit_cell not in ("", "%"):
                raise QuantityError(f"单元格是百分比格式，与单位列“{unit_cell}”不一致")
            # Excel stores 41% as 0.41; the figure is 41 (percent), as the cell shows it.
            number, written = Decimal(repr(float(raw))) * 100, "%"
            quantity = parse_quantity(format_number(number) + "%", indicator.unit)
        elif isinstance(raw, float):
            number = Decimal(repr(raw))
        elif isinstance(raw, int):
            number = Decimal(raw)
        elif _PLAIN_NUMBER.fullmatch(shown):
            if "," in shown or "，" in shown:
                parse_quantity(shown.lstrip("+-"))  # checks where the thousands separators are
            number = Decimal(shown.replace(",", "").replace("，", ""))
        else:
            quantity = parse_quantity(shown, indicator.unit)  # e.g. "1980亿", "57%", "超4.25%", "约1980"
            if quantity.qualifier and not result.get("qualifier"):
                result["qualifier"] = quantity.qualifier
            if parse_quantity(shown).unit == "":  # 一千九百八十, 约1980: the unit column says the unit
                number, quantity = quantity.value, None
            else:
                if unit_cell and unit_cell != quantity.unit:
                    raise QuantityError(f"数值“{shown}”与单位列“{unit_cell}”不一致")
                number, written = quantity.value, quantity.unit
        if not number.is_finite():
            raise QuantityError(f"无法识别的数值：{shown}")
        if number < 0:
            raise QuantityError(f"数值不能为负：{shown}")
        if quantity is None:
            factor, written = _unit_rule(unit_cell, indicator.unit)
            number *= factor
            result["bare"] = not unit_cell
        if indicator.unit == "%" and not 0 <= to_base(number, written) <= 100:
            raise QuantityError(f"百分比应在 0 到 100 之间，收到 {format_number(number)}%")
    except (QuantityError, InvalidOperation) as error:
        errors.append(str(error) if isinstance(error, QuantityError) else f"无法识别的数值：{shown}")
        result["value"] = None
        return result
    result["value"] = float(number)
    result["unit"] = written
    return result


def _status(value, errors: list[str]) -> str:
    text = _text(value).strip()
    if not text:
        return "actual"
    status = STATUS_WORDS.get(text, text.lower())
    if status not in STATUSES:
        errors.append(f"状态（status）应为 actual、estimate 或 preliminary，收到“{text}”")
    return status


def _optional_text(cells: dict, values: dict, columns: tuple[str, ...]) -> None:
    for column in columns:
        if column in cells:
            values[column] = _text(cells[column])


def _figure_row(cells: dict, context: _Context, observation: bool) -> dict:
    errors: list[str] = []
    indicator = _indicator(cells, context, errors)
    values = {"indicator_id": indicator.id if indicator else None,
              "city": _key_text(cells, "city", "城市", errors)}
    if observation:
        year = _year(cells["year"], False, errors) if "year" in cells else None
        values["period"], values["year"] = _period(cells.get("period"), year, indicator, context, errors)
        if "status" in cells:
            values["status"] = _status(cells["status"], errors)
        if "yoy_growth" in cells:
            values["yoy_growth"] = _yoy(cells["yoy_growth"], errors)
    else:
        values["year"] = _year(cells.get("year"), True, errors)
    values.update(_figure(cells, indicator, errors))
    bare = values.pop("bare", False)
    if not observation and values.get("value") is not None:
        if refusal := target_refusal(indicator, values["value"], values["unit"]):
            errors.append(refusal)
    if observation and values.get("value") is not None:
        # the same check as /set (target_rules.figure_refusal): ten times the target, a fraction of a
        # firm, a bare number for an indicator counted in 亿元 …
        target = context.stored["targets"].get((indicator.id, values["city"], values["year"]))
        written = _text(cells.get("value")).strip() + ("" if bare else _text(cells.get("unit")).strip())
        if refusal := figure_refusal(indicator, Decimal(repr(values["value"])), values["unit"], target, written, bare):
            errors.append(refusal)
        if "约" in (values.get("qualifier") or "") and values.get("status", "actual") == "actual":
            values["status"] = "estimate"  # 约1980: an approximate figure is kept, marked 预计
    values["source_id"] = _source(cells, context, errors)
    _optional_text(cells, values, ("text", "note", "quote"))
    if values.get("value") is None and not errors and not (_text(cells.get("text")).strip()
                                                           or _text(cells.get("qualifier")).strip()):
        errors.append("数值（value）为空时须填写文字（text）")
    if errors:
        raise _RowErrors(errors)
    return values


def _period(cell, year: int | None, indicator, context: _Context, errors: list[str]) -> tuple[str, int | None]:
    """The period's label and year, by the same rules as /set (knowledge.periods); an empty cell is an
    undated figure. A period naming another year than the year column is refused."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return "", year
    written = _text(cell).strip()
    cumulative = indicator is not None and indicator.kind == "cumulative"
    try:
        period = parse_period(cell, year or context.plan_year, cumulative=cumulative)
    except PeriodError as error:
        errors.append(f"期间（period）：{error}")
        return written, year
    if year is not None and period.year != year:
        errors.append(f"期间“{written}”是{period.year}年，与年份列（{year}）不一致")
        return written, year
    try:
        check_ended(period, context.today)
    except PeriodError as error:
        errors.append(f"期间（period）：{error}")
        return written, year
    if written != period.label:
        if period.note:
            why = period.note
        elif year is None and not re.match(r"\s*\d{4}", written):
            why = f"未写年份，按当前目标年份{period.year}年计"
        else:
            why = ""
        context.readings[written] = period.label + (f"（{why}）" if why else "")
    return period.label, period.year


def _yoy(cell, errors: list[str]) -> float | None:
    """An official 同比 in percent as published: 7.5, "7.5%", "-1.2", "增长7.5%", "下降3.2%", a cell
    formatted as % (0.075); "-" or "—" (no figure) is empty (quantities.parse_growth, as /set reads it)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, ExcelPercent):
        return float(Decimal(repr(float(cell))) * 100)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell)
    try:
        return parse_growth(_text(cell))
    except QuantityError as error:
        errors.append(f"同比（yoy_growth）：{error}")
        return None


def _target_row(cells: dict, context: _Context) -> dict:
    return _figure_row(cells, context, observation=False)


def _observation_row(cells: dict, context: _Context) -> dict:
    return _figure_row(cells, context, observation=True)


def _source_row(cells: dict, context: _Context) -> dict:
    errors: list[str] = []
    values = {"id": _key_text(cells, "id", "来源编号", errors), "title": _key_text(cells, "title", "标题", errors)}
    _optional_text(cells, values, ("publisher", "published", "quote"))
    if errors:
        raise _RowErrors(errors)
    return values


def _alias_row(cells: dict, context: _Context) -> dict:
    errors: list[str] = []
    indicator = _indicator(cells, context, errors)
    values = {"indicator_id": indicator.id if indicator else None,
              "alias": _key_text(cells, "alias", "别名", errors)}
    if not errors and (values["indicator_id"], values["alias"]) not in context.stored["aliases"]:
        refusal = alias_refusal(values["alias"], indicator, context.alias_keys, context.indicators)
        if refusal:
            errors.append(refusal)
        else:  # a later row of the same file is checked against this one too
            context.alias_keys[alias_key(values["alias"])] = (indicator.id, values["alias"])
    if errors:
        raise _RowErrors(errors)
    return values


def _duty_row(cells: dict, context: _Context) -> dict:
    from knowledge.duties import DutyError, parse_duty

    errors: list[str] = []
    indicator = _indicator(cells, context, errors)
    due_day = _text(cells["due_day"]).strip() if cells.get("due_day") is not None else None
    try:
        unit, cycle, day = parse_duty(_text(cells.get("unit")), _text(cells.get("cycle")).strip(), due_day)
    except DutyError as error:
        errors.append(str(error).splitlines()[0])
        unit, cycle, day = None, None, None
    if errors:
        raise _RowErrors(errors)
    return {"indicator_id": indicator.id, "unit": unit, "cycle": cycle, "due_day": day}


_ROW_PARSERS = {"targets": _target_row, "observations": _observation_row, "sources": _source_row,
                "aliases": _alias_row, "indicator_duties": _duty_row}


# -- applying ----------------------------------------------------------------------------------------

def apply_import(store: Store, plan: ImportPlan, user_id: int | None = None, chat_id: int | None = None,
                 recorded_by: str = DEFAULT_RECORDED_BY) -> int:
    """Write every added and changed row, each with its audit row, in ONE transaction; all or nothing.

    Refused when the plan has rejected rows, or when a row it would write was changed after planning.
    Returns the number of rows written.
    """
    if plan.rejected:
        raise ImportFileError(f"有 {len(plan.rejected)} 行未通过检查，未导入任何数据。")
    writes = plan.writes
    if not writes:
        return 0
    now = utc_now()
    db = store.db
    conn = db.conn
    # `with conn:` alone opens no transaction under sqlite-utils 4 (each write would commit by itself),
    # so take the write lock explicitly; `with conn:` then commits, or rolls back on any exception.
    if conn.in_transaction:
        scope = db.atomic()  # inside a caller's transaction: a savepoint
    else:
        conn.execute("BEGIN IMMEDIATE")
        scope = conn
    with scope:
        ordered = []
        for name in APPLY_ORDER:
            rows = [p for p in writes if p.sheet == name]
            if not rows:
                continue
            _check_not_stale(store, SHEETS[name], rows)
            for planned in rows:
                after = dict(planned.after)
                if name == "observations":
                    after["recorded_at"], after["recorded_by"] = now, recorded_by
                elif name == "aliases" and planned.before is None:
                    after["added_by"] = recorded_by
                planned.after = after
                ordered.append((name, planned.key, planned.before, after))
        # The one audited write path, as /set and undo use it. Each audit row names its table and its
        # import ("batch": the id of the import's first audit row), so that /undo can reverse one row
        # or the whole import.
        batch = conn.execute("select coalesce(max(id), 0) + 1 from changes").fetchone()[0]
        store.write_audited_many(IMPORT_ACTION, ordered, user_id, chat_id, entity={"batch": batch}, at=now)
    store._sources = None  # the Store caches sources; an import may have added or renamed one
    return len(writes)


def _check_not_stale(store: Store, sheet: Sheet, rows: list[PlannedRow]) -> None:
    current = {tuple(r[k] for k in sheet.key): r for r in store.db[sheet.name].rows}
    for planned in rows:
        now = current.get(tuple(planned.key[k] for k in sheet.key))
        if now != planned.before:
            raise ImportFileError(f"{sheet.name} 表第{planned.row}行在预览后已被修改，请重新导入。")
