"""The HTML MkDocs converts a page's Markdown to, kept between builds: a page whose Markdown, place and links
are what they were is not converted again.

MkDocs' `Page.render` turns `page.markdown` into `page.content`, its table of contents, its title, the
anchors it has and the links to anchors it makes, and it warns about links it cannot resolve. All of it
depends on the Markdown, the page's own place (its file and URL), the Markdown settings and MkDocs'
validation settings, and on the other files: every file a link names is looked up. So an entry is keyed by
a digest of the first four and holds the lookups the conversion made (each path and what it found: the
file's URL, or nothing); it is used only when today's files answer each lookup the same, and the warnings
the conversion said are said again. The key is taken when MkDocs renders, after every plugin's
`on_page_markdown`, so what is keyed is what would be converted.

An entry is a header line of JSON (key, lookups, what the page gets besides its HTML, checksum and length)
and the HTML; one that is truncated or altered is converted again (and said at debug level), never trusted.
A folder that cannot be written is a warning of the build's report (once a build: diagnostics.ONCE_A_BUILD),
and the build goes on without the memo.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
from importlib import metadata
from pathlib import Path
from typing import Any

from . import entries
from .diagnostics import Report

FORMAT = 1
MAGIC = b"onrecord-html\n"
FOLDER = "html"  # inside the cache folder

log = logging.getLogger("mkdocs.plugins.onrecord")


class HtmlMemo:
    """The converted pages of one folder, and what a build converted or took from it (by source path)."""

    def __init__(self, folder: Path, report: Report | None = None) -> None:
        self.folder = folder
        self.report = report  # the build's: MkDocs converts pages after on_files has logged what it said
        self.converted: list[str] = []
        self.reused: list[str] = []
        self._unwritable = False

    def take_over(self, page, config) -> None:
        """Have `page.render` answer from this memo when it can (an attribute of this page object only)."""
        convert = page.render  # MkDocs' own, bound to the page

        def render(config, files) -> None:
            key = _key(page, config)
            if self._reuse(page, key, files):
                self.reused.append(page.file.src_uri)
                return
            noted = _NotedFiles(files)
            with _said() as warnings:
                convert(config, noted)
            self._store(page, key, noted.lookups, warnings)
            self.converted.append(page.file.src_uri)

        page.render = render

    def keep_only_used(self) -> None:
        """Remove the entries of pages this build did not have."""
        entries.remove_unwanted(self.folder, (".html-entry",), {_file_name(uri) for uri in (*self.converted, *self.reused)})

    def _reuse(self, page, key: str, files) -> bool:
        where = self.folder / _file_name(page.file.src_uri)
        try:
            entry = entries.read(where, MAGIC, "a converted page",
                                 lambda header: header.get("format") == FORMAT and header.get("key") == key)
            if entry is None:
                return False
            header, html = entry
            if any(_found(files, path) != found for path, found in header["lookups"]):
                return False  # a page it links to is gone, has moved or has come
            _restore(page, header, html.decode("utf-8"), files)
        except Exception as error:  # noqa: BLE001 (whatever is wrong with it, the page is converted again)
            log.debug(f"Onrecord: the converted page {page.file.src_uri} in the cache is unreadable ({error}); "
                      "it is converted again")
            return False
        for name, level, message in header["warnings"]:
            logging.getLogger(name).log(level, message)  # what the conversion said, said again
        return True

    def _store(self, page, key: str, lookups: list, warnings: list) -> None:
        html = (page.content or "").encode("utf-8")
        header = {
            "format": FORMAT, "key": key, "lookups": lookups, "warnings": warnings,
            "toc": _tokens(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links_to_anchors": None if page.links_to_anchors is None else
            {file.src_uri: links for file, links in page.links_to_anchors.items()},
        }
        try:
            entries.write(self.folder / _file_name(page.file.src_uri), MAGIC, header, html)
        except OSError as error:  # the folder cannot be written
            if not self._unwritable and self.report is not None:
                self._unwritable = True
                before = len(self.report.diagnostics)
                entries.say_unwritable(self.report, self.folder, "the converted pages' cache", error)
                for diagnostic in self.report.diagnostics[before:]:  # none when another memo said it already
                    log.warning(str(diagnostic))
        except (TypeError, ValueError) as error:  # a page with what JSON cannot hold: converted again next time
            log.debug(f"Onrecord: the converted page {page.file.src_uri} cannot be kept ({error})")


class _NotedFiles:
    """MkDocs' Files as a page's conversion looks them up, each lookup and what it found noted."""

    def __init__(self, files) -> None:
        self._files = files
        self.lookups: list[list] = []

    def get_file_from_path(self, path: str):
        found = self._files.get_file_from_path(path)
        self.lookups.append([path, _what(found)])
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


def _found(files, path: str) -> list | None:
    return _what(files.get_file_from_path(path))


def _what(file) -> list | None:
    """What a lookup found, as far as a conversion uses it: the file's URL and whether it is left out."""
    return None if file is None else [file.src_uri, file.url, bool(file.inclusion.is_excluded())]


@contextlib.contextmanager
def _said():
    """What MkDocs logs while a page converts (a link it cannot resolve), as (logger, level, message)."""
    said: list[list] = []

    class Noting(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append([record.name, record.levelno, record.getMessage()])

    handler = Noting(logging.DEBUG)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        yield said
    finally:
        mkdocs_log.removeHandler(handler)


def _restore(page, header: dict, html: str, files) -> None:
    from mkdocs.structure.toc import get_toc

    page.content = html
    page.toc = get_toc(header["toc"])
    page._title_from_render = header["title"]
    page.present_anchor_ids = set(header["anchors"])
    if header["links_to_anchors"] is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in header["links_to_anchors"].items()}


def _tokens(toc) -> list[dict]:
    """A table of contents as the tokens `get_toc` makes it from."""
    return [{"level": item.level, "id": item.id, "name": item.title, "children": _tokens(item.children)} for item in toc]


def _key(page, config) -> str:
    digest = hashlib.sha256()
    for part in (FORMAT, _versions(), page.file.src_uri, page.file.dest_uri, page.file.url,
                 config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
                 config["validation"], page.markdown):
        digest.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@functools.cache  # what is installed does not change during a build: asked once, not three times a page
def _versions() -> str:
    versions = []
    for library in ("mkdocs", "markdown", "pymdown-extensions"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{library}={metadata.version(library)}")
    return " ".join(versions)


def _file_name(src_uri: str) -> str:
    return f"{hashlib.sha256(src_uri.encode('utf-8', 'surrogatepass')).hexdigest()[:40]}.html-entry"
