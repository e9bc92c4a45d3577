"""Self-contained HTML documents: escaped text, inline CSS, plotly.js embedded once."""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go

_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 1000px; margin: 2em auto;
       color: #1f2328; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.7em; margin-bottom: .2em; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.meta { color: #57606a; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: .8em 1.2em; margin: 1em 0; }
.alert { border-color: #cf222e; background: #fff5f5; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .35em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
"""


def esc(text: object) -> str:
    """Escape anything for HTML text and attribute context."""
    return html.escape(str(text), quote=True)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An HTML table with every cell escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def bullets(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


class HtmlDocument:
    """Collects escaped sections and figures into one offline-readable file."""

    def __init__(self, title: str) -> None:
        self.title = title
        self._parts: list[str] = []
        self._has_plotly = False

    def raw(self, fragment: str) -> None:
        """Append markup built with `esc`, `table` or `bullets` (already escaped)."""
        self._parts.append(fragment)

    def heading(self, text: str, level: int = 2) -> None:
        self._parts.append(f"<h{level}>{esc(text)}</h{level}>")

    def paragraph(self, text: str, css_class: str = "") -> None:
        cls = f' class="{esc(css_class)}"' if css_class else ""
        self._parts.append(f"<p{cls}>{esc(text)}</p>")

    def figure(self, figure: go.Figure) -> None:
        """Embed a chart; the first one carries plotly.js inline so no network is needed."""
        self._parts.append(
            figure.to_html(
                full_html=False,
                include_plotlyjs=not self._has_plotly,
                config={"displayModeBar": False, "responsive": True},
            )
        )
        self._has_plotly = True

    def render(self) -> str:
        return (
            "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{esc(self.title)}</title><style>{_CSS}</style></head><body>"
            + "\n".join(self._parts)
            + "</body></html>\n"
        )
