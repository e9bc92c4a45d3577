"""Score an organisation whose assessments were answered on different questionnaire versions.

Each assessment is scored with the rubric and catalogue of the version it was answered on:
the assessments are grouped by version, each group goes through `score_org` once, and the rows
come back in the order asked for. Columns a version lacks (another version's pillars or chains)
are empty for its assessments.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import pandas as pd

from scoring.frames import assessment_index
from scoring.model import Catalogue, Rubric
from scoring.vectorised import score_org


def score_org_by_version(
    versions: Mapping[Hashable, tuple[Rubric, Catalogue]],
    version_of: Mapping[Hashable, Hashable],
    answers: pd.DataFrame,
    removed: pd.DataFrame,
    assessment_ids: Sequence[Hashable] | None = None,
    evidence: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per assessment, scored on its own version (see `score_org` for the columns).

    Args:
        versions: each version's rubric and catalogue, by any key (e.g. (id, version) pairs).
        version_of: each assessment's version key.
        answers: long-form answers, as for `score_org`.
        removed: removed chains, as for `score_org`.
        assessment_ids: the assessments to score, in this order; default every id in either
            frame, in order of first appearance.
        evidence: evidence bounds, as for `score_org` (each group gets its own rows).
    """
    ids = list(assessment_index(answers, removed, assessment_ids))
    groups: dict[Hashable, list[Hashable]] = {}
    for assessment_id in ids:
        groups.setdefault(version_of[assessment_id], []).append(assessment_id)
    frames = []
    for key, members in groups.items():
        rubric, catalogue = versions[key]
        chosen = set(members)
        frames.append(
            score_org(
                rubric,
                catalogue,
                answers[answers["assessment_id"].isin(chosen)],
                removed[removed["assessment_id"].isin(chosen)],
                members,
                None if evidence is None else evidence[evidence["assessment_id"].isin(chosen)],
            )
        )
    if not frames:
        # No assessment: the columns of any version given, so callers can still select them.
        if versions:
            rubric, catalogue = next(iter(versions.values()))
            return score_org(rubric, catalogue, answers, removed, ids)
        return pd.DataFrame(index=pd.Index(ids, dtype=object))
    if len(frames) == 1:
        return frames[0].reindex(ids)
    return pd.concat(frames).reindex(ids)
