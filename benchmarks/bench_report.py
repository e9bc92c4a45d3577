"""What the leadership benchmark measured, and how it prints: plain text or Markdown tables."""

from __future__ import annotations

import resource
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import make_url


@dataclass(frozen=True)
class Step:
    """One measured step: wall time, tracemalloc peak (Python-side steps), max RSS after it."""

    name: str
    seconds: float
    traced_mib: float | None
    max_rss_mib: float


@dataclass
class BackendReport:
    """Every step measured on one backend, and the rows the seed wrote."""

    backend: str
    steps: list[Step] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def record(self, name: str, seconds: float, traced_mib: float | None = None) -> None:
        """Add a step, with the process's max RSS so far."""
        max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        self.steps.append(Step(name, seconds, traced_mib, max_rss_mib))


def print_report(report: BackendReport, url: str, period: str, *, markdown: bool) -> None:
    """The backend's table: seconds, tracemalloc peak and max RSS per step."""
    counts = report.counts
    print(
        f"\n{report.backend} ({shown(url)}): {counts['teams']:,} teams in"
        f" {counts['units']} units, {counts['assessments']:,} assessments,"
        f" {counts['answers']:,} answers, {counts['chain_states']:,} chain states;"
        f" {counts['period_submissions']:,} submissions in {period},"
        f" {counts['history_submissions']:,} latest submissions in the history\n"
    )
    rows = [
        (
            step.name,
            f"{step.seconds:.2f}",
            "" if step.traced_mib is None else f"{step.traced_mib:,.0f}",
            f"{step.max_rss_mib:,.0f}",
        )
        for step in report.steps
    ]
    print_table(("step", "seconds", "Python peak MiB", "max RSS MiB"), rows, markdown=markdown)


def print_summary(reports: Sequence[BackendReport], *, markdown: bool) -> None:
    """Seconds per step side by side, and each process's max RSS."""
    print("\nsummary (seconds)\n")
    names = [step.name for step in reports[0].steps]
    seconds = [{step.name: step.seconds for step in report.steps} for report in reports]
    rows = [
        (name, *(f"{by_name.get(name, float('nan')):.2f}" for by_name in seconds)) for name in names
    ]
    rows.append(("max RSS MiB", *(f"{r.steps[-1].max_rss_mib:,.0f}" for r in reports)))
    print_table(("step", *(r.backend for r in reports)), rows, markdown=markdown)


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---", *("---:" for _ in header[1:])]) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    width = max(len(str(row[0])) for row in [header, *rows]) + 2
    others = [max(len(str(row[i])) for row in [header, *rows]) + 2 for i in range(1, len(header))]
    for row in [header, *rows]:
        print(
            f"{row[0]:<{width}}"
            + "".join(f"{c:>{w}}" for c, w in zip(row[1:], others, strict=True))
        )


def shown(url: str) -> str:
    """The URL with any password hidden."""
    return make_url(url).render_as_string(hide_password=True)
