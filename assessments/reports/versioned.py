"""Score org frames version by version, and map older periods forward for trends.

Pure: frames and the content library in, scored frames out. Every assessment frame here has
the columns `assessment_id, questionnaire_id, questionnaire_version, catalogue_id,
catalogue_version` (the catalogue may be None for assessments stored before it was recorded).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from assessments.content.comparable import Basis, steps_to
from assessments.content.migration_frames import Step, migrate_frame
from assessments.content.versions import ContentLibrary, VersionKey
from scoring.by_version import score_org_by_version
from scoring.model import Catalogue, Rubric
from scoring.track_record_facts import TrackRecordFrames

ContentKey = tuple[VersionKey, VersionKey | None]
"""(questionnaire (id, version), catalogue (id, version) or None)."""


def content_key(row: pd.Series | Mapping[Hashable, Any]) -> ContentKey:
    """The (questionnaire, catalogue) an assessment row (a Series or a record) was answered on."""
    catalogue = row.get("catalogue_id")
    version = row.get("catalogue_version")
    questionnaire = (str(row["questionnaire_id"]), str(row["questionnaire_version"]))
    if isinstance(catalogue, str) and isinstance(version, str):
        return questionnaire, (catalogue, version)
    return (
        questionnaire,
        None,
    )


def score_as_answered(
    library: ContentLibrary,
    assessments: pd.DataFrame,
    answers: pd.DataFrame,
    removed: pd.DataFrame,
    ids: Sequence[Hashable] | None = None,
    evidence: pd.DataFrame | None = None,
    track_record: TrackRecordFrames | None = None,
) -> pd.DataFrame:
    """`score_org` rows for the assessments, each scored on the version it was answered on
    (contradicted answers at their `evidence` bounds, with their `track_record`)."""
    chosen = list(assessments["assessment_id"]) if ids is None else list(ids)
    keys = _content_keys(assessments)
    version_of = {assessment_id: keys[assessment_id] for assessment_id in chosen}
    # The content in force first: with no assessment at all its columns are the ones given.
    in_force = library.in_force
    versions: dict[Hashable, tuple[Rubric, Catalogue]] = {
        "in force": (in_force.rubric, in_force.scoring_catalogue)
    }
    for key in set(version_of.values()):
        content = library.content_for(*key)
        versions[key] = (content.rubric, content.scoring_catalogue)
    return score_org_by_version(
        versions, version_of, answers, removed, chosen, evidence, track_record
    )


def score_comparable(
    library: ContentLibrary,
    assessments: pd.DataFrame,
    answers: pd.DataFrame,
    removed: pd.DataFrame,
    target: VersionKey | None = None,
    evidence: pd.DataFrame | None = None,
    track_record: TrackRecordFrames | None = None,
) -> pd.DataFrame:
    """Rows for a trend: each assessment on `target` (default: the version in force) where it
    can be.

    Older versions of that questionnaire are mapped forward through the map chain; others keep
    their own version. Adds `basis` (as answered, mapped forward, not comparable) and
    `answered_version`.
    """
    goal = library.content_for(target, None) if target is not None else library.in_force
    in_force: ContentKey = (
        (goal.questionnaire.id, goal.questionnaire.version),
        (goal.catalogue.id, goal.catalogue.version),
    )
    version_of: dict[Hashable, ContentKey] = {}
    basis: dict[Hashable, str] = {}
    answered: dict[Hashable, str] = {}
    # Older versions of the target's questionnaire, each with its map chain (None: no chain).
    chains: dict[VersionKey, list[Step] | None] = {}
    mapped: dict[VersionKey, list[Hashable]] = {}
    keys = _content_keys(assessments)
    for assessment_id, key in keys.items():
        answered[assessment_id] = key[0][1]
        if key[0] == in_force[0]:
            version_of[assessment_id], basis[assessment_id] = key, Basis.AS_ANSWERED.value
            continue
        if key[0] not in chains:
            chains[key[0]] = steps_to(library, key[0], in_force[0])
        if chains[key[0]]:
            version_of[assessment_id], basis[assessment_id] = in_force, Basis.MAPPED.value
            mapped.setdefault(key[0], []).append(assessment_id)
        else:
            version_of[assessment_id] = key
            basis[assessment_id] = Basis.NOT_COMPARABLE.value
    all_answers = answers
    if mapped:
        # Every assessment of one older version is carried forward at once.
        carried = [migrate_frame(chains[v] or [], answers, ids) for v, ids in mapped.items()]
        moved = {a for ids in mapped.values() for a in ids}
        kept = answers[~answers["assessment_id"].isin(moved)]
        all_answers = pd.concat([kept, *_in_order(carried, keys)], ignore_index=True)
    versions: dict[Hashable, tuple[Rubric, Catalogue]] = {
        "target": (goal.rubric, goal.scoring_catalogue)
    }
    for key in set(version_of.values()):
        content = goal if key == in_force else library.content_for(*key)
        versions[key] = (content.rubric, content.scoring_catalogue)
    ids = list(assessments["assessment_id"])
    scores = score_org_by_version(
        versions, version_of, all_answers, removed, ids, evidence, track_record
    )
    scores["basis"] = pd.Series(basis, dtype=object).reindex(scores.index)
    scores["answered_version"] = pd.Series(answered, dtype=object).reindex(scores.index)
    return scores


def _content_keys(assessments: pd.DataFrame) -> dict[Hashable, ContentKey]:
    """Each assessment's content key; a key is built once per distinct set of versions."""
    names = ("questionnaire_id", "questionnaire_version", "catalogue_id", "catalogue_version")
    absent = [None] * len(assessments)
    columns = [assessments[n].tolist() if n in assessments else absent for n in names]
    built: dict[tuple[Any, ...], ContentKey] = {}
    keys: dict[Hashable, ContentKey] = {}
    ids = assessments["assessment_id"].tolist()
    for assessment_id, *versions in zip(ids, *columns, strict=True):
        raw = tuple(versions)
        key = built.get(raw)
        if key is None:
            key = built[raw] = content_key(dict(zip(names, versions, strict=True)))
        keys[assessment_id] = key
    return keys


