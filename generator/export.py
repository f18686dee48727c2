"""The JSON export of one transcript: the public, versioned `onrecord.transcript/1` format."""

from __future__ import annotations

import json
from typing import Any

from .model import Transcript

SCHEMA = "onrecord.transcript/1"


def transcript_json(transcript: Transcript) -> dict[str, Any]:
    exported = {
        "schema": SCHEMA,
        "slug": transcript.slug,
        "title": transcript.title,
        "date": transcript.date,
        # An added field, present only when known: the genre says how the four roles read (justices, witnesses…).
        **({"genre": transcript.genre} if transcript.genre else {}),
        "meta": transcript.meta,
        "speakers": [
            {"id": s.id, "name": s.name, "role": s.role, "organisation": s.organisation, "title": s.title}
            for s in transcript.speakers
        ],
        "sections": [{"id": s.id, "title": s.title, "kind": s.kind} for s in transcript.sections],
        "exchanges": [
            {"id": e.id, "questioner": e.questioner, "turns": list(e.turns), "topics": list(e.topics)}
            for e in transcript.exchanges
        ],
        "turns": [
            {
                "id": t.id,
                "speaker": t.speaker,
                "label": t.label,
                "section": t.section,
                "exchange": t.exchange,
                "paragraphs": list(t.paragraphs),
                "marks": [
                    {"paragraph": m.paragraph, "offset": m.offset, "seconds": m.seconds, "label": m.label}
                    for m in t.marks
                ],
                "line": t.line,
                # Added fields, present only when a layout has them, so older exports stay as they were.
                **({"directions": list(t.directions)} if t.directions else {}),
                **({"words": [{"paragraph": w.paragraph, "offset": w.offset, "length": w.length, "start": w.start}
                              for w in t.words]} if t.words else {}),
            }
            for t in transcript.turns
        ],
    }
    if transcript.notes:
        exported["notes"] = [
            {"title": n.title, "paragraphs": list(n.paragraphs), "line": n.line} for n in transcript.notes
        ]
    return exported


def dumps(transcript: Transcript) -> str:
    """The export as `onrecord export` prints it: indented, for a person at a terminal."""
    return json.dumps(transcript_json(transcript), ensure_ascii=False, indent=2, default=str) + "\n"


def download(transcript: Transcript) -> str:
    """The same export as the site's transcript.json: without indentation, which was a sixth of its bytes."""
    return json.dumps(transcript_json(transcript), ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
