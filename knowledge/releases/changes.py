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
