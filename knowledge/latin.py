"""English and pinyin in a question, read as the Chinese words they stand for, before the question is read.

"Kunshan 工业投资多少" → "昆山工业投资多少"; "high-tech enterprises 新增多少" → "高新技术企业新增多少";
"Suzhou zhisuan guimo mubiao" → "苏州智算规模目标". A place written in pinyin is then a place like
any other, so the bot looks for its figures (or says it has none) instead of answering with Suzhou's.

Two rules, on each run of Latin words:
- English: the glossary of knowledge/latin_words.py (the field's terms, question words, places whose
  English name is not their pinyin), longest phrase first.
- Pinyin: toneless syllables without spaces or with any spacing ("gongye touzi", "gongyetouzi") are
  matched against the pinyin of the vocabulary — indicator names and aliases, places, question words —
  every reading of each character, so 行业 is "hangye". A word is read only when its letters are
  wholly covered by such words; units and abbreviations (PFLOPS, GDP, AI) are kept as written.
Nothing is changed in a message that names no term, place or indicator in Latin letters, so English
chatter ("ok thanks", "see you tomorrow") stays chatter. Pinyin readings come from pypinyin's character
dictionary, loaded only when a message has Latin letters and a new vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import product

from knowledge.china_places import china_places
from knowledge.folding import readings
from knowledge.latin_words import ENGLISH_PLACES, ENGLISH_TERMS, ENGLISH_WORDS, EVERYDAY_WORDS, KEPT, PINYIN_WORDS
from knowledge.places import PLACES, RANK_SCOPES, SOUND_ALIKE_CITIES
from knowledge.question_words import MENTION
from knowledge.questions import MAX_QUESTION_CHARS, normalize

_LATIN_RUN = re.compile(r"[a-z&]+(?:[\s'’\-]+[a-z&]+)*")
_CJK = re.compile(r"[\u3400-\u9fff]+")
_PART_CHARS = 4  # the longest part of a name read on its own
_PARTS_UP_TO = 5000  # names and aliases in a vocabulary whose parts are read
# what a piece of a Latin run was read as
CONTENT, WORD, KEPT_AS_IS, UNREAD = "content", "word", "kept", "unread"
_MAX_SPELLINGS = 16  # readings of one word tried at most (多音字 multiply)
_UNKNOWN = 100  # the cost of leaving one word as written: any reading of it is preferred


def to_chinese(text: str, vocabulary: Sequence[str] = ()) -> str:
    """`text` with its English and pinyin read as Chinese (see the module's docstring). Comes back
    unchanged: text without Latin letters; text whose Latin words name no term, place or indicator;
    text all in Latin letters with a word that cannot be read ("see you in Suzhou", "talent show").
    `vocabulary`: the indicator names and aliases, whose pinyin the pinyin rule reads."""
    if not text or len(text) > MAX_QUESTION_CHARS or not re.search(r"[A-Za-zＡ-Ｚａ-ｚ]", text):
        return text  # a message too long to be a question is declined as it is
    reader = _reader(vocabulary)
    flat = _everyday_in_names(unicodedata.normalize("NFKC", text), reader.known)
    lowered = flat.lower()
    # the bot's @name is no word of the question ("@Suzhou_targets_bot" names no place)
    found = list(_LATIN_RUN.finditer(MENTION.sub(lambda m: " " * len(m.group(0)), lowered)))
    runs = [reader.read(m.group(0)) for m in found]
    kinds = {kind for _, run_kinds in runs for kind in run_kinds}
    chinese_beside = bool(_CJK.search(flat))
    if CONTENT not in kinds or (UNREAD in kinds and not chinese_beside):
        if not chinese_beside:
            return text
        # beside Chinese, English question words are read ("AI应用赋能中心 target"), pinyin is not
        runs = [reader.read(m.group(0), pinyin=False) for m in found]
    pieces, last, glued = [], 0, False
    for match, (chinese, _) in zip(found, runs):
        between = flat[last:match.start()]
        if chinese == " ".join(match.group(0).split()):
            pieces += [between.lstrip() if glued else between, flat[match.start():match.end()]]
            glued = False
        else:  # the spaces that set English apart from Chinese go with it: "AI model 怎么用" is 大模型怎么用
            pieces += [between.strip() if glued else between.rstrip(), chinese]
            glued = True
        last = match.end()
    rest = flat[last:]
    return "".join(pieces + [rest.lstrip() if glued else rest])


class _Reader:
    """The glossary and the pinyin spellings of one vocabulary, read by `read`."""

    def __init__(self, vocabulary: Iterable[str]):
        vocabulary = [w for w in map(normalize, vocabulary) if w]
        # parts of names too ("zhineng gongchang" → 智能工厂 in 新增领航级智能工厂), read only where no
        # whole name covers the letters (fewest pieces win); not for a vocabulary so large that they
        # would take seconds to spell
        parts = {w[i:i + n] for w in vocabulary if len(vocabulary) <= _PARTS_UP_TO
                 for n in range(2, _PART_CHARS + 1) for i in range(len(w) - n + 1)}
        whole = vocabulary + sorted(set(PLACES) - set(SOUND_ALIKE_CITIES))
        ranked = whole + list(PINYIN_WORDS) + list(RANK_SCOPES) + sorted(p for p in parts if _CJK.fullmatch(p))
        chars = readings(c for w in ranked for c in w if _CJK.match(c))
        known = set(whole) | parts
        self.known = known
        self.spellings: dict[str, list[tuple[str, str]]] = {}  # pinyin → [(word, CONTENT or WORD)]
        # a spelling is the first word's that fits where it stands: whole names and places, then question
        # words, then parts
        for word in dict.fromkeys(ranked):
            for spelling in _spellings(word, chars):
                self.spellings.setdefault(spelling, []).append((word, CONTENT if word in known else WORD))
        self.longest = max(map(len, self.spellings), default=0)
        self.glossary = {tuple(k.split()): (v, WORD if k in ENGLISH_WORDS else CONTENT)
                         for k, v in (ENGLISH_WORDS | ENGLISH_TERMS | ENGLISH_PLACES).items()}
        self.longest_phrase = max(map(len, self.glossary))

    def read(self, run: str, pinyin: bool = True) -> tuple[str, set[str]]:
        """(the run of Latin words as Chinese where it can be read — English always, pinyin if `pinyin` —,
        what its pieces were read as: CONTENT for a term, place or indicator, WORD for a question word,
        KEPT_AS_IS for a unit, UNREAD for a word left as written)."""
        words = re.findall(r"[a-z&]+", re.sub(r"['’]s\b", "", run))  # Suzhou's, what's
        out, latin = [], []
        i = 0
        while i < len(words):
            size, chinese, kind = self._phrase(words, i)
            if size or words[i] in KEPT:
                out += self._pinyin(latin, pinyin)
                out.append((chinese, kind) if size else (f" {words[i]} ", KEPT_AS_IS))
                latin = []
                i += size or 1
                continue
            if pinyin and words[i] not in self.spellings and (place := _china_place_spelled(words[i])):
                out += self._pinyin(latin, pinyin)  # quzhou, Zhangjiakou: a place of China, never dropped
                out.append((place, CONTENT))
                latin = []
                i += 1
                continue
            latin.append(words[i])
            i += 1
        out += self._pinyin(latin, pinyin)
        return re.sub(r"\s+", " ", "".join(text for text, _ in out)).strip(), {kind for _, kind in out}

    def _phrase(self, words: list[str], i: int) -> tuple[int, str, str]:
        """(how many words from i the longest glossary phrase there takes, its Chinese, CONTENT or WORD),
        (0, "", "") when none; a phrase's last word may be plural."""
        for size in range(min(self.longest_phrase, len(words) - i), 0, -1):
            *head, tail = words[i:i + size]
            singular = tail[:-3] + "y" if tail.endswith("ies") else tail.removesuffix("s")
            for form in dict.fromkeys((tail, singular, tail.removesuffix("es"))):
                if (found := self.glossary.get((*head, form))) is not None:
                    return size, *found
        return 0, "", ""

    def _pinyin(self, words: list[str], pinyin: bool = True) -> list[tuple[str, str]]:
        """Words read as pinyin where they are wholly covered by vocabulary spellings (fewest pieces),
        the others kept as written (UNREAD): [(text, kind)]."""
        if not words or not pinyin:
            return [(f" {' '.join(words)} ", UNREAD)] if words else []
        letters = "".join(words)
        ends = [0]
        for word in words:
            ends.append(ends[-1] + len(word))
        best: list[tuple[float, list[tuple[str, str]]] | None] = [None] * (len(letters) + 1)
        best[0] = (0, [])
        for i in range(len(letters)):
            if best[i] is None:
                continue
            cost, path = best[i]
            for j in range(i + 1, min(len(letters), i + self.longest) + 1):
                # a break between words (yu'e, gongye touzi) falls between syllables: a word read across
                # k breaks has more than k characters (余额 for yu'e, not 月)
                breaks = sum(i < end < j for end in ends)
                found = next((f for f in self.spellings.get(letters[i:j], ()) if len(f[0]) > breaks), None)
                if found is not None:
                    _offer(best, j, cost + 1, path + [found])
            if i in ends:  # a word no spelling covers: left as written
                end = ends[ends.index(i) + 1]
                _offer(best, end, cost + _UNKNOWN, path + [(f" {letters[i:end]} ", UNREAD)])
        return best[len(letters)][1]


# one Latin word alone between Chinese (not one of a phrase: high-tech产值 is read as a phrase)
_ALONE_BEFORE = r"(?<![A-Za-z])(?<![A-Za-z][\s\-'’])"
_ALONE_AFTER = r"(?![A-Za-z]|[\s\-'’]+[A-Za-z])"
_GLUED_WORD = re.compile(rf"(?<=[\u3400-\u9fff]) ?([A-Za-z]+){_ALONE_AFTER}"
                         rf"|{_ALONE_BEFORE}([A-Za-z]+){_ALONE_AFTER} ?(?=[\u3400-\u9fff])")


def _everyday_in_names(text: str, known: set[str]) -> str:
    """`text` with each everyday English word written into a name (单项champion, excellent级智能工厂) read
    as its Chinese (knowledge/latin_words.EVERYDAY_WORDS): where the Chinese characters beside it (at
    most one space between) and that word together are a name or part of one in `known`."""
    def read(match: re.Match) -> str:
        word = match.group(1) or match.group(2)
        chinese = EVERYDAY_WORDS.get(word.lower())
        if chinese is None:
            return match.group(0)
        before = re.search(r"[\u3400-\u9fff]*$", text[:match.start()]).group(0)
        after = re.match(r"[\u3400-\u9fff]*", text[match.end():]).group(0)
        joined = any(before[-k:] + chinese in known for k in range(1, len(before) + 1)) or any(
            chinese + after[:k] in known for k in range(1, len(after) + 1))
        return chinese if joined else match.group(0)

    return _GLUED_WORD.sub(read, text)


def load_place_readers() -> None:
    """Read China's division list and its pinyin once (about 0.1 s together), so that the first question
    naming such a place does not pay for it on the event loop; the bot calls this in a worker thread at
    start-up (bot/app.py)."""
    _china_place_spellings()


def _china_place_spelled(word: str) -> str | None:
    """The place of China (knowledge/china_places.py) one Latin word spells in pinyin ("quzhou" → 衢州),
    by the main reading of each character; None for none. Of places spelled alike (衢州市, 曲周县) a city
    is taken: either way no figure is given, and the reply names a place the asker may have meant."""
    return _china_place_spellings().get(word)


@lru_cache(maxsize=1)
def _china_place_spellings() -> dict[str, str]:
    """{pinyin: place} for every place of knowledge/china_places.py, built at the first Latin word no
    vocabulary spelling reads (it reads pypinyin's character dictionary once)."""
    names = sorted(set(china_places().values()))
    chars = readings(c for name in names for c in name)
    spelled: dict[str, set[str]] = {}
    for name in names:
        for spelling in _spellings(name, chars)[:1]:  # the main readings: 衢州 is quzhou
            spelled.setdefault(spelling, set()).add(name)
    places = china_places()
    return {spelling: min(found, key=lambda name: (f"{name}市" not in places, name)) for spelling, found in spelled.items()}


def _offer(best: list, at: int, cost: float, path: list) -> None:
    if best[at] is None or cost < best[at][0]:
        best[at] = (cost, path)


def _spellings(word: str, chars: dict[str, tuple[str, ...]]) -> list[str]:
    """The pinyin spellings of a word (every reading of each character, at most _MAX_SPELLINGS); a word
    with a character that has no reading and is not a Latin letter has none."""
    options = []
    for char in word:
        if char in chars:
            options.append(chars[char])
        elif char.isascii() and char.isalpha():
            options.append((char,))
        else:
            return []
    spellings = []
    for combination in product(*options):
        spellings.append("".join(combination))
        if len(spellings) >= _MAX_SPELLINGS:
            break
    return spellings


_last: tuple = (None, None)  # (the vocabulary last read with, its reader), replaced whole: thread-safe


def _reader(vocabulary: Sequence[str]) -> _Reader:
    """The reader of a vocabulary, built once: the same object (the matcher's) is recognised at once,
    an equal one (a matcher rebuilt on unchanged knowledge) with one comparison."""
    global _last
    known, reader = _last
    if known is not vocabulary:
        if known != vocabulary:
            reader = _Reader(vocabulary)
        _last = (vocabulary, reader)
    return reader
