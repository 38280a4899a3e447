"""Checking one row of an import: each table's cells read as the values to store (the figure by the same
rules as /set, the period by knowledge.periods, an alias by knowledge.aliases), against a snapshot of the
knowledge base; every reason a row is refused is one Chinese phrase.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from knowledge.aliases import alias_key, alias_refusal, known_keys
from knowledge.control_characters import name_refusal
from knowledge.errors import QuantityError, quoted
from knowledge.models import OBSERVATION_STATUS_WORDS, OBSERVATION_STATUSES, ObservationStatus
from knowledge.numerals import written_year
from knowledge.period_years import read_written_period
from knowledge.places import place_named
from knowledge.periods import YEAR_RANGE, PeriodError, check_ended
from knowledge.quantities import compatible, format_number, parse_growth, parse_quantity, to_base
from knowledge.edits import MAX_SOURCE_CHARS
from knowledge.store import Store, user_source_id
from knowledge.tables.reading import CONTROL_CHARACTERS
from knowledge.tables.sheets import SHEETS, ExcelPercent, cell_text
from knowledge.target_rules import figure_refusal, previous_target, share_reference, target_refusal


class ImportSnapshot:
    """What every row is checked against: the stored indicators, sources and rows, and the day that a
    period written without a year is read on (knowledge.period_years)."""

    def __init__(self, store: Store, today: date | None = None):
        self.today = today or date.today()
        self.readings: dict[str, str] = {}  # how a written period was read: written → label (and why)
        self.indicators = {i.id: i for i in store.indicators()}
        self.by_name = {i.name: i for i in store.indicators()}
        self.source_ids = {r["id"] for r in store.db["sources"].rows}
        # a title cites the source that has it (the first by id), as store.ensure_source finds it
        self.source_titles: dict[str, str] = {}
        for row in store.db.execute("select title, id from sources order by id desc"):
            self.source_titles[row[0]] = row[1]
        self.new_sources: dict[str, str] = {}  # id → title of a source this import adds by its title
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


def _key_text(cells: dict, column: str, label: str, errors: list[str], key: bool = True) -> str:
    """The text of a required cell; a key's is refused when stored_text would change it (name_refusal)."""
    text = cell_text(cells.get(column)).strip()
    if not text:
        errors.append(f"{label}（{column}）不能为空")
    elif key and (refusal := name_refusal(text, f"{label}（{column}）")):
        errors.append(refusal.rstrip("。"))
    return text


def _city(cells: dict, errors: list[str]) -> str:
    """The place the city cell names, read as /set reads it (knowledge.places.place_named: 苏州市 → 苏州,
    吴江区 → 吴江); a cell naming no known place is refused, never stored as a city no question reads."""
    before, text = len(errors), _key_text(cells, "city", "城市", errors)
    if len(errors) == before and (place := place_named(text)) is None:
        errors.append(f"城市（city）“{quoted(text)}”不是已知的地方（如苏州、吴江、深圳、江苏、全国，可带“市”或“区”）")
    return place_named(text) or text


def _indicator(cells: dict, context: ImportSnapshot, errors: list[str]):
    text = cell_text(cells.get("indicator_id")).strip()
    if not text:
        errors.append("指标（indicator_id）不能为空")
        return None
    indicator = context.indicators.get(text) or context.by_name.get(text)
    if indicator is None:
        errors.append(f"未知指标：“{quoted(text)}”（应为指标编号或指标全称）")
    return indicator


_SOURCE_ID = re.compile(r"[A-Za-z0-9_.:\-]+")  # how an id is written (szstats, plan2026); a title is not


def _source(cells: dict, context: ImportSnapshot, errors: list[str]) -> str:
    """The source id a 来源 cell names: a source id, the title of a known source, or a new title, which
    the import adds as /set adds one (store.ensure_source, when applied)."""
    text = cell_text(cells.get("source_id")).strip()
    if not text:
        errors.append("来源（source_id）不能为空")
    elif text in context.source_ids:
        return text
    elif text in context.source_titles:
        return context.source_titles[text]
    elif _SOURCE_ID.fullmatch(text):
        errors.append(f"未知来源编号：“{quoted(text)}”（应为已有的来源编号，或写来源标题，如“市统计局 2026年10月月报”）")
    elif len(text) > MAX_SOURCE_CHARS:
        errors.append(f"来源太长（{len(text)}字），请写{MAX_SOURCE_CHARS}字以内的标题，如“市统计局 2026年10月月报”")
    elif CONTROL_CHARACTERS.search(text) or any(c in text for c in "\t\r\n"):
        errors.append("来源标题含有换行或控制字符，请删去")
    else:
        source_id = user_source_id(text)
        context.new_sources.setdefault(source_id, text)
        return source_id
    return text


