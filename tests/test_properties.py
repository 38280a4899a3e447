"""Property tests (hypothesis): quantities, the answerer on any text, HTML rendering, importers on junk.

Generated cases per test (max_examples), and wall time of each on the 2-core dev machine:

    test_quantity_round_trip                        4,000    ~6 s
    test_parse_quantity_raises_only_quantity_error  2,000    ~9 s
    test_answer_never_raises_on_any_unicode         1,200    ~2 s
    test_answer_never_raises_on_mixed_text          1,500    ~7 s
    test_html_reply_is_valid_and_escaped            1,200    ~6 s
    test_weird_indicator_names_render_escaped          80    ~5 s   (a fresh store + Answerer each, ~60 ms)
    test_import_random_bytes_changes_nothing          700    ~2 s
    test_import_csvish_text_changes_nothing         1,000   ~15 s
    test_import_garbled_xlsx_changes_nothing          250    ~2 s
    test_import_mutated_xlsx_xml_changes_nothing      150    ~9 s
                                                   ------   -----
                                                   12,080   65-75 s in pytest, ~70-78 s wall with start-up

`CASES` counts the calls each test body really made; `test_generated_case_budget` (last) checks the
total when the whole file ran in one process (`make test` hands out whole files: --dist loadfile).
The Answerer for the seeded knowledge base is built once, below.

Lone surrogates (category Cs) are left out of the "any Unicode" strategies (Telegram only delivers
valid UTF-8); `test_answer_on_lone_surrogates` covers them, as badly encoded console input can.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import random
import re
import zipfile
from collections import Counter
from decimal import Decimal

import pytest
import sqlite_utils
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from bot.standin import parse_html
from handlers.messages import TELEGRAM_LIMIT, split_message
from knowledge.answers import NO_CITY_DATA, NO_YEAR_DATA, Answerer
from knowledge.errors import KnowledgeError, QuantityError
from knowledge.places import CITIES
from knowledge.quantities import format_quantity, parse_quantity
from knowledge.questions import INTENT_WORDS, NOISE_WORDS
from knowledge.render import render_reply
from knowledge.store import Store, migrations, open_store
from knowledge.tables import SHEETS, ImportFileError, apply_import, export_workbook, plan_import, read_tables
from tests.conftest import fixed_clock

CASES: Counter = Counter()
DECISIONS: Counter = Counter()
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
        HealthCheck.filter_too_much]


def budget(n: int):
    return settings(max_examples=n, deadline=None, suppress_health_check=SLOW)


# Built once: building an Answerer costs ~0.5 s (fold table), answering ~0.3 ms.
CLOCK = fixed_clock(2026, 7, 2, 12, 0)
STORE = open_store(":memory:")
ANSWERER = Answerer(STORE, clock=CLOCK)
DECISION_VALUES = {"answer", "clarify", "decline"}
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


# == 1. quantities ===================================================================================

# written unit → the indicator's base unit, as the seeds use them
SEED_UNITS = {"亿元": "元", "万亿元": "元", "%": "%", "个": "个", "家": "家", "PFLOPS": "PFLOPS",
              "万人": "人", "万亩": "亩"}
QUALIFIERS = ("…", "超…", "力争…", "…以上", "力争…以上", "保持…以上", "突破…")

values = st.decimals(min_value=0, max_value=10 ** 6, places=4, allow_nan=False, allow_infinity=False) \
    | st.integers(0, 10 ** 6).map(Decimal)


@budget(4000)
@given(value=values, unit=st.sampled_from(sorted(SEED_UNITS)), qualifier=st.sampled_from(QUALIFIERS))
def test_quantity_round_trip(value, unit, qualifier):
    CASES["quantity_round_trip"] += 1
    value = abs(value)  # Decimal('-0') is not a figure anyone writes
    text = format_quantity(value, unit, qualifier)
    quantity = parse_quantity(text, SEED_UNITS[unit])
    assert quantity.value == value, text
    assert quantity.unit == unit, text
    assert quantity.qualifier == ("" if qualifier == "…" else qualifier), text
    assert str(quantity) == text


QUANTITY_BITS = st.sampled_from(
    ["力争", "保持", "突破", "超过", "超", "预计", "约", "达到", "达", "不低于", "以上", "左右", "以内",
     "万亿", "亿", "万", "千", "元", "人次", "人", "亩", "个", "家", "项", "%", "％", "百分点", "pflops", "P",
     "零", "〇", "一", "两", "十", "百", "千", "点", "点点", "0", "1", "9", ",", "，", ",000", ".", "..", "-",
     "+", "e", "E5", "∞", "NaN", "１", "٣", " ", "\n", "…", "1e400", "9" * 40, "0x1F"])
near_quantities = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(["", "", "力争", "保持", "突破", "超过", "超", "约", "不低于", "力", "超超"]),
    st.from_regex(r"[0-9]{1,7}(,[0-9]{3}){0,2}(\.[0-9]{1,4})?|[0-9,，]{1,8}|[零〇一二两三五九十百千点]{1,6}|\.[0-9]",
                  fullmatch=True),
    st.sampled_from(["", "", "万亿", "亿", "万", "千", "亿亿"]),
    st.sampled_from(["", "元", "人", "人次", "亩", "个", "家", "项", "座", "%", "％", "百分点", "PFLOPS", "p", "吨"]),
    st.sampled_from(["", "", "以上", "左右", "以内", "以上以上", " ", "年"]),
)
quantity_texts = st.one_of(
    st.text(max_size=60), near_quantities,
    st.lists(QUANTITY_BITS, max_size=12).map("".join),
    st.lists(QUANTITY_BITS | st.text(max_size=3), max_size=12).map("".join),
)


@budget(2000)
@given(text=quantity_texts,
       unit=st.sampled_from([None, "元", "人", "亩", "个", "家", "%", "PFLOPS", "", "亿元", "万", "吨"]))
def test_parse_quantity_raises_only_quantity_error(text, unit):
    CASES["parse_quantity_errors"] += 1
    try:
        quantity = parse_quantity(text, unit)
    except QuantityError as error:
        assert CJK_RE.search(str(error)), str(error)
        event("refused")
    else:
        assert quantity.value.is_finite() and quantity.value >= 0
        event("parsed")


# == 2. the answerer on any text =====================================================================

SEED_WORDS = sorted({i.name for i in STORE.indicators()} | {a for _, a in STORE.aliases()})
CHAT_WORDS = sorted(set(SEED_WORDS) | {w for ws in INTENT_WORDS.values() for w in ws} | set(NOISE_WORDS)
                    | set(CITIES[:30]) | {"2024年", "2026", "今年", "去年", "13年", "排第几", "多少家"})
HTML_BITS = ["<b>", "</b>", "<i>", "</i>", '<a href="https://x.y/?a=1&b=2">', "</a>", "<", ">", "&", "&amp;",
             "&lt;", "&gt;", "&#60;", "&#x1F600;", "&nbsp;", "<script>alert(1)</script>", "<br/>", "<!--", "-->",
             '"', "'", "<pre><code>", "</code></pre>", '<span class="tg-spoiler">', "<<>>", "&&", "</", "<b",
             "R&D", "a<b>c", "<tg-spoiler>"]
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "❤️", "🔥", "\u200d", "\ufe0f", "🀄", "㊗️"]
MENTIONS = ["@SzTargetsBot", "@sztargetsbot", "@SzTargetsBot ", "@all", "@张三", "＠SzTargetsBot", "@", "@@",
            "/start@SzTargetsBot", "/targets"]

utf8_chars = st.characters(codec="utf-8")  # every category but lone surrogates
cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
rare_cjk = st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF) | st.characters(
    min_codepoint=0x3400, max_codepoint=0x4DBF)
full_width = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E) | st.just("\u3000")
digits = st.text(st.sampled_from("0123456789０１２３４５６７８９٠١٢٣٤٥٦٧٨٩零一二三四五六七八九十百千万亿点.,%％"),
                 min_size=1, max_size=30)
piece = st.one_of(
    st.text(cjk, min_size=1, max_size=20), st.text(rare_cjk, min_size=1, max_size=5),
    st.sampled_from(EMOJI) | st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.text(full_width, min_size=1, max_size=10), digits, st.sampled_from(HTML_BITS),
    st.sampled_from(MENTIONS) | st.from_regex(r"@[A-Za-z0-9_]{0,40}", fullmatch=True),
    st.sampled_from(CHAT_WORDS), st.sampled_from([" ", "\n", "\t", "\r\n", "\u00a0", "\u200b", "？", "?", "！"]),
    st.text(utf8_chars, max_size=10),
)

# Pools a seeded random.Random draws 1..4096 characters from: cheap long strings for hypothesis.
POOLS = {
    "any": None,
    "cjk": [chr(c) for c in range(0x4E00, 0x9FA6)],
    "seeded": sorted({c for w in SEED_WORDS for c in w}),
    "digits": list("0123456789０１２３４５６７８９"),
    "html": list("<>&;#/\"' ab"),
}


def random_text(pool: str, seed: int, length: int) -> str:
    rng = random.Random(seed)
    chars = POOLS[pool]
    if chars is None:
        out = []
        while len(out) < length:
            c = chr(rng.randrange(0x110000))
            if not 0xD800 <= ord(c) <= 0xDFFF:
                out.append(c)
        return "".join(out)
    return "".join(rng.choice(chars) for _ in range(length))


# Parts of names and aliases: the shapes that leave the matcher undecided between indicators (clarify).
name_part = st.builds(lambda word, start, cut: word[start:][:max(1, cut)], st.sampled_from(SEED_WORDS),
                      st.integers(0, 3), st.integers(1, 8))
mixed_text = st.one_of(st.lists(piece, max_size=40).map("".join), name_part)
long_text = st.one_of(
    st.builds(lambda p, n: (p * n)[:4096], st.sampled_from(CHAT_WORDS) | piece.filter(bool), st.integers(1, 4096)),
    st.builds(random_text, st.sampled_from(sorted(POOLS)), st.integers(0, 2 ** 32), st.integers(1, 4096)),
    st.builds(lambda a, b: (a + b)[:4096], mixed_text, st.sampled_from(["研" * 4096, "9" * 4096, "<" * 4096,
                                                                       "&" * 4096, " " * 4096, "@a" * 2048])),
)
questions = st.one_of(mixed_text, long_text)


def check_answer(text: str):
    reply = ANSWERER.answer(text)
    assert reply.decision in DECISION_VALUES, reply
    DECISIONS[reply.decision] += 1
    event(f"decision={reply.decision}")
    return reply


@budget(1200)
@given(text=st.text(utf8_chars, max_size=4096))
def test_answer_never_raises_on_any_unicode(text):
    CASES["answer_any_unicode"] += 1
    check_answer(text)


@budget(1500)
@given(text=questions)
def test_answer_never_raises_on_mixed_text(text):
    CASES["answer_mixed"] += 1
    assert len(text) <= 4096
    check_answer(text)


@given(text=st.text(st.characters(categories=["Cs"]) | cjk, min_size=1, max_size=50))
@settings(max_examples=100, deadline=None)
def test_answer_on_lone_surrogates(text):
    CASES["answer_surrogates"] += 1
    check_answer(text)
    assert ANSWERER.answer("\udfff苏州研发投入目标\ud800").decision == "answer"


# == 3. rendering ====================================================================================

OWN_TAGS = re.compile(r"</?b>")
BARE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);)")
HTML_HINT = "请回复完整的指标名称，或点下面的按钮。"
PLAIN_HINT = "请回复完整的指标名称。"


def check_html(reply) -> str:
    """The reply as Telegram HTML: every piece parses, and markup is only the renderer's own <b>."""
    out = render_reply(reply, html=True)
    pieces = split_message(out)
    assert pieces or not out
    for part in pieces:
        assert len(part) <= TELEGRAM_LIMIT
        parse_html(part)
    plain, entities = parse_html(out)
    # What the user reads is exactly the plain-text rendering: nothing from the data turned into markup.
    assert plain == render_reply(reply, html=False).replace(PLAIN_HINT, HTML_HINT)
    assert all(e["type"] == "bold" for e in entities)
    bare = OWN_TAGS.sub("", out)
    assert "<" not in bare and ">" not in bare, out
    assert not BARE_AMPERSAND.search(out), out
    return out


