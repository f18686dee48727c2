"""Conservation on a built site of hostile files: does every word each file gives reach its transcript page?

    .venv/bin/python bench/conservation.py              # every case of bench/hostile.py at n/100, and tests/hostile.py
    .venv/bin/python bench/conservation.py --scale 0.1  # n/10
    .venv/bin/python bench/conservation.py --keep DIR   # leave the content folders and sites in DIR

Every case of bench/hostile.py (its hostile sizes, and each adversarial line shape through every reader) is
written as one transcript of a single content folder, and tests/hostile.py's folder of payloads in every
field is a second; each is built by `onrecord build`, as a publisher would. For each transcript it counts
the file's words as the audit does (`audit.source_words`: markup, time stamps and cue counters set aside),
then the words of its page's <main> (every turn, label, heading and note), and prints the words the file
gives that the page has fewer of, less the labels a file repeats inside one turn (`audit.repeated_labels`:
SRT's `NAME:` on every cue, which the page shows once a turn): `lost`, with the first few. Also the words
the reading itself places nowhere (`audit.lost_words`: file -> transcript) and the turns whose words on the
page differ from their paragraphs (transcript -> page). A benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import hostile  # noqa: E402 (bench/hostile.py, beside this file)


class _MainText(HTMLParser):
    """The text of a page's <main>, scripts and styles aside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._main = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._main += tag == "main"
        self._skip += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self._main -= tag == "main" and self._main > 0
        self._skip -= tag in ("script", "style", "template") and self._skip > 0

    def handle_data(self, data):
        if self._main and not self._skip:
            self.text.append(data)


def main_words(html: str) -> Counter[str]:
    from onrecord.audit import words_of

    parser = _MainText()
    parser.feed(html)
    return Counter(words_of(" ".join(parser.text)))


def hostile_sizes(folder: Path, scale: float) -> Path:
    """Every bench/hostile.py case as one transcript (named after its case) of one content folder."""
    content = folder / "content"
    patterns: list[str] = []
    for case, (n, make) in hostile.CASES.items():
        for name, text in make(max(5, int(n * scale))).items():
            if name == "topics.yml":
                patterns.append(text.split("topics:\n", 1)[1])
                continue
            suffix = Path(name).suffix
            path = content / "transcripts" / f"{case}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if patterns:
        (content / "topics.yml").write_text("topics:\n" + "".join(patterns), encoding="utf-8")
    (content / "index.md").write_text("# Hostile sizes and shapes\n", encoding="utf-8")
    return content


def payloads(folder: Path) -> Path:
    from tests.hostile import write_content

    return write_content(folder)


def check(content: Path, site: Path) -> list[tuple[str, int, int, int, int, str]]:
    """(file, its words, lost on the page, lost by the reading, turns unlike their paragraphs, first lost)."""
    from onrecord.audit import lost_words, repeated_labels, source_words, words_of
    from onrecord.diagnostics import Report
    from onrecord.pipeline import load_transcript, transcript_paths
    from tests.pagetext import turn_text

    rows = []
    for path in transcript_paths(content, Report()):
        transcript = load_transcript(path, Report())
        page = site / "transcripts" / transcript.slug / "index.html"
        html = page.read_text(encoding="utf-8") if page.is_file() else ""
        given = source_words(transcript.source)
        lost = given - main_words(html) - repeated_labels(transcript)
        turns, _ = turn_text(html)
        unlike = sum(words_of(" ".join(turns.get(t.id, []))) != words_of(" ".join(t.paragraphs)) for t in transcript.turns)
        first = " ".join(f"{w}×{n}" if n > 1 else w for w, n in lost.most_common(4))
        rows.append((path.name, sum(given.values()), sum(lost.values()), sum(lost_words(transcript).values()),
                     unlike, first))
    return rows


def build(content: Path, site: Path) -> str:
    done = subprocess.run([str(Path(sys.executable).parent / "onrecord"), "build", "--no-cache", "--content",
                           str(content), "--site-dir", str(site)], capture_output=True, text=True, cwd=content.parent)
    warnings = sum(": warning: " in line for line in done.stderr.splitlines())
    return f"exit {done.returncode}, {warnings} warnings" + ("" if done.returncode == 0 else "\n" + done.stderr[-3000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.01, help="each hostile.py case's n times this (at least 5)")
    parser.add_argument("--keep", type=Path, help="a folder to leave the content folders and sites in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        totals = Counter()
        for name, make in (("sizes and shapes", lambda f: hostile_sizes(f, args.scale)), ("payloads", payloads)):
            folder = root / name.replace(" ", "-")
            content = make(folder)
            print(f"## {name}: `onrecord build` {build(content, folder / 'site')}", flush=True)
            print(f"{'file':<44} {'words':>7} {'lost':>5} {'read':>5} {'turns':>5}  first lost on the page")
            for file, words, lost, unread, unlike, first in check(content, folder / "site"):
                totals.update(files=1, words=words, lost=lost, unread=unread, unlike=unlike, losing=lost > 0)
                if lost or unread or unlike:
                    print(f"{file[:44]:<44} {words:>7} {lost:>5} {unread:>5} {unlike:>5}  {first}")
        print(f"\n{totals['files']} files, {totals['words']:,} words: {totals['lost']:,} lost on the page in "
              f"{totals['losing']} files; {totals['unread']:,} placed nowhere by the reading; "
              f"{totals['unlike']} turns whose page words differ from their paragraphs")


if __name__ == "__main__":
    main()
