"""The review pack: Markdown and CSV content, formula-safe cells, escaped HTML."""

from __future__ import annotations

import csv
import io
import re

import pytest

from assessments.service.quarterly_review import QuarterlyReview, build_review
from tests.unit.tiny_org import history, q3_table, q4_table, tiny_content
from ui.exports import review_sections
from ui.exports.review_pack import (
    pack_file_name,
    review_pack_csv,
    review_pack_html,
    review_pack_markdown,
)
from ui.exports.review_sections import pack_sections
from ui.exports.spreadsheet import csv_text, formula_safe

CONTENT = tiny_content()
SCRIPT = "<script>alert(1)</script>"


def _review(names: dict[str, str] | None = None, **options) -> QuarterlyReview:
    return build_review(
        CONTENT,
        q4_table(CONTENT, names),
        q3_table(CONTENT),
        history(CONTENT),
        period="2026-Q4",
        **options,
    )


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("Checkout", "Checkout"),
        ("a=b", "a=b"),
        ("", ""),
        (3, 3),
        (-2, -2),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_formula_safe_defuses_cells_that_would_start_a_formula(cell, safe):
    assert formula_safe(cell) == safe


def test_csv_text_makes_headers_and_cells_formula_safe_and_quotes_as_needed():
    text = csv_text(["=H", "Team"], [["=1+1", 'a "b", c'], [-1, "ok"]])
    assert text == '\'=H,Team\n\'=1+1,"a ""b"", c"\n-1,ok\n'


def test_csv_has_one_row_per_team_with_levels_changes_and_statuses():
    rows = list(csv.DictReader(io.StringIO(review_pack_csv(_review()))))
    assert [r["Team slug"] for r in rows] == ["billing", "checkout", "ci", "edge", "runtime"]
    checkout = rows[1]
    assert checkout["Unit"] == "Payments"
    assert checkout["Coverage"] == "submitted"
    assert checkout["Blast radius level"] == "3"
    assert checkout["Blast radius score"] == "75.0"
    assert checkout["Blast radius level change since 2026-Q3"] == "1"
    assert checkout["Mean score change since 2026-Q3"] == "25.0"
    assert checkout["Overall level"] == "3"
    assert checkout["Weakest pillar"] == "Blast radius"
    assert checkout["Next chain"] == "Approve deploys"
    assert checkout["Approve each tool call"] == "Removed"
    assert checkout["Approve deploys"] == "Next to remove"
    assert checkout["Prod write"] == "Permanent (stays)"
    assert rows[4]["Mean score change since 2026-Q3"] == "-25.0"
    assert rows[4]["Prod write"] == "Removed too early"
    assert rows[3]["Coverage"] == "no submission"
    assert rows[3]["Overall level"] == ""


def test_csv_adds_change_since_the_baseline_when_one_is_chosen():
    review = _review(baseline=q3_table(CONTENT), baseline_period="2026-Q2")
    rows = list(csv.DictReader(io.StringIO(review_pack_csv(review))))
    assert rows[1]["Overall level change since 2026-Q2"] == "1"


def test_csv_defuses_a_team_name_that_starts_a_formula():
    text = review_pack_csv(_review({"checkout": "=cmd|' /C calc'!A0"}))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[2][1] == "'=cmd|' /C calc'!A0"


def test_markdown_leads_with_where_we_stand_and_trends_then_movers():
    text = review_pack_markdown(_review())
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Quarterly review 2026-Q4",
        "## Where we stand",
        "## Trends per pillar",
        "## Units",
        "## Teams that moved most",
        "### Moved up",
        "### Moved down",
        "## Chains removed and reinstated",
        "## New removed-too-early alerts",
        "## Chains teams could remove now",
        "## Low confidence",
        "## Departures from standards",
        "## Questionnaire versions",
        "## Coverage",
    ]


def test_markdown_tables_hold_the_review_numbers():
    text = review_pack_markdown(_review())
    assert "| Blast radius | 2.00 | 2.50 | 50.0 | 62.5 |" in text
    assert (
        "| Checkout | Payments | 2 | 3 | 25.0 | Blast radius 2→3; Production access 2→3 |" in text
    )
    assert "| Runtime | Platform | Prod write | Permanent (stays) |" in text
    assert "| Runtime | Platform | 25 | none |" in text
    assert "No submission: 1 team; draft only: 1 team." in text
    assert "| Edge | Platform | no submission |" in text
    assert "| CI | Platform | draft only |" in text


def test_markdown_escapes_team_names():
    text = review_pack_markdown(_review({"checkout": "[x](http://evil) | *y*"}))
    assert "\\[x\\](http://evil) \\| \\*y\\*" in text
    assert "[x](http" not in text


def _svg_texts(html: str) -> set[str]:
    """What the charts draw as text, lines of one label joined."""
    texts = re.findall(r"<text\b[^>]*>(.*?)</text>", html, flags=re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in texts}


def test_html_pack_escapes_a_script_team_name_everywhere():
    html = review_pack_html(_review({"checkout": SCRIPT}))
    assert SCRIPT not in html
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The per-team charts draw the name, escaped, as SVG text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in _svg_texts(html)


def test_html_pack_draws_each_chart_as_inline_svg_and_carries_no_script():
    html = review_pack_html(_review())
    assert "<script" not in html.lower()
    assert html.count("<figure><svg ") == 5
    assert not re.search(r"""\s(src|href)=["'](?!#)""", html)
    texts = _svg_texts(html)
    # Submitted teams label the per-team charts; periods label the trend.
    assert {"Billing", "Checkout", "Runtime"} <= texts
    assert "2026-Q4" in texts
    assert "<h2>Teams that moved most</h2>" in html


def test_above_the_chart_limit_the_pack_says_where_every_team_is_instead_of_drawing_them(
    monkeypatch: pytest.MonkeyPatch,
):
    review = _review()
    drawn = [(s.title, len(s.figures)) for s in pack_sections(review) if s.per_team]
    assert drawn == [("Readiness by team", 1), ("Approval chains by team", 1)]
    monkeypatch.setattr(review_sections, "PACK_TEAM_CHART_LIMIT", review.submitted - 1)
    [teams] = [s for s in pack_sections(review) if s.per_team]
    assert teams.figures == ()
    assert teams.paragraphs == (
        "The charts of readiness and approval chains by team are left out for 3 teams: the pack"
        " draws them for up to 2. Every team's row is in the pack's CSV, and the app's Org"
        " heatmap and Chains matrix pages show every team.",
    )
    assert teams.paragraphs[0] in review_pack_markdown(review)


@pytest.mark.parametrize(
    ("unit", "extension", "name"),
    [
        (None, "html", "review-pack-2026-Q4.html"),
        ("platform", "csv", "review-pack-2026-Q4-platform.csv"),
    ],
)
def test_pack_file_names_carry_the_period_and_unit(unit, extension, name):
    assert pack_file_name(_review(unit_slug=unit), extension) == name
