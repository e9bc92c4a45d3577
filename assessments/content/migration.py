"""Carry answers from one questionnaire version to the next through a migration map.

Pure: answers in, answers plus each new question's fate out. Used by prefill (the manager sees
what was carried, mapped or needs a fresh answer) and by trends (an older period is mapped
forward to compare like with like).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from assessments.content.answers import AnswerEntry, trusted_entry
from assessments.content.migration_map import Combine, Link, MigrationMap, ValueMap
from assessments.content.questionnaire import Questionnaire


class Fate(StrEnum):
    """What happened to one new question's answer."""

    CARRIED = "carried"
    MAPPED = "mapped"
    FRESH = "needs a fresh answer"


@dataclass(frozen=True)
class QuestionFate:
    """One new question after migration, with what it was and what it became.

    Attributes:
        question: the new question's id.
        fate: carried, mapped or needs a fresh answer.
        change: the map's change kind (keep, rename, rescale, split, merge, add).
        was: the old answers it came from, as "BR-02 = 2 (Documented)".
        now: the new answer, as "BR-12 = 1 (Yes)"; "" when it needs a fresh answer.
        reason: why a fresh answer is needed ("" otherwise).
    """

    question: str
    fate: Fate
    change: str
    was: tuple[str, ...] = ()
    now: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Migration:
    """Answers on the new version and each new question's fate, in the new questionnaire's order."""

    answers: dict[str, AnswerEntry]
    fates: tuple[QuestionFate, ...]

    def count(self, fate: Fate) -> int:
        """How many questions ended with this fate."""
        return sum(1 for f in self.fates if f.fate is fate)


def migrate(
    migration: MigrationMap,
    old: Questionnaire,
    new: Questionnaire,
    answers: Mapping[str, AnswerEntry],
    *,
    describe: bool = True,
) -> Migration:
    """Answers given on `old` as they read on `new`, question by question.

    Without `describe` the fates leave out what each answer was and became (`was`, `now`):
    a trend needs only the answers, and the wording costs more than the mapping.
    """
    links = {link.question: link for link in migration.links()}
    versions = (old.id, old.version, new.id, new.version)
    carried: dict[str, AnswerEntry] = {}
    fates = []
    for question in new.questions:
        link = links.get(question.id)
        if link is None or not link.sources:
            fates.append(QuestionFate(question.id, Fate.FRESH, "add", reason="new question"))
            continue
        if describe:
            entry, fate = _follow(link, old, new, answers, describe)
        else:
            # A new answer depends only on its sources' answers: a trend over thousands of
            # assessments meets each combination once (versions are immutable once stored).
            key = (versions, question.id, tuple(answers.get(s) for s, _ in link.sources))
            found = _FOLLOWED.get(key)
            if found is None:
                if len(_FOLLOWED) >= _FOLLOWED_MAX:
                    _FOLLOWED.clear()
                found = _FOLLOWED[key] = _follow(link, old, new, answers, describe)
            entry, fate = found
        if entry is not None:
            carried[question.id] = entry
        fates.append(fate)
    return Migration(carried, tuple(fates))


_FOLLOWED: dict[Hashable, tuple[AnswerEntry | None, QuestionFate]] = {}
"""Undescribed migrations of one question by (versions, question, its sources' answers)."""
_FOLLOWED_MAX = 100_000


def migrate_chain(
    steps: Sequence[tuple[MigrationMap, Questionnaire, Questionnaire]],
    answers: Mapping[str, AnswerEntry],
) -> dict[str, AnswerEntry]:
    """Answers carried through several maps in turn (oldest first)."""
    current = dict(answers)
    for migration, old, new in steps:
        current = migrate(migration, old, new, current, describe=False).answers
    return current


def follow_link(
    link: Link, old: Questionnaire, new: Questionnaire, answers: Mapping[str, AnswerEntry]
) -> AnswerEntry | None:
    """One new question's answer from the old answers its link names (None: it needs a fresh
    answer), as `migrate` carries it."""
    return _follow(link, old, new, answers, describe=False)[0]


