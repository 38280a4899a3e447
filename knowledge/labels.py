"""The words and colour marks users read for the progress statuses: ProgressStatus.BEHIND is shown as
"滞后 🟡". The renderer, summaries, reports, charts and alerts word a status only through here. Also
the word shown beside a figure that is not final (ObservationStatus.PRELIMINARY → 初步数).

`status_from_text` reads a status back from stored text, which a database of the previous release
holds as the Chinese word (standings JSON in the report log and the alert state).
"""

from __future__ import annotations

from knowledge.models import ObservationStatus
from knowledge.progress import ProgressStatus

STATUS_LABELS = {
    ProgressStatus.SEVERELY_BEHIND: "严重滞后",
    ProgressStatus.BEHIND: "滞后",
    ProgressStatus.ON_TRACK: "基本同步",
    ProgressStatus.AHEAD: "超前",
    ProgressStatus.DONE: "已完成",
    ProgressStatus.NOT_DONE: "未完成",
    ProgressStatus.NOT_RATED: "不评价",
    ProgressStatus.NO_DATA: "暂无数据",
}
# 红黄绿 as leadership reads them; statuses without a colour have no mark.
STATUS_MARKS = {
    ProgressStatus.DONE: "✅",
    ProgressStatus.AHEAD: "🟢",
    ProgressStatus.ON_TRACK: "🟢",
    ProgressStatus.BEHIND: "🟡",
    ProgressStatus.SEVERELY_BEHIND: "🔴",
}
# An actual figure needs no word beside it.
OBSERVATION_STATUS_LABELS = {
    ObservationStatus.PRELIMINARY: "初步数",
    ObservationStatus.ESTIMATE: "预计数",
    ObservationStatus.REVISED: "修订数",
}
_BY_LABEL = {label: status for status, label in STATUS_LABELS.items()}


def status_label(status: ProgressStatus) -> str:
    """ProgressStatus.BEHIND → '滞后'."""
    return STATUS_LABELS[ProgressStatus(status)]


def status_mark(status: ProgressStatus) -> str:
    """ProgressStatus.BEHIND → '🟡'; '' for a status without a colour (未完成, 不评价, 暂无数据)."""
    return STATUS_MARKS.get(ProgressStatus(status), "")


def status_from_text(text: str) -> ProgressStatus:
    """A stored status: its identifier ('behind'), or the Chinese word a database of the previous
    release holds ('滞后'). ValueError for anything else."""
    if text in _BY_LABEL:
        return _BY_LABEL[text]
    return ProgressStatus(text)
