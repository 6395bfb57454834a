"""What every browser test shares: Debian's Chromium driven by Playwright, and a local server.

Importing this module skips the importing test module when Chromium or Playwright is missing;
CI sets `MINDSET_REQUIRE_BROWSER=1`, which turns that skip into a failure.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Offline and quiet: without the background-networking flags Chromium keeps calling out.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if os.environ.get("MINDSET_REQUIRE_BROWSER") == "1":
    import playwright.sync_api as sync_api

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: CI must install Debian's chromium"
else:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright Python package is not installed"
    )
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing (install Debian's chromium package)", allow_module_level=True
        )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the test output."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on a free loopback port while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