def _follow(
    link: Link,
    old: Questionnaire,
    new: Questionnaire,
    answers: Mapping[str, AnswerEntry],
    describe: bool,
) -> tuple[AnswerEntry | None, QuestionFate]:
    target = new.question(link.question)
    was = (
        tuple(
            _describe(old, source, answers[source])
            for source, _ in link.sources
            if source in answers
        )
        if describe
        else ()
    )
    given = [
        (source, values, answers[source]) for source, values in link.sources if source in answers
    ]
    if len(given) < len(link.sources):
        missing = [source for source, _ in link.sources if source not in answers]
        reason = f"{', '.join(missing)} was not answered"
        return None, QuestionFate(link.question, Fate.FRESH, link.kind, was, reason=reason)
    without_value = [old for _, _, old in given if old.value is None]
    entry: AnswerEntry
    if any(old.dont_know for old in without_value):
        entry = trusted_entry(dont_know=True)
    elif without_value and len(without_value) == len(given):
        if not target.allow_not_applicable:
            reason = f"{target.id} cannot be not applicable"
            return None, QuestionFate(link.question, Fate.FRESH, link.kind, was, reason=reason)
        entry = without_value[0]
    else:
        mapped = [_mapped(values, old.value) for _, values, old in given if old.value is not None]
        if None in mapped or any(v > target.max_value for v in mapped if v is not None):
            reason = "the old value has no place on the new scale"
            return None, QuestionFate(link.question, Fate.FRESH, link.kind, was, reason=reason)
        numbers = [v for v in mapped if v is not None]
        value = min(numbers) if link.combine is Combine.MIN else max(numbers)
        first = given[0][2]
        # Built from validated answers and a value checked against the new scale above.
        entry = trusted_entry(value, evidence=first.evidence, note=first.note)
    same = link.kind == "keep"
    fate = Fate.CARRIED if same else Fate.MAPPED
    now = _describe(new, link.question, entry) if describe else ""
    return entry, QuestionFate(link.question, fate, link.kind, was, now)


def _mapped(values: ValueMap | None, value: int) -> int | None:
    if values is None:
        return value
    return values.get(value)


def _describe(questionnaire: Questionnaire, question_id: str, entry: AnswerEntry) -> str:
    if entry.value is not None:
        label = questionnaire.question(question_id).level(entry.value).label
        return f"{question_id} = {entry.value} ({label})"
    if entry.dont_know:
        return f"{question_id} = don't know"
    return f"{question_id} = not applicable"


def carry_forward(
    old: Questionnaire,
    new: Questionnaire,
    steps: Sequence[tuple[MigrationMap, Questionnaire, Questionnaire]] | None,
    answers: Mapping[str, AnswerEntry],
) -> Migration:
    """Last period's answers as they read on this period's questionnaire, with every fate.

    Args:
        old: the questionnaire the answers were given on.
        new: the questionnaire being answered now.
        steps: the map chain from `old` to `new` (oldest first); None when there is none.
        answers: the answers given on `old`.
    """
    if (old.id, old.version) == (new.id, new.version):
        fates = tuple(
            QuestionFate(q.id, Fate.CARRIED, "keep", (d,), d)
            if q.id in answers and (d := _describe(new, q.id, answers[q.id]))
            else QuestionFate(q.id, Fate.FRESH, "keep", reason="not answered last time")
            for q in new.questions
        )
        return Migration({q: a for q, a in answers.items() if _known(new, q)}, fates)
    if not steps:
        reason = (
            f"last time was answered on {old.id} version {old.version}; no migration map"
            f" leads to {new.id} version {new.version}"
        )
        fates = tuple(QuestionFate(q.id, Fate.FRESH, "none", reason=reason) for q in new.questions)
        return Migration({}, fates)
    carried = migrate_chain(steps[:-1], answers)
    last_map, last_old, _ = steps[-1]
    return migrate(last_map, last_old, new, carried)


def _known(questionnaire: Questionnaire, question_id: str) -> bool:
    return any(q.id == question_id for q in questionnaire.questions)
