"""The MkDocs plugin `onrecord`: a thin adapter that adds the generated pages and runs Pagefind."""

from __future__ import annotations

import logging
import tempfile
import time
from collections import Counter
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import guest, html_blocks, schema
from .apart import generate_apart, read_records
from .cache import Cache, folder_for
from .diagnostics import ERROR, WARNING, Report
from .feeds import Site
from .html_memo import FOLDER as HTML, HtmlMemo
from .pages import transcript_page
from .pipeline import own_file, transcript_paths
from .releasing import release
from .search_index import write_site_index
from .search_records import each_search_record
from .shards import Shard, check_plan, own_pages, shard_records, sort_sitemap
from .site import Publishing

log = logging.getLogger("mkdocs.plugins.onrecord")
_EPOCH = "1970-01-01"  # the earliest time a gzip header holds
_GZIP_END = "2106-02-07"  # and the last day it holds (32-bit seconds)
_FEW = 5  # transcripts a build reads without saying how far it is
# Pages whose raw HTML all comes from the generator (the home page holds the publisher's Markdown).
_HIDDEN_KINDS = frozenset({"transcript", "speaker", "speakers", "topic", "topics"})


class OnrecordConfig(Config):
    content = c.Optional(c.Dir(exists=True))  # defaults to docs_dir
    search = c.Optional(c.Type(bool))  # run Pagefind after the build; by default only under Onrecord's theme
    home = c.Optional(c.Type(bool))  # write index.md and search.md; by default only under Onrecord's theme
    folder = c.Type(str, default="")  # the site's folder Onrecord's pages go in ("calls/"): its root by default
    cache = c.Type((bool, str), default=True)  # per-transcript cache: beside the content folder, a folder, or off
    shard_above = c.Type(int, default=0)  # more transcripts than this: the publish workflow builds in shards (0: never)
    shards = c.Type(int, default=4)  # how many shards, then


