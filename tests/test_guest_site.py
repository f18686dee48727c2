"""Onrecord dropped into someone else's MkDocs project: their pages stay theirs, with their theme and plugins,
the transcript pages read, and no internal link is broken, with use_directory_urls true or false."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REFERENCE
from .linkcrawl import broken_links

BIN = Path(sys.executable).parent
HOME = "# Our handbook\n\nThe team's own home page.\n"
SEARCH = "# Find things\n\nThe team's own search page.\n"
MOVED = "anchors:\n  - {q2: q3}\n"  # a correction recorded in the front matter: old links to #q2 land on #q3


def guest_project(folder: Path, theme: str, directory_urls: bool = True, plugins=(), **settings) -> Path:
    """An existing MkDocs project (its own home and search pages) that adds `onrecord` and a transcripts/ folder."""
    docs = folder / "docs"
    (docs / "transcripts").mkdir(parents=True)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    (docs / "search.md").write_text(SEARCH, encoding="utf-8")
    text = REFERENCE.read_text(encoding="utf-8")
    (docs / "transcripts" / REFERENCE.name).write_text(text.replace("---\n", "---\n" + MOVED, 1), encoding="utf-8")
    config = {"site_name": "Handbook", "theme": {"name": theme}, "use_directory_urls": directory_urls,
              "plugins": ["search", *plugins, "onrecord"], **settings}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return folder


def build(project: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([str(BIN / "onrecord"), "build", "--strict", *args], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def page(site: Path, path: str, directory_urls: bool) -> str:
    """The built HTML of the page MkDocs makes of `path` ("search.md", "transcripts/x/index.md")."""
    stem = path.removesuffix(".md")
    if directory_urls and not stem.endswith("index"):
        stem += "/index"
    return (site / f"{stem}.html").read_text(encoding="utf-8")


def transcript(site: Path, directory_urls: bool, folder: str = "") -> str:
    return page(site, f"{folder}transcripts/tesla-2015-q3/index.md", directory_urls)


def _check_guest_site(site: Path, directory_urls: bool, folder: str = "") -> None:
    assert "The team&#39;s own home page." in page(site, "index.md", directory_urls) or \
        "The team's own home page." in page(site, "index.md", directory_urls)
    assert "own search page." in page(site, "search.md", directory_urls)
    html = transcript(site, directory_urls, folder)
    assert not re.search(r"\{:? ?[#.]", re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S))
    for anchor in ("participants", "qa", "q1", "q3", "t1", "t42"):
        assert f'id="{anchor}"' in html
    assert "onrecord-assets/onrecord.js" in html and "onrecord-assets/guest.css" in html
    assert (site / "onrecord-assets" / "onrecord.js").is_file()
    assert (site / f"{folder}speakers" / ("index.html")).is_file() and (site / f"{folder}topics").is_dir()
    assert broken_links(site, folders=directory_urls) == []


THEMES = [
    pytest.param("material", True),
    pytest.param("material", False, marks=pytest.mark.slow),
    pytest.param("readthedocs", True, marks=pytest.mark.slow),
    pytest.param("readthedocs", False, marks=pytest.mark.slow),
    pytest.param("mkdocs", True, marks=pytest.mark.slow),
    pytest.param("mkdocs", False, marks=pytest.mark.slow),
]


@pytest.mark.parametrize("theme, directory_urls", THEMES)
def test_a_guest_site_keeps_its_own_pages_and_its_theme_renders_transcripts_with_no_broken_link(
        tmp_path, theme, directory_urls):
    project = guest_project(tmp_path, theme, directory_urls)
    said = build(project).stderr
    _check_guest_site(project / "site", directory_urls)
    assert said.count(f"Onrecord under the theme {theme}:") == 1  # what needs Onrecord's theme, said once
    assert not (project / "site" / "pagefind").exists()  # no index that no page of this theme would use


def test_the_plugin_adds_the_markdown_extensions_the_pages_need(tmp_path):
    project = guest_project(tmp_path, "readthedocs")  # its mkdocs.yml lists no markdown_extensions
    build(project)
    html = transcript(project / "site", True)
    assert '<section class="exchange">' in html  # md_in_html: the Markdown inside was rendered
    assert 'class="permalink"' in html  # attr_list


def test_a_page_of_the_sites_own_where_onrecord_would_write_one_is_kept_and_said(tmp_path):
    project = guest_project(tmp_path, "mkdocs")
    (project / "docs" / "topics").mkdir()
    (project / "docs" / "topics" / "index.md").write_text("# Our topics\n\nCurated by hand.\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "onrecord"), "build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Curated by hand." in (project / "site" / "topics" / "index.html").read_text(encoding="utf-8")
    assert result.stderr.count("[site.collision]") == 1
    assert "docs/topics/index.md: warning: the site has a page of its own at topics/index.md" in result.stderr


@pytest.mark.parametrize("directory_urls", [True, pytest.param(False, marks=pytest.mark.slow)])
def test_the_generated_pages_go_in_the_folder_the_publisher_names(tmp_path, directory_urls):
    project = guest_project(tmp_path, "readthedocs", directory_urls)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"][-1] = {"onrecord": {"folder": "calls/"}}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build(project)
    site = project / "site"
    _check_guest_site(site, directory_urls, folder="calls/")
    assert not (site / "transcripts").exists() and not (site / "speakers").exists()


def test_a_folder_outside_the_site_or_under_onrecords_own_theme_is_one_clear_error(tmp_path):
    for theme, folder, said in (("mkdocs", "../up", "must be a folder inside the site"),
                                ("onrecord", "calls", "under theme: onrecord")):
        project = guest_project(tmp_path / theme, theme)
        config = yaml.safe_load((project / "mkdocs.yml").read_text())
        config["plugins"][-1] = {"onrecord": {"folder": folder}}
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        result = subprocess.run([str(BIN / "onrecord"), "build"], cwd=project, capture_output=True, text=True)
        assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr


def test_onrecord_writes_the_home_and_search_pages_when_asked(tmp_path):
    project = guest_project(tmp_path, "mkdocs")
    (project / "docs" / "search.md").unlink()  # one of its own would be kept, and said
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["plugins"][-1] = {"onrecord": {"home": True}}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build(project)
    home = page(project / "site", "index.md", True)
    assert 'class="transcript-list"' in home and "tesla-2015-q3" in home  # its text then introduces the list
    assert ">Search</h1>" in page(project / "site", "search.md", True)  # Onrecord's search page


def _blog(docs: Path) -> None:
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (docs / "blog" / "posts" / "first.md").write_text("---\ndate: 2024-01-02\n---\n\n# First post\n\nHi.\n")


@pytest.mark.slow
def test_coexists_with_material_blog(tmp_path):
    # Material's social plugin is not tried: its cards need fonts it downloads from Google Fonts.
    project = guest_project(tmp_path, "material", plugins=["blog"])
    _blog(project / "docs")
    build(project)
    _check_guest_site(project / "site", True)
    assert "First post" in (project / "site" / "blog" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_coexists_with_static_i18n_under_material(tmp_path):
    project = guest_project(tmp_path, "material", plugins=[
        {"i18n": {"docs_structure": "suffix", "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "fr", "name": "Français", "build": True}]}}])
    (project / "docs" / "index.fr.md").write_text("# Notre manuel\n", encoding="utf-8")
    build(project)
    site = project / "site"
    _check_guest_site(site, True)
    assert "Notre manuel" in (site / "fr" / "index.html").read_text(encoding="utf-8")
    # Added once, though i18n builds the site once per language with one config.
    assert transcript(site, True).count("onrecord-assets/guest.css") == 1
