"""The web page in a real headless browser: the JavaScript renders counts, the timeline and the event table."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time

import pytest
import uvicorn

from newsgraph.api import create_app
from newsgraph.store import Store
from tests.test_api import _analysis

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    db = tmp_path / "web.db"
    with Store(db) as store:
        store.add(_analysis())
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


def _render(url: str, tmp_path) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'c'}",
             "--virtual-time-budget=5000", "--dump-dom", url]
    done = subprocess.run([CHROMIUM, *flags], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_page_renders_events_in_a_browser(served, tmp_path):
    dom = _render(served + "/#timeline", tmp_path)
    assert "1 articles · 1 events · 1 quotes" in dom
    assert "Ministers met in Vienna." in dom  # the event table, filled by app.js from /api/events
    assert "<rect" in dom  # the timeline chart
