"""Free text rendered inert: markup escaped, plain words left as written."""

from __future__ import annotations

import pytest

from ui.text import inert


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("local-admin", "local-admin"),
        ("2026-12-02", "2026-12-02"),
        ("Payments · Checkout (web).", "Payments · Checkout (web)."),
        ("ana@example.com", "ana@example.com"),
        ("2026-Q4: done", "2026-Q4: done"),
        ("<b>Ledger</b>", r"\<b\>Ledger\</b\>"),
        ("[x](http://evil)", r"\[x\](http://evil)"),
        ("*bold* _it_", r"\*bold\* \_it\_"),
        ("$x^2$", r"\$x^2\$"),
        (":red[alarm] :smile:", r"\:red\[alarm\] \:smile:"),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("12. item", r"12\. item"),
        ("> quote", r"\> quote"),
        ("a | b", r"a \| b"),
        ("&amp;", r"\&amp;"),
        ("two\nlines", "two lines"),
        ("", ""),
        (None, ""),
    ],
)
def test_inert_escapes_only_what_could_become_markup(typed, escaped) -> None:
    assert inert(typed) == escaped
