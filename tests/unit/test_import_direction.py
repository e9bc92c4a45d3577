"""Imports point one way: app_pages → ui → assessments → scoring (and cli beside app_pages)."""

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


def imported_roots(source: str) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def violations(package: str) -> list[str]:
    found = []
    for file in sorted((REPO / package).rglob("*.py")):
        bad = imported_roots(file.read_text()) & FORBIDDEN[package]
        found += [f"{file.relative_to(REPO)} imports {name}" for name in sorted(bad)]
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_inner_layers(package: str) -> None:
    assert violations(package) == []


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
