"""Sharded builds: which of N shards renders which page, and the merge of their sites into one site.

Every shard loads the corpus the join pass made (joined.py: no shard joins again) and renders only its
own pages: a transcript's pages belong to the shard its slug hashes to, a speaker's or a topic's pages
(all of them, their later pages and feed) to the shard the speaker's or topic's folder hashes to, and
every other page (the home page and its later pages, the indexes, the feeds, the JSON lists) to the
shard its own path hashes to, so no shard has all of the archive-wide pages. The pages another shard owns
are given to MkDocs as excluded files: links to them are made as a single build makes them, yet they are
neither converted nor written. Only the home page is converted in every shard (the theme links every
page to it) and removed where another shard owns it. Each shard's sitemap lists its own pages, and its
Pagefind bundle (pagefind/shard-K-of-N/) indexes its own transcripts' exchanges: no process ever indexes
the whole archive (Pagefind takes some 70 bytes of memory per byte of speech). The merge copies the
shards' sites into one, refusing two different versions of a file or a missing bundle, lists every page
in one sitemap (sorted by address, as a single build's is) and every bundle in pagefind/bundles.json,
which the search page merges in the browser (Pagefind's multisite search): one search, one ranking,
one set of filters.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from .diagnostics import Report
from .page_memo import PageMemo
from .pages import RESERVED_IDS, speaker_page, topic_page, transcript_page

HOME = "index.md"  # converted by every shard: the theme finds the home page among the pages MkDocs has
SITEMAP = "sitemap.xml"

@dataclass(frozen=True)
class Shard:
    index: int  # 1 to count
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """`K/N`, as `--shard 2/3` takes it."""
        index, slash, count = text.partition("/")
        if not (slash and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
            raise ValueError(f"{text!r} is not K/N with 1 <= K <= N (say 2/3)")
        return cls(int(index), int(count))

    def owns(self, docs_path: str) -> bool:
        return owner(group_of(docs_path), self.count) == self.index

    def renders(self, kind: str, id: str) -> bool:
        """Whether the pages of a transcript, a speaker or a topic (`kind`), by its slug or id, are this shard's."""
        return owner(_GROUPS[kind][0](id), self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def check_plan(above: int, count: int) -> None:
    """The plugin's `shard_above:` and `shards:`, as MkDocs checked their types: their values make sense."""
    if isinstance(above, bool) or above < 0:
        raise ValueError(f"shard_above: must be a number of transcripts, 0 or more (0: never shard), not {above!r}")
    if isinstance(count, bool) or not 2 <= count <= 256:
        raise ValueError(f"shards: must be 2 to 256 (a GitHub Actions matrix holds 256 jobs), not {count!r}")


def plan(transcripts: int, above: int, count: int) -> list[int]:
    """The shards the publish workflow builds, 1 to `count`, once there are more than `above` transcripts;
    none (one build) below it, or when `above` is 0."""
    check_plan(above, count)
    return list(range(1, count + 1)) if above and transcripts > above else []


def planned(content: Path | None = None) -> list[int]:
    """`plan` for the project in the current folder: its mkdocs.yml's options, its content folder's transcripts."""
    from mkdocs.config import load_config

    from . import site
    from .pipeline import transcript_paths

    site.engine.use()
    config_file, overrides = site._config_and_overrides(content, None)
    config = load_config(config_file, **overrides)
    options = config.plugins["onrecord"].config
    folder = Path(options.content or config.docs_dir)
    return plan(len(transcript_paths(folder)), options.shard_above, options.shards)


def owner(group: str, count: int) -> int:
    """The shard a group of pages belongs to (a transcript's by its slug): stable across builds and machines
    (not Python's hash)."""
    return zlib.crc32(group.encode("utf-8")) % count + 1


def group_of(docs_path: str) -> str:
    """The pages that go together, rendered by one shard: a transcript's (its slug), a speaker's or a
    topic's (`speakers/ada-lee`), else the page alone (its path)."""
    parts = docs_path.split("/")
    if parts[0] == "transcripts" and len(parts) > 2:
        return parts[1]
    if parts[0] in ("speakers", "topics") and len(parts) > 1:
        name = parts[1].removesuffix(".md")
        if name not in RESERVED_IDS and (len(parts) > 2 or parts[1].endswith(".md")):
            return f"{parts[0]}/{name}"
    return docs_path


# The groups render.py and topic_pages.py ask the page memo for, and the page others link to in each.
_GROUPS: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "transcript": (lambda slug: slug, transcript_page),
    "speaker": (lambda id: f"speakers/{id}", speaker_page),
    "topic": (lambda id: f"topics/{id}", topic_page),
}


