"""Excel/CSV import and export of the knowledge base: targets, observations, sources and aliases.

    export_workbook(store) -> bytes                       one .xlsx, a sheet per table, seeds/*.csv columns
    read_tables(filename, content) -> {sheet: DataFrame}  a .xlsx's known sheets, or one .csv recognised by header
    plan_import(store, tables) -> ImportPlan              every row validated; added / changed / unchanged / rejected
    apply_import(store, plan, user_id, chat_id) -> int    all or nothing, one transaction, one audit row per write

A DataFrame from `read_tables` is indexed by the row number the user sees in Excel (the header is row 1),
holds the cells as Python objects (None for an empty cell) and has lower-cased, stripped column names.
Every refusal is an `ImportFileError` whose message is Chinese and safe to show to the user.

The package, one module a step:
    sheets.py   SHEETS (the tables, their columns and keys), ImportFileError, a cell as text
    export.py   export_workbook, export_rows, workbook_bytes
    reading.py  read_tables: a workbook or CSV file to DataFrames, with the size and shape limits
    rows.py     the checks of one row of each table, against a snapshot of the knowledge base
    plan.py     plan_import, ImportPlan, apply_import
    preview.py  the preview of a plan: added rows as stored, changes old → new, rejections, notes
"""

from knowledge.tables.export import EXPORTED_SHEETS, export_rows, export_workbook, workbook_bytes
from knowledge.tables.plan import (
    DEFAULT_RECORDED_BY,
    IMPORT_ACTION,
    ImportPlan,
    PlannedRow,
    apply_import,
    plan_import,
)
from knowledge.tables.preview import MAX_LISTED_REJECTIONS
from knowledge.tables.reading import HEADER_ALIASES, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, read_tables
from knowledge.tables.rows import ImportSnapshot
from knowledge.tables.sheets import APPLY_ORDER, SHEETS, ExcelPercent, ImportFileError, Sheet

__all__ = [
    "APPLY_ORDER", "DEFAULT_RECORDED_BY", "EXPORTED_SHEETS", "HEADER_ALIASES", "IMPORT_ACTION", "MAX_COLUMNS",
    "MAX_FILE_BYTES", "MAX_LISTED_REJECTIONS", "MAX_ROWS", "SHEETS", "ExcelPercent", "ImportFileError", "ImportPlan",
    "ImportSnapshot", "PlannedRow", "Sheet", "apply_import", "export_rows", "export_workbook",
    "plan_import", "read_tables", "workbook_bytes",
]
