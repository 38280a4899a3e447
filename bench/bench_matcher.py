"""Latency benchmark for the question matcher; run as `python bench/bench_matcher.py` (prints only).

1. Shipped knowledge base: `Answerer.answer(q)` and `Matcher.match(parse_question(q))` per question.
2. Synthetic knowledge base of 10,000 indicators (industry × metric names, ~2 aliases each, plus the
   seeded ones): index build time and `Matcher.match` per question over exact names, one-character
   typos, noisy phrasings, swapped word order and chatter.
3. Naive baseline on the same questions: rapidfuzz `extractOne(q, names, scorer=WRatio)`.
4. Start-up of `python -m bot ask …` (cold and warm) against `python -c pass`.
5. The reading of a question (issue 22: slot readers and mentions) against the one before it, kept as
   bench/legacy_questions.py and timed in the same run on the same questions; ratios printed.
City data never reaches the Matcher, so the 100 cities appear only in the synthetic questions.
No network, no asserts: the goals are printed next to the results for a human to judge.
"""

from __future__ import annotations

import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from knowledge.answers import Answerer
from knowledge.folding import build_fold_table
from knowledge.matcher import Matcher
from knowledge.models import Indicator
from knowledge.places import CITIES, SUZHOU_DISTRICTS
from knowledge.questions import core_of, normalize, parse_question
from knowledge.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
import legacy_questions  # noqa: E402 — the reader before issue 22, for the comparison only

MIN_CALLS = 2_000
N_INDICATORS = 10_000
DEV_QUESTIONS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev_questions.tsv"
BUILTIN_QUESTIONS = (
    "研发投入占比目标多少 研法投入目标 新增高新技术企业数量 专精特新企业新增多少 小巨人 瞪羚 "
    "智算规模目标 算力要到多少 人才总量要达到多少万 产业用地新供多少亩 制造业贷款 工业投资总额 "
    "工业增加值 制造业比重 生产性服务业增加值多少 亿元以上产业项目 高新技术产业产值比重 "
    "研发机构建有率目标 两化融合达成度 工业数据集 领航级工厂 规上工业总产值今年目标 "
    "2024年规上工业总产值多少 民营工业产值占规上比重 千亿级产业有几个 上海的千亿产业 北京工业营收多少 "
    "A股上市公司 独角兽 单项冠军 大家辛苦了 明天上午开会吗 会议纪要发群里了 苏州今天下雨吗 "
    "苏州GDP增速多少 苏州人口多少 上海研发投入目标 南京工业投资目标 规上产值 工业总产值"
).split()
INDUSTRIES = (
    "集成电路 生物医药 新能源汽车 纳米材料 光伏 工业软件 人工智能 高端装备 新型显示 光通信 "
    "软件信息服务 医疗器械 创新药 航空航天 机器人 工业母机 智能网联汽车 动力电池 储能 氢能 风电 "
    "第三代半导体 先进材料 碳纤维 石墨烯 生物制造 合成生物 量子信息 区块链 云计算 大数据 物联网 "
    "元宇宙 数字经济 智能制造 绿色低碳 节能环保 新材料 电子信息 装备制造 纺织服装 轻工业 食品饮料 "
    "冶金 化工 汽车零部件 船舶海工 轨道交通 高端纺织 电子化学品 显示面板 传感器 功率器件 射频芯片 "
    "存储芯片 芯片设计 封装测试 光刻胶 精密仪器 智能终端 消费电子 网络安全 信创 卫星互联网 低空经济 "
    "无人机 商业航天 细胞治疗 基因技术 医疗影像 中药 化学药 生物疫苗 体外诊断 康复器械 农业科技 "
    "现代物流 跨境电商 工业互联网 数字孪生 算力 数据中心 通信设备 光电子 激光 特种钢材 铝合金 "
    "高分子材料 稀土材料 锂电材料 燃料电池 充电桩 智能电网 核电装备 海洋工程 半导体设备 工程机械 "
    "数控机床 智能家居 文化创意"
).split()
METRICS = (
    "产值 增加值 企业数量 研发投入 投资额 出口额 专利数 占比 营业收入 利润总额 税收 从业人员 "
    "规上企业数 高新技术企业数 上市公司数 新增企业数 产值增速 增加值增速 投资增速 出口增速 研发强度 "
    "发明专利授权量 PCT专利申请量 标准制定数 重点项目数 亿元以上项目数 固定资产投资 技改投资 "
    "实际使用外资 进口额 产能 产量 销售额 市场份额 产值占比 增加值占比 人均产值 亩均税收 亩均产值 "
    "综合能耗 单位产值能耗 碳排放量 用地面积 园区数量 孵化器数量 创新平台数 重点实验室数 "
    "工程技术中心数 人才数量 高层次人才数 博士后工作站数 融资额 风险投资额 贷款余额 产业基金规模 "
    "首台套数量 新产品产值 新产品产值率 产品合格率 数字化转型率 智能工厂数 示范项目数 专精特新企业数 "
    "小巨人企业数 独角兽企业数 瞪羚企业数 单项冠军数 龙头企业数 百亿企业数 千亿企业数 集群规模 "
    "营收增速 利润率 研发人员数 研发机构数 技术合同成交额 成果转化数 品牌数量 出口占比 本地配套率 "
    "国产化率 良品率 产能利用率 订单额 库存额 应收账款 工业用电量 用工人数 平均工资 培训人次 "
    "招商项目数 签约金额 落地项目数 开工项目数 竣工项目数 在建项目数 到位资金 新开工面积 营收规模 "
    "市场主体数"
).split()
CHATTER = ("大家辛苦了 收到 好的谢谢 明天上午开会吗 会议纪要发群里了 今天下雨吗 中午吃什么 哈哈哈 "
           "周五之前交材料 领导几点到 这个文件在哪里下载 下午三点会议室见 谁有充电器 请假一天 "
           "苏州人口多少 GDP增速多少 新年快乐 材料已经改好了 辛苦再核一下 群公告看一下").split()
