"""The team report downloads list the attached scan's evidence lines as of the scan, and each
evidence link as of the day it was vouched for; every line is rendered inert."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from assessments.content.answers import AnswerEntry
from assessments.content.in_force import load_content
from assessments.evidence.check import evidence_bounds
from assessments.evidence.expiry import evidence_expiry
from assessments.evidence.facts import Fact, ReadHow, Scan
from assessments.evidence.rules import EvidenceRule
from assessments.evidence.verdicts import judge
from assessments.reports.evidence_lines import evidence_links, scan_evidence
from assessments.storage.views import DraftView
from scoring.assessment import score_assessment
from ui.exports.team_report_download import TeamReport, team_report_html, team_report_markdown

CONTENT = load_content()
READ = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
ATTACHED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
SUBMITTED = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
HOSTILE_REPO = "<img src=x onerror=alert(1)>/*repo*"
LINK = "https://wiki.example.com/*sandbox*_v2?a=1&b=[2]"


def _rule(rule_id: str, question: str, bound: int, **condition: object) -> EvidenceRule:
    return EvidenceRule.model_validate(
        {
            "id": rule_id,
            "question": question,
            "max": bound,
            "reason": f"`{rule_id}` <b>reason</b>",
            "cites": f"{rule_id} field",
            **condition,
        }
    )


RULES = [
    _rule("no-deny", "BR-03", 1, unless={"fact": "claude.project.deny_rules", "at_least": 1}),
    _rule(
        "cursor-off", "BR-01", 1, when={"fact": "cursor.sandbox_type", "equals": "insecure_none"}
    ),
]
FACTS = (
    Fact(
        "claude.project.deny_rules",
        0,
        f"{HOSTILE_REPO}/.claude/settings.json",
        "permissions.deny",
        READ,
        ReadHow.FILE_IN_REPO,
        4,
    ),
    Fact(
        "cursor.sandbox_type",
        "workspace_readwrite",
        ".cursor/sandbox.json",
        "type",
        datetime(2026, 10, 30, 8, 0, tzinfo=UTC),
        ReadHow.FILE_IN_REPO,
    ),
)


def _view(answers: dict[str, AnswerEntry]) -> DraftView:
    return DraftView(
        1, "checkout", "Checkout", "2026-Q4", CONTENT.questionnaire.id,
        CONTENT.questionnaire.version, "submitted", 1, 7, answers, frozenset(), "ana@example.com",
        datetime(2026, 10, 1, tzinfo=UTC), "ana@example.com", SUBMITTED, "ana@example.com",
        SUBMITTED,
    )  # fmt: skip


def _report() -> TeamReport:
    answers = {q.id: AnswerEntry(value=3) for q in CONTENT.questionnaire.questions}
    answers["BR-01"] = AnswerEntry(value=3, evidence=LINK)
    answers["PA-01"] = AnswerEntry(value=2, evidence="https://ci.example.com/runs#`x`")
    view = _view(answers)
    judgement = judge({"BR-03": 3, "BR-01": 3}, FACTS, RULES)
    expiry = evidence_expiry({"BR-03": 60, "BR-01": 40}, date(2026, 11, 25), FACTS, RULES)
    scan = Scan(FACTS, (), (f"{HOSTILE_REPO}/.claude/settings.json", ".cursor/sandbox.json"))
    result = score_assessment(
        CONTENT.rubric, CONTENT.scoring_catalogue, view.to_scoring(), evidence_bounds(judgement)
    )
    return TeamReport(
        CONTENT,
        "Checkout",
        "2026-Q4",
        "Revision 1",
        result,
        evidence=scan_evidence("ana@example.com", ATTACHED, scan, judgement, expiry),
        links=evidence_links(view, CONTENT.questionnaire),
    )


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_the_markdown_download_lists_the_scan_and_link_evidence_as_of_their_dates() -> None:
    markdown = team_report_markdown(_report())

    section = _section(markdown, "## Evidence from configuration", "## Blocked chains")

    assert section.splitlines() == [
        "## Evidence from configuration",
        "",
        "_Scan attached by ana@example.com on 2026-11-02 · 2 facts from 2 files, read on"
        " 2026-09-01 to 2026-10-30_",
        "",
        "**1 answer counts at the bound the configuration allows; the levels and the"
        " recommendation already use it.**",
        "",
        r"- BR-03 counted as 1: you answered 3; \`no-deny\` \<b\>reason\</b\>"
        r" (\<img src=x onerror=alert(1)\>/\*repo\*/.claude/settings.json:4 permissions.deny"
        " = 0)",
        "",
        "Supported by the configuration (counted as evidenced):",
        "",
        "- BR-01 supported: the configuration allows 3 (1 rule checked):"
        " .cursor/sandbox.json type = 'workspace\\_readwrite'",
        "",
        "Expired (counts as no evidence):",
        "",
        r"- BR-03 \<img src=x onerror=alert(1)\>/\*repo\*/.claude/settings.json:4"
        " permissions.deny (as of 2026-09-01, expired on 2026-10-31)",
        "",
        "Expires within 30 days:",
        "",
        "- BR-01 .cursor/sandbox.json type (as of 2026-10-30, expires on 2026-12-09)",
        "",
        "## Evidence links",
        "",
        "_Answers carry no date of their own: each link stands as of the day the team last"
        " vouched for the whole assessment._",
        "",
        r"- BR-01 https://wiki.example.com/\*sandbox\*\_v2?a=1\&b=\[2\] (as of 2026-11-20,"
        " submitted)",
        r"- PA-01 https://ci.example.com/runs#\`x\` (as of 2026-11-20, submitted)",
        "",
    ]


def test_the_html_download_lists_the_same_lines_escaped() -> None:
    html = team_report_html(_report())

    section = _section(html, "<h2>Evidence from configuration</h2>", "<h2>Every chain</h2>")

    items = re.findall(r"<(?:li|p)[^>]*>(.*?)</(?:li|p)>", section)
    assert items == [
        "Scan attached by ana@example.com on 2026-11-02 · 2 facts from 2 files, read on"
        " 2026-09-01 to 2026-10-30",
        "<strong>1 answer counts at the bound the configuration allows; the levels and the"
        " recommendation already use it.</strong>",
        "BR-03 counted as 1: you answered 3; `no-deny` &lt;b&gt;reason&lt;/b&gt;"
        " (&lt;img src=x onerror=alert(1)&gt;/*repo*/.claude/settings.json:4"
        " permissions.deny = 0)",
        "Supported by the configuration (counted as evidenced):",
        "BR-01 supported: the configuration allows 3 (1 rule checked): .cursor/sandbox.json"
        " type = &#x27;workspace_readwrite&#x27;",
        "Expired (counts as no evidence):",
        "BR-03 &lt;img src=x onerror=alert(1)&gt;/*repo*/.claude/settings.json:4"
        " permissions.deny (as of 2026-09-01, expired on 2026-10-31)",
        "Expires within 30 days:",
        "BR-01 .cursor/sandbox.json type (as of 2026-10-30, expires on 2026-12-09)",
        "Answers carry no date of their own: each link stands as of the day the team last"
        " vouched for the whole assessment.",
        "BR-01 https://wiki.example.com/*sandbox*_v2?a=1&amp;b=[2] (as of 2026-11-20, submitted)",
        "PA-01 https://ci.example.com/runs#`x` (as of 2026-11-20, submitted)",
    ]
    assert "<img" not in html


def test_without_a_scan_or_links_the_downloads_have_no_evidence_sections() -> None:
    report = _report()
    bare = TeamReport(report.content, "Checkout", "2026-Q4", "Revision 1", report.result)

    assert "Evidence from configuration" not in team_report_markdown(bare)
    assert "Evidence links" not in team_report_html(bare)
