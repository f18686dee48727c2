"""Hostile sizes and shapes: does each input take time linear in its size?

    .venv/bin/python bench/hostile.py                 # every case, at n and 2n
    .venv/bin/python bench/hostile.py turns inaudible # some cases
    .venv/bin/python bench/hostile.py --scale 4 turns # n times 4 (and 2n)
    .venv/bin/python bench/hostile.py --profile turns # cProfile the 2n run into bench/out/hostile-<case>.txt
    .venv/bin/python bench/hostile.py --list

Each case makes a content folder of one transcript (and a topics.yml when it needs one) at size n
and 2n and times, in a fresh subprocess each with a time limit, the generator on it: the one file
read, parsed, structured and measured (`read s`), then the whole corpus rendered to Markdown
(`generate s`, which includes the first). The `2n/n` column is the ratio of CPU times: about 2 is
linear, about 4 quadratic. A run past the limit shows `>LIMIT`. A benchmark, not a test: it
asserts nothing: timings are measured here, never asserted in tests (tests/test_hostile_sizes.py
checks what hostile shapes read as).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO))

_WORDS = "revenue grew in the quarter as our robots shipped to new sites and margins held".split()


def _sentence(i: int, words: int = 12) -> str:
    return " ".join(_WORDS[(i + k) % len(_WORDS)] for k in range(words)).capitalize() + "."


def _names(i: int) -> str:
    return ("Dana Whitfield", "Omar Haddad", "Priya Raman", "Lee Chen")[i % 4]


# --- the cases: name -> (n, make(n) -> {file name under content/: text}) -------------------------

def inline_turns(n: int) -> dict[str, str]:
    body = "\n\n".join(f"{_names(i)}: {_sentence(i)}" for i in range(n))
    return {"transcripts/call.txt": f"---\ntitle: Call\ndate: 2024-01-02\n---\n{body}\n"}


def streetevents_turns(n: int) -> dict[str, str]:
    head = "CORPORATE PARTICIPANTS\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\n \nPRESENTATION\n"
    body = "".join(f" \n{_names(i)}\nNorthwind Robotics, Inc. - CEO\n{_sentence(i)}\n" for i in range(n))
    return {"transcripts/call.txt": head + body}


def podcast_json(n: int) -> dict[str, str]:
    segments = [{"speaker": _names(i // 3), "startTime": i * 2.0, "endTime": i * 2.0 + 2, "body": _sentence(i, 5)}
                for i in range(n)]
    text = '{"version": "1.0.0", "segments": [\n' + ",\n".join(json.dumps(s) for s in segments) + "\n]}\n"
    return {"transcripts/show.json": text}


def _clock(seconds: float) -> str:
    return f"{int(seconds // 3600):02}:{int(seconds % 3600 // 60):02}:{seconds % 60:06.3f}"


def vtt_cues(n: int) -> dict[str, str]:
    cues = "".join(f"{_clock(i * 2)} --> {_clock(i * 2 + 2)}\n<v {_names(i // 3)}>{_sentence(i, 6)}\n\n" for i in range(n))
    return {"transcripts/show.vtt": "WEBVTT\n\n" + cues}


def srt_cues(n: int) -> dict[str, str]:
    clock = lambda s: _clock(s).replace(".", ",")  # noqa: E731
    cues = "".join(f"{i + 1}\n{clock(i * 2)} --> {clock(i * 2 + 2)}\n{_names(i // 3).upper()}: {_sentence(i, 6)}\n\n"
                   for i in range(n))
    return {"transcripts/show.srt": cues}


def inaudible(n: int) -> dict[str, str]:
    head = "CORPORATE PARTICIPANTS\n \nDana Whitfield\nNorthwind Robotics, Inc. - CEO\n \nPRESENTATION\n \n"
    return {"transcripts/call.txt": head + "Dana Whitfield\nNorthwind Robotics, Inc. - CEO\nWe grew.\n \nDana "
            + "(inaudible) " * n + "said.\nNorthwind Robotics, Inc. - CEO\n"}


def single_line(n: int) -> dict[str, str]:
    """n words on one line, no newline anywhere (50 MB is n of about 8 million)."""
    return {"transcripts/line.txt": " ".join(_WORDS[i % len(_WORDS)] for i in range(n))}


def nested_html(n: int) -> dict[str, str]:
    return {"transcripts/page.html": "<html><body>" + "<div>" * n + "<p>Dana Whitfield: Hello.</p>" + "</div>" * n
            + "</body></html>\n"}


def nested_markdown(n: int) -> dict[str, str]:
    lines = "\n".join("  " * i + f"- item {i} said" for i in range(n))
    return {"transcripts/notes.md": "**Dana Whitfield:** Hello.\n\n" + lines + "\n"}


def topic_pattern(n: int) -> dict[str, str]:
    """The issue's pattern `(\\w+\\s?)+%` against paragraphs of n words without a `%`."""
    return {"topics.yml": "topics:\n  - name: Percent\n    patterns: ['(\\w+\\s?)+%']\n",
            "transcripts/call.txt": "Dana Whitfield: " + " ".join(_WORDS[i % len(_WORDS)] for i in range(n)) + "\n"}


