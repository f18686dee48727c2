"""Who is who across transcripts: speaker labels become people, from speakers.yml and safe merges.

A label is merged into a person automatically only when that is safe: the same name once titles,
markup, punctuation and case are set aside; or the same surname, the same first name or a known
short form of it ("Jamie" for "James"), and the same organisation. Two people are never merged
only because they share a surname. Every merge and every near-miss is reported at info level, so
a publisher can confirm it or write it down in `content/speakers.yml`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .clean import strip_markup
from . import schema
from .diagnostics import Report
from .model import MODERATOR, ROLES, UNKNOWN, Appearance, Exchange, Speaker, Transcript, Turn
from .pages import RESERVED_IDS
from .readers.vocabulary import is_placeholder, short_form_family, short_forms_agree
from .source import read_text, slugify

# Placeholders ("Operator", "Speaker 2", "The PRESIDING OFFICER") name a voice in one transcript, never a
# person across transcripts: the readers give them ids of their transcript, and only speakers.yml merges them.
# Words of a firm's name that say nothing about which firm it is.
_FIRM_NOISE = {
    "llc", "inc", "ltd", "plc", "ag", "sa", "co", "corp", "corporation", "company", "securities", "capital",
    "markets", "group", "the", "and", "broker", "research", "division", "partners", "lp", "llp", "&", "of",
    "americas", "usa", "us", "international", "holdings", "bank",
}
_COURTESY = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"}


@dataclass(frozen=True)
class NameKey:
    """A person's name reduced to what identifies them."""

    full: str  # every given name, lower case, no punctuation: "colin michael langan"
    first: str
    last: str


def _human_name(name: str):
    from nameparser import HumanName  # imported on first use, not by `onrecord --help`

    return HumanName(name)


@lru_cache(maxsize=None)
def name_key(name: str) -> NameKey:
    parsed = _human_name(strip_markup(name))
    words = lambda text: re.sub(r"[^\w\s'-]", " ", text.lower()).split()  # noqa: E731
    first, middle, last = words(parsed.first), words(parsed.middle), words(parsed.last)
    if not last and first:  # "MS. OKAFOR", "Operator": one word is the surname
        first, last = [], first
    return NameKey(" ".join(first + middle + last), " ".join(first), " ".join(last))


def firm_words(organisation: str | None) -> set[str]:
    return {w for w in re.sub(r"[^\w&\s]", " ", (organisation or "").lower()).split() if w not in _FIRM_NOISE}


@lru_cache(maxsize=65536)  # a person's mentions name their firm again and again, and merging compares them all
def same_firm(a: str | None, b: str | None) -> bool:
    """ "UBS" and "UBS Securities LLC" are one firm; "Credit Suisse" and "Deutsche Bank" are not."""
    words_a, words_b = firm_words(a), firm_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


# --- speakers.yml -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One person as content/speakers.yml describes them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None
    title: str | None = None
    bio: str | None = None
    history: tuple[Appearance, ...] = ()
    line: int = 0


_TOP = {"people": schema.Key("people", schema.mapping_or_list, "the list of people")}


def load_directory(path: Path, report: Report) -> list[Entry]:
    if not path.is_file():
        return []
    text = read_text(path, report)  # not UTF-8: decoded as a transcript would be, with a warning
    if text is None:
        return []
    try:
        data = schema.load_yaml(text, lines=True)
    except yaml.YAMLError as error:
        line, problem = schema.yaml_problem(error)
        report.error(path, line, f"not valid YAML: {problem}", "speakers.yaml")
        return []
    if isinstance(data, dict):
        schema.checked_entry(data, _TOP, schema.SPEAKERS_CODES, path, report)
    people = data.get("people", []) if isinstance(data, dict) else data
    if not isinstance(people, list):
        report.error(path, 1, "expected a list of people (or `people:` with a list)", "speakers.yaml")
        return []
    entries = []
    for item in people:
        entry = _entry(item, path, report)
        if entry:
            entries.append(entry)
    return distinct_entries(entries, path, report)


