"""Reading a release, a text or a .txt/.docx file, into figures: read_release walks its lines and
sentences, gives every value and growth rate to the subject before it, and lists the rest as unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from knowledge.periods import PeriodError
from knowledge.quantities import compatible
from knowledge.releases.columns import table_cells
from knowledge.releases.periods import ReadPeriod
from knowledge.releases.results import ReleaseError, ReleaseFigure, ReleaseReading, Unplaced
from knowledge.releases.sentences import LIST_MARK, normalize_text, plain, split_sentences, squeeze
from knowledge.releases.subjects import Subject, SubjectReader, only_modifiers
from knowledge.releases.tokens import (
    Token,
    city_at,
    growth_of,
    sentence_tokens,
    stray_digits,
    stray_positions,
    value_of,
)
from knowledge.releases.tables import TableReader
from knowledge.releases.vocabulary import Entry, Vocabulary, canon
from knowledge.releases.words import INCREMENT_TAIL, LINKERS
from knowledge.store import Store


MAX_RELEASE_CHARS = 100_000
NO_PERIOD = "没有期间：句中和标题里都没有写明（可在第一行加上标题，如“2026年1—10月全市经济运行情况”）"


@dataclass
class _Draft:
    entry: Entry
    city: str
    period: ReadPeriod | None
    value: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    yoy: float | None = None
    change_points: float | None = None
    year: int = 0
    period_from: str = "sentence"


def read_release(text: str, store: Store, today: date) -> ReleaseReading:
    """Every figure of a release that belongs to an indicator of `store`, and the unplaced sentences.

    `today` is the day the release is read: a period written without a year, when no heading names
    one, is in today's year. Raises ReleaseError for an empty or over-long text.
    Returns figures in the order of the text; one figure per (indicator, city, period): a level and
    its growth rate written in two clauses of one sentence make one figure.
    """
    if not text or not text.strip():
        raise ReleaseError("通报内容为空。")
    if len(text) > MAX_RELEASE_CHARS:
        raise ReleaseError(f"通报太长（{len(text)}字），上限为{MAX_RELEASE_CHARS}字。")
    vocabulary = Vocabulary(store.indicators(), store.aliases())
    subjects = SubjectReader(vocabulary)
    heading: ReadPeriod | None = None
    year = today.year
    title = ""
    drafts: dict[tuple[str, str, str], _Draft] = {}
    figures_order: list[tuple[str, str, str]] = []
    unplaced: list[Unplaced] = []
    first_sentence: dict[tuple[str, str, str], str] = {}

    table = TableReader(_known_places(store))
    for raw_line in normalize_text(text).split("\n"):
        cells = table_cells(raw_line)
        if cells is not None:
            row = table.line(cells, heading)
            unplaced.extend(row.unplaced)
            for written in row.sentences:
                _read_sentence(written, sentence_tokens(written), subjects, heading, year, drafts, figures_order,
                               first_sentence, unplaced, shown=row.shown)
            continue
        table.prose(raw_line)
        line = squeeze(LIST_MARK.sub("", raw_line))
        if not line:
            continue
        for sentence in split_sentences(line):
            sentence = plain(sentence)
            tokens = sentence_tokens(sentence)
            if not any(t.kind in ("value", "growth") for t in tokens) and stray_digits(sentence, tokens) is None:
                periods = [t.period for t in tokens if t.kind == "period"]
                if periods and not sentence.endswith(("。", "！", "？")):
                    heading = periods[-1]
                    if heading.kind == "month":  # “10月份经济运行情况” reports the year so far
                        heading = ReadPeriod(heading.year, 1, heading.last_month, "cumulative")
                    if heading.year:
                        year = heading.year
                    title = title or sentence
                continue
            _read_sentence(sentence, tokens, subjects, heading, year, drafts, figures_order, first_sentence,
                           unplaced)

    figures = []
    for key in figures_order:
        draft = drafts[key]
        figures.append(ReleaseFigure(
            draft.entry.indicator.id, draft.entry.indicator.name, draft.city, key[2], draft.year,
            draft.value, draft.unit, draft.qualifier, draft.yoy, draft.change_points, first_sentence[key],
            draft.period_from))
    return ReleaseReading(title, tuple(figures), tuple(unplaced))


def _read_sentence(sentence, tokens, subjects, heading, year, drafts, order, first_sentence, unplaced,
                   shown: str | None = None) -> None:
    """Read one sentence's figures into `drafts`; `shown` is the text to report (a table row)."""
    shown = shown or sentence
    period: ReadPeriod | None = None
    previous: Subject | None = None
    last_draft: _Draft | None = None
    boundary = 0
    separator_before = ""

    def fragment_at(token: Token) -> str:
        start = max((sentence.rfind(s, 0, token.start) for s in "，；：、,;:"), default=-1) + 1
        ends = [i for i in (sentence.find(s, token.end) for s in "，；。、,;") if i >= 0]
        return sentence[start:min(ends) if ends else len(sentence)]

    def lost(token: Token, reason: str) -> None:
        unplaced.append(Unplaced(shown, fragment_at(token), reason))

    for token in tokens:
        if token.kind in ("period", "compared_period"):
            if token.kind == "period":
                period = token.period
            continue
        if token.kind in ("name_number", "date"):
            continue
        # the words between the last clause boundary (or anchor) and this token, periods cut out
        clause_start = boundary
        for sep in "，；：、,;:":
            position = sentence.rfind(sep, boundary, token.start)
            if position + 1 > clause_start:
                clause_start = position + 1
        separator_before = sentence[clause_start - 1] if clause_start > 0 else ""
        pieces, cursor = [], clause_start
        for other in tokens:
            if other.kind in ("period", "compared_period") and clause_start <= other.start < token.start:
                pieces.append(sentence[cursor:other.start])
                cursor = other.end
        pieces.append(sentence[cursor:token.start])
        raw = "".join(pieces)
        boundary = token.end

        subject = subjects.read(raw, previous, listed=separator_before == "、")
        bare = LINKERS.sub("", canon(raw))
        empty_subject = only_modifiers(bare)
        # “余额X亿元，比年初增加Y亿元”: the addition borrows the subject, which stays the balance's, so
        # a 同比 after it is read as the balance's growth, not the addition's
        increment_only = bool(INCREMENT_TAIL.search(bare)) and only_modifiers(INCREMENT_TAIL.sub("", bare))
        if not empty_subject and not increment_only:
            previous = subject
        elif previous is None:
            previous = subject

        used_period = period or heading
        city = city_at(sentence, token.start)
        if token.kind == "growth":
            what, number, why = growth_of(token.match)
            if what == "other":
                lost(token, why)
                continue
            if subject.entry is None:
                lost(token, subject.reason)
                continue
            if empty_subject and (last_draft is None or last_draft.entry is not subject.entry):
                lost(token, "这个增速所属的数据未能录入")
                continue
            target = last_draft if empty_subject else None
            if what == "yoy" and token.match.group("flat") and target is not None and target.unit == "%":
                what = "points"
            if what == "points":
                holder = target
                if holder is None or holder.unit != "%" or "增速" in raw or "增幅" in raw:
                    lost(token, "百分点变化只记在比重类数据上")
                    continue
                holder.change_points = number
                continue
            if target is None:
                if subject.entry.indicator.unit == "%":
                    lost(token, "比重类指标的增速不录入")
                    continue
                if used_period is None:
                    lost(token, NO_PERIOD)
                    continue
                try:
                    target = _draft(drafts, order, first_sentence, subject.entry, city, used_period, year,
                                    shown, period is not None)
                except PeriodError:
                    lost(token, "期间既不是从1月起的累计，也不是单月、季度或全年")
                    continue
            if target.yoy is not None and target.yoy != number:
                lost(token, "同一数据出现两个不同的同比")
                continue
            target.yoy = number
            last_draft = target
            continue

        # a value
        value, unit, qualifier = value_of(token.match)
        if subject.entry is None:
            lost(token, subject.reason)
            last_draft = None
            continue
        indicator = subject.entry.indicator
        if not compatible(unit, indicator.unit) or (indicator.unit == "%") != (unit == "%"):
            lost(token, f"单位不符：“{indicator.name}”以{indicator.unit or '文字'}计，这里是{unit}")
            last_draft = None
            continue
        if used_period is None:
            lost(token, NO_PERIOD)
            last_draft = None
            continue
        try:
            draft = _draft(drafts, order, first_sentence, subject.entry, city, used_period, year, shown,
                           period is not None)
        except PeriodError:
            lost(token, "期间既不是从1月起的累计，也不是单月、季度或全年")
            last_draft = None
            continue
        if draft.value is not None and (draft.value, draft.unit) != (value, unit):
            lost(token, "与前文同一指标同一期间的数值不一致")
            last_draft = None
            continue
        draft.value, draft.unit, draft.qualifier = value, unit, qualifier
        last_draft = draft

    listed = {u.fragment for u in unplaced if u.sentence == shown}
    for stray in stray_positions(sentence, tokens):
        start = max(sentence.rfind(s, 0, stray) for s in "，；：,;") + 1
        ends = [i for i in (sentence.find(s, stray) for s in "，；。,;") if i >= 0]
        fragment = sentence[start:min(ends) if ends else len(sentence)]
        if not any(fragment in f or f in fragment for f in listed):
            unplaced.append(Unplaced(shown, fragment, "有数字，但没有读出对应的指标"))
            listed.add(fragment)


def _known_places(store: Store):
    """Whether the knowledge base holds a target or a figure of a place (asked once, when a table names one)."""
    known: set[str] = set()

    def holds(place: str) -> bool:
        if not known:
            known.update(t.city for t in store.targets())
            known.update(o.city for o in store.observations())
        return place in known
    return holds


def _draft(drafts, order, first_sentence, entry: Entry, city: str, period: ReadPeriod, year: int, sentence: str,
           from_sentence: bool) -> _Draft | None:
    label = period.period(year).label  # PeriodError: the caller lists the figure as unplaced
    key = (entry.indicator.id, city, label)
    if key not in drafts:
        drafts[key] = _Draft(entry, city, period, year=period.year or year,
                             period_from="sentence" if from_sentence else "heading")
        order.append(key)
        first_sentence[key] = sentence
    return drafts[key]