html_questions = st.one_of(
    st.builds(lambda a, h, w: a + h + w, mixed_text, st.sampled_from(HTML_BITS), st.sampled_from(SEED_WORDS)),
    st.builds(lambda city, h, w, tail: f"{city}{h}{w}{tail}", st.sampled_from(["", "苏州", "上海", "全国", "南京",
                                                                             "2024年", "2030年", "苏州和上海"]),
              st.sampled_from(HTML_BITS), st.sampled_from(SEED_WORDS), st.sampled_from(["", "目标", "进度", "?"])),
    st.builds(lambda t, h: (h + t)[:4096], long_text, st.sampled_from(HTML_BITS)),
)


@budget(1200)
@given(text=html_questions)
def test_html_reply_is_valid_and_escaped(text):
    assume(any(c in text for c in "<>&"))
    CASES["html_render"] += 1
    check_html(check_answer(text))


# Fresh stores with indicators whose names, aliases, sources and texts are HTML-ish and odd.
weird_bit = st.one_of(st.sampled_from(HTML_BITS), st.text(utf8_chars, min_size=1, max_size=4),
                      st.sampled_from(EMOJI), st.text(full_width, min_size=1, max_size=3),
                      st.sampled_from(["<b>", "</b>", "&", "<", ">", "&amp;"]))
