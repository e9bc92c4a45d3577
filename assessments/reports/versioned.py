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

from assessments.content.answers import AnswerEntry, trusted_entry
from assessments.content.comparable import Basis, for_comparison
from assessments.content.versions import ContentLibrary, VersionKey
from scoring.by_version import score_org_by_version
from scoring.model import AnswerKind, Catalogue, Rubric
from scoring.track_record_facts import TrackRecordFrames

ContentKey = tuple[VersionKey, VersionKey | None]
"""(questionnaire (id, version), catalogue (id, version) or None)."""
_EVIDENCE = "https://evidence.invalid/"
"""Stands in for an evidence link when answers are migrated from frames (only its presence
counts in scoring)."""


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
    keys = {row["assessment_id"]: content_key(row) for _, row in assessments.iterrows()}
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
    mapped_rows: list[tuple[Hashable, str, AnswerEntry]] = []
    mapped_ids: set[Hashable] = set()
    keys = _content_keys(assessments)
    older = {a for a, key in keys.items() if key[0] != in_force[0]}
    entries_of = _entries(answers, older)
    for assessment_id, key in keys.items():
        answered[assessment_id] = key[0][1]
        if key[0] == in_force[0]:
            version_of[assessment_id], basis[assessment_id] = key, Basis.AS_ANSWERED.value
            continue
        entries = entries_of[assessment_id]
        found = for_comparison(library, key[0], key[1], entries, in_force[0])
        basis[assessment_id] = found.basis.value
        if found.basis is Basis.MAPPED:
            version_of[assessment_id] = in_force
            mapped_ids.add(assessment_id)
            mapped_rows.extend((assessment_id, q, e) for q, e in found.answers.items())
        else:
            version_of[assessment_id] = key
    kept = answers[~answers["assessment_id"].isin(mapped_ids)]
    all_answers = pd.concat([kept, _rows(mapped_rows)], ignore_index=True) if mapped_rows else kept
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


def _entries(
    answers: pd.DataFrame, wanted: set[Hashable]
) -> dict[Hashable, dict[str, AnswerEntry]]:
    """The answers of the `wanted` assessments as entries, in one pass over their rows."""
    entries: dict[Hashable, dict[str, AnswerEntry]] = {a: {} for a in wanted}
    if not wanted:
        return entries
    rows = answers[answers["assessment_id"].isin(list(wanted))]
    value_kind, not_applicable = AnswerKind.VALUE.value, AnswerKind.NOT_APPLICABLE.value
    dont_know = AnswerKind.DONT_KNOW.value
    columns = ("assessment_id", "question_id", "kind", "value", "has_evidence")
    for assessment_id, question_id, kind, value, evidence in zip(
        *(rows[c].tolist() for c in columns), strict=True
    ):
        found = entries[assessment_id]
        if kind == value_kind:
            found[question_id] = trusted_entry(int(value), evidence=_EVIDENCE if evidence else None)
        elif kind == not_applicable:
            found[question_id] = trusted_entry(not_applicable="not applicable")
        elif kind == dont_know:
            found[question_id] = trusted_entry(dont_know=True)
    return entries


def _rows(rows: Sequence[tuple[Hashable, str, AnswerEntry]]) -> pd.DataFrame:
    """Answer-frame rows for migrated answers (assessment id, question id, entry), built once."""
    ids = np.empty(len(rows), dtype=object)
    ids[:] = [assessment_id for assessment_id, _, _ in rows]
    return pd.DataFrame(
        {
            "assessment_id": ids,
            "question_id": pd.Series([q for _, q, _ in rows], dtype=object),
            "kind": pd.Series([e.kind.value for _, _, e in rows], dtype=object),
            "value": pd.Series(
                [np.nan if e.value is None else float(e.value) for _, _, e in rows],
                dtype="float64",
            ),
            "has_evidence": pd.Series([e.evidence is not None for _, _, e in rows], dtype=bool),
        }
    )


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
