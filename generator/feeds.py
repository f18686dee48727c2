"""Atom feeds: new transcripts for the whole site, and per speaker. Dates come from the transcripts."""

from __future__ import annotations

import posixpath
import uuid
from dataclasses import dataclass
from typing import Any

from .model import Speaker, Topic, Transcript
from .templating import ESCAPED


def page_path(source: str, directory_urls: bool = True) -> str:
    """Where MkDocs puts the page written at `source`: `a/b.md` at `a/b/` (or `a/b.html`), `a/index.md` at `a/`."""
    stem = source.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Site:
    """What pages and feeds need to know of the site itself."""

    name: str = "Onrecord"
    url: str | None = None  # site_url, for absolute links; None builds relative ones
    directory_urls: bool = True  # MkDocs' use_directory_urls: /transcripts/x/, or /transcripts/x/index.html

    def page(self, source: str) -> str:
        """The URL path MkDocs gives the page written at `source` ("speakers/x.md"), as use_directory_urls says."""
        return page_path(source, self.directory_urls)

    def href(self, path: str, from_file: str) -> str:
        """The URL of page or file `path` ("transcripts/x/", "speakers/x.html"), as seen from `from_file`."""
        if self.url:
            return self.url.rstrip("/") + "/" + path
        relative = posixpath.relpath(path or ".", posixpath.dirname(from_file) or ".")
        if path and not path.endswith("/"):
            return relative
        return relative.rstrip("/") + "/" if relative != "." else "./"

    def id_for(self, path: str) -> str:
        # Atom ids must be absolute and never change: the page's URL, or a name-based UUID.
        return self.url.rstrip("/") + "/" + path if self.url else f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, path)}"


def stamp(date: str | None) -> str:
    return f"{date or '1970-01-01'}T00:00:00Z"


def summary(transcript: Transcript) -> str:
    organisation = transcript.organisation
    names = ", ".join(s.name for s in transcript.speakers)
    questions = "; ".join(
        f"Q{e.id[1:]} {transcript.speaker(e.questioner).name if transcript.speaker(e.questioner) else ''}".strip()
        for e in transcript.exchanges
    )
    parts = [organisation, f"Participants: {names}" if names else None, f"Questions: {questions}" if questions else None]
    return ". ".join(p for p in parts if p)


def _about(text: str, transcript: Transcript) -> str:
    """A speaker's or a topic's entry: what they have in the call, and whose call it is. Not the whole
    call's participants and questions (the site's feed has those): repeated in every feed a call enters,
    they were most of the feeds' bytes."""
    return ". ".join(part for part in (text, transcript.organisation) if part)


def _render(feed_path: str, title: str, site: Site, page_path: str, entries: list[dict[str, Any]]) -> str:
    return ESCAPED.get_template("feed.xml.j2").render(
        title=title,
        site=site,
        id=site.id_for(feed_path),
        self_href=site.href(feed_path, feed_path).rstrip("/") if site.url else posixpath.basename(feed_path),
        page_href=site.href(page_path, feed_path),
        updated=max((e["updated"] for e in entries), default=stamp(None)),
        entries=entries,
    )


# A feed is what is new: its newest entries, so it does not grow with the archive (and a topic's feed
# of a 10,000-call archive does not walk all 10,000 calls).
FEED_ENTRIES = 50


def transcripts_feed(transcripts: tuple[Transcript, ...], site: Site) -> str:
    path = "feed.xml"
    entries = [
        {
            "title": t.title,
            "href": site.href(site.page(f"transcripts/{t.slug}/index.md"), path),
            "id": site.id_for(f"transcripts/{t.slug}/"),
            "updated": stamp(t.date),
            "summary": summary(t),
        }
        for t in transcripts[:FEED_ENTRIES]
    ]
    return _render(path, f"{site.name}: transcripts", site, site.page("index.md"), entries)


def speaker_feed(speaker: Speaker, transcripts: list[Transcript], site: Site) -> str:
    path = f"speakers/{speaker.id}/feed.xml"
    entries = []
    for t in transcripts[:FEED_ENTRIES]:
        asked = [e for e in t.exchanges if e.questioner == speaker.id]
        turns = sum(1 for turn in t.turns if turn.speaker == speaker.id)
        text = f"{speaker.name}: {turns} turns" + (f", asked {len(asked)} question(s)" if asked else "")
        entries.append({
            "title": t.title,
            "href": site.href(site.page(f"transcripts/{t.slug}/index.md"), path),
            "id": site.id_for(f"speakers/{speaker.id}/{t.slug}"),
            "updated": stamp(t.date),
            "summary": _about(text, t),
        })
    return _render(path, f"{speaker.name} on {site.name}", site, site.page(f"speakers/{speaker.id}.md"), entries)


def topic_feed(topic: Topic, transcripts: tuple[Transcript, ...], site: Site) -> str:
    """A transcript enters the feed when one of its exchanges (or blocks of remarks) is about the topic."""
    path = f"topics/{topic.id}/feed.xml"
    about: dict[str, list[str]] = {}
    for slug, exchange_id in topic.exchanges:
        about.setdefault(slug, []).append(exchange_id)
    for slug, _ in topic.remarks:
        about.setdefault(slug, [])
    entries = []
    for t in transcripts:  # newest first, as the corpus orders them
        if len(entries) == FEED_ENTRIES:
            break
        if t.slug not in about:
            continue
        asked = [t.speaker(e.questioner) for e in t.exchanges if e.id in about[t.slug]]
        questions = "; ".join(f"Q{e_id[1:]} {s.name if s else ''}".strip() for e_id, s in zip(about[t.slug], asked))
        entries.append({
            "title": t.title,
            "href": site.href(site.page(f"transcripts/{t.slug}/index.md"), path),
            "id": site.id_for(f"topics/{topic.id}/{t.slug}"),
            "updated": stamp(t.date),
            "summary": _about(f"{topic.name}" + (f" in {questions}" if questions else " in the prepared remarks"), t),
        })
    return _render(path, f"{topic.name} on {site.name}", site, site.page(f"topics/{topic.id}.md"), entries)
