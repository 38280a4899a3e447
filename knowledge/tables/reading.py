"""Reading an uploaded .xlsx or .csv into DataFrames of the known tables, refusing a file that is too big,
not what its name says, too long or too wide before it is parsed in full.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from typing import TYPE_CHECKING

from knowledge.tables.layout import (
    TITLE_SCAN_ROWS,
    MergedCells,
    blank_runs,
    locate_header,
    merged_ranges,
    total_label,
)
from knowledge.tables.sheets import (
    EXTRA_CELLS,
    NOTES,
    ROW_PROBLEMS,
    SHEETS,
    SKIPPED_ROWS,
    ExcelPercent,
    ImportFileError,
    check_columns,
)

if TYPE_CHECKING:  # pandas and openpyxl load with the first import or export, not with the bot (≈45 MB)
    import pandas as pd


MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a 5 MB .xlsx that inflates beyond this is a zip bomb
# Checked before a table is parsed in full (a 105 KB workbook can hold 300,000 rows; a CSV header
# 30,000 columns): well above the 20,000-row import of tests/test_import_kill.py and the 12 columns
# of the widest table.
MAX_ROWS = 100_000
MAX_COLUMNS = 100


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
        check_columns(name, frame)
    return tables


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


def zip_members(content: bytes) -> list[zipfile.ZipInfo]:
    """The members of a zip archive (.xlsx, .docx) as its central directory declares them, none inflated.
    Raises zipfile.BadZipFile for content that is not a readable zip archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        # NotImplementedError: a damaged header asks for a zip version or compression zipfile lacks
        raise zipfile.BadZipFile(str(error)) from error


def inflates_beyond(members: list[zipfile.ZipInfo], limit: int) -> bool:
    """Whether the members' declared sizes sum beyond `limit` bytes (a zip bomb). zipfile never inflates a
    member beyond its declared size, so a lying size cannot get past this check."""
    return sum(i.file_size for i in members) > limit


def _read_xlsx(content: bytes) -> dict[str, pd.DataFrame]:
    if content[:4] == b"\xd0\xcf\x11\xe0":
        raise ImportFileError("这是旧版 Excel（.xls）或加密文件，请在 Excel 中另存为 .xlsx 后再导入。")
    if content[:2] != b"PK" or not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportFileError("文件名是 .xlsx，但内容不是 Excel 工作簿。")
    try:
        infos = zip_members(content)
    except zipfile.BadZipFile as error:
        raise ImportFileError("文件名是 .xlsx，但内容不是 Excel 工作簿。") from error
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") and n.endswith("workbook.xml")
                                                     for n in names):
        raise ImportFileError("文件名是 .xlsx，但内容不是 Excel 工作簿。")
    if inflates_beyond(infos, MAX_UNZIPPED_BYTES):
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
            if (name not in SHEETS and not single) or name in tables or not hasattr(worksheet, "iter_rows"):
                continue
            head = [[_cell_value(c) for c in r] for r in worksheet.iter_rows(max_row=TITLE_SCAN_ROWS)]
            index, notes = locate_header(head, _recognised(name if name in SHEETS else None))
            if not head or not any(c not in (None, "") for c in head[index]):
                continue  # an empty sheet
            header = _header(head[index])
            name = name if name in SHEETS else _csv_kind(set(header)) or name
            if name not in SHEETS or name in tables:
                continue
            if _rows_in_sheet(content, worksheet) > MAX_ROWS + 1:
                raise ImportFileError(_too_many_rows(name))
            _check_width(header, name)
            rows = ((n, [_cell_value(c) for c in r])
                    for n, r in enumerate(worksheet.iter_rows(min_row=index + 2), start=index + 2))
            merged = MergedCells.of(merged_ranges(content, worksheet), header, index + 1)
            frame = _frame(header, _at_most_max_rows(merged.fill(rows), name), name)
            frame.attrs[ROW_PROBLEMS] = merged.problems
            frame.attrs[NOTES] = notes + merged.notes
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


def _recognised(name: str | None):
    """Whether a row is the header: of the named table (all its required columns), or of any table."""
    if name is not None:
        return lambda cells: set(SHEETS[name].required) <= set(_header(cells))
    return lambda cells: _csv_kind(set(_header(cells))) is not None


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
    the header (in a CSV any surplus field, which usually means a number written with an unquoted comma);
    frame.attrs[SKIPPED_ROWS] names the total rows (合计 …) left out."""
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
    numbers, records, surplus, skipped = [], [], {}, {}
    for number, cells in rows:
        cells = [None if c == "" else c for c in cells]
        if (label := total_label(cells)) is not None:
            skipped[number] = label  # a 合计 row sums the rows above: it is not a figure of its own
            continue
        extra = cells[raw_width:] if strict_width and any(c is not None for c in cells) else \
            [c for c in cells[width:] if c is not None]
        record = [cells[i] if i < len(cells) else None for i in keep]
        if extra:
            surplus[number] = len(extra)
        numbers.append(number)
        records.append(record)
    frame = pd.DataFrame(records, columns=columns, index=pd.Index(numbers, dtype="int64"), dtype=object)
    frame.attrs[EXTRA_CELLS] = surplus
    frame.attrs[SKIPPED_ROWS] = skipped
    return frame


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    controls = len(CONTROL_CHARACTERS.findall(text))
    if controls > max(2, len(text) // 1000):
        raise ImportFileError("文件名是 .csv，但内容不是文本。")
    return text


def _csv_error(error: csv.Error, line: int) -> str:
    """csv's own (English) complaint as the sender can act on it; `line` is the row it is about."""
    if "field larger than field limit" in str(error):  # mostly an unclosed quote swallowing the rest
        return (f"CSV 第{line}行起有一个单元格超过 {csv.field_size_limit():,} 个字符，未处理；"
                "请检查引号是否成对，或在 Excel 中另存为“CSV UTF-8”后再导入。")
    return f"CSV 第{line}行格式错误，未处理；请在 Excel 中另存为“CSV UTF-8”后再导入。"


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
    first_lines = text.splitlines()[:TITLE_SCAN_ROWS]
    recognised = _recognised(None)
    for delimiter in (",", "\t", ";"):
        head = list(csv.reader(first_lines, delimiter=delimiter))
        if any(recognised(cells) for cells in head):
            break
    else:
        locate_header(list(csv.reader(first_lines)), recognised)  # says so when the first line is a title
        raise ImportFileError("无法识别这个 CSV 是哪张表：第1行应为列名，与导出文件的 targets、observations、indicator_duties、"
                              "sources 或 aliases 表相同。")
    index, notes = locate_header(head, recognised)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list = []
    try:
        for _ in range(index):
            next(reader)
        header = _header(next(reader))
        kind = _csv_kind(set(header))
        if kind is None:  # a title line holding a quoted line break: the header is not where it seemed
            raise ImportFileError("无法识别这个 CSV 是哪张表：请删除表头上方的行，使第1行为列名。")
        _check_width(header, kind)
        for row in _at_most_max_rows(enumerate(reader, start=index + 2), kind):
            rows.append(row)
    except csv.Error as error:  # the row after the last one read is the bad one
        raise ImportFileError(_csv_error(error, len(rows) + index + 2)) from error
    frame = _frame(header, rows, kind, strict_width=True)
    frame.attrs[NOTES] = notes
    frame.attrs[ROW_PROBLEMS] = blank_runs(header, rows)  # a CSV does not say which cells were merged
    return {kind: frame}
