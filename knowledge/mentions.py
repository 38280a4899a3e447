"""Mentions: where a message names an indicator, by a name or alias written out or sounding alike.

A question is read around its mentions instead of as a whole: the words beside a mention fill slots
or are filler, so one unknown word next to an exact name does not turn the question into a decline.
Found in the question's segments (the core's words still apart where a slot, a filler or a clause
break was between them, see knowledge/slots.read_core): exact spans first, then spans equal after
pinyin folding (瞪铃 for 瞪羚, knowledge/folding.py); the longest span wins, spans do not overlap.

A mention is *glued* when characters stand directly beside it in its segment, with no particle
between (里, 的, 那 …: knowledge/question_words.PHRASE_ENDS), that are neither words
of asking (_HOW_ASKED in knowledge/matcher.py: 新增, 多少家 …) nor characters of the indicator's own
names: then the mention is part of a larger noun naming something else (人才|公寓, 算力|券, 独角兽|乐园,
高技能|人才总量) and decides nothing. A mention with nothing unknown glued to it is *clear*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from knowledge.folding import fold
from knowledge.match_results import Candidate, Decision, MatchResult
from knowledge.models import Indicator
from knowledge.question_words import ACTION_WORDS, MODIFIER_MARK, NUMBER, UNREAD_NUMBER
from knowledge.questions import Question


# The score of an indicator decided by a clear mention, written out or alike by sound (below 1.0:
# the whole core was not one of its names).
MENTION_EXACT = 0.9
MENTION_ALIKE = 0.8
# A weak mention (a segment that, without its words of doing, scores this well against names) is
# asked back with buttons rather than declined; one alone this good is answered.
WEAK_FLOOR = 0.55
WEAK_ALONE = 0.75
MAX_WEAK = 3


@dataclass(frozen=True)
class Mention:
    """`owners`: the indicators (positions in the matcher's list) whose name or alias `alias` is;
    `alias` the span as written; `segment`, `start`, `end`: where it stands; `exact`: written out
    (False: alike by sound);
    `glued`: the characters beside it that explain nothing ("" for a clear mention)."""

    owners: tuple[int, ...]
    alias: str
    segment: int
    start: int
    end: int
    exact: bool
    glued: str

    @property
    def clear(self) -> bool:
        return not self.glued


class MentionIndex:
    """Aliases by their text and by their folded text, for finding spans in a segment."""

    def __init__(self, aliases: list[str], folded: list[str], owners: list[int], names: list[str],
                 how_asked: re.Pattern, folds: dict[str, str], phrase_ends: re.Pattern, modifier_mark: str):
        """`aliases`/`folded`/`owners`: one row per alias (as in the Matcher); `names`: per indicator,
        all its names and aliases run together (the characters that explain a neighbour);
        `how_asked`: the words of asking allowed beside a mention; `phrase_ends`: the particles beyond
        which nothing is glued to it; `modifier_mark` (的): one before the mention, not after it."""
        self.exact: dict[str, tuple[int, ...]] = {}
        self.alike: dict[str, tuple[int, ...]] = {}
        for alias, fold_, owner in zip(aliases, folded, owners):
            if len(alias) < 2:
                continue  # one character names nothing on its own inside a longer text
            self.exact[alias] = tuple(dict.fromkeys((*self.exact.get(alias, ()), owner)))
            self.alike[fold_] = tuple(dict.fromkeys((*self.alike.get(fold_, ()), owner)))
        self.longest = max((len(a) for a in self.exact), default=0)
        self.names = [set(n) for n in names]
        self.numbers = [set(NUMBER.findall(n)) for n in names]  # the numbers names hold, each whole
        self.how_asked = how_asked
        self.folds = folds
        self.phrase_ends = phrase_ends
        self.modifier_mark = modifier_mark
        self._last: tuple[tuple[str, ...] | None, tuple[Mention, ...]] = (None, ())

    def find(self, segments: tuple[str, ...]) -> list[Mention]:
        """Every mention in the segments, in reading order (see the module docstring)."""
        last = self._last  # one question's segments are looked up several times (places, matching)
        if last[0] == segments:
            return list(last[1])
        found: list[Mention] = []
        for k, segment in enumerate(segments):
            spans = self._spans(segment)
            for n, (start, end, owners, exact) in enumerate(spans):
                left = segment[spans[n - 1][1] if n else 0:start]
                right = segment[end:spans[n + 1][0] if n + 1 < len(spans) else len(segment)]
                left = self.phrase_ends.split(left)[-1].rsplit(self.modifier_mark, 1)[-1]
                glued = (self._unexplained(left, owners)
                         + self._unexplained(self.phrase_ends.split(right)[0], owners))
                found.append(Mention(owners, segment[start:end], k, start, end, exact, glued))
        self._last = (segments, tuple(found))
        return found

    def _spans(self, segment: str) -> list[tuple[int, int, tuple[int, ...], bool]]:
        """Non-overlapping (start, end, owners, exact) spans, longest first, exact before alike."""
        folded = "".join(self.folds.get(c, c) for c in segment)
        taken = [False] * len(segment)
        spans = []
        for size in range(min(self.longest, len(segment)), 1, -1):
            for start in range(len(segment) - size + 1):
                end = start + size
                if any(taken[start:end]):
                    continue
                words = segment[start:end]
                # a 的 inside a name as written (占规上工业总产值的比重) is no break in it
                owners, exact = self.exact.get(words) or self.exact.get(words[0] + words[1:-1].replace("的", "") + words[-1]), True
                if owners is None:
                    owners, exact = self.alike.get(folded[start:end]), False
                if owners is None:
                    continue
                taken[start:end] = [True] * size
                spans.append((start, end, owners, exact))
        return sorted(spans)

    def _unexplained(self, text: str, owners: tuple[int, ...]) -> str:
        """The characters of `text` that are no word of asking and no character of the owners' names."""
        rest = self.how_asked.sub("", text.replace(self.modifier_mark, ""))
        known = set().union(*(self.names[o] for o in owners))
        # a number is read whole: the 5 of 5万亿城市 is not explained by the 5 of a name's 2025
        numbers = "".join(n for n in NUMBER.findall(rest) if not any(n in self.numbers[o] for o in owners))
        return numbers + "".join(c for c in NUMBER.sub("", rest) if c not in known)


class ReadsAroundMentions:
    """The Matcher's reading around mentions (mixed into knowledge.matcher.Matcher, whose index,
    indicators, `position`, `names_of`, `is_ratio`, `postings`, `owner`, `folds`, `growth_ids` and
    `candidates` it uses)."""

    def mentions(self, question: Question) -> list[Mention]:
        """The mentions in the question's core (knowledge/mentions.py), in reading order. Segments that
        are not part of the core (a question narrowed to one of its parts) are left out."""
        return self.mention_index.find(_segments(question)) if question.core else []

    def mentioned(self, question: Question) -> list[Indicator]:
        """The indicators clearly mentioned, in reading order (a 同比 question: those with a 同比)."""
        owners = [o for m in self.mentions(question) if m.clear for o in m.owners]
        indicators = [self.indicators[o] for o in dict.fromkeys(owners)]
        if question.growth:
            indicators = [i for i in indicators if i.id in self.growth_ids]
        return indicators

    def around_mentions(self, question: Question, result: MatchResult) -> MatchResult:
        """A clear mention of one indicator decides it, whatever else the core holds; a mention glued
        into a larger noun (算力券, 人才公寓) and no clear one: nothing is answered by a neighbour's score."""
        if result.decision == Decision.ANSWER and (result.best.score >= 1.0 or any(
                _one_typo(question.core, name) for name in self.names_of[self.position[result.best.indicator.id]])):
            return result  # the whole core is a name, or one with a character mistyped (瞪羚企亚)
        found = self.mentions(question)
        if not found:
            return result
        clear = self.mentioned(question)
        if result.decision == Decision.ANSWER:
            chosen = self.position[result.best.indicator.id]
            if not any(m.clear for m in found) and any(chosen in m.owners for m in found):
                return MatchResult(Decision.DECLINE, result.candidates)
            return result
        share = self._share_of(question, found)
        if len(clear) != 1 and share is None:
            return result
        mention = next((m for m in found if m.clear and self.indicators[m.owners[0]] in clear[:1]), found[0])
        chosen = share or clear[0]
        # a number beside the mention asks another year or amount, unless the name holds it (超千万元…)
        names = "".join(self.names_of[self.position[chosen.id]])
        if any(n.group(0) not in names for n in UNREAD_NUMBER.finditer(_outside(question, found))):
            return result
        score = MENTION_EXACT if mention.exact else MENTION_ALIKE
        return MatchResult(Decision.ANSWER, (Candidate(chosen, score, mention.alias),))

    def _share_of(self, question: Question, found: list[Mention]) -> Indicator | None:
        """A share asked (占几成, 在…里占多大比例) of what the mentions name: the one share a name of which
        holds every mention (民营工业 + 规上工业总产值 → 民营工业产值占规上工业总产值比重) and whose names
        explain what is glued to them (差不多占规上占比); else None."""
        if not question.wants_ratio or not found:
            return None
        # the shares a name of which holds all the mentions: among those holding each one
        shares = [i for i in self._shares_holding(found[0].alias) if any(
            all(m.alias in name for m in found) for name in self.names_of[i])]
        if len(shares) != 1:
            return None
        known = set("".join(self.names_of[shares[0]]))
        return self.indicators[shares[0]] if all(set(m.glued) <= known for m in found) else None

    def _shares_holding(self, alias: str) -> list[int]:
        """The positions of the shares a name of which holds `alias`, looked for only among the indicators
        with an alias holding its rarest character (the matcher's postings), not over all of them."""
        rows = [self.postings[c][0] if c in self.postings else () for c in set(fold(alias, self.folds))]
        fewest = min(rows, key=len, default=())
        return sorted(i for i in {int(o) for o in self.owner[list(fewest)]}
                      if self.is_ratio[i] and any(alias in name for name in self.names_of[i]))

    def weak_mention(self, question: Question, result: MatchResult) -> MatchResult:
        """A declined question with no mention at all, read once more segment by segment without the
        words of doing (智能工厂|建设): where names score well, buttons rather than silence."""
        if result.decision != Decision.DECLINE or self.mentions(question) or UNREAD_NUMBER.search(question.core):
            return result
        for segment in _segments(question)[:MAX_WEAK]:
            bare = ACTION_WORDS.sub("", segment.replace(MODIFIER_MARK, ""))
            if len(bare) < 3 or bare == question.core:
                continue
            ranked = [c for c in self.candidates(replace(question, core=bare)) if c.score >= WEAK_FLOOR
                      and (not question.growth or c.indicator.id in self.growth_ids)]
            if len(ranked) == 1 and ranked[0].score >= WEAK_ALONE:
                return MatchResult(Decision.ANSWER, tuple(ranked))
            if len(ranked) > 1:
                return MatchResult(Decision.CLARIFY, tuple(ranked[:MAX_WEAK]))
        return result


def _segments(question: Question) -> tuple[str, ...]:
    """The question's segments that are in its core (not those of a question narrowed to one part)."""
    segments = tuple(s for s in question.segments if s.replace(MODIFIER_MARK, "") in question.core)
    return segments or (question.core,)


def _outside(question: Question, found: list[Mention]) -> str:
    """The words of the question's segments outside its clear mentions, a space between each."""
    segments = list(_segments(question))
    for mention in sorted(found, key=lambda m: -m.start):
        if mention.clear:
            text = segments[mention.segment]
            segments[mention.segment] = text[:mention.start] + " " + text[mention.end:]
    return " ".join(segments)


def _one_typo(core: str, alias: str) -> bool:
    """Is the core the alias with at most one character replaced by another (not added)?"""
    return len(core) == len(alias) and sum(a != b for a, b in zip(core, alias)) <= 1
