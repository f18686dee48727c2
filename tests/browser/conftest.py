"""The built site, served on localhost, and Debian's Chromium driven by Playwright.

The site is content/ plus one small second transcript (tests/browser/fixtures/) that also mentions
the Gigafactory, with other speakers and a recording, so filters have something to narrow and time
labels something to seek.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import wave
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path(os.environ.get("ONRECORD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
]
REFERENCE = "/transcripts/tesla-2015-q3/"
SECOND = "/transcripts/harbour-batteries-2016-q1/"
RECORDING_SECONDS = 90


def _silence(path: Path, seconds: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(4000)
        out.writeframes(b"\x80" * 4000 * seconds)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once by `onrecord build` like a publisher would."""
    work = tmp_path_factory.mktemp("browser")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copy(FIXTURES / "harbour-batteries-2016-q1.txt", content / "transcripts")
    _silence(content / "media" / "harbour-batteries-2016-q1.wav", RECORDING_SECONDS)
    return build_site(content, work / "site")


def build_site(content: Path, out: Path, strict: bool = True) -> Path:
    """A content folder built by `onrecord build` like a publisher would: the site's folder."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "onrecord"), "build", *(["--strict"] if strict else []),
         "--content", str(content), "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, with byte ranges so media can seek, and no log noise."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        spec = self.headers.get("Range", "")
        path = Path(self.translate_path(self.path))
        if not spec.startswith("bytes=") or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, _, last = spec[6:].partition("-")
        start = int(first or 0)
        end = min(int(last) if last else size - 1, size - 1)
        body = path.open("rb")
        body.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return _Limited(body, end - start + 1)


class _Limited:
    def __init__(self, file, length):
        self.file, self.left = file, length

    def read(self, size=-1):
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return data

    def close(self):
        self.file.close()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # Chromium opens a burst of connections; socketserver's 5 would drop them under load


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """A built site served on localhost for the block: its base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site) -> str:
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium; `make browser-deps`)"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI the browser tests must run, never skip
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        opened = chromium.new_context

        def new_context(*args, **kwargs):
            return _heard(opened(*args, **kwargs))

        chromium.new_context = new_context  # every context a test opens, however it opens it
        yield chromium
        chromium.close()


# What the browser said went wrong during the current test: shown beside its failure, so a search page that
# "never loaded" says why (a request that failed, a 404, Pagefind's own console error in its worker).
_HEARD: list[str] = []


def _heard(context):
    def say(kind: str, text: str) -> None:
        _HEARD.append(f"{kind}: {text}")

    def console(message) -> None:
        if message.type in ("error", "warning"):
            say(f"console {message.type}", message.text)

    context.on("console", console)  # a worker's too: Pagefind searches in one
    context.on("weberror", lambda error: say("page error", str(error.error)))
    context.on("requestfailed", lambda request: say("request failed", f"{request.url}: {request.failure}"))
    context.on("response", lambda response: response.status >= 400 and say(f"HTTP {response.status}", response.url))
    return context


# A search is shown once its status counts what it found and every transcript it can show has its group:
# results render a few fragments at a time, so the first result is there before the last group.
_SHOWN = r"""before => {
  const status = document.querySelector('.search-status')?.textContent || '';
  if (/could not load/.test(status)) return true;
  if (!status || status === before) return false;
  const calls = /in (\d+) transcripts?$/.exec(status);
  if (!calls) return true;  // nothing matches, and it says so
  const groups = document.querySelectorAll('.search-group').length;
  return groups === +calls[1] || (groups > 0 && !document.querySelector('.more-calls').hidden);
}"""


def serious_violations(page) -> list[str]:
    """What axe-core finds serious or critical on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]


def search_status(page) -> str:
    return page.locator(".search-status").text_content() or ""


def wait_for_search(page, changed_from: str | None = None) -> None:
    """Until the search page shows every group of its results, or says it could not load: then fail saying
    so, and why. After a change to the search (a filter ticked), `changed_from` is the status it replaces."""
    from playwright.sync_api import Error

    try:
        page.wait_for_function(_SHOWN, arg=changed_from)
    except Error as error:
        pytest.fail(f"the search page never showed its results ({error.message.splitlines()[0]}); its status: "
                    f"{search_status(page)!r}\n" + "\n".join(_HEARD[-20:]), pytrace=False)
    if not page.locator(".search-result .result-title").count():
        pytest.fail("the search page says: " + search_status(page) + "\n"
                    + "\n".join(_HEARD[-20:]), pytrace=False)


@pytest.fixture(autouse=True)
def _hear_the_browser():
    _HEARD.clear()
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and _HEARD:
        report.sections.append(("what the browser said", "\n".join(_HEARD[-40:])))
    return report


@pytest.fixture
def context(browser, base_url):
    ctx = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page
