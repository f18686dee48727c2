"""Topic pages and the topic views other pages show: what the topics step decided, laid out for reading.

`/topics/` lists the most discussed topics, then every topic by group (topic_index.py decides); `/topics/<id>/` gathers those
exchanges across transcripts, newest first, each with a passage that shows the topic in context.
Transcript pages get each exchange's topics and links to earlier exchanges in other transcripts on the
same topics; speaker pages get a speaker's main topics. Templates lay it out; Python decides here.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Callable

from markupsafe import Markup

from . import index_names, paging, topic_index
from .charts import bar_chart, short_date
from .escape import html_text, markdown_text
from .identity import is_placeholder_person
from .pages import Markdown, exchange_title, human_date, link, render_template, topic_page, transcript_page
from .pages import answerers as answering
from .model import Corpus, Exchange, Mention, Topic, Transcript, Turn, UnreadTopic
from .page_memo import PageMemo
from .turn_html import page_url, render_html

# How many words of context a passage shows on each side of the topic.
PASSAGE_WORDS = 14
EARLIER_ON_THESE_TOPICS = 5
TOP_SPEAKERS = 8
SPEAKER_TOPICS = 6
# One page of a topic holds at most this many exchanges and remarks, from this many transcripts.
TOPIC_PAGE_ENTRIES = 60
TOPIC_PAGE_TRANSCRIPTS = 25
TIMELINE_BARS = 40
TOPIC_INDEX_PAGE = 400  # topics listed on one page of the index


class TopicViews:
    """Indexes over the corpus, built once, that every page's view of topics reads from."""

    def __init__(self, corpus: Corpus, directory_urls: bool = True) -> None:
        self.corpus, self.directory_urls = corpus, directory_urls
        self.topics = {t.id: t for t in corpus.topics}
        self.transcripts = {t.slug: t for t in corpus.transcripts}
        self.turns = {(t.slug, turn.id): turn for t in corpus.transcripts for turn in t.turns}
        self.first_mention: dict[tuple[str, str, str], Mention] = {}
        self.by_speaker: dict[str, Counter[str]] = defaultdict(Counter)
        for topic in corpus.topics:
            if isinstance(topic, UnreadTopic):  # another shard's: its mentions counted by the join, not held
                for speaker, count in topic.spoken:
                    self.by_speaker[speaker][topic.id] += count
            for mention in topic.mentions:
                self.first_mention.setdefault((topic.id, mention.slug, mention.unit), mention)
                turn = self.turns.get((mention.slug, mention.turn))
                if turn is not None and turn.speaker:
                    self.by_speaker[turn.speaker][topic.id] += 1
        # Asked by every topic page: worked out once, not once a topic (both grow with the archive).
        self.order = {t.slug: index for index, t in enumerate(corpus.transcripts)}  # newest first
        self.newest = max((t.date for t in corpus.transcripts if t.date), default=None)
        self.people = {s.id: s for s in corpus.speakers if not is_placeholder_person(s)}
        self.known = {s.id: (s.name, s.organisation, s.id not in self.people) for s in corpus.speakers}
        self._in_order: dict[str, tuple[list[int], list[tuple[str, str]]]] = {}
        self._facts: dict[tuple[str, str], tuple[str, str, str | None, tuple[str, ...]]] = {}

    def in_order(self, slugs) -> list[Transcript]:
        """The transcripts of these slugs, in the archive's order (newest first)."""
        return [self.corpus.transcripts[i] for i in sorted(self.order[s] for s in set(slugs) if s in self.order)]

    # --- on a transcript page ---

    def links(self, here: str, topic_ids: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{"name": self.topics[t].name, "href": link(here, topic_page(t))} for t in topic_ids if t in self.topics]

    def earlier(self, here: str, transcript: Transcript, exchange: Exchange) -> list[dict[str, Any]]:
        """Exchanges in transcripts before this one (in the archive's order) on the same topics: most topics
        shared first, then the nearest in time. Only earlier ones: adding a transcript, the newest as a rule,
        changes no page published before it, and the topic's page lists every exchange, later ones included."""
        mine = self.order.get(transcript.slug)
        if mine is None or not exchange.topics:
            return []
        shared: Counter[tuple[str, str]] = Counter()
        order: dict[tuple[str, str], int] = {}
        for topic_id in exchange.topics:
            if topic_id not in self.topics:
                continue
            orders, places = self._exchanges_in_order(topic_id)
            # The nearest few before this transcript, however many transcripts the topic is in.
            start = bisect_right(orders, mine)
            for position, place in enumerate(places[start : start + EARLIER_ON_THESE_TOPICS * 10]):
                shared[place] += 1
                order[place] = min(order.get(place, position), position)
        ranked = sorted(shared, key=lambda place: (-shared[place], order[place], place))[:EARLIER_ON_THESE_TOPICS]
        return [self._exchange_ref(here, slug, exchange_id) for slug, exchange_id in ranked]

    def _exchanges_in_order(self, topic_id: str) -> tuple[list[int], list[tuple[str, str]]]:
        """A topic's exchanges, newest transcript first, and each one's place in the archive's order."""
        known = self._in_order.get(topic_id)
        if known is None:
            places = sorted((p for p in self.topics[topic_id].exchanges if p[0] in self.order),
                            key=lambda p: self.order[p[0]])  # stable: a transcript's exchanges keep their order
            known = self._in_order[topic_id] = ([self.order[slug] for slug, _ in places], places)
        return known

    # --- on a speaker page ---

    def of_speaker(self, here: str, speaker_id: str) -> list[dict[str, Any]]:
        counted = sorted(self.by_speaker.get(speaker_id, Counter()).items(),
                         key=lambda item: (-item[1], self.topics[item[0]].name.lower()))[:SPEAKER_TOPICS]
        return [{"name": self.topics[t].name, "href": link(here, topic_page(t)), "mentions": n} for t, n in counted]

    # --- the topic pages ---

    def pages(self, memo: PageMemo | None = None) -> dict[str, str]:
        pages = self._index_pages()
        memo = memo or PageMemo(None)
        for topic in self.corpus.topics:
            pages.update(memo.files(("topic", topic.id), self._topic_inputs(topic, memo),
                                    lambda _, topic=topic: self._topic_pages(topic)))
        pages.update(self._moved())
        pages["topics/topics.json"] = self.json()
        return pages

    def _moved(self) -> dict[str, str]:
        """A page at each id a topic's variants would have had, so a link to one still finds the topic."""
        live = {t.id for t in self.corpus.topics}
        newest = self.newest  # the sitemap's, not the clock's
        pages = {}
        for topic in self.corpus.topics:
            for old in topic.former_ids:
                if old in live or topic_page(old) in pages:
                    continue
                here = topic_page(old)
                href = link(here, topic_page(topic.id))
                # The theme redirects to the topic's page, as MkDocs lays it out (topics/<id>/ or topics/<id>.html).
                front_matter = {"title": topic.name, "onrecord": "moved", "moved_to": f"topics/{topic.id}",
                                **({"updated": newest} if newest else {})}
                pages[here] = render_template("topic_moved.md.j2", front_matter=front_matter, topic=topic, href=href)
        return pages

    def _index_pages(self) -> dict[str, str]:
        """The most discussed topics, then every topic by group (topic_index.py), TOPIC_INDEX_PAGE rows to a page."""
        first = "topics/index.md"
        grouped = topic_index.groups(self.corpus)
        rows = [(group, entry) for group in grouped for entry in group.entries]
        chunks = paging.split(rows, TOPIC_INDEX_PAGE)
        starts: dict[str, int] = {}  # the page each group and each letter of a group starts on
        for number, chunk in enumerate(chunks, start=1):
            for group, entry in chunk:
                starts.setdefault(group.id, number)
                starts.setdefault(topic_index.letter_id(group, topic_index.letter(entry.topic.name)), number)
        newest = max((t.date for t in self.corpus.transcripts if t.date), default=None)
        pages = {}
        for number, chunk in enumerate(chunks, start=1):
            here = paging.page_path(first, number)
            title = "Topics" if number == 1 else f"Topics (page {number} of {len(chunks)})"
            front_matter = {"title": title, "onrecord": "topics", **({"updated": newest} if newest else {})}
            at = _IndexPlaces(first, here, number, starts)
            pages[here] = render_template(
                "topics.md.j2", front_matter=front_matter, total=len(self.corpus.topics),
                transcripts=len(self.corpus.transcripts), sections=self._index_sections(here, chunk, at),
                top=self._index_rows(here, topic_index.most_discussed(self.corpus)) if number == 1 else [],
                contents=self._index_contents(grouped, at) if number == 1 and len(grouped) > 1 else [],
                pager=paging.pager(first, number, len(chunks)), names_href=link(here, "topics/names/index.json"),
                json_href=link(here, "topics/topics.json"), automatic=any(not t.curated for t in self.corpus.topics))
        # Links from the folder of the filter's files, where the filter reads them.
        pages.update(index_names.files("topics/names", topic_index.names(self.corpus, {
            t.id: page_url("topics/names/index.md", topic_page(t.id), self.directory_urls) for t in self.corpus.topics})))
        return pages

    def _index_contents(self, grouped: list[topic_index.Group], at: _IndexPlaces) -> list[dict[str, Any]]:
        """The groups by kind of transcript, each kind on a line: "Earnings calls: Dell 60 · HP 49", "Podcasts 357"."""
        kinds: dict[str, list[topic_index.Group]] = {}
        for group in grouped:
            kinds.setdefault(group.kind, []).append(group)
        lines = []
        for kind, groups in kinds.items():
            items = [{"name": g.organisation or "no organisation named", "href": at.link(g.id), "count": len(g.entries)}
                     for g in groups]
            alone = len(groups) == 1 and not groups[0].organisation  # the kind is the group: its name links
            lines.append({"kind": kind, "groups": [] if alone else items, "href": None, **(items[0] if alone else {})})
        return lines

    def _index_rows(self, here: str, entries: list[topic_index.Entry]) -> list[dict[str, Any]]:
        return [{"entry": e, "href": link(here, topic_page(e.topic.id))} for e in entries]

    def _index_sections(self, here: str, chunk: list, at: _IndexPlaces) -> list[dict[str, Any]]:
        """One page's part of the groups: each group, and in a long group each letter, with its rows;
        a group or letter a page before began is `continued`."""
        sections: list[dict[str, Any]] = []
        for group, entry in chunk:
            if not sections or sections[-1]["group"] is not group:
                marks = dict.fromkeys(topic_index.letter(e.topic.name) for e in group.entries) if group.by_letter else {}
                sections.append({"group": group, "continued": at.before(group.id), "parts": [],
                                 "letters": [{"letter": m, "href": at.link(topic_index.letter_id(group, m))} for m in marks]})
            parts = sections[-1]["parts"]
            mark = topic_index.letter(entry.topic.name) if group.by_letter else None
            if not parts or parts[-1]["letter"] != mark:
                anchor = topic_index.letter_id(group, mark) if mark else None
                parts.append({"letter": mark, "id": anchor, "rows": [], "continued": bool(anchor) and at.before(anchor)})
            parts[-1]["rows"].append({"entry": entry, "href": link(here, topic_page(entry.topic.id))})
        return sections

    def _topic_inputs(self, topic: Topic, memo: PageMemo) -> tuple:
        """What `_topic_pages` reads, for the page memo: the topic, the transcripts it is in (in the archive's
        order), the people who speak of it, its related topics' names, and its date when none of its own."""
        touched = {slug for slug, _ in (*topic.exchanges, *topic.remarks)} | {m.slug for m in topic.mentions}
        about = self.in_order(touched)
        # Of a person, the page says the name and the organisation, and links to them unless a placeholder.
        people = self.known
        speaking = sorted({turn.speaker for m in topic.mentions
                           if (turn := self.turns.get((m.slug, m.turn))) is not None and turn.speaker})
        undated = not any(t.date for t in about)
        return (topic, [(t.slug, memo.digest_of(t)) for t in about], [people.get(s) for s in speaking],
                [(r, self.topics[r].name if r in self.topics else None) for r, _ in topic.related],
                self.newest if undated else None,
                sorted(touched - set(self.transcripts)), self.directory_urls)

    def _topic_pages(self, topic: Topic) -> dict[str, str]:
        """A topic's exchanges and remarks by transcript, newest first, a page at a time."""
        first = topic_page(topic.id)
        units = [(slug, unit, True) for slug, unit in topic.exchanges] + [(slug, unit, False) for slug, unit in topic.remarks]
        newest = self.order
        units.sort(key=lambda u: (newest.get(u[0], 0), not u[2], _number(u[1])))
        by_transcript: dict[str, list[tuple[str, str, bool]]] = {}
        for found in units:
            by_transcript.setdefault(found[0], []).append(found)
        # A transcript with more of them than a page holds is cut in parts: (slug, its units, continued).
        parts = [(slug, found[start : start + TOPIC_PAGE_ENTRIES], start > 0)
                 for slug, found in by_transcript.items() for start in range(0, len(found), TOPIC_PAGE_ENTRIES)]
        chunks = paging.split(parts, TOPIC_PAGE_ENTRIES, lambda part: len(part[1]), most=TOPIC_PAGE_TRANSCRIPTS)
        shared = self._topic_shared(topic, len(by_transcript))
        pages = {}
        for number, chunk in enumerate(chunks, start=1):
            here = paging.page_path(first, number)
            pages[here] = render_template("topic.md.j2", **self._topic(topic, here, chunk, shared,
                                                                       paging.pager(first, number, len(chunks))))
        return pages

    def _topic_shared(self, topic: Topic, transcripts: int) -> dict[str, Any]:
        """What every page of a topic says the same: its counts, who speaks about it, its date."""
        speakers = Counter()
        for mention in topic.mentions:
            turn = self.turns.get((mention.slug, mention.turn))
            if turn is not None and turn.speaker:
                speakers[turn.speaker] += 1
        # Who talks most about it: people with a page, not a placeholder of one transcript.
        people = self.people
        top = sorted((i for i in speakers.items() if i[0] in people), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
        about = {slug for slug, _ in (*topic.exchanges, *topic.remarks)}
        updated = max((self.transcripts[s].date for s in about if s in self.transcripts and self.transcripts[s].date),
                      default=None) or self.newest
        return {"people": [(people[s], n) for s, n in top], "updated": updated,
                "counts": {"exchanges": len(topic.exchanges), "remarks": len(topic.remarks),
                           "transcripts": transcripts, "mentions": len(topic.mentions)}}

    def _topic(self, topic: Topic, here: str, chunk: list, shared: dict[str, Any], pager: paging.Pager) -> dict[str, Any]:
        groups = []
        for slug, units, continued in chunk:
            transcript = self.transcripts[slug]
            group = {"transcript": transcript, "href": link(here, transcript_page(slug)), "continued": continued,
                     "date": human_date(transcript.date), "entries": []}
            for _, unit, is_exchange in units:
                item = self._exchange_ref(here, slug, unit) if is_exchange else self._remarks_ref(here, slug, unit)
                # The list is HTML (turn_html.py): its link is the URL MkDocs would write, its text html_text's.
                item["href"] = page_url(here, transcript_page(slug), self.directory_urls) + f"#{unit}"
                mention = self.first_mention.get((topic.id, slug, unit))
                item["passage"] = Markup(self.passage(mention, html_text)) if mention else None
                group["entries"].append(item)
            group["entries_html"] = Markdown(render_html("_topic_entries.html.j2", entries=group["entries"]))
            groups.append(group)
        related = [
            {"name": self.topics[r].name, "href": link(here, topic_page(r)), "shared": n}
            for r, n in topic.related if r in self.topics
        ][:12]
        title = topic.name if pager.number == 1 else f"{topic.name} (page {pager.number} of {pager.count})"
        return {
            # The sitemap's date: the newest transcript about the topic, never the clock.
            "front_matter": {
                "title": title, "onrecord": "topic", "feed": f"topics/{topic.id}/feed.xml",
                "description": topic.description or f"Every exchange about {topic.name}, across transcripts.",
                **({"updated": shared["updated"]} if shared["updated"] else {}),
            },
            "topic": topic,
            "counts": shared["counts"],
            "groups": groups,
            "pager": pager,
            "speakers": [{"speaker": person, "href": link(here, f"speakers/{person.id}.md"), "mentions": n}
                         for person, n in shared["people"]] if pager.number == 1 else [],
            "related": related if pager.number == 1 else [],
            "chart": self.timeline(topic) if pager.number == 1 else {"bars": []},
            "index_href": link(here, "topics/index.md"),
            "json_href": link(here, "topics/topics.json"),
        }

    def _exchange_ref(self, here: str, slug: str, exchange_id: str) -> dict[str, Any]:
        title, transcript_title, date, answerers = self._exchange_facts(slug, exchange_id)
        return {"title": title, "href": link(here, transcript_page(slug), exchange_id),
                "transcript": transcript_title, "date": date, "answerers": list(answerers)}

    def _exchange_facts(self, slug: str, exchange_id: str) -> tuple[str, str, str | None, tuple[str, ...]]:
        """What a link to an exchange says wherever it stands, worked out once: an exchange is listed on each of
        its topics' pages and under each exchange that shares them, and finding its answerers walks its turns."""
        known = self._facts.get((slug, exchange_id))
        if known is None:
            transcript = self.transcripts[slug]
            exchange = next(e for e in transcript.exchanges if e.id == exchange_id)
            answerers = tuple(dict.fromkeys(s.name for s in answering(transcript, exchange)))
            known = self._facts[(slug, exchange_id)] = (exchange_title(transcript, exchange), transcript.title,
                                                        human_date(transcript.date), answerers)
        return known

    def _remarks_ref(self, here: str, slug: str, turn_id: str) -> dict[str, Any]:
        transcript = self.transcripts[slug]
        turn = self.turns[(slug, turn_id)]
        speaker = transcript.speaker(turn.speaker)
        who = speaker.name if speaker else "Speaker not named"
        return {"title": f"Prepared remarks · {who}", "href": link(here, transcript_page(slug), turn_id),
                "transcript": transcript.title, "date": human_date(transcript.date), "answerers": []}

    def passage(self, mention: Mention, escape: Callable[[str], str] = markdown_text) -> str:
        """A few words either side of the mention, escaped (as Markdown, or as HTML with html_text), the topic
        marked; "…" where the text goes on."""
        turn: Turn = self.turns[(mention.slug, mention.turn)]
        text = turn.paragraphs[mention.paragraph]
        # Only the words shown, and whether there are more: a long paragraph is not split whole for each mention.
        before = text[: mention.start].rsplit(None, PASSAGE_WORDS)
        after = text[mention.end :].split(None, PASSAGE_WORDS)
        head = before[-PASSAGE_WORDS:]
        tail = after[:PASSAGE_WORDS]
        left = ("… " if len(before) > len(head) else "") + " ".join(head)
        right = " ".join(tail) + (" …" if len(after) > len(tail) else "")
        gap_left = " " if head and text[: mention.start].endswith((" ", "\t")) else ""
        gap_right = " " if tail and text[mention.end :].startswith((" ", "\t")) else ""
        marked = escape(left + gap_left) + "<mark>" + escape(text[mention.start : mention.end]) + "</mark>"
        return Markdown(marked + escape(gap_right + right))

    def timeline(self, topic: Topic) -> dict[str, Any]:
        """Exchanges and remarks about the topic in each transcript where it is named, oldest first, as bars:
        the newest TIMELINE_BARS of them, so the chart does not grow with the archive."""
        exchanges = Counter(slug for slug, _ in topic.exchanges)
        remarks = Counter(slug for slug, _ in topic.remarks)
        named = Counter(m.slug for m in topic.mentions)
        newest = self.in_order(named)  # the corpus is newest first
        rows = list(reversed(newest[:TIMELINE_BARS]))
        left_out = f"; the newest {len(rows)} of {len(newest)}" if len(newest) > len(rows) else ""
        most = max((exchanges[t.slug] + remarks[t.slug] for t in rows), default=0) or 1
        # A passage of prepared remarks is not an exchange: the bar counts both, its label says which is which.
        what = "Exchanges and remarks" if topic.remarks else "Exchanges"
        return bar_chart(
            f"{topic.name}: {what.lower()} about it in each transcript, oldest first",
            f"{what} about {topic.name} in each transcript that names it, oldest first{left_out}",
            [
                (f"{short_date(t.date)} {t.title}".strip(), (exchanges[t.slug] + remarks[t.slug]) / most,
                 _bar_value(exchanges[t.slug], remarks[t.slug], named[t.slug]))
                for t in rows
            ],
            value_width=290 if topic.remarks else 200,  # "2 exchanges, 1 in remarks, 20 mentions" at 13px
        )

    def json(self) -> str:
        topics = [
            {
                "id": t.id, "name": t.name, "aliases": list(t.aliases), "description": t.description,
                "curated": t.curated,
                "exchanges": [{"transcript": slug, "exchange": unit} for slug, unit in t.exchanges],
                "remarks": [{"transcript": slug, "turn": unit} for slug, unit in t.remarks],
                "related": [{"id": r, "shared": n} for r, n in t.related],
                "mentions": mentioned(t),
            }
            for t in self.corpus.topics
        ]
        # Compact, as transcript.json is: it is for machines, and indent= runs json's pure-Python encoder.
        return json.dumps({"schema": "onrecord.topics/1", "topics": topics}, ensure_ascii=False, separators=(",", ":")) + "\n"


@dataclass(frozen=True)
class _IndexPlaces:
    """Where an anchor of the topic index is, seen from one of its pages."""

    first: str
    here: str
    number: int
    starts: dict[str, int]

    def link(self, anchor: str) -> str:
        return link(self.here, paging.page_path(self.first, self.starts[anchor]), anchor)

    def before(self, anchor: str) -> bool:
        return self.starts[anchor] < self.number


def mentioned(topic: Topic) -> int:
    """How many times the topic is named across the archive (a render shard holds none of another shard's topic's mentions)."""
    return topic.mentioned if isinstance(topic, UnreadTopic) else len(topic.mentions)


def _number(unit: str) -> int:
    digits = "".join(ch for ch in unit if ch.isdigit())
    return int(digits) if digits else 0


def _bar_value(exchanges: int, remarks: int, mentions: int) -> str:
    """ "2 exchanges, 1 in remarks, 16 mentions": what a timeline bar stands for."""
    in_remarks = f", {remarks} in remarks" if remarks else ""
    return (f"{exchanges} exchange{'s' if exchanges != 1 else ''}{in_remarks}, "
            f"{mentions} mention{'s' if mentions != 1 else ''}")
