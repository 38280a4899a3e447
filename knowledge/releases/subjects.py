"""The subject of a figure: the words before a value, read as one indicator of the vocabulary (or
as no indicator, with the reason in Chinese), checked for scope (规上), increment (新增) and unit kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.quantities import base_unit_of
from knowledge.releases.changes import goal_reason
from knowledge.releases.residues import residue_reason
from knowledge.releases.vocabulary import Entry, Vocabulary, canon
from knowledge.releases.words import (
    BARE_SCOPES,
    CHANGE_TAIL,
    COUNT_WORDS,
    INCREMENT,
    INCREMENT_TAIL,
    LINKERS,
    MODIFIERS,
    OTHER_WHOLES,
    QUALIFYING_WORDS,
    SCOPE,
    SHARE_TAIL,
    STOCK_WORDS,
    TOTAL_TAIL,
)


# a stock's change since the last year's end (净增, 比上年末增加): for a balance (贷款余额比年初增加) it is the
# indicator's 新增, for a count of firms it is the count recognised less the count lost, not the recognised
NET_CHANGE = re.compile(r"净增|(?:比|较)(?:年初|上年末|去年末)(?:新增|多增|增加|增长)$")
NET_REASON = "这是存量比上年末的净增数，不是当年新增（新认定）的数量"
# the speed of the subject before (“…12500.3亿元，增速比三季度加快0.8个百分点”): no subject of its own
_ITS_SPEED = re.compile(r"(?:其|总量)?(?:增速|增幅|增长率|增长速度)")


@dataclass
class Subject:
    """What the words before a value name: an indicator's entry, or None with the reason in Chinese."""

    text: str  # canonical words naming the thing (modifiers removed)
    entry: Entry | None
    reason: str = ""
    increment: bool = False


def _other_whole(rest: str) -> str:
    """The place or scope word a share's whole begins with when it is not the document's own (占全省…,
    占全国…, 占江苏…, 占市区…): "" for 占全市…, 占我市… or a whole with no place (占规上工业总产值)."""
    found = next((w for w in OTHER_WHOLES if rest.startswith(w)), "")
    return found


def _explain(residue: str, entry: Entry) -> tuple[bool, bool, bool]:
    """(explained, increment, scope) for the words before a matched name."""
    increment = scope = False
    while residue:
        word = next((w for w in QUALIFYING_WORDS if residue.startswith(w)), None)
        if word is None:
            # the rest must be part of the indicator's own full name (专精特新 before 小巨人企业)
            if residue in entry.full:
                return True, increment or residue.startswith(("新增", "新供")), scope or SCOPE in residue
            return False, increment, scope
        increment |= word in INCREMENT
        scope |= word == SCOPE
        residue = residue[len(word):]
    return True, increment, scope


def only_modifiers(text: str) -> bool:
    """True when `text` is empty or only words that name nothing (全市, 其中, 今年, 达到…)."""
    while text:
        word = next((w for w in MODIFIERS if text.startswith(w)), None)
        if word is None:
            return False
        text = text[len(word):]
    return True


def _same_whole(same, denominator: str, den: str) -> bool:
    """A share's whole as written is the indicator's: one name (same) and one scope — 工业总产值 or
    全部工业总产值 counts every firm, so it is not 规上工业总产值 though it ends the same."""
    return same(denominator, den) and denominator.startswith(SCOPE) == den.startswith(SCOPE)


def _part_named(part: str, whole: str) -> str:
    """The measure of the whole before written for its 规上 part (“总产值45210.3亿元，其中规上工业40876.3
    亿元”): "规上工业" of "工业总产值" → "规上工业总产值"."""
    overlap = next((k for k in range(min(len(part), len(whole)), 0, -1) if part.endswith(whole[:k])), 0)
    return part + whole[overlap:]


def _without_increment(text: str) -> str:
    """A subject's words without the increment verb it begins with (新增高新技术企业 → 高新技术企业)."""
    word = next((w for w in sorted(INCREMENT, key=len, reverse=True) if text.startswith(w)), "")
    return text[len(word):]


