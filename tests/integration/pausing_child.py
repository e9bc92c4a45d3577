"""A child process for the fault tests: migrate (or import) and pause at a chosen statement.

Run as `python -m tests.integration.pausing_child URL (migrate REVISION | import FILE) PAUSE_AT`.
When a statement containing `PAUSE_AT` has run, the child prints `paused` and waits on its
standard input: the test then kills it (SIGKILL, as a crash or `kill -9` would) or writes a line
to let it carry on. `-` as PAUSE_AT never pauses. The child prints `done` when it finished.
"""

from __future__ import annotations

import sys
from typing import Any

from sqlalchemy import event

from assessments.content.in_force import load_content
from assessments.content.loading import read_source
from assessments.service.readiness import ReadinessService
from assessments.storage.db import make_engine, upgrade_to, upgrade_to_head


def main(url: str, what: str, argument: str, pause_at: str) -> None:
    engine = make_engine(url)

    def pause(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if pause_at != "-" and pause_at in statement:
            print("paused", flush=True)
            sys.stdin.readline()

    print("starting", flush=True)
    if what == "migrate":
        event.listen(engine, "after_cursor_execute", pause)
        upgrade_to(engine, argument)
    else:
        upgrade_to_head(engine)
        event.listen(engine, "after_cursor_execute", pause)
        service = ReadinessService(engine, load_content())
        service.import_data(read_source(argument), argument, actor="cli")
    engine.dispose()
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
