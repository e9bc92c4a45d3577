"""Evidence on the pages: verdicts under the questions, and the report counting the bounds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assessments.content.answers import AnswerEntry
from assessments.evidence.scan import scan_paths
from assessments.service.readiness import ReadinessService
from tests.app.conftest import PERIOD, new_session
from ui.sign_in import LOCAL_MODE_BANNER

ASSESSMENT = "app_pages/self_assessment.py"
REPORT = "app_pages/team_report.py"
GAPPY = Path(__file__).resolve().parents[2] / "data" / "examples" / "evidence" / "gappy"
READ_AT = datetime(2026, 11, 30, tzinfo=UTC)


def _draft_with_scan(service: ReadinessService) -> int:
    draft = service.open_draft("checkout-web", PERIOD, actor="test")
    version = draft.version
    for question_id, value in (("BR-02", 3), ("BR-03", 1)):
        entry = AnswerEntry(value=value)
        version = service.save_answer(
            draft.id, question_id, entry, expected_version=version, actor="test"
        ).version
    service.attach_evidence("checkout-web", PERIOD, scan_paths([GAPPY], READ_AT), actor="test")
    return draft.id


def test_each_verdict_shows_under_its_question(service: ReadinessService) -> None:
    _draft_with_scan(service)
    at = new_session(ASSESSMENT, team="checkout-web")
    # Compare the text as shown: markdown escapes (backslashes) removed.
    warnings = [w.value.replace("\\", "") for w in at.warning if w.value != LOCAL_MODE_BANNER]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "BR-02 counted as 1: you answered 3; Codex's workspace sandbox lets commands reach"
    )
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any(
        c.endswith("BR-03 supported: the configuration allows 1 (5 rules checked)")
        for c in captions
    )
    assert at.expander[0].label == "Evidence from configuration: 1 answer contradicted"


def test_the_report_counts_a_contradicted_answer_at_its_bound(service: ReadinessService) -> None:
    _draft_with_scan(service)
    at = new_session(REPORT, team="checkout-web")
    captions = "\n".join(c.value.replace("\\", "") for c in at.caption)
    # Blast radius weights sum to 23 in questionnaire 2027.1: BR-02 (weight 2) counts 1 of 4
    # and BR-03 (weight 2) 1 of 4, so 1/23 = 4.3; BR-02 as answered (3) would give 2/23 = 8.7.
    assert "**Blast radius** — score 4.3 reaches level 0" in captions
    assert (
        ":material/fact_check: 1 answer counts at the bound the attached configuration scan "
        "allows (BR-02); see the *Evidence* tab."
    ) in captions.splitlines()
    at.session_state["report_tab"] = "Evidence"  # the scan's verdicts are on that tab
    at.run()
    markdown = "\n".join(m.value.replace("\\", "") for m in at.markdown)
    assert "BR-02 counted as 1: you answered 3" in markdown
    assert (
        "1 answer counts at the bound the configuration allows; the levels and the "
        "recommendation above already use it."
    ) in [w.value for w in at.warning]


def _submitted_with_scan(service: ReadinessService, team: str, scan_root: Path) -> None:
    draft = service.open_draft(team, PERIOD, actor="test")
    version = draft.version
    for question in service.content.questionnaire.questions:
        entry = AnswerEntry(value=question.max_value)
        version = service.save_answer(
            draft.id, question.id, entry, expected_version=version, actor="test"
        ).version
    service.submit(draft.id, expected_version=version, actor="test")
    service.attach_evidence(team, PERIOD, scan_paths([scan_root], READ_AT), actor="test")


def test_the_heatmap_filters_to_teams_with_contradicted_claims(service: ReadinessService) -> None:
    _submitted_with_scan(service, "checkout-web", GAPPY)
    _submitted_with_scan(service, "ledger", GAPPY.parent / "well-governed")
    at = new_session("app_pages/org_heatmap.py")
    toggle = at.toggle(key="heatmap_contradicted")
    assert toggle.label == "Only teams with contradicted claims (1)"
    toggle.set_value(True).run()
    captions = [c.value for c in at.caption]
    assert "1 of 1 teams in 1 unit submitted for 2026-Q4" in captions
    assert any(
        c.endswith("Contradicted claims, counted at their evidence bounds: Checkout Web 8")
        for c in captions
    )


def test_the_scan_uploader_is_drawn_once_its_box_is_opened(service: ReadinessService) -> None:
    _draft_with_scan(service)
    at = new_session(ASSESSMENT, team="checkout-web")
    assert at.expander[0].label == "Evidence from configuration: 1 answer contradicted"
    assert at.get("file_uploader") == []
    at.session_state["evidence_open"] = True  # as a click on the box does
    at.run()
    [uploader] = at.get("file_uploader")
    assert uploader.proto.label == (
        "Attach a configuration scan (JSON from `readiness evidence scan --format json`)"
    )
