"""Formats benchmark: reading speech recognition JSON and archive XML at size, and what the exports cost.

    .venv/bin/python bench/formats.py [SEGMENTS ...]     # default 1000 10000

For each size it writes a WhisperX JSON (SEGMENTS segments of 12 timed words, two diarised speakers) and
a ParlaMint TEI sitting (SEGMENTS/4 utterances of 4 segments) to a temporary folder and prints: the
read time (read → parse → structure → audit, `load_transcript`), the share of the file's words the
audit finds on the page, each export's time and size, and the transcript page with and without word
spans (a page gets them only when it has a recording). Then the generator on content/ with the exports
and without them (`exports.offered` emptied): what adding them costs a build.
A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from onrecord import exports, render as render_module  # noqa: E402
from onrecord.corpus import build_corpus  # noqa: E402
from onrecord.diagnostics import Report  # noqa: E402
from onrecord.pages import transcript_page  # noqa: E402
from onrecord.pipeline import generate, load_transcript  # noqa: E402

WORDS = "the robots on the night shift moved forty pallets and nobody was hurt".split()


def whisperx(segments: int) -> str:
    items = []
    for i in range(segments):
        speaker = f"SPEAKER_0{i // 3 % 2}"
        words = [{"word": w if j < 11 else w + ".", "start": i * 6 + j * 0.5, "end": i * 6 + j * 0.5 + 0.4,
                  "speaker": speaker} for j, w in enumerate(WORDS[:12])]
        items.append({"start": i * 6.0, "end": i * 6 + 5.9, "speaker": speaker,
                      "text": " " + " ".join(w["word"] for w in words), "words": words})
    return json.dumps({"segments": items, "language": "en"})


def parlamint(segments: int) -> str:
    us = "".join(f'<u who="#Member{u % 7}"><seg>' + "</seg><seg>".join(" ".join(WORDS) + "." for _ in range(4))
                 + "</seg></u>" for u in range(segments // 4))
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Sitting</title>'
            f"</titleStmt></fileDesc></teiHeader><text><body><div><head>Debate</head>{us}</div></body></text></TEI>")


def timed(step):
    start = time.perf_counter()
    value = step()
    return value, time.perf_counter() - start


def one(path: Path) -> None:
    transcript, seconds = timed(lambda: load_transcript(path, Report()))
    reading = transcript.reading
    print(f"{path.name:>22}  {path.stat().st_size / 1e6:6.2f} MB  read {seconds:6.2f} s  turns {len(transcript.turns):5d}  "
          f"words kept {reading.kept:6.1%}  timed words {sum(len(t.words) for t in transcript.turns):7d}")
    for export in exports.FORMATS.values():
        text, seconds = timed(lambda: export.write(transcript))
        size = f"{len(text.encode()) / 1e6:6.2f} MB" if text else "     none"
        print(f"{'':>22}  {export.filename:<24} {seconds:6.2f} s  {size}")
    if any(t.words for t in transcript.turns):
        for label, meta in (("no recording", transcript.meta), ("recording", {**transcript.meta, "audio": "a.mp3"})):
            corpus = build_corpus([replace(transcript, meta=meta)], Report())
            page = render_module.render(corpus)[transcript_page(corpus.transcripts[0].slug)]
            print(f"{'':>22}  page with {label:<13} {len(page.encode()) / 1e3:9.1f} KB")


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            for name, write in ((f"whisperx-{size}.json", whisperx), (f"parlamint-{size}.xml", parlamint)):
                path = Path(folder) / name
                path.write_text(write(size), encoding="utf-8")
                one(path)
    for label in ("with exports", "without exports"):
        if label == "without exports":
            exports.offered = lambda transcript: []  # as the generator was before them
        best = min(timed(lambda: generate(ROOT / "content", Report()))[1] for _ in range(3))
        print(f"generate(content/) {label:<16} {best:6.2f} s (best of 3)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
