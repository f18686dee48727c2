"""The `render` stage: a Corpus becomes pages, path -> Markdown, through the Jinja2 templates.

Python decides what each page says (order, grouping, links, where a time mark goes); the templates
in generator/templates/ only lay it out. Every value a template prints is escaped as Markdown
text unless Python marked it as Markdown already, so transcript text cannot become markup.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml

from . import export
from .escape import markdown_text
from .model import COMPANY, MODERATOR, QA, QUESTIONER, REMARKS, UNKNOWN, Corpus, Speaker, Transcript, Turn

ROLE_TITLES = {COMPANY: "Company", QUESTIONER: "Questioners", MODERATOR: "Moderator", UNKNOWN: "Others"}
ROLE_ORDER = (COMPANY, QUESTIONER, MODERATOR, UNKNOWN)
WORDS_PER_MINUTE = 230


class Markdown(str):
    """Text that is Markdown already and must be printed as it is."""


def _finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return markdown_text(str(value))


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    finalize=_finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=False,  # the output is Markdown; _finalize is the escaping
)
_ENV.filters["raw"] = Markdown
_ENV.filters["yaml"] = lambda meta: Markdown(yaml.safe_dump(meta, allow_unicode=True, sort_keys=True).strip())


# Where pages live; links between them are relative `.md` links so MkDocs validates them.
def transcript_page(slug: str) -> str:
    return f"transcripts/{slug}/index.md"


def speaker_page(speaker_id: str) -> str:
    return f"speakers/{speaker_id}.md"


def source_download(transcript: Transcript) -> str:
    name = transcript.source.path.name if transcript.source else f"{transcript.slug}.txt"
    if name.endswith(".md"):  # MkDocs would make a page of it
        name += ".txt"
    return f"transcripts/{transcript.slug}/{name}"


def link(from_page: str, to_path: str, anchor: str | None = None) -> Markdown:
    relative = posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")
    return Markdown(relative + (f"#{anchor}" if anchor else ""))


def human_date(iso: str | None) -> str | None:
    if not iso:
        return None
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def spoken_paragraphs(turn: Turn) -> list[Markdown]:
    """Each paragraph escaped, with its time marks set in as small <time> labels where they stood."""
    rendered = []
    for index, text in enumerate(turn.paragraphs):
        pieces, position = [], 0
        for mark in (m for m in turn.marks if m.paragraph == index):
            pieces.append(markdown_text(text[position : mark.offset]))
            # The space the mark took from the text goes inside the label, so the text itself stays clean.
            label = f" {mark.label}" if mark.offset else f"{mark.label} "
            pieces.append(
                f'<time class="mark" datetime="PT{mark.seconds}S" data-seconds="{mark.seconds}">{label}</time>'
            )
            position = mark.offset
        pieces.append(markdown_text(text[position:]))
        rendered.append(Markdown("".join(pieces)))
    return rendered


def words(turn: Turn) -> int:
    return sum(len(p.split()) for p in turn.paragraphs)


def first_words(turn: Turn, count: int = 14) -> str:
    said = " ".join(turn.paragraphs).split()
    return " ".join(said[:count]) + (" …" if len(said) > count else "")


@dataclass(frozen=True)
class TurnView:
    turn: Turn
    speaker: Speaker | None
    speaker_href: Markdown | None
    paragraphs: list[Markdown]


def render(corpus: Corpus, home_text: str = "") -> dict[str, str | bytes]:
    """Every generated file of the site, by path under the docs folder."""
    pages: dict[str, str | bytes] = {"index.md": _home(corpus, home_text)}
    turns_by_speaker: dict[str, list[tuple[Transcript, Turn]]] = defaultdict(list)
    for transcript in corpus.transcripts:
        pages[transcript_page(transcript.slug)] = _transcript(transcript)
        pages[f"transcripts/{transcript.slug}/transcript.json"] = export.dumps(transcript)
        if transcript.source is not None:
            pages[source_download(transcript)] = transcript.source.raw
        for turn in transcript.turns:
            if turn.speaker:
                turns_by_speaker[turn.speaker].append((transcript, turn))
    pages["speakers/index.md"] = _speaker_index(corpus, turns_by_speaker)
    # The theme puts the Pagefind UI on this page; `?q=` makes searches linkable.
    pages["search.md"] = "---\ntitle: Search\nonrecord: search\n---\n\n# Search\n"
    for speaker in corpus.speakers:
        pages[speaker_page(speaker.id)] = _speaker(speaker, turns_by_speaker[speaker.id])
    return pages


def _home(corpus: Corpus, home_text: str) -> str:
    here = "index.md"
    transcripts = [
        {
            "transcript": t,
            "href": link(here, transcript_page(t.slug)),
            "date": human_date(t.date),
            "organisation": t.meta.get("company") or t.meta.get("organisation"),
        }
        for t in corpus.transcripts
    ]
    return _ENV.get_template("home.md.j2").render(
        home_text=Markdown(home_text.strip()), transcripts=transcripts, speakers_href=link(here, "speakers/index.md")
    )


def _transcript(transcript: Transcript) -> str:
    here = transcript_page(transcript.slug)
    speakers = {s.id: s for s in transcript.speakers}

    def view(turn: Turn) -> TurnView:
        speaker = speakers.get(turn.speaker) if turn.speaker else None
        href = link(here, speaker_page(speaker.id)) if speaker else None
        return TurnView(turn, speaker, href, spoken_paragraphs(turn))

    first_turn = {}
    for turn in transcript.turns:
        first_turn.setdefault(turn.speaker, turn.id)
    participants = [
        {
            "title": ROLE_TITLES[role],
            "role": role,
            "speakers": [
                {"speaker": s, "href": link(here, speaker_page(s.id)), "first_turn": first_turn.get(s.id)}
                for s in transcript.speakers
                if s.role == role
            ],
        }
        for role in ROLE_ORDER
        if any(s.role == role for s in transcript.speakers)
    ]
    exchanges = [
        {
            "exchange": e,
            "number": e.id[1:],
            "questioner": speakers.get(e.questioner),
            "turns": [view(t) for t in transcript.turns_of(e)],
        }
        for e in transcript.exchanges
    ]
    sections = [
        {
            "section": s,
            "loose_turns": [view(t) for t in transcript.turns_of(s) if t.exchange is None],
            "exchanges": exchanges if s.kind == QA else [],
        }
        for s in transcript.sections
    ]
    total_words = sum(words(t) for t in transcript.turns)
    return _ENV.get_template("transcript.md.j2").render(
        transcript=transcript,
        front_matter={"title": transcript.title, "onrecord": "transcript"},
        date=human_date(transcript.date),
        year=transcript.date[:4] if transcript.date else None,
        organisation=transcript.meta.get("company") or transcript.meta.get("organisation"),
        turn_count=len(transcript.turns),
        word_count=total_words,
        reading_minutes=max(1, round(total_words / WORDS_PER_MINUTE)),
        participants=participants,
        sections=sections,
        json_href=Markdown("transcript.json"),
        source_href=link(here, source_download(transcript)),
        source_name=posixpath.basename(source_download(transcript)),
        has_remarks=any(s.kind == REMARKS for s in transcript.sections),
    )


def _speaker_index(corpus: Corpus, turns_by_speaker: dict[str, list[tuple[Transcript, Turn]]]) -> str:
    here = "speakers/index.md"
    groups = []
    for role in ROLE_ORDER:
        members = [
            {
                "speaker": s,
                "href": link(here, speaker_page(s.id)),
                "turns": len(turns_by_speaker[s.id]),
                "transcripts": len({t.slug for t, _ in turns_by_speaker[s.id]}),
                "words": sum(words(turn) for _, turn in turns_by_speaker[s.id]),
            }
            for s in corpus.speakers
            if s.role == role
        ]
        if members:
            groups.append({"title": ROLE_TITLES[role], "role": role, "members": members})
    return _ENV.get_template("speakers.md.j2").render(
        front_matter={"title": "Speakers", "onrecord": "speakers"}, groups=groups
    )


def _speaker(speaker: Speaker, spoken: list[tuple[Transcript, Turn]]) -> str:
    here = speaker_page(speaker.id)
    by_transcript: dict[str, dict[str, Any]] = {}
    for transcript, turn in spoken:
        entry = by_transcript.setdefault(
            transcript.slug,
            {
                "transcript": transcript,
                "href": link(here, transcript_page(transcript.slug)),
                "date": human_date(transcript.date),
                "turns": [],
            },
        )
        entry["turns"].append(
            {"turn": turn, "href": link(here, transcript_page(transcript.slug), turn.id), "opening": first_words(turn)}
        )
    return _ENV.get_template("speaker.md.j2").render(
        front_matter={"title": speaker.name, "onrecord": "speaker"},
        speaker=speaker,
        role=ROLE_TITLES[speaker.role],
        transcripts=list(by_transcript.values()),
        index_href=link(here, "speakers/index.md"),
        turn_count=len(spoken),
    )
