"""Write a generated demo organisation into an empty database, fast, in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from assessments.content.answers import AnswerEntry
from assessments.content.catalogue import ChainCatalogue
from assessments.content.draft_rules import check_answer, check_chain, check_period
from assessments.content.questionnaire import Questionnaire
from assessments.content.versions import (
    ContentKindName,
    StoredVersion,
    canonical_body,
    content_hash,
)
from assessments.demo.earlier import earlier_version
from assessments.demo.evidence import attach_demo_evidence
from assessments.demo.organisation import generate_demo_org
from assessments.demo.records import DemoOrg
from assessments.errors import InvalidInputError
from assessments.storage.audit import AuditAction
from assessments.storage.content_versions import ContentVersionStore
from assessments.storage.contract import ConstraintViolation
from assessments.storage.db import session_factory
from assessments.storage.store import SqlStore
from assessments.storage.tables import (
    AnswerRow,
    AssessmentRow,
    ChainStateRow,
    OrgUnitRow,
    TeamRow,
)
from assessments.storage.track_record_seeding import seed_demo_track_record
from assessments.storage.views import DRAFT, SUBMITTED

DEMO_ACTOR = "demo-seed"


class Seedable(Protocol):
    """What seeding needs of the service: its store (over SQL) and the content in force."""

    @property
    def store(self) -> object: ...
    @property
    def content(self) -> SeedContent: ...


class SeedContent(Protocol):
    """The questionnaire and catalogue the demo answers are checked against."""

    @property
    def questionnaire(self) -> Questionnaire: ...
    @property
    def catalogue(self) -> ChainCatalogue: ...


class DemoUnitLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...


class DemoTeamLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit_slug(self) -> str: ...


class DemoAssessmentLike(Protocol):
    @property
    def team_slug(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def answers(self) -> Mapping[str, AnswerEntry]: ...
    @property
    def removed_chains(self) -> Collection[str]: ...
    @property
    def submitted_by(self) -> str: ...


class EarlierLike(Protocol):
    @property
    def questionnaire(self) -> Questionnaire: ...
    @property
    def catalogue(self) -> ChainCatalogue: ...


class DemoOrgLike(Protocol):
    """The shape of `assessments.demo.DemoOrg`: units, teams and their assessments."""

    @property
    def units(self) -> Sequence[DemoUnitLike]: ...
    @property
    def teams(self) -> Sequence[DemoTeamLike]: ...
    @property
    def assessments(self) -> Sequence[DemoAssessmentLike]: ...


@dataclass(frozen=True)
class SeedSummary:
    """How many rows of each kind the seed wrote."""

    units: int
    teams: int
    assessments: int
    answers: int
    chain_states: int


def period_start(period: str) -> datetime:
    """Midnight UTC on the first day of a quarter such as 2026-Q4."""
    year, quarter = int(period[:4]), int(period[-1])
    return datetime(year, 3 * quarter - 2, 1, tzinfo=UTC)


def seed_demo(service: Seedable, demo_org: DemoOrgLike, *, actor: str = DEMO_ACTOR) -> SeedSummary:
    """Write the demo org with bulk inserts in one transaction; InvalidInputError if it is off."""
    _check(service, demo_org)
    earlier_content = _earlier(demo_org)
    if earlier_content is not None:
        _store_earlier(_sql_store(service), earlier_content, datetime.now(UTC))
    revisions: Counter[tuple[str, str]] = Counter()
    with _sql_store(service).unit_of_work(actor) as repo:
        now = datetime.now(UTC)
        unit_ids = dict(
            zip(
                [u.slug for u in demo_org.units],
                repo.insert_rows_returning_ids(
                    OrgUnitRow,
                    [{"slug": u.slug, "name": u.name, "created_at": now} for u in demo_org.units],
                ),
                strict=True,
            )
        )
        team_rows = [
            {"slug": t.slug, "name": t.name, "unit_id": unit_ids[t.unit_slug], "created_at": now}
            for t in demo_org.teams
        ]
        team_ids = dict(
            zip(
                [t.slug for t in demo_org.teams],
                repo.insert_rows_returning_ids(TeamRow, team_rows),
                strict=True,
            )
        )
        in_force = (service.content.questionnaire, service.content.catalogue)
        earlier = _earlier(demo_org)
        assessment_rows = []
        for a in demo_org.assessments:
            questionnaire, catalogue = (
                (earlier.questionnaire, earlier.catalogue)
                if earlier is not None and getattr(a, "on_earlier_version", False)
                else in_force
            )
            revisions[(a.team_slug, a.period)] += 1
            # Demo answers are given a month into the quarter and submitted three weeks
            # later, but never after the moment of seeding (the current quarter is young).
            created = min(period_start(a.period) + timedelta(days=30, hours=9), now)
            submitted = min(created + timedelta(days=21), now) if a.status == SUBMITTED else None
            assessment_rows.append(
                {
                    "team_id": team_ids[a.team_slug],
                    "period": a.period,
                    "questionnaire_id": questionnaire.id,
                    "questionnaire_version": questionnaire.version,
                    "catalogue_id": catalogue.id,
                    "catalogue_version": catalogue.version,
                    "status": SUBMITTED if a.status == SUBMITTED else DRAFT,
                    "revision": revisions[(a.team_slug, a.period)],
                    "version": 1,
                    "created_by": a.submitted_by,
                    "created_at": created,
                    "updated_by": a.submitted_by,
                    "updated_at": submitted or created,
                    "submitted_by": a.submitted_by if submitted else None,
                    "submitted_at": submitted,
                }
            )
        assessment_ids = repo.insert_rows_returning_ids(AssessmentRow, assessment_rows)
        answers = [
            _answer_row(assessment_id, question_id, entry)
            for assessment_id, a in zip(assessment_ids, demo_org.assessments, strict=True)
            for question_id, entry in a.answers.items()
        ]
        chains = [
            {"assessment_id": assessment_id, "chain_id": chain_id, "removed": True}
            for assessment_id, a in zip(assessment_ids, demo_org.assessments, strict=True)
            for chain_id in sorted(a.removed_chains)
        ]
        repo.insert_rows(AnswerRow, answers)
        repo.insert_rows(ChainStateRow, chains)
        summary = SeedSummary(
            len(unit_ids), len(team_ids), len(assessment_ids), len(answers), len(chains)
        )
        repo.audit.record(AuditAction.DEMO_SEED, "org", "demo", summary.__dict__.copy())
    return summary


def seed_demo_if_empty(
    service: Seedable,
    make_demo_org: Callable[[], DemoOrgLike] | None = None,
    *,
    actor: str = DEMO_ACTOR,
) -> SeedSummary | None:
    """Seed the demo org when no team exists yet; None when there was something already."""
    with _sql_store(service).unit_of_work() as repo:
        if repo.team_count() > 0:
            return None
    demo_org = (make_demo_org or (lambda: _generated_demo_org(service)))()
    try:
        summary = seed_demo(service, demo_org, actor=actor)
    except ConstraintViolation:
        # Another app replica seeded between our check and our insert; its demo stands.
        return None
    if demo_org.assessments:
        last_period = max(a.period for a in demo_org.assessments)
        teams = [t.slug for t in demo_org.teams]
        attach_demo_evidence(_sql_store(service), teams, last_period, datetime.now(UTC), actor)
    if isinstance(demo_org, DemoOrg):
        seed_demo_track_record(service, demo_org)
    return summary


def _sql_store(service: Seedable) -> SqlStore:
    store = service.store
    if not isinstance(store, SqlStore):
        raise TypeError("the demo is seeded into a SQL database only")
    return store


def _generated_demo_org(service: Seedable) -> DemoOrgLike:
    content = service.content
    return generate_demo_org(
        content.questionnaire,
        content.catalogue,
        earlier=earlier_version(content.questionnaire, quarters=4),
    )


def _earlier(demo_org: DemoOrgLike) -> EarlierLike | None:
    # Optional: an org made elsewhere (a test's, say) may have no earlier version at all.
    found: EarlierLike | None = getattr(demo_org, "earlier", None)
    return found


def _store_earlier(store: SqlStore, earlier: EarlierLike, now: datetime) -> None:
    """Store the earlier version the demo's older quarters were answered on, unless stored."""
    q, c = earlier.questionnaire, earlier.catalogue
    versions = [
        StoredVersion(
            ContentKindName.QUESTIONNAIRE,
            q.id,
            q.version,
            content_hash(q),
            canonical_body(q),
            "demo",
        ),
        StoredVersion(
            ContentKindName.CATALOGUE, c.id, c.version, content_hash(c), canonical_body(c), "demo"
        ),
    ]
    with session_factory(store.engine).begin() as session:
        versions_store = ContentVersionStore(session)
        for version in versions:
            stored = versions_store.find(version.kind, version.content_id, version.version)
            if stored is None:
                versions_store.add(version, now)
            elif content_hash(stored.build()) != version.sha256:
                raise InvalidInputError(
                    f"{version.kind.value} {version.content_id} {version.version} is stored with"
                    " other content than the demo's older quarters were answered on"
                )


