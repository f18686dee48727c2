"""The `render` stage: a Corpus becomes pages, path -> Markdown, through the Jinja2 templates.

Python decides what each page says (order, grouping, links, where a time mark goes); the templates
in generator/templates/ only lay it out. Every value a template prints is escaped as Markdown
text unless Python marked it as Markdown already, so transcript text cannot become markup.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import export, exports, genres, outline, paging
from .anchors import edition, recorded
from .charts import bar_chart, short_date
from .feeds import Site, speaker_feed, topic_feed, transcripts_feed
from .identity import is_placeholder_person
from .pages import (
    Markdown, answered_by, exchange_title, first_words, human_date, link, render_template, speaker_page,
    transcript_page, words,
)
from .model import REMARKS, UNKNOWN, Corpus, Exchange, Speaker, Transcript, Turn
from .page_memo import PageMemo
from .source import slugify
from .speaker_names import names_files as speaker_names
from .templating import ESCAPED
from .topic_pages import TopicViews
from .turn_html import anchor_url, html_href, page_url, render_html, turn_html

WORDS_PER_MINUTE = 230


# Served as they are, these cannot run in a reader's browser; any other source (.html, .md) gets
# `.txt` added, so a hostile file is offered as text, never rendered as a page of our site.
_INERT_SOURCES = (".txt", ".vtt", ".srt", ".json")


# A published file name a link, a server and every file system take as it is.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _exports(transcript: Transcript) -> list[exports.Format]:
    """VTT, SRT, Podcasting 2.0, Akoma Ntoso beside transcript.json; never over the source's own download."""
    own = posixpath.basename(source_download(transcript))
    return [offered for offered in exports.offered(transcript) if offered.filename != own]


def source_download(transcript: Transcript) -> str:
    name = transcript.source.path.name if transcript.source else f"{transcript.slug}.txt"
    if not _PLAIN_NAME.fullmatch(name):  # `x) <img …> (.txt` would break out of its link: its words, hyphenated
        stem, dot, suffix = name.rpartition(".")
        name = (slugify(stem) or transcript.slug) + (f".{suffix}" if dot and _PLAIN_NAME.fullmatch(suffix) else "")
    if not name.lower().endswith(_INERT_SOURCES):
        name += ".txt"
    return f"transcripts/{transcript.slug}/{name}"


def describe(transcript: Transcript) -> str:
    """One line for link previews and search engines."""
    organisation = transcript.organisation
    asking = [transcript.speaker(e.questioner) for e in transcript.exchanges]
    firms = list(dict.fromkeys(s.organisation for s in asking if s and s.organisation))  # in the order they asked
    when = human_date(transcript.date)
    head = " · ".join(x for x in (organisation, when) if x) or transcript.title
    if not transcript.exchanges:
        return f"{head}: {len(transcript.turns)} turns."
    listed = ", ".join(firms[:6]) + (" and others" if len(firms) > 6 else "")
    return f"{head}: {len(transcript.exchanges)} questions" + (f" from {listed}." if firms else ".")


def _newest(transcripts) -> str | None:
    return max((t.date for t in transcripts if t.date), default=None)


def _updated(date: str | None) -> dict[str, str]:
    """The page's date for the sitemap: from the transcripts, never the clock, so builds reproduce."""
    return {"updated": date} if date else {}


@dataclass(frozen=True)
class TurnView:
    turn: Turn
    speaker: Speaker | None
    speaker_href: str | None  # the URL of their page, as MkDocs will write it
    introduces: bool = True  # the speaker's first turn in this exchange or section: say their title
    paragraph_ids: dict[int, str] = field(default_factory=dict)  # paragraphs the outline links to
    timed: bool = False  # each timed word a span to seek the recording by

    @property
    def html(self) -> Markdown:
        return Markdown(turn_html(self))


