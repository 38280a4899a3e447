"""How the admins' edit commands are read: which of a command's words is the indicator, the value, the
period, the 同比, the status, the 来源…, and each command's usage, shown when its words do not fit.

knowledge/ reads the values (knowledge.edits, knowledge.duties) and says what is wrong with one; this
module only places the words. `plan_command` is the one entry, for the chat and any other caller.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.answers import Answerer
from knowledge.duties import plan_duty
from knowledge.edits import parse_yoy, plan_alias, plan_observation, plan_target
from knowledge.errors import KnowledgeError, UnknownIndicatorError, UnreadableValueError, quoted
from knowledge.models import OBSERVATION_STATUS_WORDS
from knowledge.numerals import written_year
from knowledge.periods import EXAMPLES as PERIOD_EXAMPLES
from knowledge.places import DEFAULT_CITY, place_named, places_in
from knowledge.progress_settings import plan_monthly_plan, plan_thresholds
from knowledge.quantities import format_number

SET_USAGE = ("用法：/set [城市] 指标 数值 期间 [同比] [状态] [来源]\n例如：/set 工业投资总额 1980亿 1-10月 同比7.5% 市统计局\n"
             f"城市默认{DEFAULT_CITY}；期间可写 {PERIOD_EXAMPLES}；同比写“同比7.5%”或“同比-1.2%”；状态可写 初步、预计、修订")
TARGET_USAGE = f"用法：/target [城市] 指标 数值 [年份，默认今年]\n例如：/target 研发投入 超4.3%\n城市默认{DEFAULT_CITY}"
ALIAS_USAGE = "用法：/alias 别名 指标\n例如：/alias 研发强度 全社会研发投入占GDP比重"
PLAN_USAGE = ("用法：/plan 指标 12个月的累计计划比例（%）\n例如：/plan 新增高新技术企业 0,0,0,10,10,20,20,30,40,60,80,100\n"
              "/plan 指标 清除 — 恢复按月份均匀计算序时进度")
THRESHOLDS_USAGE = ("用法：/thresholds X Y [比重基本同步带 比重严重滞后带]（单位：百分点）\n"
                    "例如：/thresholds 5 15 — 落后序时进度不到5个百分点为基本同步，5到15为滞后，15以上为严重滞后")
UNITS_USAGE = ("用法：/units 查看全部；/units 指标 责任单位 [月度|季度|年度] [日]\n"
               "例如：/units 工业投资总额 市发改委 月度 25（次月25日前出数）；"
               "/units 全社会研发投入占GDP比重 市科技局 年度 60（年末后60天）")

# A unit typed apart from its number (/set 工业投资 1980 亿 1-10月) belongs to the number.
LONE_UNIT = re.compile(r"(?:万亿|亿|万|千)?(?:元|人次|人|亩|个|家|项|%|％)?|万亿|亿|万")


class ArgumentError(Exception):
    """Words that do not fit a command: the reason, or "" when the usage says it all."""


class CommandRefused(Exception):
    """The reply instead of a preview: the reason, then the command's usage when its words did not fit
    or a value was written in a form that cannot be read."""


def _city_and_words(words: list[str], fewest: int) -> tuple[str, list[str]]:
    """(the city, the words without it) of an edit whose indicator is the first word: a first word that
    is a place (苏州, 深圳市, 吴江区; knowledge.places) when at least `fewest` words follow it, or a place
    inside the indicator word (深圳工业投资), as the question reader takes it (and the indicator is still
    found with it, as a question's is); 苏州 when neither.
    ArgumentError for fewer than `fewest` words or for two places (苏州 深圳工业投资), never one of them
    guessed."""
    leading = place_named(words[0]) if len(words) > fewest else None
    if leading is not None:
        words = words[1:]
    if len(words) < fewest:
        raise ArgumentError("")
    glued, indicator = places_in(words[0])
    named = list(dict.fromkeys(([leading] if leading else []) + glued))
    if len(named) > 1:
        raise ArgumentError(f"写了两个地方（{'、'.join(named)}），一次只能写一个城市。")
    if glued and not indicator.strip():
        raise ArgumentError(f"“{quoted(words[0])}”是地方，不是指标。")
    return (named[0] if named else DEFAULT_CITY), words  # the indicator is found with its place in it


def _set(answerer: Answerer, words: list[str], recorded_by: str):
    """/set [城市] 指标 数值 期间 [同比] [状态] [来源]: a first word that is a place (苏州, 深圳市) is the city
    (苏州 when none), the 同比 is the word that starts with 同比, the status a status word (初步, 预计,
    修订…), every other word the 来源. A second 同比 or a second, different status is refused rather than
    read as the 来源."""
    city, words = _city_and_words(words, fewest=2)
    indicator, value, *rest = words
    if rest and rest[0] and LONE_UNIT.fullmatch(unicodedata.normalize("NFKC", rest[0])):
        value += rest.pop(0)
    period = rest.pop(0) if rest else None
    yoy, status, source = None, None, []
    for word in rest:
        if unicodedata.normalize("NFKC", word).startswith("同比"):
            if yoy is not None:  # the first malformed one is named as malformed, not as a second 同比
                first, second = parse_yoy(yoy), parse_yoy(word)
                raise ArgumentError(f"写了两个同比（{format_number(first)}% 与 {format_number(second)}%），请只写一个。")
            yoy = word
        elif word in OBSERVATION_STATUS_WORDS:
            if status is not None and OBSERVATION_STATUS_WORDS[status] != OBSERVATION_STATUS_WORDS[word]:
                raise ArgumentError(f"状态只能写一个（初步、预计、修订），收到了两个：…{quoted(word)}。")
            status = word
        else:
            source.append(word)
    return plan_observation(answerer, indicator, value, period, recorded_by, yoy=yoy, status=status,
                            source=" ".join(source), city=city)


def _target(answerer: Answerer, words: list[str], recorded_by: str):
    """/target [城市] 指标 数值 [年份]: the city read as /set reads it."""
    city, words = _city_and_words(words, fewest=2)
    if len(words) > 3:
        raise ArgumentError("")
    year = None
    if len(words) == 3:
        year = written_year(words[2])  # 2026, 2026年, ２０２６年, 二〇二六年
        if year is None or not 2000 <= year <= 2099:
            raise ArgumentError(f"年份不对：{quoted(words[2])}")
    return plan_target(answerer, words[0], words[1], recorded_by, year, city=city)


def _alias(answerer: Answerer, words: list[str], recorded_by: str):
    """/alias 别名 指标 (the indicator may be several words)"""
    if len(words) < 2:
        raise ArgumentError("")
    return plan_alias(answerer, words[0], " ".join(words[1:]))


def _monthly_plan(answerer: Answerer, words: list[str], recorded_by: str):
    """/plan 指标 0,0,…,100 | 清除 (the plan may be written with spaces)"""
    if len(words) < 2:
        raise ArgumentError("")
    return plan_monthly_plan(answerer, words[0], " ".join(words[1:]))


def _thresholds(answerer: Answerer, words: list[str], recorded_by: str):
    """/thresholds X Y [比重基本同步带 比重严重滞后带]"""
    if len(words) not in (2, 4):
        raise ArgumentError(f"需要 2 个数字（X Y）或 4 个数字，收到 {len(words)} 个。")
    return plan_thresholds(answerer, *words)


def _units(answerer: Answerer, words: list[str], recorded_by: str):
    """/units 指标 责任单位 [周期] [日]"""
    if not 2 <= len(words) <= 4:
        raise ArgumentError("")
    cycle, day = (words[2:] + [None, None])[:2]
    return plan_duty(answerer, words[0], words[1], cycle, day, recorded_by)


# command → (its usage, how its words become a plan)
COMMANDS = {
    "set": (SET_USAGE, _set),
    "target": (TARGET_USAGE, _target),
    "alias": (ALIAS_USAGE, _alias),
    "plan": (PLAN_USAGE, _monthly_plan),
    "thresholds": (THRESHOLDS_USAGE, _thresholds),
    "units": (UNITS_USAGE, _units),
}


def plan_command(command: str, answerer: Answerer, words: list[str], recorded_by: str):
    """The plan to show before 确认 for `command` (a key of COMMANDS) with its words (context.args);
    `recorded_by` names the admin ("王科长（42）"). CommandRefused with the reply otherwise: the reason,
    and the usage when the words do not fit or a value is written in a form that cannot be read."""
    usage, planner = COMMANDS[command]
    try:
        return planner(answerer, list(words), recorded_by)
    except (ArgumentError, UnreadableValueError) as error:
        raise CommandRefused("\n".join(part for part in (str(error), usage) if part)) from error
    except KnowledgeError as error:
        raise CommandRefused(refusal(error)) from error


def refusal(error: KnowledgeError) -> str:
    """The reply to a knowledge refusal: its reason, and for an indicator not found where to see the names."""
    if isinstance(error, UnknownIndicatorError):
        return f"{str(error).removesuffix('。')}，可发送 /targets 查看全部指标名称。"
    return str(error)
