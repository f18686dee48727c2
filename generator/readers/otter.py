"""Reader for Otter-style exports: a `Name  M:SS` header (trailing spaces and all), then what was said.

Diarisation labels (`Speaker 2`, `Unknown Speaker`) are speakers of this transcript only. Otter
cuts one speaker's sentence over several headers; those pieces are joined back into one paragraph.
"""

from __future__ import annotations

import re

from .. import clean
from ..diagnostics import Report
from ..model import REMARKS, Source, Transcript
from ..source import lines
from . import captions
from .captions import Cue
from .common import FileFacts, assemble, unknown_layout

EXTENSIONS = ()  # plain .txt is the block reader's; this layout is told by its content
HEADER = re.compile(
    r"^(?P<name>[^\s\d][^\t]{0,60}?)(?:\s{2,}|\t|\s+(?=\d{1,2}:\d{2}\s*$)|\s+(?=\d{1,2}:\d{2}:\d{2}\s*$))"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*$"
)


def sniff(source: Source) -> float:
    numbered = [line for line in lines(source)[:2000] if line.text.strip()]
    if not numbered:
        return 0.0
    headers = sum(1 for line in numbered if _header(line.text))
    if _header(numbered[0].text) and headers >= 2:
        return 0.9
    return 0.6 if headers >= 3 and headers * 4 >= len(numbered) else 0.0


def _header(text: str) -> re.Match[str] | None:
    match = HEADER.match(text.rstrip("\n"))
    if match and len(match["name"].split()) <= 5 and not re.search(r"[.?!,;]$", match["name"].strip()):
        return match
    return None


def read(source: Source, report: Report) -> Transcript:
    cues: list[Cue] = []
    texts: list[list[str]] = []
    for line in lines(source):
        match = _header(line.text)
        if match:
            name = clean.normalise_space(match["name"])
            cues.append(Cue(line.number + 1, captions.seconds_of(match["time"]), "", name, line.text.strip(),
                            own_paragraph=True))
            texts.append([])
        elif line.text.strip():
            if not cues:  # text before the first header: kept, unattributed
                cues.append(Cue(line.number, 0.0, "", None))
                texts.append([])
            texts[-1].append(line.text.strip())
    for cue, text in zip(cues, texts):
        cue.text = clean.normalise_space(" ".join(text))
        if cue.speaker is None and cue.text:
            report.warning(source.path, cue.line, "text before the first speaker; it is kept as an unattributed turn",
                           "speaker.missing")
    turns = captions.turns_from_cues(cues, mark_every_cue=True)
    if not any(t.name for t in turns):
        unknown_layout(source, report, "`Name  M:SS` header lines")
    return assemble(source, turns, report, FileFacts(section_titles={REMARKS: "Transcript"}))
