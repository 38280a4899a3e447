"""Reading a release, a text or a .txt/.docx file, into figures: read_release walks its lines and
sentences, gives every value and growth rate to the subject before it, and lists the rest as unplaced.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import date

from knowledge.models import ObservationStatus
from knowledge.periods import PeriodError
from knowledge.quantities import compatible, format_quantity
from knowledge.releases.origin import Origin, document_origin, figure_place, without_rank_scope
from knowledge.releases.dates import REPORT_WORDS, PeriodYears, release_date
from knowledge.releases.drafts import Draft, draft_for, level_of, year_of
from knowledge.releases.asides import CHANGE_REASON, aside_reason, change_only, share_of_before
from knowledge.releases.changes import share_growth
from knowledge.releases.carrying import (SPAN_REASON, carried_period, lead_subject, opening_year, without_average,
                                         yearly_average)
from knowledge.releases.continuing import SentenceBefore, running_period
from knowledge.releases.rounding import CLASH, DIFFERENT, TAKE, clash_reason, settle
from knowledge.releases.clauses import PERIOD_KINDS, PeriodInForce, estimate_note, same_period, without_estimate
from knowledge.releases.columns import table_cells
from knowledge.releases.files import SKIPPED_MARK
from knowledge.releases.fragments import ListedClauses, Marks, shown_fragment
from knowledge.releases.rewriting import rewritten
from knowledge.releases.placing import PlaceInForce
from knowledge.releases.notes import noted_periods
from knowledge.releases.periods import ReadPeriod, heading_period
from knowledge.releases.results import ReleaseFigure, ReleaseReading, Unplaced, check_length
from knowledge.releases.sentences import LIST_MARK, normalize_text, split_sentences, squeeze
from knowledge.releases.subjects import Subject, SubjectReader, only_modifiers
from knowledge.releases.tokens import (
    Token,
    growth_of,
    sentence_tokens,
    stray_digits,
    stray_positions,
    stray_reason,
    value_of,
)
from knowledge.releases.tables import TableReader
from knowledge.releases.targets import TargetSection, target_unplaced, without_target
from knowledge.releases.vocabulary import Vocabulary, canon
from knowledge.releases.words import INCREMENT_TAIL, LINKERS
from knowledge.store import Store


NO_PERIOD = "没有期间：句中和标题里都没有写明（可在第一行加上标题，如“2026年1—10月全市经济运行情况”）"


def read_release(text: str, store: Store, today: date) -> ReleaseReading:
    """Every figure of a release that belongs to an indicator of `store`, and the unplaced sentences.

    `today` is the day the release is read: a period written without a year, when no heading names
    one, takes its year from the release's own date line, else from `today` (knowledge.releases.dates);
    the reading's `year_note` says which. Raises ReleaseError for an empty or over-long text.
    Returns figures in the order of the text; one figure per (indicator, city, period): a level and
    its growth rate written in two clauses of one sentence make one figure.
    """
    check_length(text)
    vocabulary = Vocabulary(store.indicators(), store.aliases())
    subjects = SubjectReader(vocabulary)
    lines = noted_periods(normalize_text(text)).split("\n")  # “（深圳为1—9月数据）” (notes.py)
    dated = release_date(lines, today)
    years = PeriodYears(dated)
    # a 政府工作报告 reviews the year before: that whole year, unless a heading or sentence says otherwise
    heading: ReadPeriod | None = ReadPeriod(None, 1, 12, "reviewed") if dated.report else None
    title = ""
    drafts: dict[tuple[str, str, str], Draft] = {}
    figures_order: list[tuple[str, str, str]] = []
    unplaced: list[Unplaced] = []
    first_sentence: dict[tuple[str, str, str], str] = {}

    places = PlaceInForce(document_origin(lines, store))  # whose figures the lines are (placing.py)
    estimated: str | None = None  # “（预计数，下同）” makes the figures after it forecasts
    sentence_before = SentenceBefore()  # 1—10月累计完成…: a sentence that goes on with the last one's subject
    table = TableReader(store.places_with_figures().__contains__)
    targets = TargetSection(dated.report)  # under “主要预期目标”, figures are targets
    for index, raw_line in enumerate(lines):
        if index == dated.line:  # the date line dates the release; it holds no figure
            continue
        if raw_line.startswith(SKIPPED_MARK):  # a part of a .docx not read (files.py): said, never silent
            unplaced.append(Unplaced(raw_line, raw_line[len(SKIPPED_MARK):], "未读取，请把这部分复制为文字另发"))
            continue
        cells = table_cells(raw_line)
        if cells is not None:
            row = table.line(cells, heading)
            unplaced.extend(row.unplaced)
            for written in row.sentences:
                _read_sentence(written, sentence_tokens(written), subjects, heading, years, drafts, figures_order,
                               first_sentence, unplaced, places.origin, shown=row.shown, sentence_status=estimated)
            continue
        table.prose(raw_line)
        line = squeeze(LIST_MARK.sub("", raw_line))
        if not line:
            continue
        carried: ReadPeriod | None = None  # “1至8月，…。其中工业投资…”: a period holds to its paragraph's end
        sentence_before.subject = None  # and so does a subject (“二、工业投资” may head the next paragraph)
        targets.paragraph()  # and “下一步，…” (plans)
        years.paragraph_year = opening_year(line)  # and “2026年，…。全年…” (the year of 全年 and the like)
        for sentence in split_sentences(line):
            noted = estimate_note(sentence)
            sentence_status = ObservationStatus.ESTIMATE if noted else estimated
            sentence, unpaired = rewritten(sentence)  # 分别, 应为, （上年同期…） (rewriting.py)
            unplaced.extend(Unplaced(sentence, clause, reason) for clause, reason in unpaired)
            targets.sentence(sentence)
            tokens = sentence_tokens(sentence)
            if not any(t.kind in ("value", "growth") for t in tokens) and stray_digits(sentence, tokens) is None:
                estimated = sentence_status  # a note on a heading holds for what it heads
                places.heading(raw_line, sentence)
                targets.heading(sentence)
                periods = [t.period for t in tokens if t.kind == "period"]
                if REPORT_WORDS.search(sentence) and not sentence.endswith("。"):  # “2027年政府工作报告” reviews 2026
                    title = title or sentence
                elif periods and not sentence.endswith(("。", "！", "？")):
                    heading = heading_period(periods[-1])
                    if heading.year:
                        years.heading_year = heading.year
                    title = title or sentence
                elif periods:
                    carried = carried_period(periods[-1], introduces=True) or carried  # “10月份：”
                continue
            shown = None  # the whole sentence, when its targets are cut out of what is read
            if (target := targets.span(sentence, tokens)) is not None:  # “力争突破5万亿元”: no actual figure
                unplaced.extend(target_unplaced(sentence, tokens, *target))
                shown, sentence = sentence, without_target(sentence, target[0], target[1])
                tokens = sentence_tokens(sentence)
            carried = _read_sentence(sentence, tokens, subjects, heading, years, drafts, figures_order,
                                     first_sentence, unplaced, places.origin, shown=shown, sentence_status=sentence_status,
                                     carried=carried, before=sentence_before) or carried
            places.read(sentence)
            estimated = sentence_status if noted == "following" else estimated

    figures = []
    for key in figures_order:
        draft = drafts[key]
        if draft.clash or (draft.value is None and draft.yoy is None and draft.change_points is None):
            continue  # two values (or a lone 同比 twice) that disagree: nothing of it is written
        figures.append(ReleaseFigure(
            draft.entry.indicator.id, draft.entry.indicator.name, draft.city, key[2], draft.year,
            draft.value, draft.unit, draft.qualifier, draft.yoy, draft.change_points, first_sentence[key],
            draft.period_from, draft.status, draft.year_from_date))
    return ReleaseReading(title, tuple(figures), tuple(unplaced), years.note(), dated)


def _read_sentence(sentence, tokens, subjects, heading, years: PeriodYears, drafts, order, first_sentence, unplaced,
                   origin: Origin, shown: str | None = None, sentence_status: str | None = None,
                   carried: ReadPeriod | None = None, before: SentenceBefore | None = None) -> ReadPeriod | None:
    """Read one sentence's figures into `drafts`, their years by `years`; `origin` is whose release it
    is (its 全市), `shown` the text to report (a table row); `sentence_status` the status a note gives
    all its figures (预计数, ObservationStatus.ESTIMATE); `carried` the period an earlier sentence of the
    paragraph named, in force before the heading's; `before` the subject the sentence before ended on,
    which this one may go on with (and which it updates). Returns the period this sentence names for the
    sentences after it (None if it names none)."""
    shown = shown or sentence
    told = carried is not None  # the period was read from the text, not from the heading
    heading = carried or heading
    period: ReadPeriod | None = None
    previous: Subject | None = None
    last_draft: Draft | None = None
    boundary = 0
    separator_before = ""
    # found once, for every token (found again for each, a long sentence took time quadratic in its length)
    starts, ends = Marks(sentence, "，；：、,;:"), Marks(sentence, "，；。、,;")
    cuts = [t for t in tokens if t.kind in PERIOD_KINDS]
    cut_starts = [t.start for t in cuts]
    listed = ListedClauses()

    def clause_at(token: Token) -> str:
        start, end = starts.start_before(token.start), ends.end_from(token.end)
        return shown_fragment(sentence, start, end, token.start, token.end)

    def fragment_at(token: Token) -> str:
        listed.add(starts.start_before(token.start), ends.end_from(token.end))
        return clause_at(token)

    def lost(token: Token, reason: str) -> None:
        unplaced.append(Unplaced(shown, fragment_at(token), reason))

    in_force = PeriodInForce(sentence, tokens, heading)
    for token in tokens:
        named = in_force.at(token)
        period = in_force.period
        if named:
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
        for other in cuts[bisect_left(cut_starts, clause_start):bisect_left(cut_starts, token.start)]:
            if clause_start <= other.start < token.start:
                pieces.append(sentence[cursor:other.start])
                cursor = other.end
        pieces.append(sentence[cursor:token.start])
        raw, status = without_estimate("".join(pieces))
        status = status or sentence_status
        own_period = in_force.words_between(clause_start, token.start)  # 10月当月增长6.8%: "10月当月"
        previous = lead_subject(sentence, boundary, clause_start, tokens, subjects) or previous
        spanned = yearly_average(raw)
        raw = without_rank_scope(without_average(raw))
        boundary = token.end
        aside = aside_reason(raw, value_of(token.match)[1]) if token.kind == "value" else ""
        if aside:  # 完成年度计划的79.5%, 比上海多7666.3亿元: the figure before keeps its subject and 同比
            lost(token, aside)
            continue

        if previous is None and before is not None:
            previous = before.opening(sentence, tokens, token, raw)
        subject = subjects.read(raw, previous, listed=separator_before == "、")
        bare = LINKERS.sub("", canon(raw))
        empty_subject = only_modifiers(bare)
        # “余额X亿元，比年初增加Y亿元”: the addition borrows the subject, which stays the balance's, so
        # a 同比 after it is read as the balance's growth, not the addition's
        increment_only = bool(INCREMENT_TAIL.search(bare)) and only_modifiers(INCREMENT_TAIL.sub("", bare))
        # “，比上年同期增加1872.2亿元，同比增长4.8%”, “，约占全省的25%，同比增长9.1%”: the 同比 is the level's
        changed = change_only(bare) or (subject.entry is None and share_of_before(raw))
        if not empty_subject and not increment_only and not changed:
            previous = subject
        elif previous is None:
            previous = subject

        if in_force.past_reason or spanned:
            lost(token, in_force.past_reason or SPAN_REASON)
            if spanned or not (empty_subject or (last_draft is not None and subject.entry is last_draft.entry)):
                last_draft = None  # “，上年同期为39004.1亿元，同比增长4.8%”: the 同比 is still the level's
            continue
        used_period = running_period(period or heading, raw)
        if period is not None and period.kind == "so_far" and heading is not None:  # 今年 under a 1—10月 heading
            used_period = heading if heading.year else replace(heading, years_ago=0)
        placed = figure_place(sentence, token.start, origin)
        if placed.city is None:
            lost(token, placed.reason)
            if token.kind == "value":
                last_draft = None
            continue
        city = placed.city
        if token.kind == "growth":
            what, number, why = growth_of(token.match, year_of(years, used_period))
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
            if target is not None and own_period and not same_period(target.period, target.year, period,
                                                                   year_of(years, period)):
                # “40876亿元，10月当月增长6.8%”: the month's growth, kept only beside the month's own level
                target = level_of(drafts, subject.entry, city, period, years)
                if target is None and period.kind != "cumulative":  # 1—10月累计增长4.8%: a draft of its own
                    lost(token, f"{own_period}的增速，不是{last_draft.period.period(last_draft.year).label}的同比")
                    continue
            if target is not None and used_period is not (period or heading) and not same_period(
                    target.period, target.year, used_period, year_of(years, used_period)):
                # “10月份…4102.5亿元，累计增长4.8%”: the year so far's growth, not the month's
                target = level_of(drafts, subject.entry, city, used_period, years)
            what, why = share_growth(what, token.match, target and target.unit)
            if why:  # 比重51.2%，同比提高0.8%: relative, or points?
                lost(token, why)
                continue
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
                    target = draft_for(drafts, order, first_sentence, subject.entry, city, used_period, years,
                                    shown, period is not None or told)
                except PeriodError:
                    lost(token, "期间既不是从1月起的累计，也不是单月、季度或全年")
                    continue
            unplaced.extend(Unplaced(*clash) for clash in target.give_yoy(number, (shown, clause_at(token))))
            target.status = status or target.status
            last_draft = target
            continue

        # a value
        value, unit, qualifier = value_of(token.match)
        if subject.entry is None:
            lost(token, CHANGE_REASON if change_only(bare) else subject.reason)
            last_draft = last_draft if changed else None
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
            draft = draft_for(drafts, order, first_sentence, subject.entry, city, used_period, years, shown,
                           period is not None or told)
        except PeriodError:
            lost(token, "期间既不是从1月起的累计，也不是单月、季度或全年")
            last_draft = None
            continue
        verdict = settle((draft.value, draft.unit, draft.qualifier), (value, unit, qualifier)) \
            if draft.value is not None else TAKE
        if verdict == DIFFERENT or draft.clash:
            lost(token, draft.clash or "与前文同一指标同一期间的数值不一致")
            last_draft = None
            continue
        if verdict == CLASH:  # 超5万亿元 beside 40876.3亿元: both shown, neither written
            draft.clash = clash_reason((draft.value, draft.unit, draft.qualifier), (value, unit, qualifier))
            held = next(key for key, other in drafts.items() if other is draft)
            unplaced.append(Unplaced(first_sentence[held], format_quantity(draft.value, draft.unit, draft.qualifier),
                                     draft.clash))
            lost(token, draft.clash)
            last_draft = None
            continue
        if verdict == TAKE:  # the exact figure beats a rounded one it agrees with (超4万亿元 → 40876.3亿元)
            if draft.value is not None:
                first_sentence[next(key for key, other in drafts.items() if other is draft)] = shown
            draft.value, draft.unit, draft.qualifier = value, unit, qualifier
        draft.status = status or draft.status
        last_draft = last_draft if changed else draft

    if before is not None:
        before.subject = previous if previous is not None and previous.entry is not None else None
    # a number no token read is listed once for its clause, unless a listed clause lies in it or holds it
    clause_starts, clause_ends, strays = Marks(sentence, "，；：,;"), Marks(sentence, "，；。,;"), ListedClauses()
    for stray in stray_positions(sentence, tokens):
        start, end = clause_starts.start_before(stray), clause_ends.end_from(stray)
        if not listed.touches(start, end) and not strays.touches(start, end):
            unplaced.append(Unplaced(shown, shown_fragment(sentence, start, end, stray, stray + 1),
                                     stray_reason(sentence, stray)))
            strays.add(start, end)
    return carried_period(in_force.carried)
