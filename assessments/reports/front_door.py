"""The home page's summaries: where a team stands this quarter, and where the organisation does.

Pure functions of stored views and org tables; the home page only draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from assessments.content.in_force import Content
from assessments.reports.org_review import movers
from assessments.reports.org_table import DRAFT_ONLY, NO_SUBMISSION, SUBMITTED, submitted
from assessments.storage.views import DraftView, TeamView
from scoring.results import AssessmentResult

NOT_STARTED, DRAFT, DONE = "not started", "draft", "submitted"


@dataclass(frozen=True)
class TeamStanding:
    """One team this quarter: how far its assessment is and what its decision says.

    Attributes:
        state: "not started", "draft" (open, not submitted) or "submitted".
        answered: questions answered in the newest revision (0 when not started), not
            counting answers carried from last quarter and not confirmed yet.
        carried: answers of an open draft carried from last quarter, still to confirm.
        submitted_at: when the newest submission of the period was made, if any.
        newer_draft: a draft revision is open after the newest submission.
        next_chain: the name of the chain to remove next, from the newest submission.
        alerts: names of chains removed too early, from the newest submission.
    """

    team: TeamView
    period: str
    state: str
    answered: int
    questions: int
    submitted_at: datetime | None
    newer_draft: bool
    next_chain: str | None
    provisional: bool
    alerts: tuple[str, ...]
    no_chain_reason: str
    carried: int = 0


def team_standing(
    content: Content,
    team: TeamView,
    period: str,
    current: DraftView | None,
    latest: DraftView | None,
    result: AssessmentResult | None,
) -> TeamStanding:
    """Where `team` stands in `period`: its newest revision, its newest submission and that
    submission's scoring `result`."""
    questions = len(content.questionnaire.questions)
    carried = 0 if current is None else len(current.carried)
    answered = 0 if current is None else len(current.answers) - carried
    state = NOT_STARTED if current is None else DONE if current.is_submitted else DRAFT
    next_chain: str | None = None
    provisional, reason = False, ""
    alerts: tuple[str, ...] = ()
    if result is not None:
        rec = result.recommendation
        if rec.next_chain is not None:
            next_chain = content.catalogue.chain(rec.next_chain).name
        provisional, reason = rec.provisional, rec.reason
        alerts = tuple(result.chain(c).name for c in rec.alerts)
    return TeamStanding(
        team=team,
        period=period,
        state=state,
        answered=answered,
        questions=questions,
        submitted_at=None if latest is None else latest.submitted_at,
        newer_draft=latest is not None and current is not None and not current.is_submitted,
        next_chain=next_chain,
        provisional=provisional,
        alerts=alerts,
        no_chain_reason=reason,
        carried=carried,
    )


@dataclass(frozen=True)
class OrgStanding:
    """The organisation in one period, for leadership's home page.

    Attributes:
        levels: teams that submitted, per overall readiness level (index = level).
        alert_teams: teams with a chain removed too early: team, unit, number of chains (most
            chains first).
        up, down: the teams that moved most (the quarterly review's movers).
    """

    period: str
    teams: int
    submitted: int
    draft_only: int
    no_submission: int
    levels: tuple[int, ...]
    alert_teams: pd.DataFrame
    up: pd.DataFrame
    down: pd.DataFrame


def org_standing(
    changed: pd.DataFrame, pillars: Mapping[str, str], period: str, max_level: int = 4
) -> OrgStanding:
    """Level distribution, coverage, movers and alerts of an org table with its changes."""
    coverage = changed["coverage"].value_counts()
    done = submitted(changed)
    levels = done["overall_level"].astype(int).value_counts()
    alerting = done[done["alerts"].astype(int) > 0]
    up, down = movers(changed, pillars, limit=3) if "compared" in changed else (None, None)
    empty = pd.DataFrame(columns=["team", "unit"])
    return OrgStanding(
        period=period,
        teams=len(changed),
        submitted=int(coverage.get(SUBMITTED, 0)),
        draft_only=int(coverage.get(DRAFT_ONLY, 0)),
        no_submission=int(coverage.get(NO_SUBMISSION, 0)),
        levels=tuple(int(levels.get(level, 0)) for level in range(max_level + 1)),
        alert_teams=alerting[["team", "unit", "alerts"]].sort_values(
            ["alerts", "unit", "team"], ascending=[False, True, True]
        ),
        up=empty if up is None else up,
        down=empty if down is None else down,
    )
