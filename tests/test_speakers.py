"""Speakers across transcripts: one person, one page, every word they said."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from onrecord.diagnostics import INFO, Report
from onrecord.pipeline import load

from .conftest import ROOT

NORTHWIND = Path(__file__).resolve().parent / "corpora" / "northwind"
BIN = Path(sys.executable).parent

# Who the three Northwind calls are about, written down from reading them.
EXPECTED_PEOPLE = {
    # A placeholder is someone of one call: three calls, three operators.
    "northwind-2024-q1-operator": {"Operator"},
    "northwind-2024-q2-operator": {"Operator"},
    "northwind-2024-q3-operator": {"Operator"},
    "dana-k-whitfield": {"Dana K. Whitfield", "Dana Whitfield", "Mr. Dana Whitfield"},
    "omar-haddad": {"Omar Haddad", "Dr. Omar Haddad"},
    "colin-michael-langan": {"Colin Michael Langan", "Colin Langan"},
    "jamie-albertine": {"Jamie Albertine"},
    "daniel-v-galves": {"Daniel V. Galves", "Dan Galves"},
    "andrea-susan-james": {"Andrea Susan James", "Andrea James"},
    "sarah-james": {"Sarah James"},
    "john-j-murphy": {"John J. Murphy"},
    "john-murphy": {"John Murphy"},
}


def labels_by_person(corpus) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for transcript in corpus.transcripts:
        for turn in transcript.turns:
            if turn.speaker and turn.label:
                name = turn.label.split(" - ")[0].replace("<u>", "").replace("</u>", "")
                found.setdefault(turn.speaker, set()).add(name)
    return found


def northwind_copy(folder: Path) -> Path:
    """The fixture corpus copied out of the source tree: a build keeps its cache beside its content."""
    shutil.copytree(NORTHWIND, folder / "northwind")
    return folder / "northwind"


@pytest.fixture(scope="module")
def northwind(tmp_path_factory):
    content = northwind_copy(tmp_path_factory.mktemp("northwind"))
    report = Report(root=content)
    return load(content, report), report


def test_fixture_corpus_resolves_into_the_people_it_is_about(northwind):
    corpus, _ = northwind
    assert labels_by_person(corpus) == EXPECTED_PEOPLE
    assert {s.id for s in corpus.speakers} == set(EXPECTED_PEOPLE)


def test_spelling_variants_middle_names_honorifics_and_short_forms_are_one_person(northwind):
    corpus, _ = northwind
    people = labels_by_person(corpus)
    assert {"Colin Michael Langan", "Colin Langan"} <= people["colin-michael-langan"]
    assert {"Daniel V. Galves", "Dan Galves"} <= people["daniel-v-galves"]
    assert {"Dr. Omar Haddad", "Omar Haddad"} <= people["omar-haddad"]
    galves = next(s for s in corpus.speakers if s.id == "daniel-v-galves")
    assert "Daniel Galves" in galves.aliases  # as the operator introduced him


def test_two_people_who_share_only_a_surname_are_not_merged(northwind):
    corpus, report = northwind
    assert "andrea-susan-james" in {s.id for s in corpus.speakers} and "sarah-james" in {s.id for s in corpus.speakers}
    assert not any("Sarah James" in d.message for d in report.diagnostics)


def test_a_near_miss_is_refused_and_reported(northwind):
    _, report = northwind
    refused = [d for d in report.diagnostics if d.code == "speaker.not_merged"]
    assert len(refused) == 1
    assert refused[0].level == INFO and refused[0].path == "transcripts/northwind-2024-q2.txt"
    assert "'John Murphy' and 'John J. Murphy' are kept apart: different organisations" in refused[0].message


def test_every_automatic_merge_is_reported_with_its_reason(northwind):
    _, report = northwind
    merges = [d.message for d in report.diagnostics if d.code == "speaker.merged"]
    assert any("'Dana Whitfield', 'Mr. Dana Whitfield' are one person" in m for m in merges)
    assert any("'Daniel V. Galves' and 'Dan Galves' are taken to be one person" in m for m in merges)
    assert any("'Colin Michael Langan' and 'Colin Langan'" in m and "same organisation" in m for m in merges)
    assert all(d.level == INFO and d.line > 0 for d in report.diagnostics if d.code.startswith("speaker."))


def test_an_executive_with_a_new_title_keeps_one_page_with_the_change(northwind):
    corpus, _ = northwind
    haddad = next(s for s in corpus.speakers if s.id == "omar-haddad")
    assert haddad.title == "Chief Operating Officer"  # the newest call's
    titles = {a.slug: a.title for a in haddad.history}
    assert titles == {
        "northwind-2024-q1": "Chief Financial Officer",
        "northwind-2024-q2": "Chief Operating Officer",
        "northwind-2024-q3": "Chief Operating Officer",
    }
    q1 = next(t for t in corpus.transcripts if t.slug == "northwind-2024-q1")
    assert q1.speaker("omar-haddad").title == "Chief Financial Officer"  # each page keeps its own title


def test_an_analyst_who_changes_firm_is_one_person(northwind):
    corpus, _ = northwind
    albertine = next(s for s in corpus.speakers if s.id == "jamie-albertine")
    assert albertine.organisation == "Wells Fargo Securities LLC"
    assert [a.organisation for a in albertine.history] == ["Wells Fargo Securities LLC", "Stifel, Nicolaus & Co., Inc."]
    assert albertine.role == "questioner"


def test_speakers_yml_overrides_what_was_found(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(NORTHWIND, content)
    (content / "speakers.yml").write_text(
        "people:\n"
        "  - id: john-murphy\n"
        "    name: John Murphy\n"
        "    aliases: [John J. Murphy]\n"
        "    role: questioner\n"
        "    organisation: Citigroup\n"
        "    bio: Covers industrials; moved from Bank of America to Citi in 2024.\n"
        "  - name: Dana Whitfield\n"
        "    role: company\n"
        "    title: Founder & Chief Executive Officer\n"
        "  - role: nobody\n",
        encoding="utf-8",
    )
    report = Report(root=content)
    corpus = load(content, report)
    murphy = next(s for s in corpus.speakers if s.id == "john-murphy")
    assert murphy.organisation == "Citigroup" and murphy.bio.startswith("Covers industrials")
    assert "john-j-murphy" not in {s.id for s in corpus.speakers}
    whitfield = next(s for s in corpus.speakers if s.name == "Dana Whitfield")
    assert whitfield.id == "dana-whitfield" and whitfield.title == "Founder & Chief Executive Officer"
    assert "Dana K. Whitfield" in labels_by_person(corpus)["dana-whitfield"]
    assert not [d for d in report.diagnostics if d.code == "speaker.not_merged"]
    bad = [d for d in report.diagnostics if d.code == "speakers.entry"]
    assert bad and bad[0].path == "speakers.yml" and bad[0].line == 11


def test_diarisation_placeholders_are_never_one_person_across_transcripts(tmp_path):
    for name in ("a", "b"):
        path = tmp_path / "transcripts" / f"{name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Alice Smith - Chief Executive Officer\n\nHello.\n\nUnknown Speaker - Guest\n\nHi.\n")
    corpus = load(tmp_path, Report())
    ids = {s.id for s in corpus.speakers}
    assert {"a-unknown-speaker", "b-unknown-speaker", "alice-smith"} <= ids


def test_starter_speakers_yml_round_trips(tmp_path):
    from click.testing import CliRunner

    from onrecord.cli import main

    content = northwind_copy(tmp_path)
    result = CliRunner().invoke(main, ["speakers", str(content), "--yml"])
    (content / "speakers.yml").write_text(result.stdout)
    report = Report(root=content)
    corpus = load(content, report)
    assert labels_by_person(corpus) == EXPECTED_PEOPLE
    assert not [d for d in report.diagnostics if d.code.startswith("speaker") and d.level != INFO]


@pytest.mark.slow
def test_speaker_pages_and_links_build_strict(tmp_path):
    site = tmp_path / "site"
    result = subprocess.run(
        [str(BIN / "onrecord"), "build", "--strict", "--content", str(northwind_copy(tmp_path)), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    people = json.loads((site / "speakers" / "speakers.json").read_text())
    assert people["schema"] == "onrecord.speakers/1"
    assert {p["id"] for p in people["speakers"]} == set(EXPECTED_PEOPLE)
    haddad = (site / "speakers" / "omar-haddad" / "index.html").read_text()
    assert "<svg" in haddad and "Chief Financial Officer" in haddad and "Chief Operating Officer" in haddad
    assert haddad.index("northwind-2024-q3") < haddad.index("northwind-2024-q1")  # newest first
    assert 'href="../../transcripts/northwind-2024-q2/#q4"' in haddad  # an exchange he answered
    transcript = (site / "transcripts" / "northwind-2024-q3" / "index.html").read_text()
    assert 'href="../../speakers/omar-haddad/"' in transcript and 'href="../../speakers/dana-k-whitfield/"' in transcript
    exported = json.loads((site / "transcripts" / "northwind-2024-q3" / "transcript.json").read_text())
    assert {s["id"] for s in exported["speakers"]} >= {"dana-k-whitfield", "omar-haddad", "jamie-albertine"}
    index = (site / "speakers" / "index.html").read_text()
    assert index.index("Executives") < index.index("Analysts") and "Dougherty &amp; Co. LLC" in index  # a call's names
    assert "northwind-2024-q1-operator" not in index and "Not listed here: 3 placeholders" in index
    assert not (site / "speakers" / "northwind-2024-q1-operator").exists()


def test_front_matter_participants_give_roles_titles_and_firms(tmp_path):
    path = tmp_path / "transcripts" / "call.txt"
    path.parent.mkdir(parents=True)
    path.write_text(
        "---\nparticipants:\n  - {name: Pat Lee, role: company, title: Head of Strategy, organisation: Northwind}\n"
        "  - {name: Sam Roe, role: questioner, organisation: Big Bank}\n  - {name: Nobody}\n---\n"
        "Pat Lee - Adviser\n\nWelcome.\n\nSam Roe - Guest\n\nA question.\n",
        encoding="utf-8",
    )
    report = Report(root=tmp_path)
    corpus = load(tmp_path, report)
    people = {s.id: s for s in corpus.transcripts[0].speakers}
    assert (people["pat-lee"].role, people["pat-lee"].title, people["pat-lee"].organisation) == (
        "company", "Head of Strategy", "Northwind")
    assert (people["sam-roe"].role, people["sam-roe"].organisation) == ("questioner", "Big Bank")
    assert not [d for d in report.diagnostics if d.code == "meta.participants"]  # a name alone is fine


def test_a_participant_with_an_unknown_role_is_reported_with_its_line(tmp_path):
    path = tmp_path / "transcripts" / "call.txt"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Call\nparticipants: {Pat Lee: boss}\n---\nPat Lee - Adviser\n\nWelcome.\n")
    report = Report(root=tmp_path)
    load(tmp_path, report)
    warned = [d for d in report.diagnostics if d.code == "meta.participants"]
    assert [(d.line, d.level) for d in warned] == [(3, "warning")] and "'boss'" in warned[0].message
