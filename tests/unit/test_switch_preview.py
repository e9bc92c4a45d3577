"""The admin's check of a questionnaire, catalogue and map together, before they go in force."""

from __future__ import annotations

from assessments.content.in_force import Content
from assessments.content.switch_preview import preview_switch
from assessments.content.versions import ContentLibrary
from tests.unit.version_samples import MAP, V1, V2, catalogue_text, catalogues, v1


def library() -> ContentLibrary:
    return ContentLibrary.of(Content.of(v1(), catalogues()[0]))


def test_a_new_version_with_its_map_is_checked_together_and_its_changes_listed():
    files = {
        "mini.yaml": V2.encode(),
        "chains.yaml": catalogue_text("2").encode(),
        "mini.map.yaml": MAP.encode(),
    }
    preview = preview_switch(files, library(), {("mini", "1"): 12})
    assert preview.problems == []
    assert preview.ok
    assert preview.changes == [
        "A new version 2 of mini, mapped from 1:",
        "- BR-01 rescaled (0→0, 1→0, 2→1, 3→1, 4→2)",
        "- BR-02 renamed BR-12",
        "- SK-01 removed",
        "- SK-03 added (needs a fresh answer)",
        "- 1 question kept as they are",
        "12 stored assessments on mini version 1 keep their scores: each stays scored on the"
        " version it was answered on.",
        "Catalogue mini-chains version 2 (1 chains) replaces mini-chains version 1 for new"
        " assessments.",
        "To put these files in force, place them in the data folder (READINESS_DATA_DIR) and"
        " restart; nothing changes until then.",
    ]


def test_a_catalogue_is_checked_against_the_uploaded_questionnaire_not_the_one_in_force():
    catalogue = catalogue_text("2", question="SK-03", minimum=1)
    files = {"mini.yaml": V2.encode(), "chains.yaml": catalogue.encode()}
    assert preview_switch(files, library()).problems == []
    against_old = {"mini.yaml": V1.encode(), "chains.yaml": catalogue.encode()}
    assert [p.message for p in preview_switch(against_old, library()).problems] == [
        "unknown question 'SK-03'"
    ]


def test_a_bad_map_and_an_edited_stored_version_are_problems_with_their_files():
    edited = V1.replace("text: Question SK-02?", "text: Reworded?")
    files = {"mini.yaml": edited.encode(), "chains.yaml": catalogue_text("1", "BR-01", 3).encode()}
    assert [str(p) for p in preview_switch(files, library()).problems] == [
        "mini.yaml: version: questionnaire mini version 1 is already stored with other content;"
        " putting this file in force would be refused (hint: give it a new `version:`)"
    ]
    broken = MAP.replace("  - add: SK-03\n", "")
    files = {
        "mini.yaml": V2.encode(),
        "chains.yaml": catalogue_text("2").encode(),
        "mini.map.yaml": broken.encode(),
    }
    assert [str(p) for p in preview_switch(files, library()).problems] == [
        "mini.map.yaml:4:1: changes: new question 'SK-03' (version 2) is not accounted for"
        " (hint: name it with a change or add)"
    ]


def test_missing_files_are_named():
    preview = preview_switch({"mini.yaml": V2.encode()}, library())
    assert [str(p) for p in preview.problems] == [
        "(upload): no catalogue file among the uploads (hint: upload the catalogue together"
        " with the others)"
    ]
    assert not preview.ok
