"""Evidence scans stored on assessments, on SQLite and PostgreSQL: attach, read back, audit,
permissions, and `readiness evidence attach` as a user runs it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessments.access import Grant, Principal, Role
from assessments.content.in_force import load_content
from assessments.errors import AuthorizationError, NotFoundError
from assessments.evidence.org import period_evidence
from assessments.evidence.scan import scan_paths
from assessments.reports.org_table import period_table
from assessments.service.authorized import AuthorizedService
from assessments.service.quarterly_review import load_review
from assessments.service.readiness import AuditAction, ReadinessService
from assessments.storage.db import make_engine
from cli.main import main
from tests.integration.conftest import START, Database
from tests.integration.test_report_cli import _seed

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "examples" / "evidence"
READ_AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_a_scan_attached_to_a_period_reads_back_fact_for_fact(org: ReadinessService) -> None:
    org.open_draft("checkout", "2026-Q4", actor="ana@example.com")
    scan = scan_paths([SAMPLES / "gappy"], READ_AT)
    attached = org.attach_evidence("checkout", "2026-Q4", scan, actor="ana@example.com")
    assert (attached.team, attached.period, attached.attached_at) == ("checkout", "2026-Q4", START)
    stored = org.latest_evidence("checkout", "2026-Q4")
    assert stored is not None
    assert stored.scan.facts == scan.facts
    assert stored.attached_by == "ana@example.com"
    assert org.latest_evidence("billing", "2026-Q4") is None
    entries = [e for e in org.audit_entries() if e.action == AuditAction.EVIDENCE_ATTACH]
    assert [(e.actor, e.details) for e in entries] == [
        (
            "ana@example.com",
            {"team": "checkout", "period": "2026-Q4", "facts": 36, "problems": 0},
        )
    ]


def test_the_latest_scan_wins_across_revisions(org: ReadinessService, clock) -> None:
    org.open_draft("checkout", "2026-Q4", actor="ana@example.com")
    org.attach_evidence(
        "checkout", "2026-Q4", scan_paths([SAMPLES / "gappy"], READ_AT), actor="ana@example.com"
    )
    clock.advance(5)
    good = scan_paths([SAMPLES / "well-governed"], READ_AT)
    org.attach_evidence("checkout", "2026-Q4", good, actor="ana@example.com")
    stored = org.latest_evidence("checkout", "2026-Q4")
    assert stored is not None and len(stored.scan.facts) == len(good.facts) == 51


def test_a_scan_needs_an_assessment_to_attach_to(org: ReadinessService) -> None:
    scan = scan_paths([SAMPLES / "gappy"], READ_AT)
    with pytest.raises(NotFoundError, match="checkout has no assessment for 2026-Q4 yet"):
        org.attach_evidence("checkout", "2026-Q4", scan, actor="ana@example.com")


def test_only_the_teams_editors_may_attach_a_scan(org: ReadinessService) -> None:
    org.open_draft("checkout", "2026-Q4", actor="ana@example.com")
    scan = scan_paths([SAMPLES / "gappy"], READ_AT)
    editor = AuthorizedService(
        org, Principal("ana@example.com", frozenset({Grant(Role.TEAM_EDITOR, "checkout")}))
    )
    outsider = AuthorizedService(
        org, Principal("bo@example.com", frozenset({Grant(Role.TEAM_EDITOR, "billing")}))
    )
    editor.attach_evidence("checkout", "2026-Q4", scan)
    with pytest.raises(AuthorizationError, match=r"bo@example\.com"):
        outsider.attach_evidence("checkout", "2026-Q4", scan)
    with pytest.raises(AuthorizationError):
        outsider.latest_evidence("checkout", "2026-Q4")
    stored = editor.latest_evidence("checkout", "2026-Q4")
    assert stored is not None and stored.attached_by == "ana@example.com"


def test_readiness_evidence_attach_stores_the_scan_and_prints_verdicts(
    database: Database, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:
    demo = _seed(database.engine)
    monkeypatch.setenv("READINESS_DATABASE_URL", database.url)
    team = demo.teams[0].slug
    saved = tmp_path / "scan.json"
    assert main(["evidence", "scan", str(SAMPLES / "gappy"), "--format", "json"]) == 0
    saved.write_text(capsys.readouterr().out)

    assert (
        main(["evidence", "attach", "--scan", str(saved), "--team", team, "--period", "2026-Q4"])
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(
        rf"attached 36 facts \(0 problems\) to {team} 2026-Q4 \(assessment \d+, scan 1\)", out[0]
    )
    assert out[1] == "36 facts from 10 files, no problems"
    assert out[3].startswith(f"Verdicts for {team} 2026-Q4: ")
    engine = make_engine(database.url)
    try:
        stored = ReadinessService(engine, load_content()).latest_evidence(team, "2026-Q4")
    finally:
        engine.dispose()
    assert stored is not None and stored.attached_by == "cli" and len(stored.scan.facts) == 36

    assert (
        main(["evidence", "attach", "--scan", str(saved), "--team", "nope", "--period", "2026-Q4"])
        == 1
    )
    assert capsys.readouterr().err == "error: no team with slug 'nope'\n"


def test_a_tampered_scan_file_is_refused_whole(tmp_path: Path, capsys) -> None:
    saved = tmp_path / "scan.json"
    saved.write_text(
        '{"facts": [{"name": "claude.made_up", "value": 1, "source": "s",'
        ' "field": "f", "read_at": "2026-12-01T00:00:00+00:00", "how": "api"}]}'
    )
    args = ["evidence", "attach", "--scan", str(saved), "--team", "t", "--period", "2026-Q4"]
    assert main(args) == 1
    assert capsys.readouterr().err == (f"{saved}: facts.0.name: unknown fact 'claude.made_up'\n")


def test_the_period_evidence_is_each_teams_latest_scan_within_the_viewers_units(
    org: ReadinessService, clock
) -> None:
    gappy = scan_paths([SAMPLES / "gappy"], READ_AT)
    good = scan_paths([SAMPLES / "well-governed"], READ_AT)
    for team in ("checkout", "runtime"):
        org.open_draft(team, "2026-Q4", actor="ana@example.com")
        org.attach_evidence(team, "2026-Q4", gappy, actor="ana@example.com")
    clock.advance(5)
    org.attach_evidence("runtime", "2026-Q4", good, actor="ana@example.com")
    evidence = org.period_evidence("2026-Q4")
    assert {team: len(scan.facts) for team, scan in evidence.items()} == {
        "checkout": 36,
        "runtime": 51,
    }
    assert org.period_evidence("2026-Q3") == {}
    payments_viewer = AuthorizedService(
        org, Principal("vi@example.com", frozenset({Grant(Role.ORG_VIEWER, "payments")}))
    )
    assert list(payments_viewer.period_evidence("2026-Q4")) == ["checkout"]


def test_the_org_views_count_each_teams_contradicted_answers_at_their_bounds(
    database: Database,
) -> None:
    demo = _seed(database.engine)
    content = load_content()
    service = ReadinessService(database.engine, content)
    snapshot = service.period_snapshot("2026-Q4")
    team = next(t.team.slug for t in snapshot.teams if t.latest is not None)
    before = period_table(snapshot, content.rubric, content.scoring_catalogue)
    service.attach_evidence(
        team, "2026-Q4", scan_paths([SAMPLES / "gappy"], READ_AT), actor="ana@example.com"
    )
    load_review(service, content, "2026-Q4")  # the review pack reads the evidence too
    del demo
    scans = service.period_evidence("2026-Q4")
    evidence = period_evidence(snapshot, lambda _: scans, content, READ_AT.date())
    table = period_table(snapshot, content.rubric, content.scoring_catalogue, evidence=evidence)
    latest = next(t.latest for t in snapshot.teams if t.team.slug == team)
    assert latest is not None
    expected = len(evidence.judgements[latest.id].contradicted)
    assert expected > 0
    assert table.loc[team, "contradicted"] == expected
    assert table["contradicted"].drop(team).isna().all()
    pillars = [c for c in table.columns if c.startswith("score:")]
    assert (table.loc[team, pillars] <= before.loc[team, pillars]).all()
    assert table["mean_score"].to_dict()[team] < before["mean_score"].to_dict()[team]
