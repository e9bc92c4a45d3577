"""Admin: check uploaded content files with the validator, and preview a questionnaire switch."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from assessments.content.in_force import Content
from assessments.content.switch_preview import preview_switch
from assessments.content.versions import ContentLibrary
from assessments.content.yaml_source import read_yaml
from assessments.errors import ContentError, Problem
from assessments.files.validation import content_kind, validate_text
from ui.text import inert
from ui.uploads import TEXT_LIMIT_MB, read_upload, render_problems, size_refusal


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


def render_switch_check(library: ContentLibrary, answered: Mapping[tuple[str, str], int]) -> None:
    """Upload a questionnaire, its catalogue and map together; check them and preview the switch."""
    st.subheader("Check a new questionnaire before putting it in force")
    st.caption(
        "Upload the questionnaire, its chain catalogue and (for a new version) its migration map"
        " together. They are checked against each other and against the versions stored in the"
        " database, not against the files in force; nothing changes until you place them in the"
        " data folder and restart."
    )
    files = st.file_uploader(
        "Questionnaire, catalogue and map (YAML)",
        type=["yaml", "yml"],
        accept_multiple_files=True,
        key="switch_files",
        max_upload_size=TEXT_LIMIT_MB,
    )
    if not files:
        return
    sources: dict[str, bytes] = {}
    for file in files:
        refusal = size_refusal(file.name, file.size, TEXT_LIMIT_MB)
        if refusal is not None:
            st.error(inert(refusal), icon=":material/block:")
            return
        sources[file.name] = file.getvalue()
    preview = preview_switch(sources, library, answered)
    names = ", ".join(sources)
    if preview.problems:
        render_problems(
            names, preview.problems, verdict="cannot go in force", key="switch_problems"
        )
    else:
        st.success(inert(f"{names}: checked together, no problems."), icon=":material/task_alt:")
    if preview.changes:
        st.markdown("**What would change**")
        st.markdown("\n".join(inert_line(line) for line in preview.changes))


def inert_line(line: str) -> str:
    """A preview sentence as a Markdown list item, its text inert."""
    if line.startswith("- "):
        return f"    - {inert(line[2:])}"
    return f"- {inert(line)}"


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