NOISE = ("请问{city}{name}是多少", "{name}目标多少", "{city}{year}年{name}有多少呀", "想知道{name}完成情况",
         "{name}呢", "麻烦查一下{city}的{name}")


def p99(samples: list[int]) -> int:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def clock(fn, *args):
    """(fn(*args), wall time in ms)."""
    start = time.perf_counter_ns()
    return fn(*args), (time.perf_counter_ns() - start) / 1e6


def timed(fn, items, warmup: int = 200) -> list[int]:
    """Per-call wall time in ns of fn(item) for every item, after an untimed warm-up pass."""
    for item in items[:warmup]:
        fn(item)
    samples = []
    for item in items:
        start = time.perf_counter_ns()
        fn(item)
        samples.append(time.perf_counter_ns() - start)
    return samples


def show(label: str, samples: list[int], baseline: list[int] | None = None, goal: str = "") -> None:
    med, tail = statistics.median(samples) / 1e6, p99(samples) / 1e6
    line = f"  {label:<46} n={len(samples):>5}  median {med:8.3f} ms  p99 {tail:8.3f} ms"
    if baseline:
        line += (f"  | ours/baseline: median {med / (statistics.median(baseline) / 1e6):.2f}×,"
                 f" p99 {tail / (p99(baseline) / 1e6):.2f}×")
    print(line + (f"  [{goal}]" if goal else ""))