class Elsewhere(str):
    """The body of a page another shard renders: only its path is known here."""


ELSEWHERE = Elsewhere("")


@dataclass
class ShardMemo(PageMemo):
    """The page memo of a shard's build: a group of pages another shard owns is not rendered, only its first
    page (the one other pages link to) named, as ELSEWHERE. Nothing is kept: a render job starts afresh."""

    shard: Shard
    skipped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(None)

    def files(self, name: tuple[str, ...], inputs: tuple, make: Callable[[Any], dict], views: Any = None) -> dict:
        known = _GROUPS.get(name[0])
        if known is None or self.shard.renders(name[0], name[1]):
            return make(views)
        self.skipped.append(known[1](name[1]))
        return {known[1](name[1]): ELSEWHERE}

    def digest_of(self, transcript) -> str:
        return ""  # nothing is kept, so no key is made


def own_pages(pages: dict[str, str | bytes], shard: Shard) -> tuple[dict[str, str | bytes], set[str], set[str]]:
    """The files a shard gives MkDocs: its own, the home page, and the other shards' files, empty (to be
    excluded, so that links to them resolve); then the paths of those, and of the files to remove once built."""
    excluded = {path for path, body in pages.items() if path != HOME and (body is ELSEWHERE or not shard.owns(path))}
    kept = {path: ("" if path in excluded else body) for path, body in pages.items()
            if path in excluded or path == HOME or shard.owns(path)}
    removed = {HOME} & set(pages) - {path for path in pages if shard.owns(path)}
    return kept, excluded, removed


def quiet_links(config) -> None:
    """A shard's pages link to pages whose text another shard has: that is no broken link."""
    config.validation.links.not_found = logging.DEBUG
    config.validation.links.anchors = logging.DEBUG


def shard_records(corpus, shard: Shard, url: Callable[[str], str]) -> Iterator:
    """The search records of the shard's own transcripts, in the archive's order (the shard's own bundle), as
    they are asked for."""
    from .search_records import each_search_record

    own = tuple(t for t in corpus.transcripts if shard.owns(transcript_page(t.slug)))
    return each_search_record(replace(corpus, transcripts=own), url)  # one table of topic names, not one a transcript


def merge(sites: list[Path], target: Path, report: Report, shown_as: Path) -> None:
    """Copy every shard's site into `target`, its search bundle too; the files two shards both have must be
    the same bytes; one sitemap of every shard's pages; the list of bundles the search page merges. What
    stops the merge (files that differ, bundles missing) is reported as errors, the merged site's own paths
    under `shown_as`, the folder it is to become: then nothing should be published."""
    for site in [site for site in sites if not site.is_dir()]:
        report.error(site, 0, "no such folder: a shard's site is missing (its job failed, or its files were not fetched)",
                     "merge.incomplete")
    sites = [site for site in sites if site.is_dir()]
    for site in sites:
        for source in sorted(p for p in site.rglob("*") if p.is_file()):
            relative = source.relative_to(site)
            if relative.as_posix() in (SITEMAP, SITEMAP + ".gz"):
                continue  # each shard's sitemap lists its own pages: one of them all is made below
            copy = target / relative
            if copy.exists():
                ours, theirs = copy.read_bytes(), source.read_bytes()
                if ours != theirs:
                    earlier = next(shard for shard in sites if (shard / relative).is_file())
                    report.error(source, _first_difference(ours, theirs),
                                 f"differs from {earlier / relative}: the shards were built from different content?",
                                 "merge.differs")
                continue
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
    for where, problem in list_bundles(target / "pagefind"):
        report.error(shown_as / where, 0, problem, "merge.incomplete")
    maps = [site / SITEMAP for site in sites if (site / SITEMAP).is_file()]
    if maps:
        entries: dict[str, str] = {}
        for sitemap in maps:
            for loc, entry in _entries(sitemap.read_text(encoding="utf-8")):
                if entries.setdefault(loc, entry) != entry:
                    report.error(sitemap, 0, f"lists {loc} unlike another shard's sitemap", "merge.differs")
        # MkDocs stamps each shard's with the newest of its pages' dates: the newest of all is the site's.
        stamp = max(_stamp(sitemap) for sitemap in maps)
        write_sitemap(target, maps[0].read_text(encoding="utf-8"), entries, stamp)


