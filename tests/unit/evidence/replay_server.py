"""A local HTTP server that replays recorded GitHub API responses (no internet needed)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Recording = dict[str, tuple[int, Any]]
"""Request path → (status, JSON body)."""


@contextmanager
def replaying(recording: Recording) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Serve `recording` on 127.0.0.1 at a free port; yield its URL and the requests seen
    (path, Authorization header)."""
    seen: list[tuple[str, str]] = []

    class Replay(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("Authorization", "")))
            status, body = recording.get(self.path, (404, {"message": "Not Found"}))
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
