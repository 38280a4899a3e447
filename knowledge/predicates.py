"""How a figure is asked after the name it belongs to: a predicate of reaching (到了多少, 要冲到多少万亿,
能有几家) and a share asked in other words (占了几成, 多大比例). Two slot readers, run by
knowledge/questions.py's READERS like those of knowledge/slots.py: `read_X(text, found) -> (slot, rest)`.

Both take words out of the text that would otherwise stay beside an indicator's name and glue to it
(规上工业总产值|到, knowledge/mentions.py), or be read as part of another name (民营工业|成 as 民营工业产值).
The words are knowledge/question_words.py's PREDICATE, SHARE_ASKED and SHARE_NAMED.
"""

from __future__ import annotations

from knowledge.question_words import INTENT_WORDS, PREDICATE, SHARE_ASKED, SHARE_NAMED


def read_predicate(text: str, found: dict | None = None) -> tuple[str, str]:
    """(the first predicate of reaching standing before a word of asking — 到了, 冲到, 能有 — as written,
    or "", the text with each such predicate a space). 规上工业总产值到了多少 → ("到了", "规上工业总产值 多少")."""
    first = PREDICATE.search(text)
    return (first.group(0) if first else ""), PREDICATE.sub(" ", text)


def read_share(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(a share asked as 几成 / 多大比例 / 多少比重, the text with it written 占比 — with the 占 before it (能占到
    几成), or where no share is named elsewhere —, else a space: a share named already (占比大概几成) or the
    completion asked (完成了几成: a 完成率)). 民营工业几成 → (True, "民营工业占比")."""
    asked = SHARE_ASKED.search(text)
    if asked is None:
        return False, text
    named = SHARE_NAMED.search(SHARE_ASKED.sub("", text)) or any(w in text for w in INTENT_WORDS["progress"])
    return True, SHARE_ASKED.sub(lambda m: "占比" if "占" in m.group(0) or not named else " ", text)