def _year(value, required: bool, errors: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append("年份（year）不能为空")
        return None
    year = written_year(value) if isinstance(value, str) else None  # 2026年, ２０２６, 二〇二六年: as /target
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, float) and value.is_integer():
        year = int(value)
    if year is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        errors.append(f"年份应为 {YEAR_RANGE[0]} 到 {YEAR_RANGE[1]} 之间的整数，收到“{quoted(cell_text(value))}”")
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
    raw, unit_cell = cells.get("value"), unicodedata.normalize("NFKC", cell_text(cells.get("unit"))).strip()
    result = {"unit": unit_cell}
    if "qualifier" in cells:
        result["qualifier"] = cell_text(cells["qualifier"])
    if raw is None or (isinstance(raw, str) and not raw.strip()) or indicator is None:
        result["value"] = None
        return result
    # Full-width digits, commas and units (１，９８０ / １９８０亿) read as their ASCII forms, as in /set.
    shown = unicodedata.normalize("NFKC", cell_text(raw)).strip()
    try:
        if isinstance(raw, bool):
            raise QuantityError(f"无法识别的数值：{quoted(shown)}")
        quantity = None
        if isinstance(raw, ExcelPercent):
            if indicator.unit != "%":
                raise QuantityError(f"单元格是百分比格式（显示为 {format_number(Decimal(repr(float(raw))) * 100)}%），"
                                    f"但“{indicator.name}”以“{indicator.unit or '文字'}”计")
            if unit_cell not in ("", "%"):
                raise QuantityError(f"单元格是百分比格式，与单位列“{quoted(unit_cell)}”不一致")
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
                    raise QuantityError(f"数值“{quoted(shown)}”与单位列“{quoted(unit_cell)}”不一致")
                number, written = quantity.value, quantity.unit
        if not number.is_finite():
            raise QuantityError(f"无法识别的数值：{quoted(shown)}")
        if number < 0:
            raise QuantityError(f"数值不能为负：{quoted(shown)}")
        if quantity is None:
            factor, written = _unit_rule(unit_cell, indicator.unit)
            number *= factor
            result["bare"] = not unit_cell
        if indicator.unit == "%" and not 0 <= to_base(number, written) <= 100:
            raise QuantityError(f"百分比应在 0 到 100 之间，收到 {format_number(number)}%")
    except (QuantityError, InvalidOperation) as error:
        errors.append(str(error) if isinstance(error, QuantityError) else f"无法识别的数值：{quoted(shown)}")
        result["value"] = None
        return result
    result["value"] = float(number)
    result["unit"] = written
    return result


def _status(value, errors: list[str]) -> str:
    text = cell_text(value).strip()
    if not text:
        return ObservationStatus.ACTUAL
    status = OBSERVATION_STATUS_WORDS.get(text, text.lower())
    if status not in OBSERVATION_STATUSES:
        errors.append(f"状态（status）应为 实际、初步、预计 或 修订（也可写 actual、preliminary、estimate、revised），收到“{quoted(text)}”")
    return status


def _optional_text(cells: dict, values: dict, columns: tuple[str, ...]) -> None:
    for column in columns:
        if column in cells:
            values[column] = cell_text(cells[column])


def _figure_row(cells: dict, context: ImportSnapshot, errors: list[str], observation: bool) -> dict:
    indicator = _indicator(cells, context, errors)
    values = {"indicator_id": indicator.id if indicator else None,
              "city": _city(cells, errors)}
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
        # the same check as /target (target_rules.target_refusal): a bare 2600 for 亿元, ten times the
        # previous target, a target the stored figures of its year are ten times
        key = (indicator.id, values["city"])
        previous = previous_target([r for k, r in context.stored["targets"].items() if k[:2] == key], values["year"])
        figures = [r for r in context.stored["observations"].values()
                   if (r["indicator_id"], r["city"], r["year"]) == (*key, values["year"])]
        written = cell_text(cells.get("value")).strip() + ("" if bare else cell_text(cells.get("unit")).strip())
        if refusal := target_refusal(indicator, values["value"], values["unit"], previous, figures, written, bare):
            errors.append(refusal)
    if observation and values.get("value") is not None:
        target = context.stored["targets"].get((indicator.id, values["city"], values["year"]))
        if target is None and indicator.unit == "%":  # the same reference as /set (edits.figure_target)
            mine = {n: [r for r in context.stored[n].values() if r["indicator_id"] == indicator.id] for n in ("targets", "observations")}
            target = share_reference(indicator, values["city"], values["year"], mine["targets"], mine["observations"])
        written = cell_text(cells.get("value")).strip() + ("" if bare else cell_text(cells.get("unit")).strip())
        if refusal := figure_refusal(indicator, Decimal(repr(values["value"])), values["unit"], target, written, bare):
            errors.append(refusal)
        if "约" in (values.get("qualifier") or "") and values.get("status", ObservationStatus.ACTUAL) == ObservationStatus.ACTUAL:
            values["status"] = ObservationStatus.ESTIMATE  # 约1980: an approximate figure is kept, marked 预计
    values["source_id"] = _source(cells, context, errors)
    _optional_text(cells, values, ("text", "note", "quote"))
    if values.get("value") is None and not errors and not (cell_text(cells.get("text")).strip()
                                                           or cell_text(cells.get("qualifier")).strip()):
        errors.append("数值（value）为空时须填写文字（text）")
    return values


