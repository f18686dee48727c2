"""The README describes the theme's and the plugin's configuration as the code reads it."""

from __future__ import annotations

import re

from onrecord.plugin import OnrecordConfig

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _options_block() -> str:
    found = re.search(r"```yaml\n  - onrecord:\n(.*?)```", README, re.DOTALL)
    assert found is not None, "the README's block of the plugin's options"
    return found.group(1)


def test_the_readme_lists_every_option_of_the_plugin_and_no_other():
    listed = re.findall(r"^      (\w+):", _options_block(), re.MULTILINE)
    assert listed == [name for name, _ in OnrecordConfig._schema]


def test_the_readme_names_each_default_the_plugin_has():
    said = dict(re.findall(r"^      (\w+):(.*?)(?=^      \w+:|\Z)", _options_block(), re.MULTILINE | re.DOTALL))
    for name, option in OnrecordConfig._schema:
        if option.default not in (None, ""):  # no default: decided by the theme; "": the site's root
            assert f"default: {str(option.default).lower()}" in said[name], name


def test_the_readme_says_which_settings_the_theme_reads():
    read = set()
    for template in (ROOT / "theme").glob("*.html"):
        read |= set(re.findall(r"\bconfig\.((?:theme\.)?[a-z_]+)", template.read_text(encoding="utf-8")))
    said = re.search(r"reads of `mkdocs.yml` only (.*?);", README, re.DOTALL)
    assert said is not None
    assert set(re.findall(r"`([a-z_.]+)`", said.group(1))) == read