def distinct_entries(entries: list[Entry], path: Path, report: Report) -> list[Entry]:
    """Entries whose ids are each one page: a second entry of an id would get the first person's turns, and
    an id `index` or an empty one would take the place of the speakers list; each is reported."""
    kept: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in kept:
            first = kept[entry.id]
            report.warning(path, entry.line, f"id {entry.id!r} of {entry.name!r} is already used by {first.name!r} on "
                           f"line {first.line}; this entry is ignored: give each person an `id:` of their own",
                           "speakers.duplicate")
            continue
        if not entry.id or entry.id in RESERVED_IDS:
            wanted = entry.id or "speaker"
            safe = _unique(wanted if not entry.id else f"{wanted}-2", set(kept) | {e.id for e in entries})
            why = ("its name gives no id of letters a-z and digits" if not entry.id
                   else f"speakers/{entry.id}/ belongs to the speakers list")
            report.warning(path, entry.line, f"{why}; {entry.name!r} is at speakers/{safe}/: set an `id:`",
                           "speakers.id")
            entry = replace(entry, id=safe)
        kept[entry.id] = entry
    _report_shared_names(list(kept.values()), path, report)
    return list(kept.values())


def _report_shared_names(entries: list[Entry], path: Path, report: Report) -> None:
    """A name two entries give, or an alias two give, is the first one's (as resolve() reads them), and said so.
    An alias that is another entry's name is that entry's: a starter file lists "John Murphy" both as the
    alias of John J. Murphy and as the name of another John Murphy, and each keeps their own label."""
    for kind, names_of in (("name", lambda e: (e.name,)), ("alias", lambda e: e.aliases)):
        owner: dict[str, Entry] = {}
        for entry in entries:
            for alias in dict.fromkeys(a for a in names_of(entry) if not is_placeholder(a)):  # claimed by id
                first = owner.setdefault(name_key(alias).full, entry)
                if first is not entry:
                    report.warning(path, entry.line, f"{kind} {alias!r} of {entry.name!r} is {first.name!r}'s on line "
                                   f"{first.line} too; it stays {first.name!r}'s", "speakers.duplicate")


def _entry(item: Any, path: Path, report: Report) -> Entry | None:
    line = item.get("__line__", 1) if isinstance(item, dict) else 1
    if isinstance(item, dict):  # `rol:`, `organization:`, `company: [a, b]`: said, and left out
        where = f" of {item['name']!r}" if isinstance(item.get("name"), str) else ""
        item = schema.checked_entry(item, schema.SPEAKER, schema.SPEAKERS_CODES, path, report, where)
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        report.warning(path, line, "each person needs a `name:`; this entry is ignored", "speakers.entry")
        return None
    role = item.get("role")
    if role is not None and role not in ROLES:
        report.warning(path, line, f"role {role!r} is not one of {', '.join(ROLES)}; it is ignored", "speakers.role")
        role = None
    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    history = tuple(
        Appearance(slug=None, date=str(h.get("from") or h.get("date") or "") or None,
                   title=h.get("title"), organisation=h.get("organisation"))
        for h in _titles(item, path, report)
    )
    return Entry(
        id=slugify(str(item.get("id") or item["name"])),
        name=item["name"],
        aliases=tuple(str(a) for a in aliases),
        role=role,
        organisation=item.get("organisation"),
        title=item.get("title"),
        bio=item.get("bio"),
        history=history,
        line=line,
    )


def _titles(item: dict, path: Path, report: Report) -> list[dict]:
    titles = item.get("titles") or []
    if not isinstance(titles, list):
        titles = [titles]
    where = f" of a title of {item['name']!r}"
    return [schema.checked_entry(h, schema.SPEAKER_TITLE, schema.SPEAKERS_CODES, path, report, where)
            for h in titles if isinstance(h, dict)]


