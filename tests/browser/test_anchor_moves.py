"""Links that last: after a correction shifts turns and exchanges, an old link lands on the same words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, served

pytestmark = pytest.mark.browser
BIN = Path(sys.executable).parent
GIT = ["git", "-c", "user.email=ci@onrecord.invalid", "-c", "user.name=Onrecord tests"]


def run(*args: str, cwd: Path) -> str:
    result = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """The reference transcript published, then corrected: a turn added early, one exchange removed."""
    repo = tmp_path_factory.mktemp("publisher")
    shutil.copytree(ROOT / "content", repo / "content")
    run("git", "init", "-q", cwd=repo)
    run(*GIT, "add", ".", cwd=repo)
    run(*GIT, "commit", "-qm", "publish", cwd=repo)
    path = repo / "content" / "transcripts" / "tesla-2015-q3.txt"
    before = json.loads(
        subprocess.run([str(BIN / "onrecord"), "export", str(path)], cwd=repo, capture_output=True, text=True).stdout
    )
    text = path.read_text()
    text = text.replace(
        "Thank you, Elon.\n",
        "Thank you, Elon.\n\nElon Reeve Musk - Chairman & Chief Executive Officer\n\nYou're welcome, Deepak.\n", 1,
    )
    second = text.index("Our next question comes from the line of James Albertine")
    start = text.rindex("Operator", 0, second)
    end = text.index("Operator", text.index("Take care."))
    path.write_text(text[:start] + text[end:])

    checked = subprocess.run([str(BIN / "onrecord"), "check", "content", "--strict"], cwd=repo,
                             capture_output=True, text=True)
    assert checked.returncode == 1 and "[anchor.moved]" in checked.stderr
    recorded = run(str(BIN / "onrecord"), "check", "content", "--record-moves", "--strict", cwd=repo)
    assert "[anchor.recorded]" in recorded
    run(str(BIN / "onrecord"), "check", "content", "--strict", cwd=repo)  # recorded: nothing left to say
    site = repo / "site"
    run(str(BIN / "onrecord"), "build", "--strict", "--content", "content", "--site-dir", str(site), cwd=repo)
    after = json.loads((site / "transcripts" / "tesla-2015-q3" / "transcript.json").read_text())

    with served(site) as url:
        yield url, before, after


@pytest.fixture(scope="module")
def base_url(corrected):
    """The corrected site, for the shared `page` and `context` (tests/browser/conftest.py): what the browser
    says (page errors, console errors, failed requests) is heard and shown beside a failure."""
    return corrected[0]


def words_of(export: dict, anchor: str) -> str:
    return next(t for t in export["turns"] if t["id"] == anchor)["paragraphs"][0]


def test_an_old_turn_link_lands_on_the_same_words(corrected, page):
    _, before, after = corrected
    assert words_of(after, "t42") != words_of(before, "t42")  # the correction did shift it
    page.goto("/transcripts/tesla-2015-q3/#t42")
    page.wait_for_function("location.search.includes('v=2')")
    target = page.locator(":target")
    assert target.locator("p:not(.who)").first.inner_text() == words_of(before, "t42")
    assert page.url.endswith("?v=2#" + target.get_attribute("id"))


def test_an_old_exchange_link_lands_on_the_same_questioner(corrected, page):
    _, before, _ = corrected
    old_q5 = next(e for e in before["exchanges"] if e["id"] == "q5")["questioner"]
    page.goto("/transcripts/tesla-2015-q3/#q5")
    page.wait_for_function("location.search.includes('v=2')")
    heading = page.locator(":target")
    assert heading.get_attribute("id") == "q4"
    assert heading.inner_text().startswith("Q4 · Patrick K. Archambault") and old_q5 == "patrick-k-archambault"


def test_a_link_of_the_current_edition_is_not_moved(corrected, page):
    _, _, after = corrected
    page.goto("/transcripts/tesla-2015-q3/?v=2#t42")
    assert page.locator(":target").get_attribute("id") == "t42"
    assert page.locator(":target p:not(.who)").first.inner_text() == words_of(after, "t42")


def test_speaker_pages_link_to_the_current_edition(corrected, page):
    _, _, after = corrected
    page.goto("/speakers/patrick-k-archambault/")
    link = page.locator("a.turn-ref").first
    assert "?v=2#" in link.get_attribute("href")
    anchor = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(rf"/transcripts/tesla-2015-q3/\?v=2#{anchor}$"))  # the page it opens, not this one
    assert page.locator(":target").get_attribute("id") == anchor
    assert page.locator(":target p:not(.who)").first.inner_text() == words_of(after, anchor)


@pytest.mark.parametrize("hash_", ["#%E0", "#t42%", "#%C3%28"])
def test_a_link_whose_fragment_is_not_valid_percent_encoding_raises_no_page_error(page, hash_):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/transcripts/tesla-2015-q3/" + hash_)  # until it has loaded: the deferred scripts have run
    assert errors == []
    page.wait_for_function("location.search.includes('v=2')")  # the edition script ran to its end
    assert page.evaluate("location.hash") == hash_  # taken literally: no recorded anchor, so not moved


def test_a_search_landing_whose_fragment_is_not_valid_percent_encoding_still_marks_the_words(page):
    page.goto("/transcripts/tesla-2015-q3/?pagefind-highlight=gigafactory#%E0")
    page.wait_for_selector("html[data-highlighted]")  # highlight.js ran to its end, the hash taken literally
    assert int(page.get_attribute("html", "data-highlighted")) >= 3
