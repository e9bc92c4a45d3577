"""Track-record facts: per team and as arrays, the same numbers for every assessment."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.model import AssessmentInput
from scoring.track_record import IncidentRecord, Severity
from scoring.track_record_facts import (
    NEVER,
    UNKNOWN,
    OrgTrackRecord,
    days_removed,
    days_since_incident,
    track_record_frames,
    wait_until,
)

DAY = date(2026, 12, 1)
PILLARS = ("br", "pa")
CHAINS = ("c1", "c2")


def test_days_removed_and_since_incident_for_one_team():
    since = {"c1": date(2026, 11, 3)}
    assert days_removed(since, "c1", DAY) == 28
    assert days_removed(since, "c2", DAY) == UNKNOWN
    assert days_removed(since, "c1", None) == UNKNOWN
    incidents = [
        IncidentRecord(1, date(2026, 9, 1), Severity.CRITICAL, "br"),
        IncidentRecord(2, date(2026, 11, 20), Severity.LOW, "br"),
        IncidentRecord(3, date(2026, 12, 5), Severity.HIGH, "br"),
    ]
    assert days_since_incident(incidents, ["br"], Severity.HIGH, DAY) == 91
    assert days_since_incident(incidents, ["br"], Severity.LOW, DAY) == 11
    assert days_since_incident(incidents, ["pa"], Severity.LOW, DAY) == NEVER
    assert days_since_incident(incidents, ["br"], Severity.LOW, None) == UNKNOWN
    assert wait_until(10, 28, DAY) == DAY + timedelta(days=18)


days = st.integers(0, 200).map(lambda n: DAY - timedelta(days=n))
incidents = st.builds(
    IncidentRecord,
    st.integers(1, 1000),
    st.integers(0, 230).map(lambda n: DAY + timedelta(days=20) - timedelta(days=n)),
    st.sampled_from(list(Severity)),
    st.sampled_from(PILLARS),
)
inputs = st.builds(
    AssessmentInput,
    as_of=st.none() | days,
    removed_since=st.dictionaries(st.sampled_from(CHAINS), days, max_size=2),
    incidents=st.lists(incidents, max_size=4).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(inputs, min_size=1, max_size=8), st.sampled_from(list(Severity)))
def test_the_arrays_equal_the_per_team_numbers(assessments, severity):
    keyed: dict[Hashable, AssessmentInput] = {index * 7: a for index, a in enumerate(assessments)}
    org = OrgTrackRecord(track_record_frames(keyed), pd.Index(list(keyed)))
    for chain in CHAINS:
        assert org.days_removed(chain).tolist() == [
            days_removed(a.removed_since, chain, a.as_of) for a in keyed.values()
        ]
    for pillars in (["br"], ["br", "pa"]):
        assert org.days_since_incident(pillars, severity).tolist() == [
            days_since_incident(a.incidents, pillars, severity, a.as_of) for a in keyed.values()
        ]
