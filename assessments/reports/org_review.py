"""What moved between two periods: trends, movers, chains removed and reinstated, new alerts.

Pure functions on org tables (`assessments.reports.org_table`) and scored history. They lead with
trends and movement, never with a ranking of teams by level (DESIGN.md §2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from assessments.reports.org_table import (
    COULD_REMOVE_NOW,
    MARKED_REMOVED,
    NO_SUBMISSION,
    STATUS_LABELS,
    SUBMITTED,
    submitted,
)
from scoring.model import Catalogue
from scoring.results import ChainStatus

TREND_COLUMNS = ("period", "pillar", "mean_score", "mean_level", "teams")
MOVER_COLUMNS = (
    "team",
    "unit",
    "earlier_overall_level",
    "overall_level",
    "overall_level_change",
    "earlier_mean_score",
    "mean_score",
    "mean_score_change",
    "moved",
)
CHANGE_COLUMNS = ("team_slug", "team", "unit", "chain_id", "chain", "change", "status")
ALERT_COLUMNS = ("team_slug", "team", "unit", "chain_id", "chain", "before")
REMOVED_THIS_PERIOD = "removed"
REINSTATED = "reinstated"


def pillar_trends(
    history: pd.DataFrame,
    pillars: Mapping[str, str],
    *,
    unit_slug: str | None = None,
    until: str | None = None,
) -> pd.DataFrame:
    """Per period and pillar: mean score, mean level and number of teams (long form).

    The pillar "overall" carries the mean overall level and the mean of the pillar scores.
    """
    scoped = history if unit_slug is None else history[history["unit_slug"] == unit_slug]
    if until is not None:
        scoped = scoped[scoped["period"] <= until]
    rows = []
    for period, group in scoped.groupby("period", sort=True):
        for pillar in [*pillars, "overall"]:
            level = "overall_level" if pillar == "overall" else f"level:{pillar}"
            score = "mean_score" if pillar == "overall" else f"score:{pillar}"
            rows.append(
                {
                    "period": period,
                    "pillar": pillar,
                    "mean_score": float(group[score].mean()),
                    "mean_level": float(group[level].mean()),
                    "teams": len(group),
                }
            )
    return pd.DataFrame.from_records(rows, columns=list(TREND_COLUMNS))


def movers(
    changed: pd.DataFrame, pillars: Mapping[str, str], *, limit: int = 5
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The teams that moved most up and most down: overall level first, then mean score.

    `changed` is an org table with the columns of `change_since`. Teams not compared, or that
    did not move, are left out.
    """
    compared = changed[changed["compared"]]
    level = compared["overall_level_change"].astype(int)
    score = compared["mean_score_change"].astype(float)
    up = compared[(level > 0) | ((level == 0) & (score > 0))]
    down = compared[(level < 0) | ((level == 0) & (score < 0))]
    return (
        _mover_rows(_ranked(up, descending=True).head(limit), pillars),
        _mover_rows(_ranked(down, descending=False).head(limit), pillars),
    )


def _ranked(frame: pd.DataFrame, *, descending: bool) -> pd.DataFrame:
    sign = -1 if descending else 1
    keys = pd.DataFrame(
        {
            "level": sign * frame["overall_level_change"].astype(int),
            "score": sign * frame["mean_score_change"].astype(float),
            "team": frame["team"],
        },
        index=frame.index,
    )
    return frame.loc[keys.sort_values(["level", "score", "team"], kind="stable").index]


def _mover_rows(frame: pd.DataFrame, pillars: Mapping[str, str]) -> pd.DataFrame:
    moved = []
    for _, row in frame.iterrows():
        steps = [
            f"{name} {row[f'earlier_level:{pid}']}→{row[f'level:{pid}']}"
            for pid, name in pillars.items()
            if row[f"level_change:{pid}"] != 0
        ]
        moved.append("; ".join(steps) or "scores only; levels unchanged")
    out = frame[list(MOVER_COLUMNS[:-1])].copy()
    out["moved"] = moved
    return out


