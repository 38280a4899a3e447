"""How does reading a release (/release's preview: read_release, then plan_release) grow with its length?
Reading time of realistic release text at about 1k, 10k, 50k and 100k characters, and of one 25k-character
sentence with no 。 (a paste whose full stops were lost; again without its ， too), each printed as a ratio against the 1k run in the
same process: a linear reader gives ratios near the ratio of lengths (10, 50, 100; 25 for the sentence; 90 for a number
of 90,000 digits).
Before the reader was made linear, 25,000 characters in one sentence took 9.3 s and 96,000 took 148 s.

The text repeats the shared example release (../shared/eval/releases/example_2026_10.txt, made-up figures)
and a restated real monthly review; the sentence joins its clauses with ，. Prints only (no asserts).

    .venv/bin/python bench/bench_release.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.releases import MAX_RELEASE_CHARS, preview_release  # noqa: E402
from knowledge.store import open_store  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "releases"
READ_ON = date(2026, 12, 7)


def release_text(chars: int) -> str:
    """About `chars` characters of release: the two releases, again and again, line by line."""
    lines = []
    for name in ("example_2026_10.txt", "restated/2024_07_monthly.txt"):
        lines += (SHARED / name).read_text(encoding="utf-8").splitlines()
    text, i = "", 0
    while len(text) < chars:
        text += lines[i % len(lines)] + "\n"
        i += 1
    return text[:chars]


def one_sentence(chars: int) -> str:
    """About `chars` characters in one sentence: the example's clauses joined with ， and no 。."""
    clauses = [c for c in release_text(2000).replace("。", "，").replace("\n", "").split("，") if c]
    text, i = "", 0
    while len(text) < chars:
        text += clauses[i % len(clauses)] + "，"
        i += 1
    return text[:min(chars, MAX_RELEASE_CHARS)]


def long_number(digits: int) -> str:
    """A release whose one figure has `digits` digits (a paste gone wrong): no figure, listed as 数字太长.
    Before each number was matched only from its first digit, 90,000 digits took 55 s."""
    return "苏州市2026年1—10月工业经济运行情况\n1—10月，全市完成规上工业总产值" + "1" * digits + "亿元。\n"


def seconds(store, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        preview_release(store, text, READ_ON, "bench")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = open_store()
    cases = [(f"{n // 1000}k 字通报", release_text(n)) for n in (1_000, 10_000, 50_000, 100_000)]
    cases.append(("25k 字一句（无句号）", one_sentence(25_000)))
    cases.append(("25k 字一句（无标点）", one_sentence(25_000).replace("，", "")))
    cases.append(("90k 位的一个数", long_number(90_000)))
    # corrections (应为) and bracketed compared figures in one sentence: read by corrections.py and rewriting.py
    cases.append(("25k 字一句（应为、括号）", ("“规上工业总产值39876.5亿元”应为“规上工业总产值39867.5亿元”，"
                                         "工业投资1606.9亿元（上年同期1480.2亿元），") * 450))
    base = seconds(store, cases[0][1], args.repeat * 3)
    print(f"{'':24}{'字数':>8}{'秒':>10}{'对1k倍数':>10}{'字数倍数':>10}")
    for label, text in cases:
        took = seconds(store, text, args.repeat)
        print(f"{label:24}{len(text):>8}{took:>10.3f}{took / base:>10.1f}{len(text) / len(cases[0][1]):>10.1f}")


if __name__ == "__main__":
    main()