class OnrecordPlugin(BasePlugin[OnrecordConfig]):
    progress: _Progress | None = None  # set by on_files
    records: list | Path = []  # the search records of what on_files generated (when there is an index to write), staged
    site: Site = Site()  # set by on_files, as its pages were written
    folder: str = ""  # set by on_config
    shard: Shard | None = None  # set by `onrecord build --shard K/N`
    _foreign: tuple[File, ...] = ()  # pages another shard renders, removed after the build
    _generated: list[File] = []  # the files on_files added, their content dropped once the site is written
    _hidden: dict[str, list[str]] = {}  # a page's raw HTML blocks while Python-Markdown converts the rest (set in on_config)
    html: HtmlMemo | None = None  # pages converted before, set by on_files when the cache is on
    publishing: Publishing | None = None  # set by on_config: a `mkdocs build` replaces the site only once it succeeds
    _staging: list = []  # the folders the generator wrote the files and records into, one a build (i18n nests them)

    def load_config(self, options, config_file_path=None):
        # MkDocs checks the options' types; an unknown one (`serch:`) is said with the option it likely means.
        errors, warnings = super().load_config(options, config_file_path)
        return errors, [(key, schema.plugin_warning(key, message)) for key, message in warnings]

    def on_config(self, config, /):
        # The pages need attr_list and md_in_html; a site that lists neither gets them, not raw `{: #q7 }`.
        if added := guest.add_extensions(config.markdown_extensions):
            log.debug(f"Onrecord added the Markdown extensions {', '.join(added)}")
        self.own_theme = guest.is_own_theme(config.theme)
        self._hidden = {}
        if self.config.search is None:  # another theme has no page that uses Pagefind's index
            self.config.search = self.own_theme
        try:
            self.folder = guest.folder(self.config.folder, self.own_theme)
            check_plan(self.config.shard_above, self.config.shards)
        except ValueError as error:
            raise PluginError(f"onrecord: {error}") from None
        if not self.own_theme:
            # Under another theme the copy links and the links-that-last redirect come as the plugin's own assets.
            # Once: mkdocs-static-i18n builds each language again with the same config.
            if guest.GUEST_JS not in config.extra_javascript:
                config.extra_javascript.append(guest.GUEST_JS)
            if guest.GUEST_CSS not in config.extra_css:
                config.extra_css.append(guest.GUEST_CSS)
            log.info(guest.theme_note(config.theme.name))
        self.publishing = self.publishing or Publishing()
        self.publishing.begin(config)  # MkDocs empties site_dir next: the build goes into a folder beside it
        return config

    # Last of the plugins: others that read every file from the docs folder in on_files (mkdocs-static-i18n
    # has at -100) meet none of the generated pages, which have no file there.
    @event_priority(-110)
    def on_files(self, files: Files, /, *, config) -> Files:
        content, docs_dir = Path(self.config.content or config.docs_dir), Path(config.docs_dir)
        report = Report(root=Path.cwd())
        count = len(transcript_paths(content))
        if many := count > _FEW:
            log.info(f"Onrecord: reading {count} transcripts in {content}")
        started = time.monotonic()
        url = config.site_url.rstrip("/") + "/" + self.folder if config.site_url else None
        site = Site(config.site_name, url, config.use_directory_urls)
        cache = folder_for(self.config.cache, content, Path(config.config_file_path or ".").parent)
        # Records link to pages as MkDocs writes them: in the site's folder for us, with flat URLs or not.
        url = lambda slug: "/" + self.folder + site.page(transcript_page(slug))  # noqa: E731
        records = ((lambda corpus: shard_records(corpus, self.shard, url)) if self.shard
                   else (lambda corpus: each_search_record(corpus, url)) if self.config.search else None)
        staging = tempfile.TemporaryDirectory(prefix="onrecord-staged-", ignore_cleanup_errors=True)
        self._staging = [*self._staging, staging]  # removed as the build ends, or at exit if it is interrupted
        pages, self.records = generate_apart(content, report, site, cache and Cache(cache), records, self.shard,
                                             Path(staging.name))
        self.html = HtmlMemo(cache / HTML, report) if cache else None
        self.site = site
        pages, elsewhere, foreign = own_pages(pages, self.shard) if self.shard else (pages, set(), set())
        pages = guest.own_site_pages(pages, self.own_theme, self.config.home)
        pages = {self.folder + path: body for path, body in pages.items()}
        theirs = guest.theirs(files, pages, content, docs_dir, report)
        read_here = content.resolve() == docs_dir.resolve()
        for file in [f for f in files if (read_here and _replaced(f.src_uri, pages)) or not _inside(f, docs_dir, report)]:
            files.remove(file)  # in place: another plugin's Files (i18n's) stays what it is
        _log(report)
        self.progress = _Progress(sum(p.endswith(".md") for p in pages) if many else 0)
        if many:
            log.info(f"Onrecord: {len(pages)} files generated in {time.monotonic() - started:.1f} s; rendering pages")
        assets = {} if self.own_theme else guest.GUEST_ASSETS
        self._generated = _add(files, {p: b for p, b in pages.items() if p not in theirs}, assets, config)
        self._foreign = tuple(f for path in sorted(foreign) if (f := files.get_file_from_path(self.folder + path)))
        for file in filter(None, (files.get_file_from_path(self.folder + path) for path in elsewhere)):
            file.inclusion = InclusionLevel.EXCLUDED  # another shard's: links to it resolve; neither converted nor written
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        # The sitemap's date comes from the transcripts, not the clock, so two builds are identical. MkDocs
        # stamps sitemap.xml.gz with the newest of these, and gzip cannot hold a time before 1970: an archive of
        # 1952 arguments is dated at the epoch there (the page still says 1952).
        if updated := page.meta.get("updated"):
            page.update_date = min(max(str(updated), _EPOCH), _GZIP_END)
        if self.progress is not None:
            self.progress.page_done()
        if page.file.generated_by and page.meta.get("onrecord") in _HIDDEN_KINDS:  # a page we generated
            uri = page.file.src_uri
            markdown, self._hidden[uri] = html_blocks.hide(markdown, uri, config.use_directory_urls)
        if self.html is not None:  # keyed on the Markdown MkDocs converts: placeholders, the blocks come back after
            self.html.take_over(page, config)
        return markdown

    def on_page_content(self, html: str, /, *, page, config, files) -> str:
        hidden = self._hidden.pop(page.file.src_uri, [])
        if hidden and page.present_anchor_ids is not None:  # MkDocs checks `#t42` links against these
            page.present_anchor_ids |= html_blocks.anchor_ids(hidden)
        return html_blocks.restore(html, hidden)

    def on_serve(self, server, /, *, config, builder):
        # docs_dir is watched already; a content folder set apart from it is not.
        if self.config.content and Path(self.config.content).resolve() != Path(config.docs_dir).resolve():
            server.watch(self.config.content)
        return server

    def _on_post_build(self, *, config) -> None:
        sort_sitemap(Path(config.site_dir))  # in the order a merge of shards' sitemaps makes too
        if self.html is not None:
            self.html.keep_only_used()
        for file in self._foreign:
            Path(file.abs_dest_path).unlink(missing_ok=True)
        if self._foreign:
            _remove_empty_folders(Path(config.site_dir))

    # After the other plugins' post_build at their default priority (a guest's, listed after ours, may still
    # read the pages' content), and before the site is published: releasing drops that content.
    @event_priority(-150)
    def _index(self, *, config) -> None:
        if not (self.config.search or self.shard):
            return
        staged, self.records = self.records, []
        release(self._generated)  # before Pagefind, the build's largest moment: the site is written
        self._generated = []
        try:  # a shard's bundle holds its own transcripts' records: the search page merges the bundles
            write_site_index(read_records(staged), Path(config.site_dir), self.shard)  # a bundle held at a time
        except Exception as error:  # noqa: BLE001 (Pagefind's service reports in its own exceptions)
            raise PluginError(f"Pagefind failed:\n{error}") from error

    @event_priority(-200)  # after every plugin's post_build: only then is the site complete
    def _publish(self, *, config) -> None:
        if self._staging:  # this build's: a nested one (i18n's) ends inside the build that started it
            self._staging.pop().cleanup()
        if self.publishing:
            self.publishing.finish(config)

    on_post_build = CombinedEvent(_on_post_build, _index, _publish)

    def on_build_error(self, *, error) -> None:
        for staging in self._staging:  # a nested build's error fails the builds around it too
            staging.cleanup()
        self._staging = []
        if self.publishing:
            self.publishing.fail(error)


