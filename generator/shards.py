"""Sharded builds: which of N shards renders which page, and the merge of their sites into one site.

Every shard generates the whole archive (from the per-transcript cache, which is cheap: the corpus is
joined across every transcript) and gives MkDocs every page, so that each link and the sitemap are what
a single build makes; but a page that another shard owns is reduced to its front matter, which MkDocs
converts in no time, and its output is removed once the shard is built. A transcript's pages belong to
the shard its slug hashes to; every other page (home, speakers, topics, feeds) to shard 1. The merge
copies the shards' sites into one, refusing two different versions of a file, and indexes the whole
site with Pagefind once, so there is one search.
"""

from __future__ import annotations

import logging
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path

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
        parts = docs_path.split("/")
        if parts[0] == "transcripts" and len(parts) > 2:
            return owner(parts[1], self.count) == self.index
        return self.index == 1

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


def owner(slug: str, count: int) -> int:
    """The shard a transcript's pages belong to: stable across builds and machines (not Python's hash)."""
    return zlib.crc32(slug.encode("utf-8")) % count + 1


def stubbed(pages: dict[str, str | bytes], shard: Shard) -> tuple[dict[str, str | bytes], set[str]]:
    """Every page, those another shard owns reduced to their front matter; and the paths of those pages."""
    foreign = {path for path in pages if not shard.owns(path)}
    return {path: _stub(body) if path in foreign and path.endswith(".md") else body
            for path, body in pages.items()}, foreign


def _stub(markdown: str | bytes) -> str | bytes:
    """The front matter alone: the page's title and date, for the sitemap and for links to it."""
    if not isinstance(markdown, str) or not markdown.startswith("---\n"):
        return ""
    end = markdown.find("\n---\n", 4)
    return markdown[: end + 5] if end >= 0 else ""


def quiet_links(config) -> None:
    """A shard's pages link to pages whose text another shard has: that is no broken link."""
    config.validation.links.not_found = logging.DEBUG
    config.validation.links.anchors = logging.DEBUG


def merge(sites: list[Path], target: Path) -> list[str]:
    """Copy every shard's site into `target`; the files two shards both have must be the same bytes.
    Returns the files that differ (then nothing should be published)."""
    differing = []
    for site in sites:
        for source in sorted(p for p in site.rglob("*") if p.is_file()):
            relative = source.relative_to(site)
            if relative.parts[0] == "pagefind":
                continue  # the merged site is indexed as a whole
            copy = target / relative
            if copy.exists():
                if copy.read_bytes() != source.read_bytes():
                    differing.append(relative.as_posix())
                continue
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
    return differing
