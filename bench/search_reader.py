"""What a reader pays per search for a site's search index in several bundles: requests and time to the first result.

    .venv/bin/python bench/search_reader.py --records FILE [--speech MB ...] [--repeat 3]

FILE holds the records of N synthetic calls (`bench/search_index.py --memory N --records FILE` writes it).
The site is content/ built by `onrecord build`, its pagefind/ folder replaced by the records' index: in one
bundle, then in bundles of each MB given (default: search_index.BUNDLE_SPEECH). The search page's code
merges what bundles.json lists, so its other pages do not matter here. Debian's Chromium (as the browser
tests drive it) opens /search/?q=WORD for a word said in most calls and for one said in a single call, in a
fresh context each time: requests and bytes (by Content-Length) fetched under pagefind/, and ms from navigation to the first
result shown (median of the repeats). Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord import search_index  # noqa: E402
from onrecord.search_index import write_site_index  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, served  # noqa: E402

_FIRST = "() => document.querySelector('.search-result .result-title') !== null"


def words(records) -> tuple[str, str]:
    """A word said in the most transcripts, and a long one said in one transcript only."""
    calls = Counter()
    for transcript in {r.url.split("#")[0]: None for r in records}:
        text = " ".join(r.content for r in records if r.url.startswith(transcript)).lower()
        calls.update(set(re.findall(r"[a-z]{6,}", text)))
    return calls.most_common(1)[0][0], min(w for w, n in calls.items() if n == 1 and len(w) >= 8)


def searched(browser, base: str, word: str) -> tuple[int, int, float]:
    """One search in a fresh context: requests and bytes under pagefind/, ms to the first result."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    asked, fetched = [], []  # the worker's requests too (performance entries miss them)
    page.on("request", lambda request: asked.append(request.url) if "/pagefind/" in request.url else None)
    page.on("response", lambda response: fetched.append(int(response.headers.get("content-length", 0)))
            if "/pagefind/" in response.url else None)
    page.goto(f"/search/?q={word}")
    page.wait_for_function(_FIRST, timeout=120_000)
    ms = page.evaluate("performance.now()")
    context.close()
    return len(asked), sum(fetched), ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, required=True)
    parser.add_argument("--speech", type=float, nargs="*", default=[search_index.BUNDLE_SPEECH / 1e6])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    records = pickle.loads(arguments.records.read_bytes())
    common, rare = words(records)
    with tempfile.TemporaryDirectory() as scratch:
        built = Path(scratch) / "built"
        subprocess.run([str(Path(sys.executable).parent / "onrecord"), "build", "--content", str(ROOT / "content"),
                        "--site-dir", str(built), "--no-cache"], check=True, capture_output=True, cwd=scratch)
        sites = {}
        for mb in [None, *arguments.speech]:
            site = Path(scratch) / f"site-{mb}"
            shutil.copytree(built, site, ignore=shutil.ignore_patterns("pagefind"))
            write_site_index(records, site, speech=int(mb * 1e6) if mb else 10**15)
            count = len(search_index.nested_bundles(site / "pagefind", "."))
            sites[f"{count} bundle{'s' if count > 1 else ''}" + (f" of {mb:g} MB" if mb else "")] = site
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for label, site in sites.items():
                with served(site) as base:
                    for kind, word in (("common", common), ("rare", rare)):
                        runs = [searched(browser, base, word) for _ in range(arguments.repeat)]
                        print(f"{label:22} {kind:6} {word!r:16} requests {runs[0][0]:3}  "
                              f"{runs[0][1] / 1000:7.1f} KB  first result {statistics.median(r[2] for r in runs):6.0f} ms "
                              f"(runs {', '.join(f'{r[2]:.0f}' for r in runs)})", flush=True)
            browser.close()


if __name__ == "__main__":
    main()
