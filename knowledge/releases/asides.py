"""Clauses written between a level and its 同比 that hold a value of their own which is not the figure:
a plan's completion rate (“1986.4亿元，完成年度计划的79.5%，同比增长6.3%”), a difference from another
place or period (“比上海多7666.3亿元”, “比上年同期的2890家多230家”) or the compared period's value. Such a
clause is unplaced with its own reason, and the 同比 after it still belongs to the level before it.
"""

from __future__ import annotations

import re

from knowledge.releases.changes import comparison_reason
from knowledge.releases.subjects import only_modifiers
from knowledge.releases.words import CHANGE_TAIL


_PLAN = re.compile(r"(?:完成|达到|占|为)?(?:年度|全年|年)?(?:计划|目标|任务)(?:的|进度的)?$")
_COMPARED_PERIOD = re.compile(r"^(?:比|较|与)(?:上年同期|去年同期|上年|去年|\d{4}年(?:同期)?)(?:的|相比)?$")
# 比上年多 is not here: “规上工业总产值比上年增加” is an indicator of its own (subjects.CHANGE_TAIL)
_DIFFERENCE = re.compile(r"^(?:(?:比|较)(?P<other>(?!上年|去年|上一年|同期).{1,12}?))?(?:多出|少了|多|少|高出)$"
                         r"|^(?:高出|多出|超出|领先|低于)(?P<ahead>(?!上年|去年|同期).{1,12})$")
# after a compared value (较上年同期的1868.6亿元增加117.8亿元), a bare 增加 is the difference
_BARE_CHANGE = re.compile(r"^(?:增加|减少|增长|下降|多增|少增)$")

# “比上年同期的2890家多230家”: the compared value is written in the clause, so this is no indicator's 比上年增加
_COMPARED_DIFFERENCE = re.compile(r"^(?:比|较)(?P<other>上年同期|去年同期|上年|去年)的\d+(?:\.\d+)?[^\d]{0,3}?(?:多出|多|少)$")


def aside_reason(raw: str, unit: str) -> str:
    """Why the value after `raw` (a clause's words before its value, periods cut out), in `unit`, is an
    aside to the figure before it, in Chinese; "" when it is not one."""
    words = re.sub(r"[\s“”\"]", "", raw)
    if unit == "%" and _PLAN.search(words):
        return "这是计划的完成率，不是指标本身的数值"
    if _COMPARED_PERIOD.match(words):
        return "比较期的数据，不是本期"
    if unit != "%" and _BARE_CHANGE.match(words):
        return "与比较对象的差额，不是指标本身的数值"
    if ahead := comparison_reason(words):  # 增幅较全国高1.1个百分点
        return ahead
    difference = _DIFFERENCE.match(words) or _COMPARED_DIFFERENCE.match(words)
    if difference:
        other = difference.groupdict().get("other") or difference.groupdict().get("ahead")
        return f"与{other}相比的差额，不是指标本身的数值" if other else "与比较对象的差额，不是指标本身的数值"
    return ""


def change_only(bare: str) -> bool:
    """True when a clause's words, `bare` (canonical, linking verb dropped), say only how much the figure
    before changed (“，比上年同期增加1872.2亿元”): the change is its own figure (规上工业总产值比上年增加), but
    the subject stays the level's, and a 同比 after it is the level's."""
    return bool(CHANGE_TAIL.search(bare)) and only_modifiers(CHANGE_TAIL.sub("", bare))


CHANGE_REASON = "这是比上年的增减量，不是指标本身"


_SHARE_OF_BEFORE = re.compile(r"^(?:约|大约|分别)?(?:占|所占)")


def share_of_before(raw: str) -> bool:
    """True when a clause's words (“，约占全省的”) begin with 占: the share the subject before holds of a
    whole. When no indicator is that share it is unplaced, and a 同比 after it is still the level's."""
    return bool(_SHARE_OF_BEFORE.match(raw.strip("，,")))
