"""Reading the plan named in a question and its wording asked for: "行动方案里制造业贷款那条怎么写的",
"《苏州市推进新型工业化2026年行动方案》对智算规模的要求", "方案里国家高新区是怎么写的".

`read_document(text) -> (wording_asked, rest)`: the document's name (行动方案, 新型工业化方案, the full
title; its year stays in `rest`, it says which plan) and the words asking how it words a target (那条,
原文, 怎么写的, 是新增还是累计) are slots, never part of the indicator's name. `wording_asked` is True
when either is there: the answer then shows the plan's own sentence.
"""

from __future__ import annotations

import re

# 《苏州市推进新型工业化2026年行动方案》 (its 《》 gone with the punctuation), 新型工业化行动方案, 行动方案,
# 方案里, 文件中: the plan the targets come from. The year is kept out of the match.
_TITLE = r"(?:苏州市?)?(?:推进)?(?:新型工业化)?"
_DOCUMENT = re.compile(
    rf"(?:按照|根据|依照|依据|按)?(?:这个|这份|那个|该)?{_TITLE}(?P<year>(?:20[0-9]{{2}}|[0-9]{{2}})年度?)?"
    r"(?:行动)?方案(?:里面|里|中|上|对于|对|关于|说的|提到的|提出的?|提的|明确的?|规定的?|确定的|设定的|定的|写的|的|那个)*"
    r"|(?:这份|那份|该)?文件(?:里面|里|中|上)(?:说的|提到的|关于|的)*")
# How the plan words one target: 那条, 那一句, 原文, 怎么写的, 如何表述, 提法, 是新增还是累计.
_WORDING = re.compile(
    r"(?:关于)?(?:那|这)一?(?:条|句|款|段)(?:目标|指标)?(?:原文|原话)?(?:是)?(?:怎么|如何|咋)?(?:写|说|表述|规定|要求)?的?"
    r"|(?:的)?(?:原文|原话|原句|提法|表述)(?:是什么|是啥|是)?"
    r"|(?:是)?(?:怎么|如何|咋)(?:写|说|表述|规定|要求|提)的?"
    r"|(?:是)?(?:新增|累计)还是(?:新增|累计)")


def read_document(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(whether the plan's wording is asked for, the text without the document's name and those words;
    a year in the name stays). `text` is a normalised question."""
    asked = False
    while found := _DOCUMENT.search(text):
        asked = True
        text = text[:found.start()] + " " + (found.group("year") or "") + " " + text[found.end():]
    while (found := _WORDING.search(text)) and found.group(0):
        asked = True
        text = text[:found.start()] + " " + text[found.end():]
    return asked, text
