"""A scan as JSON: written by `evidence scan --format json`, read back whole or refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assessments.errors import ContentError
from assessments.evidence.scan import scan_paths
from assessments.evidence.scan_format import parse_scan_json, scan_document

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "examples" / "evidence"
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def test_a_scan_survives_json_fact_for_fact() -> None:
    scan = scan_paths([SAMPLES / "well-governed", SAMPLES / "gappy"], NOW)
    text = json.dumps(scan_document(scan)).encode()
    again = parse_scan_json(text, "scan.json")
    assert again.facts == scan.facts
    assert again.files == tuple(dict.fromkeys(scan.files))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{", ["scan.json:1:2: invalid JSON: Expecting property name enclosed in double quotes"]),
        (b"\xff", ["scan.json: not UTF-8 text"]),
        (b" " * 1_000_001, ["scan.json: larger than 1000000 bytes"]),
        (b'{"problems": []}', ["scan.json: facts: Field required"]),
        (
            b'{"facts": [{"name": "cursor.sandbox_type", "value": "x", "source": "s",'
            b' "field": "type", "read_at": "2026-12-01T09:00:00", "how": "guess"}]}',
            [
                "scan.json: facts.0.read_at: read_at needs a time zone,"
                " e.g. 2026-12-01T09:00:00+00:00",
                "scan.json: facts.0.how: Input should be 'file-in-repo', 'managed-policy' or 'api'",
            ],
        ),
    ],
)
def test_a_bad_scan_file_is_refused_with_reasons(content: bytes, expected: list[str]) -> None:
    with pytest.raises(ContentError) as raised:
        parse_scan_json(content, "scan.json")
    assert [str(p) for p in raised.value.problems] == expected
