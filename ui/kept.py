"""Objects built once per scope and data version, like the org pages' figures."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from ui import org_data
from ui.figures.vega import Figure

T = TypeVar("T")


def kept(kind: str, build: Callable[[], T], *args: Hashable) -> T:
    """`build()`, kept per viewer scope and data version and per `kind` and `args`.

    org_data.figure keeps any object it is given (a resource: never copied, so never mutate
    what this returns); it is typed for figures, its first use.
    """
    return cast(T, org_data.figure(kind, cast(Callable[[], Figure], build), *args))