def _remove_empty_folders(site: Path) -> None:
    for folder in sorted((p for p in site.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


class _Progress:
    """A log line at each tenth of the pages MkDocs renders, on a build of more than a few transcripts."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.said = total, 0, 0

    def page_done(self) -> None:
        self.done += 1
        if self.total and self.done <= self.total and self.done * 10 // self.total > self.said:
            self.said = self.done * 10 // self.total
            log.info(f"Onrecord: {self.done} of {self.total} pages rendered")


def _inside(file: File, docs_dir: Path, report: Report) -> bool:
    """Whether a file MkDocs found in the docs folder is in it: MkDocs follows symbolic links, and would
    publish what a link points to (a secret, /etc/passwd) as a file of the site. Each link is reported once."""
    if not file.abs_src_path:
        return True
    try:
        parts = Path(file.abs_src_path).relative_to(docs_dir).parts
    except ValueError:
        return True  # the theme's own files
    for depth in range(1, len(parts) + 1):
        path = docs_dir.joinpath(*parts[:depth])
        if path.is_symlink() or depth == len(parts):
            shown = report.show(path)
            said = any(d.path == shown and d.code.startswith("content.") for d in report.diagnostics)
            return own_file(path, None if said else report) and not path.is_symlink()
    return True


def _add(files: Files, pages: dict, assets: dict[str, Path], config) -> list[File]:
    """The generated pages and files (in place of any the docs folder had at their paths), and the assets."""
    added = []
    for path, body in pages.items():
        if existing := files.get_file_from_path(path):
            files.remove(existing)
        staged = isinstance(body, Path)  # written by the generator: MkDocs reads or copies it from there
        added.append(File.generated(config, path, abs_src_path=str(body)) if staged else
                     File.generated(config, path, content=body))
    added += [File.generated(config, path, abs_src_path=str(source)) for path, source in assets.items()]
    for file in added:
        guest.as_i18n_file(file, config.plugins)
        files.append(file)
    return added[: len(pages)]


def _log(report: Report) -> None:
    """Warnings and errors each; notes only with -v (debug), and one line counting them."""
    for diagnostic in report.diagnostics:
        level = {ERROR: logging.ERROR, WARNING: logging.WARNING}.get(diagnostic.level, logging.DEBUG)
        log.log(level, str(diagnostic))
    notes = Counter(d.code for d in report.diagnostics if d.level not in (ERROR, WARNING))
    if notes:
        shown = ", ".join(f"{code} {n}" for code, n in notes.most_common(6)) + (", …" if len(notes) > 6 else "")
        log.info(f"Onrecord: {notes.total()} notes about the transcripts ({shown}); "
                 "`onrecord check` lists them, or build with -v")


def _replaced(src_uri: str, pages: dict) -> bool:
    """Content files the generator reads (when the content folder is the docs folder) and replaces with
    pages of its own; index.md only when it writes a home page."""
    return src_uri.startswith("transcripts/") or src_uri in {"speakers.yml", "topics.yml"} or (
        src_uri == "index.md" and "index.md" in pages)
