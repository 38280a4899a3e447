"""The header of a release table read: header lines stacked into one, a unit line (“单位：亿元、%”), and
what each header cell says its column holds — a period (1-10月, 10月, 本月, 累计), a place, a growth rate,
or something that is never this period's figure (上年同期, 全年目标, 完成率), with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.places import place_named
from knowledge.releases.periods import PERIOD, ReadPeriod, read_period
from knowledge.releases.tokens import _UNITS

DASHES = set("-:—–…/／ ")
_UNIT = rf"(?:万亿|亿|千万|百万|万|千)?(?:{'|'.join(_UNITS)}|个)"
# a number, with its unit when the cell writes one (7.5%, 1980亿元)
NUMERIC_CELL = re.compile(rf"^(?P<number>[-+]?\d+(?:\.\d+)?)(?P<unit>{_UNIT})?$")
UNIT_CELL = re.compile(rf"{_UNIT}")
UNIT_IN_NAME = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$")
# “单位：亿元、%” above a table (or in its corner cell): the unit of every row that names none
_UNIT_LINE = re.compile(rf"(?:计量)?单位\s*[:：]\s*(?P<units>{_UNIT}(?:\s*[、,，/和及]\s*{_UNIT})*)")

_GROWTH = re.compile(r"增长|增速|同比|增幅|增减|±|降幅")
_GROWTH_BASE = re.compile(r"(?:比|较|与|对比)(?:上年|去年|\d{4}年)(?:同期|同月)?|同比")
_EARLIER = re.compile(r"上年|去年|上月|同期|同月|往年")
_POINTS = re.compile(r"百分点")
_INCREMENT = re.compile(r"(?:比|较)(?:年初|上年末)(?:增加|新增|增长)|新增额|净增")
_RATIO = re.compile(r"完成率|完成进度|进度|比重|占比|占全|排名|位次")
_PLANNED = re.compile(r"目标|计划|任务")
NOT_ACTUAL_TARGET = "这是目标，不是实际数"  # the reason a target is not recorded (a column, or a sentence: targets.py)
_FORECAST = re.compile(r"预计|预期|预测")
_CUMULATIVE = re.compile(r"累计|本年|今年|本期|月末|期末|年末|1\s*[-—–~至到]+\s*(?:本|当)月")
_SINGLE_MONTH = re.compile(r"本月|当月")
_PLAIN_VALUE = re.compile(r"^(?:绝对值|绝对额|绝对量|数值|数据|总量|总额|金额|完成|完成额|完成值|实绩|实际|实际完成|数量|指标值|数额)$")
_OWN_PLACE = ("全市", "本市", "我市", "全市域")


@dataclass(frozen=True)
class Column:
    """What a header cell says its numbers are: kind value | growth | points | increment | unit | name
    | lost (with `reason`); `period` read from the header (None: the heading's) and `period_text` as it
    is to be written; `named` "month" or "cumulative" when a word named it (本月, 累计), not a period;
    `place` a place the figure is written with ("" for the document's own); `year` a year the header
    wrote out."""

    kind: str
    period: ReadPeriod | None = None
    period_text: str = ""
    named: str = ""
    place: str = ""
    unit: str = ""
    reason: str = ""
    year: int | None = None
    compared: bool = False  # 上年同期, an earlier year: what a growth column after it is measured against
    indicator: str = ""  # in a table of one row per place, the indicator a value column names


def table_cells(line: str) -> list[str] | None:
    """The cells of a table line (cut at | or tabs, which keep an empty cell in its column, else at two or
    more spaces), trailing empty cells dropped; None for prose (fewer than two cells)."""
    text = line.strip(" \u3000\n")
    if re.search(r"[|｜]", text):
        if len(text) > 1 and text[0] in "|｜" and text[-1] in "|｜":
            text = text[1:-1]  # a Markdown row's borders; one bar only at the start is an empty first cell
        cells = [c.strip() for c in re.split(r"[|｜]", text)]
    elif "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
    elif re.search(r"[ \u3000]{2,}", text):
        cells = [c.strip() for c in re.split(r"[ \u3000]{2,}", text) if c.strip()]
    else:
        return None
    while cells and not cells[-1]:
        cells.pop()
    return cells if len(cells) >= 2 and any(cells) else None


def units_named(line: str) -> str | None:
    """The unit a unit line (“单位：亿元、%”) gives the rows of a table: its first unit that is not %
    (“亿元”), or "%" when that is all it names; None for another line."""
    units = units_listed(line)
    if not units:
        return None
    return next((u for u in units if u != "%"), "%")


def units_listed(line: str) -> list[str]:
    """Every unit a unit line names, in order (“单位：亿元、%” → ["亿元", "%"]); [] for another line."""
    found = _UNIT_LINE.search(line)
    if not found:
        return []
    return [u for u in re.split(r"\s*[、,，/和及]\s*", found.group("units")) if u]


_SHARE_NAME = re.compile(r"比重|占比|比例|份额")


def row_unit(name: str, units: list[str]) -> str:
    """The unit a table's unit line gives a row: % for a share's row (高新技术产业产值占规上工业总产值
    比重) when the line names %, else the line's first unit that is not % (“单位：亿元、%”); "" for none."""
    if "%" in units and _SHARE_NAME.search(name):
        return "%"
    return next((u for u in units if u != "%"), "%") if units else ""


def is_name_label(text: str) -> bool:
    """Whether a header cell is the label of the names' column (指标, 指标名称, 项目)."""
    return bool(re.fullmatch(r"指标(?:名称)?|项目|名称|类别|分类|主要指标", re.sub(r"[（(].*$", "", text)))


def stacked(upper: list[str], lower: list[str]) -> list[str]:
    """Two header lines as one: a merged upper cell (written once, empty to its right) heads every
    column under it: “1-10月 | | 10月 |” over “绝对值 | 同比 | 绝对值 | 同比”."""
    width = max(len(upper), len(lower))
    upper = upper + [""] * (width - len(upper))
    lower = lower + [""] * (width - len(lower))
    carried = []
    for index, cell in enumerate(upper):
        carried.append(cell or (carried[-1] if index > 1 else ""))
    return [u if not l or l == u else l if not u else u + l for u, l in zip(carried, lower)]


def headerless(cells: list[str]) -> list[Column]:
    """Columns of a row with no header: its first number is the value of the heading's period, a
    percentage after it the growth rate; any other number is not guessed."""
    columns, value_seen = [Column("name")], False
    for cell in cells[1:]:
        if NUMERIC_CELL.match(cell) and not value_seen:
            columns.append(Column("value"))
            value_seen = True
        elif NUMERIC_CELL.match(cell) and cell.endswith("%"):
            columns.append(Column("growth"))
        else:
            columns.append(Column("lost", reason="表格中这个数没有表头，未读取"))
    return columns


def columns_of(header: list[str], heading: ReadPeriod | None, known_place) -> list[Column]:
    """What each column of a table holds, by its header cell (the first column holds the names).
    `known_place(name)` says whether the knowledge base holds figures of a place."""
    columns = [Column("name")] + [_column(h, heading, known_place) for h in header[1:]]
    # “2026年1-10月 | 2025年1-10月”: the earlier year is the figure compared with, not this period's
    years = [c.year for c in columns if c.kind == "value" and c.year]
    if len(set(years)) > 1:
        columns = [Column("lost", reason=f"{c.year}年的数（表中还有{max(years)}年），不是本期数", compared=True)
                   if c.kind == "value" and c.year and c.year < max(years) else c for c in columns]
    # a growth column naming no period is the growth of the column before it (上年同期 is only its base):
    # after a target's, it is the target's
    rates = [bool(_GROWTH.search(h) or _POINTS.search(h) or _INCREMENT.search(h)) for h in header]
    for index, column in enumerate(columns):
        if column.kind in ("growth", "points", "increment") and not (column.period_text or column.named):
            before = next((j for j in range(index - 1, 0, -1) if not rates[j] and not columns[j].compared), None)
            if before is not None and columns[before].kind == "lost":
                columns[index] = Column("lost", reason=f"表头“{header[index]}”：是“{header[before]}”那一列的增速，不录入")
    return columns


def _column(head: str, heading: ReadPeriod | None, known_place) -> Column:
    """What one header cell says its column holds."""
    text = re.sub(r"\s+", "", head)
    found = UNIT_IN_NAME.search(text)
    unit = found.group(1) if found and UNIT_CELL.fullmatch(found.group(1)) else ""
    bare = text[:found.start()] if found else text
    if not bare:
        return Column("lost", reason="这一列没有表头，未读取")
    if re.fullmatch(r"(?:计量)?单位", bare) or units_named(bare) is not None:
        return Column("unit")
    if _RATIO.search(bare):
        return Column("lost", reason=f"表头“{head}”：完成率、比重、排名等不作为本期数录入")
    if _FORECAST.search(bare):
        return Column("lost", reason=f"表头“{head}”：这是预计数，不是实际数")
    if _PLANNED.search(bare):
        return Column("lost", reason=f"表头“{head}”：{NOT_ACTUAL_TARGET}")
    earlier = _EARLIER.search(_GROWTH_BASE.sub("", bare))
    if earlier:
        return Column("lost", reason=f"表头“{head}”：这是往期（{earlier.group()}）的数，不是本期数", compared=True)
    if "环比" in bare:
        return Column("lost", reason=f"表头“{head}”：环比增速，不是同比")
    kind = ("points" if _POINTS.search(bare) else "increment" if _INCREMENT.search(bare)
            else "growth" if _GROWTH.search(bare) else "value")
    period = _header_period(_GROWTH_BASE.sub("", bare) if kind != "value" else bare, heading)
    if isinstance(period, str):
        return Column("lost", reason=period)
    if kind == "growth" and unit and unit != "%":  # 增减（亿元）: a change in amount, not a rate
        return Column("lost", reason=f"表头“{head}”：增减的数额，不是同比")
    if kind != "value":
        return Column(kind, *period)
    place = header_place(bare)
    if place is not None:
        if place and not known_place(place):
            return Column("lost", reason=f"表头“{head}”：知识库里没有{place}的数据，这一列未录入")
        return Column("value", heading, place=place, unit=unit)
    if period[0] is None and not period[2] and not _PLAIN_VALUE.match(bare):
        return Column("lost", reason=f"表头“{head}”：看不出是哪个期间、哪个地方的数，未读取")
    return Column("value", *period, unit=unit, year=period[0].year if period[0] and not period[2] else None)


def _header_period(text: str, heading: ReadPeriod | None) -> tuple | str:
    """(period, text to write, words that named it) a header cell names; a string: why it cannot be read."""
    for match in PERIOD.finditer(text):
        if match.group():
            period = read_period(match)
            if period is None:
                return f"表头“{text}”的期间不成立，未读取"
            return period, match.group(), ""
    if _CUMULATIVE.search(text):  # first: 1-本月 and 本月末 close the year so far
        return heading, "", "cumulative"
    if _SINGLE_MONTH.search(text):
        if heading is None:
            return f"表头“{text}”：标题里没有期间，不知道是哪个月"
        month = ReadPeriod(heading.year, heading.last_month, heading.last_month, "month")
        return month, (f"{heading.year}年" if heading.year else "") + f"{heading.last_month}月", "month"
    return None, "", ""


# a column of the province or the country: that place's figures (recorded only if the knowledge base holds it)
_WHOLE = {"全省": "江苏", "全国": "全国"}


def header_place(text: str) -> str | None:
    """The place a header (or a row's first cell) names: "" for the document's own (全市), the name for
    another; None for none."""
    if text in _OWN_PLACE:
        return ""
    place = place_named(text)
    return place if place is not None else _WHOLE.get(text)


_GROWTH_ONLY = re.compile(r"(?:同比|比上年(?:同期)?)?(?:增长率?|增速|增幅|增减|±)?%?")
_PLACE_LABEL = re.compile(r"(?:城市|地区|区域|地方|县市区|市县|板块|市|区)(?:名称)?")


def indicator_columns(header: list[str]) -> list[Column] | None:
    """The columns of a table with one row per place and one column per indicator (“城市 | 规上工业总产值
    (亿元) | 同比增长(%) | 工业投资(亿元) | …”, the period in its heading): a value column's `indicator` is
    the name its header gives, `unit` the unit in brackets; a bare growth column (同比增长(%)) is the
    growth of the indicator before it. None when the header's corner names no place column (城市, 地区) or a column
    names a period, a place, a target or an earlier period: not such a table."""
    if not header or not _PLACE_LABEL.fullmatch(re.sub(r"\s+", "", header[0])):
        return None
    columns = [Column("name")]
    for head in header[1:]:
        text = re.sub(r"\s+", "", head)
        found = UNIT_IN_NAME.search(text)
        unit = found.group(1).replace("％", "%") if found and UNIT_CELL.fullmatch(found.group(1)) else ""
        bare = text[:found.start()] if found else text
        if (not bare or any(m.group() for m in PERIOD.finditer(bare)) or header_place(bare) is not None
                or _PLANNED.search(bare) or _FORECAST.search(bare) or _EARLIER.search(_GROWTH_BASE.sub("", bare))):
            return None
        if _POINTS.search(text) and _GROWTH_ONLY.fullmatch(_POINTS.sub("", bare).replace("个", "")):
            columns.append(Column("points"))
        elif bare.strip("%") and _GROWTH_ONLY.fullmatch(bare):
            columns.append(Column("growth") if unit in ("", "%") else
                           Column("lost", reason=f"表头“{head}”：增减的数额，不是同比"))
        else:
            columns.append(Column("value", unit=unit, indicator=bare))
    return columns if any(c.kind == "value" for c in columns) else None