def render(corpus: Corpus, home_text: str = "", site: Site = Site(), memo: PageMemo | None = None,
           pages: dict | None = None) -> dict[str, str | bytes]:
    """Every generated file of the site, by path under the docs folder; with a memo, pages whose inputs are
    unchanged come from it instead of being rendered again. Into `pages` when given (apart.StagedPages writes
    each body to disk as it comes), written only to and updated, never read."""
    memo = memo or PageMemo(None)
    pages = {} if pages is None else pages
    pages.update(_home(corpus, home_text))
    pages["feed.xml"] = transcripts_feed(corpus.transcripts, site)
    turns_by_speaker: dict[str, list[tuple[Transcript, Turn]]] = defaultdict(list)
    site_date = _newest(corpus.transcripts)  # the date of pages that have none of their own
    views = TopicViews(corpus, site.directory_urls)
    pages.update(views.pages(memo))
    for topic in corpus.topics:
        # Only the transcripts the topic is in, in the archive's order: walking them all was topics × N.
        about = views.in_order(slug for slug, _ in (*topic.exchanges, *topic.remarks))
        pages[f"topics/{topic.id}/feed.xml"] = topic_feed(topic, tuple(about), site)
    topic_names = {t.id: t.name for t in corpus.topics}
    for transcript in corpus.transcripts:
        # Its pages show its own date, else the site's; its share pages name its exchanges' topics.
        inputs = (memo.digest_of(transcript), site, transcript.date or site_date,
                  [(t, topic_names.get(t)) for e in transcript.exchanges for t in e.topics])
        pages.update(memo.files(("transcript", transcript.slug), inputs, lambda noted, transcript=transcript:
                                _transcript_files(transcript, noted, site_date, site, topic_names), views))
        if transcript.source is not None:
            pages[source_download(transcript)] = transcript.source.raw
        for turn in transcript.turns:
            if turn.speaker:
                turns_by_speaker[turn.speaker].append((transcript, turn))
    pages.update(_speaker_index(corpus, turns_by_speaker, site.directory_urls))
    transcript_words = TranscriptWords(corpus.transcripts)
    pages["speakers/speakers.json"] = _speakers_json(corpus, turns_by_speaker)
    # The theme puts the Pagefind UI on this page; `?q=` makes searches linkable.
    search = {"title": "Search", "onrecord": "search", **_updated(site_date)}
    pages["search.md"] = f"---\n{yaml.safe_dump(search, sort_keys=True)}---\n\n# Search\n"
    for speaker in corpus.speakers:
        if is_placeholder_person(speaker):
            continue  # someone of one transcript, named on its page: no one to follow across transcripts
        spoken = turns_by_speaker[speaker.id]
        inputs = (speaker, [(memo.digest_of(t), turn.id) for t, turn in spoken], site,
                  _newest([t for t, _ in spoken]) or site_date)
        pages.update(memo.files(("speaker", speaker.id), inputs, lambda noted, speaker=speaker, spoken=spoken:
                                _speaker_files(speaker, spoken, noted, site_date, site, transcript_words), views))
    return pages


def _transcript_files(transcript: Transcript, views: TopicViews, site_date: str | None, site: Site,
                      topic_names: dict[str, str]) -> dict[str, str]:
    """A transcript's page, its exports and its share pages: what is rendered again when its inputs change."""
    pages = {transcript_page(transcript.slug): _transcript(transcript, views, site_date, site.directory_urls)}
    pages[f"transcripts/{transcript.slug}/transcript.json"] = export.download(transcript)
    for offered in _exports(transcript):
        pages[f"transcripts/{transcript.slug}/{offered.filename}"] = offered.write(transcript)
    pages.update(_share_pages(transcript, topic_names, site))
    return pages


def _speaker_files(speaker: Speaker, spoken: list[tuple[Transcript, Turn]], views: TopicViews,
                   site_date: str | None, site: Site, transcript_words: Mapping[str, int] | None = None) -> dict[str, str]:
    """A speaker's pages and feed."""
    pages = _speaker(speaker, spoken, views, site_date, site.directory_urls, transcript_words)
    spoken_in = list({t.slug: t for t, _ in spoken}.values())
    pages[f"speakers/{speaker.id}/feed.xml"] = speaker_feed(speaker, spoken_in, site)
    return pages