def _strip_modifiers(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in MODIFIERS:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
                break
    return text


class SubjectReader:
    """Reads the subject of each value of a sentence against one Vocabulary."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary

    def read(self, raw: str, previous: Subject | None, listed: bool) -> Subject:
        """The subject named by `raw` (the words before a value); `previous` is the sentence's last
        subject, used when `raw` names none (“，同比增长5.1%”, “占…的比重为”); `listed` when `raw`
        follows a 、 and inherits the list's verb (新增A 172家、B 8家)."""
        text = canon(raw)
        subject = self._read(text, previous, listed)
        if subject.entry is not None and subject.entry.increment and NET_CHANGE.search(LINKERS.sub("", text)) \
                and base_unit_of(subject.entry.indicator.unit) == "个":
            return Subject(subject.text, None, NET_REASON)  # 有效高企1.9万家，比上年末净增1500家
        return subject

    def _read(self, text: str, previous: Subject | None, listed: bool) -> Subject:
        running = text.startswith("累计")
        increment = change = False
        while True:
            stripped = LINKERS.sub("", text)
            if INCREMENT_TAIL.search(stripped):
                stripped, increment = INCREMENT_TAIL.sub("", stripped), True
            elif CHANGE_TAIL.search(stripped):
                stripped, change = CHANGE_TAIL.sub("", stripped), True
            if stripped == text:
                break
            text = stripped
        if "占" in text or SHARE_TAIL.search(text):
            return self._share(text, previous)
        if only_modifiers(text) or (previous is not None and _ITS_SPEED.fullmatch(text)):
            if previous is None:
                return Subject(text, None, "没有指标名称")
            if change:
                return self._match(previous.text + "比上年增加", False, listed=False)
            if increment and not previous.increment:  # “余额…，比年初增加X亿元”: the year's addition
                return self._match(previous.text, True, listed=False)
            if running and not increment and previous.increment:
                # “新增…9家，累计达到47家”: all the years' firms, or this year's so far (10月新增5家，累计36家)
                return Subject(previous.text, None, "累计数：不能确定是历年总数还是今年以来的新增数")
            return previous
        words = _strip_modifiers(text)
        if words in STOCK_WORDS and previous is not None and not increment:
            # “高新技术企业新认定5531家、总量达到1.34万家”: the stock of the thing just counted
            return self._match(_without_increment(previous.text), False, listed=False)
        if previous is not None and previous.entry is not None and len(words) >= 2 \
                and previous.text.endswith(words) and self.vocabulary.suffix(words) is None:
            return previous  # “其中，10月份产值4300亿元”: the head of the subject before
        if text.startswith("其中") and previous is not None and words.startswith(SCOPE) \
                and self.vocabulary.suffix(words) is None:
            return self._match(_part_named(words, previous.text), increment, listed=False)
        stock = self._stock(text, words) if not increment else None
        if stock is not None:
            return stock
        subject = self._match(text, increment, listed and previous is not None and previous.increment)
        if change:
            subject = Subject(subject.text, None, "这是比上年的增减量，不是指标本身")
        elif subject.entry is None and (goal := goal_reason(words)):  # 推动规上工业总产值增长6%
            subject = Subject(subject.text, None, goal)
        return subject

    def _stock(self, text: str, words: str) -> Subject | None:
        """“瞪羚企业总数达到1050家”, “瞪羚企业数达1050家”: 总数/总量/数量/数 after a stock indicator's name
        names that stock, and after an indicator of the year's additions is refused as a 总数; None when
        `words` end with no such word or the rest names no indicator."""
        tail = next((w for w in STOCK_WORDS + COUNT_WORDS if words.endswith(w) and len(words) > len(w)), None)
        if tail is None or self.vocabulary.suffix(text) is not None:
            return None
        subject = self._match(text[: -len(tail)], False, listed=False)
        if subject.entry is None:  # 高新技术企业总量 of an indicator counting only the year's 新增: say so
            return subject if subject.reason != "知识库里没有这个指标" else None
        return subject if not subject.entry.increment else None

    def _match(self, text: str, increment: bool, listed: bool) -> Subject:
        found = self.vocabulary.suffix(text)
        broader = self.vocabulary.broader(text, found[0] if found else "")
        if broader is not None:
            alias, indicator_id = broader
            name = self.vocabulary.entries[indicator_id].indicator.name
            return Subject(_strip_modifiers(text), None, f"名称比指标宽：“{alias}”不只是“{name}”，未录入")
        if found is None:
            return Subject(_strip_modifiers(text), None, "知识库里没有这个指标")
        form, ids = found
        if len(ids) > 1:
            return Subject(form, None, "名称对应多个指标：" + "、".join(sorted(ids)))
        entry = self.vocabulary.entries[next(iter(ids))]
        explained, said_increment, said_scope = _explain(text[: -len(form)], entry)
        said_scope |= form.startswith(SCOPE)
        said_increment |= increment or listed or form.startswith(("新增", "新供"))
        words = _strip_modifiers(text)
        subject = Subject(words, entry, increment=said_increment)
        if not explained:  # 省规上工业总产值: a bare 省/市/区/县 is a scope, not a word that changes nothing
            reason = BARE_SCOPES.get(words[:1]) or residue_reason(text[: -len(form)]) or "知识库里没有这个指标"
            return Subject(words, None, reason)
        if said_scope != entry.scope and not (said_scope and entry.scope_implied):
            return Subject(words, None, f"口径不同：“{words}”不是“{entry.indicator.name}”")
        if said_increment != entry.increment:
            what = "新增数" if said_increment else "总数"
            return Subject(words, None, f"这是{what}，与“{entry.indicator.name}”的口径不同")
        if entry.indicator.kind == "text":
            return Subject(words, None, f"“{entry.indicator.name}”是文字目标，不录入数值")
        return subject

    def _share(self, text: str, previous: Subject | None) -> Subject:
        if text.endswith("占比"):
            numerator, denominator = text[:-2], ""
        elif "占" in text:
            numerator, _, rest = text.partition("占")
            elsewhere = _other_whole(rest)
            if elsewhere:
                return Subject(text, None, f"这是占{elsewhere}的比重，不是本地的指标")
            denominator = TOTAL_TAIL.sub("", SHARE_TAIL.sub("", _strip_modifiers(rest)))
            if not denominator:
                return Subject(text, None, "知识库里没有这个指标")
        else:
            numerator, denominator = SHARE_TAIL.sub("", text), ""
        numerator = _strip_modifiers(numerator) if numerator else ""
        if only_modifiers(numerator):
            if previous is None:
                return Subject(text, None, "没有指标名称")
            numerator = previous.text
        named = f"{numerator}占{denominator}比重" if denominator else f"{numerator}占比"
        same = self.vocabulary.same
        matches = [entry for entry, num, den in self.vocabulary.shares
                   if same(numerator, num) and (not denominator or _same_whole(same, denominator, den))]
        if len(matches) != 1 and denominator and any(same(numerator, num) for _, num, _ in self.vocabulary.shares):
            # 高新技术产业产值占全省高新技术产业产值的比重: not the share of the indicator's own total
            return Subject(named, None, f"比重的分母“{denominator}”不是指标的分母")
        if len(matches) != 1:
            # an alias may name the share directly (高新技术产业产值比重)
            found = self.vocabulary.suffix(text)
            if found and len(found[1]) == 1 and self.vocabulary.entries[next(iter(found[1]))].indicator.unit == "%":
                return Subject(named, self.vocabulary.entries[next(iter(found[1]))])
            return Subject(named, None, "知识库里没有这个比重指标" if not matches else "比重对应多个指标")
        return Subject(named, matches[0])
