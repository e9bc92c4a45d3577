"""What a printed page keeps: the content, without sidebar, header, banner or buttons."""

from __future__ import annotations

import streamlit as st

PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], .st-key-local_mode_banner, .st-key-no_print,
  [data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stPageLink"],
  [data-testid="stFormSubmitButton"], .modebar-container {
    display: none !important;
  }
  [data-testid="stMain"], [data-testid="stMainBlockContainer"] {
    margin: 0 !important; padding: 0 !important; max-width: 100% !important;
  }
  [data-testid="stVerticalBlockBorderWrapper"],
  [data-testid="stVegaLiteChart"] { break-inside: avoid; }
}
</style>
"""


def apply_print_style() -> None:
    """Add the print style sheet to the page (it changes nothing on screen)."""
    st.html(PRINT_CSS)
