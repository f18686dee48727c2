"""`onrecord serve` (MkDocs' live server with our plugin) rebuilds when a transcript changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, write_transcript

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(predicate, seconds: float = 40.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.3)
    return None


def test_serve_rebuilds_when_a_transcript_changes(tmp_path):
    content = tmp_path / "content"
    path = write_transcript(content, "call.txt", "Alice Smith - Chief Executive Officer\n\nFirst words.\n")
    (content / "index.md").write_text("# Home\n")
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "onrecord"), "serve", "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        page = f"http://127.0.0.1:{port}/transcripts/call/"
        assert wait_for(lambda: (html := fetch(page)) and "First words." in html), "site never served"
        path.write_text("Alice Smith - Chief Executive Officer\n\nSecond thoughts.\n", encoding="utf-8")
        assert wait_for(lambda: (html := fetch(page)) and "Second thoughts." in html), "no rebuild after the change"
    finally:
        server.terminate()
        server.wait(timeout=10)
