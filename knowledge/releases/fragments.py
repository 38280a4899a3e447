"""The clause around a number, as an unplaced line shows it, found in time linear in the sentence: where
the clause marks are is found once per sentence and looked up by bisection (each number searching back
to its clause's start made a long sentence without marks quadratic), and a clause is shown cut to
FRAGMENT_CHARS characters each side of its number.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

FRAGMENT_CHARS = 60


class Marks:
    """The positions in `sentence` of the characters of `marks`, for the clause around a position."""

    def __init__(self, sentence: str, marks: str):
        self.size = len(sentence)
        self.positions = [i for i, c in enumerate(sentence) if c in marks]

    def start_before(self, position: int) -> int:
        """Just after the last mark before `position`; 0 when there is none (as rfind(mark, 0, position) + 1)."""
        count = bisect_left(self.positions, position)
        return self.positions[count - 1] + 1 if count else 0

    def end_from(self, position: int) -> int:
        """The first mark at or after `position`; the sentence's length when there is none."""
        count = bisect_left(self.positions, position)
        return self.positions[count] if count < len(self.positions) else self.size


def shown_fragment(sentence: str, start: int, end: int, at: int, to: int) -> str:
    """sentence[start:end], the clause of the number at sentence[at:to], cut with … to at most
    FRAGMENT_CHARS characters before and after the number."""
    head, tail = max(start, at - FRAGMENT_CHARS), min(end, to + FRAGMENT_CHARS)
    return ("…" if head > start else "") + sentence[head:tail] + ("…" if tail < end else "")


class ListedClauses:
    """The clauses (start, end) already listed as unplaced for one sentence, in text order, to tell
    whether a stray number's clause holds one of them or lies inside one (in constant time each)."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []
        self.starts: list[int] = []

    def add(self, start: int, end: int) -> None:
        """A listed clause; each starts and ends no earlier than the one before (numbers in text order)."""
        self.spans.append((start, end))
        self.starts.append(start)

    def touches(self, start: int, end: int) -> bool:
        """Whether a listed clause lies within [start, end) or holds it. Both ends grow with the start, so
        the first listed clause from `start` on and the last one before it are the ones to check."""
        after = bisect_left(self.starts, start)
        if after < len(self.spans) and self.spans[after][0] < end and self.spans[after][1] <= end:
            return True
        before = bisect_right(self.starts, start) - 1
        return before >= 0 and self.spans[before][1] >= end
