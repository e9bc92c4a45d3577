"""The service as one signed-in person may use it (`AuthorizedService`), and `TeamAccess`.

No command is re-declared here: each one's rule sits next to it (`guard.py`), and
`AuthorizedService` is `ReadinessService` bound to a principal (`readiness.py`).
"""

from __future__ import annotations

from assessments.service.guard import ASK_AN_ADMIN, TeamAccess
from assessments.service.readiness import AuthorizedService

__all__ = ["ASK_AN_ADMIN", "AuthorizedService", "TeamAccess"]
