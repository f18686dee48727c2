"""The MkDocs plugin `onrecord`: a thin adapter that adds the generated pages and runs Pagefind."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import schema
from .diagnostics import ERROR, WARNING, Report
from .feeds import Site
from .pipeline import generate, own_file

log = logging.getLogger("mkdocs.plugins.onrecord")
_EPOCH = "1970-01-01"  # the earliest time a gzip header holds
_GZIP_END = "2106-02-07"  # and the last day it holds (32-bit seconds)


class OnrecordConfig(Config):
    content = c.Optional(c.Dir(exists=True))  # defaults to docs_dir
    search = c.Type(bool, default=True)  # run Pagefind after the build


class OnrecordPlugin(BasePlugin[OnrecordConfig]):
    def load_config(self, options, config_file_path=None):
        # MkDocs checks the options' types; an unknown one (`serch:`) is said with the option it likely means.
        errors, warnings = super().load_config(options, config_file_path)
        return errors, [(key, schema.plugin_warning(key, message)) for key, message in warnings]

    def on_files(self, files: Files, /, *, config) -> Files:
        content = Path(self.config.content or config.docs_dir)
        report = Report(root=Path.cwd())
        pages = generate(content, report, Site(config.site_name, config.site_url or None, config.use_directory_urls))
        kept = Files([f for f in files if not _replaced(f.src_uri) and _inside(f, Path(config.docs_dir), report)])
        for diagnostic in report.diagnostics:
            level = {ERROR: logging.ERROR, WARNING: logging.WARNING}.get(diagnostic.level, logging.INFO)
            log.log(level, str(diagnostic))
        for path, body in pages.items():
            if kept.get_file_from_path(path):
                kept.remove(kept.get_file_from_path(path))
            kept.append(File.generated(config, path, content=body))
        return kept

    def on_page_markdown(self, markdown: str, /, *, page, config, files) -> str:
        # The sitemap's date comes from the transcripts, not the clock, so two builds are identical. MkDocs
        # stamps sitemap.xml.gz with the newest of these, and gzip cannot hold a time before 1970: an archive of
        # 1952 arguments is dated at the epoch there (the page still says 1952).
        if updated := page.meta.get("updated"):
            page.update_date = min(max(str(updated), _EPOCH), _GZIP_END)
        return markdown

    def on_serve(self, server, /, *, config, builder):
        # docs_dir is watched already; a content folder set apart from it is not.
        if self.config.content and Path(self.config.content).resolve() != Path(config.docs_dir).resolve():
            server.watch(self.config.content)
        return server

    def on_post_build(self, *, config) -> None:
        if not self.config.search:
            return
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--quiet", *_NOT_SPEECH],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise PluginError(f"Pagefind failed:\n{result.stdout}{result.stderr}")


# Who speaks and the topic lines are labels, not what was said: kept out of search excerpts. Given
# to Pagefind here rather than as an attribute on every turn, which would weigh on every page.
_NOT_SPEECH = ("--exclude-selectors", ".turn > .who", "--exclude-selectors", ".exchange > .topics")


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


def _replaced(src_uri: str) -> bool:
    """Content files the generator reads and replaces with pages of its own."""
    return src_uri.startswith("transcripts/") or src_uri in {"index.md", "speakers.yml", "topics.yml"}
