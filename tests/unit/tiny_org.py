"""A tiny organisation over two quarters, small enough to work every number out by hand.

Content: two pillars with one 0-4 question each, so a pillar's level is its answer and its
score is 25 × the answer. Chains: `sandbox` (blast radius ≥ 2), `deploy` (sandbox removed and
production access ≥ 3), `prod-write` (permanent).

- billing (Payments): Q3 BR 1, PA 2, removed sandbox and deploy; Q4 the same answers, removed
  deploy only (sandbox reinstated).
- checkout (Payments): Q3 BR 2, PA 2; Q4 BR 3, PA 3, removed sandbox.
- ci (Platform): Q3 BR 4, PA 4; Q4 a draft only.
- edge (Platform): nothing in either quarter.
- runtime (Platform): Q3 BR 3, PA 1; Q4 BR 2 without evidence, PA don't know, removed
  prod-write.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd

from assessments.content.answers import AnswerEntry
from assessments.content.catalogue import ChainCatalogue
from assessments.content.in_force import Content
from assessments.content.questionnaire import Questionnaire
from assessments.reports.org_table import period_table, score_history
from assessments.storage.views import (
    DraftView,
    OrgHistory,
    PeriodSnapshot,
    SubmissionView,
    TeamSnapshot,
    TeamView,
)
from scoring.frames import answer_frame, removed_frame

EVIDENCE = "https://wiki.example.com/policy"
AT = datetime(2026, 11, 2, tzinfo=UTC)
TEAMS = {
    "billing": ("Billing", "payments", "Payments"),
    "checkout": ("Checkout", "payments", "Payments"),
    "ci": ("CI", "platform", "Platform"),
    "edge": ("Edge", "platform", "Platform"),
    "runtime": ("Runtime", "platform", "Platform"),
}


def _question(qid: str, pillar: str) -> dict[str, Any]:
    return {
        "id": qid,
        "pillar": pillar,
        "text": f"Question {qid}?",
        "help": "Why it matters.",
        "scale": [
            {"value": v, "label": f"level {v}", "description": f"fact {v}"} for v in range(5)
        ],
        "evidence_hint": "A link.",
    }


def tiny_content() -> Content:
    """Two pillars, one question each, three chains (one permanent)."""
    questionnaire = Questionnaire.model_validate(
        {
            "id": "tiny",
            "version": "1",
            "title": "Tiny questionnaire",
            "pillars": [
                {"id": "blast_radius", "name": "Blast radius", "description": "Damage."},
                {"id": "production_access", "name": "Production access", "description": "Keys."},
            ],
            "questions": [
                _question("BR-01", "blast_radius"),
                _question("PA-01", "production_access"),
            ],
        }
    )
    chain = {
        "gate": "A human approves.",
        "protects": ["blast_radius"],
        "risk": "low",
        "toil": "high",
        "reinstate_when": "After an incident.",
        "compensating_controls": ["sandbox"],
    }
    catalogue = ChainCatalogue.model_validate(
        {
            "id": "tiny-chains",
            "version": "1",
            "title": "Tiny chains",
            "questionnaire": "tiny",
            "chains": [
                {
                    **chain,
                    "id": "sandbox",
                    "order": 1,
                    "name": "Approve each tool call",
                    "unlock": {"pillar": "blast_radius", "min_level": 2},
                },
                {
                    **chain,
                    "id": "deploy",
                    "order": 2,
                    "name": "Approve deploys",
                    "risk": "medium",
                    "unlock": {
                        "all": [
                            {"chain_removed": "sandbox"},
                            {"pillar": "production_access", "min_level": 3},
                        ]
                    },
                },
                {
                    **chain,
                    "id": "prod-write",
                    "order": 3,
                    "name": "Prod write",
                    "permanent": True,
                    "compensating_controls": [],
                },
            ],
        }
    )
    return Content.of(questionnaire, catalogue)


def team_view(slug: str, name: str | None = None) -> TeamView:
    team_name, unit_slug, unit_name = TEAMS[slug]
    return TeamView(len(slug), slug, name or team_name, unit_slug, unit_name)


def draft(
    assessment_id: int,
    slug: str,
    period: str,
    answers: dict[str, AnswerEntry],
    removed: frozenset[str] = frozenset(),
) -> DraftView:
    return DraftView(
        id=assessment_id,
        team_slug=slug,
        team_name=TEAMS[slug][0],
        period=period,
        questionnaire_id="tiny",
        questionnaire_version="1",
        status="submitted",
        revision=1,
        version=3,
        answers=answers,
        removed_chains=removed,
        created_by="em@example.com",
        created_at=AT,
        updated_by="em@example.com",
        updated_at=AT,
        submitted_by="em@example.com",
        submitted_at=AT,
    )


def values(br: int, pa: int, *, evidence: bool = True) -> dict[str, AnswerEntry]:
    link = EVIDENCE if evidence else None
    return {
        "BR-01": AnswerEntry(value=br, evidence=link),
        "PA-01": AnswerEntry(value=pa, evidence=link),
    }


def snapshot(
    period: str,
    submissions: dict[str, DraftView],
    drafting: frozenset[str] = frozenset(),
    names: dict[str, str] | None = None,
) -> PeriodSnapshot:
    """A snapshot of every team in TEAMS (unit, then name order), like the service's."""
    names = names or {}
    teams = tuple(
        TeamSnapshot(
            team_view(slug, names.get(slug)), submission(submissions.get(slug)), slug in drafting
        )
        for slug in TEAMS
    )
    answers, removed = frames(list(submissions.values()))
    return PeriodSnapshot(period, teams, answers, removed)


