"""A crawler over a built site's files: every internal link (href and src) and the anchor it names must exist."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "source": "src",
            "audio": "src", "video": "src", "iframe": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        if (value := attrs.get(_LINKING.get(tag, ""))) is not None:
            self.links.append(value)


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8", errors="replace"))
    return page


def _target(site: Path, page: Path, link: str, folders: bool) -> tuple[Path, str] | None:
    """The file and fragment an internal link names, or None for an external one."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    here = page.relative_to(site).parent.as_posix()
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join("/" + here, path)) if path else "/" + page.relative_to(site).as_posix()
    file = site / resolved.lstrip("/")
    if folders and (path.endswith("/") or file.is_dir()):
        file = file / "index.html"  # a folder's page, where the server serves index.html for it
    return file, unquote(parts.fragment)


def broken_links(site: Path, folders: bool = True, skip=lambda page, link: False) -> list[str]:
    """Every internal link of every HTML page of the site that leads to no file, or to no such anchor.

    `folders=False` for a site built with use_directory_urls: false, which must work from the file system:
    a link to a folder is broken there."""
    pages = {p: _parsed(p) for p in sorted(site.rglob("*.html"))}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            target = _target(site, page, link, folders)
            if target is None or skip(page, link):
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{page.relative_to(site)}: {link} (no file {file.relative_to(site)})")
            elif fragment and file.suffix == ".html" and fragment not in pages.get(file, _Page()).ids:
                broken.append(f"{page.relative_to(site)}: {link} (no #{fragment} there)")
    return broken
