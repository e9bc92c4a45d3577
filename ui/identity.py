"""Who is using the app. Local mode: one admin, no login."""

from __future__ import annotations

LOCAL_ADMIN = "local-admin"


def current_actor() -> str:
    """The email or name recorded as the author of writes made in this session."""
    return LOCAL_ADMIN
