"""Runs Telemelya, a Bot API mock server by other authors (PyPI: telemelya), on 127.0.0.1.

Used by tests/test_other_bot_api.py as "another Bot API implementation": FastAPI, webhook delivery,
responses in Telegram's shape. Its code runs unmodified; only its two backing services are local
stand-ins: Redis is fakeredis's TCP server, and S3 (MinIO, where it keeps media) is a stub that
accepts every request, since none of the flows under test sends media.

Usage: `python tests/telemelya_server.py PORT`; prints "ready" once Telemelya answers.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class AcceptingS3(BaseHTTPRequestHandler):
    """Answers 200 with an empty body: enough for Telemelya's start-up check of its bucket."""

    def _accept(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = do_PUT = do_POST = do_DELETE = _accept

    def log_message(self, *args) -> None:
        pass


def serve_in_background(server) -> None:
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main() -> None:
    port = int(sys.argv[1])
    from fakeredis import TcpFakeServer

    redis = TcpFakeServer(("127.0.0.1", 0), server_type="redis")
    s3 = ThreadingHTTPServer(("127.0.0.1", 0), AcceptingS3)
    serve_in_background(redis)
    serve_in_background(s3)
    # Telemelya reads its settings from the environment when it is imported.
    os.environ.update(REDIS_URL=f"redis://127.0.0.1:{redis.server_address[1]}/0",
                      MINIO_ENDPOINT=f"127.0.0.1:{s3.server_address[1]}", AUTH_KEYS="")
    import uvicorn

    server = uvicorn.Server(uvicorn.Config("telemelya.server.app:app", host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=announce_when_up, args=(port,), daemon=True).start()
    server.run()


def announce_when_up(port: int) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                print("ready", flush=True)
                return
        except OSError:
            time.sleep(0.05)
    print("not ready", flush=True)


if __name__ == "__main__":
    main()