# Adversarial lines: one long run of each shape, read by every reader (forced by `format:`) and sniffed.
SHAPES = {
    "spaces": lambda n: "Dana" + " " * n + "x",
    "dashes": lambda n: "- " * n + "x",
    "capitals": lambda n: "Capital " * n + "said",
    "colons": lambda n: ":" * n + " x",
    "parens": lambda n: "(" * n + "x",
    "spaced-dashes": lambda n: "Dana " + " - " * n + "x",
    "brackets": lambda n: "[" * n + "x",
    "arrows": lambda n: "00:00 --> " * n,
    "initials": lambda n: "A. " * n + "said",
    "semicolons": lambda n: "a;" * n + "^",
    "commas": lambda n: "Dana, " * n + "x - y",
    "angles": lambda n: "<" * n + "x",
    "stars": lambda n: "*" * n + "x",
}
FORMATS = ("", "webvtt", "srt", "podcast-json", "streetevents", "motleyfool", "otter", "timed-text",
           "congressional-record", "html", "markdown", "blocks", "inline")


def shape_case(shape: str, fmt: str):
    def make(n: int) -> dict[str, str]:
        front = f"---\nformat: {fmt}\n---\n" if fmt else ""
        line = SHAPES[shape](n)
        return {"transcripts/shape.txt": f"{front}Dana Whitfield: Hello.\n\n{line}\n\n{line}\nx\n"}
    return make


CASES: dict[str, tuple[int, object]] = {
    "turns": (20_000, inline_turns),
    "streetevents-turns": (10_000, streetevents_turns),
    "podcast-json": (20_000, podcast_json),
    "vtt": (20_000, vtt_cues),
    "srt": (20_000, srt_cues),
    "inaudible": (150, inaudible),  # 1.8 KB, as in the issue
    "single-line": (400_000, single_line),
    "nested-html": (5_000, nested_html),
    "nested-markdown": (500, nested_markdown),
    "topic-pattern": (2_000, topic_pattern),
}
for _shape in SHAPES:
    for _fmt in FORMATS:
        CASES[f"shape-{_shape}-{_fmt or 'sniffed'}"] = (4_000, shape_case(_shape, _fmt))


# --- measuring ------------------------------------------------------------------------------------

def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "transcripts").mkdir(exist_ok=True)
    return folder


def measure(case: str, n: int) -> dict[str, float]:
    """In this process: CPU seconds to read the file, and to generate the whole site's Markdown."""
    from onrecord.diagnostics import Report
    from onrecord.pipeline import generate, load_transcript, transcript_paths

    with tempfile.TemporaryDirectory() as tmp:
        content = write(Path(tmp), CASES[case][1](n))
        path = transcript_paths(content)[0]
        start = time.process_time()
        load_transcript(path, Report())
        read_s = time.process_time() - start
        start = time.process_time()
        generate(content, Report())
        return {"read": read_s, "generate": read_s + time.process_time() - start, "bytes": path.stat().st_size}


def run_one(case: str, n: int, limit: float) -> dict[str, float] | None:
    command = [sys.executable, __file__, "--one", case, str(n)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        print(f"{case} n={n} failed:\n{error.stderr[-2000:]}", file=sys.stderr)
        return {"read": float("nan"), "generate": float("nan"), "bytes": 0}
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile(case: str, n: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    profiler = cProfile.Profile()
    profiler.runcall(measure, case, n)
    out = OUT / f"hostile-{case}.txt"
    with out.open("w") as stream:
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(40)
    return out


def _figure(value: float | None, limit: float) -> str:
    return f">{limit:.0f}" if value is None else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", help="case names or prefixes (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply each case's n")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a run is given up")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    chosen = [c for c in CASES if not args.cases or any(c == a or c.startswith(a) for a in args.cases)]
    if args.list:
        print("\n".join(f"{c}  n={CASES[c][0]}" for c in chosen))
        return
    print(f"{'case':<40} {'n':>9} {'MB':>6} {'read s':>7} {'gen s':>7} {'read 2n':>7} {'gen 2n':>7} {'2n/n':>5}")
    for case in chosen:
        n = int(CASES[case][0] * args.scale)
        if args.profile:
            print(f"{case}: {profile(case, 2 * n)}")
            continue
        small = run_one(case, n, args.limit)
        large = run_one(case, 2 * n, args.limit) if small is not None else None
        ratio = f"{large['generate'] / max(small['generate'], 1e-3):.1f}" if small and large else "-"
        size = (large or small or {}).get("bytes", 0) / 1e6
        print(f"{case:<40} {n:>9} {size:>6.2f} {_figure(small and small['read'], args.limit):>7} "
              f"{_figure(small and small['generate'], args.limit):>7} {_figure(large and large['read'], args.limit):>7} "
              f"{_figure(large and large['generate'], args.limit):>7} {ratio:>5}", flush=True)


if __name__ == "__main__":
    main()
