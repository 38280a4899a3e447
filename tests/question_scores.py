"""Scoring the answerer on a question table (the format of ../shared/eval/dev_questions.tsv).

Each question is answered as on 2 July 2026 (the suite's clock) against a freshly seeded knowledge base
and judged as tests/test_questions.py judges it. Prints the share right, the questions wanting a figure
that were declined (silence in a group) and the DECLINE rows that got a figure, each listed. Run
`python tests/question_scores.py TABLE.tsv…`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from knowledge.answers import Answerer  # noqa: E402
from knowledge.render import render_reply  # noqa: E402
from knowledge.store import open_store  # noqa: E402
from tests.conftest import fixed_clock  # noqa: E402
from tests.test_questions import meets  # noqa: E402


def rows(path: Path) -> list[tuple[str, str]]:
    """(question, expected) of each line that is not a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")[:2]) for line in lines if line.strip() and not line.startswith("#")]


def score(path: Path) -> str:
    """The report of one table: totals, then each miss with the reply's first line."""
    answerer = Answerer(open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12, 0))
    right, declined, answered, misses = 0, 0, 0, []
    for question, expected in rows(path):
        reply = answerer.answer(question)
        text = render_reply(reply)
        if meets(expected, reply.decision, text):
            right += 1
            continue
        declined += expected != "DECLINE" and reply.decision == "decline"
        answered += expected == "DECLINE"
        misses.append(f"  ✗ {question}  → want {expected} | got {reply.decision}: {text.splitlines()[0] if text else ''}")
    total = right + len(misses)
    head = (f"{path.name}: {right}/{total} right ({right / max(total, 1):.1%}); "
            f"{declined} wanting a figure declined; {answered} DECLINE rows answered")
    return "\n".join([head, *misses])


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(score(Path(name)))
