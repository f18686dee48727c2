"""Onrecord as a guest in someone else's MkDocs site: what it needs there, and what of theirs it leaves alone."""

from __future__ import annotations

from pathlib import Path

from . import theme
from .diagnostics import Report

THEME_DIR = Path(theme.__file__).resolve().parent  # the package onrecord.theme: theme/ here, inside a wheel
ASSETS_DIR = Path(__file__).resolve().parent / "assets"
# The generated pages need these: `{: #participants }` and `{.permalink}` (attr_list), Markdown inside
# <section markdown> (md_in_html). Without them raw braces show on the page.
NEEDED_EXTENSIONS = ("attr_list", "md_in_html")
# Pages only a site of Onrecord's own has: its home page (content/index.md is its text) and search page.
OWN_SITE_PAGES = ("index.md", "search.md")
# What the plugin adds to a site under another theme, under a folder no site would have of its own.
GUEST_JS = "onrecord-assets/onrecord.js"
GUEST_CSS = "onrecord-assets/guest.css"
GUEST_ASSETS = {GUEST_JS: THEME_DIR / "assets" / "onrecord.js", GUEST_CSS: ASSETS_DIR / "guest.css"}


def add_extensions(extensions: list) -> list[str]:
    """Add the Markdown extensions the pages need to MkDocs' list, in place; the names added."""
    names = {e if isinstance(e, str) else next(iter(e), "") for e in extensions}
    added = [name for name in NEEDED_EXTENSIONS if name not in names and f"markdown.extensions.{name}" not in names]
    extensions.extend(added)
    return added


def is_own_theme(theme) -> bool:
    """Whether the site is rendered with Onrecord's theme (by name, or as custom_dir as this repository had it)."""
    if theme.name == "onrecord":
        return True
    return any(Path(d).resolve() == THEME_DIR for d in getattr(theme, "dirs", []))


def folder(value: str, own_theme: bool) -> str:
    """The `folder:` option as a prefix of paths ("calls/"), or why it cannot be one.

    Every link between the generated pages is relative, so they can live under any folder; Onrecord's
    own theme links its search and speaker pages from the site's root, so there the folder is the root."""
    parts = [part for part in value.replace("\\", "/").split("/") if part]
    if not parts:
        return ""
    if value.startswith("/") or any(part in (".", "..") for part in parts):
        raise ValueError(f"folder: {value!r} must be a folder inside the site, like 'calls/'")
    if own_theme:
        raise ValueError("folder: is for a site with a theme of its own; under theme: onrecord the site is "
                         "Onrecord's and its pages are at the root (remove folder:)")
    return "/".join(parts) + "/"


def own_site_pages(pages: dict, own_theme: bool, home: bool | None) -> dict:
    """The generated pages without the home and search pages, unless the site is ours (or `home: true`)."""
    if home or (home is None and own_theme):
        return pages
    return {path: body for path, body in pages.items() if path not in OWN_SITE_PAGES}


def theirs(site_files, pages: dict, content: Path, docs_dir: Path, report: Report) -> set[str]:
    """Generated paths the site already has a page of its own at (not one of the content files Onrecord
    reads): theirs is kept, and each is said once, since Onrecord's links to that path now lead there."""
    kept = set()
    read_here = content.resolve() == docs_dir.resolve()
    for path in sorted(pages):
        if not path.endswith(".md") or not site_files.get_file_from_path(path):
            continue
        if read_here and (path.startswith("transcripts/") or path == "index.md"):
            continue  # a transcript's own folder, or content/index.md: Onrecord's to replace
        report.warning(docs_dir / path, 0, f"the site has a page of its own at {path}; it is kept and "
                       "Onrecord's is not written (its links to it lead to the site's page)", "site.collision")
        kept.add(path)
    return kept


def theme_note(theme_name: str | None) -> str:
    """What the theme cannot do that Onrecord's does, said once per build."""
    return (f"Onrecord under the theme {theme_name or '(custom)'}: transcript pages, anchors, copy links and "
            "redirects of moved anchors work; Onrecord's outline sidebar, audio player, search page and "
            "redirect pages of moved topics need `theme: onrecord`")


def as_i18n_file(file, plugins) -> None:
    """Under mkdocs-static-i18n, a generated file carries what it sets on the files it made itself (Material's
    language switcher reads `page.file.alternates`): the pages are of the language being built, and only it."""
    i18n = plugins.get("i18n") if hasattr(plugins, "get") else None
    language = getattr(i18n, "current_language", None)
    if language is None:
        return
    file.alternates = {language: file}
    file.locale = file.locale_alternate_of = language
    file.localization = None
    file.norm_src_uri = file.src_uri