def _in_order(frames: list[pd.DataFrame], keys: Mapping[Hashable, Any]) -> list[pd.DataFrame]:
    """Carried answers by assessment in the history's order, as they were carried one by one."""
    if len(frames) <= 1:
        return frames
    position = {assessment_id: i for i, assessment_id in enumerate(keys)}
    joined = pd.concat(frames, ignore_index=True)
    order = np.argsort([position[a] for a in joined["assessment_id"]], kind="stable")
    return [joined.take(order).reset_index(drop=True)]


def other_version_notes(table: pd.DataFrame, library: ContentLibrary) -> list[str]:
    """One sentence per questionnaire version, other than the one in force, that teams used.

    Args:
        table: an org table with `team`, `coverage`, `questionnaire_id` and
            `questionnaire_version` (teams without a submission are skipped).
        library: for the version in force.
    """
    q = library.in_force.questionnaire
    used = table.dropna(subset=["questionnaire_id", "questionnaire_version"])
    notes = []
    for (qid, version), rows in used.groupby(["questionnaire_id", "questionnaire_version"]):
        if (qid, version) == (q.id, q.version):
            continue
        teams = ", ".join(sorted(str(t) for t in rows["team"]))
        count = len(rows)
        notes.append(
            f"{count} team{'s' if count != 1 else ''} answered on questionnaire {qid} version"
            f" {version}, not the one in force ({q.id} version {q.version}), and"
            f" {'are' if count != 1 else 'is'} scored on the version answered: {teams}."
        )
    return notes


def period_version(table: pd.DataFrame) -> VersionKey | None:
    """The questionnaire version most submitted assessments of a period table used."""
    done = table[table["coverage"] == "submitted"]
    if done.empty:
        return None
    counts = done.groupby(["questionnaire_id", "questionnaire_version"]).size()
    qid, version = counts.sort_values(ascending=False, kind="stable").index[0]
    return (str(qid), str(version))
