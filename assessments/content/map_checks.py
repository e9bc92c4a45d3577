"""Check a migration map against the two questionnaire versions it connects.

Every old question must be accounted for exactly once, every new question reached exactly once,
every old value mapped into the new scale, and no id may be unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from assessments.content.cross_references import document_of
from assessments.content.migration_map import Change, MigrationMap, ValueMap
from assessments.content.questionnaire import Question, Questionnaire
from assessments.content.schema_errors import choices_hint
from assessments.content.yaml_source import FieldPath, YamlDocument
from assessments.errors import Problem

_Add = Callable[..., None]
"""Records one problem: add(path, message, hint="")."""


def check_migration_map(
    migration: MigrationMap,
    old: Questionnaire | None,
    new: Questionnaire | None,
    document: YamlDocument | None = None,
) -> list[Problem]:
    """Every problem of `migration` as a map from `old` to `new` (either may be unknown)."""
    doc = document or document_of(migration, f"map of {migration.questionnaire}")
    problems: list[Problem] = []

    def add(path: FieldPath, message: str, hint: str = "") -> None:
        problems.append(doc.problem(path, message, hint))

    if migration.from_version == migration.to_version:
        add(
            ("to_version",),
            "from_version and to_version are the same",
            "a map leads to a new version",
        )
    for side, questionnaire, version_field in (
        ("old", old, "from_version"),
        ("new", new, "to_version"),
    ):
        if questionnaire is not None and questionnaire.id != migration.questionnaire:
            add(
                ("questionnaire",),
                f"the map is for questionnaire '{migration.questionnaire}', but the {side}"
                f" version is '{questionnaire.id}'",
            )
        expected = getattr(migration, version_field)
        if questionnaire is not None and questionnaire.version != expected:
            add(
                (version_field,),
                f"{version_field} is {expected!r} but the {side} questionnaire is version"
                f" {questionnaire.version!r}",
            )
    if old is not None:
        _accounted(add, migration.sources(), old, "old", migration.from_version, migration)
    if new is not None:
        _accounted(add, migration.targets(), new, "new", migration.to_version, migration)
    if old is not None and new is not None:
        for index, change in enumerate(migration.changes):
            _check_values(add, index, change, old, new)
    return problems


def _accounted(
    add: _Add,
    named: Sequence[tuple[str, int]],
    questionnaire: Questionnaire,
    side: str,
    version: str,
    migration: MigrationMap,
) -> None:
    ids = [q.id for q in questionnaire.questions]
    counts = Counter(question for question, _ in named)
    for question, index in named:
        change = migration.changes[index]
        if question not in ids:
            add(
                ("changes", index, change.kind),
                f"unknown {side} question '{question}' (not in version {version})",
                choices_hint(question, ids, f"{side} questions"),
            )
        elif counts[question] > 1:
            add(
                ("changes", index, change.kind),
                f"{side} question '{question}' is named by {counts[question]} changes",
                "name each question once",
            )
            counts[question] = 1  # report a repeated question once
    verb = "keep, rename, rescale, split, merge or remove" if side == "old" else "a change or add"
    for question in ids:
        if question not in counts:
            add(
                ("changes",),
                f"{side} question '{question}' (version {version}) is not accounted for",
                f"name it with {verb}",
            )


def _check_values(
    add: _Add, index: int, change: Change, old: Questionnaire, new: Questionnaire
) -> None:
    kind = change.kind
    maps: dict[str, ValueMap] = {}
    if change.split is not None:
        maps = change.split.values
        allowed = change.split.into
    elif change.merge is not None:
        maps = change.merge.values
        allowed = change.merge.from_
    else:
        allowed = ()
    for key in maps:
        if key not in allowed:
            add(
                ("changes", index, kind, "values", key),
                f"'{key}' is not one of this {kind}'s questions",
                choices_hint(key, list(allowed), "questions"),
            )
    for link in _links(change):
        target = _find(new, link[1])
        source = _find(old, link[0])
        if target is None or source is None:
            continue  # reported as an unknown id
        values, path = link[2], link[3]
        if values is None:
            if source.max_value > target.max_value:
                add(
                    ("changes", index, kind),
                    f"{source.id} has values up to {source.max_value} but {target.id} stops at"
                    f" {target.max_value}",
                    "give `values:` mapping each old value to one on the new scale",
                )
            continue
        _check_value_map(add, ("changes", index, kind, *path), values, source, target)


def _links(change: Change) -> list[tuple[str, str, ValueMap | None, FieldPath]]:
    """(old id, new id, value map or None, path of the map below the change) per connection."""
    if change.keep is not None:
        return [(change.keep, change.keep, None, ())]
    if change.rename is not None:
        return [(change.rename.from_, change.rename.to, None, ())]
    if change.rescale is not None:
        r = change.rescale
        return [(r.question, r.to or r.question, r.values, ("values",))]
    if change.split is not None:
        s = change.split
        return [(s.from_, new, s.values.get(new), ("values", new)) for new in s.into]
    if change.merge is not None:
        m = change.merge
        return [(old, m.into, m.values.get(old), ("values", old)) for old in m.from_]
    return []


def _check_value_map(
    add: _Add, path: FieldPath, values: ValueMap, source: Question, target: Question
) -> None:
    old_values = range(source.max_value + 1)
    missing = [v for v in old_values if v not in values]
    if missing:
        add(
            path,
            f"old value{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} of"
            f" {source.id} {'are' if len(missing) > 1 else 'is'} not mapped",
            f"map every value 0-{source.max_value} of {source.id} to a value of {target.id}",
        )
    for old_value, new_value in values.items():
        if old_value not in old_values:
            add(
                (*path, old_value),
                f"{source.id} has no value {old_value} (its scale is 0-{source.max_value})",
            )
        if new_value > target.max_value:
            add(
                (*path, old_value),
                f"{new_value} is outside {target.id}'s scale 0-{target.max_value}",
                f"map to a value from 0 to {target.max_value}",
            )


def _find(questionnaire: Questionnaire, question_id: str) -> Question | None:
    try:
        return questionnaire.question(question_id)
    except KeyError:
        return None
