"""What reading a release yields: its figures (ReleaseFigure), the sentences with numbers that
belong to no indicator (Unplaced), both together (ReleaseReading), and ReleaseError for a release that
cannot be read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from knowledge.errors import KnowledgeError
from knowledge.releases.dates import ReleaseDate
from knowledge.models import ObservationStatus


MAX_RELEASE_CHARS = 100_000


class ReleaseError(KnowledgeError):
    """A release that cannot be read at all (empty, too long, not text), with a Chinese reason."""


def check_length(text: str) -> None:
    """Raise ReleaseError for an empty text or one of more than MAX_RELEASE_CHARS characters."""
    if not text or not text.strip():
        raise ReleaseError("通报内容为空。")
    if len(text) > MAX_RELEASE_CHARS:
        raise ReleaseError(f"通报太长（{len(text)}字），上限为{MAX_RELEASE_CHARS}字。")


@dataclass(frozen=True)
class ReleaseFigure:
    """One figure of a release: value and unit as published, yoy in percent, change in 百分点."""

    indicator_id: str
    indicator_name: str
    city: str
    period: str  # the normal form, e.g. "2026年1-10月"
    year: int
    value: Decimal | None  # None when the release gives only a growth rate
    unit: str  # as published: "亿元", "%", "万亩", "家"; "" with no value
    qualifier: str  # "突破…", "约…", "…以上" or ""
    yoy: float | None  # 同比, percent: 7.5 for 增长7.5%, −1.2 for 下降1.2%
    change_points: float | None  # 百分点: 0.9 for 提高0.9个百分点
    sentence: str
    period_from: str  # "sentence", "heading" or "report" (the year a 政府工作报告 reviews): where the period was read
    status: str = ObservationStatus.ACTUAL  # ESTIMATE for 预计 or under “（预计数，下同）”
    year_from_date: bool = False  # the year is not written: taken from the release's date or the day it is read

    @property
    def published(self) -> str:
        """The figure as the release wrote it: '1986.2亿元', '53.8%', '' for a growth rate alone."""
        if self.value is None:
            return ""
        core = format(self.value.normalize(), "f") + self.unit
        return self.qualifier.replace("…", core) if "…" in self.qualifier else self.qualifier + core

    def as_dict(self) -> dict:
        """The --json shape: {"indicator_id", "city", "period", "value", "unit", "yoy", "change_points", "status",
        "sentence"}; status is "actual" or "estimate" (预计数)."""
        return {"indicator_id": self.indicator_id, "city": self.city, "period": self.period,
                "value": _json_number(self.value), "unit": self.unit,
                "yoy": self.yoy, "change_points": self.change_points, "status": str(self.status),
                "sentence": self.sentence}


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Unplaced:
    """A sentence with numbers the reader could not give to an indicator, and why."""

    sentence: str
    fragment: str  # the clause with the number
    reason: str

    def as_dict(self) -> dict:
        return {"sentence": self.sentence, "fragment": self.fragment, "reason": self.reason}


@dataclass(frozen=True)
class ReleaseReading:
    """A whole release read: its title, its figures in text order, the numbers left unplaced, the years
    taken from its date, and that date."""

    title: str  # the first heading line, e.g. "2026年1—10月全市经济运行情况"
    figures: tuple[ReleaseFigure, ...]
    unplaced: tuple[Unplaced, ...]
    year_note: str = ""  # which year a period written without one was given, and why ("" if none was)
    dated: ReleaseDate | None = None  # its own date (or the day it was read): a period not ended by then is not written

    def __post_init__(self) -> None:
        # one number reached by two steps of the grammar (a list's item, then its bracketed rate) is one line
        object.__setattr__(self, "unplaced", tuple(dict.fromkeys(self.unplaced)))

    def as_dict(self) -> dict:
        return {"title": self.title, "figures": [f.as_dict() for f in self.figures],
                "unplaced": [u.as_dict() for u in self.unplaced]}
