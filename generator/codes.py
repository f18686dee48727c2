"""Every diagnostic code Onrecord reports, with its level and what it means: the list `acknowledge:` draws on.

A test scans the generator's `report.info/warning/error(…, "code")` calls: every code used is here,
and every code here is used. `onrecord check --codes` prints this list; the README's table is its copy.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .diagnostics import ERROR, INFO, WARNING, covers


@dataclass(frozen=True)
class Code:
    code: str  # dotted: family.name
    level: str  # as reported, before any `acknowledge:`
    meaning: str

    @property
    def family(self) -> str:
        return self.code.split(".", 1)[0]


_ALL = (
    # Reading the file
    Code("source.encoding", WARNING, "the file is not UTF-8 (or not what its BOM says); the encoding was guessed"),
    Code("source.unreadable", ERROR, "a content file cannot be read at all (permissions, a special file)"),
    Code("source.mojibake", INFO, "text mis-decoded before it reached us ('â€™') was repaired"),
    Code("content.empty", WARNING, "the content folder has no transcripts"),
    Code("content.symlink", ERROR, "a symbolic link in the content folder: not read, so nothing outside it is published"),
    Code("content.special", ERROR, "a device, pipe or socket in the content folder: not read"),
    Code("pipeline.crash", ERROR, "Onrecord failed on one file (a bug): it is left out, every other file is built"),
    Code("content.skipped", WARNING, "a file in content/transcripts/ is not a format Onrecord reads"),
    Code("cache.corrupt", INFO, "a per-transcript cache entry was truncated or altered; the file was read again"),
    Code("cache.unwritable", WARNING, "the cache folder, or a part of it, cannot be written; the build goes on without it"),
    Code("shard.unjoined", WARNING, "a shard build found no joined corpus of this content (`onrecord join`); it read and joined the whole archive"),
    # Front matter
    Code("meta.yaml", ERROR, "the front matter is not valid YAML, not a mapping, or too large or deep to read"),
    Code("meta.not_front_matter", INFO, "the `---` lines at the top hold no `key: value`; they are read as text"),
    Code("meta.key", WARNING, "a front matter key Onrecord does not know, close to one it does (a typo?)"),
    Code("meta.unused", INFO, "a front matter key Onrecord does not use; it is kept in the export's meta"),
    Code("meta.type", WARNING, "a front matter value of the wrong type or out of range; it is ignored"),
    Code("meta.date", WARNING, "`date:` is not a real calendar date as YYYY-MM-DD; it is ignored"),
    Code("meta.acknowledge", WARNING, "`acknowledge:` is not a list of codes, or names a code that does not exist"),
    Code("meta.participants", WARNING, "an entry of `participants:` has no name or an unknown role"),
    Code("meta.format", WARNING, "`format:` names no reader; the layout is sniffed"),
    Code("meta.genre", WARNING, "`genre:` names no genre; the genre is inferred"),
    Code("meta.slug", ERROR, "two transcripts have one slug; set `slug:` in one of them"),
    Code("meta.inferred", INFO, "a title, date or firm was taken from the file's text or name"),
    # Layouts and readers
    Code("layout.unsupported", WARNING, "no reader for this extension and no layout recognised; read as blocks"),
    Code("layout.unknown", WARNING, "no speaker lines found; the text is published as paragraphs"),
    Code("layout.malformed", WARNING, "the file claims a timed layout (WebVTT, SubRip…) but does not parse; read as text"),
    Code("layout.unclosed", WARNING, "an HTML `<script>` or `<style>` is never closed; what follows is read as text"),
    Code("layout.hostile", ERROR, "an XML file declares entities (a billion laughs) or an external one; refused, never expanded, its text published as it stands"),
    Code("reader.bug", WARNING, "a reader failed: a bug in Onrecord; the file is published as plain paragraphs"),
    Code("otter.damaged", WARNING, "every line carries the same time prefix, as in a damaged Otter export; it is dropped"),
    Code("segment.invalid", WARNING, "a Podcast JSON segment lacks text or a numeric time"),
    Code("congressional.not_debate", INFO, "a page of the Congressional Record that is not floor debate"),
    Code("clean.page_break", INFO, "a paragraph broken mid-sentence (a page break) was joined"),
    # Speakers
    Code("speaker.missing", WARNING, "text before the first speaker; kept as an unattributed turn"),
    Code("speaker.none", WARNING, "no speaker is named in the file; published as unattributed turns"),
    Code("speaker.unnamed", WARNING, "a diarisation label (SPEAKER_00, A, spk_1) nobody named; published as `Speaker 00` until front matter names it"),
    Code("speaker.affiliation", INFO, "one speaker is given two affiliations; the first is kept"),
    Code("speaker.merged", INFO, "labels merged into one person"),
    Code("speaker.not_merged", INFO, "labels that may be one person are kept apart; say so in speakers.yml"),
    Code("speaker.id", INFO, "a person whose id would be a page of the site's own (`index`) gets another"),
    Code("turn.empty", WARNING, "a speaker line with nothing said after it"),
    Code("speakers.yaml", ERROR, "speakers.yml is not valid YAML, not a list of people, or too large or deep to read"),
    Code("speakers.entry", WARNING, "a person in speakers.yml has no `name:`; the entry is ignored"),
    Code("speakers.key", WARNING, "a key of speakers.yml Onrecord does not know (a typo?); it is ignored"),
    Code("speakers.type", WARNING, "a value in speakers.yml of the wrong type; it is ignored"),
    Code("speakers.duplicate", WARNING, "two people of speakers.yml with one id, or one name; the first keeps it"),
    Code("speakers.id", WARNING, "an id in speakers.yml that is empty or a page of the site's own (`index`); another is used"),
    Code("speakers.role", WARNING, "a role in speakers.yml that is not company, questioner, moderator or unknown"),
    # Structure and what was read
    Code("structure.genre", INFO, "the genre, and why it was chosen"),
    Code("reading.lost", WARNING, "words of the file that reached no page"),
    Code("reading.notes", WARNING, "more of the file's words are in notes than in speech: the talk may not be recognised"),
    Code("reading.long_turn", WARNING, "a turn far longer than the file's others: speaker lines may have been missed"),
    Code("reading.long_paragraph", WARNING, "a paragraph longer than any line of the source: lines were joined"),
    Code("reading.label_in_speech", WARNING, "a speaker label left inside speech"),
    Code("reading.term_as_speaker", WARNING, "a term (a section heading, a firm) read as a speaker"),
    Code("reading.introduced_silent", WARNING, "someone introduced who never speaks: their words may be in another turn"),
    # Topics
    Code("topics.yaml", ERROR, "topics.yml is not valid YAML, not the expected shape, or too large or deep to read"),
    Code("topics.key", WARNING, "a key of topics.yml Onrecord does not know (a typo?); it is ignored"),
    Code("topics.automatic", WARNING, "`automatic:` is not true or false"),
    Code("topics.exclude", WARNING, "`exclude:` is not a list of terms"),
    Code("topics.entry", WARNING, "a topic without a `name:`; the entry is ignored"),
    Code("topics.id", WARNING, "a topic id that is not lower case letters, digits and hyphens, or none can be made"),
    Code("topics.aliases", WARNING, "a topic's `aliases:` is not a list of text"),
    Code("topics.patterns", WARNING, "a topic's `patterns:` is not a list of text"),
    Code("topics.pattern", WARNING, "a topic's pattern is not a regular expression"),
    Code("topics.pattern_slow", WARNING, "a topic's pattern ran out of its time budget (it backtracks without end); it was stopped"),
    Code("topics.description", WARNING, "a topic's description is not text"),
    Code("topics.formerly", WARNING, "a topic's `formerly:` is not a list of text"),
    Code("topics.duplicate", WARNING, "two topics with one id; the second is ignored"),
    Code("topics.unused", INFO, "a curated topic no transcript discusses"),
    # The site Onrecord is part of
    Code("site.collision", WARNING, "the site has a page of its own where Onrecord would write one; the site's is kept"),
    # Anchors and intake
    Code("anchor.moved", WARNING, "a correction would move anchors; record the moves with `check --record-moves`"),
    Code("anchor.unrecorded", WARNING, "anchor moves that cannot be written into this front matter safely; add them by hand"),
    Code("anchor.recorded", INFO, "anchor moves were written into the front matter"),
    Code("new.exists", ERROR, "`onrecord new` would overwrite a transcript"),
    Code("new.option", ERROR, "an option of `onrecord new` is not valid (a date that is no date, say); nothing is added"),
    Code("new.front_matter", ERROR, "the file's front matter has values that would be lost in the copy; nothing is added"),
    # Sharded builds
    Code("merge.differs", ERROR, "two shards' sites hold different versions of one file (built from different content?); nothing is merged"),
    Code("merge.incomplete", ERROR, "a shard's site, its search bundle or a part its bundles.json lists is missing, or the bundles are of different builds; nothing is merged"),
    Code("merge.io_error", ERROR, "a shard's file cannot be read or the merged site cannot be written; nothing is merged"),
    Code("merge.crash", ERROR, "the merge failed (a bug in Onrecord); nothing is merged"),
)

CODES: dict[str, Code] = {code.code: code for code in _ALL}


def is_family(pattern: str) -> bool:
    """`clean.*`: every code of a family."""
    return pattern.endswith(".*")


def known(pattern: str) -> bool:
    """A code of the registry, or a family with at least one."""
    return any(covers(pattern, code) for code in CODES) if is_family(pattern) else pattern in CODES


def suggestion(pattern: str) -> str | None:
    """The registered code (or family) closest to a mistyped one."""
    if is_family(pattern):
        families = sorted({f"{c.family}.*" for c in _ALL})
        close = difflib.get_close_matches(pattern, families, n=1, cutoff=0.6)
    else:
        close = difflib.get_close_matches(pattern, list(CODES), n=1, cutoff=0.6)
    return close[0] if close else None


def listing() -> str:
    """The registry for a terminal: code, level, meaning, a line each."""
    width = max(len(c.code) for c in _ALL)
    return "".join(f"{c.code:<{width}}  {c.level:<7}  {c.meaning}\n" for c in _ALL)


def table() -> str:
    """The registry as a Markdown table: the README's section, and what `check --codes` prints."""
    rows = [f"| `{c.code}` | {c.level} | {c.meaning} |" for c in _ALL]
    return "\n".join(["| code | level | meaning |", "|---|---|---|", *rows]) + "\n"
