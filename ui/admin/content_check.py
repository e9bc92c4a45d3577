"""Admin: check an uploaded questionnaire, catalogue, answers or roles file with the validator."""

from __future__ import annotations

import streamlit as st

from assessments.content.in_force import Content
from assessments.content.yaml_source import read_yaml
from assessments.errors import ContentError, Problem
from assessments.files.validation import content_kind, validate_text
from ui.text import inert
from ui.uploads import TEXT_LIMIT_MB, read_upload, render_problems


def content_verdict(source: bytes, filename: str, content: Content) -> tuple[str, list[Problem]]:
    """("ok" message, []) for a valid file, or ("", problems) — checked like `readiness validate`,
    against the questionnaire and catalogue in force."""
    problems = validate_text(source, filename, [content.questionnaire], [content.catalogue])
    if problems:
        return "", problems
    try:
        data = read_yaml(source, filename).data
    except ContentError as error:  # pragma: no cover - validate_text already read it
        return "", error.problems
    kind = content_kind(data)
    what = kind.value if kind is not None else "file"
    name = f" {data['id']} v{data.get('version', '?')}" if "id" in data else ""
    return f"{filename}: a valid {what}{name}, no problems.", []


def render_content_check(content: Content) -> None:
    """Upload a YAML file; list every problem with its line, or say it is valid."""
    st.subheader("Check a questionnaire or chain catalogue")
    st.caption(
        f"Checked by the same validator as `readiness validate`, against the questionnaire "
        f"({inert(content.questionnaire.id)} v{inert(content.questionnaire.version)}) and "
        f"catalogue ({inert(content.catalogue.id)} v{inert(content.catalogue.version)}) in force. "
        "Checking changes nothing: to put a file in force, add it to data/ (or "
        "READINESS_DATA_DIR) and restart the app."
    )
    upload = read_upload(
        "Questionnaire, catalogue, answers or roles file (YAML)",
        ["yaml", "yml"],
        key="content_file",
        limit_mb=TEXT_LIMIT_MB,
    )
    if upload is None:
        return
    verdict, problems = content_verdict(upload.data, upload.name, content)
    if problems:
        render_problems(upload.name, problems, verdict="is not valid", key="content_problems")
    else:
        st.success(inert(verdict), icon=":material/task_alt:")