def _share_pages(transcript: Transcript, topic_names: dict[str, str], site: Site) -> dict[str, str]:
    """A page per exchange at /transcripts/<slug>/q7/ that previews with its questioner and topics
    wherever a host reads Open Graph, then takes the reader to the exchange. A fragment (#q7) never
    reaches a server, so a preview can only ever describe a whole page."""
    current = edition(transcript)
    version = f"?v={current}" if current > 1 else ""
    turns = {t.id: t for t in transcript.turns}
    base = site.url.rstrip("/") + f"/transcripts/{transcript.slug}/" if site.url else None
    here = "" if site.directory_urls else "index.html"  # a folder's page, named when no server finds it
    pages = {}
    for exchange in transcript.exchanges:
        question = next((turns[t] for t in exchange.turns if turns[t].speaker == exchange.questioner), None)
        topics = [topic_names[t] for t in exchange.topics if t in topic_names]
        description = " ".join(
            x for x in (f"On {', '.join(topics[:5])}." if topics else "",
                        f"“{first_words(question, 30)}”" if question else "") if x
        )
        pages[f"transcripts/{transcript.slug}/{exchange.id}/index.html"] = ESCAPED.get_template("share.html.j2").render(
            title=f"{exchange_title(transcript, exchange, answered=True)} — {transcript.title}",
            description=description or transcript.title,
            url=f"{base}{exchange.id}/{here}" if base else None,
            canonical=f"{base}{here}{version}#{exchange.id}" if base else None,
            target=f"../{here}{version}#{exchange.id}",
            site=site,
        )
    return pages


def _home(corpus: Corpus, home_text: str) -> dict[str, str]:
    """The home page and the list of every transcript, newest first, HOME_PAGE to a page (/page/2/ on)."""
    chunks = paging.split(corpus.transcripts, HOME_PAGE)
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        here = paging.page_path("index.md", number)
        transcripts = [
            {
                "transcript": t,
                "href": link(here, transcript_page(t.slug)),
                "date": human_date(t.date),
                "organisation": t.organisation,
            }
            for t in chunk
        ]
        pages[here] = render_template(
            "home.md.j2", front_matter={
                "title": "Home" if number == 1 else f"Transcripts (page {number} of {len(chunks)})",
                "onrecord": "home", "feed": "feed.xml",
                "description": f"{len(corpus.transcripts)} transcripts to read, search and link to, one exchange at a time.",
                **_updated(_newest(corpus.transcripts)),
            },
            home_text=Markdown(home_text.strip()) if number == 1 else "", transcripts=transcripts,
            speakers_href=link(here, "speakers/index.md"), pager=paging.pager("index.md", number, len(chunks)),
        )
    return pages


