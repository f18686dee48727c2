"""The wheel is the whole product: installed into a fresh virtual environment (not this checkout), it builds a
site from a folder with only content/, and joins a stranger's MkDocs project by one line in its mkdocs.yml."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

from .conftest import REFERENCE, ROOT
from .linkcrawl import broken_links
from .test_guest_site import _check_guest_site, guest_project

pytestmark = pytest.mark.slow


def _run(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", out, cwd=out)
    return next(out.glob("onrecord-*.whl"))


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel and Material, as exactly constrained as the tests' own: its bin folder."""
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=True)
    _run(env / "bin" / "pip", "install", "-q", "-c", ROOT / "constraints.txt", f"{wheel}[mkdocs]", "mkdocs-material")
    return env / "bin"


def test_the_wheel_holds_the_theme_the_defaults_the_guest_assets_and_the_topics_tables(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"onrecord/theme/main.html", "onrecord/theme/404.html", "onrecord/theme/mkdocs_theme.yml",
            "onrecord/theme/assets/onrecord.js", "onrecord/theme/assets/onrecord.css", "onrecord/defaults.yml",
            "onrecord/assets/guest.css", "onrecord/templates/transcript.md.j2", "onrecord/topics/cities.txt"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[mkdocs.themes]\nonrecord = onrecord.theme" in text
    assert "[mkdocs.plugins]\nonrecord = onrecord.plugin:OnrecordPlugin" in text


def test_the_installed_command_builds_a_folder_with_only_content(installed, tmp_path):
    (tmp_path / "content" / "transcripts").mkdir(parents=True)
    (tmp_path / "content" / "transcripts" / REFERENCE.name).write_bytes(REFERENCE.read_bytes())
    _run(installed / "onrecord", "build", "--strict", cwd=tmp_path)
    site = tmp_path / "site"
    assert (site / "transcripts" / "tesla-2015-q3" / "index.html").is_file()
    assert (site / "assets" / "onrecord.css").is_file() and (site / "pagefind").is_dir()
    assert "<title>" + tmp_path.name + "</title>" in (site / "index.html").read_text(encoding="utf-8")
    assert broken_links(site) == []


@pytest.mark.parametrize("theme", ["material", "readthedocs", "mkdocs"])
def test_the_installed_plugin_joins_an_existing_project_by_one_line(installed, tmp_path, theme):
    project = guest_project(tmp_path, theme)
    _run(installed / "mkdocs", "build", "--strict", cwd=project)  # MkDocs' own command, as the project has it
    _check_guest_site(project / "site", True)


def test_the_installed_theme_builds_with_use_directory_urls_false_and_no_link_to_a_folder(installed, tmp_path):
    (tmp_path / "content" / "transcripts").mkdir(parents=True)
    (tmp_path / "content" / "transcripts" / REFERENCE.name).write_bytes(REFERENCE.read_bytes())
    config = {"site_name": "Flat", "docs_dir": "content", "theme": "onrecord", "use_directory_urls": False,
              "plugins": ["onrecord"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _run(installed / "onrecord", "build", "--strict", cwd=tmp_path)
    site = tmp_path / "site"
    assert (site / "search.html").is_file() and (site / "transcripts" / "tesla-2015-q3" / "index.html").is_file()
    assert broken_links(site, folders=False) == []


@pytest.fixture(scope="session")
def properdocs(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel's properdocs extra: ProperDocs, and no MkDocs."""
    env = tmp_path_factory.mktemp("properdocs")
    venv.create(env, with_pip=True)
    _run(env / "bin" / "pip", "install", "-q", "-c", ROOT / "constraints.txt", f"{wheel}[properdocs]")
    return env / "bin"


def test_under_properdocs_nothing_pulls_mkdocs_in_and_both_commands_build(properdocs, tmp_path):
    listed = _run(properdocs / "pip", "list", "--format=freeze").stdout.lower()
    assert "properdocs==" in listed and "mkdocs==" not in listed
    (tmp_path / "content" / "transcripts").mkdir(parents=True)
    (tmp_path / "content" / "transcripts" / REFERENCE.name).write_bytes(REFERENCE.read_bytes())
    _run(properdocs / "onrecord", "build", "--strict", cwd=tmp_path)  # built-in settings, on ProperDocs
    assert (tmp_path / "site" / "transcripts" / "tesla-2015-q3" / "index.html").is_file()
    config = {"site_name": "Proper", "docs_dir": "content", "site_dir": "out", "theme": "onrecord",
              "plugins": ["onrecord"]}
    (tmp_path / "properdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _run(properdocs / "properdocs", "build", "--strict", cwd=tmp_path)
    assert broken_links(tmp_path / "out") == []
