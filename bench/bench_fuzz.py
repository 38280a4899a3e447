"""Worst-case latency of the answerer on generated junk; run as `python bench/bench_fuzz.py` (prints only).

~20,000 inputs from random.Random(0): Unicode strings of 1..4,096 characters (log-uniform lengths) of
several kinds, plus adversarial ones — 4,096 CJK characters, aliases repeated or packed up to the
200-character question limit (every alias shares characters with the question, so the matcher scores
the most candidates), all digits, long runs of one character, HTML-ish and emoji runs. Each input is
timed once through `Answerer.answer` on the shipped knowledge base, against a baseline of
`answerer.answer("苏州研发投入目标")` timed in the same run (before and after the fuzz inputs).
Lone surrogates are left out: Telegram only delivers valid UTF-8 (see tests/test_properties.py).
No asserts: the goal (slowest input < 50 ms) is printed next to the result for a human to judge.
"""

from __future__ import annotations

import gc
import math
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.answers import Answerer  # noqa: E402
from knowledge.questions import MAX_QUESTION_CHARS  # noqa: E402
from knowledge.store import open_store  # noqa: E402

N_INPUTS = 20_000
MAX_CHARS = 4096
BASELINE_QUESTION = "苏州研发投入目标"
BASELINE_CALLS = 1_000
GOAL_MS = 50.0

HTML_BITS = ["<b>", "</b>", "<a href='x'>", "&amp;", "&", "<", ">", "&#60;", "<script>", "\"", "'"]
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "❤️", "🔥", "\u200d", "\ufe0f"]
MENTIONS = ["@SzTargetsBot ", "@sztargetsbot", "＠SzTargetsBot", "@all ", "/start@SzTargetsBot "]
TRADITIONAL = "蘇州研發投入規上工業總產值數據產業專精特新企業高質量發展實際完成進度"


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def length(rng: random.Random, high: int = MAX_CHARS) -> int:
    """Log-uniform in 1..high: as many 1-10 character inputs as 1,000-4,096 character ones."""
    return min(high, int(math.exp(rng.uniform(0, math.log(high + 1)))))


def any_char(rng: random.Random) -> str:
    while True:
        code = rng.randrange(0x110000)
        if not 0xD800 <= code <= 0xDFFF:
            return chr(code)


def build_inputs(rng: random.Random, words: list[str]) -> list[tuple[str, str]]:
    """(kind, text) pairs; the kinds take turns so each gets about the same share."""
    seeded_chars = sorted({c for w in words for c in w})
    cjk = lambda: chr(rng.randrange(0x4E00, 0x9FA6))  # noqa: E731

    def packed(limit: int) -> str:  # aliases back to back up to `limit` characters
        text = ""
        while len(text) < limit:
            text += rng.choice(words)
        return text[:limit]

    makers = {
        "unicode": lambda: "".join(any_char(rng) for _ in range(length(rng))),
        "bmp": lambda: "".join(chr(rng.randrange(0x20, 0xD800)) for _ in range(length(rng))),
        "cjk": lambda: "".join(cjk() for _ in range(length(rng))),
        "cjk 4096": lambda: "".join(cjk() for _ in range(MAX_CHARS)),
        "seed chars": lambda: "".join(rng.choice(seeded_chars) for _ in range(length(rng, 400))),
        "aliases packed ≤200": lambda: packed(rng.randint(MAX_QUESTION_CHARS - 40, MAX_QUESTION_CHARS)),
        "aliases repeated": lambda: (rng.choice(words) * MAX_CHARS)[:length(rng)],
        "digits": lambda: "".join(rng.choice("0123456789０１２３４５６７８９") for _ in range(length(rng))),
        "one char run": lambda: (rng.choice(seeded_chars + list("9a %<&@ 　😀")) * MAX_CHARS)[:length(rng)],
        "html/emoji/mentions": lambda: "".join(rng.choice(HTML_BITS + EMOJI + MENTIONS + words[:20])
                                               for _ in range(length(rng, 600)))[:MAX_CHARS],
        "traditional/full-width": lambda: "".join(
            rng.choice(TRADITIONAL) if rng.random() < 0.7 else chr(rng.randrange(0xFF01, 0xFF5F))
            for _ in range(length(rng, 300))),
        "chatty ≤200": lambda: "".join(rng.choice(["请问", "苏州", "2025年", "的", "多少", "目标", "进度", "吗",
                                                   rng.choice(words), " ", "？", rng.choice(EMOJI)])
                                       for _ in range(rng.randint(1, 40)))[:MAX_QUESTION_CHARS],
    }
    kinds = list(makers)
    return [(kind, makers[kind]()) for kind in (kinds[n % len(kinds)] for n in range(N_INPUTS))]


