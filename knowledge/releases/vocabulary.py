"""Every name and alias of the knowledge base's indicators in one comparable form (canon), for
matching a release's subject by the longest name it ends with (Vocabulary).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from knowledge.models import Indicator
from knowledge.releases.words import BROAD_ALIASES, LEADING_VERBS, SCOPE, SHARE_TAIL, SYNONYMS


def canon(text: str) -> str:
    """The comparable form of a name: NFKC, no quotes/spaces/的, 规模以上 → 规上, 国家级 → 国家, and one
    form for words of one thing (SYNONYMS: 研究与试验发展经费支出 → 研发投入, 地区生产总值 → GDP)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s\"'“”‘’「」『』《》〈〉]", "", text)
    for pattern, word in SYNONYMS:
        text = pattern.sub(word, text)
    text = _strip_verbs(text)
    for old, new in (("规模以上", "规上"), ("国家级", "国家"), ("上年同期", "上年"), ("去年同期", "去年"), ("的", "")):
        text = text.replace(old, new)
    # 规上工业企业（完成）工业总产值 / 总产值 / 增加值: the firms' output is the industry's
    return re.sub(r"工业企业(?:工业)?(总产值|产值|增加值)", r"工业\1", text)


def _strip_verbs(text: str) -> str:
    """实现/完成 inside a subject (规上工业实现总产值) change nothing."""
    return re.sub(r"(?<=.)(?:累计)?(?:实现|完成)(?=.)", "", text)


@dataclass(frozen=True)
class Entry:
    """One indicator as the vocabulary compares it."""

    indicator: Indicator
    full: str  # canonical full name, e.g. "新增国家专精特新小巨人企业"
    core: str  # without its leading verb: "国家专精特新小巨人企业"
    increment: bool  # counted as a yearly addition (新增…, 新供…)
    scope: bool  # 规上 only
    # a part of a 规上 total (its share of 规上工业总产值 is an indicator): 规上 or not, a release names it
    scope_implied: bool = False


class Vocabulary:
    """Every way the knowledge base names an indicator, in canonical form, for suffix matching."""

    def __init__(self, indicators: list[Indicator], aliases: list[tuple[str, str]]):
        self.entries: dict[str, Entry] = {}
        self.forms: dict[str, set[str]] = {}
        self.shares: list[tuple[Entry, str, str]] = []  # (entry, numerator, denominator)
        self.broad: dict[str, str] = {}  # canonical broad alias → the indicator it is too broad for
        names: dict[str, list[str]] = {i.id: [i.name] for i in indicators}
        for indicator_id, alias in aliases:
            if indicator_id in names and alias not in BROAD_ALIASES:
                names[indicator_id].append(alias)
            elif indicator_id in names:
                self.broad[canon(alias)] = indicator_id
        for indicator in indicators:
            full = canon(indicator.name)
            core = _lead_stripped(full)
            entry = Entry(indicator, full, core, full.startswith(("新增", "新供")), core.startswith(SCOPE))
            self.entries[indicator.id] = entry
            for name in names[indicator.id]:
                for form in _variants(canon(name)) - self.broad.keys():
                    self.forms.setdefault(form, set()).add(indicator.id)
            if indicator.unit == "%" and "占" in core:
                numerator, _, denominator = core.partition("占")
                self.shares.append((entry, numerator, SHARE_TAIL.sub("", denominator)))
        self._imply_scope()
        self.longest = max((len(f) for f in self.forms), default=0)

    def _imply_scope(self) -> None:
        """An indicator whose share of a 规上 total is an indicator (民营工业产值 of 民营工业产值占规上工业总产值
        比重) counts 规上 firms only, though its own name is silent: a release may write it with 规上."""
        for _, numerator, denominator in self.shares:
            if not denominator.startswith(SCOPE):
                continue
            for indicator_id in self.forms.get(numerator, set()):
                entry = self.entries[indicator_id]
                if not entry.scope:
                    self.entries[indicator_id] = replace(entry, scope_implied=True)

    def same(self, text: str, name: str) -> bool:
        """Two ways of writing one thing in a share: equal, one the other's start (规上工业 / 规上工业总产值),
        or two names of one indicator (规上工业产值 / 规上工业总产值)."""
        if _same(text, name):
            return True
        return bool(self.forms.get(text, set()) & self.forms.get(name, set()))

    def broader(self, text: str, found: str = "") -> tuple[str, str] | None:
        """(alias, indicator id) when `text` ends with an alias too broad for a release (苏州算力规模)
        longer than `found`, the name form it was matched by (智算中心算力 is not the broad 算力)."""
        for length in range(len(text), len(found), -1):
            if text[-length:] in self.broad:
                return text[-length:], self.broad[text[-length:]]
        return None

    def suffix(self, text: str) -> tuple[str, set[str]] | None:
        """The longest name form `text` ends with, and the indicators it names."""
        for length in range(min(len(text), self.longest), 1, -1):
            ids = self.forms.get(text[-length:])
            if ids:
                return text[-length:], ids
        return None


def _lead_stripped(name: str) -> str:
    for verb in LEADING_VERBS:
        if name.startswith(verb) and len(name) > len(verb) + 1:
            return name[len(verb):]
    return name


def _variants(form: str) -> set[str]:
    out = {form, _lead_stripped(form)}
    for name in list(out):
        if name.endswith("总额"):
            out |= {name[:-2], name[:-2] + "额"}
        if name.endswith("数量"):
            out.add(name[:-2])
        if name.endswith("产值"):  # 民营工业产值 / 民营工业总产值: one output
            out.add(name[:-3] + "产值" if name.endswith("总产值") else name[:-2] + "总产值")
    return {f for f in out if len(f) >= 2}


def _same(text: str, name: str) -> bool:
    """Two ways of writing one thing in a share: equal, or one the other's start (规上工业 / 规上工业总产值)."""
    if text == name:
        return True
    shorter, longer = sorted((text, name), key=len)
    return len(shorter) >= 4 and (longer.startswith(shorter) or longer.endswith(shorter))
