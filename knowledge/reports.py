"""The monthly 进度通报 as a Word document (python-docx).

`build_report(answerer, previous)` gathers the data — plain rows, one per current target — and
`render_docx(report)` lays it out: title, date, 数据截至, the table of every current target (指标, 目标,
最新, 完成率 or 差距, 序时进度, 状态 with its colour as cell shading), the lagging targets with their
year-end projection and the pace needed, what changed since the previous report, and the sources.

Chinese text is set in fonts that Word and WPS on a government PC have: the styles name 仿宋 (body),
宋体 (title and table) and 黑体 (headings) as East Asian fonts (w:eastAsia on w:rFonts), with Times
New Roman for Latin letters and digits. A machine without them shows a fallback font.

Building the data reads the store (do it on the thread that owns the connection); rendering the
document touches no shared state, so it may run in a worker thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, fields, replace
from datetime import date

from knowledge.answers import Answerer
from knowledge.control_characters import xml_text
from knowledge.labels import status_label, status_mark
from knowledge.progress import (
    AHEAD, BEHIND, DONE, LAGGING, NO_DATA, ON_TRACK, READING_ORDER, SEVERELY_BEHIND, STATUSES, ProgressStatus,
)
from knowledge.quantities import format_number
from knowledge.replies import IndicatorAnswer
from knowledge.standings import Difference, Standing, differences, standings
from knowledge.summaries import build_summary
from knowledge.wording import observation_text, percent, period_label, projection_lines, target_text

# Cell shading (hex RGB) of the 状态 column, the 红黄绿 leadership reads; statuses not listed stay white.
SHADING = {DONE: "C6EFCE", AHEAD: "C6EFCE", ON_TRACK: "E2EFDA", BEHIND: "FFEB9C", SEVERELY_BEHIND: "FFC7CE"}

CONSOLE_CHAT = 0  # the report log's key for `python -m bot report`
COLUMNS = ("指标", "目标", "最新", "完成率/差距", "序时进度", "状态")
BODY_FONT, TABLE_FONT, TITLE_FONT, HEADING_FONT, LATIN_FONT = "仿宋", "宋体", "宋体", "黑体", "Times New Roman"


@dataclass(frozen=True)
class ReportRow:
    """One current target as the report shows it; every text is ready to print.

    completion and time_progress are fractions (0.792), gap_points is 百分点 (actual − target) for %
    targets; they are None where they do not apply.
    """

    indicator_id: str
    name: str
    target: str  # "力争2500亿元"
    latest: str  # "1980亿元", or "暂无数据"
    period: str  # "2026年1-10月", or ""
    standing: str  # "完成率79.2%", "低于目标0.3个百分点", or "—"
    time_progress: str  # "83.3%", or "—"
    status: ProgressStatus
    colour: str  # "🟡", "" for statuses without one
    completion: float | None = None
    gap_points: float | None = None
    time_progress_value: float | None = None
    behind_by: str = ""  # "落后序时进度4.1个百分点"
    projection: str = ""  # "全年预计2376亿元（按前10个月月均推算）"
    pace: str = ""  # "还需520亿元，月均260亿元"

    @property
    def lagging(self) -> bool:
        return self.status in LAGGING


@dataclass(frozen=True)
class Report:
    year: int
    day: date
    as_of: str  # "10月", or "10月 7项、12月 1项" when figures reach different months; "" without figures
    rows: tuple[ReportRow, ...]  # every current target, in seed order
    changes: tuple[str, ...] | None  # lines since the previous report; None for a first report
    sources: tuple[str, ...]
    standings: dict[str, Standing]  # stored with the delivery, compared by the next report
    plan_note: str = ""  # "2027年目标尚未录入，以下为2026年目标" while the clock's year has no plan

    @property
    def lagging(self) -> tuple[ReportRow, ...]:
        return tuple(sorted((r for r in self.rows if r.lagging), key=lambda r: READING_ORDER.get(r.status, 99)))

    @property
    def counts(self) -> dict[ProgressStatus, int]:
        counts = {status: 0 for status in STATUSES}
        for row in self.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        return counts

    @property
    def as_of_text(self) -> str:
        """'数据截至2026年10月', or '暂无2026年实际数据'."""
        return f"数据截至{self.year}年{self.as_of}" if self.as_of else f"暂无{self.year}年实际数据"

    @property
    def title(self) -> str:
        return f"苏州市推进新型工业化{self.year}年目标进度通报"

    @property
    def filename(self) -> str:
        return f"目标进度通报-{self.day:%Y%m%d}.docx"


def report_row(answer: IndicatorAnswer) -> ReportRow:
    """The row of one target from its answer (an answer with a target, from `targets_overview`)."""
    progress, actual = answer.progress, answer.actual
    status = progress.status if progress is not None else NO_DATA
    common = dict(indicator_id=answer.indicator.id, name=answer.indicator.name,
                  target=target_text(answer.target), status=status, colour=status_mark(status))
    if actual is None or progress is None or status == NO_DATA:
        return ReportRow(latest="暂无数据", period="", standing="—", time_progress="—", **common)
    if progress.gap_points is not None:
        gap = progress.gap_points
        standing = f"{'高于' if gap >= 0 else '低于'}目标{format_number(round(abs(gap), 2))}个百分点"
    elif progress.completion is not None:
        standing = f"完成率{percent(progress.completion)}"
        if progress.baseline is not None:
            standing += f"（自{progress.baseline_period}基数起）"
    else:
        standing = "—"
    scheduled = progress.time_progress if progress.time_basis in ("period", "plan") else None
    lead = progress.lead_points
    behind_by = f"落后序时进度{-lead:.1f}个百分点" if lead is not None and lead < 0 and status in LAGGING else ""
    projection, *pace = projection_lines(progress) or [""]
    return ReportRow(latest=observation_text(actual), period=period_label(actual), standing=standing,
                     time_progress=percent(scheduled) if scheduled is not None else "—",
                     completion=progress.completion, gap_points=progress.gap_points,
                     time_progress_value=scheduled, behind_by=behind_by, projection=projection,
                     pace="".join(pace[:1]), **common)


def change_line(difference: Difference) -> str:
    """One line of "与上次通报相比": the new figure, the new target, the status move."""
    old, new = difference.before, difference.after
    if new is None:
        return f"{difference.name}：不再列入本期目标"
    if old is None:
        return f"{difference.name}：新列入目标（{new.target}）"
    parts = []
    if difference.target_changed:
        parts.append(f"目标 {old.target} → {new.target}")
    if difference.figure_changed:
        before = f"{old.period} {old.figure}".strip() or "暂无数据"
        after = f"{new.period} {new.figure}".strip() or "暂无数据"
        parts.append(f"最新 {before} → {after}")
    if old.status != new.status:
        parts.append(f"状态 {status_label(old.status)} → {status_label(new.status)}")
    return f"{difference.name}：" + "；".join(parts)


def build_report(answerer: Answerer, previous: dict[str, Standing] | None = None) -> Report:
    """The report as of today (the answerer's clock and time zone), on the daily summary's data.
    `previous`: the standings stored with the previous report of the same subscription, None for a first."""
    summary = build_summary(answerer)
    current = standings(summary.answers)
    changes = None if previous is None else tuple(change_line(d) for d in differences(previous, current))
    return Report(summary.year, summary.day, summary.as_of, tuple(report_row(a) for a in summary.answers),
                  changes, summary.sources, current, summary.plan_note)


# -- the Word document ---------------------------------------------------------------------------
def _set_fonts(style_or_run, east_asian: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Latin letters in Times New Roman, Chinese in `east_asian` (w:eastAsia), as Word and WPS read them."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = LATIN_FONT
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        # a theme font wins over a named one: the template's headings would stay in Calibri Light
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = rpr.makeelement(qn("w:lang"), {})
        rpr.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _shade(cell, fill: str) -> None:
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    properties.append(shading)


def _row_flags(row, *, header: bool = False) -> None:
    """A row never breaks across pages; the header row repeats on every page."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
    if header:
        properties.append(properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    styles = document.styles
    _set_fonts(styles["Normal"], BODY_FONT, 14)
    styles["Normal"].paragraph_format.line_spacing = 1.3
    styles["Normal"].paragraph_format.space_after = Pt(2)
    _set_fonts(styles["Title"], TITLE_FONT, 20, bold=True)
    styles["Title"].font.color.rgb = None
    for level, size in ((1, 15), (2, 14)):
        heading = styles[f"Heading {level}"]
        _set_fonts(heading, HEADING_FONT, size, bold=False)
        heading.font.color.rgb = None
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.space_after = Pt(4)
    table_text = styles.add_style("Report Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    _set_fonts(table_text, TABLE_FONT, 10.5)
    table_text.paragraph_format.line_spacing = 1.0
    table_text.paragraph_format.space_after = Pt(0)


def _counts_sentence(report: Report) -> str:
    counts = report.counts
    parts = [f"{status_label(status)}{counts[status]}项" for status in STATUSES if counts.get(status)]
    return f"{report.year}年共{len(report.rows)}项目标：" + "，".join(parts) + "。"


def _lagging_line(row: ReportRow) -> str:
    figures = [f"{row.period} {row.latest}".strip(), row.standing]
    if row.time_progress != "—":
        figures.append(f"序时进度{row.time_progress}")
    if row.behind_by:
        figures.append(row.behind_by)
    line = f"{row.name}（{status_label(row.status)}）：" + "，".join(f for f in figures if f and f != "—") + "。"
    extra = [text for text in (row.projection, row.pace) if text]
    return line + ("；".join(extra) + "。" if extra else "")


def _xml_safe(value):
    """`value` (a Report, a ReportRow, a text or a tuple of them) with every text as a .docx can hold it:
    a title stored with a control character before they were removed on writing must not fail the report."""
    if isinstance(value, str):
        return value if xml_text(value) == value else xml_text(value)  # a status keeps its type
    if isinstance(value, tuple):
        return tuple(_xml_safe(item) for item in value)
    if isinstance(value, (Report, ReportRow)):
        return replace(value, **{f.name: _xml_safe(getattr(value, f.name)) for f in fields(value)})
    return value


def render_docx(report: Report, note: str = "") -> bytes:
    """The report as .docx bytes. `note`: an extra line under the date (e.g. that figures are made up)."""
    report, note = _xml_safe(report), xml_text(note)
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.5)
    document.core_properties.title = report.title
    document.core_properties.language = "zh-CN"

    title = document.add_paragraph(report.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = document.add_paragraph(f"（{report.day.year}年{report.day.month}月{report.day.day}日）")
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if note:
        document.add_paragraph(note).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.plan_note:
        document.add_paragraph(f"（{report.plan_note}）").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"数据截至：{report.year}年{report.as_of}（各项数据的期间见表中“最新”一栏）。"
                           if report.as_of else f"数据截至：暂无{report.year}年实际数据。")
    document.add_paragraph(_counts_sentence(report) + "完成率与序时进度（数据所覆盖月份占全年的比例，或该指标的"
                           "月度计划）比较；比重类指标看与目标相差的百分点。")

    document.add_heading("一、目标完成情况", level=1)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(4.1), Cm(3.2), Cm(3.0), Cm(2.8), Cm(2.0), Cm(1.9))
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid: LibreOffice and WPS lay the table out from it
    header = table.rows[0]
    _row_flags(header, header=True)
    for cell, text, width in zip(header.cells, COLUMNS, widths):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.style = "Report Table Text"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
        _shade(cell, "D9D9D9")
    for row in report.rows:
        latest = row.latest + (f"\n（{row.period}）" if row.period else "")
        # The colour is the cell's shading: an emoji would need a colour-emoji font that an office PC may lack.
        values = (row.name, row.target, latest, row.standing, row.time_progress, status_label(row.status))
        added = table.add_row()
        _row_flags(added)
        cells = added.cells
        for index, (cell, text, width) in enumerate(zip(cells, values, widths)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.style = "Report Table Text"
            if index > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text)
        for cell in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        if row.status in SHADING:
            _shade(cells[-1], SHADING[row.status])

    document.add_heading("二、滞后指标", level=1)
    if report.lagging:
        for row in report.lagging:
            document.add_paragraph(_lagging_line(row))
    else:
        document.add_paragraph("目前没有滞后或严重滞后的目标。")

    document.add_heading("三、与上次通报相比", level=1)
    if report.changes is None:
        document.add_paragraph("这是首份通报，没有可比较的上次通报。")
    elif not report.changes:
        document.add_paragraph("与上次通报相比，目标、数据和状态均无变化。")
    else:
        for line in report.changes:
            document.add_paragraph(line)

    document.add_heading("四、数据来源", level=1)
    for number, source in enumerate(report.sources, 1):
        document.add_paragraph(f"{number}. {source}")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
