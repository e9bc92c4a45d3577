"""The quarterly review page: its tabs, deep links and the review pack (split from
test_leadership_pages.py, whose demo org and helpers it shares)."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from assessments.demo.records import DemoOrg
from tests.app.test_leadership_pages import APP, PERIOD, _open, org
from tests.app.vega_charts import charts

__all__ = ["org"]  # the demo-org fixture, shared with the heatmap and chains tests


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes | str]:
    """File name → data of every download button drawn (spied on the media file manager).

    A button whose file is written on click registers a callable: it is called here, as a
    click would."""
    files: dict[str, bytes | str] = {}
    add = MediaFileManager.add
    add_deferred = MediaFileManager.add_deferred

    def spy(self, path_or_data, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            files[file_name] = path_or_data
        return add(self, path_or_data, mimetype, coordinates, file_name, **kwargs)

    def spy_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            files[file_name] = data_callable()
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", spy)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    return files


REVIEW_TABS = {
    "Trends": ["Where we stand", "Trends per pillar"],
    "Units": ["Units"],
    "Movers": ["Teams that moved most"],
    "Chains": [
        "Chains removed and reinstated",
        "Chains teams could remove now",
        "Departures from standards",
    ],
    "Alerts": ["New removed-too-early alerts", "Low confidence"],
    "Track record": [
        "Chain removals signed off",
        "Incidents and near misses",
        "Reinstate alerts",
        "Does readiness predict safety?",
    ],
    "Coverage": ["Questionnaire versions", "Coverage"],
}


def _sections(at: AppTest) -> list[str]:
    """The headings of the open tab's sections (the page's own headings left out)."""
    return [h.value for h in at.subheader if h.value != "Review pack"]


def test_quarterly_review_shows_its_sections_a_tab_at_a_time_and_offers_the_pack(
    org: DemoOrg, downloads: dict[str, bytes | str]
) -> None:
    at = _open("app_pages/quarterly_review.py")
    assert at.title[0].value == "Quarterly review"
    labels = [t.label for t in at.tabs]
    assert labels == list(REVIEW_TABS)
    # Only the open tab (the first: where we stand, with the trend chart) is drawn.
    assert _sections(at) == REVIEW_TABS["Trends"]
    assert [h.value for h in at.subheader][-1] == "Review pack"
    assert len(charts(at)) == 1
    for label, headings in REVIEW_TABS.items():
        at.session_state["review_tab"] = label
        at.run()
        assert not at.exception
        assert _sections(at) == headings, label
        assert at.query_params.get("section") == (None if label == "Trends" else label)
    buttons = {b.label for b in at.download_button}
    assert buttons == {"Download HTML", "Download Markdown", "Download CSV"}
    data = downloads[f"review-pack-{PERIOD}.csv"]
    text = data.decode() if isinstance(data, bytes) else data
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["Team"] for r in rows) == sorted(t.name for t in org.teams)
    markdown = downloads[f"review-pack-{PERIOD}.md"]
    markdown = markdown.decode() if isinstance(markdown, bytes) else markdown
    for headings in REVIEW_TABS.values():
        for heading in headings:
            assert f"## {heading}" in markdown  # the pack keeps every section in one file


def test_a_link_opens_the_quarterly_review_on_the_tab_it_names(org: DemoOrg) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["period"] = PERIOD
    at.query_params["section"] = "Movers"
    at.run()
    at.switch_page("app_pages/quarterly_review.py")
    at.query_params["section"] = "Movers"  # switch_page clears the URL, as a link would not
    at.run()
    assert not at.exception
    assert _sections(at) == REVIEW_TABS["Movers"]
    fresh = AppTest.from_file(APP, default_timeout=30)
    fresh.query_params.update({"period": PERIOD, "section": "No such tab"})
    fresh.run()
    fresh.switch_page("app_pages/quarterly_review.py")
    fresh.query_params.update({"section": "No such tab"})
    fresh.run()
    assert _sections(fresh) == REVIEW_TABS["Trends"]
    assert "section" not in fresh.query_params  # an unknown tab is dropped from the URL


def test_quarterly_review_for_a_unit_with_a_baseline(
    org: DemoOrg, downloads: dict[str, bytes | str]
) -> None:
    at = _open("app_pages/quarterly_review.py")
    unit = org.units[0]
    at.selectbox(key="review_unit").set_value(unit.slug)
    at.selectbox(key="review_baseline").set_value("2026-Q1").run()
    assert not at.exception
    assert "and the baseline 2026-Q1" in at.caption[0].value
    data = downloads[f"review-pack-{PERIOD}-{unit.slug}.csv"]
    text = data.decode() if isinstance(data, bytes) else data
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["Team"] for r in rows) == sorted(
        t.name for t in org.teams if t.unit_slug == unit.slug
    )
    assert "Overall level change since 2026-Q1" in rows[0]
