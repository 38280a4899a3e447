"""What matching a question gives: the decision and the candidates (knowledge/matcher.py decides it,
knowledge/mentions.py reads it again around the mentions)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from knowledge.models import Indicator


class Decision(StrEnum):
    """What is done with a question: answered, asked back which indicator is meant, or declined. The
    matcher decides it for a wording; the answerer may decline a match on other grounds."""

    ANSWER = "answer"
    CLARIFY = "clarify"
    DECLINE = "decline"


@dataclass(frozen=True)
class Candidate:
    """An indicator a question may mean: `score` 0-1 (1.0 the whole core is one of its aliases), `alias`
    the name or alias that scored best."""

    indicator: Indicator
    score: float
    alias: str


@dataclass(frozen=True)
class MatchResult:
    decision: Decision
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


