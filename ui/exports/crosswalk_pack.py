"""The review pack's crosswalk section: which teams removed a chain that departs from a standard."""

from __future__ import annotations

from assessments.content.catalogue import ChainCatalogue
from assessments.content.crosswalk import standard_name
from assessments.service.quarterly_review import QuarterlyReview
from scoring.results import ChainStatus
from ui.exports.review_sections import Section, Table

REMOVED = {ChainStatus.REMOVED.value, ChainStatus.REMOVED_TOO_EARLY.value}


def departures_section(review: QuarterlyReview, catalogue: ChainCatalogue) -> Section:
    """Per chain whose removal departs from a standard: the standard, the note, the teams."""
    rows = []
    for chain in catalogue.chains:
        column = f"status:{chain.id}"
        if not chain.departs_from or column not in review.table:
            continue
        removed = review.table[review.table[column].isin(REMOVED)]
        teams = ", ".join(sorted(str(t) for t in removed["team"])) if "team" in removed else ""
        for departure in chain.departs_from:
            rows.append(
                (
                    chain.name,
                    standard_name(departure.standard),
                    departure.note,
                    f"{len(removed)}: {teams}" if len(removed) else "0",
                )
            )
    return Section(
        "Departures from standards",
        (
            "Chains whose removal the default catalogue knowingly departs from a standard on,"
            " and the teams that removed them this period. Each team's gaps by standard are in"
            " its team report.",
        ),
        (Table(("Chain", "Standard", "Why it is a departure", "Teams removed"), tuple(rows)),),
    )
