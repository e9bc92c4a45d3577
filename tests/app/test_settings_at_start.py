"""A malformed setting stops the app at start with a message naming it."""

from __future__ import annotations

import pytest

from assessments.service.readiness import ReadinessService
from tests.app.conftest import new_session
from ui.text import inert


def test_a_malformed_setting_stops_the_app_with_its_name(
    service: ReadinessService, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("READINESS_SEED_DEMO", "yes")

    at = new_session()

    assert not at.exception
    assert [e.value for e in at.error] == [
        "The app cannot start: "
        + inert("READINESS_SEED_DEMO='yes': must be 1 (seed the demo into an empty database) or 0")
    ]
    assert len(at.selectbox) == 0
