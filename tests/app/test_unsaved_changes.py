"""An autosave the database refuses is kept in the tab, shown as not saved, and saved again
once the database takes writes; nothing is silently lost. The fault is SQLite's own
read-only refusal (`PRAGMA query_only`), switched on for every connection handed out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool

from assessments.content.answers import AnswerEntry
from assessments.service.readiness import ReadinessService
from assessments.storage.failures import READ_ONLY
from tests.app.conftest import PERIOD, new_session
from ui.text import inert

ASSESSMENT = "app_pages/self_assessment.py"


class ReadOnlySwitch:
    """While on, every connection the pools hand out refuses writes."""

    def __init__(self) -> None:
        self.on = False

    def __call__(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA query_only={'ON' if self.on else 'OFF'}")
        cursor.close()


@pytest.fixture
def read_only() -> Iterator[ReadOnlySwitch]:
    switch = ReadOnlySwitch()
    event.listen(Pool, "checkout", switch)
    yield switch
    event.remove(Pool, "checkout", switch)


def warnings_of(at) -> list[str]:
    return [w.value for w in at.warning if "not saved yet" in w.value]


def test_a_refused_autosave_is_kept_shown_and_saved_once_the_database_takes_writes(
    service: ReadinessService, read_only: ReadOnlySwitch
):
    draft = service.open_draft("checkout-web", PERIOD, actor="local-admin")
    at = new_session(ASSESSMENT, team="checkout-web")
    read_only.on = True

    at.radio(key=f"a{draft.id}_g0_BR-01_choice").set_value("3").run()

    assert not at.exception
    assert warnings_of(at) == [
        f"1 change not saved yet. {READ_ONLY} It is kept in this tab, as you see it"
        " below, and saved again on your next change or when you retry."
    ]
    assert at.radio(key=f"a{draft.id}_g0_BR-01_choice").value == "3"
    assert at.button(key="submit").disabled
    assert service.get_assessment(draft.id).answers == {}

    at.button(key="retry_unsaved").click().run()  # still read-only: still kept

    assert len(warnings_of(at)) == 1
    read_only.on = False
    at.button(key="retry_unsaved").click().run()

    assert warnings_of(at) == []
    assert not at.button(key="submit").disabled
    assert service.get_assessment(draft.id).answers == {"BR-01": AnswerEntry(value=3)}
    assert "1 of 30 questions answered" in at.get("progress")[0].proto.text


def test_starting_a_draft_on_a_read_only_database_says_so_in_plain_words(
    service: ReadinessService, read_only: ReadOnlySwitch
):
    at = new_session(ASSESSMENT, team="checkout-web")
    read_only.on = True

    at.button(key="start_empty").click().run()

    assert not at.exception
    assert [e.value for e in at.error] == [inert(READ_ONLY)]
    assert service.current_assessment("checkout-web", PERIOD) is None