# --- resolution ---------------------------------------------------------------------------------


@dataclass
class _Person:
    """A person being assembled from mentions; becomes a Speaker once resolved."""

    id: str
    entry: Entry | None = None
    mentions: list[tuple[Transcript, Speaker]] = field(default_factory=list)
    # What the mentions say, worked out again only when mentions are added: merging compares every pair
    # of a surname, and a common surname has hundreds of people with hundreds of mentions each.
    _known: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False)

    def _of_mentions(self, what: str, work) -> Any:
        count, value = self._known.get(what, (-1, None))
        if count != len(self.mentions):
            value = work()
            self._known[what] = (len(self.mentions), value)
        return value

    def names(self) -> Counter[str]:
        return self._of_mentions("names", lambda: Counter(strip_markup(speaker.name) for _, speaker in self.mentions))

    def organisations(self) -> list[str]:
        return self._of_mentions("organisations", lambda: [s.organisation for _, s in self.mentions if s.organisation])

    def roles(self) -> set[str]:
        return self._of_mentions("roles", lambda: {s.role for _, s in self.mentions})

    def key(self) -> NameKey:
        return name_key(self.canonical_name())

    def canonical_name(self) -> str:
        if self.entry:
            return self.entry.name
        return self._of_mentions("canonical", self._canonical_name)

    def _canonical_name(self) -> str:
        names = Counter(plain_name(n) for n in self.names().elements())
        # The fullest of the most used spellings: "Colin Michael Langan" over "Colin Langan".
        return max(names, key=lambda n: (len(name_key(n).full.split()), names[n], n))


@lru_cache(maxsize=None)
def plain_name(name: str) -> str:
    """The name without markup or honorifics: "Dr. Omar Haddad" -> "Omar Haddad"."""
    name = " ".join(strip_markup(name).split())
    parsed = _human_name(name)
    # Only a courtesy title goes. An office stays ("Chief Justice Hale", "Senator Cruz"), and so does
    # a courtesy title without a first name ("Ms. Okafor"): that is how the person is known.
    if parsed.title.lower().replace(".", "") not in _COURTESY or not parsed.first:
        return name
    return " ".join(p for p in (parsed.first, parsed.middle, parsed.last, parsed.suffix) if p)


def resolve(transcripts: list[Transcript], directory: list[Entry], report: Report) -> tuple[list[Transcript], list[Speaker]]:
    """Transcripts whose speaker ids are people's ids, and the people."""
    people: dict[str, _Person] = {}
    by_alias: dict[str, str] = {}
    for entry in directory:
        people[entry.id] = _Person(entry.id, entry)
        by_alias.setdefault(name_key(entry.name).full, entry.id)  # a name two entries give stays the first's
    for entry in directory:
        for alias in entry.aliases:
            by_alias.setdefault(name_key(alias).full, entry.id)  # and a name is never taken by another's alias

    # 1. speakers.yml first; then the same name once honorifics, markup and case are set aside.
    # Placeholders ("Operator", "Speaker 2") stay per transcript unless speakers.yml names them.
    placeholders = _placeholder_ids(transcripts)
    placeholder_ids = set(placeholders.values())
    by_id, by_label = _claimed_placeholders(directory, placeholder_ids)
    for transcript in transcripts:
        for speaker in transcript.speakers:
            if (transcript.slug, speaker.id) in placeholders:
                person_id = placeholders[(transcript.slug, speaker.id)]
                person_id = by_id.get(person_id) or by_label.get(name_key(speaker.name).full) or person_id
            else:
                key = name_key(speaker.name).full
                if key not in by_alias:  # a free id is sought only for a new name: seeking it is a walk over everyone
                    by_alias[key] = _unique(slugify(plain_name(speaker.name)) or "speaker", people)
                person_id = by_alias[key]
            people.setdefault(person_id, _Person(person_id)).mentions.append((transcript, speaker))
    _report_name_variants(people, report)

    # 2. Same surname and first name (or a short form of it) at the same firm: one person.
    _merge_compatible(people, report)

    # 3. Each person's id from their name as finally settled, unless speakers.yml gave one.
    final_ids: dict[str, str] = {}
    taken: set[str] = set(RESERVED_IDS)  # "Index" is a name; speakers/index.md is the list of speakers
    for person in sorted(people.values(), key=lambda p: (p.entry is None, p.id)):
        keeps_id = person.entry is not None or person.id in placeholder_ids
        wanted = person.id if keeps_id else slugify(person.canonical_name()) or "speaker"
        final_ids[person.id] = _unique(wanted, taken)
        taken.add(final_ids[person.id])
        if wanted in RESERVED_IDS and person.mentions:
            _report(report, person, f"{person.canonical_name()!r} is at speakers/{final_ids[person.id]}/, since "
                    f"speakers/{wanted}/ belongs to the speakers list", "speaker.id")

    mapping: dict[tuple[str, str], str] = {}
    speakers: list[Speaker] = []
    for person in people.values():
        if not person.mentions and person.entry is None:
            continue
        person.id = final_ids[person.id]
        for transcript, speaker in person.mentions:
            mapping[(transcript.slug, speaker.id)] = person.id
        speakers.append(_as_speaker(person))
    by_id = {s.id: s for s in speakers}  # once: per transcript it was transcripts x people
    resolved = [_rewrite(t, mapping, by_id) for t in transcripts]
    return resolved, speakers