stem = st.text(cjk, min_size=2, max_size=6) | st.sampled_from(SEED_WORDS)
weird_name = st.builds(lambda a, s, b: "".join(a) + s + "".join(b), st.lists(weird_bit, max_size=3), stem,
                       st.lists(weird_bit, max_size=3))
weird_text = st.lists(weird_bit | stem, max_size=4).map("".join)


def fresh_store() -> Store:
    db = sqlite_utils.Database(memory=True)
    db.execute("pragma foreign_keys = on")
    migrations.apply(db)
    return Store(db)


@budget(80)
@given(name=weird_name, sibling=weird_name, alias=weird_name, title=weird_text, text=weird_text,
       note=weird_text, unit=st.sampled_from(sorted(SEED_UNITS)), kind=st.sampled_from(["cumulative", "level"]),
       value=st.none() | st.floats(0, 1e6), year=st.sampled_from([2024, 2026]))
def test_weird_indicator_names_render_escaped(name, sibling, alias, title, text, note, unit, kind, value, year):
    CASES["weird_names"] += 1
    store = fresh_store()
    db = store.db
    with db.atomic():
        db["sources"].insert({"id": "src", "title": title, "publisher": text, "published": "", "quote": ""})
        for ind_id, ind_name in (("weird", name), ("sibling", sibling)):
            db["indicators"].insert({"id": ind_id, "name": ind_name, "category": text or "类", "unit":
                                     SEED_UNITS[unit], "kind": kind, "higher_is_better": 1})
        db["aliases"].insert({"indicator_id": "weird", "alias": alias, "added_by": "test"})
        db["targets"].insert({"indicator_id": "weird", "city": "苏州", "year": 2026, "value": value,
                              "unit": unit, "qualifier": "超…", "text": "" if value is not None else text or "有",
                              "source_id": "src", "quote": text})
        db["observations"].insert({"indicator_id": "weird", "city": "苏州", "period": f"{year}年{note}",
                                   "year": year, "value": value, "unit": unit, "qualifier": "", "text": text,
                                   "status": "estimate", "source_id": "src", "note": note, "quote": "",
                                   "recorded_at": "", "recorded_by": "test"})
        db["observations"].insert({"indicator_id": "sibling", "city": "苏州", "period": note, "year": None,
                                   "value": None, "unit": "", "qualifier": "", "text": text or "有",
                                   "status": "actual", "source_id": "src", "note": "", "quote": ""})
    answerer = Answerer(store, clock=CLOCK)

    direct = answerer.answer_for("weird", "苏州")
    assert direct.decision == "answer"
    out = check_html(direct)
    assert html.escape(name, quote=False) in out
    assert name in parse_html(out)[0]

    for question in (name, sibling, alias, f"上海{name}", f"{alias}目标", f"2030年{name}"):
        reply = answerer.answer(question)
        assert reply.decision in DECISION_VALUES
        out = check_html(reply)
        named = [a.indicator.name for a in reply.answers] if reply.decision == "answer" else []
        if reply.decision == "clarify" or reply.reason == NO_CITY_DATA:
            named = [c.indicator.name for c, _ in reply.candidates]
        if reply.reason == NO_YEAR_DATA:
            named = [a.indicator.name for a in reply.answers]
        for shown in named:
            assert html.escape(shown, quote=False) in out, (shown, out)
        event(f"weird decision={reply.decision}/{reply.reason}")
        DECISIONS["weird:" + (reply.reason or reply.decision)] += 1