def submission(view: DraftView | None) -> SubmissionView | None:
    """What a snapshot lists of a submitted view, as the service reads it."""
    if view is None:
        return None
    return SubmissionView(
        id=view.id,
        period=view.period,
        revision=view.revision,
        questionnaire_id=view.questionnaire_id,
        questionnaire_version=view.questionnaire_version,
        submitted_by=view.submitted_by,
        submitted_at=view.submitted_at,
    )


def frames(views: list[DraftView]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Long-form answers and removed chains of these assessments, as the service builds them."""
    facts = [
        (
            view.id,
            qid,
            entry.value,
            entry.not_applicable is not None,
            entry.dont_know,
            entry.evidence is not None,
        )
        for view in views
        for qid, entry in view.answers.items()
    ]
    removed = [(view.id, c) for view in views for c in sorted(view.removed_chains)]
    return answer_frame(facts), removed_frame(removed)


def q3_submissions() -> dict[str, DraftView]:
    return {
        "billing": draft(1, "billing", "2026-Q3", values(1, 2), frozenset({"sandbox", "deploy"})),
        "checkout": draft(2, "checkout", "2026-Q3", values(2, 2)),
        "ci": draft(3, "ci", "2026-Q3", values(4, 4)),
        "runtime": draft(4, "runtime", "2026-Q3", values(3, 1)),
    }


def q4_submissions() -> dict[str, DraftView]:
    runtime = {
        "BR-01": AnswerEntry(value=2),
        "PA-01": AnswerEntry(dont_know=True),
    }
    return {
        "billing": draft(5, "billing", "2026-Q4", values(1, 2), frozenset({"deploy"})),
        "checkout": draft(6, "checkout", "2026-Q4", values(3, 3), frozenset({"sandbox"})),
        "runtime": draft(7, "runtime", "2026-Q4", runtime, frozenset({"prod-write"})),
    }


def q3_table(content: Content) -> pd.DataFrame:
    return period_table(
        snapshot("2026-Q3", q3_submissions()), content.rubric, content.scoring_catalogue
    )


def q4_table(content: Content, names: dict[str, str] | None = None) -> pd.DataFrame:
    return period_table(
        snapshot("2026-Q4", q4_submissions(), frozenset({"ci"}), names),
        content.rubric,
        content.scoring_catalogue,
    )


def history(content: Content) -> pd.DataFrame:
    """Both quarters' submissions, scored, as `score_history` gives them."""
    views = [*q3_submissions().values(), *q4_submissions().values()]
    assessments = pd.DataFrame(
        {
            "assessment_id": [v.id for v in views],
            "team_slug": [v.team_slug for v in views],
            "unit_slug": [TEAMS[v.team_slug][1] for v in views],
            "period": [v.period for v in views],
            "revision": [v.revision for v in views],
        }
    )
    org = OrgHistory(assessments, *frames(views))
    return score_history(org, content.rubric, content.scoring_catalogue)