def _transcript(
    transcript: Transcript, views: TopicViews | None = None, site_date: str | None = None, directory_urls: bool = True
) -> str:
    here = transcript_page(transcript.slug)
    speakers = {s.id: s for s in transcript.speakers}

    # A title is said once per exchange (or section), not on every turn: a reader who lands on an
    # exchange still meets everyone, and the page stays light.
    introduced: set[tuple[str | None, str | None]] = set()
    remarks_outline = outline.outline(transcript)
    paragraph_ids = outline.paragraph_ids(remarks_outline)

    has_media = any(transcript.meta.get(medium) for medium in ("audio", "video"))

    def view(turn: Turn) -> TurnView:
        speaker = speakers.get(turn.speaker) if turn.speaker else None
        # The turn is HTML, which MkDocs does not rewrite: its link is the URL the page will have.
        href = page_url(here, speaker_page(speaker.id), directory_urls) if speaker and not is_placeholder_person(speaker) else None
        where = (turn.exchange or turn.section, turn.speaker)
        first = where not in introduced
        introduced.add(where)
        # Timed words become spans to seek by only where there is a recording to seek.
        return TurnView(turn, speaker, href, first, paragraph_ids.get(turn.id, {}), timed=bool(turn.words and has_media))

    first_turn = {}
    for turn in transcript.turns:
        first_turn.setdefault(turn.speaker, turn.id)
    participants = [
        {
            "title": title,
            "role": roles[0],
            "speakers": [
                {"speaker": s, "first_turn": first_turn.get(s.id),
                 "href": None if is_placeholder_person(s) else link(here, speaker_page(s.id))}
                for s in transcript.speakers
                if s.role in roles
            ],
        }
        for title, roles in genres.role_groups(transcript.genre)
        if any(s.role in roles for s in transcript.speakers)
    ]
    if len(participants) == 1 and participants[0]["role"] == UNKNOWN:
        participants[0]["title"] = genres.EVERYONE
    def urls(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The lines are HTML, which MkDocs does not rewrite (and Python-Markdown need not read): URLs as it writes them.
        return [{**ref, "href": html_href(here, ref["href"], directory_urls)} for ref in refs]

    def exchange_item(e: Exchange) -> dict[str, Any]:
        topics = urls(views.links(here, e.topics)) if views else []
        return {
            "exchange": e,
            "title": exchange_title(transcript, e),
            "head_html": Markdown(render_html("_exchange_lines.html.j2", answered_by=answered_by(transcript, e),
                                              topics=topics, earlier=[], more=None)),
            "turns": [view(t) for t in transcript.turns_of(e)],
            # Below it, earlier exchanges only (a page stays as it was when later transcripts are added) and
            # the page of its first topic, which lists every exchange on it.
            "also_html": Markdown(render_html("_exchange_lines.html.j2", answered_by=None, topics=[],
                                              earlier=urls(views.earlier(here, transcript, e)) if views else [],
                                              more=topics[0] if topics else None)),
        }

    exchanges = [exchange_item(e) for e in transcript.exchanges]
    by_first_turn = {item["exchange"].turns[0]: item for item in exchanges if item["exchange"].turns}
    loose = {t.id: view(t) for t in transcript.turns if t.exchange is None}
    sections = [
        {
            "section": s,
            "loose_turns": [loose[t.id] for t in transcript.turns_of(s) if t.id in loose],
            # The section as it was said: its turns outside exchanges, and each exchange where its first turn stands.
            "items": [{"turn": loose[t.id]} if t.id in loose else {"exchange": by_first_turn[t.id]}
                      for t in transcript.turns_of(s) if t.id in loose or t.id in by_first_turn],
            # Topics of each block of remarks, shown before the turn that opens it.
            "block_topics": {t.id: Markdown(render_html("_topic_links.html.j2", topics=urls(views.links(here, t.topics))))
                             for t in transcript.turns_of(s) if t.topics and views},
            "exchanges": [by_first_turn[t.id] for t in transcript.turns_of(s) if t.id in by_first_turn],
        }
        for s in transcript.sections
    ]
    total_words = sum(words(t) for t in transcript.turns)
    return render_template(
        "transcript.md.j2", transcript=transcript,
        # The topics of the transcript as a whole (its title's subject), once, under its byline.
        subject_topics=Markdown(render_html("_topic_links.html.j2", topics=urls(views.links(here, transcript.topics))))
        if transcript.topics and views else None,
        front_matter={
            "title": transcript.title, "onrecord": "transcript", "description": describe(transcript),
            # Undated, its sitemap date is the site's newest: still from the transcripts, not the clock.
            **_updated(transcript.date or site_date),
            **({"edition": edition(transcript)} if recorded(transcript.meta) else {}),
            # Who speaks in the remarks, and where a long remark moves on: entries the theme's outline lists.
            **({"outline": outline.front_matter(remarks_outline)} if remarks_outline else {}),
        },
        # Recorded anchor moves, for the page to send old links on; `<` escaped so it cannot end the script.
        anchor_moves=Markdown(json.dumps(recorded(transcript.meta), separators=(",", ":")).replace("<", "\\u003c"))
        if recorded(transcript.meta) else None,
        date=human_date(transcript.date),
        year=transcript.date[:4] if transcript.date else None,
        organisation=transcript.organisation,
        turn_count=len(transcript.turns),
        word_count=total_words,
        reading_minutes=max(1, round(total_words / WORDS_PER_MINUTE)),
        participants=participants,
        sections=sections,
        json_href=Markdown("transcript.json"),
        exports=[Markdown(offered.filename) for offered in _exports(transcript)],
        source_href=link(here, source_download(transcript)),
        source_name=posixpath.basename(source_download(transcript)),
        has_remarks=any(s.kind == REMARKS for s in transcript.sections),
    )


def _speaker_stats(spoken: list[tuple[Transcript, Turn]]) -> dict[str, int]:
    return {
        "transcripts": len({t.slug for t, _ in spoken}),
        "turns": len(spoken),
        "words": sum(words(turn) for _, turn in spoken),
    }


def _speaker_index(corpus: Corpus, turns_by_speaker: dict[str, list[tuple[Transcript, Turn]]],
                   directory_urls: bool = True) -> dict[str, str]:
    """Everyone, by role, then by organisation within the role.

    A role is named as the genre of the speaker's transcripts names it ("Justices", "Analysts") when
    they are all of one genre, else in words for any genre ("Asking"): a justice of the court records
    and an analyst of the calls never share a group only because both ask.
    """
    first = "speakers/index.md"
    placeholders = [s for s in corpus.speakers if is_placeholder_person(s)]
    skipped = {s.id for s in placeholders}
    every_genre = [t.genre for t in corpus.transcripts]
    ranks = _group_ranks()
    by_group: dict[str, list[Speaker]] = defaultdict(list)
    anchors: dict[str, str] = {}  # `#company` as before genres, `#court-questioner`, `#any-company`; "Others" `#unknown`
    for speaker in corpus.speakers:
        if speaker.id not in skipped:
            genre = genres.common_genre([t.genre for t, _ in turns_by_speaker[speaker.id]] or every_genre)
            title = genres.role_name(genre, speaker.role)
            by_group[title].append(speaker)
            others = title == genres.role_name(None, UNKNOWN)
            anchors.setdefault(title, UNKNOWN if others else f"{genre}-{speaker.role}" if genre else speaker.role)
    # Everyone in the order the index lists them: (group, firm, speaker), then a page at a time.
    listed = []
    for title in sorted(by_group, key=lambda t: (ranks.get(t, len(ranks)), t)):
        by_firm: dict[str, list[Speaker]] = defaultdict(list)
        for speaker in by_group[title]:
            by_firm[speaker.organisation or ""].append(speaker)
        for name in sorted(by_firm, key=lambda n: (not n, n.lower())):
            listed.extend((title, name, speaker) for speaker in by_firm[name])
    everyone = genres.EVERYONE if len(by_group) == 1 and by_group[next(iter(by_group))][0].role == UNKNOWN else None
    chunks = paging.split(listed, SPEAKER_INDEX_PAGE)
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        here = paging.page_path(first, number)
        before = {title for title, _, _ in chunks[number - 2]} if number > 1 else set()
        groups = _index_groups(here, chunk, by_group, anchors, everyone, before, turns_by_speaker)
        pages[here] = render_template(
            "speakers.md.j2", front_matter={
                "title": "Speakers" if number == 1 else f"Speakers (page {number} of {len(chunks)})",
                "onrecord": "speakers",
                "description": f"Everyone who speaks in {len(corpus.transcripts)} transcripts, by role and organisation.",
                **_updated(_newest(corpus.transcripts)),
            },
            groups=groups, total=len(corpus.speakers) - len(placeholders),
            placeholders=len(placeholders), pager=paging.pager(first, number, len(chunks)),
            json_href=link(here, "speakers/speakers.json"), names_href=link(here, "speakers/names/index.json"),
            placeholder_names=sorted({s.name for s in placeholders}, key=lambda n: (n.lower(), n))[:6],
        )
    pages.update(speaker_names(
        listed, lambda s: page_url("speakers/names/index.md", speaker_page(s.id), directory_urls),
        lambda s: _speaker_stats(turns_by_speaker[s.id])["transcripts"]))
    return pages


def _index_groups(here: str, chunk: list[tuple[str, str, Speaker]], by_group: dict[str, list[Speaker]],
                  anchors: dict[str, str], everyone: str | None, before: set[str],
                  turns_by_speaker: dict[str, list[tuple[Transcript, Turn]]]) -> list[dict[str, Any]]:
    """One page of the speaker index as groups of firms of people; a group the page before began is `continued`."""
    groups: list[dict[str, Any]] = []
    for title, firm, speaker in chunk:
        if not groups or groups[-1]["key"] != title:
            members = by_group[title]
            groups.append({"key": title, "title": everyone or title, "role": members[0].role, "id": anchors[title],
                           "count": len(members), "firms": [], "continued": not groups and title in before})
        firms = groups[-1]["firms"]
        if not firms or firms[-1]["key"] != firm:
            firms.append({"key": firm, "name": firm or None, "members": []})
        firms[-1]["members"].append({"speaker": speaker, "href": link(here, speaker_page(speaker.id)),
                                     **_speaker_stats(turns_by_speaker[speaker.id])})
    return groups


def _group_ranks() -> dict[str, int]:
    """Where each group name of the speaker index stands: no genre's names first, then the genres in
    order, then any genre's; "Others" last."""
    ranks: dict[str, int] = {}
    for genre in (None, *genres.GENRES, genres.ANY):
        for title, roles in genres.role_groups(genre):
            if UNKNOWN not in roles or len(roles) > 1:
                ranks.setdefault(title, len(ranks))
    ranks[genres.role_name(None, UNKNOWN)] = len(ranks)
    return ranks


def _speakers_json(corpus: Corpus, turns_by_speaker: dict[str, list[tuple[Transcript, Turn]]]) -> str:
    people = [
        {
            "id": s.id, "name": s.name, "aliases": list(s.aliases), "role": s.role,
            "organisation": s.organisation, "title": s.title, "bio": s.bio,
            "history": [
                {"transcript": a.slug, "date": a.date, "title": a.title, "organisation": a.organisation}
                for a in s.history
            ],
            **_speaker_stats(turns_by_speaker[s.id]),
            # Added, only where true: someone of one transcript, with no page of their own.
            **({"placeholder": True} if is_placeholder_person(s) else {}),
        }
        for s in corpus.speakers
    ]
    # Compact, as transcript.json is: it is for machines, and indent= runs json's pure-Python encoder.
    return json.dumps({"schema": "onrecord.speakers/1", "speakers": people}, ensure_ascii=False, separators=(",", ":")) + "\n"


def _role_of(speaker: Speaker, heard_in: list[Transcript]) -> str | None:
    """ "Analyst", "Justice", "Member": one person's role as their transcripts' genre names it; none for "other"."""
    name = genres.role_name_across({t.genre for t in heard_in} or {None}, speaker.role, plural=False)
    if name == genres.role_name(None, UNKNOWN, plural=False):
        return None
    return name[:1].upper() + name[1:]


def career(speaker: Speaker) -> list[dict[str, str | None]]:
    """Title and firm over time, oldest first, one line per change."""
    changes: list[dict[str, str | None]] = []
    for appearance in sorted(speaker.history, key=lambda a: a.date or ""):
        if changes and (changes[-1]["title"], changes[-1]["organisation"]) == (appearance.title, appearance.organisation):
            continue
        changes.append({"since": human_date(appearance.date), "title": appearance.title,
                        "organisation": appearance.organisation})
    return changes if len(changes) > 1 else []


# One page of a speaker lists at most this many of their turns and exchanges, from this many transcripts:
# someone in every call of a decade gets more pages, never a longer one.
SPEAKER_PAGE_LINES = 150
SPEAKER_PAGE_TRANSCRIPTS = 25
SPEAKER_INDEX_PAGE = 300  # people listed on one page of the speaker index
HOME_PAGE = 200  # transcripts listed on the home page, and on each page after it


class TranscriptWords(Mapping[str, int]):
    """Each transcript's words by slug, what every speaker's share of it divides by: read-only, each counted
    once, when first asked for. A build whose speaker pages all come from the memo counts none: counting every
    transcript up front cost its render about 0.2 s CPU of 2.9 at N = 300."""

    def __init__(self, transcripts: tuple[Transcript, ...]) -> None:
        self._transcripts = {t.slug: t for t in transcripts}
        self._counted: dict[str, int] = {}

    def __getitem__(self, slug: str) -> int:
        if slug not in self._counted:
            self._counted[slug] = sum(words(turn) for turn in self._transcripts[slug].turns)
        return self._counted[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._transcripts)

    def __len__(self) -> int:
        return len(self._transcripts)


@dataclass(frozen=True)
class _Appearance:
    """Some of a speaker's turns in one transcript, as one page shows them; `first` if the page starts it there."""

    transcript: Transcript
    turns: tuple[Turn, ...]
    exchanges: tuple[Exchange, ...]  # on the part where their transcript starts
    share: float
    first: bool = True

    @property
    def lines(self) -> int:
        return len(self.turns) + len(self.exchanges)


def _appearances(speaker: Speaker, spoken: list[tuple[Transcript, Turn]],
                 transcript_words: Mapping[str, int] | None = None) -> list[_Appearance]:
    """Each transcript they speak in, in order, cut in parts where it has more turns than a page holds
    (`transcript_words`: each transcript's words by slug, counted once for all its speakers)."""
    turns_in: dict[str, list[Turn]] = defaultdict(list)
    transcripts: dict[str, Transcript] = {}
    for transcript, turn in spoken:
        transcripts.setdefault(transcript.slug, transcript)
        turns_in[transcript.slug].append(turn)
    parts = []
    for slug, transcript in transcripts.items():
        said = {t.exchange for t in turns_in[slug] if t.exchange}
        exchanges = tuple(e for e in transcript.exchanges if e.id in said)
        total = transcript_words[slug] if transcript_words is not None else sum(words(t) for t in transcript.turns)
        share = sum(words(t) for t in turns_in[slug]) / (total or 1)
        mine = turns_in[slug]
        step = SPEAKER_PAGE_LINES - min(len(exchanges), SPEAKER_PAGE_LINES // 2)
        for start in range(0, len(mine), step):
            parts.append(_Appearance(transcript, tuple(mine[start : start + step]), exchanges if not start else (),
                                     share, first=not start))
    return parts


def _speaker(
    speaker: Speaker, spoken: list[tuple[Transcript, Turn]], views: TopicViews | None = None,
    site_date: str | None = None, directory_urls: bool = True, transcript_words: Mapping[str, int] | None = None,
) -> dict[str, str]:
    """A speaker's pages: who they are on the first, then their transcripts, exchanges and turns, a page at a time."""
    first = speaker_page(speaker.id)
    appearances = _appearances(speaker, spoken, transcript_words)
    chunks = paging.split(appearances, SPEAKER_PAGE_LINES, lambda a: a.lines, most=SPEAKER_PAGE_TRANSCRIPTS)
    count = len({t.slug for t, _ in spoken})
    description = (", ".join(x for x in (speaker.name, speaker.title, speaker.organisation) if x)
                   + f": {len(spoken)} turns in {count} transcript{'s' if count != 1 else ''}.")
    updated = _updated(_newest([t for t, _ in spoken]) or site_date)
    # Counted once, not on each page: 200,000 turns make hundreds of pages, and counting on each was quadratic.
    totals = {"stats": _speaker_stats(spoken), "role": _role_of(speaker, [t for t, _ in spoken]),
              "turns_in": Counter(t.slug for t, _ in spoken)}
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        here = paging.page_path(first, number)
        pages[here] = _speaker_page(speaker, totals, views, here, chunk, paging.pager(first, number, len(chunks)), {
            "title": speaker.name if number == 1 else f"{speaker.name} (page {number} of {len(chunks)})",
            "onrecord": "speaker", "feed": f"speakers/{speaker.id}/feed.xml", "description": description, **updated,
        }, directory_urls)
    return pages


def _speaker_page(speaker: Speaker, totals: dict[str, Any], views: TopicViews | None, here: str,
                  chunk: list[_Appearance], pager: paging.Pager, front_matter: dict[str, Any],
                  directory_urls: bool = True) -> str:
    entries = [
        {
            "transcript": a.transcript,
            "href": link(here, transcript_page(a.transcript.slug)),
            "date": human_date(a.transcript.date),
            "as_speaker": a.transcript.speaker(speaker.id),
            "continued": not a.first,
            # The lists are HTML (turn_html.py): their links are the URLs MkDocs would write.
            "exchanges": [
                {"title": exchange_title(a.transcript, e), "href": anchor_url(here, a.transcript, e.id, directory_urls),
                 "asked": e.questioner == speaker.id}
                for e in a.exchanges
            ],
            "turns": [{"turn": turn, "href": anchor_url(here, a.transcript, turn.id, directory_urls),
                       "opening": first_words(turn)} for turn in a.turns],
            "all_turns": totals["turns_in"][a.transcript.slug],
            "share": a.share,
        }
        for a in chunk
    ]
    for entry in entries:
        entry["lists_html"] = Markdown(render_html("_speaker_lists.html.j2", entry=entry))
    chart = bar_chart(
        f"{speaker.name}: share of the words spoken in each transcript",
        "Share of the words spoken in each transcript",
        [(f"{short_date(e['transcript'].date)} {e['transcript'].title}".strip(), e["share"],
          f"{e['share']:.0%}" if e["share"] >= 0.01 else "<1%") for e in entries if not e["continued"]],
    )
    return render_template(
        "speaker.md.j2", front_matter=front_matter,
        speaker=speaker,
        role=totals["role"],
        career=career(speaker) if pager.number == 1 else [],
        chart=chart,
        transcripts=entries,
        pager=pager,
        index_href=link(here, "speakers/index.md"),
        topics=views.of_speaker(here, speaker.id) if views and pager.number == 1 else [],
        json_href=link(here, "speakers/speakers.json"),
        stats=totals["stats"],
    )
