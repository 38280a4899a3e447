"""The knowledge base exported as one .xlsx, a sheet per table, in the columns an import reads back.
"""

from __future__ import annotations

import io

from knowledge.control_characters import xml_text
from knowledge.store import Store
from knowledge.tables.sheets import SHEETS


EXPORTED_SHEETS = ("targets", "observations", "sources", "aliases", "indicator_duties")


def export_workbook(store: Store) -> bytes:
    """The knowledge base as one .xlsx (see `export_rows` and `workbook_bytes`)."""
    return workbook_bytes(export_rows(store))


def export_rows(store: Store) -> dict[str, tuple[tuple[str, ...], list[list]]]:
    """sheet name → (columns, rows) of every exported table, read on the caller's thread (the SQLite
    connection belongs to it); the slow part, `workbook_bytes`, can then run in a worker thread."""
    tables = {}
    for name in EXPORTED_SHEETS:
        columns = SHEETS[name].export_columns
        tables[name] = (columns, [[_export_cell(row.get(c)) for c in columns]
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


def _export_cell(value):
    if isinstance(value, str):  # what XML cannot hold cannot be in an .xlsx (openpyxl's own list misses U+FFFF)
        return xml_text(value)
    return value