def shipped(today) -> None:
    print("\n1. SHIPPED knowledge base (open_store() in memory + Answerer)")
    if DEV_QUESTIONS.exists():
        lines = DEV_QUESTIONS.read_text(encoding="utf-8").splitlines()
        base = [ln.split("\t")[0] for ln in lines if ln.strip() and not ln.startswith("#")]
        print(f"  questions: {len(base)} from {DEV_QUESTIONS}")
    else:
        base = list(BUILTIN_QUESTIONS)
        print(f"  questions: {len(base)} built-in")
    questions = base * math.ceil(MIN_CALLS / len(base))
    store = open_store()
    answerer = Answerer(store)
    names = [i.name for i in store.indicators()]
    parsed = [parse_question(q, today) for q in questions]
    baseline = timed(lambda q: process.extractOne(q, names, scorer=fuzz.WRatio), questions)
    show(f"answerer.answer(q)  [{len(names)} indicators]", timed(answerer.answer, questions), baseline)
    show("parse_question(q, today)", timed(lambda q: parse_question(q, today), questions))
    show("matcher.match(parsed question)", timed(answerer.matcher.match, parsed), baseline)
    show("3. baseline extractOne(q, names, WRatio)", baseline)
    reading_against_before(questions, today)


def reading_against_before(questions: list[str], today) -> None:
    """5. parse_question now (slot readers) against the copy of the one before (bench/legacy_questions.py)."""
    before = timed(lambda q: legacy_questions.parse_question(q, today), questions)
    now = timed(lambda q: parse_question(q, today), questions)
    show("5. parse_question before issue 22", before)
    show("   parse_question now (slot readers)", now, before)
    print(f"  per-question reading cost now/before: median "
          f"{statistics.median(now) / statistics.median(before):.2f}×, p99 {p99(now) / p99(before):.2f}×")


def synthetic_kb(rng: random.Random):
    """(indicators, aliases, pairs): seeded indicators + industry×metric names up to N_INDICATORS."""
    store = open_store()
    indicators, aliases = store.indicators(), store.aliases()
    combos = [(a, b) for a in INDUSTRIES for b in METRICS]
    pairs = rng.sample(combos, N_INDICATORS - len(indicators))
    for n, (industry, metric) in enumerate(pairs):
        name = industry + metric
        ratio = any(m in metric for m in ("占比", "率", "强度"))
        indicators.append(Indicator(f"syn{n:05d}", name, industry, "%" if ratio else "元", "level", True))
        if len(industry) >= 3:  # abbreviation: keep two characters of the industry word (集成电路 → 集电)
            keep = sorted(rng.sample(range(len(industry)), 2))
            aliases.append((f"syn{n:05d}", "".join(industry[k] for k in keep) + metric))
        else:
            aliases.append((f"syn{n:05d}", industry + metric[:2]))
        drop = rng.randrange(len(name))  # one character dropped
        aliases.append((f"syn{n:05d}", name[:drop] + name[drop + 1:]))
    return indicators, aliases, pairs


def synthetic_questions(rng, indicators, pairs, folds) -> list[str]:
    homophones: dict[str, list[str]] = {}
    for char, token in folds.items():
        homophones.setdefault(token, []).append(char)
    pool = sorted({c for i in indicators for c in i.name})
    names = [i.name for i in indicators]
    cities = (CITIES + SUZHOU_DISTRICTS)[:100]

    def typo(name: str) -> str:
        k = rng.randrange(len(name))
        alike = [c for c in homophones.get(folds.get(name[k], ""), []) if c != name[k]]
        return name[:k] + rng.choice(alike if alike and rng.random() < 0.5 else pool) + name[k + 1:]

    makers = (
        lambda: rng.choice(names),
        lambda: typo(rng.choice(names)),
        lambda: rng.choice(NOISE).format(city=rng.choice(cities), year=rng.randint(2020, 2027),
                                         name=rng.choice(names)),
        lambda: "{1}{0}".format(*rng.choice(pairs)) + rng.choice(("", "多少", "是多少呢", "目标")),
        lambda: rng.choice(CHATTER),
    )
    return [makers[n % len(makers)]() for n in range(MIN_CALLS)]


