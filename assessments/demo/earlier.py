"""Which earlier version the demo organisation starts on: the one the map in force leads from."""

from __future__ import annotations

from pathlib import Path

from assessments.content.in_force import default_questionnaire_path, kept_version, load_map_beside
from assessments.content.questionnaire import Questionnaire
from assessments.demo.records import EarlierVersion


def earlier_version(
    in_force: Questionnaire, quarters: int, questionnaire_path: Path | None = None
) -> EarlierVersion | None:
    """The version the content in force's map leads from, for the older half of the quarters.

    So the demo's trend crosses a version change at first run: older quarters are answered on
    the earlier version (kept in `previous/`), recent ones on the version in force. None when
    there is no map, the data folder does not keep the earlier version, or only one quarter.
    """
    migration = load_map_beside(questionnaire_path or default_questionnaire_path())
    if migration is None or quarters < 2:
        return None
    if (migration.questionnaire, migration.to_version) != (in_force.id, in_force.version):
        return None
    found = kept_version(migration.questionnaire, migration.from_version)
    if found is None:
        return None
    return EarlierVersion(found.questionnaire, found.catalogue, migration, quarters // 2)
