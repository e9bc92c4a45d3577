"""Render user-written text inert: no HTML, no markdown, no LaTeX, and no needless backslashes."""

from __future__ import annotations

import re

# Characters that start markup anywhere in a line: emphasis, code, links, HTML, entities,
# tables, strikethrough, LaTeX ($) and Streamlit's colour/emoji/icon directives (":red[", ":x:").
_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>|~$&])")
# Shortcodes such as ":smile:", ":red[x]" or ":material/x:": escape a colon before a letter.
_SHORTCODE = re.compile(r":(?=[A-Za-z])")
# Block markup only counts at the start: "# heading", "- item", "+ item", "> quote", "1. item".
_LINE_START = re.compile(r"^([#+\-=>]|\d+[.)])")


def inert(text: str | None) -> str:
    """Escape free text so markdown (Streamlit's or a Markdown file's) shows it exactly as typed.

    Only characters that could start markup are backslash-escaped — "<b>", "[x](y)", "*a*",
    "$x$", ":red[x]", a leading "#" or "1." — and newlines become spaces, so a team named
    `<b>x</b>` or `[click](http://evil)` reads literally while `local-admin` or `2026-12-02`
    stays as written.
    """
    if not text:
        return ""
    flat = " ".join(text.split())
    escaped = _SHORTCODE.sub(r"\\:", _ANYWHERE.sub(r"\\\1", flat))
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)
