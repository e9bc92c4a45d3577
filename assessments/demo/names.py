"""Names for the demo organisation: units, teams, managers and not-applicable reasons."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

UNIT_TEAMS: dict[str, tuple[str, ...]] = {
    "Payments": (
        "Checkout Web", "Checkout API", "Payment Gateway", "Billing", "Payouts", "Invoicing",
        "Refunds & Disputes", "Tax Engine", "Wallet",
    ),
    "Marketplace": (
        "Search Ranking", "Listings", "Seller Tools", "Catalog Ingestion", "Reviews",
        "Buyer Messaging", "Pricing", "Recommendations",
    ),
    "Platform": (
        "Developer Platform", "CI Infrastructure", "Kubernetes Runtime", "Observability",
        "Identity & Access", "Edge Networking", "Databases", "Release Engineering",
    ),
    "Data & ML": (
        "Data Pipelines", "Feature Store", "ML Platform", "Experimentation",
        "Analytics Engineering", "Forecasting", "Data Governance", "LLM Applications",
    ),
    "Growth": (
        "Onboarding", "Lifecycle Messaging", "Referrals", "SEO", "Paid Acquisition",
        "Activation", "Notifications",
    ),
    "Trust & Safety": (
        "Fraud Signals", "Content Moderation", "Account Security", "Risk Rules",
        "Abuse Detection", "Identity Verification",
    ),
}  # fmt: skip
"""The six built-in units, each with the teams it starts with."""

MORE_UNITS = (
    "Logistics", "Mobile", "Customer Support", "Security", "Fulfilment", "Ads",
    "Partner Integrations", "Finance Systems", "Internal Tools", "Maps", "Subscriptions",
    "Loyalty", "Inventory", "Travel", "Media", "Enterprise", "Health", "Insurance", "Lending",
    "Retail", "Hospitality", "Education", "Developer Relations", "Localisation", "Privacy",
    "Compliance", "Core Banking", "Supply Chain", "Ticketing", "Communications",
)  # fmt: skip
"""Names for units beyond the six built-in ones."""

UNIT_SUFFIXES = ("Platform", "Experience", "Operations", "Services")

TEAM_PREFIXES = (
    "Accounts", "Addresses", "Alerts", "Audit", "Auth", "Baskets", "Bookings", "Budgets",
    "Calendar", "Campaigns", "Cart", "Catalog", "Chat", "Claims", "Consent", "Contracts",
    "Coupons", "Credit", "Customer", "Delivery", "Deploy", "Discovery", "Documents", "Email",
    "Events", "Exports", "Feeds", "Files", "Forms", "Gift Cards", "Help Center", "Imports",
    "Incentives", "Inbox", "Ledger", "Loyalty", "Maps", "Media", "Merchant", "Metering",
    "Notifications", "Offers", "Orders", "Partners", "Payments", "Permissions", "Photos",
    "Policies", "Profiles", "Promotions", "Quotes", "Rates", "Receipts", "Reconciliation",
    "Reporting", "Reservations", "Returns", "Rewards", "Routing", "Scheduling", "Settlements",
    "Shipping", "Signup", "Storefront", "Subscriptions", "Support", "Surveys", "Tagging",
    "Tickets", "Timeline", "Tracking", "Translations", "Trips", "Uploads", "Usage", "Vendors",
    "Video", "Vouchers", "Warehouse", "Webhooks",
)  # fmt: skip

TEAM_SUFFIXES = (
    "Web", "API", "Mobile", "Platform", "Pipelines", "Services", "Insights", "Automation",
    "Tooling", "Core", "Integrations", "Experience", "Reliability", "Data", "Frontend",
    "Backend", "Analytics", "Workflows", "Gateway", "Sync", "Studio", "Engine", "Quality",
    "Ops", "Console", "SDK", "Search", "Admin", "Infra", "Labs",
)  # fmt: skip

FIRST_NAMES = (
    "Amara", "Bruno", "Chen", "Dana", "Elif", "Farah", "Gustav", "Hana", "Ines", "Jonas",
    "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rafael", "Sofia", "Tomasz",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zara", "Aiko", "Bilal", "Carmen", "Dmitri",
    "Esther", "Felix", "Grace", "Hugo", "Ingrid", "Javier", "Keiko", "Luca", "Maya", "Nils",
)  # fmt: skip

LAST_NAMES = (
    "Okafor", "Silva", "Wang", "Cohen", "Yilmaz", "Haddad", "Lindqvist", "Sato", "Moreau",
    "Becker", "Mensah", "Novak", "Garcia", "Rahman", "Khalil", "Sharma", "Murphy", "Costa",
    "Rossi", "Kowalski", "Iyer", "Petrov", "Li", "Torres", "Demir", "Ahmed", "Tanaka", "Qureshi",
    "Fernandez", "Ivanova", "Adeyemi", "Schmidt", "Kim", "Dubois", "Nilsson", "Ortega", "Ito",
    "Romano", "Patel", "Berg",
)  # fmt: skip

NOT_APPLICABLE_REASONS = {
    "blast_radius": (
        "The service is stateless; agents can reach no data store, and tests use fixtures.",
        "This repository ships a library; nothing in it is deployed by the team.",
        "Agents only work on documentation and front-end copy here.",
    ),
    "production_access": (
        "Agents have no path to production: the team's services run in a partner's account.",
        "The team owns no production environment; another team operates the runtime.",
    ),
    "orchestrator_skill": (
        "Agents are only used through the code-review assistant, never to run tasks.",
        "Nobody on the team runs agents unattended yet, by decision of the team.",
    ),
}
"""Reasons teams give for "not applicable", by pillar id."""


def slugify(name: str) -> str:
    """A URL-safe slug: "Refunds & Disputes" → "refunds-disputes"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def unit_names(count: int) -> list[str]:
    """The first `count` unit names: the built-in six, then more, then combinations."""
    pool = [*UNIT_TEAMS, *MORE_UNITS]
    pool += [f"{name} {suffix}" for suffix in UNIT_SUFFIXES for name in MORE_UNITS]
    return _take_unique(iter(pool), count, fallback="Unit")


def team_names(unit: str, count: int, taken: set[str], rng: random.Random) -> list[str]:
    """`count` team names for a unit, unique across `taken` (which this updates)."""
    combinations = [f"{p} {s}" for p in TEAM_PREFIXES for s in TEAM_SUFFIXES]
    rng.shuffle(combinations)
    candidates = (n for n in (*UNIT_TEAMS.get(unit, ()), *combinations) if n not in taken)
    names = _take_unique(candidates, count, fallback=f"{unit} Team", taken=taken)
    taken.update(names)
    return names


def manager_email(index: int) -> str:
    """A human-sounding work address for the manager of the `index`-th team."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 7 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first.lower()}.{last.lower()}@example.com"


def _take_unique(
    candidates: Iterator[str], count: int, *, fallback: str, taken: set[str] | None = None
) -> list[str]:
    names: list[str] = []
    slugs = {slugify(name) for name in taken or ()}
    for name in candidates:
        if len(names) == count:
            return names
        if slugify(name) not in slugs:
            names.append(name)
            slugs.add(slugify(name))
    # Only very large organisations get here: number the rest.
    number = 1
    while len(names) < count:
        name = f"{fallback} {number}"
        if slugify(name) not in slugs:
            names.append(name)
            slugs.add(slugify(name))
        number += 1
    return names


def pick(rng: random.Random, options: Sequence[str]) -> str:
    """One option, drawn from `rng`."""
    return options[rng.randrange(len(options))]