# == 4. importers ====================================================================================

IMPORT_STORE = open_store(":memory:")
FINGERPRINT_TABLES = ("observations", "targets", "aliases", "changes", "sources", "indicators")


def fingerprint(store: Store) -> dict:
    result = {}
    for table in FINGERPRINT_TABLES:
        rows = store.db.execute(f"select * from [{table}] order by rowid").fetchall()
        digest = hashlib.sha256(json.dumps(rows, ensure_ascii=False, default=str).encode()).hexdigest()
        result[table] = (len(rows), digest)
    return result


BASELINE = fingerprint(IMPORT_STORE)
WORKBOOK = export_workbook(IMPORT_STORE)


def attempt_import(filename: str, content: bytes) -> str:
    """read_tables → plan_import → (apply_import when rows were rejected); the store must not change."""
    try:
        plan = plan_import(IMPORT_STORE, read_tables(filename, content))
    except KnowledgeError as error:  # ImportFileError is one
        assert CJK_RE.search(str(error)), repr(error)
        outcome = "refused"
    else:
        assert isinstance(plan.summary(), str)
        if plan.rejected:
            assert all(CJK_RE.search(reason) for _, _, reason in plan.rejected), plan.rejected
            with pytest.raises(ImportFileError) as refused:
                apply_import(IMPORT_STORE, plan)
            assert CJK_RE.search(str(refused.value))
            outcome = "rows rejected"
        else:
            outcome = f"clean plan ({len(plan.writes)} writes)" if plan.writes else "clean plan (no writes)"
    assert fingerprint(IMPORT_STORE) == BASELINE
    event(outcome.split(" (")[0])
    return outcome