def _check(service: Seedable, demo_org: DemoOrgLike) -> None:
    units = {u.slug for u in demo_org.units}
    teams = {t.slug for t in demo_org.teams}
    for team in demo_org.teams:
        if team.unit_slug not in units:
            raise InvalidInputError(
                f"demo team {team.slug!r} is in unknown unit {team.unit_slug!r}"
            )
    earlier = _earlier(demo_org)
    for a in demo_org.assessments:
        if a.team_slug not in teams:
            raise InvalidInputError(f"demo assessment for unknown team {a.team_slug!r}")
        check_period(a.period)
        questionnaire, catalogue = (
            (earlier.questionnaire, earlier.catalogue)
            if earlier is not None and getattr(a, "on_earlier_version", False)
            else (service.content.questionnaire, service.content.catalogue)
        )
        for question_id, entry in a.answers.items():
            check_answer(questionnaire, question_id, entry)
        for chain_id in a.removed_chains:
            check_chain(catalogue, chain_id)


def _answer_row(assessment_id: int, question_id: str, entry: AnswerEntry) -> dict[str, Any]:
    return {
        "assessment_id": assessment_id,
        "question_id": question_id,
        "value": entry.value,
        "not_applicable": entry.not_applicable,
        "dont_know": entry.dont_know,
        "evidence": entry.evidence,
        "note": entry.note,
    }
