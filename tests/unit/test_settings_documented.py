"""Every environment setting the code reads is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETTING = re.compile(r"\bREADINESS_[A-Z_]+\b")
MAKE_SETTING = re.compile(r"^([A-Z_]+) \?=", re.MULTILINE)  # `make run PORT=8600`
SOURCES = ("app.py", "app_pages", "ui", "assessments", "scoring", "cli", "tests/integration")


def settings_read_by_code() -> set[str]:
    found: set[str] = set()
    for source in SOURCES:
        path = REPO / source
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            text = file.read_text()
            if re.search(r"environ|getenv|_ENV\b|setenv", text):
                found |= set(SETTING.findall(text))
    found |= set(MAKE_SETTING.findall((REPO / "Makefile").read_text()))
    return found


def test_the_code_reads_the_known_settings() -> None:
    assert {"READINESS_DATABASE_URL", "READINESS_SEED_DEMO", "PORT"} <= settings_read_by_code()


def test_every_setting_is_in_the_readme_settings_table() -> None:
    readme = (REPO / "README.md").read_text()
    table = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    missing = sorted(s for s in settings_read_by_code() if f"`{s}`" not in table)
    assert missing == []