filenames = st.sampled_from(["kb.xlsx", "kb.csv", "KB.XLSX", " kb.csv ", "kb.xls", "", "kb", "kb.txt", "a.CSV"])
magic = st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
                         b"indicator_id,alias\n", b"PK"])


@budget(700)
@given(filename=filenames, head=magic, body=st.binary(max_size=4096))
def test_import_random_bytes_changes_nothing(filename, head, body):
    CASES["import_bytes"] += 1
    attempt_import(filename, head + body)


ALL_COLUMNS = sorted({c for s in SHEETS.values() for c in s.export_columns} | {"added_by", "id"})
INDICATOR_IDS = [i.id for i in IMPORT_STORE.indicators()]
INDICATOR_NAMES = [i.name for i in IMPORT_STORE.indicators()]
SOURCE_IDS = [r["id"] for r in IMPORT_STORE.db["sources"].rows]
CELL_POOL = (INDICATOR_IDS[:10] + INDICATOR_NAMES[:10] + SOURCE_IDS
             + ["苏州", "上海", "全国", "2026", "2026年", "2026.0", "1999", "99999", "2026年1-6月", "", " ",
                "1980", "1,980", "1,98", "1980亿", "1980亿元", "57%", "超4.25%", "5万亿元以上", "-3", "1e400",
                "nan", "inf", "١٢", "１２３", "一百八十", "0.1", ".5", "TRUE", "实际", "预计", "estimate", "bogus",
                "亿元", "%", "个", "家", "PFLOPS", "万人", "万亩", "吨", "超…", "…以上", "=1+1", "@SUM(A1)",
                '"', '""', "a,b", "a\nb", "\x07", "<b>", "&"])
printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
cells = st.sampled_from(CELL_POOL) | st.text(printable, max_size=12)
header_cell = st.one_of(st.sampled_from(ALL_COLUMNS),
                        st.sampled_from(ALL_COLUMNS).map(lambda c: f" {c.upper()} "),
                        st.sampled_from(ALL_COLUMNS).map(lambda c: "\ufeff" + c), st.text(printable, max_size=8))
# Mostly plausible cells for a known column, so that many rows get as far as the row checks.
COLUMN_CELLS = {
    "indicator_id": INDICATOR_IDS + INDICATOR_NAMES[:5] + ["gdp ", "GDP", "unknown_id"],
    "city": ["苏州", "上海", "全国", "Suzhou", "苏州 "],
    "year": ["2026", "2025", "2026年", "2026.0", " 2024 ", "1999", "2101", "二〇二六", "2026-01-01"],
    "period": ["2026年1-6月", "2025年", "2024年", "", "2026年1-6月 "],
    "value": ["1980", "1,980", "1,98", "4.25", "1980亿", "1980亿元", "57%", "超4.25%", "5万亿元以上", "-3",
              "0", "1e400", "nan", "１２３", "一百八十", ".5", "100.5"],
    "unit": sorted(SEED_UNITS) + ["元", "人", "亩", "", "吨", "P", "万"],
    "qualifier": list(QUALIFIERS) + ["", "约", "<b>…</b>"],
    "status": ["actual", "estimate", "preliminary", "实际", "预计", "初步", "", "final"],
    "source_id": SOURCE_IDS + ["", "nosuch"],
    "id": SOURCE_IDS + ["new_source", ""],
    "alias": ["新别名", "R&D", "<b>x</b>", "", "规上工业产值"],
}


