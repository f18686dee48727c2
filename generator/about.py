"""What a transcript says about itself: title, date, firm and the roles of its people, weighed in one step.

The front matter has the last word; then what the file itself states (a header's `Date:`, a call's
title line, a participant list), as its reader found it; then the file's name. Each fact taken from
the file is reported with the line it came from. Readers only turn text into turns: this runs after them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .diagnostics import Report
from .model import ROLES, UNKNOWN, Participant, Source, Transcript

# Facts the model holds in fields of their own, or that `company` stands for; any other goes into meta.
_OWN_FIELDS = ("title", "date")
_STEM_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def describe(transcript: Transcript, report: Report) -> Transcript:
    source = transcript.source
    if source is None:
        return transcript
    stated = {fact.key: fact for fact in transcript.stated}
    meta = dict(source.meta)
    firm_first = sorted(stated.items(), key=lambda item: {"organisation": 0, "ticker": 1}.get(item[0], 2))
    for key, fact in firm_first:  # organisation, ticker; then a Record's volume, chamber, pages…
        if key in _OWN_FIELDS or key in meta or (key == "organisation" and "company" in meta):
            continue
        meta[key] = fact.value
        report.info(source.path, fact.line, f"{key} {fact.value!r} inferred from the file", "meta.inferred")
    return replace(
        transcript,
        title=_title(source, stated, report),
        date=_front_matter_date(source, report) if "date" in source.meta else _date(source, stated, report),
        meta=meta,
        speakers=_with_roles(transcript, front_matter_participants(source, report)),
    )


def _title(source: Source, stated: dict, report: Report) -> str:
    if source.meta.get("title"):
        return str(source.meta["title"])
    if "title" in stated:
        fact = stated["title"]
        report.info(source.path, fact.line, f"title {fact.value!r} inferred from the file", "meta.inferred")
        return fact.value
    title = source.path.stem.replace("-", " ").replace("_", " ").strip().title()
    report.info(source.path, 1, f"no title in the front matter or the file; {title!r} taken from the file name",
                "meta.inferred")
    return title


def _date(source: Source, stated: dict, report: Report) -> str | None:
    if "date" in stated:
        fact = stated["date"]
        report.info(source.path, fact.line, f"date {fact.value} inferred from the file", "meta.inferred")
        return fact.value
    match = _STEM_DATE.search(source.path.stem)
    if match:
        value = "-".join(match.groups())
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None
        report.info(source.path, 1, f"date {value} taken from the file name", "meta.inferred")
        return value
    return None


def _front_matter_date(source: Source, report: Report) -> str | None:
    """Checked as a calendar date when the front matter was read (schema.date); a wrong one is gone by now."""
    return source.meta.get("date")


def _with_roles(transcript: Transcript, declared: list[Participant]) -> tuple:
    """A participant list in the file gives roles, titles and firms; the front matter's has the last word."""
    listed = {_person_key(p.name): p for p in [*transcript.participants, *declared]}
    speakers = []
    for speaker in transcript.speakers:
        person = listed.get(_person_key(speaker.name))
        if person is not None and person.role != UNKNOWN:
            speaker = replace(speaker, role=person.role, organisation=person.organisation, title=person.title)
        speakers.append(speaker)
    return tuple(speakers)


def front_matter_participants(source: Source, report: Report) -> list[Participant]:
    """`participants:` in front matter: a list of {name, role, organisation, title}, or {name: role}."""
    given = source.meta.get("participants")
    if given is None:
        return []
    line = source.line_of("participants")
    entries = [{"name": k, "role": v} for k, v in given.items()] if isinstance(given, dict) else given
    if not isinstance(entries, list):
        report.warning(source.path, line, "`participants:` must be a list of people", "meta.participants")
        return []
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            report.warning(source.path, line, "each participant needs a `name:`; one is ignored", "meta.participants")
            continue
        role = entry.get("role") or UNKNOWN
        if role not in ROLES:
            report.warning(source.path, line, f"role {role!r} of {entry['name']} is not one of {', '.join(ROLES)}",
                           "meta.participants")
            role = UNKNOWN
        found.append(Participant(entry["name"], role, entry.get("organisation"), entry.get("title"), line))
    return found


def _person_key(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())
