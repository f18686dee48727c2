"""The pages' content is released before Pagefind runs, yet only after another plugin's post_build has read it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from onrecord.site import DEFAULTS

ROOT = Path(__file__).resolve().parent.parent


class _Guest(BasePlugin):
    """A guest plugin listed after ours that reads every page's HTML when the site is written (as a print-site
    or PDF plugin does)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list = []
        self.read: dict[str, int] = {}

    def on_page_content(self, html, /, *, page, config, files):
        self.pages.append(page)
        return html

    def on_post_build(self, *, config):
        self.read = {page.file.src_uri: len(page.content or "") for page in self.pages}


def test_a_guest_plugin_listed_after_ours_still_reads_every_page_in_its_post_build(tmp_path):
    config = load_config(str(DEFAULTS), docs_dir=str(ROOT / "content"), site_dir=str(tmp_path / "site"), site_name="Guest")
    config.plugins["onrecord"].config.cache = False
    guest = config.plugins["guest"] = _Guest()  # after ours, at the default priority, as mkdocs.yml would list it
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    ours = {uri: size for uri, size in guest.read.items() if uri.startswith(("transcripts/", "speakers/"))}
    assert len(ours) >= 3 and all(ours.values()), ours
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").is_file()  # and the index was still written
    assert all(page.content is None for page in guest.pages if page.file.src_uri in ours)  # released after it
