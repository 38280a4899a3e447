"""Which indicator a question asks about: exact aliases first, then a fuzzy score, then three zones.

Score of an alias against the question core (both pinyin-folded, so homophones count as equal):
    dice  = 2·w(shared characters) / (w(alias) + w(core))   — characters weighted by rarity (IDF)
    order = (LCS + shared) / (2·shared)                     — 1.0 in order, 0.5 fully shuffled
    score = dice · order                                    — 1.0 when they are the same text
which rewards covering the whole question and the whole alias, counts a rare character (羚, 算)
for more than a common one (工, 业), tolerates one wrong character and free word order. A question that asks for a share (比重/占比/率) favours indicators measured in %.
The best alias per indicator counts. An exact alias equal to the whole core wins outright.
A question that names something else is not answered with a neighbour: where the question and the
alias differ at one place by three or more characters together, some on each side (服务业 or 农业 vs
制造业 增加值占比, 利率 vs 余额; not 国家级 vs 国家制造业), or the alias has a …性/…型/…类 word the question
leaves out (服务业增加值 vs 生产性服务业增加值), or the question adds two or more characters that no name or alias of that indicator has
(工业技改投资, 高技能人才总量; not after the name: 力争, 预计; counted over the whole question),
or replaces one character of a short name's first word by one that does not sound alike (人口 vs 人才总量;
not 人材, a typo by sound, nor 瞪羚企亚, a typo in the generic rest),
or shares no two adjacent characters with a longer alias (人口 vs 无人机出口额), or names an administrative level the indicator lacks (省级智能工厂), or names a measure the alias
does not (增加值 vs 总产值比上年增加),
the score is multiplied by OTHER_THING, without the bonus for a share.

Then the question is read again around its mentions (knowledge/mentions.py): a name or alias
written out anywhere in it decides the indicator when the whole core did not, a mention glued into a
larger noun (算力券) vetoes a neighbour's score, and a weak one is asked back rather than declined.

Speed: shared-character counts come from a character → aliases index with numpy, which bounds the
score from above; LCS is computed only for the few aliases whose bound can still reach the floor.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

import numpy as np
from rapidfuzz.distance import Indel, LCSseq

from knowledge.folding import fold
from knowledge.match_results import Candidate, Decision, MatchResult  # noqa: F401 — imported from here
from knowledge.mentions import MentionIndex, ReadsAroundMentions
from knowledge.models import Indicator
from knowledge.question_words import ACTION_WORDS, MODALS_AND_ADVERBS, MODIFIER_MARK, NUMBER, PHRASE_ENDS
from knowledge.questions import Question, core_of, normalize
from knowledge.short_forms import short_forms

ANSWER_THRESHOLD = 0.55
CLARIFY_MARGIN = 0.08
CANDIDATE_FLOOR = 0.4
MAX_LCS_CANDIDATES = 64
RATIO_BONUS = 0.15
MAX_CLARIFY = 3
HEAD_MISMATCH = 0.8
OTHER_THING = 0.6
# After the name these say how a figure is asked for, not which one (瞪羚企业入库多少家, 工业投资总额力争).
_HOW_ASKED = re.compile(r"(?:力争|预计|预期|大概|大约|约|实现|入库|数量|个数|总数|数|新增|累计|一共|总共|水平|"
                        r"保持在|保持|不低于|不少于|至少|以上|左右|"
                        r"亿|万|元|家|个|人|亩)+")
_HOW_ASKED_TAIL = re.compile(f"(?:{_HOW_ASKED.pattern})$")
# What a statistic measures: a question about one measure is not answered with another (规上工业增加值,
# value added, is not 规上工业总产值比上年增加, an increase of output). 总产值 is 产值 measured in full.
MEASURES = re.compile(r"增加值|总?产值|营业收入|营收|投资|贷款|用地")
# 省级智能工厂 is not 领航级智能工厂: a level named in the question must be in the indicator's names.
LEVELS = {"国家级": "国家", "省级": "省", "市级": "市", "区级": "区", "县级": "县"}
LEVEL_MARKS = ("级",)  # 国家级 is the 国家 of a name: 级 stands for no modifier of its own


class Matcher(ReadsAroundMentions):
    """An index over indicator names and aliases, built once and queried many times."""

    def __init__(self, indicators: list[Indicator], aliases: list[tuple[str, str]], folds: dict[str, str],
                 growth_ids: frozenset[str] = frozenset()):
        """`growth_ids`: the indicators a 同比 question can be answered for (a published 同比, or a stated
        increase over the year before); a 同比 question about any other declines here."""
        self.indicators = indicators
        self.growth_ids = growth_ids
        self.folds = folds
        position = {ind.id: i for i, ind in enumerate(indicators)}
        self.position = position
        per_indicator: list[list[str]] = [[core_of(normalize(ind.name))] for ind in indicators]
        for indicator_id, alias in aliases:
            if indicator_id in position:
                per_indicator[position[indicator_id]].append(core_of(normalize(alias)))

        # names and aliases as written, for reading pinyin in a question (knowledge/latin.py)
        self.vocabulary = [ind.name for ind in indicators] + [alias for _, alias in aliases]
        self.alias_text: list[str] = []
        self.alias_folded: list[str] = []
        owners: list[int] = []
        self.exact: dict[str, list[int]] = {}
        for i, names in enumerate(per_indicator):
            for alias in dict.fromkeys(a for a in names if a):
                self.alias_text.append(alias)
                self.alias_folded.append(fold(alias, folds))
                owners.append(i)
                holders = self.exact.setdefault(alias, [])
                if i not in holders:
                    holders.append(i)
        # 工增, 工投, 生服业: whole questions only, never fuzzy (工头 sounds like 工投)
        self.short_forms = short_forms(per_indicator)
        self.owner = np.array(owners, dtype=np.int32)
        self.known_chars: list[set[str]] = [set() for _ in indicators]
        self.known_pairs: list[set[str]] = [set() for _ in indicators]
        self.plain_names: list[str] = ["".join(names) for names in per_indicator]
        self.names_of: list[list[str]] = per_indicator
        for idx, alias in enumerate(self.alias_folded):
            self.known_chars[owners[idx]].update(alias)
            self.known_pairs[owners[idx]].update(alias[k:k + 2] for k in range(len(alias) - 1))
        self.is_ratio = np.array([ind.unit == "%" for ind in indicators], dtype=bool)

        # A character shared by many indicators (工, 业, 新, 增) says little about which one is meant.
        holders: dict[str, set[int]] = {}
        for idx, alias in enumerate(self.alias_folded):
            for char in alias:
                holders.setdefault(char, set()).add(owners[idx])
        count = max(len(indicators), 1)
        self.weight = {char: math.log(1 + count / len(owners_)) for char, owners_ in holders.items()}
        self.unknown_weight = math.log(1 + count)

        postings: dict[str, list[tuple[int, float]]] = {}
        for idx, alias in enumerate(self.alias_folded):
            for char, times in Counter(alias).items():
                postings.setdefault(char, []).append((idx, times))
        self.postings = {
            char: (np.array([p[0] for p in items], dtype=np.int32),
                   np.array([p[1] for p in items], dtype=np.float64))
            for char, items in postings.items()
        }
        self.alias_weight = np.array([sum(self.weight[c] for c in a) for a in self.alias_folded])
        self.mention_index = MentionIndex(self.alias_text, self.alias_folded, owners, self.plain_names,
                                          re.compile(f"{_HOW_ASKED.pattern}|{ACTION_WORDS.pattern}|{MODALS_AND_ADVERBS.pattern}"), folds,
                                          PHRASE_ENDS, MODIFIER_MARK)

    def holders(self, word: str) -> set[str]:
        """The ids of the indicators a name or alias of which holds `word` (a core, as core_of gives)."""
        return {self.indicators[self.owner[i]].id for i, alias in enumerate(self.alias_text) if word and word in alias}

    def named_in(self, text: str) -> set[str]:
        """The ids of the indicators a name or alias (two characters or more) of which stands in `text`."""
        return {self.indicators[self.owner[i]].id for i, alias in enumerate(self.alias_text)
                if len(alias) >= 2 and alias in text}

    def candidates(self, question: Question, limit: int = 5) -> list[Candidate]:
        """Indicators ranked by score (best alias each), best first."""
        core = question.core
        if not core:
            return []
        # a short form is no typo's target, so the words of asking after it (工投力争) are dropped here
        whole = self.exact.get(core) or self.short_forms.get(_HOW_ASKED_TAIL.sub("", core) or core)
        if whole:
            return [Candidate(self.indicators[i], 1.0, core) for i in whole][:limit]

        folded = fold(core, self.folds)
        shared = np.zeros(len(self.alias_folded), dtype=np.float64)
        shared_weight = np.zeros(len(self.alias_folded), dtype=np.float64)
        query_weight = 0.0
        for char, wanted in Counter(folded).items():
            weight = self.weight.get(char, self.unknown_weight)
            query_weight += wanted * weight
            posting = self.postings.get(char)
            if posting is not None:
                common = np.minimum(posting[1], wanted)
                shared[posting[0]] += common
                shared_weight[posting[0]] += common * weight
        bound = 2 * shared_weight / (self.alias_weight + query_weight)
        bonus = np.zeros_like(bound)
        if question.wants_ratio:
            bonus = np.where(self.is_ratio[self.owner], RATIO_BONUS, -RATIO_BONUS)
        bound += bonus
        hopeful = np.flatnonzero(bound >= CANDIDATE_FLOOR)
        if len(hopeful) > MAX_LCS_CANDIDATES:
            top = np.argpartition(-bound[hopeful], MAX_LCS_CANDIDATES)[:MAX_LCS_CANDIDATES]
            hopeful = hopeful[top]

        best: dict[int, tuple[float, str]] = {}
        for idx in hopeful.tolist():
            lcs = LCSseq.similarity(folded, self.alias_folded[idx])
            in_order = (lcs + shared[idx]) / (2 * shared[idx])
            score = (bound[idx] - bonus[idx]) * in_order + bonus[idx]
            if self._heads_differ(folded, self.alias_folded[idx]):
                score *= HEAD_MISMATCH
            owner = int(self.owner[idx])
            # only a score that could still answer or be offered needs the (dearer) alignment
            if score >= ANSWER_THRESHOLD - CLARIFY_MARGIN and self._names_other_thing(
                    core, folded, self.alias_folded[idx], owner, self.alias_text[idx]):
                # another thing is not made likelier by being a share too (服务业 vs 制造业增加值占GDP比重)
                score = min(score, score - bonus[idx]) * OTHER_THING
            if owner not in best or score > best[owner][0]:
                best[owner] = (float(score), self.alias_text[idx])
        ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
        return [Candidate(self.indicators[i], round(s, 4), alias) for i, (s, alias) in ranked]

    @staticmethod
    def _heads_differ(query: str, alias: str) -> bool:
        """A Chinese noun phrase ends in its head (…企业, …电量, …用地): different heads, different things."""
        if len(query) < 3 or len(alias) < 3:
            return False
        return query[-2:] not in alias and alias[-2:] not in query

    def _names_other_thing(self, core: str, query: str, alias: str, owner: int, alias_text: str = "") -> bool:
        """Does the question differ from this alias by a modifier of its own (see the module docstring)?

        `query` and `alias` are folded (fold keeps positions); `core` and `alias_text` are the same as written.
        """
        asked_measures = _measures(core)
        if asked_measures and asked_measures.isdisjoint(_measures(alias_text)):
            return True
        # a number of the question's own names another thing: 5万亿城市 is not 2万亿城市, nor the 万亿城市 of a list
        if _sounds_alike_only(core, query, alias_text, alias) or set(NUMBER.findall(core)) - set(NUMBER.findall(alias_text)):
            return True
        for level, char in LEVELS.items():
            if level in core and char not in self.plain_names[owner]:
                return True
        known = self.known_chars[owner]
        # a word of the question's own inside it leaves three adjacent pairs no name of the
        # indicator has (专精特新|中小|企业: 新中 中小 小企), where one wrong character leaves two
        asked = _HOW_ASKED_TAIL.search(core)
        body = query[: asked.start()] if asked else query
        pairs, run = self.known_pairs[owner], 0
        for k in range(len(body) - 1):
            run = run + 1 if body[k:k + 2] not in pairs else 0
            if run >= 3:
                return True
        gap_query, gap_alias, gap_text, gap_alias_text = "", "", "", ""
        longest_run, scattered = 0, 0
        for op in [*Indel.opcodes(query, alias), None]:
            if op is None or op.tag == "equal":
                trailing = op is None
                unexplained = sum(1 for c in gap_query if c not in known)
                # a modifier of its own where the name has another: 服务|业 vs 制造|业, 农|业 vs 制造|业
                # (one wrong character for one is a typo and stays)
                if gap_query and gap_alias and len(gap_query) + len(gap_alias) >= 3 and unexplained \
                        and gap_text not in LEVEL_MARKS:
                    return True
                # in the first word of a short name (what is counted), one character for another that
                # does not sound alike makes another word (人口 vs 人才总量), where a typo sounds alike
                # (人材); in the generic rest it stays a typo (瞪羚企亚, 人才总数)
                if len(gap_query) == len(gap_alias) == 1 and unexplained and len(alias) <= 4 \
                        and op is not None and op.dest_start <= 2:
                    return True
                # the name narrows what the question names with a …性/…型/…类 word it leaves out:
                # 服务业增加值 is more than 生产性服务业增加值
                if not gap_query and op is not None and len(gap_alias_text) >= 2 and gap_alias_text[-1] in "性型类":
                    return True
                if trailing:
                    # after the name: a word of its own names (培育) or of asking (力争) is fine, and
                    # otherwise only the alias explains a character (制造业贷款|增速 ≠ …贷款余额)
                    fine = _HOW_ASKED.fullmatch(gap_text) or gap_text in self.plain_names[owner]
                    scattered += 0 if fine else sum(1 for c in gap_query if c not in alias)
                elif len(gap_text) >= 2 and not gap_alias and gap_text not in self.plain_names[owner]:
                    return True  # a word of its own inside the name: 专精特新|中小|企业, 工业|技改|投资
                else:
                    scattered += unexplained
                if scattered >= 2:
                    return True
                if op is not None:
                    longest_run = max(longest_run, op.src_end - op.src_start)
                gap_query, gap_alias, gap_text, gap_alias_text = "", "", "", ""
                continue
            gap_query += query[op.src_start:op.src_end]
            gap_alias += alias[op.dest_start:op.dest_end]
            gap_alias_text += alias_text[op.dest_start:op.dest_end]
            gap_text += core[op.src_start:op.src_end]  # fold() keeps positions
        # 人口 against 无人机出口额: single characters picked out of a longer name are no evidence
        return longest_run < 2 and len(alias) > len(query)

    def named_with_growth(self, question: Question) -> Question:
        """A 同比/增速 question whose words are part of an indicator's own name (投资增速, if an indicator
        is so named) asks for that indicator: the question with the words back in its core, not a slot."""
        if question.growth and question.growth_words:
            whole = question.core + question.growth_words
            # 比去年增长多少 asks for the rate, not the stated increase "…比上年增加" (an alias 规上工业总产值增长):
            # the Answerer gives that increase itself when no 同比 is published (FactQuestions._growth)
            if any("比上年" not in self.indicators[i].name for i in self.exact.get(whole, ())):
                return replace(question, core=whole, growth=False, growth_words="")
        return question

    def match(self, question: Question) -> MatchResult:
        """The decision on the whole core, then read again around the mentions (see `_around_mentions`)."""
        question = self.named_with_growth(question)
        ranked = self.candidates(question)
        if question.growth:
            # "GDP增速多少" where no 同比 of GDP is known has no answer (the Answerer says which indicator)
            ranked = [c for c in ranked if c.indicator.id in self.growth_ids]
        if ranked and ranked[0].score < 1.0 and len(question.core) < 2:
            ranked = []  # one leftover character (位, 数) names nothing unless it is an alias
        if not ranked or ranked[0].score < ANSWER_THRESHOLD:
            result = MatchResult(Decision.DECLINE, tuple(ranked[:MAX_CLARIFY]))
        else:
            close = [c for c in ranked if ranked[0].score - c.score < CLARIFY_MARGIN]
            decision = Decision.CLARIFY if len(close) > 1 else Decision.ANSWER
            result = MatchResult(decision, tuple((close if len(close) > 1 else ranked)[:MAX_CLARIFY]))
        return self.weak_mention(question, self.around_mentions(question, result))




def _sounds_alike_only(core: str, query: str, alias_text: str, alias: str) -> bool:
    """Do most characters the question shares with an alias only sound alike (新供地 and 工业第: gong di)?
    A homophone typo keeps most of the name as written (研法投入 for 研发投入); a chance likeness does not."""
    by_sound = sum((Counter(query) & Counter(alias)).values())
    as_written = sum((Counter(core) & Counter(alias_text)).values())
    return by_sound >= 2 and 2 * as_written < by_sound


def _measures(text: str) -> set[str]:
    """The measures a text names (增加值, 产值, 投资 …), 总产值 counted as 产值."""
    return {m.lstrip("总") for m in MEASURES.findall(text)}