def timed_call(fn, arg) -> tuple[object, float]:
    start = time.perf_counter_ns()
    result = fn(arg)
    return result, (time.perf_counter_ns() - start) / 1e6


def short(text: str, width: int = 60) -> str:
    shown = repr(text)
    return f"{shown[:width] + '…' if len(shown) > width else shown} ({len(text)} chars)"


def main() -> None:
    print("Fuzz latency benchmark —", platform.platform(), f"| {os.cpu_count()} CPUs |",
          platform.python_implementation(), platform.python_version())
    print("Times are wall-clock per call (time.perf_counter_ns) of Answerer.answer on the shipped knowledge "
          "base; p99 = the 99th percentile of sorted samples; inputs from random.Random(0).")
    store = open_store()
    answerer = Answerer(store)
    words = sorted({i.name for i in store.indicators()} | {a for _, a in store.aliases()})
    start = time.perf_counter()
    inputs = build_inputs(random.Random(0), words)
    lengths = [len(t) for _, t in inputs]
    print(f"  {len(inputs):,} inputs in {len(set(k for k, _ in inputs))} kinds, built in "
          f"{time.perf_counter() - start:.1f} s; lengths 1..{max(lengths)}, median {statistics.median(lengths):.0f}, "
          f"{sum(n > MAX_QUESTION_CHARS for n in lengths):,} longer than the {MAX_QUESTION_CHARS}-character limit")

    for _, text in inputs[:200]:  # warm-up, untimed
        answerer.answer(text)
    baseline = [timed_call(answerer.answer, BASELINE_QUESTION)[1] for _ in range(BASELINE_CALLS)]

    samples: list[tuple[float, str, str]] = []
    decisions: Counter = Counter()
    errors: list[tuple[str, str]] = []
    for kind, text in inputs:
        try:
            reply, ms = timed_call(answerer.answer, text)
            decisions[reply.decision] += 1
        except Exception as error:  # the contract says never; count it rather than stop
            errors.append((short(text), repr(error)))
            continue
        samples.append((ms, kind, text))
    baseline += [timed_call(answerer.answer, BASELINE_QUESTION)[1] for _ in range(BASELINE_CALLS)]

    times = [ms for ms, _, _ in samples]
    base_med, base_p99 = statistics.median(baseline), p99(baseline)
    print(f"\n  baseline answer({BASELINE_QUESTION!r}) n={len(baseline):>6}  median {base_med:7.3f} ms  "
          f"p99 {base_p99:7.3f} ms  max {max(baseline):7.3f} ms")
    print(f"  fuzz inputs                    n={len(times):>6}  median {statistics.median(times):7.3f} ms  "
          f"p99 {p99(times):7.3f} ms  max {max(times):7.3f} ms"
          f"  | fuzz/baseline: median {statistics.median(times) / base_med:.2f}×, p99 {p99(times) / base_p99:.2f}×")
    print("  decisions: " + ", ".join(f"{d} {decisions[d]:,}" for d in ("answer", "clarify", "decline"))
          + f"; exceptions: {len(errors)}")
    for where, error in errors[:5]:
        print(f"    raised {error} on {where}")

    print("\n  by kind:")
    by_kind: dict[str, list[float]] = {}
    for ms, kind, _ in samples:
        by_kind.setdefault(kind, []).append(ms)
    for kind, values in by_kind.items():
        print(f"    {kind:<24} n={len(values):>5}  median {statistics.median(values):7.3f} ms  "
              f"p99 {p99(values):7.3f} ms  max {max(values):7.3f} ms")

    print("\n  slowest 5 inputs (first timing):")
    slowest = sorted(samples, key=lambda s: -s[0])[:5]
    for ms, kind, text in slowest:
        gc.collect()
        again = min(timed_call(answerer.answer, text)[1] for _ in range(5))
        print(f"    {ms:8.3f} ms  (re-timed best of 5: {again:7.3f} ms)  [{kind}] {short(text)}")
    worst = slowest[0][0]
    verdict = "met" if worst < GOAL_MS else "NOT met"
    print(f"\n  slowest input {worst:.3f} ms  [goal: slowest < {GOAL_MS:.0f} ms — {verdict}]")


if __name__ == "__main__":
    main()