def chain_changes(table: pd.DataFrame, earlier: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Chains each team marked removed, or reinstated, since its submission in `earlier`.

    Only teams that submitted in both periods are compared. Rows are in table order, then
    catalogue order; `status` is the chain's status now.
    """
    now = submitted(table)
    before = submitted(earlier).reindex(now.index)
    both = now[before["coverage"].eq(SUBMITTED)]
    before = before.loc[both.index]
    position = pd.Series(range(len(both)), index=both.index)
    found = []
    for order, chain in enumerate(catalogue.chains):
        column = f"status:{chain.id}"
        marked_now = both[column].isin(MARKED_REMOVED)
        marked_before = before[column].isin(MARKED_REMOVED)
        changed = both[marked_now != marked_before]
        found.append(
            pd.DataFrame(
                {
                    "team_slug": changed.index,
                    "team": changed["team"].to_numpy(),
                    "unit": changed["unit"].to_numpy(),
                    "chain_id": chain.id,
                    "chain": chain.name,
                    "change": [
                        REMOVED_THIS_PERIOD if m else REINSTATED for m in marked_now[changed.index]
                    ],
                    "status": changed[column].to_numpy(),
                    "_row": position[changed.index].to_numpy(),
                    "_chain": order,
                }
            )
        )
    if not found:
        return pd.DataFrame(columns=list(CHANGE_COLUMNS))
    rows = pd.concat(found, ignore_index=True).sort_values(["_row", "_chain"], kind="stable")
    return rows[list(CHANGE_COLUMNS)].reset_index(drop=True)


def chain_change_counts(changes: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Per chain that changed: how many teams removed it and how many reinstated it."""
    rows = []
    for chain in catalogue.chains:
        mine = changes[changes["chain_id"] == chain.id]
        if mine.empty:
            continue
        rows.append(
            {
                "chain_id": chain.id,
                "chain": chain.name,
                "removed": int((mine["change"] == REMOVED_THIS_PERIOD).sum()),
                "reinstated": int((mine["change"] == REINSTATED).sum()),
            }
        )
    return pd.DataFrame.from_records(rows, columns=["chain_id", "chain", "removed", "reinstated"])


def new_alerts(table: pd.DataFrame, earlier: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Chains removed too early now that were not flagged in the team's earlier submission.

    `before` says what the chain was then: a status label, or "no submission".
    """
    now = submitted(table)
    before = submitted(earlier).reindex(now.index)
    too_early = ChainStatus.REMOVED_TOO_EARLY.value
    compared = (before["coverage"] == SUBMITTED).to_numpy()
    # Column by column, then back into team order: at 2,000 teams a loop over rows took 0.6 s.
    hits: list[tuple[int, int, str]] = []
    for order, chain in enumerate(catalogue.chains):
        column = f"status:{chain.id}"
        flagged = (now[column] == too_early).to_numpy()
        then = before[column].to_numpy()
        for i in np.flatnonzero(flagged & ~(compared & (then == too_early))):
            label = STATUS_LABELS[str(then[i])] if compared[i] else NO_SUBMISSION
            hits.append((int(i), order, label))
    hits.sort(key=lambda hit: hit[:2])
    chains = catalogue.chains
    teams, units, slugs = now["team"].to_numpy(), now["unit"].to_numpy(), now.index
    rows = [
        (slugs[i], teams[i], units[i], chains[order].id, chains[order].name, label)
        for i, order, label in hits
    ]
    return pd.DataFrame.from_records(rows, columns=list(ALERT_COLUMNS))


def low_confidence(table: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Teams whose answers carry low confidence; their recommendation is provisional."""
    low = submitted(table)
    low = low[low["confidence_band"] == "low"]
    names = {c.id: c.name for c in catalogue.chains}
    return pd.DataFrame(
        {
            "team": low["team"],
            "unit": low["unit"],
            "confidence": low["confidence"].astype(float),
            "next_chain": [names.get(c, "none") if c else "none" for c in low["next_chain"]],
        },
        index=low.index,
    )


def questionnaire_versions(table: pd.DataFrame) -> pd.DataFrame:
    """How many submitted assessments used each questionnaire version."""
    done = submitted(table)
    if done.empty:
        return pd.DataFrame(columns=["questionnaire", "version", "teams"])
    counts = (
        done.groupby(["questionnaire_id", "questionnaire_version"], sort=True)
        .size()
        .reset_index(name="teams")
    )
    counts.columns = ["questionnaire", "version", "teams"]
    return counts


def removable_now(table: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Per chain (catalogue order): how many teams could remove it now, and where it stands.

    Columns: `chain_id`, `chain`, `order`, `permanent`, `next`, `eligible`,
    `could_remove_now` (next + eligible), `removed`, `removed_too_early`, `blocked`.
    """
    done = submitted(table)
    rows = []
    for chain in catalogue.chains:
        status = done[f"status:{chain.id}"]
        counts = {s.value: int((status == s.value).sum()) for s in ChainStatus}
        rows.append(
            {
                "chain_id": chain.id,
                "chain": chain.name,
                "order": chain.order,
                "permanent": chain.permanent,
                "next": counts[ChainStatus.NEXT.value],
                "eligible": counts[ChainStatus.ELIGIBLE.value],
                "could_remove_now": int(status.isin(COULD_REMOVE_NOW).sum()),
                "removed": counts[ChainStatus.REMOVED.value],
                "removed_too_early": counts[ChainStatus.REMOVED_TOO_EARLY.value],
                "blocked": counts[ChainStatus.BLOCKED.value],
            }
        )
    return pd.DataFrame.from_records(rows)


def pillar_comparison(
    tables: Sequence[tuple[str, pd.DataFrame]], pillars: Mapping[str, str]
) -> pd.DataFrame:
    """Per pillar (and overall): mean level and mean score in each labelled period.

    Columns: `pillar`, `name`, then `mean_level:<label>` and `mean_score:<label>` per table.
    """
    rows = []
    for pillar, name in [*pillars.items(), ("overall", "Overall")]:
        row: dict[str, object] = {"pillar": pillar, "name": name}
        for label, table in tables:
            done = submitted(table)
            level = "overall_level" if pillar == "overall" else f"level:{pillar}"
            score = "mean_score" if pillar == "overall" else f"score:{pillar}"
            row[f"mean_level:{label}"] = float(done[level].astype(float).mean())
            row[f"mean_score:{label}"] = float(done[score].astype(float).mean())
        rows.append(row)
    return pd.DataFrame.from_records(rows)
