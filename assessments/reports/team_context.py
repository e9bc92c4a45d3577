"""A team in context: its pillars beside its unit's and the organisation's medians, what changed
since its last submission, and its levels over time. Pure functions of views and org tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from assessments.content.answers import AnswerEntry
from assessments.content.questionnaire import Questionnaire
from assessments.reports.org_table import submitted
from scoring.results import AssessmentResult


def answer_words(entry: AnswerEntry | None) -> str:
    """An answer as a person reads it: "3", "don't know", "not applicable", "unanswered"."""
    if entry is None:
        return "unanswered"
    if entry.not_applicable is not None:
        return "not applicable"
    if entry.dont_know:
        return "don't know"
    return str(entry.value)


@dataclass(frozen=True)
class AnswerChange:
    """One question whose answer differs from the team's previous submission."""

    question: str
    text: str
    before: str
    now: str


def answer_changes(
    questionnaire: Questionnaire,
    now: Mapping[str, AnswerEntry],
    before: Mapping[str, AnswerEntry],
) -> list[AnswerChange]:
    """Questions answered differently (value, don't know, not applicable) than before."""
    changes = []
    for question in questionnaire.questions:
        old, new = answer_words(before.get(question.id)), answer_words(now.get(question.id))
        if old != new:
            changes.append(AnswerChange(question.id, question.text, old, new))
    return changes


def pillar_context(
    result: AssessmentResult, table: pd.DataFrame, unit_slug: str, pillars: Mapping[str, str]
) -> pd.DataFrame:
    """Per pillar and overall: this team's level, its unit's and the organisation's median
    level among the teams that submitted (the team included)."""
    done = submitted(table)
    unit = done[done["unit_slug"] == unit_slug]
    rows = []
    levels = {p.pillar: p.level for p in result.pillars}
    for pid, name in [*pillars.items(), ("overall", "Overall")]:
        column = "overall_level" if pid == "overall" else f"level:{pid}"
        rows.append(
            {
                "Pillar": name,
                "This team": result.overall_level if pid == "overall" else levels[pid],
                "Unit median": _median(unit[column]),
                "Organisation median": _median(done[column]),
            }
        )
    return pd.DataFrame(rows)


def _median(levels: pd.Series) -> str:
    values = levels.dropna().astype(float)
    return "—" if values.empty else f"{values.median():g}"


def level_history(points: Sequence[tuple[str, str, int]]) -> pd.DataFrame:
    """(period, pillar name, level) points as a table: one row per period, a column per pillar."""
    frame = pd.DataFrame(points, columns=["Period", "Pillar", "Level"])
    if frame.empty:
        return frame
    wide = frame.pivot_table(index="Period", columns="Pillar", values="Level", sort=False)
    wide = wide[list(dict.fromkeys(frame["Pillar"]))].astype(int)
    wide["Overall"] = wide.min(axis=1)
    return wide.sort_index().reset_index()
