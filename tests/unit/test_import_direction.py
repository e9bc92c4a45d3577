"""Imports point one way, room by room (and cli beside app_pages, never into it):

app_pages → ui → assessments.service → assessments.reports → assessments.files →
assessments.storage → assessments.demo → assessments.content → top-level assessments modules
(errors, periods, access) → scoring.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

FORBIDDEN = {
    "scoring": {"assessments", "ui", "app_pages", "cli", "streamlit", "sqlalchemy", "yaml"},
    "assessments": {"ui", "app_pages", "cli", "streamlit"},
    "ui": {"app_pages", "cli"},
    "cli": {"app_pages", "streamlit"},
}

ROOMS = (
    ("app_pages", "cli"),
    ("ui",),
    ("assessments.service",),
    ("assessments.reports",),
    ("assessments.files",),
    ("assessments.storage",),
    ("assessments.demo",),
    ("assessments.evidence",),
    ("assessments.content",),
    ("assessments",),
    ("scoring",),
)
"""Outermost first: a module may import its own room and the rooms after it, never one before.
Rooms sharing a row (app_pages, cli) may not import each other."""


def imported_roots(source: str) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def room_of(module: str) -> str | None:
    """The most specific room a dotted module name lives in, e.g. "assessments.storage"."""
    rooms = [room for row in ROOMS for room in row]
    inside = [room for room in rooms if module == room or module.startswith(room + ".")]
    return max(inside, key=len, default=None)


def rank(room: str) -> int:
    return next(i for i, row in enumerate(ROOMS) if room in row)


def violations(package: str) -> list[str]:
    found = []
    for file in sorted((REPO / package).rglob("*.py")):
        bad = imported_roots(file.read_text()) & FORBIDDEN[package]
        found += [f"{file.relative_to(REPO)} imports {name}" for name in sorted(bad)]
    return found


def room_violations() -> list[str]:
    found = []
    for package in ("app_pages", "cli", "ui", "assessments", "scoring"):
        for file in sorted((REPO / package).rglob("*.py")):
            own = room_of(".".join(file.relative_to(REPO).with_suffix("").parts))
            assert own is not None
            for module in sorted(imported_modules(file.read_text())):
                other = room_of(module)
                if other is None or other == own:
                    continue
                if rank(other) <= rank(own):
                    found.append(f"{file.relative_to(REPO)} ({own}) imports {module} ({other})")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_inner_layers(package: str) -> None:
    assert violations(package) == []


def test_each_room_imports_only_the_rooms_after_it() -> None:
    assert room_violations() == []


@pytest.mark.parametrize(
    ("module", "room"),
    [
        ("assessments.storage.repository", "assessments.storage"),
        ("assessments.periods", "assessments"),
        ("assessments", "assessments"),
        ("ui.admin.backup", "ui"),
        ("scoring.vectorised", "scoring"),
        ("pandas", None),
    ],
)
def test_a_module_belongs_to_its_most_specific_room(module: str, room: str | None) -> None:
    assert room_of(module) == room


def test_an_import_back_towards_the_pages_is_a_violation() -> None:
    assert rank("assessments.storage") > rank("assessments.service")
    assert rank("cli") == rank("app_pages")


@pytest.mark.parametrize(
    ("source", "roots"),
    [
        ("import streamlit as st", {"streamlit"}),
        ("from ui.charts import x", {"ui"}),
        ("from . import sibling", set()),
        ("import scoring.model, yaml", {"scoring", "yaml"}),
    ],
)
def test_the_import_checker_sees_every_form_of_import(source: str, roots: set[str]) -> None:
    assert imported_roots(source) == roots
