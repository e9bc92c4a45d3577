"""Render user-written text inert: no HTML, no markdown, no LaTeX."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def inert(text: str | None) -> str:
    """Escape free text so Streamlit's markdown shows it exactly as typed.

    Every markdown, HTML and LaTeX trigger is backslash-escaped and newlines become
    spaces, so a team named `<b>x</b>` or `[click](http://evil)` reads literally.
    """
    if not text:
        return ""
    flat = " ".join(text.split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", flat)