def _first_difference(ours: bytes, theirs: bytes) -> int:
    """The line on which two versions of a text file part, 0 for binary files (a line of those means nothing)."""
    same = len(os.path.commonprefix([ours, theirs]))
    if b"\0" in ours[:same] or b"\0" in theirs[:1024]:
        return 0
    return ours.count(b"\n", 0, same) + 1


_BUNDLE = re.compile(r"shard-(\d+)-of-(\d+)")


def list_bundles(folder: Path) -> list[tuple[str, str]]:
    """The merged site's bundles.json: every shard's bundle, in shard order, for the search page to merge.
    Returns what is wrong, as (the merged site's path, the problem): a shard of the same count whose bundle is
    missing, a part a shard lists but lacks, or bundles of other counts."""
    from .search_index import ENTRY, nested_bundles, write_bundle_list

    found = sorted((int(m[1]), int(m[2]), m[0]) for path in folder.glob(f"*/{ENTRY}")
                   if (m := _BUNDLE.fullmatch(path.parent.name)))
    if not found:
        return []  # a site without search
    counts = {count for _, count, _ in found}
    if len(counts) > 1:
        return [("pagefind/", f"bundles of {' and '.join(map(str, sorted(counts)))} shards: merge the shards of one build")]
    missing = sorted(set(range(1, found[0][1] + 1)) - {index for index, _, _ in found})
    listed = [bundle for _, _, name in found for bundle in nested_bundles(folder / name, name)]
    write_bundle_list(folder, listed)
    # A shard's own list may name a part its copy lacks: searched, it would fail on the reader's page.
    absent = [bundle for bundle in listed if not (folder / bundle / ENTRY).is_file()]
    return [(f"pagefind/shard-{k}-of-{found[0][1]}/", f"shard {k} of {found[0][1]} is missing: merge every shard's site")
            for k in missing] + [(f"pagefind/{bundle}", "a part the shard's bundles.json lists is missing") for bundle in absent]


# One page's entry as MkDocs' sitemap.xml template writes it, with the whitespace before it.
_ENTRY = re.compile(r"\s*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)


def _entries(sitemap: str) -> list[tuple[str, str]]:
    return [(found.group(1), found.group(0)) for found in _ENTRY.finditer(sitemap)]


def sort_sitemap(site: Path) -> None:
    """A built site's sitemap with its pages in the order of their addresses, the order a merge can make
    again from the shards' sitemaps (MkDocs lists them in the order the files were added)."""
    sitemap = site / SITEMAP
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        write_sitemap(site, text, dict(_entries(text)), _stamp(sitemap))


def _stamp(sitemap: Path) -> int:
    """The time MkDocs wrote into sitemap.xml.gz (the newest page's date), 0 when there is none."""
    try:
        with open(sitemap.with_name(SITEMAP + ".gz"), "rb") as packed:
            header = packed.read(8)
    except OSError:
        return 0
    return int.from_bytes(header[4:8], "little") if header[:2] == b"\x1f\x8b" else 0


def write_sitemap(site: Path, template: str, entries: dict[str, str], stamp: int) -> None:
    """sitemap.xml: `template`'s head and tail around `entries` sorted by address; sitemap.xml.gz of it,
    stamped `stamp` as MkDocs stamps it, so that a merged site and a single build agree byte for byte."""
    found = list(_ENTRY.finditer(template))
    head = template[: found[0].start()] if found else template[: template.rindex("</urlset>")]
    tail = template[found[-1].end():] if found else template[template.rindex("</urlset>"):]
    text = head + "".join(entries[loc] for loc in sorted(entries)) + tail
    (site / SITEMAP).write_text(text, encoding="utf-8")
    with open(site / (SITEMAP + ".gz"), "wb") as raw, gzip.GzipFile(
            fileobj=raw, filename=str(site / (SITEMAP + ".gz")), mode="wb", mtime=stamp) as packed:
        packed.write(text.encode("utf-8"))
