"""What a growth rate written after a share means: a share (a value in %) changes by 个百分点; a change
of it written in % (“比重51.2%，同比提高0.8%”) may be a relative growth or points, so it is not read as
either, and 同比持平 is no change in points.
"""

from __future__ import annotations

import re


SHARE_IN_PERCENT = "比重的变化写成了%，分不清是相对增长还是百分点，未录入；比重的变化只认“个百分点”"


def share_growth(what: str, match: re.Match, unit: str | None) -> tuple[str, str]:
    """(what, reason) of a growth rate read as `what` ('yoy' | 'points' | 'other', tokens.growth_of)
    from `match`, given to a figure in `unit` (None: no figure): for a share (unit %), 同比持平 is
    'points' and a change in % is unplaced with the reason; "" as reason when it is read."""
    if unit != "%" or what != "yoy":
        return what, ""
    if match.group("flat"):
        return "points", ""
    return what, SHARE_IN_PERCENT


# 增幅较全国高1.1个百分点, 比全省高0.5个百分点: how far the figure is ahead of another place's, not the figure
_AHEAD_OF = re.compile(r"(?:增速|增幅|增长|总量)?(?:比|较)(?P<other>[^，；。,;\d]{1,12}?)(?:分别)?(?:高出|低于|高|低|快|慢)$")


def comparison_reason(words: str) -> str:
    """Why a number after `words` (its clause's words before it) is not the figure: “与全国相比的差距…”
    when they compare it with another place or period (较全国高); "" when they do not."""
    ahead = _AHEAD_OF.search(words)
    if ahead is None:
        return ""
    return f"与{ahead.group('other')}相比的差距，不是指标本身的数值"


# 推动规上工业总产值增长6%: what work is to bring about, not a figure measured
_GOAL = re.compile(r"(?:推动|推进|促进|带动|力争|争取|确保|努力|全力|加快)")


def goal_reason(words: str) -> str:
    """Why a number after `words` (a subject's words naming no indicator) is a goal of the work, not an
    actual figure, in Chinese; "" when they do not begin with such a verb."""
    goal = _GOAL.match(words)
    return f"“{goal.group()}…”是工作目标，不是实际数" if goal else ""