def _period(cell, year: int | None, indicator, context: ImportSnapshot, errors: list[str]) -> tuple[str, int | None]:
    """The period's label and year, by the same rules as /set (knowledge.periods); an empty cell is an
    undated figure. A period naming another year than the year column is refused."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return "", year
    written = cell_text(cell).strip()
    cumulative = indicator is not None and indicator.kind == "cumulative"
    try:
        period, year_taken = read_written_period(cell, context.today, cumulative, year)
    except PeriodError as error:
        errors.append(f"期间（period）：{error}")
        return written, year
    if year is not None and period.year != year:
        errors.append(f"期间“{quoted(written)}”是{period.year}年，与年份列（{year}）不一致")
        return written, year
    try:
        check_ended(period, context.today)
    except PeriodError as error:
        errors.append(f"期间（period）：{error}")
        return written, year
    if written != period.label or period.note:  # 2026年10月 is its own label, yet one month
        why = period.note or (f"未写年份，按已结束的最近一期计为{period.year}年" if year_taken and year is None else "")
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
        return parse_growth(cell_text(cell))
    except QuantityError as error:
        errors.append(f"同比（yoy_growth）：{error}")
        return None


def _target_row(cells: dict, context: ImportSnapshot, errors: list[str]) -> dict:
    return _figure_row(cells, context, errors, observation=False)


def _observation_row(cells: dict, context: ImportSnapshot, errors: list[str]) -> dict:
    return _figure_row(cells, context, errors, observation=True)


def _source_row(cells: dict, context: ImportSnapshot, errors: list[str]) -> dict:
    values = {"id": _key_text(cells, "id", "来源编号", errors), "title": _key_text(cells, "title", "标题", errors, key=False)}
    _optional_text(cells, values, ("publisher", "published", "quote"))
    return values


def _alias_row(cells: dict, context: ImportSnapshot, errors: list[str]) -> dict:
    indicator = _indicator(cells, context, errors)
    values = {"indicator_id": indicator.id if indicator else None,
              "alias": _key_text(cells, "alias", "别名", errors)}
    if not errors and (values["indicator_id"], values["alias"]) not in context.stored["aliases"]:
        if refusal := alias_refusal(values["alias"], indicator, context.alias_keys, context.indicators):
            errors.append(refusal)
        else:  # a later row of the same file is checked against this one too
            context.alias_keys[alias_key(values["alias"])] = (indicator.id, values["alias"])
    return values


def _duty_row(cells: dict, context: ImportSnapshot, errors: list[str]) -> dict:
    from knowledge.duties import DutyError, parse_duty

    indicator = _indicator(cells, context, errors)
    due_day = cell_text(cells["due_day"]).strip() if cells.get("due_day") is not None else None
    try:
        unit, cycle, day = parse_duty(cell_text(cells.get("unit")), cell_text(cells.get("cycle")).strip(), due_day)
    except DutyError as error:
        errors.append(str(error).splitlines()[0])
        unit, cycle, day = None, None, None
    return {"indicator_id": indicator.id if indicator else None, "unit": unit, "cycle": cycle, "due_day": day}


# table name → check(cells, snapshot, errors) -> the values to store: cells maps column → cell (None when
# empty); every reason to refuse the row is appended to `errors` (Chinese), and the values count only
# when none was.
ROW_CHECKS = {"targets": _target_row, "observations": _observation_row, "sources": _source_row,
              "aliases": _alias_row, "indicator_duties": _duty_row}