@st.composite
def csvish(draw):
    if draw(st.integers(0, 3)):  # a real table's columns, shuffled, one maybe dropped, junk maybe added
        sheet = SHEETS[draw(st.sampled_from(sorted(SHEETS)))]
        header = list(draw(st.permutations(sheet.export_columns)))
        if draw(st.booleans()):
            del header[draw(st.integers(0, len(header) - 1))]
        header += draw(st.lists(st.text(printable, max_size=8), max_size=2))  # may collide: a duplicate
    else:
        header = draw(st.lists(header_cell, min_size=1, max_size=14))
    width = len(header)

    def cell(column: str):
        plain = str(column).strip().lower().lstrip("\ufeff")
        pool = COLUMN_CELLS.get(plain)
        return st.sampled_from(pool) | cells if pool else cells

    row = st.tuples(*[cell(c) for c in header]).map(list)
    rows = draw(st.lists(st.one_of(row, row, st.lists(cells, max_size=width + 2)), max_size=12))
    delimiter = draw(st.sampled_from([",", ",", "\t", ";"]))
    if draw(st.integers(0, 3)):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
        writer.writerow(header)
        writer.writerows(rows)
        text = buffer.getvalue()
    else:  # unquoted: stray quotes, delimiters and newlines inside cells
        text = "\n".join(delimiter.join(map(str, r)) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8"] * 4 + ["utf-8-sig", "gbk", "gbk", "utf-16"]))
    return text.encode(encoding, errors="replace")


@budget(1000)
@given(filename=st.sampled_from(["kb.csv", "kb.csv", "kb.xlsx", "kb.txt"]), content=csvish())
def test_import_csvish_text_changes_nothing(filename, content):
    CASES["import_csv"] += 1
    attempt_import(filename, content)


@pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl warns about damaged parts
@budget(250)
@given(mode=st.sampled_from(["flip", "truncate", "both"]),
       flips=st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       cut=st.integers(0, len(WORKBOOK)))
def test_import_garbled_xlsx_changes_nothing(mode, flips, cut):
    CASES["import_xlsx_bytes"] += 1
    content = bytearray(WORKBOOK)
    if mode in ("flip", "both"):
        for position, byte in flips:
            content[position] = byte
    if mode in ("truncate", "both"):
        content = content[:cut]
    attempt_import("kb.xlsx", bytes(content))


with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as _archive:
    MEMBERS = {info.filename: _archive.read(info) for info in _archive.infolist()}
SHARED_TEXT = re.compile(rb"(<t[^>]*>)(.*?)(</t>)", re.S)
NUMBER_CELL = re.compile(rb"(<v>)(.*?)(</v>)", re.S)


def xml_escape(text: str) -> bytes:
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    return html.escape(text, quote=False).encode("utf-8")


CELL_SHEETS = {pattern: sorted(m for m, xml in MEMBERS.items()
                               if m.startswith("xl/worksheets/") and pattern.search(xml))
               for pattern in (SHARED_TEXT, NUMBER_CELL)}


@pytest.mark.filterwarnings("ignore::UserWarning")  # openpyxl warns about damaged parts
@budget(150)
@given(member=st.sampled_from(sorted(MEMBERS)), how=st.sampled_from(["cells", "numbers", "delete", "insert"]),
       data=st.data())
def test_import_mutated_xlsx_xml_changes_nothing(member, how, data):
    """A well-formed zip whose XML was edited: cells replaced by odd values, or the XML itself damaged."""
    CASES["import_xlsx_xml"] += 1
    members = dict(MEMBERS)
    if how in ("cells", "numbers"):
        pattern = SHARED_TEXT if how == "cells" else NUMBER_CELL
        member = data.draw(st.sampled_from(CELL_SHEETS[pattern]))
        xml = members[member]
        matches = list(pattern.finditer(xml))
        chosen = data.draw(st.lists(st.integers(0, len(matches) - 1), min_size=1, max_size=10, unique=True))
        for index in sorted(chosen, reverse=True):
            found = matches[index]
            value = xml_escape(data.draw(cells | st.floats(allow_nan=False).map(repr)))
            xml = xml[:found.start(2)] + value + xml[found.end(2):]
    else:
        xml = members[member]
        start = data.draw(st.integers(0, len(xml)))
        end = data.draw(st.integers(start, min(len(xml), start + 200)))
        junk = b"" if how == "delete" else data.draw(
            st.binary(max_size=40) | st.sampled_from([b"<", b">", b"</row>", b"<c r=\"A1\" t=\"s\"><v>999</v></c>",
                                                      b"&bogus;", b"\xff\xfe"]))
        xml = xml[:start] + junk + xml[end:]
    members[member] = xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    attempt_import("kb.xlsx", buffer.getvalue())


# == the budget ======================================================================================

PROPERTY_TESTS = ("quantity_round_trip", "parse_quantity_errors", "answer_any_unicode", "answer_mixed",
                  "html_render", "weird_names", "import_bytes", "import_csv", "import_xlsx_bytes", "import_xlsx_xml")


def test_generated_case_budget():
    """Runs last: with every property test of this file run, at least 10,000 cases were generated."""
    if not all(CASES[name] for name in PROPERTY_TESTS):
        pytest.skip("only part of the file ran")
    assert sum(CASES[name] for name in PROPERTY_TESTS) >= 10_000, dict(CASES)
    assert DECISIONS["answer"] and DECISIONS["clarify"] and DECISIONS["decline"], dict(DECISIONS)
    assert DECISIONS["weird:answer"], dict(DECISIONS)
