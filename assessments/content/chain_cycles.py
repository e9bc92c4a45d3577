"""Chains that wait on each other's removal: the condition tree walk and the cycle search."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from assessments.content.catalogue import (
    AllCondition,
    AnyCondition,
    ChainCatalogue,
    ChainRemovedCondition,
    Condition,
    RemovedForCondition,
)
from assessments.content.yaml_source import FieldPath


@dataclass(frozen=True)
class WaitCycle:
    """One group of chains that wait on each other: where it is first declared, and its path."""

    chain_index: int
    path: list[str]

    @property
    def message(self) -> str:
        return (
            f"chains wait on each other's removal: {' → '.join([*self.path, self.path[0]])};"
            " none of them can ever be removed"
        )


def leaves(condition: Condition, path: FieldPath) -> Iterator[tuple[FieldPath, Condition]]:
    """Every condition in the tree with its path; all/any come before their children."""
    yield path, condition
    if isinstance(condition, AllCondition | AnyCondition):
        key = "all" if isinstance(condition, AllCondition) else "any"
        children = condition.all if isinstance(condition, AllCondition) else condition.any
        for index, child in enumerate(children):
            yield from leaves(child, (*path, key, index))


def wait_cycles(catalogue: ChainCatalogue) -> list[WaitCycle]:
    """One cycle per group of chains that wait on each other's removal (the shortest from its
    first chain)."""
    ids = [c.id for c in catalogue.chains]
    waits_on: dict[str, list[str]] = {chain_id: [] for chain_id in ids}
    for chain in catalogue.chains:
        if chain.unlock is None:
            continue
        for _, condition in leaves(chain.unlock, ()):
            target = _waited_on(condition)
            if target in waits_on and target != chain.id:
                waits_on[chain.id].append(target)
    cycles: list[WaitCycle] = []
    reported: set[str] = set()
    for index, start in enumerate(ids):
        if start in reported:
            continue
        cycle = _shortest_cycle(start, waits_on)
        if cycle is None:
            continue
        reported.update(
            c for c in ids if c in _reachable(start, waits_on) and start in _reachable(c, waits_on)
        )
        cycles.append(WaitCycle(index, cycle))
    return cycles


def _waited_on(condition: Condition) -> str | None:
    """The chain whose removal a condition waits on, if any."""
    if isinstance(condition, ChainRemovedCondition):
        return condition.chain_removed
    if isinstance(condition, RemovedForCondition):
        return condition.removed_for.chain
    return None


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    queue = deque(edges.get(start, []))
    while queue:
        node = queue.popleft()
        if node not in seen:
            seen.add(node)
            queue.extend(edges.get(node, []))
    return seen


def _shortest_cycle(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """The shortest path start → ... → start, without the final `start`; None without a cycle."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in edges.get(node, []):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return list(reversed(path))
            if target not in previous:
                previous[target] = node
                queue.append(target)
    return None
