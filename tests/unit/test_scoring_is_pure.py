"""The scoring model imports no framework and nothing else from the project."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SCORING = Path(__file__).resolve().parents[2] / "scoring"
FORBIDDEN_ROOTS = (
    "streamlit",
    "sqlalchemy",
    "yaml",
    "pydantic",
    "assessments",
    "ui",
    "app_pages",
    "cli",
)


def forbidden_imports(source: str) -> list[str]:
    """Imported module names whose top-level package is forbidden in scoring/."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [name for name in names if name.split(".")[0] in FORBIDDEN_ROOTS]
    return found


def scoring_modules() -> list[Path]:
    return sorted(SCORING.rglob("*.py"))


def test_scoring_package_has_modules_to_check():
    assert {"model.py", "results.py", "assessment.py"} <= {p.name for p in scoring_modules()}


@pytest.mark.parametrize("module", scoring_modules(), ids=lambda p: p.name)
def test_scoring_module_imports_no_framework_or_project_package(module):
    assert forbidden_imports(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "offending"),
    [
        ("import yaml", ["yaml"]),
        ("from assessments.catalogue import Chain", ["assessments.catalogue"]),
        ("import streamlit as st", ["streamlit"]),
        ("import os, sqlalchemy.orm", ["sqlalchemy.orm"]),
        ("def f():\n    from pydantic import BaseModel\n", ["pydantic"]),
        ("from ui import figures", ["ui"]),
        ("from app_pages.report import render", ["app_pages.report"]),
        ("import cli.main", ["cli.main"]),
        ("import dataclasses\nfrom scoring.model import Rubric", []),
        ("from . import model", []),
        ("import uikit\nimport yamlish", []),
    ],
)
def test_import_checker_flags_forbidden_roots_only(source, offending):
    assert forbidden_imports(source) == offending
