"""Topic and speaker index benchmark: how large their pages and the filter's lists get as the archive grows.

    .venv/bin/python bench/topic_index.py 1000 10000        # synthetic archives of bench/corpus.py
    .venv/bin/python bench/topic_index.py --real            # every file of ../shared/corpus/real/
    .venv/bin/python bench/topic_index.py --real --build    # also build it and measure /topics/ in Chromium

For each archive it runs the generator (`onrecord.pipeline.generate`) and prints: topics, index groups,
pages of /topics/, its largest page as Markdown and as the HTML Python-Markdown makes of it (the
theme adds a few KB around that), `topics/names.json` (what the filter fetches), raw and gzipped, and
the same for /speakers/. With `--build` it also builds the site (`onrecord build`) and reports the
built /topics/ page in bytes and in pixels tall at 1280 px wide. With PYTHONPATH pointing at another
checkout's package it measures that one (figures it has no file for are left blank).
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown

import corpus  # bench/corpus.py, beside this file

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "corpus" / "real"


def real_content(folder: Path) -> Path:
    target = folder / "transcripts"
    target.mkdir(parents=True)
    for path in sorted(REAL.glob("*/*")):
        if path.name != "README.md":
            shutil.copy(path, target / f"{path.parent.name}-{path.name}")
    return folder


def synthetic_content(folder: Path, n: int) -> Path:
    corpus.write(folder, n)
    return folder


def html_kb(page: str) -> float:
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    return len(markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"]).encode()) / 1000


def index_pages(pages: dict[str, str], folder: str) -> list[str]:
    return [p for p in pages if p == f"{folder}/index.md" or re.fullmatch(rf"{folder}/page/\d+\.md", p)]


def figures(content: Path) -> dict:
    from onrecord.diagnostics import Report
    from onrecord.pipeline import generate

    report = Report()
    pages = generate(content, report)
    for diagnostic in report.diagnostics:
        if "error" in str(diagnostic):
            print(diagnostic, file=sys.stderr)
    row = {"topics": pages["topics/topics.json"].count('"curated":')}
    topics = index_pages(pages, "topics")
    largest = max(topics, key=lambda p: len(pages[p]))
    row.update({"groups": len(re.findall(r"^## .* \(\d+ topics?\) \{: #[\w-]+ \}$", "\n".join(pages[p] for p in topics), re.M)),
                "topic pages": len(topics), "largest md KB": len(pages[largest].encode()) / 1000,
                "largest html KB": html_kb(pages[largest])})
    for name, folder in (("topic", "topics/names"), ("speaker", "speakers/names")):
        # The filter's files (index_names.py): all of them, and the largest, the most one keystroke fetches.
        files = [pages[p].encode() for p in pages if p.startswith(f"{folder}/") and p.endswith(".json")]
        largest_file = max(files, key=len, default=b"")
        row[f"{name} names KB"] = sum(map(len, files)) / 1000 if files else None
        row[f"{name} largest file KB"] = len(largest_file) / 1000 if files else None
        row[f"{name} largest gz KB"] = len(gzip.compress(largest_file)) / 1000 if files else None
    speakers = index_pages(pages, "speakers")
    row["speaker pages"] = len(speakers)
    row["largest speakers html KB"] = max(html_kb(pages[p]) for p in speakers)
    return row


def built(content: Path, folder: Path) -> dict:
    """The built /topics/: its bytes, and its height in Chromium at 1280 px wide."""
    site = folder / "site"
    subprocess.run([str(Path(sys.executable).parent / "onrecord"), "build", "--content", str(content), "--site-dir",
                    str(site)], cwd=REPO, check=True, capture_output=True)
    page = site / "topics" / "index.html"
    row = {"built /topics/ KB": page.stat().st_size / 1000}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.goto(page.as_uri())
        row["/topics/ px tall"] = tab.evaluate("document.documentElement.scrollHeight")
        browser.close()
    return row


def show(rows: list[tuple[str, dict]]) -> None:
    keys = list(dict.fromkeys(k for _, row in rows for k in row))
    print(f"{'archive':>16} " + " ".join(f"{k:>{max(8, len(k))}}" for k in keys))
    for name, row in rows:
        cells = []
        for k in keys:
            value = row.get(k)
            text = "" if value is None else f"{value:.1f}" if isinstance(value, float) else str(value)
            cells.append(f"{text:>{max(8, len(k))}}")
        print(f"{name:>16} " + " ".join(cells))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="*", help="synthetic archives of N transcripts")
    parser.add_argument("--real", action="store_true", help="every file of ../shared/corpus/real/")
    parser.add_argument("--build", action="store_true", help="also build the real archive and measure /topics/")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="onrecord-topic-index-") as tmp:
        if args.real:
            content = real_content(Path(tmp) / "real")
            row = figures(content)
            if args.build:
                row.update(built(content, Path(tmp)))
            rows.append(("real", row))
        for n in args.n:
            print(f"generating {n} synthetic transcripts…", file=sys.stderr, flush=True)
            rows.append((f"synthetic {n}", figures(synthetic_content(Path(tmp) / f"synthetic-{n}", n))))
    show(rows)


if __name__ == "__main__":
    main()
