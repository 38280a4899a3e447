"""Replies as JSON for the console (`python -m bot ask --json`): numbers as numbers — fractions
(completion 0.792), points, periods as their parts — beside the status word users read and its id.
"""

from __future__ import annotations

from knowledge.labels import status_label, status_mark
from knowledge.models import Observation, Target
from knowledge.progress import Progress
from knowledge.replies import IndicatorAnswer
from knowledge.wording import observation_text, target_text


def _target_dict(target: Target | None) -> dict | None:
    if target is None:
        return None
    return {"year": target.year, "value": target.value, "unit": target.unit, "qualifier": target.qualifier,
            "text": target_text(target), "source": target.source.title}


def period_dict(period) -> dict | None:
    """A Period as JSON: {"label", "year", "first_month", "last_month", "kind"}."""
    if period is None:
        return None
    return {"label": period.label, "year": period.year, "first_month": period.first_month,
            "last_month": period.last_month, "kind": period.kind}


def _observation_dict(observation: Observation | None) -> dict | None:
    if observation is None:
        return None
    return {"period": observation.period, "year": observation.year, "value": observation.value,
            "unit": observation.unit, "text": observation_text(observation), "status": observation.status,
            "yoy_growth": observation.yoy_growth, "period_span": period_dict(observation.span),
            "note": observation.note, "source": observation.source.title}


def progress_dict(progress: Progress | None) -> dict | None:
    """Progress as numbers: fractions (completion 0.792, time_progress 0.8333), points, the period, the
    projection in the target's unit."""
    if progress is None:
        return None
    projection = progress.projection
    return {
        "status": status_label(progress.status), "status_id": progress.status.value,
        "colour": status_mark(progress.status), "basis": progress.basis,
        "completion": None if progress.completion is None else round(progress.completion, 6),
        "time_progress": None if progress.time_progress is None else round(progress.time_progress, 6),
        "time_basis": progress.time_basis or None,
        "lead_points": None if progress.lead_points is None else round(progress.lead_points, 4),
        "gap_points": progress.gap_points,
        "period": period_dict(progress.period),
        "as_of_month": progress.period.last_month if progress.period else None,
        "baseline": progress.baseline, "baseline_period": progress.baseline_period or None,
        "projection": None if projection is None else {
            "unit": projection.unit, "run_rate": round(projection.run_rate, 6),
            "seasonal": None if projection.seasonal is None else round(projection.seasonal, 6),
            "remaining": round(projection.remaining, 6), "months_left": projection.months_left,
            "monthly_needed": None if projection.monthly_needed is None else round(projection.monthly_needed, 6),
        },
        "reason": progress.reason or None,
    }


def answer_dict(answer: IndicatorAnswer) -> dict:
    progress = answer.progress
    return {
        "indicator_id": answer.indicator.id,
        "name": answer.indicator.name,
        "city": answer.city,
        "year": answer.year,
        "target": _target_dict(answer.target),
        "latest": _observation_dict(answer.actual),
        "earlier": _observation_dict(answer.earlier),
        "observations": [_observation_dict(o) for o in answer.observations],
        "missing_year": answer.missing_year,
        "plan_note": answer.plan_note or None,
        "progress": progress_dict(progress),
    }