def synthetic(today) -> None:
    print(f"\n2. SYNTHETIC knowledge base ({N_INDICATORS:,} indicators, random.Random(42))")
    rng = random.Random(42)
    indicators, aliases, pairs = synthetic_kb(rng)
    words = [core_of(normalize(i.name)) for i in indicators] + [core_of(normalize(a)) for _, a in aliases]
    folds, fold_ms = clock(build_fold_table, words)
    matcher, build_ms = clock(Matcher, indicators, aliases, folds)
    print(f"  {len(indicators):,} indicators, {len(aliases):,} aliases, {len(matcher.alias_text):,} "
          f"distinct alias rows; fold table {fold_ms:.0f} ms, Matcher index build {build_ms:.0f} ms")
    questions = synthetic_questions(rng, indicators, pairs, folds)
    print("  questions: exact / typo / noise / swapped order / chatter, 1:1:1:1:1, e.g. "
          + " · ".join(questions[5:10]))
    parsed = [parse_question(q, today) for q in questions]
    names = [i.name for i in indicators]
    baseline = timed(lambda q: process.extractOne(q, names, scorer=fuzz.WRatio), questions, warmup=50)
    ours = timed(matcher.match, parsed)
    show("matcher.match(parsed question)", ours, baseline, goal="goal: p99 < 2 ms")
    show("  … of which finding the mentions", timed(matcher.mentions, parsed))
    reading_against_before(questions, today)
    for k, kind in enumerate(kinds := ("exact", "typo", "noise", "swapped", "chatter")):
        show(f"  … {kind} only", ours[k::len(kinds)])
    decisions = [matcher.match(p).decision for p in parsed]
    print("  decisions: " + ", ".join(f"{d} {decisions.count(d)}" for d in ("answer", "clarify", "decline")))
    chatter = decisions[kinds.index("chatter")::len(kinds)]
    declined = chatter.count("decline")
    print(f"  chatter declined: {declined}/{len(chatter)} = {declined / len(chatter):.1%}  [goal: ≥ 99%]")
    show("3. baseline extractOne(q, names, WRatio)", baseline)


def run(cmd: list[str], cwd: str, env: dict) -> tuple[subprocess.CompletedProcess, float]:
    return clock(lambda: subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True))


def startup() -> None:
    print("\n4. START-UP of `python -m bot ask \"苏州研发投入目标\"` (subprocess, temp cwd and BOT_DB_PATH)")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BOT_DB_PATH": str(Path(tmp) / "bench.db")}
        ask = [sys.executable, "-m", "bot", "ask", "苏州研发投入目标"]
        done, cold = run(ask, tmp, env)
        first = (done.stdout.strip().splitlines() or [done.stderr.strip()[-200:]])[0]
        print(f"  exit {done.returncode}, first line: {first}")
        warm = [run(ask, tmp, env)[1] for _ in range(5)]
        empty = [run([sys.executable, "-c", "pass"], tmp, env)[1] for _ in range(5)]
    med, base = statistics.median(warm), statistics.median(empty)
    print(f"  cold (fresh DB)          {cold:8.0f} ms")
    print(f"  warm median of 5         {med:8.0f} ms   (runs: {', '.join(f'{w:.0f}' for w in warm)})"
          f"  [goal: < 1500 ms]")
    print(f"  python -c pass median    {base:8.0f} ms   → warm ask is {med / base:.1f}× an empty interpreter")


def main() -> None:
    print("Matcher benchmark —", platform.platform(), f"| {os.cpu_count()} CPUs |",
          platform.python_implementation(), platform.python_version())
    print("Times are wall-clock per call (time.perf_counter_ns); p99 = the 99th percentile of sorted samples.")
    print("3. Baseline = rapidfuzz process.extractOne(raw question, indicator names, scorer=fuzz.WRatio),")
    print("   timed on the same questions as 1. and 2. and shown under each.")
    today = Answerer(open_store()).today()
    shipped(today)
    synthetic(today)
    startup()


if __name__ == "__main__":
    main()
