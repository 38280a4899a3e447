"""Spreadsheets as offices lay them out: a title row above the header, cells merged down a column, a
合计 row. Each is read where the file itself says what it means (the header found by its column names,
a merged range the workbook records), and refused with the reason where it does not: a figure is never
guessed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from knowledge.errors import quoted
from knowledge.tables.sheets import SHEETS, ImportFileError, cell_text

TITLE_SCAN_ROWS = 6  # a header below this many title rows is not looked for
# Columns a merged range cannot be filled down: the figure itself (value, text, qualifier) and its 同比.
FIGURE_COLUMNS = frozenset({"value", "yoy_growth", "text", "qualifier"})
_READ = frozenset(c for sheet in SHEETS.values() for c in sheet.columns)  # the columns an import reads
_TOTAL = re.compile(r"(?:全市|全区|全县|全省|总)?(?:合计|总计|小计|共计)[:：]?")
_SPACES = re.compile(r"\s+")
_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?)\"")


def _filled(cells: Iterable) -> list[str]:
    return [text for text in (cell_text(c).strip() for c in cells) if text]


def total_label(cells: Iterable) -> str | None:
    """The cell that makes a row a total row (合计, 总计, 小计, 全市合计 …, spaces ignored), else None."""
    for cell in cells:
        # every row of up to 100,000 passes here: only a short text holding 计 is looked at closely
        if isinstance(cell, str) and "计" in cell and len(cell) <= 12 and _TOTAL.fullmatch(_SPACES.sub("", cell)):
            return cell.strip()
    return None


def locate_header(head: list[list], recognised: Callable[[list], bool]) -> tuple[int, list[str]]:
    """The index in `head` (a table's first TITLE_SCAN_ROWS rows) of the header row, found by its column
    names, and the preview's notes on the title rows above it (0 and [] when the first row is the
    header, or when no row is recognised: the caller's column checks then say what is missing).

    ImportFileError when the rows above the header are not plain titles (several cells filled, or a
    unit written there), or when the first row is a title and no header follows within the scan."""
    for index, cells in enumerate(head[:TITLE_SCAN_ROWS]):
        if recognised(cells):
            break
    else:
        index = None
    if index is None:
        if head and len(_filled(head[0])) == 1:
            raise ImportFileError(f"第1行像标题行（“{quoted(_filled(head[0])[0], 40)}”），但前{TITLE_SCAN_ROWS}行中没有找到列名行："
                                  "请删除表头上方的行，使第1行为列名（指标、城市、期间、数值、单位、来源）。")
        return 0, []
    notes = []
    for number, cells in enumerate(head[:index], start=1):
        filled = _filled(cells)
        if len(filled) > 1:
            raise ImportFileError(f"第{number}行像标题行，列名在第{index + 1}行，但第{number}行有多个单元格有值，"
                                  "无法确定它只是标题：请删除表头上方的行，使第1行为列名。")
        if filled and "单位" in filled[0]:
            raise ImportFileError(f"第{number}行像标题行，写有单位（“{quoted(filled[0], 40)}”）：请把单位写进单位列，"
                                  "并删除表头上方的行。")
        if filled:
            notes.append(f"第{number}行像标题行（“{quoted(filled[0], 40)}”），已跳过；列名在第{index + 1}行")
    return index, notes


def merged_ranges(content: bytes, worksheet) -> list[tuple[int, int, int, int]]:
    """The merged ranges a workbook records for a read-only worksheet (which openpyxl's read-only mode
    does not expose), as (min_col, min_row, max_col, max_row), 1-based."""
    from openpyxl.utils.cell import range_boundaries

    path = getattr(worksheet, "_worksheet_path", None)
    if not path:
        return []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        try:
            xml = archive.read(path.lstrip("/"))
        except KeyError:
            return []
    start = max(xml.rfind(b"sheetData>"), 0)  # <mergeCells> follows the cells: search only the tail
    return [range_boundaries(ref.decode()) for ref in _MERGE_CELL.findall(xml, start)]


@dataclass
class MergedCells:
    """What the merged ranges below a table's header mean for its rows: ranges down one column of a
    column that is not a figure are filled from their top-left cell; the rows of any other are refused
    with the reason; `notes` say what was filled, for the preview."""

    fills: dict[int, list[tuple[int, tuple[int, int]]]] = field(default_factory=dict)  # row → [(col, top-left)]
    problems: dict[int, str] = field(default_factory=dict)  # Excel row number → reason
    notes: list[str] = field(default_factory=list)
    _filled: list[tuple[tuple[int, int], str, str, int]] = field(default_factory=list)  # top-left, cells, column, last row

    @classmethod
    def of(cls, ranges: list[tuple[int, int, int, int]], header: list[str], header_row: int) -> MergedCells:
        """`ranges` as merged_ranges gives them; `header`: the column names (English) by position, its
        Excel row number `header_row`. Columns are 0-based in `fills`."""
        from openpyxl.utils import get_column_letter

        merged = cls()
        for min_col, min_row, max_col, max_row in sorted(ranges, key=lambda r: (r[1], r[0])):
            if max_row <= header_row:
                continue  # a title or the header merged across: not data
            cells = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
            named = [c for c in range(min_col, max_col + 1) if c <= len(header) and header[c - 1] in _READ]
            column = header[min_col - 1] if named == [min_col] else ""
            if not named or (column and max_row == min_row):
                continue  # columns the import does not read, or one it reads merged with such columns
            if not column:
                reason = f"合并单元格 {cells} 跨多列，只有左上角有值：请取消合并，每列分别填写"
            elif min_row <= header_row:
                reason = f"合并单元格 {cells} 跨过了列名行：请取消合并"
            elif column in FIGURE_COLUMNS:
                reason = f"合并单元格 {cells}（{column}）只有左上角有值，数值不能按合并推断：请取消合并，在每行写明"
            else:
                for row in range(min_row + 1, max_row + 1):
                    merged.fills.setdefault(row, []).append((min_col - 1, (min_row, min_col - 1)))
                merged._filled.append(((min_row, min_col - 1), cells, column, max_row))
                continue
            for row in range(max(min_row, header_row + 1), max_row + 1):
                merged.problems.setdefault(row, reason)
        return merged

    def fill(self, rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
        """The rows, each cell of a filled range given its top-left cell's value; a note per range."""
        tops: dict[int, set[int]] = {}  # row → the columns where a filled range starts
        for pairs in self.fills.values():
            for _, (row, col) in pairs:
                tops.setdefault(row, set()).add(col)
        values: dict[tuple[int, int], object] = {}
        for number, cells in rows:
            for col in tops.get(number, ()):
                values[(number, col)] = cells[col] if col < len(cells) else None
            for col, top in self.fills.get(number, ()):
                if values.get(top) not in (None, ""):
                    cells.extend([None] * (col + 1 - len(cells)))
                    cells[col] = values[top]
            yield number, cells
        for top, cells, column, last in self._filled:
            if values.get(top) not in (None, ""):
                self.notes.append(f"合并单元格 {cells}（{column}）只有左上角有值，已按“{quoted(cell_text(values[top]))}”"
                                  f"填入第{top[0] + 1}-{last}行")


_KEY_WORDS = {"indicator_id": "指标", "city": "城市"}


def blank_runs(header: list[str], rows: list[tuple[int, list]]) -> dict[int, str]:
    """Rows whose 指标 or 城市 cell is empty below a filled one, as cells merged down a column leave a
    file that does not record its merged ranges (a CSV saved from them): Excel row number → the reason,
    naming the cells. Which value the merge covered cannot be proven there, so these rows are refused."""
    from openpyxl.utils import get_column_letter

    reasons: dict[int, str] = {}
    for column, word in _KEY_WORDS.items():
        if column not in header:
            continue
        position, letter = header.index(column), get_column_letter(header.index(column) + 1)
        filled_row, run = None, []
        for number, cells in rows + [(None, [])]:
            blank = number is not None and (position >= len(cells) or cell_text(cells[position]).strip() == "")
            if blank and filled_row is not None and any(cell_text(c).strip() for c in cells):
                run.append(number)
                continue
            if run:
                cells_named = f"{letter}{run[0]}:{letter}{run[-1]}" if len(run) > 1 else f"{letter}{run[0]}"
                for row in run:
                    reasons.setdefault(row, f"{word}（{column}）为空：{cells_named} 为空而 {letter}{filled_row} 有值，"
                                            "像是合并单元格只有左上角有值；请取消合并，在每行填写")
            filled_row, run = (None if blank or number is None else number), []
    return reasons