def _placeholder_ids(transcripts: list[Transcript]) -> dict[tuple[str, str], str]:
    """(slug, speaker id) -> the id of this transcript's placeholder: "acme-2024-q1-operator"."""
    ids = {}
    for transcript in transcripts:
        prefix = f"{transcript.slug}-"
        for speaker in transcript.speakers:
            if is_placeholder(speaker.name):
                ids[(transcript.slug, speaker.id)] = speaker.id if speaker.id.startswith(prefix) else prefix + speaker.id
    return ids


def _claimed_placeholders(directory: list[Entry], placeholder_ids: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Which speakers.yml entry a placeholder belongs to: by its id in one transcript (the entry's id or an
    alias, `acme-2024-q1-operator`), or by the label itself (`aliases: [Operator]`: every Operator is one
    person). An entry that is one transcript's placeholder (as `onrecord speakers --yml` writes it) claims
    only that one, never every label like its name."""
    by_id: dict[str, str] = {}
    by_label: dict[str, str] = {}
    for entry in directory:
        for alias in (entry.id, *entry.aliases):
            if slugify(alias) in placeholder_ids:
                by_id[slugify(alias)] = entry.id
        if entry.id not in placeholder_ids:
            for alias in (entry.name, *entry.aliases):
                if is_placeholder(alias):
                    by_label.setdefault(name_key(alias).full, entry.id)
    return by_id, by_label


def is_placeholder_person(speaker: Speaker) -> bool:
    """A placeholder of one transcript, as speakers.yml left it: named on that transcript's page, with no
    page of its own (there is no one to follow across transcripts). Once speakers.yml names them or
    merges them across transcripts, they are a person like any other."""
    return _placeholder_label(speaker.name) and len({a.slug for a in speaker.history if a.slug}) <= 1


# Asked of every turn's speaker on every page: a few hundred distinct names, each worked out once.
_placeholder_label = lru_cache(maxsize=65536)(is_placeholder)


def _unique(wanted: str, taken: set[str] | dict[str, Any]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


def _merge_compatible(people: dict[str, _Person], report: Report) -> None:
    """Pairs are only ever compared within a surname, and within it only where the first names could agree."""
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    for person in sorted(people.values(), key=lambda p: p.id):
        if person.mentions:
            by_surname[person.key().last].append(person)
    for group in by_surname.values():
        while len(group) > 1 and _merge_first_pair(group, people, report):
            pass


def _merge_first_pair(group: list[_Person], people: dict[str, _Person], report: Report) -> bool:
    """The first pair of `group` (in its order) that is one person merged, and True; each near-miss before it
    said. Then the group is walked again from its start, as the merged person now compares anew."""
    for person, other in _alike_pairs(group):
        if person.entry and other.entry:
            continue
        verdict = _compare(person, other)
        if verdict == "merge":
            keep, drop = (
                (person, other)
                if person.entry or (not other.entry and len(person.mentions) >= len(other.mentions))
                else (other, person)
            )
            names = f"{_label(drop)} and {_label(keep)}"
            keep.mentions.extend(drop.mentions)
            group.remove(drop)
            del people[drop.id]
            _report(report, drop, f"{names} are taken to be one person, {keep.canonical_name()}: "
                    "same surname, same first name or a short form of it, same organisation", "speaker.merged")
            return True
        if verdict:
            _report(report, other, f"{_label(other)} and {_label(person)} are kept apart: {verdict}; "
                    "if they are one person, say so in speakers.yml", "speaker.not_merged")
    return False


def _alike_pairs(group: list[_Person]):
    """The pairs (i < j, in order) of one surname's people that _compare may find alike: neither a placeholder nor
    a moderator, and their first names share an initial or a short form's family, or one has none. It finds any
    other pair unrelated (None), so trying every pair (every transcript's Operator with every other) cost half a
    million comparisons at 1,000 transcripts for a few merges."""
    keys: list[set[str] | None] = []  # None: no first name, alike anyone
    holders: dict[str, list[int]] = defaultdict(list)  # key -> positions of those with it
    nameless: list[int] = []
    for position, person in enumerate(group):
        first = person.key().first
        mine = {f"initial:{first[0]}", *(f"name:{name}" for name in short_form_family(first))} if first else None
        if _placeholder_label(person.canonical_name()) or MODERATOR in person.roles():
            mine = set()  # alike no one
        keys.append(mine)
        for key in mine or ():
            holders[key].append(position)
        if mine is None:
            nameless.append(position)
    for position, person in enumerate(group):
        if not keys[position] and keys[position] is not None:
            continue
        if keys[position] is None:
            later = range(position + 1, len(group))
        else:
            later = sorted({j for key in keys[position] for j in holders[key] if j > position}
                           | {j for j in nameless if j > position})
        for j in later:
            yield person, group[j]


def _compare(a: _Person, b: _Person) -> str | None:
    """'merge', a reason they are kept apart when they look alike, or None when they do not."""
    if _placeholder_label(a.canonical_name()) or _placeholder_label(b.canonical_name()):
        return None
    key_a, key_b = a.key(), b.key()
    if key_a.last != key_b.last or not key_a.last:
        return None
    roles = (a.roles() | b.roles()) - {UNKNOWN}
    if MODERATOR in roles:
        return None
    if not short_forms_agree(key_a.first, key_b.first):
        if key_a.first and key_b.first and key_a.first[0] != key_b.first[0]:
            return None  # "Andrea James" and "Sarah James": a shared surname is no evidence
        return "the first names differ"
    if any(same_firm(x, y) for x in a.organisations() for y in b.organisations()):
        return "merge"
    if not a.organisations() or not b.organisations():
        return "no organisation to compare"
    return "different organisations"


def _label(person: _Person) -> str:
    return " / ".join(f"{n!r}" for n in sorted(person.names()))


def _report(report: Report, person: _Person, message: str, code: str) -> None:
    transcript, speaker = person.mentions[0]
    path = transcript.source.path if transcript.source else transcript.slug
    line = next((t.line for t in transcript.turns if t.speaker == speaker.id), 1)
    report.info(path, line, message, code)


def _report_name_variants(people: dict[str, _Person], report: Report) -> None:
    """Spellings merged because they are one name once titles, markup and case are set aside."""
    for person in people.values():
        spellings = sorted({s.name for _, s in person.mentions})
        if len(spellings) > 1 and person.entry is None:
            _report(report, person, f"{', '.join(map(repr, spellings))} are one person, {person.canonical_name()}: "
                    "the same name once titles, markup and case are set aside", "speaker.merged")


def _as_speaker(person: _Person) -> Speaker:
    entry = person.entry
    newest_first = sorted(person.mentions, key=lambda m: (m[0].date or "", m[0].slug), reverse=True)
    latest = newest_first[0][1] if newest_first else None
    roles = [s.role for _, s in newest_first if s.role != UNKNOWN]
    aliases = sorted({n for _, s in person.mentions for n in (s.name, *s.aliases)} - {person.canonical_name()})
    history = tuple(
        Appearance(slug=t.slug, date=t.date, title=s.title, organisation=s.organisation) for t, s in newest_first
    )
    return Speaker(
        id=person.id,
        name=person.canonical_name(),
        aliases=tuple(sorted(set(aliases) | set(entry.aliases if entry else ()))),
        role=(entry.role if entry and entry.role else roles[0] if roles else UNKNOWN),
        organisation=(entry.organisation if entry and entry.organisation else latest.organisation if latest else None),
        title=(entry.title if entry and entry.title else latest.title if latest else None),
        bio=entry.bio if entry else None,
        history=(entry.history if entry and entry.history else ()) + history,
    )


def _rewrite(transcript: Transcript, mapping: dict[tuple[str, str], str], people: dict[str, Speaker]) -> Transcript:
    """The transcript with people's ids; each speaker keeps the title and firm they had in it."""
    ids = {old: mapping[(transcript.slug, old)] for old in (s.id for s in transcript.speakers)}
    speakers: dict[str, Speaker] = {}
    for speaker in transcript.speakers:
        person = people[ids[speaker.id]]
        known = speakers.get(person.id)
        aliases = tuple(sorted({speaker.name, *speaker.aliases, *(known.aliases if known else ())} - {person.name}))
        speakers[person.id] = replace(
            known or speaker,
            id=person.id,
            name=person.name,
            aliases=aliases,
            role=person.role if person.role != UNKNOWN else speaker.role,
            organisation=(known.organisation if known else None) or speaker.organisation or person.organisation,
            title=(known.title if known else None) or speaker.title or (person.title if person.role != MODERATOR else None),
        )
    return replace(
        transcript,
        speakers=tuple(speakers.values()),
        turns=tuple(_with_speaker(t, ids.get(t.speaker) if t.speaker else None) for t in transcript.turns),
        exchanges=tuple(_with_questioner(e, ids.get(e.questioner, e.questioner)) for e in transcript.exchanges),
    )


# A turn whose speaker keeps their id is kept as it is: a copy per turn (a hundred thousand at 1,000
# transcripts) was most of resolving people.
def _with_speaker(turn: Turn, speaker: str | None) -> Turn:
    return turn if turn.speaker == speaker and type(turn.speaker) is type(speaker) else replace(turn, speaker=speaker)


def _with_questioner(exchange: Exchange, questioner: str) -> Exchange:
    return exchange if exchange.questioner == questioner else replace(exchange, questioner=questioner)



def starter_yml(people: tuple[Speaker, ...] | list[Speaker]) -> str:
    """A speakers.yml that writes down what was found, for a publisher to confirm and correct."""
    entries = []
    for person in people:
        entry: dict[str, Any] = {"id": person.id, "name": person.name}
        if person.aliases:
            entry["aliases"] = list(person.aliases)
        entry["role"] = person.role
        for key in ("organisation", "title"):
            if getattr(person, key):
                entry[key] = getattr(person, key)
        entries.append(entry)
    header = (
        "# People in these transcripts, as `onrecord speakers --yml` found them.\n"
        "# Correct names, merge people by listing aliases, and set roles: company, questioner, moderator.\n"
    )
    return header + yaml.safe_dump({"people": entries}, allow_unicode=True, sort_keys=False, width=100)
