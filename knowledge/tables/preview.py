"""The preview of an import plan, as the chat and the console show it before 确认/y: counts, then every
added row as it will be stored (so that 0.573 in a % cell or １２０ can be checked as read), every
changed row old → new, the rejected rows with their reasons, the rows skipped and what the reading did
to the file (a title row, merged cells), the sources it adds and how written periods were read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.errors import quoted
from knowledge.labels import OBSERVATION_STATUS_LABELS
from knowledge.models import ObservationStatus
from knowledge.quantities import format_number, format_quantity
from knowledge.tables.sheets import SHEETS, cell_text, same_value

if TYPE_CHECKING:
    from knowledge.tables.plan import ImportPlan, PlannedRow

MAX_LISTED_REJECTIONS = 20  # rows listed of each kind unless the console asks for --all


def plan_summary(plan: ImportPlan, full: bool = False) -> str:
    """The preview text: at most MAX_LISTED_REJECTIONS lines of each list (added, changed, rejected,
    skipped, notes, new sources, period readings) and a count of the rest, or every line with `full`."""
    limit = None if full else MAX_LISTED_REJECTIONS
    counts = (f"新增 {len(plan.added)} 行，修改 {len(plan.changed)} 行，未变 {len(plan.unchanged)} 行，"
              f"拒绝 {len(plan.rejected)} 行")
    if plan.skipped:
        counts += f"，跳过 {len(plan.skipped)} 行"
    lines = [counts]
    sheets = {p.sheet for p in plan.added + plan.changed + plan.unchanged} | {r[0] for r in plan.rejected}

    def where(sheet: str) -> str:
        return f"{sheet} 表" if len(sheets) > 1 else ""

    def listed(items: list[str], more: str) -> None:
        shown = items if limit is None else items[:limit]
        lines.extend(shown)
        if len(items) > len(shown):
            lines.append(f"…另有 {len(items) - len(shown)} {more}（命令行加 --all 可列出全部）")

    # what stops the import first, then what reading the file did, then what it would write
    listed([f"{where(sheet)}第{row}行：{reason}" for sheet, row, reason in plan.rejected], "行")
    listed([f"{where(sheet)}第{row}行：{reason}" for sheet, row, reason in plan.skipped], "行跳过")
    listed(list(plan.notes), "条说明")
    listed([f"{where(p.sheet)}第{p.row}行 新增：{added_text(p, plan.names)}" for p in plan.added], "行新增")
    listed([f"{where(p.sheet)}第{p.row}行 修改：{change_text(p, plan.names)}" for p in plan.changed], "行修改")
    listed([f"新增来源：“{title}”" for title in plan.new_sources.values()], "个新来源")
    listed([f"期间“{quoted(written)}”读作 {reading}" for written, reading in plan.readings.items()], "种期间写法")
    return "\n".join(lines)


def _key_text(planned: PlannedRow, names: dict[str, str]) -> str:
    sheet = SHEETS[planned.sheet]
    return " ".join(names.get(planned.key[k], planned.key[k]) if k == "indicator_id" else str(planned.key[k])
                    for k in sheet.key)


def added_text(planned: PlannedRow, names: dict[str, str]) -> str:
    """'工业投资总额 苏州 2026年1-10月：1980亿元（预计数；同比增长7.5%）' — the key, then the figure as it
    will be stored (not as it was written), so that the reading of each cell can be checked."""
    after = planned.after
    if planned.sheet not in ("observations", "targets"):
        sheet = SHEETS[planned.sheet]
        rest = [cell_text(after.get(c)) for c in sheet.columns if c not in sheet.key and cell_text(after.get(c))]
        return _key_text(planned, names) + ("：" + "，".join(rest) if rest else "")
    figure = (format_quantity(after["value"], after.get("unit") or "", after.get("qualifier") or "")
              if after.get("value") is not None else after.get("text") or "")
    extras = []
    if after.get("status") in OBSERVATION_STATUS_LABELS:
        extras.append(OBSERVATION_STATUS_LABELS[after["status"]])
    if after.get("yoy_growth") is not None:
        growth = after["yoy_growth"]
        extras.append(f"同比{'增长' if growth >= 0 else '下降'}{format_number(abs(growth))}%")
    suffix = "年目标" if planned.sheet == "targets" else ""
    return f"{_key_text(planned, names)}{suffix}：{figure}" + (f"（{'；'.join(extras)}）" if extras else "")


def change_text(planned: PlannedRow, names: dict[str, str]) -> str:
    """'工业投资总额 苏州 2026年1-9月：1700亿元 → 1750亿元（修订数）' — the key, then what changes."""
    sheet = SHEETS[planned.sheet]
    key = _key_text(planned, names)
    before, after = planned.before or {}, planned.after
    if "text" in sheet.columns and before.get("text") != after.get("text"):
        change = f"{before.get('text') or '无'} → {after.get('text') or '无'}"
        if planned.sheet == "observations" and after.get("status") == ObservationStatus.REVISED:
            change += "（修订数）"
        return f"{key}：{change}"
    changed = [c for c in sheet.columns if c not in sheet.key and not same_value(c, before.get(c), after.get(c))]
    return f"{key}：" + "；".join(f"{c} {cell_text(before.get(c)) or '无'} → {cell_text(after.get(c)) or '无'}"
                                for c in changed)
